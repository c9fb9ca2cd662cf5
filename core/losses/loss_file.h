// SPDX-License-Identifier: GPL-3.0-or-later
// The one header a loss file includes: the engine API a kernel needs, the registry, small
// builders for a loss's facts, and the macro that names the file's registration function.
//
// A loss file defines its kernels, then
//   LOSSLAB_LOSS_FILE(<file name>) { registry.add<…>(info); … }
// and is listed (by name, in catalogue order) in core/losses/CMakeLists.txt; the build
// generates the calls (catalogue.cpp), so nothing else has to know the file.
#pragma once

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/elementwise_loss.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/engine/math_util.h"
#include "core/engine/translatable.h"

/// Opens the registration function of core/losses/<name>.cpp; `registry` is its argument.
#define LOSSLAB_LOSS_FILE(name) void registerLossFile_##name(::losslab::LossRegistry& registry)

namespace losslab {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// A number inside a formula: exact (the shortest text that reads back as `v`), negatives in
/// parentheses.
inline std::string formulaNumber(double v) {
  char buffer[32];
  const char* end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  const std::string text(static_cast<const char*>(buffer), end);
  return v < 0 ? "(" + text + ")" : text;
}

/// A formula equivalent that holds for every parameter value (`params` are declared with
/// their values, the expression reads them by name).
inline ByParams<std::optional<FormulaText>> formula(std::vector<std::string> params,
                                                    std::string expression,
                                                    std::string note = {}) {
  return std::optional<FormulaText>(
      FormulaText{std::move(params), std::move(expression), std::move(note)});
}

/// An exact point of the first curve variant.
inline KinkPoint point(double x, double value, double d1, double d2, std::string why) {
  return KinkPoint{{}, x, value, d1, d2, std::move(why)};
}

/// An exact point of the curve variant `variant`.
inline KinkPoint pointOf(
    std::string variant, double x, double value, double d1, double d2, std::string why) {
  return KinkPoint{std::move(variant), x, value, d1, d2, std::move(why)};
}

/// Reads a parameter with a fallback (facts rules see completed parameters, but a rule must
/// not crash on a partial set either).
inline double paramOr(const ParamValues& params, std::string_view id, double fallback) {
  const auto it = params.find(id);
  return it == params.end() ? fallback : it->second;
}

/// A residual loss's regime change at |r| = the value of `param` (Huber's δ): `inner` for
/// |r| below it, `outer` beyond.
inline ByParams<std::vector<Threshold>> symmetricThreshold(std::string param,
                                                           double fallback,
                                                           Regime inner,
                                                           Regime outer) {
  return [param = std::move(param), fallback, inner, outer](const ParamValues& p) {
    return std::vector<Threshold>{{.param = param,
                                   .at = paramOr(p, param, fallback),
                                   .symmetric = true,
                                   .inner = inner,
                                   .outer = outer}};
  };
}

/// A Keras-style function call `keras.losses.<function>(y_true, y_pred, <args>)`.
inline FrameworkCall kerasCall(std::string function,
                               std::string klass,
                               std::vector<CallArg> args = {},
                               std::string note = {}) {
  FrameworkCall call;
  call.framework = Framework::Keras;
  call.function = "keras.losses." + std::move(function);
  call.klass = "keras.losses." + std::move(klass);
  call.inputs = {{"y_true", "y_true"}, {"y_pred", "y_pred"}};
  call.args = std::move(args);
  call.note = std::move(note);
  return call;
}

/// A PyTorch functional call `F.<function>(input, target, <args>)` unless `inputs` say otherwise.
inline FrameworkCall torchCall(std::string function,
                               std::string klass,
                               std::vector<CallArg> args = {},
                               std::vector<std::string> optionalTensors = {}) {
  FrameworkCall call;
  call.framework = Framework::PyTorch;
  call.function = "F." + std::move(function);
  call.klass = "nn." + std::move(klass);
  call.inputs = {{"input", "y_pred"}, {"target", "y_true"}};
  call.args = std::move(args);
  call.optionalTensors = std::move(optionalTensors);
  return call;
}

}  // namespace losslab
