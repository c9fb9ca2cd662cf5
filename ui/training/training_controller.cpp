// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_controller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <utility>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/training/random.h"
#include "core/training/trainer.h"

namespace losslab::ui {

// ---- the mailbox -------------------------------------------------------------------------------
// Everything that crosses the thread boundary goes through Shared under one std::mutex. Qt's
// queued signals only say "look in the mailbox" and carry no data: the hand-over of every byte
// is then visible to ThreadSanitizer (which does not see the synchronisation inside an
// uninstrumented QtCore) and there is no question of which copy a queued argument holds.

/// A request from the GUI thread, run by the worker in the order posted.
struct TrainingController::Command {
  enum class Kind { Rebuild, Start, Pause, Step, Reset, Epochs, Blocking };
  Kind kind = Kind::Rebuild;
  int epochs = 0;  // Blocking: how many epochs
};

/// A report from the worker, turned into signals on the GUI thread in the order posted.
struct TrainingController::Message {
  enum class Kind { Progress, State, Diverged, Failed, Restarted };
  Kind kind = Kind::Progress;
  std::vector<EpochStats> epochs;            // Progress: epochs finished since the last post
  std::optional<TrainingSnapshot> snapshot;  // Progress
  State state = State::Idle;                 // State
  QString text;                              // Diverged, Failed
  QStringList names;                         // Restarted
};

struct TrainingController::Shared {
  /// What the trainers are built from (the newest request).
  struct Setup {
    Dataset data;
    double validationSplit = 0.2;
    Eigen::Index batchSize = 32;
    MlpOptions model;
    OptimizerOptions optimizer;
    std::vector<LossPtr> losses;
    std::uint64_t trainSeed = deriveSeed(0, kTrainSeedStream);  // split and shuffling
  };

  std::mutex mutex;  // guards every non-atomic member below
  Setup setup;
  Rebuild pendingRebuild = Rebuild::None;  // strongest rebuild asked for since the last one
  std::vector<Trainer*> trainers;          // the worker's live trainers (for the live setters)
  std::deque<Command> commands;            // GUI → worker
  std::deque<Message> outbox;              // worker → GUI
  bool blockingResult = false;             // trainEpochsBlocking's answer

  std::atomic<bool> interrupt{false};  // stop before the next optimizer step (set with a command)
  std::atomic<int> postsInFlight{0};   // progress posts not yet turned into signals
  std::atomic<int> epochs{100};        // start()'s epoch budget
};

// ---- the worker (lives on the training thread) -------------------------------------------------

class TrainingWorker : public QObject {
  Q_OBJECT

 public:
  using State = TrainingController::State;
  using Shared = TrainingController::Shared;
  using Command = TrainingController::Command;
  using Message = TrainingController::Message;
  using Rebuild = TrainingController::Rebuild;

  explicit TrainingWorker(std::shared_ptr<Shared> shared) : m_shared(std::move(shared)) {}
  ~TrainingWorker() override {
    // Runs on the training thread (deleteLater at QThread::finished): the trainers die here.
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->trainers.clear();
  }

  /// Runs every queued command (slot of commandsPosted; also of blockingRequested).
  void processCommands();
  /// One training slice of ≈ kPostIntervalMs, then the next one is queued (slot of sliceRequested).
  void trainSlice();

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
  void start();
  void pause();
  void stepEpoch();
  void reset();
  bool trainEpochs(int epochs);

  Outcome trainRound();
  int finishedEpochs() const;
  void setState(State state);
  void stopWith(Message::Kind kind, const QString& text);
  void scheduleSlice();
  void post(Message message);
  void postProgress(bool force);
  std::optional<TrainingSnapshot> snapshot();
  QStringList runNames() const;

  std::shared_ptr<Shared> m_shared;
  std::vector<Run> m_runs;
  State m_state = State::Idle;
  int m_target = 0;  // start() trains until every run has finished this many epochs
  bool m_sliceQueued = false;
  std::vector<EpochStats> m_pending;  // epochs not yet posted
  QElapsedTimer m_sincePost;
};

void TrainingWorker::processCommands() {
  for (;;) {
    Command command;
    {
      const std::lock_guard<std::mutex> lock(m_shared->mutex);
      if (m_shared->commands.empty()) {
        return;
      }
      command = m_shared->commands.front();
      m_shared->commands.pop_front();
    }
    // The interrupt that came with this command has done its job.
    m_shared->interrupt.store(false);
    switch (command.kind) {
      case Command::Kind::Rebuild:
        rebuild();
        break;
      case Command::Kind::Start:
        start();
        break;
      case Command::Kind::Pause:
        pause();
        break;
      case Command::Kind::Step:
        stepEpoch();
        break;
      case Command::Kind::Reset:
        reset();
        break;
      case Command::Kind::Epochs:
        if (m_state == State::Running) {
          m_target = m_shared->epochs.load();  // the slice pauses if it is already reached
        }
        break;
      case Command::Kind::Blocking: {
        const bool ok = trainEpochs(command.epochs);
        const std::lock_guard<std::mutex> lock(m_shared->mutex);
        m_shared->blockingResult = ok;
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
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    const Rebuild kind = m_shared->pendingRebuild;
    m_shared->pendingRebuild = Rebuild::None;
    if (kind == Rebuild::None) {
      return;  // an earlier command already built from the newest Setup
    }
    const Shared::Setup& setup = m_shared->setup;
    TrainOptions options;
    options.batchSize = setup.batchSize;
    options.optimizer = setup.optimizer;
    options.validationSplit = setup.validationSplit;
    options.seed = setup.trainSeed;
    options.computeMetrics = false;  // trainRound asks for them once per finished epoch
    try {
      for (const LossPtr& loss : setup.losses) {
        Run run;
        run.trainer = std::make_unique<Trainer>(setup.data, setup.model, loss, options);
        runs.push_back(std::move(run));
      }
    } catch (const std::exception& e) {
      // Keep training what we had; the GUI already validated, so this is a corner case.
      m_shared->outbox.push_back({Message::Kind::Failed,
                                  {},
                                  std::nullopt,
                                  State::Idle,
                                  TrainingController::tr("Could not set up training: %1")
                                      .arg(QString::fromStdString(e.what())),
                                  {}});
      emit messagesPosted();
      return;
    }
    // Same network shape: every run continues from its own current weights on the new data
    // (its optimizer starts afresh). The epoch count continues.
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
    m_shared->trainers.clear();
    for (const Run& run : m_runs) {
      m_shared->trainers.push_back(run.trainer.get());
    }
  }
  runs.clear();  // the old trainers, outside the lock
  if (!keep) {
    m_pending.clear();
    Message restarted;
    restarted.kind = Message::Kind::Restarted;
    restarted.names = runNames();
    post(std::move(restarted));
  }
  postProgress(true);
  if (!keep) {
    if (m_state == State::Running) {
      m_target = m_shared->epochs.load();  // a new network trains the full budget
    } else {
      setState(State::Idle);
    }
  }
}

void TrainingWorker::start() {
  if (m_runs.empty() || m_state == State::Running) {
    return;
  }
  const int budget = std::max(1, m_shared->epochs.load());
  const int done = finishedEpochs();
  m_target = done < budget ? budget : done + budget;
  setState(State::Running);
  scheduleSlice();
}

void TrainingWorker::pause() {
  if (m_state == State::Running) {
    postProgress(true);  // the last epochs before the state: "Paused" means the data is final
    setState(State::Paused);
  }
}

void TrainingWorker::stepEpoch() {
  if (m_runs.empty() || m_state == State::Running) {
    return;
  }
  const int target = finishedEpochs() + 1;
  while (finishedEpochs() < target) {
    if (trainRound() != Outcome::Finished) {
      break;  // interrupted by a newer command, or stopped with a message
    }
  }
  postProgress(true);
  setState(State::Paused);
}

void TrainingWorker::reset() {
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
  setState(State::Idle);
}

bool TrainingWorker::trainEpochs(int epochs) {
  if (m_runs.empty()) {
    return false;
  }
  if (m_state == State::Running) {
    setState(State::Paused);
  }
  const int target = finishedEpochs() + epochs;
  bool ok = true;
  while (ok && finishedEpochs() < target) {
    const Outcome outcome = trainRound();
    ok = outcome == Outcome::Finished;
    postProgress(false);
  }
  postProgress(true);
  if (finishedEpochs() > 0) {
    setState(State::Paused);
  }
  return ok;
}

void TrainingWorker::trainSlice() {
  m_sliceQueued = false;
  if (m_state != State::Running) {
    return;
  }
  QElapsedTimer slice;
  slice.start();
  while (slice.elapsed() < TrainingController::kPostIntervalMs) {
    if (finishedEpochs() >= m_target) {
      postProgress(true);
      setState(State::Paused);
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
      if (m_shared->interrupt.load()) {
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
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->outbox.push_back(std::move(message));
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
      (m_shared->postsInFlight.load() > 0 ||
       (m_sincePost.isValid() && m_sincePost.elapsed() < TrainingController::kPostIntervalMs))) {
    return;
  }
  Message message;
  message.kind = Message::Kind::Progress;
  message.epochs.swap(m_pending);
  message.snapshot = snapshot();
  m_shared->postsInFlight.fetch_add(1);
  m_sincePost.start();
  post(std::move(message));
}

std::optional<TrainingSnapshot> TrainingWorker::snapshot() {
  TrainingSnapshot s;
  try {
    const Dataset& train = m_runs.front().trainer->data().train;  // the same for every run
    const Eigen::Index n = train.size();
    s.featureCount = static_cast<int>(train.featureCount());
    s.x.resize(n);
    s.yTrue.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      s.x[i] = train.x(0, i);
      s.yTrue[i] = train.y(i);
    }
    for (Eigen::Index i : train.outliers) {
      s.outliers.push_back(static_cast<int>(i));
    }
    Eigen::MatrixXd grid;
    if (s.featureCount == 1 && n > 0) {
      const double lo = train.x.row(0).minCoeff();
      const double hi = train.x.row(0).maxCoeff();
      const int points = TrainingController::kCurvePoints;
      grid.resize(1, points);
      s.curveX.resize(points);
      for (int k = 0; k < points; ++k) {
        const double t = static_cast<double>(k) / (points - 1);
        grid(0, k) = lo + (hi - lo) * t;
        s.curveX[k] = grid(0, k);
      }
    }
    for (Run& run : m_runs) {
      Trainer& trainer = *run.trainer;
      RunSnapshot r;
      r.epoch = run.total();
      const Eigen::VectorXd pred = trainer.predictions(Trainer::Set::Train);
      const Eigen::VectorXd influence = trainer.gradientInfluence(Trainer::Set::Train);
      r.name = TrainingController::runName(*trainer.loss());
      r.yPred = QVector<double>(pred.data(), pred.data() + pred.size());
      r.influence = QVector<double>(influence.data(), influence.data() + influence.size());
      if (grid.size() > 0) {
        Eigen::MatrixXd out(1, grid.cols());
        trainer.model().predict(grid, out);
        r.curveY = QVector<double>(out.data(), out.data() + out.size());
      }
      s.runs.push_back(std::move(r));
    }
  } catch (const std::exception&) {
    return std::nullopt;  // a loss outside its domain: the next training step reports it
  }
  return s;
}

QStringList TrainingWorker::runNames() const {
  QStringList names;
  const std::lock_guard<std::mutex> lock(m_shared->mutex);
  for (const LossPtr& loss : m_shared->setup.losses) {
    names << TrainingController::runName(*loss);
  }
  return names;
}

// ---- the controller (GUI thread) ---------------------------------------------------------------

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), m_shared(std::make_shared<Shared>()) {
  m_datasetOptions.seed = deriveSeed(m_seed, kDataSeedStream);
  m_model.seed = deriveSeed(m_seed, kModelSeedStream);
  m_datasetOptions.kind = DatasetKind::Sine;
  m_datasetOptions.samples = 500;
  m_datasetOptions.noise = 0.1;
  m_dataset = makeDataset(m_datasetOptions);
  m_optimizer.setLearningRate(0.01);
  m_losses = {LossRegistry::instance().create("mean_squared_error")};
  m_shared->setup = {m_dataset, m_validationSplit, m_batchSize, m_model, m_optimizer, m_losses};
  m_shared->epochs.store(m_epochs);
  m_shared->pendingRebuild = Rebuild::Fresh;
  m_shared->commands.push_back({Command::Kind::Rebuild, 0});

  // Every connection exists before the thread starts (pthread_create orders them for TSan).
  m_worker = new TrainingWorker(m_shared);
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
  m_shared->interrupt.store(true);  // the slice in progress returns at the next step
  m_thread.quit();
  m_thread.wait();  // the worker and its trainers are deleted on the thread before it ends
}

QString TrainingController::whyNotTrainable(const LossInfo& info) {
  if (info.target != TargetKind::SameShape) {
    return tr("'%1' takes class labels or no target; training fits one regression target per "
              "sample")
        .arg(QString::fromStdString(info.id));
  }
  for (const ExtraInput& extra : info.extras) {
    if (extra.required) {
      return tr("'%1' needs the extra input '%2', which training does not provide")
          .arg(QString::fromStdString(info.id), QString::fromStdString(extra.name));
    }
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
  QString name = QString::fromStdString(info.name);
  if (!changed.isEmpty()) {
    name += QStringLiteral(" [%1]").arg(changed.join(QStringLiteral(", ")));
  }
  return name;
}

void TrainingController::postCommand(const Command& command, bool interrupt) {
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->commands.push_back(command);
  }
  if (interrupt) {
    m_shared->interrupt.store(true);
  }
  emit m_worker->commandsPosted();
}

void TrainingController::requestRebuild(Rebuild kind) {
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->pendingRebuild = std::max(m_shared->pendingRebuild, kind);
  }
  // Interrupt: the new data or network replaces the trainers before the next step.
  postCommand({Command::Kind::Rebuild, 0}, true);
}

bool TrainingController::applyDataset(const Dataset& data, QString* error) {
  // splitDataset keeps the first ⌊n(1 − f)⌋ shuffled samples for training.
  const double train = std::floor(static_cast<double>(data.size()) * (1 - m_validationSplit));
  if (data.size() < 1 || train < 1) {
    if (error) {
      *error = tr("The data set has %1 samples: with a validation split of %2 none is left for "
                  "training.")
                   .arg(data.size())
                   .arg(m_validationSplit);
    }
    return false;
  }
  m_dataset = data;
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->setup.data = data;
  }
  requestRebuild(Rebuild::KeepWeights);  // the worker restarts if the shape changed
  return true;
}

bool TrainingController::setDataset(const DatasetOptions& options, QString* error) {
  try {
    const Dataset data = makeDataset(options);
    if (!applyDataset(data, error)) {
      return false;
    }
  } catch (const Error& e) {
    if (error) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  m_synthetic = true;
  m_datasetOptions = options;
  return true;
}

bool TrainingController::setDataset(const Dataset& data, QString* error) {
  if (data.x.cols() != data.y.size() || data.featureCount() < 1) {
    if (error) {
      *error = tr("The data set needs at least one feature and one target per sample.");
    }
    return false;
  }
  if (!applyDataset(data, error)) {
    return false;
  }
  m_synthetic = false;
  return true;
}

bool TrainingController::setOutliers(double fraction, double magnitude, QString* error) {
  if (!m_synthetic) {
    if (error) {
      *error = tr("Outliers are added to the synthetic data sets only.");
    }
    return false;
  }
  DatasetOptions options = m_datasetOptions;
  options.outlierFraction = fraction;
  options.outlierMagnitude = magnitude;
  return setDataset(options, error);
}

bool TrainingController::setValidationSplit(double fraction, QString* error) {
  if (!(fraction >= 0 && fraction < 1)) {
    if (error) {
      *error = tr("The validation split must be in [0, 1).");
    }
    return false;
  }
  const double old = m_validationSplit;
  m_validationSplit = fraction;
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->setup.validationSplit = fraction;
  }
  if (!applyDataset(m_dataset, error)) {
    m_validationSplit = old;
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->setup.validationSplit = old;
    return false;
  }
  return true;
}

bool TrainingController::setBatchSize(Eigen::Index batchSize, QString* error) {
  if (batchSize < 1) {
    if (error) {
      *error = tr("The batch size must be at least 1.");
    }
    return false;
  }
  m_batchSize = batchSize;
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->setup.batchSize = batchSize;
  }
  requestRebuild(Rebuild::KeepWeights);
  return true;
}

bool TrainingController::setSeed(std::uint64_t seed, QString* error) {
  // The streams of losslab-cli train --seed: the same seed, the same run.
  DatasetOptions options = m_datasetOptions;
  options.seed = deriveSeed(seed, kDataSeedStream);
  if (m_synthetic && !setDataset(options, error)) {
    return false;
  }
  m_datasetOptions.seed = options.seed;
  m_seed = seed;
  m_model.seed = deriveSeed(seed, kModelSeedStream);
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->setup.model.seed = m_model.seed;
    m_shared->setup.trainSeed = deriveSeed(seed, kTrainSeedStream);
  }
  requestRebuild(Rebuild::Fresh);
  return true;
}

bool TrainingController::setModel(const MlpOptions& model, QString* error) {
  for (Eigen::Index width : model.hidden) {
    if (width < 1) {
      if (error) {
        *error = tr("Every hidden layer needs at least one unit.");
      }
      return false;
    }
  }
  m_model = model;
  m_model.seed = deriveSeed(m_seed, kModelSeedStream);  // the weights follow seed()
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->setup.model = m_model;
  }
  requestRebuild(Rebuild::Fresh);
  return true;
}

bool TrainingController::setOptimizer(const OptimizerOptions& options, QString* error) {
  if (const std::string problem = checkOptimizerOptions(options); !problem.empty()) {
    if (error) {
      *error = QString::fromStdString(problem);
    }
    return false;
  }
  m_optimizer = options;
  const std::lock_guard<std::mutex> lock(m_shared->mutex);
  m_shared->setup.optimizer = options;
  for (Trainer* trainer : m_shared->trainers) {
    trainer->setOptimizerOptions(options);  // thread-safe: applied at the trainer's next step
  }
  return true;
}

bool TrainingController::setLearningRate(double learningRate, QString* error) {
  OptimizerOptions options = m_optimizer;
  options.setLearningRate(learningRate);
  return setOptimizer(options, error);
}

void TrainingController::setEpochs(int epochs) {
  m_epochs = std::max(1, epochs);
  m_shared->epochs.store(m_epochs);
  postCommand({Command::Kind::Epochs, 0}, false);
}

bool TrainingController::setLoss(LossPtr loss, QString* error) {
  return setLosses({std::move(loss)}, error);
}

bool TrainingController::setLosses(std::vector<LossPtr> losses, QString* error) {
  auto fail = [&](const QString& message) {
    if (error) {
      *error = message;
    }
    return false;
  };
  if (losses.empty() || losses.size() > static_cast<std::size_t>(kMaxRuns)) {
    return fail(tr("Training takes 1 to %1 losses.").arg(kMaxRuns));
  }
  for (const LossPtr& loss : losses) {
    if (!loss) {
      return fail(tr("No loss given."));
    }
    if (QString why = whyNotTrainable(loss->info()); !why.isEmpty()) {
      return fail(why);
    }
  }
  // A parameter change keeps the runs (live swap at the next step); another set of losses in
  // compare mode restarts all runs from the same initial weights, or the comparison is unfair.
  bool live = losses.size() == m_losses.size();
  for (std::size_t i = 0; live && losses.size() > 1 && i < losses.size(); ++i) {
    live = losses[i]->info().id == m_losses[i]->info().id;
  }
  m_losses = losses;
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->setup.losses = losses;
    if (live && m_shared->trainers.size() == losses.size()) {
      for (std::size_t i = 0; i < losses.size(); ++i) {
        m_shared->trainers[i]->setLoss(losses[i]);  // thread-safe: applied at the next step
      }
      return true;
    }
  }
  requestRebuild(Rebuild::Fresh);
  return true;
}

void TrainingController::start() {
  postCommand({Command::Kind::Start, 0}, false);
}

void TrainingController::pause() {
  postCommand({Command::Kind::Pause, 0}, true);
}

void TrainingController::step() {
  postCommand({Command::Kind::Step, 0}, false);
}

void TrainingController::reset() {
  postCommand({Command::Kind::Reset, 0}, true);
}

bool TrainingController::trainEpochsBlocking(int epochs) {
  if (epochs <= 0) {
    return true;
  }
  if (m_state == State::Running) {
    pause();
  }
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    m_shared->commands.push_back({Command::Kind::Blocking, epochs});
    m_shared->blockingResult = false;
  }
  // Runs every queued command (ours last) on the worker while this thread waits.
  emit m_worker->blockingRequested();
  bool ok = false;
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    ok = m_shared->blockingResult;
  }
  drainMessages();  // emit what the worker reported, before returning
  return ok;
}

void TrainingController::drainMessages() {
  std::deque<Message> messages;
  {
    const std::lock_guard<std::mutex> lock(m_shared->mutex);
    messages.swap(m_shared->outbox);
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
        m_shared->postsInFlight.fetch_sub(1);
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

#include "training_controller.moc"
