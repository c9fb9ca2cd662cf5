// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/trainer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <sstream>

#include "core/engine/error.h"
#include "core/engine/pipeline.h"
#include "core/engine/simd.h"
#include "core/training/dense_kernels.h"
#include "core/training/trainability.h"

namespace losslab {

namespace {

// Sub-streams of TrainOptions::seed.
enum Stream : std::uint64_t { kSplit = 0, kShuffle = 1 };

MlpOptions regressionModel(MlpOptions model, Eigen::Index inputs, Eigen::Index maxBatch) {
  model.inputs = inputs;
  model.outputs = 1;
  // Whole-set evaluation runs in chunks of maxBatch: larger chunks make better matrix products.
  model.maxBatch = std::max<Eigen::Index>(maxBatch, 256);
  return model;
}

std::string number(double value) {
  std::ostringstream out;
  out.precision(4);
  out << value;
  return out.str();
}

}  // namespace

std::vector<std::vector<Eigen::Index>> trainingOrders(const TrainOptions& options,
                                                      Eigen::Index trainSize,
                                                      int epochs) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(std::max<Eigen::Index>(trainSize, 0)));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  Rng rng(deriveSeed(options.seed, kShuffle));  // as reset() seeds m_shuffleRng
  std::vector<std::vector<Eigen::Index>> orders;
  for (int e = 0; e < epochs; ++e) {
    if (options.shuffle) {
      shuffleInPlace(order, rng);  // as step() does at the start of an epoch
    }
    orders.push_back(order);
  }
  return orders;
}

DatasetSplit trainerSplit(const Dataset& data, const TrainOptions& options) {
  return splitDataset(data, options.validationSplit, deriveSeed(options.seed, kSplit));
}

Trainer::Trainer(const Dataset& data,
                 const MlpOptions& model,
                 LossPtr loss,
                 const TrainOptions& options)
    : Trainer(trainerSplit(data, options), model, std::move(loss), options) {}

Trainer::Trainer(DatasetSplit data,
                 const MlpOptions& model,
                 LossPtr loss,
                 const TrainOptions& options)
    : m_data(std::move(data)),
      m_options(options),
      m_model(regressionModel(model, m_data.train.featureCount(), options.batchSize)),
      m_optimizer(options.optimizer, m_model.parameterCount()),
      m_loss(std::move(loss)),
      m_requestedOptimizer(options.optimizer) {
  checkLoss(m_loss);
  if (options.batchSize < 1) {
    throw Error::usage("the batch size must be at least 1");
  }
  if (m_data.train.size() < 1) {
    throw Error::usage("there are no training samples");
  }
  if (m_data.validation.size() > 0 &&
      m_data.validation.featureCount() != m_data.train.featureCount()) {
    throw Error::usage("the validation set has a different number of features");
  }
  if (!(options.divergenceFactor > 0) || !(options.divergenceLimit > 0)) {
    throw Error::usage("the divergence bounds must be positive");
  }
  m_reduction = defaultReduction(m_loss->info());
  allocate();
  reset();
}

void Trainer::checkLoss(const LossPtr& loss) {
  if (!loss) {
    throw Error::usage("the trainer needs a loss");
  }
  requireTrainable(loss->info());
}

void Trainer::allocate() {
  const Eigen::Index n = m_data.train.size();
  const Eigen::Index features = m_data.train.featureCount();
  const Eigen::Index full = std::min(m_options.batchSize, n);
  const Eigen::Index tail = n % full;
  auto size = [&](Batch& batch, Eigen::Index b) {
    batch.x.setZero(features, b);
    batch.yTrue.setZero(b, 1);
    batch.yPred.setZero(b, 1);
    batch.grad.setZero(b, 1);
  };
  size(m_full, full);
  size(m_tail, tail);
  m_order.resize(static_cast<std::size_t>(n));
  for (Set which : {Set::Train, Set::Validation}) {
    Evaluation& e = evaluation(which);
    const Dataset& d = set(which);
    e.target = d.y;
    e.pred.setZero(d.size(), 1);
    e.grad.setZero(d.size(), 1);
  }
  m_lastGood = m_model.parameters();
}

void Trainer::reset() {
  m_model.initialize(m_model.options().seed);
  m_optimizer.reset();
  m_shuffleRng.seed(deriveSeed(m_options.seed, kShuffle));
  std::iota(m_order.begin(), m_order.end(), Eigen::Index{0});
  m_cursor = 0;
  m_epoch = 0;
  m_steps = 0;
  m_epochLossSum = 0;
  m_epochSamples = 0;
  m_lastGood = m_model.parameters();
  m_reference = std::numeric_limits<double>::quiet_NaN();
  m_divergence.clear();
}

void Trainer::setData(DatasetSplit data) {
  if (data.train.size() < 1) {
    throw Error::usage("there are no training samples");
  }
  if (data.train.featureCount() != m_data.train.featureCount() ||
      (data.validation.size() > 0 && data.validation.featureCount() != data.train.featureCount())) {
    throw Error::usage("edited data must keep the number of features");
  }
  const bool sameSize = data.train.size() == m_data.train.size();
  m_data = std::move(data);
  allocate();  // batch buffers, evaluation targets and m_lastGood for the new sets
  if (!sameSize) {
    std::iota(m_order.begin(), m_order.end(), Eigen::Index{0});
    m_cursor = 0;
    m_epochLossSum = 0;
    m_epochSamples = 0;
  }
}

void Trainer::setLoss(LossPtr loss) {
  checkLoss(loss);
  const std::lock_guard<std::mutex> lock(m_pendingMutex);
  m_pendingLoss = std::move(loss);
  m_hasPending.store(true);
}

void Trainer::setOptimizerOptions(const OptimizerOptions& options) {
  if (std::string problem = checkOptimizerOptions(options); !problem.empty()) {
    throw Error::usage(problem);
  }
  const std::lock_guard<std::mutex> lock(m_pendingMutex);
  m_requestedOptimizer = options;
  m_pendingOptimizer = options;
  m_hasPending.store(true);
}

void Trainer::setLearningRate(double learningRate) {
  OptimizerOptions options;
  {
    const std::lock_guard<std::mutex> lock(m_pendingMutex);
    options = m_requestedOptimizer;
  }
  options.setLearningRate(learningRate);
  setOptimizerOptions(options);
}

void Trainer::applyPending() {
  if (!m_hasPending.load()) {
    return;
  }
  const std::lock_guard<std::mutex> lock(m_pendingMutex);
  if (m_pendingLoss) {
    m_loss = std::move(m_pendingLoss);
    m_pendingLoss.reset();
    m_reduction = defaultReduction(m_loss->info());
    // A new loss has its own scale: new divergence reference, new epoch mean.
    m_reference = std::numeric_limits<double>::quiet_NaN();
    m_epochLossSum = 0;
    m_epochSamples = 0;
  }
  if (m_pendingOptimizer) {
    m_optimizer.setOptions(*m_pendingOptimizer);
    m_options.optimizer = *m_pendingOptimizer;
    m_pendingOptimizer.reset();
  }
  m_hasPending.store(false);
}

void Trainer::diverge(const std::string& what) {
  m_model.parameters() = m_lastGood;
  m_model.zeroGrad();
  m_optimizer.reset();
  m_diverged = true;
  m_divergence = "training diverged in epoch " + std::to_string(m_epoch + 1) + " (step " +
                 std::to_string(m_steps + 1) + "): " + what +
                 ". The parameters of the last finite step were restored; lower the learning "
                 "rate (now " +
                 number(m_optimizer.options().learningRate()) + ").";
  // The epoch is abandoned: the next step starts a new one.
  m_cursor = 0;
  m_epochLossSum = 0;
  m_epochSamples = 0;
}

StepResult Trainer::step() {
  std::optional<simd::ScopedFlushDenormals> flush;
  if (m_options.flushDenormals) {
    flush.emplace();
  }
  applyPending();
  m_diverged = false;
  const Dataset& train = m_data.train;
  const Eigen::Index n = train.size();
  if (m_cursor == 0 && m_options.shuffle) {
    shuffleInPlace(m_order, m_shuffleRng);
  }
  const Eigen::Index b = std::min(m_full.x.cols(), n - m_cursor);
  Batch& batch = b == m_full.x.cols() ? m_full : m_tail;
  for (Eigen::Index k = 0; k < b; ++k) {
    const Eigen::Index i = m_order[static_cast<std::size_t>(m_cursor + k)];
    batch.x.col(k) = train.x.col(i);
    batch.yTrue(k, 0) = train.y(i);
  }

  // Forward; the (1 × b) prediction row and the (b × 1) y_pred share a memory layout.
  Eigen::Map<Eigen::RowVectorXd>(batch.yPred.data(), b) = m_model.forward(batch.x).row(0);
  LossInputs in;
  in.yPred = &batch.yPred;
  in.yTrue = &batch.yTrue;
  StepResult result;
  result.batch = b;
  result.loss = m_loss->valueAndGradient(in, m_reduction, batch.grad);

  if (std::isnan(m_reference) && std::isfinite(result.loss)) {
    m_reference = result.loss;
  }
  const double bound =
      std::max(m_options.divergenceLimit, m_options.divergenceFactor * std::fabs(m_reference));
  if (!std::isfinite(result.loss)) {
    diverge("the loss is " + number(result.loss));
  } else if (result.loss > bound) {
    diverge("the loss reached " + number(result.loss) + ", beyond the divergence bound " +
            number(bound));
  }
  if (m_diverged) {
    result.diverged = true;
    return result;
  }

  // Same size since allocate(): libc's memcpy (AVX-512 where there is one) rather than Eigen's
  // SSE2 copy loop of the baseline build.
  std::memcpy(m_lastGood.data(), m_model.parameters().data(),
              static_cast<std::size_t>(m_lastGood.size()) * sizeof(double));
  m_model.zeroGrad();
  m_model.backward(Eigen::Map<const Eigen::MatrixXd>(batch.grad.data(), 1, b));
  m_optimizer.step(m_model.parameters(), m_model.gradient());
  // Σ 0·w is 0 while every w is finite and NaN as soon as one is not: one vectorised pass in
  // the dispatched kernel (Eigen's allFinite tests element by element and cost 30 % of a step).
  if (!dense::allFinite(m_model.parameters().data(), m_model.parameterCount())) {
    diverge("a parameter became non-finite after the update (the batch loss was " +
            number(result.loss) + ")");
    result.diverged = true;
    return result;
  }

  ++m_steps;
  m_epochLossSum += result.loss * static_cast<double>(b);
  m_epochSamples += static_cast<double>(b);
  m_cursor += b;
  if (m_cursor == n) {
    m_cursor = 0;
    ++m_epoch;
    result.epochFinished = true;
  }
  return result;
}

EpochReport Trainer::runEpoch() {
  EpochReport report;
  StepResult last;
  do {
    if (m_stopRequested.exchange(false)) {
      report.stopped = true;
      break;
    }
    last = step();
  } while (!last.epochFinished && !last.diverged);

  report.epoch = last.epochFinished ? m_epoch : m_epoch + 1;
  report.steps = m_steps;
  report.diverged = last.diverged;
  if (last.diverged) {
    report.message = m_divergence;
  } else if (m_epochSamples > 0) {
    report.loss = m_epochLossSum / m_epochSamples;
  }
  if (last.epochFinished) {
    m_epochLossSum = 0;
    m_epochSamples = 0;
  }
  if (m_options.computeMetrics) {
    report.train = metrics(Set::Train);
    report.validation = metrics(Set::Validation);
    // metrics() left the validation predictions in place: no second forward pass.
    report.clean =
        losslab::cleanMetrics(Eigen::Map<const Eigen::VectorXd>(m_validationEval.pred.data(),
                                                                m_validationEval.pred.rows()),
                              m_data.validation);
  }
  return report;
}

EpochReport Trainer::run(int epochs, const Callback& callback) {
  const int count = epochs < 0 ? m_options.epochs : epochs;
  EpochReport report;
  for (int e = 0; e < count; ++e) {
    report = runEpoch();
    const bool stop = callback ? callback(report) : false;
    if (stop || report.diverged || report.stopped) {
      break;
    }
  }
  return report;
}

const Dataset& Trainer::set(Set which) const {
  return which == Set::Train ? m_data.train : m_data.validation;
}

Trainer::Evaluation& Trainer::evaluation(Set which) {
  return which == Set::Train ? m_trainEval : m_validationEval;
}

void Trainer::predictInto(Set which) {
  Evaluation& e = evaluation(which);
  const Dataset& d = set(which);
  if (d.size() > 0) {
    Eigen::Map<Eigen::MatrixXd> row(e.pred.data(), 1, d.size());
    m_model.predict(d.x, row);
  }
}

RegressionMetrics Trainer::metrics(Set which) {
  applyPending();
  predictInto(which);
  Evaluation& e = evaluation(which);
  return evaluateMetrics(*m_loss, e.pred, e.target, e.grad);
}

CleanMetrics Trainer::cleanMetrics(Set which) {
  predictInto(which);
  const Tensor& pred = evaluation(which).pred;
  return losslab::cleanMetrics(Eigen::Map<const Eigen::VectorXd>(pred.data(), pred.rows()),
                               set(which));
}

Eigen::VectorXd Trainer::predictions(Set which) {
  predictInto(which);
  return evaluation(which).pred.col(0);
}

Eigen::VectorXd Trainer::gradientInfluence(Set which) {
  applyPending();
  predictInto(which);
  Evaluation& e = evaluation(which);
  if (e.pred.rows() == 0) {
    return {};
  }
  LossInputs in;
  in.yPred = &e.pred;
  in.yTrue = &e.target;
  Tensor grad;
  m_loss->valueAndGradient(in, Reduction::Sum, grad);
  return grad.col(0).abs().matrix();
}

}  // namespace losslab
