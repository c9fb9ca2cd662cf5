// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli train: fit a small MLP to a regression data set with any one-target loss (Keras'
// fit(): shuffled minibatches, the loss's default reduction, a Keras 3 optimizer) and report
// the loss and the validation metrics, optionally with per-epoch history and per-sample
// predictions as CSV.
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "app/cli/cli_json.h"
#include "core/engine/error.h"
#include "core/io/csv_reader.h"
#include "core/training/dataset.h"
#include "core/training/metrics.h"
#include "core/training/mlp.h"
#include "core/training/optimizers.h"
#include "core/training/random.h"
#include "core/training/trainer.h"

namespace losslab::cli {

namespace {

constexpr const char* kTrainHelp =
    R"(Usage: losslab-cli train --dataset NAME|FILE.csv [--target COL] [--noise S]
                         [--outliers FRACTION[:MAGNITUDE]] [--samples N]
                         (--loss ID | --expr FORMULA) [--param NAME=VALUE]...
                         [--optimizer adam|sgd|momentum|rmsprop] [--lr X] [--batch N]
                         [--epochs N] [--hidden 16,32] [--activation relu] [--seed N]
                         [--val-split F] [--history FILE.csv] [--predictions FILE.csv] [--json]

Trains a multilayer perceptron (dense hidden layers, one linear output, Glorot-uniform weights,
zero biases) on a regression data set the way Keras' fit() does: minibatches of the training
split reshuffled every epoch, the loss with its default reduction, a Keras 3 optimizer. Then
reports the loss and the MAE, RMSE and R² on the validation split.

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

Options:
  --dataset NAME|FILE     the data (required)
  --target COL            CSV with a header: the target column (default: the last column)
  --noise S               generated sets: Gaussian noise of standard deviation S on y (default 0)
  --outliers F[:M]        generated sets: round(F n) samples, F in [0, 1], get y + M or y - M
                          (random sign; M defaults to 10)
  --samples N             generated sets: number of samples (default 1000)
  --loss ID               the loss; it must take one real target per sample (a regression or
                          other same-shape loss: not class labels, not extra inputs)
  --expr FORMULA          a formula loss instead ('losslab-cli derive --help')
  --param NAME=VALUE      a loss or formula parameter (repeatable)
  --optimizer NAME        adam (default), sgd, momentum (SGD with momentum 0.9) or rmsprop,
                          with Keras 3's update rules and default hyperparameters
  --lr X                  learning rate (Keras' defaults: adam 0.001, sgd 0.01, momentum 0.01,
                          rmsprop 0.001)
  --batch N               samples per step (default 32, as Keras); the last batch of an epoch
                          may be smaller
  --epochs N              epochs (default 100; seed 003 uses 10, which leaves R² ≈ 0.86)
  --hidden W1,W2,...      hidden layer widths (default 16,32, seed 003's network); 'none' for a
                          linear model
  --activation NAME       hidden activation: relu (default), tanh, sigmoid or linear
  --seed N                one seed for the generated data, the initial weights, the split and the
                          shuffling (default 0): the same command gives the same numbers
  --val-split F           share held out for validation, in [0, 1) (default 0.2); the samples are
                          shuffled before the split. With 0 the metrics are on the training data
  --history FILE.csv      one row per epoch: epoch, loss (Keras' epoch loss: the mean of the
                          epoch's batch losses), train_loss, train_mae, train_rmse, train_r2,
                          val_loss, val_mae, val_rmse, val_r2 (the whole splits with the weights
                          at the end of the epoch; val_* are nan without a validation split,
                          loss is nan for an epoch that diverged)
  --predictions FILE.csv  one row per sample IN THE DATA SET'S ORDER (both splits): the features
                          (named as in the CSV; x1..xn for generated sets and headerless CSV),
                          y_true, y_pred, residual = y_pred - y_true
  --json                  print one JSON object {"epochs", "final_loss", "val_loss", "mae",
                          "rmse", "r2", "epochs_per_s", "diverged", "message"}
  -h, --help              show this help

Results: final_loss is the loss (default reduction) on the whole training split with the final
weights, val_loss the same on the validation split (null without one); mae, rmse and r2 are on
the validation split, or on the training data with --val-split 0; epochs counts the epochs run;
epochs_per_s is the rate of the training loop alone (no data loading, history metrics or file
writing). Files are written atomically (a temporary file, then rename) after training, numbers
in the shortest form that reads back exactly.

Divergence is NOT an error: when the loss or a weight becomes non-finite, or a batch loss
exceeds max(1e12, 1e6 x the first batch loss), training stops, the weights of the last finite
step are kept, the result says "diverged": true with the reason in "message" (also on stderr),
files are written and the exit status is 0. Lower --lr and try again.

Exit status: 0 success (diverged or not), 1 data error (file contents, a loss that is undefined
for the predictions), 2 usage error.
)";

constexpr double kDefaultOutlierMagnitude = 10;
constexpr double kMomentum = 0.9;  // --optimizer momentum: Keras SGD(momentum=0.9)
constexpr long long kMaxSeed = 9'007'199'254'740'992LL;  // 2^53: every integer exact as a double

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

double strictNumber(const std::string& text, const std::string& what) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    throw Error::usage(what + " needs a finite number, not '" + text + "'");
  }
  return value;
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
    if (item.empty() || ec != std::errc() || ptr != end || width < 1 || width > 4096) {
      throw Error::usage(
          "--hidden takes widths from 1 to 4096 separated by commas (e.g. 16,32) or "
          "'none', not '" +
          text + "'");
    }
    widths.push_back(static_cast<Eigen::Index>(width));
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
      throw Error::usage("--lr must be positive, not " + formatNumber(*lr));
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

Dataset loadCsv(const std::string& path, const std::optional<std::string>& target) {
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
  Dataset data =
      datasetFromTable(table, std::vector<std::string>{}, target.value_or(table.columns.back()));
  data.name = std::filesystem::path(path).filename().string();
  return data;
}

/// The shortest text that reads back as the same double ("0.1", not "0.10000000000000001"), so
/// features copied from a CSV look as they did; "nan", "inf", "-inf" otherwise.
std::string exactNumber(double value) {
  if (!std::isfinite(value)) {
    return csvNumber(value);
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string rowOf(const std::vector<double>& values) {
  std::string line;
  for (std::size_t k = 0; k < values.size(); ++k) {
    line += (k ? "," : "") + exactNumber(values[k]);
  }
  return line + '\n';
}

struct HistoryRow {
  int epoch = 0;
  double loss = 0;
  RegressionMetrics train;
  RegressionMetrics validation;
};

std::string historyCsv(const std::vector<HistoryRow>& rows) {
  std::string text =
      "epoch,loss,train_loss,train_mae,train_rmse,train_r2,val_loss,val_mae,val_rmse,val_r2\n";
  for (const HistoryRow& row : rows) {
    text += std::to_string(row.epoch) + ',';
    text +=
        rowOf({row.loss, row.train.loss, row.train.mae, row.train.rmse, row.train.r2,
               row.validation.loss, row.validation.mae, row.validation.rmse, row.validation.r2});
  }
  return text;
}

std::string predictionsCsv(const Dataset& data, const Eigen::VectorXd& prediction) {
  std::string text;
  for (const std::string& name : data.featureNames) {
    text += csvField(name) + ',';
  }
  text += "y_true,y_pred,residual\n";
  std::vector<double> values(static_cast<std::size_t>(data.featureCount()) + 3);
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    for (Eigen::Index j = 0; j < data.featureCount(); ++j) {
      values[static_cast<std::size_t>(j)] = data.x(j, i);
    }
    const auto f = static_cast<std::size_t>(data.featureCount());
    values[f] = data.y(i);
    values[f + 1] = prediction(i);
    values[f + 2] = prediction(i) - data.y(i);
    text += rowOf(values);
  }
  return text;
}

std::string shortNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

std::string widthsText(const Mlp& model) {
  std::string text;
  for (const Eigen::Index width : model.widths()) {
    text += (text.empty() ? "" : "-") + std::to_string(width);
  }
  return text;
}

}  // namespace

int runTrain(const std::vector<std::string>& words) {
  const Arguments args("train", words,
                       {{"--dataset", true, false},
                        {"--target", true, false},
                        {"--noise", true, false},
                        {"--outliers", true, false},
                        {"--samples", true, false},
                        {"--loss", true, false},
                        {"--expr", true, false},
                        {"--param", true, true},
                        {"--optimizer", true, false},
                        {"--lr", true, false},
                        {"--batch", true, false},
                        {"--epochs", true, false},
                        {"--hidden", true, false},
                        {"--activation", true, false},
                        {"--seed", true, false},
                        {"--val-split", true, false},
                        {"--history", true, false},
                        {"--predictions", true, false},
                        {"--json", false, false}});
  if (args.help()) {
    std::cout << kTrainHelp;
    return 0;
  }

  // ---- the whole request is checked before any data is read or generated ----
  const std::string datasetArg = args.required("--dataset");
  const std::optional<DatasetKind> generator = generatorNamed(datasetArg);
  if (!generator) {
    std::error_code ec;
    if (!std::filesystem::exists(datasetArg, ec)) {
      throw Error::usage("--dataset '" + datasetArg +
                         "' is neither a generated data set (seed-sum, linear, sine, cubic, "
                         "step, heteroscedastic) nor an existing CSV file");
    }
    for (const char* option : {"--noise", "--outliers", "--samples"}) {
      if (args.has(option)) {
        throw Error::usage(std::string(option) +
                           " applies to generated data sets, not to a CSV "
                           "file");
      }
    }
  } else if (args.has("--target")) {
    throw Error::usage(
        "--target names a column of a CSV data set; generated data sets have "
        "one target, y");
  }
  const auto seed = static_cast<std::uint64_t>(args.count("--seed", 0, kMaxSeed).value_or(0));

  DatasetOptions dataOptions;
  if (generator) {
    dataOptions.kind = *generator;
    dataOptions.samples = args.count("--samples", 1, 10'000'000).value_or(1000);
    dataOptions.noise = args.number("--noise").value_or(0);
    if (dataOptions.noise < 0) {
      throw Error::usage("--noise must be ≥ 0, not " + formatNumber(dataOptions.noise));
    }
    if (const auto outliers = args.value("--outliers")) {
      const std::size_t colon = outliers->find(':');
      dataOptions.outlierFraction = strictNumber(outliers->substr(0, colon), "--outliers FRACTION");
      dataOptions.outlierMagnitude =
          colon == std::string::npos
              ? kDefaultOutlierMagnitude
              : strictNumber(outliers->substr(colon + 1), "--outliers FRACTION:MAGNITUDE");
      if (!(dataOptions.outlierFraction >= 0 && dataOptions.outlierFraction <= 1)) {
        throw Error::usage("--outliers: the fraction must be in [0, 1], not " +
                           formatNumber(dataOptions.outlierFraction));
      }
    }
    dataOptions.seed = deriveSeed(seed, kDataSeedStream);
  }

  const LossPtr loss = makeLoss(args);
  checkTrainable(*loss);

  MlpOptions model;
  model.hidden = parseHidden(args.value("--hidden").value_or("16,32"));
  model.hiddenActivation = parseActivation(args.value("--activation").value_or("relu"));
  model.seed = deriveSeed(seed, kModelSeedStream);

  TrainOptions train;
  train.optimizer = parseOptimizer(args.value("--optimizer").value_or("adam"), args.number("--lr"));
  train.batchSize = args.count("--batch", 1, 10'000'000).value_or(32);
  train.epochs = static_cast<int>(args.count("--epochs", 1, 1'000'000).value_or(100));
  train.validationSplit = args.number("--val-split").value_or(0.2);
  if (!(train.validationSplit >= 0 && train.validationSplit < 1)) {
    throw Error::usage("--val-split must be in [0, 1), not " + formatNumber(train.validationSplit));
  }
  train.seed = deriveSeed(seed, kTrainSeedStream);
  train.computeMetrics = false;  // the history callback evaluates when asked to

  const std::optional<std::string> historyPath = args.value("--history");
  const std::optional<std::string> predictionsPath = args.value("--predictions");
  if (historyPath) {
    checkOutputPath(*historyPath, "--history");
  }
  if (predictionsPath) {
    checkOutputPath(*predictionsPath, "--predictions");
  }

  // ---- data and training ----
  Dataset data = generator ? makeDataset(dataOptions) : loadCsv(datasetArg, args.value("--target"));
  if (generator) {
    // Generated features are x1..xn (the core calls a single one "x").
    for (std::size_t j = 0; j < data.featureNames.size(); ++j) {
      data.featureNames[j] = "x" + std::to_string(j + 1);
    }
  }
  Trainer trainer(data, model, loss, train);
  const bool hasValidation = trainer.data().validation.size() > 0;

  std::vector<HistoryRow> history;
  double callbackSeconds = 0;
  const auto callback = [&](const EpochReport& report) {
    if (historyPath) {
      const auto start = std::chrono::steady_clock::now();
      HistoryRow row;
      row.epoch = report.epoch;
      row.loss = report.loss;
      row.train = trainer.metrics(Trainer::Set::Train);
      row.validation = trainer.metrics(Trainer::Set::Validation);
      history.push_back(row);
      callbackSeconds +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    return false;
  };
  const auto start = std::chrono::steady_clock::now();
  const EpochReport last = trainer.run(train.epochs, callback);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() -
      callbackSeconds;
  const double epochsPerSecond = seconds > 0 ? last.epoch / seconds : 0.0;

  const RegressionMetrics trainMetrics = trainer.metrics(Trainer::Set::Train);
  const RegressionMetrics validationMetrics =
      hasValidation ? trainer.metrics(Trainer::Set::Validation) : RegressionMetrics{};
  const RegressionMetrics& reported = hasValidation ? validationMetrics : trainMetrics;

  if (predictionsPath) {
    Eigen::MatrixXd row(1, data.size());
    trainer.model().predict(data.x, row);
    writeFileAtomically(*predictionsPath, predictionsCsv(data, row.row(0).transpose()));
  }
  if (historyPath) {
    writeFileAtomically(*historyPath, historyCsv(history));
  }
  if (last.diverged) {
    warn(last.message);
  }

  if (args.has("--json")) {
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
    json.key("r2").number(reported.r2);
    json.key("epochs_per_s").number(epochsPerSecond);
    json.key("diverged").boolean(last.diverged);
    json.key("message").string(last.message);
    json.endObject();
    std::cout << json.text() << '\n';
    return 0;
  }

  const DatasetSplit& split = trainer.data();
  const OptimizerOptions& optimizer = trainer.optimizer().options();
  std::string optimizerText = args.value("--optimizer").value_or("adam");
  std::cout << "data        " << data.name << ": " << data.size() << " samples, "
            << data.featureCount() << " feature" << (data.featureCount() == 1 ? "" : "s")
            << ", target " << data.targetName << " (" << split.train.size() << " training, "
            << split.validation.size() << " validation)\n";
  std::cout << "model       " << widthsText(trainer.model()) << ", "
            << activationName(model.hiddenActivation) << ", " << trainer.model().parameterCount()
            << " parameters\n";
  std::cout << "loss        " << describe(*loss) << '\n';
  std::cout << "optimizer   " << optimizerText << ", lr " << shortNumber(optimizer.learningRate())
            << ", batch " << train.batchSize << ", seed " << seed << '\n';
  std::cout << "epochs      " << last.epoch << " (" << shortNumber(epochsPerSecond)
            << " epochs/s)\n";
  std::cout << "final loss  " << shortNumber(trainMetrics.loss) << " (training split)\n";
  if (hasValidation) {
    std::cout << "val loss    " << shortNumber(validationMetrics.loss) << '\n';
  }
  std::cout << (hasValidation ? "validation  " : "training    ") << "MAE "
            << shortNumber(reported.mae) << ", RMSE " << shortNumber(reported.rmse) << ", R² "
            << shortNumber(reported.r2) << '\n';
  if (last.diverged) {
    std::cout << "DIVERGED    " << last.message << '\n';
  }
  return 0;
}

}  // namespace losslab::cli
