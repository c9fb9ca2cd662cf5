// SPDX-License-Identifier: GPL-3.0-or-later
// Parameter sweeps (issue 12): the grid syntax, determinism whatever the thread count, each run
// equal to a training of its own configuration, medians and best points computed here, and
// the refusals that come before any run.
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

#include "core/engine/error.h"
#include "core/training/sweep.h"

using namespace losslab;

namespace {

/// A small, fast sweep: linear data, a linear model, 30 epochs.
SweepRequest smallSweep() {
  SweepRequest r;
  r.base.data.generator = DatasetKind::Linear;
  r.base.data.samples = 200;
  r.base.data.outlierFraction = 0.1;
  r.base.data.outlierMagnitude = 10;
  r.base.network.hidden = {};
  r.base.optimizer.learningRate = 0.05;
  r.base.epochs = 30;
  r.losses = {{"mean_squared_error", {}, {}}, {"huber", {}, {}}};
  r.vary = parseSweepAxis("delta=0.1:10:log:4");
  r.seeds = 2;
  r.metric = "clean_mae";
  return r;
}

bool sameRuns(const SweepResult& a, const SweepResult& b) {
  if (a.runs.size() != b.runs.size()) {
    return false;
  }
  for (std::size_t k = 0; k < a.runs.size(); ++k) {
    const SweepRun& x = a.runs[k];
    const SweepRun& y = b.runs[k];
    if (x.loss != y.loss || x.value != y.value || x.seed != y.seed || x.diverged != y.diverged ||
        std::memcmp(&x.metric, &y.metric, sizeof(double)) != 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

class TestSweep : public QObject {
  Q_OBJECT

 private slots:
  void parsesGrids_data();
  void parsesGrids();
  void refusesBadGrids_data();
  void refusesBadGrids();
  void integerGridsAreRoundedWithoutDuplicates();
  void sameResultOnAnyThreadCount();
  void eachRunIsTheTrainingOfItsConfiguration();
  void summaryIsMedianMinMaxAndBest();
  void refusesBeforeRunning();
  void stopKeepsWhatFinished();
};

void TestSweep::parsesGrids_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("name");
  QTest::addColumn<double>("from");
  QTest::addColumn<double>("to");
  QTest::addColumn<int>("count");
  QTest::addColumn<bool>("log");
  QTest::newRow("log") << "delta=0.05:20:log:13"
                       << "delta" << 0.05 << 20.0 << 13 << true;
  QTest::newRow("lin explicit") << "outliers=0:0.4:lin:9"
                                << "outliers" << 0.0 << 0.4 << 9 << false;
  QTest::newRow("lin default") << "lr=0.001:0.1:5"
                               << "lr" << 0.001 << 0.1 << 5 << false;
}

void TestSweep::parsesGrids() {
  QFETCH(QString, text);
  const SweepAxis axis = parseSweepAxis(text.toStdString());
  QFETCH(QString, name);
  QFETCH(double, from);
  QFETCH(double, to);
  QFETCH(int, count);
  QFETCH(bool, log);
  QCOMPARE(QString::fromStdString(axis.name), name);
  QCOMPARE(axis.from, from);
  QCOMPARE(axis.to, to);
  QCOMPARE(axis.count, count);
  QCOMPARE(axis.log, log);
  const std::vector<double> values = axis.values();
  QCOMPARE(static_cast<int>(values.size()), count);
  QCOMPARE(values.front(), from);
  QCOMPARE(values.back(), to);
  if (log) {
    // Geometric: equal ratios, written here as 0.05 · 400^(k/12).
    for (int k = 0; k < count; ++k) {
      QVERIFY(std::fabs(values[k] - 0.05 * std::pow(400.0, k / 12.0)) <= 1e-12 * values[k]);
    }
  }
}

void TestSweep::refusesBadGrids_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("message");
  QTest::newRow("no =") << "delta"
                        << "NAME=FROM:TO";
  QTest::newRow("two parts") << "delta=1:2"
                             << "NAME=FROM:TO";
  QTest::newRow("bad number") << "delta=a:2:3"
                              << "'a' is not a finite number";
  QTest::newRow("bad scale") << "delta=1:2:ln:3"
                             << "'log' or 'lin'";
  QTest::newRow("zero count") << "delta=1:2:0"
                              << "COUNT must be";
  QTest::newRow("fractional count") << "delta=1:2:2.5"
                                    << "COUNT must be";
  QTest::newRow("log through 0") << "delta=0:2:log:3"
                                 << "log grid needs";
}

void TestSweep::refusesBadGrids() {
  QFETCH(QString, text);
  QFETCH(QString, message);
  try {
    parseSweepAxis(text.toStdString());
    QFAIL("no error");
  } catch (const Error& error) {
    QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
  }
}

void TestSweep::integerGridsAreRoundedWithoutDuplicates() {
  const std::vector<double> values = parseSweepAxis("batch=1:8:log:10").values();
  QCOMPARE(values, (std::vector<double>{1, 2, 3, 4, 5, 6, 8}));
}

void TestSweep::sameResultOnAnyThreadCount() {
  SweepRequest request = smallSweep();
  request.threads = 1;
  const SweepResult one = runSweep(request);
  request.threads = 2;
  const SweepResult two = runSweep(request);
  request.threads = 5;
  const SweepResult five = runSweep(request);
  QCOMPARE(static_cast<int>(one.runs.size()), 2 * 4 * 2);
  QVERIFY(sameRuns(one, two));
  QVERIFY(sameRuns(one, five));
}

void TestSweep::eachRunIsTheTrainingOfItsConfiguration() {
  const SweepRequest request = smallSweep();
  const SweepResult result = runSweep(request);
  for (const SweepRun& run : result.runs) {
    const TrainingConfig config = sweepRunConfig(request, run.loss, run.value, run.seed);
    // The loss without the parameter (MSE) is trained unchanged; Huber gets δ.
    if (run.loss == 1) {
      QCOMPARE(config.loss.params.at("delta"), run.value);
    } else {
      QVERIFY(config.loss.params.empty());
    }
    Trainer trainer(makeTrainingData(config), mlpOptions(config), createLoss(config.loss),
                    trainOptions(config));
    trainer.run(config.epochs);
    const Eigen::VectorXd p = trainer.predictions(Trainer::Set::Validation);
    const Dataset& validation = trainer.data().validation;
    const double cleanMae = (p - validation.clean).cwiseAbs().mean();
    QCOMPARE(run.metric, cleanMae);
  }
}

void TestSweep::summaryIsMedianMinMaxAndBest() {
  SweepRequest request = smallSweep();
  request.seeds = 3;
  const SweepResult result = runSweep(request);
  QCOMPARE(static_cast<int>(result.summary.size()), 2 * 4);
  for (const SweepSummary& s : result.summary) {
    std::vector<double> m;
    for (const SweepRun& run : result.runs) {
      if (run.loss == s.loss && run.value == s.value) {
        m.push_back(run.metric);
      }
    }
    QCOMPARE(m.size(), std::size_t(3));
    std::sort(m.begin(), m.end());
    QCOMPARE(s.median, m[1]);
    QCOMPARE(s.min, m[0]);
    QCOMPARE(s.max, m[2]);
  }
  QCOMPARE(static_cast<int>(result.best.size()), 2);
  for (const SweepSummary& best : result.best) {
    for (const SweepSummary& s : result.summary) {
      if (s.loss == best.loss) {
        QVERIFY(best.median <= s.median);
      }
    }
  }
}

void TestSweep::refusesBeforeRunning() {
  SweepRequest request = smallSweep();
  request.metric = "accuracy";
  QVERIFY_THROWS_EXCEPTION(Error, checkSweep(request));
  request = smallSweep();
  request.vary = parseSweepAxis("margin=0.1:1:3");  // neither MSE nor Huber has a margin
  QVERIFY_THROWS_EXCEPTION(Error, checkSweep(request));
  request = smallSweep();
  request.vary = parseSweepAxis("lr=0:1:3");  // lr 0 is outside the configuration's range
  QVERIFY_THROWS_EXCEPTION(Error, checkSweep(request));
  request = smallSweep();
  request.losses.clear();
  QVERIFY_THROWS_EXCEPTION(Error, checkSweep(request));
}

void TestSweep::stopKeepsWhatFinished() {
  SweepRequest request = smallSweep();
  std::atomic<bool> stop{false};
  int calls = 0;
  const SweepResult result = runSweep(
      request,
      [&](int done, int total) {
        ++calls;
        QCOMPARE(total, 16);
        if (done == 3) {
          stop = true;
        }
      },
      &stop);
  QVERIFY(result.stopped);
  QCOMPARE(static_cast<int>(result.runs.size()), 3);
  QCOMPARE(calls, 3);
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
