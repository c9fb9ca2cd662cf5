// SPDX-License-Identifier: GPL-3.0-or-later
// Direct manipulation of the fit plot (issue 11), driven by QTest mouse and key events on the
// real plot widget: a click on empty space adds a training point and the next epoch trains on
// it; a dragged point takes the data value of the pixel it is dropped on and pulls the MSE fit;
// a right click or Delete removes a point; Ctrl+Z / Ctrl+Shift+Z undo and redo whole edits
// exactly; a paused run continues from where it was (the epoch count goes on, no new run);
// with several features editing is off and says why. The edited points are part of the
// session file, and the CLI command (on the CSV it writes) reproduces the run.
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <cmath>

#include "tests/cli_runner.h"
#include "ui/training/edited_data.h"
#include "ui/training/fit_plot_editor.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

/// A line with little noise and a linear model: the fit is a line whose height is easy to read.
TrainingConfig lineConfig() {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 60;
  c.data.noise = 0.1;
  c.network.hidden = {};
  c.optimizer.learningRate = 0.05;
  c.optimizer.batchSize = 16;
  c.seed = 5;
  c.epochs = 400;
  return c;
}

/// A view on lineConfig() (or `config`), shown, trained `epochs` epochs (paused afterwards).
struct Fixture {
  explicit Fixture(const TrainingConfig& config = lineConfig(), int epochs = 30) {
    QString error;
    if (!view.applySession(config, &error)) {
      qFatal("%s", qPrintable(error));
    }
    QObject::connect(view.controller(), &TrainingController::snapshotReady,
                     [this](const TrainingSnapshot& s) { snapshot = s; });
    view.resize(1200, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view) || !view.trainEpochsBlocking(epochs)) {
      qFatal("the view did not show or train");
    }
    plot()->replot();
  }
  QCustomPlot* plot() const { return view.plot(TrainingView::Plot::Fit); }
  EditedData* edits() const { return view.model()->edits(); }
  Dataset train() const { return edits()->current().train; }
  QPoint pixel(double x, double y) const {
    return {static_cast<int>(std::lround(plot()->xAxis->coordToPixel(x))),
            static_cast<int>(std::lround(plot()->yAxis->coordToPixel(y)))};
  }
  QPointF coords(QPoint p) const {
    return {plot()->xAxis->pixelToCoord(p.x()), plot()->yAxis->pixelToCoord(p.y())};
  }
  /// The focused run's prediction at training sample i of the newest snapshot.
  double prediction(Eigen::Index i) const {
    return snapshot.runs.front().yPred[static_cast<std::size_t>(i)];
  }
  /// The training sample nearest to x.
  Eigen::Index nearest(double x) const {
    const Dataset t = train();
    Eigen::Index best = 0;
    for (Eigen::Index i = 1; i < t.size(); ++i) {
      if (std::fabs(t.x(0, i) - x) < std::fabs(t.x(0, best) - x)) {
        best = i;
      }
    }
    return best;
  }
  /// Presses on training point i, moves to `to` in `steps` mouse moves and releases.
  void drag(Eigen::Index i, QPoint to, int steps = 10) {
    const Dataset t = train();
    const QPoint from = pixel(t.x(0, i), t.y(i));
    QTest::mousePress(plot(), Qt::LeftButton, {}, from);
    for (int k = 1; k <= steps; ++k) {
      QTest::mouseMove(plot(), from + (to - from) * k / steps);
    }
    QTest::mouseRelease(plot(), Qt::LeftButton, {}, to);
  }

  TrainingSnapshot snapshot;  // declared first: destroyed after the view that fills it
  TrainingView view;
};

bool sameSet(const Dataset& a, const Dataset& b) {
  return a.x == b.x && a.y == b.y && a.clean == b.clean && a.outliers == b.outliers;
}

/// Runs a `losslab-cli train …` line of the model through the shell, with --json.
QJsonObject runCommandLine(QString line) {
  line.replace(0, QStringLiteral("losslab-cli").size(), QStringLiteral(LOSSLAB_CLI_PATH));
  QProcess shell;
  shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), line + QStringLiteral(" --json")});
  if (!shell.waitForFinished(test::kCliTimeoutMs) || shell.exitCode() != 0) {
    qWarning("%s: %s", qPrintable(line), shell.readAllStandardError().constData());
    return {};
  }
  return test::parseObject(QString::fromUtf8(shell.readAllStandardOutput()));
}

}  // namespace

class TestFitEditing : public QObject {
  Q_OBJECT

 private slots:
  void clickOnEmptySpaceAddsAPointThatTrains();
  void dragTakesThePixelsValueAndPullsTheMseFit();
  void dragWhileRunningReachesTheRunningTrainers();
  void rightClickAndDeleteRemovePoints();
  void undoAndRedoRestoreExactly();
  void pausedRunContinuesFromWhereItWas();
  void severalFeaturesTurnEditingOff();
  void newDataDropsTheEdits();
  void editedPointsAreInTheSession();
  void cliCommandReproducesTheEditedRun();
  void draggedOutlierPullsMseWhileMaeHolds();
};

void TestFitEditing::clickOnEmptySpaceAddsAPointThatTrains() {
  Fixture f;
  Fixture twin;  // the same run without the click
  const Eigen::Index before = f.train().size();
  // y = 2x + 1 is 1 at x = 0; (0, 2.6) is far from every point (noise 0.1).
  const QPoint at = f.pixel(0, 2.6);
  QTest::mouseClick(f.plot(), Qt::LeftButton, {}, at);
  const Dataset after = f.train();
  QCOMPARE(after.size(), before + 1);
  QCOMPARE(after.x(0, before), f.coords(at).x());
  QCOMPARE(after.y(before), f.coords(at).y());
  // Its clean value is the noise-free line at its x; 1.6 off it is an outlier (> 3σ = 0.3).
  QCOMPARE(after.clean(before), 2 * after.x(0, before) + 1);
  QVERIFY(std::binary_search(after.outliers.begin(), after.outliers.end(), before));
  QCOMPARE(f.edits()->undoStack()->count(), 1);
  // The next epoch trains on it: its prediction there differs from the twin's.
  QVERIFY(f.view.trainEpochsBlocking(1));
  QVERIFY(twin.view.trainEpochsBlocking(1));
  QCOMPARE(f.snapshot.yTrue.size(), static_cast<std::size_t>(before + 1));
  QCOMPARE(f.snapshot.yTrue.back(), after.y(before));
  // The original sample nearest to x = 0 (both runs have it; the added point, at x = 0 itself,
  // is only in f's, at index `before`).
  const Eigen::Index near0 = twin.nearest(0);
  QVERIFY(near0 < before);
  QVERIFY(f.prediction(near0) > twin.prediction(near0));
  QCOMPARE(f.view.latestEpoch(0).epoch, 31);
}

void TestFitEditing::dragTakesThePixelsValueAndPullsTheMseFit() {
  Fixture f;
  Fixture twin;
  const Eigen::Index i = f.nearest(0.5);
  const Dataset start = f.train();
  const QPoint to = f.pixel(start.x(0, i), start.y(i) + 3);
  f.drag(i, to);
  const Dataset after = f.train();
  QCOMPARE(after.size(), start.size());
  QCOMPARE(after.x(0, i), f.coords(to).x());
  QCOMPARE(after.y(i), f.coords(to).y());
  QVERIFY(after.y(i) > start.y(i) + 2.5);
  QCOMPARE(after.clean(i), 2 * after.x(0, i) + 1);  // the noise-free line at its new x
  QCOMPARE(f.edits()->undoStack()->count(), 1);     // one step for the whole drag
  // The snapshot the worker posted right away shows the point where it was dropped (paused).
  QTRY_COMPARE_WITH_TIMEOUT(f.snapshot.yTrue[static_cast<std::size_t>(i)], after.y(i), 20000);
  // MSE pulls the line toward it.
  QVERIFY(f.view.trainEpochsBlocking(20));
  QVERIFY(twin.view.trainEpochsBlocking(20));
  QVERIFY2(f.prediction(i) > twin.prediction(i) + 0.01,
           qPrintable(QStringLiteral("%1 vs %2").arg(f.prediction(i)).arg(twin.prediction(i))));
}

void TestFitEditing::dragWhileRunningReachesTheRunningTrainers() {
  Fixture f;
  f.view.controller()->setEpochsPerSecond(30);  // slow enough to stay running during the drag
  f.view.controller()->start();
  QTRY_COMPARE_WITH_TIMEOUT(f.view.controller()->state(), TrainingController::State::Running,
                            20000);
  const Eigen::Index i = f.nearest(-0.5);
  const Dataset start = f.train();
  const QPoint to = f.pixel(start.x(0, i), start.y(i) - 2);
  f.drag(i, to);
  const double y = f.train().y(i);
  QTRY_VERIFY_WITH_TIMEOUT(f.snapshot.yTrue.size() > static_cast<std::size_t>(i) &&
                               f.snapshot.yTrue[static_cast<std::size_t>(i)] == y,
                           20000);
  const int epoch = f.view.latestEpoch(0).epoch;
  QTRY_VERIFY_WITH_TIMEOUT(f.view.latestEpoch(0).epoch > epoch + 1, 20000);  // it trains on
  QCOMPARE(f.view.historyLength(0), f.view.latestEpoch(0).epoch);  // the same run, no restart
  f.view.controller()->pause();
  QTRY_COMPARE_WITH_TIMEOUT(f.view.controller()->state(), TrainingController::State::Paused, 20000);
}

void TestFitEditing::rightClickAndDeleteRemovePoints() {
  Fixture f;
  const Dataset start = f.train();
  const Eigen::Index i = f.nearest(0.2);
  QTest::mouseClick(f.plot(), Qt::RightButton, {}, f.pixel(start.x(0, i), start.y(i)));
  QCOMPARE(f.train().size(), start.size() - 1);
  QCOMPARE(f.edits()->undoStack()->count(), 1);
  // A click on a point selects it (no step: nothing moved); Delete removes it.
  const Dataset now = f.train();
  const Eigen::Index j = f.nearest(-0.7);
  QTest::mouseClick(f.plot(), Qt::LeftButton, {}, f.pixel(now.x(0, j), now.y(j)));
  QCOMPARE(f.edits()->undoStack()->count(), 1);
  auto* editor = f.plot()->findChild<FitPlotEditor*>();
  QVERIFY(editor && editor->selected() && editor->selected()->index == j);
  QTest::keyClick(f.plot(), Qt::Key_Delete);
  const Dataset after = f.train();
  QCOMPARE(after.size(), start.size() - 2);
  QCOMPARE(f.edits()->undoStack()->count(), 2);
  QVERIFY(f.view.trainEpochsBlocking(1));
  QCOMPARE(f.snapshot.yTrue.size(), static_cast<std::size_t>(after.size()));
}

void TestFitEditing::undoAndRedoRestoreExactly() {
  Fixture f;
  const DatasetSplit original = f.edits()->current();
  f.view.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&f.view));
  QTest::mouseClick(f.plot(), Qt::LeftButton, {}, f.pixel(-0.5, 2.5));  // add
  const Eigen::Index i = f.nearest(0.6);
  const Dataset t = f.train();
  f.drag(i, f.pixel(t.x(0, i) + 0.1, t.y(i) - 2));  // move
  const Dataset moved = f.train();
  const Eigen::Index j = f.nearest(-0.9);
  QTest::mouseClick(f.plot(), Qt::RightButton, {}, f.pixel(moved.x(0, j), moved.y(j)));  // remove
  const DatasetSplit edited = f.edits()->current();
  QCOMPARE(f.edits()->undoStack()->count(), 3);

  QTest::keyClick(f.plot(), Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(sameSet(f.train(), moved));
  QTest::keyClick(f.plot(), Qt::Key_Z, Qt::ControlModifier);
  QTest::keyClick(f.plot(), Qt::Key_Z, Qt::ControlModifier);
  QVERIFY(!f.edits()->hasEdits());  // the configuration's own data again, exactly
  QVERIFY(sameSet(f.edits()->current().train, original.train));
  QVERIFY(sameSet(f.edits()->current().validation, original.validation));
  QVERIFY(f.view.trainEpochsBlocking(1));
  QCOMPARE(f.snapshot.yTrue,
           std::vector<double>(original.train.y.data(),
                               original.train.y.data() + original.train.y.size()));

  for (int k = 0; k < 3; ++k) {
    QTest::keyClick(f.plot(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  }
  QVERIFY(sameSet(f.edits()->current().train, edited.train));
  QVERIFY(sameSet(f.edits()->current().validation, edited.validation));
}

void TestFitEditing::pausedRunContinuesFromWhereItWas() {
  Fixture f(lineConfig(), 40);
  Fixture twin(lineConfig(), 40);
  QSignalSpy restarted(f.view.controller(), &TrainingController::restarted);
  const double before = f.view.latestEpoch(0).train.loss;
  const Eigen::Index i = f.nearest(0);
  const Dataset t = f.train();
  f.drag(i, f.pixel(t.x(0, i), t.y(i) + 0.05), 2);  // a small move: the fit barely changes
  QCOMPARE(f.view.controller()->state(), TrainingController::State::Paused);
  QVERIFY(f.view.trainEpochsBlocking(1));
  QVERIFY(twin.view.trainEpochsBlocking(1));
  QCOMPARE(restarted.count(), 0);
  QCOMPARE(f.view.latestEpoch(0).epoch, 41);  // the epoch count goes on
  QCOMPARE(f.view.historyLength(0), 41);
  // The weights went on too: the loss is that of a trained line (as the twin's), not the
  // initial weights' (which the first epoch of a fresh run shows).
  const double trained = twin.view.latestEpoch(0).train.loss;
  Fixture fresh(lineConfig(), 1);
  const double initial = fresh.view.latestEpoch(0).train.loss;
  QVERIFY2(std::fabs(f.view.latestEpoch(0).train.loss - trained) < 0.1 * (initial - trained),
           qPrintable(QStringLiteral("%1 %2 %3 %4")
                          .arg(before)
                          .arg(f.view.latestEpoch(0).train.loss)
                          .arg(trained)
                          .arg(initial)));
}

void TestFitEditing::severalFeaturesTurnEditingOff() {
  TrainingConfig c;
  c.data.generator = DatasetKind::SeedSum;  // 4 features: predicted against true
  c.data.samples = 100;
  Fixture f(c, 2);
  QVERIFY(!f.edits()->canEdit());
  QVERIFY(f.edits()->whyNot().contains(QStringLiteral("one feature")));
  auto* editor = f.plot()->findChild<FitPlotEditor*>();
  QVERIFY(editor && editor->hint() == f.edits()->whyNot());
  const QRect area = f.plot()->axisRect()->rect();
  QTest::mouseClick(f.plot(), Qt::LeftButton, {}, area.center());
  QVERIFY(!f.edits()->hasEdits());
  QCOMPARE(f.edits()->undoStack()->count(), 0);
}

void TestFitEditing::newDataDropsTheEdits() {
  Fixture f;
  QTest::mouseClick(f.plot(), Qt::LeftButton, {}, f.pixel(0, 2.6));
  QVERIFY(f.edits()->hasEdits());
  // A new network keeps them (the same data set) …
  QVERIFY(f.view.model()->edit([](TrainingConfig& c) { c.network.hidden = {4}; }));
  QVERIFY(f.edits()->hasEdits());
  QCOMPARE(f.view.controller()->trainingSplit().train.size(), f.train().size());
  // … another noise is another data set: the edits and their history go.
  QVERIFY(f.view.model()->edit([](TrainingConfig& c) { c.data.noise = 0.2; }));
  QVERIFY(!f.edits()->hasEdits());
  QCOMPARE(f.edits()->undoStack()->count(), 0);
  QVERIFY(!f.view.controller()->editedData().has_value());
}

void TestFitEditing::editedPointsAreInTheSession() {
  Fixture f;
  QTest::mouseClick(f.plot(), Qt::LeftButton, {}, f.pixel(0.3, -0.5));
  const Eigen::Index i = f.nearest(0.8);
  const Dataset t = f.train();
  f.drag(i, f.pixel(t.x(0, i), t.y(i) + 2));
  f.view.controller()->reset();
  QVERIFY(f.view.trainEpochsBlocking(5));
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("edited.losslab.json"));
  QString error;
  QVERIFY2(f.view.saveSession(path, &error), qPrintable(error));

  TrainingView reloaded;
  QVERIFY2(reloaded.loadSession(path, &error), qPrintable(error));
  EditedData* edits = reloaded.model()->edits();
  QVERIFY(edits->hasEdits());
  QVERIFY(sameSet(edits->current().train, f.train()));
  QVERIFY(sameSet(edits->current().validation, f.edits()->current().validation));
  QVERIFY(reloaded.trainEpochsBlocking(5));
  QCOMPARE(reloaded.latestEpoch(0).train.loss, f.view.latestEpoch(0).train.loss);
  QCOMPARE(reloaded.latestEpoch(0).validation.mae, f.view.latestEpoch(0).validation.mae);
}

void TestFitEditing::cliCommandReproducesTheEditedRun() {
  // The command trains on the CSV it wrote (x, y, y_clean, is_outlier in the order that makes
  // the CLI's split that of the run) and prints the numbers of the Training tab to the last bit.
  Fixture f;
  QTest::mouseClick(f.plot(), Qt::LeftButton, {}, f.pixel(-0.2, 2.8));
  const Eigen::Index i = f.nearest(0.4);
  const Dataset t = f.train();
  f.drag(i, f.pixel(t.x(0, i), t.y(i) - 3));
  f.view.controller()->reset();
  QVERIFY(f.view.trainEpochsBlocking(5));
  QCOMPARE(f.view.latestEpoch(0).epoch, 5);
  f.view.model()->edit([](TrainingConfig& c) { c.epochs = 5; });  // what the command trains
  QTemporaryDir dir;
  const QString csv = dir.filePath(QStringLiteral("edited-points.csv"));
  QString commands;
  QString error;
  QVERIFY2(f.view.model()->cliCommandsWithData(csv, &commands, &error), qPrintable(error));
  QVERIFY2(commands.contains(QStringLiteral("--clean-column y_clean")), qPrintable(commands));
  QVERIFY(commands.contains(QStringLiteral("--features x")));
  const QJsonObject result = runCommandLine(commands);
  QCOMPARE(result.value(QStringLiteral("epochs")).toInt(), 5);
  QCOMPARE(result.value(QStringLiteral("final_loss")).toDouble(), f.view.latestEpoch(0).train.loss);
  QCOMPARE(result.value(QStringLiteral("val_loss")).toDouble(),
           f.view.latestEpoch(0).validation.loss);
  QCOMPARE(result.value(QStringLiteral("mae")).toDouble(), f.view.latestEpoch(0).validation.mae);
  QVERIFY(result.value(QStringLiteral("clean_mae")).isDouble());
  // Without edits the command is the configuration's, and no file is needed.
  f.edits()->restore(std::nullopt);
  QVERIFY(f.view.model()->cliCommandsWithData(dir.filePath(QStringLiteral("unused.csv")), &commands,
                                              &error));
  QCOMPARE(commands, f.view.cliCommands());
  QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("unused.csv"))));
}

void TestFitEditing::draggedOutlierPullsMseWhileMaeHolds() {
  // The lesson by hand: a line, a linear model, MSE and MAE side by side. One point dragged far
  // up near the end of the line tilts MSE's line toward it (least squares: the prediction there
  // rises by about the residual times the point's leverage, ≈ 7 · 0.1 for 32 training samples),
  // while MAE's line stays on the others. With LOSSLAB_SCREENSHOT_DIR set the tab is saved there
  // as drag-points.png (the README's picture).
  TrainingConfig c = lineConfig();
  c.data.samples = 40;
  c.compare = true;
  c.compareLosses = {{"mean_squared_error", {}, {}}, {"mean_absolute_error", {}, {}}};
  c.focus = "mean_squared_error";
  Fixture f(c, 200);
  const Eigen::Index i = f.nearest(0.9);
  const double mseBefore = f.snapshot.runs[0].yPred[static_cast<std::size_t>(i)];
  const double maeBefore = f.snapshot.runs[1].yPred[static_cast<std::size_t>(i)];
  f.plot()->xAxis->setRange(-1.05, 1.05);  // the whole interval of x
  f.plot()->yAxis->setRange(-2, 11);       // room above the line to drag to
  f.plot()->replot();
  const Dataset t = f.train();
  f.drag(i, f.pixel(t.x(0, i), 10), 20);
  QVERIFY(f.train().y(i) > 9.5);
  QVERIFY(f.view.trainEpochsBlocking(150));
  f.plot()->xAxis->setRange(-1.05, 1.05);
  f.plot()->yAxis->setRange(-2, 11);
  f.plot()->replot();
  const double mseAfter = f.snapshot.runs[0].yPred[static_cast<std::size_t>(i)];
  const double maeAfter = f.snapshot.runs[1].yPred[static_cast<std::size_t>(i)];
  QVERIFY2(mseAfter - mseBefore > 0.3 && std::fabs(maeAfter - maeBefore) < 0.1,
           qPrintable(QStringLiteral("MSE %1 → %2, MAE %3 → %4")
                          .arg(mseBefore)
                          .arg(mseAfter)
                          .arg(maeBefore)
                          .arg(maeAfter)));
  if (const QByteArray dir = qgetenv("LOSSLAB_SCREENSHOT_DIR"); !dir.isEmpty()) {
    QVERIFY(f.view.grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/drag-points.png")));
  }
}

QTEST_MAIN(TestFitEditing)
#include "tst_fit_editing.moc"
