// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_common.h"

#include <iostream>

#include "core/io/atomic_file.h"

namespace losslab::cli {

void warn(const std::string& message) {
  std::cerr << "losslab-cli: warning: " << message << '\n';
}

void writeOutput(const std::optional<std::string>& path, std::string_view text) {
  if (path) {
    writeFileAtomically(*path, text);
  } else {
    std::cout << text;
  }
}

}  // namespace losslab::cli
