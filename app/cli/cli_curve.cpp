// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli curve: x, loss, dloss/dx, d²loss/dx² along the loss's 1-D path, as CSV.
#include <algorithm>
#include <limits>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_limits.h"
#include "app/cli/cli_loss.h"
#include "core/engine/curve.h"
#include "core/engine/error.h"
#include "core/io/csv_reader.h"
#include "core/io/csv_writer.h"

namespace losslab::cli {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr const char* kDetails =
    R"(Prints the loss and its first and second derivative along the loss's natural 1-D path as CSV
with the header x,loss,dloss,d2loss (numbers in the shortest form that reads back exactly; nan
where a value does not exist, e.g. d2loss of a loss without an analytic second derivative).

The path depends on the loss: the prediction ŷ for a fixed target (regression), the score for a
label +1 or -1/0 (margin losses, from_logits=true), the probability for y = 1 or 0, the
probability of the true class among K classes, a pair distance (similar / dissimilar), ...
'losslab-cli list --json' shows each loss's variants. A formula (--expr) is a regression loss:
its path is the prediction for a fixed target. An extra input of a formula (--input NAME=FILE)
is held at the file's first value (row 1, column 1) at every point: one point of the curve is
one sample, and the curve shows how the loss of a sample with that input value changes.
)";

constexpr long long kMaxPoints = 10'000'000;
constexpr long long kMaxClasses = 1000;

/// The evaluator holds the whole path: points × (the columns of one point's inputs: K for a
/// categorical curve, plus its extra inputs) elements. One point's inputs say how wide it is.
void checkCurveMemory(const Loss& loss, const CurveRequest& request) {
  const CurveInputs one = curveInputs(loss, request, {0.5 * (request.from + request.to)});
  double width = static_cast<double>(one.yPred.cols());
  for (const auto& extra : one.extras) {
    width += static_cast<double>(extra.second.cols());
  }
  const double bytes =
      static_cast<double>(request.points) * (kCurveBytesPerPoint + width * kCurveBytesPerElement);
  const auto maxPoints =
      static_cast<long long>(kMemoryBudget / (kCurveBytesPerPoint + width * kCurveBytesPerElement));
  checkMemory(bytes,
              "--points " + std::to_string(request.points) +
                  (one.yPred.cols() > 1 ? " with " + std::to_string(one.yPred.cols()) + " classes"
                                        : std::string()),
              "use at most --points " + std::to_string(maxPoints) +
                  (one.yPred.cols() > 1 ? " with this many --classes" : ""));
}

/// Points per piece of a streamed curve: 65,536, fewer for wide points (about 64 MiB of
/// evaluator memory per piece at most).
int curvePiecePoints(const Loss& loss, const CurveRequest& request) {
  const CurveInputs one = curveInputs(loss, request, {0.5 * (request.from + request.to)});
  double width = static_cast<double>(one.yPred.cols());
  for (const auto& extra : one.extras) {
    width += static_cast<double>(extra.second.cols());
  }
  const double perPoint = kCurveBytesPerPoint + width * kCurveBytesPerElement;
  const double points = std::min(65536.0, std::max(1.0, 64.0 * 1024 * 1024 / perPoint));
  return static_cast<int>(points);
}

class CurveCommand final : public Command {
 public:
  explicit CurveCommand(CLI::App& parent)
      : Command(parent,
                "curve",
                "a loss (or a formula) and its first two derivatives along a 1-D path, as CSV",
                kDetails) {
    LossOptionHelp help;
    help.expr = "a formula loss instead, e.g. 'square(r)' ('losslab-cli derive --help')";
    addLossOptions(app(), m_loss, help);
    addNumber(app(), "--target", m_target, "T",
              "regression curves: the fixed y_true (default 0, or 1 where 0 is outside the "
              "loss's domain); x is then the prediction");
    addNumber(app(), "--from", m_from, "A",
              "the start of the x range (default: the loss's "
              "natural range)");
    addNumber(app(), "--to", m_to, "B",
              "the end of the x range (default: the loss's natural "
              "range)");
    addCount(app(), "--points", m_points, 2, kMaxPoints, "N",
             "number of points, 2 to " + std::to_string(kMaxPoints) +
                 " (default 401); evaluated and written 65,536 points at a time, so memory "
                 "stays bounded (about " +
                 std::to_string(static_cast<int>(kCurveBytesPerPoint + kCurveBytesPerElement)) +
                 " bytes per point of a piece)");
    addText(app(), "--variant", m_variant, "V",
            "which curve, e.g. positive, negative, similar (default: the first)");
    addCount(
        app(), "--classes", m_classes, 2, kMaxClasses, "K",
        "categorical curves: number of classes, 2 to " + std::to_string(kMaxClasses) +
            " (default 3); points × classes must fit in " + memoryBudgetText() + " (about " +
            std::to_string(static_cast<int>(kCurveBytesPerElement)) + " bytes each): at most " +
            std::to_string(static_cast<long long>(
                kMemoryBudget /
                (kCurveBytesPerPoint + static_cast<double>(kMaxClasses) * kCurveBytesPerElement))) +
            " points with " + std::to_string(kMaxClasses) + " classes");
    addList(app(), "--input", m_inputs, "NAME=FILE",
            "with --expr: a tensor the formula reads as NAME (repeatable), held at its first "
            "value along the curve");
    addOutputFile(app(), "--out", m_out, "FILE.csv",
                  "write the CSV to FILE (atomically) instead of standard output");
  }

  int run() override;

 private:
  LossOptions m_loss;
  std::optional<double> m_target;
  std::optional<double> m_from;
  std::optional<double> m_to;
  std::optional<long long> m_points;
  std::optional<std::string> m_variant;
  std::optional<long long> m_classes;
  std::optional<std::string> m_out;
  std::vector<std::string> m_inputs;
};

int CurveCommand::run() {
  if (!m_inputs.empty() && !m_loss.formula) {
    throw Error::usage(
        "--input applies to a formula (--expr); a built-in loss's curve fills "
        "its extra inputs itself");
  }
  const LossPtr loss = makeLoss(m_loss, name(), inputNamesOf(m_inputs));
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  CurveRequest request;
  for (const std::string& assignment : m_inputs) {
    const auto [input, path] = splitAssignment(assignment, "--input");
    const std::vector<ExtraInput>& extras = loss->info().extras;
    const std::string& wanted = input;
    if (std::none_of(extras.begin(), extras.end(),
                     [&wanted](const ExtraInput& e) { return e.name == wanted; })) {
      throw Error::usage("the formula does not read the input '" + input + "'");
    }
    if (request.inputValues.count(input)) {
      throw Error::usage("input '" + input + "' is given more than once");
    }
    request.inputValues[input] = readCsvFile(path).data.values(0, 0);
  }
  request.from = m_from.value_or(axis.from);
  request.to = m_to.value_or(axis.to);
  request.target = m_target.value_or(axis.target);
  request.points = static_cast<int>(m_points.value_or(401));
  request.classes = static_cast<int>(m_classes.value_or(3));
  request.variant = m_variant.value_or("");
  checkCurveMemory(*loss, request);
  if (request.from == request.to) {
    throw Error::usage("--from and --to must differ");
  }
  if (m_target && axis.kind != CurveKind::Residual) {
    warn("--target only applies to regression curves; '" + loss->info().id + "' is drawn against " +
         axis.xLabel);
  }

  // Streamed: the curve is evaluated in pieces of kPiecePoints points (the same x values and
  // results as one whole evaluation) and the CSV handed over as it grows, so memory stays
  // bounded (1e7 points are 0.5 GB of text). Rows before the first valid point are only
  // counted, and written (x,nan,nan,nan) once one is found: a curve with no valid point fails
  // before any output, as before. The output file is opened first, so it fails fast.
  CurveEvaluator evaluator;
  Output output(m_out);
  CsvWriter csv;
  csv.field("x").field("loss").field("dloss").field("d2loss").endRow();
  const double step = (request.to - request.from) / static_cast<double>(request.points - 1);
  const auto xAt = [&request, step](long long k) {
    return k == request.points - 1 ? request.to : request.from + step * static_cast<double>(k);
  };
  long long invalid = 0;
  long long heldInvalid = 0;  // leading invalid points not written yet
  bool seenValid = false;
  std::string problem;
  const int piece = curvePiecePoints(*loss, request);
  for (int first = 0; first < request.points; first += piece) {
    CurveRequest part = request;
    part.first = first;
    part.count = std::min(piece, request.points - first);
    const CurveData& data = evaluator.evaluate(*loss, part);
    if (data.invalidPoints > 0 && problem.empty()) {
      problem = data.problem;
    }
    invalid += data.invalidPoints;
    std::size_t k = 0;
    if (!seenValid) {
      const bool allInvalid = data.invalidPoints == static_cast<int>(data.x.size());
      if (allInvalid) {
        heldInvalid += static_cast<long long>(data.x.size());
        continue;
      }
      seenValid = true;
      for (long long h = 0; h < heldInvalid; ++h) {
        csv.number(xAt(h)).number(kNaN).number(kNaN).number(kNaN).endRow();
        if (csv.text().size() >= Output::kPiece) {
          output.write(csv.text());
          csv.clear();
        }
      }
    }
    for (; k < data.x.size(); ++k) {
      csv.number(data.x[k]).number(data.value[k]).number(data.d1[k]).number(data.d2[k]).endRow();
      if (csv.text().size() >= Output::kPiece) {
        output.write(csv.text());
        csv.clear();
      }
    }
  }
  if (!seenValid) {
    throw Error::data("every point of the curve is outside the loss's domain (" + problem + ")");
  }
  if (invalid > 0) {
    warn(std::to_string(invalid) + " of " + std::to_string(request.points) +
         " points are outside the loss's domain and are nan (first: " + problem + ")");
  }
  output.write(csv.text());
  output.finish();
  return 0;
}

}  // namespace

std::unique_ptr<Command> makeCurveCommand(CLI::App& parent) {
  return std::make_unique<CurveCommand>(parent);
}

}  // namespace losslab::cli
