// SPDX-License-Identifier: GPL-3.0-or-later
// The loss catalogue: one registration function per family file, called in catalogue order by
// LossRegistry's constructor (catalogue.cpp). Only the family files and catalogue.cpp use this.
#pragma once

#include "core/engine/loss_registry.h"

namespace losslab {

// One function per family file; the registry constructor calls them in catalogue order.
void registerRegressionLosses(LossRegistry& registry);
void registerProbabilisticLosses(LossRegistry& registry);
void registerMarginLosses(LossRegistry& registry);
void registerMetricLearningLosses(LossRegistry& registry);
void registerRobustLosses(LossRegistry& registry);
void registerDistillationLosses(LossRegistry& registry);

}  // namespace losslab
