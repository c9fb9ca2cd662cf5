// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace losslab::ui {

/// No antialiasing while the user interacts with a plot, one smooth repaint after: an event
/// filter on a QCustomPlot that turns every antialiased element off on a wheel zoom, a resize
/// of a painted plot that follows another within kSmoothMs (a window edge dragged), or a mouse move
/// with a button held (dragging the axes or a point), and restores the plot's own settings
/// kSmoothMs after the last such event with one queued replot. Antialiased raster painting is most
/// of what a replot of many graphs costs; a moving picture does not need it.
class RoughWhileInteracting : public QObject {
  Q_OBJECT

 public:
  static constexpr int kSmoothMs = 150;

  /// Filters `plot`'s events; parented to the plot (it goes with it).
  explicit RoughWhileInteracting(QCustomPlot* plot);

  /// True between an interaction and the smooth repaint after it.
  bool rough() const { return m_rough; }
  /// Ends the rough period now (the smooth repaint is queued); the timer calls it.
  void smoothNow();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void roughen();

  QCustomPlot* m_plot;
  QTimer m_smooth;
  QElapsedTimer m_lastResize;
  bool m_painted = false;  // since it was last shown
  bool m_rough = false;
  QCP::AntialiasedElements m_aa;  // the plot's settings while rough
  QCP::AntialiasedElements m_notAa;
};

}  // namespace losslab::ui
