// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/loss_registry.h"

#include <algorithm>
#include <numeric>

#include "core/engine/error.h"

namespace losslab {

namespace {

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

const LossRegistry::Entry* LossRegistry::find(std::string_view id) const {
  for (const Entry& entry : m_entries) {
    if (entry.info.id == id) {
      return &entry;
    }
  }
  return nullptr;
}

std::vector<std::string> LossRegistry::closestIds(std::string_view id, std::size_t count) const {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const Entry& entry : m_entries) {
    // A substring match ("huber" in "torch_huber") counts as close as a one-letter typo.
    const bool contains = entry.info.id.find(id) != std::string::npos && !id.empty();
    scored.emplace_back(contains ? 1 : editDistance(id, entry.info.id), entry.info.id);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < std::min(count, scored.size()); ++i) {
    ids.push_back(scored[i].second);
  }
  return ids;
}

LossPtr LossRegistry::create(std::string_view id, const ParamValues& params) const {
  const Entry* entry = find(id);
  if (!entry) {
    std::string message = "unknown loss '" + std::string(id) + "'";
    const std::vector<std::string> close = closestIds(id);
    if (!close.empty()) {
      message += "; did you mean ";
      for (std::size_t i = 0; i < close.size(); ++i) {
        message += (i ? ", " : "") + close[i];
      }
      message += "? ('losslab-cli list' shows every id)";
    }
    throw Error::usage(message);
  }
  return entry->make(entry->info, completeParams(entry->info.params, params));
}

std::string familyName(Family family) {
  switch (family) {
    case Family::Regression:
      return "regression";
    case Family::Probabilistic:
      return "probabilistic";
    case Family::Margin:
      return "margin";
    case Family::MetricLearning:
      return "metric learning";
    case Family::Robust:
      return "robust";
    case Family::Distillation:
      return "distillation";
  }
  return "?";
}

std::string frameworkName(Framework framework) {
  switch (framework) {
    case Framework::Keras:
      return "keras";
    case Framework::PyTorch:
      return "pytorch";
    case Framework::Ceres:
      return "ceres";
    case Framework::Barron:
      return "barron";
    case Framework::Reference:
      return "reference";
  }
  return "?";
}

}  // namespace losslab
