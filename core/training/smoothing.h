// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace losslab {

/// TensorBoard's smoothing of a scalar series: an exponential moving average started at 0 and
/// divided by the weight it has given to real values (debiased), so the first points are not
/// pulled towards 0:
///   last_t = w last_{t−1} + (1 − w) v_t,   s_t = last_t / (1 − wᵗ),   t = finite values seen.
/// Non-finite values are returned as they are and do not enter the average. w = 0 returns
/// every value unchanged; w ∈ [0, 1).
class EmaSmoother {
 public:
  explicit EmaSmoother(double weight = 0) : m_weight(weight) {}

  /// The smoothed value after `value`.
  double add(double value);
  double weight() const { return m_weight; }

 private:
  double m_weight;
  double m_last = 0;
  int m_count = 0;
};

}  // namespace losslab
