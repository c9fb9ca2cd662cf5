// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>
#include <functional>

#include "core/training/training_config.h"

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace losslab::ui {

class TrainingConfigModel;

/// The optimizer of the configuration (Keras 3's Adam, SGD, SGD with momentum 0.9, RMSprop),
/// its learning rate on a log slider (the model keeps a session's exact rate; the slider shows
/// the nearest position), the batch size and the Epochs budget. All apply live.
class OptimizerPanel : public QGroupBox {
  Q_OBJECT

 public:
  // The learning-rate slider spans 1e-5 … 1 with 100 positions per decade:
  // lr = 10^(p/100 − 5).
  static constexpr int kDecades = 5;
  static constexpr int kPositionsPerDecade = 100;
  static int sliderPosition(double learningRate);
  static double learningRateAt(int position);

  explicit OptimizerPanel(TrainingConfigModel* model, QWidget* parent = nullptr);

 signals:
  /// A change was refused: why (the widgets show the model again).
  void refused(const QString& message);

 private:
  void showConfig(const TrainingConfig& config);
  void request(const std::function<void(TrainingConfig&)>& change);

  TrainingConfigModel* m_model;
  QComboBox* m_optimizer = nullptr;
  QSlider* m_learningRate = nullptr;
  QLabel* m_learningRateLabel = nullptr;
  QSpinBox* m_batchSize = nullptr;
  QSpinBox* m_epochs = nullptr;
  bool m_updating = false;
};

}  // namespace losslab::ui
