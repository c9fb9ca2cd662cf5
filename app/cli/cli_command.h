// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One losslab-cli command = one CLI11 subcommand (its options, validators and generated help)
// plus what it does once the command line has been parsed. Options are declared with the
// helpers below, which bind them to plain members of the command and give every value check
// the same wording ("option '--points' needs an integer in [2, 10000000], not '1'").

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace losslab::cli {

class Command {
 public:
  /// Adds the subcommand `name` to `parent`. `summary` is its line in 'losslab-cli --help';
  /// `details` the text of 'losslab-cli NAME --help' between the usage and the options;
  /// `footer` the text after the options.
  Command(CLI::App& parent,
          const std::string& name,
          const std::string& summary,
          const std::string& details,
          const std::string& footer = {});
  virtual ~Command() = default;
  Command(const Command&) = delete;
  Command& operator=(const Command&) = delete;

  CLI::App& app() const { return *m_app; }
  const std::string& name() const { return m_app->get_name(); }

  /// Usage errors CLI11 cannot express, checked right after parsing (before run()): a
  /// single-valued option given twice.
  void checkParsed() const;

  /// Does the work; returns the exit status (0 success, 1 data error). Throws Error.
  virtual int run() = 0;

 protected:
  CLI::App* m_app;
};

// ---- option helpers: each returns the CLI11 option for further settings ----

/// A text value: --name VALUE.
CLI::Option* addText(CLI::App& app,
                     const std::string& name,
                     std::optional<std::string>& target,
                     const std::string& valueName,
                     const std::string& help);
/// A repeatable text value: --name VALUE, given any number of times, in order.
CLI::Option* addList(CLI::App& app,
                     const std::string& name,
                     std::vector<std::string>& target,
                     const std::string& valueName,
                     const std::string& help);
/// A finite number, read exactly (std::from_chars).
CLI::Option* addNumber(CLI::App& app,
                       const std::string& name,
                       std::optional<double>& target,
                       const std::string& valueName,
                       const std::string& help);
/// An integer in [min, max]; "1e7" is accepted for 10000000 (an exact integer value).
CLI::Option* addCount(CLI::App& app,
                      const std::string& name,
                      std::optional<long long>& target,
                      long long min,
                      long long max,
                      const std::string& valueName,
                      const std::string& help);
/// An input file: a regular file, or "-" for standard input (checked when the command line is
/// parsed).
CLI::Option* addInputFile(CLI::App& app,
                          const std::string& name,
                          std::optional<std::string>& target,
                          const std::string& valueName,
                          const std::string& help);
/// An output file: a name whose directory exists and that is not a directory itself.
CLI::Option* addOutputFile(CLI::App& app,
                           const std::string& name,
                           std::optional<std::string>& target,
                           const std::string& valueName,
                           const std::string& help);
/// A flag without a value: --name.
CLI::Option* addFlag(CLI::App& app, const std::string& name, bool& target, const std::string& help);

/// Usage error unless `path` is "-" (standard input) or names a regular file: "cannot open
/// 'PATH': REASON", "cannot read 'PATH': it is a directory", "... it is a pipe, not a regular
/// file".
void checkInputFile(const std::string& path);
/// Usage error unless `path` can become a file: "OPTION 'PATH': the directory 'D' does not exist".
void checkOutputFile(const std::string& path, const std::string& option);

/// Strict number parsing shared by the validators and by values inside other values
/// (--outliers F:M, --hidden 16,32): whole text, finite, no locale.
std::optional<double> parseFinite(const std::string& text);

}  // namespace losslab::cli
