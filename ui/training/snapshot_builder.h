// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <vector>

#include "core/training/trainer.h"
#include "ui/training/training_snapshot.h"

namespace losslab::ui {

/// One run as the snapshot sees it: its trainer and the epochs it has finished in all.
struct SnapshotRun {
  Trainer* trainer = nullptr;
  int epoch = 0;
};

/// Copies of what the plots need from the runs' current networks (on the worker thread): the
/// training points, the outliers, and per run the predictions, the gradient influence and, for
/// 1-D data, the fitted curve on a grid of TrainingController::kCurvePoints over the range of x.
/// nullopt if a loss cannot be evaluated (a prediction outside its domain: the next training
/// step reports it) or there is no run.
std::optional<TrainingSnapshot> buildSnapshot(const std::vector<SnapshotRun>& runs);

}  // namespace losslab::ui
