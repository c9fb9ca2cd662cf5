// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli train: fit a small MLP to a regression data set with any one-target loss (Keras'
// fit(): shuffled minibatches, the loss's default reduction, a Keras 3 optimizer) and report
// the loss and the validation metrics, optionally with per-epoch history and per-sample
// predictions as CSV.
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
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
#include "core/engine/error.h"
#include "core/io/csv_reader.h"
#include "core/io/csv_writer.h"
#include "core/io/json_writer.h"
#include "core/io/number_format.h"
#include "core/training/csv_dataset.h"
#include "core/training/dataset.h"
#include "core/training/metrics.h"
#include "core/training/mlp.h"
#include "core/training/optimizers.h"
#include "core/training/random.h"
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
                   LAST column is the target and the features are called x1, x2, ...
                   The names above always mean the generators: write ./linear for such a file.
)";

constexpr const char* kFooter =
    R"(Results: final_loss is the loss (default reduction) on the whole training split with the final
weights, val_loss the same on the validation split (null without one); mae, rmse and r2 are on
the validation split, or on the training data with --val-split 0, and so are clean_mae,
clean_rmse (null without clean targets: a CSV without --clean-column) and inlier_mae (every CSV
sample counts as an inlier); r2 is null with fewer than two samples; epochs counts the epochs run;
epochs_per_s is the rate of the training loop alone (no data loading, history metrics or file
writing). Files are written atomically (a temporary file, then rename) after training, numbers
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

constexpr double kDefaultOutlierMagnitude = 10;
constexpr double kMomentum = 0.9;  // --optimizer momentum: Keras SGD(momentum=0.9)
constexpr long long kMaxSeed = 9'007'199'254'740'992LL;  // 2^53: every integer exact as a double
constexpr long long kMaxSamples = 10'000'000;
constexpr long long kMaxBatch = 10'000'000;
constexpr long long kMaxEpochs = 1'000'000;
constexpr long long kMaxWidth = 4096;
constexpr std::size_t kMaxLayers = 32;
constexpr int kDiverged = 1;  // the exit status of a diverged run (a data error)

// Memory estimate of a run (bytes; measured with /usr/bin/time -f %M, rounded up): the data and
// its copies (splits, predictions, whole-set evaluation), the network's scratch for one batch
// (activations, pre-activations, deltas of every layer) and the weights with their gradient,
// optimizer moments and the last finite copy.
constexpr double kBytesPerSampleValue = 40;  // per sample and feature (the target counts as one)
constexpr double kBytesPerSample = 48;
constexpr double kBytesPerBatchUnit = 24;  // per batch sample and layer unit
constexpr double kBytesPerWeight = 96;

struct Generator {
  const char* name;
  DatasetKind kind;
};
constexpr Generator kGenerators[] = {
    {"seed-sum", DatasetKind::SeedSum},
    {"seed_sum", DatasetKind::SeedSum},
    {"linear", DatasetKind::Linear},
    {"sine", DatasetKind::Sine},
    {"cubic", DatasetKind::Cubic},
    {"step", DatasetKind::Step},
    {"heteroscedastic", DatasetKind::Heteroscedastic},
};

std::optional<DatasetKind> generatorNamed(const std::string& name) {
  for (const Generator& g : kGenerators) {
    if (name == g.name) {
      return g.kind;
    }
  }
  return std::nullopt;
}

std::vector<Eigen::Index> parseHidden(const std::string& text) {
  if (text == "none" || text.empty()) {
    return {};
  }
  std::vector<Eigen::Index> widths;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    const std::string item =
        text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin);
    long long width = 0;
    const char* end = item.data() + item.size();
    const auto [ptr, ec] = std::from_chars(item.data(), end, width);
    if (item.empty() || ec != std::errc() || ptr != end || width < 1 || width > kMaxWidth) {
      throw Error::usage("--hidden takes widths from 1 to " + std::to_string(kMaxWidth) +
                         " separated by commas (e.g. 16,32) or 'none', not '" + text + "'");
    }
    widths.push_back(static_cast<Eigen::Index>(width));
    if (widths.size() > kMaxLayers) {
      throw Error::usage("--hidden takes at most " + std::to_string(kMaxLayers) +
                         " hidden layers, not " + std::to_string(widths.size()) + " or more");
    }
    if (comma == std::string::npos) {
      return widths;
    }
    begin = comma + 1;
  }
}

OptimizerOptions parseOptimizer(const std::string& name, std::optional<double> lr) {
  OptimizerOptions options;
  if (name == "adam") {
    options.kind = OptimizerKind::Adam;
  } else if (name == "sgd") {
    options.kind = OptimizerKind::Sgd;
  } else if (name == "momentum") {
    options.kind = OptimizerKind::Sgd;
    options.sgd.momentum = kMomentum;
  } else if (name == "rmsprop") {
    options.kind = OptimizerKind::RmsProp;
  } else {
    throw Error::usage("unknown optimizer '" + name +
                       "' (expected adam, sgd, momentum or rmsprop)");
  }
  if (lr) {
    if (!(*lr > 0)) {
      throw Error::usage("--lr must be positive, not " + formatShortest(*lr));
    }
    options.setLearningRate(*lr);
  }
  if (std::string problem = checkOptimizerOptions(options); !problem.empty()) {
    throw Error::usage(problem);
  }
  return options;
}

/// The loss must fit one real target per sample; said here, before any data is read.
void checkTrainable(const Loss& loss) {
  const LossInfo& info = loss.info();
  const std::string hint =
      "; train fits one real-valued target per sample: use a loss such as mean_squared_error, "
      "huber or log_cosh";
  if (info.target == TargetKind::ClassIndex) {
    throw Error::usage("'" + info.id + "' takes class labels" + hint);
  }
  if (info.target == TargetKind::None) {
    throw Error::usage("'" + info.id + "' takes no target" + hint);
  }
  for (const ExtraInput& extra : info.extras) {
    if (extra.required) {
      throw Error::usage("'" + info.id + "' needs the extra input '" + extra.name +
                         "', which training does not provide" + hint);
    }
  }
}

Dataset loadCsv(const std::string& path,
                const std::optional<std::string>& target,
                const std::optional<std::string>& clean) {
  const CsvTable csv = readCsvFile(path);
  NumericTable table;
  table.values = csv.data.values.matrix();
  const Eigen::Index columns = table.values.cols();
  if (columns < 2) {
    throw Error::data(path + ": the file has " + std::to_string(columns) +
                      " column; training needs at least one feature column and a target column");
  }
  if (csv.header.empty()) {
    if (target) {
      throw Error::usage("--target " + *target + ": '" + path +
                         "' has no header row, so its columns have no names; without a header "
                         "the last column is the target");
    }
    for (Eigen::Index j = 0; j + 1 < columns; ++j) {
      table.columns.push_back("x" + std::to_string(j + 1));
    }
    table.columns.emplace_back("y");
  } else {
    table.columns = csv.header;
  }
  if (!clean) {
    Dataset data =
        datasetFromTable(table, std::vector<std::string>{}, target.value_or(table.columns.back()));
    data.name =
        path == "-" ? std::string("<stdin>") : std::filesystem::path(path).filename().string();
    return data;
  }
  if (csv.header.empty()) {
    throw Error::usage("--clean-column " + *clean + ": '" + path +
                       "' has no header row, so its columns have no names");
  }
  const Eigen::Index targetIndex =
      csvColumnIndex(table.columns, target.value_or(table.columns.back()));
  const Eigen::Index cleanIndex = csvColumnIndex(table.columns, *clean);
  if (cleanIndex == targetIndex) {
    throw Error::usage("--clean-column " + *clean + " is the target column");
  }
  std::vector<Eigen::Index> features;  // every column but the target and the clean targets
  for (Eigen::Index j = 0; j < columns; ++j) {
    if (j != targetIndex && j != cleanIndex) {
      features.push_back(j);
    }
  }
  if (features.empty()) {
    throw Error::data(path +
                      ": besides the target and --clean-column no column is left for "
                      "features");
  }
  Dataset data = datasetFromTable(table, features, targetIndex);
  data.clean = table.values.col(cleanIndex);
  data.name =
      path == "-" ? std::string("<stdin>") : std::filesystem::path(path).filename().string();
  return data;
}

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

/// Usage error before training if the run would need more than the memory budget.
void checkTrainMemory(const Dataset& data,
                      const std::vector<Eigen::Index>& hidden,
                      Eigen::Index batch) {
  const auto n = static_cast<double>(data.size());
  const auto features = static_cast<double>(data.featureCount());
  double units = features + 1;  // the input layer and the output
  double weights = 0;
  double previous = features;
  for (const Eigen::Index width : hidden) {
    units += static_cast<double>(width);
    weights += (previous + 1) * static_cast<double>(width);
    previous = static_cast<double>(width);
  }
  weights += previous + 1;
  const double chunk = std::max<double>(static_cast<double>(batch), 256);
  const double bytes = n * ((features + 1) * kBytesPerSampleValue + kBytesPerSample) +
                       chunk * units * kBytesPerBatchUnit + weights * kBytesPerWeight;
  checkMemory(bytes,
              "training " + std::to_string(data.size()) + " samples with " +
                  std::to_string(static_cast<long long>(weights)) + " weights, batch " +
                  std::to_string(batch),
              "use fewer samples, narrower --hidden layers or a smaller --batch");
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

class TrainCommand final : public Command {
 public:
  explicit TrainCommand(CLI::App& parent)
      : Command(parent,
                "train",
                "train a small network on a generated or CSV regression data set with a loss; "
                "metrics, per-epoch history and predictions",
                kDetails,
                footer()) {
    addDataOptions();
    addLossOptions(app(), m_loss, lossHelp());
    addModelOptions();
    addOutputOptions();
  }

  int run() override;

 private:
  // ---- the options, in the order of the help ----
  struct DataOptions {
    std::optional<std::string> dataset;
    std::optional<std::string> target;
    std::optional<double> noise;
    std::optional<std::string> outliers;
    std::optional<std::string> leverage;
    std::optional<std::string> cleanColumn;
    std::optional<long long> samples;
  };
  struct ModelOptions {
    std::optional<std::string> optimizer;
    std::optional<double> lr;
    std::optional<long long> batch;
    std::optional<long long> epochs;
    std::optional<std::string> hidden;
    std::optional<std::string> activation;
    std::optional<long long> seed;
    std::optional<double> valSplit;
  };
  struct OutputOptions {
    std::optional<std::string> history;
    std::optional<std::string> predictions;
    bool json = false;
  };

  void addDataOptions();
  static LossOptionHelp lossHelp();
  void addModelOptions();
  void addOutputOptions();

  // ---- the run ----
  DatasetOptions generatorOptions(DatasetKind kind, std::uint64_t seed) const;
  void printSummary(Trainer& trainer,
                    const Dataset& data,
                    const EpochReport& last,
                    double epochsPerSecond) const;

  DataOptions m_data;
  LossOptions m_loss;
  ModelOptions m_model;
  OutputOptions m_output;
};

void TrainCommand::addDataOptions() {
  CLI::App& cmd = app();
  addText(cmd, "--dataset", m_data.dataset, "NAME|FILE",
          "the data (required): a generated set or a CSV file, '-' for standard input")
      ->required();
  addText(cmd, "--target", m_data.target, "COL",
          "CSV with a header: the target column (default: the last column)");
  addNumber(cmd, "--noise", m_data.noise, "S",
            "generated sets: Gaussian noise of standard deviation S on y (default 0)");
  addText(cmd, "--outliers", m_data.outliers, "F[:M[:SIDE]]",
          "generated sets: round(F n) samples, F in [0, 1], get y + M or y - M (M defaults to "
          "10); SIDE both (default: a random sign per sample), up (always + M) or down (always "
          "- M); the same samples move whatever the side");
  addText(cmd, "--leverage", m_data.leverage, "F[:D]",
          "generated sets: round(F n) samples, F in [0, 1], become bad leverage points: every "
          "feature moved to hi + D w (1 + U/4), U uniform in [0, 1), at least D widths w of the "
          "x range beyond its upper end hi (D > 0, default 1), y kept, so off the clean "
          "function there");
  addText(cmd, "--clean-column", m_data.cleanColumn, "COL",
          "CSV with a header: a column of clean (noise-free) targets, named or numbered as "
          "--target; not a feature; gives clean_mae and clean_rmse");
  addCount(cmd, "--samples", m_data.samples, 1, kMaxSamples, "N",
           "generated sets: number of samples (default 1000)");
}

LossOptionHelp TrainCommand::lossHelp() {
  LossOptionHelp help;
  help.loss =
      "the loss; it must take one real target per sample (a regression or other same-shape "
      "loss: not class labels, not extra inputs)";
  return help;
}

void TrainCommand::addModelOptions() {
  CLI::App& cmd = app();
  addText(cmd, "--optimizer", m_model.optimizer, "NAME",
          "adam (default), sgd, momentum (SGD with momentum 0.9) or rmsprop, with Keras 3's "
          "update rules and default hyperparameters");
  addNumber(cmd, "--lr", m_model.lr, "X",
            "learning rate (Keras' defaults: adam 0.001, sgd 0.01, momentum 0.01, rmsprop 0.001)");
  addCount(cmd, "--batch", m_model.batch, 1, kMaxBatch, "N",
           "samples per step (default 32, as Keras); the last batch of an epoch may be smaller; "
           "more than the training split is one batch per epoch");
  addCount(cmd, "--epochs", m_model.epochs, 1, kMaxEpochs, "N",
           "epochs (default 100; seed 003 uses 10, which leaves R² ≈ 0.86)");
  addText(cmd, "--hidden", m_model.hidden, "W1,W2,...",
          "hidden layer widths, 1 to " + std::to_string(kMaxWidth) + ", at most " +
              std::to_string(kMaxLayers) +
              " layers (default 16,32, seed 003's network); 'none' for a linear model");
  addText(cmd, "--activation", m_model.activation, "NAME",
          "hidden activation: relu (default), tanh, sigmoid or linear");
  addCount(cmd, "--seed", m_model.seed, 0, kMaxSeed, "N",
           "one seed for the generated data, the initial weights, the split and the shuffling "
           "(default 0): the same command gives the same numbers");
  addNumber(cmd, "--val-split", m_model.valSplit, "F",
            "share held out for validation, in [0, 1) (default 0.2); the samples are shuffled "
            "before the split. With 0 the metrics are on the training data");
}

void TrainCommand::addOutputOptions() {
  CLI::App& cmd = app();
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
  addFlag(cmd, "--json", m_output.json,
          "print one JSON object {\"epochs\", \"final_loss\", \"val_loss\", \"mae\", \"rmse\", "
          "\"r2\", \"clean_mae\", \"clean_rmse\", \"inlier_mae\", \"epochs_per_s\", "
          "\"diverged\", \"message\"}");
}

DatasetOptions TrainCommand::generatorOptions(DatasetKind kind, std::uint64_t seed) const {
  DatasetOptions options;
  options.kind = kind;
  options.samples = m_data.samples.value_or(1000);
  options.noise = m_data.noise.value_or(0);
  if (options.noise < 0) {
    throw Error::usage("--noise must be ≥ 0, not " + formatShortest(options.noise));
  }
  if (m_data.outliers) {
    const OutlierSpec spec = parseOutlierSpec(*m_data.outliers);
    options.outlierFraction = spec.fraction;
    options.outlierMagnitude = spec.magnitude.value_or(kDefaultOutlierMagnitude);
    options.outlierSide = spec.side.value_or(OutlierSide::Both);
  }
  if (m_data.leverage) {
    const LeverageSpec spec = parseLeverageSpec(*m_data.leverage);
    options.leverageFraction = spec.fraction;
    options.leverageDistance = spec.distance.value_or(options.leverageDistance);
  }
  options.seed = deriveSeed(seed, kDataSeedStream);
  return options;
}

int TrainCommand::run() {
  // ---- the whole request is checked before any data is read or generated ----
  const std::string& datasetArg = *m_data.dataset;
  const std::optional<DatasetKind> generator = generatorNamed(datasetArg);
  if (!generator) {
    std::error_code ec;
    if (datasetArg != "-" && !std::filesystem::exists(datasetArg, ec)) {
      throw Error::usage("--dataset '" + datasetArg +
                         "' is neither a generated data set (seed-sum, linear, sine, cubic, "
                         "step, heteroscedastic) nor an existing CSV file");
    }
    const bool generatorOption =
        m_data.noise || m_data.outliers || m_data.leverage || m_data.samples;
    if (generatorOption) {
      const char* option = m_data.noise      ? "--noise"
                           : m_data.outliers ? "--outliers"
                           : m_data.leverage ? "--leverage"
                                             : "--samples";
      throw Error::usage(std::string(option) +
                         " applies to generated data sets, not to a CSV file");
    }
  } else if (m_data.target || m_data.cleanColumn) {
    throw Error::usage(std::string(m_data.target ? "--target" : "--clean-column") +
                       " names a column of a CSV data set; generated data sets have one target, "
                       "y, and know their clean values");
  }
  const auto seed = static_cast<std::uint64_t>(m_model.seed.value_or(0));
  const DatasetOptions dataOptions =
      generator ? generatorOptions(*generator, seed) : DatasetOptions{};

  const LossPtr loss = makeLoss(m_loss, name());
  checkTrainable(*loss);

  MlpOptions model;
  model.hidden = parseHidden(m_model.hidden.value_or("16,32"));
  model.hiddenActivation = parseActivation(m_model.activation.value_or("relu"));
  model.seed = deriveSeed(seed, kModelSeedStream);

  TrainOptions train;
  train.optimizer = parseOptimizer(m_model.optimizer.value_or("adam"), m_model.lr);
  train.batchSize = m_model.batch.value_or(32);
  train.epochs = static_cast<int>(m_model.epochs.value_or(100));
  train.validationSplit = m_model.valSplit.value_or(0.2);
  if (!(train.validationSplit >= 0 && train.validationSplit < 1)) {
    throw Error::usage("--val-split must be in [0, 1), not " +
                       formatShortest(train.validationSplit));
  }
  train.seed = deriveSeed(seed, kTrainSeedStream);
  train.computeMetrics = false;  // the history callback evaluates when asked to

  // ---- data and training ----
  Dataset data =
      generator ? makeDataset(dataOptions) : loadCsv(datasetArg, m_data.target, m_data.cleanColumn);
  if (generator) {
    // Generated features are x1..xn (the core calls a single one "x").
    for (std::size_t j = 0; j < data.featureNames.size(); ++j) {
      data.featureNames[j] = "x" + std::to_string(j + 1);
    }
  }
  // A batch larger than the data would only size scratch for samples that do not exist.
  const Eigen::Index requestedBatch = train.batchSize;
  train.batchSize = std::min<Eigen::Index>(train.batchSize, data.size());
  checkTrainMemory(data, model.hidden, train.batchSize);
  Trainer trainer(data, model, loss, train);
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
    std::cerr << "losslab-cli: error: " << last.message << '\n';
  }
  const int status = last.diverged ? kDiverged : 0;

  if (!m_output.json) {
    printSummary(trainer, data, last, epochsPerSecond);
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

void TrainCommand::printSummary(Trainer& trainer,
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
  std::cout << "optimizer   " << m_model.optimizer.value_or("adam") << ", lr "
            << shortNumber(optimizer.learningRate()) << ", batch " << trainer.options().batchSize
            << ", seed " << m_model.seed.value_or(0) << '\n';
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
