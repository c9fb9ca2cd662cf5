// SPDX-License-Identifier: GPL-3.0-or-later
// The worker's live changes that keep the runs going: slow motion (one epoch when the pacer says
// it is due) and a new pace, and points edited by hand (issue 11): the edited split reaches the
// runs through the mailbox's Setup, and each trainer takes it between two steps
// (Trainer::setData).
#include <QTimer>
#include <algorithm>
#include <exception>
#include <utility>

#include "ui/training/training_worker.h"

namespace losslab::ui {

std::unique_ptr<Trainer> TrainingWorker::makeTrainer(const TrainingMailbox::Setup& setup,
                                                     const LossPtr& loss,
                                                     const TrainOptions& options) {
  if (setup.split) {
    return std::make_unique<Trainer>(*setup.split, setup.model, loss, options);
  }
  return std::make_unique<Trainer>(setup.data, setup.model, loss, options);
}

void TrainingWorker::pace() {
  if (!m_clock.isValid()) {
    m_clock.start();
  }
  m_pacer.restart(m_clock.elapsed(), m_mailbox->epochsPerSecond.load());
  if (m_state == State::Running) {
    scheduleSlice();  // a new pace takes over from a waiting timer at once
  }
}

void TrainingWorker::applyEdits() {
  std::optional<DatasetSplit> split;
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    if (!m_mailbox->editPending) {
      return;  // an earlier command already took the newest points
    }
    m_mailbox->editPending = false;
    if (m_mailbox->pendingRebuild != Rebuild::None) {
      return;  // the rebuild that follows builds from the newest Setup, points included
    }
    const TrainingMailbox::Setup& setup = m_mailbox->setup;
    split = setup.split ? *setup.split : trainerSplit(setup.data, setup.options);
  }
  try {
    for (Run& run : m_runs) {
      const bool sameSize = run.trainer->data().train.size() == split->train.size();
      run.trainer->setData(*split);
      if (!sameSize) {
        run.lossSum = 0;  // the epoch in progress starts afresh on the new set
        run.samples = 0;
      }
    }
  } catch (const std::exception& e) {
    stopWith(Message::Kind::Failed, QString::fromStdString(e.what()));
    return;
  }
  postProgress(true);  // the moved point and the fits at once, also while paused
}

void TrainingWorker::trainPacedSlice() {
  if (!m_paceTimer) {
    m_paceTimer = new QTimer(this);  // on the training thread: its timeout runs here
    m_paceTimer->setSingleShot(true);
    m_paceTimer->setTimerType(Qt::PreciseTimer);
    connect(m_paceTimer, &QTimer::timeout, this, &TrainingWorker::trainSlice);
  }
  const qint64 now = m_clock.elapsed();
  if (m_pacer.due(now)) {
    if (finishedEpochs() >= m_mailbox->budget.load()) {
      postProgress(true);
      setState(State::Finished);
      return;
    }
    const int target = finishedEpochs() + 1;
    while (finishedEpochs() < target) {
      const Outcome outcome = trainRound();
      if (outcome == Outcome::Interrupted) {
        scheduleSlice();  // the queued command runs first; the epoch resumes after it
        return;
      }
      if (outcome != Outcome::Finished) {
        return;  // stopWith() paused and posted
      }
    }
    m_pacer.trained(now);
    postProgress(true);  // every slow-motion epoch is drawn
    if (finishedEpochs() >= m_mailbox->budget.load()) {
      setState(State::Finished);
      return;
    }
  }
  m_paceTimer->start(static_cast<int>(std::max<qint64>(1, m_pacer.waitMs(m_clock.elapsed()))));
}

}  // namespace losslab::ui
