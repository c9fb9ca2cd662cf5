// SPDX-License-Identifier: GPL-3.0-or-later
// Probabilistic classification / likelihood losses, PyTorch ids (spec §2.2 edges, §2.3, §2.5,
// §2.8): BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, PoissonNLLLoss, GaussianNLLLoss, KLDivLoss
// and MultiLabelSoftMarginLoss. Each returns what reduction='none' returns (B×D, or B×1 for
// cross_entropy and multilabel_soft_margin); the pipeline applies 'mean' / 'sum' (§1.6), with
// BatchEval::meanDenominator for cross_entropy's weighted mean and 'batchmean' for kl_div.
#include <cmath>
#include <limits>
#include <numbers>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/elementwise_loss.h"
#include "core/engine/error.h"
#include "core/engine/math_util.h"
#include "core/engine/pipeline.h"
#include "core/losses/catalogue.h"

namespace losslab {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kHalfLogTwoPi = 0.91893853320467274178;  // ½ log(2π)
// BCELoss backward: (p − y) / max(p(1 − p), EPSILON) with the float constant EPSILON = 1e-12
// (aten Loss.cpp), i.e. 9.99999996e-13 once widened to double.
constexpr double kTorchBceDenominator = static_cast<double>(1e-12f);
constexpr double kTorchLogClamp = -100.0;  // BCELoss clamps each log at −100

std::string number(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

std::string at(Eigen::Index i, Eigen::Index j) {
  return "row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1);
}

/// An optional non-differentiable extra input that broadcasts against y_pred: either y_pred's
/// shape or one row of D columns (PyTorch's (D,) tensor). nullptr when absent; a wrong shape is
/// a usage error.
const Tensor* broadcastExtra(const LossInputs& in,
                             std::string_view name,
                             const LossInfo& info,
                             bool allowSameShape) {
  const Tensor* extra = in.extra(name);
  if (!extra) {
    return nullptr;
  }
  const Tensor& pred = *in.yPred;
  const bool row = extra->rows() == 1 && extra->cols() == pred.cols();
  const bool same = extra->rows() == pred.rows() && extra->cols() == pred.cols();
  if (!row && !(allowSameShape && same)) {
    throw Error::usage(info.id + ": " + std::string(name) + " has shape " + shapeText(*extra) +
                       " but must be (1, " + std::to_string(pred.cols()) + ")" +
                       (allowSameShape ? " or y_pred's shape " + shapeText(pred) : std::string()));
  }
  return extra;
}

/// Element (i, j) of a broadcast extra, `fallback` when it is absent.
double broadcastAt(const Tensor* t, Eigen::Index i, Eigen::Index j, double fallback = 1.0) {
  if (!t) {
    return fallback;
  }
  return t->rows() == 1 ? (*t)(0, j) : (*t)(i, j);
}

/// PyTorch BCELoss, element-wise with optional weight w (y_pred's shape or 1×D):
///   e = −w [y max(log p, −100) + (1 − y) max(log(1 − p), −100)],
///   e′ = w (p − y) / max(p(1 − p), 1e-12f)  (torch's backward formula, also where a log is
///        clamped: p = 0, y = 1 gives e = 100 and e′ = −1/9.99999996e-13),
///   e″ = w (y/p² + (1 − y)/(1 − p)²) where p(1 − p) > 1e-12f, else w/1e-12f.
/// p and y must lie in [0, 1] (torch checks both; older releases only p): data errors otherwise.
/// log(1 − p) is evaluated as log1p(−p), as in current aten. At p = ½, y = 1: [log 2, −2, 4].
class TorchBce final : public Loss {
 public:
  TorchBce(const LossInfo& info, const ParamValues&) : Loss(info) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Tensor* weight = broadcastExtra(in, "weight", info(), true);
    out.unreduced.resize(pred.rows(), pred.cols());
    out.grad.resize(pred.rows(), pred.cols());
    out.d2.resize(pred.rows(), pred.cols());
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        const double p = pred(i, j);
        const double y = target(i, j);
        if (!(p >= 0 && p <= 1)) {
          throw Error::data("torch_bce: y_pred must be probabilities in [0, 1], but " + at(i, j) +
                            " is " + number(p));
        }
        if (!(y >= 0 && y <= 1)) {
          throw Error::data("torch_bce: y_true must lie in [0, 1], but " + at(i, j) + " is " +
                            number(y));
        }
        const double w = broadcastAt(weight, i, j);
        const double logP = std::fmax(std::log(p), kTorchLogClamp);
        const double logQ = std::fmax(std::log1p(-p), kTorchLogClamp);
        out.unreduced(i, j) = -w * (y * logP + (1 - y) * logQ);
        const double curvature = p * (1 - p);
        if (curvature > kTorchBceDenominator) {
          out.grad(i, j) = w * (p - y) / curvature;
          out.d2(i, j) = w * (y / (p * p) + (1 - y) / ((1 - p) * (1 - p)));
        } else {
          out.grad(i, j) = w * (p - y) / kTorchBceDenominator;
          out.d2(i, j) = w / kTorchBceDenominator;
        }
      }
    }
  }
};

/// PyTorch BCEWithLogitsLoss, element-wise with optional weight w and pos_weight w_p (each
/// y_pred's shape or 1×D). With L = 1 + (w_p − 1) y:
///   e = w [(1 − y) x + L softplus(−x)]   (= w [(1 − y) x − L log σ(x)]),
///   e′ = w [L σ(x) − w_p y]   (σ(x) − y when w_p = 1), e″ = w L σ(x) σ(−x).
/// No range check on y (torch has none). At x = 0, y = 1: [log 2, −½, ¼].
class TorchBceWithLogits final : public Loss {
 public:
  TorchBceWithLogits(const LossInfo& info, const ParamValues&) : Loss(info) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Tensor* weight = broadcastExtra(in, "weight", info(), true);
    const Tensor* posWeight = broadcastExtra(in, "pos_weight", info(), true);
    out.unreduced.resize(pred.rows(), pred.cols());
    out.grad.resize(pred.rows(), pred.cols());
    out.d2.resize(pred.rows(), pred.cols());
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        const double x = pred(i, j);
        const double y = target(i, j);
        const double w = broadcastAt(weight, i, j);
        const double wp = broadcastAt(posWeight, i, j);
        const double l = 1 + (wp - 1) * y;
        out.unreduced(i, j) = w * ((1 - y) * x + l * softplus(-x));
        out.grad(i, j) = w * (l * sigmoid(x) - wp * y);
        out.d2(i, j) = w * l * sigmoid(x) * sigmoid(-x);
      }
    }
  }
};

/// PyTorch CrossEntropyLoss on logits x (B×K) and integer labels t (B×1), with optional class
/// weights w (1×K), ignore_index and label smoothing λ (aten cross_entropy_loss_label_smoothing):
///   ℓ_i = (1 − λ) w_t (−log s_t) + (λ/K) Σ_k w_k (−log s_k),  s = softmax(x_i),
///   ∂ℓ_i/∂x_j = (1 − λ) w_t (s_j − δ_jt) + (λ/K) (W s_j − w_j),  W = Σ_k w_k,
/// and ℓ_i = 0 with zero gradient where t = ignore_index. 'mean' divides by Σ w_t over the kept
/// rows (meanDenominator): the nll part's weighted mean, and aten divides the smoothing part by
/// the same sum (checked on torch 1.13 with weights, λ = 0.2 and an ignored row). With w ≡ 1 this
/// is the number of kept rows. All rows ignored: torch gives NaN (0/0), LossLab 0.
/// Labels other than ignore_index must be integers in [0, K).
/// At x = 0, t = 0 (no weights, λ = 0): [log K, 1/K − 1 for class 0, 1/K elsewhere].
class TorchCrossEntropy final : public Loss {
 public:
  TorchCrossEntropy(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_ignoreIndex(param(params, "ignore_index")),
        m_smoothing(param(params, "label_smoothing")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& logits = *in.yPred;
    const Tensor& labels = *in.yTrue;
    const Eigen::Index k = logits.cols();
    const Tensor* weight = broadcastExtra(in, "weight", info(), false);
    double weightSum = 0;  // W
    for (Eigen::Index j = 0; j < k; ++j) {
      weightSum += broadcastAt(weight, 0, j);
    }
    const double share = m_smoothing / static_cast<double>(k);
    out.unreduced.resize(logits.rows(), 1);
    out.grad.resize(logits.rows(), k);
    out.meanDenominator = 0;
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
      const double label = labels(i, 0);
      if (label == m_ignoreIndex) {
        out.unreduced(i, 0) = 0;
        out.grad.row(i).setZero();
        continue;
      }
      if (!(label == std::floor(label) && label >= 0 && label < static_cast<double>(k))) {
        throw Error::data("torch_cross_entropy: row " + std::to_string(i + 1) + " has label " +
                          number(label) + ", but class labels must be integers in [0, " +
                          std::to_string(k) + ") or ignore_index " + number(m_ignoreIndex));
      }
      const auto t = static_cast<Eigen::Index>(label);
      const double top = logits.row(i).maxCoeff();
      double sum = 0;
      for (Eigen::Index j = 0; j < k; ++j) {
        sum += std::exp(logits(i, j) - top);
      }
      const double logSum = std::log(sum);
      const double wt = broadcastAt(weight, 0, t);
      double smooth = 0;  // Σ_k w_k (−log s_k)
      for (Eigen::Index j = 0; j < k; ++j) {
        smooth -= broadcastAt(weight, 0, j) * (logits(i, j) - top - logSum);
      }
      out.unreduced(i, 0) =
          -(1 - m_smoothing) * wt * (logits(i, t) - top - logSum) + share * smooth;
      for (Eigen::Index j = 0; j < k; ++j) {
        const double s = std::exp(logits(i, j) - top) / sum;
        out.grad(i, j) = (1 - m_smoothing) * wt * (s - (j == t ? 1.0 : 0.0)) +
                         share * (weightSum * s - broadcastAt(weight, 0, j));
      }
      out.meanDenominator += wt;
    }
  }

 private:
  double m_ignoreIndex;
  double m_smoothing;
};

/// PyTorch PoissonNLLLoss, element-wise:
///   log_input: e = e^x − yx, e′ = e^x − y, e″ = e^x;
///   otherwise: e = x − y log(x + eps), e′ = 1 − y/(x + eps), e″ = y/(x + eps)²;
///   full adds the Stirling term y log y − y + ½ log(2πy) where y > 1 (no x-dependence).
/// Without log_input torch gives NaN or ±∞ for x + eps ≤ 0; LossLab reports a data error there.
/// At x = 0, y = 1 (log_input, not full): [1, 0, 1].
struct PoissonNll {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit PoissonNll(const ParamValues& params)
      : m_logInput(param(params, "log_input") != 0),
        m_full(param(params, "full") != 0),
        m_eps(param(params, "eps")) {}
  PoissonNll forBatch(const Tensor& pred, const Tensor&) const {
    if (m_logInput) {
      return *this;
    }
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        if (!(pred(i, j) + m_eps > 0)) {
          throw Error::data("poisson_nll: log(y_pred + eps) is undefined at " + at(i, j) +
                            " (y_pred = " + number(pred(i, j)) +
                            "); with log_input=false y_pred is a rate and must be > −eps");
        }
      }
    }
    return *this;
  }
  LossEval operator()(double x, double y) const {
    LossEval e;
    if (m_logInput) {
      const double rate = std::exp(x);
      e = {rate - y * x, rate - y, rate};
    } else {
      const double shifted = x + m_eps;
      e = {x - y * std::log(shifted), 1 - y / shifted, y / (shifted * shifted)};
    }
    if (m_full && y > 1) {
      e.value += y * std::log(y) - y + 0.5 * std::log(2 * std::numbers::pi * y);
    }
    return e;
  }
  bool m_logInput;
  bool m_full;
  double m_eps;
};

/// PyTorch GaussianNLLLoss(input x, target y, var), element-wise. var has x's shape, or one value
/// per sample (B×1, torch's homoscedastic case). v = max(var, eps) is applied under no_grad on
/// a clone, so the var gradient is straight-through (evaluated at v, not zeroed by the clamp):
///   e = ½ (log v + (x − y)²/v) [+ ½ log 2π if full],
///   ∂e/∂x = (x − y)/v, ∂²e/∂x² = 1/v, ∂e/∂var = ½ (1/v − (x − y)²/v²)
/// (summed over the row for a B×1 var). var < 0 anywhere: torch raises ValueError, here a data
/// error naming the element. At x = y, var = 1: [0, 0, 1] (+½ log 2π if full), ∂/∂var = ½.
class GaussianNll final : public Loss {
 public:
  GaussianNll(const LossInfo& info, const ParamValues& params)
      : Loss(info), m_full(param(params, "full") != 0), m_eps(param(params, "eps")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& x = *in.yPred;
    const Tensor& y = *in.yTrue;
    const Tensor* varPtr = in.extra("var");
    if (!varPtr) {
      throw Error::usage("gaussian_nll needs the input 'var'");  // the pipeline checks first
    }
    const Tensor& var = *varPtr;
    const bool perSample = var.cols() == 1 && x.cols() != 1;
    if (var.rows() != x.rows() || (var.cols() != x.cols() && !perSample)) {
      throw Error::usage("gaussian_nll: var has shape " + shapeText(var) +
                         " but must have y_pred's shape " + shapeText(x) + " or be (" +
                         std::to_string(x.rows()) + ", 1)");
    }
    for (Eigen::Index i = 0; i < var.rows(); ++i) {
      for (Eigen::Index j = 0; j < var.cols(); ++j) {
        if (var(i, j) < 0) {
          throw Error::data("gaussian_nll: var has a negative entry at " + at(i, j) + " (" +
                            number(var(i, j)) + ")");
        }
      }
    }
    out.unreduced.resize(x.rows(), x.cols());
    out.grad.resize(x.rows(), x.cols());
    out.d2.resize(x.rows(), x.cols());
    Tensor& varGrad = out.extraGrads["var"];
    varGrad.setZero(var.rows(), var.cols());
    const double constant = m_full ? kHalfLogTwoPi : 0.0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const Eigen::Index vj = perSample ? 0 : j;
        const double v = std::fmax(var(i, vj), m_eps);
        const double r = x(i, j) - y(i, j);
        out.unreduced(i, j) = 0.5 * (std::log(v) + r * r / v) + constant;
        out.grad(i, j) = r / v;
        out.d2(i, j) = 1 / v;
        varGrad(i, vj) += 0.5 * (1 / v - r * r / (v * v));
      }
    }
  }

 private:
  bool m_full;
  double m_eps;
};

/// PyTorch KLDivLoss on input x = log-probabilities, element-wise:
///   target t probabilities: e = xlogy(t, t) − t x (xlogy(0, 0) = 0), e′ = −t, e″ = 0;
///   log_target: e = e^t (t − x), e′ = −e^t, e″ = 0.
/// 'batchmean' (sum / B, the true KL per sample) is applied by the pipeline. t < 0 without
/// log_target has no t log t (torch: NaN): a data error. t = 0 with x = −∞ gives NaN, as torch.
/// At x = log t with t = 1 (or log_target t = 0), x = 0: [0, −1, 0].
struct KlDiv {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit KlDiv(const ParamValues& params) : m_logTarget(param(params, "log_target") != 0) {}
  KlDiv forBatch(const Tensor&, const Tensor& target) const {
    if (m_logTarget) {
      return *this;
    }
    for (Eigen::Index i = 0; i < target.rows(); ++i) {
      for (Eigen::Index j = 0; j < target.cols(); ++j) {
        if (target(i, j) < 0) {
          throw Error::data("kl_div: the target probability at " + at(i, j) + " is negative (" +
                            number(target(i, j)) + "); pass log_target=true for log-probabilities");
        }
      }
    }
    return *this;
  }
  LossEval operator()(double x, double t) const {
    if (m_logTarget) {
      const double p = std::exp(t);
      return {p * (t - x), -p, 0};
    }
    const double entropy = t == 0 ? 0.0 : t * std::log(t);
    return {entropy - t * x, -t, 0};
  }
  bool m_logTarget;
};

/// PyTorch MultiLabelSoftMarginLoss on logits x (B×C), targets y and optional class weights w
/// (1×C), one value per sample:
///   ℓ_n = (1/C) Σ_c w_c [y softplus(−x) + (1 − y) softplus(x)]
///       = −(1/C) Σ_c w_c [y log σ(x) + (1 − y) log σ(−x)],
///   ∂ℓ_n/∂x_c = w_c (σ(x_c) − y_c)/C, ∂²ℓ_n/∂x_c² = w_c σ(x_c) σ(−x_c)/C.
/// 'mean' averages the B values. Equal to Keras BCE(from_logits) per sample when w ≡ 1.
/// At x = 0, y = 1, C = 1: [log 2, −½, ¼].
class MultilabelSoftMargin final : public Loss {
 public:
  MultilabelSoftMargin(const LossInfo& info, const ParamValues&) : Loss(info) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& x = *in.yPred;
    const Tensor& y = *in.yTrue;
    const Tensor* weight = broadcastExtra(in, "weight", info(), false);
    const double scale = 1.0 / static_cast<double>(x.cols());
    out.unreduced.resize(x.rows(), 1);
    out.grad.resize(x.rows(), x.cols());
    out.d2.resize(x.rows(), x.cols());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double sum = 0;
      for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const double w = broadcastAt(weight, 0, j) * scale;
        const double v = x(i, j);
        const double t = y(i, j);
        sum += w * (t * softplus(-v) + (1 - t) * softplus(v));
        out.grad(i, j) = w * (sigmoid(v) - t);
        out.d2(i, j) = w * sigmoid(v) * sigmoid(-v);
      }
      out.unreduced(i, 0) = sum;
    }
  }
};

LossInfo torch(std::string id,
               std::string name,
               TargetKind target,
               CurveKind curve,
               std::string summary,
               std::vector<ParamSpec> params,
               std::vector<ExtraInput> extras,
               bool elementwise) {
  LossInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.family = Family::Probabilistic;
  info.framework = Framework::PyTorch;
  info.target = target;
  info.curve = curve;
  info.summary = std::move(summary);
  info.params = std::move(params);
  info.extras = std::move(extras);
  info.elementwise = elementwise;
  return info;
}

ParamSpec torchEpsParam(double def, const char* help) {
  return positiveParam("eps", "eps", def, help, 1e-12, 1e-1);
}

}  // namespace

void registerTorchProbabilisticLosses(LossRegistry& registry) {
  const TargetKind same = TargetKind::SameShape;
  const TargetKind index = TargetKind::ClassIndex;
  const ExtraInput elementWeight{"weight", false, false,
                                 "rescaling weight per element: y_pred's shape or (1, D)"};
  registry.add<TorchBce>(torch("torch_bce", "BCELoss (PyTorch)", same, CurveKind::Probability,
                               "−w[y log p + (1 − y) log(1 − p)], logs clamped at −100", {},
                               {elementWeight}, true));
  registry.add<TorchBceWithLogits>(
      torch("torch_bce_logits", "BCEWithLogitsLoss (PyTorch)", same, CurveKind::Margin,
            "w[(1 − y)x − (1 + (w_p − 1)y) log σ(x)]", {},
            {elementWeight,
             {"pos_weight", false, false,
              "weight of positive examples per class: (1, D) or y_pred's shape"}},
            true));
  ParamSpec ignoreIndex = intParam("ignore_index", "ignored label", -100,
                                   std::numeric_limits<int>::min(), std::numeric_limits<int>::max(),
                                   "Rows with this label get no loss and do not count in the mean");
  ignoreIndex.sliderMin = -100;
  ignoreIndex.sliderMax = 100;
  registry.add<TorchCrossEntropy>(torch(
      "torch_cross_entropy", "CrossEntropyLoss (PyTorch)", index, CurveKind::TrueClassProbability,
      "(1 − λ) w_t(−log softmax(x)_t) + (λ/K) Σ_k w_k(−log softmax(x)_k)",
      {ignoreIndex, realParam("label_smoothing", "λ (label smoothing)", 0, 0, 1,
                              "Targets become (1 − λ) onehot + λ/K")},
      {{"weight", false, false, "class weights, (1, K)"}}, false));
  registry.add<ElementwiseLoss<PoissonNll>>(torch(
      "poisson_nll", "PoissonNLLLoss (PyTorch)", same, CurveKind::Residual,
      "e^x − yx (log_input), or x − y log(x + eps)",
      {boolParam("log_input", "log input", true, "y_pred is the log of the rate"),
       boolParam("full", "full (Stirling term)", false, "Add y log y − y + ½ log(2πy) where y > 1"),
       torchEpsParam(1e-8, "Keeps log(x + eps) finite at x = 0 (log_input=false)")},
      {}, true));
  registry.add<GaussianNll>(
      torch("gaussian_nll", "GaussianNLLLoss (PyTorch)", same, CurveKind::Residual,
            "½(log v + (x − y)²/v), v = max(var, eps)",
            {boolParam("full", "full (constant)", false, "Add ½ log(2π)"),
             torchEpsParam(1e-6, "Lower clamp of var (straight-through for var's gradient)")},
            {{"var", true, true, "variance: y_pred's shape, or (B, 1) for one per sample"}}, true));
  registry.add<ElementwiseLoss<KlDiv>>(torch(
      "kl_div", "KLDivLoss (PyTorch)", same, CurveKind::Margin,
      "t(log t − x) for log-probabilities x",
      {boolParam("log_target", "log target", false, "y_true holds log-probabilities")}, {}, true));
  registry.add<MultilabelSoftMargin>(
      torch("multilabel_soft_margin", "MultiLabelSoftMarginLoss (PyTorch)", same, CurveKind::Margin,
            "−(1/C) Σ_c w_c[y log σ(x) + (1 − y) log σ(−x)] per sample", {},
            {{"weight", false, false, "class weights, (1, C)"}}, true));
}

}  // namespace losslab
