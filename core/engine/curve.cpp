// SPDX-License-Identifier: GPL-3.0-or-later
// 1-D pictures of every loss. A curve is a path t(x) through the loss's inputs (usually just
// ŷ = x with a fixed label); the loss is evaluated on one batch with a row per point, and
//   value(x) = Σ_j unreduced(x, j)                    (the per-sample loss of that row),
//   d1(x)    = Σ_j ∂ℓ/∂t_j · t_j′(x)                   (chain rule on the analytic gradient),
//   d2(x)    = Σ_j ∂²ℓ/∂t_j² · t_j′(x)² + Σ_j ∂ℓ/∂t_j · t_j″(x)
// where the last line needs the Hessian along the path: BatchEval::d2 is its diagonal, which is
// the whole Hessian for element-wise losses and enough for any loss when only one coordinate
// moves. Everywhere else d2 is NaN.
#include "core/engine/curve.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#include "core/engine/error.h"

namespace losslab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Probability axes stop short of 0 and 1, where −log p and its derivative are unbounded.
constexpr double kProbabilityFrom = 1e-3;
constexpr double kProbabilityTo = 1 - 1e-3;
// A cosine of exactly ±1 puts the second coordinate of the unit vector (cos θ, sin θ) at 0,
// where dθ/dx is infinite; the path stops this close to ±1 (the value moves by ~1e-12).
constexpr double kCosineLimit = 1 - 1e-12;
// Triplet curves use 1-D embeddings: the anchor at 0, the fixed partner at these distances.
constexpr double kTripletFixedNegative = 2.0;  // d(a, n) while d(a, p) = x varies
constexpr double kTripletFixedPositive = 0.5;  // d(a, p) while d(a, n) = x varies
// Distillation: the teacher's logit for the class it favours (others 0).
constexpr double kTeacherLogit = 2.0;
// iCaRL: the previous network's sigmoid output on the old class the "old_class" curve moves.
constexpr double kIcarlOldOutput = 0.8;
// A curve is a picture: more columns than this (classes, iCaRL's s + 1) is a mistake, and
// 401 points × 1e6 columns would not fit in memory.
constexpr Eigen::Index kMaxColumns = 1000;

/// How the path feeds the loss.
enum class Mode {
  Residual,          // ŷ = x, y = target; one column
  Binary,            // ŷ = x (probability, score or distance), y = the variant's label
  ClassProbability,  // ŷ = (x, (1−x)/(K−1), …), true class 0
  ClassLogit,        // logits 0 except x in column `variant` (0: true class, 1: a wrong one)
  Pair,              // margin_ranking: x₁ = x, x₂ = 0
  Cosine,            // cosine_embedding: x₁ = (x, √(1−x²)), x₂ = (1, 0)
  Triplet,           // 1-D anchor 0, positive/negative at x and a fixed distance
  Distillation,      // student logits (x, 0, …), teacher logits fixed, true class 0
  Icarl,             // logits 0 except x; new class = last column; old outputs fixed
};

struct VariantDef {
  const char* id;
  const char* label;
};

/// Everything about a loss's curve that does not depend on the request. Built without
/// allocating (labels are literals) so that CurveEvaluator::evaluate can rebuild it per call.
struct Plan {
  Mode mode = Mode::Residual;
  CurveKind kind = CurveKind::Residual;
  const char* xLabel = "";
  double from = -3;
  double to = 3;
  double target = 0;
  VariantDef variants[2] = {};
  double labels[2] = {0, 0};  // Binary/Pair/Cosine: y_true of each variant
  int variantCount = 1;
  bool oneHot = false;  // categorical target as one-hot rows (SameShape) instead of an index
};

double paramOr(const ParamValues& params, std::string_view id, double fallback) {
  auto it = params.find(id);
  return it == params.end() ? fallback : it->second;
}

void setVariants(Plan& plan, VariantDef first, VariantDef second, double label0, double label1) {
  plan.variants[0] = first;
  plan.variants[1] = second;
  plan.labels[0] = label0;
  plan.labels[1] = label1;
  plan.variantCount = 2;
}

/// The default range of an axis kind, unless the loss's traits give one.
void setRange(Plan& plan, const CurveTraits& traits, double from, double to) {
  plan.from = std::isnan(traits.from) ? from : traits.from;
  plan.to = std::isnan(traits.to) ? to : traits.to;
}

Plan residualPlan(const CurveTraits& traits) {
  Plan plan;
  plan.mode = Mode::Residual;
  plan.kind = CurveKind::Residual;
  plan.variants[0] = {"residual", "fixed target y"};
  // Losses whose domain excludes y = 0 or ŷ ≤ 0 give y = 1 and a range inside the domain.
  plan.target = traits.target;
  setRange(plan, traits, -3, 3);
  plan.xLabel = plan.target == 0   ? "residual ŷ − y (y = 0)"
                : plan.target == 1 ? "prediction ŷ (y = 1)"
                                   : "prediction ŷ (y fixed)";
  return plan;
}

/// The variants of a two-label picture, with the loss's labels.
void setLabelVariants(Plan& plan,
                      const CurveTraits& traits,
                      VariantDef positive,
                      VariantDef negative) {
  setVariants(plan, positive, negative, traits.positiveLabel, traits.negativeLabel);
}

Plan makePlan(const LossInfo& info, const ParamValues& params) {
  const CurveTraits traits = info.facts.curve(params);
  const bool pm = traits.negativeLabel == -1;
  Plan plan;
  switch (traits.path) {
    case CurvePath::Pair:
      plan.mode = Mode::Pair;
      plan.kind = CurveKind::Margin;
      plan.xLabel = "x₁ − x₂ (x₂ = 0)";
      setRange(plan, traits, -3, 3);
      setLabelVariants(plan, traits, {"positive", "y = +1 (x₁ should rank higher)"},
                       {"negative", "y = −1 (x₂ should rank higher)"});
      return plan;
    case CurvePath::Cosine:
      plan.mode = Mode::Cosine;
      plan.kind = info.curve;
      plan.xLabel = "cosine similarity cos(x₁, x₂)";
      setRange(plan, traits, -1, 1);
      setLabelVariants(plan, traits, {"similar", "y = 1 (similar pair)"},
                       {"dissimilar", "y = −1 (dissimilar pair)"});
      return plan;
    case CurvePath::Triplet:
      // The loss sees three embeddings; its natural 1-D pictures are one distance at a time
      // with the other fixed. 1-D embeddings (anchor 0) make ‖a − p + ε‖_p = |x − ε| for every
      // p, so the curve shows the hinge max(0, m + d(a,p) − d(a,n)) itself, with its kink where
      // the gap equals the margin (at x = 2 − m, resp. x = 0.5 + m); swap=true can make d(p, n)
      // the negative distance, which the curve then shows too.
      plan.mode = Mode::Triplet;
      plan.kind = CurveKind::Distance;
      plan.xLabel = "distance (1-D embeddings, anchor at 0)";
      setRange(plan, traits, 0, 3);
      setVariants(plan, {"positive", "x = d(a, p), d(a, n) = 2"},
                  {"negative", "x = d(a, n), d(a, p) = 0.5"}, 0, 0);
      return plan;
    case CurvePath::Distillation:
      plan.mode = Mode::Distillation;
      plan.kind = CurveKind::Margin;
      plan.xLabel = "student logit of the true class (other logits 0)";
      setRange(plan, traits, -5, 5);
      setVariants(plan, {"teacher_agrees", "teacher favours the true class (logit 2)"},
                  {"teacher_disagrees", "teacher favours another class (logit 2)"}, 0, 0);
      return plan;
    case CurvePath::Icarl:
      plan.mode = Mode::Icarl;
      plan.kind = CurveKind::Margin;
      plan.xLabel = "logit z (other logits 0)";
      setRange(plan, traits, -5, 5);
      setVariants(plan, {"new_class", "x = logit of the new (true) class"},
                  {"old_class", "x = logit of an old class whose old output is 0.8"}, 0, 0);
      return plan;
    case CurvePath::Line:
      break;
  }

  const bool categorical = traits.classRow;
  const bool logits = traits.logits;
  CurveKind kind = info.curve;
  if (logits && (kind == CurveKind::Probability || kind == CurveKind::TrueClassProbability)) {
    kind = CurveKind::Margin;  // from_logits: x is a logit, not a probability
  }
  plan.kind = kind;
  plan.oneHot = info.target != TargetKind::ClassIndex;
  switch (kind) {
    case CurveKind::Residual:
      return residualPlan(traits);
    case CurveKind::Margin:
      setRange(plan, traits, -4, 4);
      if (categorical) {
        plan.mode = Mode::ClassLogit;
        plan.xLabel = logits ? "logit z (other logits 0)" : "score ŷ (other scores 0)";
        setVariants(plan, {"positive", "x = true-class score"},
                    {"negative", "x = a wrong class's score"}, 0, 0);
      } else {
        plan.mode = Mode::Binary;
        plan.xLabel = logits ? "logit z" : "score ŷ";
        setLabelVariants(plan, traits, {"positive", pm ? "y = +1" : "y = 1"},
                         {"negative", pm ? "y = −1" : "y = 0"});
      }
      return plan;
    case CurveKind::Probability:
      setRange(plan, traits, kProbabilityFrom, kProbabilityTo);
      if (categorical) {
        plan.mode = Mode::ClassProbability;
        plan.xLabel = "probability of the true class (the others share the rest evenly)";
        plan.variants[0] = {"true_class", "p(true class), K classes"};
        return plan;
      }
      plan.mode = Mode::Binary;
      plan.xLabel = "predicted probability ŷ";
      setLabelVariants(plan, traits, {"positive", "y = 1"}, {"negative", "y = 0"});
      return plan;
    case CurveKind::TrueClassProbability:
      plan.mode = Mode::ClassProbability;
      setRange(plan, traits, kProbabilityFrom, kProbabilityTo);
      plan.xLabel = "probability of the true class (the others share the rest evenly)";
      plan.variants[0] = {"true_class", "p(true class), K classes"};
      return plan;
    case CurveKind::Distance:
      plan.mode = Mode::Binary;
      setRange(plan, traits, 0, 3);
      plan.xLabel = "distance d";
      setLabelVariants(plan, traits, {"similar", "similar pair"},
                       {"dissimilar", "dissimilar pair"});
      return plan;
  }
  return residualPlan(traits);
}

int findVariant(const Plan& plan, const std::string& variant, const LossInfo& info) {
  if (variant.empty()) {
    return 0;
  }
  for (int v = 0; v < plan.variantCount; ++v) {
    if (variant == plan.variants[v].id) {
      return v;
    }
  }
  std::string accepted;
  for (int v = 0; v < plan.variantCount; ++v) {
    accepted += (v ? ", " : "") + std::string(plan.variants[v].id);
  }
  throw Error::usage("unknown curve variant '" + variant + "' for '" + info.id +
                     "' (accepted: " + accepted + ")");
}

bool needsClasses(Mode mode) {
  return mode == Mode::ClassProbability || mode == Mode::ClassLogit || mode == Mode::Distillation;
}

/// Finds or inserts `name` without building a std::string when it is already there.
Tensor& slot(std::map<std::string, Tensor, std::less<>>& map, const char* name) {
  auto it = map.find(std::string_view(name));
  if (it == map.end()) {
    it = map.emplace(name, Tensor()).first;
  }
  return it->second;
}

/// The tensors a path writes. `moving` names the extra input that x moves (nullptr: y_pred);
/// `used` the extra inputs that are set, nullptr-terminated.
struct PathBuffers {
  Tensor& yTrue;
  Tensor& yPred;
  std::map<std::string, Tensor, std::less<>>& extras;
  Tensor& velocity;
  Tensor& acceleration;
  std::vector<char>& valid;
  const char* moving = nullptr;
  const char* used[4] = {nullptr, nullptr, nullptr, nullptr};
  int usedCount = 0;
  bool hasTarget = true;
  const char* domainProblem = nullptr;  // why a point is invalid (Cosine)

  Tensor& extra(const char* name) {
    for (int k = 0; k < usedCount; ++k) {
      if (std::strcmp(used[k], name) == 0) {
        return slot(extras, name);
      }
    }
    used[usedCount++] = name;
    return slot(extras, name);
  }
};

/// Writes the path's inputs for the points x[0..n) (Eigen resizes are no-ops at equal sizes).
void fillPath(const Plan& plan,
              int variant,
              const LossInfo& info,
              const ParamValues& params,
              const CurveRequest& request,
              const double* x,
              Eigen::Index n,
              PathBuffers& b) {
  const Eigen::Index k = needsClasses(plan.mode) ? request.classes : 1;
  if (needsClasses(plan.mode) && (request.classes < 2 || request.classes > kMaxColumns)) {
    throw Error::usage("a categorical curve needs 2 to " + std::to_string(kMaxColumns) +
                       " classes, got " + std::to_string(request.classes));
  }
  b.valid.assign(static_cast<std::size_t>(n), 1);
  auto xs = [&](Eigen::Index i) { return x[i]; };
  auto setLabels = [&](double label) {
    b.yTrue.resize(n, 1);
    b.yTrue.setConstant(label);
  };
  // Categorical target: class 0, as an index column or one-hot rows.
  auto setTrueClass = [&](Eigen::Index classes) {
    if (plan.oneHot) {
      b.yTrue.resize(n, classes);
      b.yTrue.setZero();
      b.yTrue.col(0).setOnes();
    } else {
      setLabels(0);
    }
  };
  auto unitPath = [&](Eigen::Index cols, Eigen::Index column) {
    b.velocity.resize(n, cols);
    b.velocity.setZero();
    b.velocity.col(column).setOnes();
    b.acceleration.resize(n, cols);
    b.acceleration.setZero();
  };
  auto linePred = [&](Eigen::Index cols, Eigen::Index column) {
    b.yPred.resize(n, cols);
    b.yPred.setZero();
    for (Eigen::Index i = 0; i < n; ++i) {
      b.yPred(i, column) = xs(i);
    }
    unitPath(cols, column);
  };

  switch (plan.mode) {
    case Mode::Residual:
      setLabels(request.target);
      linePred(1, 0);
      break;
    case Mode::Binary:
      setLabels(plan.labels[variant]);
      linePred(1, 0);
      break;
    case Mode::ClassProbability: {
      setTrueClass(k);
      const double share = 1.0 / static_cast<double>(k - 1);
      b.yPred.resize(n, k);
      for (Eigen::Index i = 0; i < n; ++i) {
        b.yPred(i, 0) = xs(i);
        for (Eigen::Index j = 1; j < k; ++j) {
          b.yPred(i, j) = (1 - xs(i)) * share;
        }
      }
      b.velocity.resize(n, k);
      b.velocity.setConstant(-share);
      b.velocity.col(0).setOnes();
      b.acceleration.resize(n, k);
      b.acceleration.setZero();
      break;
    }
    case Mode::ClassLogit:
      setTrueClass(k);
      linePred(k, variant);  // positive: the true class's logit; negative: class 1's
      break;
    case Mode::Pair: {
      setLabels(plan.labels[variant]);
      linePred(1, 0);
      Tensor& input2 = b.extra("input2");
      input2.resize(n, 1);
      input2.setZero();
      break;
    }
    case Mode::Cosine: {
      setLabels(plan.labels[variant]);
      b.yPred.resize(n, 2);
      b.velocity.resize(n, 2);
      b.acceleration.resize(n, 2);
      for (Eigen::Index i = 0; i < n; ++i) {
        // x₁ = (c, s) at angle acos(c) from x₂ = (1, 0): cos(x₁, x₂) = c (up to torch's ε in
        // the norms). s′ = −c/s and s″ = −1/s³ give the chain rule along the path.
        if (!(std::fabs(xs(i)) <= 1)) {
          b.valid[static_cast<std::size_t>(i)] = 0;
          b.domainProblem = "not a cosine (outside [-1, 1])";
        }
        const double c = std::fmax(-kCosineLimit, std::fmin(kCosineLimit, xs(i)));
        const double s = std::sqrt((1 - c) * (1 + c));
        b.yPred(i, 0) = c;
        b.yPred(i, 1) = s;
        b.velocity(i, 0) = 1;
        b.velocity(i, 1) = -c / s;
        b.acceleration(i, 0) = 0;
        b.acceleration(i, 1) = -1 / (s * s * s);
      }
      Tensor& input2 = b.extra("input2");
      input2.resize(n, 2);
      input2.col(0).setOnes();
      input2.col(1).setZero();
      break;
    }
    case Mode::Triplet: {
      b.hasTarget = false;
      b.yPred.resize(n, 1);
      b.yPred.setZero();  // the anchor
      Tensor& positive = b.extra("positive");
      Tensor& negative = b.extra("negative");
      positive.resize(n, 1);
      negative.resize(n, 1);
      Tensor& moving = variant == 0 ? positive : negative;
      (variant == 0 ? negative : positive)
          .setConstant(variant == 0 ? kTripletFixedNegative : kTripletFixedPositive);
      for (Eigen::Index i = 0; i < n; ++i) {
        moving(i, 0) = xs(i);
      }
      b.moving = variant == 0 ? "positive" : "negative";
      unitPath(1, 0);
      break;
    }
    case Mode::Distillation: {
      setLabels(0);
      linePred(k, 0);
      Tensor& teacher = b.extra("teacher_logits");
      teacher.resize(n, k);
      teacher.setZero();
      teacher.col(variant == 0 ? 0 : 1).setConstant(kTeacherLogit);
      break;
    }
    case Mode::Icarl: {
      // C = s + 1 columns: s old classes and one new class, the true one.
      const auto old = static_cast<Eigen::Index>(std::fmax(1.0, paramOr(params, "old_classes", 1)));
      const Eigen::Index cols = old + 1;
      if (cols > kMaxColumns) {
        throw Error::usage("a curve of " + info.id + " draws old_classes + 1 logits: at most " +
                           std::to_string(kMaxColumns) + ", got " + std::to_string(cols));
      }
      b.yTrue.resize(n, cols);
      b.yTrue.setZero();
      b.yTrue.col(old).setOnes();
      linePred(cols, variant == 0 ? old : 0);
      Tensor& oldOutputs = b.extra("old_outputs");
      oldOutputs.resize(n, old);
      oldOutputs.setConstant(0.5);  // σ(0): the old logits at 0 match them
      if (variant == 1) {
        oldOutputs.col(0).setConstant(kIcarlOldOutput);
      }
      break;
    }
  }

  // Required inputs the path does not move: neutral values (1 for positive inputs such as a
  // variance, else 0).
  for (const ExtraInput& extra : info.extras) {
    if (!extra.required) {
      continue;
    }
    bool set = false;
    for (int u = 0; u < b.usedCount; ++u) {
      set = set || extra.name == b.used[u];
    }
    if (set) {
      continue;
    }
    bool positive = false;
    const InputDomain domain = info.facts.inputs(params);  // rare: allocating here is fine
    for (const ExtraDomain& d : domain.extras) {
      positive = positive || (d.name == extra.name && d.values == Values::Positive);
    }
    if (b.usedCount == 4) {
      throw Error::usage("curve: '" + info.id + "' has more required inputs than a curve fills");
    }
    Tensor& t = b.extra(extra.name.c_str());
    t.resize(n, b.yPred.cols());
    const auto held = request.inputValues.find(extra.name);
    t.setConstant(held != request.inputValues.end() ? held->second : positive ? 1.0 : 0.0);
  }
}

}  // namespace

CurveAxis curveAxis(const LossInfo& info, const ParamValues& params) {
  const Plan plan = makePlan(info, params);
  CurveAxis axis;
  axis.kind = plan.kind;
  axis.xLabel = plan.xLabel;
  axis.from = plan.from;
  axis.to = plan.to;
  axis.target = plan.target;
  return axis;
}

std::vector<CurveVariant> curveVariants(const LossInfo& info, const ParamValues& params) {
  const Plan plan = makePlan(info, params);
  std::vector<CurveVariant> variants;
  for (int v = 0; v < plan.variantCount; ++v) {
    variants.push_back({plan.variants[v].id, plan.variants[v].label});
  }
  return variants;
}

LossInputs CurveInputs::view() const {
  LossInputs in;
  in.yTrue = yTrue.size() > 0 ? &yTrue : nullptr;
  in.yPred = &yPred;
  for (const auto& [name, tensor] : extras) {
    in.extras[name] = &tensor;
  }
  return in;
}

CurveInputs curveInputs(const Loss& loss,
                        const CurveRequest& request,
                        const std::vector<double>& x) {
  const Plan plan = makePlan(loss.info(), loss.params());
  const int variant = findVariant(plan, request.variant, loss.info());
  CurveInputs inputs;
  Tensor velocity;
  Tensor acceleration;
  std::vector<char> valid;
  PathBuffers buffers{inputs.yTrue, inputs.yPred, inputs.extras, velocity, acceleration, valid};
  fillPath(plan, variant, loss.info(), loss.params(), request, x.data(),
           static_cast<Eigen::Index>(x.size()), buffers);
  if (!buffers.hasTarget) {
    inputs.yTrue.resize(0, 0);
  }
  return inputs;
}

namespace {

/// value, d1 and d2 of row `row` of an evaluation whose path derivatives are in row `pathRow`.
void pathDerivatives(const BatchEval& eval,
                     Eigen::Index row,
                     const Tensor& velocity,
                     const Tensor& acceleration,
                     Eigen::Index pathRow,
                     const char* moving,
                     bool elementwise,
                     double& value,
                     double& d1,
                     double& d2) {
  value = eval.unreduced.row(row).sum();
  const Tensor* grad = &eval.grad;
  if (moving) {
    auto it = eval.extraGrads.find(std::string_view(moving));
    grad = it == eval.extraGrads.end() ? nullptr : &it->second;
  }
  const Eigen::Index cols = velocity.cols();
  if (!grad || grad->rows() <= row || grad->cols() != cols) {
    d1 = d2 = kNaN;
    return;
  }
  d1 = 0;
  double curvature = 0;  // Σ_j ∂ℓ/∂t_j t_j″
  int movingColumns = 0;
  for (Eigen::Index j = 0; j < cols; ++j) {
    d1 += (*grad)(row, j) * velocity(pathRow, j);
    if (acceleration(pathRow, j) != 0) {
      curvature += (*grad)(row, j) * acceleration(pathRow, j);
    }
    movingColumns += velocity(pathRow, j) != 0 ? 1 : 0;
  }
  const bool haveHessian = !moving && eval.d2.rows() > row && eval.d2.cols() == cols &&
                           (movingColumns == 1 || elementwise);
  if (!haveHessian) {
    d2 = kNaN;
    return;
  }
  d2 = curvature;
  for (Eigen::Index j = 0; j < cols; ++j) {
    const double v = velocity(pathRow, j);
    if (v != 0) {
      d2 += eval.d2(row, j) * v * v;
    }
  }
}

}  // namespace

void CurveEvaluator::recordProblem(Eigen::Index k, const char* what) {
  if (m_data.invalidPoints++ == 0) {
    std::ostringstream out;
    out.precision(17);
    out << "x = " << m_data.x[static_cast<std::size_t>(k)] << ": " << what;
    m_data.problem = out.str();
  }
}

const CurveData& CurveEvaluator::evaluate(const Loss& loss, const CurveRequest& request) {
  const LossInfo& info = loss.info();
  if (request.points < 2) {
    throw Error::usage("a curve needs at least 2 points, got " + std::to_string(request.points));
  }
  if (!std::isfinite(request.from) || !std::isfinite(request.to)) {
    throw Error::usage("the curve's range must be finite");
  }
  if (!std::isfinite(request.target)) {
    throw Error::usage("the curve's target must be finite");
  }
  const Plan plan = makePlan(info, loss.params());
  const int variant = findVariant(plan, request.variant, info);
  if (request.first < 0 || request.count < 0 || request.first >= request.points ||
      static_cast<long long>(request.first) + request.count > request.points) {
    throw Error::usage("a piece of a curve must lie within its points");
  }
  const Eigen::Index points = request.points;
  const Eigen::Index first = request.first;
  const Eigen::Index n = request.count > 0 ? request.count : points - first;
  const auto count = static_cast<std::size_t>(n);

  m_data.x.resize(count);
  m_data.value.resize(count);
  m_data.d1.resize(count);
  m_data.d2.resize(count);
  m_data.invalidPoints = 0;
  m_data.problem.clear();
  const double step = (request.to - request.from) / static_cast<double>(points - 1);
  for (Eigen::Index k = 0; k < n; ++k) {
    const Eigen::Index point = first + k;
    m_data.x[static_cast<std::size_t>(k)] =
        point == points - 1 ? request.to : request.from + step * static_cast<double>(point);
  }

  PathBuffers buffers{m_yTrue, m_yPred, m_extras, m_velocity, m_acceleration, m_valid};
  fillPath(plan, variant, info, loss.params(), request, m_data.x.data(), n, buffers);

  // Point the inputs at the buffers; drop extras of an earlier loss (erasing never allocates,
  // and operator[] on an existing key does not either).
  m_inputs.yPred = &m_yPred;
  m_inputs.yTrue = buffers.hasTarget ? &m_yTrue : nullptr;
  for (auto it = m_inputs.extras.begin(); it != m_inputs.extras.end();) {
    bool keep = false;
    for (int u = 0; u < buffers.usedCount; ++u) {
      keep = keep || it->first == buffers.used[u];
    }
    it = keep ? std::next(it) : m_inputs.extras.erase(it);
  }
  for (int u = 0; u < buffers.usedCount; ++u) {
    auto it = m_inputs.extras.find(std::string_view(buffers.used[u]));
    if (it == m_inputs.extras.end()) {
      m_inputs.extras.emplace(buffers.used[u], &slot(m_extras, buffers.used[u]));
    } else {
      it->second = &slot(m_extras, buffers.used[u]);
    }
  }
  m_moving = buffers.moving;

  bool batched = true;
  try {
    loss.evaluate(m_inputs, m_eval);
    // A scalar loss (rmse_batch, dice/tversky over all axes) mixes the points: each point
    // must then be its own batch of one.
    batched = !m_eval.scalar && m_eval.unreduced.rows() == n;
  } catch (const Error& error) {
    if (error.kind() != Error::Kind::Data) {
      throw;
    }
    batched = false;  // some point is outside the loss's domain: find which, one by one
  }
  if (!batched) {
    evaluatePointByPoint(loss, n);
  } else {
    for (Eigen::Index k = 0; k < n; ++k) {
      const auto s = static_cast<std::size_t>(k);
      pathDerivatives(m_eval, k, m_velocity, m_acceleration, k, m_moving, info.elementwise,
                      m_data.value[s], m_data.d1[s], m_data.d2[s]);
    }
  }
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto s = static_cast<std::size_t>(k);
    if (!m_valid[s]) {
      m_data.value[s] = m_data.d1[s] = m_data.d2[s] = kNaN;
      recordProblem(k, buffers.domainProblem ? buffers.domainProblem : "outside the path");
    }
  }
  return m_data;
}

void CurveEvaluator::evaluatePointByPoint(const Loss& loss, Eigen::Index n) {
  m_rowInputs.yPred = &m_rowPred;
  m_rowInputs.yTrue = m_inputs.yTrue ? &m_rowTrue : nullptr;
  for (auto it = m_rowInputs.extras.begin(); it != m_rowInputs.extras.end();) {
    it = m_inputs.extras.count(it->first) ? std::next(it) : m_rowInputs.extras.erase(it);
  }
  for (const auto& [name, tensor] : m_inputs.extras) {
    auto rowIt = m_rowExtras.find(name);
    if (rowIt == m_rowExtras.end()) {
      rowIt = m_rowExtras.emplace(name, Tensor()).first;
    }
    auto inIt = m_rowInputs.extras.find(name);
    if (inIt == m_rowInputs.extras.end()) {
      m_rowInputs.extras.emplace(name, &rowIt->second);
    } else {
      inIt->second = &rowIt->second;
    }
  }
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto s = static_cast<std::size_t>(k);
    if (!m_valid[s]) {
      continue;  // marked NaN by the caller
    }
    m_rowPred = m_yPred.row(k);
    if (m_inputs.yTrue) {
      m_rowTrue = m_yTrue.row(k);
    }
    for (const auto& [name, tensor] : m_inputs.extras) {
      m_rowExtras.find(name)->second = tensor->row(k);
    }
    try {
      loss.evaluate(m_rowInputs, m_rowEval);
    } catch (const Error& error) {
      if (error.kind() != Error::Kind::Data) {
        throw;
      }
      m_data.value[s] = m_data.d1[s] = m_data.d2[s] = kNaN;
      recordProblem(k, error.what());
      continue;
    }
    pathDerivatives(m_rowEval, 0, m_velocity, m_acceleration, k, m_moving, loss.info().elementwise,
                    m_data.value[s], m_data.d1[s], m_data.d2[s]);
  }
}

CurveData computeCurve(const Loss& loss, const CurveRequest& request) {
  CurveEvaluator evaluator;
  return evaluator.evaluate(loss, request);
}

}  // namespace losslab
