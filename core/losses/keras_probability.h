// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers the Keras probability losses share (probabilistic_keras.cpp, categorical_keras.cpp):
// label checks, TF's probability clip, parameters, facts and the LossInfo builder.
#pragma once

#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "core/engine/error.h"
#include "core/engine/loss.h"
#include "core/losses/loss_file.h"

namespace losslab::keras_probability {

/// A number for an error message (12 significant digits).
inline std::string number(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

/// The class index of a label: an integer in [0, K). Throws Error::data naming the 1-based row.
inline Eigen::Index classIndex(double label,
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
inline Clipped clipProbability(double p, double eps) {
  // Selects (no branches): the element-wise kernels that use it stay vectorisable.
  const double low = p < eps ? eps : p;
  return {p > 1 - eps ? 1 - eps : low, !(p < eps) && !(p > 1 - eps)};
}

inline constexpr double kInfinity = std::numeric_limits<double>::infinity();

inline LossInfo keras(std::string id,
                      std::string name,
                      TargetKind target,
                      CurveKind curve,
                      std::string summary,
                      std::vector<ParamSpec> params,
                      bool elementwise,
                      LossFacts facts) {
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
  info.facts = std::move(facts);
  return info;
}

inline ParamSpec fromLogitsParam() {
  return boolParam(
      "from_logits", LL_TR("Engine", "from logits"), false,
      LL_TR("Engine", "y_pred holds logits: the exact sigmoid/softmax formula, no ε clipping"));
}

inline ParamSpec smoothingParam(const char* help) {
  return realParam("label_smoothing", LL_TR("Engine", "λ (label smoothing)"), 0, 0, 1, help);
}

inline ParamSpec unboundedParam(std::string id, std::string label, double def, std::string help) {
  ParamSpec spec = realParam(std::move(id), std::move(label), def, 0, kInfinity, std::move(help));
  spec.maxOpen = true;
  spec.sliderMin = 0;
  spec.sliderMax = def > 1 ? 5 : 1;
  return spec;
}

inline ParamSpec gammaParam() {
  return unboundedParam(
      "gamma", LL_TR("Engine", "γ (focusing)"), 2.0,
      LL_TR("Engine", "Down-weights easy examples by (1 − p_t)^γ; γ = 0 is plain cross-entropy"));
}

inline bool fromLogits(const ParamValues& p) {
  return paramOr(p, "from_logits", 0) != 0;
}

// ---- facts -----------------------------------------------------------------------------------

inline const char* const kRowWise =
    "it reduces each row with a sum or norm, while formula aggregates run over the whole batch";
inline const char* const kTfNote =
    "on the TensorFlow backend Keras routes softmax/sigmoid outputs to the logits formula (spec "
    "§1.5); LossLab follows the backend-agnostic probability formula";
inline const CallArg kFromLogits{"from_logits", "from_logits", ArgKind::Bool};
inline const CallArg kSmoothing{"label_smoothing", "label_smoothing", ArgKind::Real};
inline const CallArg kAlpha{"alpha", "alpha", ArgKind::Real};
inline const CallArg kGamma{"gamma", "gamma", ArgKind::Real};

/// Class-row losses: ŷ a row of probabilities (or logits) against `target` rows.
inline auto classRowDomain(Values target) {
  return [target](const ParamValues& p) {
    return InputDomain{.prediction = fromLogits(p) ? Values::Real : Values::ProbabilityRow,
                       .target = target,
                       .minColumns = 2};
  };
}

inline CurveTraits logitsIfFromLogits(const ParamValues& p, bool classRow) {
  return CurveTraits{.logits = fromLogits(p), .classRow = classRow};
}

}  // namespace losslab::keras_probability
