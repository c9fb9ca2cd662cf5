// SPDX-License-Identifier: GPL-3.0-or-later
// The catalogue: every loss file's registration function, called in the order
// core/losses/CMakeLists.txt lists the files (the build writes that list to loss_files.inc).
#include "core/losses/loss_file.h"

namespace losslab {

#define LOSSLAB_LOSS_FILE_ENTRY(name) LOSSLAB_LOSS_FILE(name);
#include "core/losses/loss_files.inc"
#undef LOSSLAB_LOSS_FILE_ENTRY

LossRegistry::LossRegistry() {
#define LOSSLAB_LOSS_FILE_ENTRY(name) registerLossFile_##name(*this);
#include "core/losses/loss_files.inc"
#undef LOSSLAB_LOSS_FILE_ENTRY
}

const LossRegistry& LossRegistry::instance() {
  static const LossRegistry registry;
  return registry;
}

}  // namespace losslab
