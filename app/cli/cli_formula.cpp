// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli derive / export: the formula language's symbolic derivatives, and any loss (built-in
// or formula) as Keras 3 or PyTorch code.
#include <cmath>
#include <iostream>
#include <limits>

#include "app/cli/cli_common.h"
#include "app/cli/cli_json.h"
#include "core/engine/error.h"
#include "core/export/code_export.h"
#include "core/formula/formula_parser.h"

namespace losslab::cli {

namespace {

constexpr const char* kDeriveHelp =
    R"(Usage: losslab-cli derive [--json] FORMULA
       losslab-cli derive [--json] --expr FORMULA

Parses a formula loss and prints its simplified value, its first and second derivative with
respect to the prediction, and its parameters with their defaults and ranges.

The formula language (put the formula in single quotes in a shell):
  variables    y_pred (p), y_true (y), r = y_pred - y_true; constants pi, e, eps (1e-7)
  operators    + - * / ^ (or **), comparisons < <= > >= == !=, and, or, not;
               where(condition, a, b) is a where the condition holds, else b
  functions    FUNCTIONS
  aggregates   mean(...), sum(...): the loss is then one number for the batch (every p, y
               and r must be inside an aggregate), e.g. sqrt(mean(square(r)))
  parameters   any other name; declare them first, one per line or separated by ';':
                 NAME = DEFAULT [in [MIN, MAX]] [log]
               e.g. 'delta = 1 in [0.01, 10] log; delta^2*(sqrt(1 + square(r/delta)) - 1)'
               an undeclared parameter defaults to 1 and is unbounded
  comments     # to the end of the line
Derivatives follow TensorFlow's kink conventions: abs'(0) = 0, max/min pass the gradient to
their first argument on ties, relu'(0) = 0. d1 of an aggregate is the derivative of the batch
value with respect to one prediction (it contains the element count N).

A formula that does not parse is a usage error (exit status 2): the message, then the formula's
line with a caret '^' under the offending character.

Options:
  --expr FORMULA   the formula (instead of the positional FORMULA; use this or '--' before a
                   formula that starts with '--')
  --json           print {"value", "d1", "d2", "aggregate", "params": [{"name", "default",
                   "min", "max", "log_scale", "declared"}]}; unbounded ranges are
                   "-Infinity" / "Infinity"
  -h, --help       show this help
)";

constexpr const char* kExportHelp =
    R"(Usage: losslab-cli export (--loss ID | --expr FORMULA) [--param NAME=VALUE]...
                          --to keras|pytorch [--out FILE.py]

Prints Python code that computes the loss with the given parameter values:
  keras    a keras.losses.Loss subclass (reduction "sum_over_batch_size", get_config) and a
           make_<name>(...) closure returning a plain loss function; keras.ops only (Keras 3)
  pytorch  a functional <name>(input, target, ..., reduction="mean") and an nn.Module
Formula losses and built-in losses with a formula equivalent are written out from their
expression with LossLab's kink conventions; other built-in losses call the framework's own
function with the same semantics. A loss without a faithful export is a usage error.

Options:
  --loss ID           the loss ('losslab-cli list' shows every id)
  --expr FORMULA      a formula loss instead ('losslab-cli derive --help')
  --param NAME=VALUE  a loss or formula parameter (repeatable)
  --to FRAMEWORK      keras or pytorch (also: torch)
  --out FILE.py       write the code to FILE (atomically) instead of standard output
  -h, --help          show this help

Exit status: 0 success, 2 usage error (unknown loss, bad formula, no faithful export).
)";

std::string deriveHelp() {
  constexpr std::size_t kIndent = 15;  // "  functions    "
  std::string functions;
  std::size_t lineLength = 0;
  for (const std::string& name : formula::functionNames()) {
    if (!functions.empty()) {
      functions += ',';
      ++lineLength;
      if (kIndent + lineLength + name.size() + 1 > 95) {
        functions += "\n" + std::string(kIndent, ' ');
        lineLength = 0;
      } else {
        functions += ' ';
        ++lineLength;
      }
    }
    functions += name;
    lineLength += name.size();
  }
  std::string help = kDeriveHelp;
  help.replace(help.find("FUNCTIONS"), 9, functions);
  return help;
}

/// The parser's "no bound" sentinel (±1e300) and declared infinities both mean unbounded.
double bound(double value) {
  if (std::fabs(value) >= 1e300) {
    return value > 0 ? std::numeric_limits<double>::infinity()
                     : -std::numeric_limits<double>::infinity();
  }
  return value;
}

std::string rangeText(const formula::FormulaParam& p) {
  const double lo = bound(p.min);
  const double hi = bound(p.max);
  if (std::isinf(lo) && std::isinf(hi)) {
    return "unbounded";
  }
  return "in [" + (std::isinf(lo) ? std::string("-inf") : formatNumber(lo)) + ", " +
         (std::isinf(hi) ? std::string("inf") : formatNumber(hi)) + "]";
}

}  // namespace

int runDerive(const std::vector<std::string>& words) {
  // The formula is positional and may start with '-' ("-log(p)"): every word that is not an
  // option of this command is the formula; after "--" the next word is, whatever it looks like.
  std::vector<std::string> options;
  std::optional<std::string> positional;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& word = words[k];
    std::string text;
    if (word == "--" && k + 1 < words.size()) {
      text = words[++k];
    } else if (word.rfind("--", 0) == 0 || word == "-h") {
      options.push_back(word);
      if (word == "--expr" && k + 1 < words.size()) {
        options.push_back(words[++k]);
      }
      continue;
    } else {
      text = word;
    }
    if (positional) {
      throw Error::usage(
          "'derive' takes one formula; quote it as a single argument, e.g. "
          "losslab-cli derive 'square(r)'");
    }
    positional = text;
  }
  const Arguments args("derive", options, {{"--expr", true, false}, {"--json", false, false}});
  if (args.help()) {
    std::cout << deriveHelp();
    return 0;
  }
  if (positional && args.has("--expr")) {
    throw Error::usage("give the formula once: as an argument or with --expr");
  }
  if (!positional && !args.has("--expr")) {
    throw Error::usage(
        "'derive' needs a formula, e.g. losslab-cli derive 'square(r)' (see "
        "'losslab-cli derive --help')");
  }
  const std::string source = positional ? *positional : *args.value("--expr");
  const formula::ParsedFormula parsed = formula::parseFormula(source);
  const std::string value = formula::toString(parsed.value);
  const std::string d1 = formula::toString(parsed.d1);
  const std::string d2 = formula::toString(parsed.d2);

  if (args.has("--json")) {
    JsonWriter json;
    json.beginObject();
    json.key("value").string(value);
    json.key("d1").string(d1);
    json.key("d2").string(d2);
    json.key("aggregate").boolean(parsed.aggregate);
    json.key("params").beginArray();
    for (const formula::FormulaParam& p : parsed.params) {
      json.beginObject();
      json.key("name").string(p.name);
      json.key("default").number(p.defaultValue);
      json.key("min").number(bound(p.min));
      json.key("max").number(bound(p.max));
      json.key("log_scale").boolean(p.logScale);
      json.key("declared").boolean(p.declared);
      json.endObject();
    }
    json.endArray();
    json.endObject();
    std::cout << json.text() << '\n';
    return 0;
  }
  std::cout << "value  " << value << '\n';
  std::cout << "d1     " << d1 << (parsed.aggregate ? "   (d value / d y_pred_i)" : "") << '\n';
  std::cout << "d2     " << d2 << '\n';
  if (parsed.aggregate) {
    std::cout << "\nThe formula aggregates (mean/sum): its value is one number for the batch.\n";
  }
  if (parsed.params.empty()) {
    std::cout << "\nparameters: none\n";
  } else {
    std::cout << "\nparameters:\n";
    for (const formula::FormulaParam& p : parsed.params) {
      std::cout << "  " << p.name << " = " << formatNumber(p.defaultValue) << "  " << rangeText(p)
                << (p.logScale ? ", log scale" : "")
                << (p.declared ? "" : "  (undeclared: default 1)") << '\n';
    }
  }
  return 0;
}

int runExport(const std::vector<std::string>& words) {
  const Arguments args("export", words,
                       {{"--loss", true, false},
                        {"--expr", true, false},
                        {"--param", true, true},
                        {"--to", true, false},
                        {"--out", true, false}});
  if (args.help()) {
    std::cout << kExportHelp;
    return 0;
  }
  const std::string to = args.required("--to");
  CodeTarget target = CodeTarget::Keras;
  if (to == "keras") {
    target = CodeTarget::Keras;
  } else if (to == "pytorch" || to == "torch") {
    target = CodeTarget::PyTorch;
  } else {
    throw Error::usage("--to takes keras or pytorch, not '" + to + "'");
  }
  const std::optional<std::string> out = args.value("--out");
  if (out) {
    checkOutputPath(*out, "--out");
  }
  const LossPtr loss = makeLoss(args);
  const std::string code = exportCode(*loss, target);
  if (out) {
    writeFileAtomically(*out, code);
  } else {
    std::cout << code;
    if (!code.empty() && code.back() != '\n') {
      std::cout << '\n';
    }
  }
  return 0;
}

}  // namespace losslab::cli
