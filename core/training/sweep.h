// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/training/training_config.h"

namespace losslab {

/// One thing of a training configuration varied over a grid (issue 12: "which δ?").
///   name: a loss parameter ("delta", "margin", "temperature", "alpha", "c", …) or one of
///         lr, batch, outliers, outlier_magnitude, noise, samples, epochs, validation_split;
///   from … to in `count` points, equally spaced or (log) geometrically.
struct SweepAxis {
  static constexpr int kMaxPoints = 1000;

  std::string name;
  double from = 0;
  double to = 1;
  int count = 2;
  bool log = false;

  /// The grid values (integers for batch, samples and epochs: rounded, duplicates kept out).
  std::vector<double> values() const;

  bool operator==(const SweepAxis& other) const = default;
};

/// Parses NAME=FROM:TO[:log|lin]:COUNT ("delta=0.05:20:log:13"). Throws Error::usage naming
/// the part that is wrong.
SweepAxis parseSweepAxis(const std::string& text);

/// The metrics a sweep can rank by. Errors (lower is better) except r2 (higher is better).
///   val_loss, val_mae, val_rmse, val_r2, train_loss, train_mae, train_rmse: the last epoch's
///   metrics of the validation or training split (against the observed targets);
///   clean_mae, clean_rmse: validation predictions against the noise-free function (synthetic
///   data, metrics.h CleanMetrics); inlier_mae: validation inliers against their targets.
std::vector<std::string> sweepMetricNames();
bool higherIsBetter(const std::string& metric);

struct SweepRequest {
  TrainingConfig base;             // data, network, optimizer, epochs, first seed
  std::vector<LossChoice> losses;  // each trained at every point (a loss without the varied
                                   // parameter is trained unchanged: the reference line)
  SweepAxis vary;
  int seeds = 1;  // repeats per point with seeds base.seed, base.seed + 1, … (data + weights)
  std::string metric = "val_mae";
  int threads = 1;  // runs in parallel, each single-threaded
};

/// What the Sweep tab is set to, kept in the session file under "sweep" (session_file.h) so
/// that a saved session reopens with its sweep, and `losslab-cli sweep --session FILE` runs it.
/// Applied to a training configuration it gives a SweepRequest (sweepRequest()).
struct SweepPlan {
  SweepAxis vary{"delta", 0.05, 20, 13, true};
  int seeds = 3;
  std::string metric = "val_mae";
  std::vector<std::string> losses;  // ids; empty: the configuration's trained losses
  int epochs = 0;                   // 0: the configuration's

  bool operator==(const SweepPlan& other) const = default;
};

/// The request of `plan` on `base`: each loss with base's parameters for its id (defaults for
/// an id base does not have), epochs from the plan when it gives them, one thread.
SweepRequest sweepRequest(const TrainingConfig& base, const SweepPlan& plan);

/// One training run of the sweep.
struct SweepRun {
  int loss = 0;      // index into SweepRequest::losses
  double value = 0;  // the varied value
  std::uint64_t seed = 0;
  double metric = 0;  // NaN if diverged
  bool diverged = false;
  std::string message;  // why it diverged
};

/// Median, min and max of the metric over the seeds of one (loss, value) that did not diverge.
struct SweepSummary {
  int loss = 0;
  double value = 0;
  double median = 0;  // NaN if every seed diverged
  double min = 0;
  double max = 0;
  int diverged = 0;  // seeds that diverged (reported, never averaged in)
};

struct SweepResult {
  std::vector<SweepRun> runs;         // finished runs, ordered by (loss, value, seed)
  std::vector<SweepSummary> summary;  // ordered by (loss, value); only points with runs
  std::vector<SweepSummary> best;     // per loss: the point with the best median
  int total = 0;                      // runs asked for
  bool stopped = false;               // *stop was set: `runs` holds what finished
};

/// Throws Error::usage for a request that cannot run (unknown name or metric, no loss with the
/// varied parameter, a grid value outside the configuration's ranges, a metric that needs
/// clean targets on data without them, …), before any run starts.
void checkSweep(const SweepRequest& request);

/// The configuration of one run: the base with the value applied and the seed set — what
/// `losslab-cli train` (and the Training tab) trains to give the same numbers.
TrainingConfig sweepRunConfig(const SweepRequest& request,
                              int loss,
                              double value,
                              std::uint64_t seed);

/// Runs the whole grid on request.threads threads. The result does not depend on the thread
/// count: each run is deterministic for its (loss, value, seed) and stored in its place.
/// `progress(done, total)` is called (from worker threads, one at a time) after each run;
/// setting *stop makes the runs in flight stop after their current epoch (they are dropped)
/// and no new one start.
SweepResult runSweep(const SweepRequest& request,
                     const std::function<void(int done, int total)>& progress = {},
                     const std::atomic<bool>* stop = nullptr);

}  // namespace losslab
