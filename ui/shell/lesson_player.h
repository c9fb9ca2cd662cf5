// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <optional>

#include "core/training/lesson_file.h"

namespace losslab::ui {

class MainWindow;

/// Plays a lesson file (core/training/lesson_file.h) in the main window: each step sets the
/// explorer's curves (a preset or curves of its own, the second-derivative panel, the x range),
/// the Training tab's configuration (a new run, trained `train_epochs` epochs headless) and the
/// tab shown. A state that the step shares with the step shown before is left as it is (the
/// run is not retrained when only the tab changes).
class LessonPlayer : public QObject {
  Q_OBJECT

 public:
  explicit LessonPlayer(MainWindow* window);

  /// Reads the lesson at `path` (a file or a Qt resource, ":/lessons/…") and shows step
  /// `step` (0-based). On any error (unreadable, invalid, an unknown preset, a step out of
  /// range) nothing changes and `error` names the file and the key.
  bool open(const QString& path, int step = 0, QString* error = nullptr);
  /// Shows step `index` (0-based); false (nothing changed, `error` set) when out of range.
  bool goTo(int index, QString* error = nullptr);
  bool next();
  bool previous();

  bool isOpen() const { return m_lesson.has_value(); }
  /// The open lesson's file (empty if none).
  QString path() const { return m_path; }
  /// Reads the open lesson's file again, staying at the step shown (steps were added to it:
  /// LessonRecorder). false, and the lesson as it was, if it no longer reads.
  bool reload(QString* error = nullptr);
  const Lesson* lesson() const { return m_lesson ? &*m_lesson : nullptr; }
  int current() const { return m_current; }
  int stepCount() const { return m_lesson ? static_cast<int>(m_lesson->steps.size()) : 0; }
  /// "Step k/n: title — caption" of the step shown (empty when no lesson is open).
  QString stepText() const;

 signals:
  /// A step was shown; `text` is stepText().
  void stepShown(const QString& text);

 private:
  void apply(const LessonStep& step);

  MainWindow* m_window;
  std::optional<Lesson> m_lesson;
  QString m_path;
  int m_current = -1;
  int m_explorerShown = -1;  // the explorerSource / trainingSource last applied
  int m_trainingShown = -1;
};

}  // namespace losslab::ui
