// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_presets.h"

#include <QCoreApplication>

namespace losslab::ui {

namespace {

// Titles and captions are translated when the list is first built (main() installs the
// translators before that). The context is spelt out for lupdate.

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
        {QStringLiteral("outliers"),
         QCoreApplication::translate("losslab::ui::TrainingPresets",
                                     "Training: one-sided outliers (line)"),
         QCoreApplication::translate(
             "losslab::ui::TrainingPresets",
             "15 % of the points lifted by 20, fitted with a straight line. MSE's line is "
             "pulled up by their mean (0.15 × 20 = 3); MAE and Huber stay on the clean "
             "dashed line. The history shows the error against that clean line."),
         c});
  }
  {
    TrainingConfig c = lesson(false);
    c.data.leverageFraction = 0.02;
    c.data.leverageDistance = 2;
    list.push_back({QStringLiteral("leverage"),
                    QCoreApplication::translate("losslab::ui::TrainingPresets",
                                                "Training: bad leverage points (line)"),
                    QCoreApplication::translate(
                        "losslab::ui::TrainingPresets",
                        "2 % of the points moved far to the right, their y left behind: bad "
                        "leverage points. On that long lever MSE's line tilts towards them; MAE "
                        "keeps the clean slope; Huber tilts less (its pull is capped, but the arm "
                        "is long)."),
                    c});
  }
  {
    TrainingConfig c = lesson(true);
    c.data.outlierFraction = 0.15;
    c.data.outlierMagnitude = 20;
    c.data.outlierSide = OutlierSide::Up;
    list.push_back({QStringLiteral("outliers-network"),
                    QCoreApplication::translate("losslab::ui::TrainingPresets",
                                                "Training: one-sided outliers (16-32 network)"),
                    QCoreApplication::translate(
                        "losslab::ui::TrainingPresets",
                        "The same outliers with a 16-32 network: MSE's curve is lifted off the "
                        "clean line by about 3 and bends; MAE and Huber follow the inliers. A "
                        "flexible model does not rescue MSE: it still averages the outliers in."),
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
