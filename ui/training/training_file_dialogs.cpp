// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_file_dialogs.h"

#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "ui/common/plot_exporter.h"
#include "ui/common/settings.h"
#include "ui/training/edited_data.h"
#include "ui/training/training_config_model.h"

namespace losslab::ui {

namespace {

struct Text {
  Q_DECLARE_TR_FUNCTIONS(losslab::ui::TrainingFileDialogs)
};

QString askSavePath(QWidget* parent,
                    const QString& title,
                    const QString& name,
                    const QString& filter) {
  const QString path = QFileDialog::getSaveFileName(
      parent, title, QDir(Settings::exportDirectory()).filePath(name), filter);
  if (!path.isEmpty()) {
    Settings::setExportDirectory(QFileInfo(path).absolutePath());
  }
  return path;
}

}  // namespace

bool exportTrainingPlot(QCustomPlot* plot, const QString& path, QString* error) {
  QString target = path;
  const QString suffix = QFileInfo(target).suffix().toLower();
  if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
      suffix != QLatin1String("pdf")) {
    target += QStringLiteral(".png");
  }
  return exportPlot(plot, target, Settings::exportSize(), Settings::exportDpi(), error);
}

void askAndExportCsv(QWidget* parent,
                     const QString& suggested,
                     const std::function<bool(const QString&, QString*)>& write) {
  const QString path =
      askSavePath(parent, Text::tr("Export data"), suggested, Text::tr("CSV files (*.csv)"));
  QString error;
  if (!path.isEmpty() && !write(path, &error)) {
    QMessageBox::warning(parent, Text::tr("Export"), error);
  }
}

void askAndExportPlot(QWidget* parent, QCustomPlot* plot) {
  const QString path =
      askSavePath(parent, Text::tr("Export plot"), QStringLiteral("training.png"),
                  Text::tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  QString error;
  if (!path.isEmpty() && !exportTrainingPlot(plot, path, &error)) {
    QMessageBox::warning(parent, Text::tr("Export"), error);
  }
}

void askAndExportTrainingScript(
    QWidget* parent, const std::function<bool(CodeTarget, const QString&, QString*)>& write) {
  const QString torch = Text::tr("PyTorch training script (*.py)");
  const QString keras = Text::tr("Keras 3 training script (*.py)");
  QString chosen = torch;
  const QString path = QFileDialog::getSaveFileName(
      parent, Text::tr("Export Training Script"),
      QDir(Settings::exportDirectory()).filePath(QStringLiteral("train.py")),
      torch + QStringLiteral(";;") + keras, &chosen);
  if (path.isEmpty()) {
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  const CodeTarget target = chosen == keras ? CodeTarget::Keras : CodeTarget::PyTorch;
  QString error;
  if (!write(target, path, &error)) {
    QMessageBox::warning(parent, Text::tr("Export Training Script"), error);
  }
}

void askAndSaveSession(QWidget* parent, const TrainingConfigModel& model) {
  const QString path =
      askSavePath(parent, Text::tr("Save Session"), QStringLiteral("training.losslab.json"),
                  Text::tr("LossLab session (*.json)"));
  QString error;
  if (!path.isEmpty() && !model.saveSession(path, &error)) {
    QMessageBox::warning(parent, Text::tr("Save Session"), error);
  }
}

bool askAndOpenSession(QWidget* parent, TrainingConfigModel& model) {
  const QString path =
      QFileDialog::getOpenFileName(parent, Text::tr("Open Session"), Settings::exportDirectory(),
                                   Text::tr("LossLab session (*.json);;All files (*)"));
  if (path.isEmpty()) {
    return false;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  QString error;
  if (!model.loadSession(path, &error)) {
    QMessageBox::warning(parent, Text::tr("Open Session"),
                         Text::tr("The session was not opened; nothing changed.\n%1").arg(error));
    return false;
  }
  return true;
}

void askAndCopyCliCommands(QWidget* parent, const TrainingConfigModel& model) {
  if (!model.edits()->hasEdits()) {
    QApplication::clipboard()->setText(model.cliCommands());
    return;
  }
  const QString path =
      askSavePath(parent, Text::tr("Save the Edited Points for the Command"),
                  QStringLiteral("edited-points.csv"), Text::tr("CSV files (*.csv)"));
  QString commands;
  QString error;
  if (path.isEmpty()) {
    return;
  }
  if (!model.cliCommandsWithData(path, &commands, &error)) {
    QMessageBox::warning(parent, Text::tr("Export"), error);
    return;
  }
  QApplication::clipboard()->setText(commands);
}

}  // namespace losslab::ui
