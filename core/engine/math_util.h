// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>

namespace losslab {

inline constexpr double kLog2 = 0.69314718055994530942;

/// sign with sign(0) = 0: TensorFlow's abs′ and PyTorch's sgn (spec §1.4).
inline double signum(double x) {
  return static_cast<double>((x > 0) - (x < 0));
}

/// log(1 + e^x) without overflow: max(x, 0) + log1p(e^{−|x|}).
inline double softplus(double x) {
  return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
}

/// 1 / (1 + e^{−x}), evaluated on the side where e^{...} cannot overflow.
inline double sigmoid(double x) {
  if (x >= 0) {
    return 1.0 / (1.0 + std::exp(-x));
  }
  const double e = std::exp(x);
  return e / (1.0 + e);
}

/// log σ(x) = −softplus(−x).
inline double logSigmoid(double x) {
  return -softplus(-x);
}

}  // namespace losslab
