// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/training_config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"
#include "core/formula/formula_parser.h"
#include "core/io/number_format.h"
#include "core/training/csv_dataset.h"
#include "core/training/random.h"
#include "core/training/trainability.h"

namespace losslab {

namespace {

constexpr double kMomentum = 0.9;  // TrainingOptimizer::Momentum: Keras SGD(momentum=0.9)

struct OptimizerName {
  TrainingOptimizer kind;
  const char* name;
};
constexpr OptimizerName kOptimizerNames[] = {{TrainingOptimizer::Adam, "adam"},
                                             {TrainingOptimizer::Sgd, "sgd"},
                                             {TrainingOptimizer::Momentum, "momentum"},
                                             {TrainingOptimizer::RmsProp, "rmsprop"}};

using L = TrainingLimits;

std::string quoted(const std::string& key) {
  return "\"" + key + "\"";
}

std::string realProblem(const std::string& key, double value, double min, double max) {
  if (value >= min && value <= max) {
    return {};
  }
  return quoted(key) + " must be a number from " + formatShortest(min) + " to " +
         formatShortest(max);
}

std::string wholeProblem(const std::string& key, double value, double min, double max) {
  if (value >= min && value <= max) {
    return {};
  }
  return quoted(key) + " must be a whole number from " + std::to_string(std::llround(min)) +
         " to " + std::to_string(std::llround(max));
}

std::string networkProblem(const NetworkConfig& network) {
  const bool tooMany = network.hidden.size() > static_cast<std::size_t>(L::kMaxHiddenLayers);
  const bool badWidth =
      std::any_of(network.hidden.begin(), network.hidden.end(),
                  [](Eigen::Index width) { return width < 1 || width > L::kMaxHiddenWidth; });
  if (tooMany || badWidth) {
    return "\"model.hidden\" must be a list of at most " + std::to_string(L::kMaxHiddenLayers) +
           " layer widths, whole numbers from 1 to " + std::to_string(L::kMaxHiddenWidth);
  }
  return {};
}

std::string lossListProblem(const TrainingConfig& c) {
  if (c.loss.id.empty()) {
    return "\"loss.id\" must name a loss";
  }
  if (c.compareLosses.size() > static_cast<std::size_t>(L::kMaxLosses)) {
    return "\"compare.losses\" must be a list of at most 4 losses";
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < c.compareLosses.size(); ++i) {
    const LossChoice& loss = c.compareLosses[i];
    const std::string key = "compare.losses[" + std::to_string(i) + "]";
    if (loss.id.empty()) {
      return quoted(key + ".id") + " must name a loss";
    }
    if (!seen.insert(loss.id).second) {
      return quoted(key) + ": \"" + loss.id + "\" is listed twice";
    }
    if (loss.id == c.loss.id && (loss.params != c.loss.params || loss.formula != c.loss.formula)) {
      return quoted(key + ".params") +
             " differ from \"loss.params\": a loss has one set of parameters per session";
    }
  }
  if (c.compare && c.compareLosses.size() < 2) {
    return "\"compare.losses\" must name 2 to 4 losses when \"compare.on\" is true";
  }
  const bool focusKnown = std::any_of(c.compareLosses.begin(), c.compareLosses.end(),
                                      [&](const LossChoice& loss) { return loss.id == c.focus; });
  if (!c.compareLosses.empty() && !focusKnown) {
    return "\"compare.focus\" must be one of the ids in \"compare.losses\", not \"" + c.focus +
           "\"";
  }
  return {};
}

}  // namespace

bool isCustomLossId(std::string_view id) {
  return id.substr(0, kCustomLossIdPrefix.size()) == kCustomLossIdPrefix;
}

std::string trainingOptimizerName(TrainingOptimizer kind) {
  for (const OptimizerName& entry : kOptimizerNames) {
    if (entry.kind == kind) {
      return entry.name;
    }
  }
  return "?";
}

TrainingOptimizer parseTrainingOptimizer(const std::string& name) {
  for (const OptimizerName& entry : kOptimizerNames) {
    if (name == entry.name) {
      return entry.kind;
    }
  }
  throw Error::usage("unknown optimizer '" + name + "' (expected adam, sgd, momentum or rmsprop)");
}

std::vector<LossChoice> TrainingConfig::trainedLosses() const {
  return compare ? compareLosses : std::vector<LossChoice>{loss};
}

int TrainingConfig::focusIndex() const {
  if (!compare) {
    return 0;
  }
  const auto it = std::find_if(compareLosses.begin(), compareLosses.end(),
                               [&](const LossChoice& choice) { return choice.id == focus; });
  return it == compareLosses.end() ? 0 : static_cast<int>(it - compareLosses.begin());
}

std::string configProblem(const TrainingConfig& c) {
  const DataConfig& d = c.data;
  const OptimizerConfig& o = c.optimizer;
  const std::string problems[] = {
      c.seed <= L::kMaxSeed ? std::string()
                            : "\"seed\" must be a whole number from 0 to " +
                                  std::to_string(L::kMaxSeed) + ", written as a string",
      wholeProblem("data.samples", static_cast<double>(d.samples),
                   static_cast<double>(L::kMinSamples), static_cast<double>(L::kMaxSamples)),
      realProblem("data.noise", d.noise, 0, L::kMaxNoise),
      realProblem("data.outlier_fraction", d.outlierFraction, 0, L::kMaxOutlierFraction),
      realProblem("data.outlier_magnitude", d.outlierMagnitude, 0, L::kMaxOutlierMagnitude),
      realProblem("data.leverage_fraction", d.leverageFraction, 0, L::kMaxLeverageFraction),
      realProblem("data.leverage_distance", d.leverageDistance, L::kMinLeverageDistance,
                  L::kMaxLeverageDistance),
      realProblem("data.validation_split", d.validationSplit, 0, L::kMaxValidationSplit),
      d.source == DataConfig::Source::Csv && d.csvPath.empty()
          ? "\"data.csv_path\" must name the CSV file of a \"csv\" data set"
          : std::string(),
      networkProblem(c.network),
      realProblem("optimizer.lr", o.learningRate, L::kMinLearningRate, L::kMaxLearningRate),
      wholeProblem("optimizer.batch", static_cast<double>(o.batchSize), 1,
                   static_cast<double>(L::kMaxBatchSize)),
      wholeProblem("optimizer.epochs", c.epochs, 1, L::kMaxEpochs),
      lossListProblem(c),
  };
  for (const std::string& problem : problems) {
    if (!problem.empty()) {
      return problem;
    }
  }
  return {};
}

std::string lossProblem(const LossChoice& loss) {
  try {
    requireTrainable(createLoss(loss)->info());
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

std::string fullConfigProblem(const TrainingConfig& config) {
  if (std::string problem = configProblem(config); !problem.empty()) {
    return problem;
  }
  auto check = [](const LossChoice& loss, const std::string& key) -> std::string {
    std::string problem = lossProblem(loss);
    if (problem.empty()) {
      return {};
    }
    // An id the registry does not know, or a loss that cannot train, is the id's fault; the rest
    // (ranges, unknown names, a formula) is its parameters'.
    const bool idProblem = !isCustomLossId(loss.id) &&
                           (!LossRegistry::instance().find(loss.id) ||
                            !trainability(LossRegistry::instance().find(loss.id)->info).ok());
    return quoted(key + (idProblem ? ".id" : ".params")) + ": " + problem;
  };
  if (std::string problem = check(config.loss, "loss"); !problem.empty()) {
    return problem;
  }
  for (std::size_t i = 0; i < config.compareLosses.size(); ++i) {
    const std::string key = "compare.losses[" + std::to_string(i) + "]";
    if (std::string problem = check(config.compareLosses[i], key); !problem.empty()) {
      return problem;
    }
  }
  return {};
}

LossPtr createLoss(const LossChoice& loss) {
  if (!isCustomLossId(loss.id)) {
    LossPtr created = LossRegistry::instance().create(loss.id, loss.params);
    requireTrainable(created->info());
    return created;
  }
  const std::string name = loss.id.substr(kCustomLossIdPrefix.size());
  if (loss.formula.empty()) {
    throw Error::usage("the custom loss '" + name + "' comes without its formula");
  }
  LossPtr created;
  try {
    const LossInfo info = formulaInfo(formula::parseFormula(loss.formula), name);
    created = FormulaLoss::create(loss.formula, completeParams(info.params, loss.params), name);
  } catch (const Error& e) {
    throw Error::usage("custom loss '" + name + "': " + e.what());
  }
  requireTrainable(created->info());
  return created;
}

DatasetOptions datasetOptions(const TrainingConfig& config) {
  DatasetOptions options;
  options.kind = config.data.generator;
  options.samples = config.data.samples;
  options.noise = config.data.noise;
  options.outlierFraction = config.data.outlierFraction;
  options.outlierMagnitude = config.data.outlierMagnitude;
  options.outlierSide = config.data.outlierSide;
  options.leverageFraction = config.data.leverageFraction;
  options.leverageDistance = config.data.leverageDistance;
  options.seed = deriveSeed(config.seed, kDataSeedStream);
  return options;
}

MlpOptions mlpOptions(const TrainingConfig& config) {
  MlpOptions model;
  model.hidden = config.network.hidden;
  model.hiddenActivation = config.network.activation;
  model.seed = deriveSeed(config.seed, kModelSeedStream);
  return model;
}

OptimizerOptions optimizerOptions(const OptimizerConfig& optimizer) {
  OptimizerOptions options;
  switch (optimizer.kind) {
    case TrainingOptimizer::Adam:
      options.kind = OptimizerKind::Adam;
      break;
    case TrainingOptimizer::Sgd:
      options.kind = OptimizerKind::Sgd;
      break;
    case TrainingOptimizer::Momentum:
      options.kind = OptimizerKind::Sgd;
      options.sgd.momentum = kMomentum;
      break;
    case TrainingOptimizer::RmsProp:
      options.kind = OptimizerKind::RmsProp;
      break;
  }
  options.setLearningRate(optimizer.learningRate);
  return options;
}

TrainOptions trainOptions(const TrainingConfig& config) {
  TrainOptions options;
  options.epochs = config.epochs;
  options.batchSize = config.optimizer.batchSize;
  options.optimizer = optimizerOptions(config.optimizer);
  options.validationSplit = config.data.validationSplit;
  options.seed = deriveSeed(config.seed, kTrainSeedStream);
  return options;
}

Dataset makeTrainingData(const TrainingConfig& config) {
  const DataConfig& d = config.data;
  if (d.source == DataConfig::Source::Csv) {
    return loadCsvDataset(d.csvPath, d.csvTarget, d.csvFeatures, d.csvClean);
  }
  return makeDataset(datasetOptions(config));
}

namespace {

/// "A:B:C" split at the colons.
std::vector<std::string> colonParts(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (true) {
    const std::size_t colon = text.find(':', begin);
    parts.push_back(text.substr(begin, colon == std::string::npos ? colon : colon - begin));
    if (colon == std::string::npos) {
      return parts;
    }
    begin = colon + 1;
  }
}

double finitePart(const std::string& text, const std::string& what) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    throw Error::usage(what + " needs a finite number, not '" + text + "'");
  }
  return value;
}

double fractionPart(const std::string& text, const std::string& option) {
  const double value = finitePart(text, option + " FRACTION");
  if (!(value >= 0 && value <= 1)) {
    throw Error::usage(option + ": the fraction must be in [0, 1], not " + formatShortest(value));
  }
  return value;
}

}  // namespace

OutlierSpec parseOutlierSpec(const std::string& text) {
  const std::vector<std::string> parts = colonParts(text);
  if (parts.size() > 3) {
    throw Error::usage("--outliers takes FRACTION[:MAGNITUDE[:SIDE]], not '" + text + "'");
  }
  OutlierSpec spec;
  spec.fraction = fractionPart(parts[0], "--outliers");
  if (parts.size() > 1) {
    spec.magnitude = finitePart(parts[1], "--outliers FRACTION:MAGNITUDE");
  }
  if (parts.size() > 2) {
    try {
      spec.side = parseOutlierSide(parts[2]);
    } catch (const Error&) {
      throw Error::usage("--outliers FRACTION:MAGNITUDE:SIDE: the side is both, up or down, not '" +
                         parts[2] + "'");
    }
  }
  return spec;
}

LeverageSpec parseLeverageSpec(const std::string& text) {
  const std::vector<std::string> parts = colonParts(text);
  if (parts.size() > 2) {
    throw Error::usage("--leverage takes FRACTION[:DISTANCE], not '" + text + "'");
  }
  LeverageSpec spec;
  spec.fraction = fractionPart(parts[0], "--leverage");
  if (parts.size() > 1) {
    const double d = finitePart(parts[1], "--leverage FRACTION:DISTANCE");
    if (!(d > 0 && d <= kMaxCliLeverageDistance)) {
      throw Error::usage(
          "--leverage: the distance (in widths of the x range) must be > 0 and at "
          "most " +
          formatShortest(kMaxCliLeverageDistance) + ", not " + formatShortest(d));
    }
    spec.distance = d;
  }
  return spec;
}

std::string trainingSampleProblem(Eigen::Index samples, double split) {
  // splitDataset keeps the first ⌊n (1 − f)⌋ shuffled samples for training.
  if (samples >= 1 && std::floor(static_cast<double>(samples) * (1 - split)) >= 1) {
    return {};
  }
  return "the data set has " + std::to_string(samples) + " sample" + (samples == 1 ? "" : "s") +
         ": with a validation split of " + formatShortest(split) + " none is left for training";
}

}  // namespace losslab
