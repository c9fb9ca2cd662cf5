// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointF>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <atomic>
#include <functional>
#include <memory>

#include "core/training/sweep.h"
#include "ui/sweep/sweep_plot.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QThread;

namespace losslab::ui {

/// The Sweep tab (issue 12, "which δ?"): vary one thing of the Training tab's configuration
/// (a loss parameter, lr, batch, outliers, outlier_magnitude) over a linear or log grid, with
/// K seeds, for several losses; core runSweep trains the grid on a worker thread (progress bar,
/// Stop keeps what finished). The plot shows per loss the median of the metric over the seeds
/// with a min–max band, log x for a log grid, and the best point; clicking a point emits
/// configChosen() with that run's configuration (core sweepRunConfig), which the shell hands
/// to the Training tab's model. The base configuration comes from outside (setBaseConfig):
/// this tab never owns the training configuration.
class SweepView : public QWidget {
  Q_OBJECT

 public:
  explicit SweepView(QWidget* parent = nullptr);
  ~SweepView() override;

  /// The Training tab's configuration: data, network, optimizer, epochs, seed and losses.
  void setBaseConfig(const TrainingConfig& config);
  /// The request the controls describe (throws Error::usage for a grid that does not parse).
  SweepRequest request() const;
  /// What the controls are set to (saved in the session), and setting them all from a plan
  /// (a session opened). An empty loss list in the plan follows the Training tab.
  SweepPlan plan() const;
  void setPlan(const SweepPlan& plan);

  // Controls, for tests and headless use.
  void setAxis(const SweepAxis& axis);
  void setLosses(const QStringList& ids);  // parameters as in the base configuration
  void setSeeds(int seeds);
  void setMetric(const QString& metric);
  void setEpochs(int epochs);

  /// Starts the sweep on a worker thread; false (and the message shown) if the request is bad.
  bool start();
  void stop();
  bool isRunning() const { return m_running; }
  /// start() and wait until it finishes (headless screenshots).
  bool runBlocking();

  const SweepResult& result() const { return m_result; }
  const SweepRequest& lastRequest() const { return m_last; }
  QCustomPlot* plot() const { return m_plot; }
  QString message() const;
  /// The configuration of the median graph's point `index` of loss `loss` (the first seed).
  TrainingConfig pointConfig(int loss, int index) const;

  bool exportCsv(const QString& path, QString* error = nullptr) const;
  bool exportPlot(const QString& path, QString* error = nullptr);

 signals:
  void configChosen(const losslab::TrainingConfig& config);
  void progressed(int done, int total);
  void finished();
  /// A control changed: the plan they now describe.
  void planChanged(const losslab::SweepPlan& plan);

 private:
  QWidget* createControls();
  void finish(const SweepResult& result);
  void showResult();
  void showMessage(const QString& text, bool error);
  /// A save dialog starting in the remembered export folder, then `write`; a message box if
  /// the write fails.
  void askAndExport(const QString& title,
                    const QString& name,
                    const QString& filter,
                    const std::function<bool(const QString&, QString*)>& write);
  void pointClicked(QObject* plottable, const QPointF& pixel);

  TrainingConfig m_base;
  SweepRequest m_last;
  SweepResult m_result;
  bool m_running = false;
  std::shared_ptr<std::atomic<bool>> m_stop;
  std::unique_ptr<QThread> m_thread;  // the running sweep, if any; its result arrives queued
  QComboBox* m_vary = nullptr;
  QDoubleSpinBox* m_from = nullptr;
  QDoubleSpinBox* m_to = nullptr;
  QSpinBox* m_count = nullptr;
  QCheckBox* m_log = nullptr;
  QSpinBox* m_seeds = nullptr;
  QSpinBox* m_epochs = nullptr;
  QComboBox* m_metric = nullptr;
  QLineEdit* m_losses = nullptr;
  QPushButton* m_run = nullptr;
  QPushButton* m_stopButton = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_message = nullptr;
  SweepPlot* m_plot = nullptr;
};

}  // namespace losslab::ui
