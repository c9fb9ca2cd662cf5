// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "core/training/smoothing.h"
#include "ui/training/run_history.h"
#include "ui/training/training_plot.h"

class QCPGraph;

namespace losslab::ui {

/// Train (solid) and validation (dashed) curves per epoch for every run: the loss, MAE, RMSE,
/// R², the errors against the clean targets (validation only: clean MAE and RMSE, inlier MAE)
/// or each run's loss divided by its own first epoch's (losses of different kinds compared by
/// how far each has come); optionally on a log axis and smoothed with TensorBoard's debiased
/// EMA (core/training/smoothing.h), the raw series staying visible, faint.
class HistoryPlot : public TrainingPlot {
  Q_OBJECT

 public:
  enum class Metric { Loss, Mae, Rmse, R2, CleanMae, CleanRmse, InlierMae, LossRatio };

  /// Whether a metric has a training-set series (the clean errors are the validation set's).
  static bool hasTrainSeries(Metric metric);
  /// Whether a metric can be compared across runs with different losses (all but Loss).
  static bool comparesLosses(Metric metric) { return metric != Metric::Loss; }

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
  /// whole validation set at the end of the epoch (what Keras reports as val_loss). LossRatio
  /// divides by `first`, the run's first recorded epoch.
  double valueOf(const EpochStats& stats, bool validation, const EpochStats* first = nullptr) const;

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
    bool hasFirst = false;  // `first` holds the run's first recorded epoch
    EpochStats first;
  };

  void showTrainKey();

  std::vector<Series> m_series;
  QCPGraph* m_trainKey = nullptr;  // legend keys: solid = train, dashed = validation
  QCPGraph* m_validationKey = nullptr;
  Metric m_metric = Metric::Loss;
  double m_smoothing = 0.6;
};

}  // namespace losslab::ui
