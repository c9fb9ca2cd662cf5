// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "core/training/lesson_file.h"

namespace losslab::ui {

class MainWindow;

/// File ▸ Add Step to Lesson…: what both tabs show now becomes the next step of a lesson file
/// (core/training/lesson_writer.h), so a teacher prepares a lecture in the app itself and
/// plays it with LessonPlayer. The counterpart of LessonPlayer: what it records, the player
/// shows again.
class LessonRecorder : public QObject {
  Q_OBJECT

 public:
  explicit LessonRecorder(MainWindow* window);

  /// The window's state as a step with these words: the explorer's visible catalogue curves
  /// with their parameters, the x range and each shown panel's y range, the second-derivative
  /// panel, threshold markers, formulas in the legend, notes and arrows; and the Training tab's
  /// configuration. Curves that a lesson cannot hold (formulas of the user's) are left out and
  /// named in `skipped`.
  LessonStep currentStep(const QString& title,
                         const QString& caption,
                         bool trainingTab,
                         int trainEpochs,
                         QStringList* skipped = nullptr) const;
  /// Appends `step` to the lesson at `path` (a new lesson titled `lessonTitle` if no file is
  /// there), atomically: a file that is not a lesson, or a write that fails, leaves the file
  /// as it was and says why in `error`.
  static bool appendStep(const QString& path,
                         const LessonStep& step,
                         const QString& lessonTitle,
                         QString* error);

  /// Asks for the file and the step's words, then appends; the outcome in the status bar.
  void addStepInteractively();

 private:
  MainWindow* m_window;
};

}  // namespace losslab::ui
