// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli eval: a loss on CSV files through the full Keras / PyTorch pipeline.
#include <algorithm>
#include <cmath>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_eval_output.h"
#include "app/cli/cli_limits.h"
#include "app/cli/cli_loss.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"
#include "core/io/csv_reader.h"
#include "core/io/text_input.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Evaluates a loss on CSV files through its framework's pipeline (rank alignment, sample weights,
reduction) and prints the reduced value, the per-sample values and the gradient of the value
with respect to y_pred and to every differentiable extra input.

CSV files: one row per sample, fields separated by commas and '.' as the decimal point (a file
separated by semicolons, tabs or '|' is refused, naming the separator), an optional header row
(a first row with no numeric field), blank lines only at the end. NaN and inf fields are
rejected, except -inf (log 0) in a file of log-probabilities (kl_div's y_pred, and its y_true
with log_target=true). FILE is a regular file, or '-' for standard input (for one of the files).

Limits, checked before the work they bound: a CSV file has at most MAX_BYTES, a line at most
MAX_LINE and a file at most MAX_NUMBERS numbers; an evaluation may use at most MEMORY of
working memory (about PER_ELEMENT bytes per element of y_pred and of each extra input).
)";

std::string details() {
  const CsvLimits limits;
  std::string text = kDetails;
  auto put = [&text](const std::string& name, const std::string& value) {
    text.replace(text.find(name), name.size(), value);
  };
  put("MAX_BYTES", byteSizeText(limits.maxBytes));
  put("MAX_LINE", byteSizeText(limits.maxLineBytes));
  put("MAX_NUMBERS", std::to_string(limits.maxNumbers));
  put("MEMORY", memoryBudgetText());
  put("PER_ELEMENT", std::to_string(static_cast<int>(kEvalBytesPerElement)));
  return text;
}

constexpr const char* kFooter =
    "Exit status: 0 success, 1 data error (file contents), 2 usage error.";

RankedTensor readTensor(const std::string& path, bool vector, bool logProbability = false) {
  CsvOptions options;
  options.vectorIfSingleColumn = vector;
  options.allowMinusInfinity = logProbability;  // log 0 is a legal log-probability
  return readCsvFile(path, options).data;
}

/// Where the first non-finite number of the result is, or empty.
std::string firstNonFinite(const Evaluation& result) {
  auto name = [](double v) { return std::isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity"; };
  if (!std::isfinite(result.value)) {
    return std::string("value = ") + name(result.value);
  }
  for (Eigen::Index i = 0; i < result.perSample.size(); ++i) {
    if (!std::isfinite(result.perSample(i))) {
      return "per_sample[" + std::to_string(i + 1) + "] = " + name(result.perSample(i));
    }
  }
  auto scan = [&](const std::string& what, const Tensor& t) -> std::string {
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      for (Eigen::Index j = 0; j < t.cols(); ++j) {
        if (!std::isfinite(t(i, j))) {
          return what + " at row " + std::to_string(i + 1) + ", column " + std::to_string(j + 1) +
                 " = " + name(t(i, j));
        }
      }
    }
    return {};
  };
  std::string where = scan("gradient", result.grad);
  for (const auto& [input, grad] : result.extraGrads) {
    if (where.empty()) {
      where = scan("gradient of " + input, grad);
    }
  }
  return where;
}

class EvalCommand final : public Command {
 public:
  explicit EvalCommand(CLI::App& parent)
      : Command(parent,
                "eval",
                "evaluate a loss (or a formula, --expr) on CSV files: value, per-sample values, "
                "gradients",
                details(),
                kFooter) {
    LossOptionHelp help;
    help.expr =
        "a formula loss instead (a Keras-style regression loss, id \"custom\"), e.g. --expr "
        "'delta = 1 in [0.01, 10]; delta*log_cosh(r/delta)' ('losslab-cli derive --help' "
        "describes the language)";
    help.param =
        "a loss parameter (repeatable); booleans take true/false, choices their label, e.g. "
        "--param delta=0.5 --param from_logits=true";
    addLossOptions(app(), m_loss, help);
    addInputFile(app(), "--y-true", m_yTrue, "FILE",
                 "targets; class labels as one column (losses without a target, such as "
                 "triplet_margin, take none)");
    addInputFile(app(), "--y-pred", m_yPred, "FILE", "predictions (required)")->required();
    addList(app(), "--input", m_inputs, "NAME=FILE",
            "an extra input (repeatable): input2, var, weight, positive, ...; with --expr any "
            "NAME, which the formula reads as a variable");
    addInputFile(app(), "--sample-weight", m_sampleWeight, "FILE",
                 "one weight per sample, a single column (Keras losses)");
    addText(app(), "--reduction", m_reduction, "R",
            "sum_over_batch_size, mean, sum, none, mean_with_sample_weight or batchmean "
            "(default: sum_over_batch_size for Keras-style losses, mean for PyTorch ones)");
    addFlag(app(), "--json", m_json,
            "print one JSON object: {\"loss\", \"params\", \"reduction\", \"value\", "
            "\"per_sample\", \"grad\", \"grads\"}, plus \"formula\" (the source) for --expr; "
            "non-finite numbers as \"NaN\", \"Infinity\", \"-Infinity\"; numbers in the "
            "shortest form that reads back exactly");
  }

  int run() override;

 private:
  /// The --input NAME=FILE pairs, checked against the loss's extra inputs.
  std::vector<std::pair<std::string, std::string>> extraInputs(const LossInfo& info) const;

  LossOptions m_loss;
  std::optional<std::string> m_yTrue;
  std::optional<std::string> m_yPred;
  std::vector<std::string> m_inputs;
  std::optional<std::string> m_sampleWeight;
  std::optional<std::string> m_reduction;
  bool m_json = false;
};

std::vector<std::pair<std::string, std::string>> EvalCommand::extraInputs(
    const LossInfo& info) const {
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const std::string& assignment : m_inputs) {
    auto [name, path] = splitAssignment(assignment, "--input");
    const std::string& wanted = name;
    const auto known = std::find_if(info.extras.begin(), info.extras.end(),
                                    [&wanted](const ExtraInput& e) { return e.name == wanted; });
    if (known == info.extras.end() && m_loss.formula) {
      throw Error::usage("the formula does not read the input '" + name + "'");
    }
    if (known == info.extras.end()) {
      std::string accepted;
      for (const ExtraInput& extra : info.extras) {
        accepted += (accepted.empty() ? "" : ", ") + extra.name;
      }
      throw Error::usage(
          "'" + info.id + "' takes no input named '" + name + "'" +
          (accepted.empty() ? " (it takes no extra inputs)" : " (it takes: " + accepted + ")"));
    }
    for (const auto& input : inputs) {
      if (input.first == name) {
        throw Error::usage("input '" + name + "' is given more than once");
      }
    }
    checkInputFile(path);
    inputs.emplace_back(std::move(name), std::move(path));
  }
  for (const ExtraInput& extra : info.extras) {
    const bool given = std::any_of(inputs.begin(), inputs.end(), [&extra](const auto& input) {
      return input.first == extra.name;
    });
    if (extra.required && !given) {
      throw Error::usage("'" + info.id + "' needs --input " + extra.name + "=FILE (" + extra.help +
                         ")");
    }
  }
  return inputs;
}

int EvalCommand::run() {
  const LossPtr loss = makeLoss(m_loss, name(), inputNamesOf(m_inputs));
  const LossInfo& info = loss->info();

  // Check the whole request before reading any file, so usage errors come first.
  EvalRequest request;
  if (m_reduction) {
    request.reduction = parseReduction(*m_reduction);
    if (std::string problem = checkReduction(info, *request.reduction); !problem.empty()) {
      throw Error::usage(problem);
    }
  }
  if (info.target == TargetKind::None && m_yTrue) {
    throw Error::usage("'" + info.id + "' takes no --y-true (y_pred is the anchor)");
  }
  if (info.target != TargetKind::None && !m_yTrue) {
    throw Error::usage(
        "'" + info.id + "' needs --y-true FILE" +
        (info.target == TargetKind::ClassIndex
             ? (info.facts.probabilityTargets
                    ? " (one integer class label per row, or class probabilities of y_pred's shape)"
                    : " (one integer class label per row)")
             : ""));
  }
  const std::vector<std::pair<std::string, std::string>> inputs = extraInputs(info);
  std::vector<std::string> paths{*m_yPred, m_yTrue.value_or(""), m_sampleWeight.value_or("")};
  for (const auto& input : inputs) {
    paths.push_back(input.second);
  }
  if (std::count(paths.begin(), paths.end(), "-") > 1) {
    throw Error::usage("standard input ('-') can be read only once: give '-' to one file option");
  }

  request.fused = true;  // the training path's fused pass where the loss has one (no d2 needed)
  const InputDomain domain = info.facts.inputs(loss->params());
  request.yPred = readTensor(*m_yPred, false, domain.prediction == Values::LogProbability);
  if (m_yTrue) {
    request.yTrue = readTensor(*m_yTrue, false, domain.target == Values::LogProbability);
  }
  for (const auto& [input, path] : inputs) {
    request.extras[input] = readTensor(path, false);
  }
  if (m_sampleWeight) {
    request.sampleWeight = readTensor(*m_sampleWeight, true);
  }

  double elements = static_cast<double>(request.yPred.values.size());
  for (const auto& extra : request.extras) {
    elements += static_cast<double>(extra.second.values.size());
  }
  checkMemory(elements * kEvalBytesPerElement,
              "evaluating " + std::to_string(static_cast<long long>(elements)) + " elements",
              "split the data into smaller files");
  const Evaluation result = evaluate(*loss, request);
  if (const std::string where = firstNonFinite(result); !where.empty()) {
    warn("the result is not finite (" + where + "): some inputs are outside the loss's domain");
  }
  Output output(std::nullopt);
  if (m_json) {
    writeEvalJson(output, *loss, m_loss.formula, result);
  } else {
    if (m_loss.formula) {
      // One line: declarations are separated by ';' instead of line breaks (same meaning).
      std::string line;
      for (const char c : *m_loss.formula) {
        line += c == '\n' ? std::string("; ") : std::string(1, c);
      }
      output.write("formula    " + line + "\n");
    }
    writeEvalTable(output, *loss, result);
  }
  output.finish();
  return 0;
}

}  // namespace

std::unique_ptr<Command> makeEvalCommand(CLI::App& parent) {
  return std::make_unique<EvalCommand>(parent);
}

}  // namespace losslab::cli
