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

#include "core/engine/pipeline.h"
#include "core/losses/loss_file.h"
#include "core/losses/torch_broadcast.h"

namespace losslab {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kHalfLogTwoPi = 0.91893853320467274178;  // ½ log(2π)
// BCELoss backward: (p − y) / max(p(1 − p), EPSILON) with the float constant EPSILON = 1e-12
// (aten Loss.cpp), i.e. 9.99999996e-13 once widened to double.
constexpr double kTorchBceDenominator = static_cast<double>(1e-12f);
// binary_cross_entropy_double_backward shifts p and 1 − p by the double 1e-12.
constexpr double kTorchBceDoubleBackwardEps = 1e-12;
constexpr double kTorchLogClamp = -100.0;            // BCELoss clamps each log at −100
constexpr double kTorchDefaultIgnoreIndex = -100.0;  // CrossEntropyLoss' default

std::string number(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

std::string at(Eigen::Index i, Eigen::Index j) {
  return "row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1);
}

/// PyTorch BCELoss, element-wise with optional weight w (y_pred's shape or 1×D):
///   e = −w [y max(log p, −100) + (1 − y) max(log(1 − p), −100)],
///   e′ = w (p − y) / max(p(1 − p), 1e-12f)  (torch's backward formula, also where a log is
///        clamped: p = 0, y = 1 gives e = 100 and e′ = −1/9.99999996e-13),
///   e″ = w (p² − 2py + y) / ((p + 1e-12)² (1 − p + 1e-12)²), torch's double backward
///        (binary_cross_entropy_double_backward, the double 1e-12): y/p² + (1 − y)/(1 − p)²
///        up to the 1e-12 shifts; at p = 0, y = 1 it is ≈ 1e24, not the 1e12 slope of e′, since
///        torch's double backward is not the derivative of its clamped backward there.
/// p and y must lie in [0, 1] (torch checks both; older releases only p): data errors otherwise.
/// log(1 − p) is evaluated as log1p(−p), as in current aten. At p = ½, y = 1:
/// [log 2, −2, 4(1 − 8·10⁻¹²)].
class TorchBce final : public Loss {
 public:
  TorchBce(const LossInfo& info, const ParamValues&) : Loss(info) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Broadcast weight(in, "weight", info(), true);
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
        const double w = weight.at(i, j);
        const double logP = std::fmax(std::log(p), kTorchLogClamp);
        const double logQ = std::fmax(std::log1p(-p), kTorchLogClamp);
        out.unreduced(i, j) = -w * (y * logP + (1 - y) * logQ);
        const double curvature = p * (1 - p);
        out.grad(i, j) = w * (p - y) / std::fmax(curvature, kTorchBceDenominator);
        const double shiftedP = p + kTorchBceDoubleBackwardEps;
        const double shiftedQ = 1 - p + kTorchBceDoubleBackwardEps;
        out.d2(i, j) = w * (p * p - 2 * p * y + y) / (shiftedP * shiftedP * shiftedQ * shiftedQ);
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
    const Broadcast weight(in, "weight", info(), true);
    const Broadcast posWeight(in, "pos_weight", info(), true);
    out.unreduced.resize(pred.rows(), pred.cols());
    out.grad.resize(pred.rows(), pred.cols());
    out.d2.resize(pred.rows(), pred.cols());
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        const double x = pred(i, j);
        const double y = target(i, j);
        const double w = weight.at(i, j);
        const double wp = posWeight.at(i, j);
        const double l = 1 + (wp - 1) * y;
        const vmath::SoftplusSigmoid s = vmath::softplusSigmoid(x);  // one exponential
        out.unreduced(i, j) = w * ((1 - y) * x + l * s.softplusNeg);
        out.grad(i, j) = w * (l * s.sigmoid - wp * y);
        out.d2(i, j) = w * l * s.sigmoid * s.sigmoidNeg;
      }
    }
  }

  /// The training path without weights: evaluate()'s formula (w = w_p = 1, so L = 1) in
  /// ElementwiseLoss's loop; with either weight the general path.
  double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const override {
    if (in.extra("weight") || in.extra("pos_weight")) {
      return Loss::valueAndGradient(in, reduction, grad);
    }
    const Tensor& x = *in.yPred;
    grad.resize(x.rows(), x.cols());
    const auto element = [](double v, double y) {
      const double l = 1 + (1.0 - 1) * y;
      const vmath::SoftplusSigmoid s = vmath::softplusSigmoid(v);
      return LossEval{1.0 * ((1 - y) * v + l * s.softplusNeg), 1.0 * (l * s.sigmoid - 1.0 * y), 0};
    };
    const double factor = elementFactor(info().framework, reduction, x.rows(), x.cols(), false);
    return elementwise_detail::fusedPass(element, x.data(), in.yTrue->data(), grad.data(), x.size(),
                                         factor)
        .value;
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
/// Class probabilities instead of labels (PyTorch ≥ 1.10: y_true of y_pred's shape, K ≥ 2), with
/// the smoothed target q = (1 − λ) y + λ/K:
///   ℓ_i = −Σ_k w_k q_ik log s_ik,  ∂ℓ_i/∂x_j = s_j Σ_k w_k q_ik − w_j q_ij,
/// and 'mean' divides by B, not by a weight sum (aten: sum / (numel / K)). Like torch, the
/// rows are not checked (any reals, not summing to 1 is allowed), and ignore_index other than
/// its default −100 is refused ("not supported for floating point target").
/// At x = 0, y = (1, 0, …) this equals the label case: [log K, 1/K − 1, 1/K, …].
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
    const Broadcast weight(in, "weight", info(), false);
    double weightSum = 0;  // W
    for (Eigen::Index j = 0; j < k; ++j) {
      weightSum += weight.at(0, j);
    }
    const double share = m_smoothing / static_cast<double>(k);
    out.unreduced.resize(logits.rows(), 1);
    out.grad.resize(logits.rows(), k);
    out.meanDenominator = 0;
    if (labels.cols() == k && k > 1) {
      probabilities(logits, labels, weight, share, out);
      return;
    }
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
      const double wt = weight.at(0, t);
      double smooth = 0;  // Σ_k w_k (−log s_k)
      for (Eigen::Index j = 0; j < k; ++j) {
        smooth -= weight.at(0, j) * (logits(i, j) - top - logSum);
      }
      out.unreduced(i, 0) =
          -(1 - m_smoothing) * wt * (logits(i, t) - top - logSum) + share * smooth;
      for (Eigen::Index j = 0; j < k; ++j) {
        const double s = std::exp(logits(i, j) - top) / sum;
        out.grad(i, j) = (1 - m_smoothing) * wt * (s - (j == t ? 1.0 : 0.0)) +
                         share * (weightSum * s - weight.at(0, j));
      }
      out.meanDenominator += wt;
    }
  }

 private:
  /// The probability-target form (see above); out is sized, meanDenominator stays 0 (mean / B).
  void probabilities(const Tensor& logits,
                     const Tensor& target,
                     const Broadcast& weight,
                     double share,
                     BatchEval& out) const {
    if (m_ignoreIndex != kTorchDefaultIgnoreIndex) {
      throw Error::usage(
          "torch_cross_entropy: ignore_index is not supported with class-probability targets "
          "(y_true of y_pred's shape); leave it at -100");
    }
    const Eigen::Index k = logits.cols();
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
      const double top = logits.row(i).maxCoeff();
      double sum = 0;
      for (Eigen::Index j = 0; j < k; ++j) {
        sum += std::exp(logits(i, j) - top);
      }
      const double logSum = std::log(sum);
      double loss = 0;
      double mass = 0;  // Σ_k w_k q_ik
      for (Eigen::Index j = 0; j < k; ++j) {
        const double wq = weight.at(0, j) * ((1 - m_smoothing) * target(i, j) + share);
        loss -= wq * (logits(i, j) - top - logSum);
        mass += wq;
      }
      out.unreduced(i, 0) = loss;
      for (Eigen::Index j = 0; j < k; ++j) {
        const double s = std::exp(logits(i, j) - top) / sum;
        const double wq = weight.at(0, j) * ((1 - m_smoothing) * target(i, j) + share);
        out.grad(i, j) = s * mass - wq;
      }
    }
  }

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
  /// The fused pass runs one loop per (log_input, full) pair, without their branches, and checks
  /// x + eps > 0 in the same loop (forBatch() only if an element fails: ElementwiseLoss's
  /// optimistic checks).
  static constexpr bool kHasModes = true;
  static constexpr bool kOptimistic = true;
  template <bool LogInput, bool Full>
  struct Mode {
    double eps;
    bool admits(double x, double) const { return LogInput || x + eps > 0; }
    LossEval operator()(double x, double y) const {
      return PoissonNll::eval<LogInput, Full>(x, y, eps);
    }
  };
  template <class F>
  auto visit(F f) const {
    if (m_logInput) {
      return m_full ? f(Mode<true, true>{m_eps}) : f(Mode<true, false>{m_eps});
    }
    return m_full ? f(Mode<false, true>{m_eps}) : f(Mode<false, false>{m_eps});
  }
  LossEval operator()(double x, double y) const {
    return visit([&](const auto& kernel) { return kernel(x, y); });
  }
  template <bool LogInput, bool Full>
  static LossEval eval(double x, double y, double eps) {
    LossEval e;
    if constexpr (LogInput) {
      const double rate = vmath::exp(x);
      e = {rate - y * x, rate - y, rate};
    } else {
      const double shifted = x + eps;
      e = {x - y * vmath::log(shifted), 1 - y / shifted, y / (shifted * shifted)};
    }
    if constexpr (Full) {
      const double stirling = y * vmath::log(y) - y + 0.5 * vmath::log(2 * std::numbers::pi * y);
      e.value += y > 1 ? stirling : 0.0;
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
      throw Error::usage(
          LL_TR("Engine", "gaussian_nll needs the input 'var'"));  // the pipeline checks first
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
/// A log_target of −∞ (log 0, a legal log-probability) contributes 0 with gradient 0: the limit,
/// and what xlogy gives for t = 0 without log_target. torch 1.13's kl_div evaluates exp(t)·(t − x)
/// literally and returns NaN for that element's value (its gradient −exp(t) = −0 is the same).
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
  static constexpr bool kHasModes = true;
  static constexpr bool kOptimistic = true;  // t ≥ 0 checked in the fused loop (admits)
  struct LogTarget {
    bool admits(double, double) const { return true; }
    LossEval operator()(double x, double t) const {
      const double p = vmath::exp(t);
      // t = −∞ (log 0): the limit 0 of p(t − x), where exp(t)·(t − x) is 0·(−∞) = NaN.
      return {t == -kInfinity ? 0.0 : p * (t - x), -p, 0};
    }
  };
  struct Probability {
    bool admits(double, double t) const { return !(t < 0); }
    LossEval operator()(double x, double t) const {
      const double entropy = t == 0 ? 0.0 : t * vmath::log(t);
      return {entropy - t * x, -t, 0};
    }
  };
  template <class F>
  auto visit(F f) const {
    return m_logTarget ? f(LogTarget{}) : f(Probability{});
  }
  LossEval operator()(double x, double t) const {
    return visit([&](const auto& kernel) { return kernel(x, t); });
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
    const Broadcast weight(in, "weight", info(), false);
    const double scale = 1.0 / static_cast<double>(x.cols());
    out.unreduced.resize(x.rows(), 1);
    out.grad.resize(x.rows(), x.cols());
    out.d2.resize(x.rows(), x.cols());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double sum = 0;
      for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const double w = weight.at(0, j) * scale;
        const double t = y(i, j);
        const vmath::SoftplusSigmoid s = vmath::softplusSigmoid(x(i, j));  // one exponential
        sum += w * (t * s.softplusNeg + (1 - t) * s.softplus);
        out.grad(i, j) = w * (s.sigmoid - t);
        out.d2(i, j) = w * s.sigmoid * s.sigmoidNeg;
      }
      out.unreduced(i, 0) = sum;
    }
  }

  /// The training path without class weights: evaluate()'s element terms in ElementwiseLoss's
  /// loop over the whole batch; with weights (per column) the general path.
  double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const override {
    if (in.extra("weight")) {
      return Loss::valueAndGradient(in, reduction, grad);
    }
    const Tensor& x = *in.yPred;
    grad.resize(x.rows(), x.cols());
    const auto rows = static_cast<double>(x.rows());
    const double factor = uniformFactor(info().framework, reduction, rows, rows);
    const auto element = [w = 1.0 / static_cast<double>(x.cols())](double v, double t) {
      const vmath::SoftplusSigmoid s = vmath::softplusSigmoid(v);
      return LossEval{w * (t * s.softplusNeg + (1 - t) * s.softplus), w * (s.sigmoid - t), 0};
    };
    return elementwise_detail::fusedPass(element, x.data(), in.yTrue->data(), grad.data(), x.size(),
                                         factor)
        .value;
  }
};

LossInfo torch(std::string id,
               std::string name,
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
  info.family = Family::Probabilistic;
  info.framework = Framework::PyTorch;
  info.target = target;
  info.curve = curve;
  info.summary = std::move(summary);
  info.params = std::move(params);
  info.extras = std::move(extras);
  info.elementwise = elementwise;
  info.facts = std::move(facts);
  return info;
}

ParamSpec torchEpsParam(double def, const char* help) {
  return positiveParam("eps", LL_TR("Engine", "eps"), def, help, 1e-12, 1e-1);
}

const char* kNoWeights = "the optional weight inputs (weight, pos_weight) are not exported";

/// An optional positive weight the registry tests fill: y_pred's shape or one row.
ExtraDomain optionalWeight(std::string name, bool oneRow) {
  return ExtraDomain{std::move(name), Values::Positive, oneRow, 0, true};
}

}  // namespace

LOSSLAB_LOSS_FILE(probabilistic_torch) {
  const TargetKind same = TargetKind::SameShape;
  const TargetKind index = TargetKind::ClassIndex;
  const ExtraInput elementWeight{
      "weight", false, false,
      LL_TR("Engine", "rescaling weight per element: y_pred's shape, (1, D) or (D, 1)")};

  LossFacts bce;
  bce.calls = {torchCall("binary_cross_entropy", "BCELoss", {}, {"weight"})};
  bce.exportLimit = "Keras clips probabilities at epsilon where PyTorch clamps each log at -100";
  bce.inputs = InputDomain{.prediction = Values::Probability,
                           .target = Values::Binary,
                           .extras = {optionalWeight("weight", false)}};
  const char* clamp =
      "ŷ at 0 or 1: each log clamps at −100, the backward divides by 1e-12f, the double "
      "backward by (1e-12)²";
  // At p = ½: (¼ − 1 + 1)/((½ + 1e-12)⁴) ≈ 4; at p = 0, y = 1 and p = 1, y = 0: 1/((1e-12)²(1 +
  // 1e-12)²).
  const double halfShift = 0.5 + kTorchBceDoubleBackwardEps;
  const double edge = 1 / (kTorchBceDoubleBackwardEps * kTorchBceDoubleBackwardEps *
                           (1 + kTorchBceDoubleBackwardEps) * (1 + kTorchBceDoubleBackwardEps));
  bce.kinks = std::vector<KinkPoint>{
      pointOf("positive", 0.5, kLog2, -2, 0.25 / (halfShift * halfShift * halfShift * halfShift),
              "ŷ = ½, y = 1"),
      pointOf("positive", 0, 100, -1 / kTorchBceDenominator, edge, clamp),
      pointOf("negative", 1, 100, 1 / kTorchBceDenominator, edge, clamp)};
  registry.add<TorchBce>(
      torch("torch_bce", LL_TR("Engine", "BCELoss (PyTorch)"), same, CurveKind::Probability,
            LL_TR("Engine", "−w[y log p + (1 − y) log(1 − p)], logs clamped at −100"), {},
            {elementWeight}, true, std::move(bce)));

  LossFacts bceLogits;
  // Without its optional class weights: BCE with logits.
  bceLogits.formula = formula({}, "softplus(y_pred) - y_pred*y_true", kNoWeights);
  bceLogits.calls = {torchCall("binary_cross_entropy_with_logits", "BCEWithLogitsLoss", {},
                               {"weight", "pos_weight"})};
  bceLogits.curve = CurveTraits{.logits = true};
  bceLogits.inputs =
      InputDomain{.prediction = Values::Real,
                  .target = Values::Probability,
                  .extras = {optionalWeight("weight", false), optionalWeight("pos_weight", true)}};
  bceLogits.kinks = std::vector<KinkPoint>{point(0, kLog2, -0.5, 0.25, "z = 0, y = 1")};
  registry.add<TorchBceWithLogits>(
      torch("torch_bce_logits", LL_TR("Engine", "BCEWithLogitsLoss (PyTorch)"), same,
            CurveKind::Margin, LL_TR("Engine", "w[(1 − y)x − (1 + (w_p − 1)y) log σ(x)]"), {},
            {elementWeight,
             {"pos_weight", false, false,
              LL_TR("Engine",
                    "weight of positive examples per class: (1, D), (D, 1) or y_pred's shape")}},
            true, std::move(bceLogits)));

  ParamSpec ignoreIndex =
      intParam("ignore_index", LL_TR("Engine", "ignored label"), -100,
               std::numeric_limits<int>::min(), std::numeric_limits<int>::max(),
               LL_TR("Engine", "Rows with this label get no loss and do not count in the mean"));
  ignoreIndex.sliderMin = -100;
  ignoreIndex.sliderMax = 100;
  LossFacts ce;
  FrameworkCall ceCall = torchCall("cross_entropy", "CrossEntropyLoss",
                                   {{"ignore_index", "ignore_index", ArgKind::Int},
                                    {"label_smoothing", "label_smoothing", ArgKind::Real}},
                                   {"weight"});
  ceCall.prelude =
      "# LossLab's labels are a (B, 1) column of class indices (or class probabilities of the\n"
      "# input's shape) and its class weights (1, K) or (K, 1); PyTorch takes (B,) integers\n"
      "# (or (B, K) probabilities) and (K,) weights.\n"
      "if target.shape != input.shape:\n"
      "    target = target.reshape(-1).long()\n"
      "weight = None if weight is None else weight.reshape(-1)\n";
  ce.calls = {ceCall};
  ce.probabilityTargets = true;
  ce.exportLimit =
      "it reduces each row with a sum or norm, while formula aggregates run over the whole batch";
  ce.curve = CurveTraits{.logits = true, .classRow = true};
  ce.inputs = InputDomain{.prediction = Values::Real,
                          .target = Values::ClassIndex,
                          .minColumns = 2,
                          .extras = {optionalWeight("weight", true)}};
  ce.kinks = [](const ParamValues& p) {
    if (paramOr(p, "ignore_index", -100) == 0) {
      return std::vector<KinkPoint>{};  // the curve's true class is ignored
    }
    // Uniform logits, K = 3: (1 − λ)(s − onehot) + (λ/K)(K s − 1) with s = 1/3.
    const double l = paramOr(p, "label_smoothing", 0);
    return std::vector<KinkPoint>{
        pointOf("positive", 0, std::log(3.0), (1 - l) * (1.0 / 3 - 1), kNaN, "uniform logits"),
        pointOf("negative", 0, std::log(3.0), (1 - l) / 3, kNaN, "uniform logits")};
  };
  ce.examples = {{{"ignore_index", 1}},
                 {{"label_smoothing", 0.2}},
                 {{"ignore_index", 0}, {"label_smoothing", 0.1}}};
  registry.add<TorchCrossEntropy>(
      torch("torch_cross_entropy", LL_TR("Engine", "CrossEntropyLoss (PyTorch)"), index,
            CurveKind::TrueClassProbability,
            LL_TR("Engine", "(1 − λ) w_t(−log softmax(x)_t) + (λ/K) Σ_k w_k(−log softmax(x)_k)"),
            {ignoreIndex, realParam("label_smoothing", LL_TR("Engine", "λ (label smoothing)"), 0, 0,
                                    1, LL_TR("Engine", "Targets become (1 − λ) onehot + λ/K"))},
            {{"weight", false, false, LL_TR("Engine", "class weights, (1, K) or (K, 1)")}}, false,
            std::move(ce)));

  LossFacts poissonNll;
  poissonNll.formula = [](const ParamValues& v) {
    std::string e =
        paramOr(v, "log_input", 1) != 0
            ? "exp(y_pred) - y_true*y_pred"
            : "y_pred - y_true*log(y_pred + " + formulaNumber(paramOr(v, "eps", 1e-8)) + ")";
    if (paramOr(v, "full", 0) != 0) {  // Stirling's term where y > 1 (no y_pred in it)
      e = "(" + e +
          ") + where(y_true > 1, y_true*log(max(y_true, 1)) - y_true + 0.5*log(2*pi*max(y_true, "
          "1)), 0)";
    }
    return FormulaText{{}, e, ""};
  };
  poissonNll.calls = {torchCall("poisson_nll_loss", "PoissonNLLLoss",
                                {{"log_input", "log_input", ArgKind::Bool},
                                 {"full", "full", ArgKind::Bool},
                                 {"eps", "eps", ArgKind::Real}})};
  poissonNll.curve = [](const ParamValues& p) {
    // y = 1; a rate (log_input = false) is NaN below −eps, a log-rate is any real.
    return paramOr(p, "log_input", 1) != 0 ? CurveTraits{.target = 1, .from = -2, .to = 4}
                                           : CurveTraits{.target = 1, .from = 0, .to = 4};
  };
  poissonNll.inputs = [](const ParamValues& p) {
    return InputDomain{
        .prediction = paramOr(p, "log_input", 1) != 0 ? Values::Real : Values::Positive,
        .target = Values::NonNegative};
  };
  poissonNll.kinks = [](const ParamValues& p) {
    if (paramOr(p, "log_input", 1) != 0) {
      return std::vector<KinkPoint>{
          point(1, std::exp(1.0) - 1, std::exp(1.0) - 1, std::exp(1.0), "x = 1, y = 1: e^x − y")};
    }
    const double eps = paramOr(p, "eps", 1e-8);
    return std::vector<KinkPoint>{point(1, 1 - std::log1p(eps), eps / (1 + eps),
                                        1 / ((1 + eps) * (1 + eps)), "rate 1, y = 1")};
  };
  poissonNll.examples = {
      {{"log_input", 0}}, {{"full", 1}}, {{"log_input", 0}, {"full", 1}, {"eps", 1e-3}}};
  registry.add<ElementwiseLoss<PoissonNll>>(
      torch("poisson_nll", LL_TR("Engine", "PoissonNLLLoss (PyTorch)"), same, CurveKind::Residual,
            LL_TR("Engine", "e^x − yx (log_input), or x − y log(x + eps)"),
            {boolParam("log_input", LL_TR("Engine", "log input"), true,
                       LL_TR("Engine", "y_pred is the log of the rate")),
             boolParam("full", LL_TR("Engine", "full (Stirling term)"), false,
                       LL_TR("Engine", "Add y log y − y + ½ log(2πy) where y > 1")),
             torchEpsParam(
                 1e-8, LL_TR("Engine", "Keeps log(x + eps) finite at x = 0 (log_input=false)"))},
            {}, true, std::move(poissonNll)));

  LossFacts gaussian;
  FrameworkCall gaussianCall =
      torchCall("gaussian_nll_loss", "GaussianNLLLoss",
                {{"full", "full", ArgKind::Bool}, {"eps", "eps", ArgKind::Real}});
  gaussianCall.inputs = {{"input", "y_pred"}, {"target", "y_true"}, {"var", "var"}};
  gaussian.calls = {gaussianCall};
  gaussian.exportLimit = "it reads extra inputs (var)";
  gaussian.inputs = InputDomain{.extras = {ExtraDomain{"var", Values::Positive, false, 0, false}}};
  gaussian.kinks = [](const ParamValues& p) {
    const double constant = paramOr(p, "full", 0) != 0 ? kHalfLogTwoPi : 0.0;
    return std::vector<KinkPoint>{point(0, constant, 0, 1, "x = y, var = 1")};
  };
  gaussian.examples = {{{"full", 1}}, {{"full", 1}, {"eps", 0.1}}};
  registry.add<GaussianNll>(torch(
      "gaussian_nll", LL_TR("Engine", "GaussianNLLLoss (PyTorch)"), same, CurveKind::Residual,
      LL_TR("Engine", "½(log v + (x − y)²/v), v = max(var, eps)"),
      {boolParam("full", LL_TR("Engine", "full (constant)"), false,
                 LL_TR("Engine", "Add ½ log(2π)")),
       torchEpsParam(1e-6,
                     LL_TR("Engine", "Lower clamp of var (straight-through for var's gradient)"))},
      {{"var", true, true,
        LL_TR("Engine", "variance: y_pred's shape, or (B, 1) for one per sample")}},
      true, std::move(gaussian)));

  LossFacts klDiv;
  klDiv.formula = [](const ParamValues& v) {
    if (paramOr(v, "log_target", 0) != 0) {
      return FormulaText{{}, "exp(y_true)*(y_true - y_pred)", ""};
    }
    return FormulaText{{}, "y_true*log(where(y_true > 0, y_true, 1)) - y_true*y_pred", ""};
  };
  FrameworkCall klCall =
      torchCall("kl_div", "KLDivLoss", {{"log_target", "log_target", ArgKind::Bool}});
  klCall.note =
      "LossLab's default reduction is 'mean' (sum / number of elements, as PyTorch's default); "
      "pass reduction=\"batchmean\" for the true KL per sample. With log_target, a target of "
      "-inf (log 0) gives NaN in torch's kl_div (exp(-inf)*(-inf - x)); LossLab counts it as 0";
  klDiv.calls = {klCall};
  klDiv.extraReductions = {Reduction::BatchMean};
  klDiv.inputs = [](const ParamValues& p) {
    return InputDomain{.prediction = Values::LogProbability,
                       .target = paramOr(p, "log_target", 0) != 0 ? Values::LogProbability
                                                                  : Values::ProbabilityRow};
  };
  klDiv.kinks = [](const ParamValues& p) {
    if (paramOr(p, "log_target", 0) != 0) {  // the labels 1 and 0 are log-probabilities
      const double e = std::exp(1.0);
      return std::vector<KinkPoint>{pointOf("positive", 0, e, -e, 0, "log t = 1, x = 0"),
                                    pointOf("negative", 0, 0, -1, 0, "log t = 0, x = 0")};
    }
    return std::vector<KinkPoint>{pointOf("positive", 0, 0, -1, 0, "t = 1, x = 0"),
                                  pointOf("negative", 0, 0, 0, 0, "t = 0: xlogy(0, 0) = 0")};
  };
  klDiv.examples = {{{"log_target", 1}}};
  registry.add<ElementwiseLoss<KlDiv>>(
      torch("kl_div", LL_TR("Engine", "KLDivLoss (PyTorch)"), same, CurveKind::Margin,
            LL_TR("Engine", "t(log t − x) for log-probabilities x"),
            {boolParam("log_target", LL_TR("Engine", "log target"), false,
                       LL_TR("Engine", "y_true holds log-probabilities"))},
            {}, true, std::move(klDiv)));

  LossFacts multilabel;
  multilabel.formula =
      formula({}, "y_true*softplus(-y_pred) + (1 - y_true)*softplus(y_pred)", kNoWeights);
  multilabel.calls = {
      torchCall("multilabel_soft_margin_loss", "MultiLabelSoftMarginLoss", {}, {"weight"})};
  multilabel.curve = CurveTraits{.logits = true};
  multilabel.inputs = InputDomain{.prediction = Values::Real,
                                  .target = Values::Binary,
                                  .extras = {optionalWeight("weight", true)}};
  multilabel.kinks = std::vector<KinkPoint>{point(0, kLog2, -0.5, 0.25, "x = 0, y = 1, C = 1")};
  registry.add<MultilabelSoftMargin>(
      torch("multilabel_soft_margin", LL_TR("Engine", "MultiLabelSoftMarginLoss (PyTorch)"), same,
            CurveKind::Margin,
            LL_TR("Engine", "−(1/C) Σ_c w_c[y log σ(x) + (1 − y) log σ(−x)] per sample"), {},
            {{"weight", false, false, LL_TR("Engine", "class weights, (1, C) or (C, 1)")}}, true,
            std::move(multilabel)));
}

}  // namespace losslab
