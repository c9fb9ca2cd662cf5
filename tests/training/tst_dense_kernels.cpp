// SPDX-License-Identifier: GPL-3.0-or-later
// The training kernels (dense_kernels.h) in every instruction set this processor has, against
// plain loops written here in the documented order: bit for bit, not to a tolerance. Then whole
// training runs, identical across instruction sets, and flush-to-zero.
#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "core/engine/loss_registry.h"
#include "core/engine/simd.h"
#include "core/training/dense_kernels.h"
#include "core/training/trainer.h"

using namespace losslab;
using simd::Isa;

namespace {

std::vector<double> randomValues(std::size_t count, std::mt19937_64& rng, double scale = 1.0) {
  std::normal_distribution<double> normal(0.0, scale);
  std::vector<double> values(count);
  for (double& v : values) {
    v = normal(rng);
  }
  return values;
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::vector<Isa> availableIsas() {
  std::vector<Isa> isas = {Isa::Baseline};
  if (simd::detectedIsa() >= Isa::Avx2) {
    isas.push_back(Isa::Avx2);
  }
  if (simd::detectedIsa() >= Isa::Avx512) {
    isas.push_back(Isa::Avx512);
  }
  return isas;
}

/// The documented 8-lane partial sum of x(c)·y(c) over c < n and its fixed tree.
double laneSum(const double* x, const double* y, std::ptrdiff_t n) {
  double lanes[8] = {};
  for (std::ptrdiff_t c = 0; c < n; ++c) {
    lanes[c % 8] = lanes[c % 8] + x[c] * (y ? y[c] : 1.0);
  }
  return ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) +
         ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
}

struct Shape {
  std::ptrdiff_t out, in, n;
};

}  // namespace

class TestDenseKernels : public QObject {
  Q_OBJECT

 private slots:
  void init() { simd::setIsa(simd::detectedIsa()); }
  void cleanupTestCase() { simd::setIsa(simd::detectedIsa()); }
  void kernelsMatchPlainLoopsBitForBit_data();
  void kernelsMatchPlainLoopsBitForBit();
  void adamMatchesKerasLines();
  void allFiniteFindsEveryNonFiniteValue();
  void trainingIsBitIdenticalInEveryIsa();
  void isaCanOnlyBeLowered();
  void flushToZeroFlushesAndRestores();
  void flushToZeroKeepsTrainingWithinTolerance();
};

void TestDenseKernels::kernelsMatchPlainLoopsBitForBit_data() {
  QTest::addColumn<int>("out");
  QTest::addColumn<int>("in");
  QTest::addColumn<int>("n");
  QTest::newRow("seed layer 16x4, batch 32") << 16 << 4 << 32;
  QTest::newRow("seed layer 32x16") << 32 << 16 << 32;
  QTest::newRow("output layer 1x32") << 1 << 32 << 32;
  QTest::newRow("odd 5x7, batch 24 (tails)") << 5 << 7 << 24;
  QTest::newRow("odd 13x9, batch 8") << 13 << 9 << 8;
  QTest::newRow("wide 3x40, batch 64") << 3 << 40 << 64;
  // AVX-512 gradient tiles: 8 x 2 and 8 x 1, then 4 x 2 and single rows; 1 x 8 for one unit.
  QTest::newRow("tiles 21x5, batch 40") << 21 << 5 << 40;
  QTest::newRow("one unit 1x13, batch 16") << 1 << 13 << 16;
}

void TestDenseKernels::kernelsMatchPlainLoopsBitForBit() {
  QFETCH(int, out);
  QFETCH(int, in);
  QFETCH(int, n);
  std::mt19937_64 rng(static_cast<std::uint64_t>(out * 1000 + in * 10 + n));
  const std::vector<double> w = randomValues(static_cast<std::size_t>(out * in), rng);
  const std::vector<double> bias = randomValues(static_cast<std::size_t>(out), rng);
  const std::vector<double> a = randomValues(static_cast<std::size_t>(in * n), rng);
  const std::vector<double> delta = randomValues(static_cast<std::size_t>(out * n), rng);
  const std::vector<double> gw0 = randomValues(static_cast<std::size_t>(out * in), rng);
  const std::vector<double> gb0 = randomValues(static_cast<std::size_t>(out), rng);

  // Plain loops in the documented order.
  std::vector<double> zRef(static_cast<std::size_t>(out * n));
  std::vector<double> reluRef(zRef.size());
  for (int i = 0; i < out; ++i) {
    for (int c = 0; c < n; ++c) {
      double z = bias[i];
      for (int p = 0; p < in; ++p) {
        z = z + w[i + p * out] * a[p * n + c];
      }
      zRef[i * n + c] = z;
      reluRef[i * n + c] = z <= 0 ? 0.0 : z;
    }
  }
  std::vector<double> dRef(static_cast<std::size_t>(in * n));
  for (int p = 0; p < in; ++p) {
    for (int c = 0; c < n; ++c) {
      double d = 0;
      for (int i = 0; i < out; ++i) {
        d = d + w[i + p * out] * delta[i * n + c];
      }
      dRef[p * n + c] = d;
    }
  }
  std::vector<double> gwRef = gw0;
  std::vector<double> gbRef = gb0;
  for (int i = 0; i < out; ++i) {
    for (int p = 0; p < in; ++p) {
      gwRef[i + p * out] += laneSum(&delta[i * n], &a[p * n], n);
    }
    gbRef[i] += laneSum(&delta[i * n], nullptr, n);
  }

  for (const Isa isa : availableIsas()) {
    QCOMPARE(simd::setIsa(isa), isa);
    const QByteArray name = QByteArray::fromStdString(simd::isaName(isa));
    std::vector<double> z(zRef.size());
    dense::forward(w.data(), bias.data(), a.data(), n, z.data(), n, out, in, n, dense::Fused::None);
    QVERIFY2(sameBits(z, zRef), name + " forward");
    dense::forward(w.data(), bias.data(), a.data(), n, z.data(), n, out, in, n, dense::Fused::Relu);
    QVERIFY2(sameBits(z, reluRef), name + " forward + relu");
    std::vector<double> d(dRef.size());
    dense::backwardInput(w.data(), delta.data(), n, d.data(), n, out, in, n);
    QVERIFY2(sameBits(d, dRef), name + " backward input");
    // relu′ fused into the stores, through the activations `a` (random signs, a few exact zeros
    // and a NaN: only a > 0 passes).
    std::vector<double> reluOut = a;
    reluOut[0] = 0.0;
    reluOut[reluOut.size() / 2] = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> dMaskedRef = dRef;
    for (std::size_t k = 0; k < dMaskedRef.size(); ++k) {
      dMaskedRef[k] = reluOut[k] > 0 ? dRef[k] : 0.0;
    }
    std::vector<double> dMasked(dRef.size());
    dense::backwardInput(w.data(), delta.data(), n, dMasked.data(), n, out, in, n, reluOut.data());
    QVERIFY2(sameBits(dMasked, dMaskedRef), name + " backward input + relu'");
    std::vector<double> gw = gw0;
    std::vector<double> gb = gb0;
    dense::accumulateGradient(delta.data(), n, a.data(), n, gw.data(), gb.data(), out, in, n);
    QVERIFY2(sameBits(gw, gwRef), name + " weight gradient");
    QVERIFY2(sameBits(gb, gbRef), name + " bias gradient");
    std::vector<double> masked = delta;
    std::vector<double> maskRef = delta;
    for (std::size_t k = 0; k < maskRef.size(); ++k) {
      maskRef[k] = zRef[k % zRef.size()] > 0 ? maskRef[k] : 0.0;
    }
    if (masked.size() == zRef.size()) {
      dense::reluBackward(zRef.data(), masked.data(), static_cast<std::ptrdiff_t>(masked.size()));
      QVERIFY2(sameBits(masked, maskRef), name + " relu backward");
    }
  }
}

void TestDenseKernels::allFiniteFindsEveryNonFiniteValue() {
  // Every length through two AVX-512 blocks and a tail, a NaN, +inf or −inf at every position;
  // the reference is std::isfinite element by element. Huge finite values (0·x = 0) pass.
  std::mt19937_64 rng(5);
  const double bad[] = {std::numeric_limits<double>::quiet_NaN(),
                        std::numeric_limits<double>::infinity(),
                        -std::numeric_limits<double>::infinity()};
  for (const Isa isa : availableIsas()) {
    QCOMPARE(simd::setIsa(isa), isa);
    const QByteArray name = QByteArray::fromStdString(simd::isaName(isa));
    for (std::size_t n = 0; n <= 70; ++n) {
      std::vector<double> x = randomValues(n, rng, 1e300);
      bool reference = true;
      for (const double v : x) {
        reference = reference && std::isfinite(v);
      }
      QVERIFY2(reference, "random values are finite");
      QVERIFY2(dense::allFinite(x.data(), static_cast<std::ptrdiff_t>(n)), name + " all finite");
      for (std::size_t k = 0; k < n; ++k) {
        std::vector<double> y = x;
        y[k] = bad[k % 3];
        QVERIFY2(!dense::allFinite(y.data(), static_cast<std::ptrdiff_t>(n)),
                 name + " non-finite at " + QByteArray::number(static_cast<int>(k)) + " of " +
                     QByteArray::number(static_cast<int>(n)));
      }
    }
  }
}

void TestDenseKernels::adamMatchesKerasLines() {
  std::mt19937_64 rng(11);
  const std::size_t n = 657;  // the seed network's parameter count: vector body and tail
  const std::vector<double> w0 = randomValues(n, rng);
  const std::vector<double> g = randomValues(n, rng);
  std::vector<double> m0 = randomValues(n, rng, 0.1);
  std::vector<double> v0 = randomValues(n, rng, 0.1);
  for (double& v : v0) {
    v = v * v;
  }
  const double c1 = 0.1, c2 = 0.001, alpha = 3e-4, eps = 1e-7;
  std::vector<double> wRef = w0, mRef = m0, vRef = v0;
  for (std::size_t i = 0; i < n; ++i) {
    mRef[i] = mRef[i] + (g[i] - mRef[i]) * c1;
    vRef[i] = vRef[i] + (g[i] * g[i] - vRef[i]) * c2;
    wRef[i] = wRef[i] - alpha * mRef[i] / (std::sqrt(vRef[i]) + eps);
  }
  for (const Isa isa : availableIsas()) {
    simd::setIsa(isa);
    std::vector<double> w = w0, m = m0, v = v0;
    dense::adam(w.data(), m.data(), v.data(), g.data(), static_cast<std::ptrdiff_t>(n), c1, c2,
                alpha, eps);
    QVERIFY2(sameBits(m, mRef) && sameBits(v, vRef) && sameBits(w, wRef),
             simd::isaName(isa).c_str());
  }
}

void TestDenseKernels::trainingIsBitIdenticalInEveryIsa() {
  // Seed 003's workload (4-16-32-1 relu, Adam, batch 32, 1,000 samples with a tail batch of 8)
  // for a few epochs: every instruction set ends with the same weights, bit for bit.
  const Dataset data = makeDataset({});
  std::vector<Eigen::VectorXd> results;
  for (const Isa isa : availableIsas()) {
    simd::setIsa(isa);
    TrainOptions options;
    options.computeMetrics = false;
    Trainer trainer(data, MlpOptions{}, LossRegistry::instance().create("huber"), options);
    for (int epoch = 0; epoch < 5; ++epoch) {
      QVERIFY(!trainer.runEpoch().diverged);
    }
    results.push_back(trainer.model().parameters());
  }
  for (std::size_t k = 1; k < results.size(); ++k) {
    QVERIFY2(std::memcmp(results[k].data(), results[0].data(),
                         static_cast<std::size_t>(results[0].size()) * sizeof(double)) == 0,
             simd::isaName(availableIsas()[k]).c_str());
  }
  if (results.size() == 1) {
    QSKIP("only the baseline instruction set on this processor");
  }
}

void TestDenseKernels::isaCanOnlyBeLowered() {
  QCOMPARE(simd::setIsa(Isa::Baseline), Isa::Baseline);
  QCOMPARE(simd::activeIsa(), Isa::Baseline);
  QCOMPARE(simd::setIsa(Isa::Avx512), simd::detectedIsa());
}

void TestDenseKernels::flushToZeroFlushesAndRestores() {
  volatile double tiny = std::numeric_limits<double>::min();  // smallest normal
  volatile double half = 0.5;
  QVERIFY(tiny * half > 0);  // a subnormal result without the guard
  {
    const simd::ScopedFlushDenormals flush;
    QCOMPARE(tiny * half, 0.0);
  }
  QVERIFY(tiny * half > 0);  // restored
}

void TestDenseKernels::flushToZeroKeepsTrainingWithinTolerance() {
  // Long enough (≈ 9,600 Adam steps) for dead units' moments to decay into subnormals, which
  // is when flushing starts to change anything.
  const Dataset data = makeDataset({});
  Eigen::VectorXd params[2];
  for (int flush = 0; flush < 2; ++flush) {
    TrainOptions options;
    options.computeMetrics = false;
    options.flushDenormals = flush == 1;
    Trainer trainer(data, MlpOptions{}, LossRegistry::instance().create("mean_squared_error"),
                    options);
    for (int epoch = 0; epoch < 300; ++epoch) {
      QVERIFY(!trainer.runEpoch().diverged);
    }
    params[flush] = trainer.model().parameters();
  }
  // The documented tolerance: |Δw| ≤ 1e-12 · max(1, |w|).
  const double worst =
      ((params[1] - params[0]).array().abs() / params[0].array().abs().max(1.0)).maxCoeff();
  QVERIFY2(worst <= 1e-12, qPrintable(QString::number(worst)));
}

QTEST_GUILESS_MAIN(TestDenseKernels)
#include "tst_dense_kernels.moc"
