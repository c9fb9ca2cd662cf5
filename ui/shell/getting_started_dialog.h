// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QPushButton;

namespace losslab::ui {

/// Help ▸ Getting Started: five steps through the MSE / MAE / Huber lesson, and a button that
/// opens it (the example lesson file, docs/mse-mae-huber.losslab, built into the program).
class GettingStartedDialog : public QDialog {
  Q_OBJECT

 public:
  explicit GettingStartedDialog(QWidget* parent = nullptr);

  QPushButton* openLessonButton() const { return m_openLesson; }

 signals:
  /// The user asked for the example lesson (the dialog closes).
  void openLessonRequested();

 private:
  QPushButton* m_openLesson;
};

}  // namespace losslab::ui
