// SPDX-License-Identifier: GPL-3.0-or-later
// Placeholder: the probabilistic family is being written (issue 3).
#include "loss_registry.h"

namespace losslab {

void registerProbabilisticLosses(LossRegistry&) {}

}  // namespace losslab
