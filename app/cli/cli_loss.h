// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The options that choose a loss, shared by eval, curve, bench, train and export:
// (--loss ID | --expr FORMULA) [--param NAME=VALUE]...

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/loss.h"

namespace losslab::cli {

struct LossOptions {
  std::optional<std::string> id;       // --loss ID
  std::optional<std::string> formula;  // --expr FORMULA
  std::vector<std::string> params;     // --param NAME=VALUE, in order
};

/// What the three options say in this command's help.
struct LossOptionHelp {
  std::string loss = "the loss ('losslab-cli list' shows every id)";
  std::string expr = "a formula loss instead ('losslab-cli derive --help')";
  std::string param = "a loss or formula parameter (repeatable)";
};

/// Declares --loss and --expr (alternatives) and --param on `app`.
void addLossOptions(CLI::App& app, LossOptions& options, const LossOptionHelp& help = {});

/// Creates the loss of --loss ID, or the formula loss of --expr FORMULA, with every --param
/// NAME=VALUE (parsed by its ParamSpec: booleans true/false, choices by label). Unknown ids and
/// parameters, bad values and values out of range are usage errors; a formula that does not
/// parse throws formula::FormulaError (a usage error whose message ends with the source line
/// and a caret under the offending character). `command` names the command in messages.
/// `inputNames`: the extra tensors a formula may read as variables (--input NAME=FILE).
LossPtr makeLoss(const LossOptions& options,
                 const std::string& command,
                 const std::vector<std::string>& inputNames = {});

/// The NAME of each --input NAME=FILE (or NAME alone, for derive and export).
std::vector<std::string> inputNamesOf(const std::vector<std::string>& assignments);

/// The --param NAME=VALUE assignments parsed against `specs`; `owner` names the loss in messages.
ParamValues parseParams(const std::vector<ParamSpec>& specs,
                        const std::vector<std::string>& assignments,
                        const std::string& owner);

/// "huber" or "huber (delta=1.5)": the id with the parameters as the CLI takes them.
std::string describe(const Loss& loss);

/// Splits "NAME=VALUE" at the first '='; usage error naming `option` otherwise.
std::pair<std::string, std::string> splitAssignment(const std::string& text,
                                                    const std::string& option);

}  // namespace losslab::cli
