// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/engine/tensor.h"

namespace losslab {

/// How a numeric CSV is read (PlotJuggler's CsvParseConfig in spirit).
struct CsvOptions {
  enum class Header {
    Auto,     // row 1 is a header when none of its fields is a number (and data rows follow)
    Present,  // row 1 is always a header
    Absent,   // row 1 is always data
  };
  Header header = Header::Auto;
  bool allowNonFinite = false;        // accept NaN / inf / -inf fields (rejected by default)
  bool vectorIfSingleColumn = false;  // one column gives rank 1, shape (n,), instead of (n, 1)
};

/// A numeric table: one row per sample, one column per field.
struct CsvTable {
  RankedTensor data;                // rows × columns (rank 1 only when asked for)
  std::vector<std::string> header;  // column names when row 1 was a header, else empty
};

/// Reads a numeric CSV file.
///
/// Format: fields separated by commas, spaces and tabs around a field ignored, an optional
/// "double-quoted" field ("" inside stands for a quote; the quote must close on its line),
/// LF or CRLF line ends, an optional UTF-8 byte-order mark, blank lines allowed only at the end.
/// Numbers are what std::from_chars reads (plus a leading '+').
///
/// Errors are Error::data and start with "<source>:<line>[:<column>]: " (1-based), e.g.
///   data.csv:3:2: 'abc' is not a number
///   data.csv:4: line 4 has 2 fields, expected 3
///   data.csv:5:1: NaN at line 5, column 1 (non-finite values are not accepted)
///   data.csv:2:3: unterminated quote (a quoted field must close on its line)
///   data.csv: the file is empty
/// A file that cannot be opened is Error::usage (the request named a wrong path).
CsvTable readCsvFile(const std::string& path, const CsvOptions& options = {});

/// The same on text in memory; `source` names it in messages (tests, pasted data).
CsvTable readCsvString(std::string_view text,
                       const CsvOptions& options = {},
                       const std::string& source = "<string>");

}  // namespace losslab
