// SPDX-License-Identifier: GPL-3.0-or-later
// The MLP: full-parameter gradient check against central differences for every activation
// (tiny-dnn's gradient_check), a 2-2-1 network computed by hand (micrograd's reference idea), the
// flat parameter layout and the initialisers.
#include <QTest>
#include <cmath>
#include <limits>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/training/mlp.h"
#include "core/training/random.h"
#include "tests/test_utils.h"

using namespace losslab;

Q_DECLARE_METATYPE(losslab::Activation)
Q_DECLARE_METATYPE(losslab::Init)
Q_DECLARE_METATYPE(std::vector<Eigen::Index>)

namespace {

/// L(θ) = loss(f(X; θ), Y) with the loss's default reduction. Samples are columns of the
/// network's (outputs × B) result, whose memory is the loss's row-major (B × outputs) y_pred.
double lossOf(Mlp& net,
              const Loss& loss,
              const Eigen::MatrixXd& x,
              const Tensor& y,
              Tensor* gradOut = nullptr) {
  const Eigen::MatrixXd out = net.forward(x);
  const Tensor pred = Eigen::Map<const Tensor>(out.data(), x.cols(), net.outputCount());
  LossInputs in;
  in.yPred = &pred;
  in.yTrue = &y;
  Tensor grad;
  const double value = loss.valueAndGradient(in, defaultReduction(loss.info()), grad);
  if (gradOut) {
    *gradOut = grad;
  }
  return value;
}

}  // namespace

class TestMlp : public QObject {
  Q_OBJECT

 private slots:
  void gradientMatchesCentralDifferences_data();
  void gradientMatchesCentralDifferences();
  void handComputedTwoTwoOne();
  void flatParameterLayout();
  void initialisers_data();
  void initialisers();
  void sameSeedSameWeights();
  void predictMatchesForwardInChunks();
  void matchesPlainEigenProducts_data();
  void matchesPlainEigenProducts();
  void rejectsWrongShapes();
};

void TestMlp::gradientMatchesCentralDifferences_data() {
  QTest::addColumn<Activation>("activation");
  QTest::addColumn<QString>("lossId");
  QTest::newRow("relu (hidden and output)") << Activation::Relu << "mean_squared_error";
  QTest::newRow("tanh") << Activation::Tanh << "mean_squared_error";
  QTest::newRow("sigmoid") << Activation::Sigmoid << "mean_squared_error";
  QTest::newRow("linear") << Activation::Linear << "mean_squared_error";
  QTest::newRow("tanh, log_cosh loss") << Activation::Tanh << "log_cosh";
}

void TestMlp::gradientMatchesCentralDifferences() {
  QFETCH(Activation, activation);
  QFETCH(QString, lossId);
  // 3 inputs → 4 → 3 → 2 outputs, 5 samples: every parameter (43 of them) is probed.
  MlpOptions options;
  options.inputs = 3;
  options.hidden = {4, 3};
  options.outputs = 2;
  options.hiddenActivation = activation;
  options.outputActivation = activation;
  options.init = Init::HeUniform;  // larger weights than Glorot: relu units see both signs
  options.seed = 11;
  options.maxBatch = 5;
  Mlp net(options);
  QCOMPARE(net.parameterCount(), Eigen::Index{3 * 4 + 4 + 4 * 3 + 3 + 3 * 2 + 2});
  // Non-zero biases, so the bias gradients are checked away from the initial point too.
  Rng rng(5);
  for (int l = 0; l < net.layerCount(); ++l) {
    for (Eigen::Index k = 0; k < net.bias(l).size(); ++k) {
      net.bias(l)(k) = uniform(rng, -0.3, 0.3);
    }
  }
  Eigen::MatrixXd x(3, 5);
  Tensor y(5, 2);
  for (Eigen::Index i = 0; i < 5; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) {
      x(j, i) = uniform(rng, -1.5, 1.5);
    }
    y(i, 0) = uniform(rng, -1, 1);
    y(i, 1) = uniform(rng, -1, 1);
  }
  const LossPtr loss = LossRegistry::instance().create(lossId.toStdString());

  // Analytic: ∂L/∂ŷ from the engine, then backward().
  Tensor dPred;
  lossOf(net, *loss, x, y, &dPred);
  net.zeroGrad();
  net.backward(Eigen::Map<const Eigen::MatrixXd>(dPred.data(), 2, 5));
  const Eigen::VectorXd analytic = net.gradient();

  // Numeric: central differences, h = ε^{1/3} max(1, |θ|) (see gradient_check.h).
  const double floor = 1e-6;
  double worst = 0;
  Eigen::Index worstAt = -1;
  Eigen::VectorXd& theta = net.parameters();
  for (Eigen::Index k = 0; k < theta.size(); ++k) {
    const double saved = theta(k);
    const double h =
        std::cbrt(std::numeric_limits<double>::epsilon()) * std::fmax(1, std::fabs(saved));
    theta(k) = saved + h;
    const double plus = lossOf(net, *loss, x, y);
    theta(k) = saved - h;
    const double minus = lossOf(net, *loss, x, y);
    theta(k) = saved;
    const double numeric = (plus - minus) / (2 * h);
    const double scale = std::fmax(std::fmax(std::fabs(analytic(k)), std::fabs(numeric)), floor);
    const double error = std::fabs(analytic(k) - numeric) / scale;
    if (error > worst) {
      worst = error;
      worstAt = k;
    }
  }
  QVERIFY2(worst <= test::kGradientTolerance,
           qPrintable(QStringLiteral("relative error %1 at parameter %2").arg(worst).arg(worstAt)));
  // The check must see real gradients, not a network of dead units.
  QVERIFY(analytic.cwiseAbs().maxCoeff() > 1e-3);
}

void TestMlp::handComputedTwoTwoOne() {
  // 2 inputs → 2 relu units → 1 linear output, two samples, Keras MSE (mean over the batch).
  //   W1 = [[0.5, 0.25], [−1, 0.5]], b1 = [0.1, −0.2], W2 = [[2, −3]], b2 = 0.5
  // Sample 1: x = (1, 2), y = 2
  //   z1 = (0.5 + 0.5 + 0.1, −1 + 1 − 0.2) = (1.1, −0.2) → a1 = (1.1, 0)
  //   ŷ = 2·1.1 − 3·0 + 0.5 = 2.7, r = 0.7
  // Sample 2: x = (−1, 1), y = 0
  //   z1 = (−0.5 + 0.25 + 0.1, 1 + 0.5 − 0.2) = (−0.15, 1.3) → a1 = (0, 1.3)
  //   ŷ = 0 − 3.9 + 0.5 = −3.4, r = −3.4
  // L = (0.7² + 3.4²) / 2 = (0.49 + 11.56) / 2 = 6.025;  ∂L/∂ŷ = r (2/B = 1) = (0.7, −3.4)
  // Output layer: ∂L/∂W2 = 0.7·(1.1, 0) − 3.4·(0, 1.3) = (0.77, −4.42), ∂L/∂b2 = 0.7 − 3.4 = −2.7
  // Hidden deltas Δ1 = W2ᵀ ∂L/∂ŷ ⊙ 1[z1 > 0]:
  //   sample 1: (2·0.7, −3·0.7) ⊙ (1, 0) = (1.4, 0);  sample 2: (−6.8, 10.2) ⊙ (0, 1) = (0, 10.2)
  // ∂L/∂W1 = Σ Δ1 xᵀ = [[1.4·1, 1.4·2], [0, 0]] + [[0, 0], [10.2·(−1), 10.2·1]]
  //        = [[1.4, 2.8], [−10.2, 10.2]],  ∂L/∂b1 = (1.4, 10.2)
  MlpOptions options;
  options.inputs = 2;
  options.hidden = {2};
  options.outputs = 1;
  options.maxBatch = 2;
  Mlp net(options);
  net.weights(0) << 0.5, 0.25, -1.0, 0.5;
  net.bias(0) << 0.1, -0.2;
  net.weights(1) << 2.0, -3.0;
  net.bias(1) << 0.5;
  Eigen::MatrixXd x(2, 2);
  x << 1.0, -1.0,  //
      2.0, 1.0;
  const Tensor y = test::tensor({{2.0}, {0.0}});
  const LossPtr mse = LossRegistry::instance().create("mean_squared_error");
  Tensor dPred;
  const double value = lossOf(net, *mse, x, y, &dPred);
  const Eigen::MatrixXd out = net.forward(x);
  LOSSLAB_VERIFY_NEAR(out(0, 0), 2.7, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(out(0, 1), -3.4, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(value, 6.025, test::kExactTolerance);
  net.zeroGrad();
  net.backward(Eigen::Map<const Eigen::MatrixXd>(dPred.data(), 1, 2));
  const Eigen::Map<Eigen::MatrixXd> gW1 = net.weightGradient(0);
  LOSSLAB_VERIFY_NEAR(gW1(0, 0), 1.4, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(gW1(0, 1), 2.8, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(gW1(1, 0), -10.2, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(gW1(1, 1), 10.2, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(net.biasGradient(0)(0), 1.4, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(net.biasGradient(0)(1), 10.2, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(net.weightGradient(1)(0, 0), 0.77, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(net.weightGradient(1)(0, 1), -4.42, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(net.biasGradient(1)(0), -2.7, test::kExactTolerance);

  // backward() accumulates: a second pass without zeroGrad() doubles the gradient.
  net.forward(x);
  net.backward(Eigen::Map<const Eigen::MatrixXd>(dPred.data(), 1, 2));
  LOSSLAB_VERIFY_NEAR(net.biasGradient(1)(0), -5.4, test::kExactTolerance);
  net.zeroGrad();
  QCOMPARE(net.gradient().cwiseAbs().maxCoeff(), 0.0);
}

void TestMlp::flatParameterLayout() {
  // Seed 003's network: 4·16 + 16 + 16·32 + 32 + 32·1 + 1 = 657 parameters.
  Mlp net;
  QCOMPARE(net.parameterCount(), Eigen::Index{657});
  QCOMPARE(net.gradient().size(), Eigen::Index{657});
  QCOMPARE(net.layerCount(), 3);
  // Layer 1 (16 × 4) starts at 0, its bias at 64; layer 2 (32 × 16) at 80, bias at 592;
  // layer 3 (1 × 32) at 624, bias at 656. W is column-major: W(r, c) at offset + r + c·rows.
  QCOMPARE(net.weights(0).data(), net.parameters().data());
  QCOMPARE(net.bias(0).data(), net.parameters().data() + 64);
  QCOMPARE(net.weights(1).data(), net.parameters().data() + 80);
  QCOMPARE(net.bias(1).data(), net.parameters().data() + 592);
  QCOMPARE(net.weights(2).data(), net.parameters().data() + 624);
  QCOMPARE(net.bias(2).data(), net.parameters().data() + 656);
  QCOMPARE(net.weightGradient(1).data(), net.gradient().data() + 80);
  net.parameters()(80 + 3 + 2 * 32) = 42.0;
  QCOMPARE(net.weights(1)(3, 2), 42.0);
  // A copy's views point into the copy's own vector.
  Mlp copy = net;
  copy.weights(1)(3, 2) = 7.0;
  QCOMPARE(net.weights(1)(3, 2), 42.0);
  QCOMPARE(copy.parameters()(80 + 3 + 2 * 32), 7.0);
}

void TestMlp::initialisers_data() {
  QTest::addColumn<Init>("init");
  QTest::addColumn<double>("bound");     // no weight of layer 2 (fan_in 16, fan_out 32) beyond
  QTest::addColumn<double>("variance");  // expected weight variance of layer 2
  // Glorot: l = √(6 / 48) = √0.125, variance l²/3 = 1/24.
  QTest::newRow("glorot_uniform") << Init::GlorotUniform << std::sqrt(0.125) << 1.0 / 24;
  // He uniform: l = √(6 / 16), variance l²/3 = 2/16.
  QTest::newRow("he_uniform") << Init::HeUniform << std::sqrt(6.0 / 16) << 2.0 / 16;
  // He normal (truncated at 2σ′, σ′ = √(2/16)/0.8796…): variance 2/16, bound 2σ′.
  QTest::newRow("he_normal") << Init::HeNormal << 2 * std::sqrt(2.0 / 16) / 0.87962566103423978
                             << 2.0 / 16;
}

void TestMlp::initialisers() {
  QFETCH(Init, init);
  QFETCH(double, bound);
  QFETCH(double, variance);
  MlpOptions options;
  options.init = init;
  const Mlp net(options);
  const Eigen::Map<const Eigen::MatrixXd> w = net.weights(1);
  QVERIFY(w.cwiseAbs().maxCoeff() <= bound);
  // 512 draws: the sample variance is within ±20 % of the target with overwhelming probability
  // (its relative standard error is about 6 % for uniform and normal draws).
  const double mean = w.mean();
  const double sampleVariance =
      (w.array() - mean).square().sum() / static_cast<double>(w.size() - 1);
  QVERIFY2(
      std::fabs(sampleVariance / variance - 1) < 0.2,
      qPrintable(QStringLiteral("variance %1, expected %2").arg(sampleVariance).arg(variance)));
  for (int l = 0; l < net.layerCount(); ++l) {
    QCOMPARE(net.bias(l).cwiseAbs().maxCoeff(), 0.0);
  }
}

void TestMlp::sameSeedSameWeights() {
  MlpOptions options;
  options.seed = 1234;
  const Mlp a(options);
  const Mlp b(options);
  QVERIFY(a.parameters() == b.parameters());
  options.seed = 1235;
  const Mlp c(options);
  QVERIFY(a.parameters() != c.parameters());
  Mlp d(options);
  d.initialize(1234);
  QVERIFY(a.parameters() == d.parameters());
}

void TestMlp::predictMatchesForwardInChunks() {
  MlpOptions options;
  options.hiddenActivation = Activation::Tanh;
  options.maxBatch = 7;  // 20 samples → chunks of 7, 7, 6
  Mlp net(options);
  Rng rng(9);
  Eigen::MatrixXd x(4, 20);
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    x.data()[k] = uniform01(rng);
  }
  Eigen::MatrixXd all(1, 20);
  net.predict(x, all);
  for (Eigen::Index i = 0; i < 20; ++i) {
    const Eigen::MatrixXd one = net.forward(x.col(i));
    QCOMPARE(all(0, i), one(0, 0));
  }
}

void TestMlp::matchesPlainEigenProducts_data() {
  QTest::addColumn<int>("inputs");
  QTest::addColumn<std::vector<Eigen::Index>>("hidden");
  QTest::addColumn<int>("outputs");
  QTest::addColumn<int>("batch");
  // The layer products run on a blocked kernel (blocks of 2 packets × 4 columns) with remainder
  // rows and columns and a fallback for big products: cover all of these shapes.
  QTest::newRow("seed 4-16-32-1, batch 32") << 4 << std::vector<Eigen::Index>{16, 32} << 1 << 32;
  QTest::newRow("odd widths 5-7-9-3, batch 13") << 5 << std::vector<Eigen::Index>{7, 9} << 3 << 13;
  QTest::newRow("single sample, width 1") << 1 << std::vector<Eigen::Index>{1, 6} << 2 << 1;
  QTest::newRow("wide 40-500-2 (packed-GEMM fallback), batch 10")
      << 40 << std::vector<Eigen::Index>{500} << 2 << 10;
}

void TestMlp::matchesPlainEigenProducts() {
  // Reference: the layer formulas of mlp.h written with plain Eigen expressions.
  QFETCH(int, inputs);
  QFETCH(std::vector<Eigen::Index>, hidden);
  QFETCH(int, outputs);
  QFETCH(int, batch);
  MlpOptions options;
  options.inputs = inputs;
  options.hidden = hidden;
  options.outputs = outputs;
  options.hiddenActivation = Activation::Tanh;
  options.outputActivation = Activation::Sigmoid;
  options.maxBatch = batch;
  Mlp net(options);
  Rng rng(17);
  for (Eigen::Index k = 0; k < net.parameterCount(); ++k) {
    net.parameters()(k) = uniform(rng, -0.5, 0.5);
  }
  Eigen::MatrixXd x(inputs, batch);
  Eigen::MatrixXd upstream(outputs, batch);
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    x.data()[k] = uniform(rng, -1, 1);
  }
  for (Eigen::Index k = 0; k < upstream.size(); ++k) {
    upstream.data()[k] = uniform(rng, -1, 1);
  }
  std::vector<Eigen::MatrixXd> a{x};
  for (int l = 0; l < net.layerCount(); ++l) {
    Eigen::MatrixXd z = net.weights(l) * a.back();
    z.colwise() += net.bias(l);
    const bool last = l + 1 == net.layerCount();
    a.push_back(last ? Eigen::MatrixXd((1 + (-z.array()).exp()).inverse())
                     : Eigen::MatrixXd(z.array().tanh()));
  }
  Eigen::VectorXd expected(net.parameterCount());
  Eigen::MatrixXd delta = upstream.array() * a.back().array() * (1 - a.back().array());
  std::vector<Eigen::MatrixXd> gw(static_cast<std::size_t>(net.layerCount()));
  std::vector<Eigen::VectorXd> gb(gw.size());
  for (int l = net.layerCount() - 1; l >= 0; --l) {
    const auto ul = static_cast<std::size_t>(l);
    gw[ul] = delta * a[ul].transpose();
    gb[ul] = delta.rowwise().sum();
    if (l > 0) {
      delta = (net.weights(l).transpose() * delta).array() * (1 - a[ul].array().square());
    }
  }
  const Eigen::MatrixXd out = net.forward(x);
  const double scale = 1e-13;  // different summation order only
  QVERIFY((out - a.back()).cwiseAbs().maxCoeff() <= scale);
  net.zeroGrad();
  net.backward(upstream);
  for (int l = 0; l < net.layerCount(); ++l) {
    const auto ul = static_cast<std::size_t>(l);
    QVERIFY2((net.weightGradient(l) - gw[ul]).cwiseAbs().maxCoeff() <= scale * (1 + batch),
             qPrintable(QStringLiteral("layer %1 weights").arg(l)));
    QVERIFY2((net.biasGradient(l) - gb[ul]).cwiseAbs().maxCoeff() <= scale * (1 + batch),
             qPrintable(QStringLiteral("layer %1 bias").arg(l)));
  }
}

void TestMlp::rejectsWrongShapes() {
  Mlp net;  // 4 inputs, maxBatch 32
  QVERIFY_THROWS_EXCEPTION(Error, net.forward(Eigen::MatrixXd::Zero(3, 2)));
  QVERIFY_THROWS_EXCEPTION(Error, net.forward(Eigen::MatrixXd::Zero(4, 33)));
  net.forward(Eigen::MatrixXd::Zero(4, 2));
  QVERIFY_THROWS_EXCEPTION(Error, net.backward(Eigen::MatrixXd::Zero(1, 3)));
  MlpOptions bad;
  bad.hidden = {16, 0};
  QVERIFY_THROWS_EXCEPTION(Error, Mlp{bad});
}

QTEST_MAIN(TestMlp)
#include "tst_mlp.moc"
