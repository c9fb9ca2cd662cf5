// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace losslab::ui {

/// core/io/number_format.h for Qt strings: the GUI shows and writes numbers with the same rules
/// as the CLI (shortest round trip; '.' whatever the UI language).
QString shortestText(double value);
/// A reading with at most `digits` significant digits; "—" for NaN (no value here).
QString readingText(double value, int digits);

}  // namespace losslab::ui
