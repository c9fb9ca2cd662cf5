// SPDX-License-Identifier: GPL-3.0-or-later
// The inputs PyTorch's losses accept beyond the basic ones (issue 13, engine gaps):
//  * torch_cross_entropy with class-probability targets (y_true of y_pred's shape, PyTorch
//    ≥ 1.10), with class weights and label smoothing, every reduction: analytic gradient by
//    central differences, hand-derived identities here; the float64 torch values and autograd
//    gradients are rows of tests/data/reference_cases.json (tst_reference_values);
//  * per-class vectors (weight, pos_weight) as a row (1, C) or a column (C, 1);
//  * kl_div with log_target=true and −∞ (log 0) in the target, and the CSV option that lets
//    −∞ (but no NaN / +∞) through.
#include <QTest>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"
#include "core/io/csv_reader.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

using Extras = std::map<std::string, Tensor>;

Evaluation run(const std::string& id,
               const ParamValues& params,
               const Tensor& yTrue,
               const Tensor& yPred,
               const Extras& extras = {},
               Reduction reduction = Reduction::Mean) {
  const LossPtr loss = LossRegistry::instance().create(id, params);
  EvalRequest request;
  request.yTrue = RankedTensor{yTrue, 2};
  request.yPred = RankedTensor{yPred, 2};
  for (const auto& [name, values] : extras) {
    request.extras[name] = RankedTensor{values, 2};
  }
  request.reduction = reduction;
  return evaluate(*loss, request);
}

EvalRequest requestOf(const Tensor& yTrue,
                      const Tensor& yPred,
                      const Extras& extras,
                      Reduction reduction) {
  EvalRequest request;
  request.yTrue = RankedTensor{yTrue, 2};
  request.yPred = RankedTensor{yPred, 2};
  for (const auto& [name, values] : extras) {
    request.extras[name] = RankedTensor{values, 2};
  }
  request.reduction = reduction;
  return request;
}

void verifySame(const Evaluation& a, const Evaluation& b, double tol) {
  LOSSLAB_VERIFY_NEAR(a.value, b.value, tol);
  QCOMPARE(a.grad.rows(), b.grad.rows());
  QCOMPARE(a.grad.cols(), b.grad.cols());
  for (Eigen::Index k = 0; k < a.grad.size(); ++k) {
    LOSSLAB_VERIFY_NEAR(a.grad.data()[k], b.grad.data()[k], tol);
  }
}

const Tensor kLogits = tensor({{1.0, 2.0, 0.5}, {0.1, -1.0, 3.0}, {-0.4, 0.0, 0.7}});
const Tensor kProbabilities = tensor({{0.2, 0.3, 0.5}, {0.0, 1.0, 0.0}, {0.6, 0.1, 0.3}});
const Tensor kWeightRow = tensor({{1.0, 2.0, 0.5}});
const Tensor kWeightColumn = tensor({{1.0}, {2.0}, {0.5}});

}  // namespace

class TestTorchInputs : public QObject {
  Q_OBJECT

 private slots:
  void crossEntropyProbabilityGradients_data();
  void crossEntropyProbabilityGradients();
  void crossEntropyOneHotEqualsLabels_data();
  void crossEntropyOneHotEqualsLabels();
  void crossEntropyProbabilityHandValue();
  void crossEntropyProbabilityErrors();
  void perClassColumnEqualsRow_data();
  void perClassColumnEqualsRow();
  void perClassWrongShapeNamesBothForms();
  void klDivLogTargetMinusInfinity();
  void csvAcceptsMinusInfinityOnlyWhenAsked();
};

void TestTorchInputs::crossEntropyProbabilityGradients_data() {
  QTest::addColumn<double>("smoothing");
  QTest::addColumn<bool>("weighted");
  QTest::addColumn<int>("reduction");
  for (const Reduction r : {Reduction::Mean, Reduction::Sum, Reduction::None}) {
    const std::string name = reductionName(r);
    QTest::newRow((name + " plain").c_str()) << 0.0 << false << static_cast<int>(r);
    QTest::newRow((name + " weight").c_str()) << 0.0 << true << static_cast<int>(r);
    QTest::newRow((name + " weight, label_smoothing=0.3").c_str())
        << 0.3 << true << static_cast<int>(r);
  }
}

void TestTorchInputs::crossEntropyProbabilityGradients() {
  QFETCH(double, smoothing);
  QFETCH(bool, weighted);
  QFETCH(int, reduction);
  const LossPtr loss =
      LossRegistry::instance().create("torch_cross_entropy", {{"label_smoothing", smoothing}});
  // Soft rows not summing to 1 as well: torch does not check them.
  const Tensor soft = tensor({{0.2, 0.3, 0.5}, {0.5, 0.9, 0.0}, {0.6, 0.1, 0.3}});
  const EvalRequest request =
      requestOf(soft, kLogits, weighted ? Extras{{"weight", kWeightRow}} : Extras{},
                static_cast<Reduction>(reduction));
  LOSSLAB_VERIFY_GRADIENT(*loss, request);
}

void TestTorchInputs::crossEntropyOneHotEqualsLabels_data() {
  QTest::addColumn<double>("smoothing");
  QTest::addColumn<int>("reduction");
  for (const Reduction r : {Reduction::Sum, Reduction::None}) {
    const std::string name = reductionName(r);
    QTest::newRow((name + " λ=0").c_str()) << 0.0 << static_cast<int>(r);
    QTest::newRow((name + " λ=0.2").c_str()) << 0.2 << static_cast<int>(r);
  }
}

// One-hot probability rows are the labels: torch's two code paths give the same per-sample
// losses (both smooth to (1 − λ) onehot + λ/K). The weighted *mean* differs on purpose (labels
// divide by Σ w_t, probabilities by B), so it is checked by hand below, not here.
void TestTorchInputs::crossEntropyOneHotEqualsLabels() {
  QFETCH(double, smoothing);
  QFETCH(int, reduction);
  const Tensor labels = tensor({{2}, {1}, {0}});
  const Tensor oneHot = tensor({{0, 0, 1}, {0, 1, 0}, {1, 0, 0}});
  const ParamValues params{{"label_smoothing", smoothing}};
  const Extras weight{{"weight", kWeightRow}};
  const auto r = static_cast<Reduction>(reduction);
  verifySame(run("torch_cross_entropy", params, oneHot, kLogits, weight, r),
             run("torch_cross_entropy", params, labels, kLogits, weight, r), 1e-14);
}

// 'mean' with probability targets divides by the batch size B, not by a weight sum:
//   ℓ_i = −Σ_k w_k y_ik log softmax(x_i)_k, mean = (ℓ_1 + ℓ_2) / 2.
// x_1 = (0, 0): log softmax = −log 2 for both classes, y_1 = (0.25, 0.75), w = (2, 4):
//   ℓ_1 = (2·0.25 + 4·0.75) log 2 = 3.5 log 2.
// x_2 = (log 3, 0): softmax = (3/4, 1/4), y_2 = (1, 0): ℓ_2 = 2 · (−log ¾) = 2 log(4/3).
// mean = (3.5 log 2 + 2 log(4/3)) / 2; the weighted label mean would divide by Σ w_t instead.
// Gradient of row 2 (sum): s Σ_k w_k y_k − w ∘ y = (¾, ¼)·2 − (2, 0) = (−½, ½).
void TestTorchInputs::crossEntropyProbabilityHandValue() {
  const Tensor x = tensor({{0.0, 0.0}, {std::log(3.0), 0.0}});
  const Tensor y = tensor({{0.25, 0.75}, {1.0, 0.0}});
  const Extras w{{"weight", tensor({{2.0, 4.0}})}};
  const Evaluation mean = run("torch_cross_entropy", {}, y, x, w, Reduction::Mean);
  LOSSLAB_VERIFY_NEAR(mean.value, (3.5 * std::log(2.0) + 2 * std::log(4.0 / 3.0)) / 2, 1e-15);
  const Evaluation sum = run("torch_cross_entropy", {}, y, x, w, Reduction::Sum);
  LOSSLAB_VERIFY_NEAR(sum.grad(1, 0), -0.5, 1e-15);
  LOSSLAB_VERIFY_NEAR(sum.grad(1, 1), 0.5, 1e-15);
  QCOMPARE(sum.unreduced.rows(), 2);
  QCOMPARE(sum.unreduced.cols(), 1);
}

void TestTorchInputs::crossEntropyProbabilityErrors() {
  // torch: "ignore_index is not supported for floating point target".
  try {
    run("torch_cross_entropy", {{"ignore_index", 1}}, kProbabilities, kLogits);
    QFAIL("ignore_index with probability targets was accepted");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    QVERIFY2(std::string(e.what()).find("ignore_index") != std::string::npos, e.what());
  }
  // Neither labels nor y_pred's shape: the message names both accepted forms.
  try {
    run("torch_cross_entropy", {}, tensor({{0.5, 0.5}, {0.5, 0.5}, {0.5, 0.5}}), kLogits);
    QFAIL("a (3, 2) target for (3, 3) logits was accepted");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    QVERIFY2(
        std::string(e.what()).find("class probabilities of y_pred's shape") != std::string::npos,
        e.what());
  }
  // Other class-index losses still take labels only.
  try {
    run("sparse_categorical_crossentropy", {}, kProbabilities, kProbabilities, {},
        Reduction::SumOverBatchSize);
    QFAIL("sparse CCE accepted a probability target");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    QVERIFY2(std::string(e.what()).find("class probabilities") == std::string::npos, e.what());
  }
}

void TestTorchInputs::perClassColumnEqualsRow_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("input");
  QTest::addColumn<Tensor>("target");
  QTest::addColumn<Tensor>("prediction");
  const Tensor binary = tensor({{1, 0, 1}, {0, 0, 1}, {1, 1, 0}});
  const Tensor p = tensor({{0.7, 0.2, 0.6}, {0.1, 0.4, 0.9}, {0.55, 0.8, 0.3}});
  QTest::newRow("torch_bce weight") << "torch_bce"
                                    << "weight" << binary << p;
  QTest::newRow("torch_bce_logits weight") << "torch_bce_logits"
                                           << "weight" << binary << kLogits;
  QTest::newRow("torch_bce_logits pos_weight") << "torch_bce_logits"
                                               << "pos_weight" << binary << kLogits;
  QTest::newRow("torch_cross_entropy weight, labels")
      << "torch_cross_entropy"
      << "weight" << tensor({{2}, {0}, {1}}) << kLogits;
  QTest::newRow("torch_cross_entropy weight, probabilities")
      << "torch_cross_entropy"
      << "weight" << kProbabilities << kLogits;
  QTest::newRow("multilabel_soft_margin weight") << "multilabel_soft_margin"
                                                 << "weight" << binary << kLogits;
}

// A (C, 1) column is the same vector as the (1, C) row: identical values and gradients. (The
// row form is checked against torch in reference_cases.json; one column row is there too.)
void TestTorchInputs::perClassColumnEqualsRow() {
  QFETCH(QString, id);
  QFETCH(QString, input);
  QFETCH(Tensor, target);
  QFETCH(Tensor, prediction);
  const std::string name = input.toStdString();
  for (const Reduction r : {Reduction::Mean, Reduction::None}) {
    const Evaluation row = run(id.toStdString(), {}, target, prediction, {{name, kWeightRow}}, r);
    const Evaluation column =
        run(id.toStdString(), {}, target, prediction, {{name, kWeightColumn}}, r);
    verifySame(column, row, 0);
    // And the weights matter (the test would pass if both were ignored otherwise).
    const Evaluation none = run(id.toStdString(), {}, target, prediction, {}, r);
    QVERIFY(std::fabs(none.value - row.value) > 1e-6);
  }
}

void TestTorchInputs::perClassWrongShapeNamesBothForms() {
  try {
    run("torch_cross_entropy", {}, tensor({{2}, {0}, {1}}), kLogits,
        {{"weight", tensor({{1.0, 2.0}, {0.5, 1.0}, {1.0, 1.0}})}});
    QFAIL("a (3, 2) weight was accepted");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    QVERIFY2(std::string(e.what()).find("(1, 3) or (3, 1)") != std::string::npos, e.what());
  }
}

// Reference (torch 1.13, float64), log_target=True, reduction='none', then .sum().backward():
//   x = torch.tensor([[-1.0, -0.5, -2.0]], requires_grad=True)
//   t = torch.tensor([[-inf, -1.0, -inf]])
//   F.kl_div(x, t, log_target=True, reduction='none')  -> [[nan, -0.18393972, nan]]
//   x.grad                                             -> [[-0., -0.36787944, -0.]]
// torch evaluates exp(t)·(t − x) literally, 0·(−∞) = NaN; LossLab gives the limit 0 for a −∞
// target (the 0 log 0 = 0 convention torch's xlogy uses without log_target). The gradient
// −exp(t) is torch's: 0 at t = −∞, −e^{−1} = −0.36787944117144233 at t = −1; the finite value is
// e^{−1}(−1 + 0.5) = −0.18393972058572117.
void TestTorchInputs::klDivLogTargetMinusInfinity() {
  const Tensor x = tensor({{-1.0, -0.5, -2.0}});
  const Tensor t = tensor({{-kInf, -1.0, -kInf}});
  const Evaluation none = run("kl_div", {{"log_target", 1}}, t, x, {}, Reduction::None);
  QCOMPARE(none.unreduced(0, 0), 0.0);
  LOSSLAB_VERIFY_NEAR(none.unreduced(0, 1), -0.18393972058572117, 1e-15);
  QCOMPARE(none.unreduced(0, 2), 0.0);
  QCOMPARE(none.grad(0, 0), 0.0);
  LOSSLAB_VERIFY_NEAR(none.grad(0, 1), -0.36787944117144233, 1e-15);
  QCOMPARE(none.grad(0, 2), 0.0);
  const Evaluation batchmean = run("kl_div", {{"log_target", 1}}, t, x, {}, Reduction::BatchMean);
  LOSSLAB_VERIFY_NEAR(batchmean.value, -0.18393972058572117, 1e-15);
  QVERIFY(std::isfinite(batchmean.value));
}

void TestTorchInputs::csvAcceptsMinusInfinityOnlyWhenAsked() {
  CsvOptions options;
  options.allowMinusInfinity = true;
  const CsvTable table = readCsvString("-inf,-1\n-0.5,-inf\n", options, "log.csv");
  QVERIFY(std::isinf(table.data.values(0, 0)) && table.data.values(0, 0) < 0);
  QCOMPARE(table.data.values(1, 0), -0.5);
  for (const char* text : {"nan,-1\n", "inf,-1\n", "-1,+inf\n"}) {
    try {
      readCsvString(text, options, "log.csv");
      QFAIL(qPrintable(QString("accepted %1").arg(text)));
    } catch (const Error& e) {
      QCOMPARE(e.kind(), Error::Kind::Data);
      QVERIFY2(std::string(e.what()).find("only -inf") != std::string::npos, e.what());
    }
  }
  try {
    readCsvString("-inf,-1\n", CsvOptions{}, "plain.csv");
    QFAIL("-inf accepted without the option");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Data);
  }
}

QTEST_MAIN(TestTorchInputs)
#include "tst_torch_inputs.moc"
