// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/lesson_recorder.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/training/lesson_writer.h"
#include "ui/common/save_file.h"
#include "ui/common/settings.h"
#include "ui/explorer/arrow_annotations.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/text_annotations.h"
#include "ui/shell/lesson_player.h"
#include "ui/shell/lesson_step_dialog.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

LessonRecorder::LessonRecorder(MainWindow* window) : QObject(window), m_window(window) {}

LessonStep LessonRecorder::currentStep(const QString& title,
                                       const QString& caption,
                                       bool trainingTab,
                                       int trainEpochs,
                                       QStringList* skipped) const {
  const ExplorerView* view = m_window->explorer();
  const CurveModel* model = view->model();
  const LossCurvePlot* plot = view->plot();
  LessonExplorer e;
  for (int i = 0; i < model->count(); ++i) {
    const CurveItem& curve = model->curve(i);
    if (!curve.visible) {
      continue;  // the picture is what is shown
    }
    const std::string id = curve.lossId.toStdString();
    if (!LossRegistry::instance().find(id)) {
      if (skipped) {
        *skipped << curve.name;
      }
      continue;
    }
    e.curves.push_back({id, curve.params});
  }
  e.secondDerivative = plot->secondDerivativeVisible();
  e.from = plot->xFrom();
  e.to = plot->xTo();
  for (int panel = 0; panel < kLessonPanels; ++panel) {
    if (panel < 2 || e.secondDerivative) {
      e.yRanges[panel] = LessonRange{plot->yFrom(panel), plot->yTo(panel)};
    }
  }
  e.thresholds = view->actions().showThresholds->isChecked();
  e.formulas = view->actions().showFormulas->isChecked();
  const TextAnnotations* notes = view->textAnnotations();
  for (int i = 0; i < notes->count(); ++i) {
    const TextAnnotations::Note n = notes->note(i);
    e.notes.push_back({n.text.toStdString(), n.at.x(), n.at.y(), n.panel});
  }
  const ArrowAnnotations* arrows = view->arrows();
  for (int i = 0; i < arrows->count(); ++i) {
    const ArrowAnnotations::Arrow a = arrows->arrow(i);
    e.arrows.push_back({a.from.x(), a.from.y(), a.to.x(), a.to.y(), a.panel});
  }
  LessonStep step;
  step.title = title.toStdString();
  step.caption = caption.toStdString();
  step.trainingTab = trainingTab;
  step.explorer = std::move(e);
  step.training = m_window->trainingView()->session();
  step.trainEpochs = trainingTab ? trainEpochs : 0;
  return step;
}

bool LessonRecorder::appendStep(const QString& path,
                                const LessonStep& step,
                                const QString& lessonTitle,
                                QString* error) {
  const QString name = QFileInfo(path).fileName();
  QByteArray existing;
  if (QFile::exists(path)) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
      *error = tr("%1: cannot read the lesson file (%2)").arg(name, file.errorString());
      return false;
    }
    existing = file.readAll();
  }
  std::string text;
  try {
    text = appendLessonStep(existing.toStdString(), step, lessonTitle.toStdString());
  } catch (const Error& e) {
    *error = tr("%1 is left as it was: %2").arg(name, QString::fromUtf8(e.what()));
    return false;
  }
  return saveFile(path, QByteArray::fromStdString(text), error);
}

void LessonRecorder::addStepInteractively() {
  LessonPlayer* player = m_window->lessonPlayer();
  const QString start = !player->path().isEmpty()
                            ? player->path()
                            : Settings::exportDirectory() + QStringLiteral("/lecture.losslab");
  QString path = QFileDialog::getSaveFileName(
      m_window, tr("Add Step to Lesson"), start, tr("LossLab lessons (*.losslab)"), nullptr,
      QFileDialog::DontConfirmOverwrite);  // an existing lesson gets one more step
  if (path.isEmpty()) {
    return;
  }
  if (QFileInfo(path).suffix().isEmpty()) {
    path += QStringLiteral(".losslab");
  }
  // The step's number: one past the file's steps (a file that is not a lesson is refused when
  // the step is added, with the reason).
  int steps = 0;
  const bool exists = QFile::exists(path);
  if (exists) {
    try {
      steps = static_cast<int>(readLesson(path.toStdString()).steps.size());
    } catch (const Error& e) {
      QMessageBox::warning(m_window, tr("Add Step to Lesson"),
                           tr("Nothing was written: %1").arg(QString::fromUtf8(e.what())));
      return;
    }
  }
  TrainingView* training = m_window->trainingView();
  const bool onTraining = m_window->tabs()->currentIndex() == MainWindow::TrainingTab;
  LessonStepDialog dialog(QFileInfo(path).fileName(), !exists, steps + 1, onTraining,
                          training->historyLength(0), m_window);
  if (dialog.exec() != QDialog::Accepted) {
    return;
  }
  QStringList skipped;
  const LessonStep step = currentStep(dialog.title(), dialog.caption(), dialog.trainingTab(),
                                      dialog.trainEpochs(), &skipped);
  QString error;
  if (!appendStep(path, step, dialog.lessonTitle(), &error)) {
    QMessageBox::warning(m_window, tr("Add Step to Lesson"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  if (QFileInfo(path) == QFileInfo(player->path())) {
    player->reload();  // the open lesson has the new step: Page Down reaches it
  }
  QString message = tr("Step %1 added to %2").arg(steps + 1).arg(QFileInfo(path).fileName());
  if (!skipped.isEmpty()) {
    message += tr(" (without %1: a lesson holds catalogue losses only)")
                   .arg(skipped.join(QStringLiteral(", ")));
  }
  m_window->statusBar()->showMessage(message, 8000);
}

}  // namespace losslab::ui
