// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/train_command.h"

#include <algorithm>

#include "core/engine/loss_registry.h"
#include "core/io/number_format.h"

namespace losslab {

namespace {

/// A parameter value as --param takes it back: true/false and choice labels by the loss's
/// specs, every other number shortest round trip.
std::string paramText(const LossChoice& loss, const std::string& name, double value) {
  if (!isCustomLossId(loss.id)) {
    if (const LossRegistry::Entry* entry = LossRegistry::instance().find(loss.id)) {
      for (const ParamSpec& spec : entry->info.params) {
        if (spec.id == name && spec.kind != ParamSpec::Kind::Real &&
            spec.kind != ParamSpec::Kind::Integer) {
          return spec.format(value);
        }
      }
    }
  }
  return formatShortest(value);
}

/// A CSV path the CLI reads as a file: a bare generator name ("linear") would mean the
/// generator, so it gets "./" in front.
std::string csvPathArgument(const std::string& path) {
  for (const char* name :
       {"seed-sum", "seed_sum", "linear", "sine", "cubic", "step", "heteroscedastic"}) {
    if (path == name) {
      return "./" + path;
    }
  }
  return path;
}

}  // namespace

std::vector<std::string> trainArguments(const TrainingConfig& c, const LossChoice& loss) {
  std::vector<std::string> args{"train"};
  const DataConfig& d = c.data;
  if (d.source == DataConfig::Source::Csv) {
    args.insert(args.end(), {"--dataset", csvPathArgument(d.csvPath)});
    if (!d.csvTarget.empty()) {
      args.insert(args.end(), {"--target", d.csvTarget});
    }
    if (!d.csvClean.empty()) {
      args.insert(args.end(), {"--clean-column", d.csvClean});
    }
    if (!d.csvFeatures.empty()) {
      std::string features;
      for (const std::string& feature : d.csvFeatures) {
        features += (features.empty() ? "" : ",") + feature;
      }
      args.insert(args.end(), {"--features", features});
    }
  } else {
    args.insert(
        args.end(),
        {"--dataset", datasetName(d.generator), "--samples", std::to_string(d.samples), "--noise",
         formatShortest(d.noise), "--outliers",
         formatShortest(d.outlierFraction) + ":" + formatShortest(d.outlierMagnitude) +
             (d.outlierSide == OutlierSide::Both ? "" : ":" + outlierSideName(d.outlierSide))});
    if (d.leverageFraction > 0) {
      args.insert(args.end(), {"--leverage", formatShortest(d.leverageFraction) + ":" +
                                                 formatShortest(d.leverageDistance)});
    }
  }
  if (isCustomLossId(loss.id)) {
    args.insert(args.end(), {"--expr", loss.formula});
  } else {
    args.insert(args.end(), {"--loss", loss.id});
  }
  for (const auto& [name, value] : loss.params) {
    args.insert(args.end(), {"--param", name + "=" + paramText(loss, name, value)});
  }
  std::string widths;
  for (Eigen::Index width : c.network.hidden) {
    widths += (widths.empty() ? "" : ",") + std::to_string(width);
  }
  args.insert(
      args.end(),
      {"--optimizer", trainingOptimizerName(c.optimizer.kind), "--lr",
       formatShortest(c.optimizer.learningRate), "--batch", std::to_string(c.optimizer.batchSize),
       "--epochs", std::to_string(c.epochs), "--hidden", widths.empty() ? "none" : widths,
       "--activation", activationName(c.network.activation), "--seed", std::to_string(c.seed),
       "--val-split", formatShortest(d.validationSplit)});
  return args;
}

std::string shellQuote(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           std::string_view("_@%+=:,./-").find(ch) != std::string_view::npos;
  });
  if (plain) {
    return word;
  }
  std::string quoted = "'";
  for (char ch : word) {
    quoted += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  }
  return quoted + "'";
}

std::string trainCommandLines(const TrainingConfig& config) {
  std::string lines;
  for (const LossChoice& loss : config.trainedLosses()) {
    std::string line = "losslab-cli";
    for (const std::string& arg : trainArguments(config, loss)) {
      line += ' ' + shellQuote(arg);
    }
    lines += (lines.empty() ? "" : "\n") + line;
  }
  return lines;
}

}  // namespace losslab
