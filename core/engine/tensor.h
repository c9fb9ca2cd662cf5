// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

namespace losslab {

/// A batch of values: one row per sample, one column per element of the last axis.
/// Row-major so that a sample's elements are contiguous (the CSV and Keras layout).
using Tensor = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// A tensor together with the rank it had as the user gave it. Keras treats a (B,) vector
/// and a (B, 1) column differently (spec §1.2 step 2); both are stored as B×1 here and
/// `rank` keeps them apart. Only ranks 1 and 2 occur in LossLab.
struct RankedTensor {
  Tensor values;
  int rank = 2;  // 1: shape (n,) stored as n×1; 2: shape (rows, cols)
};

}  // namespace losslab
