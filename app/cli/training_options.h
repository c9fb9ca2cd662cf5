// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The data, network and optimizer options of the commands that train (train, sweep,
// landscape): every one fills a field of a TrainingConfig (core/training/training_config.h —
// the value the Training tab's model holds and session files store), and the run goes from
// that configuration only. So `train FLAGS`, `train --session FILE` and a sweep point give the
// same numbers for the same configuration, to the last bit.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli_loss.h"
#include "core/training/dataset.h"
#include "core/training/training_config.h"

namespace losslab::cli {

/// The options as given (nullopt: not on the command line).
struct TrainingOptions {
  // ---- data ----
  std::optional<std::string> dataset;   // a generator name, a CSV file or "-"
  std::optional<std::string> target;    // CSV: a column name or 1-based number
  std::optional<std::string> features;  // CSV: columns as --target, separated by commas
  std::optional<double> noise;
  std::optional<std::string> outliers;     // F[:M[:SIDE]]
  std::optional<std::string> leverage;     // F[:D]
  std::optional<std::string> cleanColumn;  // CSV: a column of clean targets
  std::optional<long long> samples;
  // ---- network and optimizer ----
  std::optional<std::string> optimizer;
  std::optional<double> lr;
  std::optional<long long> batch;
  std::optional<long long> epochs;
  std::optional<std::string> hidden;
  std::optional<std::string> activation;
  std::optional<long long> seed;
  std::optional<double> valSplit;
};

/// What differs between the commands in the help of the shared options.
struct TrainingOptionHelp {
  std::string epochs = "epochs (default 100; seed 003 uses 10, which leaves R² ≈ 0.86)";
  bool datasetRequired = true;  // false for train (--session can give the data)
  bool standardInput = true;    // whether --dataset - (standard input) is offered
};

/// Declares --dataset, --target, --features, --clean-column, --noise, --outliers, --leverage,
/// --samples on `app`.
void addDataOptions(CLI::App& app, TrainingOptions& options, const TrainingOptionHelp& help = {});
/// Declares --optimizer, --lr, --batch, --epochs, --hidden, --activation, --seed, --val-split.
void addModelOptions(CLI::App& app, TrainingOptions& options, const TrainingOptionHelp& help = {});
/// Both of the above.
void addTrainingOptions(CLI::App& app,
                        TrainingOptions& options,
                        const TrainingOptionHelp& help = {});

/// The configuration the options describe. Without `base` every option left out takes the
/// CLI's default (1,000 samples, no noise, outliers of magnitude 10, 100 epochs, network
/// 16-32 relu, Adam with Keras' learning rate of the optimizer, batch 32, seed 0, validation
/// split 0.2); with `base` (a session) an option left out keeps the session's value — also the
/// learning rate when only --optimizer is given, and the magnitude of --outliers F. The loss
/// fields are the base's (or the defaults): each command sets its own. Usage errors say which
/// option is wrong (a generator option on a CSV file, --target on generated data, a value out
/// of range, an unknown optimizer or activation, a CSV that does not exist).
/// `command` names the command in "'train' needs --dataset".
TrainingConfig configFromOptions(const TrainingOptions& options,
                                 const std::string& command,
                                 const TrainingConfig* base = nullptr);

/// The data set of a configuration as the CLI shows it: makeTrainingData(), except that "-"
/// reads standard input, generated and headerless-CSV features are called x1, x2, … (the column
/// number) and a headerless target y, and column references that do not resolve are usage
/// errors in the CLI's words.
Dataset cliTrainingData(const TrainingConfig& config);

/// Usage error before training if the run would need more than the memory budget.
void checkTrainMemory(const Dataset& data,
                      const std::vector<Eigen::Index>& hidden,
                      Eigen::Index batch);

/// The configuration as a session file stores it: the CSV path absolute and its columns in
/// canonical form (csv_dataset.h), the compared losses that share the trained loss's id given
/// its parameters. Usage error naming the option when the configuration is outside the ranges
/// of a session (TrainingLimits), or the data is standard input.
TrainingConfig sessionConfig(const TrainingConfig& config, const std::string& option);

/// The loss of --loss/--expr/--param as a configuration stores it: the id (a formula is
/// "custom:formula" with its source) and the parameters given (the others take defaults).
/// `known` are the losses of a session: --loss naming one of them without --param keeps its
/// parameters. Usage errors as makeLoss() says them, and for a loss that cannot train one real
/// target per sample ("'X' takes class labels; train fits one real-valued target …").
LossChoice lossChoice(const LossOptions& options,
                      const std::string& command,
                      const std::vector<LossChoice>& known = {});

/// "FROM:TO" → (FROM, TO), both finite and FROM < TO; usage error naming `option`.
std::pair<double, double> parseRange(const std::string& text, const std::string& option);

}  // namespace losslab::cli
