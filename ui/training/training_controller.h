// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QVector>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

#include "core/engine/loss.h"
#include "core/training/dataset.h"
#include "core/training/metrics.h"
#include "core/training/mlp.h"
#include "core/training/optimizers.h"

namespace losslab::ui {

class TrainingWorker;

/// What one epoch of one run did (the trainer's EpochReport, numbered for the UI).
struct EpochStats {
  int run = 0;             // which loss: 0 in single mode, 0..3 in compare mode
  int epoch = 0;           // 1-based, counted from the last reset (continues over data changes)
  std::int64_t steps = 0;  // optimizer steps of this run's current trainer
  /// Keras' displayed epoch loss: the batch-size-weighted mean of the epoch's batch losses.
  double loss = std::numeric_limits<double>::quiet_NaN();
  RegressionMetrics train;       // whole training set, parameters at the end of the epoch
  RegressionMetrics validation;  // whole validation set (NaN when it is empty)
  double learningRate = std::numeric_limits<double>::quiet_NaN();  // in effect at the epoch's end
};

/// One run's predictions on the training set (same order as TrainingSnapshot::yTrue).
struct RunSnapshot {
  int epoch = 0;
  QString name;               // the loss's display name with its parameters
  QVector<double> yPred;      // ŷ_i
  QVector<double> influence;  // |∂ℓ_i/∂ŷ_i|: how hard sample i pulls on the fit
  QVector<double> curveY;     // 1-D sets: the network on TrainingSnapshot::curveX
};

/// Copies of everything the plots need, taken on the worker thread (never shared storage).
struct TrainingSnapshot {
  int featureCount = 0;
  QVector<double> x;       // the first feature of every training sample
  QVector<double> yTrue;   // y_i
  QVector<int> outliers;   // training-set indices of the samples moved by an outlier
  QVector<double> curveX;  // 1-D sets: a grid over the range of x (empty otherwise)
  QVector<RunSnapshot> runs;
};

/// Runs losslab::Trainer on a worker thread and reports through queued signals.
///
/// Threads: the trainers live on a worker QThread (a QObject moved there) and only that thread
/// steps them. The two threads share one mailbox guarded by a std::mutex: commands (start, pause,
/// step, reset, rebuilds after data/network changes) go in one direction, reports (epochs,
/// snapshots, state, messages) in the other, and argument-free queued signals only say "look in
/// the mailbox". Commands run on the worker in the order posted, between training slices of
/// ≈16 ms; an atomic interrupt flag, checked before every optimizer step, lets pause, reset and
/// data changes take effect at the next step. Loss, optimizer and learning-rate changes go
/// straight to the trainers' thread-safe setters (under the same mutex, which also guards the
/// worker's list of trainers), so they too apply at the next step. Every signal below is emitted
/// on this object's thread. For one command the order is: epochFinished…, snapshotReady, then
/// stateChanged, then diverged/failed, so "Paused" means the history is complete.
///
/// Throttling: the worker trains as fast as it can and posts progress (the epochs finished since
/// the last post plus one snapshot) only when ≥ kPostIntervalMs passed and the previous post was
/// delivered, so the UI sees at most ≈60 updates a second and never a backlog; no epoch is
/// dropped. State changes, step() and the end of trainEpochsBlocking() post at once.
///
/// Data changes (set, outliers, validation split, batch size) rebuild the trainers at the next
/// step; each run keeps its current weights when the network shape is unchanged (its optimizer
/// state starts afresh) and the epoch count goes on. A new network or a new set of compared
/// losses restarts from the seed's weights (restarted()).
///
/// Compare mode (2–4 losses): one Trainer per loss from the SAME options (network seed, split,
/// shuffling), so every run starts from the same weights and sees the same batches; the worker
/// steps them in lock-step, always advancing the run that has finished the fewest epochs.
class TrainingController : public QObject {
  Q_OBJECT

 public:
  enum class State { Idle, Running, Paused };
  Q_ENUM(State)

  static constexpr int kMaxRuns = 4;
  static constexpr qint64 kPostIntervalMs = 16;  // ≤ 60 progress posts per second
  static constexpr int kCurvePoints = 201;       // grid of the fitted curve (1-D sets)

  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  // ---- configuration (GUI thread). A false return leaves everything unchanged. ----
  /// A synthetic set: the trainers are rebuilt on the new data at the next step and keep their
  /// weights when the network shape allows it (same feature count); else training restarts.
  bool setDataset(const DatasetOptions& options, QString* error = nullptr);
  /// An imported set (same rules).
  bool setDataset(const Dataset& data, QString* error = nullptr);
  /// Outlier share and size of the synthetic set (false for an imported set).
  bool setOutliers(double fraction, double magnitude, QString* error = nullptr);
  bool setValidationSplit(double fraction, QString* error = nullptr);
  bool setBatchSize(Eigen::Index batchSize, QString* error = nullptr);
  /// A new network shape: training restarts from the seed's weights.
  bool setModel(const MlpOptions& model, QString* error = nullptr);
  /// One seed for the generated data, the initial weights, the split and the shuffling, derived
  /// into sub-streams exactly as `losslab-cli train --seed` does (random.h's SeedStream), so a
  /// session and the CLI with the same settings and seed give the same numbers. Restarts.
  bool setSeed(std::uint64_t seed, QString* error = nullptr);
  std::uint64_t seed() const { return m_seed; }
  /// Live: Trainer::setOptimizerOptions (the same kind keeps the optimizer's state).
  bool setOptimizer(const OptimizerOptions& options, QString* error = nullptr);
  bool setLearningRate(double learningRate, QString* error = nullptr);
  /// How many epochs start() trains to (see start()).
  void setEpochs(int epochs);
  /// Single mode with one loss. Live (Trainer::setLoss) when one run exists, else a restart.
  bool setLoss(LossPtr loss, QString* error = nullptr);
  /// 1 to kMaxRuns losses. The same count as now: each run swaps its loss live; another count:
  /// new runs from the same initial weights (training restarts).
  bool setLosses(std::vector<LossPtr> losses, QString* error = nullptr);

  // ---- what is configured (GUI thread) ----
  State state() const { return m_state; }
  const Dataset& dataset() const { return m_dataset; }
  bool isSynthetic() const { return m_synthetic; }
  const DatasetOptions& datasetOptions() const { return m_datasetOptions; }
  double validationSplit() const { return m_validationSplit; }
  Eigen::Index batchSize() const { return m_batchSize; }
  const MlpOptions& model() const { return m_model; }
  const OptimizerOptions& optimizer() const { return m_optimizer; }
  int epochs() const { return m_epochs; }
  const std::vector<LossPtr>& losses() const { return m_losses; }

  /// Empty if the trainer can fit `info` (one regression target, no required extra input).
  static QString whyNotTrainable(const LossInfo& info);
  /// "Huber (δ) [delta=0.5]": display name plus the parameters that differ from the defaults.
  static QString runName(const Loss& loss);

 public slots:
  /// Trains until every run has finished epochs() epochs (another epochs() more if that was
  /// already reached), then pauses. Nothing happens while running.
  void start();
  /// Stops at the next optimizer step; the epoch in progress resumes on start()/step().
  void pause();
  /// One more epoch of every run (from Idle or Paused; ignored while running).
  void step();
  /// Fresh weights from the network seed, fresh optimizers and shuffling: epoch 0, Idle.
  void reset();

 public:
  /// Pauses, then trains `epochs` more epochs of every run on the worker while this thread
  /// waits, and emits the resulting signals before returning (for headless use and tests).
  /// false if training diverged or failed.
  bool trainEpochsBlocking(int epochs);

 signals:
  void epochFinished(int epoch, const losslab::ui::EpochStats& stats);
  void snapshotReady(const losslab::ui::TrainingSnapshot& snapshot);
  void stateChanged(losslab::ui::TrainingController::State state);
  /// Training stopped (paused) because a loss or parameter blew up; the message says where and
  /// what to do. The parameters of the last good step were restored.
  void diverged(const QString& message);
  /// A command failed (a loss outside its domain, a set the trainer cannot use).
  void failed(const QString& message);
  /// Epoch numbering starts over (reset, new network, new set of runs): histories are stale.
  void restarted(const QStringList& runNames);

 private:
  struct Shared;
  struct Command;
  struct Message;
  enum class Rebuild { None = 0, KeepWeights = 1, Fresh = 2 };
  friend class TrainingWorker;

  bool applyDataset(const Dataset& data, QString* error);
  void requestRebuild(Rebuild kind);
  void postCommand(const Command& command, bool interrupt);
  /// Emits the signals for everything the worker put into the outbox (queued from the worker).
  void drainMessages();

  std::shared_ptr<Shared> m_shared;  // the mailbox: the only state both threads touch
  QThread m_thread;
  TrainingWorker* m_worker = nullptr;  // lives in m_thread, which deletes it when it finishes

  // The configuration as requested (GUI-thread copies; the worker reads Shared).
  Dataset m_dataset;
  bool m_synthetic = true;
  DatasetOptions m_datasetOptions;
  double m_validationSplit = 0.2;
  Eigen::Index m_batchSize = 32;
  std::uint64_t m_seed = 0;  // losslab-cli train's default
  MlpOptions m_model;
  OptimizerOptions m_optimizer;
  int m_epochs = 100;
  std::vector<LossPtr> m_losses;
  State m_state = State::Idle;
};

}  // namespace losslab::ui
