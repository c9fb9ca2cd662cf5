// SPDX-License-Identifier: GPL-3.0-or-later
// Regression losses: analytic derivatives against central differences on every branch, and
// the documented value/derivatives at the origin (the "At r = 0" line of each doc comment).
#include <QTest>
#include <limits>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

class TestRegressionLosses : public QObject {
  Q_OBJECT

 private slots:
  void gradientMatchesCentralDifferences_data();
  void gradientMatchesCentralDifferences();
  void valueAtOrigin_data();
  void valueAtOrigin();
  void tweedieRejectsOutOfDomainData();
  void smoothL1WithZeroBetaHasTorchKinkGradient();
};

void TestRegressionLosses::gradientMatchesCentralDifferences_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");

  // Probe points (Ceres' 0.357 / 1.792 spirit): both sides of every threshold, never on one.
  const Tensor y = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -0.4}});
  const Tensor p = tensor({{0.657, -2.992, 2.1}, {-0.3, 0.45, 3.1}});  // r = .357 −1.792 .1 …
  const Tensor positiveY = tensor({{0.3, 1.2, 2.0}, {1.5, 0.1, 0.4}});
  const Tensor positiveP = tensor({{0.657, 2.992, 1.1}, {0.3, 0.45, 3.1}});

  QTest::newRow("mse") << "mean_squared_error" << ParamValues{} << y << p;
  QTest::newRow("mae (both signs of r)") << "mean_absolute_error" << ParamValues{} << y << p;
  QTest::newRow("mape") << "mean_absolute_percentage_error" << ParamValues{} << y << p;
  QTest::newRow("mape y=0 (ε denominator)")
      << "mean_absolute_percentage_error" << ParamValues{} << tensor({{0.0}}) << tensor({{0.3}});
  QTest::newRow("msle positive") << "mean_squared_logarithmic_error" << ParamValues{} << positiveY
                                 << positiveP;
  QTest::newRow("msle ŷ < ε (clipped, zero gradient)")
      << "mean_squared_logarithmic_error" << ParamValues{} << positiveY << p;
  QTest::newRow("log_cosh") << "log_cosh" << ParamValues{} << y << p;
  QTest::newRow("log_cosh large |r| (overflow-safe)")
      << "log_cosh" << ParamValues{} << tensor({{0.0, 0.0}}) << tensor({{400.0, -400.0}});
  QTest::newRow("huber δ=1 (both regions)") << "huber" << ParamValues{} << y << p;
  QTest::newRow("huber δ=0.7 r=±0.69/±0.71")
      << "huber" << ParamValues{{"delta", 0.7}} << tensor({{0.0, 0.0, 0.0, 0.0}})
      << tensor({{0.69, 0.71, -0.69, -0.71}});
  QTest::newRow("smooth_l1 β=1") << "smooth_l1" << ParamValues{} << y << p;
  QTest::newRow("smooth_l1 β=0.5 both sides")
      << "smooth_l1" << ParamValues{{"beta", 0.5}} << tensor({{0.0, 0.0, 0.0}})
      << tensor({{0.49, 0.51, -0.51}});
  QTest::newRow("smooth_l1 β=0 (L1)") << "smooth_l1" << ParamValues{{"beta", 0.0}} << y << p;
  QTest::newRow("torch_mse") << "torch_mse" << ParamValues{} << y << p;
  QTest::newRow("torch_l1") << "torch_l1" << ParamValues{} << y << p;
  QTest::newRow("torch_huber δ=2 both regions")
      << "torch_huber" << ParamValues{{"delta", 2.0}} << y << p;
  QTest::newRow("cosine_similarity") << "cosine_similarity" << ParamValues{} << y << p;
  // ε = 0.01 keeps the probe step (~6e-6) inside the S < ε² region.
  QTest::newRow("cosine_similarity tiny ŷ (S < ε² branch)")
      << "cosine_similarity" << ParamValues{{"epsilon", 0.01}} << tensor({{1.0, 2.0}})
      << tensor({{2e-3, -3e-3}});
  QTest::newRow("temperature_mse T=0.6")
      << "temperature_mse" << ParamValues{{"temperature", 0.6}} << y << p;
  QTest::newRow("rmse_batch") << "rmse_batch" << ParamValues{} << y << p;
  QTest::newRow("rmse_per_sample") << "rmse_per_sample" << ParamValues{} << y << p;
  for (double power : {-1.5, 0.0, 1.0, 1.5, 2.0, 3.0}) {
    QTest::addRow("tweedie p=%g", power)
        << "tweedie_deviance" << ParamValues{{"power", power}} << positiveY << positiveP;
  }
}

void TestRegressionLosses::gradientMatchesCentralDifferences() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  for (Reduction reduction : {defaultReduction(loss->info()), Reduction::Sum}) {
    EvalRequest request;
    request.yTrue = RankedTensor{yTrue, 2};
    request.yPred = RankedTensor{yPred, 2};
    request.reduction = reduction;
    LOSSLAB_VERIFY_GRADIENT(*loss, request);
  }
}

void TestRegressionLosses::valueAtOrigin_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<double>("target");
  QTest::addColumn<double>("value");
  QTest::addColumn<double>("d1");
  QTest::addColumn<double>("d2");

  // The "At r = 0" triples of the doc comments, derived by hand from the formulas.
  QTest::newRow("mse") << "mean_squared_error" << ParamValues{} << 0.4 << 0.0 << 0.0 << 2.0;
  QTest::newRow("mae (sign(0) = 0)")
      << "mean_absolute_error" << ParamValues{} << 0.4 << 0.0 << 0.0 << 0.0;
  QTest::newRow("mape") << "mean_absolute_percentage_error" << ParamValues{} << 2.0 << 0.0 << 0.0
                        << 0.0;
  QTest::newRow("msle at ŷ=y=1") << "mean_squared_logarithmic_error" << ParamValues{} << 1.0 << 0.0
                                 << 0.0 << 0.5;
  QTest::newRow("log_cosh") << "log_cosh" << ParamValues{} << 0.4 << 0.0 << 0.0 << 1.0;
  QTest::newRow("huber") << "huber" << ParamValues{{"delta", 0.3}} << 0.4 << 0.0 << 0.0 << 1.0;
  QTest::newRow("smooth_l1 β=0.5")
      << "smooth_l1" << ParamValues{{"beta", 0.5}} << 0.4 << 0.0 << 0.0 << 2.0;
  QTest::newRow("smooth_l1 β=0 (torch: −1 at 0)")
      << "smooth_l1" << ParamValues{{"beta", 0.0}} << 0.4 << 0.0 << -1.0 << 0.0;
  QTest::newRow("torch_mse") << "torch_mse" << ParamValues{} << 0.4 << 0.0 << 0.0 << 2.0;
  QTest::newRow("torch_l1") << "torch_l1" << ParamValues{} << 0.4 << 0.0 << 0.0 << 0.0;
  QTest::newRow("torch_huber") << "torch_huber" << ParamValues{} << 0.4 << 0.0 << 0.0 << 1.0;
  QTest::newRow("temperature_mse T=0.6")
      << "temperature_mse" << ParamValues{{"temperature", 0.6}} << 0.4 << 0.0 << 0.0 << 1.2;
  QTest::newRow("tweedie p=1.5 at μ=y=1")
      << "tweedie_deviance" << ParamValues{{"power", 1.5}} << 1.0 << 0.0 << 0.0 << 2.0;
}

void TestRegressionLosses::valueAtOrigin() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(double, target);
  QFETCH(double, value);
  QFETCH(double, d1);
  QFETCH(double, d2);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  EvalRequest request;
  request.yTrue = RankedTensor{tensor({{target}}), 2};
  request.yPred = RankedTensor{tensor({{target}}), 2};
  const Evaluation e = evaluate(*loss, request);
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(e.grad(0, 0), d1, test::kExactTolerance);
  QCOMPARE(e.d2.size(), Eigen::Index{1});
  LOSSLAB_VERIFY_NEAR(e.d2(0, 0), d2, test::kExactTolerance);
}

void TestRegressionLosses::tweedieRejectsOutOfDomainData() {
  const LossPtr loss = LossRegistry::instance().create("tweedie_deviance", {{"power", 2.0}});
  EvalRequest request;
  request.yTrue = RankedTensor{tensor({{1.0, 0.0}}), 2};  // p = 2 needs y_true > 0
  request.yPred = RankedTensor{tensor({{1.0, 1.0}}), 2};
  try {
    evaluate(*loss, request);
    QFAIL("expected a data error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Data);
    QVERIFY2(std::string(error.what()).find("column 2") != std::string::npos, error.what());
  }
}

void TestRegressionLosses::smoothL1WithZeroBetaHasTorchKinkGradient() {
  // torch.nn.functional.smooth_l1_loss(x, y, beta=0).backward() gives −1 at x = y while
  // l1_loss gives 0 (spec §2.8, run on torch 1.13): the two ids must not be merged.
  const LossPtr smooth = LossRegistry::instance().create("smooth_l1", {{"beta", 0.0}});
  const LossPtr l1 = LossRegistry::instance().create("torch_l1");
  EvalRequest request;
  request.yTrue = RankedTensor{tensor({{1.0}}), 2};
  request.yPred = RankedTensor{tensor({{1.0}}), 2};
  QCOMPARE(evaluate(*smooth, request).grad(0, 0), -1.0);
  QCOMPARE(evaluate(*l1, request).grad(0, 0), 0.0);
}

QTEST_MAIN(TestRegressionLosses)
#include "tst_regression_losses.moc"
