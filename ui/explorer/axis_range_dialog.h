// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <array>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;

namespace losslab::ui {

/// "Axis Ranges…": the shared x range and the y range of each panel (loss, gradient,
/// curvature) typed as numbers. OK is enabled only while every range is non-empty (from < to);
/// the label under the fields says which one is not.
class AxisRangeDialog : public QDialog {
  Q_OBJECT

 public:
  static constexpr int kPanels = 3;

  explicit AxisRangeDialog(QWidget* parent = nullptr);

  void setXRange(double from, double to);
  void setYRange(int panel, double from, double to);
  double xFrom() const;
  double xTo() const;
  double yFrom(int panel) const;
  double yTo(int panel) const;
  /// True when every range is usable (also what enables OK).
  bool rangesValid() const;

 private:
  void validate();

  QDoubleSpinBox* m_xFrom;
  QDoubleSpinBox* m_xTo;
  std::array<QDoubleSpinBox*, kPanels> m_yFrom{};
  std::array<QDoubleSpinBox*, kPanels> m_yTo{};
  QLabel* m_problem;
  QDialogButtonBox* m_buttons;
};

}  // namespace losslab::ui
