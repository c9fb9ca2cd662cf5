// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sweep/sweep_csv.h"

#include <string>

#include "core/io/csv_writer.h"
#include "core/io/number_format.h"

namespace losslab::ui {

QByteArray sweepCsv(const SweepRequest& request, const SweepResult& result) {
  std::string out =
      "loss," + csvField(request.vary.name) + ",seed," + csvField(request.metric) + ",diverged\n";
  for (const SweepRun& run : result.runs) {
    out += csvField(request.losses[static_cast<std::size_t>(run.loss)].id);
    out += ',' + formatShortest(run.value) + ',' + std::to_string(run.seed) + ',';
    out += formatShortest(run.metric);
    out += run.diverged ? ",true\n" : ",false\n";
  }
  return QByteArray::fromStdString(out);
}

}  // namespace losslab::ui
