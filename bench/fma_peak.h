// SPDX-License-Identifier: GPL-3.0-or-later
// The FMA bound: this core's peak double-precision rate, measured in the same run as the
// training benchmark so that "fraction of the FMA bound" is a ratio of two measurements on the
// same machine. Twelve independent fused multiply-add chains of the widest vectors the processor
// has (AVX-512: 8 doubles, AVX2: 4; SSE2 has no FMA, so there it is mul + add) hide the FMA
// latency and keep both FMA pipes busy.
//
// Clocks: wall time by default; Clock::ThreadCpu times only what this thread ran, so that other
// jobs on the same cores (a shared build machine) do not deflate the peak. bench_training times
// both the peak and the training loop in thread CPU time, as Google Benchmark's CPU column does.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace losslab::bench {

#if defined(__x86_64__)
__attribute__((target("avx512f"))) inline double fmaLoop512(std::int64_t iterations) {
  __m512d acc[12];
  const __m512d a = _mm512_set1_pd(0.999999);
  const __m512d b = _mm512_set1_pd(1e-9);
  for (auto& x : acc) {
    x = _mm512_set1_pd(1.0);
  }
  for (std::int64_t k = 0; k < iterations; ++k) {
    for (auto& x : acc) {
      x = _mm512_fmadd_pd(x, a, b);
    }
  }
  __m512d sum = acc[0];
  for (int j = 1; j < 12; ++j) {
    sum = _mm512_add_pd(sum, acc[j]);
  }
  double out[8];
  _mm512_storeu_pd(out, sum);  // (GCC 12's _mm512_reduce_add_pd trips -Wuninitialized)
  return out[0] + out[1] + out[2] + out[3] + out[4] + out[5] + out[6] + out[7];
}

__attribute__((target("avx2,fma"))) inline double fmaLoop256(std::int64_t iterations) {
  __m256d acc[12];
  const __m256d a = _mm256_set1_pd(0.999999);
  const __m256d b = _mm256_set1_pd(1e-9);
  for (auto& x : acc) {
    x = _mm256_set1_pd(1.0);
  }
  for (std::int64_t k = 0; k < iterations; ++k) {
    for (auto& x : acc) {
      x = _mm256_fmadd_pd(x, a, b);
    }
  }
  double out[4];
  __m256d sum = acc[0];
  for (int j = 1; j < 12; ++j) {
    sum = _mm256_add_pd(sum, acc[j]);
  }
  _mm256_storeu_pd(out, sum);
  return out[0] + out[1] + out[2] + out[3];
}
#endif

enum class Clock { Wall, ThreadCpu };

/// Seconds of CPU time the calling thread has used.
inline double threadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

/// Seconds on `clock` (steady wall clock or this thread's CPU time).
inline double clockSeconds(Clock clock) {
  if (clock == Clock::ThreadCpu) {
    return threadCpuSeconds();
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

/// Peak GFLOP/s of one core (2 flops per lane per FMA), best of five windows of 24M vector FMAs.
inline double fmaPeakGflops(Clock clock = Clock::Wall) {
  int lanes = 0;
  double (*loop)(std::int64_t) = nullptr;
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    lanes = 8;
    loop = fmaLoop512;
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    lanes = 4;
    loop = fmaLoop256;
  }
#endif
  if (!loop) {
    return 0;
  }
  constexpr std::int64_t kIterations = 2'000'000;
  double best = 0;
  volatile double sink = 0;
  for (int window = 0; window < 5; ++window) {
    const double start = clockSeconds(clock);
    sink = sink + loop(kIterations);
    const double seconds = clockSeconds(clock) - start;
    const double flops = 2.0 * lanes * 12.0 * static_cast<double>(kIterations);
    best = std::max(best, flops / seconds / 1e9);
  }
  return best;
}

}  // namespace losslab::bench
