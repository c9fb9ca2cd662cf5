// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_eval_output.h"

#include <algorithm>
#include <vector>

#include "app/cli/cli_loss.h"
#include "core/io/json_writer.h"
#include "core/io/number_format.h"

namespace losslab::cli {

namespace {

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
  // Tensor is row-major and contiguous: row i is t.data() + i * cols.
  json.numberMatrix(t.data(), static_cast<std::size_t>(t.rows()),
                    static_cast<std::size_t>(t.cols()));
}

/// One column of the table: its header and where its numbers come from.
struct Column {
  std::string header;
  const Tensor* tensor = nullptr;          // a gradient, column `column`
  const Eigen::ArrayXd* vector = nullptr;  // or per-sample values
  Eigen::Index column = 0;
  std::size_t width = 0;

  /// Whether row i has a value (an extra input may have fewer rows than y_pred).
  bool has(Eigen::Index i) const { return tensor ? i < tensor->rows() : i < vector->size(); }
  double at(Eigen::Index i) const { return tensor ? (*tensor)(i, column) : (*vector)(i); }
};

/// A table cell: shortest round trip, and 0 rather than "-0" (a reading for people).
std::size_t cell(char* buffer, double value) {
  return writeShortest(buffer, value == 0 ? 0.0 : value);
}

void pad(std::string& out, std::size_t spaces) {
  out.append(spaces, ' ');
}

}  // namespace

void writeEvalJson(Output& output,
                   const Loss& loss,
                   const std::optional<std::string>& formula,
                   const Evaluation& result) {
  JsonWriter json([&output](std::string_view piece) { output.write(piece); });
  json.beginObject();
  json.key("loss").string(loss.info().id);
  if (formula) {
    json.key("formula").string(*formula);
  }
  json.key("params");
  writeParams(json, loss);
  json.key("reduction").string(reductionName(result.reduction));
  json.key("value").number(result.value);
  json.key("per_sample")
      .numberArray(result.perSample.data(), static_cast<std::size_t>(result.perSample.size()));
  json.key("grad");
  writeMatrix(json, result.grad);
  json.key("grads").beginObject();
  for (const auto& [input, grad] : result.extraGrads) {
    json.key(input);
    writeMatrix(json, grad);
  }
  json.endObject();
  json.endObject();
  json.finish();
  output.write("\n");
}

void writeEvalTable(Output& output, const Loss& loss, const Evaluation& result) {
  std::string& out = output.buffer();
  out += "loss       " + describe(loss) + "\n";
  out += "reduction  " + reductionName(result.reduction) + "\n";
  out += "value      " + formatShortest(result.value) + "\n\n";
  char buffer[kShortestMaxLength];

  // Columns: sample, per-sample value, ∂value/∂y_pred[j], ∂value/∂<extra>[j].
  std::vector<Column> columns;
  const Eigen::Index rows = result.grad.rows();
  if (result.perSample.size() == rows) {
    columns.push_back({"per_sample", nullptr, &result.perSample});
  } else {
    // A batch-level loss: its per-sample values do not line up with the rows.
    out += "per_sample";
    for (Eigen::Index i = 0; i < result.perSample.size(); ++i) {
      out += ' ';
      out.append(buffer, cell(buffer, result.perSample(i)));
    }
    out += "\n\n";
  }
  auto addColumns = [&columns](const std::string& name, const Tensor& grad) {
    for (Eigen::Index j = 0; j < grad.cols(); ++j) {
      columns.push_back({"d/d" + name + "[" + std::to_string(j + 1) + "]", &grad, nullptr, j});
    }
  };
  addColumns("y_pred", result.grad);
  for (const auto& [name, grad] : result.extraGrads) {
    addColumns(name, grad);
  }

  // Pass 1: the widths (each number is formatted twice rather than held as text).
  std::size_t sampleWidth = std::max<std::size_t>(6, std::to_string(rows).size());
  for (Column& column : columns) {
    column.width = column.header.size();
    for (Eigen::Index i = 0; i < rows; ++i) {
      if (column.has(i)) {
        column.width = std::max(column.width, cell(buffer, column.at(i)));
      }
    }
  }
  // Pass 2: the rows, right-aligned, two spaces between columns.
  pad(out, sampleWidth - 6);
  out += "sample";
  for (const Column& column : columns) {
    pad(out, 2 + column.width - column.header.size());
    out += column.header;
  }
  out += '\n';
  for (Eigen::Index i = 0; i < rows; ++i) {
    const std::string number = std::to_string(i + 1);
    pad(out, sampleWidth - number.size());
    out += number;
    for (const Column& column : columns) {
      const std::size_t length = column.has(i) ? cell(buffer, column.at(i)) : 0;
      pad(out, 2 + column.width - length);
      out.append(buffer, length);
    }
    out += '\n';
    output.flushIfFull();
  }
}

}  // namespace losslab::cli
