// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small things every command uses: warnings on stderr and where output goes.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace losslab {
class AtomicFile;
}

namespace losslab::cli {

/// "losslab-cli: warning: MESSAGE" on standard error.
void warn(const std::string& message);

/// A command's text output, streamed: to standard output, or (with a path) to a file that
/// replaces the old one atomically (core/io/atomic_file.h) when finish() succeeds and is
/// abandoned — the old file kept — if the command fails or is interrupted first. Text is
/// collected in buffer() and handed over in pieces of about 1 MiB, so that no output is ever
/// held whole; each hand-over checks for Ctrl+C.
class Output {
 public:
  explicit Output(const std::optional<std::string>& path);
  ~Output();
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  std::string& buffer() { return m_buffer; }
  /// Hands the buffer over when it holds a piece's worth.
  void flushIfFull() {
    if (m_buffer.size() >= kPiece) {
      flush();
    }
  }
  void write(std::string_view text);
  /// Writes what is left; a file is committed. Errors (a full disk, a closed pipe) throw
  /// Error::data.
  void finish();

  static constexpr std::size_t kPiece = std::size_t{1} << 20;

 private:
  void flush();
  void emit(std::string_view text);

  std::unique_ptr<AtomicFile> m_file;  // null: standard output
  std::string m_buffer;
};

/// Writes `text` to the file `path` atomically, or to standard output when there is no path.
void writeOutput(const std::optional<std::string>& path, std::string_view text);

}  // namespace losslab::cli
