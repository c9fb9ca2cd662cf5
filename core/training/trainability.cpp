// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/trainability.h"

#include "core/engine/error.h"

namespace losslab {

std::string Trainability::message() const {
  switch (problem) {
    case Problem::None:
      break;
    case Problem::ClassLabels:
      return "'" + lossId + "' takes class labels";
    case Problem::NoTarget:
      return "'" + lossId + "' takes no target";
    case Problem::ExtraInput:
      return "'" + lossId + "' needs the extra input '" + extraInput +
             "', which training does not provide";
  }
  return {};
}

Trainability trainability(const LossInfo& info) {
  Trainability result;
  result.lossId = info.id;
  if (info.target == TargetKind::ClassIndex) {
    result.problem = Trainability::Problem::ClassLabels;
    return result;
  }
  if (info.target != TargetKind::SameShape) {
    result.problem = Trainability::Problem::NoTarget;
    return result;
  }
  for (const ExtraInput& extra : info.extras) {
    if (extra.required) {
      result.problem = Trainability::Problem::ExtraInput;
      result.extraInput = extra.name;
      return result;
    }
  }
  return result;
}

void requireTrainable(const LossInfo& info) {
  if (const Trainability t = trainability(info); !t.ok()) {
    throw Error::usage(t.message() + "; training fits one real-valued target per sample");
  }
}

}  // namespace losslab
