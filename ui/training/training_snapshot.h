// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <cstdint>
#include <limits>
#include <vector>

#include "core/training/metrics.h"

namespace losslab::ui {

/// What one epoch of one run did (the trainer's EpochReport, numbered for the UI).
struct EpochStats {
  int run = 0;             // which loss: 0 in single mode, 0..3 in compare mode
  int epoch = 0;           // 1-based, counted from the start of the run
  std::int64_t steps = 0;  // optimizer steps of this run's current trainer
  /// Keras' displayed epoch loss: the batch-size-weighted mean of the epoch's batch losses.
  double loss = std::numeric_limits<double>::quiet_NaN();
  RegressionMetrics train;       // whole training set, parameters at the end of the epoch
  RegressionMetrics validation;  // whole validation set (NaN when it is empty)
  /// Clean MAE/RMSE (against the noise-free targets; NaN without them) and inlier MAE of the
  /// validation set, or of the training set when the validation split is 0.
  CleanMetrics clean;
  double learningRate = std::numeric_limits<double>::quiet_NaN();  // in effect at the epoch's end
};

/// One run's predictions on the training set (same order as TrainingSnapshot::yTrue).
struct RunSnapshot {
  int epoch = 0;
  QString name;                   // the loss's display name with its parameters
  std::vector<double> yPred;      // ŷ_i
  std::vector<double> influence;  // |∂ℓ_i/∂ŷ_i|: how hard sample i pulls on the fit
  std::vector<double> curveY;     // 1-D sets: the network on TrainingSnapshot::curveX
};

/// Copies of everything the plots need, taken on the worker thread (never shared storage).
struct TrainingSnapshot {
  int featureCount = 0;
  std::vector<double> x;       // the first feature of every training sample
  std::vector<double> yTrue;   // y_i
  std::vector<int> outliers;   // training-set indices of the samples moved by an outlier
  std::vector<double> curveX;  // 1-D sets: a grid over the range of x (empty otherwise)
  std::vector<RunSnapshot> runs;
};

}  // namespace losslab::ui
