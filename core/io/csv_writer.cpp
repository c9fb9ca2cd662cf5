// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/csv_writer.h"

#include "core/io/number_format.h"

namespace losslab {

std::string csvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    return std::string(text);
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  quoted += '"';
  return quoted;
}

void CsvWriter::separate() {
  if (m_rowStarted) {
    m_out += ',';
  }
  m_rowStarted = true;
}

CsvWriter& CsvWriter::field(std::string_view text) {
  separate();
  m_out += csvField(text);
  return *this;
}

CsvWriter& CsvWriter::number(double value) {
  separate();
  appendShortest(m_out, value);
  return *this;
}

CsvWriter& CsvWriter::empty() {
  separate();
  return *this;
}

CsvWriter& CsvWriter::numbers(std::span<const double> values) {
  for (const double value : values) {
    number(value);
  }
  return endRow();
}

CsvWriter& CsvWriter::endRow() {
  m_out += '\n';
  m_rowStarted = false;
  return *this;
}

}  // namespace losslab
