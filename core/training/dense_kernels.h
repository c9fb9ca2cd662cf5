// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace losslab::dense {

// The arithmetic of a small dense network, written once and compiled for baseline x86-64,
// AVX2 and AVX-512 (simd.h picks one at start-up; all give the same bits).
//
// Layout: a *panel* holds one row per unit and one column per sample of the batch, row-major,
// so a unit's values over the batch are contiguous and one vector covers 8 samples:
// element (r, c) is at data[r * stride + c]. The column count n is a multiple of kChunk and
// columns past the real batch hold zeros in every delta panel (their products vanish).
// Weights W (out × in) are Keras/Eigen column-major: W(i, p) = w[i + p * out].

/// Samples per canonical chunk: partial sums over the batch are kept per lane of 8.
inline constexpr std::ptrdiff_t kChunk = 8;

enum class Fused { None, Relu };

/// Z = W A + b 1ᵀ, then relu if asked (relu(z) = 0 for z ≤ 0, NaN stays NaN). Z is (out × n),
/// A is (in × n). Each Z(i, c) is b_i + W(i,0) A(0,c) + W(i,1) A(1,c) + … in that order.
void forward(const double* w,
             const double* bias,
             const double* a,
             std::ptrdiff_t aStride,
             double* z,
             std::ptrdiff_t zStride,
             std::ptrdiff_t out,
             std::ptrdiff_t in,
             std::ptrdiff_t n,
             Fused fused);

/// D = Wᵀ Δ: D is (in × n), Δ is (out × n). Each D(p, c) is W(0,p) Δ(0,c) + W(1,p) Δ(1,c) + …
/// in that order. With `reluOutput` (the layer below's relu activations A, laid out like D),
/// relu′ is applied in the same pass: D(p, c) = A(p, c) > 0 ? (Wᵀ Δ)(p, c) : 0, the bits of
/// backwardInput followed by reluBackward.
void backwardInput(const double* w,
                   const double* delta,
                   std::ptrdiff_t deltaStride,
                   double* d,
                   std::ptrdiff_t dStride,
                   std::ptrdiff_t out,
                   std::ptrdiff_t in,
                   std::ptrdiff_t n,
                   const double* reluOutput = nullptr);

/// gW += Δ Aᵀ and gb += Δ 1: sums over the n columns, each as 8 lane partials (lane = column
/// mod 8, accumulated chunk by chunk) reduced by ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)).
void accumulateGradient(const double* delta,
                        std::ptrdiff_t deltaStride,
                        const double* a,
                        std::ptrdiff_t aStride,
                        double* gw,
                        double* gb,
                        std::ptrdiff_t out,
                        std::ptrdiff_t in,
                        std::ptrdiff_t n);

/// D ← D ⊙ 1[A > 0] (relu′ through the stored output; 0 at z = 0, TensorFlow's convention).
void reluBackward(const double* a, double* d, std::ptrdiff_t count);

/// Keras Adam, element-wise over n parameters (optimizers.h has the formulas):
///   m += (g − m) c1,  v += (g² − v) c2,  w −= α m / (√v + ε).
void adam(double* w,
          double* m,
          double* v,
          const double* g,
          std::ptrdiff_t n,
          double c1,
          double c2,
          double alpha,
          double epsilon);

/// True when every x[0 … n) is finite (a sum of 0·x: one vector pass, no branch per element).
bool allFinite(const double* x, std::ptrdiff_t n);

}  // namespace losslab::dense
