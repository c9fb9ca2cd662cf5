// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_limits.h"

#include "core/engine/error.h"
#include "core/io/text_input.h"

namespace losslab::cli {

std::string memoryBudgetText() {
  return byteSizeText(static_cast<std::size_t>(kMemoryBudget));
}

void checkMemory(double bytes, const std::string& request, const std::string& advice) {
  if (bytes <= kMemoryBudget) {
    return;
  }
  const std::string need = bytes >= 1e18 ? std::string("more than an exabyte")
                                         : "about " + byteSizeText(static_cast<std::size_t>(bytes));
  throw Error::usage(request + " would need " + need + " of memory, more than the limit of " +
                     memoryBudgetText() + "; " + advice);
}

}  // namespace losslab::cli
