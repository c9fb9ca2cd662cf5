// SPDX-License-Identifier: GPL-3.0-or-later
// The formula dock's commands on its loss (FormulaEditor): templates, the custom-loss library
// (open, save with a new name by default or an explicit replace, delete), Plot, Export as Code.
#include <QComboBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

#include "core/formula/formula_loss.h"
#include "ui/common/code_export_dialog.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/formula/formula_editor.h"
#include "ui/formula/formula_templates.h"

namespace losslab::ui {

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
  m_inputs = entry->inputs;  // before the text: the formula parses with them
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
  CustomLoss entry{name, formula(), {}, m_inputs};
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
    loss =
        FormulaLoss::create(formula().toStdString(), values, name.toStdString(), inputNameList());
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

}  // namespace losslab::ui
