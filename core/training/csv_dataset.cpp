// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/csv_dataset.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/engine/error.h"

namespace losslab {

namespace {

/// A 1-based column number written as plain digits, or −1.
Eigen::Index columnNumber(const std::string& text) {
  long long number = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, number);
  return !text.empty() && ec == std::errc() && ptr == end && number >= 1 ? number : -1;
}

std::string listed(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    text += (text.empty() ? "" : ", ") + name;
  }
  return text;
}

}  // namespace

std::vector<std::string> csvColumnNames(const CsvTable& csv) {
  if (!csv.header.empty()) {
    return csv.header;
  }
  std::vector<std::string> names;
  for (Eigen::Index j = 0; j < csv.data.values.cols(); ++j) {
    names.push_back("column " + std::to_string(j + 1));
  }
  return names;
}

std::vector<std::string> csvFileColumnNames(const std::string& path) {
  std::error_code ec;
  std::string head;
  if (path != "-" && std::filesystem::is_regular_file(path, ec)) {  // never a pipe: no wait
    std::ifstream in(path, std::ios::binary);
    std::string line;
    for (int i = 0; i < 2 && std::getline(in, line); ++i) {
      head += line + '\n';
    }
  }
  if (!head.empty()) {
    try {
      return csvColumnNames(readCsvString(head, {}, path));
    } catch (const Error&) {
      // Fall through: the whole file's read gives the message (and its limits) of today.
    }
  }
  return csvColumnNames(readCsvFile(path));
}

Eigen::Index csvColumnIndex(const std::vector<std::string>& names, const std::string& reference) {
  const auto it = std::find(names.begin(), names.end(), reference);
  if (it != names.end()) {
    return static_cast<Eigen::Index>(it - names.begin());
  }
  const Eigen::Index number = columnNumber(reference);
  if (number >= 1 && number <= static_cast<Eigen::Index>(names.size())) {
    return number - 1;
  }
  throw Error::usage("no column '" + reference + "': the file's columns are " + listed(names) +
                     " (or give a column number from 1 to " + std::to_string(names.size()) + ")");
}

Dataset csvDataset(const CsvTable& csv,
                   const std::string& target,
                   const std::vector<std::string>& features,
                   const std::string& source,
                   const std::string& clean) {
  NumericTable table;
  table.values = csv.data.values.matrix();
  table.columns = csvColumnNames(csv);
  const Eigen::Index columns = table.values.cols();
  if (columns < 2) {
    throw Error::data(source + ": the file has " + std::to_string(columns) +
                      " column; training needs at least one feature column and a target column");
  }
  const Eigen::Index targetIndex =
      target.empty() ? columns - 1 : csvColumnIndex(table.columns, target);
  std::vector<Eigen::Index> featureIndices;
  for (const std::string& feature : features) {
    featureIndices.push_back(csvColumnIndex(table.columns, feature));
  }
  const Eigen::Index cleanIndex = clean.empty() ? -1 : csvColumnIndex(table.columns, clean);
  if (cleanIndex >= 0) {
    const std::string& name = table.columns[static_cast<std::size_t>(cleanIndex)];
    if (cleanIndex == targetIndex) {
      throw Error::usage("the clean column '" + name + "' is also the target");
    }
    if (std::find(featureIndices.begin(), featureIndices.end(), cleanIndex) !=
        featureIndices.end()) {
      throw Error::usage("the clean column '" + name + "' is also a feature");
    }
    if (featureIndices.empty()) {
      // Every other column but the target and the clean targets.
      for (Eigen::Index j = 0; j < columns; ++j) {
        if (j != targetIndex && j != cleanIndex) {
          featureIndices.push_back(j);
        }
      }
      if (featureIndices.empty()) {
        throw Error::data(source + ": besides the target and the clean column '" + name +
                          "' no column is left for features");
      }
    }
  }
  Dataset data = datasetFromTable(table, featureIndices, targetIndex);
  data.name = std::filesystem::path(source).filename().string();
  if (cleanIndex >= 0) {
    data.clean = table.values.col(cleanIndex);
    for (Eigen::Index i = 0; i < data.clean.size(); ++i) {
      if (!std::isfinite(data.clean(i))) {
        throw Error::data(source + ": row " + std::to_string(i + 1) + ", column " +
                          std::to_string(cleanIndex + 1) + " ('" +
                          table.columns[static_cast<std::size_t>(cleanIndex)] +
                          "', the clean targets) is not a finite number");
      }
    }
  }
  return data;
}

Dataset loadCsvDataset(const std::string& path,
                       const std::string& target,
                       const std::vector<std::string>& features,
                       const std::string& clean) {
  return csvDataset(readCsvFile(path), target, features, path, clean);
}

CsvColumnChoice canonicalCsvColumns(const std::vector<std::string>& names,
                                    const std::string& target,
                                    const std::vector<std::string>& features) {
  const auto count = static_cast<Eigen::Index>(names.size());
  const Eigen::Index targetIndex = target.empty() ? count - 1 : csvColumnIndex(names, target);
  CsvColumnChoice choice;
  if (targetIndex != count - 1) {
    choice.target = names[static_cast<std::size_t>(targetIndex)];
  }
  std::vector<Eigen::Index> picked;
  for (const std::string& feature : features) {
    picked.push_back(csvColumnIndex(names, feature));
  }
  std::vector<Eigen::Index> everyOther;
  for (Eigen::Index j = 0; j < count; ++j) {
    if (j != targetIndex) {
      everyOther.push_back(j);
    }
  }
  if (!picked.empty() && picked != everyOther) {
    for (Eigen::Index j : picked) {
      choice.features.push_back(names[static_cast<std::size_t>(j)]);
    }
  }
  return choice;
}

}  // namespace losslab
