// SPDX-License-Identifier: GPL-3.0-or-later
// Registry-driven curve checks: every loss, every parameter set its facts name, every curve
// variant. The plans come from each loss's curve traits (LossFacts::curve); nothing here names a
// loss. Checked: a sensible axis and variants; the default range is inside the loss's domain
// (no invalid point, finite values and slopes); the batched curve equals the loss at single
// points; d1 and d2 match central differences away from the loss's exact points.
#include <QSet>
#include <QTest>
#include <cmath>

#include "core/engine/curve.h"
#include "core/engine/loss_registry.h"
#include "core/testing/kink_check.h"
#include "tests/registry_cases.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

constexpr int kPoints = 201;
constexpr double kSame = 1e-13;       // batched vs single point: the same arithmetic
constexpr double kDifference = 1e-6;  // central differences
// Interior probe positions as fractions of the default range (irregular, off round numbers).
constexpr double kProbes[] = {0.1371, 0.3183, 0.5123, 0.7071, 0.8862};

}  // namespace

class TestCurvePlans : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { m_cases = test::registryCases(); }
  void axisAndVariants_data() { rows(); }
  void axisAndVariants();
  void defaultRangeIsInsideTheDomain_data() { rows(); }
  void defaultRangeIsInsideTheDomain();
  void batchedCurveEqualsSinglePoints_data() { rows(); }
  void batchedCurveEqualsSinglePoints();
  void derivativesMatchCentralDifferences_data() { rows(); }
  void derivativesMatchCentralDifferences();

 private:
  void rows() {
    QTest::addColumn<int>("index");
    for (std::size_t k = 0; k < m_cases.size(); ++k) {
      QTest::newRow(m_cases[k].name.c_str()) << static_cast<int>(k);
    }
  }
  LossPtr currentLoss() {
    QFETCH(int, index);
    const test::RegistryCase& c = m_cases[static_cast<std::size_t>(index)];
    return LossRegistry::instance().create(c.entry->info.id, c.params);
  }
  std::vector<test::RegistryCase> m_cases;
};

void TestCurvePlans::axisAndVariants() {
  const LossPtr loss = currentLoss();
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  QVERIFY(std::isfinite(axis.from) && std::isfinite(axis.to) && axis.from < axis.to);
  QVERIFY(!axis.xLabel.empty());
  QVERIFY(std::isfinite(axis.target));
  const std::vector<CurveVariant> variants = curveVariants(loss->info(), loss->params());
  QVERIFY(!variants.empty() && variants.size() <= 2);
  QSet<QString> ids;
  for (const CurveVariant& v : variants) {
    QVERIFY(!v.id.empty() && !v.label.empty());
    ids.insert(QString::fromStdString(v.id));
  }
  QCOMPARE(ids.size(), static_cast<int>(variants.size()));
  // The exact points name variants the curve has.
  for (const KinkPoint& k : loss->info().facts.kinks(loss->params())) {
    QVERIFY2(k.variant.empty() || ids.contains(QString::fromStdString(k.variant)),
             qPrintable("unknown variant " + QString::fromStdString(k.variant)));
  }
}

void TestCurvePlans::defaultRangeIsInsideTheDomain() {
  const LossPtr loss = currentLoss();
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  for (const CurveVariant& v : curveVariants(loss->info(), loss->params())) {
    CurveRequest request;
    request.from = axis.from;
    request.to = axis.to;
    request.target = axis.target;
    request.points = kPoints;
    request.variant = v.id;
    const CurveData data = computeCurve(*loss, request);
    QVERIFY2(data.invalidPoints == 0,
             qPrintable(QString::fromStdString(v.id + ": " + data.problem)));
    for (int k = 0; k < kPoints; ++k) {
      QVERIFY2(std::isfinite(data.value[k]) && std::isfinite(data.d1[k]),
               qPrintable(QString("%1 at x = %2: value %3, d1 %4")
                              .arg(QString::fromStdString(v.id))
                              .arg(data.x[k])
                              .arg(data.value[k])
                              .arg(data.d1[k])));
      QVERIFY(!std::isinf(data.d2[k]));
    }
  }
}

void TestCurvePlans::batchedCurveEqualsSinglePoints() {
  const LossPtr loss = currentLoss();
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  for (const CurveVariant& v : curveVariants(loss->info(), loss->params())) {
    CurveRequest request;
    request.from = axis.from;
    request.to = axis.to;
    request.target = axis.target;
    request.points = kPoints;
    request.variant = v.id;
    const CurveData data = computeCurve(*loss, request);
    for (int k : {3, 57, 100, 151, 197}) {
      const PathPoint p = curvePoint(*loss, v.id, data.x[k]);
      LOSSLAB_VERIFY_NEAR(p.value, data.value[k], kSame);
      LOSSLAB_VERIFY_NEAR(p.d1, data.d1[k], kSame);
      LOSSLAB_VERIFY_NEAR(p.d2, data.d2[k], kSame);
    }
  }
}

void TestCurvePlans::derivativesMatchCentralDifferences() {
  const LossPtr loss = currentLoss();
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  const double span = axis.to - axis.from;
  const std::vector<KinkPoint> kinks = loss->info().facts.kinks(loss->params());
  int checked = 0;
  for (const CurveVariant& v : curveVariants(loss->info(), loss->params())) {
    for (double fraction : kProbes) {
      const double x = axis.from + fraction * span;
      bool nearKink = false;
      for (const KinkPoint& k : kinks) {
        nearKink = nearKink || std::fabs(x - k.x) < 1e-3 * span;
      }
      if (nearKink) {
        continue;
      }
      const double step = 1e-6 * std::fmax(std::fabs(x), 1e-2 * span);
      const KinkReport report = checkCurveDerivatives(*loss, v.id, x, step, kDifference);
      checked += report.checked;
      QString failures;
      for (const std::string& f : report.failures) {
        failures += "\n  " + QString::fromStdString(f);
      }
      QVERIFY2(report.failures.empty(), qPrintable(failures));
    }
  }
  QVERIFY(checked > 0);
}

QTEST_MAIN(TestCurvePlans)
#include "tst_curve_plans.moc"
