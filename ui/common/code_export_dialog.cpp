// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/code_export_dialog.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include "core/engine/error.h"
#include "ui/common/engine_text.h"
#include "ui/common/settings.h"

namespace losslab::ui {

namespace {

/// snake_case ASCII stem of a loss name for file names: "My Huber (δ)" → "my_huber".
QString fileStem(const QString& name) {
  QString stem;
  for (const QChar c : name.toLower()) {
    if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
        (c >= QLatin1Char('0') && c <= QLatin1Char('9'))) {
      stem += c;
    } else if (!stem.isEmpty() && !stem.endsWith(QLatin1Char('_'))) {
      stem += QLatin1Char('_');
    }
  }
  while (stem.endsWith(QLatin1Char('_'))) {
    stem.chop(1);
  }
  return stem.isEmpty() ? QStringLiteral("loss") : stem;
}

}  // namespace

CodeExportDialog::CodeExportDialog(LossPtr loss, CodeTarget target, QWidget* parent)
    : QDialog(parent), m_loss(std::move(loss)), m_target(target) {
  const QString lossName = engineText(m_loss->info().name);
  setWindowTitle(tr("Export %1 as Code").arg(lossName));

  m_targetCombo = new QComboBox(this);
  m_targetCombo->addItem(tr("Keras 3 (keras.losses.Loss)"), static_cast<int>(CodeTarget::Keras));
  m_targetCombo->addItem(tr("PyTorch (nn.Module)"), static_cast<int>(CodeTarget::PyTorch));
  m_targetCombo->setToolTip(
      tr("Keras 3: a keras.losses.Loss subclass with get_config and a closure, using "
         "keras.ops only.\nPyTorch: a functional form and an nn.Module whose constructor "
         "defaults are the current parameter values."));
  auto* targetLabel = new QLabel(tr("&Framework:"), this);
  targetLabel->setBuddy(m_targetCombo);

  m_view = new QPlainTextEdit(this);
  m_view->setReadOnly(true);
  m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  m_view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  m_view->setToolTip(tr("The generated Python code (read-only; select text to copy a part)"));
  m_view->setMinimumSize(640, 420);

  m_status = new QLabel(this);
  m_status->setWordWrap(true);
  m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_status->hide();

  m_copy = new QPushButton(tr("&Copy"), this);
  m_copy->setToolTip(tr("Copy the whole code to the clipboard"));
  m_save = new QPushButton(tr("&Save…"), this);
  m_save->setToolTip(tr("Save the code as a Python file"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
  buttons->addButton(m_save, QDialogButtonBox::ActionRole);

  auto* top = new QHBoxLayout;
  top->addWidget(targetLabel);
  top->addWidget(m_targetCombo);
  top->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(m_view, 1);
  layout->addWidget(m_status);
  layout->addWidget(buttons);

  m_targetCombo->setCurrentIndex(m_targetCombo->findData(static_cast<int>(m_target)));
  connect(m_targetCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
    setTarget(static_cast<CodeTarget>(m_targetCombo->itemData(index).toInt()));
  });
  connect(m_copy, &QPushButton::clicked, this, [this] {
    copyToClipboard();
    m_status->setText(tr("Copied to the clipboard."));
    m_status->show();
  });
  connect(m_save, &QPushButton::clicked, this, &CodeExportDialog::saveInteractively);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  regenerate();
}

void CodeExportDialog::setTarget(CodeTarget target) {
  m_target = target;
  const int index = m_targetCombo->findData(static_cast<int>(target));
  if (m_targetCombo->currentIndex() != index) {
    m_targetCombo->setCurrentIndex(index);  // re-enters through currentIndexChanged
    return;
  }
  regenerate();
}

void CodeExportDialog::regenerate() {
  try {
    m_code = QString::fromStdString(exportCode(*m_loss, m_target));
    m_exportError.clear();
  } catch (const Error& error) {
    m_code.clear();
    m_exportError = QString::fromStdString(error.what());
  }
  const bool ok = m_exportError.isEmpty();
  m_view->setPlainText(
      ok ? m_code
         : tr("No %1 code for this loss:\n%2")
               .arg(QString::fromStdString(codeTargetName(m_target)), m_exportError));
  m_copy->setEnabled(ok);
  m_save->setEnabled(ok);
  m_status->hide();
}

QString CodeExportDialog::suggestedFileName() const {
  const QString suffix =
      m_target == CodeTarget::Keras ? QStringLiteral("_keras.py") : QStringLiteral("_pytorch.py");
  return fileStem(QString::fromStdString(m_loss->info().name)) + suffix;
}

bool CodeExportDialog::saveTo(const QString& path, QString* error) const {
  auto fail = [&](const QString& reason) {
    if (error) {
      *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
    }
    return false;
  };
  if (m_code.isEmpty()) {
    return fail(m_exportError.isEmpty() ? tr("there is no code to save") : m_exportError);
  }
  // QSaveFile writes a temporary file beside the target and renames it on commit: on any
  // failure (no such directory, no permission, disk full) the target is left untouched.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return fail(file.errorString());
  }
  const QByteArray bytes = m_code.toUtf8();
  if (file.write(bytes) != bytes.size()) {
    const QString reason = file.errorString();
    file.cancelWriting();
    return fail(reason);
  }
  if (!file.commit()) {
    return fail(file.errorString());
  }
  return true;
}

void CodeExportDialog::copyToClipboard() const {
  QApplication::clipboard()->setText(m_code);
}

void CodeExportDialog::saveInteractively() {
  const QString start = QDir(Settings::exportDirectory()).filePath(suggestedFileName());
  const QString path = QFileDialog::getSaveFileName(this, tr("Save Code"), start,
                                                    tr("Python files (*.py);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!saveTo(path, &error)) {
    QMessageBox::warning(this, tr("Save Code"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  m_status->setText(tr("Saved %1.").arg(QDir::toNativeSeparators(path)));
  m_status->show();
}

}  // namespace losslab::ui
