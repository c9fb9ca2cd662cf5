// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The layout of every 'losslab-cli ... --help', generated from the CLI11 option definitions:
//
//   Usage: losslab-cli eval (--loss ID | --expr FORMULA) [--param NAME=VALUE]... --y-pred FILE
//                           [--json]                     <- synopsis, wrapped under itself
//
//   <details: what the command does>
//
//   Options:
//     --loss ID             <description, word-wrapped to the terminal width of 95 columns>
//
//   <footer: exit status and the like>
//
// In the synopsis a required option is bare, an optional one in [brackets], a repeatable one is
// followed by "...", and two options that exclude each other are alternatives "(A | B)", one of
// which the command requires.

#include <CLI/CLI.hpp>
#include <string>

namespace losslab::cli {

/// Total width of the help text.
inline constexpr std::size_t kHelpWidth = 95;

class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(std::string details = {}) : m_details(std::move(details)) {}

  std::string make_help(const CLI::App* app,
                        std::string name,
                        CLI::AppFormatMode mode) const override;
  std::string make_usage(const CLI::App* app, std::string name) const override;
  std::string make_option_name(const CLI::Option* option, bool positional) const override;
  std::string make_option_opts(const CLI::Option* option) const override;
  std::string make_option_desc(const CLI::Option* option) const override;
  std::string make_subcommand(const CLI::App* sub) const override;

 private:
  std::string m_details;
};

/// False for a flag such as --json (CLI11 gives flags a type size of 1 but expects no value).
inline bool takesValue(const CLI::Option& option) {
  return option.get_expected_max() > 0;
}

/// How an option is written in usage lines and messages: "--loss ID", "--json", "FORMULA".
std::string optionUsage(const CLI::Option& option);

/// `text` word-wrapped to lines of at most `width` characters (explicit line breaks are kept).
std::string wrapText(const std::string& text, std::size_t width);

}  // namespace losslab::cli
