// SPDX-License-Identifier: GPL-3.0-or-later
// One source, three instruction sets. The kernels are templates on the native vector width W
// (doubles per register: 2 for SSE2, 4 for AVX2, 8 for AVX-512), written with GCC/Clang vector
// extensions and instantiated inside functions compiled with target("avx2") / target("avx512f")
// beside the baseline ones; `simd::activeIsa()` picks a table of them once. The templates are
// always_inline and in an anonymous namespace, so no out-of-line copy compiled for one ISA can
// be linked in place of another's (the ODR trap of per-ISA code).
//
// Every version does the same operations per sample lane: products and sums kept apart (this
// file is compiled with -ffp-contract=off), sums over the batch in 8-lane partials with one fixed
// reduction tree. That is what makes AVX-512, AVX2 and baseline results bit-identical.
#include "core/training/dense_kernels.h"

#include <cmath>
#include <cstring>

#include "core/engine/simd.h"

// The vector helpers below pass 32- and 64-byte vectors by value. They are always inlined and
// internal, so the calling-convention change GCC warns about can never be observed.
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wpsabi"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace losslab::dense {

namespace {

using Index = std::ptrdiff_t;

template <int W>
struct Vec {
  // The typedef form: GCC drops a vector_size attribute written in an alias-declaration.
  typedef double type __attribute__((vector_size(W * sizeof(double))));
  static_assert(sizeof(type) == W * sizeof(double));
};

template <int W>
using V = typename Vec<W>::type;

template <int W>
[[gnu::always_inline]] inline V<W> load(const double* p) {
  V<W> v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <int W>
[[gnu::always_inline]] inline void store(double* p, V<W> v) {
  std::memcpy(p, &v, sizeof v);
}

/// x in every lane, as 0 + x (so −0 becomes +0, which training never produces: weights start
/// nonzero, biases at +0, and w − δ is −0 only for w = −0). GCC 12 compiles this to one add and
/// one broadcast; an initialiser list, a lane loop or x − 0 made it assemble the vector through
/// the stack and the whole epoch 1.7–2.7× slower (bench_training).
template <int W>
[[gnu::always_inline]] inline V<W> splat(double x) {
  return V<W>{} + x;
}

/// relu with NaN kept: (z ≤ 0) ? 0 : z.
template <int W>
[[gnu::always_inline]] inline V<W> relu(V<W> z) {
  return z <= 0.0 ? V<W>{} : z;
}

/// A matrix read element by element: (r, c) at data[r · rowStride + c · colStride].
struct Strided {
  const double* data;
  Index rowStride;
  Index colStride;
  double operator()(Index r, Index c) const { return data[r * rowStride + c * colStride]; }
};

/// C rows i0 … i0+R, columns c0 … c0+T·W: C(i, c) = [bias_i +] Σ_p M(i, p) B(p, c), p in
/// order — the outer-product micro-kernel: R × T accumulators, each B row loaded once per tile.
/// With `mask` (same layout as C), C(i, c) is stored as 0 where mask(i, c) > 0 does not hold.
template <int W, int R, int T>
[[gnu::always_inline]] inline void broadcastTile(Strided m,
                                                 const double* bias,
                                                 const double* b,
                                                 Index bStride,
                                                 double* c,
                                                 Index cStride,
                                                 Index i0,
                                                 Index c0,
                                                 Index k,
                                                 Fused fused,
                                                 const double* mask) {
  V<W> acc[R][T];
  for (int r = 0; r < R; ++r) {
    const V<W> start = bias ? splat<W>(bias[i0 + r]) : V<W>{};
    for (int t = 0; t < T; ++t) {
      acc[r][t] = start;
    }
  }
  for (Index p = 0; p < k; ++p) {
    V<W> row[T];
    for (int t = 0; t < T; ++t) {
      row[t] = load<W>(b + p * bStride + c0 + t * W);
    }
    for (int r = 0; r < R; ++r) {
      const V<W> weight = splat<W>(m(i0 + r, p));
      for (int t = 0; t < T; ++t) {
        acc[r][t] = acc[r][t] + weight * row[t];
      }
    }
  }
  for (int r = 0; r < R; ++r) {
    for (int t = 0; t < T; ++t) {
      const Index at = (i0 + r) * cStride + c0 + t * W;
      V<W> value = fused == Fused::Relu ? relu<W>(acc[r][t]) : acc[r][t];
      if (mask) {
        value = load<W>(mask + at) > 0.0 ? value : V<W>{};
      }
      store<W>(c + at, value);
    }
  }
}

template <int W, int R, int T>
[[gnu::always_inline]] inline void broadcastProduct(Strided m,
                                                    const double* bias,
                                                    const double* b,
                                                    Index bStride,
                                                    double* c,
                                                    Index cStride,
                                                    Index rows,
                                                    Index k,
                                                    Index n,
                                                    Fused fused,
                                                    const double* mask) {
  Index c0 = 0;
  for (; c0 + T * W <= n; c0 += T * W) {
    Index i = 0;
    for (; i + R <= rows; i += R) {
      broadcastTile<W, R, T>(m, bias, b, bStride, c, cStride, i, c0, k, fused, mask);
    }
    for (; i < rows; ++i) {
      broadcastTile<W, 1, T>(m, bias, b, bStride, c, cStride, i, c0, k, fused, mask);
    }
  }
  for (; c0 < n; c0 += W) {
    Index i = 0;
    for (; i + R <= rows; i += R) {
      broadcastTile<W, R, 1>(m, bias, b, bStride, c, cStride, i, c0, k, fused, mask);
    }
    for (; i < rows; ++i) {
      broadcastTile<W, 1, 1>(m, bias, b, bStride, c, cStride, i, c0, k, fused, mask);
    }
  }
}

/// The fixed reduction tree of an 8-lane partial sum (same in every ISA).
[[gnu::always_inline]] inline double reduceLanes(const double* l) {
  return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
}

/// Eight 8-lane partial sums reduced at once, lane j of the result = reduceLanes(p[j]): the same
/// additions of the same operands as the scalar tree, arranged by shuffles so that each step
/// is one vector add (on AVX-512 one register; on AVX2 and SSE2 the compiler splits it).
[[gnu::always_inline]] inline V<8> reduceEight(const V<8> (&p)[8]) {
  // Step 1, lanes 4 apart: (l0+l4, l1+l5, l2+l6, l3+l7) of two partials per vector.
  V<8> h[4];
  for (int j = 0; j < 4; ++j) {
    h[j] = __builtin_shufflevector(p[2 * j], p[2 * j + 1], 0, 1, 2, 3, 8, 9, 10, 11) +
           __builtin_shufflevector(p[2 * j], p[2 * j + 1], 4, 5, 6, 7, 12, 13, 14, 15);
  }
  // Step 2, lanes 2 apart: ((l0+l4)+(l2+l6), (l1+l5)+(l3+l7)) of four partials per vector.
  V<8> g[2];
  for (int j = 0; j < 2; ++j) {
    g[j] = __builtin_shufflevector(h[2 * j], h[2 * j + 1], 0, 1, 4, 5, 8, 9, 12, 13) +
           __builtin_shufflevector(h[2 * j], h[2 * j + 1], 2, 3, 6, 7, 10, 11, 14, 15);
  }
  // Step 3: the two halves of each tree.
  return __builtin_shufflevector(g[0], g[1], 0, 2, 4, 6, 8, 10, 12, 14) +
         __builtin_shufflevector(g[0], g[1], 1, 3, 5, 7, 9, 11, 13, 15);
}

/// gW(i, p) += Σ_c Δ(i, c) A(p, c) for rows i0 … i0+R of Δ and p0 … p0+P of A.
template <int W, int R, int P>
[[gnu::always_inline]] inline void gradientTile(const double* delta,
                                                Index deltaStride,
                                                const double* a,
                                                Index aStride,
                                                double* gw,
                                                Index out,
                                                Index i0,
                                                Index p0,
                                                Index n) {
  constexpr int kLanes = kChunk / W;  // native vectors per 8-lane partial
  V<W> acc[R][P][kLanes] = {};
  for (Index c = 0; c < n; c += kChunk) {
    V<W> av[P][kLanes];
    for (int q = 0; q < P; ++q) {
      for (int u = 0; u < kLanes; ++u) {
        av[q][u] = load<W>(a + (p0 + q) * aStride + c + u * W);
      }
    }
    for (int r = 0; r < R; ++r) {
      for (int u = 0; u < kLanes; ++u) {
        const V<W> dv = load<W>(delta + (i0 + r) * deltaStride + c + u * W);
        for (int q = 0; q < P; ++q) {
          acc[r][q][u] = acc[r][q][u] + dv * av[q][u];
        }
      }
    }
  }
  if constexpr (W == 8 && R == 8) {
    // Column q of the tile is 8 consecutive gW entries: partial r of column q reduced together,
    // lane r of the result added to gW(i0 + r, p0 + q) in one vector add.
    for (int q = 0; q < P; ++q) {
      V<8> partials[8];
      for (int r = 0; r < R; ++r) {
        partials[r] = acc[r][q][0];
      }
      double* g = gw + i0 + (p0 + q) * out;
      store<8>(g, load<8>(g) + reduceEight(partials));
    }
  } else if constexpr (R * P == 8 && W == 8) {
    // Partial j = q·R + r, so each column q of the tile is R consecutive results.
    V<8> partials[8];
    for (int q = 0; q < P; ++q) {
      for (int r = 0; r < R; ++r) {
        partials[q * R + r] = acc[r][q][0];
      }
    }
    double sums[kChunk] = {};
    store<8>(sums, reduceEight(partials));
    if (R == 1 && out == 1) {
      // One output unit: gW(0, p0 … p0+7) are consecutive too.
      store<8>(gw + i0 + p0, load<8>(gw + i0 + p0) + load<8>(sums));
    } else {
      for (int q = 0; q < P; ++q) {
        for (int r = 0; r < R; ++r) {
          gw[(i0 + r) + (p0 + q) * out] += sums[q * R + r];
        }
      }
    }
  } else {
    for (int r = 0; r < R; ++r) {
      for (int q = 0; q < P; ++q) {
        double lanes[kChunk] = {};
        for (int u = 0; u < kLanes; ++u) {
          store<W>(lanes + u * W, acc[r][q][u]);
        }
        gw[(i0 + r) + (p0 + q) * out] += reduceLanes(lanes);
      }
    }
  }
}

/// The gradient of one layer in tiles of R × P outputs. With AVX-512 the partials of an 8 × 2
/// tile sit in 16 registers and each column's 8 are reduced together (reduceEight) straight into
/// 8 consecutive gW entries (then 4 × 2 and 1 × 8 tiles for the rows left); narrower registers
/// hold fewer partials, so their tiles are 2 × 2 reduced one by one — the same tree either way.
template <int W>
[[gnu::always_inline]] inline void gradientProduct(const double* delta,
                                                   Index deltaStride,
                                                   const double* a,
                                                   Index aStride,
                                                   double* gw,
                                                   double* gb,
                                                   Index out,
                                                   Index in,
                                                   Index n) {
  constexpr int R = W == 8 ? 4 : 2;
  constexpr int P = 2;
  Index i = 0;
  if constexpr (W == 8) {
    for (; i + 8 <= out; i += 8) {
      Index p = 0;
      for (; p + P <= in; p += P) {
        gradientTile<W, 8, P>(delta, deltaStride, a, aStride, gw, out, i, p, n);
      }
      for (; p < in; ++p) {
        gradientTile<W, 8, 1>(delta, deltaStride, a, aStride, gw, out, i, p, n);
      }
    }
  }
  for (; i + R <= out; i += R) {
    Index p = 0;
    for (; p + P <= in; p += P) {
      gradientTile<W, R, P>(delta, deltaStride, a, aStride, gw, out, i, p, n);
    }
    for (; p < in; ++p) {
      gradientTile<W, R, 1>(delta, deltaStride, a, aStride, gw, out, i, p, n);
    }
  }
  for (; i < out; ++i) {
    Index p = 0;
    if constexpr (W == 8) {
      for (; p + 8 <= in; p += 8) {
        gradientTile<W, 1, 8>(delta, deltaStride, a, aStride, gw, out, i, p, n);
      }
    }
    for (; p < in; ++p) {
      gradientTile<W, 1, 1>(delta, deltaStride, a, aStride, gw, out, i, p, n);
    }
  }
  // gb(i) += Σ_c Δ(i, c): the same lane partials and tree (with AVX-512, 8 rows at a time).
  constexpr int kLanes = kChunk / W;
  Index r = 0;
  if constexpr (W == 8) {
    for (; r + 8 <= out; r += 8) {
      V<8> acc[8] = {};
      for (Index c = 0; c < n; c += kChunk) {
        for (int j = 0; j < 8; ++j) {
          acc[j] = acc[j] + load<8>(delta + (r + j) * deltaStride + c);
        }
      }
      store<8>(gb + r, load<8>(gb + r) + reduceEight(acc));
    }
  }
  for (; r < out; ++r) {
    V<W> acc[kLanes] = {};
    for (Index c = 0; c < n; c += kChunk) {
      for (int u = 0; u < kLanes; ++u) {
        acc[u] = acc[u] + load<W>(delta + r * deltaStride + c + u * W);
      }
    }
    double lanes[kChunk] = {};
    for (int u = 0; u < kLanes; ++u) {
      store<W>(lanes + u * W, acc[u]);
    }
    gb[r] += reduceLanes(lanes);
  }
}

template <int W>
[[gnu::always_inline]] inline void reluMask(const double* a, double* d, Index count) {
  Index k = 0;
  for (; k + W <= count; k += W) {
    const V<W> av = load<W>(a + k);
    store<W>(d + k, av > 0.0 ? load<W>(d + k) : V<W>{});
  }
  for (; k < count; ++k) {
    d[k] = a[k] > 0.0 ? d[k] : 0.0;
  }
}

// Keras Adam's three lines per element. sqrt and division are correctly rounded in every ISA,
// so the vector and scalar paths give the same bits. Each of g, m, v, w is loaded once and
// stored once per vector (the compiler cannot know the four arrays do not overlap and would
// reload m and v after storing them).
template <int W>
[[gnu::always_inline]] inline void adamLoop(double* w,
                                            double* m,
                                            double* v,
                                            const double* g,
                                            Index n,
                                            double c1,
                                            double c2,
                                            double alpha,
                                            double epsilon) {
  const V<W> c1v = splat<W>(c1);
  const V<W> c2v = splat<W>(c2);
  const V<W> alphav = splat<W>(alpha);
  const V<W> epsv = splat<W>(epsilon);
  Index i = 0;
  for (; i + W <= n; i += W) {
    const V<W> gi = load<W>(g + i);
    V<W> mi = load<W>(m + i);
    V<W> vi = load<W>(v + i);
    mi = mi + (gi - mi) * c1v;
    vi = vi + (gi * gi - vi) * c2v;
    V<W> root;
    for (int j = 0; j < W; ++j) {
      root[j] = std::sqrt(vi[j]);  // one vsqrtpd: -fno-math-errno, no libm call
    }
    store<W>(m + i, mi);
    store<W>(v + i, vi);
    store<W>(w + i, load<W>(w + i) - alphav * mi / (root + epsv));
  }
  for (; i < n; ++i) {
    m[i] += (g[i] - m[i]) * c1;
    v[i] += (g[i] * g[i] - v[i]) * c2;
    w[i] -= alpha * m[i] / (std::sqrt(v[i]) + epsilon);
  }
}

/// Σ 0·x over 4 vector partials: 0 while every x is finite, NaN as soon as one is not.
template <int W>
[[gnu::always_inline]] inline bool finiteLoop(const double* x, Index n) {
  V<W> acc[4] = {};
  Index i = 0;
  for (; i + 4 * W <= n; i += 4 * W) {
    for (int u = 0; u < 4; ++u) {
      acc[u] = acc[u] + load<W>(x + i + u * W) * 0.0;
    }
  }
  double sum = 0;
  for (; i < n; ++i) {
    sum = sum + x[i] * 0.0;
  }
  const V<W> total = (acc[0] + acc[1]) + (acc[2] + acc[3]);
  for (int j = 0; j < W; ++j) {
    sum = sum + total[j];
  }
  return sum == 0.0;
}

// ---- one table of kernels per instruction set -------------------------------------------------
// Tile sizes (R rows × T vectors): a tile spans the seed batch of 32 samples (T·W = 32 with
// AVX-512) and R divides the seed widths 16 and 32, so no edge tiles run; accumulators and the
// T loaded vectors fit the register file (16 XMM/YMM, 32 ZMM).

struct Kernels {
  void (*forward)(const double*,
                  const double*,
                  const double*,
                  Index,
                  double*,
                  Index,
                  Index,
                  Index,
                  Index,
                  Fused);
  void (*backwardInput)(
      const double*, const double*, Index, double*, Index, Index, Index, Index, const double*);
  void (*gradient)(
      const double*, Index, const double*, Index, double*, double*, Index, Index, Index);
  void (*relu)(const double*, double*, Index);
  void (*adam)(double*, double*, double*, const double*, Index, double, double, double, double);
  bool (*finite)(const double*, Index);
};

#define LOSSLAB_DENSE_KERNELS(SUFFIX, TARGET, W, R, T)                                             \
  TARGET void forward##SUFFIX(const double* w, const double* bias, const double* a, Index as,      \
                              double* z, Index zs, Index out, Index in, Index n, Fused f) {        \
    broadcastProduct<W, R, T>({w, 1, out}, bias, a, as, z, zs, out, in, n, f, nullptr);            \
  }                                                                                                \
  TARGET void backwardInput##SUFFIX(const double* w, const double* delta, Index ds, double* d,     \
                                    Index dst, Index out, Index in, Index n, const double* mask) { \
    broadcastProduct<W, R, T>({w, out, 1}, nullptr, delta, ds, d, dst, in, out, n, Fused::None,    \
                              mask);                                                               \
  }                                                                                                \
  TARGET void gradient##SUFFIX(const double* delta, Index ds, const double* a, Index as,           \
                               double* gw, double* gb, Index out, Index in, Index n) {             \
    gradientProduct<W>(delta, ds, a, as, gw, gb, out, in, n);                                      \
  }                                                                                                \
  TARGET void relu##SUFFIX(const double* a, double* d, Index count) {                              \
    reluMask<W>(a, d, count);                                                                      \
  }                                                                                                \
  TARGET void adam##SUFFIX(double* w, double* m, double* v, const double* g, Index n, double c1,   \
                           double c2, double alpha, double eps) {                                  \
    adamLoop<W>(w, m, v, g, n, c1, c2, alpha, eps);                                                \
  }                                                                                                \
  TARGET bool finite##SUFFIX(const double* x, Index n) {                                           \
    return finiteLoop<W>(x, n);                                                                    \
  }                                                                                                \
  constexpr Kernels kKernels##SUFFIX = {forward##SUFFIX, backwardInput##SUFFIX, gradient##SUFFIX,  \
                                        relu##SUFFIX,    adam##SUFFIX,          finite##SUFFIX};

#define LOSSLAB_NO_TARGET
LOSSLAB_DENSE_KERNELS(Baseline, LOSSLAB_NO_TARGET, 2, 2, 4)
#if defined(__x86_64__)
LOSSLAB_DENSE_KERNELS(Avx2, __attribute__((target("avx2"))), 4, 3, 4)
LOSSLAB_DENSE_KERNELS(Avx512, __attribute__((target("avx512f,avx512dq"))), 8, 4, 4)
#endif

const Kernels& kernels() {
#if defined(__x86_64__)
  switch (simd::activeIsa()) {
    case simd::Isa::Avx512:
      return kKernelsAvx512;
    case simd::Isa::Avx2:
      return kKernelsAvx2;
    case simd::Isa::Baseline:
      break;
  }
#endif
  return kKernelsBaseline;
}

}  // namespace

void forward(const double* w,
             const double* bias,
             const double* a,
             std::ptrdiff_t aStride,
             double* z,
             std::ptrdiff_t zStride,
             std::ptrdiff_t out,
             std::ptrdiff_t in,
             std::ptrdiff_t n,
             Fused fused) {
  kernels().forward(w, bias, a, aStride, z, zStride, out, in, n, fused);
}

void backwardInput(const double* w,
                   const double* delta,
                   std::ptrdiff_t deltaStride,
                   double* d,
                   std::ptrdiff_t dStride,
                   std::ptrdiff_t out,
                   std::ptrdiff_t in,
                   std::ptrdiff_t n,
                   const double* reluOutput) {
  kernels().backwardInput(w, delta, deltaStride, d, dStride, out, in, n, reluOutput);
}

void accumulateGradient(const double* delta,
                        std::ptrdiff_t deltaStride,
                        const double* a,
                        std::ptrdiff_t aStride,
                        double* gw,
                        double* gb,
                        std::ptrdiff_t out,
                        std::ptrdiff_t in,
                        std::ptrdiff_t n) {
  kernels().gradient(delta, deltaStride, a, aStride, gw, gb, out, in, n);
}

void reluBackward(const double* a, double* d, std::ptrdiff_t count) {
  kernels().relu(a, d, count);
}

void adam(double* w,
          double* m,
          double* v,
          const double* g,
          std::ptrdiff_t n,
          double c1,
          double c2,
          double alpha,
          double epsilon) {
  kernels().adam(w, m, v, g, n, c1, c2, alpha, epsilon);
}

bool allFinite(const double* x, std::ptrdiff_t n) {
  return kernels().finite(x, n);
}

}  // namespace losslab::dense
