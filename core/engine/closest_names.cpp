// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/closest_names.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace losslab {

std::size_t boundedEditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t lengthGap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (lengthGap > limit) {
    return limit + 1;
  }
  const std::size_t infinity = std::numeric_limits<std::size_t>::max() / 2;
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    // Only cells with |i − j| ≤ limit can hold a distance ≤ limit (Ukkonen's band).
    const std::size_t from = i > limit ? i - limit : 1;
    const std::size_t to = std::min(b.size(), i + limit);
    std::size_t diagonal = row[from - 1];
    row[from - 1] = from == 1 ? i : infinity;
    std::size_t rowMin = row[from - 1];
    for (std::size_t j = from; j <= to; ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({up + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
      rowMin = std::min(rowMin, row[j]);
    }
    if (to < b.size()) {
      row[to + 1] = infinity;
    }
    if (rowMin > limit) {
      return limit + 1;
    }
  }
  return std::min(row[b.size()], limit + 1);
}

std::vector<std::string> closestNames(std::string_view query,
                                      const std::vector<std::string_view>& candidates,
                                      std::size_t count,
                                      std::size_t maxDistance) {
  std::vector<std::string> names;
  if (query.empty() || query.size() > kMaxQueryLength) {
    return names;
  }
  std::vector<std::pair<std::size_t, std::string_view>> scored;
  for (const std::string_view candidate : candidates) {
    const std::size_t score = candidate.find(query) != std::string_view::npos
                                  ? 1
                                  : boundedEditDistance(query, candidate, maxDistance);
    if (score <= maxDistance) {
      scored.emplace_back(score, candidate);
    }
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  for (std::size_t i = 0; i < std::min(count, scored.size()); ++i) {
    names.emplace_back(scored[i].second);
  }
  return names;
}

}  // namespace losslab
