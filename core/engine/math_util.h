// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>

#include "core/engine/vector_math.h"

namespace losslab {

inline constexpr double kLog2 = 0.69314718055994530942;

/// sign with sign(0) = 0: TensorFlow's abs′ and PyTorch's sgn (spec §1.4).
inline double signum(double x) {
  return static_cast<double>((x > 0) - (x < 0));
}

/// log(1 + e^x) without overflow: max(x, 0) + log1p(e^{−|x|}).
/// Branch-free (vector_math.h): vectorises inside the fused element-wise loop.
inline double softplus(double x) {
  return vmath::softplus(x);
}

/// 1 / (1 + e^{−x}), evaluated on the side where e^{...} cannot overflow (vector_math.h).
inline double sigmoid(double x) {
  return vmath::sigmoid(x);
}

/// log σ(x) = −softplus(−x).
inline double logSigmoid(double x) {
  return -softplus(-x);
}

}  // namespace losslab
