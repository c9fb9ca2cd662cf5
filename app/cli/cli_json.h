// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace losslab::cli {

/// "%.17g": enough digits to read back the same double.
std::string formatNumber(double value);

/// A small streaming JSON writer (compact output). Non-finite numbers have no JSON form: they
/// are written as the strings "NaN", "Infinity" and "-Infinity" (the CLI's documented rule).
class JsonWriter {
 public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  JsonWriter& key(std::string_view name);
  JsonWriter& number(double value);
  JsonWriter& integer(long long value);
  JsonWriter& boolean(bool value);
  JsonWriter& string(std::string_view text);
  /// null: a value that does not apply (e.g. a validation loss without a validation split).
  JsonWriter& null();

  const std::string& text() const { return m_out; }

 private:
  void beforeValue();

  std::string m_out;
  std::vector<bool> m_hasItems;  // per open container: a ',' is needed before the next item
  bool m_afterKey = false;
};

}  // namespace losslab::cli
