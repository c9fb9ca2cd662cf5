// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <memory>
#include <optional>
#include <vector>

#include "core/engine/loss.h"
#include "core/training/dataset.h"
#include "core/training/training_config.h"
#include "ui/training/training_snapshot.h"

namespace losslab::ui {

class TrainingWorker;
struct TrainingMailbox;

/// Runs losslab::Trainer on a worker thread for one TrainingConfig and reports through queued
/// signals.
///
/// Configuration: apply() takes a whole TrainingConfig. It checks everything first (ranges,
/// losses, the data set, at least one training sample) and then either applies the change or
/// refuses it whole, with a message, leaving everything as it was.
///
/// Reading a CSV file (a 10⁶-row file takes ~0.3 s) never blocks this thread: apply() checks
/// what it can at once, starts the read on a pool thread and returns true with isLoading()
/// set. Until the read ends, config(), dataset() and the runs stay as they were. Then
/// loadFinished(true) follows once the configuration is applied, or loadFinished(false,
/// message) with the reader's "<file>:<line>:<column>: …" message and nothing changed. A newer
/// accepted apply() supersedes a read in progress: the older result is dropped when it arrives
/// (a generation counter), so the last request wins. waitForLoad() waits for the read instead
/// (headless use, sessions, tests).
///
/// The run (a state machine):
///   Ready    — epoch 0: fresh weights from the seed.
///   Running  — training towards the Epochs budget (config.epochs).
///   Paused   — stopped before the budget (Pause, Step, a divergence or a failed step).
///   Finished — the budget is reached. Start begins a new run; raising the budget makes the run
///              Paused again, so Start (or Step) continues it: continuing is explicit.
/// A new data set (another generator, CSV or sample count, a new validation split), a new
/// network, a new seed or a new set of compared losses starts a new run: Ready, or Running from
/// epoch 0 when it was running. Noise and outliers of the same generator perturb the targets of
/// the same x: the runs keep their weights and epoch count and train on (the outlier lesson:
/// raise the outliers mid-run and watch MSE move). A new batch size does the same. Loss
/// parameters, the optimizer and the learning rate change live, at the next step.
///
/// Threads: the trainers live on a worker QThread and only that thread steps them. The threads
/// share one mailbox guarded by a std::mutex (training_worker.h): commands go one way, reports
/// the other, and argument-free queued signals only say "look in the mailbox". Every signal
/// below is emitted on this object's thread; for one command the order is epochFinished…,
/// snapshotReady, then stateChanged, then diverged/failed, so "Paused" means the history is
/// complete. Progress is posted at most every kPostIntervalMs (no epoch is dropped).
///
/// Compare mode (2–4 losses): one Trainer per loss from the SAME options (network seed, split,
/// shuffling), so every run starts from the same weights and sees the same batches; the worker
/// steps them in lock-step, always advancing the run that has finished the fewest epochs.
class TrainingController : public QObject {
  Q_OBJECT

 public:
  enum class State { Ready, Running, Paused, Finished };
  Q_ENUM(State)

  static constexpr int kMaxRuns = TrainingLimits::kMaxLosses;
  static constexpr qint64 kPostIntervalMs = 16;  // ≤ 60 progress posts per second
  static constexpr int kCurvePoints = 201;       // grid of the fitted curve (1-D sets)

  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;

  /// Applies `config` whole or refuses it (false, `error` set, nothing changed). Custom losses
  /// must carry their formula (TrainingConfigModel fills it in from the library). `reloadData`
  /// reads the data again even when the configuration names the same file (a re-import, a
  /// session) and starts a new run.
  bool apply(const TrainingConfig& config, QString* error = nullptr, bool reloadData = false);
  /// A data file is being read for the latest apply() (see the class comment).
  bool isLoading() const { return m_load.has_value(); }
  /// Waits for the read in progress, if any, and applies or refuses its configuration (the
  /// signals are emitted before returning). false with the message if it was refused.
  bool waitForLoad(QString* error = nullptr);

  const TrainingConfig& config() const { return m_config; }
  State state() const { return m_state; }
  double epochsPerSecond() const { return m_epochsPerSecond; }
  const Dataset& dataset() const { return m_dataset; }
  bool isSynthetic() const { return m_config.data.source == DataConfig::Source::Generator; }
  const std::vector<LossPtr>& losses() const { return m_losses; }

  /// Trains on points edited by hand (sample_edits.h) from the next step on — or again on the
  /// configuration's own split (nullopt) — keeping the runs' weights, optimizers and epoch
  /// count: a paused run continues from where it was. The edit goes through the mailbox like
  /// every command. 1-D data only; false with the reason otherwise. The edits belong to their
  /// data set: a configuration with other data (apply() with new data, a new validation split
  /// or seed) drops them.
  bool setEditedData(std::optional<DatasetSplit> data, QString* error = nullptr);
  const std::optional<DatasetSplit>& editedData() const { return m_edited; }
  /// Counts the data sets applied (each drops the edits): edits of another one do not apply.
  int dataGeneration() const { return m_dataGeneration; }
  /// The split the runs train on: the edited points, or the configuration's data split.
  DatasetSplit trainingSplit() const;

  /// The Training tab's message for a loss that cannot train (translated); empty if it can.
  static QString whyNotTrainable(const LossInfo& info);
  /// "Huber (δ) [delta=0.5]": display name plus the parameters that differ from the defaults.
  static QString runName(const Loss& loss);

 public slots:
  /// Ready or Paused: trains until every run has finished config().epochs epochs. Finished: a
  /// new run from the seed's weights, to the budget. Nothing happens while running.
  void start();
  /// Stops at the next optimizer step; the epoch in progress resumes on start()/step().
  void pause();
  /// One more epoch of every run (from Ready or Paused; ignored while running or finished).
  void step();
  /// Fresh weights from the network seed, fresh optimizers and shuffling: epoch 0, Ready.
  void reset();
  /// Slow motion: at most `rate` epochs per second (the worker waits between epochs and draws
  /// each one); 0 = as fast as possible. Takes effect at once, also while running.
  void setEpochsPerSecond(double rate);

 public:
  /// Pauses, then trains `epochs` more epochs of every run on the worker while this thread
  /// waits (whatever the budget), and emits the resulting signals before returning (headless
  /// use and tests). false if training diverged or failed.
  bool trainEpochsBlocking(int epochs);
  /// Runs every command queued so far (a new run after a configuration change) on the worker
  /// while this thread waits, and emits what it reported (restarted: the history is empty).
  void flush();

 signals:
  void epochFinished(int epoch, const losslab::ui::EpochStats& stats);
  void snapshotReady(const losslab::ui::TrainingSnapshot& snapshot);
  void stateChanged(losslab::ui::TrainingController::State state);
  /// Training stopped (paused) because a loss or parameter blew up; the message says where and
  /// what to do. The parameters of the last good step were restored.
  void diverged(const QString& message);
  /// A command failed (a loss outside its domain, a set the trainer cannot use).
  void failed(const QString& message);
  /// A new run starts (epoch 0): histories are stale. One name per run.
  void restarted(const QStringList& runNames);
  /// A data file's read started (true) or ended (false: finished, or superseded by a newer
  /// configuration that needs no read).
  void loadingChanged(bool loading);
  /// The read for the latest apply() ended: its configuration is applied (`applied`), or it was
  /// refused with `message` and nothing changed.
  void loadFinished(bool applied, const QString& message);

 private:
  friend class TrainingWorker;

  /// What a data read returns to this thread.
  struct LoadResult {
    std::shared_ptr<Dataset> data;  // moved into the controller when the read ends
    QString error;                  // empty: `data` is good
  };
  /// A configuration waiting for its data (the read runs on a pool thread).
  struct PendingLoad {
    TrainingConfig config;
    std::vector<LossPtr> losses;
    bool reloadData = false;
    int generation = 0;
    QFutureWatcher<LoadResult>* watcher = nullptr;
  };

  /// The second half of apply(): the sample check, then the change (new data when `data`).
  bool commit(const TrainingConfig& next,
              std::optional<Dataset> data,
              std::vector<LossPtr> losses,
              bool reloadData,
              QString* error);
  /// The read of `generation` ended; ignored unless it is the latest. Whether its configuration
  /// was applied (else the reason in `error`, if given).
  bool finishLoad(int generation, const LoadResult& result, QString* error);
  /// Drops the read in progress (its result will be ignored); `notify`: loadingChanged(false).
  void dropLoad(bool notify = true);

  void postCommand(int kind, int epochs, bool interrupt);
  /// Emits the signals for everything the worker put into the outbox (queued from the worker).
  void drainMessages();

  std::shared_ptr<TrainingMailbox> m_mailbox;  // the only state both threads touch
  QThread m_thread;
  TrainingWorker* m_worker = nullptr;  // lives in m_thread, which deletes it when it finishes

  // What is applied (GUI-thread copies; the worker reads the mailbox).
  TrainingConfig m_config;
  Dataset m_dataset;
  std::vector<LossPtr> m_losses;
  std::optional<DatasetSplit> m_edited;
  int m_dataGeneration = 0;
  State m_state = State::Ready;
  std::optional<PendingLoad> m_load;
  int m_loadGeneration = 0;
  double m_epochsPerSecond = 0;
};

}  // namespace losslab::ui
