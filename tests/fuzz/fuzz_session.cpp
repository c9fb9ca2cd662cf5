// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the session loader (issue 16). Any bytes must either load — and then the
// configuration keeps the loader's promises — or throw an Error that says what is wrong. A
// loaded configuration must (1) have every field in range (a present key must be valid, an
// absent one takes its in-range default), (2) survive a write/read round trip unchanged, and
// (3) let fullConfigProblem() — which runs the loss catalogue, the formula parser and the
// "did you mean" search on whatever ids the file holds — answer without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/engine/error.h"
#include "core/training/session_file.h"
#include "core/training/training_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  losslab::TrainingConfig config;
  try {
    config = losslab::sessionFromJson(text);
  } catch (const losslab::Error&) {
    return 0;  // a clear error is a correct answer
  }
  if (!losslab::configProblem(config).empty()) {
    std::abort();  // an out-of-range field was accepted
  }
  try {
    if (!(losslab::sessionFromJson(losslab::sessionToJson(config)) == config)) {
      std::abort();  // what was written does not read back as the same configuration
    }
  } catch (const losslab::Error&) {
    std::abort();  // the loader refuses what the writer wrote
  }
  try {
    (void)losslab::fullConfigProblem(config);
  } catch (const losslab::Error&) {
    // Reporting a problem by throwing is allowed; crashing is not.
  }
  return 0;
}
