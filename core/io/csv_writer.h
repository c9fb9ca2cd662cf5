// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace losslab {

/// Builds RFC 4180 CSV text: comma-separated, "\n" line ends, a field quoted (with doubled
/// quotes) only when it holds a comma, a quote or a line break. Numbers are written shortest
/// round trip (number_format.h), so reading the file back gives the same doubles. The one CSV
/// writer of LossLab: the CLI, the explorer's data export and the Training tab's exports.
class CsvWriter {
 public:
  /// Appends a text field (quoted when needed).
  CsvWriter& field(std::string_view text);
  /// Appends a number field.
  CsvWriter& number(double value);
  /// Appends an empty field (a column that has no value in this row).
  CsvWriter& empty();
  /// Appends a whole row of numbers and ends it.
  CsvWriter& numbers(std::span<const double> values);
  /// Ends the current row.
  CsvWriter& endRow();

  const std::string& text() const { return m_out; }
  /// Empties the text (keeping its storage) after it was handed over: streaming in pieces.
  void clear() { m_out.clear(); }
  std::string take() { return std::move(m_out); }

 private:
  void separate();

  std::string m_out;
  bool m_rowStarted = false;
};

/// `text` as one CSV field (quoted when needed).
std::string csvField(std::string_view text);

}  // namespace losslab
