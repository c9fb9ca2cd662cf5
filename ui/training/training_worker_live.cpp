// SPDX-License-Identifier: GPL-3.0-or-later
// The worker's live changes that keep the runs going: a new slow-motion pace, and points edited
// by hand (issue 11): the edited split reaches the runs through the mailbox's Setup, and each
// trainer takes it between two steps (Trainer::setData).
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

}  // namespace losslab::ui
