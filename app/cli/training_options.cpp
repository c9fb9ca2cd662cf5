// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/training_options.h"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "app/cli/cli_command.h"
#include "app/cli/cli_limits.h"
#include "app/cli/cli_loss.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"
#include "core/formula/formula_parser.h"
#include "core/io/csv_reader.h"
#include "core/io/number_format.h"
#include "core/training/csv_dataset.h"
#include "core/training/optimizers.h"

namespace losslab::cli {

namespace {

constexpr double kDefaultOutlierMagnitude = 10;
constexpr long long kMaxSeed = 9'007'199'254'740'992LL;  // 2^53: every integer exact as a double
constexpr long long kMaxSamples = 10'000'000;
constexpr long long kMaxBatch = 10'000'000;
constexpr long long kMaxEpochs = 1'000'000;
constexpr long long kMaxWidth = 4096;
constexpr std::size_t kMaxLayers = 32;

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

double strictNumber(const std::string& text, const std::string& what) {
  const std::optional<double> value = parseFinite(text);
  if (!value) {
    throw Error::usage(what + " needs a finite number, not '" + text + "'");
  }
  return *value;
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

std::vector<std::string> splitList(const std::string& text) {
  std::vector<std::string> items;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    items.push_back(
        text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
    if (comma == std::string::npos) {
      return items;
    }
    begin = comma + 1;
  }
}

/// Keras' default learning rate of an optimizer (adam 0.001, sgd 0.01, momentum 0.01, …).
double defaultLearningRate(TrainingOptimizer kind) {
  OptimizerConfig config;
  config.kind = kind;
  OptimizerOptions options = optimizerOptions(config);
  OptimizerOptions fresh;
  fresh.kind = options.kind;
  return fresh.learningRate();
}

/// The CLI's defaults where they differ from a fresh Training tab's.
TrainingConfig cliDefaults() {
  TrainingConfig c;
  c.data.samples = 1000;
  c.data.noise = 0;
  c.data.outlierFraction = 0;
  c.data.outlierMagnitude = kDefaultOutlierMagnitude;
  c.epochs = 100;
  c.optimizer.learningRate = defaultLearningRate(c.optimizer.kind);
  return c;
}

void applyData(const TrainingOptions& o, const std::string& command, TrainingConfig& c) {
  DataConfig& d = c.data;
  if (o.dataset) {
    const std::optional<DatasetKind> generator = generatorNamed(*o.dataset);
    if (generator) {
      d.source = DataConfig::Source::Generator;
      d.generator = *generator;
      d.csvPath.clear();
      d.csvTarget.clear();
      d.csvFeatures.clear();
      d.csvClean.clear();
    } else {
      std::error_code ec;
      if (*o.dataset != "-" && !std::filesystem::exists(*o.dataset, ec)) {
        throw Error::usage("--dataset '" + *o.dataset +
                           "' is neither a generated data set (seed-sum, linear, sine, cubic, "
                           "step, heteroscedastic) nor an existing CSV file");
      }
      if (d.source != DataConfig::Source::Csv || d.csvPath != *o.dataset) {
        d.csvTarget.clear();  // another file: its own columns
        d.csvFeatures.clear();
        d.csvClean.clear();
      }
      d.source = DataConfig::Source::Csv;
      d.csvPath = *o.dataset;
    }
  } else if (c.data.source == DataConfig::Source::Csv && c.data.csvPath.empty()) {
    throw Error::usage("'" + command + "' needs --dataset NAME|FILE");
  }
  if (d.source == DataConfig::Source::Csv) {
    if (o.noise || o.outliers || o.leverage || o.samples) {
      const char* option = o.noise      ? "--noise"
                           : o.outliers ? "--outliers"
                           : o.leverage ? "--leverage"
                                        : "--samples";
      throw Error::usage(std::string(option) +
                         " applies to generated data sets, not to a CSV file");
    }
    if (o.target) {
      d.csvTarget = *o.target;
    }
    if (o.features) {
      d.csvFeatures = splitList(*o.features);
    }
    if (o.cleanColumn) {
      d.csvClean = *o.cleanColumn;
    }
    return;
  }
  if (o.target || o.features || o.cleanColumn) {
    throw Error::usage(std::string(o.target     ? "--target"
                                   : o.features ? "--features"
                                                : "--clean-column") +
                       " names a column of a CSV data set; generated data sets have one "
                       "target, y, and know their clean values");
  }
  if (o.samples) {
    d.samples = static_cast<Eigen::Index>(*o.samples);
  }
  if (o.noise) {
    if (*o.noise < 0) {
      throw Error::usage("--noise must be ≥ 0, not " + formatShortest(*o.noise));
    }
    d.noise = *o.noise;
  }
  if (o.outliers) {
    // Parts left out keep the base's value (a session's magnitude and side, else the defaults).
    const OutlierSpec spec = parseOutlierSpec(*o.outliers);
    d.outlierFraction = spec.fraction;
    d.outlierMagnitude = spec.magnitude.value_or(d.outlierMagnitude);
    d.outlierSide = spec.side.value_or(d.outlierSide);
  }
  if (o.leverage) {
    const LeverageSpec spec = parseLeverageSpec(*o.leverage);
    d.leverageFraction = spec.fraction;
    d.leverageDistance = spec.distance.value_or(d.leverageDistance);
  }
}

void applyModel(const TrainingOptions& o, TrainingConfig& c, bool fromSession) {
  if (o.optimizer) {
    c.optimizer.kind = parseTrainingOptimizer(*o.optimizer);
    if (!fromSession) {
      c.optimizer.learningRate = defaultLearningRate(c.optimizer.kind);
    }
  }
  if (o.lr) {
    if (!(*o.lr > 0)) {
      throw Error::usage("--lr must be positive, not " + formatShortest(*o.lr));
    }
    c.optimizer.learningRate = *o.lr;
  }
  if (std::string problem = checkOptimizerOptions(optimizerOptions(c.optimizer));
      !problem.empty()) {
    throw Error::usage(problem);
  }
  if (o.batch) {
    c.optimizer.batchSize = static_cast<Eigen::Index>(*o.batch);
  }
  if (o.epochs) {
    c.epochs = static_cast<int>(*o.epochs);
  }
  if (o.hidden) {
    c.network.hidden = parseHidden(*o.hidden);
  }
  if (o.activation) {
    c.network.activation = parseActivation(*o.activation);
  }
  if (o.seed) {
    c.seed = static_cast<std::uint64_t>(*o.seed);
  }
  if (o.valSplit) {
    if (!(*o.valSplit >= 0 && *o.valSplit < 1)) {
      throw Error::usage("--val-split must be in [0, 1), not " + formatShortest(*o.valSplit));
    }
    c.data.validationSplit = *o.valSplit;
  }
}

/// The column a reference names, in the CLI's words when it names none.
void checkColumn(const std::vector<std::string>& names,
                 bool headerless,
                 const std::string& reference,
                 const std::string& option,
                 const std::string& path) {
  try {
    csvColumnIndex(names, reference);
  } catch (const Error&) {
    const std::string count = std::to_string(names.size());
    if (headerless) {
      throw Error::usage(option + " " + reference + ": '" + path +
                         "' has no header row, so its columns have no names; give a column "
                         "number from 1 to " +
                         count + " (without " + option + " the last column is the target)");
    }
    std::string listed;
    for (const std::string& name : names) {
      listed += (listed.empty() ? "" : ", ") + name;
    }
    throw Error::usage("no column named '" + reference + "' (the table has: " + listed +
                       "); a column number from 1 to " + count + " also works");
  }
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

}  // namespace

void addDataOptions(CLI::App& cmd, TrainingOptions& o, const TrainingOptionHelp& help) {
  CLI::Option* dataset =
      addText(cmd, "--dataset", o.dataset, "NAME|FILE",
              std::string("the data") + (help.datasetRequired ? " (required)" : "") +
                  ": a generated set or a CSV file" +
                  (help.standardInput ? ", '-' for standard input" : ""));
  if (help.datasetRequired) {
    dataset->required();
  }
  addText(cmd, "--target", o.target, "COL",
          "CSV: the target column, by name (with a header) or 1-based number (default: the last "
          "column)");
  addText(cmd, "--features", o.features, "COL,COL,...",
          "CSV: the feature columns, by name or number as --target, in this order (default: "
          "every column but the target)");
  addNumber(cmd, "--noise", o.noise, "S",
            "generated sets: Gaussian noise of standard deviation S on y (default 0)");
  addText(cmd, "--clean-column", o.cleanColumn, "COL",
          "CSV: a column of clean (noise-free) targets, by name or number as --target; not a "
          "feature; gives clean_mae and clean_rmse");
  addText(cmd, "--outliers", o.outliers, "F[:M[:SIDE]]",
          "generated sets: round(F n) samples, F in [0, 1], get y + M or y - M (M defaults to "
          "10); SIDE both (default: a random sign per sample), up (always + M) or down (always "
          "- M); the same samples move whatever the side");
  addText(cmd, "--leverage", o.leverage, "F[:D]",
          "generated sets: round(F n) samples, F in [0, 1], become bad leverage points: every "
          "feature moved to hi + D w (1 + U/4), U uniform in [0, 1), at least D widths w of the "
          "x range beyond its upper end hi (D > 0, default 1), y kept, so off the clean "
          "function there");
  addCount(cmd, "--samples", o.samples, 1, kMaxSamples, "N",
           "generated sets: number of samples (default 1000)");
}

void addModelOptions(CLI::App& cmd, TrainingOptions& o, const TrainingOptionHelp& help) {
  addText(cmd, "--optimizer", o.optimizer, "NAME",
          "adam (default), sgd, momentum (SGD with momentum 0.9) or rmsprop, with Keras 3's "
          "update rules and default hyperparameters");
  addNumber(cmd, "--lr", o.lr, "X",
            "learning rate (Keras' defaults: adam 0.001, sgd 0.01, momentum 0.01, rmsprop 0.001)");
  addCount(cmd, "--batch", o.batch, 1, kMaxBatch, "N",
           "samples per step (default 32, as Keras); the last batch of an epoch may be smaller; "
           "more than the training split is one batch per epoch");
  addCount(cmd, "--epochs", o.epochs, 1, kMaxEpochs, "N", help.epochs);
  addText(cmd, "--hidden", o.hidden, "W1,W2,...",
          "hidden layer widths, 1 to " + std::to_string(kMaxWidth) + ", at most " +
              std::to_string(kMaxLayers) +
              " layers (default 16,32, seed 003's network); 'none' for a linear model");
  addText(cmd, "--activation", o.activation, "NAME",
          "hidden activation: relu (default), tanh, sigmoid or linear");
  addCount(cmd, "--seed", o.seed, 0, kMaxSeed, "N",
           "one seed for the generated data, the initial weights, the split and the shuffling "
           "(default 0): the same command gives the same numbers");
  addNumber(cmd, "--val-split", o.valSplit, "F",
            "share held out for validation, in [0, 1) (default 0.2); the samples are shuffled "
            "before the split. With 0 the metrics are on the training data");
}

void addTrainingOptions(CLI::App& cmd, TrainingOptions& o, const TrainingOptionHelp& help) {
  addDataOptions(cmd, o, help);
  addModelOptions(cmd, o, help);
}

TrainingConfig configFromOptions(const TrainingOptions& options,
                                 const std::string& command,
                                 const TrainingConfig* base) {
  if (!base && !options.dataset) {
    throw Error::usage("'" + command + "' needs --dataset NAME|FILE (see 'losslab-cli " + command +
                       " --help')");
  }
  TrainingConfig config = base ? *base : cliDefaults();
  applyData(options, command, config);
  applyModel(options, config, base != nullptr);
  return config;
}

Dataset cliTrainingData(const TrainingConfig& config) {
  const DataConfig& d = config.data;
  if (d.source == DataConfig::Source::Generator) {
    Dataset data = makeTrainingData(config);
    // Generated features are x1..xn (the core calls a single one "x").
    for (std::size_t j = 0; j < data.featureNames.size(); ++j) {
      data.featureNames[j] = "x" + std::to_string(j + 1);
    }
    return data;
  }
  const CsvTable csv = readCsvFile(d.csvPath);
  const std::vector<std::string> names = csvColumnNames(csv);
  const bool headerless = csv.header.empty();
  if (names.size() >= 2) {
    if (!d.csvTarget.empty()) {
      checkColumn(names, headerless, d.csvTarget, "--target", d.csvPath);
    }
    for (const std::string& feature : d.csvFeatures) {
      checkColumn(names, headerless, feature, "--features", d.csvPath);
    }
    if (!d.csvClean.empty()) {
      checkColumn(names, headerless, d.csvClean, "--clean-column", d.csvPath);
    }
  }
  Dataset data = csvDataset(csv, d.csvTarget, d.csvFeatures, d.csvPath, d.csvClean);
  data.name = d.csvPath == "-" ? std::string("<stdin>")
                               : std::filesystem::path(d.csvPath).filename().string();
  if (headerless) {
    // "column 3" → "x3": the names the predictions file has always used for such files.
    for (std::string& name : data.featureNames) {
      name = "x" + name.substr(name.find(' ') + 1);
    }
    data.targetName = "y";
  }
  return data;
}

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

TrainingConfig sessionConfig(const TrainingConfig& config, const std::string& option) {
  TrainingConfig c = config;
  DataConfig& d = c.data;
  if (d.source == DataConfig::Source::Csv) {
    if (d.csvPath == "-") {
      throw Error::usage(option + ": a session names its CSV file; standard input has none");
    }
    const CsvTable csv = readCsvFile(d.csvPath);
    const CsvColumnChoice columns =
        canonicalCsvColumns(csvColumnNames(csv), d.csvTarget, d.csvFeatures);
    d.csvTarget = columns.target;
    d.csvFeatures = columns.features;
    d.csvPath = std::filesystem::absolute(d.csvPath).lexically_normal().string();
  }
  // One id has one set of parameters in a configuration (training_config.h).
  for (LossChoice& other : c.compareLosses) {
    if (other.id == c.loss.id) {
      other = c.loss;
    }
  }
  if (const std::string problem = fullConfigProblem(c); !problem.empty()) {
    throw Error::usage(option + ": the run is outside what a session file holds: " + problem);
  }
  return c;
}

LossChoice lossChoice(const LossOptions& options,
                      const std::string& command,
                      const std::vector<LossChoice>& known) {
  checkTrainable(*makeLoss(options, command));
  LossChoice choice;
  if (options.formula) {
    choice.id = std::string(kCustomLossIdPrefix) + "formula";
    choice.formula = *options.formula;
    const LossInfo info = formulaInfo(formula::parseFormula(*options.formula), "formula");
    choice.params = parseParams(info.params, options.params, "the formula");
    return choice;
  }
  choice.id = *options.id;
  const auto it = std::find_if(known.begin(), known.end(),
                               [&](const LossChoice& loss) { return loss.id == choice.id; });
  if (options.params.empty() && it != known.end()) {
    return *it;
  }
  const LossRegistry::Entry* entry = LossRegistry::instance().find(choice.id);
  choice.params = parseParams(entry->info.params, options.params, "'" + choice.id + "'");
  return choice;
}

std::pair<double, double> parseRange(const std::string& text, const std::string& option) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) {
    throw Error::usage(option + " takes FROM:TO, not '" + text + "'");
  }
  const double from = strictNumber(text.substr(0, colon), option + " FROM");
  const double to = strictNumber(text.substr(colon + 1), option + " TO");
  if (!(from < to)) {
    throw Error::usage(option + ": FROM must be less than TO, not '" + text + "'");
  }
  return {from, to};
}

}  // namespace losslab::cli
