// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/sweep.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <thread>

#include "core/engine/error.h"
#include "core/io/number_format.h"
#include "core/training/metrics.h"

namespace losslab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Configuration fields a sweep can vary (a loss parameter otherwise).
enum class Field {
  LossParameter,
  Lr,
  Batch,
  Outliers,
  OutlierMagnitude,
  Noise,
  Samples,
  Epochs,
  ValidationSplit
};

struct FieldName {
  Field field;
  const char* name;
  bool integer;
};
constexpr FieldName kFields[] = {
    {Field::Lr, "lr", false},
    {Field::Batch, "batch", true},
    {Field::Outliers, "outliers", false},
    {Field::OutlierMagnitude, "outlier_magnitude", false},
    {Field::Noise, "noise", false},
    {Field::Samples, "samples", true},
    {Field::Epochs, "epochs", true},
    {Field::ValidationSplit, "validation_split", false},
};

const FieldName* findField(const std::string& name) {
  for (const FieldName& f : kFields) {
    if (name == f.name) {
      return &f;
    }
  }
  return nullptr;
}

const char* const kMetrics[] = {"val_mae",   "val_rmse",   "val_loss",  "val_r2",     "train_loss",
                                "train_mae", "train_rmse", "clean_mae", "clean_rmse", "inlier_mae"};

double parseNumber(const std::string& text, const std::string& what) {
  std::size_t used = 0;
  double value = kNaN;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !std::isfinite(value)) {
    throw Error::usage("--vary: " + what + " '" + text + "' is not a finite number");
  }
  return value;
}

bool hasParameter(const LossChoice& choice, const std::string& name) {
  const LossPtr loss = createLoss(choice);
  const std::vector<ParamSpec>& specs = loss->info().params;
  return std::any_of(specs.begin(), specs.end(),
                     [&](const ParamSpec& spec) { return spec.id == name; });
}

void apply(TrainingConfig& config, LossChoice& loss, const std::string& name, double value) {
  const FieldName* f = findField(name);
  const auto whole = static_cast<Eigen::Index>(std::llround(value));
  switch (f ? f->field : Field::LossParameter) {
    case Field::LossParameter:
      if (hasParameter(loss, name)) {
        loss.params[name] = value;
      }
      break;
    case Field::Lr:
      config.optimizer.learningRate = value;
      break;
    case Field::Batch:
      config.optimizer.batchSize = whole;
      break;
    case Field::Outliers:
      config.data.outlierFraction = value;
      break;
    case Field::OutlierMagnitude:
      config.data.outlierMagnitude = value;
      break;
    case Field::Noise:
      config.data.noise = value;
      break;
    case Field::Samples:
      config.data.samples = whole;
      break;
    case Field::Epochs:
      config.epochs = static_cast<int>(whole);
      break;
    case Field::ValidationSplit:
      config.data.validationSplit = value;
      break;
  }
}

double metricOf(const std::string& name, Trainer& trainer) {
  if (name.rfind("train_", 0) == 0) {
    const RegressionMetrics m = trainer.metrics(Trainer::Set::Train);
    return name == "train_loss" ? m.loss : name == "train_mae" ? m.mae : m.rmse;
  }
  if (name == "clean_mae" || name == "clean_rmse" || name == "inlier_mae") {
    const CleanMetrics m =
        cleanMetrics(trainer.predictions(Trainer::Set::Validation), trainer.data().validation);
    return name == "clean_mae" ? m.cleanMae : name == "clean_rmse" ? m.cleanRmse : m.inlierMae;
  }
  const RegressionMetrics m = trainer.metrics(Trainer::Set::Validation);
  return name == "val_loss" ? m.loss : name == "val_mae" ? m.mae : name == "val_r2" ? m.r2 : m.rmse;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

}  // namespace

std::vector<double> SweepAxis::values() const {
  std::vector<double> out;
  const FieldName* f = findField(name);
  for (int k = 0; k < count; ++k) {
    const double t = count == 1 ? 0.0 : static_cast<double>(k) / (count - 1);
    double v = log ? from * std::pow(to / from, t) : from + (to - from) * t;
    if (k == count - 1) {
      v = to;  // exactly the bound the user wrote
    }
    if (f && f->integer) {
      v = std::round(v);
      if (!out.empty() && out.back() == v) {
        continue;
      }
    }
    out.push_back(v);
  }
  return out;
}

SweepAxis parseSweepAxis(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw Error::usage("--vary '" + text + "': expected NAME=FROM:TO[:log|lin]:COUNT");
  }
  SweepAxis axis;
  axis.name = text.substr(0, equals);
  std::vector<std::string> parts;
  std::size_t start = equals + 1;
  while (true) {
    const std::size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string::npos) {
      break;
    }
    start = colon + 1;
  }
  if (parts.size() != 3 && parts.size() != 4) {
    throw Error::usage("--vary '" + text + "': expected NAME=FROM:TO[:log|lin]:COUNT");
  }
  axis.from = parseNumber(parts[0], "FROM");
  axis.to = parseNumber(parts[1], "TO");
  if (parts.size() == 4) {
    if (parts[2] != "log" && parts[2] != "lin") {
      throw Error::usage("--vary '" + text + "': the scale is 'log' or 'lin', not '" + parts[2] +
                         "'");
    }
    axis.log = parts[2] == "log";
  }
  const std::string& count = parts.back();
  const double n = parseNumber(count, "COUNT");
  if (n != std::floor(n) || n < 1 || n > SweepAxis::kMaxPoints) {
    throw Error::usage("--vary: COUNT must be a whole number from 1 to " +
                       std::to_string(SweepAxis::kMaxPoints) + ", got '" + count + "'");
  }
  axis.count = static_cast<int>(n);
  if (axis.log && (axis.from <= 0 || axis.to <= 0)) {
    throw Error::usage("--vary: a log grid needs FROM and TO > 0");
  }
  return axis;
}

std::vector<std::string> sweepMetricNames() {
  return {std::begin(kMetrics), std::end(kMetrics)};
}

bool higherIsBetter(const std::string& metric) {
  return metric == "val_r2";
}

TrainingConfig sweepRunConfig(const SweepRequest& request,
                              int loss,
                              double value,
                              std::uint64_t seed) {
  TrainingConfig config = request.base;
  LossChoice choice = request.losses.at(static_cast<std::size_t>(loss));
  apply(config, choice, request.vary.name, value);
  config.seed = seed;
  config.compare = false;
  config.loss = choice;
  // One id has one set of parameters in a configuration (training_config.h).
  for (LossChoice& other : config.compareLosses) {
    if (other.id == choice.id) {
      other = choice;
    }
  }
  return config;
}

SweepRequest sweepRequest(const TrainingConfig& base, const SweepPlan& plan) {
  SweepRequest r;
  r.base = base;
  if (plan.epochs > 0) {
    r.base.epochs = plan.epochs;
  }
  const std::vector<LossChoice> known = base.trainedLosses();
  if (plan.losses.empty()) {
    r.losses = known;
  }
  for (const std::string& id : plan.losses) {
    LossChoice choice{id, {}, {}};
    for (const LossChoice& k : known) {
      if (k.id == id) {
        choice = k;
      }
    }
    r.losses.push_back(choice);
  }
  r.vary = plan.vary;
  r.seeds = plan.seeds;
  r.metric = plan.metric;
  return r;
}

void checkSweep(const SweepRequest& request) {
  if (request.losses.empty()) {
    throw Error::usage("sweep: give at least one loss");
  }
  const std::vector<std::string> metrics = sweepMetricNames();
  if (std::find(metrics.begin(), metrics.end(), request.metric) == metrics.end()) {
    std::string list;
    for (const std::string& m : metrics) {
      list += (list.empty() ? "" : ", ") + m;
    }
    throw Error::usage("sweep: unknown metric '" + request.metric + "' (one of " + list + ")");
  }
  if (request.seeds < 1 || request.seeds > 1000) {
    throw Error::usage("sweep: --seeds must be from 1 to 1000");
  }
  if (request.threads < 1 || request.threads > 256) {
    throw Error::usage("sweep: --threads must be from 1 to 256");
  }
  const SweepAxis& axis = request.vary;
  if (axis.count < 1 || axis.count > SweepAxis::kMaxPoints) {
    throw Error::usage("sweep: the grid needs 1 to " + std::to_string(SweepAxis::kMaxPoints) +
                       " points");
  }
  if (!findField(axis.name)) {
    bool any = false;
    for (const LossChoice& loss : request.losses) {
      any = any || hasParameter(loss, axis.name);
    }
    if (!any) {
      throw Error::usage("sweep: '" + axis.name +
                         "' is neither a loss parameter of the losses given nor one of lr, batch, "
                         "outliers, outlier_magnitude, noise, samples, epochs, validation_split");
    }
  }
  if (request.metric.rfind("clean_", 0) == 0 && makeTrainingData(request.base).clean.size() == 0) {
    throw Error::usage("sweep: " + request.metric +
                       " needs clean targets (a generated data set); use val_mae or val_rmse");
  }
  // Every point must be a valid configuration: refuse the whole grid before running any of it.
  for (int loss = 0; loss < static_cast<int>(request.losses.size()); ++loss) {
    for (const double value : axis.values()) {
      const TrainingConfig config = sweepRunConfig(request, loss, value, request.base.seed);
      if (const std::string problem = fullConfigProblem(config); !problem.empty()) {
        throw Error::usage("sweep: at " + axis.name + " = " + formatShortest(value) + ": " +
                           problem);
      }
    }
  }
}

SweepResult runSweep(const SweepRequest& request,
                     const std::function<void(int done, int total)>& progress,
                     const std::atomic<bool>* stop) {
  checkSweep(request);
  const std::vector<double> values = request.vary.values();
  const int lossCount = static_cast<int>(request.losses.size());
  const int valueCount = static_cast<int>(values.size());
  const int total = lossCount * valueCount * request.seeds;
  std::vector<SweepRun> runs(static_cast<std::size_t>(total));
  std::vector<char> finished(static_cast<std::size_t>(total), 0);
  std::atomic<int> next{0};
  std::atomic<int> done{0};
  std::mutex progressMutex;
  auto stopped = [stop] { return stop && stop->load(std::memory_order_relaxed); };

  auto work = [&] {
    for (int task = next++; task < total && !stopped(); task = next++) {
      // task = ((loss · values) + value) · seeds + seed: the order of SweepResult::runs.
      const int seedIndex = task % request.seeds;
      const int value = (task / request.seeds) % valueCount;
      const int loss = task / (request.seeds * valueCount);
      SweepRun& run = runs[static_cast<std::size_t>(task)];
      run.loss = loss;
      run.value = values[static_cast<std::size_t>(value)];
      run.seed = request.base.seed + static_cast<std::uint64_t>(seedIndex);
      const TrainingConfig config = sweepRunConfig(request, loss, run.value, run.seed);
      try {
        Trainer trainer(makeTrainingData(config), mlpOptions(config), createLoss(config.loss),
                        trainOptions(config));
        const EpochReport last =
            trainer.run(config.epochs, [&](const EpochReport&) { return stopped(); });
        if (stopped() && last.epoch < config.epochs && !last.diverged) {
          continue;  // interrupted: not a result
        }
        run.diverged = last.diverged;
        run.message = last.message;
        run.metric = last.diverged ? kNaN : metricOf(request.metric, trainer);
      } catch (const Error& error) {
        // A loss outside its domain mid-run (tweedie with ŷ ≤ 0, …): reported like divergence.
        run.diverged = true;
        run.message = error.what();
        run.metric = kNaN;
      }
      finished[static_cast<std::size_t>(task)] = 1;
      const int count = ++done;
      if (progress) {
        const std::lock_guard lock(progressMutex);
        progress(count, total);
      }
    }
  };
  const int workers = std::clamp(request.threads, 1, std::max(total, 1));
  if (workers == 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < workers; ++t) {
      pool.emplace_back(work);
    }
    for (std::thread& thread : pool) {
      thread.join();
    }
  }

  SweepResult result;
  result.total = total;
  result.stopped = stopped() && done.load() < total;
  for (int task = 0; task < total; ++task) {
    if (finished[static_cast<std::size_t>(task)]) {
      result.runs.push_back(runs[static_cast<std::size_t>(task)]);
    }
  }
  const bool higher = higherIsBetter(request.metric);
  for (int loss = 0; loss < lossCount; ++loss) {
    const SweepSummary* best = nullptr;
    for (int value = 0; value < valueCount; ++value) {
      std::vector<double> metrics;
      int diverged = 0;
      int seen = 0;
      for (const SweepRun& run : result.runs) {
        if (run.loss == loss && run.value == values[static_cast<std::size_t>(value)]) {
          ++seen;
          if (run.diverged || std::isnan(run.metric)) {
            ++diverged;
          } else {
            metrics.push_back(run.metric);
          }
        }
      }
      if (seen == 0) {
        continue;
      }
      SweepSummary s;
      s.loss = loss;
      s.value = values[static_cast<std::size_t>(value)];
      s.diverged = diverged;
      s.median = metrics.empty() ? kNaN : median(metrics);
      s.min = metrics.empty() ? kNaN : *std::min_element(metrics.begin(), metrics.end());
      s.max = metrics.empty() ? kNaN : *std::max_element(metrics.begin(), metrics.end());
      result.summary.push_back(s);
    }
    for (const SweepSummary& s : result.summary) {
      if (s.loss == loss && !std::isnan(s.median) &&
          (!best || (higher ? s.median > best->median : s.median < best->median))) {
        best = &s;
      }
    }
    if (best) {
      result.best.push_back(*best);
    }
  }
  return result;
}

}  // namespace losslab
