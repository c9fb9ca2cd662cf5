// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli_common.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <system_error>

#include "error.h"
#include "loss_registry.h"

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

LossPtr makeLoss(const Arguments& args) {
  const std::string id = args.required("--loss");
  const LossRegistry& registry = LossRegistry::instance();
  const LossRegistry::Entry* entry = registry.find(id);
  if (!entry) {
    return registry.create(id);  // throws: unknown id, with the closest ids
  }
  ParamValues given;
  for (const std::string& assignment : args.values("--param")) {
    const auto [name, text] = splitAssignment(assignment, "--param");
    const ParamSpec* spec = nullptr;
    for (const ParamSpec& candidate : entry->info.params) {
      if (candidate.id == name) {
        spec = &candidate;
      }
    }
    if (!spec) {
      std::string accepted;
      for (const ParamSpec& candidate : entry->info.params) {
        accepted += (accepted.empty() ? "" : ", ") + candidate.id;
      }
      throw Error::usage(
          "unknown parameter '" + name + "' for '" + id + "'" +
          (accepted.empty() ? " (it has no parameters)" : " (accepted: " + accepted + ")"));
    }
    if (given.count(name)) {
      throw Error::usage("parameter '" + name + "' is given more than once");
    }
    given[name] = spec->parse(text);
  }
  return registry.create(id, given);
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

void warn(const std::string& message) {
  std::cerr << "losslab-cli: warning: " << message << '\n';
}

}  // namespace losslab::cli
