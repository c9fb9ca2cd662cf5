// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli landscape: the training loss over a plane (core/training/landscape.h) — exact over
// (w, b) for a linear model with one feature, or a slice through a trained network's weights
// along two filter-normalised random or PCA directions — with the optimizer's path on it.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <thread>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_loss.h"
#include "app/cli/training_options.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/io/csv_writer.h"
#include "core/io/json_writer.h"
#include "core/io/number_format.h"
#include "core/training/landscape.h"
#include "core/training/random.h"
#include "core/training/trainer.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(The training loss (the loss with its default reduction on the training split of the data the
options of 'losslab-cli train' describe) over a plane:

  exact   for a linear model (--hidden none) on data with one feature, L(w, b) of y^ = w x + b
          over a (w, b) grid: MSE's bowl centred on the least-squares line, MAE's polyhedral
          valley, Huber's bowl with linear walls. Also the least-squares, least-absolute and
          Huber (delta of the loss if it is huber, else 1) optima and the chosen loss's own.
  random  for any network: the network is trained (--epochs), then L(theta* + a d1 + b d2)
          along two random directions normalised filter by filter (Li et al., 2018,
          "Visualizing the Loss Landscape of Neural Nets"), drawn from --seed.
  pca     as random, along the top two principal directions of the recorded trajectory (the
          weights after every epoch; needs --epochs 2 or more).

--directions defaults to exact for --hidden none and one feature, else random. The slices
also give the 1-D slice: the loss along the line from the initial to the final weights, at
--grid points of t in [0, 1] (JSON "line").
)";

constexpr const char* kFooter =
    R"(--range: W0:W1,B0:B1 (exact: w and b; slices: a and b), or auto (the default): exact frames the
least-squares line and the data's slope scale, and the trajectory if asked; random uses
[-1, 1] x [-1, 1]; pca frames the projected trajectory with a quarter of margin.

Output: a summary, or --json: {"directions", "loss", "params", "axes": {AXIS: {"from", "to",
"count"}, ...}, "values": [[...]] (row j is the second axis' j-th value, column i the first
axis'), "minimum": {AXIS, AXIS, "loss"} (the smallest grid value), "optima" (exact:
{"least_squares", "least_absolute", "huber", "loss"}, each {"w", "b", "loss"} with the chosen
loss's value there), "line" (slices: [{"t", "loss"}]), "trajectory" (with --trajectory:
[{"epoch", AXIS, AXIS, "loss"}], epoch 0 the initial weights; slices: the weights projected
on the plane and their own loss)}. AXIS is w and b (exact) or a and b (slices). --out writes
the grid as CSV w,b,loss (exact) or a,b,loss (slices), one row per point; --trajectory-out
writes the trajectory rows separately: epoch,w,b,loss or epoch,a,b,loss. Computed on
--threads threads, the same numbers for any count.

Exit status: 0 success, 1 data error or a training run that diverged, 2 usage error.)";

constexpr std::uint64_t kDirectionSeedStream = 16;  // d1; d2 uses the next stream

struct Options {
  std::optional<long long> grid;
  std::optional<std::string> range;
  std::optional<std::string> directions;
  std::optional<long long> threads;
  std::optional<std::string> out;
  std::optional<std::string> trajectoryOut;
  bool trajectory = false;
  bool json = false;
};

struct TrajectoryPoint {
  int epoch = 0;
  double a = 0;
  double b = 0;
  double loss = 0;
};

struct Optimum {
  const char* name;
  double w;
  double b;
  double loss;  // the chosen loss at (w, b)
};

struct Result {
  std::string directions;
  std::string first = "w";  // axis names
  std::string second = "b";
  LossGrid grid;
  std::vector<Optimum> optima;
  std::vector<double> line;
  GridAxis lineAxis{0, 1, 2};
  std::vector<TrajectoryPoint> trajectory;
};

/// Frames `points` (and the current bounds if `keep`) with a margin.
void frame(GridAxis& axis, double lo, double hi, bool keep, double margin) {
  if (keep) {
    lo = std::min(lo, axis.from);
    hi = std::max(hi, axis.to);
  }
  const double pad = std::max(margin * (hi - lo), 1e-9);
  axis.from = lo - (keep ? 0 : pad);
  axis.to = hi + (keep ? 0 : pad);
}

void parseRanges(const std::string& text, GridAxis& first, GridAxis& second) {
  const std::size_t comma = text.find(',');
  if (comma == std::string::npos) {
    throw Error::usage("--range takes W0:W1,B0:B1 or auto, not '" + text + "'");
  }
  std::tie(first.from, first.to) = parseRange(text.substr(0, comma), "--range");
  std::tie(second.from, second.to) = parseRange(text.substr(comma + 1), "--range");
}

/// The loss of `model`'s layout at parameters `theta` on `data`.
double lossAt(const Mlp& model,
              const Dataset& data,
              const Loss& loss,
              const Eigen::VectorXd& theta) {
  return lineSlice(model, data, loss, theta, theta, GridAxis{0, 1, 2}).front();
}

void stopTrainer(void* trainer) {
  static_cast<Trainer*>(trainer)->requestStop();  // an atomic store: safe in a signal handler
}

/// Trains `trainer` for `epochs`, keeping the parameters at the start and after every epoch.
/// Usage errors for a diverged run (the landscape of a diverged run says nothing).
std::vector<Eigen::VectorXd> trainRecording(Trainer& trainer, int epochs) {
  std::vector<Eigen::VectorXd> thetas{trainer.model().parameters()};
  setInterruptAction(stopTrainer, &trainer);
  const EpochReport last = trainer.run(epochs, [&](const EpochReport& report) {
    if (!report.stopped && !report.diverged) {
      thetas.push_back(trainer.model().parameters());
    }
    return pendingInterrupt() != 0;
  });
  setInterruptAction(nullptr, nullptr);
  stopIfInterrupted();
  if (last.diverged) {
    throw Error::data(last.message);
  }
  return thetas;
}

class LandscapeCommand final : public Command {
 public:
  explicit LandscapeCommand(CLI::App& parent)
      : Command(parent,
                "landscape",
                "the loss over a (w, b) grid of a linear model, or a 2-D slice through a trained "
                "network's weights, with the optimizer's path",
                kDetails,
                kFooter) {
    CLI::App& cmd = app();
    addDataOptions(cmd, m_training);
    LossOptionHelp help;
    help.loss = "the loss (required); one real target per sample, as for train";
    addLossOptions(cmd, m_loss, help);
    addModelOptions(cmd, m_training);
    addText(cmd, "--directions", m_options.directions, "exact|random|pca",
            "the plane (default: exact for --hidden none and one feature, else random)");
    addCount(cmd, "--grid", m_options.grid, 2, 1001, "N",
             "points per axis (default 101): an N x N grid");
    addText(cmd, "--range", m_options.range, "W0:W1,B0:B1|auto",
            "the grid's bounds (default auto)");
    addFlag(cmd, "--trajectory", m_options.trajectory,
            "also the optimizer's path: the weights at the start and after every epoch");
    addCount(cmd, "--threads", m_options.threads, 1, 256, "T",
             "threads for the grid (default: the number of cores)");
    addOutputFile(cmd, "--out", m_options.out, "FILE.csv",
                  "the grid as CSV: w,b,loss (exact) or a,b,loss (slices)");
    addOutputFile(cmd, "--trajectory-out", m_options.trajectoryOut, "FILE.csv",
                  "the trajectory as CSV: epoch,w,b,loss or epoch,a,b,loss (implies "
                  "--trajectory)");
    addFlag(cmd, "--json", m_options.json, "print the result as one JSON object");
  }

  int run() override;

 private:
  Result exact(const TrainingConfig& config, Trainer& trainer, const Loss& loss, int threads);
  Result slice(const TrainingConfig& config,
               Trainer& trainer,
               const Loss& loss,
               const std::string& directions,
               int threads);
  void print(const Result& result, const Loss& loss) const;

  TrainingOptions m_training;
  LossOptions m_loss;
  Options m_options;
};

Result LandscapeCommand::exact(const TrainingConfig& config,
                               Trainer& trainer,
                               const Loss& loss,
                               int threads) {
  const Dataset& train = trainer.data().train;
  if (!config.network.hidden.empty() || train.featureCount() != 1) {
    throw Error::usage(
        "--directions exact needs a linear model (--hidden none) on data with one "
        "feature; use random or pca for a network");
  }
  Result result;
  result.directions = "exact";
  const auto count = static_cast<int>(m_options.grid.value_or(101));
  GridAxis w{-1, 1, count};
  GridAxis b{-1, 1, count};
  const bool automatic = !m_options.range || *m_options.range == "auto";
  if (automatic) {
    autoLinearRange(train, w, b);
  } else {
    parseRanges(*m_options.range, w, b);
  }
  if (m_options.trajectory) {
    for (const Eigen::VectorXd& theta : trainRecording(trainer, config.epochs)) {
      TrajectoryPoint p;
      p.epoch = static_cast<int>(result.trajectory.size());
      p.a = theta(0);  // the linear model's parameters: [w, b]
      p.b = theta(1);
      p.loss = linearLoss(train, loss, p.a, p.b);
      result.trajectory.push_back(p);
    }
    if (automatic) {
      const auto [wLo, wHi] = std::minmax_element(
          result.trajectory.begin(), result.trajectory.end(),
          [](const TrajectoryPoint& p, const TrajectoryPoint& q) { return p.a < q.a; });
      const auto [bLo, bHi] = std::minmax_element(
          result.trajectory.begin(), result.trajectory.end(),
          [](const TrajectoryPoint& p, const TrajectoryPoint& q) { return p.b < q.b; });
      frame(w, wLo->a, wHi->a, true, 0);
      frame(b, bLo->b, bHi->b, true, 0);
    }
  }
  result.grid = linearLandscape(train, loss, w, b, threads);
  const LinearOptimum ls = leastSquares(train);
  const LossRegistry& registry = LossRegistry::instance();
  const LinearOptimum lad = minimizeLinear(train, *registry.create("mean_absolute_error"), ls);
  const LossPtr huber = loss.info().id == "huber" ? registry.create("huber", loss.params())
                                                  : registry.create("huber");
  const LinearOptimum hub = minimizeLinear(train, *huber, ls);
  const LinearOptimum own = minimizeLinear(train, loss, ls);
  for (const auto& [name, o] : {std::pair{"least_squares", ls}, std::pair{"least_absolute", lad},
                                std::pair{"huber", hub}, std::pair{"loss", own}}) {
    result.optima.push_back({name, o.w, o.b, linearLoss(train, loss, o.w, o.b)});
  }
  return result;
}

Result LandscapeCommand::slice(const TrainingConfig& config,
                               Trainer& trainer,
                               const Loss& loss,
                               const std::string& directions,
                               int threads) {
  if (directions == "pca" && config.epochs < 2) {
    throw Error::usage("--directions pca needs a trajectory of at least 2 epochs (--epochs 2)");
  }
  const Dataset& train = trainer.data().train;
  Result result;
  result.directions = directions;
  result.first = "a";
  const std::vector<Eigen::VectorXd> thetas = trainRecording(trainer, config.epochs);
  const Mlp& model = trainer.model();
  const Eigen::VectorXd& center = thetas.back();
  Eigen::VectorXd d1;
  Eigen::VectorXd d2;
  if (directions == "pca") {
    std::tie(d1, d2) = principalDirections(thetas);
  } else {
    d1 = filterNormalizedDirection(model, center, deriveSeed(config.seed, kDirectionSeedStream));
    d2 =
        filterNormalizedDirection(model, center, deriveSeed(config.seed, kDirectionSeedStream + 1));
  }
  const bool wanted = m_options.trajectory || directions == "pca";
  std::vector<TrajectoryPoint> path;
  for (std::size_t t = 0; t < thetas.size() && wanted; ++t) {
    const Eigen::Vector2d ab = projectOnPlane(thetas[t], center, d1, d2);
    path.push_back({static_cast<int>(t), ab(0), ab(1), lossAt(model, train, loss, thetas[t])});
  }
  const auto count = static_cast<int>(m_options.grid.value_or(101));
  GridAxis a{-1, 1, count};
  GridAxis b{-1, 1, count};
  if (m_options.range && *m_options.range != "auto") {
    parseRanges(*m_options.range, a, b);
  } else if (directions == "pca") {
    double reach = 0;
    for (const TrajectoryPoint& p : path) {
      reach = std::max({reach, std::fabs(p.a), std::fabs(p.b)});
    }
    reach = 1.25 * std::max(reach, 1e-6);
    a = {-reach, reach, count};
    b = {-reach, reach, count};
  }
  result.grid = sliceLandscape(model, train, loss, center, d1, d2, a, b, threads);
  result.lineAxis = {0, 1, count};
  result.line = lineSlice(model, train, loss, thetas.front(), center, result.lineAxis);
  if (m_options.trajectory) {
    result.trajectory = path;
  }
  return result;
}

std::string gridCsv(const Result& r) {
  CsvWriter csv;
  csv.field(r.first).field(r.second).field("loss").endRow();
  for (int j = 0; j < r.grid.b.count; ++j) {
    for (int i = 0; i < r.grid.a.count; ++i) {
      csv.number(r.grid.a.at(i)).number(r.grid.b.at(j)).number(r.grid.values(j, i)).endRow();
    }
  }
  return csv.take();
}

std::string trajectoryCsv(const Result& r) {
  CsvWriter csv;
  csv.field("epoch").field(r.first).field(r.second).field("loss").endRow();
  for (const TrajectoryPoint& p : r.trajectory) {
    csv.field(std::to_string(p.epoch)).number(p.a).number(p.b).number(p.loss).endRow();
  }
  return csv.take();
}

/// The grid point with the smallest value: (i, j).
std::pair<int, int> gridMinimum(const LossGrid& grid) {
  Eigen::Index row = 0;
  Eigen::Index column = 0;
  grid.values.minCoeff(&row, &column);
  return {static_cast<int>(column), static_cast<int>(row)};
}

std::string jsonText(const Result& r, const Loss& loss) {
  JsonWriter json;
  json.beginObject();
  json.key("directions").string(r.directions);
  json.key("loss").string(loss.info().id);
  json.key("params").beginObject();
  for (const auto& [name, value] : loss.params()) {
    json.key(name).number(value);
  }
  json.endObject();
  json.key("axes").beginObject();
  for (const auto& [name, axis] : {std::pair{r.first, r.grid.a}, std::pair{r.second, r.grid.b}}) {
    json.key(name).beginObject();
    json.key("from").number(axis.from).key("to").number(axis.to).key("count").integer(axis.count);
    json.endObject();
  }
  json.endObject();
  json.key("values").beginArray();
  for (int j = 0; j < r.grid.b.count; ++j) {
    json.beginArray();
    for (int i = 0; i < r.grid.a.count; ++i) {
      json.number(r.grid.values(j, i));
    }
    json.endArray();
  }
  json.endArray();
  const auto [i, j] = gridMinimum(r.grid);
  json.key("minimum").beginObject();
  json.key(r.first).number(r.grid.a.at(i)).key(r.second).number(r.grid.b.at(j));
  json.key("loss").number(r.grid.values(j, i)).endObject();
  if (!r.optima.empty()) {
    json.key("optima").beginObject();
    for (const Optimum& o : r.optima) {
      json.key(o.name).beginObject();
      json.key("w").number(o.w).key("b").number(o.b).key("loss").number(o.loss).endObject();
    }
    json.endObject();
  }
  if (!r.line.empty()) {
    json.key("line").beginArray();
    for (int k = 0; k < r.lineAxis.count; ++k) {
      json.beginObject().key("t").number(r.lineAxis.at(k));
      json.key("loss").number(r.line[static_cast<std::size_t>(k)]).endObject();
    }
    json.endArray();
  }
  if (!r.trajectory.empty()) {
    json.key("trajectory").beginArray();
    for (const TrajectoryPoint& p : r.trajectory) {
      json.beginObject().key("epoch").integer(p.epoch);
      json.key(r.first).number(p.a).key(r.second).number(p.b);
      json.key("loss").number(p.loss).endObject();
    }
    json.endArray();
  }
  json.endObject();
  return json.text() + '\n';
}

void LandscapeCommand::print(const Result& r, const Loss& loss) const {
  const auto axis = [](const GridAxis& g) {
    return "[" + formatSignificant(g.from, 6) + ", " + formatSignificant(g.to, 6) + "]";
  };
  std::cout << "landscape   " << r.directions << ", " << describe(loss) << ", " << r.grid.a.count
            << " x " << r.grid.b.count << " grid, " << r.first << " in " << axis(r.grid.a) << ", "
            << r.second << " in " << axis(r.grid.b) << '\n';
  const auto [i, j] = gridMinimum(r.grid);
  std::cout << "minimum     " << formatSignificant(r.grid.values(j, i), 6) << " at " << r.first
            << " = " << formatSignificant(r.grid.a.at(i), 6) << ", " << r.second << " = "
            << formatSignificant(r.grid.b.at(j), 6) << " (grid)\n";
  for (const Optimum& o : r.optima) {
    std::cout << "optimum     " << o.name << ": w = " << formatSignificant(o.w, 6)
              << ", b = " << formatSignificant(o.b, 6) << " (loss there "
              << formatSignificant(o.loss, 6) << ")\n";
  }
  if (!r.line.empty()) {
    std::cout << "line        initial -> final weights: loss "
              << formatSignificant(r.line.front(), 6) << " -> "
              << formatSignificant(r.line.back(), 6) << '\n';
  }
  if (!r.trajectory.empty()) {
    const TrajectoryPoint& first = r.trajectory.front();
    const TrajectoryPoint& last = r.trajectory.back();
    std::cout << "trajectory  " << r.trajectory.size() << " points, ("
              << formatSignificant(first.a, 6) << ", " << formatSignificant(first.b, 6) << ") -> ("
              << formatSignificant(last.a, 6) << ", " << formatSignificant(last.b, 6) << "), loss "
              << formatSignificant(first.loss, 6) << " -> " << formatSignificant(last.loss, 6)
              << '\n';
  }
}

int LandscapeCommand::run() {
  TrainingConfig config = configFromOptions(m_training, name());
  const LossChoice choice = lossChoice(m_loss, name());
  config.loss = choice;
  config.compare = false;
  if (m_options.trajectoryOut) {
    m_options.trajectory = true;
  }
  const Dataset data = cliTrainingData(config);
  const bool linear = config.network.hidden.empty() && data.featureCount() == 1;
  const std::string directions = m_options.directions.value_or(linear ? "exact" : "random");
  if (directions != "exact" && directions != "random" && directions != "pca") {
    throw Error::usage("--directions takes exact, random or pca, not '" + directions + "'");
  }
  const int threads = static_cast<int>(
      m_options.threads.value_or(std::max(1u, std::thread::hardware_concurrency())));
  TrainOptions train = trainOptions(config);
  train.computeMetrics = false;
  train.batchSize = std::min<Eigen::Index>(train.batchSize, data.size());
  checkTrainMemory(data, config.network.hidden, train.batchSize);
  const LossPtr loss = createLoss(choice);
  Trainer trainer(data, mlpOptions(config), loss, train);
  const Result result = directions == "exact" ? exact(config, trainer, *loss, threads)
                                              : slice(config, trainer, *loss, directions, threads);
  if (m_options.out) {
    writeOutput(m_options.out, gridCsv(result));
  }
  if (m_options.trajectoryOut) {
    writeOutput(m_options.trajectoryOut, trajectoryCsv(result));
  }
  if (m_options.json) {
    writeOutput(std::nullopt, jsonText(result, *loss));
  } else {
    print(result, *loss);
  }
  return 0;
}

}  // namespace

std::unique_ptr<Command> makeLandscapeCommand(CLI::App& parent) {
  return std::make_unique<LandscapeCommand>(parent);
}

}  // namespace losslab::cli
