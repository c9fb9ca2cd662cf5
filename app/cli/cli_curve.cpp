// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli curve: x, loss, dloss/dx, d²loss/dx² along the loss's 1-D path, as CSV.
#include <cmath>
#include <iostream>

#include "app/cli/cli_common.h"
#include "app/cli/cli_json.h"
#include "core/engine/curve.h"
#include "core/engine/error.h"

namespace losslab::cli {

namespace {

constexpr const char* kCurveHelp =
    R"(Usage: losslab-cli curve (--loss ID | --expr FORMULA) [--param NAME=VALUE]... [--target T]
                         [--from A] [--to B] [--points N] [--variant V] [--classes K]
                         [--out FILE.csv]

Prints the loss and its first and second derivative along the loss's natural 1-D path as CSV
with the header x,loss,dloss,d2loss (17 significant digits; nan where a value does not exist,
e.g. d2loss of a loss without an analytic second derivative).

The path depends on the loss: the prediction ŷ for a fixed target (regression), the score for a
label +1 or -1/0 (margin losses, from_logits=true), the probability for y = 1 or 0, the
probability of the true class among K classes, a pair distance (similar / dissimilar), ...
'losslab-cli list --json' shows each loss's variants. A formula (--expr) is a regression loss:
its path is the prediction for a fixed target.

Options:
  --loss ID           the loss ('losslab-cli list' shows every id)
  --expr FORMULA      a formula loss instead, e.g. 'square(r)' ('losslab-cli derive --help')
  --param NAME=VALUE  a loss or formula parameter (repeatable)
  --target T          regression curves: the fixed y_true (default 0, or 1 where 0 is outside
                      the loss's domain); x is then the prediction
  --from A, --to B    the x range (default: the loss's natural range)
  --points N          number of points, 2 to 10000000 (default 401)
  --variant V         which curve, e.g. positive, negative, similar (default: the first)
  --classes K         categorical curves: number of classes, 2 to 1000 (default 3)
  --out FILE.csv      write the CSV to FILE (atomically) instead of standard output
  -h, --help          show this help
)";

constexpr long long kMaxPoints = 10'000'000;

}  // namespace

int runCurve(const std::vector<std::string>& words) {
  const Arguments args("curve", words,
                       {{"--loss", true, false},
                        {"--expr", true, false},
                        {"--param", true, true},
                        {"--target", true, false},
                        {"--from", true, false},
                        {"--to", true, false},
                        {"--points", true, false},
                        {"--variant", true, false},
                        {"--classes", true, false},
                        {"--out", true, false}});
  if (args.help()) {
    std::cout << kCurveHelp;
    return 0;
  }
  const LossPtr loss = makeLoss(args);
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  CurveRequest request;
  request.from = args.number("--from").value_or(axis.from);
  request.to = args.number("--to").value_or(axis.to);
  request.target = args.number("--target").value_or(axis.target);
  request.points = static_cast<int>(args.count("--points", 2, kMaxPoints).value_or(401));
  request.classes = static_cast<int>(args.count("--classes", 2, 1000).value_or(3));
  request.variant = args.value("--variant").value_or("");
  if (request.from == request.to) {
    throw Error::usage("--from and --to must differ");
  }
  if (args.has("--target") && axis.kind != CurveKind::Residual) {
    warn("--target only applies to regression curves; '" + loss->info().id + "' is drawn against " +
         axis.xLabel);
  }

  CurveEvaluator evaluator;
  const CurveData& data = evaluator.evaluate(*loss, request);
  if (data.invalidPoints == static_cast<int>(data.x.size())) {
    throw Error::data("every point of the curve is outside the loss's domain (" + data.problem +
                      ")");
  }
  if (data.invalidPoints > 0) {
    warn(std::to_string(data.invalidPoints) + " of " + std::to_string(data.x.size()) +
         " points are outside the loss's domain and are nan (first: " + data.problem + ")");
  }

  std::string text = "x,loss,dloss,d2loss\n";
  text.reserve(text.size() + data.x.size() * 80);
  for (std::size_t k = 0; k < data.x.size(); ++k) {
    text += csvNumber(data.x[k]);
    text += ',';
    text += csvNumber(data.value[k]);
    text += ',';
    text += csvNumber(data.d1[k]);
    text += ',';
    text += csvNumber(data.d2[k]);
    text += '\n';
  }
  if (const auto out = args.value("--out")) {
    writeFileAtomically(*out, text);
  } else {
    std::cout << text;
  }
  return 0;
}

}  // namespace losslab::cli
