// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace losslab::ui {

/// `losslab --bench-ui`: 1,000 parameter changes on 6 curves × 2,000 points, each measured from
/// the value change to the finished replot (engine recompute + queued replot, processed).
/// Returns one JSON line {"moves", "curves", "points", "p50_ms", "p99_ms"}.
QString runUiBenchmark(int moves = 1000, int curves = 6, int points = 2000);

}  // namespace losslab::ui
