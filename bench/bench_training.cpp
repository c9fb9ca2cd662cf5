// SPDX-License-Identifier: GPL-3.0-or-later
// Training throughput on seed 003's workload: 1,000 samples of y = 5 Σ x (4 features), Dense
// 4-16-32-1 with relu, Glorot-uniform weights, Keras MSE, Adam (Keras defaults), batch 32,
// float64, every sample trained each epoch (no validation split, as in the seed's fit call).
// bench/pytorch_training.py runs the same model and loop in PyTorch; the README records both.
//
// Counters: epochs/s (and steps/s). "train" is the bare loop PyTorch also runs;
// "train+metrics" adds loss/MAE/RMSE/R² on the whole set after every epoch, as the GUI does.
//
// The FMA bound, in the same run: fma_bound = epochs/s if every multiply-add of the network ran
// at this core's measured FMA peak (bench/fma_peak.h); of_bound = epochs/s ÷ fma_bound. Both
// rates are in this thread's CPU time (Google Benchmark's rate counters use CPU time too), so
// other jobs sharing the cores slow neither side. bench/pytorch_training.py runs this program
// and PyTorch in one go and prints the bound, the fraction and the ratio to PyTorch.
#include <benchmark/benchmark.h>

#include <algorithm>

#include "bench/fma_peak.h"
#include "core/engine/loss_registry.h"
#include "core/engine/simd.h"
#include "core/training/landscape.h"
#include "core/training/trainer.h"

namespace {

// Multiply-adds of one sample through 4-16-32-1: forward 4·16 + 16·32 + 32·1 = 608, the weight
// gradients as many, the input deltas of layers 2 and 3 16·32 + 32·1 = 544; 2 flops each.
constexpr double kFlopsPerEpoch = 2.0 * (608 + 608 + 544) * 1000;

/// Epochs per second if every flop of the network ran at this core's FMA peak (same run).
double fmaBoundEpochsPerSecond() {
  static const double bound =
      losslab::bench::fmaPeakGflops(losslab::bench::Clock::ThreadCpu) * 1e9 / kFlopsPerEpoch;
  return bound;
}

losslab::TrainOptions seedOptions(bool metrics) {
  losslab::TrainOptions options;
  options.batchSize = 32;
  options.validationSplit = 0;
  options.optimizer.kind = losslab::OptimizerKind::Adam;  // lr 0.001, β 0.9/0.999, ε 1e-7
  options.computeMetrics = metrics;
  return options;
}

void seedEpochs(benchmark::State& state, bool metrics, const char* lossId) {
  const double bound = fmaBoundEpochsPerSecond();
  const losslab::Dataset data = losslab::makeDataset({});  // seed_sum, 1,000 samples, seed 3
  losslab::Trainer trainer(data, losslab::MlpOptions{},
                           losslab::LossRegistry::instance().create(lossId), seedOptions(metrics));
  trainer.runEpoch();  // warm-up: first-touch of buffers, Eigen's cache-size query
  double sink = 0;
  const double cpuStart = losslab::bench::threadCpuSeconds();
  for (auto _ : state) {
    const losslab::EpochReport report = trainer.runEpoch();
    sink += report.loss;
    if (report.diverged) {
      state.SkipWithError(report.message.c_str());
      break;
    }
  }
  const double cpuSeconds = losslab::bench::threadCpuSeconds() - cpuStart;
  benchmark::DoNotOptimize(sink);
  const auto epochs = static_cast<double>(state.iterations());
  state.counters["epochs/s"] = benchmark::Counter(epochs, benchmark::Counter::kIsRate);
  state.counters["steps/s"] = benchmark::Counter(epochs * 32, benchmark::Counter::kIsRate);
  state.counters["fma_bound"] = bound;
  state.counters["of_bound"] = bound > 0 && cpuSeconds > 0 ? epochs / cpuSeconds / bound : 0;
  state.SetLabel(losslab::simd::isaName(losslab::simd::activeIsa()));
}

/// After ≈ 9,600 steps (300 epochs): dead units' Adam moments are subnormal by then; with
/// flush-to-zero off this is where the speed used to halve.
void seedLateEpochs(benchmark::State& state, bool flush) {
  const losslab::Dataset data = losslab::makeDataset({});
  losslab::TrainOptions options = seedOptions(false);
  options.flushDenormals = flush;
  losslab::Trainer trainer(data, losslab::MlpOptions{},
                           losslab::LossRegistry::instance().create("mean_squared_error"), options);
  for (int epoch = 0; epoch < 300; ++epoch) {
    trainer.runEpoch();
  }
  double sink = 0;
  for (auto _ : state) {
    sink += trainer.runEpoch().loss;
  }
  benchmark::DoNotOptimize(sink);
  state.counters["epochs/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void seedStep(benchmark::State& state) {
  const losslab::Dataset data = losslab::makeDataset({});
  losslab::Trainer trainer(data, losslab::MlpOptions{},
                           losslab::LossRegistry::instance().create("mean_squared_error"),
                           seedOptions(false));
  trainer.runEpoch();
  double sink = 0;
  for (auto _ : state) {
    sink += trainer.step().loss;
  }
  benchmark::DoNotOptimize(sink);
}

/// The exact (w, b) landscape of issue 12: a 101 × 101 grid of Huber on 1,000 linear samples.
void linearLandscape(benchmark::State& state) {
  losslab::DatasetOptions options;
  options.kind = losslab::DatasetKind::Linear;
  options.samples = 1000;
  const losslab::Dataset data = losslab::makeDataset(options);
  const losslab::LossPtr huber = losslab::LossRegistry::instance().create("huber");
  const int threads = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        losslab::linearLandscape(data, *huber, {-2, 4, 101}, {-2, 4, 101}, threads).values.sum());
  }
}

}  // namespace

BENCHMARK(linearLandscape)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(seedEpochs, train_mse, false, "mean_squared_error")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(seedEpochs, train_metrics_mse, true, "mean_squared_error")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(seedEpochs, train_huber, false, "huber")->Unit(benchmark::kMicrosecond);
BENCHMARK(seedStep)->Unit(benchmark::kNanosecond);
BENCHMARK_CAPTURE(seedLateEpochs, after_300_epochs_ftz, true)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(seedLateEpochs, after_300_epochs_no_ftz, false)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
