// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The commands of losslab-cli, one file each (cli_<name>.cpp). Each factory adds its CLI11
// subcommand to `parent` and returns the object that runs it.

#include <memory>

#include "app/cli/cli_command.h"

namespace losslab::cli {

std::unique_ptr<Command> makeListCommand(CLI::App& parent);
std::unique_ptr<Command> makeEvalCommand(CLI::App& parent);
std::unique_ptr<Command> makeCurveCommand(CLI::App& parent);
std::unique_ptr<Command> makeBenchCommand(CLI::App& parent);
std::unique_ptr<Command> makeTrainCommand(CLI::App& parent);
std::unique_ptr<Command> makeDeriveCommand(CLI::App& parent);
std::unique_ptr<Command> makeExportCommand(CLI::App& parent);
std::unique_ptr<Command> makeSweepCommand(CLI::App& parent);
std::unique_ptr<Command> makeLandscapeCommand(CLI::App& parent);

}  // namespace losslab::cli
