// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/loss.h"

namespace losslab::cli {

/// One option a command accepts: "--name" with or without a value.
struct OptionSpec {
  const char* name;  // "--loss"
  bool takesValue;   // "--loss ID" / "--loss=ID"; false: a flag such as "--json"
  bool repeatable;   // "--param" may be given several times
};

/// A command's parsed options. Unknown options, missing values, positional words and repeated
/// non-repeatable options are usage errors (Error::usage) naming the command.
class Arguments {
 public:
  Arguments(const std::string& command,
            const std::vector<std::string>& words,
            std::initializer_list<OptionSpec> specs);

  const std::string& command() const { return m_command; }
  bool help() const { return m_help; }
  /// True if the command takes option `name` at all (given or not).
  bool accepts(const std::string& name) const;
  bool has(const std::string& name) const { return m_values.count(name) > 0; }
  /// The value of a single-valued option, if given.
  std::optional<std::string> value(const std::string& name) const;
  /// The value of a required option; usage error if missing.
  std::string required(const std::string& name) const;
  /// Every value of a repeatable option, in order.
  std::vector<std::string> values(const std::string& name) const;

  /// Strict numeric option values (usage errors name the option).
  std::optional<double> number(const std::string& name) const;
  std::optional<long long> count(const std::string& name, long long min, long long max) const;

 private:
  std::string m_command;
  std::vector<std::string> m_accepted;
  std::map<std::string, std::vector<std::string>> m_values;
  bool m_help = false;
};

/// Creates the loss of --loss ID, or the formula loss of --expr FORMULA (for commands that
/// accept it), with every --param NAME=VALUE (parsed by its ParamSpec: booleans true/false,
/// choices by label). Unknown ids and parameters, bad values and values out of range are usage
/// errors; a formula that does not parse throws formula::FormulaError (a usage error whose
/// message ends with the source line and a caret under the offending character).
LossPtr makeLoss(const Arguments& args);

/// The --param NAME=VALUE assignments parsed against `specs`; `owner` names the loss in messages.
ParamValues parseParams(const std::vector<ParamSpec>& specs,
                        const std::vector<std::string>& assignments,
                        const std::string& owner);

/// "huber" or "huber (delta=1.5)": the id with the parameters as the CLI takes them.
std::string describe(const Loss& loss);

/// Splits "NAME=VALUE" at the first '='; usage error naming `option` otherwise.
std::pair<std::string, std::string> splitAssignment(const std::string& text,
                                                    const std::string& option);

/// Writes `text` to `path` atomically: a temporary file in the same directory, then rename.
void writeFileAtomically(const std::string& path, const std::string& text);

/// Usage error now (before any long work) if `path` cannot become a file: a directory, or a
/// parent directory that does not exist. `option` names the option in the message.
void checkOutputPath(const std::string& path, const std::string& option);

/// A CSV field: quoted ("" for a quote) when it holds a comma, quote, or line break.
std::string csvField(const std::string& text);

/// A number for CSV output: 17 significant digits, "nan" for every NaN, "inf"/"-inf".
std::string csvNumber(double value);

void warn(const std::string& message);

// The commands; each returns the exit status.
int runList(const std::vector<std::string>& words);
int runEval(const std::vector<std::string>& words);
int runCurve(const std::vector<std::string>& words);
int runBench(const std::vector<std::string>& words);
int runTrain(const std::vector<std::string>& words);
int runDerive(const std::vector<std::string>& words);
int runExport(const std::vector<std::string>& words);

}  // namespace losslab::cli
