// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <cstdint>
#include <vector>

namespace losslab::ui {

/// An event-loop latency probe: a 1-ms precise QTimer on the UI thread records the gap between
/// consecutive timeouts. A gap is how long the loop could not answer (painting, a slot, a
/// blocked call) plus the 1-ms period; the longest one is the longest stall a user could feel.
class StallProbe : public QObject {
 public:
  StallProbe() {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    QObject::connect(&m_timer, &QTimer::timeout, this, [this] { beat(); });
  }
  void start() {
    m_gapsMs.clear();
    m_clock.start();
    m_last = 0;
    m_timer.start();
  }
  void stop() { m_timer.stop(); }
  double longestMs() const {
    return m_gapsMs.empty() ? 0 : *std::max_element(m_gapsMs.begin(), m_gapsMs.end());
  }
  /// The p-quantile of the gaps (p in [0, 1]).
  double percentileMs(double p) const {
    if (m_gapsMs.empty()) {
      return 0;
    }
    std::vector<double> sorted = m_gapsMs;
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1));
    return sorted[index];
  }

 private:
  void beat() {
    const std::int64_t now = m_clock.nsecsElapsed();
    m_gapsMs.push_back(static_cast<double>(now - m_last) / 1e6);
    m_last = now;
  }

  QTimer m_timer;
  QElapsedTimer m_clock;
  std::int64_t m_last = 0;
  std::vector<double> m_gapsMs;
};

}  // namespace losslab::ui
