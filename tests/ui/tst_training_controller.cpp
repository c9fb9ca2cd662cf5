// SPDX-License-Identifier: GPL-3.0-or-later
// The training controller end to end: its worker thread trains, reports epochs and snapshots
// through queued signals, pauses, steps, resets to the same initial weights, stops on divergence
// and applies live learning-rate and data changes at the next step.
#include <QSignalSpy>
#include <QTest>
#include <cmath>

#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"
#include "ui/training/training_controller.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

// Generous: under ThreadSanitizer the worker runs ~10x slower. Waits end as soon as the
// condition holds, so a normal run never sleeps this long.
constexpr int kTimeoutMs = 60000;

LossPtr lossById(const char* id) {
  return LossRegistry::instance().create(id);
}

/// A small, quick problem: y = 2x + 1 (200 samples), one hidden layer of 8.
void configureSmall(TrainingController& controller) {
  DatasetOptions data;
  data.kind = DatasetKind::Linear;
  data.samples = 200;
  data.noise = 0.1;
  QString error;
  QVERIFY2(controller.setDataset(data, &error), qPrintable(error));
  MlpOptions model;
  model.hidden = {8};
  QVERIFY2(controller.setModel(model, &error), qPrintable(error));
  QVERIFY2(controller.setLearningRate(0.01, &error), qPrintable(error));
  QVERIFY2(controller.setLoss(lossById("mean_squared_error"), &error), qPrintable(error));
}

EpochStats statsAt(const QSignalSpy& spy, qsizetype index) {
  return qvariant_cast<EpochStats>(spy.at(index).at(1));
}

}  // namespace

class TestTrainingController : public QObject {
  Q_OBJECT

 private slots:
  void startReportsEpochsThenPausesAtBudget();
  void pauseStopsAndStepTrainsOneEpoch();
  void resetGivesIdenticalFirstEpoch();
  void compareRunsStartFromTheSameWeights();
  void hugeLearningRateEmitsDiverged();
  void learningRateChangeTakesEffectWhileRunning();
  void dataChangeKeepsWeightsAndEpochCount();
  void newNetworkRestarts();
  void blockingTrainingEmitsBeforeReturning();
  void snapshotCarriesPredictionsAndInfluence();
  void rejectsWhatCannotTrain();
};

void TestTrainingController::startReportsEpochsThenPausesAtBudget() {
  TrainingController controller;
  configureSmall(controller);
  controller.setEpochs(3);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy states(&controller, &TrainingController::stateChanged);
  controller.start();
  QTRY_VERIFY_WITH_TIMEOUT(controller.state() == TrainingController::State::Paused, kTimeoutMs);
  // Running, then Paused once the budget was reached.
  QCOMPARE(states.count(), 2);
  QCOMPARE(qvariant_cast<TrainingController::State>(states.at(0).at(0)),
           TrainingController::State::Running);
  QCOMPARE(epochs.count(), 3);  // all of them arrived before "Paused"
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
  // Start again past the budget: another 3 epochs.
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(epochs.count(), 6, kTimeoutMs);
  QTRY_VERIFY_WITH_TIMEOUT(controller.state() == TrainingController::State::Paused, kTimeoutMs);
  QCOMPARE(statsAt(epochs, 5).epoch, 6);
}

void TestTrainingController::pauseStopsAndStepTrainsOneEpoch() {
  TrainingController controller;
  configureSmall(controller);
  controller.setEpochs(1000000);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  controller.start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 2, kTimeoutMs);
  controller.pause();
  QTRY_VERIFY_WITH_TIMEOUT(controller.state() == TrainingController::State::Paused, kTimeoutMs);
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
  QCOMPARE(controller.state(), TrainingController::State::Paused);
}

void TestTrainingController::resetGivesIdenticalFirstEpoch() {
  TrainingController controller;
  configureSmall(controller);
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
  QTRY_VERIFY_WITH_TIMEOUT(controller.state() == TrainingController::State::Idle, kTimeoutMs);
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
  configureSmall(controller);
  QString error;
  QVERIFY2(controller.setLosses({lossById("mean_squared_error"), lossById("torch_mse"),
                                 lossById("mean_absolute_error")},
                                &error),
           qPrintable(error));
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
  QString error;
  QVERIFY(controller.setDataset(DatasetOptions{}, &error));  // seed 003: y = 5 Σ x, 4 features
  OptimizerOptions sgd;
  sgd.kind = OptimizerKind::Sgd;
  sgd.sgd.learningRate = 50;
  QVERIFY2(controller.setOptimizer(sgd, &error), qPrintable(error));
  controller.setEpochs(20);
  QSignalSpy diverged(&controller, &TrainingController::diverged);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  controller.start();
  QTRY_COMPARE_WITH_TIMEOUT(diverged.count(), 1, kTimeoutMs);
  const QString message = diverged.at(0).at(0).toString();
  QVERIFY2(message.contains(QStringLiteral("diverged in epoch 1")), qPrintable(message));
  QVERIFY2(message.contains(QStringLiteral("lower the learning rate")), qPrintable(message));
  QCOMPARE(controller.state(), TrainingController::State::Paused);
  QCOMPARE(epochs.count(), 0);  // the diverged epoch is not part of the history

  // A sane learning rate continues from the restored parameters.
  QVERIFY(controller.setLearningRate(1e-3, &error));
  QVERIFY(controller.trainEpochsBlocking(1));
  QCOMPARE(epochs.count(), 1);
  QVERIFY(std::isfinite(statsAt(epochs, 0).loss));
}

void TestTrainingController::learningRateChangeTakesEffectWhileRunning() {
  TrainingController controller;
  configureSmall(controller);
  controller.setEpochs(1000000);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  controller.start();
  QTRY_VERIFY_WITH_TIMEOUT(epochs.count() >= 1, kTimeoutMs);
  const qsizetype restarts = restarted.count();
  const qsizetype before = epochs.count();
  QString error;
  QVERIFY(controller.setLearningRate(0.05, &error));
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
  QTRY_VERIFY_WITH_TIMEOUT(controller.state() == TrainingController::State::Paused, kTimeoutMs);
  QCOMPARE(statsAt(epochs, 0).learningRate, 0.01);
  QCOMPARE(restarted.count(), restarts);  // live: no restart, the epochs count on
  for (qsizetype i = 1; i < epochs.count(); ++i) {
    QCOMPARE(statsAt(epochs, i).epoch, statsAt(epochs, i - 1).epoch + 1);
  }
  QCOMPARE(controller.optimizer().learningRate(), 0.05);
}

void TestTrainingController::dataChangeKeepsWeightsAndEpochCount() {
  TrainingController controller;
  configureSmall(controller);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
  QVERIFY(controller.trainEpochsBlocking(2));
  const qsizetype restarts = restarted.count();
  QString error;
  QVERIFY2(controller.setOutliers(0.1, 20, &error), qPrintable(error));
  QCOMPARE(controller.datasetOptions().outlierFraction, 0.1);
  QCOMPARE(static_cast<int>(controller.dataset().outliers.size()), 20);  // 10 % of 200
  QVERIFY(controller.trainEpochsBlocking(1));
  QCOMPARE(restarted.count(), restarts);
  QCOMPARE(statsAt(epochs, epochs.count() - 1).epoch, 3);
  // The newest snapshot shows the new data: outliers inside the training set.
  const TrainingSnapshot s = qvariant_cast<TrainingSnapshot>(snapshots.last().at(0));
  QVERIFY(!s.outliers.isEmpty());
  QCOMPARE(s.yTrue.size(), qsizetype{160});

  // An imported set is not synthetic: outliers are refused and nothing changes.
  Dataset table;
  table.x = Eigen::MatrixXd::Random(1, 50);
  table.y = Eigen::VectorXd::Random(50);
  QVERIFY(controller.setDataset(table, &error));
  QVERIFY(!controller.setOutliers(0.2, 5, &error));
  QVERIFY(!error.isEmpty());
  QCOMPARE(controller.dataset().size(), Eigen::Index{50});
}

void TestTrainingController::newNetworkRestarts() {
  TrainingController controller;
  configureSmall(controller);
  QSignalSpy restarted(&controller, &TrainingController::restarted);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QVERIFY(controller.trainEpochsBlocking(2));
  const qsizetype restarts = restarted.count();
  MlpOptions model;
  model.hidden = {4, 4};
  QString error;
  QVERIFY(controller.setModel(model, &error));
  QVERIFY(controller.trainEpochsBlocking(1));
  QCOMPARE(restarted.count(), restarts + 1);
  QCOMPARE(restarted.last().at(0).toStringList(),
           QStringList{QStringLiteral("Mean squared error (MSE)")});
  QCOMPARE(statsAt(epochs, epochs.count() - 1).epoch, 1);  // numbering starts over
}

void TestTrainingController::blockingTrainingEmitsBeforeReturning() {
  TrainingController controller;
  configureSmall(controller);
  QSignalSpy epochs(&controller, &TrainingController::epochFinished);
  QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
  QVERIFY(controller.trainEpochsBlocking(4));
  QCOMPARE(epochs.count(), 4);  // no event loop ran in between
  QVERIFY(snapshots.count() >= 1);
  QCOMPARE(qvariant_cast<TrainingSnapshot>(snapshots.last().at(0)).runs.at(0).epoch, 4);
  QCOMPARE(controller.state(), TrainingController::State::Paused);
}

void TestTrainingController::snapshotCarriesPredictionsAndInfluence() {
  // MAE pulls every sample equally: |∂ℓᵢ/∂ŷᵢ| = |sign(ŷᵢ − yᵢ)| = 1 (reduction sum, so no 1/n).
  // MSE pulls in proportion to the residual: |∂ℓᵢ/∂ŷᵢ| = 2|ŷᵢ − yᵢ|.
  TrainingController controller;
  configureSmall(controller);
  QString error;
  QVERIFY(controller.setLosses({lossById("mean_absolute_error"), lossById("mean_squared_error")},
                               &error));
  QSignalSpy snapshots(&controller, &TrainingController::snapshotReady);
  QVERIFY(controller.trainEpochsBlocking(1));
  const TrainingSnapshot s = qvariant_cast<TrainingSnapshot>(snapshots.last().at(0));
  QCOMPARE(s.featureCount, 1);
  QCOMPARE(s.runs.size(), qsizetype{2});
  QCOMPARE(s.curveX.size(), qsizetype{TrainingController::kCurvePoints});
  for (const RunSnapshot& r : s.runs) {
    QCOMPARE(r.yPred.size(), s.yTrue.size());
    QCOMPARE(r.influence.size(), s.yTrue.size());
    QCOMPARE(r.curveY.size(), s.curveX.size());
  }
  for (qsizetype i = 0; i < s.yTrue.size(); ++i) {
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

void TestTrainingController::rejectsWhatCannotTrain() {
  TrainingController controller;
  QString error;
  QVERIFY(!controller.setLoss(lossById("sparse_categorical_crossentropy"), &error));
  QVERIFY2(error.contains(QStringLiteral("class labels")), qPrintable(error));
  QVERIFY(!controller.setLosses({}, &error));
  std::vector<LossPtr> five(5, lossById("mean_squared_error"));
  QVERIFY(!controller.setLosses(five, &error));
  QVERIFY(!controller.setLearningRate(-1, &error));
  QVERIFY(!controller.setValidationSplit(1.0, &error));
  QVERIFY(!controller.setBatchSize(0, &error));
  QCOMPARE(controller.losses().size(), std::size_t{1});
  QCOMPARE(controller.validationSplit(), 0.2);
}

QTEST_MAIN(TestTrainingController)
#include "tst_training_controller.moc"
