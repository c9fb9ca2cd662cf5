// SPDX-License-Identifier: GPL-3.0-or-later
// Margin losses (spec §2.3): analytic derivatives against central differences on both sides of
// every kink, the documented values at the origin, Keras' whole-batch {0,1} label conversion,
// TF's kink and tie conventions, soft_margin's overflow-safe form, and PyTorch float64 numbers.
#include <QTest>
#include <cmath>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

namespace {

EvalRequest makeRequest(const Tensor& yTrue, const Tensor& yPred, Reduction reduction) {
  EvalRequest request;
  request.yTrue = RankedTensor{yTrue, 2};
  request.yPred = RankedTensor{yPred, 2};
  request.reduction = reduction;
  return request;
}

void verifyTensorNear(const Tensor& actual, const Tensor& expected, double tol) {
  QCOMPARE(actual.rows(), expected.rows());
  QCOMPARE(actual.cols(), expected.cols());
  for (Eigen::Index i = 0; i < expected.rows(); ++i) {
    for (Eigen::Index j = 0; j < expected.cols(); ++j) {
      LOSSLAB_VERIFY_NEAR(actual(i, j), expected(i, j), tol);
    }
  }
}

}  // namespace

class TestMarginLosses : public QObject {
  Q_OBJECT

 private slots:
  void gradientMatchesCentralDifferences_data();
  void gradientMatchesCentralDifferences();
  void valueAtOrigin_data();
  void valueAtOrigin();
  void zeroOneLabelsConvertedOnlyForWholeBatch_data();
  void zeroOneLabelsConvertedOnlyForWholeBatch();
  void fusedPathConvertsLikeEvaluate();
  void fusedPathRefutesItsLabelGuessLate_data();
  void fusedPathRefutesItsLabelGuessLate();
  void hingeKinkPassesGradientToFirstArgument();
  void categoricalHingeTiesShareGradient_data();
  void categoricalHingeTiesShareGradient();
  void softMarginIsOverflowSafe();
  void softMarginMatchesTorch();
  void registrationMetadata();
};

void TestMarginLosses::gradientMatchesCentralDifferences_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");

  // m = 1 − yŷ = ±0.01 on both sides of the hinge kink for both label signs (never on it; the
  // central-difference step is ~6e-6).
  const Tensor pmOne = tensor({{1, 1, -1, -1}, {1, -1, 1, -1}});
  const Tensor aroundKink = tensor({{0.99, 1.01, -0.99, -1.01}, {-0.4, 0.3, 2.5, -3.0}});
  // {0,1} labels: converted, so 0 acts as −1 (kink at ŷ = −1).
  const Tensor zeroOne = tensor({{1, 0, 1, 0}});
  const Tensor zeroOnePred = tensor({{0.99, -0.99, 1.01, -1.01}});
  // A −1/0/1 batch is not converted: the 0 label is a flat max(1, 0) = 1.
  const Tensor mixed = tensor({{-1, 0, 1}});
  const Tensor mixedPred = tensor({{-0.99, 0.5, 1.01}});
  for (const char* id : {"hinge", "squared_hinge"}) {
    QTest::addRow("%s ±1 labels, 1 − yŷ = ±0.01 and far", id) << id << pmOne << aroundKink;
    QTest::addRow("%s {0,1} labels (converted), both sides", id) << id << zeroOne << zeroOnePred;
    QTest::addRow("%s mixed −1/0/1 batch (not converted)", id) << id << mixed << mixedPred;
  }

  const Tensor oneHot = tensor({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}, {1, 0, 0}, {1, 0, 0}});
  const Tensor scores = tensor({
      {0.5, 0.8, 0.3},    // ℓ = 1.3 > 0, max at class 1
      {0.2, 2.5, 0.1},    // ℓ = 0.2 − 2.5 + 1 < 0 (clamped)
      {0.4, -0.3, 1.39},  // ℓ = +0.01 (just active)
      {0.4, -0.3, 1.41},  // ℓ = −0.01 (just clamped)
      {0.3, 0.7, 0.71},   // max switches between classes 1 and 2: 0.71 side
      {0.5, -0.3, -0.2},  // wrong scores negative: neg = 0 from the true class
  });
  QTest::newRow("categorical_hinge every branch, both sides of ℓ = 0")
      << "categorical_hinge" << oneHot << scores;
  QTest::newRow("categorical_hinge near tie, other side")
      << "categorical_hinge" << tensor({{1, 0, 0}}) << tensor({{0.3, 0.71, 0.7}});

  QTest::newRow("soft_margin ±1 labels")
      << "soft_margin" << pmOne << tensor({{0.7, -1.3, 2.5, 0.05}, {-0.4, 40.0, -40.0, 3.0}});
  QTest::newRow("soft_margin −yx = ±800 (overflow-safe region)")
      << "soft_margin" << tensor({{1, -1}}) << tensor({{-800.0, 800.0}});
}

void TestMarginLosses::gradientMatchesCentralDifferences() {
  QFETCH(QString, id);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString());
  for (Reduction reduction : {defaultReduction(loss->info()), Reduction::Sum}) {
    const EvalRequest request = makeRequest(yTrue, yPred, reduction);
    LOSSLAB_VERIFY_GRADIENT(*loss, request);
  }
}

void TestMarginLosses::valueAtOrigin_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<double>("value");
  QTest::addColumn<Tensor>("grad");
  QTest::addColumn<Tensor>("d2");  // empty: the loss has no diagonal second derivative

  // The "At ŷ = 0" lines of the doc comments, by hand, with y = 1 (B = D = 1):
  //   hinge: max(1 − 0, 0) = 1, e′ = −y = −1 (1 − yŷ = 1 ≥ 0), e″ = 0.
  //   squared_hinge: 1² = 1, e′ = −2y·1 = −2, e″ = 2y² = 2.
  //   soft_margin: log(1 + e⁰) = log 2, e′ = −σ(0) = −½, e″ = σ(0)σ(0) = ¼.
  //   categorical_hinge (K = 3, y = e₀): pos = 0, every (1 − y_k)ŷ_k = 0 is tied for the max,
  //   neg = 0, ℓ = 1; ∂ℓ/∂ŷ_0 = −1 + 0·⅓ = −1, ∂ℓ/∂ŷ_k = (1 − 0)·⅓ = ⅓ for k = 1, 2.
  const Tensor one = tensor({{1}});
  const Tensor zero = tensor({{0}});
  QTest::newRow("hinge") << "hinge" << one << zero << 1.0 << tensor({{-1}}) << tensor({{0}});
  QTest::newRow("squared_hinge") << "squared_hinge" << one << zero << 1.0 << tensor({{-2}})
                                 << tensor({{2}});
  QTest::newRow("soft_margin") << "soft_margin" << one << zero << std::log(2.0) << tensor({{-0.5}})
                               << tensor({{0.25}});
  QTest::newRow("categorical_hinge K=3 (3-way tie)")
      << "categorical_hinge" << tensor({{1, 0, 0}}) << tensor({{0, 0, 0}}) << 1.0
      << tensor({{-1, 1.0 / 3, 1.0 / 3}}) << Tensor();
}

void TestMarginLosses::valueAtOrigin() {
  QFETCH(QString, id);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(double, value);
  QFETCH(Tensor, grad);
  QFETCH(Tensor, d2);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString());
  const Evaluation e = evaluate(*loss, makeRequest(yTrue, yPred, Reduction::Sum));
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kExactTolerance);
  verifyTensorNear(e.grad, grad, test::kExactTolerance);
  if (d2.size() == 0) {
    QCOMPARE(e.d2.size(), Eigen::Index{0});
  } else {
    verifyTensorNear(e.d2, d2, test::kExactTolerance);
  }
}

void TestMarginLosses::zeroOneLabelsConvertedOnlyForWholeBatch_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Tensor>("perSample");
  QTest::addColumn<Tensor>("grad");  // ∂(Σ_i ℓ_i)/∂ŷ (reduction sum)

  // By hand, ŷ = 0.5 everywhere, D = 2 (ℓ_i = mean over the row):
  //  {1, 0} → {1, −1}: hinge (max(0.5, 0) + max(1.5, 0))/2 = 1, ∂ = (−1/2, +1/2).
  //  {−1, 0} is not all {0,1}: labels stay; (1.5 + 1)/2 = 1.25, ∂ = (+1/2, −0/2 = 0).
  //  rows {1, 0} and {−1, 1}: the batch has a −1, so nothing converts, not even row 1:
  //    row 1: (0.5 + 1)/2 = 0.75, ∂ = (−1/2, 0); row 2: (1.5 + 0.5)/2 = 1, ∂ = (1/2, −1/2).
  //  squared_hinge, {−1, 0}: (1.5² + 1²)/2 = 1.625, ∂ = (−2·(−1)·1.5/2, −2·0·1/2) = (1.5, 0).
  const Tensor half = tensor({{0.5, 0.5}});
  QTest::newRow("hinge {1,0} batch converted")
      << "hinge" << tensor({{1, 0}}) << half << tensor({{1.0}}) << tensor({{-0.5, 0.5}});
  QTest::newRow("hinge {−1,0} batch not converted")
      << "hinge" << tensor({{-1, 0}}) << half << tensor({{1.25}}) << tensor({{0.5, 0.0}});
  QTest::newRow("hinge {0,1} row in a batch with −1: not converted")
      << "hinge" << tensor({{1, 0}, {-1, 1}}) << tensor({{0.5, 0.5}, {0.5, 0.5}})
      << tensor({{0.75}, {1.0}}) << tensor({{-0.5, 0.0}, {0.5, -0.5}});
  QTest::newRow("squared_hinge {−1,0} batch not converted")
      << "squared_hinge" << tensor({{-1, 0}}) << half << tensor({{1.625}}) << tensor({{1.5, 0.0}});
}

void TestMarginLosses::zeroOneLabelsConvertedOnlyForWholeBatch() {
  QFETCH(QString, id);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Tensor, perSample);
  QFETCH(Tensor, grad);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString());
  const Evaluation e = evaluate(*loss, makeRequest(yTrue, yPred, Reduction::Sum));
  QCOMPARE(e.perSample.size(), perSample.rows());
  for (Eigen::Index i = 0; i < perSample.rows(); ++i) {
    LOSSLAB_VERIFY_NEAR(e.perSample(i), perSample(i, 0), test::kExactTolerance);
  }
  verifyTensorNear(e.grad, grad, test::kExactTolerance);
}

void TestMarginLosses::fusedPathConvertsLikeEvaluate() {
  // The training path (ElementwiseLoss::valueAndGradient) must apply the same batch rule.
  // Batch {1, 0}, {−1, 1} at ŷ = 0.5 is not converted (hand values in the test above):
  // sum_over_batch_size = (0.75 + 1)/2 = 0.875, gradient = the sum gradient / 2.
  const LossPtr loss = LossRegistry::instance().create("hinge");
  const Tensor yTrue = tensor({{1, 0}, {-1, 1}});
  const Tensor yPred = tensor({{0.5, 0.5}, {0.5, 0.5}});
  LossInputs inputs;
  inputs.yTrue = &yTrue;
  inputs.yPred = &yPred;
  Tensor grad;
  const double value = loss->valueAndGradient(inputs, Reduction::SumOverBatchSize, grad);
  LOSSLAB_VERIFY_NEAR(value, 0.875, test::kExactTolerance);
  verifyTensorNear(grad, tensor({{-0.25, 0.0}, {0.25, -0.25}}), test::kExactTolerance);
  // A {0,1} batch is converted on the fused path too: {1, 0} → {1, −1}, ℓ = 1, ∂ = (−½, ½).
  const Tensor zeroOne = tensor({{1, 0}});
  const Tensor half = tensor({{0.5, 0.5}});
  inputs.yTrue = &zeroOne;
  inputs.yPred = &half;
  LOSSLAB_VERIFY_NEAR(loss->valueAndGradient(inputs, Reduction::SumOverBatchSize, grad), 1.0,
                      test::kExactTolerance);
  verifyTensorNear(grad, tensor({{-0.5, 0.5}}), test::kExactTolerance);
}

void TestMarginLosses::fusedPathRefutesItsLabelGuessLate_data() {
  QTest::addColumn<QString>("id");
  QTest::newRow("hinge") << "hinge";
  QTest::newRow("squared_hinge") << "squared_hinge";
}

void TestMarginLosses::fusedPathRefutesItsLabelGuessLate() {
  // The training path guesses the {0,1} conversion from the first 64 labels and checks the rest
  // in its loop. Here 90 labels alternate 1, 0, then row 91 is −1: the batch is NOT converted,
  // so the 0 labels give m = 1 (e = 1, e′ = 0). Hand values at ŷ = ½, y used as is, m = 1 − yŷ:
  //   hinge: y = 1: e = ½, e′ = −1; y = 0: 1, 0; y = −1: 3/2, +1;
  //   squared_hinge: y = 1: ¼, −2·½ = −1; y = 0: 1, 0; y = −1: 9/4, −2·(−1)·3/2 = 3.
  QFETCH(QString, id);
  const bool squared = id == "squared_hinge";
  const Eigen::Index n = 100;
  Tensor yTrue(n, 1);
  Tensor yPred = Tensor::Constant(n, 1, 0.5);
  Tensor expectedGrad(n, 1);
  double sum = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    yTrue(i, 0) = i < 90 ? (i % 2 == 0 ? 1.0 : 0.0) : (i == 90 ? -1.0 : 1.0);
    const double y = yTrue(i, 0);
    const double e = y == 1 ? (squared ? 0.25 : 0.5) : (y == 0 ? 1.0 : (squared ? 2.25 : 1.5));
    const double d = y == 1 ? -1.0 : (y == 0 ? 0.0 : (squared ? 3.0 : 1.0));
    sum += e;
    expectedGrad(i, 0) = d / static_cast<double>(n);
  }
  const LossPtr loss = LossRegistry::instance().create(id.toStdString());
  LossInputs inputs;
  inputs.yTrue = &yTrue;
  inputs.yPred = &yPred;
  Tensor grad;
  const double value = loss->valueAndGradient(inputs, Reduction::SumOverBatchSize, grad);
  LOSSLAB_VERIFY_NEAR(value, sum / static_cast<double>(n), test::kExactTolerance);
  verifyTensorNear(grad, expectedGrad, test::kExactTolerance);
}

void TestMarginLosses::hingeKinkPassesGradientToFirstArgument() {
  // TF's maximum(1 − yŷ, 0) sends the gradient to the first argument at a tie (spec §1.4):
  // at yŷ = 1 exactly, hinge gives ∂ℓ/∂ŷ = −y/D, here D = 2: (−½, +½), value 0.
  // squared_hinge is continuous there: ∂ = −2y·0/D = 0, but e″ takes the passing side:
  // 2y²/D = 1 per element.
  const Tensor yTrue = tensor({{1, -1}});
  const Tensor yPred = tensor({{1, -1}});
  const Evaluation hinge = evaluate(*LossRegistry::instance().create("hinge"),
                                    makeRequest(yTrue, yPred, Reduction::Sum));
  LOSSLAB_VERIFY_NEAR(hinge.value, 0.0, test::kExactTolerance);
  verifyTensorNear(hinge.grad, tensor({{-0.5, 0.5}}), test::kExactTolerance);
  const Evaluation squared = evaluate(*LossRegistry::instance().create("squared_hinge"),
                                      makeRequest(yTrue, yPred, Reduction::Sum));
  verifyTensorNear(squared.grad, tensor({{0.0, 0.0}}), test::kExactTolerance);
  verifyTensorNear(squared.d2, tensor({{1.0, 1.0}}), test::kExactTolerance);
}

void TestMarginLosses::categoricalHingeTiesShareGradient_data() {
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<double>("value");
  QTest::addColumn<Tensor>("grad");

  // TF reduce_max divides the gradient evenly among tied maxima; by hand:
  //  y = e₀, ŷ = (0.5, 0.8, 0.8): neg = 0.8 at k = 1, 2; ℓ = 0.8 − 0.5 + 1 = 1.3;
  //    ∂ = (−1, ½, ½).
  //  y = e₀, ŷ = (0.3, 0, −1): (1 − y)ŷ = (0, 0, −1), the true class ties with class 1 at 0;
  //    ℓ = 0 − 0.3 + 1 = 0.7; ∂ = (−1 + 0·½, ½, 0).
  //  y = e₁, ŷ = (0.2, 0.4, 0.2, 0.2): 3-way tie at 0.2; ℓ = 0.2 − 0.4 + 1 = 0.8;
  //    ∂ = (⅓, −1, ⅓, ⅓).
  //  y = e₀, ŷ = (1.5, 0.5): ℓ = 0.5 − 1.5 + 1 = 0 exactly; TF's maximum passes: ∂ = (−1, 1).
  QTest::newRow("two wrong classes tied")
      << tensor({{1, 0, 0}}) << tensor({{0.5, 0.8, 0.8}}) << 1.3 << tensor({{-1, 0.5, 0.5}});
  QTest::newRow("wrong class tied with the true class's zero")
      << tensor({{1, 0, 0}}) << tensor({{0.3, 0, -1}}) << 0.7 << tensor({{-1, 0.5, 0}});
  QTest::newRow("three-way tie") << tensor({{0, 1, 0, 0}}) << tensor({{0.2, 0.4, 0.2, 0.2}}) << 0.8
                                 << tensor({{1.0 / 3, -1, 1.0 / 3, 1.0 / 3}});
  QTest::newRow("ℓ = 0 exactly (maximum passes)")
      << tensor({{1, 0}}) << tensor({{1.5, 0.5}}) << 0.0 << tensor({{-1, 1}});
}

void TestMarginLosses::categoricalHingeTiesShareGradient() {
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(double, value);
  QFETCH(Tensor, grad);
  const LossPtr loss = LossRegistry::instance().create("categorical_hinge");
  const Evaluation e = evaluate(*loss, makeRequest(yTrue, yPred, Reduction::Sum));
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kExactTolerance);
  verifyTensorNear(e.grad, grad, test::kExactTolerance);
}

void TestMarginLosses::softMarginIsOverflowSafe() {
  // torch 1.13 (spec §2.3 edges, run): −yx = 800 gives loss inf and gradient NaN. LossLab's
  // softplus form gives, by hand, softplus(800) = 800 + log1p(e^−800) = 800 (e^−800 underflows)
  // and gradient −y σ(800) = −y; at −yx = −800 the value log1p(e^−800) = 0 and gradient
  // −y σ(−800) = −y e^−800 / (1 + e^−800) = 0 in double.
  const LossPtr loss = LossRegistry::instance().create("soft_margin");
  const Evaluation e = evaluate(
      *loss, makeRequest(tensor({{1, -1, 1}}), tensor({{-800.0, 800.0, 800.0}}), Reduction::None));
  verifyTensorNear(e.unreduced, tensor({{800.0, 800.0, 0.0}}), test::kExactTolerance);
  verifyTensorNear(e.grad, tensor({{-1.0, 1.0, 0.0}}), test::kExactTolerance);
  QVERIFY(e.d2.allFinite());
}

void TestMarginLosses::softMarginMatchesTorch() {
  // Independent reference: torch 1.13, float64, run with /usr/bin/python3:
  //   import torch, torch.nn.functional as F
  //   torch.set_default_dtype(torch.float64)
  //   x = torch.tensor([[0.7, -1.3, 2.5], [-0.4, 0.05, 3.0]], requires_grad=True)
  //   y = torch.tensor([[1., -1., -1.], [1., 1., -1.]])
  //   l = F.soft_margin_loss(x, y, reduction='none'); l.sum().backward(); print(l, x.grad)
  const Tensor x = tensor({{0.7, -1.3, 2.5}, {-0.4, 0.05, 3.0}});
  const Tensor y = tensor({{1, -1, -1}, {1, 1, -1}});
  const Tensor value = tensor({{0.40318604888545784, 0.24100845383299216, 2.5788897342925496},
                               {0.9130152523999526, 0.6684596480132863, 3.048587351573742}});
  const Tensor grad = tensor({{-0.33181222783183395, 0.2141650169574414, 0.9241418199787564},
                              {-0.598687660112452, -0.48750260351578967, 0.9525741268224333}});
  const LossPtr loss = LossRegistry::instance().create("soft_margin");
  const Evaluation none = evaluate(*loss, makeRequest(y, x, Reduction::None));
  verifyTensorNear(none.unreduced, value, test::kFloat64Tolerance);
  verifyTensorNear(none.grad, grad, test::kFloat64Tolerance);
  // reduction='mean' divides by the 6 elements (spec §1.6).
  const Evaluation mean = evaluate(*loss, makeRequest(y, x, Reduction::Mean));
  LOSSLAB_VERIFY_NEAR(mean.value, value.sum() / 6, test::kFloat64Tolerance);
  verifyTensorNear(mean.grad, grad / 6, test::kFloat64Tolerance);
}

void TestMarginLosses::registrationMetadata() {
  struct Expected {
    const char* id;
    Framework framework;
    bool elementwise;
  };
  for (const Expected& x : {Expected{"hinge", Framework::Keras, true},
                            Expected{"squared_hinge", Framework::Keras, true},
                            Expected{"categorical_hinge", Framework::Keras, false},
                            Expected{"soft_margin", Framework::PyTorch, true}}) {
    const LossRegistry::Entry* entry = LossRegistry::instance().find(x.id);
    QVERIFY2(entry, x.id);
    QCOMPARE(entry->info.family, Family::Margin);
    QCOMPARE(entry->info.framework, x.framework);
    QCOMPARE(entry->info.curve, CurveKind::Margin);
    QCOMPARE(entry->info.elementwise, x.elementwise);
    QVERIFY(entry->info.params.empty());
  }
}

QTEST_MAIN(TestMarginLosses)
#include "tst_margin_losses.moc"
