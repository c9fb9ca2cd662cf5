// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace losslab {

/// A regression data set in the network's layout (see mlp.h): one sample per COLUMN of `x`.
struct Dataset {
  std::string name;                       // "seed_sum", a CSV file name, …
  std::vector<std::string> featureNames;  // one per row of x
  std::string targetName;                 //
  Eigen::MatrixXd x;                      // features × samples
  Eigen::VectorXd y;                      // target per sample
  Eigen::VectorXd clean;  // y without noise and outliers (synthetic sets, or a CSV clean column);
                          // empty when unknown
  std::vector<Eigen::Index> outliers;  // sorted indices of the samples moved by an outlier or
                                       // made leverage points (both kinds are "outliers")

  Eigen::Index size() const { return y.size(); }
  Eigen::Index featureCount() const { return x.rows(); }
  /// The samples `indices` in that order (outlier indices renumbered).
  Dataset subset(const std::vector<Eigen::Index>& indices) const;
};

/// The synthetic sets. Every 1-D set draws x uniformly from its interval:
///   seed_sum         x ∈ [0, 1)⁴, y = 5 Σ_j x_j        (seed 003's data: 1,000 samples, Dense
///   16-32-1) linear           x ∈ [−1, 1), y = 2x + 1 sine             x ∈ [−π, π), y = sin x
///   cubic            x ∈ [−1.5, 1.5), y = x³ − x
///   step             x ∈ [−1, 1), y = 1[x ≥ 0]
///   heteroscedastic  x ∈ [−1, 1), y = 2x + 1 with noise σ·(0.2 + 0.9(x + 1)): 0.2σ at x = −1
///                    growing to 2σ at x = 1 (every other set has constant σ)
enum class DatasetKind { SeedSum, Linear, Sine, Cubic, Step, Heteroscedastic };
std::string datasetName(DatasetKind kind);              // "seed_sum", "linear", …
DatasetKind parseDatasetKind(const std::string& name);  // throws Error::usage
/// The noise-free target of generator `kind` at the sample `x` (one value per feature).
double cleanTargetAt(DatasetKind kind, const Eigen::Ref<const Eigen::VectorXd>& x);

/// Which way an outlier moves y: `Both` draws the sign per sample (the original behaviour: the
/// same numbers for a seed as before sides existed), `Up` always adds, `Down` always subtracts.
enum class OutlierSide { Both, Up, Down };
std::string outlierSideName(OutlierSide side);          // "both", "up", "down"
OutlierSide parseOutlierSide(const std::string& name);  // throws Error::usage

struct DatasetOptions {
  DatasetKind kind = DatasetKind::SeedSum;
  Eigen::Index samples = 1000;  // ≥ 1
  double noise = 0;             // σ of the Gaussian noise added to y, ≥ 0
  double outlierFraction = 0;   // share of samples that get an outlier, in [0, 1]
  double outlierMagnitude = 0;  // an outlier adds ±magnitude to y (sign: outlierSide)
  OutlierSide outlierSide = OutlierSide::Both;
  /// Bad leverage points: round(leverageFraction · samples) samples (in [0, 1]) are moved out in
  /// x beyond the data range [lo, hi) of width w: every feature becomes hi + w·d·(1 + U/4),
  /// U ~ U[0, 1), d = leverageDistance > 0, so it lies at least d·w beyond hi. The point keeps
  /// its observed y, which is now off the clean function (for linear by 2·(x' − x) ≥ 2·d·w);
  /// its clean value is f(x'). This is the case that tilts a least-squares line.
  double leverageFraction = 0;
  double leverageDistance = 1;
  std::uint64_t seed = 3;  // std::mt19937_64; x, noise, outliers and leverage: separate sub-streams
};

/// A reproducible synthetic set: the same options give the same numbers on every platform. x, the
/// noise and the outliers come from separate sub-streams of `seed`, so changing σ does not move
/// x or the outliers, and changing the outlier settings does not move x or the noise.
/// Exactly round(fraction · samples) distinct samples get an outlier (the same samples whatever
/// the side), and round(leverageFraction · samples) distinct samples become leverage points
/// (drawn independently: a sample may be both). Throws Error::usage.
Dataset makeDataset(const DatasetOptions& options);

struct DatasetSplit {
  Dataset train;
  Dataset validation;
  std::vector<Eigen::Index> trainIndices;       // sample k of train is sample trainIndices[k]
  std::vector<Eigen::Index> validationIndices;  // of the data set that was split
};

/// Shuffles the sample order with `seed`, then the first ⌊n (1 − f)⌋ samples train and the rest
/// validate (Keras' `validation_split` count, but shuffled first; Keras takes the tail as is).
/// f ∈ [0, 1); f = 0 gives an empty validation set. Throws Error::usage.
DatasetSplit splitDataset(const Dataset& data, double validationFraction, std::uint64_t seed);

/// An already-parsed numeric table (what a CSV reader produces): `values` has one row per record
/// and one column per name in `columns`.
struct NumericTable {
  std::vector<std::string> columns;
  Eigen::MatrixXd values;
};

/// A data set from table columns picked by name. `features` empty = every column but the target.
/// Throws Error::usage for an unknown or repeated column (listing the names) and Error::data for
/// a non-finite value (row and column 1-based).
Dataset datasetFromTable(const NumericTable& table,
                         const std::vector<std::string>& features,
                         const std::string& target);
/// The same by 0-based column index.
Dataset datasetFromTable(const NumericTable& table,
                         const std::vector<Eigen::Index>& features,
                         Eigen::Index target);

}  // namespace losslab
