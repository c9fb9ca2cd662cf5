// SPDX-License-Identifier: GPL-3.0-or-later
// Numeric CSV input. One pass over the text held in one buffer: lines are found with memchr,
// numbers are parsed with std::from_chars straight into a tensor sized from the line count. A
// data row without quotes takes the fast path (fields parsed as they are found); anything
// unusual — quotes, a field that is not a number, a ragged row — goes through the general path,
// which splits the line into string_views and says exactly what is wrong. A 1e6-row file costs
// two allocations: the file buffer and the tensor.
#include "core/io/csv_reader.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "core/engine/error.h"
#include "core/io/text_input.h"

namespace losslab {

namespace {

constexpr std::size_t kMaxQuotedText = 40;  // longer field text is cut in messages

struct Field {
  std::string_view text;  // without the quotes and the whitespace around the field
  bool quoted = false;
  bool escapedQuotes = false;  // text holds "" pairs that stand for one quote
};

bool isSpace(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (isSpace(s.back()) || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string shortened(std::string_view text) {
  if (text.size() <= kMaxQuotedText) {
    return std::string(text);
  }
  return std::string(text.substr(0, kMaxQuotedText)) + "...";
}

std::string unescaped(const Field& field) {
  if (!field.escapedQuotes) {
    return std::string(field.text);
  }
  std::string out;
  out.reserve(field.text.size());
  for (std::size_t k = 0; k < field.text.size(); ++k) {
    out += field.text[k];
    if (field.text[k] == '"') {
      ++k;  // the second quote of a "" pair
    }
  }
  return out;
}

enum class NumberStatus { Ok, NotANumber, OutOfRange };

/// Parses a whole field as a double. std::from_chars accepts "nan", "inf" and "infinity" in any
/// case, but no leading '+', which CSV writers (and people) do produce.
NumberStatus parseNumber(std::string_view s, double& value) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (s.empty() || s.front() == '+' || s.front() == '-') {
      return NumberStatus::NotANumber;
    }
  }
  if (s.empty()) {
    return NumberStatus::NotANumber;
  }
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (ptr != end) {
    return NumberStatus::NotANumber;
  }
  if (ec == std::errc::result_out_of_range) {
    // from_chars reports underflow as well as overflow; strtod tells them apart (an underflow
    // is a fine number that rounds to 0 or a subnormal).
    const std::string copy(s);
    value = std::strtod(copy.c_str(), nullptr);
    return std::isinf(value) ? NumberStatus::OutOfRange : NumberStatus::Ok;
  }
  return ec == std::errc() ? NumberStatus::Ok : NumberStatus::NotANumber;
}

struct Separator {
  char character;
  const char* text;  // as the message names it
};
constexpr Separator kForeignSeparators[] = {
    {';', "';' (semicolons)"},
    {'\t', "tabs"},
    {'|', "'|' (vertical bars)"},
};

/// The separator a line seems to use instead of commas (a line with no comma that has one of
/// them between its fields), or nullptr.
const Separator* foreignSeparator(std::string_view line) {
  if (line.find(',') != std::string_view::npos) {
    return nullptr;
  }
  const std::string_view content = trim(line);
  for (const Separator& separator : kForeignSeparators) {
    if (content.find(separator.character) != std::string_view::npos) {
      return &separator;
    }
  }
  return nullptr;
}

class Parser {
 public:
  Parser(std::string_view text, const CsvOptions& options, const std::string& source)
      : m_text(text), m_options(options), m_source(source) {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
      m_text.remove_prefix(3);  // UTF-8 byte-order mark (spreadsheet exports)
    }
    // Blank lines are allowed at the end only: the data ends with the last non-blank byte.
    std::size_t end = m_text.size();
    while (end > 0 &&
           (isSpace(m_text[end - 1]) || m_text[end - 1] == '\r' || m_text[end - 1] == '\n')) {
      --end;
    }
    m_text = m_text.substr(0, end);
  }

  CsvTable parse() {
    rejectNul();
    CsvTable table;
    std::string_view line;
    long firstLine = 0;
    while (nextLine(line)) {
      if (!isBlank(line)) {
        firstLine = m_lineNumber;
        break;
      }
    }
    if (firstLine == 0) {
      throw Error::data(m_source + ": the file is empty (no rows)");
    }
    if (const Separator* separator = foreignSeparator(line)) {
      throw Error::data(where(firstLine) + "the fields are separated by " + separator->text +
                        ", not commas; LossLab reads comma-separated values with '.' as the "
                        "decimal point");
    }
    split(line);
    const auto cols = static_cast<Eigen::Index>(m_fields.size());
    bool header = m_options.header == CsvOptions::Header::Present;
    if (m_options.header == CsvOptions::Header::Auto) {
      header = true;
      double ignored = 0;
      for (const Field& field : m_fields) {
        header = header && parseNumber(field.text, ignored) == NumberStatus::NotANumber;
      }
    }

    // The data rows: the lines left (the text ends with a non-blank line, see the constructor).
    const std::string_view rest = m_pos < m_text.size() ? m_text.substr(m_pos) : std::string_view();
    const auto capacity = static_cast<Eigen::Index>(
        (rest.empty() ? 0 : std::count(rest.begin(), rest.end(), '\n') + 1) + (header ? 0 : 1));
    checkCount(capacity, cols);
    Tensor& data = table.data.values;
    data.resize(capacity, cols);
    Eigen::Index rows = 0;

    if (header) {
      table.header.reserve(m_fields.size());
      for (const Field& field : m_fields) {
        table.header.push_back(unescaped(field));
      }
    } else {
      storeRow(data.row(rows++).data(), firstLine, true);
    }
    while (true) {
      if (rows < capacity && parseFastRow(data.row(rows).data(), cols)) {
        ++rows;
        continue;
      }
      if (!nextLine(line)) {
        break;
      }
      if (isBlank(line)) {
        throw Error::data(where(m_lineNumber) + "line " + std::to_string(m_lineNumber) +
                          " is blank (blank lines are allowed only at the end)");
      }
      double* row = data.row(rows++).data();
      if (!parseSimpleRow(line, row, cols)) {
        split(line);
        checkFieldCount(cols, firstLine);
        storeRow(row, m_lineNumber, false);
      }
    }
    if (rows == 0) {
      throw Error::data(m_source + ": no data rows after the header on line " +
                        std::to_string(firstLine));
    }
    if (rows != capacity) {
      data.conservativeResize(rows, cols);
    }
    if (m_options.vectorIfSingleColumn && cols == 1) {
      table.data.rank = 1;
    }
    return table;
  }

 private:
  /// A NUL byte means a binary file: said up front, with where it is.
  void rejectNul() const {
    const void* nul = std::memchr(m_text.data(), '\0', m_text.size());
    if (!nul) {
      return;
    }
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - m_text.data());
    const std::string_view before = m_text.substr(0, offset);
    const long line = static_cast<long>(std::count(before.begin(), before.end(), '\n')) + 1;
    const std::size_t lineStart =
        before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    throw Error::data(where(line, offset - lineStart + 1) + "a NUL byte: this is not a text file");
  }

  void checkCount(Eigen::Index rows, Eigen::Index cols) const {
    const auto numbers = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    if (numbers > m_options.limits.maxNumbers) {
      throw Error::data(m_source + ": " + std::to_string(rows) + " rows × " + std::to_string(cols) +
                        (cols == 1 ? " column" : " columns") + " are " + std::to_string(numbers) +
                        " numbers, more than the limit of " +
                        std::to_string(m_options.limits.maxNumbers) + " numbers for a file");
    }
  }

  void checkFieldCount(Eigen::Index cols, long firstLine) const {
    if (static_cast<Eigen::Index>(m_fields.size()) != cols) {
      throw Error::data(where(m_lineNumber) + "line " + std::to_string(m_lineNumber) + " has " +
                        std::to_string(m_fields.size()) + " field" +
                        (m_fields.size() == 1 ? "" : "s") + ", expected " + std::to_string(cols) +
                        " (as on line " + std::to_string(firstLine) + ")");
    }
  }

  bool nextLine(std::string_view& line) {
    if (m_pos >= m_text.size()) {
      return false;
    }
    ++m_lineNumber;
    const char* begin = m_text.data() + m_pos;
    const std::size_t left = m_text.size() - m_pos;
    // Look no further than the limit: a 200 MiB file without a line break fails at 1 MiB.
    const std::size_t limit = m_options.limits.maxLineBytes;
    const void* newline = std::memchr(begin, '\n', std::min(left, limit + 1));
    if (!newline && left > limit) {
      throw Error::data(lineTooLongMessage(m_source, m_lineNumber, limit));
    }
    const std::size_t length =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - begin) : left;
    if (length > limit) {
      throw Error::data(lineTooLongMessage(m_source, m_lineNumber, limit));
    }
    line = std::string_view(begin, length);
    m_pos += length + 1;
    return true;
  }

  static bool isBlank(std::string_view line) {
    for (char c : line) {
      if (!isSpace(c) && c != '\r') {
        return false;
      }
    }
    return true;
  }

  std::string where(long line) const { return m_source + ":" + std::to_string(line) + ": "; }
  std::string where(long line, std::size_t column) const {
    return m_source + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
  }

  /// The fast path: a row of exactly `cols` unquoted fields that all parse as accepted numbers
  /// goes straight into `row`. False (row partly written) sends the line to the general path.
  bool minusInfinityAllowed(double value) const {
    return m_options.allowMinusInfinity && std::isinf(value) && value < 0;
  }

  bool parseSimpleRow(std::string_view line, double* row, Eigen::Index cols) const {
    const char* p = line.data();
    const char* const end = p + line.size();
    for (Eigen::Index j = 0; j < cols; ++j) {
      while (p < end && isSpace(*p)) {
        ++p;
      }
      const char* start = p;
      while (p < end && *p != ',' && *p != '"') {
        ++p;
      }
      if (p < end && *p == '"') {
        return false;
      }
      const std::string_view field =
          trim(std::string_view(start, static_cast<std::size_t>(p - start)));
      double value = 0;
      if (parseNumber(field, value) != NumberStatus::Ok ||
          (!m_options.allowNonFinite && !std::isfinite(value) && !minusInfinityAllowed(value))) {
        return false;
      }
      row[j] = value;
      if (j + 1 < cols) {
        if (p == end) {
          return false;  // too few fields
        }
        ++p;  // the comma
      }
    }
    return p == end;  // anything left is a further field
  }

  /// The fastest path, for the rows of nearly every file: numbers parsed with std::from_chars
  /// straight from the text at m_pos (no search for the line end first, no field views), each
  /// followed by optional spaces and a comma or the line end. On success the row is stored, the
  /// line consumed and counted; false (nothing consumed, row partly written) leaves the line to
  /// nextLine() and the checked paths, which accept a superset and say what is wrong.
  bool parseFastRow(double* row, Eigen::Index cols) {
    if (m_pos >= m_text.size()) {
      return false;
    }
    const char* const lineStart = m_text.data() + m_pos;
    const char* const end = m_text.data() + m_text.size();
    const char* p = lineStart;
    for (Eigen::Index j = 0; j < cols; ++j) {
      while (p < end && isSpace(*p)) {
        ++p;
      }
      double value = 0;
      const auto [ptr, ec] = std::from_chars(p, end, value);
      if (ec != std::errc() || ptr == p) {
        return false;  // '+1', out of range, not a number: the general path decides
      }
      if (!std::isfinite(value) && !m_options.allowNonFinite && !minusInfinityAllowed(value)) {
        return false;
      }
      row[j] = value;
      p = ptr;
      while (p < end && isSpace(*p)) {
        ++p;
      }
      if (j + 1 < cols) {
        if (p == end || *p != ',') {
          return false;
        }
        ++p;
      }
    }
    if (p < end && *p == '\r') {
      ++p;
    }
    if (p < end && *p != '\n') {
      return false;  // a further field, or other text
    }
    if (static_cast<std::size_t>(p - lineStart) > m_options.limits.maxLineBytes) {
      return false;  // nextLine() reports the long line
    }
    ++m_lineNumber;
    m_pos = static_cast<std::size_t>(p - m_text.data()) + 1;
    return true;
  }

  /// Splits one line into m_fields (views into the text; the vector keeps its capacity).
  void split(std::string_view line) {
    m_fields.clear();
    std::size_t k = 0;
    const std::size_t n = line.size();
    while (true) {
      Field field;
      while (k < n && isSpace(line[k])) {
        ++k;
      }
      if (k < n && line[k] == '"') {
        const std::size_t open = ++k;
        bool closed = false;
        while (k < n) {
          if (line[k] == '"') {
            if (k + 1 < n && line[k + 1] == '"') {
              field.escapedQuotes = true;
              k += 2;
              continue;
            }
            closed = true;
            break;
          }
          ++k;
        }
        if (!closed) {
          throw Error::data(where(m_lineNumber, m_fields.size() + 1) +
                            "unterminated quote (a quoted field must close on its line)");
        }
        field.text = line.substr(open, k - open);
        field.quoted = true;
        ++k;
        while (k < n && (isSpace(line[k]) || line[k] == '\r')) {
          ++k;
        }
        if (k < n && line[k] != ',') {
          throw Error::data(where(m_lineNumber, m_fields.size() + 1) +
                            "unexpected text after the closing quote");
        }
      } else {
        const std::size_t start = k;
        while (k < n && line[k] != ',') {
          ++k;
        }
        field.text = trim(line.substr(start, k - start));
      }
      m_fields.push_back(field);
      if (k >= n) {
        return;
      }
      ++k;  // the comma
    }
  }

  /// m_fields as numbers into `row`, or the error that says which field is wrong and why.
  void storeRow(double* row, long lineNumber, bool firstRow) const {
    for (std::size_t j = 0; j < m_fields.size(); ++j) {
      const Field& field = m_fields[j];
      double value = 0;
      const NumberStatus status = parseNumber(field.text, value);
      if (status == NumberStatus::NotANumber) {
        if (field.text.empty()) {
          throw Error::data(where(lineNumber, j + 1) + "empty field (expected a number)");
        }
        std::string hint = firstRow ? " (a header row must have no numeric field)" : "";
        for (const Separator& separator : kForeignSeparators) {
          if (field.text.find(separator.character) != std::string_view::npos) {
            hint = " (the file seems to separate fields by " + std::string(separator.text) +
                   ", with decimal commas; LossLab reads ',' between fields and '.' as the "
                   "decimal point)";
          }
        }
        throw Error::data(where(lineNumber, j + 1) + "'" + shortened(unescaped(field)) +
                          "' is not a number" + hint);
      }
      if (status == NumberStatus::OutOfRange) {
        throw Error::data(where(lineNumber, j + 1) + "'" + shortened(field.text) +
                          "' is out of the range of a double");
      }
      if (!std::isfinite(value) && !m_options.allowNonFinite && !minusInfinityAllowed(value)) {
        const char* name = std::isnan(value) ? "NaN" : value > 0 ? "inf" : "-inf";
        throw Error::data(where(lineNumber, j + 1) + name + " at line " +
                          std::to_string(lineNumber) + ", column " + std::to_string(j + 1) +
                          (m_options.allowMinusInfinity
                               ? " (of the non-finite values only -inf, log 0, is accepted here)"
                               : " (non-finite values are not accepted)"));
      }
      row[j] = value;
    }
  }

  std::string_view m_text;
  const CsvOptions& m_options;
  const std::string& m_source;
  std::size_t m_pos = 0;
  long m_lineNumber = 0;
  std::vector<Field> m_fields;
};

}  // namespace

CsvTable readCsvString(std::string_view text,
                       const CsvOptions& options,
                       const std::string& source) {
  return Parser(text, options, source).parse();
}

CsvTable readCsvFile(const std::string& path, const CsvOptions& options) {
  const TextInput input = readTextInput(path, options.limits.maxBytes, options.limits.maxLineBytes);
  return readCsvString(input.text(), options, input.source);
}

}  // namespace losslab
