// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <vector>

namespace losslab {

/// Histograms of several series over ONE range, so that they can be overlaid (the residuals
/// ŷ − y of every compared run): `bins` equal bins from the smallest to the largest finite value
/// of all series (a range narrower than 1e-12 is widened to ±0.5 around it); the largest value
/// falls in the last bin; non-finite values are not counted.
struct SharedHistogram {
  double lo = 0;
  double width = 1;
  std::vector<std::vector<double>> counts;  // per series, `bins` counts

  /// The centre of bin b: lo + (b + ½) width.
  std::vector<double> centers() const;
};

/// Nothing when no series has a finite value.
std::optional<SharedHistogram> sharedHistogram(const std::vector<std::vector<double>>& series,
                                               int bins);

/// Residuals ŷ_i − y_i for i < min(sizes).
std::vector<double> residuals(const std::vector<double>& prediction,
                              const std::vector<double>& target);

/// Colour classes of non-negative values relative to the largest finite one, `top`:
/// class ⌊v / top · buckets⌋ clamped to buckets − 1; class 0 for non-finite values, or when
/// top is not positive. Returns the classes and `top` (0 if none).
struct Buckets {
  std::vector<int> of;  // class per value
  double top = 0;
};
Buckets relativeBuckets(const std::vector<double>& values, int buckets);

}  // namespace losslab
