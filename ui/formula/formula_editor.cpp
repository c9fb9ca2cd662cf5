// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/formula/formula_editor.h"
#include "ui/common/theme.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QStringListModel>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "core/formula/formula_expr.h"
#include "core/formula/formula_loss.h"
#include "ui/common/code_export_dialog.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/formula/formula_highlighter.h"
#include "ui/formula/formula_templates.h"

namespace losslab::ui {

namespace {

bool isIdentifierChar(QChar c) {
  return c.isLetterOrNumber() || c == QLatin1Char('_');
}

/// The formula text with completion: Qt's custom-completer pattern (the popup takes Enter,
/// Tab and Escape while it is open; typing two identifier characters or Ctrl+Space opens it).
class FormulaTextEdit : public QPlainTextEdit {
 public:
  explicit FormulaTextEdit(QWidget* parent) : QPlainTextEdit(parent) {}

  void setCompleter(QCompleter* completer) {
    m_completer = completer;
    completer->setWidget(this);
    connect(completer, qOverload<const QString&>(&QCompleter::activated), this,
            [this](const QString& word) { insertCompletion(word); });
  }

 protected:
  void keyPressEvent(QKeyEvent* event) override {
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

  void focusInEvent(QFocusEvent* event) override {
    if (m_completer) {
      m_completer->setWidget(this);
    }
    QPlainTextEdit::focusInEvent(event);
  }

 private:
  /// The identifier characters immediately left of the cursor.
  QString wordBeforeCursor() const {
    const QTextCursor cursor = textCursor();
    const QString line = cursor.block().text();
    const int end = cursor.positionInBlock();
    int begin = end;
    while (begin > 0 && isIdentifierChar(line[begin - 1])) {
      --begin;
    }
    return line.mid(begin, end - begin);
  }

  void insertCompletion(const QString& word) {
    QTextCursor cursor = textCursor();
    const int typed = static_cast<int>(m_completer->completionPrefix().size());
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, typed);
    cursor.insertText(word);
    setTextCursor(cursor);
  }

  QCompleter* m_completer = nullptr;
};

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

/// A monospace label for formula text: plain text (a formula's '<' must not start HTML),
/// selectable, wrapping at spaces.
QLabel* formulaLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setTextFormat(Qt::PlainText);
  label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  label->setWordWrap(true);
  return label;
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

void FormulaEditor::buildUi() {
  const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

  m_templates = new QComboBox(this);
  m_templates->addItem(tr("Start from a template…"));
  for (const FormulaTemplate& t : FormulaTemplates::all()) {
    m_templates->addItem(t.title, t.id);
    const QString tip = t.seed.isEmpty()
                            ? t.description
                            : tr("%1\nFrom the seed material (%2).").arg(t.description, t.seed);
    m_templates->setItemData(m_templates->count() - 1, tip, Qt::ToolTipRole);
  }
  m_templates->setToolTip(
      tr("Insert a formula from the Keras custom-loss tutorials (temperature-scaled MSE, RMSE, "
         "Huber with threshold, contrastive loss) or a built-in loss to compare with.\nThe "
         "current text is replaced; Ctrl+Z brings it back."));
  connect(m_templates, &QComboBox::activated, this, [this](int index) {
    if (index > 0) {
      applyTemplate(m_templates->itemData(index).toString());
    }
    m_templates->setCurrentIndex(0);
  });

  m_libraryCombo = new QComboBox(this);
  m_libraryCombo->setToolTip(tr("Open a custom loss saved in your library"));
  connect(m_libraryCombo, &QComboBox::activated, this, [this](int index) {
    if (index > 0) {
      openFromLibrary(m_libraryCombo->itemData(index).toString());
    }
  });

  m_name = new QLineEdit(this);
  m_name->setMaxLength(CustomLossLibrary::kMaxNameLength);
  m_name->setPlaceholderText(tr("e.g. my huber"));
  m_name->setToolTip(
      tr("The name of the loss in your library, in plots and in exported code (at most %1 "
         "characters)")
          .arg(CustomLossLibrary::kMaxNameLength));
  connect(m_name, &QLineEdit::textEdited, this, [this] {
    m_nameTyped = true;  // the user's own name: templates no longer replace it
    updateButtons();
  });

  auto* edit = new FormulaTextEdit(this);
  m_edit = edit;
  m_edit->setFont(mono);
  m_edit->setTabChangesFocus(true);
  m_edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  m_edit->setPlaceholderText(
      tr("delta = 1 in [0.01, 10] log\nwhere(abs(r) <= delta, 0.5*square(r), delta*abs(r) - "
         "0.5*delta^2)"));
  m_edit->setToolTip(
      tr("The loss as a formula of y_pred (p), y_true (y) and r = y_pred - y_true.\n"
         "Operators + - * / ^, comparisons, and/or/not, where(cond, a, b); functions such as "
         "abs, exp, log, sqrt, square, max, clip, log_cosh; mean(...)/sum(...) over the batch.\n"
         "Any other name is a parameter (a slider); declare it first: NAME = DEFAULT in [MIN, "
         "MAX] log\nCtrl+Space completes a name; Ctrl+Return plots."));
  m_edit->setMinimumHeight(m_edit->fontMetrics().lineSpacing() * 5);
  m_highlighter = new FormulaHighlighter(m_edit->document());
  m_highlighter->setPalette(palette());  // this widget's, which may differ from the app's

  m_completionModel = new QStringListModel(this);
  m_completer = new QCompleter(m_completionModel, this);
  m_completer->setCaseSensitivity(Qt::CaseSensitive);
  m_completer->setCompletionMode(QCompleter::PopupCompletion);
  m_completer->setModelSorting(QCompleter::CaseSensitivelySortedModel);
  edit->setCompleter(m_completer);

  m_validationTimer = new QTimer(this);
  m_validationTimer->setSingleShot(true);
  m_validationTimer->setInterval(kValidationDelayMs);
  connect(m_validationTimer, &QTimer::timeout, this, &FormulaEditor::validateNow);
  connect(m_edit, &QPlainTextEdit::textChanged, this, &FormulaEditor::scheduleValidation);

  // The message wraps; the formula line with its caret below does not (the caret must stay
  // under its character). A long line must not widen the dock, so that label may be clipped:
  // the underline in the text still marks the spot, and the tooltip has the whole message.
  m_errorLabel = new QLabel(this);
  m_errorLabel->setTextFormat(Qt::PlainText);
  m_errorLabel->setWordWrap(true);
  m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_caretLabel = formulaLabel(this);
  m_caretLabel->setWordWrap(false);
  m_caretLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

  m_valueLabel = formulaLabel(this);
  m_valueLabel->setToolTip(tr("The loss as the engine reads it, simplified"));
  m_d1Label = formulaLabel(this);
  m_d1Label->setToolTip(
      tr("First derivative with respect to the prediction, derived symbolically (at kinks "
         "TensorFlow's convention: abs'(0) = 0, max passes to its first argument on ties)"));
  m_d2Label = formulaLabel(this);
  m_d2Label->setToolTip(tr("Second derivative with respect to the prediction"));
  m_paramsLabel = formulaLabel(this);
  m_paramsLabel->setToolTip(
      tr("Every name that is not a variable, constant or function is a parameter: it gets a "
         "slider in the explorer. Undeclared parameters start at 1."));
  m_aggregateNote = new QLabel(
      tr("mean(...)/sum(...) make the loss one number for the whole batch; dℓ/dŷ is then the "
         "derivative of that number with respect to one prediction (N is the element count)."),
      this);
  m_aggregateNote->setWordWrap(true);
  m_aggregateNote->hide();

  auto* derived = new QGroupBox(tr("Derived"), this);
  m_derived = derived;
  auto* form = new QFormLayout(derived);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form->addRow(tr("ℓ ="), m_valueLabel);
  form->addRow(tr("dℓ/dŷ ="), m_d1Label);
  form->addRow(tr("d²ℓ/dŷ² ="), m_d2Label);
  form->addRow(tr("Parameters:"), m_paramsLabel);
  form->addRow(m_aggregateNote);

  m_plotButton = new QPushButton(tr("&Plot"), this);
  m_plotButton->setToolTip(
      tr("Save the loss to the library and plot it in the explorer (Ctrl+Return)"));
  m_saveButton = new QPushButton(tr("&Save to Library"), this);
  m_saveButton->setToolTip(tr("Keep the formula under its name; it is remembered between runs"));
  m_deleteButton = new QPushButton(tr("&Delete"), this);
  m_deleteButton->setToolTip(
      tr("Remove the loss named above from the library (the text stays here, so Save to "
         "Library can put it back)"));
  m_exportButton = new QPushButton(tr("E&xport as Code…"), this);
  m_exportButton->setToolTip(tr("Show the loss as Keras 3 or PyTorch code"));
  connect(m_plotButton, &QPushButton::clicked, this, &FormulaEditor::plot);
  connect(m_saveButton, &QPushButton::clicked, this, &FormulaEditor::saveToLibrary);
  connect(m_deleteButton, &QPushButton::clicked, this, &FormulaEditor::deleteFromLibrary);
  connect(m_exportButton, &QPushButton::clicked, this, &FormulaEditor::exportAsCode);

  for (const QKeySequence& keys :
       {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
    auto* shortcut = new QShortcut(keys, this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    shortcut->setWhatsThis(tr("Formula dock: plot the formula"));  // Help ▸ Keyboard Shortcuts
    connect(shortcut, &QShortcut::activated, this, &FormulaEditor::plot);
  }

  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  m_status->setTextFormat(Qt::PlainText);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* top = new QGridLayout;
  auto* templateLabel = new QLabel(tr("&Template:"), this);
  templateLabel->setBuddy(m_templates);
  auto* libraryLabel = new QLabel(tr("&Library:"), this);
  libraryLabel->setBuddy(m_libraryCombo);
  auto* nameLabel = new QLabel(tr("&Name:"), this);
  nameLabel->setBuddy(m_name);
  top->addWidget(templateLabel, 0, 0);
  top->addWidget(m_templates, 0, 1);
  top->addWidget(libraryLabel, 1, 0);
  top->addWidget(m_libraryCombo, 1, 1);
  top->addWidget(nameLabel, 2, 0);
  top->addWidget(m_name, 2, 1);
  top->setColumnStretch(1, 1);

  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_plotButton);
  buttons->addWidget(m_saveButton);
  buttons->addWidget(m_deleteButton);
  buttons->addStretch(1);
  buttons->addWidget(m_exportButton);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_edit, 1);
  layout->addWidget(m_errorLabel);
  layout->addWidget(m_caretLabel);
  layout->addWidget(derived);
  layout->addLayout(buttons);
  layout->addWidget(m_status);
  applyColours();
}

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
      m_parsed = formula::parseFormula(std::string_view(utf8.constData(), utf8.size()));
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

bool FormulaEditor::applyTemplate(const QString& templateId) {
  const std::optional<FormulaTemplate> t = FormulaTemplates::find(templateId);
  if (!t) {
    return false;
  }
  setFormula(t->source);
  // A new loss: saving must not update the entry that was open (issue 16: choosing a second
  // template kept the first one's name, and Plot replaced the saved formula).
  m_currentName.clear();
  if (lossName().isEmpty() || !m_nameTyped) {
    m_name->setText(m_library->freeName(t->title));
    m_nameTyped = false;
  }
  refreshLibraryCombo();
  showStatus(
      t->seed.isEmpty() ? t->description : tr("Template from %1: %2").arg(t->seed, t->description),
      false);
  updateButtons();
  return true;
}

bool FormulaEditor::openFromLibrary(const QString& name) {
  const std::optional<CustomLoss> entry = m_library->find(name);
  if (!entry) {
    showStatus(tr("There is no custom loss named '%1' in the library.").arg(name), true);
    return false;
  }
  m_currentName = entry->name;
  m_nameTyped = false;
  m_name->setText(entry->name);
  setFormula(entry->source);
  refreshLibraryCombo();
  showStatus(tr("Opened '%1' from the library.").arg(entry->name), false);
  return true;
}

FormulaEditor::ReplaceChoice FormulaEditor::askReplace(const QString& name,
                                                       const QString& freeName) {
  QMessageBox box(QMessageBox::Question, tr("Replace a saved loss?"),
                  tr("Your library already has a custom loss named '%1'.").arg(name),
                  QMessageBox::NoButton, this);
  box.setInformativeText(tr("Replacing it loses its formula. Save under a new name to keep both."));
  QPushButton* asNew = box.addButton(tr("Save as '%1'").arg(freeName), QMessageBox::AcceptRole);
  QPushButton* replace = box.addButton(tr("Replace"), QMessageBox::DestructiveRole);
  box.addButton(QMessageBox::Cancel);
  box.setDefaultButton(asNew);
  box.exec();
  if (box.clickedButton() == asNew) {
    return ReplaceChoice::SaveAsNew;
  }
  return box.clickedButton() == replace ? ReplaceChoice::Replace : ReplaceChoice::Cancel;
}

bool FormulaEditor::saveToLibrary() {
  validateNow();
  if (!isValid()) {
    showStatus(
        tr("The formula is not valid yet: %1").arg(m_message.section(QLatin1Char('\n'), 0, 0)),
        true);
    return false;
  }
  QString name = lossName();
  m_name->setText(name);
  // Saving over another entry would lose it: only the entry this editor opened (or saved
  // last) is replaced without asking.
  if (m_library->contains(name) && name != m_currentName) {
    const QString freeName = m_library->freeName(name);
    switch (m_askReplace ? m_askReplace(name, freeName) : askReplace(name, freeName)) {
      case ReplaceChoice::Replace:
        break;
      case ReplaceChoice::SaveAsNew:
        name = freeName;
        m_name->setText(name);
        break;
      case ReplaceChoice::Cancel:
        showStatus(tr("Not saved: a custom loss named '%1' is already in the library. Choose "
                      "another name, or open it from the library to change it.")
                       .arg(name),
                   true);
        return false;
    }
  }
  CustomLoss entry{name, formula(), {}};
  if (const std::optional<CustomLoss> existing = m_library->find(name)) {
    entry.params = existing->params;  // the sliders' values survive an edit of the formula
  }
  QString error;
  if (!m_library->addOrReplace(entry, &error)) {
    showStatus(error, true);
    return false;
  }
  m_currentName = name;
  refreshLibraryCombo();
  showStatus(tr("Saved '%1' to the library.").arg(name), false);
  return true;
}

bool FormulaEditor::plot() {
  if (!saveToLibrary()) {
    return false;
  }
  emit plotRequested(customLossId(m_currentName));
  showStatus(tr("Saved and plotted '%1'.").arg(m_currentName), false);
  return true;
}

bool FormulaEditor::deleteFromLibrary() {
  const QString name = lossName();
  if (!m_library->remove(name)) {
    showStatus(tr("There is no custom loss named '%1' in the library.").arg(name), true);
    return false;
  }
  if (m_currentName == name) {
    m_currentName.clear();
  }
  showStatus(tr("Deleted '%1' from the library. Save to Library puts it back.").arg(name), false);
  return true;
}

CodeExportDialog* FormulaEditor::exportAsCode() {
  validateNow();
  if (!isValid()) {
    showStatus(
        tr("The formula is not valid yet: %1").arg(m_message.section(QLatin1Char('\n'), 0, 0)),
        true);
    return nullptr;
  }
  const QString name = lossName().isEmpty() ? QStringLiteral("custom_loss") : lossName();
  // The library's slider values for the parameters that are still valid for this text.
  ParamValues values;
  if (const std::optional<CustomLoss> entry = m_library->find(lossName())) {
    const LossInfo info = formulaInfo(*m_parsed, name.toStdString());
    for (const ParamSpec& spec : info.params) {
      if (const auto it = entry->params.find(spec.id);
          it != entry->params.end() && spec.validate(it->second).empty()) {
        values.insert(*it);
      }
    }
  }
  LossPtr loss;
  try {
    loss = FormulaLoss::create(formula().toStdString(), values, name.toStdString());
  } catch (const Error& error) {
    showStatus(QString::fromStdString(error.what()), true);
    return nullptr;
  }
  auto* dialog = new CodeExportDialog(loss, CodeTarget::Keras, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open();
  return dialog;
}

void FormulaEditor::refreshLibraryCombo() {
  const QSignalBlocker blocker(m_libraryCombo);
  m_libraryCombo->clear();
  const QStringList names = m_library->names();
  m_libraryCombo->addItem(names.isEmpty() ? tr("(no saved losses yet)") : tr("Open a saved loss…"));
  for (const QString& name : names) {
    m_libraryCombo->addItem(name, name);
  }
  const int current = m_libraryCombo->findData(m_currentName);
  m_libraryCombo->setCurrentIndex(current > 0 ? current : 0);
  m_libraryCombo->setEnabled(!names.isEmpty());
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
