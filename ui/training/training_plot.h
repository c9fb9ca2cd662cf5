// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>
#include <QString>

namespace losslab::ui {

/// The common ground of the Training tab's plots: palette colours (light or dark theme, as the
/// explorer's plot), a compact legend in a row below the axis rect (it never hides a data
/// point, and wraps to as many columns as the width holds), and "follow the data": every
/// update rescales until the user drags or zooms; a double click follows again. Plots redraw
/// only through rpQueuedReplot.
class TrainingPlot : public QCustomPlot {
  Q_OBJECT

 public:
  explicit TrainingPlot(QWidget* parent = nullptr);

  /// Rescales to the data if the plot follows it (the subclass's own rule, see rescale()).
  void followData();
  /// Follow the data again (a new data set, a new run).
  void setFollowing(bool on) { m_following = on; }
  bool following() const { return m_following; }
  void queueReplot() { replot(QCustomPlot::rpQueuedReplot); }

  /// Legends name a run by its abbreviation: "Mean squared error (MSE) [x=1]" → "MSE [x=1]".
  /// Names without an upper-case abbreviation in parentheses stay as they are.
  static QString legendName(const QString& runName);

 protected:
  /// Axis ranges for the data (default: rescaleAxes() and 3 % of room on every side).
  virtual void rescale();
  /// Colours from the palette; subclasses add theirs (call the base first).
  virtual void applyPalette();
  void changeEvent(QEvent* event) override;
  /// The colour of guides (noise-free function, y = ŷ diagonal, outlier rings, legend keys).
  QColor guideColor() const;

 private:
  void moveLegendBelow();
  void fitLegendColumns();

  bool m_following = true;
};

}  // namespace losslab::ui
