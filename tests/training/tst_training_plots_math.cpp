// SPDX-License-Identifier: GPL-3.0-or-later
// The Training tab's plot maths, in core (issue 10): TensorBoard's debiased EMA, histograms of
// several series over one range, and the relative colour classes of the influence plot — each
// against values worked out by hand.
#include <QTest>
#include <cmath>

#include "core/training/histogram.h"
#include "core/training/smoothing.h"
#include "tests/test_utils.h"

using namespace losslab;

class TestTrainingPlotsMath : public QObject {
  Q_OBJECT

 private slots:
  void emaIsDebiased();
  void emaSkipsNonFiniteValues();
  void histogramSharesOneRange();
  void histogramOfAConstant();
  void relativeBuckets();
};

void TestTrainingPlotsMath::emaIsDebiased() {
  // w = 0.5: s₁ = 0.5v₁ / 0.5 = v₁, s₂ = (0.25v₁ + 0.5v₂) / 0.75 = (v₁ + 2v₂) / 3,
  // s₃ = (0.125v₁ + 0.25v₂ + 0.5v₃) / 0.875 = (v₁ + 2v₂ + 4v₃) / 7.
  EmaSmoother ema(0.5);
  LOSSLAB_VERIFY_NEAR(ema.add(3), 3.0, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(ema.add(6), (3 + 2 * 6) / 3.0, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(ema.add(-1), (3 + 12 - 4) / 7.0, test::kExactTolerance);
  EmaSmoother none(0);
  QCOMPARE(none.add(0.125), 0.125);
  QCOMPARE(none.add(7), 7.0);
}

void TestTrainingPlotsMath::emaSkipsNonFiniteValues() {
  EmaSmoother ema(0.5);
  ema.add(2);
  QVERIFY(std::isnan(ema.add(std::nan(""))));
  QVERIFY(std::isinf(ema.add(INFINITY)));
  // The NaN and the inf did not count: the next value is the second one seen.
  LOSSLAB_VERIFY_NEAR(ema.add(8), (2 + 2 * 8) / 3.0, test::kExactTolerance);
}

void TestTrainingPlotsMath::histogramSharesOneRange() {
  // Values from −1 to 3 over 4 bins of width 1: [−1, 0) [0, 1) [1, 2) [2, 3]; 3 falls in the
  // last bin; NaN is not counted.
  const std::optional<SharedHistogram> h =
      sharedHistogram({{-1, -0.5, 0, 2.5, std::nan("")}, {3, 1.5, 1.25}}, 4);
  QVERIFY(h.has_value());
  QCOMPARE(h->lo, -1.0);
  QCOMPARE(h->width, 1.0);
  QCOMPARE(h->counts[0], (std::vector<double>{2, 1, 0, 1}));
  QCOMPARE(h->counts[1], (std::vector<double>{0, 0, 2, 1}));
  QCOMPARE(h->centers(), (std::vector<double>{-0.5, 0.5, 1.5, 2.5}));
  QVERIFY(!sharedHistogram({{std::nan("")}, {}}, 4).has_value());
  QCOMPARE(residuals({1, 2, 3}, {0.5, 2}), (std::vector<double>{0.5, 0}));
}

void TestTrainingPlotsMath::histogramOfAConstant() {
  const std::optional<SharedHistogram> h = sharedHistogram({{2, 2, 2}}, 2);
  QVERIFY(h.has_value());
  QCOMPARE(h->lo, 1.5);  // widened to 2 ± 0.5
  QCOMPARE(h->width, 0.5);
  QCOMPARE(h->counts[0], (std::vector<double>{0, 3}));  // 2 is the upper bin's left edge
}

void TestTrainingPlotsMath::relativeBuckets() {
  // top = 4, 4 classes: 0 → 0, 1 → 1, 2.5 → 2, 4 → 3 (clamped), NaN → 0.
  const Buckets b = losslab::relativeBuckets({0, 1, 2.5, 4, std::nan("")}, 4);
  QCOMPARE(b.top, 4.0);
  QCOMPARE(b.of, (std::vector<int>{0, 1, 2, 3, 0}));
  const Buckets zero = losslab::relativeBuckets({0, 0}, 4);
  QCOMPARE(zero.top, 0.0);
  QCOMPARE(zero.of, (std::vector<int>{0, 0}));
}

QTEST_MAIN(TestTrainingPlotsMath)
#include "tst_training_plots_math.moc"
