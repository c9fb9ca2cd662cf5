// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/simd.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#define LOSSLAB_X86 1
#endif

namespace losslab::simd {

namespace {

Isa detect() {
#if LOSSLAB_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")) {
    return Isa::Avx512;
  }
  if (__builtin_cpu_supports("avx2")) {
    return Isa::Avx2;
  }
#endif
  return Isa::Baseline;
}

Isa fromEnvironment(Isa detected) {
  const char* wanted = std::getenv("LOSSLAB_ISA");
  if (!wanted) {
    return detected;
  }
  Isa isa = detected;
  if (std::strcmp(wanted, "baseline") == 0) {
    isa = Isa::Baseline;
  } else if (std::strcmp(wanted, "avx2") == 0) {
    isa = Isa::Avx2;
  }
  return isa < detected ? isa : detected;
}

std::atomic<Isa>& active() {
  static std::atomic<Isa> isa{fromEnvironment(detectedIsa())};
  return isa;
}

}  // namespace

Isa detectedIsa() {
  static const Isa isa = detect();
  return isa;
}

Isa activeIsa() {
  return active().load(std::memory_order_relaxed);
}

Isa setIsa(Isa isa) {
  const Isa clamped = isa < detectedIsa() ? isa : detectedIsa();
  active().store(clamped, std::memory_order_relaxed);
  return clamped;
}

std::string isaName(Isa isa) {
  switch (isa) {
    case Isa::Baseline:
      return "baseline";
    case Isa::Avx2:
      return "avx2";
    case Isa::Avx512:
      return "avx512";
  }
  return "?";
}

#if LOSSLAB_X86
// MXCSR: FTZ (bit 15) flushes subnormal results, DAZ (bit 6) reads subnormal inputs as zero.
constexpr unsigned kFlushToZero = 1u << 15;
constexpr unsigned kDenormalsAreZero = 1u << 6;

ScopedFlushDenormals::ScopedFlushDenormals() : m_saved(_mm_getcsr()) {
  _mm_setcsr(m_saved | kFlushToZero | kDenormalsAreZero);
}
ScopedFlushDenormals::~ScopedFlushDenormals() {
  _mm_setcsr(m_saved);
}
#else
ScopedFlushDenormals::ScopedFlushDenormals() = default;
ScopedFlushDenormals::~ScopedFlushDenormals() = default;
#endif

}  // namespace losslab::simd
