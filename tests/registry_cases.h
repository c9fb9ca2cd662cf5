// SPDX-License-Identifier: GPL-3.0-or-later
// Every registered loss with every parameter set its facts name (defaults first): the rows of
// the registry-driven tests. Adding a loss adds its rows; nothing here names a loss.
#pragma once

#include <string>
#include <vector>

#include "core/engine/loss_registry.h"

namespace losslab::test {

struct RegistryCase {
  std::string name;  // "huber delta=0.7", "huber (defaults)"
  const LossRegistry::Entry* entry = nullptr;
  ParamValues params;  // completed (defaults filled in)
};

inline std::string paramsText(const LossInfo& info, const ParamValues& given) {
  std::string text;
  for (const ParamSpec& spec : info.params) {
    if (auto it = given.find(spec.id); it != given.end()) {
      text += (text.empty() ? "" : ", ") + spec.id + "=" + spec.format(it->second);
    }
  }
  return text.empty() ? "(defaults)" : text;
}

inline std::vector<RegistryCase> registryCases() {
  std::vector<RegistryCase> cases;
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    std::vector<ParamValues> sets = {ParamValues{}};
    sets.insert(sets.end(), entry.info.facts.examples.begin(), entry.info.facts.examples.end());
    for (const ParamValues& given : sets) {
      cases.push_back({entry.info.id + " " + paramsText(entry.info, given), &entry,
                       completeParams(entry.info.params, given)});
    }
  }
  return cases;
}

}  // namespace losslab::test
