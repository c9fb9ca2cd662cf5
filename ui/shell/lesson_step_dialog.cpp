// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/lesson_step_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <algorithm>

namespace losslab::ui {

LessonStepDialog::LessonStepDialog(const QString& fileName,
                                   bool newLesson,
                                   int stepNumber,
                                   bool trainingTab,
                                   int trainedEpochs,
                                   QWidget* parent)
    : QDialog(parent),
      m_title(new QLineEdit(this)),
      m_caption(new QPlainTextEdit(this)),
      m_tab(new QComboBox(this)),
      m_train(new QCheckBox(this)),
      m_epochs(new QSpinBox(this)) {
  setWindowTitle(tr("Add Step to Lesson"));
  auto* form = new QFormLayout;
  auto* where = new QLabel(newLesson ? tr("A new lesson, %1: step 1").arg(fileName)
                                     : tr("%1: step %2").arg(fileName).arg(stepNumber),
                           this);
  form->addRow(tr("Lesson file:"), where);
  if (newLesson) {
    m_lessonTitle = new QLineEdit(this);
    m_lessonTitle->setObjectName(QStringLiteral("lessonTitle"));
    m_lessonTitle->setPlaceholderText(tr("MSE vs MAE vs Huber"));
    form->addRow(tr("&Lesson title:"), m_lessonTitle);
  }
  m_title->setObjectName(QStringLiteral("stepTitle"));
  m_title->setPlaceholderText(tr("e.g. Huber, δ = 1"));
  m_title->setToolTip(tr("Shown in the status bar and, in presentation mode, over the plots"));
  form->addRow(tr("Step &title:"), m_title);
  m_caption->setObjectName(QStringLiteral("stepCaption"));
  m_caption->setPlaceholderText(tr("What the students should notice"));
  m_caption->setTabChangesFocus(true);
  m_caption->setFixedHeight(m_caption->fontMetrics().lineSpacing() * 4 + 12);
  form->addRow(tr("&Caption:"), m_caption);
  m_tab->setObjectName(QStringLiteral("stepTab"));
  m_tab->addItem(tr("Explorer"));
  m_tab->addItem(tr("Training"));
  m_tab->setCurrentIndex(trainingTab ? 1 : 0);
  m_tab->setToolTip(tr("The tab the step shows; both tabs are saved as they are now either way"));
  form->addRow(tr("&Shows:"), m_tab);
  m_train->setObjectName(QStringLiteral("trainWhenShown"));
  m_train->setText(tr("T&rain when shown:"));
  m_train->setChecked(trainedEpochs > 0);
  m_train->setToolTip(
      tr("A new run from the configuration's initial weights, trained this many "
         "epochs before the step is shown"));
  m_epochs->setObjectName(QStringLiteral("trainEpochs"));
  m_epochs->setRange(1, 100000);  // a lesson file's train_epochs limit
  m_epochs->setValue(std::max(1, trainedEpochs > 0 ? trainedEpochs : 300));
  m_epochs->setSuffix(tr(" epochs"));
  auto* trainRow = new QHBoxLayout;
  trainRow->addWidget(m_train);
  trainRow->addWidget(m_epochs);
  trainRow->addStretch(1);
  form->addRow(QString(), trainRow);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Add Step"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
  connect(m_title, &QLineEdit::textChanged, this, &LessonStepDialog::updateState);
  connect(m_tab, &QComboBox::currentIndexChanged, this, &LessonStepDialog::updateState);
  connect(m_train, &QCheckBox::toggled, this, &LessonStepDialog::updateState);
  m_ok = buttons->button(QDialogButtonBox::Ok);
  // Tab goes down the form as it reads (the lesson's title is made after the fields in the
  // initialiser list, and would otherwise come last).
  QWidget* previous = m_lessonTitle ? static_cast<QWidget*>(m_lessonTitle) : m_title;
  for (QWidget* next :
       std::initializer_list<QWidget*>{m_title, m_caption, m_tab, m_train, m_epochs, m_ok,
                                       buttons->button(QDialogButtonBox::Cancel)}) {
    if (next != previous) {
      setTabOrder(previous, next);
      previous = next;
    }
  }
  updateState();
  // The first thing to write: a new lesson's title, else the step's.
  (m_lessonTitle ? m_lessonTitle : m_title)->setFocus();
  resize(520, sizeHint().height());
}

void LessonStepDialog::updateState() {
  const bool training = m_tab->currentIndex() == 1;
  m_train->setEnabled(training);
  m_epochs->setEnabled(training && m_train->isChecked());
  m_ok->setEnabled(!m_title->text().trimmed().isEmpty());  // the title names the step
}

QString LessonStepDialog::lessonTitle() const {
  return m_lessonTitle ? m_lessonTitle->text().trimmed() : QString();
}

QString LessonStepDialog::title() const {
  return m_title->text().trimmed();
}

QString LessonStepDialog::caption() const {
  return m_caption->toPlainText().trimmed();
}

bool LessonStepDialog::trainingTab() const {
  return m_tab->currentIndex() == 1;
}

int LessonStepDialog::trainEpochs() const {
  return trainingTab() && m_train->isChecked() ? m_epochs->value() : 0;
}

}  // namespace losslab::ui
