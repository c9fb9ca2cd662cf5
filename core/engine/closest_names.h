// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace losslab {

/// Levenshtein distance between `a` and `b`, or `limit + 1` as soon as it is known to exceed
/// `limit` (the banded algorithm: O(limit · min(|a|, |b|)) time, O(|b|) memory).
std::size_t boundedEditDistance(std::string_view a, std::string_view b, std::size_t limit);

/// The "did you mean" search: up to `count` candidates within `maxDistance` edits of `query`
/// (a candidate containing the query counts as one edit), closest first, ties in the
/// candidates' order. A query longer than kMaxQueryLength gets no suggestions: nobody mistypes
/// a 100,000-character id, and the search must stay instant on hostile input.
inline constexpr std::size_t kMaxQueryLength = 64;
std::vector<std::string> closestNames(std::string_view query,
                                      const std::vector<std::string_view>& candidates,
                                      std::size_t count,
                                      std::size_t maxDistance);

}  // namespace losslab
