// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/formula/formula_editor.h"
#include "ui/common/theme.h"

#include <QEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QTimer>
#include <cmath>

#include "core/formula/formula_expr.h"
#include "core/formula/formula_loss.h"
#include "ui/common/code_export_dialog.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/formula/formula_highlighter.h"
#include "ui/formula/formula_templates.h"
#include "ui/formula/formula_text_edit.h"

namespace losslab::ui {

namespace {

/// The parser counts UTF-8 bytes; the editor counts UTF-16 characters.
int characterIndex(const QByteArray& utf8, std::size_t bytePosition) {
  const qsizetype clamped = std::min<qsizetype>(static_cast<qsizetype>(bytePosition), utf8.size());
  return static_cast<int>(QString::fromUtf8(utf8.left(clamped)).size());
}

/// "message (at character N)", the line of `position` and a caret under it — the parser's
/// layout, counted in characters so the caret also lines up after non-ASCII text.
QString caretMessage(const QString& message, const QString& source, int position) {
  const int lineStart =
      position > 0 ? static_cast<int>(source.lastIndexOf(QLatin1Char('\n'), position - 1)) + 1 : 0;
  int lineEnd = static_cast<int>(source.indexOf(QLatin1Char('\n'), lineStart));
  if (lineEnd < 0) {
    lineEnd = static_cast<int>(source.size());
  }
  QString line = source.mid(lineStart, lineEnd - lineStart);
  line.replace(QLatin1Char('\t'), QLatin1Char(' '));
  const int column = std::max(0, position - lineStart);
  return FormulaEditor::tr("%1 (at character %2)").arg(message).arg(position + 1) +
         QLatin1Char('\n') + line + QLatin1Char('\n') + QString(column, QLatin1Char(' ')) +
         QLatin1Char('^');
}

QString numberText(double value) {
  return QString::number(value, 'g', 12);
}

}  // namespace

FormulaEditor::FormulaEditor(QWidget* parent, CustomLossLibrary* library)
    : QWidget(parent), m_library(library ? library : &CustomLossLibrary::instance()) {
  buildUi();
  connect(m_library, &CustomLossLibrary::changed, this, [this] {
    refreshLibraryCombo();
    updateButtons();
  });
  // A library write that failed keeps the entries in memory; say so where the user saved.
  connect(m_library, &CustomLossLibrary::storeFailed, this,
          [this](const QString& message) { showStatus(message, true); });
  refreshLibraryCombo();
  validateNow();
  if (!m_library->loadProblem().isEmpty()) {
    showStatus(m_library->loadProblem(), true);
  }
}

FormulaEditor::~FormulaEditor() = default;

void FormulaEditor::setFormula(const QString& source) {
  // Through a cursor rather than setPlainText: the replacement is one step on the undo stack.
  QTextCursor cursor(m_edit->document());
  cursor.beginEditBlock();
  cursor.select(QTextCursor::Document);
  cursor.insertText(source);
  cursor.endEditBlock();
  validateNow();
}

QString FormulaEditor::formula() const {
  return m_edit->toPlainText();
}

void FormulaEditor::setLossName(const QString& name) {
  m_name->setText(name);
  m_nameTyped = true;
  updateButtons();
}

QString FormulaEditor::lossName() const {
  return m_name->text().trimmed();
}

void FormulaEditor::scheduleValidation() {
  m_validationTimer->start();  // restarts: validation runs once typing pauses
}

void FormulaEditor::validateNow() {
  m_validationTimer->stop();
  const QString source = formula();
  m_parsed.reset();
  if (source.trimmed().isEmpty()) {
    m_errorPosition = -1;
    m_message = tr("Type a formula, e.g. square(r) or start from a template.");
    m_edit->setExtraSelections({});
    setErrorText(m_message);
  } else {
    const QByteArray utf8 = source.toUtf8();
    try {
      m_parsed =
          formula::parseFormula(std::string_view(utf8.constData(), utf8.size()), inputNameList());
      m_message.clear();
      m_errorPosition = -1;
      m_edit->setExtraSelections({});
      setErrorText(QString());
    } catch (const formula::FormulaError& error) {
      const int position = characterIndex(utf8, error.position());
      QString message = QString::fromStdString(error.message());
      if (position < source.size() && source[position].unicode() > 0x7f) {
        // The parser reports the first byte of a multi-byte character; name the character.
        message = tr("unexpected character '%1' (formulas use ASCII names, e.g. delta for δ)")
                      .arg(source[position]);
      }
      showError(caretMessage(message, source, position), position);
    } catch (const Error& error) {
      showError(QString::fromStdString(error.what()), -1);
    }
  }
  const bool ok = m_parsed.has_value();
  // While the text does not parse the rows keep their place (no jumping layout while typing)
  // and show a dash: an earlier formula's derivatives would be misleading.
  const QString none = QStringLiteral("—");
  m_valueLabel->setText(ok ? valueText() : none);
  m_d1Label->setText(ok ? derivativeText() : none);
  m_d2Label->setText(ok ? secondDerivativeText() : none);
  m_paramsLabel->setText(ok ? parametersText() : none);
  m_derived->setEnabled(ok);
  m_aggregateNote->setVisible(ok && m_parsed->aggregate);
  refreshInputList();
  updateCompletionWords();
  updateButtons();
  applyColours();
}

void FormulaEditor::setErrorText(const QString& message) {
  const qsizetype lineBreak = message.indexOf(QLatin1Char('\n'));
  m_errorLabel->setText(lineBreak < 0 ? message : message.left(lineBreak));
  m_caretLabel->setText(lineBreak < 0 ? QString() : message.mid(lineBreak + 1));
  m_errorLabel->setVisible(!message.isEmpty());
  m_caretLabel->setVisible(lineBreak >= 0);
  m_errorLabel->setToolTip(message);
  m_caretLabel->setToolTip(message);
}

void FormulaEditor::showError(const QString& message, int position) {
  m_message = message;
  m_errorPosition = position;
  setErrorText(message);
  QList<QTextEdit::ExtraSelection> selections;
  const QString source = formula();
  if (position >= 0 && !source.isEmpty()) {
    // Underline the token that starts at the error (at least one character). At the end of
    // the text, or on a line break, underline the character before it: there is nothing else
    // to draw under.
    int start = std::min(position, static_cast<int>(source.size()));
    if (start == source.size() || source[start] == QLatin1Char('\n')) {
      start = std::max(0, start - 1);
    }
    int end = start + 1;
    while (end < source.size() && isIdentifierChar(source[start]) &&
           isIdentifierChar(source[end])) {
      ++end;
    }
    QTextEdit::ExtraSelection selection;
    selection.cursor = QTextCursor(m_edit->document());
    selection.cursor.setPosition(start);
    selection.cursor.setPosition(end, QTextCursor::KeepAnchor);
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(errorColor(palette()));
    selection.format.setToolTip(message);
    selections.push_back(selection);
  }
  m_edit->setExtraSelections(selections);
}

QList<QTextEdit::ExtraSelection> FormulaEditor::errorSelections() const {
  return m_edit->extraSelections();
}

QString FormulaEditor::valueText() const {
  return m_parsed ? QString::fromStdString(formula::toString(m_parsed->value)) : QString();
}

QString FormulaEditor::derivativeText() const {
  return m_parsed ? QString::fromStdString(formula::toString(m_parsed->d1)) : QString();
}

QString FormulaEditor::secondDerivativeText() const {
  return m_parsed ? QString::fromStdString(formula::toString(m_parsed->d2)) : QString();
}

QStringList FormulaEditor::parameterNames() const {
  QStringList names;
  if (m_parsed) {
    for (const formula::FormulaParam& p : m_parsed->params) {
      names.push_back(QString::fromStdString(p.name));
    }
  }
  return names;
}

QString FormulaEditor::parametersText() const {
  if (!m_parsed || m_parsed->params.empty()) {
    return tr("none");
  }
  QStringList lines;
  for (const formula::FormulaParam& p : m_parsed->params) {
    QString line =
        QString::fromStdString(p.name) + QStringLiteral(" = ") + numberText(p.defaultValue);
    // The parser marks an absent bound with ±1e300; a declared ±inf is unbounded as well.
    const bool lowBound = std::fabs(p.min) < 1e300;
    const bool highBound = std::fabs(p.max) < 1e300;
    if (lowBound || highBound) {
      line += QStringLiteral(" in [%1, %2]")
                  .arg(lowBound ? numberText(p.min) : QStringLiteral("-inf"),
                       highBound ? numberText(p.max) : QStringLiteral("inf"));
    }
    if (p.logScale) {
      line += tr(", log scale");
    }
    if (!p.declared) {
      line += tr("  (undeclared: starts at 1, unbounded)");
    }
    lines.push_back(line);
  }
  return lines.join(QLatin1Char('\n'));
}

void FormulaEditor::updateCompletionWords() {
  QStringList words;
  for (const std::string& name : formula::functionNames()) {
    words.push_back(QString::fromStdString(name));
  }
  words << QStringLiteral("y_true") << QStringLiteral("y_pred") << QStringLiteral("pi")
        << QStringLiteral("eps") << QStringLiteral("and") << QStringLiteral("or")
        << QStringLiteral("not") << QStringLiteral("in") << QStringLiteral("linear");
  // Parameters of the last formula that parsed stay offered while the text is being edited.
  if (m_parsed) {
    m_completionParams = parameterNames();
  }
  words += m_completionParams;
  for (const FormulaInputData& input : m_inputs) {
    words.push_back(input.name);
  }
  words.sort(Qt::CaseSensitive);
  words.removeDuplicates();
  if (words != m_completionModel->stringList()) {
    m_completionModel->setStringList(words);
  }
}

void FormulaEditor::showStatus(const QString& message, bool error) {
  m_statusIsError = error;
  m_status->setText(message);
  applyColours();
}

QString FormulaEditor::statusMessage() const {
  return m_status->text();
}

void FormulaEditor::updateButtons() {
  const bool valid = isValid();
  const bool named = !lossName().isEmpty();
  m_plotButton->setEnabled(valid && named);
  m_saveButton->setEnabled(valid && named);
  m_deleteButton->setEnabled(m_library->contains(lossName()));
  m_exportButton->setEnabled(valid);
}

void FormulaEditor::applyColours() {
  const QColor error = errorColor(palette());
  const bool showAsError = !m_parsed && !formula().trimmed().isEmpty();
  for (QLabel* label : {m_errorLabel, m_caretLabel}) {
    QPalette errorPalette = label->palette();
    errorPalette.setColor(QPalette::WindowText,
                          showAsError ? error : palette().color(QPalette::WindowText));
    label->setPalette(errorPalette);
  }
  QPalette statusPalette = m_status->palette();
  statusPalette.setColor(QPalette::WindowText,
                         m_statusIsError ? error : palette().color(QPalette::WindowText));
  m_status->setPalette(statusPalette);
}

void FormulaEditor::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
    m_highlighter->setPalette(palette());
    applyColours();
    if (m_errorPosition >= 0) {
      showError(m_message, m_errorPosition);  // the underline colour follows the palette
    }
  }
  QWidget::changeEvent(event);
}

}  // namespace losslab::ui
