// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>
#include <string>

#include <Eigen/Core>

#include "core/training/dataset.h"
#include "core/training/trainer.h"

namespace losslab {

/// Points of a 1-D data set edited by hand (the Training tab's fit plot: add, drag, delete).
/// The edits act on the split the trainers train on, so that a moved point stays where it was
/// (a training point stays a training point); the validation set changes only when one of its
/// own points is edited. Samples are addressed by their set and position there.

/// One sample of a 1-D set.
struct SamplePoint {
  double x = 0;
  double y = 0;
  double clean = std::numeric_limits<double>::quiet_NaN();  // the noise-free value; NaN: unknown
  bool outlier = false;

  bool operator==(const SamplePoint& other) const;  // NaN clean values compare equal
};

/// Where a sample is: the training or the validation set, and its position there.
struct SampleRef {
  bool validation = false;
  Eigen::Index index = 0;

  bool operator==(const SampleRef& other) const = default;
};

/// The sample at `ref` (Error::usage if there is none, or the set is not 1-D).
SamplePoint samplePoint(const DatasetSplit& data, SampleRef ref);
/// Replaces the sample at `ref`. A set without clean values keeps none (the point's clean value
/// is ignored); one with clean values needs a finite one.
void setSamplePoint(DatasetSplit& data, SampleRef ref, const SamplePoint& point);
/// Inserts `point` before position ref.index (ref.index = size appends).
void insertSamplePoint(DatasetSplit& data, SampleRef ref, const SamplePoint& point);
/// Removes the sample at `ref`; a training set keeps at least one sample (Error::usage).
void removeSamplePoint(DatasetSplit& data, SampleRef ref);

/// The edited split as one data set (file order) and the validation fraction with which
/// splitDataset() — the Trainer with `options` and that fraction — gives back exactly `data`:
/// the same samples in each set, in the same order. The shuffle of splitDataset depends on the
/// sample count and the seed only, so the samples are placed where that shuffle picks them; the
/// fraction (v − ½)/n (0 without validation samples) makes ⌊n (1 − f)⌋ the training count.
struct ReproducibleData {
  Dataset data;
  double validationSplit = 0;
};
ReproducibleData reproducibleData(const DatasetSplit& data, const TrainOptions& options);

/// The column names of an edited set's CSV file: the feature, the target, the clean targets
/// ("<target>_clean"; empty when the set has none) and the outlier flags ("is_outlier").
struct EditedCsvColumns {
  std::string feature;
  std::string target;
  std::string clean;
  std::string outlier;
};
EditedCsvColumns editedCsvColumns(const Dataset& data);
/// The CSV text of `data` (a header row, then one row per sample: x, y[, clean], outlier 0/1).
std::string editedDataCsv(const Dataset& data);

}  // namespace losslab
