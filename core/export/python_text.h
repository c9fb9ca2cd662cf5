// SPDX-License-Identifier: GPL-3.0-or-later
// Python source text: literals that read back exactly, comments and strings that cannot be
// turned into code, identifiers that clash with nothing, Black-style call layout.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace losslab::python {

/// A Python float literal that reads back as exactly `v`: "0.5", "2.0", "1e-07",
/// float("inf"), float("nan").
std::string floatLiteral(double v);

/// Text that is safe inside a Python comment or string: control characters (a carriage return
/// would end a comment and turn the rest of the line into code) and invalid UTF-8 (a syntax
/// error in Python source) become '?'.
std::string safeText(std::string_view s);

/// A double-quoted Python string literal.
std::string stringLiteral(std::string_view s);

/// Each line of `text` as a comment line with `prefix` ("#   ").
std::string commentLines(std::string_view text, const std::string& prefix);

/// `text` as comment lines of at most `width` columns, words kept whole ("# " prefix).
std::string commentParagraph(std::string_view text, std::size_t width = 99);

/// snake_case ASCII identifier from a display name or id: "Huber (δ)" → "huber".
std::string identifier(std::string_view text);

/// "huber_loss" → "HuberLoss".
std::string camelCase(const std::string& snake);

/// A unique Python name for `wanted`: a trailing '_' is added while it clashes with a keyword,
/// a name the generated code uses or a name already taken (which then includes it).
std::string uniqueName(std::string wanted, std::set<std::string>& taken);

/// `head(args…)` on one line if it fits in `width` columns after `indent`, else one argument
/// per line (Black's layout).
std::string callText(const std::string& indent,
                     const std::string& head,
                     const std::vector<std::string>& args,
                     std::size_t width = 99);

/// Names of a generated module: functional form, class, Keras closure factory, loss name.
struct Names {
  std::string function;  // huber_loss
  std::string klass;     // HuberLoss
  std::string factory;   // make_huber_loss
  std::string lossName;  // the Keras `name` default, as the user knows the loss
};

/// The names for a loss called `base` ("huber" → huber_loss, HuberLoss, make_huber_loss).
Names namesFor(std::string_view base, std::string lossName);

}  // namespace losslab::python
