// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the CSV reader (issue 16). Any bytes must either read — and then give a
// table that keeps the reader's promises — or throw an Error that says what and where. The
// first byte picks the options and small limits, so that the limit checks are fuzzed too.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/engine/error.h"
#include "core/io/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::uint8_t flags = data[0];
  losslab::CsvOptions options;
  options.header = static_cast<losslab::CsvOptions::Header>(flags % 3);
  options.allowNonFinite = (flags & 4) != 0;
  options.vectorIfSingleColumn = (flags & 8) != 0;
  if (flags & 16) {
    options.limits.maxLineBytes = 16;
    options.limits.maxNumbers = 8;
    options.limits.maxBytes = 64;
  }
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const losslab::CsvTable table = losslab::readCsvString(text, options, "fuzz.csv");
    const losslab::Tensor& values = table.data.values;
    if (values.rows() < 1 || values.cols() < 1 ||
        static_cast<std::size_t>(values.size()) > options.limits.maxNumbers) {
      std::abort();  // an empty or oversized table is never a success
    }
    if (!table.header.empty() && static_cast<Eigen::Index>(table.header.size()) != values.cols()) {
      std::abort();
    }
    if (table.data.rank == 1 && values.cols() != 1) {
      std::abort();
    }
    if (!options.allowNonFinite && !values.allFinite()) {
      std::abort();
    }
  } catch (const losslab::Error&) {
    // A clear error is a correct answer.
  }
  return 0;
}
