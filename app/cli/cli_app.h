// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// losslab-cli's command line: one CLI11 application with a subcommand per command, the parse
// (usage errors in LossLab's wording, exit status 2) and the dispatch. Parsing does no I/O
// beyond checking that named files exist, so the fuzz target can call it on any input.

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "app/cli/cli_command.h"

namespace losslab::cli {

class CliApp {
 public:
  CliApp();

  /// What a command line asks for.
  struct Request {
    enum class Kind {
      Run,      // run `command`
      Help,     // print `help` on standard output, exit 0
      Version,  // print the version, exit 0
      Nothing,  // no arguments: print the main help on standard error, exit 2
    };
    Kind kind = Kind::Nothing;
    Command* command = nullptr;
    std::string help;
  };

  /// Parses the arguments (argv without the program name). Usage errors throw Error::usage with
  /// a one-line message that ends by pointing at the command's --help.
  Request parse(const std::vector<std::string>& words);

  /// 'losslab-cli --help', or 'losslab-cli COMMAND --help' for a command.
  std::string help(const Command* command = nullptr) const;

 private:
  Command* find(const std::string& name) const;
  /// CLI11's arguments for `command`: every option value attached to its option ("--expr=-x"),
  /// positional words after "--". Unknown options, missing values and stray words are usage
  /// errors here, in the old wording; an empty result with `help` set means -h/--help was given.
  std::vector<std::string> prepare(const Command& command,
                                   const std::vector<std::string>& words,
                                   bool& help) const;

  CLI::App m_app;
  bool m_versionFlag = false;  // --version is answered before CLI11 parses; listed in the help
  std::vector<std::unique_ptr<Command>> m_commands;
};

/// Runs losslab-cli: parses, runs the command, prints errors ("losslab-cli: error: ..." on
/// standard error) and returns the exit status: 0 success, 1 data error, 2 usage error.
int runCommandLine(const std::vector<std::string>& words);

}  // namespace losslab::cli
