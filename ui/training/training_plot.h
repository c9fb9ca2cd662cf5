// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>
#include <QElapsedTimer>
#include <QString>
#include <QTimer>

#include "ui/training/repaint_pacer.h"

namespace losslab::ui {

class RoughWhileInteracting;

/// The common ground of the Training tab's plots: palette colours (light or dark theme, as the
/// explorer's plot), a compact legend in a row below the axis rect (it never hides a data
/// point, and wraps to as many columns as the width holds), and "follow the data": every
/// update rescales until the user drags or zooms; a double click follows again. Plots redraw
/// only through rpQueuedReplot, without antialiasing while the user zooms, drags or resizes
/// (RoughWhileInteracting), smooth again once the gesture rests.
class TrainingPlot : public QCustomPlot {
  Q_OBJECT

 public:
  explicit TrainingPlot(QWidget* parent = nullptr);

  /// Rescales to the data if the plot follows it (the subclass's own rule, see rescale()).
  void followData();
  /// Follow the data again (a new data set, a new run).
  void setFollowing(bool on) { m_following = on; }
  bool following() const { return m_following; }
  /// A queued replot; while paced, no sooner than the RepaintPacer allows (the newest data is
  /// drawn then: requests in between coalesce).
  void queueReplot();
  /// Paced repaints while training runs (RepaintPacer); off: a pending one is drawn now.
  void setPaced(bool on);
  bool paced() const { return m_paced; }
  /// Antialiasing off during gestures, one smooth repaint after.
  RoughWhileInteracting* interaction() const { return m_interaction; }

  /// Every pen's width × `scale` (presentation mode: thick lines for a projector). Fonts follow
  /// the widget's font: a font change (presentation mode enlarges the tab's) restyles the
  /// axes and the legend.
  void setLineScale(double scale);
  double lineScale() const { return m_lineScale; }

  /// Legends name a run by its abbreviation: "Mean squared error (MSE) [x=1]" → "MSE [x=1]".
  /// Names without an upper-case abbreviation in parentheses stay as they are.
  static QString legendName(const QString& runName);

 protected:
  /// Axis ranges for the data (default: rescaleAxes() and 3 % of room on every side).
  virtual void rescale();
  /// Colours from the palette; subclasses add theirs (call the base first).
  virtual void applyPalette();
  void changeEvent(QEvent* event) override;
  /// `base` pixels at the line scale: the width of every pen a subclass makes.
  double lineWidth(double base) const { return base * m_lineScale; }
  /// The colour of guides (noise-free function, y = ŷ diagonal, outlier rings, legend keys).
  QColor guideColor() const;

 private:
  void moveLegendBelow();
  /// Tick labels and axis titles in the widget's font, the legend a step smaller.
  void applyFonts();
  void fitLegendColumns();

  bool m_following = true;
  double m_lineScale = 1;
  RoughWhileInteracting* m_interaction = nullptr;
  bool m_paced = false;
  RepaintPacer m_pacer;
  QElapsedTimer m_clock;
  QTimer m_pacedReplot;
};

}  // namespace losslab::ui
