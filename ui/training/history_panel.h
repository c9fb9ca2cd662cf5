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

/// The history plot under its bar: what it shows (loss, MAE, RMSE, R²), a log y axis and the
/// smoothing weight. Redraws from the RunHistory when one of them changes.
class HistoryPanel : public QWidget {
  Q_OBJECT

 public:
  HistoryPanel(const RunHistory* history, QWidget* parent = nullptr);

  HistoryPlot* plot() const { return m_plot; }
  void setMetric(HistoryPlot::Metric metric);
  void setLogarithmic(bool on);
  /// TensorBoard's smoothing weight w ∈ [0, 0.99].
  void setSmoothing(double weight);

 private:
  void redraw();

  const RunHistory* m_history;
  HistoryPlot* m_plot = nullptr;
  QComboBox* m_metric = nullptr;
  QCheckBox* m_log = nullptr;
  QSlider* m_smoothing = nullptr;
  QLabel* m_smoothingLabel = nullptr;
};

}  // namespace losslab::ui
