// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson files (issue 14 item 4): docs/mse-mae-huber.losslab parses and plays step by step
// (forward, back, Page Down / Page Up); bad files name the key and change nothing; the headless
// `losslab --lesson FILE --step N --screenshot OUT.png` writes the step's picture.
#include <qcustomplot.h>
#include <QAction>
#include <QImage>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/engine/error.h"
#include "core/training/lesson_file.h"
#include "ui/common/settings.h"
#include "ui/explorer/arrow_annotations.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/text_annotations.h"
#include "ui/explorer/threshold_markers.h"
#include "ui/shell/lesson_player.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

const QString kExample = QStringLiteral(LOSSLAB_SOURCE_DIR "/docs/mse-mae-huber.losslab");

QStringList curveIds(const ExplorerView& explorer) {
  QStringList ids;
  for (int i = 0; i < explorer.model()->count(); ++i) {
    ids << QString::fromStdString(std::string(explorer.model()->curve(i).loss->info().id));
  }
  return ids;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& contents) {
  const QString path = dir.filePath(name);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    return {};
  }
  file.write(contents);
  return path;
}

}  // namespace

class TestLessonFile : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void exampleLessonParses();
  void steppingAppliesEachStep();
  void pageKeysStep();
  void badFilesNameTheKeyAndChangeNothing_data();
  void badFilesNameTheKeyAndChangeNothing();
  void badStepIndexChangesNothing();
  void stepsSetAnnotationsArrowsMarkersAndYRanges();
  void builtInExampleIsTheShippedFile();
  void headlessScreenshotOfAStep();
};

void TestLessonFile::exampleLessonParses() {
  const Lesson lesson = readLesson(kExample.toStdString());
  QCOMPARE(lesson.steps.size(), std::size_t{6});
  QCOMPARE(lesson.title, std::string("MSE vs MAE vs Huber: why robust losses matter"));
  // Steps 1–4 are the explorer with 1, 2, 3, 3 curves; 4 adds the second derivative.
  const std::size_t counts[] = {1, 2, 3, 3};
  for (std::size_t i = 0; i < 4; ++i) {
    QVERIFY(!lesson.steps[i].trainingTab);
    QCOMPARE(lesson.steps[i].explorer->curves.size(), counts[i]);
    QCOMPARE(lesson.steps[i].explorer->secondDerivative, i == 3);
  }
  QCOMPARE(lesson.steps[2].explorer->curves[2].loss, std::string("huber"));
  QCOMPARE(lesson.steps[2].explorer->curves[2].params.at("delta"), 1.0);
  // 5 and 6: the Training tab, 300 epochs, 15 % and 35 % one-sided outliers.
  for (std::size_t i = 4; i < 6; ++i) {
    QVERIFY(lesson.steps[i].trainingTab);
    QCOMPARE(lesson.steps[i].trainEpochs, 300);
    QCOMPARE(lesson.steps[i].training->data.outlierSide, OutlierSide::Up);
    QVERIFY(lesson.steps[i].explorer);  // kept from step 4
  }
  QCOMPARE(lesson.steps[4].training->data.outlierFraction, 0.15);
  QCOMPARE(lesson.steps[5].training->data.outlierFraction, 0.35);
}

void TestLessonFile::steppingAppliesEachStep() {
  MainWindow window;
  QString error;
  QVERIFY2(window.openLesson(kExample, 0, &error), qPrintable(error));
  LessonPlayer* player = window.lessonPlayer();
  ExplorerView* explorer = window.explorer();
  const QStringList all = {QStringLiteral("mean_squared_error"),
                           QStringLiteral("mean_absolute_error"), QStringLiteral("huber")};
  for (int step = 0; step < 4; ++step) {
    if (step > 0) {
      QVERIFY(player->next());
    }
    QCOMPARE(player->current(), step);
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ExplorerTab));
    QCOMPARE(curveIds(*explorer), all.mid(0, std::min(step + 1, 3)));
    QCOMPARE(explorer->plot()->secondDerivativeVisible(), step == 3);
    QVERIFY(window.statusBar()->currentMessage().startsWith(
        QStringLiteral("Step %1/6: ").arg(step + 1)));
  }
  QCOMPARE(explorer->model()->curve(2).params.at("delta"), 1.0);
  QVERIFY(player->next());  // 5: the outliers lesson, trained
  QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::TrainingTab));
  const TrainingConfig& config = window.trainingView()->model()->config();
  QCOMPARE(config.data.outlierFraction, 0.15);
  QCOMPARE(config.data.outlierMagnitude, 20.0);
  QCOMPARE(config.data.outlierSide, OutlierSide::Up);
  QVERIFY(config.network.hidden.empty());
  QVERIFY(config.compare);
  QCOMPARE(config.compareLosses.size(), std::size_t{3});
  QCOMPARE(window.trainingView()->historyLength(0), 300);
  QVERIFY(!window.trainingView()->lessonCaption().isEmpty());  // the preset's caption
  // MSE's line is lifted by the outliers' mean: about 0.15 × 20 = 3 above the clean line.
  const double lifted15 = window.trainingView()->latestEpoch(0).clean.cleanMae;
  QVERIFY2(lifted15 > 2 && lifted15 < 4, qPrintable(QString::number(lifted15)));
  QVERIFY(player->next());  // 6: 35 %, a new run trained 300 epochs
  QCOMPARE(window.trainingView()->model()->config().data.outlierFraction, 0.35);
  QCOMPARE(window.trainingView()->historyLength(0), 300);
  // About 0.35 × 20 = 7 now (it stayed at step 5's 3 when the step did not train).
  const double lifted35 = window.trainingView()->latestEpoch(0).clean.cleanMae;
  QVERIFY2(lifted35 > 5.5 && lifted35 < 8.5, qPrintable(QString::number(lifted35)));
  QVERIFY(window.statusBar()->currentMessage().startsWith(QStringLiteral("Step 6/6: 35 %")));
  // The Training tab's caption is the step's, not the outliers preset's it started from.
  QVERIFY2(window.trainingView()->lessonCaption().startsWith(QStringLiteral("More outliers")),
           qPrintable(window.trainingView()->lessonCaption()));
  QVERIFY(!player->next());  // the last step
  QCOMPARE(player->current(), 5);
  // Back: 5 retrains 15 %, 4 shows the explorer with its second derivative.
  QVERIFY(player->previous());
  QCOMPARE(window.trainingView()->model()->config().data.outlierFraction, 0.15);
  QVERIFY(player->previous());
  QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ExplorerTab));
  QVERIFY(explorer->plot()->secondDerivativeVisible());
  QVERIFY(player->previous());
  QVERIFY(player->previous());
  QVERIFY(player->previous());
  QCOMPARE(curveIds(*explorer), QStringList{QStringLiteral("mean_squared_error")});
  QVERIFY(!player->previous());
}

void TestLessonFile::pageKeysStep() {
  MainWindow window;
  window.show();
  window.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&window));
  QVERIFY(window.openLesson(kExample));
  // The keys come from the window's actions (so Help ▸ Keyboard Shortcuts lists them).
  bool found = false;
  for (const QAction* action : window.findChildren<QAction*>()) {
    found = found || action->shortcut() == QKeySequence(Qt::Key_PageDown);
  }
  QVERIFY(found);
  QTest::keyClick(&window, Qt::Key_PageDown);
  QCOMPARE(window.lessonPlayer()->current(), 1);
  QCOMPARE(window.explorer()->model()->count(), 2);
  QTest::keyClick(&window, Qt::Key_PageDown);
  QCOMPARE(window.explorer()->model()->count(), 3);
  QTest::keyClick(&window, Qt::Key_PageUp);
  QCOMPARE(window.lessonPlayer()->current(), 1);
  QCOMPARE(window.explorer()->model()->count(), 2);
  // In presentation mode (menus hidden) too.
  window.setPresentationMode(true);
  QTest::keyClick(&window, Qt::Key_PageDown);
  QCOMPARE(window.lessonPlayer()->current(), 2);
  window.setPresentationMode(false);
}

void TestLessonFile::badFilesNameTheKeyAndChangeNothing_data() {
  QTest::addColumn<QByteArray>("contents");
  QTest::addColumn<QString>("expected");
  const QByteArray head = R"({"format": "losslab-lesson", "version": 1, "steps": [)";
  QTest::newRow("not JSON") << QByteArray("{\"format\": ") << QStringLiteral("not valid JSON");
  QTest::newRow("wrong format") << QByteArray(R"({"format": "losslab-session", "version": 1})")
                                << QStringLiteral("\"format\"");
  QTest::newRow("newer version") << QByteArray(R"({"format": "losslab-lesson", "version": 2})")
                                 << QStringLiteral("\"version\" 2 is newer");
  QTest::newRow("huge version")
      << QByteArray(R"({"format": "losslab-lesson", "version": 1e300, "steps": [{}]})")
      << QStringLiteral("\"version\" must be a whole number");
  QTest::newRow("epochs, no training")
      << head + R"({"train_epochs": 10}]})" << QStringLiteral("\"steps[0].train_epochs\"");
  QTest::newRow("no steps") << QByteArray(R"({"format": "losslab-lesson", "version": 1})")
                            << QStringLiteral("\"steps\"");
  QTest::newRow("unknown loss")
      << head + R"({"explorer": {"curves": [{"loss": "mean_squared_error"}, {"loss": "hubr"}]}}]})"
      << QStringLiteral("\"steps[0].explorer.curves[1].loss\": unknown loss 'hubr'");
  QTest::newRow("bad parameter")
      << head + R"({}, {"explorer": {"curves": [{"loss": "huber", "params": {"delta": -1}}]}}]})"
      << QStringLiteral("\"steps[1].explorer.curves[0].params\"");
  QTest::newRow("unknown preset") << head + R"({"explorer": {"preset": "no-such"}}]})"
                                  << QStringLiteral("\"steps[0].explorer.preset\"");
  QTest::newRow("bad tab") << head + R"({"tab": "sweep"}]})" << QStringLiteral("\"steps[0].tab\"");
  QTest::newRow("bad training") << head +
                                       R"({"training": {"format": "losslab-session", "version": 1,
                                 "optimizer": {"lr": "fast"}}}]})"
                                << QStringLiteral(
                                       "\"steps[0].training\": \"optimizer.lr\" must be a number");
  QTest::newRow("bad x range")
      << head + R"({"explorer": {"curves": [{"loss": "huber"}], "x_range": [3, -3]}}]})"
      << QStringLiteral("\"steps[0].explorer.x_range\"");
  QTest::newRow("bad y range")
      << head + R"({"explorer": {"preset": "mse-mae-huber", "y_ranges": {"loss": [1, 1]}}}]})"
      << QStringLiteral("\"steps[0].explorer.y_ranges.loss\" must be [from, to] with from < to");
  QTest::newRow("y range of no panel")
      << head + R"({"explorer": {"preset": "mse-mae-huber", "y_ranges": {"fit": [0, 1]}}}]})"
      << QStringLiteral("\"steps[0].explorer.y_ranges.fit\"");
  QTest::newRow("arrow of no panel")
      << head + R"({"explorer": {"preset": "mse-mae-huber", "arrows": [{"from": [0, 1],
                    "to": [1, 1], "panel": "history"}]}}]})"
      << QStringLiteral("\"steps[0].explorer.arrows[0].panel\"");
  QTest::newRow("arrow without head")
      << head + R"({"explorer": {"preset": "mse-mae-huber", "arrows": [{"from": [0, 1]}]}}]})"
      << QStringLiteral("\"steps[0].explorer.arrows[0]\"");
  QTest::newRow("note without y") << head + R"({"explorer": {"preset": "mse-mae-huber",
                    "annotations": [{"text": "a", "x": 1}]}}]})"
                                  << QStringLiteral("\"steps[0].explorer.annotations[0]\"");
  QTest::newRow("thresholds not a bool")
      << head + R"({"explorer": {"preset": "mse-mae-huber", "thresholds": "yes"}}]})"
      << QStringLiteral("\"steps[0].explorer.thresholds\" must be true or false");
}

void TestLessonFile::badFilesNameTheKeyAndChangeNothing() {
  QFETCH(QByteArray, contents);
  QFETCH(QString, expected);
  QTemporaryDir dir;
  const QString path = writeFile(dir, QStringLiteral("bad.losslab"), contents);
  MainWindow window;
  QVERIFY(window.openLesson(kExample, 2));
  const QStringList before = curveIds(*window.explorer());
  QString error;
  QVERIFY(!window.openLesson(path, 0, &error));
  QVERIFY2(error.startsWith(QStringLiteral("bad.losslab: ")), qPrintable(error));
  QVERIFY2(error.contains(expected), qPrintable(error));
  QCOMPARE(curveIds(*window.explorer()), before);
  QCOMPARE(window.lessonPlayer()->current(), 2);  // the open lesson stays
  QCOMPARE(window.lessonPlayer()->stepCount(), 6);
}

void TestLessonFile::badStepIndexChangesNothing() {
  MainWindow window;
  QVERIFY(window.openLesson(kExample, 1));
  QString error;
  QVERIFY(!window.openLesson(kExample, 6, &error));
  QVERIFY2(error.contains(QStringLiteral("no step 7")), qPrintable(error));
  QVERIFY(!window.lessonPlayer()->goTo(-1, &error));
  QVERIFY(!error.isEmpty());
  QCOMPARE(window.lessonPlayer()->current(), 1);
  QCOMPARE(window.explorer()->model()->count(), 2);
}

void TestLessonFile::stepsSetAnnotationsArrowsMarkersAndYRanges() {
  // Step 1: curves of its own with a y range on the loss and gradient panels, no threshold
  // markers, a note and an arrow on the gradient panel. Step 2: a preset with none of it, so
  // the notes and arrows go, the markers stay off (not given), the y axes are fitted again.
  QTemporaryDir dir;
  const QString path = writeFile(dir, QStringLiteral("decorated.losslab"), R"({
    "format": "losslab-lesson", "version": 1,
    "steps": [{"explorer": {"curves": [{"loss": "huber", "params": {"delta": 1}}],
                            "x_range": [-4, 4],
                            "y_ranges": {"loss": [-0.5, 6], "gradient": [-2, 2]},
                            "thresholds": false, "formulas": true,
                            "annotations": [{"text": "截断", "x": 1.5, "y": 1.2,
                                             "panel": "gradient"}],
                            "arrows": [{"from": [2, 1.6], "to": [3, 1], "panel": "gradient"}]}},
              {"explorer": {"preset": "mse-mae-huber"}}]})");
  MainWindow window;
  QString error;
  QVERIFY2(window.openLesson(path, 0, &error), qPrintable(error));
  ExplorerView* explorer = window.explorer();
  LossCurvePlot* plot = explorer->plot();
  QCOMPARE(plot->yFrom(LossCurvePlot::LossPanel), -0.5);
  QCOMPARE(plot->yTo(LossCurvePlot::LossPanel), 6.0);
  QCOMPARE(plot->yFrom(LossCurvePlot::GradientPanel), -2.0);
  QCOMPARE(plot->yTo(LossCurvePlot::GradientPanel), 2.0);
  QCOMPARE(plot->xFrom(), -4.0);
  QVERIFY(!explorer->actions().showThresholds->isChecked());
  QVERIFY(explorer->thresholdMarkers()->positions().empty());
  QVERIFY(explorer->actions().showFormulas->isChecked());
  // Huber's legend entry with the catalogue's formula (regression.cpp's summary).
  QCOMPARE(plot->graph(LossCurvePlot::LossPanel, 0)->name(),
           QStringLiteral("Huber (δ = 1): ½r² for |r| ≤ δ, δ|r| − ½δ² beyond"));
  QCOMPARE(explorer->textAnnotations()->count(), 1);
  const TextAnnotations::Note note{QStringLiteral("截断"), QPointF(1.5, 1.2),
                                   LossCurvePlot::GradientPanel};
  QCOMPARE(explorer->textAnnotations()->note(0), note);
  QCOMPARE(explorer->arrows()->count(), 1);
  const ArrowAnnotations::Arrow arrow{QPointF(2, 1.6), QPointF(3, 1), LossCurvePlot::GradientPanel};
  QCOMPARE(explorer->arrows()->arrow(0), arrow);

  QVERIFY(window.lessonPlayer()->next());
  QCOMPARE(explorer->textAnnotations()->count(), 0);
  QCOMPARE(explorer->arrows()->count(), 0);
  QVERIFY(!explorer->actions().showThresholds->isChecked());
  // Fitted to MSE's loss: r² = 9 at the ends of [−3, 3].
  QVERIFY(plot->yTo(LossCurvePlot::LossPanel) > 9);
  // Back: all of step 1 again.
  QVERIFY(window.lessonPlayer()->previous());
  QCOMPARE(explorer->arrows()->arrow(0), arrow);
  QCOMPARE(plot->yTo(LossCurvePlot::LossPanel), 6.0);
}

void TestLessonFile::builtInExampleIsTheShippedFile() {
  QFile shipped(kExample);
  QFile builtIn(QString::fromLatin1(kExampleLesson));
  QVERIFY(shipped.open(QIODevice::ReadOnly));
  QVERIFY(builtIn.open(QIODevice::ReadOnly));
  QCOMPARE(builtIn.readAll(), shipped.readAll());
}

void TestLessonFile::headlessScreenshotOfAStep() {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("step3.png"));
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  QProcess process;
  process.setProcessEnvironment(env);
  process.start(
      QStringLiteral(LOSSLAB_GUI_PATH),
      {QStringLiteral("--lesson"), kExample, QStringLiteral("--step"), QStringLiteral("3"),
       QStringLiteral("--screenshot"), path, QStringLiteral("--size"), QStringLiteral("900x600")});
  QVERIFY(process.waitForFinished(120000));
  QCOMPARE(process.exitCode(), 0);
  QCOMPARE(QImage(path).size(), QSize(900, 600));
  // A step beyond the lesson is a usage error naming it.
  process.start(QStringLiteral(LOSSLAB_GUI_PATH),
                {QStringLiteral("--lesson"), kExample, QStringLiteral("--step"),
                 QStringLiteral("9"), QStringLiteral("--screenshot"), path});
  QVERIFY(process.waitForFinished(120000));
  QCOMPARE(process.exitCode(), 2);
  QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("no step 9")));
}

QTEST_MAIN(TestLessonFile)
#include "tst_lesson_file.moc"
