// SPDX-License-Identifier: GPL-3.0-or-later
// Distillation losses (spec §2.7, §3.7): Hinton's knowledge distillation on student logits and
// iCaRL's BCE against [old network outputs | one-hot new classes].
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "core/losses/loss_file.h"

namespace losslab {

namespace {

std::string number(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

std::string shape(const Tensor& t) {
  return "(" + std::to_string(t.rows()) + ", " + std::to_string(t.cols()) + ")";
}

/// softmax(z / T) of one row, with the row maximum subtracted so that no exponential overflows.
Eigen::ArrayXd softmaxRow(const Eigen::Ref<const Eigen::ArrayXd>& z, double temperature) {
  const Eigen::ArrayXd e = ((z - z.maxCoeff()) / temperature).exp();
  return e / e.sum();
}

/// Hinton et al. 2015 knowledge distillation as the keras-io example trains it:
///   ℓ_i = α·CE(y_i, softmax(s_i)) + (1 − α)·T²·KL_Keras(q^T_i ‖ q^S_i),
/// with s the student logits (y_pred), t the teacher logits, q^T = softmax(t/T),
/// q^S = softmax(s/T), CE = −log softmax(s)_{y} (SparseCategoricalCrossentropy(from_logits=True))
/// and Keras' KLDivergence Σ_j p̄_j log(p̄_j / q̄_j) with p̄ = clip(q^T, ε, 1), q̄ = clip(q^S, ε, 1).
/// Gradient with respect to the student logits (TF's clip passes on the closed interval, so the
/// active set is A = {j : q^S_j ≥ ε}):
///   ∂ℓ_i/∂s_ij = α (softmax(s)_j − 1[j = y_i])
///              + (1 − α) T (q^S_j Σ_{k∈A} p̄_k − p̄_j 1[j ∈ A]),
/// which is (1 − α) T (q^S − q^T) without clipping: the T² factor keeps the soft gradient's
/// magnitude independent of T. The teacher's logits are constants (not differentiable).
/// Not element-wise (softmax couples the logits): d2 is left empty.
/// At s = t = 0 with K classes: [α log K, α (1/K − 1[j = y]), —].
class KnowledgeDistillation final : public Loss {
 public:
  KnowledgeDistillation(const LossInfo& info, const ParamValues& params)
      : Loss(info),
        m_temperature(param(params, "temperature")),
        m_alpha(param(params, "alpha")),
        m_eps(param(params, "epsilon")) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& student = *in.yPred;
    const Tensor& labels = *in.yTrue;
    const Tensor& teacher = *in.extra("teacher_logits");
    if (teacher.rows() != student.rows() || teacher.cols() != student.cols()) {
      throw Error::usage(info().id + ": teacher_logits has shape " + shape(teacher) +
                         " but the student logits (y_pred) have shape " + shape(student));
    }
    const Eigen::Index classes = student.cols();
    const double t2 = m_temperature * m_temperature;
    out.unreduced.resize(student.rows(), 1);
    out.grad.resize(student.rows(), classes);
    for (Eigen::Index i = 0; i < student.rows(); ++i) {
      const Eigen::Index label = classIndex(labels(i, 0), i, classes);
      const Eigen::ArrayXd s = student.row(i).transpose();
      // Hard part: −log softmax(s)_y = logsumexp(s) − s_y.
      const double shift = s.maxCoeff();
      const double logSum = shift + std::log((s - shift).exp().sum());
      const Eigen::ArrayXd p = (s - logSum).exp();
      const double hard = logSum - s(label);
      // Soft part on the clipped temperature softmaxes.
      const Eigen::ArrayXd qs = softmaxRow(s, m_temperature);
      const Eigen::ArrayXd qt = softmaxRow(teacher.row(i).transpose(), m_temperature);
      const Eigen::ArrayXd pBar = qt.max(m_eps).min(1.0);
      const Eigen::ArrayXd qBar = qs.max(m_eps).min(1.0);
      const double kl = (pBar * (pBar / qBar).log()).sum();
      const Eigen::ArrayXd active = (qs >= m_eps).cast<double>();
      const double activeMass = (pBar * active).sum();
      Eigen::ArrayXd grad =
          m_alpha * p + (1 - m_alpha) * m_temperature * (qs * activeMass - pBar * active);
      grad(label) -= m_alpha;
      out.unreduced(i, 0) = m_alpha * hard + (1 - m_alpha) * t2 * kl;
      out.grad.row(i) = grad.transpose();
    }
  }

 private:
  /// The class index of a label: an integer in [0, K). Throws Error::data naming the 1-based row.
  Eigen::Index classIndex(double label, Eigen::Index row, Eigen::Index classes) const {
    if (!(label == std::floor(label) && label >= 0 && label < static_cast<double>(classes))) {
      throw Error::data(info().id + ": row " + std::to_string(row + 1) + " has label " +
                        number(label) + ", but class labels must be integers in [0, " +
                        std::to_string(classes) + ")");
    }
    return static_cast<Eigen::Index>(label);
  }

  double m_temperature;
  double m_alpha;
  double m_eps;
};

/// iCaRL's classification + distillation loss (srebuffi/iCaRL main_cifar_100_theano.py): sigmoid
/// outputs, the first s target columns replaced by the previous network's outputs q^old,
///   τ_i = [q^old_i1 … q^old_is | y_i,s+1 … y_iC],
///   ℓ_i = (1/C) Σ_c BCE(τ_ic, σ(z_ic)),  BCE = max(z, 0) − zτ + log(1 + e^{−|z|})
/// (TF's sigmoid_cross_entropy_with_logits: exact, no ε clipping), so
///   ∂ℓ_i/∂z_ic = (σ(z_ic) − τ_ic)/C,  ∂²ℓ_i/∂z_ic² = σ(z_ic)(1 − σ(z_ic))/C.
/// Whatever y holds in the first s columns is ignored. q^old are constants (the previous
/// network is frozen) and must lie in [0, 1].
/// At z = 0, τ = ½: [log 2, 0, 1/(4C)] per column.
class IcarlBce final : public Loss {
 public:
  IcarlBce(const LossInfo& info, const ParamValues& params)
      : Loss(info), m_oldClasses(static_cast<Eigen::Index>(param(params, "old_classes"))) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& logits = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Tensor& old = *in.extra("old_outputs");
    const Eigen::Index classes = logits.cols();
    if (m_oldClasses > classes) {
      throw Error::usage(info().id + ": old_classes = " + std::to_string(m_oldClasses) +
                         " but y_pred has only " + std::to_string(classes) + " classes");
    }
    if (old.rows() != logits.rows() || old.cols() != m_oldClasses) {
      throw Error::usage(info().id + ": old_outputs must have shape (" +
                         std::to_string(logits.rows()) + ", " + std::to_string(m_oldClasses) +
                         ") (one previous-network output per sample and old class), got " +
                         shape(old));
    }
    for (Eigen::Index i = 0; i < old.rows(); ++i) {
      for (Eigen::Index j = 0; j < old.cols(); ++j) {
        if (!(old(i, j) >= 0 && old(i, j) <= 1)) {
          throw Error::data(info().id + ": old_outputs at row " + std::to_string(i + 1) +
                            ", column " + std::to_string(j + 1) + " is " + number(old(i, j)) +
                            "; the previous network's sigmoid outputs lie in [0, 1]");
        }
      }
    }
    const double scale = 1.0 / static_cast<double>(classes);
    out.unreduced.resize(logits.rows(), 1);
    out.grad.resize(logits.rows(), classes);
    out.d2.resize(logits.rows(), classes);
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
      double sum = 0;
      for (Eigen::Index c = 0; c < classes; ++c) {
        const double z = logits(i, c);
        const double tau = c < m_oldClasses ? old(i, c) : target(i, c);
        const double sig = sigmoid(z);
        sum += std::fmax(z, 0.0) - z * tau + std::log1p(std::exp(-std::fabs(z)));
        out.grad(i, c) = scale * (sig - tau);
        out.d2(i, c) = scale * sig * (1 - sig);
      }
      out.unreduced(i, 0) = scale * sum;
    }
  }

 private:
  Eigen::Index m_oldClasses;
};

LossInfo distillation(std::string id,
                      std::string name,
                      Framework framework,
                      TargetKind target,
                      std::string summary,
                      std::vector<ParamSpec> params,
                      std::vector<ExtraInput> extras,
                      bool elementwise,
                      LossFacts facts) {
  LossInfo info;
  info.id = std::move(id);
  info.name = std::move(name);
  info.family = Family::Distillation;
  info.framework = framework;
  info.target = target;
  info.curve = CurveKind::TrueClassProbability;
  info.summary = std::move(summary);
  info.params = std::move(params);
  info.extras = std::move(extras);
  info.elementwise = elementwise;
  info.facts = std::move(facts);
  return info;
}

/// Hinton's loss on the curve's first point family: K = 3 student logits (x, 0, 0), the
/// teacher's logits 2 on class 0 (agrees) or class 1 (disagrees), true class 0. At x = 0 the
/// student is uniform (hand-derived): ℓ = α log 3 + (1 − α) T² Σ_k q_k log(3 q_k) and
/// dℓ/dx = α(1/3 − 1) + (1 − α) T (1/3 − q_0), with q = softmax(teacher / T).
std::vector<KinkPoint> distillationPoints(const ParamValues& p) {
  const double t = paramOr(p, "temperature", 3);
  const double a = paramOr(p, "alpha", 0.1);
  const double e = std::exp(2 / t);
  const double favoured = e / (e + 2);  // the teacher's probability of the class it favours
  const double other = 1 / (e + 2);
  const double kl = favoured * std::log(3 * favoured) + 2 * other * std::log(3 * other);
  const double value = a * std::log(3.0) + (1 - a) * t * t * kl;
  return {
      pointOf("teacher_agrees", 0, value, a * (1.0 / 3 - 1) + (1 - a) * t * (1.0 / 3 - favoured),
              kNaN, "uniform student logits"),
      pointOf("teacher_disagrees", 0, value, a * (1.0 / 3 - 1) + (1 - a) * t * (1.0 / 3 - other),
              kNaN, "uniform student logits")};
}

}  // namespace

LOSSLAB_LOSS_FILE(distillation) {
  LossFacts kd;
  // Row-wise (issue 13): the hard CE picks the label's logit with col == y_true (y_true is one
  // column, repeated along the row), the soft KL is Keras' clipped KLDivergence.
  kd.formula = formula({"temperature", "alpha", "epsilon"},
                       "alpha*(logsumexp(y_pred) - row_sum(where(col == y_true, y_pred, 0))) + "
                       "(1 - alpha)*square(temperature)*row_sum(clip(softmax(teacher_logits/"
                       "temperature), epsilon, 1)*log(clip(softmax(teacher_logits/temperature), "
                       "epsilon, 1)/clip(softmax(y_pred/temperature), epsilon, 1)))");
  kd.curve = CurveTraits{.path = CurvePath::Distillation, .logits = true, .classRow = true};
  kd.inputs = InputDomain{.prediction = Values::Real,
                          .target = Values::ClassIndex,
                          .minColumns = 2,
                          .extras = {{"teacher_logits", Values::Real}}};
  kd.kinks = distillationPoints;
  kd.examples = {{{"temperature", 1}, {"alpha", 0.5}}, {{"temperature", 10}, {"alpha", 0}}};
  registry.add<KnowledgeDistillation>(distillation(
      "knowledge_distillation", LL_TR("Engine", "Knowledge distillation (T, α; Hinton)"),
      Framework::Keras, TargetKind::ClassIndex,
      LL_TR("Engine",
            "α·CE(y, softmax(s)) + (1 − α)·T²·KL(softmax(t/T) ‖ softmax(s/T)) on student logits s"),
      {positiveParam(
           "temperature", LL_TR("Engine", "T (temperature)"), 3.0,
           LL_TR("Engine", "Softens both softmaxes; the T² factor keeps the soft gradient's size"),
           0.5, 20),
       realParam(
           "alpha", LL_TR("Engine", "α (hard-label weight)"), 0.1, 0, 1,
           LL_TR("Engine",
                 "Weight of the cross-entropy with the true labels; 1 − α weighs the teacher")),
       epsilonParam()},
      {{"teacher_logits", false, true,
        LL_TR("Engine", "(B, K) teacher logits t, same shape as y_pred")}},
      false, std::move(kd)));

  LossFacts icarl;
  // old_outputs has s columns: column j ≥ s reads its last one (formula inputs), which the
  // where() discards.
  icarl.formula = formula({"old_classes"},
                          "softplus(y_pred) - y_pred*where(col < old_classes, "
                          "old_outputs, y_true)");
  icarl.curve = CurveTraits{.path = CurvePath::Icarl, .logits = true};
  icarl.inputs = [](const ParamValues& p) {
    const int old = static_cast<int>(paramOr(p, "old_classes", 1));
    return InputDomain{.prediction = Values::Real,
                       .target = Values::Binary,
                       .minColumns = old + 1,
                       .extras = {{"old_outputs", Values::Probability, false, old}}};
  };
  icarl.kinks = [](const ParamValues& p) {
    // All logits 0: every column's BCE is log 2 whatever its target; C = s + 1 columns.
    const double c = paramOr(p, "old_classes", 1) + 1;
    return std::vector<KinkPoint>{
        pointOf("new_class", 0, kLog2, -0.5 / c, 0.25 / c, "z = 0, τ = 1 (the new class)"),
        pointOf("old_class", 0, kLog2, -0.3 / c, 0.25 / c, "z = 0, τ = 0.8 (an old output)")};
  };
  icarl.examples = {{{"old_classes", 2}}};
  registry.add<IcarlBce>(distillation(
      "icarl_bce", LL_TR("Engine", "iCaRL distillation BCE"), Framework::Reference,
      TargetKind::SameShape,
      LL_TR("Engine", "mean_c BCE(σ(z), [old outputs | one-hot new classes]) on logits z"),
      {intParam(
          "old_classes", LL_TR("Engine", "s (old classes)"), 1, 1, 1000000,
          LL_TR("Engine", "The first s columns are old classes: their targets are old_outputs"))},
      {{"old_outputs", false, true,
        LL_TR("Engine",
              "(B, s) previous network's sigmoid outputs: the targets of the first s classes")}},
      true, std::move(icarl)));
}

}  // namespace losslab
