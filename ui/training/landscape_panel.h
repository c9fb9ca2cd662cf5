// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QVector>
#include <QWidget>
#include <memory>

#include "core/training/landscape.h"
#include "core/training/training_config.h"
#include "ui/training/training_snapshot.h"

class QCPColorMap;
class QCPCurve;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QThread;

namespace losslab::ui {

/// The loss landscape beside the fit plot (issue 12). For the linear model with one feature
/// (ŷ = w·x + b) the training loss is a function of (w, b): core linearLandscape evaluates it
/// exactly on a grid (autoLinearRange) on a worker thread, drawn as a heat map with banded
/// levels (the contours) on a log colour scale; the least-squares, least-absolute and Huber
/// (δ = 1) optima are marked, and the optimizer's (w, b) path is drawn as the run's snapshots
/// arrive (w and b read off the fitted line). Recomputed when the data or the loss change.
class LandscapePanel : public QWidget {
  Q_OBJECT

 public:
  explicit LandscapePanel(QWidget* parent = nullptr);
  ~LandscapePanel() override;

  /// The configuration (which loss, which model): a non-linear model shows a note instead.
  void setConfig(const TrainingConfig& config);
  /// A new snapshot of the run: recomputes the map for new data, extends the path.
  void showSnapshot(const TrainingSnapshot& snapshot, int focus);
  /// A new run: the path starts again.
  void restart();

  QCustomPlot* plot() const { return m_plot; }
  QCPColorMap* colorMap() const { return m_map; }
  /// The grid of the map shown (empty values until the first computation finished).
  const LossGrid& grid() const { return m_grid; }
  /// The training set the map was computed on.
  const Dataset& data() const { return m_data; }
  /// The optimizer's path: (w, b) at the end of each epoch, the initial weights first.
  const QVector<QPointF>& path() const { return m_path; }
  bool isComputing() const { return m_thread != nullptr; }

 signals:
  void landscapeReady();

 private:
  struct Result;
  void compute();
  void computed(const std::shared_ptr<Result>& result);
  bool applicable() const;

  TrainingConfig m_config;
  Dataset m_data;
  LossGrid m_grid;
  QVector<QPointF> m_path;
  int m_pathEpoch = -1;  // the epoch of m_path.back()
  bool m_pending = false;
  std::unique_ptr<QThread> m_thread;  // the running computation, if any
  QCustomPlot* m_plot;
  QCPColorMap* m_map;
  QCPCurve* m_pathCurve;
  QCPGraph* m_optima;
  QLabel* m_note;
};

}  // namespace losslab::ui
