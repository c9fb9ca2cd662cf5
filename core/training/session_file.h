// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

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
///    "compare": {"on": false, "losses": [{"id": …, "params": …}, …], "focus": "…"}}
///
/// The seed is a string (a JSON number is a double; 2^53 is the limit either way). Numbers are
/// written shortest round trip, so a value reads back as the same double. "kind" "csv" means
/// the csv_* keys; "momentum" (SGD with μ = 0.9) is the CLI's optimizer of that name; a
/// "custom:NAME" loss carries its "formula" (files written before formulas were stored name the
/// loss only: the GUI then finds it in its custom-loss library).
inline constexpr int kSessionFormatVersion = 1;

/// Pretty-printed JSON of `config` (a trailing newline).
std::string sessionToJson(const TrainingConfig& config);

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
