// SPDX-License-Identifier: GPL-3.0-or-later
// File ▸ Add Step to Lesson… (issue 14 item 4): a teacher sets up both tabs and records them as
// the lesson's next step. What is recorded plays back as it was in a fresh window (the
// LessonPlayer is the judge); a file that is not a lesson is refused and left as it was; the
// open lesson reaches the new step with Page Down.
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "ui/common/settings.h"
#include "ui/explorer/arrow_annotations.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/text_annotations.h"
#include "ui/shell/lesson_player.h"
#include "ui/shell/lesson_recorder.h"
#include "ui/shell/lesson_step_dialog.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

const QString kExample = QStringLiteral(LOSSLAB_SOURCE_DIR "/docs/mse-mae-huber.losslab");

QByteArray contents(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestLessonRecorder : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void recordedStepsPlayBackAsTheyWere();
  void aFileThatIsNotALessonIsLeftAsItWas();
  void theOpenLessonReachesTheNewStep();
  void dialogNeedsATitle();
  void tabGoesDownTheForm();
};

void TestLessonRecorder::recordedStepsPlayBackAsTheyWere() {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("lecture.losslab"));
  MainWindow teacher;
  QString error;
  // Step 4 of the example: MSE, MAE and Huber with the curvature panel; then δ = 0.4, an x
  // range of our own, a note and an arrow.
  QVERIFY2(teacher.openLesson(kExample, 3, &error), qPrintable(error));
  ExplorerView* explorer = teacher.explorer();
  QVERIFY(explorer->model()->setParams(2, {{"delta", 0.4}}));
  explorer->plot()->setXRange(-2.5, 4);
  explorer->plot()->setYRange(0, -0.25, 6);
  explorer->textAnnotations()->add({QStringLiteral("δ = 0.4"), QPointF(1, 2), 0});
  explorer->arrows()->add({QPointF(2, 1), QPointF(0.4, 0.1), 1});
  LessonRecorder* recorder = teacher.lessonRecorder();
  QVERIFY2(
      LessonRecorder::appendStep(path,
                                 recorder->currentStep(QStringLiteral("Small δ"),
                                                       QStringLiteral("Closer to MAE."), false, 0),
                                 QStringLiteral("My lecture"), &error),
      qPrintable(error));
  // The Training tab: the outliers lesson at 35 %, trained 40 epochs when shown.
  TrainingView* training = teacher.trainingView();
  training->applyOutliersPreset();
  training->model()->edit([](TrainingConfig& c) { c.data.outlierFraction = 0.35; });
  const TrainingConfig trained = training->session();
  QVERIFY2(LessonRecorder::appendStep(
               path, recorder->currentStep(QStringLiteral("35 %"), {}, true, 40), {}, &error),
           qPrintable(error));

  MainWindow student;
  QVERIFY2(student.openLesson(path, 0, &error), qPrintable(error));
  QCOMPARE(student.lessonPlayer()->stepCount(), 2);
  ExplorerView* shown = student.explorer();
  QCOMPARE(shown->model()->count(), 3);
  QCOMPARE(shown->model()->curve(2).lossId, QStringLiteral("huber"));
  QCOMPARE(shown->model()->curve(2).params.at("delta"), 0.4);
  QVERIFY(shown->plot()->secondDerivativeVisible());
  QCOMPARE(shown->plot()->xFrom(), -2.5);
  QCOMPARE(shown->plot()->xTo(), 4.0);
  QCOMPARE(shown->plot()->yFrom(0), -0.25);
  QCOMPARE(shown->plot()->yTo(0), 6.0);
  // The step's own notes and arrows, and the two added.
  QCOMPARE(shown->textAnnotations()->count(), explorer->textAnnotations()->count());
  const int lastNote = shown->textAnnotations()->count() - 1;
  QCOMPARE(shown->textAnnotations()->note(lastNote).text, QStringLiteral("δ = 0.4"));
  QCOMPARE(shown->textAnnotations()->note(lastNote).at, QPointF(1, 2));
  QCOMPARE(shown->arrows()->count(), explorer->arrows()->count());
  const int lastArrow = shown->arrows()->count() - 1;
  QCOMPARE(shown->arrows()->arrow(lastArrow).panel, 1);
  QCOMPARE(shown->arrows()->arrow(lastArrow).to, QPointF(0.4, 0.1));
  QCOMPARE(student.tabs()->currentIndex(), int(MainWindow::ExplorerTab));

  QVERIFY(student.lessonPlayer()->next());
  QCOMPARE(student.tabs()->currentIndex(), int(MainWindow::TrainingTab));
  QCOMPARE(student.trainingView()->session().data.outlierFraction, 0.35);
  QVERIFY(student.trainingView()->session().compareLosses == trained.compareLosses);
  QCOMPARE(student.trainingView()->historyLength(0), 40);
}

void TestLessonRecorder::aFileThatIsNotALessonIsLeftAsItWas() {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("notes.losslab"));
  const QByteArray notes = "{\"format\": \"losslab-session\"}\n";
  {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(notes);
  }
  MainWindow window;
  QString error;
  QVERIFY(!LessonRecorder::appendStep(
      path, window.lessonRecorder()->currentStep(QStringLiteral("x"), {}, false, 0), {}, &error));
  QVERIFY2(error.contains(QStringLiteral("left as it was")) &&
               error.contains(QStringLiteral("not a LossLab lesson")),
           qPrintable(error));
  QCOMPARE(contents(path), notes);
}

void TestLessonRecorder::theOpenLessonReachesTheNewStep() {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("copy.losslab"));
  QVERIFY(QFile::copy(kExample, path));
  MainWindow window;
  QString error;
  QVERIFY2(window.openLesson(path, 5, &error), qPrintable(error));
  QVERIFY(!window.lessonPlayer()->next());  // the last step
  QVERIFY(LessonRecorder::appendStep(
      path, window.lessonRecorder()->currentStep(QStringLiteral("Seven"), {}, false, 0), {},
      &error));
  QVERIFY(window.lessonPlayer()->reload(&error));
  QCOMPARE(window.lessonPlayer()->current(), 5);
  QVERIFY(window.lessonPlayer()->next());
  QCOMPARE(window.lessonPlayer()->current(), 6);
  QVERIFY(window.lessonPlayer()->stepText().contains(QStringLiteral("Seven")));
}

void TestLessonRecorder::dialogNeedsATitle() {
  LessonStepDialog dialog(QStringLiteral("new.losslab"), true, 1, true, 120);
  auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
  QVERIFY(!ok->isEnabled());
  dialog.findChild<QLineEdit*>(QStringLiteral("stepTitle"))->setText(QStringLiteral("  "));
  QVERIFY(!ok->isEnabled());
  dialog.findChild<QLineEdit*>(QStringLiteral("stepTitle"))->setText(QStringLiteral("MSE"));
  QVERIFY(ok->isEnabled());
  dialog.findChild<QLineEdit*>(QStringLiteral("lessonTitle"))->setText(QStringLiteral("L"));
  QCOMPARE(dialog.lessonTitle(), QStringLiteral("L"));
  QVERIFY(dialog.trainingTab());
  QCOMPARE(dialog.trainEpochs(), 120);  // what has been trained
}

void TestLessonRecorder::tabGoesDownTheForm() {
  // Before: Tab in "Lesson title" jumped to Cancel, and the space of the step title typed next
  // pressed it (seen driving the dialog with xdotool).
  LessonStepDialog dialog(QStringLiteral("new.losslab"), true, 1, true, 120);
  dialog.show();
  QVERIFY(QTest::qWaitForWindowExposed(&dialog));
  auto* lessonTitle = dialog.findChild<QLineEdit*>(QStringLiteral("lessonTitle"));
  QTRY_COMPARE(QApplication::focusWidget(), lessonTitle);
  QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
  QCOMPARE(QApplication::focusWidget(), dialog.findChild<QLineEdit*>(QStringLiteral("stepTitle")));
  QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
  QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("stepCaption"));
  QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
  QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("stepTab"));
}

QTEST_MAIN(TestLessonRecorder)
#include "tst_lesson_recorder.moc"
