// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPalette>
#include <QSet>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace losslab::ui {

/// Syntax colours for the formula language: functions, variables (y_true y_pred y p r),
/// constants (pi e eps), parameters (any other name), numbers, operators, keywords (and or not
/// where in log/linear in declarations) and # comments.
///
/// The colours are chosen for the palette's base colour: a light and a dark set, each at least
/// 4.5:1 against its background (WCAG AA for body text). Call setPalette() when the palette
/// changes (QEvent::PaletteChange) and the document is re-highlighted.
class FormulaHighlighter : public QSyntaxHighlighter {
  Q_OBJECT

 public:
  /// What a stretch of formula text is; also the test's view of the colouring.
  enum class Role { Function, Variable, Constant, Parameter, Number, Operator, Keyword, Comment };

  explicit FormulaHighlighter(QTextDocument* document);

  void setPalette(const QPalette& palette);
  /// The format used for `role` with the current palette.
  QTextCharFormat format(Role role) const;

 protected:
  void highlightBlock(const QString& text) override;

 private:
  QTextCharFormat m_formats[8];
  QSet<QString> m_functions;
};

}  // namespace losslab::ui
