// SPDX-License-Identifier: GPL-3.0-or-later
// What a loss is, without instantiating it: its metadata and its facts (PyTorch's OpInfo idea).
// The facts sit beside the loss's kernel (core/losses/*.cpp fill them at registration); the
// exporter, the curves and the registry-driven tests read them, so no code elsewhere needs to
// know a loss by its id.
#pragma once

#include <concepts>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/param_spec.h"

namespace losslab {

enum class Family { Regression, Probabilistic, Margin, MetricLearning, Robust, Distillation };

/// Whose semantics a loss follows: reductions, epsilons and subgradients at kinks differ.
enum class Framework { Keras, PyTorch, Ceres, Barron, Reference };

/// What `y_true` holds for a loss.
enum class TargetKind {
  SameShape,   // y_true has y_pred's shape (regression, probabilities, one-hot)
  ClassIndex,  // one integer label per sample (sparse CE, generalized CE, torch CE)
  None,        // no target (triplet margin: y_pred is the anchor)
};

/// The natural 1-D picture of a loss (what the explorer puts on the x axis).
enum class CurveKind {
  Residual,              // x = ŷ − y for regression losses
  Margin,                // x = score/logit for a positive label (y = +1 / 1)
  Probability,           // x = predicted probability of the positive class
  TrueClassProbability,  // x = probability given to the true class (categorical)
  Distance,              // x = pair distance (contrastive, hinge embedding)
};

/// The reductions of Keras 3 (§1.2) and PyTorch (§1.6).
enum class Reduction { SumOverBatchSize, Mean, Sum, None, MeanWithSampleWeight, BatchMean };

/// An extra tensor a loss reads besides y_true and y_pred, named as PyTorch names it.
struct ExtraInput {
  std::string name;     // "input2", "positive", "negative", "var", "weight", "pos_weight", …
  bool differentiable;  // true: the engine returns its gradient in BatchEval::extraGrads
  bool required;        // false: the loss works without it (class weights)
  std::string help;     // shape and meaning
};

/// A fact that may depend on the parameter values: a constant, or a rule of the parameters.
template <class T>
class ByParams {
 public:
  ByParams() = default;
  ByParams(T value) : m_value(std::move(value)) {}  // NOLINT: a constant converts implicitly
  template <class F>
  requires std::is_invocable_r_v<T, F, const ParamValues&> ByParams(F rule)
      : m_rule(std::move(rule)) {}  // NOLINT: so does a rule

  T operator()(const ParamValues& params) const { return m_rule ? m_rule(params) : m_value; }

 private:
  T m_value{};
  std::function<T(const ParamValues&)> m_rule;
};

// ---- the formula-language equivalent -------------------------------------------------------

/// The loss in the formula language (core/formula) at given parameter values. The parameters
/// in `params` are declared with their values in front of `expression`; the rest of the
/// loss's parameters are folded into the text. Evaluating it as a formula loss gives the
/// built-in's values and gradients (to rounding) under the built-in's default reduction.
struct FormulaText {
  std::vector<std::string> params;
  std::string expression;
  std::string note;  // where the equivalence is limited (e.g. "one column"), or empty
  int columns = 0;   // the equivalence holds only for this many columns (0: any)
  /// A function of each row's squared norm (Ceres, spec §1.7): the expression reads r only as
  /// square(r), and the loss of a row is the expression with square(r) replaced by
  /// s = Σ_j r_j² (one value per row). The formula language has no row sums, so as a formula
  /// it holds for one column (`columns` = 1); the exporter writes the row-wise form.
  bool rowSquaredNorm = false;
};

// ---- the framework's own function ----------------------------------------------------------

/// How a Python argument is written from a LossLab parameter value.
enum class ArgKind {
  Real,
  Bool,
  Int,
  IntOrNone,  // −1 means None (Keras ignore_class)
  Axis,       // LossLab's choice {all, per_sample} → Keras axis None / −1
};

/// A keyword argument of a framework call and the LossLab parameter it carries.
struct CallArg {
  std::string keyword;  // Python keyword
  std::string param;    // LossLab parameter id
  ArgKind kind = ArgKind::Real;
};

/// A positional tensor of a framework call: its Python name and the LossLab tensor it is
/// ("y_true", "y_pred" or an extra input's name).
struct CallInput {
  std::string name;
  std::string tensor;
};

/// A Keras or PyTorch function with exactly this loss's semantics, and the argument map.
struct FrameworkCall {
  Framework framework = Framework::Keras;  // Keras or PyTorch
  std::string function;                    // "keras.losses.binary_crossentropy", "F.cross_entropy"
  std::string klass;                       // the class with the same semantics, for the header
  std::vector<CallInput> inputs;           // positional tensors in the call's order
  std::vector<CallArg> args;
  std::vector<std::string> optionalTensors;  // optional extra inputs, keywords defaulting to None
  std::string prelude;                       // Python lines before the call, or empty
  std::string note;                          // a caveat for the header, or empty
};

// ---- how the loss is drawn ------------------------------------------------------------------

/// How a curve feeds the loss (core/engine/curve.cpp builds the tensors).
enum class CurvePath {
  Line,          // ŷ = x (one column, or a class row for class-row losses), labels fixed
  Pair,          // margin_ranking: x₁ = x, x₂ = 0
  Cosine,        // x₁ = (x, √(1 − x²)) against x₂ = (1, 0): cos(x₁, x₂) = x
  Triplet,       // 1-D embeddings, anchor 0, one distance moving and the other fixed
  Distillation,  // student logits (x, 0, …) against fixed teacher logits
  Icarl,         // logits 0 except x; the old network's outputs fixed
};

/// The traits of a loss's 1-D picture.
struct CurveTraits {
  CurvePath path = CurvePath::Line;
  bool logits = false;       // ŷ is a logit (x on a margin axis), whatever LossInfo::curve says
  bool classRow = false;     // ŷ is a row over K classes (the true class is class 0)
  double positiveLabel = 1;  // y of the first binary variant ("y = 1", "similar")
  double negativeLabel = 0;  // y of the second (−1 for losses with ±1 labels)
  double target = 0;         // residual axes: the default fixed y_true
  double from = std::numeric_limits<double>::quiet_NaN();  // default range; NaN: the axis kind's
  double to = std::numeric_limits<double>::quiet_NaN();
};

// ---- valid inputs ---------------------------------------------------------------------------

/// The values an input tensor takes (random test data, benchmarks).
enum class Values {
  Real,            // any real: residual losses, scores, logits
  Positive,        // > 0: rates, means, variances
  NonNegative,     // ≥ 0: counts, distances
  Probability,     // in (0, 1)
  ProbabilityRow,  // rows in (0, 1) that sum to 1
  LogProbability,  // log of a ProbabilityRow
  Binary,          // {0, 1}
  PlusMinusOne,    // {−1, +1}
  ClassIndex,      // one integer label in [0, K) per sample (K = y_pred's columns)
  OneHot,          // one-hot rows of y_pred's width
};

/// An extra input the test data fills, with its values and shape.
struct ExtraDomain {
  std::string name;
  Values values = Values::Real;
  bool oneRow = false;    // (1, D) instead of (B, D): per-class weights
  int columns = 0;        // 0: y_pred's columns
  bool optional = false;  // an optional input (class weights): filled by the gradient tests only
};

/// Valid inputs of a loss for given parameters.
struct InputDomain {
  Values prediction = Values::Real;
  Values target = Values::Real;
  int columns = 0;     // the loss needs exactly this many columns (0: any)
  int minColumns = 1;  // at least this many (class rows need 2)
  std::vector<ExtraDomain> extras = {};
};

// ---- exact points ---------------------------------------------------------------------------

/// An exact point of the loss's curve (curve.h) where a derivative jumps or the convention
/// decides, with what the framework's convention gives there. The registry-driven tests
/// evaluate the loss exactly at x and compare, and check central differences at probes on both
/// sides of x (never at it).
struct KinkPoint {
  std::string variant;  // curve variant id; empty: the first
  double x = 0;         // position on the curve's x axis (residual curves: ŷ, y = the default)
  double value = 0;     // the loss there, and d/dx and d²/dx² along the curve;
  double d1 = 0;        // NaN d2: the curve has no second derivative there (not element-wise)
  double d2 = 0;
  std::string why;  // the convention it pins
  /// False where LossLab deliberately departs from what autodiff of the formula gives (rmse's
  /// gradient 0 at r = 0, where autodiff has 0/0): formula and export checks skip the point.
  bool autodiffAgrees = true;
};

// ---- regime thresholds ----------------------------------------------------------------------

/// How the loss grows on one side of a threshold (the explorer names and shades the zones).
enum class Regime { Quadratic, Linear, Zero };

/// A place on the curve's x axis where the loss changes regime: Huber's ±δ (quadratic inside,
/// linear beyond), a hinge's margin (linear before it, zero past it). The explorer marks it and
/// shades the zones on either side, following the parameter as it moves.
struct Threshold {
  std::string variant = {};  // the curve variant it belongs to; empty: every variant
  std::string param = {};    // the parameter that sets it ("delta"), or empty for a fixed one
  double at = 0;             // its position (residual axes: r, so ŷ = y + at)
  bool symmetric = false;    // also at −at (a residual loss's |r| = δ)
  Regime inner = Regime::Quadratic;  // the side towards x = 0 (|x| < at when symmetric)
  Regime outer = Regime::Linear;     // the far side
};

// ---- everything together --------------------------------------------------------------------

/// A loss's facts, filled where the loss is registered.
struct LossFacts {
  /// The exact formula-language equivalent, or nothing (then `exportLimit` says why).
  ByParams<std::optional<FormulaText>> formula;
  /// The Keras / PyTorch functions with the same semantics (at most one per framework).
  std::vector<FrameworkCall> calls;
  /// The true reason there is no faithful export where neither a formula nor a call applies.
  std::string exportLimit;
  ByParams<CurveTraits> curve;
  ByParams<InputDomain> inputs;
  ByParams<std::vector<KinkPoint>> kinks;
  /// Where the loss changes regime at these parameters (none: no marker).
  ByParams<std::vector<Threshold>> thresholds;
  /// Reductions accepted beyond the framework's own (kl_div's batchmean).
  std::vector<Reduction> extraReductions;
  /// A TargetKind::ClassIndex loss that also takes class probabilities: y_true of y_pred's
  /// shape (B×K, K ≥ 2) instead of the B×1 labels (torch cross_entropy, PyTorch ≥ 1.10).
  bool probabilityTargets = false;
  /// Parameter sets the registry-driven tests run besides the defaults: each branch of every
  /// choice and boolean, and values away from the defaults.
  std::vector<ParamValues> examples;
};

/// Everything a front end needs to know about a loss without instantiating it.
struct LossInfo {
  std::string id = {};    // catalogue id (spec Appendix A)
  std::string name = {};  // display name
  Family family = Family::Regression;
  Framework framework = Framework::Keras;
  TargetKind target = TargetKind::SameShape;
  CurveKind curve = CurveKind::Residual;
  std::string summary = {};  // one line: formula in words
  std::vector<ParamSpec> params = {};
  std::vector<ExtraInput> extras = {};
  bool elementwise = false;  // ℓ is a sum/mean of independent per-element terms: d2 is defined
  LossFacts facts = {};
};

/// The framework call of `info` for `framework`, or nullptr.
const FrameworkCall* frameworkCall(const LossInfo& info, Framework framework);

}  // namespace losslab
