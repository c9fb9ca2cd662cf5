// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/losses/catalogue.h"

namespace losslab {

LossRegistry::LossRegistry() {
  registerRegressionLosses(*this);
  registerProbabilisticLosses(*this);
  registerMarginLosses(*this);
  registerMetricLearningLosses(*this);
  registerRobustLosses(*this);
  registerDistillationLosses(*this);
}

const LossRegistry& LossRegistry::instance() {
  static const LossRegistry registry;
  return registry;
}

}  // namespace losslab
