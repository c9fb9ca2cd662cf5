// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/python_text.h"

#include <cctype>
#include <cmath>

#include "core/io/number_format.h"

namespace losslab::python {

namespace {

/// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  std::size_t length = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
  } else {
    return 0;
  }
  if (i + length > s.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
}

bool isPythonKeyword(const std::string& name) {
  static const std::set<std::string> kKeywords = {
      "False",   "None",     "True",     "and",    "as",   "assert", "async",  "await",
      "break",   "class",    "continue", "def",    "del",  "elif",   "else",   "except",
      "finally", "for",      "from",     "global", "if",   "import", "in",     "is",
      "lambda",  "nonlocal", "not",      "or",     "pass", "raise",  "return", "try",
      "while",   "with",     "yield",    "match",  "case", "type",   "_"};
  return kKeywords.count(name) > 0;
}

/// Names the generated code itself uses; a parameter or temporary never takes one.
const std::set<std::string>& generatedNames() {
  static const std::set<std::string> kNames = {
      "input", "target", "reduction", "y_true",     "y_pred", "r",     "loss",   "torch",
      "F",     "nn",     "ops",       "keras",      "self",   "name",  "kwargs", "config",
      "super", "float",  "math",      "ValueError", "dtype",  "device"};
  return kNames;
}

}  // namespace

/// A Python float literal: "0.5", "2.0", "1e-07", float("inf").
std::string floatLiteral(double v) {
  if (std::isnan(v)) {
    return "float(\"nan\")";
  }
  if (std::isinf(v)) {
    return v > 0 ? "float(\"inf\")" : "float(\"-inf\")";
  }
  std::string text = formatShortest(v);
  if (text.find_first_of(".e") == std::string::npos) {
    text += ".0";
  }
  return text;
}

/// Text that is safe inside a Python comment or string: control characters (a carriage return
/// would end the comment and turn the rest of the line into code) and invalid UTF-8 (a syntax
/// error in Python source) become '?'.
std::string safeText(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8Length(s, i);
      if (length == 0) {
        out += '?';
        ++i;
      } else {
        out.append(s.substr(i, length));
        i += length;
      }
      continue;
    }
    out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
    ++i;
  }
  return out;
}

/// A double-quoted Python string literal.
std::string stringLiteral(std::string_view s) {
  std::string out = "\"";
  for (char c : safeText(s)) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

/// Each line of `text` as a comment line with `prefix`.
std::string commentLines(std::string_view text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    out += prefix + safeText(text.substr(start, end - start)) + "\n";
    start = end + 1;
  }
  return out;
}

/// `text` as comment lines of at most `width` columns, words kept whole ("# " prefix).
std::string commentParagraph(std::string_view text, std::size_t width) {
  const std::string clean = safeText(text);
  std::string out;
  std::string line = "#";
  std::size_t start = 0;
  while (start < clean.size()) {
    std::size_t end = clean.find(' ', start);
    if (end == std::string::npos) {
      end = clean.size();
    }
    const std::string word = clean.substr(start, end - start);
    if (line.size() > 1 && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = "#";
    }
    if (!word.empty()) {
      line += " " + word;
    }
    start = end + 1;
  }
  return out + line + "\n";
}

/// snake_case ASCII identifier from a display name or id: "Huber (δ)" → "huber".
std::string identifier(std::string_view text) {
  std::string out;
  bool afterLower = false;  // camelCase words become snake_case words ("MyHuber" → my_huber)
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80) {
      if (std::isupper(c) && afterLower) {
        out += '_';
      }
      afterLower = std::islower(c) || std::isdigit(c);
      out += static_cast<char>(std::tolower(c));
      continue;
    }
    afterLower = false;
    if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  if (out.empty()) {
    out = "custom";
  }
  if (std::isdigit(static_cast<unsigned char>(out[0]))) {
    out = "loss_" + out;
  }
  return out;
}

/// "huber_loss" → "HuberLoss".
std::string camelCase(const std::string& snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

Names namesFor(std::string_view base, std::string lossName) {
  Names names;
  names.function = identifier(base);
  if (names.function.size() < 4 || names.function.compare(names.function.size() - 4, 4, "loss")) {
    names.function += "_loss";
  }
  names.klass = camelCase(names.function);
  names.factory = "make_" + names.function;
  names.lossName = std::move(lossName);
  return names;
}

/// A unique Python name for `wanted`: a trailing '_' is added while it clashes with a keyword,
/// a generated name or a name already taken.
std::string uniqueName(std::string wanted, std::set<std::string>& taken) {
  while (isPythonKeyword(wanted) || generatedNames().count(wanted) || taken.count(wanted)) {
    wanted += '_';
  }
  taken.insert(wanted);
  return wanted;
}

/// Joins `head(args…)` on one line if it fits in `width` columns after `indent`, else one
/// argument per line (Black's layout).
std::string callText(const std::string& indent,
                     const std::string& head,
                     const std::vector<std::string>& args,
                     std::size_t width) {
  std::string oneLine = head + "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    oneLine += (i ? ", " : "") + args[i];
  }
  oneLine += ")";
  if (indent.size() + oneLine.size() <= width) {
    return oneLine;
  }
  std::string text = head + "(\n";
  for (const std::string& arg : args) {
    text += indent + "    " + arg + ",\n";
  }
  return text + indent + ")";
}
}  // namespace losslab::python
