// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/dataset.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/engine/error.h"
#include "core/training/random.h"

namespace losslab {

namespace {

struct KindName {
  DatasetKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {DatasetKind::SeedSum, "seed_sum"}, {DatasetKind::Linear, "linear"},
    {DatasetKind::Sine, "sine"},        {DatasetKind::Cubic, "cubic"},
    {DatasetKind::Step, "step"},        {DatasetKind::Heteroscedastic, "heteroscedastic"},
};

constexpr double kPi = 3.141592653589793238462643;

// Sub-streams of the user's seed (see makeDataset).
enum Stream : std::uint64_t { kFeatures = 0, kNoise = 1, kOutliers = 2, kLeverage = 3 };

struct Shape {
  Eigen::Index features;
  double lo;
  double hi;
};

Shape shapeOf(DatasetKind kind) {
  switch (kind) {
    case DatasetKind::SeedSum:
      return {4, 0.0, 1.0};
    case DatasetKind::Sine:
      return {1, -kPi, kPi};
    case DatasetKind::Cubic:
      return {1, -1.5, 1.5};
    case DatasetKind::Linear:
    case DatasetKind::Step:
    case DatasetKind::Heteroscedastic:
      break;
  }
  return {1, -1.0, 1.0};
}

double cleanTarget(DatasetKind kind, const Eigen::Ref<const Eigen::VectorXd>& x) {
  switch (kind) {
    case DatasetKind::SeedSum:
      return 5.0 * x.sum();
    case DatasetKind::Linear:
    case DatasetKind::Heteroscedastic:
      return 2.0 * x(0) + 1.0;
    case DatasetKind::Sine:
      return std::sin(x(0));
    case DatasetKind::Cubic:
      return x(0) * x(0) * x(0) - x(0);
    case DatasetKind::Step:
      return x(0) >= 0 ? 1.0 : 0.0;
  }
  return 0;
}

/// The first `count` positions of a partial Fisher–Yates shuffle of 0..n−1, drawing `extra`
/// after each pick (the outliers' sign) so that the stream stays that of the original code.
template <class Extra>
void pickSamples(Rng& rng, Eigen::Index n, Eigen::Index count, Extra&& extra) {
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  for (Eigen::Index k = 0; k < count; ++k) {
    const Eigen::Index j = k + uniformIndex(rng, n - k);
    std::swap(order[static_cast<std::size_t>(k)], order[static_cast<std::size_t>(j)]);
    extra(order[static_cast<std::size_t>(k)]);
  }
}

void checkColumn(const NumericTable& table, Eigen::Index column) {
  if (column < 0 || column >= table.values.cols()) {
    throw Error::usage("column index " + std::to_string(column) +
                       " is out of range (the table has " + std::to_string(table.values.cols()) +
                       " columns)");
  }
}

std::string columnName(const NumericTable& table, Eigen::Index column) {
  if (column < static_cast<Eigen::Index>(table.columns.size())) {
    return table.columns[static_cast<std::size_t>(column)];
  }
  return "column " + std::to_string(column + 1);
}

}  // namespace

double cleanTargetAt(DatasetKind kind, const Eigen::Ref<const Eigen::VectorXd>& x) {
  return cleanTarget(kind, x);
}

Dataset Dataset::subset(const std::vector<Eigen::Index>& indices) const {
  Dataset out;
  out.name = name;
  out.featureNames = featureNames;
  out.targetName = targetName;
  const auto n = static_cast<Eigen::Index>(indices.size());
  out.x.resize(x.rows(), n);
  out.y.resize(n);
  if (clean.size() > 0) {
    out.clean.resize(n);
  }
  std::vector<char> isOutlier(static_cast<std::size_t>(size()), 0);
  for (Eigen::Index i : outliers) {
    isOutlier[static_cast<std::size_t>(i)] = 1;
  }
  for (Eigen::Index k = 0; k < n; ++k) {
    const Eigen::Index i = indices[static_cast<std::size_t>(k)];
    if (i < 0 || i >= size()) {
      throw Error::usage("sample index " + std::to_string(i) + " is out of range");
    }
    out.x.col(k) = x.col(i);
    out.y(k) = y(i);
    if (clean.size() > 0) {
      out.clean(k) = clean(i);
    }
    if (isOutlier[static_cast<std::size_t>(i)]) {
      out.outliers.push_back(k);
    }
  }
  return out;
}

std::string datasetName(DatasetKind kind) {
  for (const auto& entry : kKindNames) {
    if (entry.kind == kind) {
      return entry.name;
    }
  }
  return "?";
}

std::string outlierSideName(OutlierSide side) {
  switch (side) {
    case OutlierSide::Up:
      return "up";
    case OutlierSide::Down:
      return "down";
    case OutlierSide::Both:
      break;
  }
  return "both";
}

OutlierSide parseOutlierSide(const std::string& name) {
  for (const OutlierSide side : {OutlierSide::Both, OutlierSide::Up, OutlierSide::Down}) {
    if (name == outlierSideName(side)) {
      return side;
    }
  }
  throw Error::usage("unknown outlier side '" + name + "' (expected both, up or down)");
}

DatasetKind parseDatasetKind(const std::string& name) {
  for (const auto& entry : kKindNames) {
    if (name == entry.name) {
      return entry.kind;
    }
  }
  throw Error::usage("unknown data set '" + name +
                     "' (expected seed_sum, linear, sine, cubic, step or heteroscedastic)");
}

Dataset makeDataset(const DatasetOptions& options) {
  const Eigen::Index n = options.samples;
  if (n < 1) {
    throw Error::usage("a data set needs at least one sample, got " + std::to_string(n));
  }
  if (!(options.noise >= 0) || !std::isfinite(options.noise)) {
    throw Error::usage("the noise σ must be a finite number ≥ 0");
  }
  if (!(options.outlierFraction >= 0 && options.outlierFraction <= 1)) {
    throw Error::usage("the outlier fraction must be in [0, 1]");
  }
  if (!std::isfinite(options.outlierMagnitude)) {
    throw Error::usage("the outlier magnitude must be finite");
  }
  if (!(options.leverageFraction >= 0 && options.leverageFraction <= 1)) {
    throw Error::usage("the leverage fraction must be in [0, 1]");
  }
  if (!(options.leverageDistance > 0) || !std::isfinite(options.leverageDistance)) {
    throw Error::usage("the leverage distance must be a finite number > 0");
  }

  const Shape shape = shapeOf(options.kind);
  Dataset data;
  data.name = datasetName(options.kind);
  data.targetName = "y";
  for (Eigen::Index j = 0; j < shape.features; ++j) {
    data.featureNames.push_back(shape.features == 1 ? "x" : "x" + std::to_string(j + 1));
  }
  data.x.resize(shape.features, n);
  data.clean.resize(n);

  // x: sample by sample, feature by feature.
  Rng featureRng(deriveSeed(options.seed, kFeatures));
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < shape.features; ++j) {
      data.x(j, i) = uniform(featureRng, shape.lo, shape.hi);
    }
    data.clean(i) = cleanTarget(options.kind, data.x.col(i));
  }

  // Noise: one normal per sample whatever σ is, so σ only scales it.
  data.y = data.clean;
  Rng noiseRng(deriveSeed(options.seed, kNoise));
  for (Eigen::Index i = 0; i < n; ++i) {
    double sigma = options.noise;
    if (options.kind == DatasetKind::Heteroscedastic) {
      sigma *= 0.2 + 0.9 * (data.x(0, i) + 1.0);
    }
    data.y(i) += sigma * standardNormal(noiseRng);
  }

  // Outliers: the first k positions of a partial Fisher–Yates shuffle, each with a sign. The
  // sign's uniform is drawn whatever the side, so every side moves the same samples.
  const auto count =
      static_cast<Eigen::Index>(std::llround(options.outlierFraction * static_cast<double>(n)));
  if (count > 0) {
    Rng outlierRng(deriveSeed(options.seed, kOutliers));
    pickSamples(outlierRng, n, count, [&](Eigen::Index i) {
      const double drawn = uniform01(outlierRng) < 0.5 ? -1.0 : 1.0;
      const double sign = options.outlierSide == OutlierSide::Up     ? 1.0
                          : options.outlierSide == OutlierSide::Down ? -1.0
                                                                     : drawn;
      data.y(i) += sign * options.outlierMagnitude;
      data.outliers.push_back(i);
    });
  }

  // Leverage points: moved beyond the x range, y kept (so off the clean function there).
  const auto leverage =
      static_cast<Eigen::Index>(std::llround(options.leverageFraction * static_cast<double>(n)));
  if (leverage > 0) {
    Rng leverageRng(deriveSeed(options.seed, kLeverage));
    const double width = shape.hi - shape.lo;
    pickSamples(leverageRng, n, leverage, [&](Eigen::Index i) {
      for (Eigen::Index j = 0; j < shape.features; ++j) {
        data.x(j, i) =
            shape.hi + width * options.leverageDistance * (1.0 + 0.25 * uniform01(leverageRng));
      }
      data.clean(i) = cleanTarget(options.kind, data.x.col(i));
      data.outliers.push_back(i);
    });
  }
  std::sort(data.outliers.begin(), data.outliers.end());
  data.outliers.erase(std::unique(data.outliers.begin(), data.outliers.end()), data.outliers.end());
  return data;
}

DatasetSplit splitDataset(const Dataset& data, double validationFraction, std::uint64_t seed) {
  if (!(validationFraction >= 0 && validationFraction < 1)) {
    throw Error::usage("the validation split must be in [0, 1)");
  }
  const Eigen::Index n = data.size();
  const auto trainCount =
      static_cast<Eigen::Index>(std::floor(static_cast<double>(n) * (1.0 - validationFraction)));
  if (trainCount < 1) {
    throw Error::usage("a validation split of " + std::to_string(validationFraction) +
                       " leaves no " + "training sample out of " + std::to_string(n));
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  Rng rng(seed);
  shuffleInPlace(order, rng);
  const auto middle = order.begin() + trainCount;
  DatasetSplit split;
  split.trainIndices.assign(order.begin(), middle);
  split.validationIndices.assign(middle, order.end());
  split.train = data.subset(split.trainIndices);
  split.validation = data.subset(split.validationIndices);
  return split;
}

Dataset datasetFromTable(const NumericTable& table,
                         const std::vector<Eigen::Index>& features,
                         Eigen::Index target) {
  checkColumn(table, target);
  std::vector<Eigen::Index> picked = features;
  if (picked.empty()) {
    for (Eigen::Index j = 0; j < table.values.cols(); ++j) {
      if (j != target) {
        picked.push_back(j);
      }
    }
  }
  if (picked.empty()) {
    throw Error::usage("the table has no column left for features besides the target");
  }
  for (std::size_t a = 0; a < picked.size(); ++a) {
    checkColumn(table, picked[a]);
    if (picked[a] == target) {
      throw Error::usage("'" + columnName(table, target) + "' is both a feature and the target");
    }
    for (std::size_t b = 0; b < a; ++b) {
      if (picked[a] == picked[b]) {
        throw Error::usage("feature '" + columnName(table, picked[a]) + "' is listed twice");
      }
    }
  }
  const Eigen::Index n = table.values.rows();
  if (n < 1) {
    throw Error::data("the table has no rows");
  }
  Dataset data;
  data.targetName = columnName(table, target);
  data.x.resize(static_cast<Eigen::Index>(picked.size()), n);
  data.y = table.values.col(target);
  for (std::size_t f = 0; f < picked.size(); ++f) {
    data.featureNames.push_back(columnName(table, picked[f]));
    data.x.row(static_cast<Eigen::Index>(f)) = table.values.col(picked[f]).transpose();
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index col : picked) {
      if (!std::isfinite(table.values(i, col))) {
        throw Error::data("row " + std::to_string(i + 1) + ", column " + std::to_string(col + 1) +
                          " ('" + columnName(table, col) + "') is not a finite number");
      }
    }
    if (!std::isfinite(table.values(i, target))) {
      throw Error::data("row " + std::to_string(i + 1) + ", column " + std::to_string(target + 1) +
                        " ('" + data.targetName + "', the target) is not a finite number");
    }
  }
  return data;
}

Dataset datasetFromTable(const NumericTable& table,
                         const std::vector<std::string>& features,
                         const std::string& target) {
  auto indexOf = [&](const std::string& name) -> Eigen::Index {
    const auto it = std::find(table.columns.begin(), table.columns.end(), name);
    if (it == table.columns.end()) {
      std::string known;
      for (const std::string& column : table.columns) {
        known += (known.empty() ? "" : ", ") + column;
      }
      throw Error::usage("no column named '" + name + "' (the table has: " + known + ")");
    }
    return static_cast<Eigen::Index>(it - table.columns.begin());
  };
  if (static_cast<Eigen::Index>(table.columns.size()) != table.values.cols()) {
    throw Error::usage("the table has " + std::to_string(table.columns.size()) + " names for " +
                       std::to_string(table.values.cols()) + " columns");
  }
  std::vector<Eigen::Index> picked;
  for (const std::string& name : features) {
    picked.push_back(indexOf(name));
  }
  return datasetFromTable(table, picked, indexOf(target));
}

}  // namespace losslab
