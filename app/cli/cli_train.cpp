// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli train: fit a small MLP to a regression data set with any one-target loss (Keras'
// fit(): shuffled minibatches, the loss's default reduction, a Keras 3 optimizer) and report
// the loss and the validation metrics, optionally with per-epoch history and per-sample
// predictions as CSV.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_limits.h"
#include "app/cli/cli_loss.h"
#include "app/cli/training_options.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/export/training_script.h"
#include "core/formula/formula_loss.h"
#include "core/formula/formula_parser.h"
#include "core/io/csv_writer.h"
#include "core/io/json_writer.h"
#include "core/io/number_format.h"
#include "core/training/dataset.h"
#include "core/training/metrics.h"
#include "core/training/mlp.h"
#include "core/training/optimizers.h"
#include "core/training/session_file.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Trains a multilayer perceptron (dense hidden layers, one linear output, Glorot-uniform weights,
zero biases) on a regression data set the way Keras' fit() does: minibatches of the training
split reshuffled every epoch, the loss with its default reduction, a Keras 3 optimizer. Then
reports the loss and the MAE, RMSE and R² on the validation split, and the errors that tell
the truth about a fit on corrupted data: clean_mae and clean_rmse (the prediction against the
noise-free function, or a CSV's --clean-column) and inlier_mae (the prediction against the
observed targets of the samples that are no outliers or leverage points).

Data sets (--dataset):
  seed-sum         4 features uniform in [0, 1), y = 5 (x1 + x2 + x3 + x4)  (seed 003's data)
  linear           x uniform in [-1, 1), y = 2x + 1
  sine             x uniform in [-pi, pi), y = sin x
  cubic            x uniform in [-1.5, 1.5), y = x^3 - x
  step             x uniform in [-1, 1), y = 1 if x >= 0, else 0
  heteroscedastic  as linear, with noise growing from 0.2 S at x = -1 to 2 S at x = 1
  FILE.csv         a numeric CSV file, one row per sample (the format of 'losslab-cli eval
                   --help'). With a header row (a first row without numbers) --target names the
                   target column and every other column is a feature. WITHOUT a header row the
                   LAST column is the target and the features are called x1, x2, ... (column
                   numbers); --target and --features then take column numbers (3 or 'column 3').
                   The names above always mean the generators: write ./linear for such a file.

Sessions: --save-session FILE.json writes the run as the Training tab's session file (File >
Save Session), --session FILE.json trains the run a session file describes (written by the GUI
or by --save-session); options given with it change that part of the session (--epochs 5, --lr,
--loss, ...) and options left out keep the session's values. The same configuration gives the
same numbers, to the last bit, in the GUI and here. A compare-mode session trains each of its
losses in turn (one result each; JSON: one object per line with its "loss"), unless --loss
picks one of them (with the session's parameters, unless --param is given).
)";

constexpr const char* kFooter =
    R"(Results: final_loss is the loss (default reduction) on the whole training split with the final
weights, val_loss the same on the validation split (null without one); mae, rmse and r2 are on
the validation split, or on the training data with --val-split 0, and so are clean_mae,
clean_rmse (null without clean targets: a CSV without --clean-column) and inlier_mae (every CSV
sample counts as an inlier); r2 is null with fewer than two samples; epochs counts the epochs run;
epochs_per_s is the rate of the training loop alone (no data loading, history metrics or file
writing). With a compare-mode session each JSON object also has "loss". Files are written atomically (a temporary file, then rename) after training, numbers
in the shortest form that reads back exactly.

A diverging run stops: when the loss or a weight becomes non-finite, or a batch loss exceeds
max(1e12, 1e6 x the first batch loss), training stops, the weights of the last finite step are
kept, the result says "diverged": true with the reason in "message" (also on stderr), the files
are written, and the exit status is 1. Lower --lr and try again.

Limits: at most LIMIT_MEMORY of working memory, estimated from the samples, the features, the
hidden widths and the batch before training starts (about 40 bytes per sample and feature, 24
per batch sample and unit, 96 per weight); CSV files as 'losslab-cli eval --help' says. A batch
larger than the training split is one batch per epoch (said once on stderr). On a terminal the
epochs are counted on stderr; Ctrl+C stops after the current step, writes nothing and ends the
program as the signal does (exit status 130 in a shell).

Exit status: 0 success, 1 data error (file contents, a loss that is undefined for the
predictions) or a diverged run, 2 usage error.)";

/// kFooter with the memory budget written in.
std::string footer() {
  std::string text = kFooter;
  text.replace(text.find("LIMIT_MEMORY"), 12, memoryBudgetText());
  return text;
}

constexpr int kDiverged = 1;  // the exit status of a diverged run (a data error)

struct HistoryRow {
  int epoch = 0;
  double loss = 0;
  RegressionMetrics train;
  RegressionMetrics validation;
  CleanMetrics clean;  // of the validation split
};

std::string historyCsv(const std::vector<HistoryRow>& rows) {
  CsvWriter csv;
  for (const char* name :
       {"epoch", "loss", "train_loss", "train_mae", "train_rmse", "train_r2", "val_loss", "val_mae",
        "val_rmse", "val_r2", "val_clean_mae", "val_clean_rmse", "val_inlier_mae"}) {
    csv.field(name);
  }
  csv.endRow();
  for (const HistoryRow& row : rows) {
    csv.field(std::to_string(row.epoch));
    const double values[] = {row.loss,           row.train.loss,      row.train.mae,
                             row.train.rmse,     row.train.r2,        row.validation.loss,
                             row.validation.mae, row.validation.rmse, row.validation.r2,
                             row.clean.cleanMae, row.clean.cleanRmse, row.clean.inlierMae};
    csv.numbers(values);
  }
  return csv.take();
}

/// One row per sample of the whole data set, in its order, with the split it fell in.
std::string predictionsCsv(const Dataset& data,
                           const DatasetSplit& split,
                           const Eigen::VectorXd& prediction) {
  std::vector<char> validation(static_cast<std::size_t>(data.size()), 0);
  for (const Eigen::Index i : split.validationIndices) {
    validation[static_cast<std::size_t>(i)] = 1;
  }
  std::vector<char> outlier(static_cast<std::size_t>(data.size()), 0);
  for (const Eigen::Index i : data.outliers) {
    outlier[static_cast<std::size_t>(i)] = 1;
  }
  const bool hasClean = data.clean.size() == data.size();
  CsvWriter csv;
  for (const std::string& name : data.featureNames) {
    csv.field(name);
  }
  csv.field("y_true").field("y_pred").field("residual").field("split").field("y_clean");
  csv.field("is_outlier").endRow();
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    const auto k = static_cast<std::size_t>(i);
    for (Eigen::Index j = 0; j < data.featureCount(); ++j) {
      csv.number(data.x(j, i));
    }
    csv.number(data.y(i)).number(prediction(i)).number(prediction(i) - data.y(i));
    csv.field(validation[k] ? "validation" : "train");
    csv.number(hasClean ? data.clean(i) : std::numeric_limits<double>::quiet_NaN());
    csv.field(outlier[k] ? "1" : "0").endRow();
  }
  return csv.take();
}

/// A reading for people in the summary: six significant digits; "—" for a value that is not
/// defined (R² of fewer than two samples).
std::string shortNumber(double value) {
  return std::isnan(value) ? std::string("—") : formatSignificant(value, 6);
}

void stopTrainer(void* trainer) {
  static_cast<Trainer*>(trainer)->requestStop();  // an atomic store: safe in a signal handler
}

/// "epoch 12/100" on standard error, rewritten in place, when it is a terminal.
class Progress {
 public:
  explicit Progress(int epochs) : m_epochs(epochs), m_shown(::isatty(STDERR_FILENO) == 1) {}
  ~Progress() { clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void epochDone(int epoch) {
    const auto now = std::chrono::steady_clock::now();
    if (!m_shown || now - m_last < std::chrono::milliseconds(100)) {
      return;
    }
    m_last = now;
    std::cerr << "\rtraining: epoch " << epoch << "/" << m_epochs << " (Ctrl+C stops)"
              << std::flush;
    m_dirty = true;
  }
  void clear() {
    if (m_dirty) {
      std::cerr << "\r\033[K" << std::flush;
      m_dirty = false;
    }
  }

 private:
  int m_epochs;
  bool m_shown;
  bool m_dirty = false;
  std::chrono::steady_clock::time_point m_last{};
};

std::string widthsText(const Mlp& model) {
  std::string text;
  for (const Eigen::Index width : model.widths()) {
    text += (text.empty() ? "" : "-") + std::to_string(width);
  }
  return text;
}

/// The configuration trains `loss` alone (one id, one set of parameters: the compared losses
/// with its id take its values).
void trainAlone(TrainingConfig& config, const LossChoice& loss) {
  config.compare = false;
  config.loss = loss;
  for (LossChoice& other : config.compareLosses) {
    if (other.id == loss.id) {
      other = loss;
    }
  }
}

class TrainCommand final : public Command {
 public:
  explicit TrainCommand(CLI::App& parent)
      : Command(parent,
                "train",
                "train a small network on a generated or CSV regression data set with a loss; "
                "metrics, per-epoch history and predictions; sessions of the Training tab",
                kDetails,
                footer()) {
    TrainingOptionHelp help;
    help.datasetRequired = false;
    addDataOptions(app(), m_options, help);
    addLossOptions(app(), m_loss, lossHelp());
    addModelOptions(app(), m_options, help);
    addOutputOptions();
  }

  int run() override;

 private:
  struct OutputOptions {
    std::optional<std::string> history;
    std::optional<std::string> predictions;
    std::optional<std::string> session;
    std::optional<std::string> saveSession;
    std::optional<std::string> exportScript;  // pytorch or keras
    std::optional<std::string> out;           // the script's file
    bool json = false;
  };

  static LossOptionHelp lossHelp();
  void addOutputOptions();

  TrainingConfig configuration() const;
  /// --export-script: writes the script of `config` and trains nothing; the exit status.
  int exportScript(const TrainingConfig& config) const;
  /// Trains `loss` on `config` and reports; the exit status (0, or 1 if it diverged).
  int trainOne(const TrainingConfig& config,
               const Dataset& data,
               const LossChoice& loss,
               bool tagged) const;
  void printSummary(const TrainingConfig& config,
                    Trainer& trainer,
                    const Dataset& data,
                    const EpochReport& last,
                    double epochsPerSecond) const;

  TrainingOptions m_options;
  LossOptions m_loss;
  OutputOptions m_output;
};

LossOptionHelp TrainCommand::lossHelp() {
  LossOptionHelp help;
  help.loss =
      "the loss (required without --session); it must take one real target per sample (a "
      "regression or other same-shape loss: not class labels, not extra inputs)";
  return help;
}

void TrainCommand::addOutputOptions() {
  CLI::App& cmd = app();
  addInputFile(cmd, "--session", m_output.session, "FILE.json",
               "train the run of a session file (the Training tab's File > Save Session, or "
               "--save-session); the options given change it");
  addOutputFile(cmd, "--save-session", m_output.saveSession, "FILE.json",
                "write the run as a session file the Training tab opens (the CSV path made "
                "absolute); the run must be within the Training tab's ranges");
  addOutputFile(cmd, "--history", m_output.history, "FILE.csv",
                "one row per epoch: epoch, loss (Keras' epoch loss: the mean of the epoch's batch "
                "losses), train_loss, train_mae, train_rmse, train_r2, val_loss, val_mae, "
                "val_rmse, val_r2, val_clean_mae, val_clean_rmse, val_inlier_mae (the whole "
                "splits with the weights at the end of the epoch; val_* are nan without a "
                "validation split, val_clean_* without clean targets, val_r2 with fewer than "
                "two validation samples; loss is nan for an epoch that diverged)");
  addOutputFile(cmd, "--predictions", m_output.predictions, "FILE.csv",
                "one row per sample IN THE DATA SET'S ORDER (both splits): the features (named as "
                "in the CSV; x1..xn for generated sets and headerless CSV), y_true, y_pred, "
                "residual = y_pred - y_true, split (train or validation), y_clean (the "
                "noise-free target; nan when unknown), is_outlier (1 for a sample moved by "
                "--outliers or --leverage, else 0)");
  addText(cmd, "--export-script", m_output.exportScript, "FRAMEWORK",
          "instead of training, write a self-contained Python script that replays this run in "
          "pytorch (float64) or keras (Keras 3): the training split, the initial weights, every "
          "epoch's batch order, the optimizer with LossLab's update rules and the loss; it prints "
          "'epoch,loss' CSV, the loss column of --history (compare sessions: each loss, with a "
          "loss_id column)");
  addOutputFile(cmd, "--out", m_output.out, "FILE.py",
                "where --export-script writes the script (atomically; default standard output)");
  addFlag(cmd, "--json", m_output.json,
          "print one JSON object {\"epochs\", \"final_loss\", \"val_loss\", \"mae\", \"rmse\", "
          "\"r2\", \"clean_mae\", \"clean_rmse\", \"inlier_mae\", \"epochs_per_s\", "
          "\"diverged\", \"message\"}");
}

TrainingConfig TrainCommand::configuration() const {
  if (!m_output.session) {
    TrainingConfig config = configFromOptions(m_options, name());
    trainAlone(config, lossChoice(m_loss, name(), {}));
    return config;
  }
  const TrainingConfig session = readSessionFile(*m_output.session);
  if (const std::string problem = fullConfigProblem(session); !problem.empty()) {
    throw Error::data(*m_output.session + ": " + problem);
  }
  TrainingConfig config = configFromOptions(m_options, name(), &session);
  if (m_loss.id || m_loss.formula) {
    std::vector<LossChoice> known = session.compareLosses;
    known.insert(known.begin(), session.loss);
    trainAlone(config, lossChoice(m_loss, name(), known));
  } else if (!m_loss.params.empty()) {
    if (config.compare) {
      throw Error::usage("--param: the session compares " +
                         std::to_string(config.compareLosses.size()) +
                         " losses; pick one with --loss ID");
    }
    LossOptions options;
    options.params = m_loss.params;
    if (isCustomLossId(config.loss.id)) {
      options.formula = config.loss.formula;
    } else {
      options.id = config.loss.id;
    }
    LossChoice choice = lossChoice(options, name(), {});
    choice.id = config.loss.id;
    for (const auto& [parameter, value] : config.loss.params) {
      choice.params.emplace(parameter, value);  // the session's, where --param says nothing
    }
    trainAlone(config, choice);
  }
  return config;
}

int TrainCommand::run() {
  // ---- the whole request is checked before any data is read or generated ----
  const TrainingConfig config = configuration();
  if (m_output.exportScript || m_output.out) {
    return exportScript(config);
  }
  const std::vector<LossChoice> losses = config.trainedLosses();
  if (losses.size() > 1 && (m_output.history || m_output.predictions)) {
    throw Error::usage(std::string(m_output.history ? "--history" : "--predictions") +
                       ": the session compares " + std::to_string(losses.size()) +
                       " losses; pick one with --loss ID");
  }
  std::optional<TrainingConfig> saved;
  if (m_output.saveSession) {
    saved = sessionConfig(config, "--save-session");
  }
  const Dataset data = cliTrainingData(config);
  int status = 0;
  for (const LossChoice& loss : losses) {
    status = std::max(status, trainOne(config, data, loss, losses.size() > 1));
  }
  if (saved) {
    writeOutput(m_output.saveSession, sessionToJson(*saved));
  }
  return status;
}

int TrainCommand::exportScript(const TrainingConfig& config) const {
  if (!m_output.exportScript) {
    throw Error::usage(
        "--out names the file of --export-script; give --export-script pytorch or "
        "keras (--history, --predictions and --save-session name their own files)");
  }
  CodeTarget target = CodeTarget::PyTorch;
  if (*m_output.exportScript == "keras") {
    target = CodeTarget::Keras;
  } else if (*m_output.exportScript != "pytorch" && *m_output.exportScript != "torch") {
    throw Error::usage("--export-script takes pytorch or keras, not '" + *m_output.exportScript +
                       "'");
  }
  for (const auto& [given, option] : {std::pair{m_output.history.has_value(), "--history"},
                                      std::pair{m_output.predictions.has_value(), "--predictions"},
                                      std::pair{m_output.json, "--json"}}) {
    if (given) {
      throw Error::usage(std::string(option) +
                         ": --export-script writes the script instead of training; run train "
                         "again without --export-script for the run's own outputs");
    }
  }
  const std::optional<TrainingConfig> saved =
      m_output.saveSession ? std::optional(sessionConfig(config, "--save-session")) : std::nullopt;
  const Dataset data = cliTrainingData(config);
  std::string code;
  try {
    code = exportTrainingScript(config, data, target);
  } catch (const Error& error) {
    throw Error(error.kind(), "--export-script " + *m_output.exportScript + ": " + error.what());
  }
  writeOutput(m_output.out, code);
  if (saved) {
    writeOutput(m_output.saveSession, sessionToJson(*saved));
  }
  return 0;
}

int TrainCommand::trainOne(const TrainingConfig& config,
                           const Dataset& data,
                           const LossChoice& choice,
                           bool tagged) const {
  const MlpOptions model = mlpOptions(config);
  TrainOptions train = trainOptions(config);
  train.computeMetrics = false;  // the history callback evaluates when asked to
  // A batch larger than the data would only size scratch for samples that do not exist.
  const Eigen::Index requestedBatch = train.batchSize;
  train.batchSize = std::min<Eigen::Index>(train.batchSize, data.size());
  checkTrainMemory(data, model.hidden, train.batchSize);
  Trainer trainer(data, model, createLoss(choice), train);
  const bool hasValidation = trainer.data().validation.size() > 0;
  if (requestedBatch > trainer.data().train.size()) {
    warn("--batch " + std::to_string(requestedBatch) + " is more than the " +
         std::to_string(trainer.data().train.size()) +
         " training samples: each epoch is one batch of all of them");
  }

  std::vector<HistoryRow> history;
  double callbackSeconds = 0;
  Progress progress(train.epochs);
  const auto callback = [&](const EpochReport& report) {
    progress.epochDone(report.epoch);
    if (m_output.history && !report.stopped) {
      const auto start = std::chrono::steady_clock::now();
      HistoryRow row;
      row.epoch = report.epoch;
      row.loss = report.loss;
      row.train = trainer.metrics(Trainer::Set::Train);
      row.validation = trainer.metrics(Trainer::Set::Validation);
      row.clean = trainer.cleanMetrics(Trainer::Set::Validation);
      history.push_back(row);
      callbackSeconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return pendingInterrupt() != 0;
  };
  setInterruptAction(stopTrainer, &trainer);
  const auto start = std::chrono::steady_clock::now();
  const EpochReport last = trainer.run(train.epochs, callback);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() -
      callbackSeconds;
  setInterruptAction(nullptr, nullptr);
  progress.clear();
  if (pendingInterrupt() != 0) {
    std::cerr << "losslab-cli: training stopped in epoch " << last.epoch << " of " << train.epochs
              << "\n";
    stopIfInterrupted();
  }
  const double epochsPerSecond = seconds > 0 ? last.epoch / seconds : 0.0;

  if (m_output.predictions) {
    Eigen::MatrixXd row(1, data.size());
    trainer.model().predict(data.x, row);
    writeOutput(m_output.predictions, predictionsCsv(data, trainer.data(), row.row(0).transpose()));
  }
  if (m_output.history) {
    writeOutput(m_output.history, historyCsv(history));
  }
  if (last.diverged) {
    std::cerr << "losslab-cli: error: " << (tagged ? choice.id + ": " : "") << last.message << '\n';
  }
  const int status = last.diverged ? kDiverged : 0;

  if (!m_output.json) {
    if (tagged) {
      std::cout << "---- " << choice.id << '\n';
    }
    printSummary(config, trainer, data, last, epochsPerSecond);
    return status;
  }
  const RegressionMetrics trainMetrics = trainer.metrics(Trainer::Set::Train);
  const RegressionMetrics validationMetrics =
      hasValidation ? trainer.metrics(Trainer::Set::Validation) : RegressionMetrics{};
  const RegressionMetrics& reported = hasValidation ? validationMetrics : trainMetrics;
  const CleanMetrics clean =
      trainer.cleanMetrics(hasValidation ? Trainer::Set::Validation : Trainer::Set::Train);
  JsonWriter json;
  json.beginObject();
  if (tagged) {
    json.key("loss").string(choice.id);
  }
  json.key("epochs").integer(last.epoch);
  json.key("final_loss").number(trainMetrics.loss);
  json.key("val_loss");
  if (hasValidation) {
    json.number(validationMetrics.loss);
  } else {
    json.null();
  }
  json.key("mae").number(reported.mae);
  json.key("rmse").number(reported.rmse);
  json.key("r2").numberOrNull(reported.r2);            // null: not defined for fewer than 2 samples
  json.key("clean_mae").numberOrNull(clean.cleanMae);  // null: no clean targets
  json.key("clean_rmse").numberOrNull(clean.cleanRmse);
  json.key("inlier_mae").numberOrNull(clean.inlierMae);
  json.key("epochs_per_s").number(epochsPerSecond);
  json.key("diverged").boolean(last.diverged);
  json.key("message").string(last.message);
  json.endObject();
  std::cout << json.text() << '\n';
  return status;
}

void TrainCommand::printSummary(const TrainingConfig& config,
                                Trainer& trainer,
                                const Dataset& data,
                                const EpochReport& last,
                                double epochsPerSecond) const {
  const DatasetSplit& split = trainer.data();
  const bool hasValidation = split.validation.size() > 0;
  const RegressionMetrics trainMetrics = trainer.metrics(Trainer::Set::Train);
  const RegressionMetrics validationMetrics =
      hasValidation ? trainer.metrics(Trainer::Set::Validation) : RegressionMetrics{};
  const RegressionMetrics& reported = hasValidation ? validationMetrics : trainMetrics;
  const OptimizerOptions& optimizer = trainer.optimizer().options();
  std::cout << "data        " << data.name << ": " << data.size() << " samples, "
            << data.featureCount() << " feature" << (data.featureCount() == 1 ? "" : "s")
            << ", target " << data.targetName << " (" << split.train.size() << " training, "
            << split.validation.size() << " validation)\n";
  std::cout << "model       " << widthsText(trainer.model()) << ", "
            << activationName(trainer.model().options().hiddenActivation) << ", "
            << trainer.model().parameterCount() << " parameters\n";
  std::cout << "loss        " << describe(*trainer.loss()) << '\n';
  std::cout << "optimizer   " << trainingOptimizerName(config.optimizer.kind) << ", lr "
            << shortNumber(optimizer.learningRate()) << ", batch " << trainer.options().batchSize
            << ", seed " << config.seed << '\n';
  std::cout << "epochs      " << last.epoch << " (" << shortNumber(epochsPerSecond)
            << " epochs/s)\n";
  std::cout << "final loss  " << shortNumber(trainMetrics.loss) << " (training split)\n";
  if (hasValidation) {
    std::cout << "val loss    " << shortNumber(validationMetrics.loss) << '\n';
  }
  std::cout << (hasValidation ? "validation  " : "training    ") << "MAE "
            << shortNumber(reported.mae) << ", RMSE " << shortNumber(reported.rmse) << ", R² "
            << shortNumber(reported.r2) << '\n';
  const CleanMetrics clean =
      trainer.cleanMetrics(hasValidation ? Trainer::Set::Validation : Trainer::Set::Train);
  if (!std::isnan(clean.cleanMae)) {
    std::cout << "clean       MAE " << shortNumber(clean.cleanMae) << ", RMSE "
              << shortNumber(clean.cleanRmse) << " (against the noise-free targets)\n";
  }
  std::cout << "inliers     MAE " << shortNumber(clean.inlierMae)
            << " (samples that are no outliers)\n";
  if (last.diverged) {
    std::cout << "DIVERGED    " << last.message << '\n';
  }
}

}  // namespace

std::unique_ptr<Command> makeTrainCommand(CLI::App& parent) {
  return std::make_unique<TrainCommand>(parent);
}

}  // namespace losslab::cli
