// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/histogram.h"

#include <algorithm>
#include <cmath>

namespace losslab {

std::vector<double> SharedHistogram::centers() const {
  const std::size_t bins = counts.empty() ? 0 : counts.front().size();
  std::vector<double> out(bins);
  for (std::size_t b = 0; b < bins; ++b) {
    out[b] = lo + (static_cast<double>(b) + 0.5) * width;
  }
  return out;
}

std::optional<SharedHistogram> sharedHistogram(const std::vector<std::vector<double>>& series,
                                               int bins) {
  double lo = 0;
  double hi = 0;
  bool any = false;
  for (const std::vector<double>& values : series) {
    for (double v : values) {
      if (std::isfinite(v)) {
        lo = any ? std::min(lo, v) : v;
        hi = any ? std::max(hi, v) : v;
        any = true;
      }
    }
  }
  if (!any || bins < 1) {
    return std::nullopt;
  }
  if (hi - lo < 1e-12) {
    lo -= 0.5;
    hi += 0.5;
  }
  SharedHistogram h;
  h.lo = lo;
  h.width = (hi - lo) / bins;
  for (const std::vector<double>& values : series) {
    std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
    for (double v : values) {
      if (std::isfinite(v)) {
        const int b = std::clamp(static_cast<int>((v - lo) / h.width), 0, bins - 1);
        counts[static_cast<std::size_t>(b)] += 1;
      }
    }
    h.counts.push_back(std::move(counts));
  }
  return h;
}

std::vector<double> residuals(const std::vector<double>& prediction,
                              const std::vector<double>& target) {
  const std::size_t n = std::min(prediction.size(), target.size());
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = prediction[i] - target[i];
  }
  return out;
}

Buckets relativeBuckets(const std::vector<double>& values, int buckets) {
  Buckets out;
  for (double v : values) {
    if (std::isfinite(v)) {
      out.top = std::max(out.top, v);
    }
  }
  out.of.reserve(values.size());
  for (double v : values) {
    int b = 0;
    if (out.top > 0 && std::isfinite(v)) {
      b = std::min(buckets - 1, static_cast<int>(v / out.top * buckets));
    }
    out.of.push_back(std::max(0, b));
  }
  return out;
}

}  // namespace losslab
