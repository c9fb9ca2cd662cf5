// SPDX-License-Identifier: GPL-3.0-or-later
// Probabilistic classification / likelihood losses, Keras 3 ids (spec §2.2, poisson from §2.1).
// The PyTorch ids of the family live in probabilistic_torch_losses.cpp.
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

#include "core/engine/elementwise_loss.h"
#include "core/engine/error.h"
#include "core/engine/math_util.h"
#include "core/losses/catalogue.h"

namespace losslab {

// Defined in probabilistic_torch_losses.cpp; registered after the Keras ids (catalogue order).
void registerTorchProbabilisticLosses(LossRegistry& registry);

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

std::string number(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

/// The class index of a label: an integer in [0, K). Throws Error::data naming the 1-based row.
Eigen::Index classIndex(double label,
                        Eigen::Index row,
                        Eigen::Index classes,
                        const LossInfo& info) {
  if (!(label == std::floor(label) && label >= 0 && label < static_cast<double>(classes))) {
    throw Error::data(info.id + ": row " + std::to_string(row + 1) + " has label " + number(label) +
                      ", but class labels must be integers in [0, " + std::to_string(classes) +
                      ")");
  }
  return static_cast<Eigen::Index>(label);
}

/// p clipped to [ε, 1 − ε], and whether TF's clip passes the gradient there (closed interval).
struct Clipped {
  double value;
  bool inside;
};
Clipped clipProbability(double p, double eps) {
  if (p < eps) {
    return {eps, false};
  }
  if (p > 1 - eps) {
    return {1 - eps, false};
  }
  return {p, true};
}

/// Keras' clipped BCE of one probability: with p̃ = clip(p, ε, 1 − ε),
///   b = −[y log p̃ + (1 − y) log(1 − p̃)],
///   b′ = (p̃ − y) / (p̃(1 − p̃)), b″ = y/p̃² + (1 − y)/(1 − p̃)² inside [ε, 1 − ε], 0 outside.
LossEval clippedBce(double p, double y, double eps) {
  const Clipped c = clipProbability(p, eps);
  const double q = c.value;
  const double value = -(y * std::log(q) + (1 - y) * std::log1p(-q));
  if (!c.inside) {
    return {value, 0, 0};
  }
  return {value, (q - y) / (q * (1 - q)), y / (q * q) + (1 - y) / ((1 - q) * (1 - q))};
}

/// Keras binary cross-entropy, element term (ℓ_i = mean_j), y smoothed to y(1 − λ) + λ/2.
///  Probabilities: the clipped BCE above (zero gradient outside [ε, 1 − ε]).
///  Logits (TF sigmoid_cross_entropy_with_logits): e = max(z, 0) − zy + log(1 + e^{−|z|}),
///    e′ = σ(z) − y, e″ = σ(z)σ(−z); exact at z = 0.
/// At p = ½, y = 1: [log 2, −2, 4]. At z = 0, y = 1 (from_logits): [log 2, −½, ¼].
struct BinaryCrossentropy {
  static constexpr Aggregate kAggregate = Aggregate::MeanLastAxis;
  explicit BinaryCrossentropy(const ParamValues& params)
      : m_fromLogits(param(params, "from_logits") != 0),
        m_smoothing(param(params, "label_smoothing")),
        m_eps(param(params, "epsilon")) {}
  LossEval operator()(double p, double t) const {
    const double y = t * (1 - m_smoothing) + 0.5 * m_smoothing;
    if (m_fromLogits) {
      return {softplus(p) - p * y, sigmoid(p) - y, sigmoid(p) * sigmoid(-p)};
    }
    return clippedBce(p, y, m_eps);
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
  LossEval operator()(double x, double t) const {
    const double y = t * (1 - m_smoothing) + 0.5 * m_smoothing;
    double p = x;
    double q = 1 - x;  // 1 − p
    LossEval b;        // b and its derivatives w.r.t. the input x
    double du = 1 - 2 * y;
    double ddu = 0;
    if (m_fromLogits) {
      p = sigmoid(x);
      q = sigmoid(-x);
      const double slope = p * q;  // σ′
      b = clippedBce(p, y, m_eps);
      if (clipProbability(p, m_eps).inside) {
        b.d1 = p - y;
        b.d2 = slope;
      }
      ddu = du * slope * (1 - 2 * p);
      du *= slope;
    } else {
      b = clippedBce(p, y, m_eps);
    }
    const double u = y * q + (1 - y) * p;
    const double w = m_balancing ? y * m_alpha + (1 - y) * (1 - m_alpha) : 1.0;
    const double g = m_gamma;
    const double uG = std::pow(u, g);
    const double uG1 = g * std::pow(u, g - 1);  // TF: γ·u^{γ−1}, NaN at u = 0 for γ = 0
    const double value = w * uG * b.value;
    const double d1 = w * (uG1 * du * b.value + uG * b.d1);
    double d2 = uG * b.d2;
    if (g * (g - 1) != 0) {
      d2 += g * (g - 1) * std::pow(u, g - 2) * du * du * b.value;
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
    const double y = std::fmin(std::fmax(t, m_eps), 1.0);
    const double q = std::fmin(std::fmax(p, m_eps), 1.0);
    const double value = y * std::log(y / q);
    if (p < m_eps || p > 1) {
      return {value, 0, 0};
    }
    return {value, -y / q, y / (q * q)};
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
  LossEval operator()(double p, double y) const {
    const double shifted = p + m_eps;
    return {p - y * std::log(shifted), 1 - y / shifted, y / (shifted * shifted)};
  }
  double m_eps;
};

/// ℓ and ∂ℓ/∂ŷ of row i of Keras' categorical cross-entropy against target weights y(j).
///  Logits: ℓ = −Σ_k y_k log softmax(z)_k, ∂ℓ/∂z_j = softmax(z)_j Σ_k y_k − y_j. This is the true
///    derivative (JAX/NumPy/PyTorch backends); TF's softmax_cross_entropy_with_logits kernel
///    returns softmax − y instead, which is equal whenever Σ_k y_k = 1 (one-hot targets, with or
///    without label smoothing) and differs for soft targets that do not sum to 1 (spec §2.2).
///  Probabilities: S = Σ_k ŷ_k, o = ŷ/S, õ = clip(o, ε, 1 − ε), ℓ = −Σ_k y_k log õ_k; with
///    g_k = −y_k/õ_k on the clip interval and 0 outside, ∂ℓ/∂ŷ_j = (g_j − Σ_k g_k o_k) / S.
/// A probability row summing to 0 has no normalisation (Keras gives NaN): a data error.
template <class Target>
double crossEntropyRow(const Tensor& pred,
                       Eigen::Index i,
                       const Target& y,
                       bool fromLogits,
                       double eps,
                       const LossInfo& info,
                       Tensor& grad) {
  const Eigen::Index k = pred.cols();
  double loss = 0;
  if (fromLogits) {
    const double top = pred.row(i).maxCoeff();
    double sum = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      sum += std::exp(pred(i, j) - top);
    }
    const double logSum = std::log(sum);
    double sumY = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      loss -= y(j) * (pred(i, j) - top - logSum);
      sumY += y(j);
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      grad(i, j) = std::exp(pred(i, j) - top) / sum * sumY - y(j);
    }
    return loss;
  }
  const double total = pred.row(i).sum();
  if (total == 0) {
    throw Error::data(info.id + ": the probabilities of row " + std::to_string(i + 1) +
                      " sum to 0, so they cannot be normalised");
  }
  double dot = 0;  // Σ_k g_k o_k
  for (Eigen::Index j = 0; j < k; ++j) {
    const double o = pred(i, j) / total;
    const Clipped c = clipProbability(o, eps);
    loss -= y(j) * std::log(c.value);
    grad(i, j) = c.inside ? -y(j) / c.value : 0.0;  // g_j for now
    dot += grad(i, j) * o;
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    grad(i, j) = (grad(i, j) - dot) / total;
  }
  return loss;
}

/// Keras categorical cross-entropy, per sample (sum over the K classes), y smoothed to
/// y(1 − λ) + λ/K; value and gradient as in crossEntropyRow.
/// At ŷ = (1/K, …) with y one-hot: [log K, 1 − K for the true class, 1 elsewhere].
/// At z = 0 (from_logits): [log K, 1/K − 1 for the true class, 1/K elsewhere].
class CategoricalCrossentropy final : public Loss {
 public:
  CategoricalCrossentropy(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_fromLogits(param(params, "from_logits") != 0),
        m_smoothing(param(params, "label_smoothing")),
        m_eps(param(params, "epsilon")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const double share = m_smoothing / static_cast<double>(pred.cols());
    out.unreduced.resize(pred.rows(), 1);
    out.grad.resize(pred.rows(), pred.cols());
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      auto y = [&](Eigen::Index j) { return target(i, j) * (1 - m_smoothing) + share; };
      out.unreduced(i, 0) = crossEntropyRow(pred, i, y, m_fromLogits, m_eps, info(), out.grad);
    }
  }

 private:
  bool m_fromLogits;
  double m_smoothing;
  double m_eps;
};

/// Keras 3 sparse categorical cross-entropy: the CCE of crossEntropyRow with y = onehot(t)
/// (normalise, then clip: the JAX/NumPy/PyTorch backends; the TF backend clips first, spec §2.2).
/// ignore_class (−1 = None): rows whose label equals it get ℓ = 0, gradient 0 and mask 0, so that
/// the pipeline's "sum_over_batch_size" divides by the number of valid rows (spec §1.2 step 4).
/// Other labels must be integers in [0, K). At origin: as categorical_crossentropy.
class SparseCategoricalCrossentropy final : public Loss {
 public:
  SparseCategoricalCrossentropy(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_fromLogits(param(params, "from_logits") != 0),
        m_ignoreClass(param(params, "ignore_class")),
        m_eps(param(params, "epsilon")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& labels = *in.yTrue;
    const bool ignoring = m_ignoreClass != -1;
    out.unreduced.resize(pred.rows(), 1);
    out.grad.resize(pred.rows(), pred.cols());
    if (ignoring) {
      out.mask = Eigen::ArrayXd::Ones(pred.rows());
    }
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      if (ignoring && labels(i, 0) == m_ignoreClass) {
        out.unreduced(i, 0) = 0;
        out.grad.row(i).setZero();
        out.mask(i) = 0;
        continue;
      }
      const Eigen::Index t = classIndex(labels(i, 0), i, pred.cols(), info());
      auto y = [t](Eigen::Index j) { return j == t ? 1.0 : 0.0; };
      out.unreduced(i, 0) = crossEntropyRow(pred, i, y, m_fromLogits, m_eps, info(), out.grad);
    }
  }

 private:
  bool m_fromLogits;
  double m_ignoreClass;
  double m_eps;
};

/// Keras categorical focal cross-entropy, per sample. With p = softmax(z) (from_logits) or ŷ,
/// S = Σ_k p_k, o = p/S, õ = clip(o, ε, 1 − ε), y smoothed to y(1 − λ) + λ/K:
///   ℓ = Σ_k α (1 − õ_k)^γ (−y_k log õ_k)   (both factors use the clipped õ),
///   G_k = α [γ(1 − õ_k)^{γ−1} y_k log õ_k − (1 − õ_k)^γ y_k/õ_k] on the clip interval, else 0,
///   ∂ℓ/∂p_j = (G_j − Σ_k G_k o_k) / S,
///   from_logits: ∂ℓ/∂z_j = p_j (d_j − Σ_k d_k p_k) with d = ∂ℓ/∂p.
/// Computed in losses.py, not by the backend CE, so no TF shortcut applies (spec §2.2).
/// At ŷ = (½, ½), y = (1, 0), α = ¼, γ = 2: [log 2 / 16, ∓(log 2 + ½)/8].
class CategoricalFocalCrossentropy final : public Loss {
 public:
  CategoricalFocalCrossentropy(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_alpha(param(params, "alpha")),
        m_gamma(param(params, "gamma")),
        m_fromLogits(param(params, "from_logits") != 0),
        m_smoothing(param(params, "label_smoothing")),
        m_eps(param(params, "epsilon")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Eigen::Index k = pred.cols();
    const double share = m_smoothing / static_cast<double>(k);
    out.unreduced.resize(pred.rows(), 1);
    out.grad.resize(pred.rows(), k);
    Eigen::ArrayXd p(k);
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      if (m_fromLogits) {
        const double top = pred.row(i).maxCoeff();
        for (Eigen::Index j = 0; j < k; ++j) {
          p(j) = std::exp(pred(i, j) - top);
        }
        p /= p.sum();
      } else {
        p = pred.row(i).transpose();
      }
      const double total = p.sum();
      if (total == 0) {
        throw Error::data(info().id + ": the probabilities of row " + std::to_string(i + 1) +
                          " sum to 0, so they cannot be normalised");
      }
      double loss = 0;
      double dot = 0;  // Σ_k G_k o_k
      for (Eigen::Index j = 0; j < k; ++j) {
        const double y = target(i, j) * (1 - m_smoothing) + share;
        const double o = p(j) / total;
        const Clipped c = clipProbability(o, m_eps);
        const double logO = std::log(c.value);
        const double rest = 1 - c.value;
        loss += m_alpha * std::pow(rest, m_gamma) * (-y * logO);
        const double g = c.inside ? m_alpha * (m_gamma * std::pow(rest, m_gamma - 1) * y * logO -
                                               std::pow(rest, m_gamma) * y / c.value)
                                  : 0.0;
        out.grad(i, j) = g;
        dot += g * o;
      }
      out.unreduced(i, 0) = loss;
      out.grad.row(i) = (out.grad.row(i) - dot) / total;
      if (m_fromLogits) {
        const double pd = (out.grad.row(i).transpose() * p).sum();
        out.grad.row(i) = (p * (out.grad.row(i).transpose() - pd)).transpose();
      }
    }
  }

 private:
  double m_alpha;
  double m_gamma;
  bool m_fromLogits;
  double m_smoothing;
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

/// Keras 3 categorical generalized cross-entropy (Zhang & Sabuncu 2018) on integer labels t:
///   p = ŷ_t (no clipping), ℓ = (1 − p^q)/q, ∂ℓ/∂ŷ_t = −p^{q−1}, ∂²ℓ/∂ŷ_t² = (1 − q) p^{q−2};
/// every other class gets 0, so the Hessian is diagonal (elementwise = true).
/// p = 0 gives the gradient −∞ (as Keras); p < 0 has no real p^q: a data error.
/// At p = 1: [0, −1, 1 − q].
class GeneralizedCrossEntropy final : public Loss {
 public:
  GeneralizedCrossEntropy(const LossInfo& info, const ParamValues& params)
      : Loss(info), m_q(param(params, "q")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& labels = *in.yTrue;
    out.unreduced.resize(pred.rows(), 1);
    out.grad.setZero(pred.rows(), pred.cols());
    out.d2.setZero(pred.rows(), pred.cols());
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      const Eigen::Index t = classIndex(labels(i, 0), i, pred.cols(), info());
      const double p = pred(i, t);
      if (p < 0) {
        throw Error::data(info().id + ": row " + std::to_string(i + 1) +
                          " gives its true class the negative probability " + number(p));
      }
      out.unreduced(i, 0) = (1 - std::pow(p, m_q)) / m_q;
      out.grad(i, t) = -std::pow(p, m_q - 1);
      out.d2(i, t) = (1 - m_q) * std::pow(p, m_q - 2);
    }
  }

 private:
  double m_q;
};

LossInfo keras(std::string id,
               std::string name,
               TargetKind target,
               CurveKind curve,
               std::string summary,
               std::vector<ParamSpec> params,
               bool elementwise) {
  LossInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.family = Family::Probabilistic;
  info.framework = Framework::Keras;
  info.target = target;
  info.curve = curve;
  info.summary = std::move(summary);
  info.params = std::move(params);
  info.elementwise = elementwise;
  return info;
}

ParamSpec fromLogitsParam() {
  return boolParam("from_logits", "from logits", false,
                   "y_pred holds logits: the exact sigmoid/softmax formula, no ε clipping");
}

ParamSpec smoothingParam(const char* help) {
  return realParam("label_smoothing", "λ (label smoothing)", 0, 0, 1, help);
}

ParamSpec unboundedParam(std::string id, std::string label, double def, std::string help) {
  ParamSpec spec = realParam(std::move(id), std::move(label), def, 0, kInfinity, std::move(help));
  spec.maxOpen = true;
  spec.sliderMin = 0;
  spec.sliderMax = def > 1 ? 5 : 1;
  return spec;
}

ParamSpec gammaParam() {
  return unboundedParam("gamma", "γ (focusing)", 2.0,
                        "Down-weights easy examples by (1 − p_t)^γ; γ = 0 is plain cross-entropy");
}

ParamSpec axisParam() {
  return choiceParam("axis", "axis", 0, {"all", "per_sample"},
                     "all: one scalar over the whole batch (Keras axis=None); per_sample: one "
                     "value per sample");
}

}  // namespace

void registerProbabilisticLosses(LossRegistry& registry) {
  const TargetKind same = TargetKind::SameShape;
  const TargetKind index = TargetKind::ClassIndex;
  const char* binarySmoothing = "Targets move towards ½: y(1 − λ) + λ/2";
  const char* categoricalSmoothing = "Targets move towards uniform: y(1 − λ) + λ/K";
  registry.add<ElementwiseLoss<BinaryCrossentropy>>(
      keras("binary_crossentropy", "Binary cross-entropy (BCE)", same, CurveKind::Probability,
            "mean_j −[y log p̃ + (1 − y) log(1 − p̃)], p̃ = clip(ŷ, ε, 1 − ε)",
            {fromLogitsParam(), smoothingParam(binarySmoothing), epsilonParam()}, true));
  registry.add<CategoricalCrossentropy>(
      keras("categorical_crossentropy", "Categorical cross-entropy (CCE)", same,
            CurveKind::TrueClassProbability, "−Σ_k y_k log clip(ŷ_k / Σŷ, ε, 1 − ε) per sample",
            {fromLogitsParam(), smoothingParam(categoricalSmoothing), epsilonParam()}, false));
  registry.add<SparseCategoricalCrossentropy>(
      keras("sparse_categorical_crossentropy", "Sparse categorical cross-entropy", index,
            CurveKind::TrueClassProbability, "−log clip(ŷ_t / Σŷ, ε, 1 − ε) for integer label t",
            {fromLogitsParam(),
             intParam("ignore_class", "ignored class", -1, -1, std::numeric_limits<int>::max(),
                      "Rows with this label get no loss and are not counted (−1 = None)"),
             epsilonParam()},
            false));
  registry.add<ElementwiseLoss<BinaryFocalCrossentropy>>(
      keras("binary_focal_crossentropy", "Binary focal cross-entropy", same, CurveKind::Probability,
            "mean_j w (1 − p_t)^γ BCE(y, ŷ)",
            {boolParam("apply_class_balancing", "class balancing", false,
                       "Weight α for y = 1 and 1 − α for y = 0"),
             realParam("alpha", "α (class balance)", 0.25, 0, 1,
                       "Weight of the positive class (used with apply_class_balancing)"),
             gammaParam(), fromLogitsParam(), smoothingParam(binarySmoothing), epsilonParam()},
            true));
  registry.add<CategoricalFocalCrossentropy>(keras(
      "categorical_focal_crossentropy", "Categorical focal cross-entropy", same,
      CurveKind::TrueClassProbability, "Σ_k α (1 − õ_k)^γ (−y_k log õ_k), õ = clip(ŷ/Σŷ, ε, 1 − ε)",
      {unboundedParam("alpha", "α (weight)", 0.25, "Scales every class's term"), gammaParam(),
       fromLogitsParam(), smoothingParam(categoricalSmoothing), epsilonParam()},
      false));
  registry.add<ElementwiseLoss<KlDivergence>>(
      keras("kl_divergence", "Kullback–Leibler divergence", same, CurveKind::TrueClassProbability,
            "Σ_j ȳ log(ȳ / p̄), ȳ = clip(y, ε, 1), p̄ = clip(ŷ, ε, 1)", {epsilonParam()}, true));
  registry.add<ElementwiseLoss<Poisson>>(keras("poisson", "Poisson", same, CurveKind::Residual,
                                               "mean_j ŷ − y log(ŷ + ε)", {epsilonParam()}, true));
  registry.add<Dice>(keras("dice", "Dice", same, CurveKind::Probability,
                           "1 − 2 Σyŷ / (Σy + Σŷ + ε)", {axisParam(), epsilonParam()}, false));
  registry.add<Tversky>(
      keras("tversky", "Tversky (α, β)", same, CurveKind::Probability,
            "1 − I / (I + α FP + β FN + ε), I = Σyŷ",
            {unboundedParam("alpha", "α (false positives)", 0.5, "Weight of Σ(1 − y)ŷ"),
             unboundedParam("beta", "β (false negatives)", 0.5, "Weight of Σy(1 − ŷ)"), axisParam(),
             epsilonParam()},
            false));
  ParamSpec q = realParam("q", "q (noise robustness)", 0.5, 0, 1,
                          "q → 0 behaves like cross-entropy, q → 1 like MAE");
  q.minOpen = q.maxOpen = true;
  registry.add<GeneralizedCrossEntropy>(
      keras("categorical_generalized_cross_entropy", "Generalized cross-entropy (q)", index,
            CurveKind::TrueClassProbability, "(1 − ŷ_t^q) / q for integer label t", {q}, true));
  registerTorchProbabilisticLosses(registry);
}

}  // namespace losslab
