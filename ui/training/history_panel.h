// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "ui/training/history_plot.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace losslab::ui {

class RunHistory;

/// The history plot under its bar: what it shows (loss, MAE, RMSE, R², the clean errors, the
/// loss ÷ its first epoch), a log y axis and the smoothing weight. Redraws from the RunHistory
/// when one of them changes.
///
/// Compare mode never puts the losses' own values on one axis (MSE's ≈ 38 and Huber's ≈ 1.9 say
/// nothing about which fits better): "Loss" is disabled there and the metric defaults to clean
/// MAE when the data has clean targets, else to validation MAE. The clean errors are disabled
/// for data without clean targets.
class HistoryPanel : public QWidget {
  Q_OBJECT

 public:
  HistoryPanel(const RunHistory* history, QWidget* parent = nullptr);

  HistoryPlot* plot() const { return m_plot; }
  void setMetric(HistoryPlot::Metric metric);
  HistoryPlot::Metric shownMetric() const { return m_plot->shownMetric(); }
  /// Whether the metric choice offers `metric` now.
  bool offers(HistoryPlot::Metric metric) const;
  /// The configuration changed: compare mode or not, clean targets or not (see the class).
  void showData(bool compare, bool hasClean);
  void setLogarithmic(bool on);
  /// TensorBoard's smoothing weight w ∈ [0, 0.99].
  void setSmoothing(double weight);

 private:
  void redraw();
  void setOffered(HistoryPlot::Metric metric, bool on, const QString& why);

  const RunHistory* m_history;
  HistoryPlot* m_plot = nullptr;
  QComboBox* m_metric = nullptr;
  QCheckBox* m_log = nullptr;
  QSlider* m_smoothing = nullptr;
  QLabel* m_smoothingLabel = nullptr;
  bool m_compare = false;
  HistoryPlot::Metric m_default = HistoryPlot::Metric::Loss;  // the last automatic choice
};

}  // namespace losslab::ui
