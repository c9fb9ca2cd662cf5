// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/run_history.h"

#include <algorithm>

#include "ui/common/plot_style.h"

namespace losslab::ui {

void RunHistory::restart(const QStringList& names) {
  m_runs.clear();
  for (qsizetype r = 0; r < names.size(); ++r) {
    m_runs.push_back({names[r], defaultCurveColor(static_cast<int>(r)), {}});
  }
}

bool RunHistory::rename(const QStringList& names) {
  if (names.size() != size()) {
    return false;
  }
  for (std::size_t r = 0; r < m_runs.size(); ++r) {
    m_runs[r].name = names[static_cast<qsizetype>(r)];
  }
  return true;
}

void RunHistory::append(const EpochStats& stats) {
  if (stats.run >= 0 && stats.run < size()) {
    m_runs[static_cast<std::size_t>(stats.run)].epochs.push_back(stats);
  }
}

int RunHistory::finishedEpochs() const {
  int fewest = 0;
  for (std::size_t r = 0; r < m_runs.size(); ++r) {
    const int e = m_runs[r].epochs.empty() ? 0 : m_runs[r].epochs.back().epoch;
    fewest = r == 0 ? e : std::min(fewest, e);
  }
  return fewest;
}

}  // namespace losslab::ui
