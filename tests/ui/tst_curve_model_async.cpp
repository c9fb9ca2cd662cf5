// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's curves after a zoom or a pan (CurveModel::requestRange): computed on a pool
// thread, the old curves shown until the new ones are swapped in all at once, and a result that
// a newer request or an edit made stale never shown.
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <cmath>

#include "tests/test_utils.h"
#include "ui/explorer/curve_model.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

constexpr int kTimeoutMs = 60000;  // sanitizers; the waits end as soon as the condition holds

/// MSE and MAE on the residual axis (target y = 0: x is the residual r).
void addMseAndMae(CurveModel& model) {
  QString error;
  QVERIFY2(model.addCurve(QStringLiteral("mean_squared_error"), {}, {}, {}, &error) == 0,
           qPrintable(error));
  QVERIFY2(model.addCurve(QStringLiteral("mean_absolute_error"), {}, {}, {}, &error) == 1,
           qPrintable(error));
  QCOMPARE(model.target(), 0.0);
}

/// Curve `index` is sampled on [from, to] with `points` points.
bool sampledOn(const CurveModel& model, int index, double from, double to, int points) {
  const CurveData& d = *model.curve(index).data;
  return static_cast<int>(d.x.size()) == points && d.x.front() == from && d.x.back() == to;
}

/// Every pool task has ended and every queued result has been delivered.
void settle() {
  QThreadPool::globalInstance()->waitForDone();
  QCoreApplication::processEvents();
  QCoreApplication::processEvents();
}

}  // namespace

class TestCurveModelAsync : public QObject {
  Q_OBJECT

 private slots:
  void oldCurvesStayUntilTheNewOnesArrive();
  void aNewerRequestDropsTheOlderResult();
  void anEditMakesTheResultStale();
};

void TestCurveModelAsync::oldCurvesStayUntilTheNewOnesArrive() {
  CurveModel model;
  addMseAndMae(model);
  model.setRange(-3, 3, 101);
  QSignalSpy samples(&model, &CurveModel::samplesChanged);
  model.requestRange(-10, 10, 1001);
  // The range is the new one at once; the curves are the old ones until the event loop runs.
  QCOMPARE(model.from(), -10.0);
  QCOMPARE(model.to(), 10.0);
  QVERIFY(model.isComputing());
  QCOMPARE(samples.count(), 0);
  QVERIFY(sampledOn(model, 0, -3, 3, 101));
  QVERIFY(sampledOn(model, 1, -3, 3, 101));
  QTRY_COMPARE_WITH_TIMEOUT(samples.count(), 1, kTimeoutMs);
  QVERIFY(!model.isComputing());
  for (int i = 0; i < 2; ++i) {
    QVERIFY(sampledOn(model, i, -10, 10, 1001));
  }
  // ℓ = r² and ℓ = |r| (one sample: the mean is the value), ∂ℓ/∂r = 2r and sign r.
  const CurveData& mse = *model.curve(0).data;
  const CurveData& mae = *model.curve(1).data;
  for (std::size_t k = 0; k < mse.x.size(); ++k) {
    const double r = -10 + 20.0 * static_cast<double>(k) / 1000;
    LOSSLAB_VERIFY_NEAR(mse.x[k], r, 1e-12);
    LOSSLAB_VERIFY_NEAR(mse.value[k], r * r, 1e-11);
    LOSSLAB_VERIFY_NEAR(mse.d1[k], 2 * r, 1e-11);
    LOSSLAB_VERIFY_NEAR(mae.value[k], std::fabs(r), 1e-12);
  }
}

void TestCurveModelAsync::aNewerRequestDropsTheOlderResult() {
  CurveModel model;
  addMseAndMae(model);
  QSignalSpy samples(&model, &CurveModel::samplesChanged);
  // Two zooms in a row: only the second is ever shown, however the computations interleave.
  connect(&model, &CurveModel::samplesChanged, this, [&] {
    QVERIFY(sampledOn(model, 0, -1, 2, 301));
    QVERIFY(sampledOn(model, 1, -1, 2, 301));
  });
  model.requestRange(-10, 10, 20001);
  model.requestRange(-1, 2, 301);
  QTRY_COMPARE_WITH_TIMEOUT(samples.count(), 1, kTimeoutMs);
  settle();
  QCOMPARE(samples.count(), 1);
  QVERIFY(!model.isComputing());
}

void TestCurveModelAsync::anEditMakesTheResultStale() {
  CurveModel model;
  addMseAndMae(model);
  // A zoom, then a synchronous range (a preset, the axis dialog): the zoom's result is dropped.
  model.requestRange(-10, 10, 1001);
  model.setRange(-2, 2, 41);
  QVERIFY(!model.isComputing());
  settle();
  QVERIFY(sampledOn(model, 0, -2, 2, 41));
  QVERIFY(sampledOn(model, 1, -2, 2, 41));
  // A zoom, then a new curve: the computation starts again and covers the new curve too.
  model.requestRange(-5, 5, 501);
  QString error;
  QCOMPARE(model.addCurve(QStringLiteral("log_cosh"), {}, {}, {}, &error), 2);
  QVERIFY(model.isComputing());
  model.waitForCurves();
  QVERIFY(!model.isComputing());
  for (int i = 0; i < 3; ++i) {
    QVERIFY(sampledOn(model, i, -5, 5, 501));
  }
  // log cosh r at r = 5 (the last point).
  LOSSLAB_VERIFY_NEAR(model.curve(2).data->value.back(), std::log(std::cosh(5.0)), 1e-12);
  // A zoom, then the first curve removed: the remaining curves get the zoom's range.
  model.requestRange(-4, 4, 81);
  model.removeCurve(0);
  model.waitForCurves();
  QVERIFY(sampledOn(model, 0, -4, 4, 81));
  QVERIFY(sampledOn(model, 1, -4, 4, 81));
  settle();
  QVERIFY(sampledOn(model, 0, -4, 4, 81));
}

QTEST_MAIN(TestCurveModelAsync)
#include "tst_curve_model_async.moc"
