// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "core/training/smoothing.h"
#include "ui/training/run_history.h"
#include "ui/training/training_plot.h"

class QCPGraph;

namespace losslab::ui {

/// Train (solid) and validation (dashed) curves per epoch for every run: the loss, or MAE,
/// RMSE, R²; optionally on a log axis and smoothed with TensorBoard's debiased EMA
/// (core/training/smoothing.h), the raw series staying visible, faint.
class HistoryPlot : public TrainingPlot {
  Q_OBJECT

 public:
  enum class Metric { Loss, Mae, Rmse, R2 };

  explicit HistoryPlot(QWidget* parent = nullptr);

  /// Four graphs per run (raw and smoothed, train and validation), then the style keys.
  void setRuns(const std::vector<RunRecord>& runs);
  /// Adds one epoch of run `stats.run`.
  void append(const EpochStats& stats);
  /// Redraws every run from the history (a new metric or smoothing weight).
  void rebuild(const std::vector<RunRecord>& runs);

  void setMetric(Metric metric, const QString& label);
  Metric shownMetric() const { return m_metric; }
  void setSmoothing(double weight);
  double smoothing() const { return m_smoothing; }
  void setLogarithmic(bool on);
  /// Aliased lines while training runs (thousands of short antialiased segments cost ~5 ms a
  /// frame), smooth again once it stops.
  void setLive(bool running);

  /// The value the plot shows for an epoch: train = Keras' displayed epoch loss (the mean over
  /// the epoch's batches) or the metric on the training set; validation = the metric on the
  /// whole validation set at the end of the epoch (what Keras reports as val_loss).
  double valueOf(const EpochStats& stats, bool validation) const;

 protected:
  void applyPalette() override;

 private:
  struct Series {
    QCPGraph* trainRaw = nullptr;
    QCPGraph* trainSmooth = nullptr;
    QCPGraph* validationRaw = nullptr;
    QCPGraph* validationSmooth = nullptr;
    EmaSmoother trainEma;
    EmaSmoother validationEma;
  };

  std::vector<Series> m_series;
  QCPGraph* m_trainKey = nullptr;  // legend keys: solid = train, dashed = validation
  QCPGraph* m_validationKey = nullptr;
  Metric m_metric = Metric::Loss;
  double m_smoothing = 0.6;
};

}  // namespace losslab::ui
