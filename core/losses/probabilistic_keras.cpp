// SPDX-License-Identifier: GPL-3.0-or-later
// Probabilistic classification / likelihood losses, Keras 3 ids (spec §2.2, poisson from §2.1).
// The PyTorch ids of the family live in probabilistic_torch.cpp.
//
// Conventions shared by this file:
//  * The backend-agnostic probability formulas are the spec (§1.5 engine rule): probabilities are
//    clipped to [ε, 1 − ε] (categorical ones are row-normalised first), and TF's clip_by_value
//    passes the gradient on the CLOSED interval and 0 outside it (§1.4). TF's `_keras_logits`
//    shortcut (softmax/sigmoid outputs silently routed to the logit formula) is not reproduced.
//  * from_logits paths use the exact logit formulas, without ε.
//  * Label smoothing: binary y ← y(1 − λ) + λ/2, categorical y ← y(1 − λ) + λ/K.
//  * Class labels are (B, 1) integer-valued columns; anything else is a data error naming the row.
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/losses/keras_probability.h"
#include "core/losses/loss_file.h"

namespace losslab {

namespace {

using namespace keras_probability;

/// Keras' clipped BCE of one probability: with p̃ = clip(p, ε, 1 − ε),
///   b = −[y log p̃ + (1 − y) log(1 − p̃)],
///   b′ = (p̃ − y) / (p̃(1 − p̃)), b″ = y/p̃² + (1 − y)/(1 − p̃)² inside [ε, 1 − ε], 0 outside.
[[gnu::always_inline]] inline LossEval clippedBce(double p, double y, double eps) {
  // clipProbability's selects written out: GCC 12 does not vectorise a loop that carries the
  // bool of a returned struct (Clipped::inside), a local bool it does.
  const double low = p < eps ? eps : p;
  const double q = p > 1 - eps ? 1 - eps : low;
  const bool inside = !(p < eps) && !(p > 1 - eps);
  const double value = -(y * vmath::log(q) + (1 - y) * vmath::log1p(-q));
  const double d1 = (q - y) / (q * (1 - q));
  const double d2 = y / (q * q) + (1 - y) / ((1 - q) * (1 - q));
  return {value, inside ? d1 : 0.0, inside ? d2 : 0.0};
}

/// Keras binary cross-entropy, element term (ℓ_i = mean_j), y smoothed to y(1 − λ) + λ/2.
///  Probabilities: the clipped BCE above (zero gradient outside [ε, 1 − ε]).
///  Logits (TF sigmoid_cross_entropy_with_logits): e = max(z, 0) − zy + log(1 + e^{−|z|}),
///    e′ = σ(z) − y, e″ = σ(z)σ(−z); exact at z = 0.
/// At p = ½, y = 1: [log 2, −2, 4]. At z = 0, y = 1 (from_logits): [log 2, −½, ¼].
struct BinaryCrossentropy {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  static constexpr bool kHasModes = true;
  explicit BinaryCrossentropy(const ParamValues& params)
      : m_fromLogits(param(params, "from_logits") != 0),
        m_smoothing(param(params, "label_smoothing")),
        m_eps(param(params, "epsilon")) {}
  /// from_logits: one exponential and one division for all three terms (softplus(z), σ(z) and
  /// σ(−z): vmath::softplusSigmoid, whose operations vmath::softplus / vmath::sigmoid share).
  struct Logits {
    double smoothing;
    LossEval operator()(double p, double t) const {
      const double y = t * (1 - smoothing) + 0.5 * smoothing;
      const vmath::SoftplusSigmoid s = vmath::softplusSigmoid(p);
      return {s.softplus - p * y, s.sigmoid - y, s.sigmoid * s.sigmoidNeg};
    }
  };
  struct Probabilities {
    double smoothing;
    double eps;
    LossEval operator()(double p, double t) const {
      return clippedBce(p, t * (1 - smoothing) + 0.5 * smoothing, eps);
    }
  };
  template <class F>
  auto visit(F f) const {
    return m_fromLogits ? f(Logits{m_smoothing}) : f(Probabilities{m_smoothing, m_eps});
  }
  LossEval operator()(double p, double t) const {
    return visit([&](const auto& kernel) { return kernel(p, t); });
  }
  bool m_fromLogits;
  double m_smoothing;
  double m_eps;
};

/// Keras binary focal cross-entropy, element term (ℓ_i = mean_j). With p = σ(z) (from_logits)
/// or ŷ, y smoothed as for BCE, b the clipped BCE of p,
///   u = 1 − p_t = y(1 − p) + (1 − y)p from the UNCLIPPED p (Keras: 1 − (yp + (1 − y)(1 − p))),
///   w = αy + (1 − α)(1 − y) with apply_class_balancing, else 1,
///   e = w u^γ b,
///   e′ = w [γ u^{γ−1} u′ b + u^γ b′],
///   e″ = w [γ(γ−1) u^{γ−2} u′² b + γ u^{γ−1} u″ b + 2γ u^{γ−1} u′ b′ + u^γ b″],
/// where ′ is d/dŷ for probabilities: u′ = 1 − 2y, u″ = 0, b′ = (p̃ − y)/(p̃(1 − p̃)),
/// b″ = y/p̃² + (1 − y)/(1 − p̃)²; and d/dz from logits: u′ = (1 − 2y)σ′, u″ = (1 − 2y)σ′(1 − 2p),
/// b′ = p − y, b″ = σ′ with σ′ = σ(z)σ(−z) (the chain rule through σ written out, which avoids
/// the cancellation of b″σ′² − b′σ′(1 − 2p) at large |z|). b′ = b″ = 0 outside the clip
/// [ε, 1 − ε]. Keras 3 applies the clipped probability BCE after the sigmoid also with
/// from_logits (spec §1.8; the TF-backend shortcut of §1.5 is not reproduced). At u = 0 TF's pow
/// gradient γ·0^{γ−1} is NaN for γ = 0 and +∞ for 0 < γ < 1; e′ keeps that, e″ drops terms whose
/// coefficient is 0.
/// At p = ½, y = 1 (γ = 2, no balancing): [¼ log 2, −log 2 − ½, 2 log 2 + 5]; from logits at
/// z = 0, y = 1: [¼ log 2, (−log 2 − ½)/4, (2 log 2 + 5)/16].
struct BinaryFocalCrossentropy {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit BinaryFocalCrossentropy(const ParamValues& params)
      : m_balancing(param(params, "apply_class_balancing") != 0),
        m_alpha(param(params, "alpha")),
        m_gamma(param(params, "gamma")),
        m_fromLogits(param(params, "from_logits") != 0),
        m_smoothing(param(params, "label_smoothing")),
        m_eps(param(params, "epsilon")) {}
  /// u^e for the exponents the formulas use, e ∈ {γ, γ − 1, γ − 2}. For an integer γ ≤ 2 they
  /// are exact or one correctly rounded operation — u·u, u, 1, 1/u — which is what pow returns
  /// (glibc's pow is correctly rounded), so the same numbers without a libm call: the fused loop
  /// vectorises. `Gamma` is that integer, or −1 for any other γ (std::pow).
  template <int Gamma>
  static double power(double u, double e) {
    if constexpr (Gamma < 0) {
      return std::pow(u, e);
    } else {
      // e is Gamma, Gamma − 1 or Gamma − 2, so one of 2, 1, 0, −1, −2.
      const double square = u * u;
      const double inverse = 1 / u;
      const double negative = e == -1 ? inverse : inverse * inverse;
      const double small = e == 0 ? 1.0 : (e == 1 ? u : negative);
      return e == 2 ? square : small;
    }
  }
  template <bool FromLogits, int Gamma, class Loss = BinaryFocalCrossentropy>
  struct Mode {
    Loss loss;  // by value: the gradient stores cannot alias its parameters
    LossEval operator()(double x, double t) const {
      return loss.template eval<FromLogits, Gamma>(x, t);
    }
  };
  /// The fused pass runs one loop per (from_logits, integer γ ≤ 2 or not), without their
  /// branches.
  static constexpr bool kHasModes = true;
  template <class F>
  auto visit(F f) const {
    const bool small = m_gamma == 0 || m_gamma == 1 || m_gamma == 2;
    if (m_fromLogits) {
      return small ? f(Mode<true, 2>{*this}) : f(Mode<true, -1>{*this});
    }
    return small ? f(Mode<false, 2>{*this}) : f(Mode<false, -1>{*this});
  }
  LossEval operator()(double x, double t) const {
    return visit([&](const auto& kernel) { return kernel(x, t); });
  }
  template <bool FromLogits, int Gamma>
  LossEval eval(double x, double t) const {
    const double y = t * (1 - m_smoothing) + 0.5 * m_smoothing;
    double p = x;
    double q = 1 - x;  // 1 − p
    LossEval b;        // b and its derivatives w.r.t. the input x
    double du = 1 - 2 * y;
    double ddu = 0;
    if constexpr (FromLogits) {
      const vmath::SoftplusSigmoid s = vmath::softplusSigmoid(x);  // σ(x), σ(−x): one exp
      p = s.sigmoid;
      q = s.sigmoidNeg;
      const double slope = p * q;  // σ′
      b = clippedBce(p, y, m_eps);
      const bool inside = !(p < m_eps) && !(p > 1 - m_eps);  // clipProbability(p, ε).inside
      b.d1 = inside ? p - y : b.d1;
      b.d2 = inside ? slope : b.d2;
      ddu = du * slope * (1 - 2 * p);
      du *= slope;
    } else {
      b = clippedBce(p, y, m_eps);
    }
    const double u = y * q + (1 - y) * p;
    const double w = m_balancing ? y * m_alpha + (1 - y) * (1 - m_alpha) : 1.0;
    const double g = m_gamma;
    const double uG = power<Gamma>(u, g);
    const double uG1 = g * power<Gamma>(u, g - 1);  // TF: γ·u^{γ−1}, NaN at u = 0 for γ = 0
    const double value = w * uG * b.value;
    const double d1 = w * (uG1 * du * b.value + uG * b.d1);
    double d2 = uG * b.d2;
    if (g * (g - 1) != 0) {
      d2 += g * (g - 1) * power<Gamma>(u, g - 2) * du * du * b.value;
    }
    if (g != 0) {
      d2 += uG1 * (ddu * b.value + 2 * du * b.d1);
    }
    return {value, d1, w * d2};
  }
  bool m_balancing;
  double m_alpha;
  double m_gamma;
  bool m_fromLogits;
  double m_smoothing;
  double m_eps;
};

/// Keras KL divergence, element term summed over the last axis. With ȳ = clip(y, ε, 1) and
/// p̄ = clip(ŷ, ε, 1): e = ȳ log(ȳ/p̄), e′ = −ȳ/p̄, e″ = ȳ/p̄² inside [ε, 1], 0 outside.
/// y = 0 contributes ε log(ε/p̄), not 0; rows are not renormalised.
/// At ŷ = y = ½: [0, −1, 2].
struct KlDivergence {
  static constexpr Aggregate kAggregate = Aggregate::SumLastAxis;
  explicit KlDivergence(const ParamValues& params) : m_eps(param(params, "epsilon")) {}
  LossEval operator()(double p, double t) const {
    // Selects with fmax/fmin's NaN rule (a NaN is replaced by the bound), no libm calls and no
    // early return: the loop vectorises.
    const double ty = t > m_eps ? t : m_eps;
    const double y = ty < 1.0 ? ty : 1.0;
    const double tq = p > m_eps ? p : m_eps;
    const double q = tq < 1.0 ? tq : 1.0;
    const double value = y * vmath::log(y / q);
    const bool passes = !(p < m_eps || p > 1);
    return {value, passes ? -y / q : 0.0, passes ? y / (q * q) : 0.0};
  }
  double m_eps;
};

/// Keras Poisson, element term (ℓ_i = mean_j): e = ŷ − y log(ŷ + ε), e′ = 1 − y/(ŷ + ε),
/// e″ = y/(ŷ + ε)². Keras does not check ŷ: ŷ + ε ≤ 0 gives NaN or ±∞ there; LossLab reports a
/// data error naming the element instead. At ŷ = y = 1: [1 − log(1 + ε), ε/(1 + ε), 1/(1 + ε)²].
struct Poisson {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit Poisson(const ParamValues& params) : m_eps(param(params, "epsilon")) {}
  Poisson forBatch(const Tensor& pred, const Tensor&) const {
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        if (!(pred(i, j) + m_eps > 0)) {
          throw Error::data("poisson: log(y_pred + ε) is undefined at row " +
                            std::to_string(i + 1) + ", column " + std::to_string(j + 1) +
                            " (y_pred = " + number(pred(i, j)) + "); y_pred must be > −ε");
        }
      }
    }
    return *this;
  }
  /// The training pass checks ŷ + ε > 0 in its own loop and calls forBatch() only if some
  /// element fails (ElementwiseLoss's optimistic checks): the batch is read once.
  static constexpr bool kOptimistic = true;
  bool admits(double p, double) const { return p + m_eps > 0; }
  LossEval operator()(double p, double y) const {
    const double shifted = p + m_eps;
    return {p - y * vmath::log(shifted), 1 - y / shifted, y / (shifted * shifted)};
  }
  double m_eps;
};

/// Which elements one Dice/Tversky value sums over.
enum class OverlapAxis { All = 0, PerSample = 1 };

/// Keras 3 Dice loss over the chosen axes (all: Keras axis=None, one scalar for the batch that
/// every reduction returns unchanged; per_sample: the non-batch axes, one value per row):
///   I = Σ yŷ, Σ = Σy + Σŷ + ε, ℓ = 1 − 2I/Σ, ∂ℓ/∂ŷ = −(2yΣ − 2I)/Σ².
/// All-zero y and ŷ give 1 − 0/ε = 1. At ŷ = 0, y = 1 (one element): [1, −2/(1 + ε)].
/// Keras sums an un-broadcast y_true with axis=None; here y_true is already aligned to ŷ's shape.
class Dice final : public Loss {
 public:
  Dice(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_axis(static_cast<OverlapAxis>(static_cast<int>(param(params, "axis")))),
        m_eps(param(params, "epsilon")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& y = *in.yTrue;
    out.grad.resize(pred.rows(), pred.cols());
    auto group = [&](auto&& p, auto&& t, auto&& g) {
      const double overlap = (t * p).sum();
      const double denominator = t.sum() + p.sum() + m_eps;
      g = -(2 * t * denominator - 2 * overlap) / (denominator * denominator);
      return 1 - 2 * overlap / denominator;
    };
    if (m_axis == OverlapAxis::All) {
      out.scalar = true;
      out.unreduced = Tensor::Constant(1, 1, group(pred, y, out.grad));
      return;
    }
    out.unreduced.resize(pred.rows(), 1);
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      out.unreduced(i, 0) = group(pred.row(i), y.row(i), out.grad.row(i));
    }
  }

 private:
  OverlapAxis m_axis;
  double m_eps;
};

/// Keras 3 Tversky loss over the chosen axes (as Dice): with
///   I = Σ ŷy, FP = Σ (1 − y)ŷ, FN = Σ y(1 − ŷ), Den = I + α FP + β FN + ε,
///   ℓ = 1 − I/Den, ∂ℓ/∂ŷ = −(y Den − I (y + α(1 − y) − βy)) / Den².
/// α weights false positives, β false negatives (Keras 3 master; an older Keras had the roles
/// swapped in code). α = β = ½ is Dice up to where ε sits. At ŷ = 0, y = 1: [1, −1/(β + ε)].
class Tversky final : public Loss {
 public:
  Tversky(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_alpha(param(params, "alpha")),
        m_beta(param(params, "beta")),
        m_axis(static_cast<OverlapAxis>(static_cast<int>(param(params, "axis")))),
        m_eps(param(params, "epsilon")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& y = *in.yTrue;
    out.grad.resize(pred.rows(), pred.cols());
    auto group = [&](auto&& p, auto&& t, auto&& g) {
      const double overlap = (p * t).sum();
      const double falsePositive = ((1 - t) * p).sum();
      const double falseNegative = (t * (1 - p)).sum();
      const double den = overlap + m_alpha * falsePositive + m_beta * falseNegative + m_eps;
      g = -(t * den - overlap * (t + m_alpha * (1 - t) - m_beta * t)) / (den * den);
      return 1 - overlap / den;
    };
    if (m_axis == OverlapAxis::All) {
      out.scalar = true;
      out.unreduced = Tensor::Constant(1, 1, group(pred, y, out.grad));
      return;
    }
    out.unreduced.resize(pred.rows(), 1);
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      out.unreduced(i, 0) = group(pred.row(i), y.row(i), out.grad.row(i));
    }
  }

 private:
  double m_alpha;
  double m_beta;
  OverlapAxis m_axis;
  double m_eps;
};

ParamSpec axisParam() {
  return choiceParam(
      "axis", LL_TR("Engine", "axis"), 0, {"all", "per_sample"},
      LL_TR("Engine",
            "all: one scalar over the whole batch (Keras axis=None); per_sample: one "
            "value per sample"));
}

const char* kAxisNote =
    "axis=None reduces the whole batch to one value; per_sample is axis=-1 for LossLab's 2-D "
    "tensors (pass every non-batch axis for higher ranks)";
/// Keras's smoothed binary target y(1 − λ) + λ/2, or y when λ = 0.
std::string smoothedTarget(const ParamValues& v, std::vector<std::string>& params) {
  if (paramOr(v, "label_smoothing", 0) == 0) {
    return "y_true";
  }
  params.push_back("label_smoothing");
  return "(y_true*(1 - label_smoothing) + 0.5*label_smoothing)";
}

/// Keras's clipped binary cross-entropy of probability `p` against `y` (spec §2.2).
std::string clippedBce(const std::string& p, const std::string& y) {
  const std::string clipped = "clip(" + p + ", epsilon, 1 - epsilon)";
  return "-(" + y + "*log(" + clipped + ") + (1 - " + y + ")*log(1 - " + clipped + "))";
}

/// Binary probability losses: ŷ a probability (or a logit) against {0, 1} labels.
InputDomain binaryDomain(const ParamValues& p) {
  return {.prediction = fromLogits(p) ? Values::Real : Values::Probability,
          .target = Values::Binary};
}

LossFacts binaryCrossentropyFacts() {
  LossFacts f;
  f.formula = [](const ParamValues& v) {
    std::vector<std::string> params = {"epsilon"};
    const std::string y = smoothedTarget(v, params);
    if (fromLogits(v)) {
      params.erase(params.begin());  // no ε with logits
      // softplus(z) − zy = max(z, 0) − zy + log(1 + e^{−|z|}), with gradient σ(z) − y.
      return FormulaText{params, "softplus(y_pred) - y_pred*" + y, ""};
    }
    return FormulaText{params, clippedBce("y_pred", y), ""};
  };
  f.calls = {
      kerasCall("binary_crossentropy", "BinaryCrossentropy", {kFromLogits, kSmoothing}, kTfNote)};
  f.curve = [](const ParamValues& p) { return logitsIfFromLogits(p, false); };
  f.inputs = binaryDomain;
  f.kinks = [](const ParamValues& p) {
    const double smoothing = paramOr(p, "label_smoothing", 0);
    if (fromLogits(p)) {
      const double y = 1 - 0.5 * smoothing;
      return std::vector<KinkPoint>{
          point(0, kLog2, 0.5 - y, 0.25, "z = 0: σ(0) − y, exact in TF's logits formula")};
    }
    if (smoothing != 0) {
      return std::vector<KinkPoint>{};
    }
    const double eps = paramOr(p, "epsilon", 1e-7);
    const double top = 1 - eps;  // 1 − ε as the curve's x holds it
    const double gap = 1 - top;
    const char* why = "ŷ at the clip bound: TF's clip passes the gradient on the closed interval";
    return std::vector<KinkPoint>{
        pointOf("positive", eps, -std::log(eps), -1 / eps, 1 / (eps * eps), why),
        pointOf("negative", top, -std::log(gap), 1 / gap, 1 / (gap * gap), why),
        pointOf("positive", 0.5, kLog2, -2, 4, "ŷ = ½, y = 1")};
  };
  f.examples = {{{"from_logits", 1}},
                {{"label_smoothing", 0.1}},
                {{"from_logits", 1}, {"label_smoothing", 0.2}},
                {{"epsilon", 1e-3}}};
  return f;
}

LossFacts binaryFocalFacts() {
  LossFacts f;
  f.formula = [](const ParamValues& v) {
    std::vector<std::string> params = {"epsilon", "gamma"};
    const std::string y = smoothedTarget(v, params);
    const std::string p = fromLogits(v) ? "sigmoid(y_pred)" : "y_pred";
    std::string weight;
    if (paramOr(v, "apply_class_balancing", 0) != 0) {
      params.push_back("alpha");
      weight = "(alpha*" + y + " + (1 - alpha)*(1 - " + y + "))*";
    }
    // u = 1 − p_t from the unclipped p; the BCE factor uses the clipped one.
    return FormulaText{
        params,
        weight + "(" + y + " + " + p + " - 2*" + y + "*" + p + ")^gamma*" + clippedBce(p, y), ""};
  };
  f.calls = {kerasCall("binary_focal_crossentropy", "BinaryFocalCrossentropy",
                       {{"apply_class_balancing", "apply_class_balancing", ArgKind::Bool},
                        kAlpha,
                        kGamma,
                        kFromLogits,
                        kSmoothing})};
  f.curve = [](const ParamValues& p) { return logitsIfFromLogits(p, false); };
  f.inputs = binaryDomain;
  f.kinks = [](const ParamValues& p) {
    if (paramOr(p, "label_smoothing", 0) != 0) {
      return std::vector<KinkPoint>{};
    }
    // p = ½, y = 1: u = ½, b = log 2, b′ = −2, b″ = 4, u′ = −1, w = α or 1 (hand-derived).
    const double g = paramOr(p, "gamma", 2);
    const double w = paramOr(p, "apply_class_balancing", 0) != 0 ? paramOr(p, "alpha", 0.25) : 1;
    const double scale = w * std::pow(2.0, -g);
    const double value = scale * kLog2;
    const double d1 = scale * (-2 * g * kLog2 - 2);
    const double d2 = scale * (4 * g * (g - 1) * kLog2 + 8 * g + 4);
    if (fromLogits(p)) {  // z = 0: σ′ = ¼, σ″ = 0
      return std::vector<KinkPoint>{point(0, value, d1 / 4, d2 / 16, "z = 0, y = 1")};
    }
    return std::vector<KinkPoint>{point(0.5, value, d1, d2, "ŷ = ½, y = 1")};
  };
  f.examples = {
      {{"apply_class_balancing", 1}, {"alpha", 0.3}, {"gamma", 1.5}, {"label_smoothing", 0.1}},
      {{"from_logits", 1}},
      {{"apply_class_balancing", 1}, {"from_logits", 1}, {"gamma", 3}},
      {{"gamma", 0}}};
  return f;
}

}  // namespace

LOSSLAB_LOSS_FILE(probabilistic_keras) {
  const TargetKind same = TargetKind::SameShape;
  const char* binarySmoothing = LL_TR("Engine", "Targets move towards ½: y(1 − λ) + λ/2");
  registry.add<ElementwiseLoss<BinaryCrossentropy>>(
      keras("binary_crossentropy", LL_TR("Engine", "Binary cross-entropy (BCE)"), same,
            CurveKind::Probability,
            LL_TR("Engine", "mean_j −[y log p̃ + (1 − y) log(1 − p̃)], p̃ = clip(ŷ, ε, 1 − ε)"),
            {fromLogitsParam(), smoothingParam(binarySmoothing), epsilonParam()}, true,
            binaryCrossentropyFacts()));

  registry.add<ElementwiseLoss<BinaryFocalCrossentropy>>(keras(
      "binary_focal_crossentropy", LL_TR("Engine", "Binary focal cross-entropy"), same,
      CurveKind::Probability, LL_TR("Engine", "mean_j w (1 − p_t)^γ BCE(y, ŷ)"),
      {boolParam("apply_class_balancing", LL_TR("Engine", "class balancing"), false,
                 LL_TR("Engine", "Weight α for y = 1 and 1 − α for y = 0")),
       realParam("alpha", LL_TR("Engine", "α (class balance)"), 0.25, 0, 1,
                 LL_TR("Engine", "Weight of the positive class (used with apply_class_balancing)")),
       gammaParam(), fromLogitsParam(), smoothingParam(binarySmoothing), epsilonParam()},
      true, binaryFocalFacts()));

  LossFacts kld;
  kld.exportLimit = kRowWise;
  kld.calls = {kerasCall("kl_divergence", "KLDivergence")};
  kld.curve = CurveTraits{.classRow = true};
  kld.inputs = InputDomain{
      .prediction = Values::ProbabilityRow, .target = Values::ProbabilityRow, .minColumns = 2};
  kld.kinks = [](const ParamValues& p) {
    // y = (1, 0, 0) clipped to (1, ε, ε) against the uniform row (hand-derived).
    const double eps = paramOr(p, "epsilon", 1e-7);
    return std::vector<KinkPoint>{point(1.0 / 3, std::log(3.0) + 2 * eps * std::log(3 * eps),
                                        -3 + 3 * eps, 9 + 4.5 * eps,
                                        "the zeros of y count as ε: clip(y, ε, 1)")};
  };
  kld.examples = {{{"epsilon", 1e-4}}};
  registry.add<ElementwiseLoss<KlDivergence>>(
      keras("kl_divergence", LL_TR("Engine", "Kullback–Leibler divergence"), same,
            CurveKind::TrueClassProbability,
            LL_TR("Engine", "Σ_j ȳ log(ȳ / p̄), ȳ = clip(y, ε, 1), p̄ = clip(ŷ, ε, 1)"),
            {epsilonParam()}, true, std::move(kld)));

  LossFacts poisson;
  poisson.formula = formula({"epsilon"}, "y_pred - y_true*log(y_pred + epsilon)");
  poisson.calls = {kerasCall("poisson", "Poisson")};
  poisson.curve = CurveTraits{.target = 1, .from = 0, .to = 4};  // log(ŷ + ε) is NaN below −ε
  poisson.inputs = InputDomain{.prediction = Values::Positive, .target = Values::NonNegative};
  poisson.kinks = [](const ParamValues& p) {
    const double eps = paramOr(p, "epsilon", 1e-7);
    return std::vector<KinkPoint>{
        point(1, 1 - std::log1p(eps), eps / (1 + eps), 1 / ((1 + eps) * (1 + eps)), "ŷ = y = 1")};
  };
  registry.add<ElementwiseLoss<Poisson>>(keras(
      "poisson", LL_TR("Engine", "Poisson"), same, CurveKind::Residual,
      LL_TR("Engine", "mean_j ŷ − y log(ŷ + ε)"), {epsilonParam()}, true, std::move(poisson)));

  const InputDomain overlap{.prediction = Values::Probability, .target = Values::Binary};
  LossFacts dice;
  dice.formula = [](const ParamValues& p) -> std::optional<FormulaText> {
    if (paramOr(p, "axis", 0) != 0) {
      return std::nullopt;
    }
    return FormulaText{
        {"epsilon"}, "1 - 2*sum(y_true*y_pred)/(sum(y_true) + sum(y_pred) + epsilon)", ""};
  };
  dice.exportLimit = std::string("with axis = per_sample ") + kRowWise;
  dice.calls = {kerasCall("dice", "Dice", {{"axis", "axis", ArgKind::Axis}}, kAxisNote)};
  dice.inputs = overlap;
  dice.kinks = [](const ParamValues& p) {
    const double eps = paramOr(p, "epsilon", 1e-7);
    return std::vector<KinkPoint>{point(0, 1, -2 / (1 + eps), kNaN, "ŷ = 0, y = 1")};
  };
  dice.examples = {{{"axis", 1}}};
  registry.add<Dice>(keras("dice", LL_TR("Engine", "Dice"), same, CurveKind::Probability,
                           LL_TR("Engine", "1 − 2 Σyŷ / (Σy + Σŷ + ε)"),
                           {axisParam(), epsilonParam()}, false, std::move(dice)));

  LossFacts tversky;
  tversky.formula = [](const ParamValues& p) -> std::optional<FormulaText> {
    if (paramOr(p, "axis", 0) != 0) {
      return std::nullopt;
    }
    return FormulaText{
        {"alpha", "beta", "epsilon"},
        "1 - sum(y_pred*y_true)/(sum(y_pred*y_true) + alpha*sum((1 - y_true)*y_pred) "
        "+ beta*sum(y_true*(1 - y_pred)) + epsilon)",
        ""};
  };
  tversky.exportLimit = std::string("with axis = per_sample ") + kRowWise;
  tversky.calls = {kerasCall(
      "tversky", "Tversky",
      {kAlpha, {"beta", "beta", ArgKind::Real}, {"axis", "axis", ArgKind::Axis}}, kAxisNote)};
  tversky.inputs = overlap;
  tversky.kinks = [](const ParamValues& p) {
    const double beta = paramOr(p, "beta", 0.5);
    return std::vector<KinkPoint>{
        point(0, 1, -1 / (beta + paramOr(p, "epsilon", 1e-7)), kNaN, "ŷ = 0, y = 1")};
  };
  tversky.examples = {{{"alpha", 0.3}, {"beta", 0.7}}, {{"axis", 1}}};
  registry.add<Tversky>(keras("tversky", LL_TR("Engine", "Tversky (α, β)"), same,
                              CurveKind::Probability,
                              LL_TR("Engine", "1 − I / (I + α FP + β FN + ε), I = Σyŷ"),
                              {unboundedParam("alpha", LL_TR("Engine", "α (false positives)"), 0.5,
                                              LL_TR("Engine", "Weight of Σ(1 − y)ŷ")),
                               unboundedParam("beta", LL_TR("Engine", "β (false negatives)"), 0.5,
                                              LL_TR("Engine", "Weight of Σy(1 − ŷ)")),
                               axisParam(), epsilonParam()},
                              false, std::move(tversky)));
}

}  // namespace losslab
