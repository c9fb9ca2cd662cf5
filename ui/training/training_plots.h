// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

#include "core/training/dataset.h"
#include "core/training/training_config.h"
#include "ui/training/run_history.h"
#include "ui/training/training_snapshot.h"

class QCustomPlot;
class QStackedWidget;

namespace losslab::ui {

class FitPlot;
class FitSmallMultiples;
class HistoryPanel;
class MetricsTable;
class MetricsTableModel;
class ResidualPlot;

/// The Training tab's right-hand side: the fit (left: the picture that teaches) with the
/// history and the residual histogram stacked beside it, and compare mode's metrics table
/// below them across the whole width.
/// It keeps the runs' history and the newest snapshot, and redraws the plots from them.
class TrainingPlots : public QWidget {
  Q_OBJECT

 public:
  explicit TrainingPlots(QWidget* parent = nullptr);
  ~TrainingPlots() override;

  FitPlot* fit() const { return m_fit; }
  FitSmallMultiples* multiples() const { return m_multiples; }
  /// One panel per run (small multiples, the overlay's axes) instead of the overlay.
  void setSmallMultiples(bool on);
  bool smallMultiples() const;
  HistoryPanel* history() const { return m_history; }
  ResidualPlot* residuals() const { return m_residuals; }
  MetricsTable* table() const { return m_table; }
  const RunHistory& runs() const { return m_runs; }
  /// The newest snapshot, or nullptr before the first.
  const TrainingSnapshot* snapshot() const { return m_hasSnapshot ? &m_snapshot : nullptr; }

  /// A new run: empty histories, one series per name, the plots follow the data again.
  void restart(const QStringList& names);
  void appendEpoch(const EpochStats& stats);
  /// Draws a snapshot (renaming runs whose loss parameters changed live).
  void showSnapshot(const TrainingSnapshot& snapshot, int focus, const Dataset& set);
  /// The configuration changed: the noise-free curve for new data, the focus, the table.
  void showConfig(const TrainingConfig& config, const Dataset& set, bool synthetic);
  void setRunning(bool running);
  /// Every plot laid out and drawn now (a grab() right after shows them).
  void replotNow();
  /// Pen widths × scale in every plot (presentation mode).
  void setLineScale(double scale);

 private:
  void showRuns();
  void queueReplots();

  void showMultiples();

  FitPlot* m_fit = nullptr;
  FitSmallMultiples* m_multiples = nullptr;
  QStackedWidget* m_fitStack = nullptr;
  QWidget* m_top = nullptr;        // the splitter of fit, history and residuals
  const Dataset* m_set = nullptr;  // the data of the newest snapshot (the controller's)
  HistoryPanel* m_history = nullptr;
  ResidualPlot* m_residuals = nullptr;
  MetricsTable* m_table = nullptr;
  MetricsTableModel* m_metrics = nullptr;
  RunHistory m_runs;
  TrainingSnapshot m_snapshot;
  bool m_hasSnapshot = false;
  TrainingConfig m_shown;  // the configuration last drawn
  bool m_shownOnce = false;
};

}  // namespace losslab::ui
