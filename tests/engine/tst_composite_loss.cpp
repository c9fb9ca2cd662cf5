// SPDX-License-Identifier: GPL-3.0-or-later
// Composite (multi-output) losses: Keras' loss_weights sum against hand arithmetic, the chain rule
// against central differences, class-label targets, overlapping slices and the input checks.
#include <QTest>
#include <cmath>
#include <limits>

#include "core/engine/composite_loss.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

namespace {

LossPtr create(const char* id, const ParamValues& params = {}) {
  return LossRegistry::instance().create(id, params);
}

EvalRequest request(const Tensor& yTrue, const Tensor& yPred) {
  EvalRequest r;
  r.yTrue = RankedTensor{yTrue, 2};
  r.yPred = RankedTensor{yPred, 2};
  return r;
}

/// Central differences of the composite value (and of its gradient for d2), step
/// cbrt(ε)·max(1, |x|) as in gradient_check.cpp; relative error with an absolute floor of 1e-6.
void verifyCompositeGradient(const std::vector<CompositeTerm>& terms, const EvalRequest& request) {
  const Evaluation base = evaluateComposite(terms, request);
  QCOMPARE(base.grad.rows(), request.yPred.values.rows());
  QCOMPARE(base.grad.cols(), request.yPred.values.cols());
  EvalRequest probe = request;
  Tensor& x = probe.yPred.values;
  auto relative = [](double a, double n) {
    return std::fabs(a - n) / std::fmax(std::fmax(std::fabs(a), std::fabs(n)), 1e-6);
  };
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      const double saved = x(i, j);
      const double h =
          std::cbrt(std::numeric_limits<double>::epsilon()) * std::fmax(1.0, std::fabs(saved));
      x(i, j) = saved + h;
      const Evaluation plus = evaluateComposite(terms, probe);
      x(i, j) = saved - h;
      const Evaluation minus = evaluateComposite(terms, probe);
      x(i, j) = saved;
      const double numeric = (plus.value - minus.value) / (2 * h);
      QVERIFY2(relative(base.grad(i, j), numeric) <= test::kGradientTolerance,
               qPrintable(QStringLiteral("d/dy_pred(%1, %2): analytic %3, numeric %4")
                              .arg(i)
                              .arg(j)
                              .arg(base.grad(i, j), 0, 'g', 12)
                              .arg(numeric, 0, 'g', 12)));
      if (base.d2.size() > 0) {
        const double numericD2 = (plus.grad(i, j) - minus.grad(i, j)) / (2 * h);
        QVERIFY2(relative(base.d2(i, j), numericD2) <= test::kGradientTolerance,
                 qPrintable(QStringLiteral("d2/dy_pred(%1, %2)^2: analytic %3, numeric %4")
                                .arg(i)
                                .arg(j)
                                .arg(base.d2(i, j), 0, 'g', 12)
                                .arg(numericD2, 0, 'g', 12)));
      }
    }
  }
}

void verifyUsageError(const std::vector<CompositeTerm>& terms,
                      const EvalRequest& r,
                      const char* needle) {
  try {
    evaluateComposite(terms, r);
    QFAIL("expected a usage error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Usage);
    QVERIFY2(std::string(error.what()).find(needle) != std::string::npos, error.what());
  }
}

// Seed 001's two-output model: out1 (2 columns, MSE) and out2 (1 column, MAE), loss_weights
// [1.0, 0.2].
const Tensor kY = tensor({{1.0, 2.0, 0.5}, {0.0, -1.0, 3.0}});
const Tensor kP = tensor({{1.5, 1.0, 1.0}, {0.5, 0.0, 2.0}});

std::vector<CompositeTerm> twoOutputs() {
  return {{create("mean_squared_error"), 1.0, 0, 2}, {create("mean_absolute_error"), 0.2, 2, 1}};
}

}  // namespace

class TestCompositeLoss : public QObject {
  Q_OBJECT

 private slots:
  void lossWeightsGiveTheHandSum();
  void gradientMatchesCentralDifferences();
  void classLabelTermReadsItsTargetColumn();
  void overlappingSlicesAdd();
  void rejectsBadTerms();
};

void TestCompositeLoss::lossWeightsGiveTheHandSum() {
  // Hand arithmetic. out1 residuals (0.5, −1) and (0.5, 1): per-sample mean squares 0.625 and
  // 0.625, L₁ = 0.625. out2 residuals 0.5 and −1: L₂ = (0.5 + 1)/2 = 0.75.
  // L = 1.0·0.625 + 0.2·0.75 = 0.775.
  // ∂L/∂ŷ: out1 2r/(D·B) = r/2 → (0.25, −0.5), (0.25, 0.5); out2 0.2·sign(r)/B → 0.1, −0.1.
  // d2: out1 2/(D·B) = 0.5, out2 0.
  const Evaluation e = evaluateComposite(twoOutputs(), request(kY, kP));
  LOSSLAB_VERIFY_NEAR(e.value, 0.775, test::kExactTolerance);
  const Tensor grad = tensor({{0.25, -0.5, 0.1}, {0.25, 0.5, -0.1}});
  const Tensor d2 = tensor({{0.5, 0.5, 0.0}, {0.5, 0.5, 0.0}});
  QCOMPARE(e.d2.size(), grad.size());
  for (Eigen::Index i = 0; i < 2; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) {
      LOSSLAB_VERIFY_NEAR(e.grad(i, j), grad(i, j), test::kExactTolerance);
      LOSSLAB_VERIFY_NEAR(e.d2(i, j), d2(i, j), test::kExactTolerance);
    }
  }
  // Per-sample: 0.625 + 0.2·0.5 = 0.725 and 0.625 + 0.2·1 = 0.825.
  LOSSLAB_VERIFY_NEAR(e.perSample(0), 0.725, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(e.perSample(1), 0.825, test::kExactTolerance);
  QCOMPARE(e.reduction, Reduction::SumOverBatchSize);

  // Sample weights go to every output (hand: out1 (2·0.625 + 0.5·0.625)/2 = 0.78125,
  // out2 (2·0.5 + 0.5·1)/2 = 0.75, L = 0.78125 + 0.15 = 0.93125).
  EvalRequest weighted = request(kY, kP);
  weighted.sampleWeight = RankedTensor{tensor({{2.0}, {0.5}}), 1};
  LOSSLAB_VERIFY_NEAR(evaluateComposite(twoOutputs(), weighted).value, 0.93125,
                      test::kExactTolerance);
  // reduction "sum": out1 1.25, out2 1.5, L = 1.25 + 0.3 = 1.55.
  EvalRequest summed = request(kY, kP);
  summed.reduction = Reduction::Sum;
  LOSSLAB_VERIFY_NEAR(evaluateComposite(twoOutputs(), summed).value, 1.55, test::kExactTolerance);
}

void TestCompositeLoss::gradientMatchesCentralDifferences() {
  // Away from MAE's kink: no residual of out2 is near 0.
  verifyCompositeGradient(twoOutputs(), request(kY, kP));
  // Three outputs from three frameworks' families, weighted, with sample weights: Huber on column
  // 0, a Ceres block on columns 1–2, binary cross-entropy on column 3.
  const std::vector<CompositeTerm> terms{{create("huber", {{"delta", 0.7}}), 1.0, 0, 1},
                                         {create("ceres_cauchy"), 0.2, 1, 2},
                                         {create("binary_crossentropy"), 0.5, 3, 1}};
  EvalRequest r = request(tensor({{0.2, 1.0, -1.0, 1.0}, {1.1, 0.0, 0.5, 0.0}}),
                          tensor({{1.4, 1.3, -0.2, 0.7}, {0.8, -0.6, 1.7, 0.35}}));
  r.sampleWeight = RankedTensor{tensor({{1.5}, {0.25}}), 1};
  verifyCompositeGradient(terms, r);
  QCOMPARE(evaluateComposite(terms, r).d2.size(), Eigen::Index{8});
}

void TestCompositeLoss::classLabelTermReadsItsTargetColumn() {
  // ŷ = [regression output | 3 logits], y_true = [regression target | class label]: the label
  // term reads one target column (targetFirstColumn = 1) against three ŷ columns.
  const Tensor y = tensor({{0.5, 2.0}, {-1.0, 0.0}});
  const Tensor p = tensor({{0.9, 0.3, -1.2, 2.2}, {-0.4, 1.5, 0.1, -0.7}});
  const LossPtr ce = create("sparse_categorical_crossentropy", {{"from_logits", 1.0}});
  CompositeTerm classes{ce, 0.4, 1, 3};
  classes.targetFirstColumn = 1;
  const std::vector<CompositeTerm> terms{{create("mean_squared_error"), 1.0, 0, 1}, classes};
  const Evaluation e = evaluateComposite(terms, request(y, p));
  // Hand: MSE residuals 0.4, 0.6 → (0.16 + 0.36)/2 = 0.26; CE_i = logsumexp(z_i) − z_{i,t}.
  auto logSumExp = [&](Eigen::Index i) {
    double sum = 0;
    for (Eigen::Index j = 1; j < 4; ++j) {
      sum += std::exp(p(i, j));
    }
    return std::log(sum);
  };
  const double ceMean = 0.5 * ((logSumExp(0) - 2.2) + (logSumExp(1) - 1.5));
  LOSSLAB_VERIFY_NEAR(e.value, 0.26 + 0.4 * ceMean, test::kFloat64Tolerance);
  QCOMPARE(e.d2.size(), Eigen::Index{0});  // the CE term has no diagonal d2
  verifyCompositeGradient(terms, request(y, p));
}

void TestCompositeLoss::overlappingSlicesAdd() {
  // Two terms reading the same columns: ∂L/∂ŷ = Σ_k λ_k ∂L_k/∂ŷ, so MSE twice with weights 1 and
  // 0.5 is 1.5 × MSE.
  const LossPtr mse = create("mean_squared_error");
  const std::vector<CompositeTerm> twice{{mse, 1.0, 0, 3}, {mse, 0.5, 0, 3}};
  const Evaluation both = evaluateComposite(twice, request(kY, kP));
  const Evaluation once = evaluate(*mse, request(kY, kP));
  LOSSLAB_VERIFY_NEAR(both.value, 1.5 * once.value, test::kExactTolerance);
  for (Eigen::Index i = 0; i < 2; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) {
      LOSSLAB_VERIFY_NEAR(both.grad(i, j), 1.5 * once.grad(i, j), test::kExactTolerance);
    }
  }
  // Columns no term reads get 0.
  const Evaluation partial = evaluateComposite({{mse, 1.0, 1, 1}}, request(kY, kP));
  QCOMPARE(partial.grad(0, 0), 0.0);
  QCOMPARE(partial.grad(1, 2), 0.0);
}

void TestCompositeLoss::rejectsBadTerms() {
  const EvalRequest r = request(kY, kP);
  verifyUsageError({}, r, "at least one term");
  verifyUsageError({{create("mean_squared_error"), 1.0, 2, 2}}, r, "composite term 1");
  verifyUsageError({{nullptr, 1.0, 0, 1}}, r, "has no loss");
  verifyUsageError({{create("mean_squared_error"), std::nan(""), 0, 1}}, r, "non-finite weight");
  CompositeTerm wide{create("mean_squared_error"), 1.0, 0, 2};
  wide.targetFirstColumn = 2;  // y_true has 3 columns: [2, 4) does not fit
  verifyUsageError({wide}, r, "reads y_true columns [2, 4)");
  // A term's own error names the term: PyTorch losses take no sample weights.
  EvalRequest weighted = r;
  weighted.sampleWeight = RankedTensor{tensor({{1.0}, {1.0}}), 1};
  verifyUsageError({{create("mean_squared_error"), 1.0, 0, 1}, {create("torch_mse"), 1.0, 1, 2}},
                   weighted, "composite term 2 ('torch_mse')");
}

QTEST_MAIN(TestCompositeLoss)
#include "tst_composite_loss.moc"
