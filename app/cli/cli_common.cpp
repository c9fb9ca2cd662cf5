// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_common.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "app/cli/cli_interrupt.h"
#include "core/engine/error.h"
#include "core/io/atomic_file.h"

namespace losslab::cli {

void warn(const std::string& message) {
  std::cerr << "losslab-cli: warning: " << message << '\n';
}

Output::Output(const std::optional<std::string>& path) {
  if (path) {
    m_file = std::make_unique<AtomicFile>(*path);
  }
  m_buffer.reserve(kPiece + 4096);
}

Output::~Output() = default;

void Output::emit(std::string_view text) {
  stopIfInterrupted();
  if (m_file) {
    m_file->write(text);
  } else {
    std::cout.flush();  // text already written through std::cout goes first
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
      throw Error::data(std::string("writing standard output failed: ") + std::strerror(errno));
    }
  }
}

void Output::flush() {
  emit(m_buffer);
  m_buffer.clear();
}

void Output::write(std::string_view text) {
  if (m_buffer.size() + text.size() < kPiece) {
    m_buffer += text;
    return;
  }
  flush();
  emit(text);
}

void Output::finish() {
  flush();
  if (m_file) {
    m_file->commit();
  } else if (std::fflush(stdout) != 0) {
    throw Error::data(std::string("writing standard output failed: ") + std::strerror(errno));
  }
}

void writeOutput(const std::optional<std::string>& path, std::string_view text) {
  Output output(path);
  output.write(text);
  output.finish();
}

}  // namespace losslab::cli
