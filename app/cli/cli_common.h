// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small things every command uses: warnings on stderr and where output goes.

#include <optional>
#include <string>
#include <string_view>

namespace losslab::cli {

/// "losslab-cli: warning: MESSAGE" on standard error.
void warn(const std::string& message);

/// Writes `text` to the file `path` atomically (core/io/atomic_file.h), or to standard output
/// when there is no path.
void writeOutput(const std::optional<std::string>& path, std::string_view text);

}  // namespace losslab::cli
