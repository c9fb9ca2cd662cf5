// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace losslab::ui {

/// `losslab --bench-ui`: 1,000 parameter changes on 6 curves × 2,000 points, each measured from
/// the value change to the finished replot (engine recompute + queued replot, processed).
/// Then 200 wheel zooms (in and out, at the loss panel's centre) and 200 window resizes (the
/// width by ±20 px), each measured from the event to the finished replot: 12 graphs (6 curves in
/// the loss and gradient panels). Then the longest UI-thread stall (a 1-ms heartbeat,
/// stall_probe.h) over 10 settled x-range changes with 8 curves × 200,000 points, each until the
/// new curves are shown, and over the import of a 10⁶-row CSV file by the Training tab's model,
/// until the data are in. Returns one JSON line {"moves", "curves", "points", "p50_ms", "p99_ms",
/// "zoom_p50_ms", "zoom_p99_ms", "resize_p50_ms", "resize_p99_ms", "graphs", "rerange_stall_ms",
/// "csv_import_stall_ms"}.
QString runUiBenchmark(int moves = 1000, int curves = 6, int points = 2000);

}  // namespace losslab::ui
