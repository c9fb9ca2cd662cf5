// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli eval: a loss on CSV files through the full Keras / PyTorch pipeline.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/cli_json.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"
#include "core/io/csv_reader.h"

namespace losslab::cli {

namespace {

constexpr const char* kEvalHelp =
    R"(Usage: losslab-cli eval (--loss ID | --expr FORMULA) [--param NAME=VALUE]... [--y-true FILE]
                        --y-pred FILE [--input NAME=FILE]... [--sample-weight FILE]
                        [--reduction R] [--json]

Evaluates a loss on CSV files through its framework's pipeline (rank alignment, sample weights,
reduction) and prints the reduced value, the per-sample values and the gradient of the value
with respect to y_pred and to every differentiable extra input.

CSV files: one row per sample, fields separated by commas, an optional header row (a first row
with no numeric field), blank lines only at the end. NaN and inf fields are rejected.

Options:
  --loss ID              the loss ('losslab-cli list' shows every id)
  --expr FORMULA         a formula loss instead (a Keras-style regression loss, id "custom"),
                         e.g. --expr 'delta = 1 in [0.01, 10]; delta*log_cosh(r/delta)'
                         ('losslab-cli derive --help' describes the language)
  --param NAME=VALUE     a loss parameter (repeatable); booleans take true/false, choices their
                         label, e.g. --param delta=0.5 --param from_logits=true
  --y-true FILE          targets; class labels as one column (losses without a target, such as
                         triplet_margin, take none)
  --y-pred FILE          predictions (required)
  --input NAME=FILE      an extra input (repeatable): input2, var, weight, positive, ...
  --sample-weight FILE   one weight per sample, a single column (Keras losses)
  --reduction R          sum_over_batch_size, mean, sum, none, mean_with_sample_weight or
                         batchmean (default: sum_over_batch_size for Keras-style losses, mean for
                         PyTorch ones)
  --json                 print one JSON object: {"loss", "params", "reduction", "value",
                         "per_sample", "grad", "grads"}, plus "formula" (the source) for
                         --expr; non-finite numbers as "NaN",
                         "Infinity", "-Infinity"; numbers with 17 significant digits
  -h, --help             show this help

Exit status: 0 success, 1 data error (file contents), 2 usage error.
)";

RankedTensor readTensor(const std::string& path, bool vector) {
  CsvOptions options;
  options.vectorIfSingleColumn = vector;
  return readCsvFile(path, options).data;
}

void writeParams(JsonWriter& json, const Loss& loss) {
  json.beginObject();
  for (const ParamSpec& spec : loss.info().params) {
    const double value = loss.params().at(spec.id);
    json.key(spec.id);
    switch (spec.kind) {
      case ParamSpec::Kind::Boolean:
        json.boolean(value != 0);
        break;
      case ParamSpec::Kind::Choice:
        json.string(spec.format(value));
        break;
      case ParamSpec::Kind::Integer:
      case ParamSpec::Kind::Real:
        json.number(value);
        break;
    }
  }
  json.endObject();
}

void writeMatrix(JsonWriter& json, const Tensor& t) {
  json.beginArray();
  for (Eigen::Index i = 0; i < t.rows(); ++i) {
    json.beginArray();
    for (Eigen::Index j = 0; j < t.cols(); ++j) {
      json.number(t(i, j));
    }
    json.endArray();
  }
  json.endArray();
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

std::string cell(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.10g", value == 0 ? 0.0 : value);  // no "-0"
  return buffer;
}

void printTable(const Loss& loss, const Evaluation& result) {
  std::cout << "loss       " << describe(loss) << '\n';
  std::cout << "reduction  " << reductionName(result.reduction) << '\n';
  std::cout << "value      " << formatNumber(result.value) << "\n\n";

  // Columns: sample, per-sample value, ∂value/∂y_pred[j], ∂value/∂<extra>[j].
  std::vector<std::string> header{"sample"};
  std::vector<std::vector<std::string>> rows(static_cast<std::size_t>(result.grad.rows()));
  const bool perSampleColumn = result.perSample.size() == result.grad.rows();
  if (perSampleColumn) {
    header.push_back("per_sample");
  } else {
    std::cout << "per_sample";
    for (Eigen::Index i = 0; i < result.perSample.size(); ++i) {
      std::cout << ' ' << cell(result.perSample(i));
    }
    std::cout << "\n\n";
  }
  auto addColumns = [&](const std::string& name, const Tensor& grad) {
    for (Eigen::Index j = 0; j < grad.cols(); ++j) {
      header.push_back("d/d" + name + "[" + std::to_string(j + 1) + "]");
    }
  };
  addColumns("y_pred", result.grad);
  for (const auto& [name, grad] : result.extraGrads) {
    addColumns(name, grad);
  }
  for (Eigen::Index i = 0; i < result.grad.rows(); ++i) {
    auto& row = rows[static_cast<std::size_t>(i)];
    row.push_back(std::to_string(i + 1));
    if (perSampleColumn) {
      row.push_back(cell(result.perSample(i)));
    }
    for (Eigen::Index j = 0; j < result.grad.cols(); ++j) {
      row.push_back(cell(result.grad(i, j)));
    }
    for (const auto& [name, grad] : result.extraGrads) {
      for (Eigen::Index j = 0; j < grad.cols(); ++j) {
        row.push_back(i < grad.rows() ? cell(grad(i, j)) : "");
      }
    }
  }
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) {
      width[c] = std::max(width[c], row[c].size());
    }
  }
  auto printRow = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::cout << (c ? "  " : "") << std::string(width[c] - row[c].size(), ' ') << row[c];
    }
    std::cout << '\n';
  };
  printRow(header);
  for (const auto& row : rows) {
    printRow(row);
  }
}

}  // namespace

int runEval(const std::vector<std::string>& words) {
  const Arguments args("eval", words,
                       {{"--loss", true, false},
                        {"--expr", true, false},
                        {"--param", true, true},
                        {"--y-true", true, false},
                        {"--y-pred", true, false},
                        {"--input", true, true},
                        {"--sample-weight", true, false},
                        {"--reduction", true, false},
                        {"--json", false, false}});
  if (args.help()) {
    std::cout << kEvalHelp;
    return 0;
  }
  const LossPtr loss = makeLoss(args);
  const LossInfo& info = loss->info();

  // Check the whole request before reading any file, so usage errors come first.
  EvalRequest request;
  if (const auto reduction = args.value("--reduction")) {
    request.reduction = parseReduction(*reduction);
    if (std::string problem = checkReduction(info, *request.reduction); !problem.empty()) {
      throw Error::usage(problem);
    }
  }
  const std::string yPredPath = args.required("--y-pred");
  const std::optional<std::string> yTruePath = args.value("--y-true");
  if (info.target == TargetKind::None && yTruePath) {
    throw Error::usage("'" + info.id + "' takes no --y-true (y_pred is the anchor)");
  }
  if (info.target != TargetKind::None && !yTruePath) {
    throw Error::usage(
        "'" + info.id + "' needs --y-true FILE" +
        (info.target == TargetKind::ClassIndex ? " (one integer class label per row)" : ""));
  }
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const std::string& assignment : args.values("--input")) {
    auto [name, path] = splitAssignment(assignment, "--input");
    const auto known = std::find_if(info.extras.begin(), info.extras.end(),
                                    [&](const ExtraInput& e) { return e.name == name; });
    if (known == info.extras.end()) {
      std::string accepted;
      for (const ExtraInput& extra : info.extras) {
        accepted += (accepted.empty() ? "" : ", ") + extra.name;
      }
      throw Error::usage(
          "'" + info.id + "' takes no input named '" + name + "'" +
          (accepted.empty() ? " (it takes no extra inputs)" : " (it takes: " + accepted + ")"));
    }
    for (const auto& [seen, ignored] : inputs) {
      if (seen == name) {
        throw Error::usage("input '" + name + "' is given more than once");
      }
    }
    inputs.emplace_back(std::move(name), std::move(path));
  }
  for (const ExtraInput& extra : info.extras) {
    const bool given = std::any_of(inputs.begin(), inputs.end(),
                                   [&](const auto& input) { return input.first == extra.name; });
    if (extra.required && !given) {
      throw Error::usage("'" + info.id + "' needs --input " + extra.name + "=FILE (" + extra.help +
                         ")");
    }
  }
  const std::optional<std::string> weightPath = args.value("--sample-weight");

  request.yPred = readTensor(yPredPath, false);
  if (yTruePath) {
    request.yTrue = readTensor(*yTruePath, false);
  }
  for (const auto& [name, path] : inputs) {
    request.extras[name] = readTensor(path, false);
  }
  if (weightPath) {
    request.sampleWeight = readTensor(*weightPath, true);
  }

  const Evaluation result = evaluate(*loss, request);
  if (const std::string where = firstNonFinite(result); !where.empty()) {
    warn("the result is not finite (" + where + "): some inputs are outside the loss's domain");
  }

  if (args.has("--json")) {
    JsonWriter json;
    json.beginObject();
    json.key("loss").string(info.id);
    if (const auto source = args.value("--expr")) {
      json.key("formula").string(*source);
    }
    json.key("params");
    writeParams(json, *loss);
    json.key("reduction").string(reductionName(result.reduction));
    json.key("value").number(result.value);
    json.key("per_sample").beginArray();
    for (Eigen::Index i = 0; i < result.perSample.size(); ++i) {
      json.number(result.perSample(i));
    }
    json.endArray();
    json.key("grad");
    writeMatrix(json, result.grad);
    json.key("grads").beginObject();
    for (const auto& [name, grad] : result.extraGrads) {
      json.key(name);
      writeMatrix(json, grad);
    }
    json.endObject();
    json.endObject();
    std::cout << json.text() << '\n';
  } else {
    if (const auto source = args.value("--expr")) {
      // One line: declarations are separated by ';' instead of line breaks (same meaning).
      std::string line;
      for (const char c : *source) {
        line += c == '\n' ? std::string("; ") : std::string(1, c);
      }
      std::cout << "formula    " << line << '\n';
    }
    printTable(*loss, result);
  }
  return 0;
}

}  // namespace losslab::cli
