// SPDX-License-Identifier: GPL-3.0-or-later
// Value + gradient throughput of element-wise losses against this machine's memory-streaming
// rate, measured in the same run: a STREAM-style triad g = a − b·s moves exactly the bytes a
// fused loss pass moves (read ŷ and y, write the gradient), so bytes/s of the triad is the
// ceiling and loss/triad the fraction of it the engine reaches.
#include <benchmark/benchmark.h>

#include <random>

#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"

namespace {

constexpr Eigen::Index kDefaultElements = 10'000'000;

losslab::Tensor randomColumn(Eigen::Index n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  losslab::Tensor t(n, 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    t(i, 0) = normal(rng);
  }
  return t;
}

void setBytes(benchmark::State& state, Eigen::Index n) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * n * 3 *
                          static_cast<int64_t>(sizeof(double)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * n);
}

void streamTriad(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const losslab::Tensor a = randomColumn(n, 1);
  const losslab::Tensor b = randomColumn(n, 2);
  losslab::Tensor g(n, 1);
  double sum = 0;
  for (auto _ : state) {
    const double* pa = a.data();
    const double* pb = b.data();
    double* pg = g.data();
    for (Eigen::Index k = 0; k < n; ++k) {
      pg[k] = pa[k] - 0.5 * pb[k];
    }
    sum += pg[n - 1];
    benchmark::DoNotOptimize(pg);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(sum);
  setBytes(state, n);
}

void lossValueAndGradient(benchmark::State& state, const char* id) {
  const Eigen::Index n = state.range(0);
  const losslab::Tensor pred = randomColumn(n, 1);
  const losslab::Tensor target = randomColumn(n, 2);
  const losslab::LossPtr loss = losslab::LossRegistry::instance().create(id);
  losslab::LossInputs in;
  in.yPred = &pred;
  in.yTrue = &target;
  losslab::Tensor grad(n, 1);
  const losslab::Reduction reduction = losslab::defaultReduction(loss->info());
  for (auto _ : state) {
    benchmark::DoNotOptimize(loss->valueAndGradient(in, reduction, grad));
    benchmark::ClobberMemory();
  }
  setBytes(state, n);
}

}  // namespace

BENCHMARK(streamTriad)->Arg(kDefaultElements)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(lossValueAndGradient, mse, "mean_squared_error")
    ->Arg(kDefaultElements)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(lossValueAndGradient, huber, "huber")
    ->Arg(kDefaultElements)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(lossValueAndGradient, torch_huber, "torch_huber")
    ->Arg(kDefaultElements)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(lossValueAndGradient, log_cosh, "log_cosh")
    ->Arg(kDefaultElements)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
