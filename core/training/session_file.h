// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include <optional>

#include "core/training/dataset.h"
#include "core/training/sweep.h"
#include "core/training/training_config.h"

namespace losslab {

/// Session files: a TrainingConfig as JSON, written by the Training tab and by
/// `losslab-cli train --save-session`, read by both.
///
///   {"format": "losslab-session", "version": 1, "seed": "0",
///    "data": {"kind": "sine", "samples": 500, "noise": 0.1, "outlier_fraction": 0,
///             "outlier_magnitude": 20, "validation_split": 0.2
///             [, "csv_path": "…", "csv_target": "…", "csv_features": ["…"]]},
///    "model": {"hidden": [16, 32], "activation": "relu"},
///    "optimizer": {"kind": "adam", "lr": 0.01, "batch": 32, "epochs": 200},
///    "loss": {"id": "mean_squared_error", "params": {} [, "formula": "…"]},
///    "compare": {"on": false, "losses": [{"id": …, "params": …}, …], "focus": "…"}
///    [, "sweep": {"vary": "delta", "from": 0.05, "to": 20, "count": 13, "log": true,
///                 "seeds": 3, "metric": "val_mae", "losses": ["huber", …], "epochs": 0}]
///    [, "edited_data": {"train": {"x": […], "y": […], "y_clean": […], "outlier": [false, …]},
///                       "validation": {…}}]}
///
/// The seed is a string (a JSON number is a double; 2^53 is the limit either way). Numbers are
/// written shortest round trip, so a value reads back as the same double. "kind" "csv" means
/// the csv_* keys; "momentum" (SGD with μ = 0.9) is the CLI's optimizer of that name; a
/// "custom:NAME" loss carries its "formula" (files written before formulas were stored name the
/// loss only: the GUI then finds it in its custom-loss library).
inline constexpr int kSessionFormatVersion = 1;

/// Pretty-printed JSON of `config` (a trailing newline), with the Sweep tab's plan if given.
/// `edited`: points edited by hand in the fit plot (sample_edits.h), the split the run trains
/// on instead of the configuration's data ("y_clean" only when every sample has one).
std::string sessionToJson(const TrainingConfig& config,
                          const std::optional<SweepPlan>& sweep = std::nullopt,
                          const DatasetSplit* edited = nullptr);

/// The "edited_data" object of a session file's contents (nullopt when absent), a 1-D split
/// with the given feature and target names. Throws Error::data naming the key: lists of finite
/// numbers of one length ("\"edited_data.train.y\" must be a list of 12 finite numbers"),
/// booleans for "outlier", at least one training sample, at most kMaxSamples in all.
std::optional<DatasetSplit> editedDataFromJson(std::string_view json);

/// The "sweep" object of a session file's contents (nullopt when absent: files written before
/// sweeps, or by `train --save-session`). Throws Error::data naming the key ("\"sweep.seeds\"
/// must be …"); whether the plan fits the configuration is checkSweep()'s to say.
std::optional<SweepPlan> sweepPlanFromJson(std::string_view json);

/// A whole session file: the configuration (readSessionFile) and the sweep plan.
struct Session {
  TrainingConfig config;
  std::optional<SweepPlan> sweep;
  std::optional<DatasetSplit> edited;
};
Session readSession(const std::string& path);

/// Parses a session file's contents. A key that is absent takes its default (a hand-written
/// file may give only what it changes); a key that is present must be valid. Throws
/// Error::data saying what is wrong and where: invalid JSON (line and column), or the dotted
/// key and what it must be ("\"optimizer.lr\" must be a number from 1e-06 to 10").
/// Whether the loss ids exist and their parameters are valid is fullConfigProblem()'s to say.
TrainingConfig sessionFromJson(std::string_view json);

/// Reads a session file: sessionFromJson() on its contents, with a relative CSV path made
/// relative to the file's folder. Errors start with the file's name ("run.json: …"); a file
/// that cannot be read is Error::usage.
TrainingConfig readSessionFile(const std::string& path);

}  // namespace losslab
