// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "core/engine/loss.h"
#include "core/engine/param_spec.h"
#include "core/training/dataset.h"
#include "core/training/mlp.h"
#include "core/training/optimizers.h"
#include "core/training/trainer.h"

namespace losslab {

/// The ranges of a training configuration: what a session file may hold and what the Training
/// tab's controls offer (the CLI's own flags accept more; `--save-session` checks these).
struct TrainingLimits {
  static constexpr Eigen::Index kMinSamples = 10;
  static constexpr Eigen::Index kMaxSamples = 200000;
  static constexpr double kMaxNoise = 10;
  static constexpr double kMaxOutlierFraction = 0.5;
  static constexpr double kMaxOutlierMagnitude = 100;
  static constexpr double kMaxLeverageFraction = 0.5;
  static constexpr double kMinLeverageDistance = 0.1;  // in widths of the x range
  static constexpr double kMaxLeverageDistance = 10;
  static constexpr double kMaxValidationSplit = 0.9;
  static constexpr int kMaxHiddenLayers = 8;
  static constexpr Eigen::Index kMaxHiddenWidth = 1024;
  static constexpr double kMinLearningRate = 1e-6;
  static constexpr double kMaxLearningRate = 10;
  static constexpr Eigen::Index kMaxBatchSize = 65536;
  static constexpr int kMaxEpochs = 1000000;
  static constexpr int kMaxLosses = 4;  // compare mode trains 2 to 4
  /// Seeds up to 2^53: every one is exact as a JSON number or a double.
  static constexpr std::uint64_t kMaxSeed = 9007199254740992ull;
};

/// "custom:NAME" ids name a formula loss (the GUI's custom-loss library uses the same ids).
inline constexpr std::string_view kCustomLossIdPrefix = "custom:";
bool isCustomLossId(std::string_view id);

/// One loss of a configuration.
struct LossChoice {
  std::string id;       // a catalogue id ("huber") or "custom:NAME"
  ParamValues params;   // the values given; parameters not named here take their defaults
  std::string formula;  // custom losses: the formula source, so a configuration is complete

  bool operator==(const LossChoice& other) const = default;
};

/// The optimizers of `losslab-cli train --optimizer` (Keras 3 rules and defaults).
enum class TrainingOptimizer { Adam, Sgd, Momentum, RmsProp };  // Momentum: SGD, μ = 0.9
std::string trainingOptimizerName(TrainingOptimizer kind);  // "adam", "sgd", "momentum", "rmsprop"
TrainingOptimizer parseTrainingOptimizer(const std::string& name);  // throws Error::usage

struct DataConfig {
  enum class Source { Generator, Csv };
  Source source = Source::Generator;
  DatasetKind generator = DatasetKind::Sine;
  Eigen::Index samples = 500;                   // generators only
  double noise = 0.1;                           // σ of the Gaussian noise on y (generators)
  double outlierFraction = 0;                   // share of samples moved by an outlier (generators)
  double outlierMagnitude = 20;                 // an outlier adds ± this to y (generators)
  OutlierSide outlierSide = OutlierSide::Both;  // the sign of that (generators)
  double leverageFraction = 0;  // share of samples made bad leverage points (generators; dataset.h)
  double leverageDistance = 1;  // how far beyond the x range, in widths of the range (generators)
  double validationSplit = 0.2;  // held-out share, in [0, kMaxValidationSplit]
  std::string csvPath;           // Csv: the file (a relative path is resolved by its reader)
  std::string csvTarget;         // Csv: a column name or 1-based number; empty = the last one
  std::vector<std::string> csvFeatures;  // Csv: columns as csvTarget; empty = all but the target
                                         // (and the clean column)
  std::string csvClean;  // Csv: a column of clean (noise-free) targets, as csvTarget; empty = none

  bool operator==(const DataConfig& other) const = default;
};

struct NetworkConfig {
  std::vector<Eigen::Index> hidden = {16, 32};  // empty: a linear model ŷ = w·x + b
  Activation activation = Activation::Relu;     // of the hidden layers; the output is linear

  bool operator==(const NetworkConfig& other) const = default;
};

struct OptimizerConfig {
  TrainingOptimizer kind = TrainingOptimizer::Adam;
  double learningRate = 0.01;
  Eigen::Index batchSize = 32;

  bool operator==(const OptimizerConfig& other) const = default;
};

/// Everything that decides a training run, as one value: the Training tab's model holds one,
/// session files store one, `losslab-cli train` builds one from its flags, and a sweep varies
/// one field of a copy. The same configuration gives the same numbers everywhere: the data,
/// the split, the initial weights and the shuffling all follow `seed` (random.h's SeedStream).
/// The defaults are those of a fresh Training tab.
struct TrainingConfig {
  DataConfig data;
  NetworkConfig network;
  OptimizerConfig optimizer;
  std::uint64_t seed = 0;
  int epochs = 200;  // what Start trains to

  // Single mode trains `loss`; compare mode trains `compareLosses` (2–4 different ids) side by
  // side, from the same initial weights and batches, and colours the points by the influence
  // of `focus` (one of their ids). Both are kept whichever mode is on. One id has one set of
  // parameters: an id in both places carries the same values.
  LossChoice loss{"mean_squared_error", {}, {}};
  bool compare = false;
  std::vector<LossChoice> compareLosses = {
      {"mean_squared_error", {}, {}}, {"mean_absolute_error", {}, {}}, {"huber", {}, {}}};
  std::string focus = "mean_squared_error";

  /// The losses that train: compareLosses in compare mode, else {loss}.
  std::vector<LossChoice> trainedLosses() const;
  /// The index of `focus` among trainedLosses() (0 when absent or in single mode).
  int focusIndex() const;

  bool operator==(const TrainingConfig& other) const = default;
};

/// Empty if every field is in range and the loss lists are consistent; else what is wrong,
/// naming the field by its session key: "\"optimizer.lr\" must be a number from 1e-06 to 10".
/// Loss ids and parameters are checked by lossProblem().
std::string configProblem(const TrainingConfig& config);

/// Empty if `loss` exists, can train (trainability.h) and its parameters are valid; else the
/// reason. A custom loss must carry its formula.
std::string lossProblem(const LossChoice& loss);

/// configProblem(), then lossProblem() of every loss with its key ("\"compare.losses[1].id\": …").
std::string fullConfigProblem(const TrainingConfig& config);

/// The loss of a choice: the catalogue's, or the formula's (FormulaLoss named NAME). Throws
/// Error::usage (unknown id, bad parameter, formula that does not parse, not trainable).
LossPtr createLoss(const LossChoice& loss);

/// The pieces a Trainer is built from, with the seed's sub-streams (data, weights, split and
/// shuffling), exactly as `losslab-cli train --seed` derives them.
DatasetOptions datasetOptions(const TrainingConfig& config);
MlpOptions mlpOptions(const TrainingConfig& config);
OptimizerOptions optimizerOptions(const OptimizerConfig& optimizer);
TrainOptions trainOptions(const TrainingConfig& config);

/// The data set of a configuration: generated, or read from its CSV file (csv_dataset.h).
/// Throws Error::usage / Error::data with the reason (file and line for a malformed CSV).
Dataset makeTrainingData(const TrainingConfig& config);

/// The text forms of the command line's outlier options (`losslab-cli train`, `sweep`, and what
/// trainArguments() writes): --outliers "FRACTION[:MAGNITUDE[:SIDE]]" (SIDE both, up or down)
/// and --leverage "FRACTION[:DISTANCE]". Parts left out are nullopt (the caller keeps its
/// default). Throws Error::usage naming the option and the part: fractions in [0, 1], a finite
/// magnitude, a distance in (0, kMaxCliLeverageDistance].
struct OutlierSpec {
  double fraction = 0;
  std::optional<double> magnitude;
  std::optional<OutlierSide> side;
};
OutlierSpec parseOutlierSpec(const std::string& text);
struct LeverageSpec {
  double fraction = 0;
  std::optional<double> distance;
};
inline constexpr double kMaxCliLeverageDistance = 1e6;  // x stays far from overflow
LeverageSpec parseLeverageSpec(const std::string& text);

/// Empty if a data set of `samples` samples leaves at least one training sample with the
/// validation split `split` (splitDataset keeps ⌊n (1 − f)⌋); else the reason.
std::string trainingSampleProblem(Eigen::Index samples, double split);

}  // namespace losslab
