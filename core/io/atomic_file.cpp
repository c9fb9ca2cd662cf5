// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/engine/error.h"

namespace losslab {

namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int error) {
  throw Error::data("cannot write '" + path + "': " + what + ": " + std::strerror(error));
}

/// The file a write to `path` must replace: the target of a symbolic link, else `path`.
std::string resolveTarget(const std::string& path) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) {
    if (char* real = ::realpath(path.c_str(), nullptr)) {
      std::string target(real);
      std::free(real);
      return target;
    }
  }
  return path;
}

mode_t permissionsFor(const std::string& target) {
  struct stat info {};
  if (::stat(target.c_str(), &info) == 0) {
    return info.st_mode & 07777;
  }
  const mode_t mask = ::umask(0);  // umask can only be read by setting it
  ::umask(mask);
  return 0666 & ~mask;
}

std::string directoryOf(const std::string& target) {
  const std::size_t slash = target.rfind('/');
  if (slash == std::string::npos) {
    return ".";
  }
  return slash == 0 ? "/" : target.substr(0, slash);
}

}  // namespace

AtomicFile::AtomicFile(const std::string& path) : m_path(path), m_target(resolveTarget(path)) {
  struct stat existing {};
  if (::stat(m_target.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    throw Error::data("cannot write '" + path + "': not a regular file");
  }
  const std::size_t slash = m_target.rfind('/');
  const std::string name = m_target.substr(slash == std::string::npos ? 0 : slash + 1);
  std::string pattern = directoryOf(m_target) + "/." + name + ".XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  // mkstemp opens with O_CREAT | O_EXCL and mode 0600: nobody else can have the file open.
  m_fd = ::mkstemp(buffer.data());
  if (m_fd < 0) {
    fail(path, "cannot create a temporary file", errno);
  }
  m_temporary = buffer.data();
  if (::fchmod(m_fd, permissionsFor(m_target)) != 0) {
    const int error = errno;
    ::close(m_fd);  // no destructor runs for an object whose constructor throws
    ::unlink(m_temporary.c_str());
    fail(path, "cannot set permissions", error);
  }
}

AtomicFile::~AtomicFile() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
  if (!m_temporary.empty()) {
    ::unlink(m_temporary.c_str());
  }
}

void AtomicFile::write(std::string_view bytes) {
  if (m_fd < 0) {
    throw Error::data("cannot write '" + m_path + "': the file is already committed");
  }
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(m_fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail(m_path, "write failed", errno);
    }
    written += static_cast<std::size_t>(n);
  }
}

void AtomicFile::commit() {
  if (m_fd < 0) {
    throw Error::data("cannot write '" + m_path + "': the file is already committed");
  }
  if (::fsync(m_fd) != 0) {
    fail(m_path, "fsync failed", errno);
  }
  const int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    fail(m_path, "close failed", errno);
  }
  if (::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
    fail(m_path, "rename failed", errno);
  }
  m_temporary.clear();
  // The rename is durable only once the directory entry is on disk.
  if (const int dirFd = ::open(directoryOf(m_target).c_str(), O_RDONLY | O_DIRECTORY); dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

void writeFileAtomically(const std::string& path, std::string_view contents) {
  AtomicFile file(path);
  file.write(contents);
  file.commit();
}

}  // namespace losslab
