// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_presets.h"

#include <QCoreApplication>

namespace losslab::ui {

namespace {

QString text(const char* source) {
  // The context is spelt out for lupdate; translated when the list is first built (main()
  // installs the translators before that).
  return QCoreApplication::translate("losslab::ui::TrainingPresets", source);
}

/// Linear data y = 2x + 1 and MSE, MAE and Huber (δ = 1, catalogue defaults) from one seed;
/// the points coloured by MSE's pull.
TrainingConfig lesson(bool network) {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 500;
  c.data.noise = 0.1;
  c.network.hidden = network ? std::vector<Eigen::Index>{16, 32} : std::vector<Eigen::Index>{};
  c.optimizer.learningRate = 0.01;
  c.seed = 0;
  c.epochs = 300;
  c.compare = true;
  c.compareLosses = {
      {"mean_squared_error", {}, {}}, {"mean_absolute_error", {}, {}}, {"huber", {}, {}}};
  c.focus = "mean_squared_error";
  return c;
}

std::vector<TrainingPreset> makePresets() {
  std::vector<TrainingPreset> list;
  {
    TrainingConfig c = lesson(false);
    c.data.outlierFraction = 0.15;
    c.data.outlierMagnitude = 20;
    c.data.outlierSide = OutlierSide::Up;
    list.push_back(
        {QStringLiteral("outliers"), text("Training: one-sided outliers (line)"),
         text("15 % of the points lifted by 20, a straight-line model. MSE's line is pulled up "
              "towards them (by about their mean, 3); MAE and Huber stay on the clean dashed "
              "line. The history shows the error against that clean line."),
         c});
  }
  {
    TrainingConfig c = lesson(false);
    c.data.leverageFraction = 0.02;
    c.data.leverageDistance = 2;
    list.push_back(
        {QStringLiteral("leverage"), text("Training: bad leverage points (line)"),
         text("2 % of the points moved far to the right, their y left behind. With that long "
              "lever MSE's line tilts towards them; MAE keeps the clean slope, Huber tilts a "
              "little (a capped pull still acts on a long arm)."),
         c});
  }
  {
    TrainingConfig c = lesson(true);
    c.data.outlierFraction = 0.15;
    c.data.outlierMagnitude = 20;
    c.data.outlierSide = OutlierSide::Up;
    list.push_back(
        {QStringLiteral("outliers-network"), text("Training: one-sided outliers (16-32 network)"),
         text("The same outliers with a 16-32 network, which could bend towards each one: MSE's "
              "curve is lifted off the clean line and wiggles; MAE and Huber follow the line "
              "through the inliers."),
         c});
  }
  return list;
}

}  // namespace

const std::vector<TrainingPreset>& trainingPresets() {
  static const std::vector<TrainingPreset> list = makePresets();
  return list;
}

const TrainingPreset* findTrainingPreset(const QString& id) {
  for (const TrainingPreset& preset : trainingPresets()) {
    if (preset.id == id) {
      return &preset;
    }
  }
  return nullptr;
}

}  // namespace losslab::ui
