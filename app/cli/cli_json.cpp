// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace losslab::cli {

std::string formatNumber(double value) {
  // std::to_chars(general, 17) is printf's %.17g without the locale and several times faster
  // (a 1e6-row gradient is millions of numbers).
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
  return std::string(buffer, result.ptr);
}

void JsonWriter::beforeValue() {
  if (m_afterKey) {
    m_afterKey = false;
    return;
  }
  if (!m_hasItems.empty()) {
    if (m_hasItems.back()) {
      m_out += ',';
    }
    m_hasItems.back() = true;
  }
}

JsonWriter& JsonWriter::beginObject() {
  beforeValue();
  m_out += '{';
  m_hasItems.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  m_out += '}';
  m_hasItems.pop_back();
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  beforeValue();
  m_out += '[';
  m_hasItems.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  m_out += ']';
  m_hasItems.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  string(name);
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
  m_out += formatNumber(value);
  return *this;
}

JsonWriter& JsonWriter::integer(long long value) {
  beforeValue();
  m_out += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  beforeValue();
  m_out += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  beforeValue();
  m_out += "null";
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  beforeValue();
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
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
          m_out += buffer;
        } else {
          m_out += c;  // UTF-8 passes through unchanged
        }
    }
  }
  m_out += '"';
  return *this;
}

}  // namespace losslab::cli
