// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "core/io/csv_reader.h"
#include "core/training/dataset.h"

namespace losslab {

/// Training data from a numeric CSV file: the one rule for naming and picking its columns, used
/// by the Training tab, session files and `losslab-cli train`.
///
/// Columns are named by the header row; a file without one has columns "column 1" …
/// "column N". A column reference is a name, or a 1-based column number ("3"); header names
/// are never numbers (csv_reader.h's header detection), so the two cannot clash. The target
/// defaults to the last column, the features to every other column in file order.

/// The names of the table's columns (its header, or "column 1" … "column N").
std::vector<std::string> csvColumnNames(const CsvTable& csv);

/// The column names of a CSV file from its first two lines only (the header row and the first
/// data row decide them), so a dialog can offer the columns of a large file at once. A file
/// whose first lines do not parse, or that cannot be read, is read whole instead: the error is
/// then exactly readCsvFile's ("<file>:<line>:<column>: …"). Other errors further down the file
/// are found when the data set is loaded.
std::vector<std::string> csvFileColumnNames(const std::string& path);

/// The 0-based index of `reference` among `names`; Error::usage naming the columns otherwise.
Eigen::Index csvColumnIndex(const std::vector<std::string>& names, const std::string& reference);

/// The data set of `target` (empty: the last column) and `features` (empty: every other
/// column but `clean`). `clean` (empty: none) names a column of clean (noise-free) targets: it
/// becomes Dataset::clean, so the clean metrics can be measured, and is never a feature.
/// Error::data for a file with fewer than two columns or a non-finite value, and Error::usage
/// for an unknown or repeated column, or a clean column that is the target or a feature.
/// `source` names the file in messages.
Dataset csvDataset(const CsvTable& csv,
                   const std::string& target,
                   const std::vector<std::string>& features,
                   const std::string& source,
                   const std::string& clean = {});

/// readCsvFile(path) then csvDataset(); the set is named by the file's name.
Dataset loadCsvDataset(const std::string& path,
                       const std::string& target,
                       const std::vector<std::string>& features,
                       const std::string& clean = {});

/// The shortest references that pick the same columns: "" for the last column as target, an
/// empty list for "every other column in file order", names otherwise. What a configuration
/// stores, so that the command line it becomes says no more than it must.
struct CsvColumnChoice {
  std::string target;
  std::vector<std::string> features;
};
CsvColumnChoice canonicalCsvColumns(const std::vector<std::string>& names,
                                    const std::string& target,
                                    const std::vector<std::string>& features);

}  // namespace losslab
