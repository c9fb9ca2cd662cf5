// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli: the engine's scripting front end (cli_app.h). Plain C++ on the core libraries (no
// Qt), so it also builds in the core-only sanitizer job. Exit status: 0 success, 1 data error,
// 2 usage error.
#include <string>
#include <vector>

#include "app/cli/cli_app.h"

int main(int argc, char** argv) {
  return losslab::cli::runCommandLine(std::vector<std::string>(argv + 1, argv + argc));
}
