// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/text_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/engine/error.h"
#include "core/io/number_format.h"

namespace losslab {

namespace {

constexpr std::size_t kKiB = 1024;
constexpr std::size_t kMiB = kKiB * 1024;
constexpr std::size_t kGiB = kMiB * 1024;
constexpr std::size_t kChunk = 1 << 20;  // standard input is read 1 MiB at a time

const char* fileKind(mode_t mode) {
  if (S_ISCHR(mode)) {
    return "a character device";
  }
  if (S_ISBLK(mode)) {
    return "a block device";
  }
  if (S_ISFIFO(mode)) {
    return "a pipe";
  }
  if (S_ISSOCK(mode)) {
    return "a socket";
  }
  return "not a regular file";
}

[[noreturn]] void notRegular(const std::string& path, mode_t mode) {
  if (S_ISDIR(mode)) {
    throw Error::usage("cannot read '" + path + "': it is a directory");
  }
  throw Error::usage("cannot read '" + path + "': it is " + std::string(fileKind(mode)) +
                     ", not a regular file (give '-' to read standard input)");
}

[[noreturn]] void tooLarge(const std::string& source, std::size_t size, std::size_t maxBytes) {
  const std::string what =
      size > 0 ? "the file has " + std::to_string(size) + " bytes" : "the input is";
  throw Error::data(source + ": " + what + (size > 0 ? ", " : " ") + "more than the limit of " +
                    byteSizeText(maxBytes) + " for an input file");
}

/// One read() that retries on EINTR; returns the byte count, 0 at the end.
std::size_t readSome(int fd, char* into, std::size_t count, const std::string& source) {
  while (true) {
    const ssize_t n = ::read(fd, into, count);
    if (n >= 0) {
      return static_cast<std::size_t>(n);
    }
    if (errno != EINTR) {
      throw Error::data(source + ": read error: " + std::strerror(errno));
    }
  }
}

/// A file of known size: one buffer, filled by read() (the file may shrink meanwhile; growth
/// past the size seen by fstat is not read).
TextInput readRegular(int fd, std::size_t size, const std::string& source) {
  TextInput input;
  input.source = source;
  input.bytes.reset(new char[std::max<std::size_t>(size, 1)]);
  while (input.size < size) {
    const std::size_t n = readSome(fd, input.bytes.get() + input.size, size - input.size, source);
    if (n == 0) {
      break;
    }
    input.size += n;
  }
  return input;
}

/// A stream: pieces appended to a growing buffer, with both limits checked after each piece.
TextInput readStream(int fd,
                     const std::string& source,
                     std::size_t maxBytes,
                     std::size_t maxLineBytes) {
  TextInput input;
  input.source = source;
  std::size_t capacity = kChunk;
  input.bytes.reset(new char[capacity]);
  std::size_t lineStart = 0;  // offset of the current (unfinished) line
  long lines = 1;             // 1-based number of the current line
  while (true) {
    if (input.size == capacity) {
      const std::size_t grown = std::min(capacity * 2, maxBytes + kChunk);
      std::unique_ptr<char[]> bigger(new char[grown]);
      std::memcpy(bigger.get(), input.bytes.get(), input.size);
      input.bytes = std::move(bigger);
      capacity = grown;
    }
    char* chunk = input.bytes.get() + input.size;
    const std::size_t n = readSome(fd, chunk, capacity - input.size, source);
    if (n == 0) {
      return input;
    }
    input.size += n;
    lines += std::count(chunk, chunk + n, '\n');
    if (const void* last = ::memrchr(chunk, '\n', n)) {
      lineStart = static_cast<std::size_t>(static_cast<const char*>(last) - input.bytes.get()) + 1;
    }
    if (input.size - lineStart > maxLineBytes) {
      throw Error::data(lineTooLongMessage(source, lines, maxLineBytes));
    }
    if (input.size > maxBytes) {
      tooLarge(source, 0, maxBytes);
    }
  }
}

/// Closes a descriptor on every path.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd > 2) {
      ::close(fd);
    }
  }
};

}  // namespace

std::string byteSizeText(std::size_t bytes) {
  for (const auto& [unit, name] : {std::pair{kGiB, "GiB"}, {kMiB, "MiB"}, {kKiB, "KiB"}}) {
    if (bytes >= unit) {
      if (bytes % unit == 0) {
        return std::to_string(bytes / unit) + " " + name;
      }
      return formatSignificant(static_cast<double>(bytes) / static_cast<double>(unit), 3) + " " +
             name;
    }
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string lineTooLongMessage(const std::string& source, long line, std::size_t maxLineBytes) {
  return source + ":" + std::to_string(line) + ": line " + std::to_string(line) +
         " is longer than the limit of " + byteSizeText(maxLineBytes) + " for a line";
}

void checkInputPath(const std::string& path) {
  if (path == "-") {
    return;
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw Error::usage("cannot open '" + path + "': " + std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) {
    notRegular(path, info.st_mode);
  }
}

TextInput readTextInput(const std::string& path, std::size_t maxBytes, std::size_t maxLineBytes) {
  if (path == "-") {
    struct stat info {};
    if (::fstat(STDIN_FILENO, &info) == 0 && S_ISDIR(info.st_mode)) {
      notRegular("<stdin>", info.st_mode);
    }
    return readStream(STDIN_FILENO, "<stdin>", maxBytes, maxLineBytes);
  }
  // stat first: opening a FIFO for reading would block until someone writes to it.
  checkInputPath(path);
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && static_cast<std::size_t>(info.st_size) > maxBytes) {
    tooLarge(path, static_cast<std::size_t>(info.st_size), maxBytes);
  }
  const Descriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    throw Error::usage("cannot open '" + path + "': " + std::strerror(errno));
  }
  // The same checks on what was opened (the path may have changed in between).
  if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    notRegular(path, info.st_mode);
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > maxBytes) {
    tooLarge(path, size, maxBytes);
  }
  return readRegular(file.fd, size, path);
}

}  // namespace losslab
