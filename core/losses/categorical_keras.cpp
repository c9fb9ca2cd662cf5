// SPDX-License-Identifier: GPL-3.0-or-later
// Categorical classification losses, Keras 3 ids (spec §2.2): categorical and sparse categorical
// cross-entropy, categorical focal cross-entropy, generalized cross-entropy. ŷ is a row over the
// K classes: probabilities (row-normalised, then clipped to [ε, 1 − ε]; TF's clip passes the
// gradient on the closed interval) or logits.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/losses/keras_probability.h"
#include "core/losses/loss_file.h"

namespace losslab {

namespace {

using namespace keras_probability;

/// ℓ and ∂ℓ/∂ŷ of row i of Keras' categorical cross-entropy against target weights y(j).
///  Logits: ℓ = −Σ_k y_k log softmax(z)_k, ∂ℓ/∂z_j = softmax(z)_j Σ_k y_k − y_j. This is the true
///    derivative (JAX/NumPy/PyTorch backends); TF's softmax_cross_entropy_with_logits kernel
///    returns softmax − y instead, which is equal whenever Σ_k y_k = 1 (one-hot targets, with or
///    without label smoothing) and differs for soft targets that do not sum to 1 (spec §2.2).
///  Probabilities: S = Σ_k ŷ_k, o = ŷ/S, õ = clip(o, ε, 1 − ε), ℓ = −Σ_k y_k log õ_k; with
///    g_k = −y_k/õ_k on the clip interval and 0 outside, ∂ℓ/∂ŷ_j = (g_j − Σ_k g_k o_k) / S.
/// A probability row summing to 0 has no normalisation (Keras gives NaN): a data error.
/// Divisions by a row's S (or Σ e^z) are multiplications by its reciprocal, one division per row:
/// within an ulp of dividing, and a vector division costs as much as ≈ 16 other operations.
/// exp and log are vector_math.h's (inlined, so the row loops vectorise under simd::run).
[[noreturn, gnu::noinline]] void throwZeroRow(const LossInfo& info, Eigen::Index i) {
  throw Error::data(info.id + ": the probabilities of row " + std::to_string(i + 1) +
                    " sum to 0, so they cannot be normalised");
}

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
    double top = pred(i, 0);
    for (Eigen::Index j = 1; j < k; ++j) {
      top = pred(i, j) > top ? pred(i, j) : top;
    }
    double sum = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      const double e = vmath::exp(pred(i, j) - top);
      grad(i, j) = e;  // kept for the gradient below: one exponential per element
      sum += e;
    }
    const double logSum = vmath::log(sum);
    double sumY = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      loss -= y(j) * (pred(i, j) - top - logSum);
      sumY += y(j);
    }
    const double scale = sumY / sum;  // one division per row, not per class
    for (Eigen::Index j = 0; j < k; ++j) {
      grad(i, j) = grad(i, j) * scale - y(j);
    }
    return loss;
  }
  double total = 0;
  for (Eigen::Index j = 0; j < k; ++j) {
    total += pred(i, j);
  }
  if (total == 0) {
    throwZeroRow(info, i);
  }
  const double inverse = 1 / total;  // o = ŷ · (1/S): one division per row, not per class
  double dot = 0;                    // Σ_k g_k o_k
  for (Eigen::Index j = 0; j < k; ++j) {
    const double o = pred(i, j) * inverse;
    // clipProbability written out (a local bool vectorises, Clipped::inside does not).
    const double low = o < eps ? eps : o;
    const double q = o > 1 - eps ? 1 - eps : low;
    const bool inside = !(o < eps) && !(o > 1 - eps);
    loss -= y(j) * vmath::log(q);
    grad(i, j) = inside ? -y(j) / q : 0.0;  // g_j for now
    dot += grad(i, j) * o;
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    grad(i, j) = (grad(i, j) - dot) * inverse;
  }
  return loss;
}

/// The training pass's rows side by side: a block of kBlock rows, lane l doing exactly
/// crossEntropyRow's operations for row i0 + l in its order (so the same bits as evaluate(), on
/// every instruction set). Row by row, each row's sums (Σŷ, Σ e^z, Σ gₖoₖ, the loss) are chains
/// of K dependent additions and a row of 10 classes barely fills a vector; across eight rows the
/// chains are independent and every loop below runs over the eight lanes, which vectorises.
/// `y(i, j)` is the target weight of row i, class j. Rows with more than kBlockClasses classes
/// take crossEntropyRow.
constexpr int kBlock = 8;
constexpr Eigen::Index kBlockClasses = 32;

template <class Y>
[[gnu::always_inline]] inline void crossEntropyBlock(const Tensor& pred,
                                                     Eigen::Index i0,
                                                     const Y& y,
                                                     bool fromLogits,
                                                     double eps,
                                                     const LossInfo& info,
                                                     double factor,
                                                     double (&loss)[kBlock],
                                                     Tensor& grad) {
  const Eigen::Index k = pred.cols();
  const double* base = pred.data() + i0 * k;
  double g[kBlockClasses][kBlock];
  for (int l = 0; l < kBlock; ++l) {
    loss[l] = 0;
  }
  if (fromLogits) {
    double top[kBlock];
    double sum[kBlock];
    double logSum[kBlock];
    double sumY[kBlock];
    for (int l = 0; l < kBlock; ++l) {
      top[l] = base[l * k];
      sum[l] = 0;
      sumY[l] = 0;
    }
    for (Eigen::Index j = 1; j < k; ++j) {
      for (int l = 0; l < kBlock; ++l) {
        const double z = base[l * k + j];
        top[l] = z > top[l] ? z : top[l];
      }
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      for (int l = 0; l < kBlock; ++l) {
        const double e = vmath::exp(base[l * k + j] - top[l]);
        g[j][l] = e;
        sum[l] += e;
      }
    }
    for (int l = 0; l < kBlock; ++l) {
      logSum[l] = vmath::log(sum[l]);
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      for (int l = 0; l < kBlock; ++l) {
        const double yy = y(i0 + l, j);
        loss[l] -= yy * (base[l * k + j] - top[l] - logSum[l]);
        sumY[l] += yy;
      }
    }
    double scale[kBlock];
    for (int l = 0; l < kBlock; ++l) {
      scale[l] = sumY[l] / sum[l];
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      for (int l = 0; l < kBlock; ++l) {
        g[j][l] = g[j][l] * scale[l] - y(i0 + l, j);
      }
    }
  } else {
    double total[kBlock];
    double dot[kBlock];
    for (int l = 0; l < kBlock; ++l) {
      total[l] = 0;
      dot[l] = 0;
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      for (int l = 0; l < kBlock; ++l) {
        total[l] += base[l * k + j];
      }
    }
    double inverse[kBlock];
    for (int l = 0; l < kBlock; ++l) {
      if (total[l] == 0) {
        throwZeroRow(info, i0 + l);
      }
      inverse[l] = 1 / total[l];
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      for (int l = 0; l < kBlock; ++l) {
        const double o = base[l * k + j] * inverse[l];
        const double low = o < eps ? eps : o;
        const double q = o > 1 - eps ? 1 - eps : low;
        const bool inside = !(o < eps) && !(o > 1 - eps);
        const double yy = y(i0 + l, j);
        loss[l] -= yy * vmath::log(q);
        const double gj = inside ? -yy / q : 0.0;
        g[j][l] = gj;
        dot[l] += gj * o;
      }
    }
    for (Eigen::Index j = 0; j < k; ++j) {
      for (int l = 0; l < kBlock; ++l) {
        g[j][l] = (g[j][l] - dot[l]) * inverse[l];
      }
    }
  }
  double* out = grad.data() + i0 * k;
  for (int l = 0; l < kBlock; ++l) {
    for (Eigen::Index j = 0; j < k; ++j) {
      out[l * k + j] = g[j][l] * factor;
    }
  }
}

/// valueAndGradient of the two cross-entropies: blocks of rows (crossEntropyBlock), the rest row
/// by row; the value summed over rows in row order, the gradient scaled as it is stored.
template <class Y>
double crossEntropyPass(const Tensor& pred,
                        const Y& y,
                        bool fromLogits,
                        double eps,
                        const LossInfo& info,
                        double factor,
                        Tensor& grad) {
  return simd::run([&] {
    double sum = 0;
    Eigen::Index i = 0;
    if (pred.cols() <= kBlockClasses) {
      for (; i + kBlock <= pred.rows(); i += kBlock) {
        double loss[kBlock];
        crossEntropyBlock(pred, i, y, fromLogits, eps, info, factor, loss, grad);
        for (const double l : loss) {
          sum += l;
        }
      }
    }
    for (; i < pred.rows(); ++i) {
      auto row = [&](Eigen::Index j) { return y(i, j); };
      sum += crossEntropyRow(pred, i, row, fromLogits, eps, info, grad);
      for (Eigen::Index j = 0; j < pred.cols(); ++j) {
        grad(i, j) *= factor;
      }
    }
    return factor * sum;  // as ReductionPlan::value: factor · Σ ℓ_i
  });
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

  /// The training path: the same rows, the reduced value summed on the fly and the gradient
  /// scaled in place, compiled for the active instruction set. Allocates nothing once `grad`
  /// has the batch's shape.
  double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    grad.resize(pred.rows(), pred.cols());
    const auto rows = static_cast<double>(pred.rows());
    const double factor = uniformFactor(info().framework, reduction, rows, rows);
    const double share = m_smoothing / static_cast<double>(pred.cols());
    const double keep = 1 - m_smoothing;
    const double* t = target.data();
    const Eigen::Index k = target.cols();
    auto y = [=](Eigen::Index i, Eigen::Index j) { return t[i * k + j] * keep + share; };
    return crossEntropyPass(pred, y, m_fromLogits, m_eps, info(), factor, grad);
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

  /// The training path without ignore_class (that one needs the mask: the general path): labels
  /// checked first, then fused rows as in CategoricalCrossentropy::valueAndGradient.
  double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const override {
    if (m_ignoreClass != -1) {
      return Loss::valueAndGradient(in, reduction, grad);
    }
    const Tensor& pred = *in.yPred;
    const Tensor& labels = *in.yTrue;
    for (Eigen::Index i = 0; i < pred.rows(); ++i) {
      classIndex(labels(i, 0), i, pred.cols(), info());
    }
    grad.resize(pred.rows(), pred.cols());
    const auto rows = static_cast<double>(pred.rows());
    const double factor = uniformFactor(info().framework, reduction, rows, rows);
    // One-hot as a comparison of doubles (labels are checked integers): no conversion per lane.
    const double* t = labels.data();
    auto y = [=](Eigen::Index i, Eigen::Index j) {
      return t[i] == static_cast<double>(j) ? 1.0 : 0.0;
    };
    return crossEntropyPass(pred, y, m_fromLogits, m_eps, info(), factor, grad);
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

/// Categorical cross-entropies on the class-row curve (K = 3, true class 0): at x = 1/3 the
/// probability row is uniform; from logits, at x = 0 the logits are.
std::vector<KinkPoint> uniformRowPoints(const ParamValues& p, double smoothing) {
  const double y0 = 1 - smoothing + smoothing / 3;  // smoothed one-hot entry of the true class
  const double y1 = smoothing / 3;
  if (fromLogits(p)) {
    return {pointOf("positive", 0, std::log(3.0), 1.0 / 3 - y0, kNaN,
                    "uniform logits: softmax − y on the true class"),
            pointOf("negative", 0, std::log(3.0), 1.0 / 3 - y1, kNaN,
                    "uniform logits: softmax − y on a wrong class")};
  }
  // d/dx of −Σ y_k log o_k along o = (x, (1 − x)/2, (1 − x)/2): −y₀/x + (y₁ + y₂)/(1 − x).
  return {point(1.0 / 3, std::log(3.0), -3 * y0 + 1.5 * (2 * y1), kNaN,
                "uniform probabilities: −y₀/x + (1 − y₀)/(1 − x)")};
}

}  // namespace

LOSSLAB_LOSS_FILE(categorical_keras) {
  const TargetKind same = TargetKind::SameShape;
  const TargetKind index = TargetKind::ClassIndex;
  const char* categoricalSmoothing =
      LL_TR("Engine", "Targets move towards uniform: y(1 − λ) + λ/K");
  LossFacts cce;
  cce.formula = [](const ParamValues& p) {
    // Keras: y smoothed to y(1 − λ) + λ/K, probabilities normalised then clipped.
    const std::string y = "(y_true*(1 - label_smoothing) + label_smoothing/ncols)";
    if (paramOr(p, "from_logits", 0) != 0) {
      return std::optional<FormulaText>(
          FormulaText{{"label_smoothing"}, "-row_sum(" + y + "*log_softmax(y_pred))", ""});
    }
    return std::optional<FormulaText>(
        FormulaText{{"label_smoothing", "epsilon"},
                    "-row_sum(" + y + "*log(clip(y_pred/row_sum(y_pred), epsilon, 1 - epsilon)))",
                    ""});
  };
  cce.calls = {kerasCall("categorical_crossentropy", "CategoricalCrossentropy",
                         {kFromLogits, kSmoothing}, kTfNote)};
  cce.curve = [](const ParamValues& p) { return logitsIfFromLogits(p, true); };
  cce.inputs = classRowDomain(Values::OneHot);
  cce.kinks = [](const ParamValues& p) {
    return uniformRowPoints(p, paramOr(p, "label_smoothing", 0));
  };
  cce.examples = {{{"from_logits", 1}},
                  {{"label_smoothing", 0.1}},
                  {{"from_logits", 1}, {"label_smoothing", 0.2}}};
  registry.add<CategoricalCrossentropy>(
      keras("categorical_crossentropy", LL_TR("Engine", "Categorical cross-entropy (CCE)"), same,
            CurveKind::TrueClassProbability,
            LL_TR("Engine", "−Σ_k y_k log clip(ŷ_k / Σŷ, ε, 1 − ε) per sample"),
            {fromLogitsParam(), smoothingParam(categoricalSmoothing), epsilonParam()}, false,
            std::move(cce)));

  LossFacts scce;
  scce.exportLimit = kRowWise;
  scce.calls = {kerasCall(
      "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy",
      {kFromLogits, {"ignore_class", "ignore_class", ArgKind::IntOrNone}},
      "the TensorFlow backend clips probabilities before normalising them (spec §2.2); LossLab "
      "normalises first, as the other backends do. With ignore_class and probabilities, the "
      "JAX and PyTorch backends give NaN gradients in the ignored rows (their zeroed row is "
      "normalised, 0/0); LossLab gives 0 there")};
  scce.curve = [](const ParamValues& p) { return logitsIfFromLogits(p, true); };
  scce.inputs = classRowDomain(Values::ClassIndex);
  scce.kinks = [](const ParamValues& p) {
    if (paramOr(p, "ignore_class", -1) == 0) {
      return std::vector<KinkPoint>{};  // the curve's true class is ignored: ℓ = 0
    }
    return uniformRowPoints(p, 0);
  };
  scce.examples = {{{"from_logits", 1}}, {{"ignore_class", 1}}};
  registry.add<SparseCategoricalCrossentropy>(keras(
      "sparse_categorical_crossentropy", LL_TR("Engine", "Sparse categorical cross-entropy"), index,
      CurveKind::TrueClassProbability,
      LL_TR("Engine", "−log clip(ŷ_t / Σŷ, ε, 1 − ε) for integer label t"),
      {fromLogitsParam(),
       intParam(
           "ignore_class", LL_TR("Engine", "ignored class"), -1, -1,
           std::numeric_limits<int>::max(),
           LL_TR("Engine", "Rows with this label get no loss and are not counted (−1 = None)")),
       epsilonParam()},
      false, std::move(scce)));

  LossFacts cfce;
  cfce.exportLimit = kRowWise;
  cfce.calls = {kerasCall("categorical_focal_crossentropy", "CategoricalFocalCrossentropy",
                          {kAlpha, kGamma, kFromLogits, kSmoothing})};
  cfce.curve = [](const ParamValues& p) { return logitsIfFromLogits(p, true); };
  cfce.inputs = classRowDomain(Values::OneHot);
  cfce.kinks = [](const ParamValues& p) {
    if (paramOr(p, "label_smoothing", 0) != 0) {
      return std::vector<KinkPoint>{};
    }
    // Uniform row o = 1/3 (hand-derived): ℓ = α(2/3)^γ log 3 and, along the class-row path,
    // dℓ/dx = G₀ = α[−γ(2/3)^{γ−1} log 3 − 3(2/3)^γ]; from logits dℓ/dz₀ = 2G₀/9.
    const double a = paramOr(p, "alpha", 0.25);
    const double g = paramOr(p, "gamma", 2);
    const double value = a * std::pow(2.0 / 3, g) * std::log(3.0);
    const double g0 =
        a * (-g * std::pow(2.0 / 3, g - 1) * std::log(3.0) - 3 * std::pow(2.0 / 3, g));
    if (fromLogits(p)) {
      return std::vector<KinkPoint>{
          pointOf("positive", 0, value, 2 * g0 / 9, kNaN, "uniform logits")};
    }
    return std::vector<KinkPoint>{point(1.0 / 3, value, g0, kNaN, "uniform probabilities")};
  };
  cfce.examples = {{{"from_logits", 1}}, {{"alpha", 0.5}, {"gamma", 1}, {"label_smoothing", 0.1}}};
  registry.add<CategoricalFocalCrossentropy>(
      keras("categorical_focal_crossentropy", LL_TR("Engine", "Categorical focal cross-entropy"),
            same, CurveKind::TrueClassProbability,
            LL_TR("Engine", "Σ_k α (1 − õ_k)^γ (−y_k log õ_k), õ = clip(ŷ/Σŷ, ε, 1 − ε)"),
            {unboundedParam("alpha", LL_TR("Engine", "α (weight)"), 0.25,
                            LL_TR("Engine", "Scales every class's term")),
             gammaParam(), fromLogitsParam(), smoothingParam(categoricalSmoothing), epsilonParam()},
            false, std::move(cfce)));

  ParamSpec q = realParam("q", LL_TR("Engine", "q (noise robustness)"), 0.5, 0, 1,
                          LL_TR("Engine", "q → 0 behaves like cross-entropy, q → 1 like MAE"));
  q.minOpen = q.maxOpen = true;
  LossFacts gce;
  gce.exportLimit = kRowWise;
  FrameworkCall gceCall =
      kerasCall("categorical_generalized_cross_entropy", "CategoricalGeneralizedCrossEntropy",
                {{"q", "q", ArgKind::Real}});
  // Keras one-hot encodes y_true as it comes: a (B, 1) column would broadcast to (B, B, K).
  gceCall.prelude =
      "# LossLab's labels are a (B, 1) column of class indices; Keras's function takes (B,).\n"
      "y_true = keras.ops.reshape(y_true, (-1,))\n";
  gce.calls = {gceCall};
  gce.curve = CurveTraits{.classRow = true};
  gce.inputs = InputDomain{
      .prediction = Values::ProbabilityRow, .target = Values::ClassIndex, .minColumns = 2};
  gce.kinks = [](const ParamValues& p) {
    return std::vector<KinkPoint>{
        point(1, 0, -1, 1 - paramOr(p, "q", 0.5), "p_t = 1: [0, −p^{q−1}, (1 − q)p^{q−2}]")};
  };
  gce.examples = {{{"q", 0.8}}};
  registry.add<GeneralizedCrossEntropy>(keras(
      "categorical_generalized_cross_entropy", LL_TR("Engine", "Generalized cross-entropy (q)"),
      index, CurveKind::TrueClassProbability,
      LL_TR("Engine", "(1 − ŷ_t^q) / q for integer label t"), {q}, true, std::move(gce)));
}

}  // namespace losslab
