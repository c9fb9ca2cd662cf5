// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/formula/formula_highlighter.h"

#include "ui/common/theme.h"

#include <QGuiApplication>
#include <QTextDocument>

#include "core/formula/formula_expr.h"

namespace losslab::ui {

namespace {

using Role = FormulaHighlighter::Role;

struct RoleColours {
  QColor function, variable, constant, parameter, number, keyword, comment;
};

// WCAG contrast ratios against the theme's Base / Window colours (theme.cpp), computed with
// the WCAG 2 relative-luminance formula: light set on #ffffff / #f4f5f7 between 4.7 and 7.2,
// dark set on #1e1f22 / #26282c between 5.5 and 11.
const RoleColours kLight{QColor(0x0b, 0x5c, 0xad), QColor(0x8a, 0x2a, 0x9e),
                         QColor(0x00, 0x70, 0x7a), QColor(0xa0, 0x41, 0x0d),
                         QColor(0x1a, 0x7f, 0x37), QColor(0xb4, 0x00, 0x5a),
                         QColor(0x5f, 0x66, 0x70)};
const RoleColours kDark{QColor(0x79, 0xb8, 0xff), QColor(0xd2, 0xa8, 0xff),
                        QColor(0x56, 0xd4, 0xdd), QColor(0xff, 0xab, 0x70),
                        QColor(0x85, 0xe8, 0x9d), QColor(0xf9, 0x75, 0x83),
                        QColor(0x9a, 0xa3, 0xad)};

bool isIdentifierStart(QChar c) {
  return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentifierPart(QChar c) {
  return c.isLetterOrNumber() || c == QLatin1Char('_');
}

/// Length of the number starting at `i` (digits, '.', exponent), as the parser's from_chars
/// reads it.
int numberLength(const QString& text, int i) {
  int j = i;
  while (j < text.size() && (text[j].isDigit() || text[j] == QLatin1Char('.'))) {
    ++j;
  }
  if (j < text.size() && (text[j] == QLatin1Char('e') || text[j] == QLatin1Char('E'))) {
    int k = j + 1;
    if (k < text.size() && (text[k] == QLatin1Char('+') || text[k] == QLatin1Char('-'))) {
      ++k;
    }
    if (k < text.size() && text[k].isDigit()) {
      while (k < text.size() && text[k].isDigit()) {
        ++k;
      }
      j = k;
    }
  }
  return j - i;
}

/// The next non-space character after `i`, or a null QChar.
QChar nextNonSpace(const QString& text, int i) {
  while (i < text.size() && text[i].isSpace()) {
    ++i;
  }
  return i < text.size() ? text[i] : QChar();
}

}  // namespace

FormulaHighlighter::FormulaHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
  for (const std::string& name : formula::functionNames()) {
    m_functions.insert(QString::fromStdString(name));
  }
  setPalette(QGuiApplication::palette());
}

void FormulaHighlighter::setPalette(const QPalette& palette) {
  const RoleColours& colours = isDarkPalette(palette) ? kDark : kLight;
  auto set = [this](Role role, const QColor& colour, bool bold = false, bool italic = false) {
    QTextCharFormat format;
    format.setForeground(colour);
    if (bold) {
      format.setFontWeight(QFont::Bold);
    }
    format.setFontItalic(italic);
    m_formats[static_cast<int>(role)] = format;
  };
  set(Role::Function, colours.function);
  set(Role::Variable, colours.variable);
  set(Role::Constant, colours.constant);
  set(Role::Parameter, colours.parameter, true);  // sliders: make them stand out
  set(Role::Number, colours.number);
  set(Role::Operator, palette.color(QPalette::Text));
  set(Role::Keyword, colours.keyword, true);
  set(Role::Comment, colours.comment, false, true);
  rehighlight();
}

QTextCharFormat FormulaHighlighter::format(Role role) const {
  return m_formats[static_cast<int>(role)];
}

void FormulaHighlighter::highlightBlock(const QString& text) {
  // One line of the formula at a time: the language has no multi-line tokens (a comment ends
  // at the line's end), so no block state is needed.
  int i = 0;
  while (i < text.size()) {
    const QChar c = text[i];
    if (c == QLatin1Char('#')) {
      setFormat(i, static_cast<int>(text.size()) - i, format(Role::Comment));
      return;
    }
    if (c.isDigit() || (c == QLatin1Char('.') && i + 1 < text.size() && text[i + 1].isDigit())) {
      const int length = numberLength(text, i);
      setFormat(i, length, format(Role::Number));
      i += length;
      continue;
    }
    if (isIdentifierStart(c)) {
      int j = i + 1;
      while (j < text.size() && isIdentifierPart(text[j])) {
        ++j;
      }
      const QString word = text.mid(i, j - i);
      const bool call = nextNonSpace(text, j) == QLatin1Char('(');
      Role role = Role::Parameter;
      if (word == QLatin1String("where") || word == QLatin1String("and") ||
          word == QLatin1String("or") || word == QLatin1String("not") ||
          word == QLatin1String("in") || word == QLatin1String("linear") ||
          word == QLatin1String("inf") || (word == QLatin1String("log") && !call)) {
        role = Role::Keyword;  // `log` after a declaration's range is the scale keyword
      } else if (m_functions.contains(word)) {
        role = Role::Function;
      } else if (word == QLatin1String("y_true") || word == QLatin1String("y_pred") ||
                 word == QLatin1String("y") || word == QLatin1String("p") ||
                 word == QLatin1String("r")) {
        role = Role::Variable;
      } else if (word == QLatin1String("pi") || word == QLatin1String("e") ||
                 word == QLatin1String("eps")) {
        role = Role::Constant;
      }
      setFormat(i, j - i, format(role));
      i = j;
      continue;
    }
    if (QStringLiteral("+-*/^<>=!,()[];").contains(c)) {
      setFormat(i, 1, format(Role::Operator));
    }
    ++i;
  }
}

}  // namespace losslab::ui
