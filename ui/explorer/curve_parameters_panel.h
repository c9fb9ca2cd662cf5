// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "core/engine/param_spec.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace losslab::ui {

class CurveModel;
class ParameterPanel;

/// The Parameters dock: what the selected curve draws (its variant: the label of a
/// classification loss, a similar or dissimilar pair, …), the regression target, the
/// parameter editors and a note about the x axis. Variant and target go straight to the
/// model; parameter edits are handed to the explorer as parametersEdited (it makes them undo
/// steps). Always shows the model's values: an edit the model refuses is replaced by them.
class CurveParametersPanel : public QWidget {
  Q_OBJECT

 public:
  explicit CurveParametersPanel(CurveModel* model, QWidget* parent = nullptr);

  /// Shows curve `index` (−1: none).
  void setCurve(int index);
  int curve() const { return m_index; }
  ParameterPanel* parameterPanel() const { return m_parameters; }
  /// Back to the loss's natural axis (the residual for regression), as presets draw.
  void clearFixedTarget();
  /// Shows the model's values of the current curve again.
  void refresh();

 signals:
  void parametersEdited(const losslab::ParamValues& values);
  /// A slider drag ended (ParameterPanel::dragFinished).
  void dragFinished();
  void statusMessage(const QString& text);
  /// The user changed the regression target: the curves moved (the plot refits y).
  void targetChanged();

 private:
  void changeVariant(int comboIndex);
  void applyTarget();
  void forwardEdit(const losslab::ParamValues& values);

  CurveModel* m_model;
  QComboBox* m_variant;
  QCheckBox* m_fixedTarget;
  QDoubleSpinBox* m_target;
  ParameterPanel* m_parameters;
  QLabel* m_axisNote;
  int m_index = -1;
  bool m_forwarding = false;  // an edit is being applied: the model's echo is not shown
};

}  // namespace losslab::ui
