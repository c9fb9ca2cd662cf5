// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_app.h"

#include <algorithm>
#include <csignal>
#include <iostream>
#include <new>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_help.h"
#include "app/cli/cli_interrupt.h"
#include "core/engine/closest_names.h"
#include "core/engine/error.h"

#ifndef LOSSLAB_VERSION
#define LOSSLAB_VERSION "unknown"
#endif

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Formulas ('losslab-cli derive --help' describes the language) are written with y_pred (p),
y_true (y) and r = p - y, e.g. --expr 'delta = 1 in [0.01, 10]; delta^2*log_cosh(r/delta)'.
)";

constexpr const char* kFooter =
    R"(Limits (files, memory) are stated in each command's help; a request beyond them is refused
before any work starts. Ctrl+C stops a long run cleanly: files being written are abandoned and
the old ones stay.

Exit status: 0 success, 1 data error (file contents, a diverged training run), 2 usage error
(including a formula that does not parse: the message shows the formula with a caret '^'
under the error); a run stopped by Ctrl+C ends as killed by SIGINT (130 in a shell).)";

constexpr int kDataError = 1;
constexpr int kUsageError = 2;
constexpr int kInterrupted = 130;  // 128 + SIGINT, what a shell reports

std::string helpHint(const std::string& command) {
  return " (see 'losslab-cli " + (command.empty() ? "" : command + " ") + "--help')";
}

/// "; did you mean --loss?" for a mistyped option name, or empty.
std::string optionSuggestion(const CLI::App& app, const std::string& name) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const std::string& longName : option->get_lnames()) {
      names.push_back("--" + longName);
    }
  }
  const std::vector<std::string_view> candidates(names.begin(), names.end());
  const std::vector<std::string> closest = closestNames(name, candidates, 1, 2);
  return closest.empty() ? std::string() : "; did you mean " + closest.front() + "?";
}

const CLI::Option* optionNamed(const CLI::App& app, const std::string& name) {
  return app.get_option_no_throw(name);
}

/// CLI11's parse errors in LossLab's words (the options are looked up in `command`).
std::string usageMessage(const CLI::ParseError& error, const Command& command) {
  const std::string what = error.what();
  const CLI::App& app = command.app();
  if (dynamic_cast<const CLI::ValidationError*>(&error)) {
    // "NAME: MESSAGE", and our validators' messages already name the option.
    const std::size_t colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
  }
  if (dynamic_cast<const CLI::ExcludesError*>(&error)) {
    // "A excludes B"
    const std::size_t split = what.find(" excludes ");
    const CLI::Option* a = optionNamed(app, what.substr(0, split));
    const CLI::Option* b =
        split == std::string::npos ? nullptr : optionNamed(app, what.substr(split + 10));
    if (a && b) {
      return "give either " + optionUsage(*a) + " or " + optionUsage(*b) + ", not both";
    }
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error)) {
    for (const CLI::Option* option : app.get_options()) {
      if (option->get_required() && option->count() == 0) {
        return "'" + command.name() + "' needs " + optionUsage(*option) + helpHint(command.name());
      }
    }
  }
  return what + helpHint(command.name());
}

}  // namespace

CliApp::CliApp() : m_app("", "losslab-cli") {
  m_app.formatter(std::make_shared<HelpFormatter>(kDetails));
  m_app.footer(kFooter);
  m_app.set_help_flag("-h,--help",
                      "show this help; 'losslab-cli <command> --help' shows a "
                      "command's options");
  m_app.add_flag("--version", m_versionFlag, "show the version");
  m_app.require_subcommand(0, 1);
  m_commands.push_back(makeListCommand(m_app));
  m_commands.push_back(makeEvalCommand(m_app));
  m_commands.push_back(makeCurveCommand(m_app));
  m_commands.push_back(makeBenchCommand(m_app));
  m_commands.push_back(makeTrainCommand(m_app));
  m_commands.push_back(makeDeriveCommand(m_app));
  m_commands.push_back(makeExportCommand(m_app));
  m_commands.push_back(makeSweepCommand(m_app));
  m_commands.push_back(makeLandscapeCommand(m_app));
}

Command* CliApp::find(const std::string& name) const {
  for (const auto& command : m_commands) {
    if (command->name() == name) {
      return command.get();
    }
  }
  return nullptr;
}

std::string CliApp::help(const Command* command) const {
  return command ? command->app().help("losslab-cli") : m_app.help();
}

std::vector<std::string> CliApp::prepare(const Command& command,
                                         const std::vector<std::string>& words,
                                         bool& help) const {
  const CLI::App& app = command.app();
  const std::string& name = command.name();
  const auto options = app.get_options();
  const bool takesPositional = std::any_of(
      options.begin(), options.end(), [](const CLI::Option* o) { return o->get_positional(); });
  std::vector<std::string> prepared{name};
  std::vector<std::string> positional;
  help = false;
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& word = words[k];
    if (word == "-h" || word == "--help") {
      help = true;
      return {};
    }
    if (word == "--" && takesPositional) {
      // Whatever follows is positional, even "-log(p)" or "--json".
      positional.insert(positional.end(), words.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                        words.end());
      break;
    }
    if (word.size() > 2 && word.rfind("--", 0) == 0) {
      const std::size_t equals = word.find('=');
      const std::string option = word.substr(0, equals);
      const CLI::Option* spec = app.get_option_no_throw(option);
      if (!spec || spec->get_positional()) {
        throw Error::usage("unknown option '" + option + "' for '" + name + "'" +
                           optionSuggestion(app, option) + helpHint(name));
      }
      if (!takesValue(*spec)) {
        if (equals != std::string::npos) {
          throw Error::usage("option '" + option + "' takes no value" + helpHint(name));
        }
        prepared.push_back(word);
      } else if (equals == std::string::npos && k + 1 >= words.size()) {
        throw Error::usage("option '" + option + "' needs a value" + helpHint(name));
      } else {
        // The value is taken whatever it looks like ("--expr -log(p)", "--from -3"): attached
        // with '=' CLI11 never reads it as an option. An empty value stays a separate word
        // (CLI11 reads "--loss=" as "no value yet").
        const std::string value =
            equals != std::string::npos ? word.substr(equals + 1) : words[++k];
        if (value.empty()) {
          prepared.push_back(option);
          prepared.emplace_back();
        } else {
          prepared.push_back(option + "=" + value);
        }
      }
      continue;
    }
    if (!takesPositional) {
      throw Error::usage("unexpected argument '" + word + "'" + helpHint(name));
    }
    positional.push_back(word);  // "-log(p)" too: derive's formula may start with '-'
  }
  if (!positional.empty()) {
    prepared.emplace_back("--");
    prepared.insert(prepared.end(), positional.begin(), positional.end());
  }
  return prepared;
}

CliApp::Request CliApp::parse(const std::vector<std::string>& words) {
  Request request;
  if (words.empty()) {
    request.help = help();
    return request;
  }
  const std::string& first = words.front();
  if (first == "-h" || first == "--help" || first == "help") {
    request.kind = Request::Kind::Help;
    const Command* command = first == "help" && words.size() > 1 ? find(words[1]) : nullptr;
    request.help = help(command);
    return request;
  }
  if (first == "--version") {
    request.kind = Request::Kind::Version;
    request.help = std::string("losslab-cli ") + LOSSLAB_VERSION + "\n";
    return request;
  }
  Command* command = find(first);
  if (!command) {
    std::vector<std::string_view> names;
    for (const auto& candidate : m_commands) {
      names.emplace_back(candidate->name());
    }
    const std::vector<std::string> closest = closestNames(first, names, 1, 2);
    throw Error::usage(
        "unknown command '" + first + "'" +
        (closest.empty() ? std::string() : "; did you mean " + closest.front() + "?") +
        " (expected list, eval, curve, bench, train, derive or export; see 'losslab-cli --help')");
  }
  bool wantsHelp = false;
  std::vector<std::string> arguments =
      prepare(*command, std::vector<std::string>(words.begin() + 1, words.end()), wantsHelp);
  if (wantsHelp) {
    request.kind = Request::Kind::Help;
    request.help = help(command);
    return request;
  }
  std::reverse(arguments.begin(), arguments.end());  // CLI11 takes them last first
  try {
    m_app.parse(arguments);
  } catch (const CLI::ParseError& error) {
    throw Error::usage(usageMessage(error, *command));
  }
  command->checkParsed();
  request.kind = Request::Kind::Run;
  request.command = command;
  return request;
}

namespace {

/// Parses and runs; every error becomes its message and exit status. An interruption sets
/// `signal` so that the caller can end the program the way the signal would have.
int parseAndRun(const std::vector<std::string>& words, int& signal) {
  try {
    CliApp cli;
    const CliApp::Request request = cli.parse(words);
    switch (request.kind) {
      case CliApp::Request::Kind::Nothing:
        std::cerr << request.help;
        return kUsageError;
      case CliApp::Request::Kind::Help:
      case CliApp::Request::Kind::Version:
        std::cout << request.help;
        return 0;
      case CliApp::Request::Kind::Run:
        break;
    }
    return request.command->run();
  } catch (const Interrupted& interrupted) {
    std::cout.flush();
    std::cerr << "losslab-cli: " << interrupted.what()
              << (interrupted.kept().empty()
                      ? std::string(" (files being written were abandoned; the old ones are "
                                    "unchanged)")
                      : ": " + interrupted.kept())
              << '\n';
    signal = interrupted.signal();
    return kInterrupted;
  } catch (const Error& error) {
    std::cerr << "losslab-cli: error: " << error.what() << '\n';
    return error.kind() == Error::Kind::Usage ? kUsageError : kDataError;
  } catch (const std::bad_alloc&) {
    std::cerr << "losslab-cli: error: out of memory\n";
    return kDataError;
  } catch (const std::exception& error) {
    std::cerr << "losslab-cli: error: internal error: " << error.what() << '\n';
    return kDataError;
  }
}

}  // namespace

int runCommandLine(const std::vector<std::string>& words) {
  int signal = 0;
  int status = 0;
  {
    const InterruptScope interrupts;
    status = parseAndRun(words, signal);
  }
  if (signal != 0) {
    // Ended by the signal, as shells expect of an interrupted program (a loop stops); 130 if
    // the signal does not end the process after all.
    std::cout.flush();
    std::cerr.flush();
    std::raise(signal);
  }
  return status;
}

}  // namespace losslab::cli
