// SPDX-License-Identifier: GPL-3.0-or-later
// Curves that coincide stay visible (issue 14, rough edges): the one drawn on top is dashed
// where it runs along an earlier one, so the curve under it shows through the gaps.
#include <qcustomplot.h>
#include <QTest>

#include "ui/common/curve_overlap.h"
#include "ui/common/settings.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"

using namespace losslab;
using namespace losslab::ui;

class TestCurveOverlap : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void onlyTheUpperOfACoincidingPairIsCovering();
  void anAbsoluteToleranceReplacesTheRelativeOne();
  void hiddenCurvesCoverNothing();
  void huberIsDashedWhereItRunsAlongMae();
};

void TestCurveOverlap::onlyTheUpperOfACoincidingPairIsCovering() {
  // 100 samples of x on [−3, 3]: a = x, b = clamp(x, −1, 1) (equal to a on the third of the
  // samples inside ±1), c = x + 5 (never near either).
  std::vector<double> a;
  std::vector<double> b;
  std::vector<double> c;
  for (int k = 0; k < 100; ++k) {
    const double x = -3 + 6 * k / 99.0;
    a.push_back(x);
    b.push_back(std::clamp(x, -1.0, 1.0));
    c.push_back(x + 5);
  }
  QCOMPARE(coveringCurves({&a, &b, &c}, {true, true, true}),
           (std::vector<bool>{false, true, false}));
  // Order decides which is on top: c, a, b has b over a still; a over nothing.
  QCOMPARE(coveringCurves({&c, &a, &b}, {true, true, true}),
           (std::vector<bool>{false, false, true}));
  // A run of 9 samples in common (fewer than 10 % of 100): not covering; 10: covering.
  std::vector<double> d(100, 100.0);
  for (int k = 40; k < 49; ++k) {
    d[k] = a[k];
  }
  QCOMPARE(coveringCurves({&a, &d}, {true, true}), (std::vector<bool>{false, false}));
  d[49] = a[49];
  QCOMPARE(coveringCurves({&a, &d}, {true, true}), (std::vector<bool>{false, true}));
}

void TestCurveOverlap::anAbsoluteToleranceReplacesTheRelativeOne() {
  // Two fit lines 0.02 apart over a span of 1: 2 % of the curves' own span, apart. On a fit
  // plot where a pen's width is 0.05 (its axis spans the data around the lines): coinciding.
  std::vector<double> a(50);
  std::vector<double> b(50);
  for (std::size_t k = 0; k < a.size(); ++k) {
    a[k] = static_cast<double>(k) / 49.0;
    b[k] = a[k] + 0.02;
  }
  QCOMPARE(coveringCurves({&a, &b}, {true, true}), (std::vector<bool>{false, false}));
  QCOMPARE(coveringCurves({&a, &b}, {true, true}, 0.05), (std::vector<bool>{false, true}));
  QCOMPARE(coveringCurves({&a, &b}, {true, true}, 0.01), (std::vector<bool>{false, false}));
}

void TestCurveOverlap::hiddenCurvesCoverNothing() {
  const std::vector<double> a(50, 1.0);
  const std::vector<double> b(50, 1.0);
  QCOMPARE(coveringCurves({&a, &b}, {false, true}), (std::vector<bool>{false, false}));
  QCOMPARE(coveringCurves({&a, &b}, {true, false}), (std::vector<bool>{false, false}));
  QCOMPARE(coveringCurves({&a, &b}, {true, true}), (std::vector<bool>{false, true}));
}

void TestCurveOverlap::huberIsDashedWhereItRunsAlongMae() {
  // MSE, MAE, Huber δ = 1 on [−3, 3]. Gradients: 2r, sign r, clamp(r, −1, 1): Huber's equals
  // MAE's for |r| ≥ 1 (two thirds of the range). Curvatures 2, 0, 1 inside ±1 and 0 beyond:
  // Huber's again runs along MAE's. The losses r², |r|, ½r² / |r| − ½ cross at single points;
  // MSE and Huber are within 0.25 % of the span 9 (0.0225) only for ½r² ≤ 0.0225, |r| ≤ 0.21,
  // 7 % of [−3, 3]: not dashed.
  ExplorerView view;
  QVERIFY(view.applyPreset(QStringLiteral("mse-mae-huber")));
  view.actions().showSecondDerivative->setChecked(true);
  LossCurvePlot* plot = view.plot();
  QCOMPARE(view.model()->curve(2).lossId, QStringLiteral("huber"));
  const auto dashed = [&](int panel, int curve) {
    return plot->graph(panel, curve)->pen().style() != Qt::SolidLine;
  };
  for (int curve = 0; curve < 3; ++curve) {
    QVERIFY(!dashed(LossCurvePlot::LossPanel, curve));
  }
  QVERIFY(!dashed(LossCurvePlot::GradientPanel, 0));
  QVERIFY(!dashed(LossCurvePlot::GradientPanel, 1));
  QVERIFY(dashed(LossCurvePlot::GradientPanel, 2));
  QVERIFY(dashed(LossCurvePlot::CurvaturePanel, 2));
  // Hiding MAE leaves nothing under Huber: solid again.
  view.model()->setVisible(1, false);
  QVERIFY(!dashed(LossCurvePlot::GradientPanel, 2));
}

QTEST_MAIN(TestCurveOverlap)
#include "tst_curve_overlap.moc"
