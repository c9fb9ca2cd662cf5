// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>

namespace losslab::ui {

/// The schedule of slow-motion training: at a rate of r epochs per second, epoch k (0-based)
/// after the anchor (the moment the pace was set or training started) is due at anchor + k / r,
/// so the first one trains at once. A pure
/// value on a millisecond clock the caller reads, so the schedule is tested without timing.
///
/// When training falls behind (an epoch takes longer than 1 / r, or the machine was busy), the
/// backlog is not trained in a burst: due() never reports more than one epoch, and the anchor
/// moves so the next epoch is due 1 / r after the late one. Rate 0 means "as fast as possible".
class EpochPacer {
 public:
  /// Starts the schedule at `nowMs` with `rate` epochs per second (0: unpaced).
  void restart(std::int64_t nowMs, double rate) {
    m_rate = rate > 0 ? rate : 0;
    m_anchorMs = nowMs;
    m_done = 0;
  }
  double rate() const { return m_rate; }
  bool paced() const { return m_rate > 0; }

  /// The clock time at which the next epoch is due.
  std::int64_t nextDueMs() const {
    return m_anchorMs +
           static_cast<std::int64_t>(std::llround(1000.0 * static_cast<double>(m_done) / m_rate));
  }
  /// True if an epoch may be trained at `nowMs` (always when unpaced).
  bool due(std::int64_t nowMs) const { return !paced() || nowMs >= nextDueMs(); }
  /// How long to wait from `nowMs` until the next epoch is due (0 when due or unpaced).
  std::int64_t waitMs(std::int64_t nowMs) const { return due(nowMs) ? 0 : nextDueMs() - nowMs; }
  /// Records an epoch trained at `nowMs`. An epoch later than one period behind its due time
  /// re-anchors the schedule there (no catching up in a burst).
  void trained(std::int64_t nowMs) {
    if (!paced()) {
      return;
    }
    const double periodMs = 1000.0 / m_rate;
    if (static_cast<double>(nowMs - nextDueMs()) > periodMs) {
      m_anchorMs = nowMs;  // the late epoch is epoch 0 of a new schedule
      m_done = 1;
      return;
    }
    ++m_done;
  }

 private:
  double m_rate = 0;
  std::int64_t m_anchorMs = 0;
  std::int64_t m_done = 0;
};

}  // namespace losslab::ui
