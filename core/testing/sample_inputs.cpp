// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/testing/sample_inputs.h"

#include <algorithm>
#include <cmath>

namespace losslab {

namespace {

double uniform(std::mt19937& rng, double lo, double hi) {
  return std::uniform_real_distribution<double>(lo, hi)(rng);
}

/// Rows in (0, 1) summing to 1: every entry at least 0.2/(0.2 + (K − 1)) of its row.
Tensor probabilityRows(int rows, int cols, std::mt19937& rng) {
  Tensor t(rows, cols);
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < cols; ++j) {
      t(i, j) = uniform(rng, 0.2, 1.0);
    }
    t.row(i) /= t.row(i).sum();
  }
  return t;
}

}  // namespace

Tensor sampleValues(Values values, int rows, int cols, int classes, std::mt19937& rng) {
  Tensor t(rows, cols);
  auto fill = [&](auto draw) {
    for (Eigen::Index k = 0; k < t.size(); ++k) {
      t.data()[k] = draw();
    }
  };
  auto coin = [&] { return std::uniform_int_distribution<int>(0, 1)(rng); };
  switch (values) {
    case Values::Real:
      fill([&] { return uniform(rng, -2, 2); });
      break;
    case Values::Positive:
      fill([&] { return uniform(rng, 0.2, 3); });
      break;
    case Values::NonNegative:
      fill([&] { return uniform(rng, 0, 3); });
      break;
    case Values::Probability:
      fill([&] { return uniform(rng, 0.05, 0.95); });
      break;
    case Values::ProbabilityRow:
      t = probabilityRows(rows, cols, rng);
      break;
    case Values::LogProbability:
      t = probabilityRows(rows, cols, rng).log();
      break;
    case Values::Binary:
      fill([&] { return static_cast<double>(coin()); });
      break;
    case Values::PlusMinusOne:
      fill([&] { return coin() ? 1.0 : -1.0; });
      break;
    case Values::ClassIndex:
      fill([&] {
        return static_cast<double>(std::uniform_int_distribution<int>(0, classes - 1)(rng));
      });
      break;
    case Values::OneHot:
      t.setZero();
      for (int i = 0; i < rows; ++i) {
        t(i, std::uniform_int_distribution<int>(0, cols - 1)(rng)) = 1;
      }
      break;
  }
  return t;
}

EvalRequest sampleRequest(const LossInfo& info,
                          const ParamValues& params,
                          std::mt19937& rng,
                          const SampleShape& shape) {
  const InputDomain domain = info.facts.inputs(params);
  const int cols = domain.columns > 0 ? domain.columns : std::max(shape.cols, domain.minColumns);
  EvalRequest request;
  request.yPred = RankedTensor{sampleValues(domain.prediction, shape.rows, cols, cols, rng), 2};
  switch (info.target) {
    case TargetKind::SameShape:
      request.yTrue = RankedTensor{sampleValues(domain.target, shape.rows, cols, cols, rng), 2};
      break;
    case TargetKind::ClassIndex:
      request.yTrue = RankedTensor{sampleValues(domain.target, shape.rows, 1, cols, rng), 2};
      break;
    case TargetKind::None:
      break;
  }
  for (const ExtraDomain& extra : domain.extras) {
    if (extra.optional && !shape.optionalExtras) {
      continue;
    }
    const int extraCols = extra.columns > 0 ? extra.columns : cols;
    request.extras[extra.name] = RankedTensor{
        sampleValues(extra.values, extra.oneRow ? 1 : shape.rows, extraCols, extraCols, rng), 2};
  }
  return request;
}

}  // namespace losslab
