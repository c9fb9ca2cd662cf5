// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace losslab::ui {

/// File ▸ Add Step to Lesson…: the words of the new step (its title, the caption shown under
/// it), which tab it shows and how many epochs it trains when it is shown. The lesson's own
/// title is asked only when the file is new.
class LessonStepDialog : public QDialog {
  Q_OBJECT

 public:
  /// `stepNumber`: the new step's number in the lesson; `trainingTab`: the tab shown now;
  /// `trainedEpochs`: the epochs trained so far (what the step trains when shown).
  LessonStepDialog(const QString& fileName,
                   bool newLesson,
                   int stepNumber,
                   bool trainingTab,
                   int trainedEpochs,
                   QWidget* parent = nullptr);

  QString lessonTitle() const;
  QString title() const;
  QString caption() const;
  bool trainingTab() const;
  /// 0 for an explorer step or when "Train when shown" is off.
  int trainEpochs() const;

 private:
  void updateState();

  QLineEdit* m_lessonTitle = nullptr;  // nullptr for an existing lesson
  QLineEdit* m_title;
  QPlainTextEdit* m_caption;
  QComboBox* m_tab;
  QCheckBox* m_train;
  QSpinBox* m_epochs;
  QPushButton* m_ok = nullptr;
};

}  // namespace losslab::ui
