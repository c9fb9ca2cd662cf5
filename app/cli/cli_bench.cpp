// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli bench: the median wall time of Loss::valueAndGradient (the training path) with the
// loss's default reduction on N random inputs prepared before timing.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_limits.h"
#include "app/cli/cli_loss.h"
#include "core/engine/curve.h"
#include "core/engine/error.h"
#include "core/engine/pipeline.h"
#include "core/io/json_writer.h"
#include "core/io/number_format.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Times Loss::valueAndGradient (value and gradient in one pass, the loss's default reduction) on
about N random doubles of y_pred, prepared before timing, and reports the median of R runs
(std::chrono::steady_clock).

Inputs: regression losses get y_pred and y_true drawn from N(0, 1); other losses get random
points of their curve (probabilities in (0, 1), labels, the extra inputs they need), with K = 3
classes for categorical losses, so N counts y_pred elements.
)";

constexpr std::uint64_t kSeed = 20240601;  // fixed: the same data on every run
constexpr long long kMaxElements = 1'000'000'000;

class BenchCommand final : public Command {
 public:
  explicit BenchCommand(CLI::App& parent)
      : Command(parent, "bench", "time value-and-gradient on random data", kDetails) {
    LossOptionHelp help;
    help.expr =
        "a formula loss instead ('losslab-cli derive --help'), e.g. to compare a custom Huber "
        "with the built-in one";
    help.param = "a loss parameter (repeatable)";
    addLossOptions(app(), m_loss, help);
    addCount(app(), "--n", m_n, 1, kMaxElements, "N",
             "number of y_pred elements (default 10000000; 1e7 is accepted); at most what fits "
             "in " +
                 memoryBudgetText() +
                 " (about 48 bytes per element, 24 more per extra "
                 "input: 89478485 for huber)");
    addCount(app(), "--repeat", m_repeat, 1, 1000, "R", "timed runs (default 5)");
    addFlag(app(), "--json", m_json, "print {\"loss\", \"n\", \"seconds\", \"melem_per_s\"}");
  }

  int run() override;

 private:
  LossOptions m_loss;
  std::optional<long long> m_n;
  std::optional<long long> m_repeat;
  bool m_json = false;
};

int BenchCommand::run() {
  const LossPtr loss = makeLoss(m_loss, name());
  const long long n = m_n.value_or(10'000'000);
  const int repeat = static_cast<int>(m_repeat.value_or(5));

  // Inputs: points of the loss's curve at random x (valid inputs for any loss); regression
  // losses with a zero default target get N(0, 1) for both y_pred and y_true instead, the data
  // PyTorch's benchmark uses.
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  CurveRequest request;
  const std::vector<double> probe{0.5 * (axis.from + axis.to)};
  request.target = axis.target;
  const CurveInputs one = curveInputs(*loss, request, probe);
  const Eigen::Index cols = one.yPred.cols();
  const double bytesPerElement =
      kBenchBytesPerElement + kBenchBytesPerExtra * static_cast<double>(one.extras.size());
  checkMemory(static_cast<double>(n) * bytesPerElement, "--n " + std::to_string(n),
              "use at most --n " +
                  std::to_string(static_cast<long long>(kMemoryBudget / bytesPerElement)) +
                  " for '" + loss->info().id + "'");
  const auto rows = static_cast<std::size_t>(std::max<long long>(1, n / cols));
  std::mt19937_64 generator(kSeed);
  std::vector<double> x(rows);
  std::uniform_real_distribution<double> uniform(axis.from, axis.to);
  for (double& value : x) {
    value = uniform(generator);
  }
  CurveInputs data = curveInputs(*loss, request, x);
  if (axis.kind == CurveKind::Residual && axis.target == 0 && data.yPred.cols() == 1) {
    std::normal_distribution<double> normal;
    for (Eigen::Index i = 0; i < data.yPred.rows(); ++i) {
      data.yPred(i, 0) = normal(generator);
      data.yTrue(i, 0) = normal(generator);
    }
  }
  const LossInputs inputs = data.view();
  const Reduction reduction = defaultReduction(loss->info());
  Tensor grad(data.yPred.rows(), data.yPred.cols());

  volatile double sink = loss->valueAndGradient(inputs, reduction, grad);  // warm-up, checks
  std::vector<double> seconds;
  for (int r = 0; r < repeat; ++r) {
    stopIfInterrupted();
    const auto start = std::chrono::steady_clock::now();
    sink = loss->valueAndGradient(inputs, reduction, grad);
    const auto stop = std::chrono::steady_clock::now();
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  (void)sink;
  std::sort(seconds.begin(), seconds.end());
  const std::size_t mid = seconds.size() / 2;
  const double median = seconds.size() % 2 ? seconds[mid] : 0.5 * (seconds[mid - 1] + seconds[mid]);
  const auto elements = static_cast<double>(data.yPred.size());
  const double rate = median > 0 ? elements / median / 1e6 : 0.0;

  if (m_json) {
    JsonWriter json;
    json.beginObject();
    json.key("loss").string(loss->info().id);
    json.key("n").integer(static_cast<long long>(data.yPred.size()));
    json.key("seconds").number(median);
    json.key("melem_per_s").number(rate);
    json.endObject();
    std::cout << json.text() << '\n';
  } else {
    std::cout << describe(*loss) << ": n = " << data.yPred.size() << ", median "
              << formatSignificant(median, 6) << " s of " << repeat << " runs, "
              << formatSignificant(rate, 4) << " Melem/s (" << reductionName(reduction) << ")\n";
  }
  return 0;
}
}  // namespace

std::unique_ptr<Command> makeBenchCommand(CLI::App& parent) {
  return std::make_unique<BenchCommand>(parent);
}

}  // namespace losslab::cli
