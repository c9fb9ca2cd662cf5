// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>

#include "core/training/training_config.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace losslab::ui {

class TrainingConfigModel;

/// The network of the configuration: hidden layer widths ("16,32"; empty or "none": a linear
/// model) and the hidden activation. A new network starts a new run.
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
  QLineEdit* m_hidden = nullptr;
  QComboBox* m_activation = nullptr;
  bool m_updating = false;
};

}  // namespace losslab::ui
