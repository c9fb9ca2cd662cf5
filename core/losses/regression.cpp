// SPDX-License-Identifier: GPL-3.0-or-later
// Regression losses (spec §2.1, §2.8, §3.1, §3.2, tweedie from §2.6). r = ŷ − y throughout.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/losses/loss_file.h"

namespace losslab {

namespace {

/// Mean squared error. e = r², e′ = 2r, e″ = 2.  At r = 0: [0, 0, 2].
struct SquaredError {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit SquaredError(const ParamValues&) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    return {r * r, 2 * r, 2};
  }
};

/// Absolute error. e = |r|, e′ = sign(r) with 0 at r = 0 (TF abs′ = sign, torch sgn).
/// At r = 0: [0, 0, 0].
struct AbsoluteError {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit AbsoluteError(const ParamValues&) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    return {std::fabs(r), signum(r), 0};
  }
};

/// Keras MAPE. e = 100 |r| / max(|y|, ε), e′ = 100 sign(r) / max(|y|, ε).
/// At r = 0: [0, 0, 0]. y = 0 gives the denominator ε: huge but finite.
struct AbsolutePercentageError {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit AbsolutePercentageError(const ParamValues& params)
      : m_eps(param(params, "epsilon")), m_epsBits(std::bit_cast<std::uint64_t>(m_eps)) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    const double a = std::fabs(t);
    // max(|y|, ε) with fmax's NaN rule (a NaN |y| gives ε), selected on the bits: GCC turns a
    // select of doubles feeding the division back into a branch (100/ε hoisted, 100/|y| divided
    // only when |y| > ε), which stops the loop from vectorising.
    const std::uint64_t den = a > m_eps ? std::bit_cast<std::uint64_t>(a) : m_epsBits;
    const double scale = 100.0 / std::bit_cast<double>(den);
    return {scale * std::fabs(r), scale * signum(r), 0};
  }
  double m_eps;
  std::uint64_t m_epsBits;
};

/// Keras MSLE. a = log(max(ŷ, ε) + 1), b = log(max(y, ε) + 1), e = (a − b)²,
/// e′ = 2 (a − b) / (max(ŷ, ε) + 1) · 1[ŷ ≥ ε] (TF's maximum passes the gradient at equality),
/// e″ = 2 (1 − (a − b)) / (ŷ + 1)² · 1[ŷ ≥ ε].  At ŷ = y: [0, 0, 2 / (ŷ + 1)²].
struct SquaredLogError {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit SquaredLogError(const ParamValues& params) : m_eps(param(params, "epsilon")) {}
  LossEval operator()(double p, double t) const {
    // Selects, not std::fmax (a libm call) or an early return: the loop stays vectorisable.
    // (p < ε ? ε : p) is ops.maximum's NaN rule: a NaN prediction stays NaN (fmax returns ε).
    const double shifted = (p < m_eps ? m_eps : p) + 1;
    const double diff = vmath::log(shifted) - vmath::log((t < m_eps ? m_eps : t) + 1);
    const double inv = 1 / shifted;
    const bool passes = !(p < m_eps);
    return {diff * diff, passes ? 2 * diff * inv : 0.0, passes ? 2 * (1 - diff) * inv * inv : 0.0};
  }
  double m_eps;
};

/// log cosh r, in Keras' overflow-safe form r + softplus(−2r) − log 2.
/// e′ = tanh r, e″ = 1 − tanh² r.  At r = 0: [0, 0, 1].
/// Both come from one exponential: with a = |r| and u = e^{−2a} ∈ (0, 1],
/// log cosh r = a + log1p(u) − log 2 and tanh r = sign(r)(1 − u)/(1 + u); no overflow for any r.
/// 1/(1 + u) is computed once and shared by tanh and log1p (≤ 1 ulp more in tanh).
struct LogCosh {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit LogCosh(const ParamValues&) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    const double a = std::fabs(r);
    const double u = vmath::exp(-2 * a);
    const double q = 1 / (1 + u);  // one division for tanh and log1p (vmath::log1pRecip)
    const double th = std::copysign((1 - u) * q, r);
    return {a + vmath::log1pRecip(u, q) - kLog2, th, 1 - th * th};
  }
};

/// Huber with threshold δ (Keras and the seed's closure). Quadratic region |r| ≤ δ:
/// e = ½r², e′ = r, e″ = 1; linear region: e = δ|r| − ½δ², e′ = δ sign(r), e″ = 0.
/// Written branch-free with q = min(|r|, δ): e = q(|r| − ½q), e′ = copysign(q, r) = clip(r, ±δ).
/// Random residuals make a branch on |r| ≤ δ mispredict half the time; this form compiles to
/// min/and/or and keeps the fused pass memory-bound (see bench/). At r = 0: [0, 0, 1].
struct Huber {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit Huber(const ParamValues& params) : m_delta(param(params, "delta")) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    const double a = std::fabs(r);
    const double q = a < m_delta ? a : m_delta;  // minsd; std::fmin's NaN rules block it
    return {q * (a - 0.5 * q), std::copysign(q, r), a <= m_delta ? 1.0 : 0.0};
  }
  double m_delta;
};

/// PyTorch HuberLoss: quadratic for |r| < δ (strict), δ(|r| − ½δ) otherwise. Value and
/// gradient are continuous at |r| = δ, so the same branch-free form as Huber gives PyTorch's
/// numbers; only e″ at exactly ±δ follows the strict test. At r = 0: [0, 0, 1].
struct TorchHuber {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit TorchHuber(const ParamValues& params) : m_delta(param(params, "delta")) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    const double a = std::fabs(r);
    const double q = a < m_delta ? a : m_delta;  // minsd; std::fmin's NaN rules block it
    return {q * (a - 0.5 * q), std::copysign(q, r), a < m_delta ? 1.0 : 0.0};
  }
  double m_delta;
};

/// PyTorch SmoothL1Loss(β): ½r²/β for |r| < β, |r| − ½β otherwise; Huber_δ = δ·smooth_l1(β=δ).
/// The backward kernel tests r ≤ −β first, so β = 0 gives e′(0) = −1 (spec §2.8, run in torch).
/// At r = 0: [0, 0, 1/β] for β > 0; [0, −1, 0] for β = 0.
struct SmoothL1 {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit SmoothL1(const ParamValues& params) : m_beta(param(params, "beta")) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    const double a = std::fabs(r);
    const double value = a < m_beta ? 0.5 * r * r / m_beta : a - 0.5 * m_beta;
    // Selects in the backward kernel's order (r ≤ −β first), no branches: the loop vectorises.
    const double inner = r >= m_beta ? 1.0 : r / m_beta;
    const bool outside = r <= -m_beta || r >= m_beta;
    return {value, r <= -m_beta ? -1.0 : inner, outside ? 0.0 : 1 / m_beta};
  }
  double m_beta;
};

/// Seed 000's temperature-scaled MSE: e = T r², e′ = 2T r, e″ = 2T.  At r = 0: [0, 0, 2T].
/// T only rescales the loss (spec §3.1): the shape of the curve does not change.
struct TemperatureSquaredError {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit TemperatureSquaredError(const ParamValues& params)
      : m_temperature(param(params, "temperature")) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    return {m_temperature * r * r, 2 * m_temperature * r, 2 * m_temperature};
  }
  double m_temperature;
};

/// Tweedie deviance of power p (sklearn's _mean_tweedie_deviance) with μ = ŷ:
///   p = 0: (y − μ)²;  p = 1: 2(y log(y/μ) − y + μ);  p = 2: 2(log(μ/y) + y/μ − 1);
///   otherwise 2(max(y,0)^{2−p}/((1−p)(2−p)) − y μ^{1−p}/(1−p) + μ^{2−p}/(2−p)).
/// e′ = 2 μ^{−p} (μ − y) for every p; e″ = 2 μ^{−p−1} ((1 − p) μ + p y).
/// Domain (sklearn's errors): p < 0: μ > 0; 1 ≤ p < 2: y ≥ 0, μ > 0; p ≥ 2: y > 0, μ > 0;
/// 0 < p < 1 is rejected by the parameter range. At μ = y = 1: [0, 0, 2].
struct TweedieDeviance {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit TweedieDeviance(const ParamValues& params) : m_power(param(params, "power")) {
    if (m_power > 0 && m_power < 1) {
      throw Error::usage(
          LL_TR("Engine", "tweedie_deviance: power in (0, 1) is not a valid Tweedie distribution"));
    }
  }
  TweedieDeviance forBatch(const Tensor& pred, const Tensor& target) const {
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        const double mu = pred(i, j);
        const double y = target(i, j);
        const bool muOk = m_power == 0 || mu > 0;
        const bool yOk = m_power < 1 || (m_power < 2 ? y >= 0 : y > 0);
        if (!muOk || !yOk) {
          throw Error::data("tweedie_deviance(power=" + std::to_string(m_power) +
                            ") is undefined at row " + std::to_string(i + 1) + ", column " +
                            std::to_string(j + 1) + " (y_pred must be > 0" +
                            (m_power >= 2   ? ", y_true > 0"
                             : m_power >= 1 ? ", y_true >= 0"
                                            : "") +
                            ")");
        }
      }
    }
    return *this;
  }
  LossEval operator()(double mu, double y) const {
    const double p = m_power;
    double value;
    if (p == 0) {
      value = (y - mu) * (y - mu);
    } else if (p == 1) {
      value = 2 * ((y > 0 ? y * std::log(y / mu) : 0.0) - y + mu);
    } else if (p == 2) {
      value = 2 * (std::log(mu / y) + y / mu - 1);
    } else {
      const double yy = p < 0 ? std::fmax(y, 0.0) : y;
      value = 2 * (std::pow(yy, 2 - p) / ((1 - p) * (2 - p)) - y * std::pow(mu, 1 - p) / (1 - p) +
                   std::pow(mu, 2 - p) / (2 - p));
    }
    const double muPowP = std::pow(mu, -p);
    return {value, 2 * muPowP * (mu - y), 2 * muPowP / mu * ((1 - p) * mu + p * y)};
  }
  double m_power;
};

/// Negative cosine similarity along the last axis (Keras 3, spec §2.1):
/// n(x) = x / sqrt(max(Σx², ε²)), ℓ = −Σ n(y)·n(ŷ).
/// With S = Σŷ², ν = sqrt(max(S, ε²)), u = n(y), p̂ = ŷ/ν:
///   S ≥ ε²: ∂ℓ/∂ŷ = −(u − (u·p̂) p̂)/ν  (TF passes the first branch at equality);
///   S < ε²: ∂ℓ/∂ŷ = −u/ε.
/// A zero vector on either side gives ℓ = 0.
class CosineSimilarity final : public Loss {
 public:
  CosineSimilarity(const LossInfo& info, const ParamValues& params)
      : Loss(info), m_eps(param(params, "epsilon")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const double epsSq = m_eps * m_eps;
    out.unreduced.resize(pred.rows(), 1);
    out.grad.resize(pred.rows(), pred.cols());
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      const Eigen::ArrayXd u =
          target.row(i).transpose() / std::sqrt(std::fmax(target.row(i).square().sum(), epsSq));
      const double s = pred.row(i).square().sum();
      const double nu = std::sqrt(std::fmax(s, epsSq));
      const Eigen::ArrayXd pHat = pred.row(i).transpose() / nu;
      const double cosine = (u * pHat).sum();
      out.unreduced(i, 0) = -cosine;
      if (s >= epsSq) {
        out.grad.row(i) = (-(u - cosine * pHat) / nu).transpose();
      } else {
        out.grad.row(i) = (-u / m_eps).transpose();
      }
    }
  }

 private:
  double m_eps;
};

/// Seed 002's my_rmse reduced over all axes: L = sqrt(Σ r² / (B·D)), a scalar that Keras'
/// reductions return unchanged. ∂L/∂ŷ_ij = r_ij / (B·D·L). At L = 0 autodiff gives NaN
/// (0·∞); LossLab returns 0 there (spec §3.2, documented deviation).
class RmseBatch final : public Loss {
 public:
  RmseBatch(const LossInfo& info, const ParamValues&) : Loss(info) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor r = *in.yPred - *in.yTrue;
    const double count = static_cast<double>(r.size());
    const double rmse = std::sqrt(r.square().sum() / count);
    out.scalar = true;
    out.unreduced = Tensor::Constant(1, 1, rmse);
    out.grad = rmse > 0 ? Tensor(r / (count * rmse)) : Tensor(Tensor::Zero(r.rows(), r.cols()));
  }
};

/// RMSE per sample (the axis=-1 variant): ℓ_i = sqrt(mean_j r_ij²), ∂ℓ_i/∂ŷ_ij = r_ij/(D ℓ_i),
/// 0 where ℓ_i = 0. A different loss from rmse_batch: it is averaged over samples afterwards.
class RmsePerSample final : public Loss {
 public:
  RmsePerSample(const LossInfo& info, const ParamValues&) : Loss(info) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor r = *in.yPred - *in.yTrue;
    const double cols = static_cast<double>(r.cols());
    out.unreduced.resize(r.rows(), 1);
    out.grad.resize(r.rows(), r.cols());
    for (Eigen::Index i = 0; i < r.rows(); ++i) {
      const double rmse = std::sqrt(r.row(i).square().sum() / cols);
      out.unreduced(i, 0) = rmse;
      out.grad.row(i) =
          rmse > 0 ? Eigen::ArrayXXd(r.row(i) / (cols * rmse)) : Eigen::ArrayXXd::Zero(1, r.cols());
    }
  }
};

LossInfo regression(std::string id,
                    std::string name,
                    Framework framework,
                    std::string summary,
                    std::vector<ParamSpec> params,
                    bool elementwise,
                    LossFacts facts) {
  LossInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.family = Family::Regression;
  info.framework = framework;
  info.target = TargetKind::SameShape;
  info.curve = CurveKind::Residual;
  info.summary = std::move(summary);
  info.params = std::move(params);
  info.elementwise = elementwise;
  info.facts = std::move(facts);
  return info;
}

ParamSpec deltaParam(const char* help) {
  return positiveParam("delta", LL_TR("Engine", "δ (threshold)"), 1.0, help, 0.01, 10);
}

/// sklearn's unit Tweedie deviance with μ = y_pred for a fixed power (as TweedieDeviance).
/// xlogy(y, y/μ) is written y·log(where(y > 0, y, 1)/μ) so that no branch of a where() is NaN:
/// autodiff of an unselected NaN branch would poison the gradient.
std::string tweedieExpression(double power) {
  if (power == 0) {
    return "square(y_true - y_pred)";
  }
  if (power == 1) {
    return "2*(y_true*log(where(y_true > 0, y_true, 1)/y_pred) - y_true + y_pred)";
  }
  if (power == 2) {
    return "2*(log(y_pred/y_true) + y_true/y_pred - 1)";
  }
  const std::string oneMinus = formulaNumber(1 - power);
  const std::string twoMinus = formulaNumber(2 - power);
  const std::string y = power < 0 ? "max(y_true, 0)" : "y_true";
  return "2*(" + y + "^" + twoMinus + "/" + formulaNumber((1 - power) * (2 - power)) +
         " - y_true*y_pred^" + oneMinus + "/" + oneMinus + " + y_pred^" + twoMinus + "/" +
         twoMinus + ")";
}

/// Tweedie's domain (sklearn): μ > 0 unless p = 0; y ≥ 0 for 1 ≤ p < 2, y > 0 for p ≥ 2.
InputDomain tweedieDomain(const ParamValues& params) {
  const double p = paramOr(params, "power", 1.5);
  InputDomain d;
  d.prediction = p == 0 ? Values::Real : Values::Positive;
  d.target = p < 1 ? Values::Real : (p < 2 ? Values::NonNegative : Values::Positive);
  return d;
}

const char* kRowWise =
    "it reduces each row with a sum or norm, while formula aggregates run over the whole batch";

}  // namespace

LOSSLAB_LOSS_FILE(regression) {
  const Framework keras = Framework::Keras;
  const Framework torch = Framework::PyTorch;
  const char* signAtZero = "r = 0: |r|′ = sign(0) = 0 (TF's abs′, torch's sgn)";
  const auto squareFacts = [](double curvature) {
    LossFacts f;
    f.formula = formula({}, "square(r)");
    f.kinks = std::vector<KinkPoint>{point(0, 0, 0, curvature, "the origin")};
    return f;
  };
  const auto absFacts = [&] {
    LossFacts f;
    f.formula = formula({}, "abs(r)");
    f.kinks = std::vector<KinkPoint>{point(0, 0, 0, 0, signAtZero)};
    return f;
  };
  registry.add<ElementwiseLoss<SquaredError>>(
      regression("mean_squared_error", LL_TR("Engine", "Mean squared error (MSE)"), keras,
                 LL_TR("Engine", "mean_j (ŷ − y)²"), {}, true, squareFacts(2)));
  registry.add<ElementwiseLoss<AbsoluteError>>(
      regression("mean_absolute_error", LL_TR("Engine", "Mean absolute error (MAE)"), keras,
                 LL_TR("Engine", "mean_j |ŷ − y|"), {}, true, absFacts()));

  LossFacts mape;
  mape.formula = formula({"epsilon"}, "100*abs(r)/max(abs(y_true), epsilon)");
  // y = 0 makes the denominator ε (1e9 |ŷ|): the curve fixes y = 1.
  mape.curve = CurveTraits{.target = 1, .from = -2, .to = 4};
  mape.kinks = std::vector<KinkPoint>{point(1, 0, 0, 0, signAtZero)};
  mape.examples = {{{"epsilon", 1e-3}}};
  registry.add<ElementwiseLoss<AbsolutePercentageError>>(regression(
      "mean_absolute_percentage_error", LL_TR("Engine", "Mean absolute percentage error (MAPE)"),
      keras, LL_TR("Engine", "100 · mean_j |ŷ − y| / max(|y|, ε)"), {epsilonParam()}, true,
      std::move(mape)));

  LossFacts msle;
  // TF's maximum passes the gradient at ŷ = ε, as max() does here.
  msle.formula =
      formula({"epsilon"}, "square(log(max(y_pred, epsilon) + 1) - log(max(y_true, epsilon) + 1))");
  msle.curve = CurveTraits{.target = 1, .from = 0, .to = 4};  // ŷ < ε is clipped: flat
  msle.kinks = [](const ParamValues& p) {
    const double eps = paramOr(p, "epsilon", 1e-7);
    const double diff = std::log(eps + 1) - std::log(2.0);
    return std::vector<KinkPoint>{
        point(eps, diff * diff, 2 * diff / (eps + 1), 2 * (1 - diff) / ((eps + 1) * (eps + 1)),
              "ŷ = ε: TF's maximum passes the gradient at equality"),
        point(1, 0, 0, 0.5, "ŷ = y = 1: 2/(ŷ + 1)²")};
  };
  msle.examples = {{{"epsilon", 0.05}}};
  registry.add<ElementwiseLoss<SquaredLogError>>(regression(
      "mean_squared_logarithmic_error", LL_TR("Engine", "Mean squared logarithmic error (MSLE)"),
      keras, LL_TR("Engine", "mean_j (log(max(ŷ,ε)+1) − log(max(y,ε)+1))²"), {epsilonParam()}, true,
      std::move(msle)));

  LossFacts logCosh;
  logCosh.formula = formula({}, "log_cosh(r)");
  logCosh.kinks = std::vector<KinkPoint>{point(0, 0, 0, 1, "the origin")};
  registry.add<ElementwiseLoss<LogCosh>>(regression("log_cosh", LL_TR("Engine", "Log-cosh"), keras,
                                                    LL_TR("Engine", "mean_j log cosh(ŷ − y)"), {},
                                                    true, std::move(logCosh)));

  // Huber and its PyTorch twin differ only at |r| = δ, in the second derivative: Keras's
  // where(|r| <= δ) keeps the quadratic branch there, PyTorch's strict |r| < δ does not.
  const auto huberKinks = [](double d2AtDelta, std::string why) {
    return [d2AtDelta, why](const ParamValues& p) {
      const double delta = paramOr(p, "delta", 1);
      return std::vector<KinkPoint>{point(delta, 0.5 * delta * delta, delta, d2AtDelta, why),
                                    point(-delta, 0.5 * delta * delta, -delta, d2AtDelta, why),
                                    point(0, 0, 0, 1, "the origin")};
    };
  };
  LossFacts huber;
  huber.formula =
      formula({"delta"}, "where(abs(r) <= delta, 0.5*square(r), delta*abs(r) - 0.5*square(delta))");
  huber.kinks = huberKinks(1, "|r| = δ: Keras's where(|r| <= δ) takes the quadratic branch");
  huber.examples = {{{"delta", 0.7}}, {{"delta", 2.5}}};
  huber.thresholds = symmetricThreshold("delta", 1, Regime::Quadratic, Regime::Linear);
  registry.add<ElementwiseLoss<Huber>>(
      regression("huber", LL_TR("Engine", "Huber (δ)"), keras,
                 LL_TR("Engine", "½r² for |r| ≤ δ, δ|r| − ½δ² beyond"),
                 {deltaParam(LL_TR(
                     "Engine", "Where the quadratic turns linear; the gradient is clipped at ±δ"))},
                 true, std::move(huber)));

  ParamSpec beta = realParam("beta", LL_TR("Engine", "β (threshold)"), 1.0, 0,
                             std::numeric_limits<double>::infinity(),
                             LL_TR("Engine", "Width of the quadratic zone; β = 0 is the L1 loss"));
  beta.maxOpen = true;
  beta.sliderMin = 0;
  beta.sliderMax = 5;
  LossFacts smoothL1;
  // PyTorch's backward tests r ≤ −β first, so β = 0 has gradient −1 at r = 0 (spec §2.8).
  smoothL1.formula = [](const ParamValues& p) {
    if (paramOr(p, "beta", 1) == 0) {
      return FormulaText{{}, "where(r <= 0, -r, r)", ""};
    }
    return FormulaText{
        {"beta"},
        "where(r <= -beta, -r - 0.5*beta, where(r >= beta, r - 0.5*beta, 0.5*square(r)/beta))",
        ""};
  };
  smoothL1.kinks = [](const ParamValues& p) {
    const double b = paramOr(p, "beta", 1);
    if (b == 0) {
      return std::vector<KinkPoint>{
          point(0, 0, -1, 0, "β = 0, r = 0: PyTorch's backward tests r <= -β first")};
    }
    const char* why = "|r| = β: PyTorch's strict |r| < β takes the linear branch";
    return std::vector<KinkPoint>{point(b, 0.5 * b, 1, 0, why), point(-b, 0.5 * b, -1, 0, why),
                                  point(0, 0, 0, 1 / b, "the origin")};
  };
  smoothL1.examples = {{{"beta", 0}}, {{"beta", 0.4}}};
  smoothL1.thresholds = symmetricThreshold("beta", 1, Regime::Quadratic, Regime::Linear);
  registry.add<ElementwiseLoss<SmoothL1>>(regression(
      "smooth_l1", LL_TR("Engine", "Smooth L1 (β, PyTorch)"), torch,
      LL_TR("Engine", "½r²/β for |r| < β, |r| − ½β beyond"), {beta}, true, std::move(smoothL1)));
  registry.add<ElementwiseLoss<SquaredError>>(
      regression("torch_mse", LL_TR("Engine", "MSELoss (PyTorch)"), torch,
                 LL_TR("Engine", "(ŷ − y)², mean over all elements"), {}, true, squareFacts(2)));
  registry.add<ElementwiseLoss<AbsoluteError>>(
      regression("torch_l1", LL_TR("Engine", "L1Loss (PyTorch)"), torch,
                 LL_TR("Engine", "|ŷ − y|, mean over all elements"), {}, true, absFacts()));
  LossFacts torchHuber;
  torchHuber.formula =
      formula({"delta"}, "where(abs(r) < delta, 0.5*square(r), delta*(abs(r) - 0.5*delta))");
  torchHuber.kinks = huberKinks(0, "|r| = δ: PyTorch's strict |r| < δ takes the linear branch");
  torchHuber.examples = {{{"delta", 0.9}}};
  torchHuber.thresholds = symmetricThreshold("delta", 1, Regime::Quadratic, Regime::Linear);
  registry.add<ElementwiseLoss<TorchHuber>>(regression(
      "torch_huber", LL_TR("Engine", "HuberLoss (δ, PyTorch)"), torch,
      LL_TR("Engine", "½r² for |r| < δ, δ(|r| − ½δ) beyond"),
      {deltaParam(LL_TR("Engine", "Where the quadratic turns linear (PyTorch requires δ > 0)"))},
      true, std::move(torchHuber)));

  LossFacts cosine;
  cosine.exportLimit = kRowWise;
  // y = 1: ℓ = −ŷ / max(|ŷ|, ε), the normaliser's ε-kink on the picture (y = 0 would be flat 0).
  cosine.curve = CurveTraits{.target = 1};
  cosine.kinks = [](const ParamValues& p) {
    return std::vector<KinkPoint>{point(paramOr(p, "epsilon", 1e-7), -1, 0, kNaN,
                                        "Σŷ² = ε²: TF's maximum passes the first branch")};
  };
  cosine.examples = {{{"epsilon", 0.01}}};
  registry.add<CosineSimilarity>(
      regression("cosine_similarity", LL_TR("Engine", "Cosine similarity (negative)"), keras,
                 LL_TR("Engine", "−Σ n(y)·n(ŷ), n(x) = x / sqrt(max(Σx², ε²))"), {epsilonParam()},
                 false, std::move(cosine)));

  LossFacts temperature;
  temperature.formula = formula({"temperature"}, "temperature*square(r)");
  temperature.kinks = [](const ParamValues& p) {
    return std::vector<KinkPoint>{
        point(0, 0, 0, 2 * paramOr(p, "temperature", 1), "the origin: 2T")};
  };
  temperature.examples = {{{"temperature", 0.6}}};
  registry.add<ElementwiseLoss<TemperatureSquaredError>>(regression(
      "temperature_mse", LL_TR("Engine", "Temperature-scaled MSE"), keras,
      LL_TR("Engine", "T · mean_j (ŷ − y)²"),
      {positiveParam("temperature", LL_TR("Engine", "T (temperature)"), 1.0,
                     LL_TR("Engine", "Scales loss and gradient; the curve's shape does not change"),
                     0.05, 20)},
      true, std::move(temperature)));

  const char* rmseAtZero = "r = 0: LossLab's gradient is 0 where autodiff gives 0/0 (spec §3.2)";
  LossFacts rmseBatch;
  rmseBatch.formula = formula({}, "sqrt(mean(square(r)))");
  KinkPoint rmseZero = point(0, 0, 0, kNaN, rmseAtZero);
  rmseZero.autodiffAgrees = false;
  rmseBatch.kinks = std::vector<KinkPoint>{rmseZero};
  registry.add<RmseBatch>(
      regression("rmse_batch", LL_TR("Engine", "RMSE over the batch"), keras,
                 LL_TR("Engine", "sqrt(mean over all elements of r²), one scalar"), {}, false,
                 std::move(rmseBatch)));
  LossFacts rmseRow;
  rmseRow.formula = formula({}, "sqrt(row_mean(square(r)))");
  rmseRow.kinks = std::vector<KinkPoint>{rmseZero};
  registry.add<RmsePerSample>(regression(
      "rmse_per_sample", LL_TR("Engine", "RMSE per sample"), keras,
      LL_TR("Engine", "sqrt(mean_j r²) per sample, then averaged"), {}, false, std::move(rmseRow)));

  ParamSpec power = realParam(
      "power", LL_TR("Engine", "p (power)"), 1.5, -std::numeric_limits<double>::infinity(),
      std::numeric_limits<double>::infinity(),
      LL_TR("Engine", "0 normal, 1 Poisson, 2 gamma, 3 inverse Gaussian; (0, 1) invalid"));
  power.minOpen = power.maxOpen = true;
  power.sliderMin = -1;
  power.sliderMax = 3;
  LossFacts tweedie;
  tweedie.formula = [](const ParamValues& p) {
    return FormulaText{{},
                       tweedieExpression(paramOr(p, "power", 1.5)),
                       "LossLab's domain checks (y_pred > 0, …) are not exported: invalid "
                       "inputs give NaN"};
  };
  tweedie.curve = CurveTraits{.target = 1, .from = 0.05, .to = 4};  // μ > 0
  tweedie.inputs = tweedieDomain;
  tweedie.kinks = std::vector<KinkPoint>{point(1, 0, 0, 2, "μ = y = 1: 2μ^{−p−1}((1 − p)μ + py)")};
  tweedie.examples = {
      {{"power", 0}}, {{"power", 1}}, {{"power", 2}}, {{"power", 3}}, {{"power", -1.5}}};
  registry.add<ElementwiseLoss<TweedieDeviance>>(regression(
      "tweedie_deviance", LL_TR("Engine", "Tweedie deviance (p, sklearn)"), Framework::Reference,
      LL_TR("Engine", "unit deviance of a Tweedie distribution with mean ŷ"), {power}, true,
      std::move(tweedie)));
}

}  // namespace losslab
