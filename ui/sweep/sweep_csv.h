// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include "core/training/sweep.h"

namespace losslab::ui {

/// The sweep's runs as CSV (core/io/csv_writer rules, shortest round-trip numbers), the same
/// columns as `losslab-cli sweep --out`: loss, <varied name>, seed, <metric>, diverged.
QByteArray sweepCsv(const SweepRequest& request, const SweepResult& result);

}  // namespace losslab::ui
