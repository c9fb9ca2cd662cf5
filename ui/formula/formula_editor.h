// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextEdit>
#include <QWidget>
#include <functional>
#include <optional>

#include "core/formula/formula_parser.h"
#include "ui/common/custom_loss_file.h"

class QComboBox;
class QCompleter;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStringListModel;
class QTimer;

namespace losslab::ui {

class CodeExportDialog;
class CustomLossLibrary;
class FormulaHighlighter;

/// The formula editor dock (issue 6): type a loss as a formula, see it validated while typing,
/// read its symbolic derivatives, keep it in the user's library, plot it, export it as code.
///
///   Template ▾ (seed formulas) · Library ▾ (saved losses) · Name
///   formula text: syntax colours (FormulaHighlighter), completion of functions, variables,
///                 constants and the formula's parameters (Ctrl+Space opens the list)
///   live validation kValidationDelayMs after the last keystroke: an error is underlined
///                 (wavy) at its position and its message with a caret is shown under the text
///   ℓ, dℓ/dŷ, d²ℓ/dŷ² in the engine's readable form, and the parameters with their ranges
///   Plot (Ctrl+Return) · Save to Library · Delete · Export as Code…
///
/// Plot saves (or updates) the library entry NAME and emits plotRequested("custom:NAME"); the
/// explorer turns that id into a loss through createLoss (loss_factory.h). Messages about
/// saving and deleting appear in a status line. The one question it asks is before a save
/// would replace another library entry: nothing the user wrote is overwritten silently.
class FormulaEditor : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kValidationDelayMs = 150;

  /// Works on CustomLossLibrary::instance() unless another `library` is given (it must outlive
  /// the editor). Plot's ids resolve through createLoss, which reads instance().
  explicit FormulaEditor(QWidget* parent = nullptr, CustomLossLibrary* library = nullptr);
  ~FormulaEditor() override;

  /// Replaces the formula (one undoable edit) and validates it at once.
  void setFormula(const QString& source);
  QString formula() const;
  void setLossName(const QString& name);
  QString lossName() const;

  /// Validates now instead of waiting for the debounce timer.
  void validateNow();
  bool isValid() const { return m_parsed.has_value(); }
  /// Empty when valid; otherwise the parser's message, "(at character N)", the offending line
  /// and a caret under the character (or a hint when the formula is empty).
  QString validationMessage() const { return m_message; }
  /// Character index (in formula()) of the error, or -1.
  int errorPosition() const { return m_errorPosition; }
  /// The wavy underline(s) currently shown in the text.
  QList<QTextEdit::ExtraSelection> errorSelections() const;
  /// The simplified value, d/dŷ and d²/dŷ² as formula::toString prints them (empty if invalid).
  QString valueText() const;
  QString derivativeText() const;
  QString secondDerivativeText() const;
  /// The formula's parameters in order of appearance (empty if invalid).
  QStringList parameterNames() const;

  /// The completion words: functions, variables, constants, keywords and current parameters.
  QCompleter* completer() const { return m_completer; }
  QPlainTextEdit* textEdit() const { return m_edit; }
  FormulaHighlighter* highlighter() const { return m_highlighter; }
  /// The status line (last save/delete/plot message).
  QString statusMessage() const;

  /// Loads a template (FormulaTemplates id) into the text as one undoable edit. A template
  /// starts a new loss: unless the user typed the name, it becomes the template's title (made
  /// unique in the library, "Contrastive loss (2)"), and saving no longer updates the entry
  /// opened before. False for an unknown id.
  bool applyTemplate(const QString& templateId);

  /// What to do when saving would replace another library entry of the same name.
  enum class ReplaceChoice { Replace, SaveAsNew, Cancel };
  /// Asks the user (default: a message box whose default button is "Save as NEW"); tests
  /// install their own answer.
  using ReplaceQuestion =
      std::function<ReplaceChoice(const QString& name, const QString& freeName)>;
  void setReplaceQuestion(ReplaceQuestion question) { m_askReplace = std::move(question); }
  /// Extra inputs (issue 13): tensors loaded from CSV files that the formula reads as the
  /// variable NAME, as `losslab-cli eval --input NAME=FILE` does. They are saved with the loss,
  /// exported as keyword arguments named NAME, and held at their first value on the curve.
  /// Loads `path` as NAME; false with the reason (a bad name, or the file's problem with its
  /// line) in the status line. The formula text is not changed.
  bool addInput(const QString& name, const QString& path);
  /// Removes the input NAME; false if there is none.
  bool removeInput(const QString& name);
  const QList<FormulaInputData>& inputs() const { return m_inputs; }
  /// Empty if NAME can be an input (an identifier that is not a variable, constant, keyword or
  /// function of the language, and not loaded yet), else the reason.
  QString inputNameProblem(const QString& name) const;
  /// The list of loaded inputs shown in the dock.
  QListWidget* inputList() const { return m_inputList; }

  /// Loads the library entry `name` (its formula and name); false if there is none.
  bool openFromLibrary(const QString& name);

 public slots:
  /// Saves the formula under the name: a new entry, or the entry this editor opened or saved
  /// last. If the name belongs to another entry the user chooses: replace it, save under a free
  /// name, or cancel. False with the reason in the status line if the formula is invalid, the
  /// name is bad, or the save was cancelled.
  bool saveToLibrary();
  /// saveToLibrary(), then emits plotRequested("custom:NAME").
  bool plot();
  /// Removes the entry named in the Name field from the library. The text stays in the editor,
  /// so Save to Library puts it back.
  bool deleteFromLibrary();
  /// Opens the code export dialog for the current formula (with the library's parameter values
  /// when the entry exists); nullptr with a status message if the formula is invalid.
  CodeExportDialog* exportAsCode();
  /// Asks for a CSV file and a name, then addInput().
  void addInputFromFile();
  /// Removes the input selected in the list.
  void removeSelectedInput();

 signals:
  /// The user asked to plot the custom loss with this id ("custom:NAME"), already saved.
  void plotRequested(const QString& id);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void buildUi();
  void scheduleValidation();
  void setErrorText(const QString& message);  // first line wraps, the caret lines do not
  void showError(const QString& message, int position);
  void showStatus(const QString& message, bool error);
  void updateCompletionWords();
  ReplaceChoice askReplace(const QString& name, const QString& freeName);
  void refreshLibraryCombo();
  void updateButtons();
  void applyColours();
  QString parametersText() const;
  void refreshInputList();
  std::vector<std::string> inputNameList() const;

  CustomLossLibrary* m_library;
  std::optional<formula::ParsedFormula> m_parsed;
  QString m_message;
  int m_errorPosition = -1;
  QString m_currentName;     // the library entry this editor opened or saved last
  bool m_nameTyped = false;  // the user typed the name: templates keep it
  ReplaceQuestion m_askReplace;
  QStringList m_completionParams;  // parameters of the last formula that parsed
  bool m_statusIsError = false;
  QList<FormulaInputData> m_inputs;

  QComboBox* m_templates = nullptr;
  QComboBox* m_libraryCombo = nullptr;
  QLineEdit* m_name = nullptr;
  QPlainTextEdit* m_edit = nullptr;
  FormulaHighlighter* m_highlighter = nullptr;
  QCompleter* m_completer = nullptr;
  QStringListModel* m_completionModel = nullptr;
  QTimer* m_validationTimer = nullptr;
  QLabel* m_errorLabel = nullptr;
  QLabel* m_caretLabel = nullptr;
  QWidget* m_derived = nullptr;
  QLabel* m_valueLabel = nullptr;
  QLabel* m_d1Label = nullptr;
  QLabel* m_d2Label = nullptr;
  QLabel* m_paramsLabel = nullptr;
  QLabel* m_aggregateNote = nullptr;
  QLabel* m_status = nullptr;
  QPushButton* m_plotButton = nullptr;
  QPushButton* m_saveButton = nullptr;
  QPushButton* m_deleteButton = nullptr;
  QPushButton* m_exportButton = nullptr;
  QListWidget* m_inputList = nullptr;
  QPushButton* m_addInputButton = nullptr;
  QPushButton* m_removeInputButton = nullptr;
};

}  // namespace losslab::ui
