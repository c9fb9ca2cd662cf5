// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

#include "core/export/code_export.h"
#include "core/training/training_config.h"
#include "ui/training/command_bar.h"
#include "ui/training/history_plot.h"
#include "ui/training/training_controller.h"

class QCheckBox;
class QCustomPlot;
class QLabel;
class QTableView;

namespace losslab::ui {

class DataPanel;
class LandscapePanel;
class LessonCaption;
class LossPanel;
class TrainingConfigModel;
class TrainingPlots;

/// The live-training tab: pick data, network, optimizer and loss, train on a worker thread
/// and watch the fit, the loss history and the residuals move. Composition only:
///  * TrainingConfigModel owns the configuration; the panels (data, network, optimizer, loss)
///    edit it and show it; the controller trains what it holds;
///  * the plots (fit, history, residuals) and the metrics table (compare mode) show the runs
///    (RunHistory, filled from the controller's signals, and the newest snapshot);
///  * sessions and the CLI command come from the model only.
/// No maths here: every number comes from core/ through the controller.
class TrainingView : public QWidget {
  Q_OBJECT

 public:
  enum class Plot { Fit, History, Residuals };
  using HistoryMetric = HistoryPlot::Metric;

  explicit TrainingView(QWidget* parent = nullptr);
  ~TrainingView() override;

  TrainingController* controller() const { return m_controller; }
  TrainingConfigModel* model() const { return m_model; }
  QCustomPlot* plot(Plot which) const;
  QTableView* metricsTable() const;
  /// The loss landscape beside the plots (hidden until "Landscape" is ticked).
  LandscapePanel* landscape() const { return m_landscape; }
  void setLandscapeVisible(bool on);

  /// Trains `epochs` epochs of every run synchronously (headless use, tests), raising the
  /// Epochs budget if needed; the plots and the table are up to date on return. false if
  /// training diverged or failed.
  bool trainEpochsBlocking(int epochs);
  /// A lesson (training_presets.h) by id: its whole configuration, a new run from the initial
  /// weights, the history on a log axis, the caption above the plots. false for an unknown id.
  bool applyTrainingPreset(const QString& id);
  /// The first lesson: one-sided outliers on a line, MSE vs MAE vs Huber.
  void applyOutliersPreset() { applyTrainingPreset(QStringLiteral("outliers")); }
  /// The caption of the lesson in use (empty once the configuration has left it).
  QString lessonCaption() const;
  /// Shows a lesson step's caption above the plots, in place of a preset's.
  void showLessonCaption(const QString& title, const QString& caption);
  /// Presentation mode (F11): the settings column and the plot toggles out of the way, text
  /// and lines enlarged as in the explorer (kPresentationFontScale); off restores the tab.
  void setPresenting(bool on);
  bool presenting() const { return m_presenting; }

  /// Reads a numeric CSV and trains on it (a new run): `target` names the target column (a
  /// name or number; empty: the last one), `features` the feature columns (empty: every other
  /// column; `clean`: a column of clean targets, empty = none). On failure the current data set
  /// stays and the reason (with line and column for a malformed file) is shown in the data
  /// panel and returned by dataMessage().
  bool importCsv(const QString& path,
                 const QString& target = QString(),
                 const QStringList& features = QStringList(),
                 const QString& clean = QString());
  QString dataMessage() const;
  /// The last error reported by training or a setting (empty if none since the last reset).
  QString trainingMessage() const;
  /// The run's status line ("Finished · 200/200 epochs").
  QString statusText() const;
  /// What the colour scale's tooltip says: the colour's meaning and whose loss it is.
  QString colorScaleToolTip() const;

  bool compareMode() const;
  void setCompareMode(bool on);
  /// Loss ids that compare mode trains (2–4); false (and nothing changed) otherwise.
  bool setCompareLosses(const QStringList& ids);
  QStringList compareLosses() const;
  /// The single-mode loss by id; false if it is not offered for training.
  bool setLoss(const QString& id);

  void setHistoryMetric(HistoryMetric metric);
  void setLogHistory(bool on);
  /// TensorBoard's smoothing weight w ∈ [0, 0.99].
  void setSmoothing(double weight);
  /// Epochs recorded for run `run` since the run started.
  int historyLength(int run) const;
  /// The latest epoch of run `run` (empty stats if none yet).
  EpochStats latestEpoch(int run) const;

  bool exportHistoryCsv(const QString& path, QString* error = nullptr) const;
  bool exportPredictionsCsv(const QString& path, QString* error = nullptr) const;
  /// The current run as a Python training script (training_exporter.h) for PyTorch or Keras 3:
  /// the controller's configuration and data set, the CLI command in its header.
  bool exportTrainingScript(CodeTarget target, const QString& path, QString* error = nullptr) const;
  /// One plot as PNG, SVG or PDF by the path's suffix (PNG when it has none), with the export
  /// settings' size and dpi, atomically (ui/common/plot_exporter.h).
  bool exportPlotPng(const QString& path, Plot which = Plot::Fit, QString* error = nullptr);

  /// The configuration (what a session file stores), from the model.
  const TrainingConfig& session() const;
  /// Applies a configuration whole and starts a new run from its initial weights, or changes
  /// nothing (false, `error` naming the session key).
  bool applySession(const TrainingConfig& session, QString* error = nullptr);
  bool saveSession(const QString& path, QString* error = nullptr) const;
  bool loadSession(const QString& path, QString* error = nullptr);
  /// `losslab-cli train` command lines that reproduce the current run(s), one per loss.
  QString cliCommands() const;

 private:
  QWidget* createControls();
  void connectController();
  void exportClicked(CommandBar::Export what);
  void restarted(const QStringList& names);
  void configChanged();
  void updateStatus();
  void showTrainingMessage(const QString& message);

  TrainingController* m_controller;
  TrainingConfigModel* m_model;
  DataPanel* m_dataPanel = nullptr;
  LossPanel* m_lossPanel = nullptr;
  CommandBar* m_commands = nullptr;
  QLabel* m_trainingMessage = nullptr;
  LessonCaption* m_caption = nullptr;
  TrainingPlots* m_plots = nullptr;
  LandscapePanel* m_landscape = nullptr;
  QWidget* m_landscapeBox = nullptr;
  QCheckBox* m_showLandscape = nullptr;
  QWidget* m_controls = nullptr;  // the settings column (data, network, optimizer, loss)
  QWidget* m_toggles = nullptr;   // Loss landscape, One panel per loss
  bool m_presenting = false;
};

}  // namespace losslab::ui
