// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace losslab::ui {

/// Paces the repaints of a live plot by their measured cost, so that painting takes at most
/// kShare of the UI thread's time and the event loop answers in between: after a replot that
/// took c ms and ended at t, the next one is due at t + max(c (1 / kShare − 1), kMinPeriodMs − c)
/// (a cheap replot: at most one per kMinPeriodMs, ≈ 60 Hz). A pure value on a millisecond clock
/// the caller reads (as EpochPacer), so the schedule is tested without timing.
class RepaintPacer {
 public:
  static constexpr double kShare = 0.4;
  static constexpr double kMinPeriodMs = 16;

  /// Records a replot that ended at `endMs` and took `costMs`.
  void painted(std::int64_t endMs, double costMs) {
    const double cost = std::max(0.0, costMs);
    const double pause = std::max(cost * (1 / kShare - 1), kMinPeriodMs - cost);
    m_nextMs = endMs + static_cast<std::int64_t>(std::ceil(pause));
  }
  /// How long to wait from `nowMs` until the next replot is due (0: due now).
  std::int64_t waitMs(std::int64_t nowMs) const {
    return std::max<std::int64_t>(0, m_nextMs - nowMs);
  }
  bool due(std::int64_t nowMs) const { return waitMs(nowMs) == 0; }

 private:
  std::int64_t m_nextMs = 0;  // due at once before the first replot
};

}  // namespace losslab::ui
