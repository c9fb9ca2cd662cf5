// SPDX-License-Identifier: GPL-3.0-or-later
// Random valid inputs for any registered loss, from its facts (LossFacts::inputs): what the
// registry-driven tests feed every loss. Linked by tests only.
#pragma once

#include <random>

#include "core/engine/pipeline.h"

namespace losslab {

struct SampleShape {
  int rows = 5;
  int cols = 3;                 // the loss's fixed or minimum column count wins
  bool optionalExtras = false;  // also fill the optional inputs (class weights)
};

/// A batch of random inputs inside the loss's domain: y_true (absent for TargetKind::None; one
/// column of labels for TargetKind::ClassIndex), y_pred and the extra inputs the domain lists,
/// all rank 2. Deterministic for a given generator state.
EvalRequest sampleRequest(const LossInfo& info,
                          const ParamValues& params,
                          std::mt19937& rng,
                          const SampleShape& shape = {});

/// A tensor of `values` (ClassIndex draws labels in [0, classes)).
Tensor sampleValues(Values values, int rows, int cols, int classes, std::mt19937& rng);

}  // namespace losslab
