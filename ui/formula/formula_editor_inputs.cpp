// SPDX-License-Identifier: GPL-3.0-or-later
// The formula dock's extra inputs (FormulaEditor, issue 13): tensors loaded from CSV files that
// the formula reads as variables, as `losslab-cli eval --input NAME=FILE` does.
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <algorithm>

#include "core/engine/error.h"
#include "core/formula/formula_expr.h"
#include "core/io/csv_reader.h"
#include "ui/formula/formula_editor.h"

namespace losslab::ui {

namespace {

/// The names the formula language gives a meaning of its own (formula_parser.cpp's reserved
/// names, and the functions): an input cannot take them.
bool isLanguageName(const QString& name) {
  static const QStringList reserved = {
      QStringLiteral("y_true"), QStringLiteral("y"),   QStringLiteral("y_pred"),
      QStringLiteral("p"),      QStringLiteral("r"),   QStringLiteral("pi"),
      QStringLiteral("e"),      QStringLiteral("eps"), QStringLiteral("N"),
      QStringLiteral("and"),    QStringLiteral("or"),  QStringLiteral("not"),
      QStringLiteral("in"),     QStringLiteral("log"), QStringLiteral("col"),
      QStringLiteral("ncols"),  QStringLiteral("inf"), QStringLiteral("linear")};
  if (reserved.contains(name)) {
    return true;
  }
  const std::vector<std::string> functions = formula::functionNames();
  return std::find(functions.begin(), functions.end(), name.toStdString()) != functions.end();
}

/// A name for the file's tensor: its base name as an identifier ("teacher-logits.csv" →
/// "teacher_logits").
QString suggestedName(const QString& path) {
  QString name = QFileInfo(path).completeBaseName();
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_]")), QStringLiteral("_"));
  if (name.isEmpty() || name[0].isDigit()) {
    name.prepend(QLatin1Char('x'));
  }
  return name;
}

}  // namespace

std::vector<std::string> FormulaEditor::inputNameList() const {
  std::vector<std::string> names;
  for (const FormulaInputData& input : m_inputs) {
    names.push_back(input.name.toStdString());
  }
  return names;
}

QString FormulaEditor::inputNameProblem(const QString& name) const {
  static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
  if (!identifier.match(name).hasMatch()) {
    return tr("'%1' is not a name a formula can read: use letters, digits and _ (not first a "
              "digit), e.g. teacher_logits")
        .arg(name);
  }
  if (isLanguageName(name)) {
    return tr("'%1' already means something in a formula (a variable, constant or function): "
              "choose another name")
        .arg(name);
  }
  for (const FormulaInputData& input : m_inputs) {
    if (input.name == name) {
      return tr("An input named '%1' is already loaded: remove it first").arg(name);
    }
  }
  return {};
}

bool FormulaEditor::addInput(const QString& name, const QString& path) {
  if (const QString problem = inputNameProblem(name); !problem.isEmpty()) {
    showStatus(problem, true);
    return false;
  }
  FormulaInputData input{name, path, {}};
  try {
    const Tensor values = readCsvFile(QFile::encodeName(path).toStdString()).data.values;
    input.rows.resize(static_cast<std::size_t>(values.rows()));
    for (Eigen::Index i = 0; i < values.rows(); ++i) {
      for (Eigen::Index j = 0; j < values.cols(); ++j) {
        input.rows[static_cast<std::size_t>(i)].push_back(values(i, j));
      }
    }
  } catch (const Error& error) {
    // The reader's message names the file and line ("w.csv:3:2: 'abc' is not a number").
    showStatus(tr("Input '%1' not loaded: %2").arg(name, QString::fromStdString(error.what())),
               true);
    return false;
  }
  m_inputs.push_back(std::move(input));
  validateNow();  // NAME is a variable now, no longer a parameter
  showStatus(tr("Loaded input '%1' (%2 × %3) from %4.")
                 .arg(name)
                 .arg(m_inputs.back().rows.size())
                 .arg(m_inputs.back().rows.empty() ? 0 : m_inputs.back().rows[0].size())
                 .arg(QFileInfo(path).fileName()),
             false);
  return true;
}

bool FormulaEditor::removeInput(const QString& name) {
  const auto it =
      std::find_if(m_inputs.begin(), m_inputs.end(),
                   [&name](const FormulaInputData& input) { return input.name == name; });
  if (it == m_inputs.end()) {
    return false;
  }
  m_inputs.erase(it);
  validateNow();
  showStatus(tr("Removed input '%1'; the formula now reads that name as a parameter.").arg(name),
             false);
  return true;
}

void FormulaEditor::addInputFromFile() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Load an Extra Input"), QString(),
                                                    tr("CSV files (*.csv);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  bool ok = false;
  const QString name =
      QInputDialog::getText(this, tr("Name of the Input"),
                            tr("The formula reads the file's tensor under this name:"),
                            QLineEdit::Normal, suggestedName(path), &ok)
          .trimmed();
  if (ok) {
    addInput(name, path);
  }
}

void FormulaEditor::removeSelectedInput() {
  if (const QListWidgetItem* item = m_inputList->currentItem()) {
    removeInput(item->data(Qt::UserRole).toString());
  }
}

void FormulaEditor::refreshInputList() {
  const QString selected = m_inputList->currentItem()
                               ? m_inputList->currentItem()->data(Qt::UserRole).toString()
                               : QString();
  m_inputList->clear();
  for (const FormulaInputData& input : m_inputs) {
    const bool read = m_parsed && std::find(m_parsed->inputs.begin(), m_parsed->inputs.end(),
                                            input.name.toStdString()) != m_parsed->inputs.end();
    QString text = tr("%1  %2 × %3  (%4)")
                       .arg(input.name)
                       .arg(input.rows.size())
                       .arg(input.rows.empty() ? 0 : input.rows[0].size())
                       .arg(QFileInfo(input.file).fileName());
    if (m_parsed && !read) {
      text += tr("  — not read by the formula");
    }
    auto* item = new QListWidgetItem(text, m_inputList);
    item->setData(Qt::UserRole, input.name);
    item->setToolTip(QDir::toNativeSeparators(input.file));
    if (input.name == selected) {
      m_inputList->setCurrentItem(item);
    }
  }
  m_inputList->setVisible(!m_inputs.isEmpty());
  m_removeInputButton->setEnabled(m_inputList->currentItem() != nullptr);
}

}  // namespace losslab::ui
