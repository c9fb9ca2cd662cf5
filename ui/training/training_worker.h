// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/training/trainer.h"
#include "ui/training/epoch_pacer.h"
#include "ui/training/training_controller.h"

namespace losslab::ui {

// ---- the mailbox -------------------------------------------------------------------------------
// Everything that crosses the thread boundary goes through the mailbox under one std::mutex.
// Qt's queued signals only say "look in the mailbox" and carry no data: the hand-over of every
// byte is then visible to ThreadSanitizer (which does not see the synchronisation inside an
// uninstrumented QtCore) and there is no question of which copy a queued argument holds.
struct TrainingMailbox {
  using State = TrainingController::State;

  /// What the trainers are built from (the newest configuration applied).
  struct Setup {
    Dataset data;
    MlpOptions model;
    TrainOptions options;  // batch size, optimizer, split and shuffling seed
    std::vector<LossPtr> losses;
    /// Points edited by hand (sample_edits.h): trained instead of the split of `data`.
    std::optional<DatasetSplit> split;
  };
  /// How the next rebuild treats the runs (the strongest request since the last rebuild wins).
  enum class Rebuild { None = 0, KeepWeights = 1, NewRun = 2 };

  /// A request from the GUI thread, run by the worker in the order posted.
  struct Command {
    enum Kind { Rebuild, Start, Pause, Step, Reset, Budget, Blocking, Pace, Edit };
    Kind kind = Rebuild;
    int epochs = 0;  // Blocking: how many epochs
  };

  /// A report from the worker, turned into signals on the GUI thread in the order posted.
  struct Message {
    enum class Kind { Progress, State, Diverged, Failed, Restarted };
    Kind kind = Kind::Progress;
    std::vector<EpochStats> epochs;            // Progress: epochs finished since the last post
    std::optional<TrainingSnapshot> snapshot;  // Progress
    State state = State::Ready;                // State
    QString text;                              // Diverged, Failed
    QStringList names;                         // Restarted
  };

  std::mutex mutex;  // guards every non-atomic member below
  Setup setup;
  Rebuild pendingRebuild = Rebuild::None;
  std::vector<Trainer*> trainers;  // the worker's live trainers (for the live setters)
  std::deque<Command> commands;    // GUI → worker
  std::deque<Message> outbox;      // worker → GUI
  bool blockingResult = false;     // trainEpochsBlocking's answer
  bool editPending = false;        // Setup's split changed: the runs take it (Command::Edit)

  std::atomic<bool> interrupt{false};  // stop before the next optimizer step (set with a command)
  std::atomic<int> postsInFlight{0};   // progress posts not yet turned into signals
  std::atomic<int> budget{200};        // the Epochs budget (config.epochs)
  std::atomic<double> epochsPerSecond{0};  // slow motion; 0: as fast as possible
};

// ---- the worker (lives on the training thread) -------------------------------------------------

/// Owns the trainers, runs the commands and the run's state machine (see TrainingController),
/// trains in slices of ≈ kPostIntervalMs and posts what happened. In slow motion (a rate of
/// epochs per second) a slice is one epoch of every run, posted at once, and the worker waits
/// for the next due time on a single-shot timer of its own thread (EpochPacer): no busy loop, and
/// commands (Pause, edits) run while it waits.
class TrainingWorker : public QObject {
  Q_OBJECT

 public:
  using State = TrainingController::State;
  using Command = TrainingMailbox::Command;
  using Message = TrainingMailbox::Message;
  using Rebuild = TrainingMailbox::Rebuild;

  explicit TrainingWorker(std::shared_ptr<TrainingMailbox> mailbox);
  ~TrainingWorker() override;

  /// Runs every queued command (slot of commandsPosted; also of blockingRequested).
  void processCommands();
  /// One training slice of ≈ kPostIntervalMs, then the next one is queued (slot of sliceRequested).
  void trainSlice();
  /// A slow-motion slice: one epoch of every run if it is due, then a timer to the next.
  void trainPacedSlice();

 signals:
  void commandsPosted();     // emitted by the GUI thread: there are commands
  void blockingRequested();  // the same, BlockingQueuedConnection
  void sliceRequested();     // the worker to itself: train on after queued commands ran
  void messagesPosted();     // the worker to the controller: there are messages

 private:
  enum class Outcome { Finished, Interrupted, Diverged, Failed };
  struct Run {
    std::unique_ptr<Trainer> trainer;
    int epochBase = 0;   // epochs of the trainers this run had before the current one
    double lossSum = 0;  // Σ batch loss · batch size over the epoch in progress
    double samples = 0;  // Σ batch size over the epoch in progress
    int total() const { return epochBase + trainer->epoch(); }
  };

  void rebuild();
  // Live changes that keep the runs going (training_worker_live.cpp):
  /// A new slow-motion rate, from now on.
  void pace();
  /// The newest edited points (or the configuration's own split) for every run, keeping their
  /// weights, optimizers and epoch count.
  void applyEdits();
  static std::unique_ptr<Trainer> makeTrainer(const TrainingMailbox::Setup& setup,
                                              const LossPtr& loss,
                                              const TrainOptions& options);
  void start();
  void pause();
  void stepEpoch();
  void reset();
  void budgetChanged();
  bool trainEpochs(int epochs);

  /// Back to epoch 0 on the seed's weights (a new run); posts restarted().
  void newRun();
  /// Paused below the budget, Finished at or above it.
  State stoppedState() const;
  Outcome trainRound();
  int finishedEpochs() const;
  void setState(State state);
  void stopWith(Message::Kind kind, const QString& text);
  void scheduleSlice();
  void post(Message message);
  void postProgress(bool force);
  std::optional<TrainingSnapshot> snapshot();
  QStringList runNames() const;

  std::shared_ptr<TrainingMailbox> m_mailbox;
  std::vector<Run> m_runs;
  State m_state = State::Ready;
  bool m_sliceQueued = false;
  std::vector<EpochStats> m_pending;  // epochs not yet posted
  QElapsedTimer m_sincePost;
  QElapsedTimer m_clock;  // the pacer's clock (started with the worker)
  EpochPacer m_pacer;
  QTimer* m_paceTimer = nullptr;  // created on the training thread
};

}  // namespace losslab::ui
