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

/// Closes the descriptor and removes the temporary file unless the rename happened.
class TemporaryFile {
 public:
  TemporaryFile(std::string path, int fd) : m_path(std::move(path)), m_fd(fd) {}
  ~TemporaryFile() {
    closeFile();
    if (!m_renamed) {
      ::unlink(m_path.c_str());
    }
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  int fd() const { return m_fd; }
  const std::string& path() const { return m_path; }
  int closeFile() {
    const int result = m_fd >= 0 ? ::close(m_fd) : 0;
    m_fd = -1;
    return result;
  }
  void renamed() { m_renamed = true; }

 private:
  std::string m_path;
  int m_fd;
  bool m_renamed = false;
};

}  // namespace

void writeFileAtomically(const std::string& path, std::string_view contents) {
  const std::string target = resolveTarget(path);
  struct stat existing {};
  if (::stat(target.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    throw Error::data("cannot write '" + path + "': not a regular file");
  }
  const std::string directory = directoryOf(target);
  const std::string name =
      target.substr(target.rfind('/') == std::string::npos ? 0 : target.rfind('/') + 1);
  std::vector<char> pattern(directory.begin(), directory.end());
  const std::string suffix = "/." + name + ".XXXXXX";
  pattern.insert(pattern.end(), suffix.begin(), suffix.end());
  pattern.push_back('\0');
  // mkstemp opens with O_CREAT | O_EXCL and mode 0600: nobody else can have the file open.
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    fail(path, "cannot create a temporary file", errno);
  }
  TemporaryFile temporary(pattern.data(), fd);
  if (::fchmod(fd, permissionsFor(target)) != 0) {
    fail(path, "cannot set permissions", errno);
  }
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail(path, "write failed", errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    fail(path, "fsync failed", errno);
  }
  if (temporary.closeFile() != 0) {
    fail(path, "close failed", errno);
  }
  if (::rename(temporary.path().c_str(), target.c_str()) != 0) {
    fail(path, "rename failed", errno);
  }
  temporary.renamed();
  // The rename is durable only once the directory entry is on disk.
  if (const int dirFd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY); dirFd >= 0) {
    ::fsync(dirFd);
    ::close(dirFd);
  }
}

}  // namespace losslab
