// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

#include "core/engine/loss.h"

namespace losslab {

/// The frameworks a loss can be exported to (issue 6, "Export as code").
enum class CodeTarget { Keras, PyTorch };

/// "Keras" or "PyTorch".
std::string codeTargetName(CodeTarget target);

/// Python source that computes `loss` with its current parameter values in `target`:
///  * Keras 3: a `keras.losses.Loss` subclass (name, reduction="sum_over_batch_size",
///    get_config with the parameters) and a closure `make_<name>(params)` returning a plain
///    loss function (seed 002's wrapper pattern). Only `keras.ops` is used.
///  * PyTorch: a functional form `<name>(input, target, params, reduction="mean")` and an
///    `nn.Module` whose constructor defaults are the exported values; forward(input, target)
///    follows PyTorch's argument order.
/// Formula losses are printed from their expression tree, with the kink conventions LossLab
/// differentiates with (TensorFlow's, spec §1.4): values and gradients equal the engine's.
/// Built-in losses are exported through their formula equivalent when one exists (see
/// formulaEquivalent), else as a call of the framework's own function with identical semantics.
/// Throws Error::usage naming the loss and the reason when there is no faithful export.
std::string exportCode(const Loss& loss, CodeTarget target);

/// A built-in loss written in the formula language with its current parameter values as the
/// declared defaults: evaluating FormulaLoss::create(source) gives the built-in's values and
/// gradients (to rounding) under its default reduction.
struct FormulaEquivalent {
  std::string source;  // declarations, then the expression
  std::string note;    // where the equivalence is limited (e.g. "one column"), or empty
};

/// The formula equivalent of a built-in loss, or nothing if its semantics cannot be written
/// exactly (row-wise sums, label conversions, extra inputs, …). Formula losses return their own
/// source.
std::optional<FormulaEquivalent> formulaEquivalent(const Loss& loss);

}  // namespace losslab
