// SPDX-License-Identifier: GPL-3.0-or-later
// 1-D curves: every registered loss and every variant evaluates, its d1 matches central
// differences of the value along x and its d2 central differences of d1 (away from kinks);
// hand-derived points; the evaluator reuses its buffers (no allocation once sizes are fixed).
#include <QTest>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/engine/curve.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"

// Counting malloc (glibc): Eigen's aligned_malloc and operator new both end in malloc, so this
// sees every heap allocation. Not under AddressSanitizer, which owns malloc itself.
#if defined(__SANITIZE_ADDRESS__)
#define LOSSLAB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOSSLAB_ASAN 1
#endif
#endif
#if defined(__GLIBC__) && !defined(LOSSLAB_ASAN)
#define LOSSLAB_COUNT_MALLOC 1
namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_mallocs{0};
}  // namespace
extern "C" void* __libc_malloc(std::size_t size);  // NOLINT: glibc's allocator entry point
extern "C" void* malloc(std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_mallocs.fetch_add(1, std::memory_order_relaxed);
  }
  return __libc_malloc(size);
}
#endif

using namespace losslab;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Central differences along x with h = 6e-6·max(1, |x|) (≈ cbrt(ε_mach), the balance of
// truncation and rounding error) agree with the analytic derivative to ~1e-9; 1e-6 leaves room
// for losses whose value is large compared with its derivative.
constexpr double kCurveTolerance = 1e-6;
constexpr double kStepScale = 6e-6;
constexpr int kPoints = 41;
// A point whose analytic derivative jumps by more than this (relative) between x − h and x + h
// sits on a kink and is not compared; a curve may have at most kMaxKinkPoints of them.
constexpr double kKinkJump = 1e-3;
constexpr int kMaxKinkPoints = 4;

LossPtr create(const QString& id, const ParamValues& params) {
  return LossRegistry::instance().create(id.toStdString(), params);
}

}  // namespace

class TestCurve : public QObject {
  Q_OBJECT

 private slots:
  void everyLossAndVariant_data();
  void everyLossAndVariant();
  void knownPoints_data();
  void knownPoints();
  void scalarLossIsEvaluatedPointByPoint();
  void fromLogitsMovesToMarginAxis();
  void outOfDomainPointsAreNaN();
  void badRequestsAreUsageErrors();
  void curveInputsMatchTheCurve();
  void evaluatorReusesBuffers();
  void piecesEqualTheWholeCurve_data();
  void piecesEqualTheWholeCurve();
};

void TestCurve::everyLossAndVariant_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<QString>("variant");

  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    const LossInfo& info = entry.info;
    // Defaults, then each boolean flipped and each other choice, one at a time.
    std::vector<std::pair<std::string, ParamValues>> sets{{"defaults", {}}};
    for (const ParamSpec& spec : info.params) {
      if (spec.kind == ParamSpec::Kind::Boolean) {
        sets.push_back({spec.id + "=" + spec.format(1 - spec.defaultValue),
                        {{spec.id, 1 - spec.defaultValue}}});
      }
      if (spec.kind == ParamSpec::Kind::Choice) {
        for (std::size_t c = 0; c < spec.choices.size(); ++c) {
          if (static_cast<double>(c) != spec.defaultValue) {
            sets.push_back({spec.id + "=" + spec.choices[c], {{spec.id, static_cast<double>(c)}}});
          }
        }
      }
    }
    for (const auto& [name, params] : sets) {
      const LossPtr loss = LossRegistry::instance().create(info.id, params);
      for (const CurveVariant& variant : curveVariants(info, loss->params())) {
        QTest::addRow("%s %s / %s", info.id.c_str(), name.c_str(), variant.id.c_str())
            << QString::fromStdString(info.id) << params << QString::fromStdString(variant.id);
      }
    }
  }
}

void TestCurve::everyLossAndVariant() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(QString, variant);
  const LossPtr loss = create(id, params);
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  QVERIFY(axis.from < axis.to);
  QVERIFY(!axis.xLabel.empty());

  // Grid inside the default range, offset so that no point falls on a round-number kink.
  const double span = axis.to - axis.from;
  CurveRequest request;
  request.from = axis.from + 0.0123 * span;
  request.to = axis.to - 0.0077 * span;
  request.points = kPoints;
  request.target = axis.target;
  request.variant = variant.toStdString();
  const double h =
      kStepScale * std::fmax(1.0, std::fmax(std::fabs(request.from), std::fabs(request.to)));
  const CurveData mid = computeCurve(*loss, request);
  CurveRequest shifted = request;
  shifted.from = request.from - h;
  shifted.to = request.to - h;
  const CurveData minus = computeCurve(*loss, shifted);
  shifted.from = request.from + h;
  shifted.to = request.to + h;
  const CurveData plus = computeCurve(*loss, shifted);

  QCOMPARE(mid.x.size(), std::size_t{kPoints});
  QCOMPARE(mid.value.size(), std::size_t{kPoints});
  QVERIFY2(mid.invalidPoints == 0, mid.problem.c_str());
  int kinks = 0;
  int comparedD2 = 0;
  for (std::size_t k = 0; k < mid.x.size(); ++k) {
    const QString where = QStringLiteral("x = %1").arg(mid.x[k], 0, 'g', 17);
    QVERIFY2(std::isfinite(mid.value[k]) && std::isfinite(mid.d1[k]), qPrintable(where));
    const double jump = std::fabs(plus.d1[k] - minus.d1[k]);
    if (jump > kKinkJump * std::fmax(1.0, std::fabs(mid.d1[k]))) {
      ++kinks;
      continue;
    }
    const double numeric = (plus.value[k] - minus.value[k]) / (2 * h);
    QVERIFY2(test::near(mid.d1[k], numeric, kCurveTolerance),
             qPrintable(QStringLiteral("%1: d1 %2, central difference %3")
                            .arg(where)
                            .arg(mid.d1[k], 0, 'g', 12)
                            .arg(numeric, 0, 'g', 12)));
    if (std::isnan(mid.d2[k]) || std::isnan(plus.d2[k]) || std::isnan(minus.d2[k])) {
      continue;
    }
    if (std::fabs(plus.d2[k] - minus.d2[k]) > kKinkJump * std::fmax(1.0, std::fabs(mid.d2[k]))) {
      continue;  // a jump of d2 (Huber's |r| = δ)
    }
    const double numeric2 = (plus.d1[k] - minus.d1[k]) / (2 * h);
    QVERIFY2(test::near(mid.d2[k], numeric2, kCurveTolerance * 10),
             qPrintable(QStringLiteral("%1: d2 %2, central difference of d1 %3")
                            .arg(where)
                            .arg(mid.d2[k], 0, 'g', 12)
                            .arg(numeric2, 0, 'g', 12)));
    ++comparedD2;
  }
  QVERIFY2(kinks <= kMaxKinkPoints, qPrintable(QStringLiteral("%1 kink points").arg(kinks)));
  if (loss->info().elementwise && loss->info().extras.empty() && mid.d2.size() > 0 &&
      !std::isnan(mid.d2[0])) {
    QVERIFY(comparedD2 > 0);
  }
}

void TestCurve::knownPoints_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<QString>("variant");
  QTest::addColumn<double>("target");
  QTest::addColumn<double>("x");
  QTest::addColumn<double>("value");
  QTest::addColumn<double>("d1");
  QTest::addColumn<double>("d2");  // NaN: must be NaN (no analytic second derivative)

  const ParamValues none;
  // Residual: x = ŷ with y fixed. MSE (ŷ − y)²: at r = 1.5 → 2.25, 2r = 3, 2.
  QTest::newRow("mse x=1.5") << "mean_squared_error" << none << "" << 0.0 << 1.5 << 2.25 << 3.0
                             << 2.0;
  // y = 1, ŷ = 1.5: r = 0.5 → 0.25, 1, 2.
  QTest::newRow("mse target=1 x=1.5")
      << "mean_squared_error" << none << "residual" << 1.0 << 1.5 << 0.25 << 1.0 << 2.0;
  // Huber δ = 1, r = 2 (linear): δ|r| − ½δ² = 1.5, δ sign r = 1, 0.
  QTest::newRow("huber δ=1 x=2") << "huber" << none << "" << 0.0 << 2.0 << 1.5 << 1.0 << 0.0;
  // r = 0.5 (quadratic): ½r² = 0.125, r = 0.5, 1.
  QTest::newRow("huber δ=1 x=0.5") << "huber" << none << "" << 0.0 << 0.5 << 0.125 << 0.5 << 1.0;
  // Huber δ = 0.5 at r = −2: 0.5·2 − 0.125 = 0.875, −0.5, 0.
  QTest::newRow("huber δ=0.5 x=-2")
      << "huber" << ParamValues{{"delta", 0.5}} << "" << 0.0 << -2.0 << 0.875 << -0.5 << 0.0;
  // RMSE over a batch of one point is |r|: at r = −2 → 2, −1; no second derivative.
  QTest::newRow("rmse_batch x=-2 (point as its own batch)")
      << "rmse_batch" << none << "" << 0.0 << -2.0 << 2.0 << -1.0 << kNaN;

  // Margin: hinge max(1 − yŷ, 0). y = +1, ŷ = 0.5: 0.5, −1, 0. y = −1: 1.5, +1, 0.
  QTest::newRow("hinge positive margin 0.5")
      << "hinge" << none << "positive" << 0.0 << 0.5 << 0.5 << -1.0 << 0.0;
  QTest::newRow("hinge negative x=0.5")
      << "hinge" << none << "negative" << 0.0 << 0.5 << 1.5 << 1.0 << 0.0;
  // Squared hinge y = 1, ŷ = 0.5: 0.25, −2·0.5 = −1, 2.
  QTest::newRow("squared_hinge positive x=0.5")
      << "squared_hinge" << none << "positive" << 0.0 << 0.5 << 0.25 << -1.0 << 2.0;
  // Soft margin log(1 + e^{−yx}) at x = 0: log 2, −σ(0) = −½, σ(0)σ(0) = ¼.
  QTest::newRow("soft_margin positive x=0")
      << "soft_margin" << none << "positive" << 0.0 << 0.0 << std::log(2.0) << -0.5 << 0.25;
  // Categorical hinge, K = 3, ŷ = (0.5, 0, 0), y = e₀: pos 0.5, neg max(0, 0, 0) = 0 →
  // 1 − 0.5 = 0.5, ∂/∂ŷ₀ = −1; not element-wise (no d2).
  QTest::newRow("categorical_hinge positive x=0.5")
      << "categorical_hinge" << none << "positive" << 0.0 << 0.5 << 0.5 << -1.0 << kNaN;
  // ŷ = (0, 0.5, 0), y = e₀: pos 0, neg 0.5 → 1.5, ∂/∂ŷ₁ = +1.
  QTest::newRow("categorical_hinge negative x=0.5")
      << "categorical_hinge" << none << "negative" << 0.0 << 0.5 << 1.5 << 1.0 << kNaN;

  // Probability: Keras BCE −[y log p + (1 − y) log(1 − p)] at p = 0.25 (no clipping active):
  // y = 1: −log 0.25, −1/p = −4, 1/p² = 16; y = 0: −log 0.75, 1/(1 − p) = 4/3, 1/(1 − p)² = 16/9.
  QTest::newRow("bce positive p=0.25") << "binary_crossentropy" << none << "positive" << 0.0 << 0.25
                                       << -std::log(0.25) << -4.0 << 16.0;
  QTest::newRow("bce negative p=0.25") << "binary_crossentropy" << none << "negative" << 0.0 << 0.25
                                       << -std::log(0.75) << 4.0 / 3 << 16.0 / 9;
  // from_logits moves BCE to the margin axis: softplus(−z) at z = 0: log 2, σ(0) − 1 = −½,
  // σ′(0) = ¼.
  QTest::newRow("bce from_logits positive z=0")
      << "binary_crossentropy" << ParamValues{{"from_logits", 1}} << "positive" << 0.0 << 0.0
      << std::log(2.0) << -0.5 << 0.25;
  // torch_bce on probabilities: the same numbers as Keras away from the clip/clamp.
  QTest::newRow("torch_bce positive p=0.25")
      << "torch_bce" << none << "positive" << 0.0 << 0.25 << -std::log(0.25) << -4.0 << 16.0;
  // Categorical, K = 3: ŷ = (p, (1 − p)/2, (1 − p)/2) sums to 1, so CCE = −log p: at p = 0.5
  // log 2 and d/dp = −1/p = −2; CCE is not element-wise (normalisation): no d2.
  QTest::newRow("cce true class p=0.5")
      << "categorical_crossentropy" << none << "" << 0.0 << 0.5 << std::log(2.0) << -2.0 << kNaN;
  QTest::newRow("sparse cce true class p=0.5") << "sparse_categorical_crossentropy" << none << ""
                                               << 0.0 << 0.5 << std::log(2.0) << -2.0 << kNaN;
  // torch CrossEntropy takes logits: z = (0, 0, 0) → −log ⅓ = log 3, softmax₀ − 1 = −⅔.
  QTest::newRow("torch_cross_entropy true-class logit 0")
      << "torch_cross_entropy" << none << "positive" << 0.0 << 0.0 << std::log(3.0) << -2.0 / 3
      << kNaN;
  // Generalized CE (1 − p^q)/q, q = ½, p = ¼: (1 − ½)/½ = 1, −p^{q−1} = −2,
  // (1 − q) p^{q−2} = ½ · 8 = 4.
  QTest::newRow("generalized ce q=0.5 p=0.25")
      << "categorical_generalized_cross_entropy" << none << "" << 0.0 << 0.25 << 1.0 << -2.0 << 4.0;
  // Dice over all axes, one point as its own batch, y = 1, p = ½: I = ½, Σ = 1.5 + ε,
  // 1 − 2I/Σ = 1 − 1/(1.5 + ε); d/dp = −(2yΣ − 2I)/Σ² = −(2Σ − 1)/Σ².
  const double sigma = 1.5 + 1e-7;
  QTest::newRow("dice axis=all positive p=0.5")
      << "dice" << none << "positive" << 0.0 << 0.5 << 1 - 1 / sigma
      << -(2 * sigma - 1) / (sigma * sigma) << kNaN;
  // PoissonNLL with log input, y = 1: e^x − yx at x = 0: 1, e^0 − 1 = 0, e^0 = 1.
  QTest::newRow("poisson_nll log input x=0")
      << "poisson_nll" << none << "" << 1.0 << 0.0 << 1.0 << 0.0 << 1.0;
  // GaussianNLL with var = 1: ½(log 1 + (x − y)²) at r = 1: ½, r = 1, 1.
  QTest::newRow("gaussian_nll var=1 r=1")
      << "gaussian_nll" << none << "" << 0.0 << 1.0 << 0.5 << 1.0 << 1.0;

  // Robust, ℓ = ½ρ(r²) (Ceres). Huber a = 1 at r = 2, s = 4: ρ = 2√s − 1 = 3 → 1.5;
  // ρ′(s) r = (1/√s)·2 = 1; ρ′ + 2ρ″r² = ½ + 2(−½ s^{−3/2})·4 = 0 (Keras huber's numbers).
  QTest::newRow("ceres_huber a=1 x=2")
      << "ceres_huber" << none << "" << 0.0 << 2.0 << 1.5 << 1.0 << 0.0;
  // Cauchy a = 1 at r = 1: ρ = log(1 + s) → ½ log 2; ρ′ r = 1/(1 + s) = ½;
  // ρ′ + 2ρ″r² = ½ − 2/(1 + s)² = 0.
  QTest::newRow("ceres_cauchy a=1 x=1")
      << "ceres_cauchy" << none << "" << 0.0 << 1.0 << 0.5 * std::log(2.0) << 0.5 << 0.0;
  // Pinball τ = ½ at ŷ = 1, y = 0: Δ = y − ŷ = −1, max(τΔ, (τ − 1)Δ) = ½, d/dŷ = 1 − τ = ½.
  QTest::newRow("pinball tau=0.5 x=1")
      << "pinball" << none << "" << 0.0 << 1.0 << 0.5 << 0.5 << 0.0;
  // Tukey biweight at r = 0: [0, 0, 1] (ψ′(0) = (1 − 0)² = 1).
  QTest::newRow("tukey_biweight x=0")
      << "tukey_biweight" << none << "" << 0.0 << 0.0 << 0.0 << 0.0 << 1.0;
  // Knowledge distillation, K = 3, T = 3, α = 0.1, student logits 0, teacher logits (2, 0, 0):
  // q^S = ⅓ each, q^T = (e^{2/3}, 1, 1)/(e^{2/3} + 2); CE = log 3;
  // ℓ = α log 3 + (1 − α) T² Σ q^T log(q^T / q^S);
  // d/ds₀ = α(⅓ − 1) + (1 − α) T (⅓ − q^T₀); softmax couples the logits: no d2.
  const double e23 = std::exp(2.0 / 3);
  const double qT0 = e23 / (e23 + 2);
  const double qT1 = 1 / (e23 + 2);
  const double kl = qT0 * std::log(3 * qT0) + 2 * qT1 * std::log(3 * qT1);
  QTest::newRow("knowledge_distillation teacher agrees s=0")
      << "knowledge_distillation" << none << "teacher_agrees" << 0.0 << 0.0
      << 0.1 * std::log(3.0) + 0.9 * 9 * kl << 0.1 * (1.0 / 3 - 1) + 0.9 * 3 * (1.0 / 3 - qT0)
      << kNaN;
  // iCaRL, s = 1, C = 2, logits 0: τ = (old output, 1); BCE(z = 0, τ) = log 2 for any τ,
  // ℓ = mean over C = log 2; d/dz_c = (σ(0) − τ_c)/C, d² = σ(0)(1 − σ(0))/C = ⅛.
  // new class (τ = 1): −¼; old class with old output 0.8: (0.5 − 0.8)/2 = −0.15.
  QTest::newRow("icarl_bce new class z=0")
      << "icarl_bce" << none << "new_class" << 0.0 << 0.0 << std::log(2.0) << -0.25 << 0.125;
  QTest::newRow("icarl_bce old class z=0")
      << "icarl_bce" << none << "old_class" << 0.0 << 0.0 << std::log(2.0) << -0.15 << 0.125;

  // Metric learning. margin_ranking m = 0, x₁ = −0.5, x₂ = 0, y = 1: max(0, 0.5) = 0.5, −1.
  QTest::newRow("margin_ranking positive x=-0.5")
      << "margin_ranking" << none << "positive" << 0.0 << -0.5 << 0.5 << -1.0 << 0.0;
  // hinge_embedding m = 1 at x = 0.25: similar (y = 1) x → 0.25, 1; dissimilar max(0, 1 − x).
  QTest::newRow("hinge_embedding similar x=0.25")
      << "hinge_embedding" << none << "similar" << 0.0 << 0.25 << 0.25 << 1.0 << 0.0;
  QTest::newRow("hinge_embedding dissimilar x=0.25")
      << "hinge_embedding" << none << "dissimilar" << 0.0 << 0.25 << 0.75 << -1.0 << 0.0;
  // cosine_embedding, cos = 0.6/(1 + 1e-12) ≈ 0.6: similar 1 − cos = 0.4, d/dx = −1.
  QTest::newRow("cosine_embedding similar x=0.6")
      << "cosine_embedding" << none << "similar" << 0.0 << 0.6 << 0.4 << -1.0 << kNaN;
  // dissimilar, m = 0: max(0, cos) = 0.6, +1.
  QTest::newRow("cosine_embedding dissimilar x=0.6")
      << "cosine_embedding" << none << "dissimilar" << 0.0 << 0.6 << 0.6 << 1.0 << kNaN;
  // Triplet, 1-D: a = 0, p = 1.5, n = 2, ε = 1e-6: d(a,p) = |−1.5 + ε|, d(a,n) = |−2 + ε|,
  // 1 + 1.499999 − 1.999999 = 0.5; ∂/∂p = +1.
  QTest::newRow("triplet_margin positive x=1.5")
      << "triplet_margin" << none << "positive" << 0.0 << 1.5 << 0.5 << 1.0 << kNaN;
  // a = 0, p = 0.5, n = 1: 1 + 0.499999 − 0.999999 = 0.5; ∂/∂n = −1.
  QTest::newRow("triplet_margin negative x=1")
      << "triplet_margin" << none << "negative" << 0.0 << 1.0 << 0.5 << -1.0 << kNaN;
  // Contrastive, tfa, m = 1, d = 0.5: similar d² = 0.25, 2d = 1, 2;
  // dissimilar max(1 − d, 0)² = 0.25, −2(1 − d) = −1, 2. Paper: half of it.
  QTest::newRow("contrastive tfa similar d=0.5")
      << "contrastive" << none << "similar" << 0.0 << 0.5 << 0.25 << 1.0 << 2.0;
  QTest::newRow("contrastive tfa dissimilar d=0.5")
      << "contrastive" << none << "dissimilar" << 0.0 << 0.5 << 0.25 << -1.0 << 2.0;
  QTest::newRow("contrastive paper similar d=0.5")
      << "contrastive" << ParamValues{{"convention", 1}} << "similar" << 0.0 << 0.5 << 0.125 << 0.5
      << 1.0;
  QTest::newRow("contrastive paper dissimilar d=0.5")
      << "contrastive" << ParamValues{{"convention", 1}} << "dissimilar" << 0.0 << 0.5 << 0.125
      << -0.5 << 1.0;
}

void TestCurve::knownPoints() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(QString, variant);
  QFETCH(double, target);
  QFETCH(double, x);
  QFETCH(double, value);
  QFETCH(double, d1);
  QFETCH(double, d2);
  const LossPtr loss = create(id, params);
  CurveRequest request;
  request.from = x;
  request.to = x + 1;
  request.points = 2;
  request.target = target;
  request.variant = variant.toStdString();
  const CurveData curve = computeCurve(*loss, request);
  QCOMPARE(curve.x[0], x);
  // 1e-10: the torch ε's (1e-12 in cosine norms, 1e-6 in triplet distances) cancel or shift
  // the value by far less.
  LOSSLAB_VERIFY_NEAR(curve.value[0], value, test::kFloat64Tolerance);
  LOSSLAB_VERIFY_NEAR(curve.d1[0], d1, test::kFloat64Tolerance);
  LOSSLAB_VERIFY_NEAR(curve.d2[0], d2, test::kFloat64Tolerance);
}

void TestCurve::scalarLossIsEvaluatedPointByPoint() {
  // rmse_batch returns one scalar for the whole batch; a curve of it must still be |r| at
  // every point (a batch of the 5 points would give one RMSE for all of them).
  const LossPtr loss = create("rmse_batch", {});
  CurveRequest request;
  request.from = -2;
  request.to = 2;
  request.points = 5;
  const CurveData curve = computeCurve(*loss, request);
  const double expected[] = {2, 1, 0, 1, 2};
  for (std::size_t k = 0; k < 5; ++k) {
    LOSSLAB_VERIFY_NEAR(curve.value[k], expected[k], test::kExactTolerance);
  }
}

void TestCurve::fromLogitsMovesToMarginAxis() {
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    const LossInfo& info = entry.info;
    const bool hasFromLogits =
        std::any_of(info.params.begin(), info.params.end(),
                    [](const ParamSpec& p) { return p.id == "from_logits"; });
    if (!hasFromLogits) {
      continue;
    }
    const CurveAxis logits = curveAxis(info, {{"from_logits", 1}});
    QVERIFY2(logits.kind == CurveKind::Margin, info.id.c_str());
    QVERIFY2(logits.from < 0 && logits.to > 0, info.id.c_str());
  }
  // Without from_logits a probability loss stays on (0, 1).
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    if (entry.info.curve == CurveKind::Probability && entry.info.id != "kl_div") {
      const CurveAxis axis = curveAxis(entry.info, {{"from_logits", 0}});
      QVERIFY2(axis.from > 0 && axis.to < 1, entry.info.id.c_str());
    }
  }
}

void TestCurve::outOfDomainPointsAreNaN() {
  // tweedie p = 2 needs y > 0: with y = 0 every point is a data error of the loss, which the
  // curve turns into NaN points instead of failing (the explorer draws a gap).
  const LossPtr tweedie = create("tweedie_deviance", {{"power", 2.0}});
  CurveRequest request;
  request.from = 0.5;
  request.to = 2;
  request.points = 4;
  request.target = 0;
  const CurveData all = computeCurve(*tweedie, request);
  QCOMPARE(all.invalidPoints, 4);
  QVERIFY(std::isnan(all.value[0]) && std::isnan(all.d1[3]));
  QVERIFY(all.problem.find("x = 0.5") == 0);
  // μ ≤ 0 is outside the domain, μ > 0 inside: only the first two of −1, 0, 1, 2 are NaN.
  request.from = -1;
  request.target = 1;
  const CurveData some = computeCurve(*tweedie, request);
  QCOMPARE(some.invalidPoints, 2);
  QVERIFY(std::isnan(some.value[1]));
  // p = 2 at μ = 1, y = 1: 2(log 1 + 1 − 1) = 0.
  LOSSLAB_VERIFY_NEAR(some.value[2], 0.0, test::kExactTolerance);
  // A cosine outside [−1, 1] is not on the path.
  const LossPtr cosine = create("cosine_embedding", {});
  request.from = -2;
  request.to = 1;
  request.variant = "similar";
  const CurveData cos = computeCurve(*cosine, request);  // x = −2, −1, 0, 1
  QCOMPARE(cos.invalidPoints, 1);
  QVERIFY(std::isnan(cos.value[0]));
  LOSSLAB_VERIFY_NEAR(cos.value[1], 2.0, test::kFloat64Tolerance);  // 1 − (−1)
}

void TestCurve::badRequestsAreUsageErrors() {
  const LossPtr huber = create("huber", {});
  const LossPtr hinge = create("categorical_hinge", {});
  auto usageError = [](const Loss& loss, const CurveRequest& request, const char* expected) {
    try {
      computeCurve(loss, request);
    } catch (const Error& error) {
      return error.kind() == Error::Kind::Usage && std::string(error.what()) == expected;
    }
    return false;
  };
  CurveRequest request;
  request.variant = "positive";
  QVERIFY(usageError(*huber, request,
                     "unknown curve variant 'positive' for 'huber' (accepted: residual)"));
  request.variant.clear();
  request.points = 1;
  QVERIFY(usageError(*huber, request, "a curve needs at least 2 points, got 1"));
  request.points = 11;
  request.to = std::numeric_limits<double>::infinity();
  QVERIFY(usageError(*huber, request, "the curve's range must be finite"));
  request.to = 3;
  request.classes = 1;
  QVERIFY(usageError(*hinge, request, "a categorical curve needs 2 to 1000 classes, got 1"));
}

void TestCurve::curveInputsMatchTheCurve() {
  // The benchmark's inputs are the curve's: evaluating them directly gives the curve's values.
  const LossPtr loss = create("triplet_margin", {});
  CurveRequest request;
  request.variant = "negative";
  const std::vector<double> x{0.25, 1.0, 2.5};
  const CurveInputs inputs = curveInputs(*loss, request, x);
  QCOMPARE(inputs.yTrue.size(), Eigen::Index{0});
  QCOMPARE(inputs.extras.size(), std::size_t{2});
  BatchEval eval;
  loss->evaluate(inputs.view(), eval);
  request.from = 0.25;
  request.to = 1.0;
  request.points = 2;
  const CurveData curve = computeCurve(*loss, request);
  LOSSLAB_VERIFY_NEAR(eval.unreduced(0, 0), curve.value[0], test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(eval.unreduced(1, 0), curve.value[1], test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(eval.unreduced(2, 0), 0.0, test::kExactTolerance);  // 1 + 0.5 − 2.5 < 0
}

void TestCurve::evaluatorReusesBuffers() {
#ifndef LOSSLAB_COUNT_MALLOC
  QSKIP("malloc counting needs glibc without AddressSanitizer");
#else
  // Element-wise losses (ElementwiseLoss<Kernel>, contrastive on distances) allocate nothing
  // themselves once their output tensors have the right size, so any allocation here would be
  // the evaluator's. The first call of each size may allocate; the repeats must not.
  const LossPtr huber = create("huber", {{"delta", 0.7}});
  const LossPtr hinge = create("hinge", {});
  const LossPtr contrastive = create("contrastive", {});
  CurveEvaluator evaluator;
  CurveRequest request;
  request.points = 257;
  struct Case {
    const Loss* loss;
    const char* variant;
  };
  const Case cases[] = {{huber.get(), ""},
                        {hinge.get(), "positive"},
                        {hinge.get(), "negative"},
                        {contrastive.get(), "dissimilar"}};
  for (const Case& c : cases) {
    request.variant = c.variant;
    evaluator.evaluate(*c.loss, request);  // sizes the buffers
    request.from = -2.5;                   // a new range and target: still no allocation
    request.target = 0.25;
    g_mallocs = 0;
    g_counting = true;
    const CurveData& data = evaluator.evaluate(*c.loss, request);
    g_counting = false;
    QVERIFY2(g_mallocs == 0, qPrintable(QStringLiteral("%1 allocations for %2 %3")
                                            .arg(g_mallocs.load())
                                            .arg(QString::fromStdString(c.loss->info().id))
                                            .arg(c.variant)));
    QCOMPARE(data.x.size(), std::size_t{257});
    QCOMPARE(data.x.front(), -2.5);
    request.from = -3;
    request.target = 0;
  }
  // The counter itself works: a fresh evaluator must allocate.
  CurveEvaluator fresh;
  request.variant.clear();
  g_mallocs = 0;
  g_counting = true;
  fresh.evaluate(*huber, request);
  g_counting = false;
  QVERIFY(g_mallocs > 0);
#endif
}

void TestCurve::piecesEqualTheWholeCurve_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<double>("from");
  for (const char* id :
       {"huber", "categorical_crossentropy", "rmse_batch", "binary_crossentropy"}) {
    QTest::newRow(id) << id << std::nan("");
  }
  // Points outside the domain (a cosine below −1) in the first piece only.
  QTest::newRow("cosine_embedding from -2") << "cosine_embedding" << -2.0;
}

void TestCurve::piecesEqualTheWholeCurve() {
  // losslab-cli curve streams a long curve as pieces (CurveRequest::first, count): together they
  // must be the whole curve, bit for bit, with the same invalid points.
  QFETCH(QString, id);
  QFETCH(double, from);
  const LossPtr loss = create(id, {});
  const CurveAxis axis = curveAxis(loss->info(), loss->params());
  CurveRequest request;
  request.from = std::isnan(from) ? axis.from : from;
  request.to = axis.to;
  request.points = 23;
  const CurveData whole = computeCurve(*loss, request);
  CurveEvaluator evaluator;
  int invalid = 0;
  const auto same = [](double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; };
  for (int first = 0; first < request.points; first += 5) {
    CurveRequest part = request;
    part.first = first;
    part.count = std::min(5, request.points - first);
    const CurveData& data = evaluator.evaluate(*loss, part);
    QCOMPARE(data.x.size(), static_cast<std::size_t>(part.count));
    invalid += data.invalidPoints;
    for (std::size_t k = 0; k < data.x.size(); ++k) {
      const std::size_t w = static_cast<std::size_t>(first) + k;
      QVERIFY2(same(data.x[k], whole.x[w]) && same(data.value[k], whole.value[w]) &&
                   same(data.d1[k], whole.d1[w]) && same(data.d2[k], whole.d2[w]),
               qPrintable(QString("point %1").arg(w)));
    }
  }
  QCOMPARE(invalid, whole.invalidPoints);
  CurveRequest outside = request;
  outside.first = 20;
  outside.count = 4;
  QVERIFY_THROWS_EXCEPTION(Error, evaluator.evaluate(*loss, outside));
}

QTEST_MAIN(TestCurve)
#include "tst_curve.moc"
