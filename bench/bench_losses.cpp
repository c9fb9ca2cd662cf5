// SPDX-License-Identifier: GPL-3.0-or-later
// Value + gradient throughput of every catalogue loss against this machine's memory-streaming
// rate, measured in the same run: a STREAM-style triad g = a − b·s moves exactly the bytes a
// fused element-wise pass moves (read ŷ and y, write the gradient), so "vs triad" = triad time /
// loss time at the same number of ŷ elements is the fraction of the streaming limit the engine
// reaches. The triad runs first and last (drift check); the table uses the faster of the two.
// The FMA peak of one core (bench/fma_peak.h) is printed as the compute anchor.
//
//   build/bench/bench_losses [--elements=N] [--filter=SUBSTRING] [Google Benchmark flags]
//
// Inputs: random values inside each loss's domain (core/testing/sample_inputs.h), one column
// for element-wise losses, rows of 10 classes for class-row losses (N/10 rows), the loss's
// default parameters and default reduction, the training path Loss::valueAndGradient.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "bench/fma_peak.h"
#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"
#include "core/testing/sample_inputs.h"

namespace {

Eigen::Index g_elements = 10'000'000;

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
  const Eigen::Index n = g_elements;
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

/// The inputs of one loss, kept while Google Benchmark calls the same benchmark repeatedly.
struct Prepared {
  std::string id;
  losslab::EvalRequest request;
  losslab::LossInputs in;
  Eigen::Index predElements = 0;
};

const Prepared& prepare(const losslab::LossRegistry::Entry& entry, const losslab::Loss& loss) {
  static Prepared cached;
  if (cached.id == entry.info.id) {
    return cached;
  }
  cached = Prepared{};
  const losslab::InputDomain domain = entry.info.facts.inputs(loss.params());
  const bool classRows = domain.minColumns > 1 || domain.columns > 1;
  const int cols = domain.columns > 0 ? domain.columns : (classRows ? 10 : 1);
  std::mt19937 rng(15);
  losslab::SampleShape shape;
  shape.cols = cols;
  shape.rows = static_cast<int>(g_elements / cols);
  cached.request = losslab::sampleRequest(entry.info, loss.params(), rng, shape);
  cached.id = entry.info.id;
  cached.in.yPred = &cached.request.yPred.values;
  if (cached.request.yTrue) {
    cached.in.yTrue = &cached.request.yTrue->values;
  }
  for (const auto& [name, tensor] : cached.request.extras) {
    cached.in.extras[name] = &tensor.values;
  }
  cached.predElements = cached.request.yPred.values.size();
  return cached;
}

void lossValueAndGradient(benchmark::State& state, const losslab::LossRegistry::Entry* entry) {
  const losslab::LossPtr validated = losslab::LossRegistry::instance().create(entry->info.id);
  const Prepared& prepared = prepare(*entry, *validated);
  losslab::Tensor grad;
  const losslab::Reduction reduction = losslab::defaultReduction(validated->info());
  try {
    validated->valueAndGradient(prepared.in, reduction, grad);  // first touch of grad
    for (auto _ : state) {
      benchmark::DoNotOptimize(validated->valueAndGradient(prepared.in, reduction, grad));
      benchmark::ClobberMemory();
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  setBytes(state, prepared.predElements);
}

/// Google Benchmark's console output, then one table: every loss as a fraction of the triad.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration) {
        continue;
      }
      const std::string name = run.run_name.function_name;
      if (run.error_occurred) {
        m_errors[name] = run.error_message;
        continue;
      }
      const double ms = run.GetAdjustedRealTime();
      auto [it, inserted] = m_best.try_emplace(name, ms);
      if (!inserted) {
        it->second = std::min(it->second, ms);
      }
      if (std::find(m_order.begin(), m_order.end(), name) == m_order.end()) {
        m_order.push_back(name);
      }
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    double triad = 0;
    for (const char* t : {"triad_first", "triad_last"}) {
      if (auto it = m_best.find(t); it != m_best.end()) {
        triad = triad == 0 ? it->second : std::min(triad, it->second);
      }
    }
    std::printf("\nFMA peak of one core (same run): %.1f GFLOP/s\n",
                losslab::bench::fmaPeakGflops());
    std::printf("%lld elements of y_pred; triad = %.2f ms (best of first and last)\n\n",
                static_cast<long long>(g_elements), triad);
    std::printf("| loss | ms (best) | ns / element | vs triad |\n|---|---|---|---|\n");
    for (const std::string& name : m_order) {
      const double ms = m_best[name];
      std::printf("| `%s` | %.2f | %.2f | %.3f |\n", name.c_str(), ms,
                  ms * 1e6 / static_cast<double>(g_elements), triad > 0 ? triad / ms : 0.0);
    }
    for (const auto& [name, message] : m_errors) {
      std::printf("| `%s` | error: %s | | |\n", name.c_str(), message.c_str());
    }
  }

 private:
  std::map<std::string, double> m_best;
  std::map<std::string, std::string> m_errors;
  std::vector<std::string> m_order;
};

}  // namespace

int main(int argc, char** argv) {
  std::string filter;
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--elements=", 11) == 0) {
      g_elements = std::max<Eigen::Index>(100, std::atoll(argv[i] + 11));
    } else if (std::strncmp(argv[i], "--filter=", 9) == 0) {
      filter = argv[i] + 9;
    } else {
      rest.push_back(argv[i]);
    }
  }
  benchmark::RegisterBenchmark("triad_first", streamTriad)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  for (const auto& entry : losslab::LossRegistry::instance().entries()) {
    if (!filter.empty() && entry.info.id.find(filter) == std::string::npos) {
      continue;
    }
    benchmark::RegisterBenchmark(entry.info.id.c_str(), lossValueAndGradient, &entry)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("triad_last", streamTriad)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  int restCount = static_cast<int>(rest.size());
  benchmark::Initialize(&restCount, rest.data());
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
