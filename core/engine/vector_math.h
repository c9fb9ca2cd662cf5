// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Branch-free exp, log and log1p for the element-wise loss kernels.
//
// Why: glibc's scalar exp/log/log1p are calls the compiler cannot vectorise, and they made
// log_cosh and the cross-entropies ≈ 30 ns per element (0.06–0.07 of the memory-streaming rate,
// issue 15). These versions are straight-line IEEE arithmetic, integer bit operations and
// selects — no calls, no table look-ups, no data-dependent branches — so a loop of them inlines
// and auto-vectorises, and every element takes the same path: the same input gives the same bits
// at any position in a batch, on any instruction set (-ffp-contract=off: no fused multiply-add,
// so SSE2, AVX2 and AVX-512 code perform the same roundings). Special inputs (±0, subnormals,
// ±inf, NaN, overflow and underflow) are handled by selects at the end, not by branches.
//
// Accuracy (tests/engine/tst_vector_math, dense sweeps against std::): exp ≤ 1 ulp, log ≤ 1 ulp,
// log1p and log1pRecip ≤ 2 ulp, including the subnormal results of exp below −708.4; softplus and
// the sigmoids of softplusSigmoid ≤ 3 ulp against the same formulas in std::.

#include <bit>
#include <cstdint>
#include <limits>

namespace losslab::vmath {

namespace detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// 1.5 · 2^52: adding it rounds a |v| < 2^51 to an integer (round to nearest even) whose two's
// complement sits in the low mantissa bits.
inline constexpr double kRoundMagic = 0x1.8p52;
// ln 2 split so that n · kLn2Hi is exact for |n| ≤ 2^11 (kLn2Hi has 32 significant bits).
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42fee00000
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 0x3dea39ef35793c76
inline constexpr double kLog2e = 1.44269504088896338700e+00;

inline double fromBits(std::uint64_t u) {
  return std::bit_cast<double>(u);
}
inline std::uint64_t toBits(double d) {
  return std::bit_cast<std::uint64_t>(d);
}

/// 2^n for an integer-valued double n in [−1022, 1023], built in the exponent field.
inline double pow2(double n) {
  const std::uint64_t k = toBits(n + kRoundMagic) + 1023;
  return fromBits(k << 52);
}

/// log(z) for z in [√½ · 0.98, √2 · 0.98] written as k·ln2 + log(z) with f = z − 1:
/// fdlibm's e_log.c kernel, log(1 + f) = f − hfsq + s(hfsq + R) with s = f/(2 + f) and
/// R ≈ 2s²/3 + 2s⁴/5 + … (their Remez coefficients Lg1–Lg7, error < 2^−58.45).
/// `c` is a correction added to log(1 + f) (log1p's rounding error of 1 + x, divided by 1 + x).
inline double logKernel(double f, double k, double c) {
  constexpr double kLg1 = 6.666666666666735130e-01;
  constexpr double kLg2 = 3.999999999940941908e-01;
  constexpr double kLg3 = 2.857142874366239149e-01;
  constexpr double kLg4 = 2.222219843214978396e-01;
  constexpr double kLg5 = 1.818357216161805012e-01;
  constexpr double kLg6 = 1.531383769920937332e-01;
  constexpr double kLg7 = 1.479819860511658591e-01;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const double r = t2 + t1;
  const double hfsq = 0.5 * f * f;
  return s * (hfsq + r) + (k * kLn2Lo + c) - hfsq + f + k * kLn2Hi;
}

/// Splits a positive finite normal x = 2^k · z with z in [0x3fe6955500000000, 2·that) ≈ [0.706,
/// 1.41): returns z and sets k (an integer-valued double). musl's log/log1p reduction, written with
/// unsigned arithmetic only (no arithmetic shift, no int64 → double conversion: neither exists in
/// SSE2 or AVX2).
inline double reduce(double x, double& k) {
  constexpr std::uint64_t kOff = 0x3fe6955500000000ULL;
  const std::uint64_t ix = toBits(x);
  const std::uint64_t tmp = ix - kOff;
  // (tmp >> 52) as a signed 12-bit number, biased by 1023 to stay non-negative, then turned into
  // a double through the mantissa of 2^52.
  const std::uint64_t biased = (tmp + (1023ULL << 52)) >> 52;
  k = fromBits(0x4330000000000000ULL | biased) - 0x1p52 - 1023.0;
  return fromBits(ix - (tmp & (0xfffULL << 52)));
}

}  // namespace detail

/// e^x. Range reduction x = n·ln2 + r, |r| ≤ ½ln2 (Cody–Waite, exact n·ln2_hi), e^r by its
/// Taylor series to r^13 (truncation < 2^−60 relative), then 2^n applied as two exact-power
/// factors 2^⌈n/2⌉ · 2^⌊n/2⌋ so that results in the subnormal range (x < −708.4) are rounded once,
/// like every other result. x > 709.78 → +inf, x < −745.13 → +0, NaN → NaN.
inline double exp(double x) {
  using namespace detail;
  // Clamp first so the integer arithmetic below never sees |n| > 1075 (or NaN).
  const double xc = x < -746.0 ? -746.0 : (x > 710.0 ? 710.0 : x);
  const double n = (xc * kLog2e + kRoundMagic) - kRoundMagic;
  const double r = (xc - n * kLn2Hi) - n * kLn2Lo;
  // p(r) = Σ_{i=0}^{11} r^i / (i + 2)! by Estrin's scheme: pairs c_i + c_{i+1} r, combined with
  // r² and r⁴. Its dependency chain is 8 operations deep instead of Horner's 24, so the
  // out-of-order core overlaps more of neighbouring vectors (the exp-heavy kernels are
  // latency-bound at AVX-512 width). The terms fall off fast (|r| ≤ 0.347), so the different
  // rounding order changes p by a few ulp of p, i.e. < 2^−57 of e^r.
  const double r2 = r * r;
  const double r4 = r2 * r2;
  const double a0 = 1.0 / 2.0 + r * (1.0 / 6.0);
  const double a1 = 1.0 / 24.0 + r * (1.0 / 120.0);
  const double a2 = 1.0 / 720.0 + r * (1.0 / 5040.0);
  const double a3 = 1.0 / 40320.0 + r * (1.0 / 362880.0);
  const double a4 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0);
  const double a5 = 1.0 / 479001600.0 + r * (1.0 / 6227020800.0);
  const double b0 = a0 + r2 * a1;
  const double b1 = a2 + r2 * a3;
  const double b2 = a4 + r2 * a5;
  const double p = b0 + r4 * (b1 + r4 * b2);
  // e^r = 1 + r + r²·p: the small part added last keeps the leading 1 exact.
  const double er = 1.0 + (r + r2 * p);
  const double half = (n * 0.5 + kRoundMagic) - kRoundMagic;  // round(n/2), |half| ≤ 538
  const double y = er * pow2(half) * pow2(n - half);
  const double big = x > 709.782712893384 ? kInf : y;
  const double out = x < -745.1332191019412 ? 0.0 : big;
  return x != x ? x + x : out;
}

/// Natural logarithm. Subnormal inputs are scaled by 2^54 first; log(±0) = −inf, log(x < 0) = NaN,
/// log(+inf) = +inf, log(NaN) = NaN.
inline double log(double x) {
  using namespace detail;
  const bool subnormal = x < 0x1p-1022;
  const double xs = subnormal ? x * 0x1p54 : x;
  // Keep the reduction's input a positive finite normal number whatever x is.
  const double xr = (xs > 0 && xs <= 0x1.fffffffffffffp1023) ? xs : 1.0;
  double k = 0;
  const double z = reduce(xr, k);
  const double y = logKernel(z - 1.0, subnormal ? k - 54.0 : k, 0.0);
  const double pos = x == kInf ? kInf : y;
  const double zero = x == 0 ? -kInf : pos;
  const double neg = x < 0 ? kNaN : zero;
  return x != x ? x + x : neg;
}

namespace detail {

/// log1p's body; `scale(c0, u)` turns the rounding error c0 of u = 1 + x into c0 / u (how
/// log1p and log1pRecip differ: a division, or a product with a reciprocal already at hand).
template <typename Scale>
inline double log1pWith(double x, Scale scale) {
  const double u = 1.0 + x;
  const double ur = (u > 0 && u <= 0x1.fffffffffffffp1023) ? u : 1.0;
  double k = 0;
  const double z = reduce(ur, k);
  const double c0 = u >= 2.0 ? 1.0 - (u - x) : x - (u - 1.0);
  // Beyond 2^53 the correction is below an ulp of the result (and 1 − (u − x) loses meaning).
  const double c = k < 54.0 ? scale(c0, ur) : 0.0;
  const double y = logKernel(z - 1.0, k, c);
  const double pos = x == kInf ? kInf : y;
  const double tiny = x == 0 ? x : pos;  // keeps the sign of −0
  const double minusOne = x == -1.0 ? -kInf : tiny;
  const double neg = x < -1.0 ? kNaN : minusOne;
  return x != x ? x + x : neg;
}

}  // namespace detail

/// log(1 + x), accurate for small x. u = 1 + x rounded; c = (x − (u − 1))/u (or (1 − (u − x))/u
/// when u ≥ 2) is the rounding error of u relative to u, so log1p(x) = log(u) + c to first order
/// (musl's log1p). log1p(±0) = ±0, log1p(−1) = −inf, log1p(x < −1) = NaN, log1p(+inf) = +inf.
inline double log1p(double x) {
  return detail::log1pWith(x, [](double c0, double u) { return c0 / u; });
}

/// log1p(x) for a caller that has already computed recip = 1.0 / (1.0 + x) (softplus with the
/// sigmoid, log cosh with tanh): the correction c = c0 · recip replaces log1p's division c0 / u —
/// a vector division costs as much as ≈ 16 other operations at AVX-512 width, and these kernels
/// are compute-bound. recip is the correctly rounded 1/u, so c changes by at most an ulp of c
/// (≤ 2^−105 relative to the result): the same ≤ 2 ulp as log1p. For x ≥ −1 (inputs below −1 and
/// NaN are handled by the same selects as log1p).
inline double log1pRecip(double x, double recip) {
  return detail::log1pWith(x, [recip](double c0, double) { return c0 * recip; });
}

/// softplus(x) = log(1 + e^x) and the two sigmoids σ(x) = 1/(1 + e^{−x}), σ(−x) = 1 − σ(x) from
/// ONE exponential and ONE division: with e = e^{−|x|} ∈ [0, 1] (no overflow for any x) and
/// q = 1/(1 + e),
///   softplus(x) = max(x, 0) + log1p(e),  σ(x) = q for x ≥ 0, e·q for x < 0,  σ(−x) the other one.
/// Each sigmoid is within 1.5 ulp of the exact e/(1 + e) (two roundings); softplus within
/// log1p's 2 ulp plus exp's 1 ulp carried through log1p (|d log1p/de| ≤ 1). NaN → NaN in all three.
/// softplus(−x) = max(−x, 0) + log1p(e) shares the same log1p (the same bits as softplus(−x)).
struct SoftplusSigmoid {
  double softplus;
  double sigmoid;      // σ(x)
  double sigmoidNeg;   // σ(−x)
  double softplusNeg;  // softplus(−x)
};
inline SoftplusSigmoid softplusSigmoid(double x) {
  const double e = exp(x < 0 ? x : -x);
  const double q = 1.0 / (1.0 + e);
  const double small = e * q;
  const double l = log1pRecip(e, q);
  const double sp = (x > 0 ? x : 0.0) + l;
  const double spNeg = (x < 0 ? -x : 0.0) + l;
  return {x != x ? x + x : sp, x >= 0 ? q : small, x <= 0 ? q : small, x != x ? x + x : spNeg};
}

/// log(1 + e^x) without overflow: max(x, 0) + log1p(e^{−|x|}) (softplusSigmoid's operations, so
/// the same bits as the loss kernels that use both).
inline double softplus(double x) {
  return softplusSigmoid(x).softplus;
}

/// 1 / (1 + e^{−x}) computed as e·1/(1 + e) with e = e^{−|x|} ≤ 1 on the side that cannot
/// overflow (softplusSigmoid's operations).
inline double sigmoid(double x) {
  return softplusSigmoid(x).sigmoid;
}

}  // namespace losslab::vmath
