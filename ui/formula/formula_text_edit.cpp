// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/formula/formula_text_edit.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBlock>

namespace losslab::ui {

bool isIdentifierChar(QChar c) {
  return c.isLetterOrNumber() || c == QLatin1Char('_');
}

void FormulaTextEdit::setCompleter(QCompleter* completer) {
  m_completer = completer;
  completer->setWidget(this);
  connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
          [this](const QString& word) { insertCompletion(word); });
}

void FormulaTextEdit::keyPressEvent(QKeyEvent* event) {
  QAbstractItemView* popup = m_completer ? m_completer->popup() : nullptr;
  if (popup && popup->isVisible()) {
    switch (event->key()) {
      case Qt::Key_Enter:
      case Qt::Key_Return:
      case Qt::Key_Escape:
      case Qt::Key_Tab:
      case Qt::Key_Backtab:
        event->ignore();  // the completer's event filter handles them
        return;
      default:
        break;
    }
  }
  const bool forced = event->key() == Qt::Key_Space && (event->modifiers() & Qt::ControlModifier);
  if (!forced) {
    QPlainTextEdit::keyPressEvent(event);
  }
  if (!m_completer) {
    return;
  }
  const QString prefix = wordBeforeCursor();
  const bool typedIdentifier = !event->text().isEmpty() && isIdentifierChar(event->text().back());
  if (!forced && (!typedIdentifier || prefix.size() < 2)) {
    popup->hide();
    return;
  }
  if (prefix != m_completer->completionPrefix()) {
    m_completer->setCompletionPrefix(prefix);
    popup->setCurrentIndex(m_completer->completionModel()->index(0, 0));
  }
  if (m_completer->completionCount() == 0) {
    popup->hide();
    return;
  }
  QRect rect = cursorRect();
  rect.setWidth(popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width());
  m_completer->complete(rect);
}

void FormulaTextEdit::focusInEvent(QFocusEvent* event) {
  if (m_completer) {
    m_completer->setWidget(this);
  }
  QPlainTextEdit::focusInEvent(event);
}

QString FormulaTextEdit::wordBeforeCursor() const {
  const QTextCursor cursor = textCursor();
  const QString line = cursor.block().text();
  const int end = cursor.positionInBlock();
  int begin = end;
  while (begin > 0 && isIdentifierChar(line[begin - 1])) {
    --begin;
  }
  return line.mid(begin, end - begin);
}

void FormulaTextEdit::insertCompletion(const QString& word) {
  QTextCursor cursor = textCursor();
  const int typed = static_cast<int>(m_completer->completionPrefix().size());
  cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
  cursor.insertText(word);
  setTextCursor(cursor);
}

}  // namespace losslab::ui
