// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>
#include <QStringList>
#include <functional>

#include "core/training/training_config.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QListWidgetItem;

namespace losslab::ui {

class ParameterPanel;
class TrainingConfigModel;

/// The losses of the configuration. Single mode: the loss that trains, with its parameter
/// sliders (changes apply at the next step). Compare mode: the 2–4 ticked losses train side by
/// side; the loss box then picks whose parameters the sliders set (the run of that loss, if it
/// is ticked, takes them at the next step), and "Colour points by" picks whose gradient
/// influence the fit shows. The choices are the regression losses of the catalogue, the user's
/// trainable formula losses (CustomLossLibrary) and any formula loss a session brought.
class LossPanel : public QGroupBox {
  Q_OBJECT

 public:
  explicit LossPanel(TrainingConfigModel* model, QWidget* parent = nullptr);

  /// Every loss id offered (the loss box's entries, in order).
  QStringList choices() const;

 signals:
  /// A change was refused: why (the widgets show the model again).
  void refused(const QString& message);

 private:
  void rebuildChoices();
  void addChoice(const QString& id, const QString& name, const QString& summary);
  void showConfig(const TrainingConfig& config);
  /// Greys out the *Parameters of* entries of losses that do not train (compare mode).
  void offerOnlyTrainingLosses(const TrainingConfig& config);
  void request(const std::function<void(TrainingConfig&)>& change);
  void lossChosen();
  void compareItemChanged(QListWidgetItem* item);

  TrainingConfigModel* m_model;
  QLabel* m_role = nullptr;  // "Loss to train:" / "Parameters of:"
  QComboBox* m_loss = nullptr;
  ParameterPanel* m_parameters = nullptr;
  QCheckBox* m_compare = nullptr;
  QListWidget* m_compareList = nullptr;
  QComboBox* m_focus = nullptr;
  bool m_updating = false;
};

}  // namespace losslab::ui
