// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/lesson_player.h"

#include <QAction>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTabWidget>

#include "core/engine/error.h"
#include "ui/explorer/arrow_annotations.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/presets.h"
#include "ui/explorer/text_annotations.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_presets.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

namespace {

/// The explorer scene of a step with curves of its own; the caption is the step's.
Preset sceneOf(const LessonStep& step) {
  Preset scene;
  scene.title = QString::fromStdString(step.title);
  scene.caption = QString::fromStdString(step.caption);
  for (const LessonCurve& curve : step.explorer->curves) {
    scene.curves.push_back({QString::fromStdString(curve.loss), curve.params, {}, {}});
  }
  scene.from = step.explorer->from;
  scene.to = step.explorer->to;
  scene.showSecondDerivative = step.explorer->secondDerivative;
  return scene;
}

/// The step's notes, arrows, threshold markers and y ranges, over the curves just shown.
void decorate(ExplorerView* explorer, const LessonExplorer& step) {
  QJsonArray notes;
  for (const LessonNote& n : step.notes) {
    notes.append(QJsonObject{{QStringLiteral("text"), QString::fromStdString(n.text)},
                             {QStringLiteral("x"), n.x},
                             {QStringLiteral("y"), n.y},
                             {QStringLiteral("panel"), QLatin1String(kLessonPanelNames[n.panel])}});
  }
  QJsonArray arrows;
  for (const LessonArrow& a : step.arrows) {
    arrows.append(
        QJsonObject{{QStringLiteral("from"), QJsonArray{a.fromX, a.fromY}},
                    {QStringLiteral("to"), QJsonArray{a.toX, a.toY}},
                    {QStringLiteral("panel"), QLatin1String(kLessonPanelNames[a.panel])}});
  }
  QString error;  // the lesson file checked them: never refused
  explorer->textAnnotations()->fromJson(notes, &error);
  explorer->arrows()->fromJson(arrows, &error);
  if (step.thresholds) {
    explorer->actions().showThresholds->setChecked(*step.thresholds);
  }
  if (step.formulas) {
    explorer->actions().showFormulas->setChecked(*step.formulas);
  }
  for (int panel = 0; panel < kLessonPanels; ++panel) {
    if (const auto& range = step.yRanges[panel]) {
      explorer->plot()->setYRange(panel, range->from, range->to);
    }
  }
}

const TrainingPreset* presetOf(const TrainingConfig& c) {
  for (const TrainingPreset& preset : trainingPresets()) {
    const TrainingConfig& p = preset.config;
    if (p.data == c.data && p.network == c.network && p.seed == c.seed && p.epochs == c.epochs &&
        p.compare == c.compare && p.compareLosses == c.compareLosses && p.loss == c.loss &&
        p.optimizer == c.optimizer) {
      return &preset;
    }
  }
  return nullptr;
}

}  // namespace

LessonPlayer::LessonPlayer(MainWindow* window) : QObject(window), m_window(window) {}

bool LessonPlayer::open(const QString& path, int step, QString* error) {
  const QString name = QFileInfo(path).fileName();
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) {
      *error = tr("%1: cannot read the lesson file (%2)").arg(name, file.errorString());
    }
    return false;
  }
  Lesson lesson;
  try {
    lesson = lessonFromJson(file.readAll().toStdString());
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
      const LessonStep& s = lesson.steps[i];
      if (s.explorerSource == static_cast<int>(i) && !s.explorer->preset.empty() &&
          !findPreset(QString::fromStdString(s.explorer->preset))) {
        throw Error::data("\"steps[" + std::to_string(i) + "].explorer.preset\": unknown preset '" +
                          s.explorer->preset + "'");
      }
    }
  } catch (const Error& e) {
    if (error) {
      *error = QStringLiteral("%1: %2").arg(name, QString::fromUtf8(e.what()));
    }
    return false;
  }
  if (step < 0 || step >= static_cast<int>(lesson.steps.size())) {
    if (error) {
      *error = tr("%1: there is no step %2 (the lesson has %3)")
                   .arg(name)
                   .arg(step + 1)
                   .arg(lesson.steps.size());
    }
    return false;
  }
  m_lesson = std::move(lesson);
  m_path = path;
  m_explorerShown = -1;
  m_trainingShown = -1;
  m_current = -1;
  return goTo(step, error);
}

bool LessonPlayer::reload(QString* error) {
  if (!m_lesson) {
    return false;
  }
  try {
    Lesson lesson = readLesson(m_path.toStdString());
    if (m_current >= static_cast<int>(lesson.steps.size())) {
      throw Error::data("it has fewer steps than before");
    }
    m_lesson = std::move(lesson);
  } catch (const Error& e) {
    if (error) {
      *error = QString::fromUtf8(e.what());
    }
    return false;
  }
  emit stepShown(stepText());  // Next Step is enabled again
  return true;
}

bool LessonPlayer::goTo(int index, QString* error) {
  if (!m_lesson || index < 0 || index >= stepCount()) {
    if (error) {
      *error = m_lesson
                   ? tr("There is no step %1 (the lesson has %2).").arg(index + 1).arg(stepCount())
                   : tr("No lesson is open.");
    }
    return false;
  }
  m_current = index;
  apply(m_lesson->steps[static_cast<std::size_t>(index)]);
  emit stepShown(stepText());
  return true;
}

bool LessonPlayer::next() {
  return m_lesson && m_current + 1 < stepCount() && goTo(m_current + 1);
}

bool LessonPlayer::previous() {
  return m_lesson && m_current > 0 && goTo(m_current - 1);
}

QString LessonPlayer::stepText() const {
  if (!m_lesson || m_current < 0) {
    return {};
  }
  const LessonStep& step = m_lesson->steps[static_cast<std::size_t>(m_current)];
  QString text = tr("Step %1/%2: %3")
                     .arg(m_current + 1)
                     .arg(stepCount())
                     .arg(QString::fromStdString(step.title));
  if (!step.caption.empty()) {
    text += QStringLiteral(" — ") + QString::fromStdString(step.caption);
  }
  return text;
}

void LessonPlayer::apply(const LessonStep& step) {
  ExplorerView* explorer = m_window->explorer();
  if (step.explorer && step.explorerSource != m_explorerShown) {
    if (step.explorer->preset.empty()) {
      explorer->showScene(sceneOf(step));
      explorer->actions().showSecondDerivative->setChecked(step.explorer->secondDerivative);
    } else {
      const QString id = QString::fromStdString(step.explorer->preset);
      explorer->applyPreset(id);
      explorer->actions().showSecondDerivative->setChecked(findPreset(id)->showSecondDerivative);
    }
    decorate(explorer, *step.explorer);
    m_explorerShown = step.explorerSource;
  }
  TrainingView* training = m_window->trainingView();
  if (step.training && step.trainingSource != m_trainingShown) {
    // Checked when the file was read (sessionFromJson, fullConfigProblem). A training
    // preset's configuration comes with its caption; any compare run, with the log history
    // that shows MSE's large error beside the others'.
    const TrainingPreset* preset = presetOf(*step.training);
    if (preset) {
      training->applyTrainingPreset(preset->id);
    } else {
      training->applySession(*step.training);
      training->setLogHistory(step.training->compare);
    }
    if (!step.caption.empty()) {  // the step's words, not its preset's
      training->showLessonCaption(QString::fromStdString(step.title),
                                  QString::fromStdString(step.caption));
    }
    m_trainingShown = step.trainingSource;
    // The new run reaches the history only once the worker reports it: without this, the
    // previous run's epochs would count for this step's train_epochs.
    training->controller()->flush();
  }
  m_window->tabs()->setCurrentIndex(step.trainingTab ? MainWindow::TrainingTab
                                                     : MainWindow::ExplorerTab);
  if (step.trainEpochs > 0 && training->historyLength(0) < step.trainEpochs) {
    training->trainEpochsBlocking(step.trainEpochs - training->historyLength(0));
  }
}

}  // namespace losslab::ui
