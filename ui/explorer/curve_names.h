// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <string>
#include <vector>

#include "ui/explorer/curve_item.h"

namespace losslab::ui {

/// "δ (threshold)" → "δ": the symbol a legend uses for a parameter.
QString parameterSymbol(const ParamSpec& spec);

/// "delta=1 from_logits=true": every parameter as the CLI writes it (for CSV headers).
QString parameterText(const CurveItem& item);

/// The legend text of a curve whose name is automatic, showing the parameters `shown`:
/// "Huber (δ = 0.5)", "CauchyLoss (a = 1, Ceres)", "Binary focal cross-entropy, γ = 5".
QString automaticName(const CurveItem& item, const std::vector<std::string>& shown);

/// Recomputes every curve's variant label and, for automatic names, its legend text. A legend
/// names the parameters its display name lists, those changed from their default and those
/// that differ between curves of the same loss (a δ sweep names every δ); fuzz factors only
/// when changed. The variant is named when curves of the same loss draw different variants.
void refreshNames(std::vector<CurveItem>& items);

}  // namespace losslab::ui
