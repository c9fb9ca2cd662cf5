// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace losslab::simd {

/// The instruction sets LossLab has kernels for. The shipped binary is baseline x86-64 (SSE2);
/// the training kernels (core/training/dense_kernels.h) and the fused element-wise loss pass
/// (elementwise_loss.h) also have AVX2 and AVX-512 versions, picked once at
/// start-up from what the processor reports (__builtin_cpu_supports).
///
/// Reproducibility: every version performs the same IEEE operations in the same order on the
/// same 8-element chunks — mul and add kept separate (no fused multiply-add: -ffp-contract=off),
/// partial sums over 8 lanes reduced by one fixed tree — so all versions give the same bits.
/// A run on an AVX-512 machine and one on a baseline machine agree exactly.
enum class Isa { Baseline, Avx2, Avx512 };

/// The best instruction set this processor supports.
Isa detectedIsa();
/// The instruction set the kernels use: detectedIsa(), lowered by the environment variable
/// LOSSLAB_ISA=baseline|avx2|avx512 (never raised above what the processor has) or by setIsa().
Isa activeIsa();
/// Tests and benchmarks: use `isa` (clamped to detectedIsa()); returns what is now active.
Isa setIsa(Isa isa);
std::string isaName(Isa isa);  // "baseline", "avx2", "avx512"

/// Flush-to-zero and denormals-are-zero for the calling thread while it lives (MXCSR bits 15
/// and 6), restored on destruction. Training sets it: after thousands of Adam steps the first
/// moments of dead ReLU units decay into subnormal numbers (≈ 1e-320), whose arithmetic is
/// 10–100× slower on x86 and halved the training speed. Flushing them changes parameters by at
/// most the subnormal magnitudes themselves (|Δw| ≲ lr · 1e-308 / ε), far below any tolerance.
class ScopedFlushDenormals {
 public:
  ScopedFlushDenormals();
  ~ScopedFlushDenormals();
  ScopedFlushDenormals(const ScopedFlushDenormals&) = delete;
  ScopedFlushDenormals& operator=(const ScopedFlushDenormals&) = delete;

 private:
  unsigned m_saved = 0;
};

namespace detail {
// flatten: everything f() calls is inlined into the instantiation, so it is compiled for that
// instruction set (an out-of-line call would run the baseline code).
template <class F>
[[gnu::flatten]] auto runBaseline(const F& f) {
  return f();
}
#if defined(__x86_64__)
template <class F>
[[gnu::target("avx2"), gnu::flatten]] auto runAvx2(const F& f) {
  return f();
}
template <class F>
[[gnu::target("avx512f,avx512dq"), gnu::flatten]] auto runAvx512(const F& f) {
  return f();
}
#endif
}  // namespace detail

/// Runs f() compiled for activeIsa(): f and all it calls inline (keep them small and free of
/// libm calls, e.g. vector_math.h), then GCC and clang vectorise its loops at that width. The
/// result does not depend on the width when f's code has no fused multiply-add (the project
/// builds with -ffp-contract=off) and reduces in a fixed order.
template <class F>
auto run(const F& f) {
#if defined(__x86_64__)
  switch (activeIsa()) {
    case Isa::Avx512:
      return detail::runAvx512(f);
    case Isa::Avx2:
      return detail::runAvx2(f);
    case Isa::Baseline:
      break;
  }
#endif
  return detail::runBaseline(f);
}

}  // namespace losslab::simd
