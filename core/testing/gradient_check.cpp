// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/testing/gradient_check.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace losslab {

namespace {

double stepFor(double x) {
  return std::cbrt(std::numeric_limits<double>::epsilon()) * std::fmax(1.0, std::fabs(x));
}

/// `noise`: the rounding error of the central difference itself, 4ε|f|/(2h) for the differenced
/// f: no difference below it means anything (an exactly cancelling gradient is 0 to within it).
void record(GradientReport& report,
            double analytic,
            double numeric,
            double noise,
            double floor,
            const std::string& what) {
  ++report.checked;
  const double scale = std::fmax(std::fmax(std::fabs(analytic), std::fabs(numeric)), floor);
  const double error = std::isfinite(analytic) && std::isfinite(numeric)
                           ? std::fmax(0.0, std::fabs(analytic - numeric) - noise) / scale
                           : std::numeric_limits<double>::infinity();
  if (error > report.maxError || (std::isnan(error) && !std::isnan(report.maxError))) {
    report.maxError = error;
    std::ostringstream out;
    out.precision(10);
    out << what << ": analytic " << analytic << ", numeric " << numeric;
    report.worst = out.str();
  }
}

}  // namespace

GradientReport checkGradient(const Loss& loss, const EvalRequest& request, double floor) {
  GradientReport report;
  const Evaluation base = evaluate(loss, request);
  EvalRequest probe = request;

  auto checkTensor = [&](Tensor& x, const Tensor& analytic, const Tensor* analyticD2,
                         const std::string& name) {
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const double saved = x(i, j);
        const double h = stepFor(saved);
        x(i, j) = saved + h;
        const Evaluation plus = evaluate(loss, probe);
        x(i, j) = saved - h;
        const Evaluation minus = evaluate(loss, probe);
        x(i, j) = saved;
        const std::string where = name + "(" + std::to_string(i) + ", " + std::to_string(j) + ")";
        constexpr double kRounding = 4 * std::numeric_limits<double>::epsilon();
        record(report, analytic(i, j), (plus.value - minus.value) / (2 * h),
               kRounding * std::fmax(std::fabs(plus.value), std::fabs(minus.value)) / (2 * h),
               floor, "d/d" + where);
        if (analyticD2 && analyticD2->size() > 0) {
          const double g = std::fmax(std::fabs(plus.grad(i, j)), std::fabs(minus.grad(i, j)));
          record(report, (*analyticD2)(i, j), (plus.grad(i, j) - minus.grad(i, j)) / (2 * h),
                 kRounding * g / (2 * h), floor, "d2/d" + where + "^2");
        }
      }
    }
  };

  checkTensor(probe.yPred.values, base.grad, &base.d2, "y_pred");
  for (const ExtraInput& extra : loss.info().extras) {
    auto it = probe.extras.find(extra.name);
    if (extra.differentiable && it != probe.extras.end()) {
      checkTensor(it->second.values, base.extraGrads.at(extra.name), nullptr, extra.name);
    }
  }
  return report;
}

}  // namespace losslab
