// SPDX-License-Identifier: GPL-3.0-or-later
// Numeric CSV input. One pass over the text held in one buffer: lines are found with memchr,
// fields are string_views into the buffer, numbers are parsed with std::from_chars straight into
// a tensor sized from the line count. A 1e6-row file costs two allocations (the file buffer and
// the tensor) plus the field vector of one line, reused for every line.
#include "core/io/csv_reader.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "core/engine/error.h"

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

class Parser {
 public:
  Parser(std::string_view text, const CsvOptions& options, const std::string& source)
      : m_text(text), m_options(options), m_source(source) {
    if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
      m_text.remove_prefix(3);  // UTF-8 byte-order mark (spreadsheet exports)
    }
  }

  CsvTable parse() {
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
    split(line);
    const Eigen::Index cols = static_cast<Eigen::Index>(m_fields.size());
    bool header = m_options.header == CsvOptions::Header::Present;
    if (m_options.header == CsvOptions::Header::Auto) {
      header = true;
      double ignored = 0;
      for (const Field& field : m_fields) {
        header = header && parseNumber(field.text, ignored) == NumberStatus::NotANumber;
      }
    }

    // Upper bound on the data rows: the lines left (a last line without '\n' counts too).
    const std::string_view rest = m_pos < m_text.size() ? m_text.substr(m_pos) : std::string_view();
    Eigen::Index capacity = static_cast<Eigen::Index>(
        std::count(rest.begin(), rest.end(), '\n') + (rest.empty() || rest.back() == '\n' ? 0 : 1));
    if (!header) {
      ++capacity;
    }
    Tensor& data = table.data.values;
    data.resize(capacity, cols);
    Eigen::Index rows = 0;

    if (header) {
      table.header.reserve(m_fields.size());
      for (const Field& field : m_fields) {
        table.header.push_back(unescaped(field));
      }
    } else {
      storeRow(data, rows++, firstLine, true);
    }
    while (nextLine(line)) {
      if (isBlank(line)) {
        if (m_firstBlank == 0) {
          m_firstBlank = m_lineNumber;
        }
        continue;
      }
      if (m_firstBlank != 0) {
        throw blankInside();
      }
      split(line);
      if (static_cast<Eigen::Index>(m_fields.size()) != cols) {
        throw Error::data(where(m_lineNumber) + "line " + std::to_string(m_lineNumber) + " has " +
                          std::to_string(m_fields.size()) + " field" +
                          (m_fields.size() == 1 ? "" : "s") + ", expected " + std::to_string(cols) +
                          " (as on line " + std::to_string(firstLine) + ")");
      }
      storeRow(data, rows++, m_lineNumber, false);
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
  bool nextLine(std::string_view& line) {
    if (m_pos >= m_text.size()) {
      return false;
    }
    const char* begin = m_text.data() + m_pos;
    const void* newline = std::memchr(begin, '\n', m_text.size() - m_pos);
    const std::size_t length =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - begin)
                : m_text.size() - m_pos;
    line = std::string_view(begin, length);
    m_pos += length + 1;
    ++m_lineNumber;
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

  Error blankInside() const {
    return Error::data(where(m_firstBlank) + "line " + std::to_string(m_firstBlank) +
                       " is blank (blank lines are allowed only at the end)");
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

  void storeRow(Tensor& data, Eigen::Index row, long lineNumber, bool firstRow) const {
    for (std::size_t j = 0; j < m_fields.size(); ++j) {
      const Field& field = m_fields[j];
      double value = 0;
      const NumberStatus status = parseNumber(field.text, value);
      if (status == NumberStatus::NotANumber) {
        if (field.text.empty()) {
          throw Error::data(where(lineNumber, j + 1) + "empty field (expected a number)");
        }
        throw Error::data(where(lineNumber, j + 1) + "'" + shortened(unescaped(field)) +
                          "' is not a number" +
                          (firstRow ? " (a header row must have no numeric field)" : ""));
      }
      if (status == NumberStatus::OutOfRange) {
        throw Error::data(where(lineNumber, j + 1) + "'" + shortened(field.text) +
                          "' is out of the range of a double");
      }
      if (!std::isfinite(value) && !m_options.allowNonFinite) {
        const char* name = std::isnan(value) ? "NaN" : value > 0 ? "inf" : "-inf";
        throw Error::data(where(lineNumber, j + 1) + name + " at line " +
                          std::to_string(lineNumber) + ", column " + std::to_string(j + 1) +
                          " (non-finite values are not accepted)");
      }
      data(row, static_cast<Eigen::Index>(j)) = value;
    }
  }

  std::string_view m_text;
  const CsvOptions& m_options;
  const std::string& m_source;
  std::size_t m_pos = 0;
  long m_lineNumber = 0;
  long m_firstBlank = 0;  // first blank line not yet followed by data (0: none)
  std::vector<Field> m_fields;
};

}  // namespace

CsvTable readCsvString(std::string_view text,
                       const CsvOptions& options,
                       const std::string& source) {
  return Parser(text, options, source).parse();
}

CsvTable readCsvFile(const std::string& path, const CsvOptions& options) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw Error::usage("cannot read '" + path + "': it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error::usage("cannot open '" + path + "': " + std::generic_category().message(errno));
  }
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  std::string text;
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), size);
  } else {
    // Not seekable (a pipe such as /dev/stdin): read it in pieces.
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (in.bad()) {
    throw Error::data(path + ": read error");
  }
  return readCsvString(text, options, path);
}

}  // namespace losslab
