// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPlainTextEdit>

class QCompleter;

namespace losslab::ui {

/// Letters, digits and '_': the characters of a formula identifier.
bool isIdentifierChar(QChar c);

/// The formula text with completion: Qt's custom-completer pattern (the popup takes Enter,
/// Tab and Escape while it is open; typing two identifier characters or Ctrl+Space opens it).
class FormulaTextEdit : public QPlainTextEdit {
 public:
  explicit FormulaTextEdit(QWidget* parent) : QPlainTextEdit(parent) {}

  void setCompleter(QCompleter* completer);

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void focusInEvent(QFocusEvent* event) override;

 private:
  /// The identifier characters immediately left of the cursor.
  QString wordBeforeCursor() const;
  void insertCompletion(const QString& word);

  QCompleter* m_completer = nullptr;
};

}  // namespace losslab::ui
