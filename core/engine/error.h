// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace losslab {

/// The one exception type the engine throws. `Kind` lets front ends map it to an exit code:
/// a usage error is the caller's request (unknown id, parameter out of range, shape mismatch),
/// a data error is the content of a file (not numeric, ragged, empty, NaN where not allowed).
class Error : public std::runtime_error {
 public:
  enum class Kind { Usage, Data };

  Error(Kind kind, const std::string& message) : std::runtime_error(message), m_kind(kind) {}

  Kind kind() const { return m_kind; }

  static Error usage(const std::string& message) { return Error(Kind::Usage, message); }
  static Error data(const std::string& message) { return Error(Kind::Data, message); }

 private:
  Kind m_kind;
};

}  // namespace losslab
