// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <vector>

#include "core/engine/param_spec.h"

namespace losslab::ui {

/// One curve of a preset: a catalogue loss with its parameters and the variant to draw.
struct PresetCurve {
  QString lossId;
  ParamValues params;
  QString variant;  // empty: the loss's first variant
  QString name;     // legend text; empty: the loss's display name
};

/// A teaching scene: which losses to overlay, where, and what to notice.
struct Preset {
  QString id;       // stable, for --preset and settings, e.g. "mse-mae-huber"
  QString title;    // menu text
  QString caption;  // one or two sentences: what to notice
  std::vector<PresetCurve> curves;
  double from = -3;
  double to = 3;
  bool showSecondDerivative = false;
};

/// Every preset, in menu order (titles and captions translated with tr()).
const std::vector<Preset>& presets();
/// The preset with this id, or nullptr.
const Preset* findPreset(const QString& id);
/// The preset shown on first start.
inline constexpr const char* kDefaultPreset = "mse-mae-huber";

}  // namespace losslab::ui
