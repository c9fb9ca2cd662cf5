// SPDX-License-Identifier: GPL-3.0-or-later
// Registry-driven checks of every loss's facts (core/engine/loss_info.h), for every parameter set
// the facts name: nothing here knows a loss by its id, so a new loss is checked by registering it.
//  * exact points: the value, d1 and d2 of the facts' kink table on the loss's own curve (the
//    framework's convention at each kink), to 1e-12;
//  * central differences at probes on both sides of every exact point (never at it);
//  * the formula equivalent: the same exact points, and the kernel's value, gradient and second
//    derivative on random multi-column data, to 1e-12;
//  * central differences of the analytic gradient on random data from the loss's input domain,
//    optional inputs (class weights) included;
//  * the regime thresholds (Huber's ±δ, a hinge's margin): the curve is zero, linear or
//    quadratic on each side as the facts say, judged from second differences of its values.
// The kink tables are hand derivations written beside each loss; the kernels and the formula
// language are independent implementations of the same conventions.
#include <QTest>
#include <cmath>
#include <random>

#include "core/engine/loss_registry.h"
#include "core/export/code_export.h"
#include "core/formula/formula_loss.h"
#include "core/testing/kink_check.h"
#include "core/testing/sample_inputs.h"
#include "tests/registry_cases.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

constexpr double kExact = 1e-12;      // exact points and formula vs kernel
constexpr double kDifference = 1e-6;  // central differences
constexpr unsigned kSeed = 20260901;

/// All exact points of a case.
std::vector<KinkPoint> pointsOf(const test::RegistryCase& c) {
  return c.entry->info.facts.kinks(c.params);
}

QString joined(const std::vector<std::string>& lines) {
  QString text;
  for (const std::string& line : lines) {
    text += "\n  " + QString::fromStdString(line);
  }
  return text;
}

/// The formula equivalent as a loss, or null.
std::shared_ptr<const FormulaLoss> formulaOf(const Loss& loss, int* columns = nullptr) {
  const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(loss);
  if (!equivalent) {
    return nullptr;
  }
  if (columns) {
    *columns = equivalent->columns;
  }
  return FormulaLoss::create(equivalent->source, {}, "custom", equivalent->inputs);
}

/// The first-variant-or-named curve point of a one-column curve as plain tensors: y_pred 1×1 and
/// y_true 1×1 (no extras), or nothing when the curve moves more than y_pred's one column.
std::optional<std::pair<Tensor, Tensor>> elementAt(const Loss& loss, const KinkPoint& k) {
  CurveRequest request;
  request.variant = k.variant;
  request.target = curveAxis(loss.info(), loss.params()).target;
  const CurveInputs inputs = curveInputs(loss, request, {k.x});
  if (inputs.yPred.cols() != 1 || !inputs.extras.empty() || inputs.yTrue.cols() != 1) {
    return std::nullopt;
  }
  return std::make_pair(inputs.yTrue, inputs.yPred);
}

void addCaseRows() {
  QTest::addColumn<int>("index");
  const auto cases = test::registryCases();
  for (std::size_t k = 0; k < cases.size(); ++k) {
    QTest::newRow(cases[k].name.c_str()) << static_cast<int>(k);
  }
}

}  // namespace

class TestLossFacts : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { m_cases = test::registryCases(); }
  void everyLossStatesItsFacts();
  void exactPoints_data() { addCaseRows(); }
  void exactPoints();
  void centralDifferencesAroundPoints_data() { addCaseRows(); }
  void centralDifferencesAroundPoints();
  void formulaEquivalentAtPoints_data() { addCaseRows(); }
  void formulaEquivalentAtPoints();
  void formulaEquivalentMatchesTheKernel_data() { addCaseRows(); }
  void formulaEquivalentMatchesTheKernel();
  void gradientsMatchCentralDifferences_data() { addCaseRows(); }
  void gradientsMatchCentralDifferences();
  void thresholdsSeparateTheirRegimes_data() { addCaseRows(); }
  void thresholdsSeparateTheirRegimes();
  void thresholdsFollowTheirParameter();

 private:
  const test::RegistryCase& current() {
    QFETCH(int, index);
    return m_cases[static_cast<std::size_t>(index)];
  }
  std::vector<test::RegistryCase> m_cases;
};

void TestLossFacts::everyLossStatesItsFacts() {
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    const LossInfo& info = entry.info;
    const QString id = QString::fromStdString(info.id);
    int points = 0;
    bool someFormula = false;
    std::vector<ParamValues> sets = {ParamValues{}};
    sets.insert(sets.end(), info.facts.examples.begin(), info.facts.examples.end());
    for (const ParamValues& given : sets) {
      ParamValues params;
      try {
        params = completeParams(info.params, given);
      } catch (const Error& e) {
        QFAIL(qPrintable(id + ": an example parameter set is invalid: " + e.what()));
      }
      QVERIFY2(given.empty() || params != completeParams(info.params, {}),
               qPrintable(id + ": an example repeats the defaults"));
      points += static_cast<int>(info.facts.kinks(params).size());
      someFormula = someFormula || info.facts.formula(params).has_value();
      const InputDomain domain = info.facts.inputs(params);
      for (const ExtraInput& extra : info.extras) {
        bool listed = false;
        for (const ExtraDomain& d : domain.extras) {
          listed = listed || d.name == extra.name;
        }
        // Required inputs must be in the domain (the tests fill them); optional ones may be.
        QVERIFY2(listed || !extra.required, qPrintable(id + ": the input domain lacks '" +
                                                       QString::fromStdString(extra.name) + "'"));
      }
    }
    QVERIFY2(points > 0, qPrintable(id + " has no exact point in its facts"));
    // Every loss leaves LossLab somehow, or says why not.
    QVERIFY2(someFormula || !info.facts.calls.empty() || !info.facts.exportLimit.empty(),
             qPrintable(id + " has no export route and no stated limit"));
    for (const FrameworkCall& call : info.facts.calls) {
      QVERIFY(call.framework == Framework::Keras || call.framework == Framework::PyTorch);
      QVERIFY2(!call.function.empty() && !call.klass.empty() && !call.inputs.empty(),
               qPrintable(id));
      for (const CallArg& arg : call.args) {
        bool known = false;
        for (const ParamSpec& spec : info.params) {
          known = known || spec.id == arg.param;
        }
        QVERIFY2(known, qPrintable(id + ": call argument of unknown parameter " +
                                   QString::fromStdString(arg.param)));
      }
    }
  }
}

void TestLossFacts::exactPoints() {
  const test::RegistryCase& c = current();
  const std::vector<KinkPoint> points = pointsOf(c);
  if (points.empty()) {
    QSKIP("no exact point for these parameters");
  }
  const LossPtr loss = LossRegistry::instance().create(c.entry->info.id, c.params);
  const KinkReport report = checkExactPoints(*loss, points, kExact);
  QVERIFY(report.checked > 0);
  QVERIFY2(report.failures.empty(), qPrintable(joined(report.failures)));
}

void TestLossFacts::centralDifferencesAroundPoints() {
  const test::RegistryCase& c = current();
  const std::vector<KinkPoint> points = pointsOf(c);
  if (points.empty()) {
    QSKIP("no exact point for these parameters");
  }
  const LossPtr loss = LossRegistry::instance().create(c.entry->info.id, c.params);
  const KinkReport report = checkAroundPoints(*loss, points, kDifference);
  QVERIFY2(report.checked > 0, "no probe was inside the curve's domain");
  QVERIFY2(report.failures.empty(), qPrintable(joined(report.failures)));
}

void TestLossFacts::formulaEquivalentAtPoints() {
  const test::RegistryCase& c = current();
  const LossPtr loss = LossRegistry::instance().create(c.entry->info.id, c.params);
  const auto formula = formulaOf(*loss);
  if (!formula) {
    QSKIP("no formula equivalent for these parameters");
  }
  int compared = 0;
  for (const KinkPoint& k : pointsOf(c)) {
    const auto element = elementAt(*loss, k);
    if (!element || !k.autodiffAgrees) {
      continue;
    }
    BatchEval eval;
    LossInputs in;
    in.yTrue = &element->first;
    in.yPred = &element->second;
    formula->evaluate(in, eval);
    const QString at =
        QString("x = %1 (%2)").arg(k.x, 0, 'g', 17).arg(QString::fromStdString(k.why));
    QVERIFY2(test::near(eval.unreduced(0, 0), k.value, kExact),
             qPrintable(at + QString(": value %1, table %2")
                                 .arg(eval.unreduced(0, 0), 0, 'g', 17)
                                 .arg(k.value, 0, 'g', 17)));
    QVERIFY2(
        test::near(eval.grad(0, 0), k.d1, kExact),
        qPrintable(
            at +
            QString(": d1 %1, table %2").arg(eval.grad(0, 0), 0, 'g', 17).arg(k.d1, 0, 'g', 17)));
    if (!std::isnan(k.d2)) {  // the formula has a d2 where the kernel may not (aggregates)
      QVERIFY2(
          test::near(eval.d2(0, 0), k.d2, kExact),
          qPrintable(
              at +
              QString(": d2 %1, table %2").arg(eval.d2(0, 0), 0, 'g', 17).arg(k.d2, 0, 'g', 17)));
    }
    ++compared;
  }
  if (compared == 0) {
    QSKIP("no exact point on a one-column curve");
  }
}

void TestLossFacts::formulaEquivalentMatchesTheKernel() {
  const test::RegistryCase& c = current();
  const LossPtr loss = LossRegistry::instance().create(c.entry->info.id, c.params);
  int columns = 0;
  const auto formula = formulaOf(*loss, &columns);
  if (!formula) {
    QSKIP("no formula equivalent for these parameters");
  }
  std::mt19937 rng(kSeed);
  for (int trial = 0; trial < 3; ++trial) {
    SampleShape shape{6, columns > 0 ? columns : 3 + trial, false};
    const EvalRequest request = sampleRequest(loss->info(), c.params, rng, shape);
    const Evaluation expected = evaluate(*loss, request);
    const Evaluation actual = evaluate(*formula, request);
    LOSSLAB_VERIFY_NEAR(actual.value, expected.value, kExact);
    const double scale = std::fmax(expected.grad.abs().maxCoeff(), 1e-300);
    for (Eigen::Index k = 0; k < expected.grad.size(); ++k) {
      const double a = actual.grad.data()[k];
      const double b = expected.grad.data()[k];
      QVERIFY2(std::fabs(a - b) <= kExact * scale,
               qPrintable(QString("gradient element %1: formula %2, kernel %3")
                              .arg(k)
                              .arg(a, 0, 'g', 17)
                              .arg(b, 0, 'g', 17)));
    }
    if (expected.d2.size() > 0 && actual.d2.size() > 0) {
      const double d2Scale = std::fmax(expected.d2.abs().maxCoeff(), 1e-300);
      for (Eigen::Index k = 0; k < expected.d2.size(); ++k) {
        const double a = actual.d2.data()[k];
        const double b = expected.d2.data()[k];
        QVERIFY2(std::fabs(a - b) <= kExact * d2Scale,
                 qPrintable(QString("d2 element %1: formula %2, kernel %3")
                                .arg(k)
                                .arg(a, 0, 'g', 17)
                                .arg(b, 0, 'g', 17)));
      }
    }
  }
}

void TestLossFacts::gradientsMatchCentralDifferences() {
  const test::RegistryCase& c = current();
  const LossPtr loss = LossRegistry::instance().create(c.entry->info.id, c.params);
  std::mt19937 rng(kSeed + 1);
  for (bool optionalExtras : {false, true}) {
    const EvalRequest request =
        sampleRequest(loss->info(), c.params, rng, SampleShape{5, 3, optionalExtras});
    LOSSLAB_VERIFY_GRADIENT(*loss, request);
  }
}

namespace {

/// The second difference (f(x+h) − 2f(x) + f(x−h)) / h² of the curve's values: 0 on a linear
/// piece, f'' on a quadratic one; computed from values only, not from the kernel's derivatives.
double secondDifference(const Loss& loss, const std::string& variant, double x) {
  constexpr double h = 1e-3;
  return (curvePoint(loss, variant, x + h).value - 2 * curvePoint(loss, variant, x).value +
          curvePoint(loss, variant, x - h).value) /
         (h * h);
}

/// "" if the curve behaves as `regime` at the probes `a` and `b`, else what it does instead.
std::string regimeProblem(
    const Loss& loss, const std::string& variant, Regime regime, double a, double b) {
  const double qa = secondDifference(loss, variant, a);
  const double qb = secondDifference(loss, variant, b);
  const PathPoint pa = curvePoint(loss, variant, a);
  const PathPoint pb = curvePoint(loss, variant, b);
  const std::string at = " at " + std::to_string(a) + ", " + std::to_string(b);
  switch (regime) {
    case Regime::Zero:
      return std::abs(pa.value) < 1e-12 && std::abs(pb.value) < 1e-12 ? "" : "not zero" + at;
    case Regime::Linear:
      return std::abs(qa) < 1e-5 && std::abs(qb) < 1e-5 && pa.value != pb.value ? ""
                                                                                : "not linear" + at;
    case Regime::Quadratic:
      return qa > 1e-3 && std::abs(qa - qb) < 1e-5 * qa ? "" : "not quadratic" + at;
  }
  return "unknown regime";
}

}  // namespace

void TestLossFacts::thresholdsSeparateTheirRegimes() {
  const test::RegistryCase& c = current();
  const std::vector<Threshold> thresholds = c.entry->info.facts.thresholds(c.params);
  if (thresholds.empty()) {
    QSKIP("no threshold for these parameters");
  }
  const LossPtr loss = LossRegistry::instance().create(c.entry->info.id, c.params);
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  const double target = axis.kind == CurveKind::Residual ? axis.target : 0.0;
  int checked = 0;
  for (const Threshold& t : thresholds) {
    if (t.at == 0) {
      continue;  // smooth L1 with β = 0: no inner zone
    }
    // Probes at 30 % and 70 % of the way from the centre (0) to the threshold, and 0.3 and 0.9
    // beyond it (on both sides when it is symmetric).
    for (const double sign : t.symmetric ? std::vector<double>{1, -1} : std::vector<double>{1}) {
      const double at = sign * t.at;
      const double away = at > 0 ? 1 : -1;
      const std::string inner =
          regimeProblem(*loss, t.variant, t.inner, target + 0.3 * at, target + 0.7 * at);
      const std::string outer = regimeProblem(*loss, t.variant, t.outer, target + at + 0.3 * away,
                                              target + at + 0.9 * away);
      QVERIFY2(inner.empty(), qPrintable(QString::fromStdString("inner zone " + inner)));
      QVERIFY2(outer.empty(), qPrintable(QString::fromStdString("outer zone " + outer)));
      checked += 2;
    }
  }
  if (checked == 0) {
    QSKIP("only thresholds at 0");
  }
}

void TestLossFacts::thresholdsFollowTheirParameter() {
  // The explorer's markers move with the parameter the threshold names: Huber's δ = 0.7 is at
  // ±0.7 (½r² turns into δ|r| − ½δ² there), smooth L1's β = 0.4 at ±0.4, the contrastive
  // margin m = 1.2 at d = 1.2 for dissimilar pairs only.
  const auto find = [](const std::string& id) { return LossRegistry::instance().find(id); };
  const auto huber = find("huber")->info.facts.thresholds({{"delta", 0.7}});
  QCOMPARE(huber.size(), std::size_t{1});
  QCOMPARE(huber[0].param, std::string("delta"));
  QCOMPARE(huber[0].at, 0.7);
  QVERIFY(huber[0].symmetric);
  QVERIFY(huber[0].inner == Regime::Quadratic);
  QVERIFY(huber[0].outer == Regime::Linear);
  QCOMPARE(find("smooth_l1")->info.facts.thresholds({{"beta", 0.4}})[0].at, 0.4);
  const auto contrastive = find("contrastive")->info.facts.thresholds({{"margin", 1.2}});
  QCOMPARE(contrastive.size(), std::size_t{1});
  QCOMPARE(contrastive[0].variant, std::string("dissimilar"));
  QCOMPARE(contrastive[0].at, 1.2);
  QVERIFY(find("mean_squared_error")->info.facts.thresholds({}).empty());
}

QTEST_MAIN(TestLossFacts)
#include "tst_loss_facts.moc"
