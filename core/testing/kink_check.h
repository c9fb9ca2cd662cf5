// SPDX-License-Identifier: GPL-3.0-or-later
// Checks of a loss's exact points (LossFacts::kinks) on its own curve: the value, d1 and d2 the
// table states, and central differences at probes on both sides of each point (never at it).
// Linked by tests only.
#pragma once

#include <string>
#include <vector>

#include "core/engine/curve.h"

namespace losslab {

/// value, d/dx and d²/dx² of a loss's curve at one x (NaN where the curve has none; `valid`
/// false outside the curve's domain).
struct PathPoint {
  double value = 0;
  double d1 = 0;
  double d2 = 0;
  bool valid = false;
};

/// The loss's curve `variant` (empty: the first) at x, with the axis's default target.
PathPoint curvePoint(const Loss& loss, const std::string& variant, double x);

/// What a kink check found.
struct KinkReport {
  int checked = 0;                    // comparisons made
  std::vector<std::string> failures;  // one line each: the point, what, expected and actual
};

/// Compares every exact point of `points` with the curve: |actual − expected| ≤
/// tolerance · max(1, |expected|) for value, d1 and d2 (a NaN d2 must be NaN).
KinkReport checkExactPoints(const Loss& loss,
                            const std::vector<KinkPoint>& points,
                            double tolerance);

/// Central differences at x ± 10⁻⁴·s (s = |x|, or 1 at 0) with step 10⁻⁸·s, so that no
/// stencil touches x and the step is small against the distance to the kink: d1 against the
/// difference of the value, d2 against the difference of d1 where the curve has a d2. Relative
/// errors with an absolute floor of `floor`·max(1, |f|).
KinkReport checkAroundPoints(const Loss& loss,
                             const std::vector<KinkPoint>& points,
                             double tolerance,
                             double floor = 1e-9);

/// The same central differences at an arbitrary point of the curve.
KinkReport checkCurveDerivatives(const Loss& loss,
                                 const std::string& variant,
                                 double x,
                                 double step,
                                 double tolerance,
                                 double floor = 1e-9);

}  // namespace losslab
