// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/loss_registry.h"

#include <algorithm>

#include "core/engine/closest_names.h"
#include "core/engine/error.h"

namespace losslab {

const LossRegistry::Entry* LossRegistry::find(std::string_view id) const {
  for (const Entry& entry : m_entries) {
    if (entry.info.id == id) {
      return &entry;
    }
  }
  return nullptr;
}

std::vector<std::string> LossRegistry::closestIds(std::string_view id, std::size_t count) const {
  std::vector<std::string_view> ids;
  for (const Entry& entry : m_entries) {
    ids.emplace_back(entry.info.id);
  }
  // A third of the id's length in edits still reads as a typo ("mean_sqared_eror").
  return closestNames(id, ids, count, std::max<std::size_t>(3, id.size() / 3));
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
