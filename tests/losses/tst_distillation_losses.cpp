// SPDX-License-Identifier: GPL-3.0-or-later
// Distillation losses: analytic gradients against central differences (T ∈ {1, 3, 10},
// α ∈ {0, 0.1, 1}, clipping active or not; iCaRL with s ∈ {1, 2}), values and gradients against
// PyTorch float64, the value at the origin, and the input checks.
#include <QTest>
#include <cmath>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

namespace {

EvalRequest kdRequest(const Tensor& labels, const Tensor& student, const Tensor& teacher) {
  EvalRequest r;
  r.yTrue = RankedTensor{labels, 2};
  r.yPred = RankedTensor{student, 2};
  r.extras["teacher_logits"] = RankedTensor{teacher, 2};
  return r;
}

EvalRequest icarlRequest(const Tensor& target, const Tensor& logits, const Tensor& old) {
  EvalRequest r;
  r.yTrue = RankedTensor{target, 2};
  r.yPred = RankedTensor{logits, 2};
  r.extras["old_outputs"] = RankedTensor{old, 2};
  return r;
}

// Inputs shared by the PyTorch reference rows (see the python in the comments below).
const Tensor kStudent = tensor({{1.5, -0.3, 0.2}, {0.1, 2.2, -1.7}});
const Tensor kTeacher = tensor({{0.4, 1.1, -0.8}, {2.5, -0.5, 0.3}});
const Tensor kLabels = tensor({{0.0}, {2.0}});
const Tensor kIcarlLogits = tensor({{0.7, -1.2, 2.0, -0.4}, {-2.5, 0.3, 1.1, 0.9}});
const Tensor kIcarlTarget = tensor({{0.0, 0.0, 1.0, 0.0}, {0.0, 0.0, 0.0, 1.0}});

void verifyError(const LossPtr& loss,
                 const EvalRequest& request,
                 Error::Kind kind,
                 const char* needle) {
  try {
    evaluate(*loss, request);
    QFAIL("expected an error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), kind);
    QVERIFY2(std::string(error.what()).find(needle) != std::string::npos, error.what());
  }
}

}  // namespace

class TestDistillationLosses : public QObject {
  Q_OBJECT

 private slots:
  void distillationGradient_data();
  void distillationGradient();
  void distillationMatchesPyTorch_data();
  void distillationMatchesPyTorch();
  void distillationAtOrigin();
  void distillationRejectsBadInputs();
  void icarlGradient_data();
  void icarlGradient();
  void icarlMatchesPyTorch_data();
  void icarlMatchesPyTorch();
  void icarlAtOrigin();
  void icarlRejectsBadInputs();
};

void TestDistillationLosses::distillationGradient_data() {
  QTest::addColumn<double>("temperature");
  QTest::addColumn<double>("alpha");
  QTest::addColumn<Tensor>("labels");
  QTest::addColumn<Tensor>("student");
  QTest::addColumn<Tensor>("teacher");
  QTest::addColumn<double>("floor");  // checkGradient's absolute floor

  const Tensor labels = tensor({{0.0}, {2.0}, {1.0}});
  const Tensor student =
      tensor({{1.5, -0.3, 0.2, 0.9}, {0.1, 2.2, -1.7, -0.6}, {-1.0, 0.4, 3.1, 0.0}});
  const Tensor teacher =
      tensor({{0.4, 1.1, -0.8, 2.0}, {2.5, -0.5, 0.3, 0.0}, {0.0, 1.6, 1.2, -2.2}});
  for (double t : {1.0, 3.0, 10.0}) {
    for (double a : {0.0, 0.1, 1.0}) {
      QTest::addRow("T=%g α=%g", t, a) << t << a << labels << student << teacher << 1e-6;
    }
  }
  // T = 1: softmax(s)_3 ≈ 3.8e-11 and the teacher's ≈ 1.5e-8 are below ε = 1e-7, so both clips
  // are active there: the clipped log passes no gradient, so ∂ℓ/∂s_3 is only the ~4e-11 that
  // flows through the normaliser. A central difference of an O(1e-4) value cannot resolve that
  // below ~1e-12 (rounding ε·ℓ/h), so these rows compare derivatives under 1e-4 absolutely
  // (floor 1e-4: to 1e-10). Passing the gradient through the clip would add (1 − α)·T·ε = 1e-7
  // there, which this still catches.
  for (double a : {0.0, 0.1}) {
    QTest::addRow("T=1 α=%g student and teacher clipped", a)
        << 1.0 << a << tensor({{0.0}}) << tensor({{12.0, 0.0, -12.0}}) << tensor({{9.0, 0.0, -9.0}})
        << 1e-4;
  }
}

void TestDistillationLosses::distillationGradient() {
  QFETCH(double, temperature);
  QFETCH(double, alpha);
  QFETCH(Tensor, labels);
  QFETCH(Tensor, student);
  QFETCH(Tensor, teacher);
  QFETCH(double, floor);
  const LossPtr loss = LossRegistry::instance().create(
      "knowledge_distillation", {{"temperature", temperature}, {"alpha", alpha}});
  for (Reduction reduction : {Reduction::SumOverBatchSize, Reduction::Sum}) {
    EvalRequest request = kdRequest(labels, student, teacher);
    request.reduction = reduction;
    const GradientReport report = checkGradient(*loss, request, floor);
    QVERIFY(report.checked > 0);
    QVERIFY2(report.maxError <= test::kGradientTolerance,
             qPrintable(QStringLiteral("relative error %1 at %2")
                            .arg(report.maxError)
                            .arg(QString::fromStdString(report.worst))));
    QVERIFY(evaluate(*loss, request).extraGrads.empty());  // the teacher is a constant
  }
}

void TestDistillationLosses::distillationMatchesPyTorch_data() {
  QTest::addColumn<double>("temperature");
  QTest::addColumn<double>("alpha");
  QTest::addColumn<Tensor>("labels");
  QTest::addColumn<Tensor>("student");
  QTest::addColumn<Tensor>("teacher");
  QTest::addColumn<double>("value");
  QTest::addColumn<Tensor>("grad");

  // /usr/bin/python3 (torch 1.13), float64; mean over the batch (sum_over_batch_size):
  //   import torch, torch.nn.functional as F
  //   torch.set_default_dtype(torch.float64)
  //   s = torch.tensor([[1.5, -0.3, 0.2], [0.1, 2.2, -1.7]], requires_grad=True)
  //   t = torch.tensor([[0.4, 1.1, -0.8], [2.5, -0.5, 0.3]])
  //   y = torch.tensor([0, 2])
  //   for T, a in ((3.0, 0.1), (1.0, 0.5), (10.0, 0.0)):
  //       s.grad = None
  //       hard = F.cross_entropy(s, y, reduction="none")
  //       pt = torch.softmax(t / T, -1).clamp(1e-7, 1); qs = torch.softmax(s / T, -1).clamp(1e-7,
  //       1) soft = (pt * torch.log(pt / qs)).sum(-1) * T * T L = (a * hard + (1 - a) *
  //       soft).mean(); L.backward() print(T, a, repr(L.item()), [repr(v) for v in
  //       s.grad.flatten().tolist()])
  QTest::newRow("T=3 α=0.1 (keras-io defaults)")
      << 3.0 << 0.1 << kLabels << kStudent << kTeacher << 1.6807959411596614
      << tensor({{0.13894489917456676, -0.2382629746782655, 0.09931807550369864},
                 {-0.3461477211779395, 0.5381323516624026, -0.19198463048446285}});
  QTest::newRow("T=1 α=0.5")
      << 1.0 << 0.5 << kLabels << kStudent << kTeacher << 1.7291235936320857
      << tensor({{0.022330102869612678, -0.09438710943849987, 0.07205700656888726},
                 {-0.16182550574861476, 0.4268362854577291, -0.26501077970911435}});
  QTest::newRow("T=10 α=0")
      << 10.0 << 0.0 << kLabels << kStudent << kTeacher << 1.6738035193895584
      << tensor({{0.15321457657506798, -0.27284161368936005, 0.11962703711429198},
                 {-0.336698497168758, 0.5535460261598029, -0.21684752899104515}});
  // Both clips active (same python with the inputs below, T = 1, α = 0.1, label 1):
  //   s = [[12.0, 0.0, -12.0]], t = [[0.0, 9.0, -9.0]]
  QTest::newRow("T=1 α=0.1 clipped")
      << 1.0 << 0.1 << tensor({{1.0}}) << tensor({{12.0, 0.0, -12.0}}) << tensor({{0.0, 9.0, -9.0}})
      << 11.997562746642686
      << tensor({{0.9998827869657441, -0.9998827870034955, 3.775111297311799e-11}});
}

void TestDistillationLosses::distillationMatchesPyTorch() {
  QFETCH(double, temperature);
  QFETCH(double, alpha);
  QFETCH(Tensor, labels);
  QFETCH(Tensor, student);
  QFETCH(Tensor, teacher);
  QFETCH(double, value);
  QFETCH(Tensor, grad);
  const LossPtr loss = LossRegistry::instance().create(
      "knowledge_distillation", {{"temperature", temperature}, {"alpha", alpha}});
  const Evaluation e = evaluate(*loss, kdRequest(labels, student, teacher));
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kFloat64Tolerance);
  for (Eigen::Index i = 0; i < grad.rows(); ++i) {
    for (Eigen::Index j = 0; j < grad.cols(); ++j) {
      LOSSLAB_VERIFY_NEAR(e.grad(i, j), grad(i, j), test::kFloat64Tolerance);
    }
  }
}

void TestDistillationLosses::distillationAtOrigin() {
  // s = t = 0, K = 4: q^S = q^T = 1/4, KL = 0, CE = log 4; ∂ℓ/∂s = α(1/4 − onehot) (hand).
  const double alpha = 0.3;
  const LossPtr loss =
      LossRegistry::instance().create("knowledge_distillation", {{"alpha", alpha}});
  const Tensor zero = Tensor::Zero(1, 4);
  const Evaluation e = evaluate(*loss, kdRequest(tensor({{2.0}}), zero, zero));
  LOSSLAB_VERIFY_NEAR(e.value, alpha * std::log(4.0), test::kExactTolerance);
  for (Eigen::Index j = 0; j < 4; ++j) {
    LOSSLAB_VERIFY_NEAR(e.grad(0, j), alpha * (0.25 - (j == 2 ? 1.0 : 0.0)), test::kExactTolerance);
  }
  QCOMPARE(e.d2.size(), Eigen::Index{0});  // softmax couples the logits: no diagonal d2
}

void TestDistillationLosses::distillationRejectsBadInputs() {
  const LossPtr loss = LossRegistry::instance().create("knowledge_distillation");
  verifyError(loss, kdRequest(tensor({{0.0}, {3.0}}), kStudent, kTeacher), Error::Kind::Data,
              "row 2");
  verifyError(loss, kdRequest(tensor({{0.5}, {1.0}}), kStudent, kTeacher), Error::Kind::Data,
              "row 1");
  verifyError(loss, kdRequest(kLabels, kStudent, kTeacher.leftCols(2)), Error::Kind::Usage,
              "teacher_logits");
  EvalRequest noTeacher = kdRequest(kLabels, kStudent, kTeacher);
  noTeacher.extras.clear();
  verifyError(loss, noTeacher, Error::Kind::Usage, "teacher_logits");
}

void TestDistillationLosses::icarlGradient_data() {
  QTest::addColumn<double>("oldClasses");
  QTest::addColumn<Tensor>("old");

  QTest::newRow("s=1") << 1.0 << tensor({{0.8}, {0.15}});
  QTest::newRow("s=2") << 2.0 << tensor({{0.8, 0.3}, {0.15, 0.6}});
  QTest::newRow("s=4 (all old)") << 4.0 << tensor({{0.8, 0.3, 0.5, 0.1}, {0.15, 0.6, 0.9, 0.4}});
}

void TestDistillationLosses::icarlGradient() {
  QFETCH(double, oldClasses);
  QFETCH(Tensor, old);
  const LossPtr loss = LossRegistry::instance().create("icarl_bce", {{"old_classes", oldClasses}});
  for (Reduction reduction : {Reduction::SumOverBatchSize, Reduction::Sum}) {
    EvalRequest request = icarlRequest(kIcarlTarget, kIcarlLogits, old);
    request.reduction = reduction;
    QCOMPARE(evaluate(*loss, request).d2.size(), kIcarlLogits.size());  // d2 is checked too
    LOSSLAB_VERIFY_GRADIENT(*loss, request);
  }
}

void TestDistillationLosses::icarlMatchesPyTorch_data() {
  QTest::addColumn<double>("oldClasses");
  QTest::addColumn<Tensor>("old");
  QTest::addColumn<double>("value");
  QTest::addColumn<Tensor>("grad");

  // /usr/bin/python3 (torch 1.13), float64; mean BCE over classes, then over the batch:
  //   import torch, torch.nn.functional as F
  //   torch.set_default_dtype(torch.float64)
  //   z = torch.tensor([[0.7, -1.2, 2.0, -0.4], [-2.5, 0.3, 1.1, 0.9]], requires_grad=True)
  //   yt = torch.tensor([[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]])
  //   for sOld, old in ((1, torch.tensor([[0.8], [0.15]])),
  //                     (2, torch.tensor([[0.8, 0.3], [0.15, 0.6]]))):
  //       z.grad = None
  //       tau = torch.cat([old, yt[:, sOld:]], 1)
  //       L = F.binary_cross_entropy_with_logits(z, tau, reduction="none").mean(-1).mean()
  //       L.backward()
  //       print(sOld, repr(L.item()), [repr(v) for v in z.grad.flatten().tolist()])
  QTest::newRow("s=1") << 1.0 << tensor({{0.8}, {0.15}}) << 0.5603932447843762
                       << tensor({{-0.016476528478979235, 0.028934402062622797,
                                   -0.01490036525276471, 0.0501640424859435},
                                  {-0.009267727497344556, 0.07180531460145738, 0.09378251319938971,
                                   -0.03613131217187451}});
  QTest::newRow("s=2") << 2.0 << tensor({{0.8, 0.3}, {0.15, 0.6}}) << 0.5828932447843762
                       << tensor({{-0.016476528478979235, -0.008565597937377201,
                                   -0.01490036525276471, 0.0501640424859435},
                                  {-0.009267727497344556, -0.0031946853985426182,
                                   0.09378251319938971, -0.03613131217187451}});
}

void TestDistillationLosses::icarlMatchesPyTorch() {
  QFETCH(double, oldClasses);
  QFETCH(Tensor, old);
  QFETCH(double, value);
  QFETCH(Tensor, grad);
  const LossPtr loss = LossRegistry::instance().create("icarl_bce", {{"old_classes", oldClasses}});
  const Evaluation e = evaluate(*loss, icarlRequest(kIcarlTarget, kIcarlLogits, old));
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kFloat64Tolerance);
  for (Eigen::Index i = 0; i < grad.rows(); ++i) {
    for (Eigen::Index j = 0; j < grad.cols(); ++j) {
      LOSSLAB_VERIFY_NEAR(e.grad(i, j), grad(i, j), test::kFloat64Tolerance);
    }
  }
}

void TestDistillationLosses::icarlAtOrigin() {
  // z = 0, every target ½: BCE = log 2 per column, ∂/∂z = (½ − ½)/C = 0, ∂² = ¼/C (hand).
  const LossPtr loss = LossRegistry::instance().create("icarl_bce", {{"old_classes", 2.0}});
  const Evaluation e = evaluate(
      *loss, icarlRequest(tensor({{0.0, 0.0, 0.5}}), Tensor::Zero(1, 3), tensor({{0.5, 0.5}})));
  LOSSLAB_VERIFY_NEAR(e.value, std::log(2.0), test::kExactTolerance);
  for (Eigen::Index j = 0; j < 3; ++j) {
    LOSSLAB_VERIFY_NEAR(e.grad(0, j), 0.0, test::kExactTolerance);
    LOSSLAB_VERIFY_NEAR(e.d2(0, j), 0.25 / 3, test::kExactTolerance);
  }
}

void TestDistillationLosses::icarlRejectsBadInputs() {
  const LossPtr one = LossRegistry::instance().create("icarl_bce");
  verifyError(one, icarlRequest(kIcarlTarget, kIcarlLogits, tensor({{0.8, 0.1}, {0.1, 0.2}})),
              Error::Kind::Usage, "old_outputs must have shape (2, 1)");
  verifyError(one, icarlRequest(kIcarlTarget, kIcarlLogits, tensor({{0.8}, {1.2}})),
              Error::Kind::Data, "row 2, column 1");
  const LossPtr five = LossRegistry::instance().create("icarl_bce", {{"old_classes", 5.0}});
  verifyError(five, icarlRequest(kIcarlTarget, kIcarlLogits, Tensor::Constant(2, 5, 0.5)),
              Error::Kind::Usage, "only 4 classes");
}

QTEST_MAIN(TestDistillationLosses)
#include "tst_distillation_losses.moc"
