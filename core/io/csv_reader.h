// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/tensor.h"

namespace losslab {

/// What a CSV input may be at most, so that no file (or endless stream) can make LossLab read
/// without bound. Each limit is checked before the work it bounds: the size before reading, the
/// line length as lines are found, the count of numbers before the tensor is allocated.
struct CsvLimits {
  std::size_t maxBytes = std::size_t{256} << 20;    // 256 MiB of text
  std::size_t maxLineBytes = std::size_t{1} << 20;  // 1 MiB per line
  std::size_t maxNumbers = std::size_t{1} << 25;    // 33,554,432 numbers (256 MiB as doubles)
};

/// How a numeric CSV is read (PlotJuggler's CsvParseConfig in spirit).
struct CsvOptions {
  enum class Header {
    Auto,     // row 1 is a header when none of its fields is a number (and data rows follow)
    Present,  // row 1 is always a header
    Absent,   // row 1 is always data
  };
  Header header = Header::Auto;
  bool allowNonFinite = false;        // accept NaN / inf / -inf fields (rejected by default)
  bool allowMinusInfinity = false;    // accept -inf (log 0) but no NaN or +inf
  bool vectorIfSingleColumn = false;  // one column gives rank 1, shape (n,), instead of (n, 1)
  CsvLimits limits;
};

/// A numeric table: one row per sample, one column per field.
struct CsvTable {
  RankedTensor data;                // rows × columns (rank 1 only when asked for)
  std::vector<std::string> header;  // column names when row 1 was a header, else empty
};

/// Reads a numeric CSV file; the path "-" reads standard input (named "<stdin>" in messages).
///
/// Format: fields separated by commas, spaces and tabs around a field ignored, an optional
/// "double-quoted" field ("" inside stands for a quote; the quote must close on its line),
/// LF or CRLF line ends, an optional UTF-8 byte-order mark, blank lines allowed only at the end.
/// Numbers are what std::from_chars reads (plus a leading '+'). A file whose fields are separated
/// by semicolons, tabs or bars is refused with a message naming the separator.
///
/// Errors are Error::data and start with "<source>:<line>[:<column>]: " (1-based), e.g.
///   data.csv:3:2: 'abc' is not a number
///   data.csv:4: line 4 has 2 fields, expected 3
///   data.csv:5:1: NaN at line 5, column 1 (non-finite values are not accepted)
///   data.csv:2:3: unterminated quote (a quoted field must close on its line)
///   data.csv:1: the fields are separated by ';' (semicolons), not commas ...
///   data.csv: the file is empty
///   data.csv: the file has 300000000 bytes, more than the limit of 256 MiB for an input file
///   data.csv:7: line 7 is longer than the limit of 1 MiB for a line
/// A file that cannot be opened, a directory, or anything but a regular file (a device, a pipe:
/// use "-" for standard input) is Error::usage (the request named a wrong path).
CsvTable readCsvFile(const std::string& path, const CsvOptions& options = {});

/// The same on text in memory; `source` names it in messages (tests, pasted data).
CsvTable readCsvString(std::string_view text,
                       const CsvOptions& options = {},
                       const std::string& source = "<string>");

}  // namespace losslab
