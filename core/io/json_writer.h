// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace losslab {

/// A compact JSON writer that can only produce valid JSON (RFC 8259):
///  * nesting is checked: a key only directly inside an object, a value after every key, an end
///    that matches its begin, at most kMaxDepth levels, one top-level value; breaking a rule is a
///    programming error and throws std::logic_error;
///  * strings must be valid UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF):
///    invalid text throws Error::data naming the byte, and nothing invalid is ever written;
///    control characters are escaped;
///  * numbers are written shortest round trip (core/io/number_format.h), so a reader gets the
///    same doubles back. JSON has no NaN or infinity: number() writes them as the strings "NaN",
///    "Infinity" and "-Infinity" (Python's and Qt's spelling), numberOrNull() as null.
/// The text can be streamed: with a `flush` function the writer hands over what it has whenever
/// its buffer exceeds `chunkSize` (and on finish()), so a 1e7-row result never sits in memory.
class JsonWriter {
 public:
  static constexpr std::size_t kMaxDepth = 256;

  JsonWriter() = default;
  explicit JsonWriter(std::function<void(std::string_view)> flush,
                      std::size_t chunkSize = std::size_t{1} << 20);

  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  JsonWriter& key(std::string_view name);
  JsonWriter& number(double value);
  /// null for NaN (a value that is not defined, such as R² of one sample), else number().
  JsonWriter& numberOrNull(double value);
  JsonWriter& integer(long long value);
  JsonWriter& boolean(bool value);
  JsonWriter& string(std::string_view text);
  /// null: a value that does not apply (e.g. a validation loss without a validation split).
  JsonWriter& null();

  /// The same text as beginArray(), number(values[0]) ... number(values[count - 1]),
  /// endArray(), written in blocks straight into the buffer (a 1e6-row result is 1e6 numbers:
  /// the per-value nesting checks would cost more than the numbers themselves).
  JsonWriter& numberArray(const double* values, std::size_t count);
  /// A rows × cols row-major matrix as an array of row arrays ([[1,2],[3,4]]): the same text
  /// as nested numberArray() calls.
  JsonWriter& numberMatrix(const double* values, std::size_t rows, std::size_t cols);

  /// Checks that the document is complete and, when streaming, flushes the rest.
  void finish();
  /// The whole document (not streaming); finish() is implied.
  const std::string& text();

 private:
  void beforeValue();
  void afterValue();
  void end(bool object);
  void appendString(std::string_view text);  // validated and escaped, with its quotes
  /// values[0..count) joined by commas, in blocks that flush as afterValue() does.
  void appendNumbers(const double* values, std::size_t count, bool rowArrays, std::size_t cols);

  struct Level {
    bool object = false;
    bool hasItems = false;
  };
  std::string m_out;
  std::vector<Level> m_levels;
  bool m_afterKey = false;
  bool m_done = false;  // the top-level value is complete
  std::function<void(std::string_view)> m_flush;
  std::size_t m_chunkSize = 0;
};

/// Empty if `text` is valid UTF-8, else where and why not ("byte 0xff at offset 3 ...").
std::string utf8Problem(std::string_view text);

}  // namespace losslab
