// SPDX-License-Identifier: GPL-3.0-or-later
// The branch-free exp / log / log1p of core/engine/vector_math.h against glibc's std:: functions
// (correctly rounded in practice, < 1 ulp documented) on dense sweeps and every special input:
// ±0, subnormals, the −708.4 / −745.13 underflow boundaries, the 709.78 overflow boundary, huge,
// ±inf, NaN; log1pRecip and softplusSigmoid (one exponential for softplus and both sigmoids) the
// same way. Also: one path for every element — the same input gives the same bits whether it is
// evaluated alone or inside a (vectorised) loop at any position.
#include <QTest>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "core/engine/vector_math.h"

namespace vm = losslab::vmath;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Distance in units in the last place: doubles mapped to a monotone integer line.
double ulpDistance(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) {
    return std::isnan(a) && std::isnan(b) ? 0 : kInf;
  }
  if (a == b) {
    return 0;
  }
  const auto key = [](double d) {
    const auto u = std::bit_cast<std::int64_t>(d);
    return u < 0 ? std::numeric_limits<std::int64_t>::min() - u : u;
  };
  // Subtract as integers: the keys are ≈ 2^62, where a double has no unit resolution.
  const std::int64_t ka = key(a);
  const std::int64_t kb = key(b);
  return static_cast<double>(ka > kb ? ka - kb : kb - ka);
}

template <class Mine, class Ref>
void sweep(const std::vector<double>& xs, Mine mine, Ref ref, double bound, const char* name) {
  double worst = 0;
  double at = 0;
  for (const double x : xs) {
    const double d = ulpDistance(mine(x), ref(x));
    if (d > worst) {
      worst = d;
      at = x;
    }
  }
  if (worst > bound) {
    QFAIL(qPrintable(QStringLiteral("%1: %2 ulp at x = %3 (bound %4)")
                         .arg(name)
                         .arg(worst)
                         .arg(at, 0, 'g', 17)
                         .arg(bound)));
  }
}

std::vector<double> linear(double from, double to, int count) {
  std::vector<double> xs;
  for (int i = 0; i < count; ++i) {
    xs.push_back(from + (to - from) * i / (count - 1));
  }
  return xs;
}

/// Random doubles with uniformly random bit patterns of the given sign: every binade equally.
std::vector<double> randomBits(bool negative, int count, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> xs;
  while (static_cast<int>(xs.size()) < count) {
    const std::uint64_t u = (rng() >> 1) | (negative ? 1ULL << 63 : 0);
    const double x = std::bit_cast<double>(u);
    if (std::isfinite(x)) {
      xs.push_back(x);
    }
  }
  return xs;
}

const std::vector<double>& specials() {
  static const std::vector<double> s = {0.0,
                                        -0.0,
                                        kInf,
                                        -kInf,
                                        kNaN,
                                        -kNaN,
                                        std::numeric_limits<double>::denorm_min(),
                                        -std::numeric_limits<double>::denorm_min(),
                                        std::numeric_limits<double>::min(),
                                        std::numeric_limits<double>::max(),
                                        -std::numeric_limits<double>::max(),
                                        0x1p-1074 * 12345,
                                        1.0,
                                        -1.0,
                                        0.5,
                                        2.0,
                                        709.782712893384,
                                        709.7827128933841,
                                        709.78,
                                        710.0,
                                        -708.3964185322641,
                                        -708.4,
                                        -709.0895657128241,
                                        -709.8,
                                        -744.4400719213812,
                                        -745.1332191019411,
                                        -745.1332191019412,
                                        -745.2,
                                        -1e300,
                                        1e300,
                                        1e-300,
                                        -1e-300,
                                        0x1p-53,
                                        -0x1p-53,
                                        0x1p-1022,
                                        -0.9999999999999999,
                                        -1.0000000000000002,
                                        9007199254740992.0,
                                        1.7e308};
  return s;
}

std::vector<double> plus(std::vector<double> xs, const std::vector<double>& more) {
  xs.insert(xs.end(), more.begin(), more.end());
  return xs;
}

// A loop the compiler vectorises (the way the loss kernels call these functions).
template <class F>
std::vector<double> mapped(const std::vector<double>& xs, F f) {
  std::vector<double> out(xs.size());
  const double* in = xs.data();
  double* o = out.data();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    o[i] = f(in[i]);
  }
  return out;
}

template <class F>
[[gnu::noinline]] double alone(F f, double x) {
  return f(x);
}

bool sameBits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b) ||
         (std::isnan(a) && std::isnan(b));
}

double log1pWithRecip(double x) {
  return vm::log1pRecip(x, 1.0 / (1.0 + x));
}
double softplusPart(double x) {
  return vm::softplusSigmoid(x).softplus;
}
double sigmoidPart(double x) {
  const vm::SoftplusSigmoid s = vm::softplusSigmoid(x);
  return s.sigmoid - s.sigmoidNeg;  // both, so neither is optimised away
}

}  // namespace

class TestVectorMath : public QObject {
  Q_OBJECT

 private slots:
  void expMatchesStd() {
    const auto xs = plus(plus(linear(-746, 711, 2'000'001), linear(-1, 1, 200'001)),
                         plus(randomBits(false, 200'000, 1), randomBits(true, 200'000, 2)));
    sweep(
        plus(xs, specials()), vm::exp, [](double x) { return std::exp(x); }, 1, "exp");
    // The subnormal range, densely: a rounding into subnormals must happen once.
    sweep(
        linear(-745.2, -708.3, 1'000'001), vm::exp, [](double x) { return std::exp(x); }, 1,
        "exp (subnormal results)");
  }

  void logMatchesStd() {
    const auto xs = plus(plus(randomBits(false, 1'000'000, 3), randomBits(true, 10'000, 4)),
                         plus(linear(0.5, 2, 1'000'001), specials()));
    sweep(
        xs, vm::log, [](double x) { return std::log(x); }, 1, "log");
  }

  void log1pMatchesStd() {
    auto xs = plus(randomBits(false, 1'000'000, 5), linear(-1, 3, 2'000'001));
    for (const double x : randomBits(true, 1'000'000, 6)) {
      if (x >= -1) {
        xs.push_back(x);  // (−1, 0): every binade down to the subnormals
      }
    }
    xs.push_back(-2);
    sweep(
        plus(xs, specials()), vm::log1p, [](double x) { return std::log1p(x); }, 2, "log1p");
  }

  void log1pRecipMatchesStd() {
    // log1p with the caller's 1/(1 + x) (softplus, log cosh): the same 2 ulp as log1p on (−1, 3]
    // and every binade above and below 0, and the special inputs.
    auto xs = plus(randomBits(false, 1'000'000, 7), linear(-1, 3, 2'000'001));
    for (const double x : randomBits(true, 1'000'000, 8)) {
      if (x >= -1) {
        xs.push_back(x);
      }
    }
    xs.push_back(-2);
    const auto withRecip = [](double x) { return vm::log1pRecip(x, 1.0 / (1.0 + x)); };
    sweep(
        plus(xs, specials()), withRecip, [](double x) { return std::log1p(x); }, 2, "log1pRecip");
    // Where the loss kernels use it: x = e^{−|z|} ∈ (0, 1], densely near 0 and 1.
    sweep(
        plus(linear(0, 1, 1'000'001), linear(0, 1e-6, 100'001)), withRecip,
        [](double x) { return std::log1p(x); }, 2, "log1pRecip on [0, 1]");
  }

  void softplusSigmoidFromOneExponential() {
    // All three results against std:: (formulas on the side where exp cannot overflow), and
    // bit-identical to softplus(x), sigmoid(x), sigmoid(−x), softplus(−x), which the formula
    // language uses.
    const auto xs = plus(plus(linear(-800, 800, 400'001), linear(-1, 1, 200'001)), specials());
    sweep(
        xs, [](double x) { return vm::softplusSigmoid(x).softplus; },
        [](double x) { return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }, 3,
        "softplusSigmoid.softplus");
    const auto stdSigmoid = [](double x) {
      return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
    };
    sweep(
        xs, [](double x) { return vm::softplusSigmoid(x).sigmoid; }, stdSigmoid, 3,
        "softplusSigmoid.sigmoid");
    sweep(
        xs, [](double x) { return vm::softplusSigmoid(x).sigmoidNeg; },
        [&](double x) { return stdSigmoid(-x); }, 3, "softplusSigmoid.sigmoidNeg");
    for (const double x : xs) {
      const vm::SoftplusSigmoid s = vm::softplusSigmoid(x);
      QVERIFY(sameBits(s.softplus, vm::softplus(x)));
      QVERIFY(sameBits(s.sigmoid, vm::sigmoid(x)));
      QVERIFY(sameBits(s.sigmoidNeg, vm::sigmoid(-x)));
      QVERIFY(sameBits(s.softplusNeg, vm::softplus(-x)));
    }
    // Exact points: σ(0) = ½ on both sides, softplus(0) = log 2 to an ulp, saturation far out.
    QCOMPARE(vm::softplusSigmoid(0.0).sigmoid, 0.5);
    QCOMPARE(vm::softplusSigmoid(0.0).sigmoidNeg, 0.5);
    QVERIFY(ulpDistance(vm::softplusSigmoid(0.0).softplus, std::log(2.0)) <= 1);
    QCOMPARE(vm::softplusSigmoid(800.0).sigmoid, 1.0);
    QCOMPARE(vm::softplusSigmoid(800.0).sigmoidNeg, 0.0);
    QCOMPARE(vm::softplusSigmoid(800.0).softplus, 800.0);
    QCOMPARE(vm::softplusSigmoid(-800.0).softplus, 0.0);
    QCOMPARE(vm::softplusSigmoid(kInf).softplus, kInf);
    QVERIFY(std::isnan(vm::softplusSigmoid(kNaN).softplus));
    QVERIFY(std::isnan(vm::softplusSigmoid(kNaN).sigmoid));
    QVERIFY(std::isnan(vm::softplusSigmoid(kNaN).sigmoidNeg));
  }

  void specialValuesExactly() {
    QCOMPARE(vm::exp(0.0), 1.0);
    QCOMPARE(vm::exp(-kInf), 0.0);
    QCOMPARE(vm::exp(kInf), kInf);
    QCOMPARE(vm::exp(710.0), kInf);
    QCOMPARE(vm::exp(-746.0), 0.0);
    QCOMPARE(vm::exp(-745.0), std::numeric_limits<double>::denorm_min());
    QVERIFY(std::isnan(vm::exp(kNaN)));
    QCOMPARE(vm::log(1.0), 0.0);
    QCOMPARE(vm::log(0.0), -kInf);
    QCOMPARE(vm::log(-0.0), -kInf);
    QCOMPARE(vm::log(kInf), kInf);
    QVERIFY(std::isnan(vm::log(-1.0)));
    QVERIFY(std::isnan(vm::log(-kInf)));
    QVERIFY(std::isnan(vm::log(kNaN)));
    QCOMPARE(vm::log(std::numeric_limits<double>::denorm_min()), std::log(0x1p-1074));
    QVERIFY(std::signbit(vm::log1p(-0.0)));
    QVERIFY(!std::signbit(vm::log1p(0.0)));
    QCOMPARE(vm::log1p(-1.0), -kInf);
    QCOMPARE(vm::log1p(kInf), kInf);
    QVERIFY(std::isnan(vm::log1p(-1.5)));
    QVERIFY(std::isnan(vm::log1p(-kInf)));
    QVERIFY(std::isnan(vm::log1p(kNaN)));
    QCOMPARE(vm::log1p(1e-300), 1e-300);
    QCOMPARE(vm::log1p(0x1p-1074), 0x1p-1074);
  }

  void softplusAndSigmoid() {
    const auto xs = plus(linear(-800, 800, 400'001), specials());
    // softplus = max(x,0) + log1p(e^{−|x|}): the same formula with std::, within 2 ulp + the
    // exp's 1 ulp carried through log1p (derivative ≤ 1).
    sweep(
        xs, vm::softplus,
        [](double x) { return std::fmax(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }, 3,
        "softplus");
    sweep(
        xs, vm::sigmoid,
        [](double x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); },
        3, "sigmoid");
  }

  /// One path for every element: evaluated alone (a call the vectoriser never sees) and inside
  /// a vectorised loop, at every position of a batch (the lane and the scalar tail), the bits
  /// agree.
  void sameBitsAtAnyPosition() {
    const auto base = plus(linear(-750, 750, 10'007), specials());
    for (std::size_t shift = 0; shift < 9; ++shift) {
      std::vector<double> xs(shift, 0.25);
      xs.insert(xs.end(), base.begin(), base.end());
      const auto e = mapped(xs, vm::exp);
      const auto l = mapped(xs, vm::log);
      const auto l1 = mapped(xs, vm::log1p);
      const auto l1r = mapped(xs, log1pWithRecip);
      const auto sp = mapped(xs, softplusPart);
      const auto sg = mapped(xs, sigmoidPart);
      for (std::size_t i = 0; i < xs.size(); ++i) {
        QVERIFY(sameBits(e[i], alone(vm::exp, xs[i])));
        QVERIFY(sameBits(l[i], alone(vm::log, xs[i])));
        QVERIFY(sameBits(l1[i], alone(vm::log1p, xs[i])));
        QVERIFY(sameBits(l1r[i], alone(log1pWithRecip, xs[i])));
        QVERIFY(sameBits(sp[i], alone(softplusPart, xs[i])));
        QVERIFY(sameBits(sg[i], alone(sigmoidPart, xs[i])));
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestVectorMath)
#include "tst_vector_math.moc"
