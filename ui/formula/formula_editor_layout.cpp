// SPDX-License-Identifier: GPL-3.0-or-later
// The formula dock's widgets and their connections (FormulaEditor::buildUi): name, formula text
// with highlighting and completion, template and library choices, the derived forms, buttons.
#include <QComboBox>
#include <QCompleter>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QShortcut>
#include <QStringListModel>
#include <QTimer>
#include <QVBoxLayout>

#include "ui/common/custom_loss_library.h"
#include "ui/formula/formula_editor.h"
#include "ui/formula/formula_highlighter.h"
#include "ui/formula/formula_templates.h"
#include "ui/formula/formula_text_edit.h"

namespace losslab::ui {

namespace {

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

  // Extra inputs (issue 13): tensors the formula reads by name, as --input NAME=FILE.
  auto* inputs = new QGroupBox(tr("Extra inputs"), this);
  inputs->setToolTip(
      tr("Tensors loaded from CSV files that the formula reads as variables, as "
         "losslab-cli eval --input NAME=FILE does: e.g. load teacher.csv as teacher_logits and "
         "write softmax(teacher_logits) in the formula. An input has the rows of y_pred and 1 "
         "to all of its columns (with k columns, column j reads column min(j, k - 1)).\n"
         "The explorer's curve is one sample: each input is held at its first value (row 1, "
         "column 1) at every point, as losslab-cli curve --input does; losslab-cli eval uses "
         "the whole file.\nInputs are saved with the loss in the library and exported as "
         "keyword arguments of the same name."));
  m_inputList = new QListWidget(inputs);
  m_inputList->setMaximumHeight(m_inputList->fontMetrics().lineSpacing() * 4 + 8);
  m_inputList->setToolTip(inputs->toolTip());
  m_inputList->hide();
  m_addInputButton = new QPushButton(tr("Load &Input…"), inputs);
  m_addInputButton->setToolTip(
      tr("Load a CSV file as a named tensor the formula can read (the formula is kept)"));
  m_removeInputButton = new QPushButton(tr("Remove"), inputs);
  m_removeInputButton->setToolTip(
      tr("Remove the selected input; the formula then reads its name as a parameter"));
  m_removeInputButton->setEnabled(false);
  connect(m_addInputButton, &QPushButton::clicked, this, &FormulaEditor::addInputFromFile);
  connect(m_removeInputButton, &QPushButton::clicked, this, &FormulaEditor::removeSelectedInput);
  connect(m_inputList, &QListWidget::currentItemChanged, this,
          [this] { m_removeInputButton->setEnabled(m_inputList->currentItem() != nullptr); });
  auto* inputButtons = new QHBoxLayout;
  inputButtons->addWidget(m_addInputButton);
  inputButtons->addWidget(m_removeInputButton);
  inputButtons->addStretch(1);
  auto* inputLayout = new QVBoxLayout(inputs);
  inputLayout->addWidget(m_inputList);
  inputLayout->addLayout(inputButtons);

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
  layout->addWidget(inputs);
  layout->addLayout(buttons);
  layout->addWidget(m_status);
  applyColours();
}

}  // namespace losslab::ui
