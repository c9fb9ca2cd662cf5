// SPDX-License-Identifier: GPL-3.0-or-later
// Margin classification losses (spec §2.3): Keras hinge, squared_hinge and categorical_hinge,
// PyTorch soft_margin. ŷ are real scores; the origin of every doc comment is ŷ = 0 with a
// positive label (y = 1, or the one-hot row for categorical_hinge).
#include <algorithm>
#include <cmath>

#include "core/losses/loss_file.h"

namespace losslab {

namespace {

/// Keras' convert_binary_labels_to_hinge: if EVERY element of the y_true tensor passed to the
/// call is 0 or 1, labels become 2y − 1; otherwise all labels are used as they are. The test is
/// over the whole batch, so a batch mixing −1 and 0 is not converted and its 0 labels give
/// max(1 − 0·ŷ, 0) = 1 with zero gradient (spec §2.3).
bool isZeroOneBatch(const Tensor& target) {
  return ((target == 0.0) || (target == 1.0)).all();
}

/// The training pass's guess (ElementwiseLoss's optimistic checks): labels are converted if the
/// first 64 are all 0 or 1. One label outside {0, 1} settles "no conversion" for the whole batch;
/// a converting guess is confirmed by admits() on every element in the fused pass, and a batch
/// that refutes it (a −1 after 64 ones) is run again with forBatch()'s full answer.
bool zeroOnePrefix(const Tensor& target) {
  const Eigen::Index n = std::min<Eigen::Index>(target.size(), 64);
  for (Eigen::Index k = 0; k < n; ++k) {
    const double t = target.data()[k];
    if (t != 0.0 && t != 1.0) {
      return false;
    }
  }
  return true;
}

/// Keras hinge. With ỹ the (possibly converted) label, m = 1 − ỹŷ:
///   e = max(m, 0), e′ = −ỹ · 1[m ≥ 0], e″ = 0; ℓ_i = mean_j e_ij.
/// At the kink m = 0 TF's maximum passes the gradient to its first argument, so e′ = −ỹ there
/// (tfjs passes 0 instead). At ŷ = 0, y = 1: [1, −1, 0].
template <class Term>
struct HingeLike {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit HingeLike(const ParamValues&) {}
  HingeLike forBatch(const Tensor&, const Tensor& target) const {
    HingeLike kernel = *this;
    kernel.m_convert = isZeroOneBatch(target);
    return kernel;
  }
  static constexpr bool kOptimistic = true;
  HingeLike optimistic(const Tensor&, const Tensor& target) const {
    HingeLike kernel = *this;
    kernel.m_convert = zeroOnePrefix(target);
    return kernel;
  }
  /// The fused pass runs one loop per label mode, without its branch; the converting one admits
  /// only 0/1 labels (`|`, not `||`: no control flow in the loop, so it vectorises).
  static constexpr bool kHasModes = true;
  template <bool Convert>
  struct Mode {
    bool admits(double, double t) const { return !Convert || ((t == 0.0) | (t == 1.0)); }
    LossEval operator()(double p, double t) const { return Term::eval(p, Convert ? 2 * t - 1 : t); }
  };
  template <class F>
  auto visit(F f) const {
    return m_convert ? f(Mode<true>{}) : f(Mode<false>{});
  }
  LossEval operator()(double p, double t) const {
    return visit([&](const auto& kernel) { return kernel(p, t); });
  }
  bool m_convert = false;  // set per batch by forBatch (or guessed by optimistic)
};

/// Keras hinge. With ỹ the (possibly converted) label, m = 1 − ỹŷ:
///   e = max(m, 0), e′ = −ỹ · 1[m ≥ 0], e″ = 0; ℓ_i = mean_j e_ij.
/// At the kink m = 0 TF's maximum passes the gradient to its first argument, so e′ = −ỹ there
/// (tfjs passes 0 instead). At ŷ = 0, y = 1: [1, −1, 0].
struct HingeTerm {
  static LossEval eval(double p, double y) {
    const double m = 1 - y * p;
    const bool active = m >= 0;  // per-field selects: the lane loop vectorises
    return {active ? m : 0.0, active ? -y : 0.0, 0};
  }
};
using Hinge = HingeLike<HingeTerm>;

/// Keras squared hinge, same label conversion as Hinge. With m = 1 − ỹŷ:
///   e = max(m, 0)², e′ = −2ỹ max(m, 0) (continuous), e″ = 2ỹ² · 1[m ≥ 0] (TF's maximum passes
///   at m = 0, so the second derivative there is the left one). At ŷ = 0, y = 1: [1, −2, 2].
struct SquaredHingeTerm {
  static LossEval eval(double p, double y) {
    const double m = 1 - y * p;
    const bool active = m >= 0;
    return {active ? m * m : 0.0, active ? -2 * y * m : 0.0, active ? 2 * y * y : 0.0};
  }
};
using SquaredHinge = HingeLike<SquaredHingeTerm>;

/// PyTorch SoftMarginLoss, element-wise: e = log(1 + e^{−yx}) = softplus(−yx),
///   e′ = −y σ(−yx), e″ = y² σ(−yx) σ(yx).
/// Deviation (spec §2.3 edges): torch evaluates exp(−yx) first (then log1p; older releases
/// 1 + · and log), so for −yx ≳ 709.78 its value is +inf and its gradient NaN (−y·∞/∞). This
/// overflow-safe form returns the finite value ≈ −yx and gradient −y there instead; older
/// torch's log(1 + e^{−yx}) also rounds to 0 once yx ≳ 36.7, where this form keeps the tiny
/// positive value. Everywhere else the two agree to rounding. At x = 0, y = 1: [log 2, −½, ¼].
struct SoftMargin {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit SoftMargin(const ParamValues&) {}
  LossEval operator()(double x, double y) const {
    // softplus(z), σ(z), σ(−z) from one exponential and one division (vector_math.h).
    const vmath::SoftplusSigmoid s = vmath::softplusSigmoid(-y * x);
    return {s.softplus, -y * s.sigmoid, y * y * s.sigmoid * s.sigmoidNeg};
  }
};

/// Keras categorical hinge, per sample (no mean over the last axis):
///   pos = Σ_k y_k ŷ_k, neg = max_k (1 − y_k) ŷ_k, ℓ = max(neg − pos + 1, 0).
/// The max runs over all classes, the true class contributing (1 − 1)ŷ = 0, so neg ≥ 0 for a
/// one-hot row. Where neg − pos + 1 ≥ 0 (TF's maximum passes at equality):
///   ∂ℓ/∂ŷ_j = −y_j + (1 − y_j) · 1[j ∈ T] / |T|,
/// with T the set of indices tied for the max (TF's reduce_max shares the gradient evenly among
/// ties); else 0. No label conversion. At ŷ = 0 with y one-hot over K classes every (1 − y_k)ŷ_k
/// is 0, a K-way tie: [1, −1 for the true class and 1/K for each other class].
class CategoricalHinge final : public Loss {
 public:
  CategoricalHinge(const LossInfo& info, const ParamValues&) : Loss(info) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Eigen::Index rows = pred.rows();
    const Eigen::Index cols = pred.cols();
    out.unreduced.resize(rows, 1);
    out.grad.setZero(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double pos = (target.row(i) * pred.row(i)).sum();
      const Eigen::ArrayXd other = (1.0 - target.row(i)) * pred.row(i);
      const double neg = other.maxCoeff();
      const double margin = neg - pos + 1;
      if (margin < 0) {
        out.unreduced(i, 0) = 0;
        continue;
      }
      out.unreduced(i, 0) = margin;
      const double ties = static_cast<double>((other == neg).count());
      for (Eigen::Index j = 0; j < cols; ++j) {
        const double share = other(j) == neg ? 1.0 / ties : 0.0;
        out.grad(i, j) = -target(i, j) + (1 - target(i, j)) * share;
      }
    }
  }
};

LossInfo margin(std::string id,
                std::string name,
                Framework framework,
                std::string summary,
                bool elementwise,
                LossFacts facts) {
  LossInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.family = Family::Margin;
  info.framework = framework;
  info.target = TargetKind::SameShape;
  info.curve = CurveKind::Margin;
  info.summary = std::move(summary);
  info.elementwise = elementwise;
  info.facts = std::move(facts);
  return info;
}

/// Scores against ±1 labels, drawn with y = +1 and y = −1.
LossFacts plusMinusOneFacts() {
  LossFacts f;
  f.curve = CurveTraits{.negativeLabel = -1};
  f.inputs = InputDomain{.prediction = Values::Real, .target = Values::PlusMinusOne};
  return f;
}

}  // namespace

LOSSLAB_LOSS_FILE(margin) {
  const Framework keras = Framework::Keras;
  const char* conversion = "Keras converts {0, 1} labels only when the whole batch is binary";
  const char* passes = "1 − yŷ = 0: TF's maximum passes the gradient to its first argument";

  LossFacts hinge = plusMinusOneFacts();
  hinge.calls = {kerasCall("hinge", "Hinge")};
  hinge.exportLimit = conversion;
  hinge.kinks = std::vector<KinkPoint>{pointOf("positive", 1, 0, -1, 0, passes),
                                       pointOf("negative", -1, 0, 1, 0, passes),
                                       pointOf("positive", 0, 1, -1, 0, "the origin")};
  // y·ŷ = 1: the margin, at ŷ = 1 for y = +1 and ŷ = −1 for y = −1.
  const auto marginAtOne = [](Regime inner) {
    return std::vector<Threshold>{
        {.variant = "positive", .at = 1, .inner = inner, .outer = Regime::Zero},
        {.variant = "negative", .at = -1, .inner = inner, .outer = Regime::Zero}};
  };
  hinge.thresholds = marginAtOne(Regime::Linear);
  registry.add<ElementwiseLoss<Hinge>>(margin(
      "hinge", LL_TR("Engine", "Hinge"), keras,
      LL_TR("Engine", "mean_j max(1 − y·ŷ, 0); {0,1} labels become ±1 if the whole batch is {0,1}"),
      true, std::move(hinge)));

  LossFacts squared = plusMinusOneFacts();
  squared.calls = {kerasCall("squared_hinge", "SquaredHinge")};
  squared.exportLimit = conversion;
  const char* left = "1 − yŷ = 0: TF's maximum passes, so the second derivative is the left one";
  squared.kinks = std::vector<KinkPoint>{pointOf("positive", 1, 0, 0, 2, left),
                                         pointOf("negative", -1, 0, 0, 2, left),
                                         pointOf("positive", 0, 1, -2, 2, "the origin")};
  squared.thresholds = marginAtOne(Regime::Quadratic);
  registry.add<ElementwiseLoss<SquaredHinge>>(
      margin("squared_hinge", LL_TR("Engine", "Squared hinge"), keras,
             LL_TR("Engine",
                   "mean_j max(1 − y·ŷ, 0)²; {0,1} labels become ±1 if the whole batch is {0,1}"),
             true, std::move(squared)));

  // Scores, not probabilities: drawn against the true-class score margin (CurveKind::Margin).
  LossFacts categorical;
  categorical.calls = {kerasCall("categorical_hinge", "CategoricalHinge")};
  categorical.exportLimit =
      "it reduces each row with a sum or norm, while formula aggregates run over the whole batch";
  categorical.curve = CurveTraits{.classRow = true};
  categorical.inputs =
      InputDomain{.prediction = Values::Real, .target = Values::OneHot, .minColumns = 2};
  categorical.kinks = std::vector<KinkPoint>{
      pointOf("positive", 1, 0, -1, kNaN, "neg − pos + 1 = 0: TF's maximum passes the gradient"),
      pointOf("negative", 0, 1, 1.0 / 3, kNaN,
              "scores (0, 0, 0): a 3-way tie for the max; TF's reduce_max splits it evenly")};
  registry.add<CategoricalHinge>(
      margin("categorical_hinge", LL_TR("Engine", "Categorical hinge"), keras,
             LL_TR("Engine", "max(max_k (1 − y_k)ŷ_k − Σ_k y_k ŷ_k + 1, 0) per sample"), false,
             std::move(categorical)));

  LossFacts softMargin = plusMinusOneFacts();
  softMargin.formula = formula({}, "softplus(-y_true*y_pred)");
  FrameworkCall softMarginCall = torchCall("soft_margin_loss", "SoftMarginLoss");
  softMarginCall.note =
      "PyTorch evaluates exp(-y*x) directly: for -y*x above ~709.8 it returns inf with a NaN "
      "gradient, where LossLab's softplus stays finite";
  softMargin.calls = {softMarginCall};
  softMargin.curve = CurveTraits{.logits = true, .negativeLabel = -1};
  softMargin.kinks = std::vector<KinkPoint>{point(0, kLog2, -0.5, 0.25, "x = 0, y = 1")};
  registry.add<ElementwiseLoss<SoftMargin>>(margin(
      "soft_margin", LL_TR("Engine", "SoftMarginLoss (PyTorch)"), Framework::PyTorch,
      LL_TR("Engine", "log(1 + e^(−y·ŷ)), mean over all elements"), true, std::move(softMargin)));
}

}  // namespace losslab
