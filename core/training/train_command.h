// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/training/training_config.h"

namespace losslab {

/// The `losslab-cli train` arguments (after the program name, starting with "train") that train
/// `loss` on `config`'s data, network, optimizer, seed and epochs, so that the CLI prints the
/// numbers the Training tab shows. Made from the configuration only: a custom loss becomes
/// --expr with the formula it carries, a CSV's columns are named as the configuration names
/// them (csv_dataset.h), every number is written shortest round trip.
std::vector<std::string> trainArguments(const TrainingConfig& config, const LossChoice& loss);

/// POSIX shell quoting: a plain word stays, anything else goes in single quotes.
std::string shellQuote(const std::string& word);

/// One `losslab-cli train …` command line per trained loss (config.trainedLosses()), quoted for
/// a POSIX shell, joined by newlines.
std::string trainCommandLines(const TrainingConfig& config);

}  // namespace losslab
