// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <vector>

#include "ui/training/training_snapshot.h"

namespace losslab::ui {

/// One run's record: its name (the loss with its parameters), its colour and every epoch since
/// the run started.
struct RunRecord {
  QString name;
  QColor color;
  std::vector<EpochStats> epochs;
};

/// The epochs of every run of the current training, in the controller's order. The history
/// plot, the metrics table and the exports read it; the Training tab fills it from the
/// controller's signals.
class RunHistory {
 public:
  /// Starts over with one empty run per name (a new run: reset, new data, network or losses).
  void restart(const QStringList& names);
  /// The same runs renamed (a live change of a loss's parameters); false if the count differs.
  bool rename(const QStringList& names);
  void append(const EpochStats& stats);

  const std::vector<RunRecord>& runs() const { return m_runs; }
  int size() const { return static_cast<int>(m_runs.size()); }
  /// The epochs every run has finished (the runs train in lock-step): the fewest, 0 if none.
  int finishedEpochs() const;

 private:
  std::vector<RunRecord> m_runs;
};

}  // namespace losslab::ui
