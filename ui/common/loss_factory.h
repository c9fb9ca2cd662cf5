// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <map>
#include <string>

#include "core/engine/loss.h"

namespace losslab::ui {

/// The one place the UI turns a loss id into a loss (issue 6). An id is either
///  * a catalogue id ("huber", "torch_bce", …): LossRegistry, or
///  * "custom:NAME": the custom loss NAME of CustomLossLibrary::instance(), built with
///    FormulaLoss::create(source, params, NAME).
/// The explorer and training store ids and parameter values and call createLoss() whenever
/// they need a loss, so custom losses behave like built-in ones everywhere.

/// The prefix of custom-loss ids.
inline constexpr char kCustomLossPrefix[] = "custom:";

/// True for "custom:…" ids (whether or not the library holds that name).
bool isCustomLossId(const QString& id);
/// "custom:" + name.
QString customLossId(const QString& name);
/// The NAME of "custom:NAME", or an empty string for other ids.
QString customLossName(const QString& id);

/// A loss ready to evaluate. Throws losslab::Error (usage) with a message saying what is wrong:
/// an unknown catalogue id (naming the closest ids), a custom name the library does not hold,
/// a stored formula that no longer parses, or a parameter value outside its valid range.
///
/// Parameters of a custom loss, by priority: `params`, then the values stored with the library
/// entry (those still valid for the formula), then the formula's declared defaults. Names the
/// formula does not use are ignored (a curve may still carry the parameters of an earlier
/// version of the formula); a value given in `params` outside its declared range throws, as
/// for built-in losses.
LossPtr createLoss(const QString& id, const ParamValues& params = {});

/// The values a curve holds a custom loss's extra inputs at (CurveRequest::inputValues): each
/// input's first value (row 1, column 1), as `losslab-cli curve --input NAME=FILE` does. Empty
/// for catalogue losses and custom losses without inputs.
std::map<std::string, double, std::less<>> curveInputValues(const QString& id);

/// The metadata of `id` without evaluating anything (parameter specs for sliders, curve kind,
/// name). Same errors as createLoss. Custom losses get formulaInfo(): a regression-style,
/// Keras-semantics loss named NAME.
LossInfo lossInfo(const QString& id);

/// True if createLoss(id) can succeed: a catalogue id or a name the library holds.
bool isKnownLossId(const QString& id);

/// What to call the loss in lists and legends: the catalogue's display name, the custom
/// loss's NAME, or the id itself when it is unknown.
QString lossDisplayName(const QString& id);

}  // namespace losslab::ui
