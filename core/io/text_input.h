// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace losslab {

/// A whole input file in memory.
struct TextInput {
  std::unique_ptr<char[]> bytes;  // not zero-initialised: filled by read()
  std::size_t size = 0;
  std::string source;  // the path, or "<stdin>", for messages

  std::string_view text() const { return {bytes.get(), size}; }
};

/// Reads a regular file, or standard input for the path "-", within two limits that are checked
/// before the work they bound: a file larger than `maxBytes` is refused from its size alone;
/// standard input is read in pieces and refused as soon as it exceeds `maxBytes` or holds a line
/// (bytes between line feeds) longer than `maxLineBytes` (so /dev/zero or an endless pipe stop
/// after a few MiB, not when memory runs out).
/// Errors: a missing file, a directory or anything but a regular file (a device, a pipe, a
/// socket) is Error::usage naming the path; too large and read failures are Error::data.
TextInput readTextInput(const std::string& path, std::size_t maxBytes, std::size_t maxLineBytes);

/// The checks readTextInput makes before reading, alone: Error::usage unless `path` is "-" or
/// names an existing regular file (a front end checks every input before reading the first).
void checkInputPath(const std::string& path);

/// "256 MiB", "1 MiB", "512 KiB", "100 bytes": a limit as messages and help texts state it
/// (sizes that are not a whole number of units get three significant digits).
std::string byteSizeText(std::size_t bytes);

/// The error for a line longer than `maxLineBytes`, shared by the stream check and the parser:
/// "<source>:<line>: line <line> is longer than the limit of 1 MiB for a line".
std::string lineTooLongMessage(const std::string& source, long line, std::size_t maxLineBytes);

}  // namespace losslab
