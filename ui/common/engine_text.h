// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <string>

#include "core/engine/loss.h"

namespace losslab::ui {

/// The engine is Qt-free and speaks English. These helpers show its words in the user's
/// language: the fixed vocabulary of curves (axis labels, variants) is looked up in the
/// "losslab::ui::EngineText" context, the strings the engine marks with LL_TR (loss names,
/// summaries, parameter labels and help, fixed error texts; core/engine/translatable.h) in the
/// "Engine" context; anything else (formulas, composed error messages) is shown as the engine
/// wrote it.
QString engineText(const std::string& text);

/// "Regression", "Margin classification", … (translated).
QString familyTitle(Family family);
/// "Keras", "PyTorch", "Ceres", "Barron", "Reference" (translated where it makes sense).
QString frameworkTitle(Framework framework);
/// What an axis of this kind shows, in words, for messages: "regression (against the
/// residual)", … (translated).
QString curveKindDescription(CurveKind kind);
/// A short x-axis label for a kind, used when overlaid curves label their x differently
/// (hinge's "score ŷ" next to BCE's "logit z"): "margin / score for a positive label", …
QString curveKindAxisLabel(CurveKind kind);

}  // namespace losslab::ui
