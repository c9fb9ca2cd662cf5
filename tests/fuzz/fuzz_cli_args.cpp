// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for losslab-cli's command line (issue 16): the input is split at NUL bytes
// into arguments and parsed as the program would parse them (CLI11, our validators and checks),
// without running the command. Every command line must either parse or be refused with an
// Error (usage or data) — never another exception, a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/cli/cli_app.h"
#include "core/engine/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> words(1);
  for (std::size_t k = 0; k < size; ++k) {
    if (data[k] == 0) {
      words.emplace_back();
    } else {
      words.back() += static_cast<char>(data[k]);
    }
  }
  if (size == 0) {
    words.clear();
  }
  try {
    losslab::cli::CliApp cli;
    const losslab::cli::CliApp::Request request = cli.parse(words);
    if (request.kind == losslab::cli::CliApp::Request::Kind::Run && !request.command) {
      __builtin_trap();
    }
  } catch (const losslab::Error&) {
    // A usage error with a message is a correct answer.
  }
  return 0;
}
