// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <Qt>

class QCPAxisRect;
class QCPLegend;
class QCustomPlot;
class QPalette;

namespace losslab::ui {

/// How a LossLab plot looks: fonts, pens and colours in one value, so every plot (the
/// explorer's panels, the Training tab's plots, an exported slide) is drawn by the same rules.
/// `screen()` follows the application palette; `slide()` is a projector picture (white or
/// transparent page, near-black text, no frame); `scaled()` enlarges fonts and lines.
struct PlotStyle {
  QColor page;              // behind the axis rects (the widget, the PNG's margin)
  QColor panel;             // inside the axis rects
  QColor text;              // tick labels, axis titles, legend text
  QColor grid;              // dotted grid
  QColor zeroLine;          // the solid x = 0 / y = 0 lines
  QColor legendBackground;  // translucent, so a curve under the legend stays visible
  QColor legendBorder;
  QFont tickFont;
  QFont labelFont;              // axis titles: a point larger than the ticks
  QFont legendFont;             // legend entries
  double curveWidth = 2.4;      // the main curves (the loss panel)
  double secondaryWidth = 2.0;  // derivative panels and secondary series
  double axisWidth = 1;         // axes, ticks
  double fontScale = 1;         // what `scaled` applied, for callers that size other text
  bool dark = false;            // dark page: curve colours are lifted (displayColor)

  /// The on-screen style for `palette` (light or dark theme) with `font` as the tick font.
  static PlotStyle screen(const QPalette& palette, const QFont& font);
  /// A projector picture: white page and panels (or a transparent page and panels),
  /// near-black text, the light grid; fonts and lines as on screen before `scaled`.
  static PlotStyle slide(const QFont& font, bool transparent);
  /// Fonts × fontScale, every pen width × lineScale.
  PlotStyle scaled(double fontScale, double lineScale) const;
};

/// Applies the style to an axis rect: backgrounds, axes, ticks, labels and grid pens.
void styleAxisRect(QCPAxisRect* rect, const PlotStyle& style);
/// Applies the style to a legend: translucent background, border, text colour and font.
void styleLegend(QCPLegend* legend, const PlotStyle& style);
/// The page colour, every axis rect and the legend (if any) of `plot`.
void stylePlot(QCustomPlot* plot, const PlotStyle& style);

/// Presentation mode (both tabs): text and lines this many times their screen size, readable
/// from the back of a lecture room.
inline constexpr double kPresentationFontScale = 1.6;
inline constexpr double kPresentationLineScale = 1.6;

/// The i-th default curve colour: Okabe–Ito (distinguishable with colour-vision
/// deficiencies), then brown and grey; repeats after kDefaultCurveColors.
inline constexpr int kDefaultCurveColors = 8;
QColor defaultCurveColor(int index);
/// A curve's colour as drawn in `style`: very dark colours are lifted on a dark page (the
/// swatches of the curve list use the same rule, so list and plot agree).
QColor displayColor(const QColor& color, bool darkPage);

}  // namespace losslab::ui
