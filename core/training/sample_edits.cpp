// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/sample_edits.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <vector>

#include "core/engine/error.h"
#include "core/io/csv_writer.h"

namespace losslab {

namespace {

Dataset& setOf(DatasetSplit& data, SampleRef ref) {
  return ref.validation ? data.validation : data.train;
}

void check1d(const Dataset& set) {
  if (set.featureCount() != 1) {
    throw Error::usage("points can be edited in a data set with one feature only");
  }
}

void checkIndex(const Dataset& set, Eigen::Index index, Eigen::Index end) {
  if (index < 0 || index >= end) {
    throw Error::usage("there is no sample " + std::to_string(index) + " to edit (the set has " +
                       std::to_string(set.size()) + ")");
  }
}

/// Marks or unmarks sample `i` as an outlier (the list stays sorted).
void setOutlier(Dataset& set, Eigen::Index i, bool outlier) {
  const auto it = std::lower_bound(set.outliers.begin(), set.outliers.end(), i);
  const bool marked = it != set.outliers.end() && *it == i;
  if (outlier && !marked) {
    set.outliers.insert(it, i);
  } else if (!outlier && marked) {
    set.outliers.erase(it);
  }
}

/// A name that the CSV reader takes as a header name (not a number, no comma or quote).
std::string columnName(const std::string& name, const std::string& fallback) {
  if (name.empty() || name.find_first_of(",\"\r\n") != std::string::npos) {
    return fallback;
  }
  char* end = nullptr;
  std::strtod(name.c_str(), &end);
  return end != name.c_str() ? fallback : name;
}

}  // namespace

bool SamplePoint::operator==(const SamplePoint& other) const {
  const bool sameClean = clean == other.clean || (std::isnan(clean) && std::isnan(other.clean));
  return x == other.x && y == other.y && sameClean && outlier == other.outlier;
}

SamplePoint samplePoint(const DatasetSplit& data, SampleRef ref) {
  const Dataset& set = ref.validation ? data.validation : data.train;
  check1d(set);
  checkIndex(set, ref.index, set.size());
  SamplePoint p;
  p.x = set.x(0, ref.index);
  p.y = set.y(ref.index);
  if (set.clean.size() == set.size()) {
    p.clean = set.clean(ref.index);
  }
  p.outlier = std::binary_search(set.outliers.begin(), set.outliers.end(), ref.index);
  return p;
}

void setSamplePoint(DatasetSplit& data, SampleRef ref, const SamplePoint& point) {
  Dataset& set = setOf(data, ref);
  check1d(set);
  checkIndex(set, ref.index, set.size());
  const bool hasClean = set.clean.size() == set.size() && set.size() > 0;
  if (!std::isfinite(point.x) || !std::isfinite(point.y) ||
      (hasClean && !std::isfinite(point.clean))) {
    throw Error::usage("an edited point needs finite coordinates");
  }
  set.x(0, ref.index) = point.x;
  set.y(ref.index) = point.y;
  if (hasClean) {
    set.clean(ref.index) = point.clean;
  }
  setOutlier(set, ref.index, point.outlier);
}

void insertSamplePoint(DatasetSplit& data, SampleRef ref, const SamplePoint& point) {
  Dataset& set = setOf(data, ref);
  if (set.size() > 0) {
    check1d(set);
  }
  checkIndex(set, ref.index, set.size() + 1);
  const Eigen::Index n = set.size();
  // A set that had no sample takes clean values if the point has one.
  const bool hasClean = n > 0 ? set.clean.size() == n : std::isfinite(point.clean);
  if (!std::isfinite(point.x) || !std::isfinite(point.y) ||
      (hasClean && !std::isfinite(point.clean))) {
    throw Error::usage("an edited point needs finite coordinates");
  }
  const Eigen::Index k = ref.index;
  Eigen::MatrixXd x(1, n + 1);
  Eigen::VectorXd y(n + 1);
  x.leftCols(k) = set.x.leftCols(k);
  x.rightCols(n - k) = set.x.rightCols(n - k);
  x(0, k) = point.x;
  y.head(k) = set.y.head(k);
  y.tail(n - k) = set.y.tail(n - k);
  y(k) = point.y;
  if (hasClean) {
    Eigen::VectorXd clean(n + 1);
    clean.head(k) = set.clean.head(k);
    clean.tail(n - k) = set.clean.tail(n - k);
    clean(k) = point.clean;
    set.clean = std::move(clean);
  }
  set.x = std::move(x);
  set.y = std::move(y);
  for (Eigen::Index& i : set.outliers) {
    i += i >= k ? 1 : 0;
  }
  setOutlier(set, k, point.outlier);
}

void removeSamplePoint(DatasetSplit& data, SampleRef ref) {
  Dataset& set = setOf(data, ref);
  check1d(set);
  checkIndex(set, ref.index, set.size());
  if (!ref.validation && set.size() == 1) {
    throw Error::usage("the last training sample cannot be removed");
  }
  const Eigen::Index n = set.size();
  const Eigen::Index k = ref.index;
  const Eigen::Index after = n - k - 1;
  Eigen::MatrixXd x(1, n - 1);
  Eigen::VectorXd y(n - 1);
  x.leftCols(k) = set.x.leftCols(k);
  x.rightCols(after) = set.x.rightCols(after);
  y.head(k) = set.y.head(k);
  y.tail(after) = set.y.tail(after);
  if (set.clean.size() == n) {
    Eigen::VectorXd clean(n - 1);
    clean.head(k) = set.clean.head(k);
    clean.tail(after) = set.clean.tail(after);
    set.clean = std::move(clean);
  }
  set.x = std::move(x);
  set.y = std::move(y);
  setOutlier(set, k, false);
  for (Eigen::Index& i : set.outliers) {
    i -= i > k ? 1 : 0;
  }
}

ReproducibleData reproducibleData(const DatasetSplit& data, const TrainOptions& options) {
  const Eigen::Index t = data.train.size();
  const Eigen::Index v = data.validation.size();
  const Eigen::Index n = t + v;
  ReproducibleData out;
  out.validationSplit = v == 0 ? 0.0 : (static_cast<double>(v) - 0.5) / static_cast<double>(n);
  // Where splitDataset puts each position: with fraction 0 every sample trains, so trainIndices
  // is the whole shuffle (it depends on n and the seed only).
  Dataset positions;
  positions.x.setZero(1, n);
  positions.y.setZero(n);
  TrainOptions all = options;
  all.validationSplit = 0;
  const std::vector<Eigen::Index> order = trainerSplit(positions, all).trainIndices;

  const bool hasClean =
      data.train.clean.size() == t && (v == 0 || data.validation.clean.size() == v);
  Dataset& d = out.data;
  d.name = data.train.name;
  d.featureNames = data.train.featureNames;
  d.targetName = data.train.targetName;
  d.x.resize(1, n);
  d.y.resize(n);
  if (hasClean) {
    d.clean.resize(n);
  }
  for (Eigen::Index k = 0; k < n; ++k) {
    const SampleRef ref{k >= t, k >= t ? k - t : k};
    const SamplePoint p = samplePoint(data, ref);
    const Eigen::Index at = order[static_cast<std::size_t>(k)];
    d.x(0, at) = p.x;
    d.y(at) = p.y;
    if (hasClean) {
      d.clean(at) = p.clean;
    }
    if (p.outlier) {
      d.outliers.push_back(at);
    }
  }
  std::sort(d.outliers.begin(), d.outliers.end());
  return out;
}

EditedCsvColumns editedCsvColumns(const Dataset& data) {
  EditedCsvColumns c;
  c.feature =
      columnName(data.featureNames.empty() ? std::string() : data.featureNames.front(), "x");
  c.target = columnName(data.targetName, "y");
  if (c.target == c.feature) {
    c.target = c.feature == "y" ? "target" : "y";
  }
  auto unused = [&c](std::string name) {
    while (name == c.feature || name == c.target || name == c.clean) {
      name += "_";
    }
    return name;
  };
  if (data.clean.size() == data.size() && data.size() > 0) {
    c.clean = unused(c.target + "_clean");
  }
  c.outlier = unused("is_outlier");
  return c;
}

std::string editedDataCsv(const Dataset& data) {
  const EditedCsvColumns c = editedCsvColumns(data);
  CsvWriter csv;
  csv.field(c.feature).field(c.target);
  if (!c.clean.empty()) {
    csv.field(c.clean);
  }
  csv.field(c.outlier).endRow();
  auto next = data.outliers.begin();
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    while (next != data.outliers.end() && *next < i) {
      ++next;
    }
    csv.number(data.x(0, i)).number(data.y(i));
    if (!c.clean.empty()) {
      csv.number(data.clean(i));
    }
    csv.number(next != data.outliers.end() && *next == i ? 1 : 0).endRow();
  }
  return csv.take();
}

}  // namespace losslab
