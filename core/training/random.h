// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <utility>

#include <Eigen/Core>

namespace losslab {

/// The one random engine of the engine: std::mt19937_64 is fully specified by the standard, so a
/// seed gives the same stream on every platform. The std:: distributions are not (their
/// algorithms are implementation-defined), so the few we need are written out below.
using Rng = std::mt19937_64;

/// An independent seed for sub-stream `stream` of `seed` (SplitMix64's finaliser), so that one
/// user-visible seed can drive several streams that do not shift when one of them draws more.
inline std::uint64_t deriveSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// The sub-streams of one user-visible training seed (losslab-cli train --seed, the Training
/// tab's session seed): generated data, initial weights, and the split and shuffling. Both
/// front ends derive them the same way, so the same seed gives the same run in either.
enum SeedStream : std::uint64_t { kDataSeedStream = 0, kModelSeedStream = 1, kTrainSeedStream = 2 };

/// Uniform on [0, 1): the top 53 bits of one draw scaled by 2⁻⁵³ (every double in the range is a
/// multiple of 2⁻⁵³, and 1 is never reached).
inline double uniform01(Rng& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

/// Uniform on [lo, hi).
inline double uniform(Rng& rng, double lo, double hi) {
  return lo + (hi - lo) * uniform01(rng);
}

/// Standard normal by Box–Muller, u₁ ∈ (0, 1] so that log u₁ is finite. One draw per call (the
/// second value is discarded) keeps the stream position a function of the call count only.
inline double standardNormal(Rng& rng) {
  constexpr double kTwoPi = 6.283185307179586476925;
  const double u1 = 1.0 - uniform01(rng);
  const double u2 = uniform01(rng);
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
}

/// Uniform integer in [0, n) without modulo bias: draws above the largest multiple of n are
/// rejected (at most one retry in expectation for any n < 2⁶³).
inline Eigen::Index uniformIndex(Rng& rng, Eigen::Index n) {
  const std::uint64_t range = static_cast<std::uint64_t>(n);
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % range;
  std::uint64_t draw = rng();
  while (draw >= limit) {
    draw = rng();
  }
  return static_cast<Eigen::Index>(draw % range);
}

/// Fisher–Yates shuffle in place (std::shuffle's algorithm is implementation-defined).
template <class Vector>
void shuffleInPlace(Vector& values, Rng& rng) {
  for (Eigen::Index i = static_cast<Eigen::Index>(values.size()) - 1; i > 0; --i) {
    const Eigen::Index j = uniformIndex(rng, i + 1);
    std::swap(values[i], values[j]);
  }
}

}  // namespace losslab
