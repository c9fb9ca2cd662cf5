// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QWidget>
#include <vector>

#include "ui/common/plot_style.h"

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPLayer;
class QCPRange;
class QTimer;

namespace losslab::ui {

class Crosshair;
class CurveModel;
class RoughWhileInteracting;

/// The explorer's picture: loss curves on top, their gradients dL/dx linked below, and
/// optionally the second derivative. The panels share the x axis. Every number comes from
/// the CurveModel (which asks the engine). Model signals only update graph data and queue a
/// replot (QCustomPlot::rpQueuedReplot), so a burst of slider moves paints once.
class LossCurvePlot : public QWidget {
  Q_OBJECT

 public:
  enum Panel { LossPanel = 0, GradientPanel = 1, CurvaturePanel = 2 };
  static constexpr int kPanels = 3;

  explicit LossCurvePlot(CurveModel* model, QWidget* parent = nullptr);

  QCustomPlot* customPlot() const { return m_plot; }
  /// The axis rect of `panel` (it lives as long as the plot, shown or not).
  QCPAxisRect* axisRect(int panel) const { return m_rects.at(static_cast<std::size_t>(panel)); }
  Crosshair* crosshair() const { return m_crosshair; }
  /// Antialiasing off while the user zooms, drags or resizes; one smooth repaint after.
  RoughWhileInteracting* interaction() const { return m_interaction; }
  void setSecondDerivativeVisible(bool visible);
  bool secondDerivativeVisible() const { return m_showD2; }
  /// Each legend entry followed by its loss's formula ("Huber (δ = 1): ½r² for |r| ≤ δ, …",
  /// the catalogue's summary in the user's language).
  void setLegendFormulas(bool on);
  bool legendFormulas() const { return m_legendFormulas; }
  /// The legend text of curve `index`.
  QString legendText(int index) const;
  /// Rubber-band zoom (true) or drag-to-pan (false) for the left mouse button.
  void setRubberBandZoom(bool enabled);

  /// x to the model's home range (the model is resampled there), y to the visible data.
  void resetView();
  /// Fits each panel's y axis to the visible curves.
  void rescaleY();
  void setXRange(double from, double to);
  void setYRange(int panel, double from, double to);
  double xFrom() const;
  double xTo() const;
  double yFrom(int panel) const;
  double yTo(int panel) const;

  /// Fonts × fontScale and pens × lineScale on screen; `frameless`: the page around the
  /// panels takes their colour (presentation mode: large, thick and without a grey frame).
  void setScreenScale(double fontScale, double lineScale, bool frameless = false);
  /// The style the plot draws with now, and the one it draws with on screen.
  const PlotStyle& style() const { return m_style; }
  const PlotStyle& screenStyle() const { return m_screenStyle; }
  /// Draws with `style` and only `panel` (−1: the whole stack), laid out for `layoutSize`
  /// (axis titles that would not fit take their short form), without the crosshair, until
  /// endExport(). Exports and the clipboard draw between the two.
  void beginExport(const PlotStyle& style, int panel, QSize layoutSize);
  void endExport();
  /// The panels drawn now, top to bottom.
  std::vector<int> shownPanels() const;

  /// The curve the user is editing: its slider moves redraw only its own layer.
  void setActiveCurve(int index);
  int activeCurve() const { return m_activeCurve; }

  /// The graph drawing curve `index` in `panel` (for tests and export).
  QCPGraph* graph(int panel, int index) const;

 signals:
  /// The user zoomed or panned the x axis (sent once the gesture has settled): the owner
  /// resamples the curves over the new range.
  void xRangeEdited(double from, double to);
  /// setActiveCurve chose another curve (−1: none).
  void activeCurveChanged(int index);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();
  void updateCurve(int index);
  /// updateCurve() for every curve, then the overlaps once and one queued replot.
  void updateCurves();
  void updateAllData();
  void layoutPanels();
  void applyColors();
  void applyStyle(const PlotStyle& style);
  bool isPanelShown(int panel) const;
  /// "gradient dL/dŷ" (full) or "dL/dŷ".
  QString panelTitle(int panel, bool full) const;
  void fitAxisTitles();
  void onXRangeChanged(const QCPRange& range);
  /// Dashes each graph drawn over an earlier curve where the two coincide (curve_overlap.h),
  /// the others solid; true if a graph of a curve other than `except` changed its pen.
  bool dashOverlaps(int except);

  CurveModel* m_model;
  QCustomPlot* m_plot;
  Crosshair* m_crosshair;
  RoughWhileInteracting* m_interaction;
  QTimer* m_settle;                   // debounces xRangeEdited
  QTimer* m_fullReplot;               // one full replot after fast layer redraws
  QCPLayer* m_activeLayer = nullptr;  // holds the active curve's graphs
  int m_activeCurve = -1;
  std::vector<QCPAxisRect*> m_rects;             // loss, gradient, curvature
  std::vector<std::vector<QCPGraph*>> m_graphs;  // [panel][curve]
  PlotStyle m_style;        // what the panels are drawn with now (ui/common/plot_style.h)
  PlotStyle m_screenStyle;  // the palette's style × the screen scales
  double m_fontScale = 1;
  double m_lineScale = 1;
  bool m_frameless = false;
  bool m_exporting = false;
  int m_soloPanel = -1;  // during an export of one panel
  bool m_showD2 = false;
  bool m_legendFormulas = false;
  bool m_batch = false;         // inside updateCurves()
  bool m_settingRange = false;  // true while the program (not the user) moves the x axis
};

}  // namespace losslab::ui
