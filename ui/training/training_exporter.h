// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <string>

#include "core/export/code_export.h"
#include "core/training/dataset.h"
#include "core/training/training_config.h"
#include "ui/training/run_history.h"
#include "ui/training/training_snapshot.h"

namespace losslab::ui {

/// The Training tab's data exports, as CSV (core/io/csv_writer.h: numbers shortest round trip)
/// written through saveFile (atomic; a failed write leaves the old file).

/// One row per run and epoch: run, loss name, epoch, steps, learning rate, Keras' epoch loss,
/// then loss, MAE, RMSE and R² on the training and the validation set.
std::string historyCsv(const RunHistory& history);
/// One row per training sample of a snapshot: index, x (1-D data), y_true, outlier (0/1), then
/// ŷ and |∂L/∂ŷ| per run.
std::string predictionsCsv(const TrainingSnapshot& snapshot);

bool exportHistoryCsv(const RunHistory& history, const QString& path, QString* error);
/// false ("There are no predictions yet.") before the first snapshot.
bool exportPredictionsCsv(const TrainingSnapshot* snapshot, const QString& path, QString* error);

/// The run of `config` on `data` as a self-contained Python training script for `target`
/// (core/export/training_script.h: same data, initial weights, batch order, optimizer and loss;
/// it prints `epoch,loss` per epoch as --history does), with `origin` in its header comment.
/// false with the engine's reason (a loss without a faithful export, a run too large to embed)
/// and nothing written, or the write's error with the old file kept.
bool exportTrainingScriptFile(const TrainingConfig& config,
                              const Dataset& data,
                              CodeTarget target,
                              const QString& origin,
                              const QString& path,
                              QString* error);

}  // namespace losslab::ui
