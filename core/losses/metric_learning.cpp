// SPDX-License-Identifier: GPL-3.0-or-later
// Metric learning and ranking losses (spec §2.4): PyTorch margin_ranking, hinge_embedding,
// cosine_embedding and triplet_margin, and the contrastive loss of Hadsell, Chopra & LeCun
// (TFA form and paper form). PyTorch ids return what reduction='none' returns and follow its
// kink conventions: clamp_min(v, 0) passes the gradient where v ≥ 0, torch.minimum shares it
// ½/½ at ties (spec §1.4).
#include <cmath>
#include <limits>
#include <string>

#include "core/engine/pipeline.h"
#include "core/losses/loss_file.h"

namespace losslab {

namespace {

/// The differentiable extra `name` must have y_pred's shape (PyTorch does not broadcast here).
const Tensor& sameShapeExtra(const LossInputs& in,
                             std::string_view lossId,
                             std::string_view name,
                             std::string_view predName) {
  const Tensor* extra = in.extra(name);
  if (!extra) {
    // The pipeline reports missing required inputs first; this guards direct callers.
    throw Error::usage(std::string(lossId) + " needs the input '" + std::string(name) + "'");
  }
  if (extra->rows() != in.yPred->rows() || extra->cols() != in.yPred->cols()) {
    throw Error::usage(std::string(lossId) + ": " + std::string(name) + " has shape " +
                       shapeText(*extra) + " but y_pred (" + std::string(predName) +
                       ") has shape " + shapeText(*in.yPred) + "; they must be equal");
  }
  return *extra;
}

/// PyTorch MarginRankingLoss, element-wise with x₁ = y_pred, x₂ = input2, y = y_true (±1), all
/// of one shape: v = −y(x₁ − x₂) + m, e = max(0, v) (clamp_min),
///   ∂e/∂x₁ = −y · 1[v ≥ 0], ∂e/∂x₂ = +y · 1[v ≥ 0], ∂²e/∂x₁² = 0.
/// clamp_min passes at v = 0, so the gradient at the kink is −y (x₁) and +y (x₂).
/// At x₁ = x₂, y = 1, m = 0: [0, −1, 0] (and +1 for x₂).
class MarginRanking final : public Loss {
 public:
  MarginRanking(const LossInfo& info, const ParamValues& params)
      : Loss(info), m_margin(param(params, "margin")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& x1 = *in.yPred;
    const Tensor& x2 = sameShapeExtra(in, info().id, "input2", "input1");
    const Tensor& y = *in.yTrue;
    const Tensor v = -y * (x1 - x2) + m_margin;
    const Tensor active = (v >= 0).cast<double>();
    out.unreduced = v.max(0.0);
    out.grad = -y * active;
    out.extraGrads["input2"] = y * active;
    out.d2.setZero(x1.rows(), x1.cols());
  }

 private:
  double m_margin;
};

/// PyTorch HingeEmbeddingLoss, element-wise on x = y_pred (typically a distance):
///   e = 1[y ≠ 1] max(0, m − x) + 1[y ≠ −1] x,
///   e′ = −1[y ≠ 1] 1[m − x ≥ 0] + 1[y ≠ −1], e″ = 0.
/// A label that is neither ±1 (e.g. 0) gets both terms (torch's two where()s, run in 1.13).
/// clamp_min passes at x = m, so e′(m) = −1 for y = −1.
/// At x = 0: y = 1: [0, 1, 0]; y = −1: [max(0, m), −1 if m ≥ 0 else 0, 0].
struct HingeEmbedding {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit HingeEmbedding(const ParamValues& params) : m_margin(param(params, "margin")) {}
  LossEval operator()(double x, double y) const {
    // Both terms as selects (no branch on the label: the fused loop vectorises), added in the
    // order 0 + hinge term + x of the two where()s; adding an absent term's +0 changes no bits.
    const bool notPositive = y != 1;
    const bool notNegative = y != -1;
    const double v = m_margin - x;
    const double hinge = notPositive && v > 0.0 ? v : 0.0;  // fmax(v, 0) (NaN → 0)
    const double slope = notPositive && v >= 0 ? -1.0 : 0.0;
    return {(0.0 + hinge) + (notNegative ? x : 0.0), slope + (notNegative ? 1.0 : 0.0), 0};
  }
  double m_margin;
};

/// PyTorch CosineEmbeddingLoss per sample, x₁ = y_pred and x₂ = input2 of shape (B, D),
/// y = y_true (B, 1). With ε = 1e-12 inside the squared norms (torch's EPSILON):
///   n_k = ‖x_k‖² + ε, cos = x₁·x₂ / sqrt(n₁ n₂),
///   ℓ = 1 − cos (y = 1), max(0, cos − m) (y = −1), 0 for any other label.
///   ∂cos/∂x₁ = x₂ / sqrt(n₁ n₂) − cos x₁ / n₁ (swap the roles for x₂), multiplied by −1
///   (y = 1), 1[cos − m ≥ 0] (y = −1, clamp_min passes at the margin) or 0.
/// A zero vector gives finite but huge gradients ~ 1/sqrt(ε) (as torch does).
/// At x₁ = (1, 0), x₂ = (0, 1) (cos = 0): y = 1: [1, ∂/∂x₁ = (0, −1/(1 + ε))];
/// y = −1, m = 0: [0, ∂/∂x₁ = (0, 1/(1 + ε))] (the clamp passes at cos − m = 0).
class CosineEmbedding final : public Loss {
 public:
  static constexpr double kEpsilon = 1e-12;  // torch's EPSILON in cosine_embedding_loss

  CosineEmbedding(const LossInfo& info, const ParamValues& params)
      : Loss(info), m_margin(param(params, "margin")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& x1 = *in.yPred;
    const Tensor& x2 = sameShapeExtra(in, info().id, "input2", "input1");
    const Tensor& y = *in.yTrue;
    out.unreduced.resize(x1.rows(), 1);
    out.grad.setZero(x1.rows(), x1.cols());
    Tensor& grad2 = out.extraGrads["input2"];
    grad2.setZero(x1.rows(), x1.cols());
    for (Eigen::Index i = 0; i < x1.rows(); ++i) {
      const double n1 = x1.row(i).square().sum() + kEpsilon;
      const double n2 = x2.row(i).square().sum() + kEpsilon;
      const double den = std::sqrt(n1 * n2);
      const double cos = (x1.row(i) * x2.row(i)).sum() / den;
      double outer = 0;  // ∂ℓ/∂cos
      if (y(i, 0) == 1) {
        out.unreduced(i, 0) = 1 - cos;
        outer = -1;
      } else if (y(i, 0) == -1) {
        out.unreduced(i, 0) = std::fmax(cos - m_margin, 0.0);
        outer = cos - m_margin >= 0 ? 1.0 : 0.0;
      } else {
        out.unreduced(i, 0) = 0;
      }
      if (outer != 0) {
        out.grad.row(i) = outer * (x2.row(i) / den - cos * x1.row(i) / n1);
        grad2.row(i) = outer * (x1.row(i) / den - cos * x2.row(i) / n2);
      }
    }
  }

 private:
  double m_margin;
};

/// PyTorch TripletMarginLoss per sample, anchor a = y_pred, extras `positive` p and `negative`
/// n, all (B, D). pairwise_distance adds ε to the difference, not to the norm:
///   d(u, v) = ‖u − v + ε‖_q (q = the p parameter), d⁺ = d(a, p),
///   d⁻ = d(a, n), or min(d(a, n), d(p, n)) with swap; ℓ = max(0, m + d⁺ − d⁻).
/// With w = u − v + ε, ∂d/∂u = sign(w)|w|^{q−1} / d^{q−1} = −∂d/∂v (torch's norm backward:
/// 0 where d = 0, and 0 for components w_j = 0 when q < 1). Writing g_uv for ∂d(u, v)/∂u and
/// α, β for the shares of d(a, n) and d(p, n) in d⁻ (1/0, 0/1, or ½/½ at an exact tie, as
/// torch.minimum's backward splits it):
///   ∂ℓ/∂a = g_ap − α g_an, ∂ℓ/∂p = −g_ap − β g_pn, ∂ℓ/∂n = α g_an + β g_pn,
/// all masked by 1[m + d⁺ − d⁻ ≥ 0] (clamp_min passes at 0).
/// At a = p = n (D = 2, q = 2, m = 1): d⁺ = d⁻ = ε√2, [1, ∂a = 0, ∂p = −(1, 1)/√2,
/// ∂n = (1, 1)/√2]; with swap the tie gives ∂a = (1, 1)/(2√2), ∂p = −3(1, 1)/(2√2), ∂n as before.
class TripletMargin final : public Loss {
 public:
  TripletMargin(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_margin(param(params, "margin")),
        m_p(param(params, "p")),
        m_eps(param(params, "eps")),
        m_swap(param(params, "swap") != 0) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& a = *in.yPred;
    const Tensor& pos = sameShapeExtra(in, info().id, "positive", "anchor");
    const Tensor& neg = sameShapeExtra(in, info().id, "negative", "anchor");
    const Eigen::Index rows = a.rows();
    const Eigen::Index cols = a.cols();
    out.unreduced.resize(rows, 1);
    out.grad.setZero(rows, cols);
    Tensor& gradPos = out.extraGrads["positive"];
    Tensor& gradNeg = out.extraGrads["negative"];
    gradPos.setZero(rows, cols);
    gradNeg.setZero(rows, cols);
    Eigen::ArrayXd gAp(cols), gAn(cols), gPn(cols);
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double dAp = distance(a, pos, i, gAp);
      const double dAn = distance(a, neg, i, gAn);
      double alpha = 1;  // share of d(a, n) in d⁻
      double beta = 0;   // share of d(p, n) in d⁻
      double dNeg = dAn;
      if (m_swap) {
        const double dPn = distance(pos, neg, i, gPn);
        if (dPn < dAn) {
          alpha = 0;
          beta = 1;
          dNeg = dPn;
        } else if (dPn == dAn) {
          alpha = beta = 0.5;
        }
      }
      const double v = m_margin + dAp - dNeg;
      out.unreduced(i, 0) = std::fmax(v, 0.0);
      if (v < 0) {
        continue;
      }
      out.grad.row(i) = (gAp - alpha * gAn).transpose();
      gradNeg.row(i) = (alpha * gAn).transpose();
      if (beta != 0) {
        gradPos.row(i) = (-gAp - beta * gPn).transpose();
        gradNeg.row(i) += (beta * gPn).transpose();
      } else {
        gradPos.row(i) = -gAp.transpose();
      }
    }
  }

 private:
  /// d = ‖u_i − v_i + ε‖_p of row i and g = ∂d/∂u_i.
  double distance(const Tensor& u, const Tensor& v, Eigen::Index i, Eigen::ArrayXd& g) const {
    const Eigen::ArrayXd w = (u.row(i) - v.row(i)).transpose() + m_eps;
    double d;
    if (m_p == 2) {
      d = std::sqrt(w.square().sum());
    } else if (m_p == 1) {
      d = w.abs().sum();
    } else {
      d = std::pow(w.abs().pow(m_p).sum(), 1 / m_p);
    }
    if (d == 0) {
      g.setZero();
      return d;
    }
    if (m_p == 2) {
      g = w / d;
    } else if (m_p == 1) {
      g = w.unaryExpr([](double x) { return signum(x); });
    } else {
      const double scale = std::pow(d, 1 - m_p);
      g = w.unaryExpr([&](double x) {
        return x == 0 ? 0.0 : signum(x) * std::pow(std::fabs(x), m_p - 1) * scale;
      });
    }
    return d;
  }

  double m_margin;
  double m_p;
  double m_eps;
  bool m_swap;
};

/// Contrastive loss (Hadsell, Chopra & LeCun 2006), per sample, on a distance d ≥ 0 (not
/// checked, as TFA does not) with label y and margin m > 0. Two conventions:
///   tfa (y = 1 similar, tfa.losses.contrastive_loss): ℓ = y d² + (1 − y) max(m − d, 0)²,
///     ∂ℓ/∂d = 2y d − 2(1 − y) max(m − d, 0), ∂²ℓ/∂d² = 2y + 2(1 − y) 1[m − d ≥ 0];
///   paper (Y = 0 similar): ℓ = (1 − Y) ½d² + Y ½max(0, m − d)² = ½·tfa with y = 1 − Y,
///     ∂ℓ/∂d = (1 − Y) d − Y max(m − d, 0), ∂²ℓ/∂d² = (1 − Y) + Y 1[m − d ≥ 0].
/// The first derivative is continuous at d = m; the second takes the left value there.
/// Input modes: without `input2`, y_pred is the distance, one column (B, 1), and d2 is filled.
/// With `input2`, y_pred = e₁ and input2 = e₂ are embeddings (B, D), d = ‖e₁ − e₂‖₂ and
///   ∂ℓ/∂e₁ = ∂ℓ/∂d · (e₁ − e₂)/d = −∂ℓ/∂e₂,
/// which is undefined at d = 0: the catalogue chooses 0 there. d2 is left empty in this mode.
/// At d = 0: tfa y = 1: [0, 0, 2], y = 0: [m², −2m, 2]; paper Y = 0: [0, 0, 1],
/// Y = 1: [½m², −m, 1].
class Contrastive final : public Loss {
 public:
  enum Convention { kTfa = 0, kPaper = 1 };  // indices of the `convention` choice

  Contrastive(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_margin(param(params, "margin")),
        m_paper(static_cast<int>(param(params, "convention")) == kPaper) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& y = *in.yTrue;
    const Eigen::Index rows = pred.rows();
    const bool embeddings = in.extra("input2") != nullptr;
    if (!embeddings && pred.cols() != 1) {
      throw Error::usage(
          "contrastive: without input2, y_pred holds one distance per sample, shape (" +
          std::to_string(rows) + ", 1), but has shape " + shapeText(pred) +
          "; pass the second embedding as input2 to use d = ‖e1 − e2‖");
    }
    out.unreduced.resize(rows, 1);
    if (!embeddings) {
      out.grad.resize(rows, 1);
      out.d2.resize(rows, 1);
      for (Eigen::Index i = 0; i < rows; ++i) {
        const LossEval e = term(pred(i, 0), y(i, 0));
        out.unreduced(i, 0) = e.value;
        out.grad(i, 0) = e.d1;
        out.d2(i, 0) = e.d2;
      }
      return;
    }
    const Tensor& e2 = sameShapeExtra(in, info().id, "input2", "first embedding");
    out.grad.setZero(rows, pred.cols());
    Tensor& grad2 = out.extraGrads["input2"];
    grad2.setZero(rows, pred.cols());
    for (Eigen::Index i = 0; i < rows; ++i) {
      const Eigen::ArrayXd diff = (pred.row(i) - e2.row(i)).transpose();
      const double d = std::sqrt(diff.square().sum());
      const LossEval e = term(d, y(i, 0));
      out.unreduced(i, 0) = e.value;
      if (d > 0) {
        out.grad.row(i) = (e.d1 / d * diff).transpose();
        grad2.row(i) = -out.grad.row(i);
      }
    }
  }

 private:
  /// ℓ, ∂ℓ/∂d and ∂²ℓ/∂d² of one pair.
  LossEval term(double d, double label) const {
    const double similar = m_paper ? 1 - label : label;  // weight of the similar-pair term
    const double hinge = std::fmax(m_margin - d, 0.0);
    const double inside = m_margin - d >= 0 ? 1.0 : 0.0;
    const double scale = m_paper ? 0.5 : 1.0;
    const double dissimilar = 1 - similar;
    return {scale * (similar * d * d + dissimilar * hinge * hinge),
            2 * scale * (similar * d - dissimilar * hinge),
            2 * scale * (similar + dissimilar * inside)};
  }

  double m_margin;
  bool m_paper;
};

LossInfo metric(std::string id,
                std::string name,
                Framework framework,
                TargetKind target,
                CurveKind curve,
                std::string summary,
                std::vector<ParamSpec> params,
                std::vector<ExtraInput> extras,
                bool elementwise,
                LossFacts facts) {
  LossInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.family = Family::MetricLearning;
  info.framework = framework;
  info.target = target;
  info.curve = curve;
  info.summary = std::move(summary);
  info.params = std::move(params);
  info.extras = std::move(extras);
  info.elementwise = elementwise;
  info.facts = std::move(facts);
  return info;
}

/// A real margin (PyTorch allows any value, negative included).
ParamSpec marginParam(double def, std::string help) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  ParamSpec spec =
      realParam("margin", LL_TR("Engine", "m (margin)"), def, -kInf, kInf, std::move(help));
  spec.minOpen = spec.maxOpen = true;
  spec.sliderMin = -1;
  spec.sliderMax = 3;
  return spec;
}

const CallArg kMargin{"margin", "margin", ArgKind::Real};
const char* kClampPasses = "clamp_min passes the gradient at 0";

/// The pair inputs of a PyTorch call: (input1 = y_pred, input2, target = y_true).
FrameworkCall pairCall(std::string function, std::string klass) {
  FrameworkCall call = torchCall(std::move(function), std::move(klass), {kMargin});
  call.inputs = {{"input1", "y_pred"}, {"input2", "input2"}, {"target", "y_true"}};
  return call;
}

}  // namespace

LOSSLAB_LOSS_FILE(metric_learning) {
  const Framework torch = Framework::PyTorch;
  const ExtraInput input2{"input2", true, true,
                          LL_TR("Engine", "second input x₂, same shape as y_pred")};
  const ExtraDomain realInput2{"input2", Values::Real};

  LossFacts ranking;
  ranking.calls = {pairCall("margin_ranking_loss", "MarginRankingLoss")};
  ranking.exportLimit = "it reads extra inputs (input2)";
  ranking.curve = CurveTraits{.path = CurvePath::Pair, .negativeLabel = -1};
  ranking.inputs = InputDomain{.target = Values::PlusMinusOne, .extras = {realInput2}};
  ranking.kinks = [clamp = kClampPasses](const ParamValues& p) {
    const double m = paramOr(p, "margin", 0);
    return std::vector<KinkPoint>{pointOf("positive", m, 0, -1, 0, clamp),
                                  pointOf("negative", -m, 0, 1, 0, clamp)};
  };
  ranking.examples = {{{"margin", 0.2}}};
  registry.add<MarginRanking>(metric(
      "margin_ranking", LL_TR("Engine", "MarginRankingLoss (PyTorch)"), torch,
      TargetKind::SameShape, CurveKind::Margin,
      LL_TR("Engine", "max(0, −y(x₁ − x₂) + m); y = 1 ranks x₁ above x₂"),
      {marginParam(0.0, LL_TR("Engine", "How far x₁ must exceed x₂ (y = 1) before the loss is 0"))},
      {input2}, true, std::move(ranking)));

  LossFacts hingeEmbedding;
  hingeEmbedding.formula =
      formula({"margin"},
              "where(y_true != 1, max(margin - y_pred, 0), 0) + where(y_true != -1, y_pred, 0)");
  hingeEmbedding.calls = {torchCall("hinge_embedding_loss", "HingeEmbeddingLoss", {kMargin})};
  hingeEmbedding.curve = CurveTraits{.negativeLabel = -1};
  hingeEmbedding.inputs =
      InputDomain{.prediction = Values::NonNegative, .target = Values::PlusMinusOne};
  hingeEmbedding.kinks = [clamp = kClampPasses](const ParamValues& p) {
    const double m = paramOr(p, "margin", 1);
    return std::vector<KinkPoint>{pointOf("dissimilar", m, 0, -1, 0, clamp),
                                  pointOf("similar", 0.5, 0.5, 1, 0, "y = 1: ℓ = x")};
  };
  hingeEmbedding.examples = {{{"margin", 0.8}}};
  hingeEmbedding.thresholds = [](const ParamValues& values) {
    return std::vector<Threshold>{{.variant = "dissimilar",
                                   .param = "margin",
                                   .at = paramOr(values, "margin", 1),
                                   .inner = Regime::Linear,
                                   .outer = Regime::Zero}};
  };
  registry.add<ElementwiseLoss<HingeEmbedding>>(metric(
      "hinge_embedding", LL_TR("Engine", "HingeEmbeddingLoss (PyTorch)"), torch,
      TargetKind::SameShape, CurveKind::Distance,
      LL_TR("Engine", "x for y = 1, max(0, m − x) for y = −1 (x typically a distance)"),
      {marginParam(1.0,
                   LL_TR("Engine", "Dissimilar pairs (y = −1) are pushed beyond this distance"))},
      {}, true, std::move(hingeEmbedding)));

  LossFacts cosine;
  FrameworkCall cosineCall = pairCall("cosine_embedding_loss", "CosineEmbeddingLoss");
  cosineCall.prelude =
      "# LossLab's labels are a (B, 1) column; PyTorch takes (B,).\n"
      "target = target.reshape(-1)\n";
  cosine.calls = {cosineCall};
  cosine.exportLimit = "it reads extra inputs (input2)";
  cosine.curve = CurveTraits{.path = CurvePath::Cosine, .negativeLabel = -1};
  cosine.inputs = InputDomain{.target = Values::PlusMinusOne, .extras = {realInput2}};
  cosine.kinks = [clamp = kClampPasses](const ParamValues& p) {
    if (paramOr(p, "margin", 0) != 0) {
      return std::vector<KinkPoint>{};
    }
    // x₁ = (0, 1) ⟂ x₂ = (1, 0): cos = 0, ∂cos/∂x₁ = x₂/√(n₁n₂) with n = 1 + 1e-12.
    const double slope = 1 / (1 + CosineEmbedding::kEpsilon);
    return std::vector<KinkPoint>{pointOf("similar", 0, 1, -slope, kNaN, "cos = 0, y = 1"),
                                  pointOf("dissimilar", 0, 0, slope, kNaN, clamp)};
  };
  cosine.examples = {{{"margin", 0.3}}};
  registry.add<CosineEmbedding>(
      metric("cosine_embedding", LL_TR("Engine", "CosineEmbeddingLoss (PyTorch)"), torch,
             TargetKind::ClassIndex, CurveKind::Margin,
             LL_TR("Engine", "1 − cos(x₁, x₂) for y = 1, max(0, cos(x₁, x₂) − m) for y = −1"),
             {marginParam(
                 0.0, LL_TR("Engine", "Dissimilar pairs (y = −1) cost nothing below this cosine"))},
             {{"input2", true, true, LL_TR("Engine", "second input x₂, (B, D) like y_pred")}},
             false, std::move(cosine)));

  ParamSpec p =
      positiveParam("p", LL_TR("Engine", "p (norm degree)"), 2.0,
                    LL_TR("Engine", "Degree of the p-norm of pairwise_distance"), 0.5, 4, false);
  ParamSpec eps = realParam("eps", LL_TR("Engine", "ε (added to the difference)"), 1e-6, 0,
                            std::numeric_limits<double>::infinity(),
                            LL_TR("Engine", "pairwise_distance adds ε to u − v before the norm"));
  eps.maxOpen = true;
  eps.sliderMin = 0;
  eps.sliderMax = 1e-3;
  LossFacts triplet;
  FrameworkCall tripletCall = torchCall("triplet_margin_loss", "TripletMarginLoss",
                                        {kMargin,
                                         {"p", "p", ArgKind::Real},
                                         {"eps", "eps", ArgKind::Real},
                                         {"swap", "swap", ArgKind::Bool}});
  tripletCall.inputs = {{"anchor", "y_pred"}, {"positive", "positive"}, {"negative", "negative"}};
  triplet.calls = {tripletCall};
  triplet.exportLimit = "it reads extra inputs (positive, negative)";
  triplet.curve = CurveTraits{.path = CurvePath::Triplet};
  triplet.inputs = InputDomain{.extras = {{"positive", Values::Real}, {"negative", Values::Real}}};
  triplet.kinks = [clamp = kClampPasses](const ParamValues& v) {
    // Exact only where the curve's distances are: ε = 0, an exact norm, no swap.
    const double q = paramOr(v, "p", 2);
    if (paramOr(v, "eps", 1e-6) != 0 || paramOr(v, "swap", 0) != 0 || (q != 1 && q != 2)) {
      return std::vector<KinkPoint>{};
    }
    const double m = paramOr(v, "margin", 1);
    return std::vector<KinkPoint>{pointOf("positive", 2 - m, 0, 1, kNaN, clamp),
                                  pointOf("negative", 0.5 + m, 0, -1, kNaN, clamp)};
  };
  triplet.examples = {{{"margin", 0.5}, {"swap", 1}},
                      {{"eps", 0}},
                      {{"eps", 0}, {"margin", 0.5}, {"p", 1}},
                      {{"p", 1.5}}};
  registry.add<TripletMargin>(metric(
      "triplet_margin", LL_TR("Engine", "TripletMarginLoss (PyTorch)"), torch, TargetKind::None,
      CurveKind::Margin, LL_TR("Engine", "max(0, m + d(a, p) − d(a, n)), d(u, v) = ‖u − v + ε‖_p"),
      {marginParam(1.0,
                   LL_TR("Engine", "Required gap between the negative and the positive distance")),
       p, eps,
       boolParam(
           "swap", LL_TR("Engine", "swap"), false,
           LL_TR("Engine",
                 "Use min(d(a, n), d(p, n)) as the negative distance (Balntas et al. 2016)"))},
      {{"positive", true, true,
        LL_TR("Engine", "positive examples, (B, D) like the anchor y_pred")},
       {"negative", true, true,
        LL_TR("Engine", "negative examples, (B, D) like the anchor y_pred")}},
      false, std::move(triplet)));

  LossFacts contrastive;
  contrastive.formula = [](const ParamValues& v) {
    const std::string note =
        "y_pred is the pair distance d; LossLab's embedding mode (input2) computes d = ||e1 - "
        "e2|| first";
    if (paramOr(v, "convention", 0) == 0) {
      return FormulaText{
          {"margin"}, "y_true*square(y_pred) + (1 - y_true)*square(max(margin - y_pred, 0))", note};
    }
    return FormulaText{
        {"margin"},
        "(1 - y_true)*0.5*square(y_pred) + y_true*0.5*square(max(margin - y_pred, 0))",
        note};
  };
  contrastive.curve = [](const ParamValues& v) {
    const bool paper = paramOr(v, "convention", 0) == 1;  // Y = 0 similar
    return CurveTraits{.positiveLabel = paper ? 0.0 : 1.0, .negativeLabel = paper ? 1.0 : 0.0};
  };
  contrastive.inputs =
      InputDomain{.prediction = Values::NonNegative, .target = Values::Binary, .columns = 1};
  contrastive.kinks = [](const ParamValues& v) {
    const double m = paramOr(v, "margin", 1);
    const double scale = paramOr(v, "convention", 0) == 1 ? 0.5 : 1.0;
    return std::vector<KinkPoint>{
        pointOf("dissimilar", m, 0, 0, 2 * scale,
                "d = m: the second derivative takes the left value (max(m − d, 0) passes)"),
        pointOf("similar", 0.5, 0.25 * scale, scale, 2 * scale, "d = ½")};
  };
  contrastive.thresholds = [](const ParamValues& values) {
    return std::vector<Threshold>{{.variant = "dissimilar",
                                   .param = "margin",
                                   .at = paramOr(values, "margin", 1),
                                   .inner = Regime::Quadratic,
                                   .outer = Regime::Zero}};
  };
  contrastive.examples = {
      {{"margin", 1.2}}, {{"convention", 1}}, {{"margin", 0.7}, {"convention", 1}}};
  registry.add<Contrastive>(metric(
      "contrastive", LL_TR("Engine", "Contrastive (Hadsell et al.)"), Framework::Reference,
      TargetKind::ClassIndex, CurveKind::Distance,
      LL_TR("Engine", "y d² + (1 − y) max(m − d, 0)² (tfa); ½ of it with Y = 1 − y (paper)"),
      {positiveParam("margin", LL_TR("Engine", "m (margin)"), 1.0,
                     LL_TR("Engine", "Dissimilar pairs cost nothing beyond this distance"), 0.1, 5,
                     false),
       choiceParam("convention", LL_TR("Engine", "label convention"), Contrastive::kTfa,
                   {"tfa", "paper"},
                   LL_TR("Engine",
                         "tfa: y = 1 similar, ℓ = y d² + (1−y) max(m−d,0)²; paper: Y = 0 similar, "
                         "halved"))},
      {{"input2", true, false,
        LL_TR("Engine",
              "optional second embedding (B, D): then y_pred is the first and d = ‖e1 − e2‖")}},
      true, std::move(contrastive)));
}

}  // namespace losslab
