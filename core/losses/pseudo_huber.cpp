// SPDX-License-Identifier: GPL-3.0-or-later
// Pseudo-Huber (Charbonnier), the smooth Huber: quadratic near 0, linear with slope δ far out.
// Neither Keras nor PyTorch has it; it equals ceres_soft_l1 (a = δ) for one column and
// δ²·barron_general(α = 1, c = δ).
#include "core/losses/loss_file.h"

namespace losslab {

namespace {

/// e = δ²(√(1 + (r/δ)²) − 1), e′ = r/√(1 + (r/δ)²), e″ = (1 + (r/δ)²)^{−3/2}. At r = 0: [0, 0, 1].
struct PseudoHuber {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit PseudoHuber(const ParamValues& params) : m_delta(param(params, "delta")) {}
  LossEval operator()(double p, double t) const {
    const double u = (p - t) / m_delta;
    const double root = std::sqrt(1 + u * u);
    return {m_delta * m_delta * (root - 1), m_delta * u / root, 1 / (root * root * root)};
  }
  double m_delta;
};

}  // namespace

LOSSLAB_LOSS_FILE(pseudo_huber) {
  LossInfo info{.id = "pseudo_huber",
                .name = LL_TR("Engine", "Pseudo-Huber (δ)"),
                .family = Family::Robust,
                .framework = Framework::Reference,
                .summary = LL_TR("Engine", "mean_j δ²(√(1 + (r/δ)²) − 1)"),
                .params = {positiveParam(
                    "delta", LL_TR("Engine", "δ (scale)"), 1.0,
                    LL_TR("Engine", "Quadratic for |r| ≪ δ, slope ±δ for |r| ≫ δ"), 0.01, 10)},
                .elementwise = true};
  info.facts.formula = formula({"delta"}, "square(delta)*(sqrt(1 + square(r/delta)) - 1)");
  info.facts.kinks = std::vector<KinkPoint>{point(0, 0, 0, 1, "the origin")};
  info.facts.examples = {{{"delta", 0.4}}, {{"delta", 3}}};
  registry.add<ElementwiseLoss<PseudoHuber>>(std::move(info));
}

}  // namespace losslab
