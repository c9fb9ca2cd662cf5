// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_help.h"

#include <algorithm>
#include <sstream>
#include <vector>

namespace losslab::cli {

namespace {

bool isHelp(const CLI::App& app, const CLI::Option* option) {
  return option == app.get_help_ptr() || option == app.get_help_all_ptr();
}

/// One synopsis item per option (alternatives merged), in the order they were declared.
std::vector<std::string> synopsisItems(const CLI::App& app) {
  std::vector<std::string> items;
  std::vector<const CLI::Option*> done;
  for (const CLI::Option* option : app.get_options()) {
    if (isHelp(app, option) || std::find(done.begin(), done.end(), option) != done.end()) {
      continue;
    }
    done.push_back(option);
    std::string text = optionUsage(*option);
    if (option->get_positional()) {
      items.push_back(option->get_required() ? text : "[" + text + "]");
    } else if (!option->get_excludes().empty()) {
      for (const CLI::Option* other : option->get_excludes()) {
        text += " | " + optionUsage(*other);
        done.push_back(other);
      }
      items.push_back("(" + text + ")");
    } else if (option->get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll) {
      items.push_back("[" + text + "]...");
    } else if (option->get_required()) {
      items.push_back(text);
    } else {
      items.push_back("[" + text + "]");
    }
  }
  return items;
}

/// The width of the option column: the longest "  --name VALUE" plus two spaces.
std::size_t columnWidth(const CLI::App& app, const HelpFormatter& formatter) {
  std::size_t width = 0;
  for (const CLI::Option* option : app.get_options()) {
    const std::string name = formatter.make_option_name(option, option->get_positional()) +
                             formatter.make_option_opts(option);
    width = std::max(width, name.size());
  }
  for (const CLI::App* sub : app.get_subcommands({})) {
    width = std::max(width, sub->get_name().size());
  }
  return width + 4;  // two spaces of indentation, two before the description
}

}  // namespace

std::string optionUsage(const CLI::Option& option) {
  if (option.get_positional()) {
    return option.get_name(true, false);
  }
  std::string text = option.get_name(false, false);
  if (takesValue(option)) {
    text += " " + option.get_type_name();
  }
  return text;
}

std::string wrapText(const std::string& text, std::size_t width) {
  std::string out;
  std::istringstream lines(text);
  std::string line;
  bool firstLine = true;
  while (std::getline(lines, line)) {
    if (!firstLine) {
      out += '\n';
    }
    firstLine = false;
    std::size_t lineLength = 0;
    std::istringstream words(line);
    std::string word;
    while (words >> word) {
      if (lineLength > 0 && lineLength + 1 + word.size() > width) {
        out += '\n';
        lineLength = 0;
      } else if (lineLength > 0) {
        out += ' ';
        ++lineLength;
      }
      out += word;
      lineLength += word.size();
    }
  }
  return out;
}

std::string HelpFormatter::make_help(const CLI::App* app,
                                     std::string name,
                                     CLI::AppFormatMode mode) const {
  HelpFormatter sized(*this);
  sized.column_width(columnWidth(*app, *this));
  std::string out = sized.make_usage(app, name);
  out += sized.make_subcommands(app, mode);
  if (!m_details.empty()) {
    out += "\n" + m_details;
    if (m_details.back() != '\n') {
      out += '\n';
    }
  }
  out += sized.make_positionals(app);
  out += sized.make_groups(app, mode);
  if (!app->get_footer().empty()) {
    out += "\n" + app->get_footer();
    if (out.back() != '\n') {
      out += '\n';
    }
  }
  return out;
}

std::string HelpFormatter::make_usage(const CLI::App* app, std::string name) const {
  if (!app->get_subcommands({}).empty()) {
    return "Usage: " + name + " <command> [options]\n";
  }
  const std::string prefix = "Usage: " + name + " ";
  std::string out = prefix;
  std::size_t lineLength = prefix.size();
  bool first = true;
  for (const std::string& item : synopsisItems(*app)) {
    if (!first && lineLength + 1 + item.size() > kHelpWidth) {
      out += "\n" + std::string(prefix.size(), ' ');
      lineLength = prefix.size();
    } else if (!first) {
      out += ' ';
      ++lineLength;
    }
    out += item;
    lineLength += item.size();
    first = false;
  }
  return out + '\n';
}

std::string HelpFormatter::make_option_name(const CLI::Option* option, bool positional) const {
  if (positional) {
    return option->get_name(true, false);
  }
  std::string names;
  for (const std::string& shortName : option->get_snames()) {
    names += "-" + shortName + ", ";
  }
  for (const std::string& longName : option->get_lnames()) {
    names += "--" + longName + ", ";
  }
  return names.substr(0, names.size() - 2);
}

std::string HelpFormatter::make_option_opts(const CLI::Option* option) const {
  if (option->get_positional() || !takesValue(*option)) {
    return {};
  }
  return " " + option->get_type_name();
}

std::string HelpFormatter::make_option_desc(const CLI::Option* option) const {
  return wrapText(option->get_description(), kHelpWidth - get_column_width());
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
  std::stringstream out;
  CLI::detail::format_help(out, sub->get_name(),
                           wrapText(sub->get_description(), kHelpWidth - get_column_width()),
                           get_column_width());
  return out.str();
}

}  // namespace losslab::cli
