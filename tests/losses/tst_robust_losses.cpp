// SPDX-License-Identifier: GPL-3.0-or-later
// Robust losses: Ceres' ρ functions in s (central differences on both sides of every region
// boundary, the "At s = 0" table of spec §2.6, the DBL_MIN floor), the residual-space mapping
// ℓ = ½ρ(‖r‖²) through the pipeline (gradients and diagonal second derivatives, scalar and D = 3
// residual blocks), Barron's closed forms, the relations of spec §2.6, and the reference losses.
#include <QTest>
#include <cmath>
#include <functional>
#include <limits>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/losses/ceres_rho.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Ceres' probe points around a region boundary at s = 1 (a = 1), and Tolerant's threshold
// x = (s − a)/b = 36.7 approached from both sides.
constexpr double kInlierS = 0.357;
constexpr double kOutlierS = 1.792;
constexpr double kTolerantBelow = 36.6;
constexpr double kTolerantAbove = 36.8;

// A unit direction in R³ (0.48² + 0.6² + 0.64² = 1): r = √s · u has ‖r‖² = s.
constexpr double kU[3] = {0.48, -0.6, 0.64};

using RhoFunction = std::function<RhoEval(double)>;

/// The ρ under test by name: the elementary losses and two combinators.
RhoFunction rhoFor(const QString& name, double a, double b) {
  if (name == "trivial") {
    return CeresRho::trivial();
  }
  if (name == "huber") {
    return CeresRho::huber(a);
  }
  if (name == "soft_l1") {
    return CeresRho::softLOne(a);
  }
  if (name == "cauchy") {
    return CeresRho::cauchy(a);
  }
  if (name == "arctan") {
    return CeresRho::arctan(a);
  }
  if (name == "tolerant") {
    return CeresRho::tolerant(a, b);
  }
  if (name == "tukey") {
    return CeresRho::tukey(a);
  }
  if (name == "scaled cauchy") {  // ScaledLoss(CauchyLoss(a), b)
    return [rho = CeresRho::cauchy(a), b](double s) { return scaledRho(b, rho(s)); };
  }
  if (name == "composed cauchy∘huber") {  // ComposedLoss(CauchyLoss(a), HuberLoss(b))
    return [f = CeresRho::cauchy(a), g = CeresRho::huber(b)](double s) {
      const RhoEval inner = g(s);
      return composedRho(f(inner.value), inner);
    };
  }
  qFatal("unknown rho %s", qPrintable(name));
  return CeresRho::trivial();
}

/// One sample per row with residual √s_k · u (D = 3) or √s_k (D = 1), around the target y.
Tensor blockPrediction(const Tensor& y, std::initializer_list<double> squaredNorms) {
  Tensor p = y;
  Eigen::Index i = 0;
  for (double s : squaredNorms) {
    for (Eigen::Index j = 0; j < y.cols(); ++j) {
      const double direction = y.cols() == 3 ? kU[j] : (i % 2 ? -1.0 : 1.0);
      p(i, j) += std::sqrt(s) * direction;
    }
    ++i;
  }
  return p;
}

EvalRequest request(const Tensor& yTrue, const Tensor& yPred, Reduction reduction) {
  EvalRequest r;
  r.yTrue = RankedTensor{yTrue, 2};
  r.yPred = RankedTensor{yPred, 2};
  r.reduction = reduction;
  return r;
}

Evaluation run(const char* id,
               const ParamValues& params,
               const Tensor& y,
               const Tensor& p,
               Reduction reduction = Reduction::Sum) {
  return evaluate(*LossRegistry::instance().create(id, params), request(y, p, reduction));
}

}  // namespace

class TestRobustLosses : public QObject {
  Q_OBJECT

 private slots:
  void rhoDerivativesMatchCentralDifferences_data();
  void rhoDerivativesMatchCentralDifferences();
  void rhoAtZero_data();
  void rhoAtZero();
  void rhoFloorsFirstDerivativeAtDblMin();
  void gradientMatchesCentralDifferences_data();
  void gradientMatchesCentralDifferences();
  void valueAtOrigin_data();
  void valueAtOrigin();
  void ceresUsesTheBlockNorm();
  void barronClosedForms_data();
  void barronClosedForms();
  void barronGeneralMatchesReference_data();
  void barronGeneralMatchesReference();
  void barronIsContinuousNearSingularAlpha();
  void relationsBetweenLosses_data();
  void relationsBetweenLosses();
  void pinballDocstringExample();
  void epsilonInsensitiveBoundaryIsStrict();
  void innerLossChoices();
};

// ---- Ceres ρ(s) in s ---------------------------------------------------------------------------

void TestRobustLosses::rhoDerivativesMatchCentralDifferences_data() {
  QTest::addColumn<QString>("rho");
  QTest::addColumn<double>("a");
  QTest::addColumn<double>("b");
  QTest::addColumn<double>("s");

  for (const char* name : {"trivial", "huber", "soft_l1", "cauchy", "arctan", "tukey"}) {
    for (double s : {0.05, kInlierS, kOutlierS, 3.1}) {
      QTest::addRow("%s a=1 s=%g", name, s) << QString(name) << 1.0 << 0.0 << s;
    }
  }
  // a = 0.7: the Huber/Tukey boundary s = 0.49 between 0.357 and 1.792 as well.
  for (const char* name : {"huber", "tukey"}) {
    for (double s : {0.45, 0.53}) {
      QTest::addRow("%s a=0.7 s=%g (boundary 0.49)", name, s) << QString(name) << 0.7 << 0.0 << s;
    }
  }
  const double a = 1.2;
  const double b = 0.4;
  for (double s : {0.05, kInlierS, kOutlierS, a + kTolerantBelow * b, a + kTolerantAbove * b}) {
    QTest::addRow("tolerant a=1.2 b=0.4 s=%g", s) << QString("tolerant") << a << b << s;
  }
  for (double s : {kInlierS, kOutlierS}) {
    QTest::addRow("scaled cauchy(a=0.8)×2.5 s=%g", s)
        << QString("scaled cauchy") << 0.8 << 2.5 << s;
    QTest::addRow("composed cauchy(1.3)∘huber(1) s=%g", s)
        << QString("composed cauchy∘huber") << 1.3 << 1.0 << s;
  }
}

void TestRobustLosses::rhoDerivativesMatchCentralDifferences() {
  QFETCH(QString, rho);
  QFETCH(double, a);
  QFETCH(double, b);
  QFETCH(double, s);
  const RhoFunction f = rhoFor(rho, a, b);
  const double h = std::cbrt(std::numeric_limits<double>::epsilon()) * std::fmax(1.0, s);
  const RhoEval at = f(s);
  const RhoEval plus = f(s + h);
  const RhoEval minus = f(s - h);
  // Relative error with an absolute floor of 1 (ρ′ is O(1); ρ″ may be ~1e-16 near Tolerant's
  // switch).
  LOSSLAB_VERIFY_NEAR(at.d1, (plus.value - minus.value) / (2 * h), test::kGradientTolerance);
  LOSSLAB_VERIFY_NEAR(at.d2, (plus.d1 - minus.d1) / (2 * h), test::kGradientTolerance);
}

void TestRobustLosses::rhoAtZero_data() {
  QTest::addColumn<QString>("rho");
  QTest::addColumn<double>("a");
  QTest::addColumn<double>("b");
  QTest::addColumn<double>("value");
  QTest::addColumn<double>("d1");
  QTest::addColumn<double>("d2");

  // The "at s = 0" column of the spec §2.6 table.
  QTest::newRow("trivial [0, 1, 0]") << "trivial" << 1.0 << 0.0 << 0.0 << 1.0 << 0.0;
  QTest::newRow("huber [0, 1, 0]") << "huber" << 0.7 << 0.0 << 0.0 << 1.0 << 0.0;
  QTest::newRow("soft_l1 a=0.7 [0, 1, −1/(2a²)]")
      << "soft_l1" << 0.7 << 0.0 << 0.0 << 1.0 << -1 / (2 * 0.49);
  QTest::newRow("cauchy a=1.3 [0, 1, −1/a²]") << "cauchy" << 1.3 << 0.0 << 0.0 << 1.0 << -1 / 1.69;
  QTest::newRow("arctan [0, 1, 0]") << "arctan" << 0.9 << 0.0 << 0.0 << 1.0 << 0.0;
  QTest::newRow("tukey a=1.1 [0, 1, −2/a²]") << "tukey" << 1.1 << 0.0 << 0.0 << 1.0 << -2 / 1.21;
  // Tolerant: ρ(0) = b log(1 + e^{−a/b}) − c = 0, ρ′(0) = σ(−a/b), ρ″(0) = 1/(2b(1 + cosh(a/b))):
  // ≈ 0 when a ≫ b (a/b = 5 here: σ(−5) = 1/(1 + e⁵)).
  QTest::newRow("tolerant a=1 b=0.2 [0, σ(−5), 1/(0.4(1 + cosh 5))]")
      << "tolerant" << 1.0 << 0.2 << 0.0 << 1 / (1 + std::exp(5.0))
      << 1 / (0.4 * (1 + std::cosh(5.0)));
}

void TestRobustLosses::rhoAtZero() {
  QFETCH(QString, rho);
  QFETCH(double, a);
  QFETCH(double, b);
  QFETCH(double, value);
  QFETCH(double, d1);
  QFETCH(double, d2);
  const RhoEval at = rhoFor(rho, a, b)(0.0);
  LOSSLAB_VERIFY_NEAR(at.value, value, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(at.d1, d1, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(at.d2, d2, test::kExactTolerance);
}

void TestRobustLosses::rhoFloorsFirstDerivativeAtDblMin() {
  // Ceres: ρ′ = max(DBL_MIN, …) so that the solver's rescaling never divides by 0.
  const double dblMin = std::numeric_limits<double>::min();
  QCOMPARE(CeresRho::cauchy(1.0)(1e308).d1, dblMin);          // 1/(1 + s) < DBL_MIN
  QCOMPARE(CeresRho::tolerant(1000.0, 1.0)(0.0).d1, dblMin);  // σ(−1000) underflows to 0
  QCOMPARE(CeresRho::arctan(1.0)(1e200).d1, dblMin);          // 1/(1 + s²) underflows to 0
  QVERIFY(CeresRho::huber(1.0)(1e300).d1 > dblMin);           // a/√s = 1e−150: no floor
  QCOMPARE(CeresRho::tukey(1.0)(2.0).d1, 0.0);                // Tukey has no floor
}

// ---- residual space, through the pipeline -------------------------------------------------------

void TestRobustLosses::gradientMatchesCentralDifferences_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");

  const Tensor y1 = tensor({{0.3}, {-1.2}, {2.0}, {0.1}});
  // (ceres_huber's outlier region is linear in r: d2 = 0 there, and its gradient a/√s · r = ±a
  // carries one rounding, so the d2 check sees ~ulp/h noise; these probes keep it below 1e-12.)
  const Tensor y3 = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -0.4}, {0.0, 0.7, 0.2}});
  // a = 1: s on both sides of the boundary s = 1, plus a small and a large residual.
  const Tensor p1 = blockPrediction(y1, {kInlierS, kOutlierS, 0.05, 2.7});
  const Tensor p3 = blockPrediction(y3, {kInlierS, kOutlierS, 3.1});

  for (const char* id : {"ceres_trivial", "ceres_huber", "ceres_soft_l1", "ceres_cauchy",
                         "ceres_arctan", "ceres_tukey", "ceres_tolerant", "ceres_wrapper"}) {
    QTest::addRow("%s D=1 s=0.357/1.792/0.05/2.7", id) << id << ParamValues{} << y1 << p1;
    QTest::addRow("%s D=3 block s=0.357/1.792/3.1", id) << id << ParamValues{} << y3 << p3;
  }
  // Tolerant's switch x = (s − a)/b = 36.7, from both sides, for D = 1 and D = 3.
  const double a = 1.2;
  const double b = 0.4;
  const ParamValues tolerant{{"a", a}, {"b", b}};
  QTest::newRow("ceres_tolerant a=1.2 b=0.4 D=1 x=36.6/36.8")
      << "ceres_tolerant" << tolerant << tensor({{0.0}, {1.0}})
      << blockPrediction(tensor({{0.0}, {1.0}}), {a + kTolerantBelow * b, a + kTolerantAbove * b});
  QTest::newRow("ceres_tolerant a=1.2 b=0.4 D=3 x=36.6/36.8")
      << "ceres_tolerant" << tolerant << Tensor(y3.topRows(2))
      << blockPrediction(y3.topRows(2), {a + kTolerantBelow * b, a + kTolerantAbove * b});
  QTest::newRow("ceres_tolerant a=1.2 b=0.4 D=3 transition")
      << "ceres_tolerant" << tolerant << y3 << blockPrediction(y3, {0.9, 1.3, 2.5});
  QTest::newRow("ceres_huber a=0.7 D=3 s=0.45/0.53 (boundary 0.49)")
      << "ceres_huber" << ParamValues{{"a", 0.7}} << Tensor(y3.topRows(2))
      << blockPrediction(y3.topRows(2), {0.45, 0.53});
  QTest::newRow("ceres_tukey a=0.7 D=3 s=0.45/0.53 (boundary 0.49)")
      << "ceres_tukey" << ParamValues{{"a", 0.7}} << Tensor(y3.topRows(2))
      << blockPrediction(y3.topRows(2), {0.45, 0.53});

  // Combinators with every inner loss (choice indices, see innerLossChoices).
  const char* inner[] = {"none", "trivial", "huber", "soft_l1", "cauchy", "arctan", "tukey"};
  for (int c = 0; c < 7; ++c) {
    QTest::addRow("ceres_scaled ρ=%s a=2.5 D=3", inner[c])
        << "ceres_scaled" << ParamValues{{"rho", c}, {"a", 2.5}} << y3 << p3;
    QTest::addRow("ceres_wrapper ρ=%s D=1", inner[c])
        << "ceres_wrapper" << ParamValues{{"rho", c}} << y1 << p1;
  }
  // ComposedLoss f∘g: every pair. f's own boundary g(s) = 1 is avoided: g maps 0.357 / 1.792 / 3.1
  // to values at least 0.02 away from 1 for every g here.
  for (int f = 1; f < 7; ++f) {
    for (int g = 1; g < 7; ++g) {
      QTest::addRow("ceres_composed f=%s g=%s D=3", inner[f], inner[g])
          << "ceres_composed" << ParamValues{{"f", f - 1}, {"g", g - 1}, {"g_a", 1.0}} << y3 << p3;
    }
  }

  // Barron: every shape regime, with residuals small and large against c = 1.3.
  const Tensor by = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -0.4}});
  const Tensor bp = tensor({{0.657, -3.0, 1.2}, {-0.6, 0.45, 2.9}});
  for (double alpha : {-kInf, -7.0, -2.0, 0.0, 0.5, 1.0, 1.7, 2.0, 3.0, kInf}) {
    QTest::addRow("barron_general α=%g c=1.3", alpha)
        << "barron_general" << ParamValues{{"alpha", alpha}, {"scale", 1.3}} << by << bp;
  }
  QTest::newRow("barron_general α=1e-9 (α = 0 form)")
      << "barron_general" << ParamValues{{"alpha", 1e-9}} << by << bp;
  QTest::newRow("barron_general α=2−1e-9 (b = 2^−23)")
      << "barron_general" << ParamValues{{"alpha", 2 - 1e-9}} << by << bp;

  // Tukey biweight c = 1.5: |r| = 1.4 / 1.45 inside, 1.55 / 1.6 outside, both signs.
  QTest::newRow("tukey_biweight c=1.5 both sides of ±c")
      << "tukey_biweight" << ParamValues{{"c", 1.5}} << tensor({{0.0, 0.0, 0.0, 0.0, 0.0}})
      << tensor({{1.4, -1.45, 1.55, -1.6, 0.3}});
  QTest::newRow("tukey_biweight default c") << "tukey_biweight" << ParamValues{} << by << bp;
  for (double tau : {0.1, 0.5, 0.9}) {
    QTest::addRow("pinball τ=%g both signs of Δ", tau)
        << "pinball" << ParamValues{{"tau", tau}} << by << bp;
  }
  const Tensor zeros = tensor({{0.0, 0.0, 0.0, 0.0, 0.0}});
  const Tensor tube = tensor({{0.29, -0.29, 0.31, -0.31, 1.7}});  // ε = 0.3: inside / outside
  QTest::newRow("epsilon_insensitive ε=0.3 both sides of ±ε")
      << "epsilon_insensitive" << ParamValues{{"epsilon", 0.3}} << zeros << tube;
  QTest::newRow("epsilon_insensitive squared ε=0.3 both sides of ±ε")
      << "epsilon_insensitive" << ParamValues{{"epsilon", 0.3}, {"squared", 1.0}} << zeros << tube;
}

void TestRobustLosses::gradientMatchesCentralDifferences() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  for (Reduction reduction : {defaultReduction(loss->info()), Reduction::Sum}) {
    const EvalRequest r = request(yTrue, yPred, reduction);
    QVERIFY(evaluate(*loss, r).d2.size() == yPred.size());  // d2 is checked too
    LOSSLAB_VERIFY_GRADIENT(*loss, r);
  }
}

void TestRobustLosses::valueAtOrigin_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<double>("value");
  QTest::addColumn<double>("d1");
  QTest::addColumn<double>("d2");

  // At r = 0 (s = 0): ℓ = ½ρ(0) = 0, ∂ℓ/∂ŷ = ρ′(0)·0 = 0, ∂²ℓ/∂ŷ² = ρ′(0) + 2ρ″(0)·0 = ρ′(0).
  QTest::newRow("ceres_trivial") << "ceres_trivial" << ParamValues{} << 0.0 << 0.0 << 1.0;
  QTest::newRow("ceres_huber") << "ceres_huber" << ParamValues{{"a", 0.7}} << 0.0 << 0.0 << 1.0;
  QTest::newRow("ceres_soft_l1") << "ceres_soft_l1" << ParamValues{} << 0.0 << 0.0 << 1.0;
  QTest::newRow("ceres_cauchy") << "ceres_cauchy" << ParamValues{} << 0.0 << 0.0 << 1.0;
  QTest::newRow("ceres_arctan") << "ceres_arctan" << ParamValues{} << 0.0 << 0.0 << 1.0;
  QTest::newRow("ceres_tolerant a=1 b=0.2: ρ′(0) = σ(−5)")
      << "ceres_tolerant" << ParamValues{{"a", 1.0}, {"b", 0.2}} << 0.0 << 0.0
      << 1 / (1 + std::exp(5.0));
  QTest::newRow("ceres_tukey") << "ceres_tukey" << ParamValues{} << 0.0 << 0.0 << 1.0;
  QTest::newRow("ceres_scaled huber ×2.5: a·ρ′(0)")
      << "ceres_scaled" << ParamValues{{"a", 2.5}} << 0.0 << 0.0 << 2.5;
  QTest::newRow("ceres_composed: f′(g(0))·g′(0) = 1")
      << "ceres_composed" << ParamValues{} << 0.0 << 0.0 << 1.0;
  QTest::newRow("ceres_wrapper") << "ceres_wrapper" << ParamValues{} << 0.0 << 0.0 << 1.0;
  // Barron: [0, 0, 1/c²] for every α.
  for (double alpha : {-kInf, -2.0, 0.0, 1.0, 2.0, 3.0, kInf}) {
    QTest::addRow("barron_general α=%g c=2: 1/c²", alpha)
        << "barron_general" << ParamValues{{"alpha", alpha}, {"scale", 2.0}} << 0.0 << 0.0 << 0.25;
  }
  QTest::newRow("tukey_biweight: [0, 0, 1]")
      << "tukey_biweight" << ParamValues{} << 0.0 << 0.0 << 1.0;
  QTest::newRow("pinball τ=0.1: Δ = 0 gets −τ (TF maximum)")
      << "pinball" << ParamValues{{"tau", 0.1}} << 0.0 << -0.1 << 0.0;
  QTest::newRow("epsilon_insensitive")
      << "epsilon_insensitive" << ParamValues{} << 0.0 << 0.0 << 0.0;
  QTest::newRow("epsilon_insensitive squared")
      << "epsilon_insensitive" << ParamValues{{"squared", 1.0}} << 0.0 << 0.0 << 0.0;
}

void TestRobustLosses::valueAtOrigin() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(double, value);
  QFETCH(double, d1);
  QFETCH(double, d2);
  const Tensor y = tensor({{0.4}});
  const Evaluation e = run(qPrintable(id), params, y, y, Reduction::SumOverBatchSize);
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(e.grad(0, 0), d1, test::kExactTolerance);
  QCOMPARE(e.d2.size(), Eigen::Index{1});
  LOSSLAB_VERIFY_NEAR(e.d2(0, 0), d2, test::kExactTolerance);
}

void TestRobustLosses::ceresUsesTheBlockNorm() {
  // r = (0.3, −0.4, 1.2): s = 0.09 + 0.16 + 1.44 = 1.69, ‖r‖ = 1.3 (hand arithmetic).
  const Tensor y = tensor({{1.0, 1.0, 1.0}});
  const Tensor p = tensor({{1.3, 0.6, 2.2}});
  const double r[3] = {0.3, -0.4, 1.2};
  struct Case {
    const char* id;
    ParamValues params;
    double value;
    double rhoPrime;  // ∂ℓ/∂ŷ_j = ρ′(s) r_j
  };
  const Case cases[] = {
      // Huber a = 1, outlier: ½(2·1·1.3 − 1) = 0.8, ρ′ = a/‖r‖ = 1/1.3.
      {"ceres_huber", {}, 0.8, 1 / 1.3},
      // Cauchy a = 1: ½ log(1 + 1.69), ρ′ = 1/2.69.
      {"ceres_cauchy", {}, 0.5 * std::log(2.69), 1 / 2.69},
      // SoftLOne a = 1: ½·2(√2.69 − 1), ρ′ = 1/√2.69.
      {"ceres_soft_l1", {}, std::sqrt(2.69) - 1, 1 / std::sqrt(2.69)},
      // Tukey a = 1, outlier: ½·1/3, ρ′ = 0.
      {"ceres_tukey", {}, 1.0 / 6, 0.0},
      // ScaledLoss(Cauchy(1), 2): log 2.69, ρ′ = 2/2.69.
      {"ceres_scaled", {{"rho", 4.0}, {"rho_a", 1.0}, {"a", 2.0}}, std::log(2.69), 2 / 2.69},
      // ComposedLoss(Cauchy(1), Huber(1)): g = 2·1.3 − 1 = 1.6, ½ log 2.6, ρ′ = (1/2.6)(1/1.3).
      {"ceres_composed", {{"f", 3.0}, {"g", 1.0}}, 0.5 * std::log(2.6), 1 / (2.6 * 1.3)},
  };
  for (const Case& c : cases) {
    const Evaluation e = run(c.id, c.params, y, p);
    LOSSLAB_VERIFY_NEAR(e.value, c.value, test::kExactTolerance);
    for (int j = 0; j < 3; ++j) {
      LOSSLAB_VERIFY_NEAR(e.grad(0, j), c.rhoPrime * r[j], test::kExactTolerance);
    }
  }
  // Tolerant far beyond its switch: a = 0.5, b = 0.25, r = 6.2: x = (38.44 − 0.5)/0.25 = 151.76,
  // ℓ = ½(s − a − b log(1 + e^{−2})), ρ′ = 1, ρ″ = 0.
  const Evaluation far =
      run("ceres_tolerant", {{"a", 0.5}, {"b", 0.25}}, tensor({{0.0}}), tensor({{6.2}}));
  LOSSLAB_VERIFY_NEAR(far.value, 0.5 * (38.44 - 0.5 - 0.25 * std::log1p(std::exp(-2.0))),
                      test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(far.grad(0, 0), 6.2, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(far.d2(0, 0), 1.0, test::kExactTolerance);
}

// ---- Barron ------------------------------------------------------------------------------------

void TestRobustLosses::barronClosedForms_data() {
  QTest::addColumn<double>("alpha");
  QTest::addColumn<double>("scale");
  QTest::addColumn<double>("x");
  QTest::addColumn<double>("expected");

  // Closed forms of spec §2.6 with z = (x/c)², written out independently of the engine's
  // general branch (α = 1 and −2 go through (b/α)((z/b + 1)^{α/2} − 1) there).
  for (double x : {-2.3, 0.4, 3.7}) {
    for (double c : {0.7, 1.3}) {
      const double z = (x / c) * (x / c);
      QTest::addRow("α=1 √(z+1)−1 x=%g c=%g", x, c) << 1.0 << c << x << std::sqrt(z + 1) - 1;
      QTest::addRow("α=−2 2z/(z+4) x=%g c=%g", x, c) << -2.0 << c << x << 2 * z / (z + 4);
      QTest::addRow("α=0 log(z/2+1) x=%g c=%g", x, c) << 0.0 << c << x << std::log(z / 2 + 1);
      QTest::addRow("α=2 z/2 x=%g c=%g", x, c) << 2.0 << c << x << z / 2;
      QTest::addRow("α=−inf 1−e^(−z/2) x=%g c=%g", x, c) << -kInf << c << x << 1 - std::exp(-z / 2);
      QTest::addRow("α=+inf e^(z/2)−1 x=%g c=%g", x, c) << kInf << c << x << std::exp(z / 2) - 1;
    }
  }
}

void TestRobustLosses::barronClosedForms() {
  QFETCH(double, alpha);
  QFETCH(double, scale);
  QFETCH(double, x);
  QFETCH(double, expected);
  const Evaluation e =
      run("barron_general", {{"alpha", alpha}, {"scale", scale}}, tensor({{0.0}}), tensor({{x}}));
  LOSSLAB_VERIFY_NEAR(e.value, expected, test::kFloat64Tolerance);
}

void TestRobustLosses::barronGeneralMatchesReference_data() {
  QTest::addColumn<double>("alpha");
  QTest::addColumn<double>("expected");
  // robust_loss_pytorch general.lossfun's exact branch, float64, run with /usr/bin/python3
  // (torch 1.13), averaged over D = 3 as the engine's per-sample ℓ:
  //   import torch; torch.set_default_dtype(torch.float64)
  //   x = torch.tensor([-2.1, 0.4, 3.3]); c = 1.3; eps = torch.finfo(torch.float32).eps
  //   for alpha in (-7.0, 0.5, 1.7, 3.0):
  //       a = torch.tensor(alpha); z = (x / c) ** 2
  //       b = torch.max(torch.tensor(eps), (a - 2).abs())
  //       asafe = torch.where(a >= 0, 1.0, -1.0) * torch.max(torch.tensor(eps), a.abs())
  //       print(alpha, repr((((b / asafe) * ((z / b + 1) ** (0.5 * a) - 1)).sum() / 3).item()))
  QTest::newRow("α=−7") << -7.0 << 0.6320023873250044;
  QTest::newRow("α=0.5") << 0.5 << 0.8189543946600498;
  QTest::newRow("α=1.7") << 1.7 << 1.1325519737715595;
  QTest::newRow("α=3") << 3.0 << 2.8124349699150746;
}

void TestRobustLosses::barronGeneralMatchesReference() {
  QFETCH(double, alpha);
  QFETCH(double, expected);
  const Evaluation e = run("barron_general", {{"alpha", alpha}, {"scale", 1.3}},
                           tensor({{0.0, 0.0, 0.0}}), tensor({{-2.1, 0.4, 3.3}}));
  LOSSLAB_VERIFY_NEAR(e.value, expected, test::kFloat64Tolerance);
}

void TestRobustLosses::barronIsContinuousNearSingularAlpha() {
  const Tensor y = tensor({{0.0, 0.0, 0.0}});
  const Tensor p = tensor({{-2.1, 0.4, 3.3}});
  auto value = [&](double alpha) {
    return run("barron_general", {{"alpha", alpha}, {"scale", 1.3}}, y, p).value;
  };
  auto gradient = [&](double alpha) {
    return run("barron_general", {{"alpha", alpha}, {"scale", 1.3}}, y, p).grad;
  };
  // |α| < 2^−23 takes the α = 0 form exactly (documented deviation: the reference scales it by
  // |α|/2^−23 there, 0 in float32).
  QCOMPARE(value(1e-9), value(0.0));
  QCOMPARE(value(-1e-9), value(0.0));
  QVERIFY((gradient(1e-9) == gradient(0.0)).all());
  // Just outside, the general branch approaches the limit (spec: α = 1e-6 within 2.4e-7 relative).
  LOSSLAB_VERIFY_NEAR(value(1e-6), value(0.0), 1e-5);
  LOSSLAB_VERIFY_NEAR(value(-1e-6), value(0.0), 1e-5);
  // Around α = 2 the general branch with b = max(2^−23, |α − 2|) is continuous.
  LOSSLAB_VERIFY_NEAR(value(2 - 1e-9), value(2.0), 2e-6);
  LOSSLAB_VERIFY_NEAR(value(2 + 1e-9), value(2.0), 2e-6);
  // Large |α| approaches ±∞.
  LOSSLAB_VERIFY_NEAR(value(-1e8), value(-kInf), 1e-6);
  LOSSLAB_VERIFY_NEAR(value(1e8), value(kInf), 1e-6);
}

// ---- relations of spec §2.6 --------------------------------------------------------------------

void TestRobustLosses::relationsBetweenLosses_data() {
  QTest::addColumn<QString>("left");
  QTest::addColumn<ParamValues>("leftParams");
  QTest::addColumn<QString>("right");
  QTest::addColumn<ParamValues>("rightParams");
  QTest::addColumn<double>("factor");  // left = factor · right

  for (double delta : {0.5, 1.0, 2.0}) {
    QTest::addRow("½ ceres_huber(r²; a=δ) = keras huber(δ) δ=%g", delta)
        << "ceres_huber" << ParamValues{{"a", delta}} << "huber" << ParamValues{{"delta", delta}}
        << 1.0;
  }
  for (double a : {0.7, 1.3}) {
    QTest::addRow("½ ceres_soft_l1(r²; a) = a² barron(α=1, c=a) a=%g", a)
        << "ceres_soft_l1" << ParamValues{{"a", a}} << "barron_general"
        << ParamValues{{"alpha", 1.0}, {"scale", a}} << a * a;
    const double c = a / std::sqrt(2.0);
    QTest::addRow("½ ceres_cauchy(r²; a) = c² barron(α=0, c=a/√2) a=%g", a)
        << "ceres_cauchy" << ParamValues{{"a", a}} << "barron_general"
        << ParamValues{{"alpha", 0.0}, {"scale", c}} << c * c;
  }
  for (double c : {1.1, 4.685}) {
    QTest::addRow("½ ceres_tukey(r²; a=c) = tukey_biweight(c) c=%g", c)
        << "ceres_tukey" << ParamValues{{"a", c}} << "tukey_biweight" << ParamValues{{"c", c}}
        << 1.0;
  }
}

void TestRobustLosses::relationsBetweenLosses() {
  QFETCH(QString, left);
  QFETCH(ParamValues, leftParams);
  QFETCH(QString, right);
  QFETCH(ParamValues, rightParams);
  QFETCH(double, factor);
  // One residual per sample (D = 1), spread over both regions of every loss.
  Tensor p(17, 1);
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    p(i, 0) = -7.3 + 0.91 * static_cast<double>(i);
  }
  const Tensor y = Tensor::Zero(p.rows(), 1);
  const Evaluation l = run(qPrintable(left), leftParams, y, p, Reduction::None);
  const Evaluation r = run(qPrintable(right), rightParams, y, p, Reduction::None);
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    LOSSLAB_VERIFY_NEAR(l.unreduced(i, 0), factor * r.unreduced(i, 0), test::kFloat64Tolerance);
    LOSSLAB_VERIFY_NEAR(l.grad(i, 0), factor * r.grad(i, 0), test::kFloat64Tolerance);
    LOSSLAB_VERIFY_NEAR(l.d2(i, 0), factor * r.d2(i, 0), test::kFloat64Tolerance);
  }
}

// ---- reference losses --------------------------------------------------------------------------

void TestRobustLosses::pinballDocstringExample() {
  // tensorflow/addons losses/quantiles.py docstring:
  //   pinball_loss([0., 0., 1., 1.], [1., 1., 1., 0.], tau=.1)
  //   = (0.9 + 0.9 + 0 + 0.1) / 4 = 0.475
  const ParamValues tau{{"tau", 0.1}};
  const LossPtr loss = LossRegistry::instance().create("pinball", tau);
  EvalRequest vectors;  // rank-1 inputs: four samples of one feature
  vectors.yTrue = RankedTensor{tensor({{0.0}, {0.0}, {1.0}, {1.0}}), 1};
  vectors.yPred = RankedTensor{tensor({{1.0}, {1.0}, {1.0}, {0.0}}), 1};
  LOSSLAB_VERIFY_NEAR(evaluate(*loss, vectors).value, 0.475, test::kExactTolerance);
  // One sample of four features: the TFA mean over the features gives the same number. Gradient
  // ∂ℓ/∂ŷ = (1 − τ, 1 − τ, −τ, −τ)/4 for Δ = y − ŷ = (−1, −1, 0, 1): Δ = 0 gets −τ (TF maximum).
  const Evaluation row =
      run("pinball", tau, tensor({{0.0, 0.0, 1.0, 1.0}}), tensor({{1.0, 1.0, 1.0, 0.0}}));
  LOSSLAB_VERIFY_NEAR(row.value, 0.475, test::kExactTolerance);
  const double expected[4] = {0.225, 0.225, -0.025, -0.025};
  for (int j = 0; j < 4; ++j) {
    LOSSLAB_VERIFY_NEAR(row.grad(0, j), expected[j], test::kExactTolerance);
  }
}

void TestRobustLosses::epsilonInsensitiveBoundaryIsStrict() {
  // ε = 0.1 (sklearn's default); r = 0.1 and −0.1 sit exactly on the tube's edge (0.1 − 0 is
  // exact), r = 0.35 outside, r = −0.05 inside. sklearn's dloss tests y − ŷ > ε and ŷ − y > ε,
  // so the edge gets gradient 0. Hand values: h = (0, 0, 0.25, 0).
  const Tensor y = tensor({{0.0, 0.0, 0.0, 0.0}});
  const Tensor p = tensor({{0.1, -0.1, 0.35, -0.05}});
  const Evaluation plain = run("epsilon_insensitive", {}, y, p);
  LOSSLAB_VERIFY_NEAR(plain.value, 0.25 / 4, test::kFloat64Tolerance);
  const double plainGrad[4] = {0, 0, 0.25, 0};
  const Evaluation squared = run("epsilon_insensitive", {{"squared", 1.0}}, y, p);
  LOSSLAB_VERIFY_NEAR(squared.value, 0.0625 / 4, test::kFloat64Tolerance);
  const double squaredGrad[4] = {0, 0, 2 * 0.25 / 4, 0};
  for (int j = 0; j < 4; ++j) {
    LOSSLAB_VERIFY_NEAR(plain.grad(0, j), plainGrad[j], test::kFloat64Tolerance);
    LOSSLAB_VERIFY_NEAR(squared.grad(0, j), squaredGrad[j], test::kFloat64Tolerance);
  }
  QCOMPARE(plain.grad(0, 0), 0.0);
  QCOMPARE(plain.grad(0, 1), 0.0);
}

void TestRobustLosses::innerLossChoices() {
  const LossRegistry& registry = LossRegistry::instance();
  auto spec = [&](const char* id, const char* param) {
    for (const ParamSpec& s : registry.find(id)->info.params) {
      if (s.id == param) {
        return s;
      }
    }
    qFatal("no parameter %s.%s", id, param);
    return ParamSpec{};
  };
  const std::vector<std::string> withNone{"none",   "trivial", "huber", "soft_l1",
                                          "cauchy", "arctan",  "tukey"};
  const std::vector<std::string> withoutNone(withNone.begin() + 1, withNone.end());
  QVERIFY(spec("ceres_scaled", "rho").choices == withNone);
  QVERIFY(spec("ceres_wrapper", "rho").choices == withNone);
  QVERIFY(spec("ceres_composed", "f").choices == withoutNone);  // Ceres CHECKs f, g non-null
  QVERIFY(spec("ceres_composed", "g").choices == withoutNone);
  try {
    spec("ceres_composed", "f").parse("none");
    QFAIL("expected a usage error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Usage);
  }
  // ScaledLoss(nullptr, a): ρ = a·s, so ℓ = ½·a·r²; LossFunctionWrapper(nullptr): trivial.
  const Tensor y = tensor({{0.0}});
  const Tensor p = tensor({{1.7}});
  LOSSLAB_VERIFY_NEAR(run("ceres_scaled", {{"rho", 0.0}, {"a", 3.0}}, y, p).value,
                      0.5 * 3.0 * 1.7 * 1.7, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(run("ceres_wrapper", {{"rho", 0.0}}, y, p).value, 0.5 * 1.7 * 1.7,
                      test::kExactTolerance);
  // A tolerant a < 0 is rejected (Ceres CHECK_GE(a, 0)), b = 0 too (CHECK_GT(b, 0)).
  QVERIFY_THROWS_EXCEPTION(Error, registry.create("ceres_tolerant", {{"a", -0.1}}));
  QVERIFY_THROWS_EXCEPTION(Error, registry.create("ceres_tolerant", {{"b", 0.0}}));
}

QTEST_MAIN(TestRobustLosses)
#include "tst_robust_losses.moc"
