// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/loss_info.h"

namespace losslab {

const FrameworkCall* frameworkCall(const LossInfo& info, Framework framework) {
  for (const FrameworkCall& call : info.facts.calls) {
    if (call.framework == framework) {
      return &call;
    }
  }
  return nullptr;
}

}  // namespace losslab
