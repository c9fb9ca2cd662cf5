// SPDX-License-Identifier: GPL-3.0-or-later
// Loss landscapes (issue 12): the exact (w, b) grid of a linear model against sums written here
// without the engine, its optima against closed forms and brute force, thread-count identity,
// and the slices through a network's weights.
#include <Eigen/QR>
#include <QTest>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <utility>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/training/landscape.h"
#include "core/training/random.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

/// y = 2x + 1 with noise and 15 % one-sided outliers (+20): the lesson's data.
Dataset lessonData(Eigen::Index samples = 60) {
  Dataset data;
  data.x.resize(1, samples);
  data.y.resize(samples);
  Rng rng(5);
  for (Eigen::Index i = 0; i < samples; ++i) {
    const double x = uniform(rng, -2, 2);
    data.x(0, i) = x;
    data.y(i) = 2 * x + 1 + 0.1 * standardNormal(rng) + (i % 7 == 0 ? 20.0 : 0.0);
  }
  return data;
}

double independentLoss(const std::string& id, const Dataset& data, double w, double b) {
  double sum = 0;
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    const double r = w * data.x(0, i) + b - data.y(i);
    const double a = std::fabs(r);
    if (id == "mean_squared_error") {
      sum += r * r;
    } else if (id == "mean_absolute_error") {
      sum += a;
    } else {  // huber, δ = 1
      sum += a <= 1 ? 0.5 * r * r : a - 0.5;
    }
  }
  return sum / static_cast<double>(data.size());
}

}  // namespace

class TestLandscape : public QObject {
  Q_OBJECT

 private slots:
  void exactGridEqualsIndependentSums_data();
  void exactGridEqualsIndependentSums();
  void sameGridOnAnyThreadCount();
  void mseMinimumIsLeastSquares();
  void maeMinimumBeatsEveryLineThroughTwoPoints();
  void huberOptimumIgnoresOutliers();
  void autoRangeFramesTheOptimaNotTheOutliers();
  void badRequestsAreRefused();
  void filterNormalizedDirection();
  void principalDirectionsSpanTheTrajectory();
  void slicesPassThroughTheirCentre();
};

void TestLandscape::exactGridEqualsIndependentSums_data() {
  QTest::addColumn<QString>("id");
  QTest::newRow("mse") << "mean_squared_error";
  QTest::newRow("mae") << "mean_absolute_error";
  QTest::newRow("huber") << "huber";
}

void TestLandscape::exactGridEqualsIndependentSums() {
  QFETCH(QString, id);
  const Dataset data = lessonData();
  const LossPtr loss = LossRegistry::instance().create(id.toStdString());
  const GridAxis w{-1, 5, 31};
  const GridAxis b{-3, 8, 23};
  const LossGrid grid = linearLandscape(data, *loss, w, b);
  QCOMPARE(grid.values.rows(), 23);
  QCOMPARE(grid.values.cols(), 31);
  for (int j = 0; j < b.count; ++j) {
    for (int i = 0; i < w.count; ++i) {
      LOSSLAB_VERIFY_NEAR(grid.values(j, i),
                          independentLoss(id.toStdString(), data, w.at(i), b.at(j)), 1e-12);
    }
  }
}

void TestLandscape::sameGridOnAnyThreadCount() {
  const Dataset data = lessonData(1000);
  const LossPtr loss = LossRegistry::instance().create("huber");
  const GridAxis w{-1, 5, 41};
  const GridAxis b{-3, 8, 37};
  const LossGrid one = linearLandscape(data, *loss, w, b, 1);
  const LossGrid two = linearLandscape(data, *loss, w, b, 2);
  const LossGrid seven = linearLandscape(data, *loss, w, b, 7);
  const auto bytes = static_cast<std::size_t>(one.values.size()) * sizeof(double);
  QVERIFY(std::memcmp(one.values.data(), two.values.data(), bytes) == 0);
  QVERIFY(std::memcmp(one.values.data(), seven.values.data(), bytes) == 0);
}

void TestLandscape::mseMinimumIsLeastSquares() {
  const Dataset data = lessonData();
  // The normal equations [x 1]ᵀ[x 1] (w, b) = [x 1]ᵀ y, solved here by Eigen's QR.
  Eigen::MatrixXd design(data.size(), 2);
  design.col(0) = data.x.row(0).transpose();
  design.col(1).setOnes();
  const Eigen::Vector2d exact = design.colPivHouseholderQr().solve(data.y);
  const LinearOptimum ls = leastSquares(data);
  LOSSLAB_VERIFY_NEAR(ls.w, exact(0), 1e-12);
  LOSSLAB_VERIFY_NEAR(ls.b, exact(1), 1e-12);
  const LossPtr mse = LossRegistry::instance().create("mean_squared_error");
  const LinearOptimum found = minimizeLinear(data, *mse, {0, 0, 0});
  LOSSLAB_VERIFY_NEAR(found.w, exact(0), 1e-7);
  LOSSLAB_VERIFY_NEAR(found.b, exact(1), 1e-7);
  // The grid's smallest cell is the one nearest the least-squares point.
  const GridAxis w{-1, 5, 61};
  const GridAxis b{-3, 8, 56};
  const LossGrid grid = linearLandscape(data, *mse, w, b);
  Eigen::Index row = 0;
  Eigen::Index col = 0;
  grid.values.minCoeff(&row, &col);
  QVERIFY(std::fabs(w.at(static_cast<int>(col)) - exact(0)) <= 0.5 * (w.to - w.from) / 60 + 1e-12);
  QVERIFY(std::fabs(b.at(static_cast<int>(row)) - exact(1)) <= 0.5 * (b.to - b.from) / 55 + 1e-12);
}

void TestLandscape::maeMinimumBeatsEveryLineThroughTwoPoints() {
  // A least-absolute-deviations line passes through two data points: the best of those lines
  // is the exact minimum, found here by brute force.
  const Dataset data = lessonData(40);
  double bestValue = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    for (Eigen::Index k = i + 1; k < data.size(); ++k) {
      const double dx = data.x(0, k) - data.x(0, i);
      if (dx == 0) {
        continue;
      }
      const double w = (data.y(k) - data.y(i)) / dx;
      const double b = data.y(i) - w * data.x(0, i);
      bestValue = std::min(bestValue, independentLoss("mean_absolute_error", data, w, b));
    }
  }
  const LossPtr mae = LossRegistry::instance().create("mean_absolute_error");
  const LinearOptimum found = minimizeLinear(data, *mae, {0, 0, 0});
  LOSSLAB_VERIFY_NEAR(found.loss, bestValue, 1e-9);
}

void TestLandscape::huberOptimumIgnoresOutliers() {
  const Dataset data = lessonData(400);
  const LinearOptimum ls = leastSquares(data);
  const LinearOptimum huber =
      minimizeLinear(data, *LossRegistry::instance().create("huber"), {ls.w, ls.b, 0});
  // The clean line is y = 2x + 1; 1/7 of the points are 20 too high. Least squares lifts the
  // intercept by ≈ 20/7 ≈ 2.9, Huber by a fraction of that.
  QVERIFY2(std::fabs(ls.b - 1) > 2.0, qPrintable(QString::number(ls.b)));
  QVERIFY2(std::fabs(huber.b - 1) < 0.4, qPrintable(QString::number(huber.b)));
  QVERIFY2(std::fabs(huber.w - 2) < 0.2, qPrintable(QString::number(huber.w)));
}

void TestLandscape::autoRangeFramesTheOptimaNotTheOutliers() {
  const Dataset data = lessonData(400);
  GridAxis w{0, 0, 101};
  GridAxis b{0, 0, 101};
  autoLinearRange(data, w, b);
  const LinearOptimum ls = leastSquares(data);
  const LinearOptimum mae = minimizeLinear(
      data, *LossRegistry::instance().create("mean_absolute_error"), {ls.w, ls.b, 0});
  // The map shows the start (0, 0), the least-squares point and the robust one...
  const std::initializer_list<std::pair<double, double>> points = {
      {0.0, 0.0}, {ls.w, ls.b}, {mae.w, mae.b}};
  for (const auto& [pw, pb] : points) {
    QVERIFY(w.from < pw && pw < w.to);
    QVERIFY(b.from < pb && pb < b.to);
  }
  // ...and they are apart by many cells: the clean line is y = 2x + 1 with x ∈ [−2, 2]; the
  // outliers lift y by 20 but must not set the scale (the range of y did: w ∈ [−30, 30]).
  QVERIFY2(w.to - w.from < 12, qPrintable(QStringLiteral("%1 %2").arg(w.from).arg(w.to)));
  QVERIFY2(b.to - b.from < 15, qPrintable(QStringLiteral("%1 %2").arg(b.from).arg(b.to)));
  const double cell = (b.to - b.from) / (b.count - 1);
  QVERIFY((ls.b - mae.b) / cell > 10);
}

void TestLandscape::badRequestsAreRefused() {
  Dataset twoFeatures = lessonData();
  twoFeatures.x.conservativeResize(2, twoFeatures.x.cols());
  const LossPtr mse = LossRegistry::instance().create("mean_squared_error");
  QVERIFY_THROWS_EXCEPTION(Error, linearLandscape(twoFeatures, *mse, {}, {}));
  QVERIFY_THROWS_EXCEPTION(Error, linearLandscape(lessonData(), *mse, {0, 1, 1}, {}));
  QVERIFY_THROWS_EXCEPTION(Error, linearLandscape(lessonData(), *mse, {0, 0, 5}, {}));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  QVERIFY_THROWS_EXCEPTION(Error, linearLandscape(lessonData(), *mse, {nan, 1, 5}, {}));
}

void TestLandscape::filterNormalizedDirection() {
  Mlp model;  // 4-16-32-1
  const Eigen::VectorXd theta = model.parameters();
  const Eigen::VectorXd d = losslab::filterNormalizedDirection(model, theta, 9);
  Mlp view = model;
  view.parameters() = d;
  for (int l = 0; l < model.layerCount(); ++l) {
    for (Eigen::Index unit = 0; unit < model.weights(l).rows(); ++unit) {
      LOSSLAB_VERIFY_NEAR(view.weights(l).row(unit).norm(), model.weights(l).row(unit).norm(),
                          1e-12);
    }
    QCOMPARE(view.bias(l).norm(), 0.0);
  }
  // Deterministic for the seed, different for another.
  QCOMPARE(losslab::filterNormalizedDirection(model, theta, 9), d);
  QVERIFY(losslab::filterNormalizedDirection(model, theta, 10) != d);
}

void TestLandscape::principalDirectionsSpanTheTrajectory() {
  // A trajectory in the plane of two known directions, plus the end point.
  Eigen::VectorXd e1 = Eigen::VectorXd::Zero(6);
  Eigen::VectorXd e2 = Eigen::VectorXd::Zero(6);
  e1 << 1, 1, 0, 0, 0, 0;
  e2 << 0, 0, 1, -1, 1, 0;
  const Eigen::VectorXd end = Eigen::VectorXd::Constant(6, 0.5);
  std::vector<Eigen::VectorXd> path;
  for (int t = 0; t < 20; ++t) {
    path.push_back(end + (20 - t) * 0.3 * e1 + std::sin(t) * e2);
  }
  path.push_back(end);
  const auto [d1, d2] = principalDirections(path);
  LOSSLAB_VERIFY_NEAR(d1.norm(), 1.0, 1e-12);
  LOSSLAB_VERIFY_NEAR(d2.norm(), 1.0, 1e-12);
  LOSSLAB_VERIFY_NEAR(std::fabs(d1.dot(d2)), 0.0, 1e-12);
  for (const Eigen::VectorXd& point : path) {
    const Eigen::Vector2d c = projectOnPlane(point, end, d1, d2);
    LOSSLAB_VERIFY_NEAR((end + c(0) * d1 + c(1) * d2 - point).norm(), 0.0, 1e-10);
  }
}

void TestLandscape::slicesPassThroughTheirCentre() {
  DatasetOptions options;
  options.samples = 200;
  const Dataset data = makeDataset(options);  // seed_sum, 4 features
  Mlp model;
  const Eigen::VectorXd theta = model.parameters();
  const Eigen::VectorXd d1 = losslab::filterNormalizedDirection(model, theta, 1);
  const Eigen::VectorXd d2 = losslab::filterNormalizedDirection(model, theta, 2);
  const LossPtr mse = LossRegistry::instance().create("mean_squared_error");
  const LossGrid grid = sliceLandscape(model, data, *mse, theta, d1, d2, {-1, 1, 5}, {-1, 1, 5}, 2);
  Eigen::MatrixXd out(1, data.size());
  model.predict(data.x, out);
  const double atTheta = (out.row(0).transpose() - data.y).array().square().mean();
  LOSSLAB_VERIFY_NEAR(grid.values(2, 2), atTheta, 1e-12);
  const Eigen::VectorXd other = theta + 0.3 * d1;
  const std::vector<double> line = lineSlice(model, data, *mse, theta, other, {0, 1, 3});
  LOSSLAB_VERIFY_NEAR(line.front(), atTheta, 1e-12);
  Mlp moved = model;
  moved.parameters() = other;
  moved.predict(data.x, out);
  LOSSLAB_VERIFY_NEAR(line.back(), (out.row(0).transpose() - data.y).array().square().mean(),
                      1e-12);
}

QTEST_GUILESS_MAIN(TestLandscape)
#include "tst_landscape.moc"
