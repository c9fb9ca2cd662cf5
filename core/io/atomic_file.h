// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace losslab {

/// Replaces the file at `path` with `contents` so that a reader (or a crash, or a full disk)
/// sees either the old file or the complete new one, never a mix:
///  1. a temporary file is created *exclusively* (O_EXCL, mode 0600) next to the target;
///  2. it gets the target's permission bits (a new file: 0666 minus the umask, as fopen would);
///  3. the contents are written and fsync'ed, then the file is renamed over the target and the
///     directory is fsync'ed so that the rename itself is durable.
/// A symbolic link at `path` is followed: the file it points to is replaced, the link stays.
/// On any failure the temporary file is removed, the old file is untouched and Error::data is
/// thrown with the path and the system's reason.
void writeFileAtomically(const std::string& path, std::string_view contents);

}  // namespace losslab
