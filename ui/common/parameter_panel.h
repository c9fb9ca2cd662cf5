// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <vector>

#include "core/engine/param_spec.h"

class QAbstractSpinBox;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace losslab::ui {

/// Editors for one loss's parameters, built from the engine's ParamSpec metadata:
///   Real / Integer: label, slider, spin box (QDoubleSpinBox / QSpinBox), reset button, and a
///                   red message line under the row for rejected input;
///   Boolean:        check box;  Choice: combo box (each with a reset button too).
/// The slider and the spin box edit the same value: dragging the slider emits continuously,
/// the spin box emits when an edit is committed (Enter, focus out, arrow keys). A typed value
/// outside the valid range (ParamSpec::validate) is rejected: the message is shown under the
/// row and the last valid value is kept. A value outside the slider span (but valid) pins the
/// slider to its end and is kept as typed.
///
/// Direction of updates (LabPlot's two directions): setParameters() writes the widgets under
/// the m_updating guard and never emits; user edits update the value map and emit the one
/// coarse signal parametersChanged (Qt's SlidersGroup).
class ParameterPanel : public QWidget {
  Q_OBJECT

 public:
  /// Positions of a Real slider (integer sliders use one position per integer up to this).
  static constexpr int kSliderSteps = 1000;
  /// The narrowest a slider gets, in pixels.
  static constexpr int kMinSliderWidth = 150;

  explicit ParameterPanel(QWidget* parent = nullptr);
  ~ParameterPanel() override;

  /// Shows `values` in editors for `specs`. The editors are rebuilt only when `specs` differ
  /// from the current ones (same parameters: the widgets stay, so a slider being dragged or a
  /// focused spin box survives a listener that echoes the values back). Missing ids take the
  /// default; a value that fails ParamSpec::validate is replaced by the default and its message
  /// is shown under the row. Does not emit parametersChanged.
  void setParameters(const std::vector<ParamSpec>& specs, const ParamValues& values);
  /// The current value of every parameter (all valid).
  ParamValues values() const { return m_values; }
  /// Removes every editor and shows a "no parameters" label. Does not emit.
  void clear();
  /// True while the user holds a slider: the edits it emits belong to one gesture, which ends
  /// with dragFinished (an undo stack merges them into one step).
  bool isDragging() const;

 signals:
  /// Any user edit (slider move, committed spin box edit, toggle, choice, reset).
  void parametersChanged(const losslab::ParamValues& values);
  /// The user let go of a slider (see isDragging).
  void dragFinished();

 private:
  struct Row {
    ParamSpec spec;
    int steps = kSliderSteps;  // slider positions 0..steps
    QSlider* slider = nullptr;
    QDoubleSpinBox* realSpin = nullptr;
    QSpinBox* intSpin = nullptr;
    QCheckBox* check = nullptr;
    QComboBox* combo = nullptr;
    QToolButton* reset = nullptr;
    QLabel* message = nullptr;  // red, hidden unless an input was rejected
  };

  /// True when `specs` would build exactly the current editors (then only values change).
  bool sameEditors(const std::vector<ParamSpec>& specs) const;
  void rebuild(const std::vector<ParamSpec>& specs);
  void addNumberRow(QGridLayout* grid, int gridRow, Row& row);
  void addToggleRow(QGridLayout* grid, int gridRow, Row& row);
  void addChoiceRow(QGridLayout* grid, int gridRow, Row& row);
  QToolButton* makeResetButton(Row& row, const QString& defaultText);
  QLabel* makeMessageLabel(const Row& row);

  // Widgets → model (user edits).
  void onSliderMoved(std::size_t index, int position);
  void onSpinValue(std::size_t index, double value);
  void onSpinTextEdited(std::size_t index, const QString& text);
  void onToggled(std::size_t index, bool checked);
  void onChoice(std::size_t index, int choice);
  void onReset(std::size_t index);
  /// Stores a user value and emits; false (and the message shown) if the engine rejects it.
  bool commit(std::size_t index, double value);

  // Model → widgets (never emits).
  void showValue(Row& row, double value, bool moveSlider = true);
  void showMessage(Row& row, const QString& message);

  QWidget* m_content = nullptr;  // rebuilt by setParameters/clear
  std::vector<Row> m_rows;
  ParamValues m_values;
  bool m_updating = false;  // true while the panel writes its own widgets
};

}  // namespace losslab::ui
