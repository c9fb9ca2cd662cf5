// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/engine/pipeline.h"

namespace losslab {

/// How the analytic derivatives of a loss compare with central differences.
struct GradientReport {
  double maxError = 0;  // largest |analytic − numeric| / max(|analytic|, |numeric|, floor)
  std::string worst;    // where it happened, e.g. "d/dy_pred(2, 0): analytic 0.5, numeric 0.49"
  int checked = 0;      // number of derivatives compared
};

/// Compares ∂value/∂ŷ (and ∂value/∂x for every differentiable extra input) with central
/// differences of the reduced value, and for element-wise losses the diagonal second derivative
/// with central differences of the analytic gradient.
///
/// The step is h = cbrt(ε_mach) · max(1, |x|): for a central difference the truncation error is
/// O(h²) and the rounding error O(ε/h), balanced at h ∝ ε^{1/3} (NumericalDiff's ε|x| rule is for
/// forward differences). Errors are relative with an absolute floor `floor`, so derivatives
/// that are 0 analytically do not divide by zero.
GradientReport checkGradient(const Loss& loss, const EvalRequest& request, double floor = 1e-6);

}  // namespace losslab
