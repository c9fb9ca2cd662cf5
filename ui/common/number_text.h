// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include "core/engine/param_spec.h"

namespace losslab::ui {

/// core/io/number_format.h for Qt strings: the GUI shows and writes numbers with the same rules
/// as the CLI (shortest round trip; '.' whatever the UI language).
QString shortestText(double value);
/// A reading with at most `digits` significant digits; "—" for NaN (no value here).
QString readingText(double value, int digits);
/// A parameter value as legends, labels and undo steps show it: "true"/"false", the choice's
/// label, or the number shortest round trip ("0.5", "1e-07").
QString parameterValueText(const ParamSpec& spec, double value);

}  // namespace losslab::ui
