// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_command.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "app/cli/cli_help.h"
#include "core/engine/error.h"
#include "core/io/text_input.h"

namespace losslab::cli {

namespace {

/// CLI11 reports a validator's message as "NAME: MESSAGE"; ours are whole sentences that name
/// the option themselves, and cli_app.cpp drops CLI11's prefix (see usageMessage()).
CLI::Validator validator(std::function<std::string(const std::string&)> check) {
  return CLI::Validator([check = std::move(check)](std::string& value) { return check(value); },
                        "");
}

CLI::Option* single(CLI::Option* option, const std::string& valueName) {
  // Given twice is a usage error (Command::checkParsed), not "the last one wins".
  return option->type_name(valueName)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

std::optional<long long> parseCount(const std::string& text, long long min, long long max) {
  // Integers, also written as 1e7 (an exact integer value) for convenience.
  const std::optional<double> value = parseFinite(text);
  if (!value || *value != std::floor(*value) || *value < static_cast<double>(min) ||
      *value > static_cast<double>(max)) {
    return std::nullopt;
  }
  return static_cast<long long>(*value);
}

}  // namespace

Command::Command(CLI::App& parent,
                 const std::string& name,
                 const std::string& summary,
                 const std::string& details,
                 const std::string& footer)
    : m_app(parent.add_subcommand(name, summary)) {
  m_app->formatter(std::make_shared<HelpFormatter>(details));
  m_app->footer(footer);
  m_app->group("Commands");
  m_app->set_help_flag("-h,--help", "show this help");
}

void Command::checkParsed() const {
  for (const CLI::Option* option : m_app->get_options()) {
    if (option->get_multi_option_policy() != CLI::MultiOptionPolicy::TakeAll &&
        option->count() > 1) {
      throw Error::usage("option '" + option->get_name() + "' is given more than once");
    }
  }
}

std::optional<double> parseFinite(const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

CLI::Option* addText(CLI::App& app,
                     const std::string& name,
                     std::optional<std::string>& target,
                     const std::string& valueName,
                     const std::string& help) {
  return single(app.add_option_function<std::string>(
                    name, [&target](const std::string& value) { target = value; }, help),
                valueName);
}

CLI::Option* addList(CLI::App& app,
                     const std::string& name,
                     std::vector<std::string>& target,
                     const std::string& valueName,
                     const std::string& help) {
  return app.add_option(name, target, help)
      ->type_name(valueName)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::Option* addNumber(CLI::App& app,
                       const std::string& name,
                       std::optional<double>& target,
                       const std::string& valueName,
                       const std::string& help) {
  return single(
             app.add_option_function<std::string>(
                 name, [&target](const std::string& value) { target = parseFinite(value); }, help),
             valueName)
      ->check(validator([name](const std::string& value) -> std::string {
        if (parseFinite(value)) {
          return {};
        }
        return "option '" + name + "' needs a finite number, not '" + value + "'";
      }));
}

CLI::Option* addCount(CLI::App& app,
                      const std::string& name,
                      std::optional<long long>& target,
                      long long min,
                      long long max,
                      const std::string& valueName,
                      const std::string& help) {
  return single(app.add_option_function<std::string>(
                    name,
                    [&target, min, max](const std::string& value) {
                      target = parseCount(value, min, max);
                    },
                    help),
                valueName)
      ->check(validator([name, min, max](const std::string& value) -> std::string {
        if (parseCount(value, min, max)) {
          return {};
        }
        return "option '" + name + "' needs an integer in [" + std::to_string(min) + ", " +
               std::to_string(max) + "], not '" + value + "'";
      }));
}

CLI::Option* addInputFile(CLI::App& app,
                          const std::string& name,
                          std::optional<std::string>& target,
                          const std::string& valueName,
                          const std::string& help) {
  return addText(app, name, target, valueName, help)
      ->check(validator([](const std::string& path) -> std::string {
        try {
          checkInputFile(path);
        } catch (const Error& error) {
          return error.what();
        }
        return {};
      }));
}

CLI::Option* addOutputFile(CLI::App& app,
                           const std::string& name,
                           std::optional<std::string>& target,
                           const std::string& valueName,
                           const std::string& help) {
  return addText(app, name, target, valueName, help)
      ->check(validator([name](const std::string& path) -> std::string {
        try {
          checkOutputFile(path, name);
        } catch (const Error& error) {
          return error.what();
        }
        return {};
      }));
}

CLI::Option* addFlag(CLI::App& app,
                     const std::string& name,
                     bool& target,
                     const std::string& help) {
  return app.add_flag(name, target, help)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

void checkInputFile(const std::string& path) {
  checkInputPath(path);
}

void checkOutputFile(const std::string& path, const std::string& option) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (path.empty() || fs::is_directory(target, ec)) {
    throw Error::usage(option + " '" + path + "' is a directory, not a file name");
  }
  const fs::path parent = target.parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    throw Error::usage(option + " '" + path + "': the directory '" + parent.string() +
                       "' does not exist");
  }
}

}  // namespace losslab::cli
