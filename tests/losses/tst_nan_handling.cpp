// SPDX-License-Identifier: GPL-3.0-or-later
// NaN is handled the same by the formula language and the built-in kernels (issue 13), and as
// PyTorch does:
//  * the functions one by one, against torch 1.13 float64 (values printed in the comments);
//  * every registered loss with a formula equivalent: with a NaN in y_pred (or in y_true) the
//    value and every sample's loss are the same in both paths (NaN where a max, a clamp or
//    arithmetic meets it; a where() whose comparison is false takes its other branch, in torch
//    too: tukey's constant tail), and the gradients of the other samples are the same finite
//    numbers in both. The gradient at
//    the NaN sample itself is each branch's convention and is not compared, nor are the
//    gradients of a loss that is one scalar for the whole batch. A kernel may refuse NaN as
//    outside its domain instead (a data error): then nothing is compared.
#include <QTest>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"
#include "core/export/code_export.h"
#include "core/formula/formula_loss.h"
#include "core/testing/sample_inputs.h"
#include "tests/registry_cases.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kTolerance = 1e-12;
constexpr unsigned kSeed = 20261207;

/// The per-element values and gradient of `source` at y_pred = x (one column: a formula is a
/// Keras-style loss, so one element per sample), y_true = 0, reduction 'none'.
Evaluation formulaAt(const std::string& source, const Tensor& x) {
  const auto loss = FormulaLoss::create(source);
  EvalRequest request;
  request.yTrue = RankedTensor{Tensor::Zero(x.rows(), x.cols()), 2};
  request.yPred = RankedTensor{x, 2};
  request.reduction = Reduction::None;
  return evaluate(*loss, request);
}

/// NaN-equal: both NaN, or both numbers within `tol` relative.
bool same(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) {
    return std::isnan(a) && std::isnan(b);
  }
  return std::fabs(a - b) <= kTolerance * std::fmax(1.0, std::fabs(b));
}

QString describe(const char* what, Eigen::Index k, double formula, double kernel) {
  return QString("%1 element %2: formula %3, kernel %4")
      .arg(what)
      .arg(k)
      .arg(formula, 0, 'g', 17)
      .arg(kernel, 0, 'g', 17);
}

}  // namespace

class TestNanHandling : public QObject {
  Q_OBJECT

 private slots:
  void functions_data();
  void functions();
  void formulaEquivalentsAgreeOnNaN_data();
  void formulaEquivalentsAgreeOnNaN();
  void builtInL1GradientAtNaN();
};

// torch 1.13, float64, x = torch.tensor([nan, -2.0, 0.0, 3.0], requires_grad=True):
//   torch.sign(x)              -> [0, -1, 0, 1]  (torch.sign(nan) is 0: pytorch#41245)
//   torch.abs(x)               -> [nan, 2, 0, 3]; its gradient sign(x) -> [0, -1, 0, 1]
//   torch.maximum(x, 0), torch.maximum(0, x) -> [nan, 0, 0, 3] (NaN in either argument)
//   torch.minimum(x, 1)        -> [nan, -2, 0, 1]
//   torch.clamp(x, -1, 1)      -> [nan, -1, 0, 1]
//   torch.relu(x)              -> [nan, 0, 0, 3]
//   torch.where(x > 0, 1., 2.) -> [2, 2, 2, 1]  (a comparison with NaN is false)
void TestNanHandling::functions_data() {
  QTest::addColumn<QString>("source");
  QTest::addColumn<Tensor>("expected");
  QTest::addColumn<Tensor>("gradient");  // empty: not compared
  const Tensor none;
  QTest::newRow("sign") << "sign(y_pred)" << tensor({{0, -1, 0, 1}}) << tensor({{0, 0, 0, 0}});
  QTest::newRow("abs") << "abs(y_pred)" << tensor({{kNan, 2, 0, 3}}) << tensor({{0, -1, 0, 1}});
  QTest::newRow("max(x, 0)") << "max(y_pred, 0)" << tensor({{kNan, 0, 0, 3}}) << none;
  QTest::newRow("max(0, x)") << "max(0, y_pred)" << tensor({{kNan, 0, 0, 3}}) << none;
  QTest::newRow("min(x, 1)") << "min(y_pred, 1)" << tensor({{kNan, -2, 0, 1}}) << none;
  QTest::newRow("clip(x, -1, 1)") << "clip(y_pred, -1, 1)" << tensor({{kNan, -1, 0, 1}}) << none;
  QTest::newRow("relu") << "relu(y_pred)" << tensor({{kNan, 0, 0, 3}}) << none;
  QTest::newRow("where(x > 0, 1, 2)")
      << "where(y_pred > 0, 1, 2)" << tensor({{2, 2, 2, 1}}) << tensor({{0, 0, 0, 0}});
}

void TestNanHandling::functions() {
  QFETCH(QString, source);
  QFETCH(Tensor, expected);
  QFETCH(Tensor, gradient);
  const Tensor x = tensor({{kNan, -2.0, 0.0, 3.0}}).transpose();
  const Evaluation e = formulaAt(source.toStdString(), x);
  for (Eigen::Index k = 0; k < expected.size(); ++k) {
    QVERIFY2(same(e.unreduced.data()[k], expected.data()[k]),
             qPrintable(describe("value", k, e.unreduced.data()[k], expected.data()[k])));
    if (gradient.size() > 0) {
      QVERIFY2(same(e.grad.data()[k], gradient.data()[k]),
               qPrintable(describe("gradient", k, e.grad.data()[k], gradient.data()[k])));
    }
  }
  // Folded constants take the same path: sign(sqrt(-1)) is a number, not NaN. (0/0 is refused
  // by the parser: a constant zero denominator is an error.)
  if (source == "sign(y_pred)") {
    const Evaluation folded = formulaAt("sign(sqrt(-1)) + y_pred", tensor({{1.0}}));
    QCOMPARE(folded.unreduced(0, 0), 1.0);
  }
}

void TestNanHandling::formulaEquivalentsAgreeOnNaN_data() {
  QTest::addColumn<int>("index");
  const auto cases = test::registryCases();
  for (std::size_t k = 0; k < cases.size(); ++k) {
    QTest::newRow(cases[k].name.c_str()) << static_cast<int>(k);
  }
}

void TestNanHandling::formulaEquivalentsAgreeOnNaN() {
  QFETCH(int, index);
  const test::RegistryCase c = test::registryCases()[static_cast<std::size_t>(index)];
  const LossPtr loss = LossRegistry::instance().create(c.entry->info.id, c.params);
  const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(*loss);
  if (!equivalent) {
    QSKIP("no formula equivalent for these parameters");
  }
  const auto formula = FormulaLoss::create(equivalent->source, {}, "custom", equivalent->inputs);
  std::mt19937 rng(kSeed);
  const SampleShape shape{4, equivalent->columns > 0 ? equivalent->columns : 3, false};
  for (const bool inTarget : {false, true}) {
    EvalRequest request = sampleRequest(loss->info(), c.params, rng, shape);
    if (inTarget && !request.yTrue) {
      continue;
    }
    (inTarget ? request.yTrue->values : request.yPred.values)(1, 0) = kNan;
    Evaluation kernel;  // the default reductions: ∂value/∂ŷ is the same for both
    try {
      kernel = evaluate(*loss, request);
    } catch (const Error& e) {
      QCOMPARE(e.kind(), Error::Kind::Data);  // refused as outside the domain: fine
      continue;
    }
    const Evaluation actual = evaluate(*formula, request);
    const char* where = inTarget ? "NaN in y_true" : "NaN in y_pred";
    QVERIFY2(same(actual.value, kernel.value),
             qPrintable(QString("%1: value: formula %2, kernel %3")
                            .arg(where)
                            .arg(actual.value, 0, 'g', 17)
                            .arg(kernel.value, 0, 'g', 17)));
    QCOMPARE(actual.perSample.size(), kernel.perSample.size());
    for (Eigen::Index i = 0; i < kernel.perSample.size(); ++i) {
      QVERIFY2(same(actual.perSample(i), kernel.perSample(i)),
               qPrintable(describe(where, i, actual.perSample(i), kernel.perSample(i))));
    }
    if (kernel.perSample.size() != kernel.grad.rows()) {
      continue;  // one value for the whole batch: every gradient entry depends on the NaN
    }
    QCOMPARE(actual.grad.rows(), kernel.grad.rows());
    QCOMPARE(actual.grad.cols(), kernel.grad.cols());
    for (Eigen::Index i = 0; i < kernel.grad.rows(); ++i) {
      for (Eigen::Index j = 0; i != 1 && j < kernel.grad.cols(); ++j) {  // row 1 has the NaN
        QVERIFY2(std::isfinite(kernel.grad(i, j)) && same(actual.grad(i, j), kernel.grad(i, j)),
                 qPrintable(describe(where, i * kernel.grad.cols() + j, actual.grad(i, j),
                                     kernel.grad(i, j))));
      }
    }
  }
}

// torch 1.13: x = torch.tensor([nan, 1.0], requires_grad=True)
//   F.l1_loss(x, torch.zeros(2), reduction='sum').backward() -> value nan, x.grad [0, 1]
// The built-in (signum) and the formula abs(r) (gradient sign(r)) both give that.
void TestNanHandling::builtInL1GradientAtNaN() {
  const LossPtr loss = LossRegistry::instance().create("torch_l1");
  EvalRequest request;
  request.yTrue = RankedTensor{tensor({{0.0, 0.0}}), 2};
  request.yPred = RankedTensor{tensor({{kNan, 1.0}}), 2};
  request.reduction = Reduction::Sum;
  const Evaluation e = evaluate(*loss, request);
  QVERIFY(std::isnan(e.value));
  QCOMPARE(e.grad(0, 0), 0.0);
  QCOMPARE(e.grad(0, 1), 1.0);
  const Evaluation f = formulaAt("abs(y_pred - y_true)", tensor({{kNan}, {1.0}}));
  QCOMPARE(f.grad(0, 0), 0.0);
  QCOMPARE(f.grad(1, 0), 1.0);
}

QTEST_MAIN(TestNanHandling)
#include "tst_nan_handling.moc"
