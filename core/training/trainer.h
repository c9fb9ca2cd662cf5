// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/engine/loss.h"
#include "core/engine/tensor.h"
#include "core/training/dataset.h"
#include "core/training/metrics.h"
#include "core/training/mlp.h"
#include "core/training/optimizers.h"
#include "core/training/random.h"

namespace losslab {

/// How to train. The network's shape and initial weights are in MlpOptions (its `seed` draws the
/// weights); this `seed` drives the train/validation split and the shuffling of every epoch.
struct TrainOptions {
  int epochs = 10;               // what run() trains when given no count
  Eigen::Index batchSize = 32;   // samples per step; the last batch of an epoch may be smaller
  OptimizerOptions optimizer;    // kind, learning rate, hyperparameters, weight decay (Keras 3)
  std::uint64_t seed = 3;        // split and shuffling (separate sub-streams)
  double validationSplit = 0.2;  // share held out, in [0, 1); used by the Dataset constructor
  bool shuffle = true;           // reshuffle the training samples every epoch (Keras' default)
  bool computeMetrics = true;    // loss/MAE/RMSE/R² on both whole sets after each epoch
  /// Divergence: a non-finite loss or parameter, or a batch loss above
  /// max(divergenceLimit, divergenceFactor · reference), where the reference is the first batch
  /// loss after the start, a reset() or a loss swap. The max keeps data with large targets
  /// (an initial MSE of 1e14) from tripping the absolute limit.
  double divergenceFactor = 1e6;
  double divergenceLimit = 1e12;
  /// Flush subnormal numbers to zero while stepping (simd::ScopedFlushDenormals): the Adam moments
  /// of dead units decay into subnormals and would halve the speed. Changes the parameters only
  /// by amounts of the order of the smallest normal double. Off only to measure that.
  bool flushDenormals = true;
};

/// What one epoch did; handed to run()'s callback.
struct EpochReport {
  int epoch = 0;           // 1-based number of the epoch this report closes
  std::int64_t steps = 0;  // optimizer steps since the start
  /// Keras' displayed epoch loss: the batch-size-weighted mean of this epoch's batch losses
  /// (since the loss was last swapped, if that happened mid-epoch).
  double loss = std::numeric_limits<double>::quiet_NaN();
  RegressionMetrics train;       // whole training set, parameters at the end of the epoch
  RegressionMetrics validation;  // whole validation set (all NaN when it is empty)
  /// Clean MAE/RMSE (prediction vs the noise-free targets) and inlier MAE of the validation set
  /// (metrics.h; NaN when it is empty or has no clean targets).
  CleanMetrics clean;
  bool diverged = false;  // training stopped: see `message`; parameters were restored
  bool stopped = false;   // requestStop() interrupted the epoch (it resumes on the next call)
  std::string message;    // why training stopped; empty otherwise
};

/// One step's outcome.
struct StepResult {
  double loss = std::numeric_limits<double>::quiet_NaN();  // batch loss before the update
  Eigen::Index batch = 0;                                  // samples in the batch
  bool epochFinished = false;
  bool diverged = false;
};

/// The sample orders (indices into the training split) of the first `epochs` epochs of a fresh
/// Trainer with `options` on `trainSize` training samples: the Trainer's own shuffling (the
/// shuffle sub-stream of options.seed; each epoch shuffles the previous epoch's order in place;
/// the identity every epoch without options.shuffle). Its batches are consecutive runs of
/// min(batchSize, trainSize) of them. An exported training script replays these.
std::vector<std::vector<Eigen::Index>> trainingOrders(const TrainOptions& options,
                                                      Eigen::Index trainSize,
                                                      int epochs);

/// The split a Trainer built from `data` with `options` trains on (splitDataset with the split
/// sub-stream of options.seed).
DatasetSplit trainerSplit(const Dataset& data, const TrainOptions& options);

/// Minibatch training of an Mlp on one regression target with any y_true-shaped loss of the
/// engine (ensmallen's `EndEpoch` callback shape, house style §10.3).
///
/// Per step: gather a batch (columns of the shuffled training set) → forward → the loss's fused
/// valueAndGradient (∂L/∂ŷ with the loss's default reduction, as Keras' `fit` reduces) → backward
/// → optimizer. All buffers are allocated by the constructor, so a step allocates nothing (for
/// losses with the fused element-wise path; other losses allocate inside Loss::evaluate).
///
/// Divergence restores the last parameters whose loss was finite and within the bound, resets the
/// optimizer's moments, abandons the epoch and says what happened; training may then continue
/// (for example with a lower learning rate).
///
/// Threads: setLoss(), setOptimizerOptions(), setLearningRate() and requestStop() may be called
/// from any thread; the change is applied at the start of the next step. Everything else belongs
/// to the thread that trains.
class Trainer {
 public:
  using Callback = std::function<bool(const EpochReport&)>;  // returns true to stop

  /// Splits `data` with options.validationSplit and options.seed. The network's input count is
  /// taken from the data and its output count is 1. Throws Error::usage (bad options, a loss that
  /// is not a one-target regression loss).
  Trainer(const Dataset& data, const MlpOptions& model, LossPtr loss, const TrainOptions& options);
  /// The same with a split chosen by the caller (options.validationSplit is then ignored).
  Trainer(DatasetSplit data, const MlpOptions& model, LossPtr loss, const TrainOptions& options);
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  /// One optimizer step on the next batch of the current epoch (a new epoch reshuffles). An
  /// Error::data from the loss (a value outside its domain, e.g. tweedie with ŷ ≤ 0) propagates
  /// and the step is not taken.
  StepResult step();
  /// Steps to the end of the current epoch (or divergence, or requestStop()), then reports.
  EpochReport runEpoch();
  /// Trains up to `epochs` epochs (options().epochs if negative), calling `callback` after each.
  /// Stops early on divergence, requestStop() or a callback returning true. Returns the last
  /// report (epoch 0 and NaN metrics if no epoch ran).
  EpochReport run(int epochs = -1, const Callback& callback = {});

  /// Swaps the loss (a new LossPtr carries new parameter values). Throws Error::usage now if the
  /// loss cannot train this model; otherwise it takes effect at the next step.
  void setLoss(LossPtr loss);
  void setOptimizerOptions(const OptimizerOptions& options);  // same contract (Error::usage)
  void setLearningRate(double learningRate);                  // same contract (Error::usage)
  /// Makes a running runEpoch()/run() return after the current step.
  void requestStop() { m_stopRequested.store(true); }

  /// Fresh weights (MlpOptions::seed), a fresh optimizer and shuffling stream, epoch 0.
  void reset();
  /// Trains on `data` from the next step on (points edited by hand), keeping the weights, the
  /// optimizer's state, the shuffling stream and the epoch count. With as many training samples
  /// as before the epoch in progress goes on in its order; otherwise it starts afresh on the new
  /// set (identity order, reshuffled at its first step). Throws Error::usage (no training
  /// sample, another feature count).
  void setData(DatasetSplit data);

  const LossPtr& loss() const { return m_loss; }
  const Mlp& model() const { return m_model; }
  Mlp& model() { return m_model; }
  const Optimizer& optimizer() const { return m_optimizer; }
  const TrainOptions& options() const { return m_options; }
  const DatasetSplit& data() const { return m_data; }
  int epoch() const { return m_epoch; }  // epochs completed
  std::int64_t steps() const { return m_steps; }
  /// The message of the last divergence (empty if none since the start or reset()).
  const std::string& divergenceMessage() const { return m_divergence; }

  enum class Set { Train, Validation };
  /// Predictions of the current network for every sample of a set, in the set's order.
  Eigen::VectorXd predictions(Set set);
  /// Gradient influence |∂ℓ_i/∂ŷ_i| per sample of a set (in its order): the derivative of sample
  /// i's own loss term (the loss with reduction `sum`), i.e. how hard that sample pulls on the
  /// fit. MSE pulls in proportion to the residual, MAE equally, Huber caps the pull at δ.
  Eigen::VectorXd gradientInfluence(Set set = Set::Train);
  /// Metrics of the current network on a whole set with the current loss.
  RegressionMetrics metrics(Set set);
  /// Clean and inlier errors of the current network on a whole set (metrics.h's cleanMetrics).
  CleanMetrics cleanMetrics(Set set);

 private:
  struct Batch {
    Eigen::MatrixXd x;  // features × b
    Tensor yTrue;       // b × 1
    Tensor yPred;       // b × 1
    Tensor grad;        // b × 1, ∂L/∂ŷ
  };
  struct Evaluation {
    Tensor target;  // n × 1
    Tensor pred;    // n × 1
    Tensor grad;    // n × 1 scratch
  };

  static void checkLoss(const LossPtr& loss);
  void applyPending();
  void allocate();
  void diverge(const std::string& what);
  const Dataset& set(Set which) const;
  Evaluation& evaluation(Set which);
  void predictInto(Set which);

  DatasetSplit m_data;
  TrainOptions m_options;
  Mlp m_model;
  Optimizer m_optimizer;
  LossPtr m_loss;
  Reduction m_reduction = Reduction::SumOverBatchSize;

  Rng m_shuffleRng;
  std::vector<Eigen::Index> m_order;  // the current epoch's sample order
  Eigen::Index m_cursor = 0;          // next position in m_order
  int m_epoch = 0;
  std::int64_t m_steps = 0;
  double m_epochLossSum = 0;  // Σ batch loss · batch size over the epoch
  double m_epochSamples = 0;

  Batch m_full;  // batchSize samples
  Batch m_tail;  // the smaller last batch of an epoch (if any)
  Evaluation m_trainEval;
  Evaluation m_validationEval;
  Eigen::VectorXd m_lastGood;  // parameters of the last step whose loss was acceptable
  double m_reference = std::numeric_limits<double>::quiet_NaN();
  std::string m_divergence;
  bool m_diverged = false;  // set by diverge() during the current step

  std::mutex m_pendingMutex;  // guards the three members below
  LossPtr m_pendingLoss;
  std::optional<OptimizerOptions> m_pendingOptimizer;
  OptimizerOptions m_requestedOptimizer;  // the newest options asked for (setLearningRate's base)
  std::atomic<bool> m_hasPending{false};
  std::atomic<bool> m_stopRequested{false};
};

}  // namespace losslab
