// SPDX-License-Identifier: GPL-3.0-or-later
// Robust losses (spec §1.7, §2.6): Ceres Solver's robustifiers applied to the residual block of a
// sample, Barron's general loss, Tukey's biweight, pinball and ε-insensitive. r = ŷ − y.
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/reduction.h"
#include "core/losses/ceres_rho.h"
#include "core/losses/loss_file.h"

namespace losslab {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// ---- Ceres -------------------------------------------------------------------------------------

/// scale · f(g(s)) with g optional: every Ceres id is one of these. An elementary loss is
/// {f = ρ}, ScaledLoss(ρ, a) is {f = ρ, scale a} (nullptr ρ: f = trivial, giving [as, a, 0] as
/// Ceres' own nullptr branch), ComposedLoss(f, g) is {f, g}, LossFunctionWrapper(ρ) is {f = ρ}
/// (nullptr: trivial).
struct CeresChain {
  CeresRho f = CeresRho::trivial();
  std::optional<CeresRho> g;
  double scale = 1;

  static CeresChain of(CeresRho rho, double scaleBy = 1) { return {rho, std::nullopt, scaleBy}; }

  RhoEval operator()(double s) const {
    if (g) {
      const RhoEval inner = (*g)(s);
      return scaledRho(scale, composedRho(f(inner.value), inner));
    }
    return scaledRho(scale, f(s));
  }
};

/// The inner losses ceres_scaled / ceres_wrapper / ceres_composed can hold. "none" is Ceres'
/// nullptr (ScaledLoss: a·s; LossFunctionWrapper: the trivial loss); ComposedLoss CHECKs that f and
/// g are non-null, so it does not offer it. TolerantLoss is left out: it takes two constructor
/// arguments and these ids have one inner parameter (rho_a / f_a / g_a).
const std::vector<std::string> kInnerLosses{"none",   "trivial", "huber", "soft_l1",
                                            "cauchy", "arctan",  "tukey"};

CeresRho innerRho(const std::string& name, double a) {
  if (name == "huber") {
    return CeresRho::huber(a);
  }
  if (name == "soft_l1") {
    return CeresRho::softLOne(a);
  }
  if (name == "cauchy") {
    return CeresRho::cauchy(a);
  }
  if (name == "arctan") {
    return CeresRho::arctan(a);
  }
  if (name == "tukey") {
    return CeresRho::tukey(a);
  }
  return CeresRho::trivial();  // "none", "trivial"
}

std::string choiceAt(const ParamValues& params, std::string_view id, std::size_t offset) {
  return kInnerLosses[static_cast<std::size_t>(param(params, id)) + offset];
}

struct TrivialSpec {
  static CeresChain make(const ParamValues&) { return {}; }
};
struct HuberSpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(CeresRho::huber(param(p, "a")));
  }
};
struct SoftLOneSpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(CeresRho::softLOne(param(p, "a")));
  }
};
struct CauchySpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(CeresRho::cauchy(param(p, "a")));
  }
};
struct ArctanSpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(CeresRho::arctan(param(p, "a")));
  }
};
struct TolerantSpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(CeresRho::tolerant(param(p, "a"), param(p, "b")));
  }
};
struct TukeySpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(CeresRho::tukey(param(p, "a")));
  }
};
struct ScaledSpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(innerRho(choiceAt(p, "rho", 0), param(p, "rho_a")), param(p, "a"));
  }
};
struct ComposedSpec {
  static CeresChain make(const ParamValues& p) {
    return {innerRho(choiceAt(p, "f", 1), param(p, "f_a")),
            innerRho(choiceAt(p, "g", 1), param(p, "g_a")), 1};
  }
};
struct WrapperSpec {
  static CeresChain make(const ParamValues& p) {
    return CeresChain::of(innerRho(choiceAt(p, "rho", 0), param(p, "rho_a")));
  }
};

/// A Ceres robustifier on the residual block of each sample (spec §1.7):
///   s_i = ‖r_i‖² = Σ_j r_ij²,  ℓ_i = ½ρ(s_i),
///   ∂ℓ_i/∂ŷ_ij = ρ′(s_i) r_ij,  ∂²ℓ_i/∂ŷ_ij∂ŷ_ik = ρ′(s_i) δ_jk + 2ρ″(s_i) r_ij r_ik.
/// `d2` is the diagonal ρ′ + 2ρ″ r_ij² of that Hessian; for D > 1 it is not diagonal (the block
/// norm couples the columns), so the loss is not element-wise. With D = 1, ½ρ(r²) of HuberLoss(δ)
/// equals Keras huber(δ). At r = 0: [0, 0, ρ′(0)] (ρ′(0) = 1 except Tolerant's σ(−a/b)).
template <class Spec>
class CeresLoss final : public Loss {
 public:
  CeresLoss(const LossInfo& info, const ParamValues& params)
      : Loss(info), m_rho(Spec::make(params)) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    out.unreduced.resize(pred.rows(), 1);
    out.grad.resize(pred.rows(), pred.cols());
    out.d2.resize(pred.rows(), pred.cols());
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      double s = 0;
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        const double r = pred(i, j) - target(i, j);
        s += r * r;
      }
      const RhoEval rho = m_rho(s);
      out.unreduced(i, 0) = 0.5 * rho.value;
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        const double r = pred(i, j) - target(i, j);
        out.grad(i, j) = rho.d1 * r;
        out.d2(i, j) = rho.d1 + 2 * rho.d2 * r * r;
      }
    }
  }

  /// The training path: one pass, the same per-row arithmetic as evaluate() (s, ρ, ρ′·r), the
  /// value summed on the fly and the gradient scaled as it is stored — no BatchEval, no d2, no
  /// temporaries (the general path allocated and filled three batch-sized tensors).
  double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    grad.resize(pred.rows(), pred.cols());
    const auto rows = static_cast<double>(pred.rows());
    const double factor = uniformFactor(info().framework, reduction, rows, rows);
    const Eigen::Index k = pred.cols();
    const double* p = pred.data();
    const double* t = target.data();
    double* g = grad.data();
    if (k == 1 && !m_rho.g) {
      // One residual per sample: ρ(r²) element by element, the loop of ElementwiseLoss (eight
      // partial sums, compiled per instruction set) with ρ's kind fixed at compile time.
      return m_rho.f.visit([&](auto kind) {
        const ElementKernel<decltype(kind)::value> kernel{m_rho.f, m_rho.scale};
        return elementwise_detail::fusedPass(kernel, p, t, g, pred.size(), factor).value;
      });
    }
    const CeresChain rho = m_rho;  // a local copy: the gradient stores cannot alias it
    double sum = 0;
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      double s = 0;
      for (Eigen::Index j = 0; j < k; ++j) {
        const double r = p[i * k + j] - t[i * k + j];
        s += r * r;
      }
      const RhoEval e = rho(s);
      sum += 0.5 * e.value;
      for (Eigen::Index j = 0; j < k; ++j) {
        const double r = p[i * k + j] - t[i * k + j];
        g[i * k + j] = factor * (e.d1 * r);
      }
    }
    return factor * sum;  // as ReductionPlan::value: factor · Σ ℓ_i
  }

 private:
  /// ½·scale·ρ(r²) of one residual and its derivative scale·ρ′(r²)·r (evaluate()'s ρ′ r).
  template <CeresRho::Kind K>
  struct ElementKernel {
    CeresRho rho;
    double scale;
    LossEval operator()(double prediction, double target) const {
      const double r = prediction - target;
      const RhoEval e = scaledRho(scale, rho.at<K>(r * r));
      return {0.5 * e.value, e.d1 * r, 0};
    }
  };

  CeresChain m_rho;
};

// ---- Barron ------------------------------------------------------------------------------------

/// float32 machine epsilon 2^−23: the reference implementation's guard around α = 0 and α = 2.
constexpr double kEps32 = 1.1920928955078125e-7;

/// Barron's general and adaptive robust loss (CVPR 2019; robust_loss_pytorch general.lossfun),
/// element-wise in x = r with z = (x/c)² and b = |α − 2|:
///   ρ   = (b/α) ((z/b + 1)^{α/2} − 1),
///   ρ′  = (x/c²) (z/b + 1)^{α/2 − 1},
///   ρ″  = (1/c²) (z/b + 1)^{α/2 − 2} (1 + (α − 1) z/b).
/// Limits, selected by equality as the reference does, each the continuous limit of the above:
///   α = 2:   z/2,            x/c²,               1/c²
///   α = 0:   log(1 + z/2),   x/c² /(1 + z/2),    (1 − z/2)/(c²(1 + z/2)²)
///   α = −∞:  1 − e^{−z/2},   x/c² e^{−z/2},      (1 − z) e^{−z/2}/c²
///   α = +∞:  e^{z/2} − 1,    x/c² e^{z/2},       (1 + z) e^{z/2}/c²
/// Like the reference, b = max(2^−23, |α − 2|) near α = 2 (continuous there; ρ′ and ρ″ above are
/// exact for any constant b). Deviations (spec §2.6): |α| < 2^−23 uses the α = 0 form, where the
/// reference scales the α = 0 limit by |α|/2^−23 (0 in float32); the general branch uses
/// expm1/log1p instead of pow(…) − 1 (same value, no cancellation for small α); and α = +∞ is not
/// clamped at z/2 ≤ 87.5 (a float32 overflow guard): it overflows to inf past z/2 ≈ 709.
/// Closed forms: α = 1 √(z + 1) − 1 (pseudo-Huber), α = −2 2z/(z + 4) (Geman–McClure).
/// At r = 0: [0, 0, 1/c²] for every α.
struct BarronGeneral {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  enum class Form { L2, Cauchy, Welsch, Exponential, General };

  explicit BarronGeneral(const ParamValues& params)
      : m_alpha(param(params, "alpha")),
        m_invScaleSq(1 / (param(params, "scale") * param(params, "scale"))),
        m_b(std::fmax(kEps32, std::fabs(m_alpha - 2))),
        m_form(formFor(m_alpha)) {}

  LossEval operator()(double p, double t) const {
    const double x = p - t;
    const double z = x * x * m_invScaleSq;
    switch (m_form) {
      case Form::L2:
        return {0.5 * z, x * m_invScaleSq, m_invScaleSq};
      case Form::Cauchy: {
        const double u = 1 + 0.5 * z;
        return {std::log1p(0.5 * z), x * m_invScaleSq / u, m_invScaleSq * (1 - 0.5 * z) / (u * u)};
      }
      case Form::Welsch: {
        const double e = std::exp(-0.5 * z);
        return {-std::expm1(-0.5 * z), x * m_invScaleSq * e, m_invScaleSq * e * (1 - z)};
      }
      case Form::Exponential: {
        const double e = std::exp(0.5 * z);
        return {std::expm1(0.5 * z), x * m_invScaleSq * e, m_invScaleSq * e * (1 + z)};
      }
      case Form::General:
        break;
    }
    const double logU = std::log1p(z / m_b);  // log(z/b + 1)
    return {m_b / m_alpha * std::expm1(0.5 * m_alpha * logU),
            x * m_invScaleSq * std::exp((0.5 * m_alpha - 1) * logU),
            m_invScaleSq * std::exp((0.5 * m_alpha - 2) * logU) * (1 + (m_alpha - 1) * z / m_b)};
  }

  static Form formFor(double alpha) {
    if (alpha == 2) {
      return Form::L2;
    }
    if (std::fabs(alpha) < kEps32) {
      return Form::Cauchy;
    }
    if (alpha == -kInfinity) {
      return Form::Welsch;
    }
    if (alpha == kInfinity) {
      return Form::Exponential;
    }
    return Form::General;
  }

  double m_alpha;
  double m_invScaleSq;  // 1/c²
  double m_b;           // max(2^−23, |α − 2|)
  Form m_form;
};

// ---- Reference losses --------------------------------------------------------------------------

/// Tukey's biweight (bisquare), statsmodels TukeyBiweight(c).rho with u = r/c:
///   |r| ≤ c: ρ = c²/6 (1 − (1 − u²)³), ψ = r (1 − u²)², ψ′ = (1 − u²)(1 − 5u²);
///   |r| > c: ρ = c²/6, ψ = 0, ψ′ = 0.
/// All three are continuous at |r| = c. Equals ½ Ceres TukeyLoss(a = c) at s = r².
/// At r = 0: [0, 0, 1].
struct TukeyBiweight {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit TukeyBiweight(const ParamValues& params) : m_c(param(params, "c")) {}
  LossEval operator()(double p, double t) const {
    const double r = p - t;
    if (std::fabs(r) <= m_c) {
      const double u2 = r * r / (m_c * m_c);
      const double w = 1 - u2;
      return {m_c * m_c / 6 * (1 - w * w * w), r * w * w, w * (1 - 5 * u2)};
    }
    return {m_c * m_c / 6, 0, 0};
  }
  double m_c;
};

/// Pinball (quantile) loss, TFA pinball_loss with Δ = y − ŷ: e = max(τΔ, (τ − 1)Δ), mean over the
/// features. TF's maximum sends the gradient to its first argument where τΔ ≥ (τ − 1)Δ, i.e.
/// Δ ≥ 0: e′ = −τ for Δ ≥ 0 (ŷ ≤ y, the kink included), 1 − τ for Δ < 0; e″ = 0.
/// At r = 0: [0, −τ, 0].
struct Pinball {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit Pinball(const ParamValues& params) : m_tau(param(params, "tau")) {}
  LossEval operator()(double p, double t) const {
    const double delta = t - p;
    if (delta >= 0) {
      return {m_tau * delta, -m_tau, 0};
    }
    return {(m_tau - 1) * delta, 1 - m_tau, 0};
  }
  double m_tau;
};

/// ε-insensitive loss of support-vector regression (sklearn EpsilonInsensitive /
/// SquaredEpsilonInsensitive): h = max(0, |r| − ε), e = h or h². sklearn's dloss tests the tube
/// strictly (y − ŷ > ε, ŷ − y > ε), so at |r| = ε the gradient is 0:
///   plain:   e′ = sign(r) for |r| > ε, else 0;  e″ = 0;
///   squared: e′ = 2 sign(r) h,                    e″ = 2 for |r| > ε, else 0.
/// At r = 0: [0, 0, 0].
struct EpsilonInsensitive {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit EpsilonInsensitive(const ParamValues& params)
      : m_eps(param(params, "epsilon")), m_squared(param(params, "squared") != 0) {}
  /// One branch-free kernel per mode (selects: the fused loop vectorises; a branch on the tube
  /// mispredicts on random residuals).
  template <bool Squared>
  struct Mode {
    double eps;
    LossEval operator()(double p, double t) const {
      const double r = p - t;
      const double outside = std::fabs(r) - eps;
      const bool inside = outside <= 0;  // the tube, its edge included (NaN is outside)
      const double sign = r > 0 ? 1.0 : -1.0;
      if constexpr (Squared) {
        return {inside ? 0.0 : outside * outside, inside ? 0.0 : 2 * sign * outside,
                inside ? 0.0 : 2.0};
      } else {
        return {inside ? 0.0 : outside, inside ? 0.0 : sign, 0};
      }
    }
  };
  static constexpr bool kHasModes = true;
  template <class F>
  auto visit(F f) const {
    return m_squared ? f(Mode<true>{m_eps}) : f(Mode<false>{m_eps});
  }
  LossEval operator()(double p, double t) const {
    return visit([&](const auto& kernel) { return kernel(p, t); });
  }
  double m_eps;
  bool m_squared;
};

// ---- registration ------------------------------------------------------------------------------

LossInfo robust(std::string id,
                std::string name,
                Framework framework,
                std::string summary,
                std::vector<ParamSpec> params,
                bool elementwise,
                LossFacts facts) {
  LossInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.family = Family::Robust;
  info.framework = framework;
  info.target = TargetKind::SameShape;
  info.curve = CurveKind::Residual;
  info.summary = std::move(summary);
  info.params = std::move(params);
  info.elementwise = elementwise;
  info.facts = std::move(facts);
  return info;
}

ParamSpec scaleA(const char* units, const char* help) {
  return positiveParam("a", std::string("a (") + units + ")", 1.0, help, 0.05, 10);
}

ParamSpec innerA(std::string id, std::string label, const char* which) {
  return positiveParam(std::move(id), std::move(label), 1.0,
                       std::string("Parameter a of ") + which +
                           " (residual units, arctan: cost units); unused by none/trivial",
                       0.05, 10);
}

ParamSpec innerChoice(
    std::string id, std::string label, int def, bool allowNone, const char* help) {
  std::vector<std::string> choices(kInnerLosses.begin() + (allowNone ? 0 : 1), kInnerLosses.end());
  return choiceParam(std::move(id), std::move(label), def, std::move(choices), help);
}

template <class Spec>
void addCeres(LossRegistry& registry,
              std::string id,
              std::string name,
              std::string summary,
              std::vector<ParamSpec> params,
              LossFacts facts) {
  registry.add<CeresLoss<Spec>>(robust(std::move(id), std::move(name), Framework::Ceres,
                                       std::move(summary), std::move(params), false,
                                       std::move(facts)));
}

// ---- facts -------------------------------------------------------------------------------------

/// A Ceres robustifier as a formula, ℓ = ½ρ(s) with s written square(r) (spec §1.7). Ceres
/// applies ρ to the squared norm of the whole residual block: as a formula (no row sums) it
/// holds for one column, and the exporter replaces square(r) by the row's Σ_j r_j²
/// (FormulaText::rowSquaredNorm), so the expression must read r only as square(r).
FormulaText ceresText(std::vector<std::string> params, std::string expression) {
  FormulaText t{std::move(params), std::move(expression),
                "Ceres applies rho to the squared norm of the whole row; as a formula this is the "
                "one-column (D = 1) form",
                1};
  t.rowSquaredNorm = true;
  return t;
}

LossFacts ceresFacts(std::vector<std::string> params, std::string expression) {
  LossFacts f;
  f.formula = std::optional<FormulaText>(ceresText(std::move(params), std::move(expression)));
  return f;
}

/// ρ(s) of an inner-loss choice in the formula language, `s` a parenthesised expression and
/// `a` the name of its parameter.
/// Huber's √s is written √max(s, a²) so the branch where() discards has a finite gradient at
/// s = 0 in autodiff (√ has an infinite slope there, and 0·∞ would poison the sum).
std::optional<std::string> rhoText(const std::string& name,
                                   const std::string& s,
                                   const std::string& a) {
  const std::string a2 = "square(" + a + ")";
  if (name == "huber") {
    return "where(" + s + " <= " + a2 + ", " + s + ", 2*" + a + "*sqrt(max(" + s + ", " + a2 +
           ")) - " + a2 + ")";
  }
  if (name == "soft_l1") {
    return "2*" + a2 + "*(sqrt(1 + " + s + "/" + a2 + ") - 1)";
  }
  if (name == "cauchy") {
    return a2 + "*log1p(" + s + "/" + a2 + ")";
  }
  if (name == "tukey") {
    return "where(" + s + " <= " + a2 + ", " + a2 + "/3*(1 - (1 - " + s + "/" + a2 + ")^3), " + a2 +
           "/3)";
  }
  if (name == "arctan") {  // a·atan2(s, a) with a > 0
    return a + "*atan(" + s + "/" + a + ")";
  }
  return s;  // "none", "trivial"
}

/// The inner parameter's id if the inner loss reads it.
std::vector<std::string> innerParam(const std::string& name, const char* id) {
  return name == "none" || name == "trivial" ? std::vector<std::string>{}
                                             : std::vector<std::string>{id};
}

/// Huber's region test at |r| = a, s = a²: Ceres' outlier test is s > a², so the point is an
/// inlier: ½ρ = ½a², ρ′r = a, ρ′ + 2ρ″r² = 1 (times the ScaledLoss factor `scale`).
std::vector<KinkPoint> ceresHuberPoints(double a, double scale) {
  const char* why = "s = a²: Ceres' outlier test is s > a², the point is an inlier";
  return {point(a, 0.5 * scale * a * a, scale * a, scale, why),
          point(-a, 0.5 * scale * a * a, -scale * a, scale, why),
          point(0, 0, 0, scale, "the origin: ρ′(0) = 1")};
}

/// Barron's ρ with α fixed: the closed forms at α ∈ {2, 0, ±∞, 1, −2}, else the reference's
/// general branch with b = max(ε₃₂, |α − 2|) and α kept real in the exponent (robust_loss
/// general.py). |α| < ε₃₂ takes the α = 0 form (the catalogue's continuous choice, §2.6).
std::string barronExpression(double alpha) {
  const std::string z = "square(r/scale)";
  if (alpha == 2) {
    return "0.5*" + z;
  }
  if (std::fabs(alpha) < kEps32) {
    return "log1p(0.5*" + z + ")";
  }
  if (std::isinf(alpha)) {
    return alpha < 0 ? "1 - exp(-0.5*" + z + ")" : "exp(0.5*" + z + ") - 1";
  }
  if (alpha == 1) {
    return "sqrt(" + z + " + 1) - 1";
  }
  if (alpha == -2) {
    return "2*" + z + "/(" + z + " + 4)";
  }
  const double b = std::fmax(kEps32, std::fabs(alpha - 2));
  return formulaNumber(b / alpha) + "*((" + z + "/" + formulaNumber(b) + " + 1)^" +
         formulaNumber(alpha / 2) + " - 1)";
}

}  // namespace

LOSSLAB_LOSS_FILE(robust) {
  LossFacts trivial = ceresFacts({}, "0.5*square(r)");
  trivial.kinks = std::vector<KinkPoint>{point(0, 0, 0, 1, "the origin")};
  addCeres<TrivialSpec>(registry, "ceres_trivial", LL_TR("Engine", "TrivialLoss (Ceres)"),
                        LL_TR("Engine", "½‖r‖²: ρ(s) = s"), {}, std::move(trivial));

  LossFacts huber = ceresFacts({"a"},
                               "where(square(r) <= square(a), 0.5*square(r), "
                               "a*sqrt(max(square(r), square(a))) - 0.5*square(a))");
  huber.kinks = [](const ParamValues& p) { return ceresHuberPoints(paramOr(p, "a", 1), 1); };
  huber.examples = {{{"a", 0.9}}, {{"a", 2}}};
  huber.thresholds = symmetricThreshold("a", 1, Regime::Quadratic, Regime::Linear);
  addCeres<HuberSpec>(
      registry, "ceres_huber", LL_TR("Engine", "HuberLoss (a, Ceres)"),
      LL_TR("Engine", "½ρ(‖r‖²), ρ = s for s ≤ a², 2a√s − a² beyond"),
      {scaleA("residual units", LL_TR("Engine", "Outlier threshold: ‖r‖ > a grows linearly"))},
      std::move(huber));

  LossFacts softL1 = ceresFacts({"a"}, "square(a)*(sqrt(1 + square(r)/square(a)) - 1)");
  softL1.kinks = std::vector<KinkPoint>{point(0, 0, 0, 1, "the origin: ρ′(0) = 1")};
  softL1.examples = {{{"a", 0.9}}};
  addCeres<SoftLOneSpec>(
      registry, "ceres_soft_l1", LL_TR("Engine", "SoftLOneLoss (a, Ceres)"),
      LL_TR("Engine", "½ρ(‖r‖²), ρ = 2a²(√(1 + s/a²) − 1)"),
      {scaleA("residual units", LL_TR("Engine", "Scale: quadratic for ‖r‖ ≪ a, linear beyond"))},
      std::move(softL1));

  LossFacts cauchy = ceresFacts({"a"}, "0.5*square(a)*log1p(square(r)/square(a))");
  cauchy.kinks = std::vector<KinkPoint>{point(0, 0, 0, 1, "the origin: ρ′(0) = 1")};
  cauchy.examples = {{{"a", 0.8}}};
  addCeres<CauchySpec>(
      registry, "ceres_cauchy", LL_TR("Engine", "CauchyLoss (a, Ceres)"),
      LL_TR("Engine", "½ρ(‖r‖²), ρ = a² log(1 + s/a²)"),
      {scaleA("residual units",
              LL_TR("Engine", "Scale: quadratic for ‖r‖ ≪ a, logarithmic beyond"))},
      std::move(cauchy));

  LossFacts arctan = ceresFacts({"a"}, "0.5*a*atan(square(r)/a)");
  arctan.kinks = std::vector<KinkPoint>{point(0, 0, 0, 1, "the origin: ρ′(0) = 1")};
  arctan.examples = {{{"a", 2.5}}};
  addCeres<ArctanSpec>(
      registry, "ceres_arctan", LL_TR("Engine", "ArctanLoss (a, Ceres)"),
      LL_TR("Engine", "½ρ(‖r‖²), ρ = a·atan2(s, a), bounded by aπ/2"),
      {scaleA("cost units", LL_TR("Engine", "Cost level where it saturates: ρ → aπ/2"))},
      std::move(arctan));

  ParamSpec tolerantA =
      realParam("a", LL_TR("Engine", "a (cost units)"), 1.0, 0, kInfinity,
                LL_TR("Engine", "Squared norm where the loss turns on (Ceres: a ≥ 0)"));
  tolerantA.maxOpen = true;
  tolerantA.sliderMin = 0;
  tolerantA.sliderMax = 10;
  LossFacts tolerant =
      ceresFacts({"a", "b"}, "0.5*(b*softplus((square(r) - a)/b) - b*softplus(-a/b))");
  tolerant.kinks = [](const ParamValues& p) {
    // ρ′(0) = σ(−a/b): the curvature of ½ρ(r²) at r = 0.
    const double x = -paramOr(p, "a", 1) / paramOr(p, "b", 0.2);
    return std::vector<KinkPoint>{point(0, 0, 0, 1 / (1 + std::exp(-x)), "the origin: σ(−a/b)")};
  };
  tolerant.examples = {{{"a", 0.5}, {"b", 0.8}}};
  addCeres<TolerantSpec>(
      registry, "ceres_tolerant", LL_TR("Engine", "TolerantLoss (a, b, Ceres)"),
      LL_TR("Engine", "½ρ(‖r‖²), ρ = b log(1 + e^{(s−a)/b}) − b log(1 + e^{−a/b})"),
      {tolerantA,
       positiveParam("b", LL_TR("Engine", "b (cost units)"), 0.2,
                     LL_TR("Engine", "Width of the transition around s = a (Ceres: b > 0)"), 0.01,
                     5)},
      std::move(tolerant));

  LossFacts tukey = ceresFacts({"a"},
                               "where(square(r) <= square(a), square(a)/6*(1 - (1 - "
                               "square(r)/square(a))^3), square(a)/6)");
  tukey.kinks = [](const ParamValues& p) {
    const double a = paramOr(p, "a", 1);
    const char* why = "s = a²: Ceres' inlier test s ≤ a² (ρ is C² there)";
    return std::vector<KinkPoint>{point(a, a * a / 6, 0, 0, why), point(-a, a * a / 6, 0, 0, why),
                                  point(0, 0, 0, 1, "the origin")};
  };
  tukey.examples = {{{"a", 1.1}}};
  addCeres<TukeySpec>(
      registry, "ceres_tukey", LL_TR("Engine", "TukeyLoss (a, Ceres)"),
      LL_TR("Engine", "½ρ(‖r‖²), ρ = a²/3 (1 − (1 − s/a²)³) for s ≤ a², a²/3 beyond"),
      {scaleA("residual units", LL_TR("Engine", "Rejection threshold: ‖r‖ > a costs a constant"))},
      std::move(tukey));

  // The inner-loss choices index kInnerLosses (from "none" where allowed, else "trivial").
  LossFacts scaled;
  scaled.formula = [](const ParamValues& p) -> std::optional<FormulaText> {
    const std::string rho = choiceAt(p, "rho", 0);
    const std::optional<std::string> text = rhoText(rho, "square(r)", "rho_a");
    if (!text) {
      return std::nullopt;
    }
    std::vector<std::string> params = innerParam(rho, "rho_a");
    params.push_back("a");
    return ceresText(params, "0.5*a*(" + *text + ")");
  };
  scaled.kinks = [](const ParamValues& p) {
    if (choiceAt(p, "rho", 0) != "huber") {
      return std::vector<KinkPoint>{};
    }
    return ceresHuberPoints(paramOr(p, "rho_a", 1), paramOr(p, "a", 1));
  };
  scaled.examples = {{{"rho", 0}, {"a", 2}},
                     {{"rho", 3}, {"rho_a", 0.7}},
                     {{"rho", 6}, {"rho_a", 1.5}, {"a", 0.5}},
                     {{"rho_a", 0.6}, {"a", 1.7}}};
  addCeres<ScaledSpec>(registry, "ceres_scaled", LL_TR("Engine", "ScaledLoss (a·ρ, Ceres)"),
                       LL_TR("Engine", "½·a·ρ(‖r‖²) for an inner loss ρ"),
                       {innerChoice("rho", LL_TR("Engine", "ρ (inner loss)"), 2, true,
                                    LL_TR("Engine", "The loss to scale; none: ρ(s) = s (nullptr)")),
                        innerA("rho_a", LL_TR("Engine", "ρ's a"), "the inner loss"),
                        positiveParam("a", LL_TR("Engine", "a (scale)"), 1.0,
                                      LL_TR("Engine", "Multiplies ρ, ρ′ and ρ″"), 0.05, 10)},
                       std::move(scaled));

  LossFacts composed;
  composed.formula = [](const ParamValues& p) -> std::optional<FormulaText> {
    const std::string f = choiceAt(p, "f", 1);
    const std::string g = choiceAt(p, "g", 1);
    const std::optional<std::string> inner = rhoText(g, "square(r)", "g_a");
    const std::optional<std::string> outer =
        inner ? rhoText(f, "(" + *inner + ")", "f_a") : std::nullopt;
    if (!outer) {
      return std::nullopt;
    }
    std::vector<std::string> params = innerParam(f, "f_a");
    for (const std::string& id : innerParam(g, "g_a")) {
      params.push_back(id);
    }
    return ceresText(params, "0.5*(" + *outer + ")");
  };
  composed.kinks = [](const ParamValues& p) {
    if (choiceAt(p, "g", 1) != "huber" || choiceAt(p, "f", 1) != "cauchy") {
      return std::vector<KinkPoint>{};
    }
    // Cauchy ∘ Huber at s = g_a² (Huber's inlier side: g = s, g′ = 1, g″ = 0):
    // ½ρ = ½f_a² log(1 + s/f_a²), ρ′ = 1/(1 + s/f_a²), ρ″ = −1/(f_a²(1 + s/f_a²)²).
    const double ga = paramOr(p, "g_a", 1);
    const double fa2 = paramOr(p, "f_a", 1) * paramOr(p, "f_a", 1);
    const double s = ga * ga;
    const double u = 1 + s / fa2;
    const double d2 = 1 / u - 2 * s / (fa2 * u * u);
    const char* why = "s = a² of the inner Huber: Ceres' inlier side";
    return std::vector<KinkPoint>{point(ga, 0.5 * fa2 * std::log(u), ga / u, d2, why),
                                  point(-ga, 0.5 * fa2 * std::log(u), -ga / u, d2, why)};
  };
  composed.examples = {{{"f", 1}, {"g", 2}, {"f_a", 0.8}},
                       {{"f", 5}, {"g", 3}, {"f_a", 1.2}, {"g_a", 0.7}},
                       {{"f_a", 1.5}, {"g_a", 0.6}}};
  addCeres<ComposedSpec>(registry, "ceres_composed", LL_TR("Engine", "ComposedLoss (f∘g, Ceres)"),
                         LL_TR("Engine", "½ f(g(‖r‖²)): ρ′ = f′(g) g′, ρ″ = f″(g) g′² + f′(g) g″"),
                         {innerChoice("f", LL_TR("Engine", "f (outer loss)"), 3, false,
                                      LL_TR("Engine", "Applied to g(s)")),
                          innerA("f_a", LL_TR("Engine", "f's a"), "f"),
                          innerChoice("g", LL_TR("Engine", "g (inner loss)"), 1, false,
                                      LL_TR("Engine", "Applied to s = ‖r‖²")),
                          innerA("g_a", LL_TR("Engine", "g's a"), "g")},
                         std::move(composed));

  LossFacts wrapper;
  wrapper.formula = [](const ParamValues& p) -> std::optional<FormulaText> {
    const std::string rho = choiceAt(p, "rho", 0);
    const std::optional<std::string> text = rhoText(rho, "square(r)", "rho_a");
    if (!text) {
      return std::nullopt;
    }
    return ceresText(innerParam(rho, "rho_a"), "0.5*(" + *text + ")");
  };
  wrapper.kinks = [](const ParamValues& p) {
    if (choiceAt(p, "rho", 0) != "huber") {
      return std::vector<KinkPoint>{};
    }
    return ceresHuberPoints(paramOr(p, "rho_a", 1), 1);
  };
  wrapper.examples = {{{"rho", 0}}, {{"rho", 4}, {"rho_a", 0.5}}, {{"rho_a", 1.4}}};
  addCeres<WrapperSpec>(registry, "ceres_wrapper", LL_TR("Engine", "LossFunctionWrapper (Ceres)"),
                        LL_TR("Engine", "½ρ(‖r‖²), forwarding to ρ"),
                        {innerChoice("rho", LL_TR("Engine", "ρ (wrapped loss)"), 2, true,
                                     LL_TR("Engine", "The loss forwarded to; none: trivial")),
                         innerA("rho_a", LL_TR("Engine", "ρ's a"), "the wrapped loss")},
                        std::move(wrapper));

  ParamSpec alpha = realParam(
      "alpha", LL_TR("Engine", "α (shape)"), 1.0, -kInfinity, kInfinity,
      LL_TR("Engine",
            "2: L2, 1: pseudo-Huber, 0: Cauchy, −2: Geman–McClure, −inf: Welsch (±inf allowed)"));
  alpha.sliderMin = -10;
  alpha.sliderMax = 4;
  LossFacts barron;
  barron.formula = [](const ParamValues& p) {
    return FormulaText{{"scale"}, barronExpression(paramOr(p, "alpha", 1)), ""};
  };
  barron.kinks = [](const ParamValues& p) {
    const double c = paramOr(p, "scale", 1);
    return std::vector<KinkPoint>{point(0, 0, 0, 1 / (c * c), "the origin: 1/c² for every α")};
  };
  for (double a : {2.0, 0.0, -kInfinity, kInfinity, -2.0, 0.5, 3.0, -7.0, 1e-9}) {
    barron.examples.push_back({{"alpha", a}, {"scale", 1.3}});
  }
  registry.add<ElementwiseLoss<BarronGeneral>>(robust(
      "barron_general", LL_TR("Engine", "General robust loss (α, c; Barron)"), Framework::Barron,
      LL_TR("Engine", "mean_j (b/α)(((r/c)²/b + 1)^{α/2} − 1), b = |α − 2|"),
      {alpha, positiveParam("scale", LL_TR("Engine", "c (scale)"), 1.0,
                            LL_TR("Engine", "Width of the quadratic bowl around r = 0"), 0.05, 10)},
      true, std::move(barron)));

  LossFacts biweight;
  biweight.formula =
      formula({"c"}, "where(abs(r) <= c, square(c)/6*(1 - (1 - square(r/c))^3), square(c)/6)");
  biweight.kinks = [](const ParamValues& p) {
    const double c = paramOr(p, "c", 4.685);
    const char* why = "|r| = c: the inlier branch |r| ≤ c (ρ is C² there)";
    return std::vector<KinkPoint>{point(c, c * c / 6, 0, 0, why), point(-c, c * c / 6, 0, 0, why),
                                  point(0, 0, 0, 1, "the origin")};
  };
  biweight.examples = {{{"c", 1.5}}};
  registry.add<ElementwiseLoss<TukeyBiweight>>(robust(
      "tukey_biweight", LL_TR("Engine", "Tukey biweight (c, statsmodels)"), Framework::Reference,
      LL_TR("Engine", "mean_j c²/6 (1 − (1 − (r/c)²)³) for |r| ≤ c, c²/6 beyond"),
      {positiveParam(
          "c", LL_TR("Engine", "c (tuning constant)"), 4.685,
          LL_TR("Engine", "Residuals beyond c are rejected; 4.685 gives 95 % efficiency"), 0.1,
          10)},
      true, std::move(biweight)));

  LossFacts pinball;
  // TF's maximum gives the first argument's gradient (−τ) at Δ = 0.
  pinball.formula = formula({"tau"}, "max(tau*(y_true - y_pred), (tau - 1)*(y_true - y_pred))");
  pinball.kinks = [](const ParamValues& p) {
    return std::vector<KinkPoint>{point(0, 0, -paramOr(p, "tau", 0.5), 0,
                                        "Δ = 0: TF's maximum passes to its first argument τΔ")};
  };
  pinball.examples = {{{"tau", 0.3}}, {{"tau", 0.9}}};
  registry.add<ElementwiseLoss<Pinball>>(robust(
      "pinball", LL_TR("Engine", "Pinball / quantile loss (τ, TFA)"), Framework::Reference,
      LL_TR("Engine", "mean_j max(τΔ, (τ − 1)Δ), Δ = y − ŷ"),
      {realParam(
          "tau", LL_TR("Engine", "τ (quantile)"), 0.5, 0, 1,
          LL_TR("Engine", "Target quantile: under-prediction costs τ, over-prediction 1 − τ"))},
      true, std::move(pinball)));

  ParamSpec tube = realParam("epsilon", LL_TR("Engine", "ε (tube half-width)"), 0.1, 0, kInfinity,
                             LL_TR("Engine", "Errors up to ε cost nothing (sklearn default 0.1)"));
  tube.maxOpen = true;
  tube.sliderMin = 0;
  tube.sliderMax = 2;
  LossFacts insensitive;
  // max(0, ·) first: gradient 0 at |r| = ε, sklearn's strict boundary.
  insensitive.formula = [](const ParamValues& p) {
    return FormulaText{{"epsilon"},
                       paramOr(p, "squared", 0) != 0 ? "square(max(0, abs(r) - epsilon))"
                                                     : "max(0, abs(r) - epsilon)",
                       ""};
  };
  insensitive.kinks = [](const ParamValues& p) {
    const double eps = paramOr(p, "epsilon", 0.1);
    const char* why = "|r| = ε: sklearn's strict tube test, gradient 0";
    std::vector<KinkPoint> points = {point(eps, 0, 0, 0, why)};
    if (eps != 0) {
      points.push_back(point(-eps, 0, 0, 0, why));
    }
    return points;
  };
  insensitive.thresholds = [](const ParamValues& p) {
    const Regime beyond = paramOr(p, "squared", 0) != 0 ? Regime::Quadratic : Regime::Linear;
    return std::vector<Threshold>{{.param = "epsilon",
                                   .at = paramOr(p, "epsilon", 0.1),
                                   .symmetric = true,
                                   .inner = Regime::Zero,
                                   .outer = beyond}};
  };
  insensitive.examples = {
      {{"epsilon", 0.4}}, {{"epsilon", 0.4}, {"squared", 1}}, {{"epsilon", 0}, {"squared", 1}}};
  registry.add<ElementwiseLoss<EpsilonInsensitive>>(
      robust("epsilon_insensitive", LL_TR("Engine", "ε-insensitive (SVR, sklearn)"),
             Framework::Reference, LL_TR("Engine", "mean_j max(0, |r| − ε), or its square"),
             {tube, boolParam("squared", LL_TR("Engine", "squared"), false,
                              LL_TR("Engine", "squared_epsilon_insensitive: max(0, |r| − ε)²"))},
             true, std::move(insensitive)));
}

}  // namespace losslab
