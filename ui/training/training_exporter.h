// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <string>

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

}  // namespace losslab::ui
