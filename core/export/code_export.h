// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

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
/// Throws Error::usage naming the loss and the reason when there is no faithful export, or
/// naming the option when `options` has a reduction the target does not know or an empty name.
/// Choices of an export beyond the loss itself (`losslab-cli export --name --reduction`).
struct ExportOptions {
  /// The base of the Python names: "my huber" gives my_huber_loss / MyHuberLoss /
  /// make_my_huber_loss and the Keras loss name "my huber". Empty: the loss's id (a formula
  /// loss: its name).
  std::string name;
  /// The default reduction of the exported class and function (one of exportReductions);
  /// empty: the framework's default (Keras "sum_over_batch_size", PyTorch "mean").
  std::string reduction;
};

/// The reductions the exported code of `target` accepts, the default first.
std::vector<std::string> exportReductions(CodeTarget target);

std::string exportCode(const Loss& loss, CodeTarget target, const ExportOptions& options = {});

/// How exportCode writes a loss for a target.
struct ExportRoute {
  enum class Kind { Formula, FrameworkCall, None };
  Kind kind = Kind::None;
  /// The positional tensors of the exported functional form / forward(), in order: their
  /// Python names and the LossLab tensors they are ("y_true", "y_pred" or an extra input).
  std::vector<CallInput> inputs;
  std::vector<std::string> optionalTensors;  // keyword tensors defaulting to None
  std::string reason;                        // Kind::None: why there is no export
};

/// The route exportCode takes for `loss` and `target` (exportCode throws where it is None).
ExportRoute exportRoute(const Loss& loss, CodeTarget target);

/// A built-in loss written in the formula language with its current parameter values as the
/// declared defaults: evaluating FormulaLoss::create(source) gives the built-in's values and
/// gradients (to rounding) under its default reduction.
struct FormulaEquivalent {
  std::string source;  // declarations, then the expression
  std::string note;    // where the equivalence is limited (e.g. "one column"), or empty
  int columns = 0;     // it holds only for this many columns (0: any)
  /// square(r) stands for each row's squared norm (FormulaText::rowSquaredNorm): the export
  /// is row-wise and holds for any number of columns.
  bool rowSquaredNorm = false;
  /// The extra inputs the formula reads as variables (its loss's extra tensors by name).
  std::vector<std::string> inputs;
};

/// Why a built-in loss that reads extra inputs has no Keras export (a formula loss has one: its
/// inputs travel in y_true).
std::string kerasInputsReason(const std::vector<std::string>& inputs);

/// The formula equivalent of a built-in loss (LossFacts::formula at its parameter values), or
/// nothing if its semantics cannot be written exactly (then LossFacts::exportLimit says why).
/// Formula losses return their own source.
std::optional<FormulaEquivalent> formulaEquivalent(const Loss& loss);

}  // namespace losslab
