// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/testing/kink_check.h"

#include <cmath>
#include <sstream>

namespace losslab {

namespace {

bool close(double actual, double expected, double tolerance, double floor) {
  if (std::isnan(expected)) {
    return std::isnan(actual);
  }
  if (std::isinf(expected)) {
    return actual == expected;
  }
  const double scale = std::fmax(std::fmax(std::fabs(actual), std::fabs(expected)), floor);
  return std::fabs(actual - expected) <= tolerance * scale;
}

std::string where(const Loss& loss, const std::string& variant, double x) {
  std::ostringstream out;
  out.precision(17);
  out << loss.info().id << (variant.empty() ? "" : " (" + variant + ")") << " at x = " << x;
  return out.str();
}

void compare(KinkReport& report,
             const std::string& what,
             double actual,
             double expected,
             double tolerance,
             double floor) {
  ++report.checked;
  if (!close(actual, expected, tolerance, floor)) {
    std::ostringstream out;
    out.precision(17);
    out << what << ": expected " << expected << ", got " << actual;
    report.failures.push_back(out.str());
  }
}

}  // namespace

PathPoint curvePoint(const Loss& loss, const std::string& variant, double x) {
  CurveRequest request;
  request.variant = variant;
  request.target = curveAxis(loss.info(), loss.params()).target;
  request.from = x;
  request.to = x + 1;  // a second point: a curve has at least two
  request.points = 2;
  CurveEvaluator evaluator;
  const CurveData& data = evaluator.evaluate(loss, request);
  PathPoint p;
  p.value = data.value[0];
  p.d1 = data.d1[0];
  p.d2 = data.d2[0];
  p.valid = !std::isnan(p.value);
  return p;
}

KinkReport checkExactPoints(const Loss& loss,
                            const std::vector<KinkPoint>& points,
                            double tolerance) {
  KinkReport report;
  for (const KinkPoint& k : points) {
    const PathPoint p = curvePoint(loss, k.variant, k.x);
    const std::string at = where(loss, k.variant, k.x) + " [" + k.why + "]";
    compare(report, at + " value", p.value, k.value, tolerance, 1);
    compare(report, at + " d1", p.d1, k.d1, tolerance, 1);
    compare(report, at + " d2", p.d2, k.d2, tolerance, 1);
  }
  return report;
}

KinkReport checkCurveDerivatives(const Loss& loss,
                                 const std::string& variant,
                                 double x,
                                 double step,
                                 double tolerance,
                                 double floor) {
  KinkReport report;
  const PathPoint centre = curvePoint(loss, variant, x);
  const PathPoint plus = curvePoint(loss, variant, x + step);
  const PathPoint minus = curvePoint(loss, variant, x - step);
  if (!centre.valid || !plus.valid || !minus.valid) {
    return report;  // outside the curve's domain: nothing to difference
  }
  const std::string at = where(loss, variant, x);
  const double slope = (plus.value - minus.value) / (2 * step);
  compare(report, at + " d1 vs central difference of the value", centre.d1, slope, tolerance,
          floor * std::fmax(1, std::fabs(centre.value)) / step);
  if (!std::isnan(centre.d2)) {
    const double curvature = (plus.d1 - minus.d1) / (2 * step);
    compare(report, at + " d2 vs central difference of d1", centre.d2, curvature, tolerance,
            floor * std::fmax(1, std::fabs(centre.d1)) / step);
  }
  return report;
}

KinkReport checkAroundPoints(const Loss& loss,
                             const std::vector<KinkPoint>& points,
                             double tolerance,
                             double floor) {
  KinkReport report;
  for (const KinkPoint& k : points) {
    const double scale = k.x != 0 ? std::fabs(k.x) : 1.0;
    for (double side : {-1.0, 1.0}) {
      KinkReport one = checkCurveDerivatives(loss, k.variant, k.x + side * 1e-4 * scale,
                                             1e-8 * scale, tolerance, floor);
      report.checked += one.checked;
      for (std::string& failure : one.failures) {
        report.failures.push_back(failure + " (" + (side < 0 ? "left" : "right") + " of " + k.why +
                                  ")");
      }
    }
  }
  return report;
}

}  // namespace losslab
