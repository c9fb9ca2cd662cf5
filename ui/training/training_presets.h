// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <vector>

#include "core/training/training_config.h"

namespace losslab::ui {

/// A lesson of the Training tab (issue 11): a whole configuration, chosen so that the picture
/// is unmistakable, and a caption that says what to notice. Every one trains MSE, MAE and
/// Huber side by side on data with outliers; the history shows clean MAE (the error against
/// the noise-free line), on a log axis.
struct TrainingPreset {
  QString id;       // stable, for --preset and the settings, e.g. "outliers"
  QString title;    // menu text
  QString caption;  // what to notice (shown above the plots while the preset's data is in use)
  TrainingConfig config;
};

/// Every training preset, in menu order (titles and captions translated with tr()).
const std::vector<TrainingPreset>& trainingPresets();
/// The training preset with this id, or nullptr.
const TrainingPreset* findTrainingPreset(const QString& id);

}  // namespace losslab::ui
