// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_worker.h"

#include "ui/training/snapshot_builder.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace losslab::ui {

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingMailbox> mailbox)
    : m_mailbox(std::move(mailbox)) {}

TrainingWorker::~TrainingWorker() {
  // Runs on the training thread (deleteLater at QThread::finished): the trainers die here.
  const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
  m_mailbox->trainers.clear();
}

void TrainingWorker::processCommands() {
  for (;;) {
    Command command;
    {
      const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
      if (m_mailbox->commands.empty()) {
        return;
      }
      command = m_mailbox->commands.front();
      m_mailbox->commands.pop_front();
    }
    // The interrupt that came with this command has done its job.
    m_mailbox->interrupt.store(false);
    switch (command.kind) {
      case Command::Rebuild:
        rebuild();
        break;
      case Command::Start:
        start();
        break;
      case Command::Pause:
        pause();
        break;
      case Command::Step:
        stepEpoch();
        break;
      case Command::Reset:
        reset();
        break;
      case Command::Budget:
        budgetChanged();
        break;
      case Command::Edit:
        applyEdits();
        break;
      case Command::Pace:
        pace();
        break;
      case Command::Blocking: {
        const bool ok = trainEpochs(command.epochs);
        const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
        m_mailbox->blockingResult = ok;
        break;
      }
    }
  }
}

void TrainingWorker::rebuild() {
  std::vector<Run> runs;
  bool keep = false;
  {
    // Built under the lock: a live setter (learning rate, loss) that the GUI thread applies
    // meanwhile either reaches the old trainers and Setup before we read it, or the new ones.
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    const Rebuild kind = m_mailbox->pendingRebuild;
    m_mailbox->pendingRebuild = Rebuild::None;
    if (kind == Rebuild::None) {
      return;  // an earlier command already built from the newest Setup
    }
    const TrainingMailbox::Setup& setup = m_mailbox->setup;
    TrainOptions options = setup.options;
    options.computeMetrics = false;  // trainRound asks for them once per finished epoch
    try {
      for (const LossPtr& loss : setup.losses) {
        Run run;
        run.trainer = makeTrainer(setup, loss, options);
        runs.push_back(std::move(run));
      }
    } catch (const std::exception& e) {
      // Keep training what we had; the controller checked everything, so this is a corner case.
      Message failed;
      failed.kind = Message::Kind::Failed;
      failed.text = TrainingController::tr("Could not set up training: %1")
                        .arg(QString::fromStdString(e.what()));
      m_mailbox->outbox.push_back(std::move(failed));
      emit messagesPosted();
      return;
    }
    // The same targets perturbed (noise, outliers) or a new batch size: every run continues
    // from its own current weights (its optimizer starts afresh) and the epoch count goes on.
    keep = kind == Rebuild::KeepWeights && runs.size() == m_runs.size();
    for (std::size_t i = 0; keep && i < runs.size(); ++i) {
      keep = runs[i].trainer->model().widths() == m_runs[i].trainer->model().widths();
    }
    if (keep) {
      for (std::size_t i = 0; i < runs.size(); ++i) {
        runs[i].trainer->model().parameters() = m_runs[i].trainer->model().parameters();
        runs[i].epochBase = m_runs[i].total();
      }
    }
    m_runs.swap(runs);
    m_mailbox->trainers.clear();
    for (const Run& run : m_runs) {
      m_mailbox->trainers.push_back(run.trainer.get());
    }
  }
  runs.clear();  // the old trainers, outside the lock
  if (keep) {
    postProgress(true);
    return;
  }
  // A new run: epoch 0. A running one trains on towards the budget from there.
  m_pending.clear();
  Message restarted;
  restarted.kind = Message::Kind::Restarted;
  restarted.names = runNames();
  post(std::move(restarted));
  postProgress(true);
  if (m_state != State::Running) {
    setState(State::Ready);
  }
}

void TrainingWorker::newRun() {
  for (Run& run : m_runs) {
    run.trainer->reset();
    run.epochBase = 0;
    run.lossSum = 0;
    run.samples = 0;
  }
  m_pending.clear();
  Message restarted;
  restarted.kind = Message::Kind::Restarted;
  restarted.names = runNames();
  post(std::move(restarted));
  postProgress(true);
}

TrainingWorker::State TrainingWorker::stoppedState() const {
  return finishedEpochs() >= m_mailbox->budget.load() ? State::Finished : State::Paused;
}

void TrainingWorker::start() {
  if (m_runs.empty() || m_state == State::Running) {
    return;
  }
  if (m_state == State::Finished) {
    newRun();  // Start after Finished is a new run; raising Epochs is how a run continues
  }
  setState(State::Running);
  if (!m_clock.isValid()) {
    m_clock.start();
  }
  m_pacer.restart(m_clock.elapsed(), m_mailbox->epochsPerSecond.load());
  scheduleSlice();
}

void TrainingWorker::pause() {
  if (m_state == State::Running) {
    postProgress(true);  // the last epochs before the state: "Paused" means the data is final
    setState(stoppedState());
  }
}

void TrainingWorker::stepEpoch() {
  if (m_runs.empty() || m_state == State::Running || m_state == State::Finished) {
    return;
  }
  const int target = finishedEpochs() + 1;
  while (finishedEpochs() < target) {
    const Outcome outcome = trainRound();
    if (outcome == Outcome::Interrupted) {
      break;  // a newer command runs next; the epoch in progress resumes later
    }
    if (outcome != Outcome::Finished) {
      return;  // stopWith() paused and posted
    }
  }
  postProgress(true);
  setState(stoppedState());
}

void TrainingWorker::reset() {
  newRun();
  setState(State::Ready);
}

void TrainingWorker::budgetChanged() {
  // Paused and Finished follow the budget; a running slice checks it before every epoch.
  if (m_state == State::Paused || m_state == State::Finished) {
    setState(stoppedState());
  }
}

bool TrainingWorker::trainEpochs(int epochs) {
  if (m_runs.empty()) {
    return false;
  }
  const int target = finishedEpochs() + epochs;
  bool ok = true;
  while (ok && finishedEpochs() < target) {
    const Outcome outcome = trainRound();
    ok = outcome == Outcome::Finished;
    postProgress(false);
  }
  postProgress(true);
  if (ok) {
    setState(finishedEpochs() > 0 ? stoppedState() : State::Ready);
  }
  return ok;
}

void TrainingWorker::trainSlice() {
  m_sliceQueued = false;
  if (m_state != State::Running) {
    return;
  }
  if (m_pacer.paced()) {
    trainPacedSlice();
    return;
  }
  QElapsedTimer slice;
  slice.start();
  while (slice.elapsed() < TrainingController::kPostIntervalMs) {
    if (finishedEpochs() >= m_mailbox->budget.load()) {
      postProgress(true);
      setState(State::Finished);
      return;
    }
    const Outcome outcome = trainRound();
    if (outcome == Outcome::Interrupted) {
      break;  // the queued command runs before the next slice
    }
    if (outcome != Outcome::Finished) {
      return;  // stopWith() paused and posted
    }
  }
  postProgress(false);
  scheduleSlice();
}

TrainingWorker::Outcome TrainingWorker::trainRound() {
  // Lock-step: advance the run that has finished the fewest epochs (the first one on a tie).
  std::size_t index = 0;
  for (std::size_t i = 1; i < m_runs.size(); ++i) {
    if (m_runs[i].total() < m_runs[index].total()) {
      index = i;
    }
  }
  Run& run = m_runs[index];
  Trainer& trainer = *run.trainer;
  try {
    for (;;) {
      if (m_mailbox->interrupt.load()) {
        return Outcome::Interrupted;  // the epoch in progress resumes later
      }
      const StepResult step = trainer.step();
      if (step.diverged) {
        run.lossSum = 0;  // the trainer abandoned the epoch
        run.samples = 0;
        QString message = QString::fromStdString(trainer.divergenceMessage());
        if (m_runs.size() > 1) {
          message = TrainingController::runName(*trainer.loss()) + QStringLiteral(": ") + message;
        }
        stopWith(Message::Kind::Diverged, message);
        return Outcome::Diverged;
      }
      run.lossSum += step.loss * static_cast<double>(step.batch);
      run.samples += static_cast<double>(step.batch);
      if (step.epochFinished) {
        break;
      }
    }
    EpochStats stats;
    stats.run = static_cast<int>(index);
    stats.epoch = run.total();
    stats.steps = trainer.steps();
    stats.loss = run.lossSum / run.samples;
    run.lossSum = 0;
    run.samples = 0;
    stats.train = trainer.metrics(Trainer::Set::Train);
    stats.validation = trainer.metrics(Trainer::Set::Validation);
    // Against the noise-free targets (NaN without them); the training set's when the split is 0,
    // as the metrics table falls back to it.
    stats.clean = trainer.cleanMetrics(
        trainer.data().validation.size() > 0 ? Trainer::Set::Validation : Trainer::Set::Train);
    stats.learningRate = trainer.optimizer().options().learningRate();
    m_pending.push_back(stats);
  } catch (const std::exception& e) {
    // An Error::data from the loss (a prediction outside its domain): the step was not taken.
    stopWith(Message::Kind::Failed, QString::fromStdString(e.what()));
    return Outcome::Failed;
  }
  return Outcome::Finished;
}

int TrainingWorker::finishedEpochs() const {
  int fewest = 0;
  for (std::size_t i = 0; i < m_runs.size(); ++i) {
    fewest = i == 0 ? m_runs[i].total() : std::min(fewest, m_runs[i].total());
  }
  return fewest;
}

void TrainingWorker::setState(State state) {
  if (state == m_state) {
    return;
  }
  m_state = state;
  Message message;
  message.kind = Message::Kind::State;
  message.state = state;
  post(std::move(message));
}

void TrainingWorker::stopWith(Message::Kind kind, const QString& text) {
  postProgress(true);
  setState(State::Paused);
  Message message;
  message.kind = kind;
  message.text = text;
  post(std::move(message));
}

void TrainingWorker::scheduleSlice() {
  if (!m_sliceQueued) {
    m_sliceQueued = true;
    emit sliceRequested();
  }
}

void TrainingWorker::post(Message message) {
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    m_mailbox->outbox.push_back(std::move(message));
  }
  emit messagesPosted();
}

void TrainingWorker::postProgress(bool force) {
  if (m_runs.empty()) {
    return;
  }
  // At most one post per interval, and none while the GUI has not caught up with the last one:
  // the epochs pile up in m_pending (never dropped) and only the newest snapshot is taken.
  if (!force &&
      (m_mailbox->postsInFlight.load() > 0 ||
       (m_sincePost.isValid() && m_sincePost.elapsed() < TrainingController::kPostIntervalMs))) {
    return;
  }
  Message message;
  message.kind = Message::Kind::Progress;
  message.epochs.swap(m_pending);
  message.snapshot = snapshot();
  m_mailbox->postsInFlight.fetch_add(1);
  m_sincePost.start();
  post(std::move(message));
}

std::optional<TrainingSnapshot> TrainingWorker::snapshot() {
  std::vector<SnapshotRun> runs;
  for (Run& run : m_runs) {
    runs.push_back({run.trainer.get(), run.total()});
  }
  return buildSnapshot(runs);
}

QStringList TrainingWorker::runNames() const {
  QStringList names;
  const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
  for (const LossPtr& loss : m_mailbox->setup.losses) {
    names << TrainingController::runName(*loss);
  }
  return names;
}

}  // namespace losslab::ui
