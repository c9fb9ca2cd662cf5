// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli derive: a formula's simplified value, its first and second derivative with respect to
// the prediction, and its parameters.
#include <cmath>
#include <iostream>
#include <limits>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_help.h"
#include "app/cli/cli_loss.h"
#include "core/engine/error.h"
#include "core/formula/formula_parser.h"
#include "core/io/json_writer.h"
#include "core/io/number_format.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Parses a formula loss and prints its simplified value, its first and second derivative with
respect to the prediction, and its parameters with their defaults and ranges.

The formula language (put the formula in single quotes in a shell):
  variables    y_pred (p), y_true (y), r = y_pred - y_true; col (the element's column, from 0),
               ncols (columns per row); each --input NAME; constants pi, e, eps (1e-7)
  operators    + - * / ^ (or **), comparisons < <= > >= == !=, and, or, not;
               where(condition, a, b) is a where the condition holds, else b
  functions    FUNCTIONS
  aggregates   mean(...), sum(...): the loss is then one number for the batch (every p, y
               and r must be inside an aggregate), e.g. sqrt(mean(square(r)))
  row-wise     over the last axis (one row = one sample): row_sum, row_mean, row_max, norm
               (Euclidean) and logsumexp give one value per row, softmax and log_softmax one
               per element, e.g. -row_sum(y*log_softmax(p)) (categorical cross-entropy)
  parameters   any other name; declare them first, one per line or separated by ';':
                 NAME = DEFAULT [in [MIN, MAX]] [log]
               e.g. 'delta = 1 in [0.01, 10] log; delta^2*(sqrt(1 + square(r/delta)) - 1)'
               an undeclared parameter defaults to 1 and is unbounded
  comments     # to the end of the line
Derivatives follow TensorFlow's kink conventions: abs'(0) = 0, max/min pass the gradient to
their first argument on ties, relu'(0) = 0. d1 of an aggregate is the derivative of the batch
value with respect to one prediction (it contains the element count N). With row-wise
functions d1 is the derivative of the row's sum of the formula (it may read row aggregates and
ncols) and d2 is none: a row's elements depend on each other.

A formula that does not parse is a usage error (exit status 2): the message, then the formula's
line with a caret '^' under the offending character.
)";

/// kDetails with the function names of the formula language, wrapped under "functions".
std::string details() {
  constexpr std::size_t kIndent = 15;  // "  functions    "
  std::string functions;
  for (const std::string& name : formula::functionNames()) {
    functions += (functions.empty() ? "" : ", ") + name;
  }
  std::string wrapped = wrapText(functions, kHelpWidth - kIndent);
  for (std::size_t k = wrapped.find('\n'); k != std::string::npos; k = wrapped.find('\n', k + 1)) {
    wrapped.insert(k + 1, std::string(kIndent, ' '));
  }
  std::string help = kDetails;
  help.replace(help.find("FUNCTIONS"), 9, wrapped);
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
  return "in [" + (std::isinf(lo) ? std::string("-inf") : formatShortest(lo)) + ", " +
         (std::isinf(hi) ? std::string("inf") : formatShortest(hi)) + "]";
}

class DeriveCommand final : public Command {
 public:
  explicit DeriveCommand(CLI::App& parent)
      : Command(parent,
                "derive",
                "a formula's simplified value, first and second derivatives and parameters",
                details()) {
    addText(app(), "--expr", m_expr, "FORMULA",
            "the formula (instead of the positional FORMULA; use this or '--' before a formula "
            "that starts with '--')");
    addList(app(), "--input", m_inputs, "NAME[=FILE]",
            "a tensor the formula reads as the variable NAME (repeatable; a FILE is not read)");
    addFlag(app(), "--json", m_json,
            "print {\"value\", \"d1\", \"d2\", \"aggregate\", \"params\": [{\"name\", "
            "\"default\", \"min\", \"max\", \"log_scale\", \"declared\"}]}; unbounded ranges are "
            "\"-Infinity\" / \"Infinity\"");
    // A formula may start with '-' ("-log(p)"): every word that is not an option is taken as the
    // formula (cli_app.cpp puts such words after "--" for CLI11).
    app()
        .add_option("FORMULA", m_positional, "the formula, e.g. 'square(r)'")
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);  // more than one: run() says so
  }

  int run() override;

 private:
  std::optional<std::string> m_expr;
  bool m_json = false;
  std::vector<std::string> m_positional;
  std::vector<std::string> m_inputs;
};

int DeriveCommand::run() {
  if (m_positional.size() > 1) {
    throw Error::usage(
        "'derive' takes one formula; quote it as a single argument, e.g. "
        "losslab-cli derive 'square(r)'");
  }
  if (!m_positional.empty() && m_expr) {
    throw Error::usage("give the formula once: as an argument or with --expr");
  }
  if (m_positional.empty() && !m_expr) {
    throw Error::usage(
        "'derive' needs a formula, e.g. losslab-cli derive 'square(r)' (see "
        "'losslab-cli derive --help')");
  }
  const std::string source = m_expr ? *m_expr : m_positional.front();
  const formula::ParsedFormula parsed = formula::parseFormula(source, inputNamesOf(m_inputs));
  const std::string value = formula::toString(parsed.value);
  const std::string d1 = formula::toString(parsed.d1);
  const std::string d2 = formula::toString(parsed.d2);

  if (m_json) {
    JsonWriter json;
    json.beginObject();
    json.key("value").string(value);
    json.key("d1").string(d1);
    if (parsed.d2) {
      json.key("d2").string(d2);
    } else {
      json.key("d2").null();
    }
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
  std::cout << "d2     " << d2 << (parsed.rowwise ? "   (row-wise: not element-wise)" : "") << '\n';
  if (parsed.aggregate) {
    std::cout << "\nThe formula aggregates (mean/sum): its value is one number for the batch.\n";
  }
  if (parsed.params.empty()) {
    std::cout << "\nparameters: none\n";
    return 0;
  }
  std::cout << "\nparameters:\n";
  for (const formula::FormulaParam& p : parsed.params) {
    std::cout << "  " << p.name << " = " << formatShortest(p.defaultValue) << "  " << rangeText(p)
              << (p.logScale ? ", log scale" : "")
              << (p.declared ? "" : "  (undeclared: default 1)") << '\n';
  }
  return 0;
}

}  // namespace

std::unique_ptr<Command> makeDeriveCommand(CLI::App& parent) {
  return std::make_unique<DeriveCommand>(parent);
}

}  // namespace losslab::cli
