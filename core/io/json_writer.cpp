// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/json_writer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "core/engine/error.h"
#include "core/io/number_format.h"

namespace losslab {

namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string hexByte(unsigned char byte) {
  return std::string("0x") + kHex[byte >> 4] + kHex[byte & 15];
}

/// Length of the UTF-8 sequence starting at text[k], or 0 if it is not a valid one
/// (Unicode 15, table 3-7: well-formed byte sequences).
std::size_t sequenceLength(std::string_view text, std::size_t k) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(k);
  std::size_t length = 0;
  unsigned char low = 0x80;  // allowed range of the second byte
  unsigned char high = 0xBF;
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;   // no overlong forms
    high = lead == 0xED ? 0x9F : 0xBF;  // no UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (k + length > text.size() || byte(k + 1) < low || byte(k + 1) > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(k + i) < 0x80 || byte(k + i) > 0xBF) {
      return 0;
    }
  }
  return length;
}

/// Before anything is written, so that a refused string leaves the document as it was.
void checkUtf8(std::string_view text) {
  if (const std::string problem = utf8Problem(text); !problem.empty()) {
    throw Error::data("text for JSON output is not valid UTF-8: " + problem);
  }
}

}  // namespace

std::string utf8Problem(std::string_view text) {
  for (std::size_t k = 0; k < text.size();) {
    const std::size_t length = sequenceLength(text, k);
    if (length == 0) {
      return "byte " + hexByte(static_cast<unsigned char>(text[k])) + " at offset " +
             std::to_string(k) + " does not start a valid UTF-8 character";
    }
    k += length;
  }
  return {};
}

JsonWriter::JsonWriter(std::function<void(std::string_view)> flush, std::size_t chunkSize)
    : m_flush(std::move(flush)), m_chunkSize(chunkSize) {
  m_out.reserve(chunkSize + 4096);
}

void JsonWriter::beforeValue() {
  if (m_done) {
    throw std::logic_error("JsonWriter: a second top-level value");
  }
  if (m_afterKey) {
    m_afterKey = false;
    return;
  }
  if (m_levels.empty()) {
    return;
  }
  Level& level = m_levels.back();
  if (level.object) {
    throw std::logic_error("JsonWriter: a value inside an object needs a key first");
  }
  if (level.hasItems) {
    m_out += ',';
  }
  level.hasItems = true;
}

void JsonWriter::afterValue() {
  if (m_levels.empty()) {
    m_done = true;
  }
  if (m_flush && m_out.size() >= m_chunkSize) {
    m_flush(m_out);
    m_out.clear();
  }
}

JsonWriter& JsonWriter::beginObject() {
  beforeValue();
  if (m_levels.size() >= kMaxDepth) {
    throw std::logic_error("JsonWriter: nesting deeper than kMaxDepth");
  }
  m_out += '{';
  m_levels.push_back({true, false});
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  beforeValue();
  if (m_levels.size() >= kMaxDepth) {
    throw std::logic_error("JsonWriter: nesting deeper than kMaxDepth");
  }
  m_out += '[';
  m_levels.push_back({false, false});
  return *this;
}

void JsonWriter::end(bool object) {
  if (m_levels.empty() || m_levels.back().object != object) {
    throw std::logic_error(object ? "JsonWriter: endObject() without an open object"
                                  : "JsonWriter: endArray() without an open array");
  }
  if (m_afterKey) {
    throw std::logic_error("JsonWriter: a key without a value");
  }
  m_out += object ? '}' : ']';
  m_levels.pop_back();
  afterValue();
}

JsonWriter& JsonWriter::endObject() {
  end(true);
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  end(false);
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (m_levels.empty() || !m_levels.back().object || m_afterKey) {
    throw std::logic_error("JsonWriter: a key outside an object, or two keys in a row");
  }
  checkUtf8(name);
  Level& level = m_levels.back();
  if (level.hasItems) {
    m_out += ',';
  }
  level.hasItems = true;
  appendString(name);
  m_out += ':';
  m_afterKey = true;
  return *this;
}

JsonWriter& JsonWriter::number(double value) {
  if (std::isnan(value)) {
    return string("NaN");
  }
  if (std::isinf(value)) {
    return string(value > 0 ? "Infinity" : "-Infinity");
  }
  beforeValue();
  appendShortest(m_out, value);
  afterValue();
  return *this;
}

JsonWriter& JsonWriter::numberOrNull(double value) {
  return std::isnan(value) ? null() : number(value);
}

JsonWriter& JsonWriter::integer(long long value) {
  beforeValue();
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  m_out.append(buffer, result.ptr);
  afterValue();
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  beforeValue();
  m_out += value ? "true" : "false";
  afterValue();
  return *this;
}

JsonWriter& JsonWriter::null() {
  beforeValue();
  m_out += "null";
  afterValue();
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  checkUtf8(text);
  beforeValue();
  appendString(text);
  afterValue();
  return *this;
}

namespace {

/// One JSON number at `p` (at most 11 bytes for the non-finite strings, 24 for a double).
char* writeJsonNumber(char* p, double value) {
  if (std::isnan(value)) {
    std::memcpy(p, "\"NaN\"", 5);
    return p + 5;
  }
  if (std::isinf(value)) {
    if (value > 0) {
      std::memcpy(p, "\"Infinity\"", 10);
      return p + 10;
    }
    std::memcpy(p, "\"-Infinity\"", 11);
    return p + 11;
  }
  return p + writeShortest(p, value);
}

constexpr std::size_t kBlock = 512;          // numbers per resize of the buffer
constexpr std::size_t kBytesPerNumber = 28;  // 24 + "," + "[" + "]" + ","

}  // namespace

void JsonWriter::appendNumbers(const double* values,
                               std::size_t count,
                               bool rowArrays,
                               std::size_t cols) {
  // rowArrays: `count` rows of `cols` numbers each, every row in brackets; else `count` numbers.
  const std::size_t perItem = rowArrays ? cols : 1;
  for (std::size_t start = 0; start < count;) {
    const std::size_t items =
        std::min(count - start, rowArrays ? std::max<std::size_t>(1, kBlock / (cols + 1)) : kBlock);
    const std::size_t old = m_out.size();
    m_out.resize(old + items * (perItem * kBytesPerNumber + 3));
    char* p = m_out.data() + old;
    for (std::size_t i = start; i < start + items; ++i) {
      if (i > 0) {
        *p++ = ',';
      }
      if (!rowArrays) {
        p = writeJsonNumber(p, values[i]);
        continue;
      }
      *p++ = '[';
      for (std::size_t j = 0; j < cols; ++j) {
        if (j > 0) {
          *p++ = ',';
        }
        p = writeJsonNumber(p, values[i * cols + j]);
      }
      *p++ = ']';
    }
    m_out.resize(static_cast<std::size_t>(p - m_out.data()));
    start += items;
    if (m_flush && m_out.size() >= m_chunkSize) {
      m_flush(m_out);
      m_out.clear();
    }
  }
}

JsonWriter& JsonWriter::numberArray(const double* values, std::size_t count) {
  beginArray();
  appendNumbers(values, count, false, 1);
  m_levels.back().hasItems = count > 0;
  return endArray();
}

JsonWriter& JsonWriter::numberMatrix(const double* values, std::size_t rows, std::size_t cols) {
  beginArray();
  appendNumbers(values, rows, true, cols);
  m_levels.back().hasItems = rows > 0;
  return endArray();
}

void JsonWriter::appendString(std::string_view text) {
  m_out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        m_out += "\\\"";
        break;
      case '\\':
        m_out += "\\\\";
        break;
      case '\n':
        m_out += "\\n";
        break;
      case '\t':
        m_out += "\\t";
        break;
      case '\r':
        m_out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          m_out += "\\u00";
          m_out += kHex[(c >> 4) & 15];
          m_out += kHex[c & 15];
        } else {
          m_out += c;
        }
    }
  }
  m_out += '"';
}

void JsonWriter::finish() {
  if (!m_done) {
    throw std::logic_error("JsonWriter: the document is not complete");
  }
  if (m_flush && !m_out.empty()) {
    m_flush(m_out);
    m_out.clear();
  }
}

const std::string& JsonWriter::text() {
  if (m_flush) {
    throw std::logic_error("JsonWriter: text() of a streaming writer");
  }
  finish();
  return m_out;
}

}  // namespace losslab
