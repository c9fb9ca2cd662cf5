// SPDX-License-Identifier: GPL-3.0-or-later
// The training controller end to end: its worker thread trains, reports epochs and snapshots
// through queued signals, pauses, steps, resets to the same initial weights, stops on
// divergence, applies live learning-rate and outlier changes at the next step, takes a whole
// configuration or refuses it whole, and follows the run's state machine (Ready, Running,
// Paused, Finished).
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <cmath>

#include "tests/test_utils.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

using State = TrainingController::State;

// Generous: under ThreadSanitizer the worker runs ~10x slower. Waits end as soon as the
// condition holds, so a normal run never sleeps this long.
constexpr int kTimeoutMs = 60000;

/// A small, quick problem: y = 2x + 1 (200 samples), one hidden layer of 8.
TrainingConfig smallConfig() {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 200;
  c.data.noise = 0.1;
  c.network.hidden = {8};
  c.optimizer.learningRate = 0.01;
  return c;
}

void apply(TrainingController& controller, const TrainingConfig& config) {
  QString error;
  QVERIFY2(controller.apply(config, &error), qPrintable(error));
  QVERIFY2(controller.waitForLoad(&error), qPrintable(error));  // a CSV file is read off-thread
}

/// A CSV file of y = 2x + 1 at x = 0, 1, …, rows − 1 (header "x,y"); `bad` replaces the y of the
/// third row (line 4) by 'abc'.
QString writeCsv(const QTemporaryDir& dir, const QString& name, int rows, bool bad = false) {
  QFile file(dir.filePath(name));
  if (!file.open(QIODevice::WriteOnly)) {
    return {};
  }
  file.write("x,y\n");
  for (int i = 0; i < rows; ++i) {
    file.write(QByteArray::number(i) + ',' +
               (bad && i == 2 ? QByteArray("abc") : QByteArray::number(2 * i + 1)) + '\n');
  }
  return file.fileName();
}

TrainingConfig csvConfig(const QString& path) {
  TrainingConfig c = smallConfig();
  c.data.source = DataConfig::Source::Csv;
  c.data.csvPath = path.toStdString();
  return c;
}

EpochStats statsAt(const QSignalSpy& spy, qsizetype index) {
  return qvariant_cast<EpochStats>(spy.at(index).at(1));
}

State stateAt(const QSignalSpy& spy, qsizetype index) {
  return qvariant_cast<State>(spy.at(index).at(0));
}

}  // namespace

class TestTrainingController : public QObject {
  Q_OBJECT

 private slots:
  void startReportsEpochsThenFinishesAtBudget();
  void startAfterFinishedIsANewRun();
  void raisingTheBudgetContinuesExplicitly();
  void pauseStopsAndStepTrainsOneEpoch();
  void csvIsReadOffTheGuiThread();
  void badCsvKeepsTheDataAndSaysWhere();
  void newerRequestSupersedesARead();
  void modelTakesAReadConfigurationWhenItArrives();
  void resetGivesIdenticalFirstEpoch();
  void compareRunsStartFromTheSameWeights();
  void hugeLearningRateEmitsDiverged();
  void learningRateChangeTakesEffectWhileRunning();
  void outliersKeepWeightsAndEpochCount();
  void newDataSetOrNetworkStartsANewRun();
  void blockingTrainingEmitsBeforeReturning();
  void snapshotCarriesPredictionsAndInfluence();
  void refusesWholeAndChangesNothing();
  void refusesADataSetWithoutTrainingSamples();
};

void TestTrainingController::startReportsEpochsThenFinishesAtBudget() {
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.epochs = 3;
  apply(controller, c);
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Ready, kTimeoutMs);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy states(&controller, &TrainingController::stateChanged);
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
  // Running, then Finished once the budget was reached (not "Paused").
  QCOMPARE(states.count(), 2);
  QCOMPARE(stateAt(states, 0), State::Running);
  QCOMPARE(stateAt(states, 1), State::Finished);
  QCOMPARE(epochs.count(), 3);  // all of them arrived before "Finished"
  for (int i = 0; i < 3; ++i) {
    const EpochStats s = statsAt(epochs, i);
    QCOMPARE(epochs.at(i).at(0).toInt(), i + 1);
    QCOMPARE(s.epoch, i + 1);
    QCOMPARE(s.run, 0);
    QCOMPARE(s.steps, std::int64_t{5} * (i + 1));  // 160 training samples / batch 32
    QVERIFY(std::isfinite(s.loss) && s.loss > 0);
    QVERIFY(std::isfinite(s.train.loss) && std::isfinite(s.validation.loss));
    QVERIFY(std::isfinite(s.validation.mae) && std::isfinite(s.validation.rmse));
    QVERIFY(std::isfinite(s.validation.r2));
    LOSSLAB_VERIFY_NEAR(s.learningRate, 0.01, test::kExactTolerance);
    // MSE is the loss: the loss on the whole set is RMSE² (two separate computations).
    LOSSLAB_VERIFY_NEAR(s.train.loss, s.train.rmse * s.train.rmse, test::kFloat64Tolerance);
  }
}

void TestTrainingController::startAfterFinishedIsANewRun() {
  // Before: a finished run said "Paused · 3/3" and Start trained on to 6/3.
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.epochs = 3;
  apply(controller, c);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
  QCOMPARE(epochs.count(), 3);
  const qsizetype restarts = restarted.count();
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(epochs.count(), 6, kTimeoutMs);
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
  QCOMPARE(restarted.count(), restarts + 1);
  // Epochs 1, 2, 3 again, from the same weights: the same numbers to the last bit.
  for (int i = 0; i < 3; ++i) {
    QCOMPARE(statsAt(epochs, 3 + i).epoch, i + 1);
    QCOMPARE(statsAt(epochs, 3 + i).loss, statsAt(epochs, i).loss);
    QCOMPARE(statsAt(epochs, 3 + i).validation.mae, statsAt(epochs, i).validation.mae);
  }
  // Step does nothing on a finished run.
  controller.step();
  QTest::qWait(100);
  QCOMPARE(epochs.count(), 6);
}

void TestTrainingController::raisingTheBudgetContinuesExplicitly() {
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.epochs = 2;
  apply(controller, c);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
  const qsizetype restarts = restarted.count();
  c.epochs = 4;
  apply(controller, c);  // more epochs: the run may continue
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Paused, kTimeoutMs);
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
  QCOMPARE(epochs.count(), 4);
  QCOMPARE(statsAt(epochs, 3).epoch, 4);
  QCOMPARE(restarted.count(), restarts);  // continued, not restarted
  c.epochs = 3;                           // below what was trained: still finished
  apply(controller, c);
  QTest::qWait(50);
  QCOMPARE(controller.state(), State::Finished);
}

void TestTrainingController::pauseStopsAndStepTrainsOneEpoch() {
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.epochs = 1000000;
  apply(controller, c);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  controller.start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 2, kTimeoutMs);
  controller.pause();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Paused, kTimeoutMs);
  const qsizetype atPause = epochs.count();
  QTest::qWait(200);
  QCOMPARE(epochs.count(), atPause);  // nothing trains while paused

  // Step: one epoch, numbered on from the pause (the interrupted epoch is finished first).
  const int last = statsAt(epochs, atPause - 1).epoch;
  controller.step();
  QTRY_COMPARE_WITH_TIMEOUT(epochs.count(), atPause + 1, kTimeoutMs);
  QCOMPARE(statsAt(epochs, atPause).epoch, last + 1);
  QTest::qWait(100);
  QCOMPARE(epochs.count(), atPause + 1);
  QCOMPARE(controller.state(), State::Paused);
}

void TestTrainingController::resetGivesIdenticalFirstEpoch() {
  TrainingController controller;
  apply(controller, smallConfig());
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  controller.step();
  controller.step();
  QTRY_COMPARE_WITH_TIMEOUT(epochs.count(), 2, kTimeoutMs);
  const EpochStats first = statsAt(epochs, 0);
  const EpochStats second = statsAt(epochs, 1);
  QVERIFY(second.loss != first.loss);  // training moved the weights

  const qsizetype restarts = restarted.count();
  controller.reset();
  QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), restarts + 1, kTimeoutMs);
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Ready, kTimeoutMs);
  controller.step();
  QTRY_COMPARE_WITH_TIMEOUT(epochs.count(), 3, kTimeoutMs);
  const EpochStats again = statsAt(epochs, 2);
  // Same seed: same initial weights, same split, same shuffling → bit-identical numbers.
  QCOMPARE(again.epoch, 1);
  QCOMPARE(again.steps, first.steps);
  QCOMPARE(again.loss, first.loss);
  QCOMPARE(again.train.loss, first.train.loss);
  QCOMPARE(again.validation.loss, first.validation.loss);
}

void TestTrainingController::compareRunsStartFromTheSameWeights() {
  // Keras MSE and torch MSELoss are the same function on (B × 1) targets: runs that start from
  // the same weights and see the same batches must stay equal; MAE must differ.
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.compare = true;
  c.compareLosses = {
      {"mean_squared_error", {}, {}}, {"torch_mse", {}, {}}, {"mean_absolute_error", {}, {}}};
  apply(controller, c);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QVERIFY(controller.trainEpochsBlocking(2));
  QCOMPARE(epochs.count(), 6);  // 2 epochs × 3 runs, in lock-step
  EpochStats byRun[3][2];
  for (qsizetype i = 0; i < epochs.count(); ++i) {
    const EpochStats s = statsAt(epochs, i);
    QVERIFY(s.run >= 0 && s.run < 3 && s.epoch >= 1 && s.epoch <= 2);
    byRun[s.run][s.epoch - 1] = s;
  }
  for (int e = 0; e < 2; ++e) {
    LOSSLAB_VERIFY_NEAR(byRun[1][e].loss, byRun[0][e].loss, test::kFloat64Tolerance);
    LOSSLAB_VERIFY_NEAR(byRun[1][e].validation.rmse, byRun[0][e].validation.rmse,
                        test::kFloat64Tolerance);
    QVERIFY(std::fabs(byRun[2][e].validation.rmse - byRun[0][e].validation.rmse) > 1e-9);
  }
}

void TestTrainingController::hugeLearningRateEmitsDiverged() {
  TrainingController controller;
  TrainingConfig c;
  c.data.generator = DatasetKind::SeedSum;  // y = 5 Σ x, 4 features
  c.optimizer = {TrainingOptimizer::Sgd, 10, 32};
  c.epochs = 20;
  apply(controller, c);
  QSignalSpy diverged(&controller, &TrainingController::diverged);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(diverged.count(), 1, kTimeoutMs);
  const QString message = diverged.at(0).at(0).toString();
  QVERIFY2(message.contains(QStringLiteral("diverged in epoch 1")), qPrintable(message));
  QVERIFY2(message.contains(QStringLiteral("lower the learning rate")), qPrintable(message));
  QCOMPARE(controller.state(), State::Paused);
  QCOMPARE(epochs.count(), 0);  // the diverged epoch is not part of the history

  // A sane learning rate continues from the restored parameters.
  c.optimizer.learningRate = 1e-3;
  apply(controller, c);
  QVERIFY(controller.trainEpochsBlocking(1));
  QCOMPARE(epochs.count(), 1);
  QVERIFY(std::isfinite(statsAt(epochs, 0).loss));
}

void TestTrainingController::learningRateChangeTakesEffectWhileRunning() {
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.epochs = 1000000;
  apply(controller, c);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  controller.start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 1, kTimeoutMs);
  const qsizetype restarts = restarted.count();
  const qsizetype before = epochs.count();
  c.optimizer.learningRate = 0.05;
  apply(controller, c);
  auto reachedNewRate = [&] {
    for (qsizetype i = before; i < epochs.count(); ++i) {
      if (statsAt(epochs, i).learningRate == 0.05) {
        return true;
      }
    }
    return false;
  };
  QTRY_VERIFY_WITH_TIMEOUT(reachedNewRate(), kTimeoutMs);
  controller.pause();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Paused, kTimeoutMs);
  QCOMPARE(statsAt(epochs, 0).learningRate, 0.01);
  QCOMPARE(restarted.count(), restarts);  // live: no restart, the epochs count on
  for (qsizetype i = 1; i < epochs.count(); ++i) {
    QCOMPARE(statsAt(epochs, i).epoch, statsAt(epochs, i - 1).epoch + 1);
  }
}

void TestTrainingController::outliersKeepWeightsAndEpochCount() {
  // The outlier lesson: raising the outliers mid-run perturbs the same x; training goes on.
  TrainingController controller;
  TrainingConfig c = smallConfig();
  apply(controller, c);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
  QVERIFY(controller.trainEpochsBlocking(2));
  const qsizetype restarts = restarted.count();
  c.data.outlierFraction = 0.1;
  c.data.outlierMagnitude = 20;
  apply(controller, c);
  QCOMPARE(static_cast<int>(controller.dataset().outliers.size()), 20);  // 10 % of 200
  QVERIFY(controller.trainEpochsBlocking(1));
  QCOMPARE(restarted.count(), restarts);
  QCOMPARE(statsAt(epochs, epochs.count() - 1).epoch, 3);
  // The newest snapshot shows the new data: outliers inside the training set.
  const TrainingSnapshot s = qvariant_cast<TrainingSnapshot>(snapshots.last().at(0));
  QVERIFY(!s.outliers.empty());
  QCOMPARE(s.yTrue.size(), std::size_t{160});
}

void TestTrainingController::newDataSetOrNetworkStartsANewRun() {
  // Before: a new data set (an imported CSV) kept the weights and the epoch count, so Start
  // continued the old run on the new data ("200/100 epochs").
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.epochs = 2;
  apply(controller, c);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
  auto expectNewRun = [&](const TrainingConfig& next, const char* what) {
    const qsizetype restarts = restarted.count();
    const qsizetype before = epochs.count();
    apply(controller, next);
    QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), restarts + 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Ready, kTimeoutMs);
    controller.start();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), State::Finished, kTimeoutMs);
    QVERIFY2(epochs.count() == before + 2, what);  // 1 and 2 again, not 3 and 4
    QVERIFY2(statsAt(epochs, epochs.count() - 1).epoch == 2, what);
  };
  QTemporaryDir dir;
  QFile file(dir.filePath(QStringLiteral("t.csv")));
  QVERIFY(file.open(QIODevice::WriteOnly));
  for (int i = 0; i < 50; ++i) {
    file.write(QByteArray::number(i / 50.0) + ',' + QByteArray::number(i / 25.0) + '\n');
  }
  file.close();
  TrainingConfig csv = c;
  csv.data.source = DataConfig::Source::Csv;
  csv.data.csvPath = file.fileName().toStdString();
  expectNewRun(csv, "CSV");
  QCOMPARE(controller.dataset().size(), Eigen::Index{50});
  TrainingConfig network = csv;
  network.network.hidden = {4, 4};
  expectNewRun(network, "network");
  TrainingConfig seed = network;
  seed.seed = 5;
  expectNewRun(seed, "seed");
  TrainingConfig split = seed;
  split.data.validationSplit = 0.3;
  expectNewRun(split, "validation split");
  QCOMPARE(restarted.last().at(0).toStringList(),
           QStringList{QStringLiteral("Mean squared error (MSE)")});
}

void TestTrainingController::blockingTrainingEmitsBeforeReturning() {
  TrainingController controller;
  apply(controller, smallConfig());
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
  QVERIFY(controller.trainEpochsBlocking(4));
  QCOMPARE(epochs.count(), 4);  // no event loop ran in between
  QVERIFY(snapshots.count() >= 1);
  QCOMPARE(qvariant_cast<TrainingSnapshot>(snapshots.last().at(0)).runs.at(0).epoch, 4);
  QCOMPARE(controller.state(), State::Paused);  // 4 of 200
}

void TestTrainingController::snapshotCarriesPredictionsAndInfluence() {
  // MAE pulls every sample equally: |∂ℓᵢ/∂ŷᵢ| = |sign(ŷᵢ − yᵢ)| = 1 (reduction sum, so no 1/n).
  // MSE pulls in proportion to the residual: |∂ℓᵢ/∂ŷᵢ| = 2|ŷᵢ − yᵢ|.
  TrainingController controller;
  TrainingConfig c = smallConfig();
  c.compare = true;
  c.compareLosses = {{"mean_absolute_error", {}, {}}, {"mean_squared_error", {}, {}}};
  apply(controller, c);
  QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
  QVERIFY(controller.trainEpochsBlocking(1));
  const TrainingSnapshot s = qvariant_cast<TrainingSnapshot>(snapshots.last().at(0));
  QCOMPARE(s.featureCount, 1);
  QCOMPARE(s.runs.size(), std::size_t{2});
  QCOMPARE(s.curveX.size(), std::size_t{TrainingController::kCurvePoints});
  for (const RunSnapshot& r : s.runs) {
    QCOMPARE(r.yPred.size(), s.yTrue.size());
    QCOMPARE(r.influence.size(), s.yTrue.size());
    QCOMPARE(r.curveY.size(), s.curveX.size());
  }
  for (std::size_t i = 0; i < s.yTrue.size(); ++i) {
    const double residual = s.runs[1].yPred[i] - s.yTrue[i];
    LOSSLAB_VERIFY_NEAR(s.runs[0].influence[i], 1.0, test::kExactTolerance);
    LOSSLAB_VERIFY_NEAR(s.runs[1].influence[i], 2 * std::fabs(residual), test::kFloat64Tolerance);
  }
  // The grid spans the training inputs.
  LOSSLAB_VERIFY_NEAR(s.curveX.front(), *std::min_element(s.x.begin(), s.x.end()),
                      test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(s.curveX.back(), *std::max_element(s.x.begin(), s.x.end()),
                      test::kExactTolerance);
}

void TestTrainingController::refusesWholeAndChangesNothing() {
  TrainingController controller;
  apply(controller, smallConfig());
  QVERIFY(controller.trainEpochsBlocking(1));
  const TrainingConfig before = controller.config();
  const Dataset data = controller.dataset();
  auto refused = [&](TrainingConfig next, const char* message) {
    QString error;
    // Refused at once, or (a file) when its read ends.
    QVERIFY(!controller.apply(next, &error) || !controller.waitForLoad(&error));
    QVERIFY2(error.contains(QString::fromUtf8(message)), qPrintable(error));
    QVERIFY(controller.config() == before);
    QVERIFY(controller.dataset().x == data.x && controller.dataset().y == data.y);
    QCOMPARE(controller.losses().size(), std::size_t{1});
  };
  // A new data set together with a loss that cannot train: neither is applied.
  TrainingConfig labels = smallConfig();
  labels.data.generator = DatasetKind::Cubic;
  labels.loss.id = "sparse_categorical_crossentropy";
  refused(labels, "takes class labels");
  TrainingConfig five = smallConfig();
  five.compare = true;
  five.compareLosses.assign(5, {"huber", {}, {}});
  refused(five, "at most 4 losses");
  TrainingConfig lr = smallConfig();
  lr.optimizer.learningRate = -1;
  refused(lr, "\"optimizer.lr\"");
  TrainingConfig missing = smallConfig();
  missing.data.source = DataConfig::Source::Csv;
  missing.data.csvPath = "/nonexistent/data.csv";
  refused(missing, "the current data set is kept");
  QVERIFY(controller.trainEpochsBlocking(1));  // the run goes on
}

void TestTrainingController::refusesADataSetWithoutTrainingSamples() {
  QTemporaryDir dir;
  QFile file(dir.filePath(QStringLiteral("tiny.csv")));
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write("x,y\n1,2\n2,3\n3,4\n4,5\n5,6\n");
  file.close();
  TrainingController controller;
  const Dataset before = controller.dataset();
  TrainingConfig c;
  c.data.source = DataConfig::Source::Csv;
  c.data.csvPath = file.fileName().toStdString();
  c.data.validationSplit = 0.9;  // ⌊5 · 0.1⌋ = 0 training samples
  QString error;
  QVERIFY(!controller.apply(c, &error) || !controller.waitForLoad(&error));
  QVERIFY2(error.contains(QStringLiteral("none is left for training")), qPrintable(error));
  QVERIFY(controller.config() == TrainingConfig{});
  QCOMPARE(controller.dataset().size(), before.size());
}

void TestTrainingController::csvIsReadOffTheGuiThread() {
  // apply() returns before the file is read: until the result comes back through the event
  // loop, the configuration, the data and the runs are the old ones (whatever the file's size).
  QTemporaryDir dir;
  const QString path = writeCsv(dir, QStringLiteral("line.csv"), 300);
  TrainingController controller;
  apply(controller, smallConfig());
  const TrainingConfig before = controller.config();
  QSignalSpy loading(&controller, &TrainingController::loadingChanged);
  QSignalSpy finished(&controller, &TrainingController::loadFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  QString error;
  QVERIFY2(controller.apply(csvConfig(path), &error), qPrintable(error));
  QVERIFY(controller.isLoading());
  QCOMPARE(loading.count(), 1);
  QCOMPARE(loading.at(0).at(0).toBool(), true);
  QVERIFY(controller.config() == before);
  QCOMPARE(controller.dataset().size(), Eigen::Index{200});  // smallConfig's generated set
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
  QCOMPARE(finished.at(0).at(0).toBool(), true);
  QVERIFY(!controller.isLoading());
  QCOMPARE(loading.last().at(0).toBool(), false);
  QVERIFY(controller.config() == csvConfig(path));
  const Dataset& data = controller.dataset();
  QCOMPARE(data.size(), Eigen::Index{300});
  // Row 7 of the file: x = 7, y = 2·7 + 1 = 15.
  QCOMPARE(data.x(0, 7), 7.0);
  QCOMPARE(data.y(7), 15.0);
  QTRY_VERIFY_WITH_TIMEOUT(restarted.count() >= 1, kTimeoutMs);  // a new run on the new data
}

void TestTrainingController::badCsvKeepsTheDataAndSaysWhere() {
  QTemporaryDir dir;
  const QString path = writeCsv(dir, QStringLiteral("bad.csv"), 50, true);
  TrainingController controller;
  apply(controller, smallConfig());
  QVERIFY(controller.trainEpochsBlocking(1));
  const TrainingConfig before = controller.config();
  const Dataset data = controller.dataset();
  QSignalSpy finished(&controller, &TrainingController::loadFinished);
  QVERIFY(controller.apply(csvConfig(path)));
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
  QCOMPARE(finished.at(0).at(0).toBool(), false);
  const QString message = finished.at(0).at(1).toString();
  // Line 4 (the header is line 1), column 2: the y of the third row.
  QVERIFY2(message.contains(QStringLiteral("bad.csv:4:2:")), qPrintable(message));
  QVERIFY2(message.contains(QStringLiteral("the current data set is kept")), qPrintable(message));
  QVERIFY(controller.config() == before);
  QVERIFY(controller.dataset().x == data.x && controller.dataset().y == data.y);
  QVERIFY(controller.trainEpochsBlocking(1));  // the run goes on
}

void TestTrainingController::newerRequestSupersedesARead() {
  QTemporaryDir dir;
  const QString a = writeCsv(dir, QStringLiteral("a.csv"), 120);
  const QString b = writeCsv(dir, QStringLiteral("b.csv"), 80);
  TrainingController controller;
  apply(controller, smallConfig());
  QSignalSpy finished(&controller, &TrainingController::loadFinished);
  QSignalSpy loading(&controller, &TrainingController::loadingChanged);
  // Two reads: the second wins, whichever ends first; the busy state stays on between them.
  QVERIFY(controller.apply(csvConfig(a)));
  QVERIFY(controller.apply(csvConfig(b)));
  QCOMPARE(loading.count(), 1);
  QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeoutMs);
  QThreadPool::globalInstance()->waitForDone();  // a's read has ended too …
  QCoreApplication::processEvents();             // … and its result was delivered
  QCOMPARE(finished.count(), 1);
  QCOMPARE(controller.dataset().size(), Eigen::Index{80});
  QVERIFY(controller.config() == csvConfig(b));
  // A read, then a configuration that needs none: the read's result never arrives.
  TrainingConfig generated = smallConfig();
  generated.data.samples = 150;
  QVERIFY(controller.apply(csvConfig(a)));
  QVERIFY(controller.apply(generated));
  QVERIFY(!controller.isLoading());
  QCOMPARE(loading.last().at(0).toBool(), false);
  QThreadPool::globalInstance()->waitForDone();
  QCoreApplication::processEvents();
  QCOMPARE(finished.count(), 1);
  QVERIFY(controller.config() == generated);
  QCOMPARE(controller.dataset().size(), Eigen::Index{150});
}

void TestTrainingController::modelTakesAReadConfigurationWhenItArrives() {
  QTemporaryDir dir;
  const QString good = writeCsv(dir, QStringLiteral("good.csv"), 60);
  const QString bad = writeCsv(dir, QStringLiteral("broken.csv"), 60, true);
  TrainingController controller;
  TrainingConfigModel model(&controller);
  QSignalSpy loaded(&model, &TrainingConfigModel::dataLoaded);
  QSignalSpy refused(&model, &TrainingConfigModel::refused);
  const TrainingConfig before = model.config();
  QString error;
  QVERIFY2(model.importCsv(good, QString(), {}, &error), qPrintable(error));
  QVERIFY(model.isLoading());
  QVERIFY(model.config() == before);  // the widgets still show the current configuration
  QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kTimeoutMs);
  QCOMPARE(model.config().data.source, DataConfig::Source::Csv);
  QCOMPARE(controller.dataset().size(), Eigen::Index{60});
  const TrainingConfig imported = model.config();
  QVERIFY(model.importCsv(bad, QString(), {}, &error));  // its first lines are fine
  QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, kTimeoutMs);
  const QString message = refused.at(0).at(0).toString();
  QVERIFY2(message.contains(QStringLiteral("broken.csv:4:2:")), qPrintable(message));
  QVERIFY(model.config() == imported);
  QCOMPARE(loaded.count(), 1);
}

QTEST_MAIN(TestTrainingController)
#include "tst_training_controller.moc"
