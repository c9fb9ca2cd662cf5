// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace losslab {

/// A file written in pieces that replaces the file at `path` only when commit() succeeds, so
/// that a reader (or a crash, a full disk, Ctrl+C) sees either the old file or the complete new
/// one, never a mix:
///  1. the constructor creates a temporary file *exclusively* (O_EXCL, mode 0600) next to the
///     target and gives it the target's permission bits (a new file: 0666 minus the umask, as
///     fopen would);
///  2. write() appends;
///  3. commit() fsyncs it, renames it over the target and fsyncs the directory so that the
///     rename itself is durable.
/// Destroyed without commit() (an error, an interruption) the temporary file is removed and the
/// old file is untouched. A symbolic link at `path` is followed: the file it points to is
/// replaced, the link stays. Every failure throws Error::data with the path and the reason.
class AtomicFile {
 public:
  explicit AtomicFile(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  void commit();

 private:
  std::string m_path;       // as given, for messages
  std::string m_target;     // the file replaced (a symbolic link resolved)
  std::string m_temporary;  // empty once renamed
  int m_fd = -1;
};

/// Replaces the file at `path` with `contents` atomically (AtomicFile in one go).
void writeFileAtomically(const std::string& path, std::string_view contents);

}  // namespace losslab
