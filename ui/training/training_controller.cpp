// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_controller.h"

#include <QtConcurrent/QtConcurrentRun>
#include <exception>
#include <utility>

#include "core/engine/error.h"
#include "core/training/trainability.h"
#include "ui/common/engine_text.h"
#include "ui/training/training_worker.h"

namespace losslab::ui {

namespace {

using Rebuild = TrainingMailbox::Rebuild;
using Command = TrainingMailbox::Command;
using Message = TrainingMailbox::Message;

/// The same data set: the same file and columns, or the same generator, sample count and seed
/// (noise and outliers aside: they perturb the targets of the same x, see sameTargets).
bool sameSource(const TrainingConfig& a, const TrainingConfig& b) {
  const DataConfig& x = a.data;
  const DataConfig& y = b.data;
  if (x.source != y.source) {
    return false;
  }
  if (x.source == DataConfig::Source::Csv) {
    return x.csvPath == y.csvPath && x.csvTarget == y.csvTarget && x.csvFeatures == y.csvFeatures &&
           x.csvClean == y.csvClean;
  }
  // Leverage points move x: other samples, not other targets of the same ones.
  return x.generator == y.generator && x.samples == y.samples && a.seed == b.seed &&
         x.leverageFraction == y.leverageFraction && x.leverageDistance == y.leverageDistance;
}

bool sameTargets(const TrainingConfig& a, const TrainingConfig& b) {
  const DataConfig& x = a.data;
  const DataConfig& y = b.data;
  return x.source == DataConfig::Source::Csv ||
         (x.noise == y.noise && x.outlierFraction == y.outlierFraction &&
          x.outlierMagnitude == y.outlierMagnitude && x.outlierSide == y.outlierSide);
}

std::vector<std::string> trainedIds(const TrainingConfig& config) {
  std::vector<std::string> ids;
  for (const LossChoice& loss : config.trainedLosses()) {
    ids.push_back(loss.id);
  }
  return ids;
}

/// What a change of configuration does to the runs (see the class comment).
Rebuild rebuildFor(const TrainingConfig& from, const TrainingConfig& to) {
  const bool sameRuns =
      from.compare == to.compare && (!to.compare || trainedIds(from) == trainedIds(to));
  if (!sameSource(from, to) || from.data.validationSplit != to.data.validationSplit ||
      from.network != to.network || from.seed != to.seed || !sameRuns) {
    return Rebuild::NewRun;
  }
  if (!sameTargets(from, to) || from.optimizer.batchSize != to.optimizer.batchSize) {
    return Rebuild::KeepWeights;
  }
  return Rebuild::None;
}

}  // namespace

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), m_mailbox(std::make_shared<TrainingMailbox>()) {
  m_dataset = makeTrainingData(m_config);
  for (const LossChoice& loss : m_config.trainedLosses()) {
    m_losses.push_back(createLoss(loss));
  }
  m_mailbox->setup = {m_dataset, mlpOptions(m_config), trainOptions(m_config), m_losses, {}};
  m_mailbox->budget.store(m_config.epochs);
  m_mailbox->pendingRebuild = Rebuild::NewRun;
  m_mailbox->commands.push_back({Command::Rebuild, 0});

  // Every connection exists before the thread starts (pthread_create orders them for TSan).
  m_worker = new TrainingWorker(m_mailbox);
  m_worker->moveToThread(&m_thread);
  connect(m_worker, &TrainingWorker::commandsPosted, m_worker, &TrainingWorker::processCommands,
          Qt::QueuedConnection);
  connect(m_worker, &TrainingWorker::blockingRequested, m_worker, &TrainingWorker::processCommands,
          Qt::BlockingQueuedConnection);
  connect(m_worker, &TrainingWorker::sliceRequested, m_worker, &TrainingWorker::trainSlice,
          Qt::QueuedConnection);
  connect(m_worker, &TrainingWorker::messagesPosted, this, &TrainingController::drainMessages,
          Qt::QueuedConnection);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  m_thread.setObjectName(QStringLiteral("losslab-training"));
  m_thread.start();
  emit m_worker->commandsPosted();
}

TrainingController::~TrainingController() {
  m_mailbox->interrupt.store(true);  // the slice in progress returns at the next step
  m_thread.quit();
  m_thread.wait();  // the worker and its trainers are deleted on the thread before it ends
}

QString TrainingController::whyNotTrainable(const LossInfo& info) {
  const Trainability t = trainability(info);
  const QString id = QString::fromStdString(info.id);
  switch (t.problem) {
    case Trainability::Problem::None:
      break;
    case Trainability::Problem::ClassLabels:
      return tr("'%1' takes class labels; training fits one real-valued target per sample").arg(id);
    case Trainability::Problem::NoTarget:
      return tr("'%1' takes no target; training fits one real-valued target per sample").arg(id);
    case Trainability::Problem::ExtraInput:
      return tr("'%1' needs the extra input '%2', which training does not provide")
          .arg(id, QString::fromStdString(t.extraInput));
  }
  return {};
}

QString TrainingController::runName(const Loss& loss) {
  const LossInfo& info = loss.info();
  QStringList changed;
  for (const ParamSpec& spec : info.params) {
    const auto it = loss.params().find(spec.id);
    if (it != loss.params().end() && it->second != spec.defaultValue) {
      changed << QString::fromStdString(spec.id + "=" + spec.format(it->second));
    }
  }
  QString name = engineText(info.name);
  if (!changed.isEmpty()) {
    name += QStringLiteral(" [%1]").arg(changed.join(QStringLiteral(", ")));
  }
  return name;
}

bool TrainingController::apply(const TrainingConfig& next, QString* error, bool reloadData) {
  auto fail = [error](const QString& message) {
    if (error) {
      *error = message;
    }
    return false;
  };
  // ---- check everything first: a configuration that cannot be applied changes nothing ----
  if (const std::string problem = fullConfigProblem(next); !problem.empty()) {
    return fail(QString::fromStdString(problem));
  }
  const bool newData = reloadData || !sameSource(m_config, next) || !sameTargets(m_config, next);
  std::optional<Dataset> data;
  std::vector<LossPtr> losses;
  const bool readsFile = newData && next.data.source == DataConfig::Source::Csv;
  try {
    if (newData && !readsFile) {
      data = makeTrainingData(next);  // generated: fast (the sample count is limited)
    }
    for (const LossChoice& loss : next.trainedLosses()) {
      losses.push_back(createLoss(loss));
    }
  } catch (const Error& e) {
    return fail(tr("Could not use the data; the current data set is kept.\n%1")
                    .arg(QString::fromStdString(e.what())));
  }
  if (!readsFile) {
    if (!commit(next, std::move(data), std::move(losses), reloadData, error)) {
      return false;
    }
    dropLoad();  // this newer configuration wins over a read in progress
    return true;
  }
  // ---- a file: read it on a pool thread; the current configuration stays until it ends ----
  const bool wasLoading = isLoading();
  dropLoad(false);
  const int generation = ++m_loadGeneration;
  auto* watcher = new QFutureWatcher<LoadResult>(this);
  connect(watcher, &QFutureWatcherBase::finished, this,
          [this, watcher, generation] { finishLoad(generation, watcher->result(), nullptr); });
  m_load = PendingLoad{next, std::move(losses), reloadData, generation, watcher};
  watcher->setFuture(QtConcurrent::run([config = next]() -> LoadResult {
    try {
      return {std::make_shared<Dataset>(makeTrainingData(config)), {}};
    } catch (const Error& e) {
      return {{}, QString::fromStdString(e.what())};
    } catch (const std::exception& e) {  // std::bad_alloc for a file too large for memory
      return {{}, QString::fromStdString(e.what())};
    }
  }));
  if (!wasLoading) {
    emit loadingChanged(true);
  }
  return true;
}

void TrainingController::dropLoad(bool notify) {
  if (!m_load) {
    return;
  }
  // The read cannot be interrupted; its result is ignored (finishLoad checks the generation).
  m_load->watcher->disconnect(this);
  m_load->watcher->deleteLater();
  m_load.reset();
  if (notify) {
    emit loadingChanged(false);
  }
}

bool TrainingController::waitForLoad(QString* error) {
  if (!m_load) {
    return true;
  }
  m_load->watcher->waitForFinished();
  return finishLoad(m_load->generation, m_load->watcher->result(), error);
}

bool TrainingController::finishLoad(int generation, const LoadResult& result, QString* error) {
  if (!m_load || m_load->generation != generation) {
    return false;  // superseded: a newer configuration was applied or is being read
  }
  PendingLoad load = std::move(*m_load);
  m_load.reset();
  load.watcher->disconnect(this);
  load.watcher->deleteLater();
  QString message;
  bool applied = false;
  if (!result.error.isEmpty()) {
    message = tr("Could not use the data; the current data set is kept.\n%1").arg(result.error);
  } else {
    // Moved, not copied: the read's data set has no other reader (the future's copy of the
    // pointer goes with the watcher).
    applied = commit(load.config, std::move(*result.data), std::move(load.losses), load.reloadData,
                     &message);
  }
  emit loadFinished(applied, message);
  emit loadingChanged(false);
  if (!applied && error) {
    *error = message;
  }
  return applied;
}

bool TrainingController::commit(const TrainingConfig& next,
                                std::optional<Dataset> data,
                                std::vector<LossPtr> losses,
                                bool reloadData,
                                QString* error) {
  const bool newData = data.has_value();
  const Eigen::Index samples = newData ? data->size() : m_dataset.size();
  if (const std::string problem = trainingSampleProblem(samples, next.data.validationSplit);
      !problem.empty()) {
    if (error) {
      *error = tr("Not applied: %1.").arg(QString::fromStdString(problem));
    }
    return false;
  }

  // ---- apply: the worker rebuilds, or the trainers take the change at their next step ----
  const Rebuild rebuild = reloadData ? Rebuild::NewRun : rebuildFor(m_config, next);
  const bool liveOptimizer = next.optimizer != m_config.optimizer;
  const bool liveLosses = next.trainedLosses() != m_config.trainedLosses();
  const bool budget = next.epochs != m_config.epochs;
  if (newData || next.data.validationSplit != m_config.data.validationSplit ||
      next.seed != m_config.seed) {
    m_edited.reset();  // the edits belong to the data set they were made on
    ++m_dataGeneration;
  }
  m_config = next;
  if (newData) {
    m_dataset = std::move(*data);
  }
  m_losses = std::move(losses);
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    m_mailbox->setup = {m_dataset, mlpOptions(m_config), trainOptions(m_config), m_losses,
                        m_edited};
    m_mailbox->pendingRebuild = std::max(m_mailbox->pendingRebuild, rebuild);
    if (rebuild == Rebuild::None) {
      // Thread-safe setters: applied at each trainer's next step.
      for (std::size_t i = 0; i < m_mailbox->trainers.size(); ++i) {
        if (liveOptimizer) {
          m_mailbox->trainers[i]->setOptimizerOptions(m_mailbox->setup.options.optimizer);
        }
        if (liveLosses && i < m_losses.size()) {
          m_mailbox->trainers[i]->setLoss(m_losses[i]);
        }
      }
    }
  }
  m_mailbox->budget.store(m_config.epochs);
  if (rebuild != Rebuild::None) {
    // Interrupt: the new data or network replaces the trainers before the next step.
    postCommand(Command::Rebuild, 0, true);
  }
  if (budget) {
    postCommand(Command::Budget, 0, false);
  }
  return true;
}

bool TrainingController::setEditedData(std::optional<DatasetSplit> data, QString* error) {
  if (data && (data->train.featureCount() != 1 || data->train.size() < 1 ||
               m_dataset.featureCount() != 1)) {
    if (error) {
      *error = tr("Points can be edited with one feature and at least one training sample only.");
    }
    return false;
  }
  m_edited = std::move(data);
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    m_mailbox->setup.split = m_edited;
    m_mailbox->editPending = true;
  }
  // Interrupt: the runs take the points before their next step.
  postCommand(Command::Edit, 0, true);
  return true;
}

DatasetSplit TrainingController::trainingSplit() const {
  return m_edited ? *m_edited : trainerSplit(m_dataset, trainOptions(m_config));
}

void TrainingController::postCommand(int kind, int epochs, bool interrupt) {
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    m_mailbox->commands.push_back({static_cast<Command::Kind>(kind), epochs});
  }
  if (interrupt) {
    m_mailbox->interrupt.store(true);
  }
  emit m_worker->commandsPosted();
}

void TrainingController::start() {
  postCommand(Command::Start, 0, false);
}

void TrainingController::pause() {
  postCommand(Command::Pause, 0, true);
}

void TrainingController::step() {
  postCommand(Command::Step, 0, false);
}

void TrainingController::reset() {
  postCommand(Command::Reset, 0, true);
}

void TrainingController::setEpochsPerSecond(double rate) {
  m_epochsPerSecond = rate > 0 ? rate : 0;
  m_mailbox->epochsPerSecond.store(m_epochsPerSecond);
  postCommand(Command::Pace, 0, false);
}

bool TrainingController::trainEpochsBlocking(int epochs) {
  if (epochs <= 0) {
    return true;
  }
  if (m_state == State::Running) {
    pause();
  }
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    m_mailbox->commands.push_back({Command::Blocking, epochs});
    m_mailbox->blockingResult = false;
  }
  // Runs every queued command (ours last) on the worker while this thread waits.
  emit m_worker->blockingRequested();
  bool ok = false;
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    ok = m_mailbox->blockingResult;
  }
  drainMessages();  // emit what the worker reported, before returning
  return ok;
}

void TrainingController::flush() {
  emit m_worker->blockingRequested();
  drainMessages();
}

void TrainingController::drainMessages() {
  std::deque<Message> messages;
  {
    const std::lock_guard<std::mutex> lock(m_mailbox->mutex);
    messages.swap(m_mailbox->outbox);
  }
  for (const Message& message : messages) {
    switch (message.kind) {
      case Message::Kind::Progress:
        for (const EpochStats& stats : message.epochs) {
          emit epochFinished(stats.epoch, stats);
        }
        if (message.snapshot) {
          emit snapshotReady(*message.snapshot);
        }
        // Only now may the worker post again: the GUI has caught up.
        m_mailbox->postsInFlight.fetch_sub(1);
        break;
      case Message::Kind::State:
        if (message.state != m_state) {
          m_state = message.state;
          emit stateChanged(m_state);
        }
        break;
      case Message::Kind::Diverged:
        emit diverged(message.text);
        break;
      case Message::Kind::Failed:
        emit failed(message.text);
        break;
      case Message::Kind::Restarted:
        emit restarted(message.names);
        break;
    }
  }
}

}  // namespace losslab::ui
