// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>

#include "core/training/training_config.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace losslab::ui {

class TrainingConfigModel;

/// The network of the configuration: the kind of model (a network with hidden layers, or the
/// linear model ŷ = w·x + b as a first-class choice), the hidden layer widths ("16,32"; empty or
/// "none" also mean linear, as in the CLI) and the hidden activation (disabled for a linear
/// model, which has no hidden layer). A new network starts a new run.
class NetworkPanel : public QGroupBox {
  Q_OBJECT

 public:
  explicit NetworkPanel(TrainingConfigModel* model, QWidget* parent = nullptr);

 signals:
  /// A change was refused: why (the widgets show the model again).
  void refused(const QString& message);

 private:
  void showConfig(const TrainingConfig& config);
  void edited();

  TrainingConfigModel* m_model;
  QComboBox* m_kind = nullptr;  // 0: hidden layers, 1: linear
  QLineEdit* m_hidden = nullptr;
  QComboBox* m_activation = nullptr;
  bool m_updating = false;
  std::vector<Eigen::Index> m_lastHidden = {16, 32};  // what "Network" brings back
};

}  // namespace losslab::ui
