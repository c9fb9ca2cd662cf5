// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace losslab::ui {

/// `losslab --bench-ui`: 1,000 parameter changes on 6 curves × 2,000 points, each measured from
/// the value change to the finished replot (engine recompute + queued replot, processed).
/// Then 200 wheel zooms (in and out, at the loss panel's centre) and 200 window resizes (the
/// width by ±20 px), each measured from the event to the finished replot: 12 graphs (6 curves in
/// the loss and gradient panels). Returns one JSON line {"moves", "curves", "points", "p50_ms",
/// "p99_ms", "zoom_p50_ms", "zoom_p99_ms", "resize_p50_ms", "resize_p99_ms", "graphs"}.
QString runUiBenchmark(int moves = 1000, int curves = 6, int points = 2000);

}  // namespace losslab::ui
