// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_common.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <system_error>

#include "app/cli/cli_json.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"

namespace losslab::cli {

namespace {

std::string helpHint(const std::string& command) {
  return " (see 'losslab-cli " + command + " --help')";
}

}  // namespace

Arguments::Arguments(const std::string& command,
                     const std::vector<std::string>& words,
                     std::initializer_list<OptionSpec> specs)
    : m_command(command) {
  for (const OptionSpec& spec : specs) {
    m_accepted.emplace_back(spec.name);
  }
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& word = words[k];
    if (word == "--help" || word == "-h") {
      m_help = true;
      continue;
    }
    if (word.rfind("--", 0) != 0 || word.size() == 2) {
      throw Error::usage("unexpected argument '" + word + "'" + helpHint(command));
    }
    const std::size_t equals = word.find('=');
    const std::string name = word.substr(0, equals);
    const OptionSpec* spec = nullptr;
    for (const OptionSpec& candidate : specs) {
      if (name == candidate.name) {
        spec = &candidate;
      }
    }
    if (!spec) {
      throw Error::usage("unknown option '" + name + "' for '" + command + "'" + helpHint(command));
    }
    std::string value;
    if (spec->takesValue) {
      if (equals != std::string::npos) {
        value = word.substr(equals + 1);
      } else if (k + 1 < words.size()) {
        value = words[++k];
      } else {
        throw Error::usage("option '" + name + "' needs a value" + helpHint(command));
      }
    } else if (equals != std::string::npos) {
      throw Error::usage("option '" + name + "' takes no value" + helpHint(command));
    }
    auto& list = m_values[name];
    if (!list.empty() && !spec->repeatable) {
      throw Error::usage("option '" + name + "' is given more than once");
    }
    list.push_back(value);
  }
}

bool Arguments::accepts(const std::string& name) const {
  return std::find(m_accepted.begin(), m_accepted.end(), name) != m_accepted.end();
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  auto it = m_values.find(name);
  if (it == m_values.end()) {
    return std::nullopt;
  }
  return it->second.back();
}

std::string Arguments::required(const std::string& name) const {
  auto it = m_values.find(name);
  if (it == m_values.end()) {
    throw Error::usage("'" + m_command + "' needs " + name + helpHint(m_command));
  }
  return it->second.back();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  auto it = m_values.find(name);
  return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

std::optional<double> Arguments::number(const std::string& name) const {
  const std::optional<std::string> text = value(name);
  if (!text) {
    return std::nullopt;
  }
  double result = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, result);
  if (text->empty() || ec != std::errc() || ptr != end || !std::isfinite(result)) {
    throw Error::usage("option '" + name + "' needs a finite number, not '" + *text + "'");
  }
  return result;
}

std::optional<long long> Arguments::count(const std::string& name,
                                          long long min,
                                          long long max) const {
  const std::optional<std::string> text = value(name);
  if (!text) {
    return std::nullopt;
  }
  // Integers, also written as 1e7 (an exact integer value) for convenience.
  double result = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, result);
  if (text->empty() || ec != std::errc() || ptr != end || result != std::floor(result) ||
      result < static_cast<double>(min) || result > static_cast<double>(max)) {
    throw Error::usage("option '" + name + "' needs an integer in [" + std::to_string(min) + ", " +
                       std::to_string(max) + "], not '" + *text + "'");
  }
  return static_cast<long long>(result);
}

std::pair<std::string, std::string> splitAssignment(const std::string& text,
                                                    const std::string& option) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw Error::usage(option + " takes NAME=VALUE, not '" + text + "'");
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

ParamValues parseParams(const std::vector<ParamSpec>& specs,
                        const std::vector<std::string>& assignments,
                        const std::string& owner) {
  ParamValues given;
  for (const std::string& assignment : assignments) {
    const auto [name, text] = splitAssignment(assignment, "--param");
    const auto spec = std::find_if(specs.begin(), specs.end(), [&](const ParamSpec& candidate) {
      return candidate.id == name;
    });
    if (spec == specs.end()) {
      std::string accepted;
      for (const ParamSpec& candidate : specs) {
        accepted += (accepted.empty() ? "" : ", ") + candidate.id;
      }
      throw Error::usage(
          "unknown parameter '" + name + "' for " + owner +
          (accepted.empty() ? " (it has no parameters)" : " (accepted: " + accepted + ")"));
    }
    if (given.count(name)) {
      throw Error::usage("parameter '" + name + "' is given more than once");
    }
    given[name] = spec->parse(text);
  }
  return given;
}

LossPtr makeLoss(const Arguments& args) {
  const bool formula = args.accepts("--expr") && args.has("--expr");
  if (formula && args.has("--loss")) {
    throw Error::usage("give either --loss ID or --expr FORMULA, not both");
  }
  if (formula) {
    // Parse once for the parameter specs (declared ranges, undeclared ones unbounded), then
    // let FormulaLoss::create compile it with the checked values.
    const std::string source = *args.value("--expr");
    const LossInfo info = formulaInfo(formula::parseFormula(source), "custom");
    return FormulaLoss::create(source,
                               parseParams(info.params, args.values("--param"), "the formula"));
  }
  if (!args.has("--loss") && args.accepts("--expr")) {
    throw Error::usage("'" + args.command() + "' needs --loss ID or --expr FORMULA" +
                       helpHint(args.command()));
  }
  const std::string id = args.required("--loss");
  const LossRegistry& registry = LossRegistry::instance();
  const LossRegistry::Entry* entry = registry.find(id);
  if (!entry) {
    return registry.create(id);  // throws: unknown id, with the closest ids
  }
  return registry.create(id,
                         parseParams(entry->info.params, args.values("--param"), "'" + id + "'"));
}

std::string describe(const Loss& loss) {
  std::string text = loss.info().id;
  std::string params;
  for (const ParamSpec& spec : loss.info().params) {
    params += (params.empty() ? "" : ", ") + spec.id + "=" + spec.format(loss.params().at(spec.id));
  }
  return params.empty() ? text : text + " (" + params + ")";
}

void writeFileAtomically(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  if (fs::is_directory(target)) {
    throw Error::usage("cannot write '" + path + "': it is a directory");
  }
  // A unique name beside the target, so that the final rename stays on one file system.
  std::random_device seed;
  const fs::path temporary =
      target.parent_path() /
      (target.filename().string() + ".tmp-" + std::to_string(seed()) + std::to_string(seed()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw Error::usage("cannot write '" + path + "': " + std::generic_category().message(errno));
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      const int error = errno;
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw Error::data("writing '" + path + "' failed: " + std::generic_category().message(error));
    }
  }
  std::error_code ec;
  fs::rename(temporary, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw Error::usage("cannot write '" + path + "': " + ec.message());
  }
}

void checkOutputPath(const std::string& path, const std::string& option) {
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

std::string csvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + '"';
}

std::string csvNumber(double value) {
  if (std::isnan(value)) {
    return "nan";  // not "-nan": every CSV reader takes "nan"
  }
  return formatNumber(value);  // "inf" / "-inf" for infinities
}

void warn(const std::string& message) {
  std::cerr << "losslab-cli: warning: " << message << '\n';
}

}  // namespace losslab::cli
