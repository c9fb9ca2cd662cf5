// SPDX-License-Identifier: GPL-3.0-or-later
// Ceres Solver's robustifiers (include/ceres/loss_function.h, internal/ceres/loss_function.cc;
// spec §1.7 and §2.6) as small value types. Each maps the squared norm s = ‖f‖² ≥ 0 of a residual
// block to [ρ(s), ρ′(s), ρ″(s)] with exactly Ceres' arithmetic: the same region tests (s > a² is
// Huber's outlier region, s ≤ a² Tukey's inlier region), the same DBL_MIN floor on ρ′ and
// Tolerant's switch to the linear form above x = 36.7. Ceres adds ½ρ(s) to the cost. Logarithms
// and exponentials are vector_math.h's (inlined, ≤ 1 ulp from libm's), and the region tests are
// selects: the training pass (CeresLoss::valueAndGradient) runs without calls or mispredictions.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "core/engine/vector_math.h"

namespace losslab {

/// [ρ(s), ρ′(s), ρ″(s)]: Ceres' rho[3] in a named form (derivatives with respect to s).
struct RhoEval {
  double value = 0;  // ρ(s)
  double d1 = 0;     // ρ′(s) = dρ/ds
  double d2 = 0;     // ρ″(s) = d²ρ/ds²
};

/// Ceres keeps ρ′ ≥ DBL_MIN "where the maths requires it" (std::max in loss_function.cc): the
/// solver divides by ρ′ when it rescales residuals, so ρ′ may underflow to DBL_MIN but never to 0.
inline constexpr double kRhoFloor = std::numeric_limits<double>::min();

/// TolerantLoss: beyond x = (s − a)/b > 36.7 ≈ ln 2^53, 1 + eˣ == eˣ in double precision, so Ceres
/// replaces b·ln(1 + eˣ) by b·x (and e^x would overflow further out).
inline constexpr double kTolerantLinearAbove = 36.7;

/// One of Ceres' elementary loss functions with its constructor arguments.
///
///   Trivial   TrivialLoss()      ρ = s                                  At s = 0: [0, 1, 0]
///   Huber     HuberLoss(a)       s ≤ a²: s;  s > a²: 2a√s − a²          At s = 0: [0, 1, 0]
///             ρ′ = 1 resp. max(DBL_MIN, a/√s), ρ″ = 0 resp. −ρ′/(2s)
///   SoftLOne  SoftLOneLoss(a)    2a²(√(1 + s/a²) − 1), ρ′ = max(DBL_MIN, 1/√(1 + s/a²)),
///             ρ″ = −ρ′/(2a²(1 + s/a²))                                  At s = 0: [0, 1, −1/(2a²)]
///   Cauchy    CauchyLoss(a)      a² log(1 + s/a²), ρ′ = max(DBL_MIN, 1/(1 + s/a²)),
///             ρ″ = −1/(a²(1 + s/a²)²)                                   At s = 0: [0, 1, −1/a²]
///   Arctan    ArctanLoss(a)      a·atan2(s, a) (a in cost units), ρ′ = max(DBL_MIN, 1/(1 +
///   s²/a²)),
///             ρ″ = −2s/a² /(1 + s²/a²)²                                 At s = 0: [0, 1, 0]
///   Tolerant  TolerantLoss(a, b) x = (s − a)/b, c = b log(1 + e^{−a/b});
///             x ≤ 36.7: b log(1 + eˣ) − c, ρ′ = max(DBL_MIN, eˣ/(1 + eˣ)), ρ″ = 1/(2b(1 + cosh
///             x)); x > 36.7: s − a − c, ρ′ = 1, ρ″ = 0 At s = 0: [0, σ(−a/b), 1/(2b(1 +
///             cosh(a/b)))] (≈ 0 for a ≫ b)
///   Tukey     TukeyLoss(a)       s ≤ a²: a²/3 (1 − (1 − s/a²)³), ρ′ = (1 − s/a²)², ρ″ = −2(1 −
///   s/a²)/a²;
///             s > a²: a²/3, 0, 0                                        At s = 0: [0, 1, −2/a²]
///
/// Ceres CHECKs nothing but Tolerant's a ≥ 0, b > 0; the registry's parameter ranges keep every
/// a > 0 so that 1/a² is finite. The caller must not pass s < 0 (Ceres' contract).
class CeresRho {
 public:
  enum class Kind { Trivial, Huber, SoftLOne, Cauchy, Arctan, Tolerant, Tukey };

  static CeresRho trivial() { return CeresRho(Kind::Trivial, 0, 0, 0); }
  /// a in residual units; Ceres stores b = a².
  static CeresRho huber(double a) { return CeresRho(Kind::Huber, a, a * a, 0); }
  /// Ceres stores b = a², c = 1/a².
  static CeresRho softLOne(double a) { return CeresRho(Kind::SoftLOne, a, a * a, 1 / (a * a)); }
  static CeresRho cauchy(double a) { return CeresRho(Kind::Cauchy, a, a * a, 1 / (a * a)); }
  /// a in cost units; Ceres stores b = 1/a².
  static CeresRho arctan(double a) { return CeresRho(Kind::Arctan, a, 1 / (a * a), 0); }
  /// a, b in cost units; c = b log(1 + e^{−a/b}) makes ρ(0) = 0.
  static CeresRho tolerant(double a, double b) {
    return CeresRho(Kind::Tolerant, a, b, b * std::log(1.0 + std::exp(-a / b)));
  }
  /// a in residual units; Ceres stores a².
  static CeresRho tukey(double a) { return CeresRho(Kind::Tukey, a, a * a, 0); }

  Kind kind() const { return m_kind; }

  /// Calls f with std::integral_constant<Kind, kind()>: a loop inside f evaluates at<K>() without
  /// the switch, so it vectorises (CeresLoss's training pass).
  template <class F>
  auto visit(F f) const {
    switch (m_kind) {
      case Kind::Huber:
        return f(std::integral_constant<Kind, Kind::Huber>{});
      case Kind::SoftLOne:
        return f(std::integral_constant<Kind, Kind::SoftLOne>{});
      case Kind::Cauchy:
        return f(std::integral_constant<Kind, Kind::Cauchy>{});
      case Kind::Arctan:
        return f(std::integral_constant<Kind, Kind::Arctan>{});
      case Kind::Tolerant:
        return f(std::integral_constant<Kind, Kind::Tolerant>{});
      case Kind::Tukey:
        return f(std::integral_constant<Kind, Kind::Tukey>{});
      case Kind::Trivial:
        break;
    }
    return f(std::integral_constant<Kind, Kind::Trivial>{});
  }

  /// ρ of kind K (K must be kind()).
  template <Kind K>
  RhoEval at(double s) const {
    if constexpr (K == Kind::Trivial) {
      return {s, 1.0, 0.0};
    } else if constexpr (K == Kind::Huber) {
      // Both regions computed, the outlier test s > a² selecting (a branch on random residuals
      // mispredicts half the time). r = √s > 0 in the outlier region.
      const double r = std::sqrt(s);
      const double d1 = std::max(kRhoFloor, m_a / r);
      const bool outlier = s > m_b;
      return {outlier ? 2.0 * m_a * r - m_b : s, outlier ? d1 : 1.0,
              outlier ? -d1 / (2.0 * s) : 0.0};
    } else if constexpr (K == Kind::SoftLOne) {
      const double sum = 1.0 + s * m_c;
      const double tmp = std::sqrt(sum);
      const double d1 = std::max(kRhoFloor, 1.0 / tmp);
      return {2.0 * m_b * (tmp - 1.0), d1, -(m_c * d1) / (2.0 * sum)};
    } else if constexpr (K == Kind::Cauchy) {
      const double sum = 1.0 + s * m_c;
      const double inv = 1.0 / sum;
      return {m_b * vmath::log(sum), std::max(kRhoFloor, inv), -m_c * (inv * inv)};
    } else if constexpr (K == Kind::Arctan) {
      const double sum = 1 + s * s * m_b;
      const double inv = 1 / sum;
      return {m_a * std::atan2(s, m_a), std::max(kRhoFloor, inv), -2.0 * s * m_b * (inv * inv)};
    } else if constexpr (K == Kind::Tolerant) {
      const double x = (s - m_a) / m_b;
      // cosh x = (eˣ + e^{−x})/2 from the same exponential (far below 0 both give +inf, so
      // ρ″ = 0). Past x = 36.7 the linear form, selected.
      const double ex = vmath::exp(x);
      const double coshX = 0.5 * (ex + 1.0 / ex);
      const bool linear = x > kTolerantLinearAbove;
      return {linear ? s - m_a - m_c : m_b * vmath::log(1.0 + ex) - m_c,
              linear ? 1.0 : std::max(kRhoFloor, ex / (1.0 + ex)),
              linear ? 0.0 : 0.5 / (m_b * (1.0 + coshX))};
    } else {
      // Tukey. Both regions computed, the inlier test s ≤ a² selecting.
      const double value = 1.0 - s / m_b;
      const double valueSq = value * value;
      const bool inlier = s <= m_b;
      return {inlier ? m_b / 3.0 * (1.0 - valueSq * value) : m_b / 3.0, inlier ? valueSq : 0.0,
              inlier ? -2.0 / m_b * value : 0.0};
    }
  }

  RhoEval operator()(double s) const {
    return visit([&](auto kind) { return at<decltype(kind)::value>(s); });
  }

 private:
  CeresRho(Kind kind, double a, double b, double c) : m_kind(kind), m_a(a), m_b(b), m_c(c) {}

  Kind m_kind;
  double m_a;  // the constructor's a
  double m_b;  // Ceres' b_ (a², 1/a² or Tolerant's b)
  double m_c;  // Ceres' c_ (1/a² or Tolerant's offset)
};

/// Ceres ScaledLoss(ρ, a): [aρ, aρ′, aρ″] (a nullptr ρ is the trivial loss, giving [as, a, 0]).
inline RhoEval scaledRho(double a, const RhoEval& rho) {
  return {a * rho.value, a * rho.d1, a * rho.d2};
}

/// Ceres ComposedLoss(f, g) = f(g(s)), given f evaluated at g(s) and g at s. Chain rule:
///   ρ′ = f′(g) g′,  ρ″ = f″(g) g′² + f′(g) g″.
inline RhoEval composedRho(const RhoEval& fAtG, const RhoEval& g) {
  return {fAtG.value, fAtG.d1 * g.d1, fAtG.d2 * g.d1 * g.d1 + fAtG.d1 * g.d2};
}

}  // namespace losslab
