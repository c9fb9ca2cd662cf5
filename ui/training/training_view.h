// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <array>
#include <map>
#include <vector>

#include "core/engine/loss.h"
#include "core/training/dataset.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_session.h"

class QCheckBox;
class QComboBox;
class QCPBars;
class QCPColorScale;
class QCPGraph;
class QCPItemStraightLine;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableWidget;
class QToolButton;

namespace losslab::ui {

class ParameterPanel;

/// The live-training tab: pick data, network, optimizer and loss, train on a worker thread
/// (TrainingController) and watch the fit, the loss history and the residuals move.
///
///  * Fit plot (the largest, left): 1-D data as points coloured by gradient influence
///    |∂L/∂ŷᵢ| (buckets of a QCPColorGradient, with its QCPColorScale) under the fitted curve of
///    every run; data with several features as predicted vs true.
///  * History: train and validation loss (or MAE, RMSE, R²) per epoch, optional log y, and
///    TensorBoard's debiased EMA smoothing (the raw series stays visible, faint).
///  * Residual histogram of ŷ − y on the training set.
///  * Compare mode: 2–4 losses from the same initial weights, overlaid in their colours, with a
///    table of their latest metrics.
/// Legends sit below their plots (they never cover data) and name runs by their abbreviation.
/// Plots are redrawn only when a snapshot arrives (≤ 60 Hz, see TrainingController) and always
/// through rpQueuedReplot. No maths here: every number comes from the controller's trainers.
///
/// Losses are ids (catalogue ids or "custom:NAME") plus parameter values, turned into losses in
/// one place (createLoss). The view remembers the parameters per id: the sliders edit the loss
/// chosen in the combo box, in single mode (the loss that trains) and in compare mode (where the
/// run of that loss, if it is compared, picks them up at the next step).
class TrainingView : public QWidget {
  Q_OBJECT

 public:
  enum class Plot { Fit, History, Residuals };
  enum class HistoryMetric { Loss, Mae, Rmse, R2 };

  explicit TrainingView(QWidget* parent = nullptr);
  ~TrainingView() override;

  TrainingController* controller() const { return m_controller; }
  QCustomPlot* plot(Plot which) const;
  QTableWidget* metricsTable() const { return m_table; }

  /// Trains `epochs` epochs of every run synchronously (headless use, tests); the plots and
  /// the table are up to date on return. false if training diverged or failed.
  bool trainEpochsBlocking(int epochs);
  /// The outlier lesson: linear data, 10 % outliers of magnitude 20, compare mode with MSE,
  /// MAE and Huber, training reset to the initial weights.
  void applyOutliersPreset();

  /// Reads a numeric CSV and trains on it: `target` names the target column (empty: the last
  /// one), `features` the feature columns (empty: every other column). On failure the current
  /// data set stays and the reason (with line and column for a malformed file) is shown in the
  /// data panel and returned by dataMessage().
  bool importCsv(const QString& path,
                 const QString& target = QString(),
                 const QStringList& features = QStringList());
  /// The message under the data panel (import result or error).
  QString dataMessage() const;
  /// The last error reported by training or a setting (empty if none since the last reset).
  QString trainingMessage() const;
  /// What the colour scale's tooltip says: the colour's meaning and whose loss it is.
  QString colorScaleToolTip() const { return m_colorScaleToolTip; }

  bool compareMode() const;
  void setCompareMode(bool on);
  /// Loss ids that compare mode trains (2–4); false (and nothing changed) otherwise.
  bool setCompareLosses(const QStringList& ids);
  QStringList compareLosses() const;
  /// The single-mode loss by catalogue id; false if it is not a trainable regression loss.
  bool setLoss(const QString& id);

  void setHistoryMetric(HistoryMetric metric);
  void setLogHistory(bool on);
  /// TensorBoard's smoothing weight w ∈ [0, 0.99]: s_t = (w s_{t−1} + (1 − w) v_t) / (1 − wᵗ).
  void setSmoothing(double weight);
  /// Epochs recorded for run `run` since the last restart.
  int historyLength(int run) const;
  /// The latest epoch of run `run` (empty stats if none yet).
  EpochStats latestEpoch(int run) const;

  /// History as CSV: one row per run and epoch (loss name, epoch, learning rate, the epoch loss
  /// and loss/MAE/RMSE/R² on both sets). Written atomically (QSaveFile).
  bool exportHistoryCsv(const QString& path, QString* error = nullptr) const;
  /// The latest snapshot as CSV: x (1-D data), y, outlier flag, then ŷ and |∂L/∂ŷ| per run.
  bool exportPredictionsCsv(const QString& path, QString* error = nullptr) const;
  /// The current configuration as a session file stores it.
  TrainingSession session() const;
  /// Applies a session (data, network, optimizer, losses, seed) and resets training to its
  /// initial weights. Everything is checked first: false (and `error` naming the session key,
  /// e.g. "\"loss.params\": unknown parameter 'x'") if any part cannot be applied, and then
  /// nothing changes. Noise and the validation split are shown (and used) to 3 decimals, the
  /// outlier share in whole percents and its size in whole numbers; the rest is kept exactly.
  /// A relative CSV path is taken relative to `baseDirectory` (the session file's folder).
  bool applySession(const TrainingSession& session,
                    QString* error = nullptr,
                    const QString& baseDirectory = QString());
  /// JSON session files, written atomically (QSaveFile). Errors start with the file's name.
  bool saveSession(const QString& path, QString* error = nullptr) const;
  bool loadSession(const QString& path, QString* error = nullptr);
  /// `losslab-cli train` command lines that reproduce the current run(s), one per loss.
  QString cliCommands() const;

  /// One plot as PNG, SVG or PDF by the path's suffix (PNG when it has none), with the export
  /// settings' size and dpi, atomically (ui/plot_exporter.h).
  bool exportPlotPng(const QString& path, Plot which = Plot::Fit, QString* error = nullptr);

 protected:
  void changeEvent(QEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  /// Everything the history plot keeps per run.
  struct RunSeries {
    QString name;
    QColor color;
    std::vector<EpochStats> epochs;
    QCPGraph* trainRaw = nullptr;
    QCPGraph* trainSmooth = nullptr;
    QCPGraph* validationRaw = nullptr;
    QCPGraph* validationSmooth = nullptr;
    QCPGraph* fit = nullptr;       // fitted curve (1-D) or ŷ vs y of a non-focused run
    QCPBars* residuals = nullptr;  // residual histogram
    double trainEma = 0;           // EMA accumulators (TensorBoard's `last`)
    double validationEma = 0;
    int trainCount = 0;  // finite values seen by the EMA
    int validationCount = 0;
  };

  // Construction.
  QWidget* createDataPanel();
  QWidget* createModelPanel();
  QWidget* createOptimizerPanel();
  QWidget* createLossPanel();
  QWidget* createButtons();
  QWidget* createPlots();
  void setupFitPlot();
  void setupHistoryPlot();
  void setupResidualPlot();
  void applyPlotColors();
  void pushConfiguration();

  // Changes triggered in the panels → controller.
  void datasetChosen();
  void syntheticChanged();
  void outliersChanged();
  void validationSplitChanged();
  void importCsvClicked();
  void modelChanged();
  void optimizerChanged();
  void learningRateMoved(int position);
  void lossChosen();
  void lossParametersChanged(const losslab::ParamValues& values);
  void compareToggled(bool on);
  void compareItemChanged(QListWidgetItem* item);
  void exportHistoryClicked();
  void exportPredictionsClicked();
  void exportPlotClicked(Plot which);
  void saveSessionClicked();
  void openSessionClicked();
  void seedEdited();
  void startOrPause();

  // Changes triggered in the controller → widgets and plots.
  void epochFinished(int epoch, const losslab::ui::EpochStats& stats);
  void snapshotReady(const losslab::ui::TrainingSnapshot& snapshot);
  void stateChanged(losslab::ui::TrainingController::State state);
  void restarted(const QStringList& names);
  void showTrainingMessage(const QString& message);

  // Plot updates.
  void ensureRuns(const QStringList& names);
  void clearRuns();
  void appendHistory(RunSeries& series, const EpochStats& stats);
  void rebuildHistory();
  void updateFitPlot();
  void updateTruthCurve();
  void dataChanged();
  void updateCompareWidgets();
  void updateResidualPlot();
  void updateTable();
  void fitTableColumns();
  void updateDataControls();
  void updateStatus();
  void replotAll();
  double historyValue(const EpochStats& stats, bool validation) const;
  double smoothingWeight() const;
  void showDataMessage(const QString& text, bool error);
  void updateMessageColors();

  bool readTable(const QString& path, NumericTable* table, QString* error) const;
  /// The data set of `table` with the chosen columns, or false with the reason.
  bool tableDataset(const NumericTable& table,
                    const QString& target,
                    const QStringList& features,
                    Dataset* set,
                    QString* error) const;
  /// Puts an imported set in use (controller, combo entry, message); false if the controller
  /// refuses it.
  bool useDataset(const Dataset& set, const QString& name);
  DatasetOptions syntheticOptions() const;
  /// The one place that turns a loss id and its parameter values into a loss.
  LossPtr createLoss(const QString& id, const ParamValues& values, QString* error) const;
  /// The remembered parameter values of `id` (empty: its defaults).
  ParamValues lossParams(const QString& id) const;
  void addLossChoice(const QString& id, const QString& name, const QString& summary);
  /// The user's formula losses that can train (CustomLossLibrary), as "custom:NAME" choices.
  void addCustomLossChoices();
  std::vector<LossPtr> compareLossPtrs(QString* error) const;
  double learningRate() const;
  void setLearningRateExactly(double lr);

  TrainingController* m_controller;

  // Data panel.
  QComboBox* m_dataset = nullptr;
  QSpinBox* m_samples = nullptr;
  QDoubleSpinBox* m_noise = nullptr;
  QSlider* m_outlierFraction = nullptr;
  QLabel* m_outlierFractionLabel = nullptr;
  QSlider* m_outlierMagnitude = nullptr;
  QLabel* m_outlierMagnitudeLabel = nullptr;
  QDoubleSpinBox* m_validationSplit = nullptr;
  QPushButton* m_importCsv = nullptr;
  QLineEdit* m_seed = nullptr;
  QLabel* m_dataMessage = nullptr;
  bool m_dataMessageIsError = false;
  QString m_importedPath;  // what importCsv() read last (for session files)
  QString m_importedTarget;
  QStringList m_importedFeatures;
  Dataset m_imported;  // the last imported set (the combo's last entry while it exists)
  bool m_hasImported = false;

  // Model and optimizer panels.
  QLineEdit* m_hidden = nullptr;
  QComboBox* m_activation = nullptr;
  QComboBox* m_optimizer = nullptr;
  QSlider* m_learningRate = nullptr;
  double m_learningRateValue = 0.01;  // the rate in use: the slider's, or a session's exact one
  QLabel* m_learningRateLabel = nullptr;
  QSpinBox* m_batchSize = nullptr;
  QSpinBox* m_epochs = nullptr;

  // Loss panel.
  QLabel* m_lossRole = nullptr;  // "Loss:" in single mode, "Parameters of:" in compare mode
  QComboBox* m_loss = nullptr;
  ParameterPanel* m_parameters = nullptr;
  QCheckBox* m_compare = nullptr;
  QListWidget* m_compareList = nullptr;
  QComboBox* m_focus = nullptr;  // whose gradient influence colours the points
  int m_focusRun = 0;            // its index among the runs (kept while the runs are rebuilt)
  std::map<QString, ParamValues> m_lossParams;  // parameter values per loss id

  // Buttons and status.
  QToolButton* m_start = nullptr;
  QToolButton* m_pause = nullptr;
  QToolButton* m_step = nullptr;
  QToolButton* m_reset = nullptr;
  QToolButton* m_export = nullptr;
  QToolButton* m_sessionButton = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_trainingMessage = nullptr;

  // Plots.
  QCustomPlot* m_fitPlot = nullptr;
  QCustomPlot* m_historyPlot = nullptr;
  QCustomPlot* m_residualPlot = nullptr;
  QTableWidget* m_table = nullptr;
  QCPColorScale* m_colorScale = nullptr;
  QString m_colorScaleToolTip;
  QCPGraph* m_trainKey = nullptr;  // history legend keys: solid = train, dashed = validation
  QCPGraph* m_validationKey = nullptr;
  std::vector<QCPGraph*> m_influenceBuckets;  // data points, one graph per colour bucket
  QCPGraph* m_outlierRings = nullptr;
  QCPGraph* m_truth = nullptr;  // the noise-free function of a synthetic 1-D set
  QCPItemStraightLine* m_diagonal = nullptr;
  QCheckBox* m_logHistory = nullptr;
  QComboBox* m_historyMetric = nullptr;
  QSlider* m_smoothing = nullptr;
  QLabel* m_smoothingLabel = nullptr;

  std::vector<RunSeries> m_runs;
  TrainingSnapshot m_snapshot;
  bool m_hasSnapshot = false;
  /// Per plot (Plot order): follow the data on every update until the user drags or zooms;
  /// a double click returns to following.
  std::array<bool, 3> m_autoRange{true, true, true};
  bool m_updating = false;  // widgets are being written by code: ignore their signals
};

}  // namespace losslab::ui
