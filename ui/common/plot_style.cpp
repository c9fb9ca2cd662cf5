// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/plot_style.h"

#include <qcustomplot.h>
#include <QFontInfo>
#include <QPalette>
#include <iterator>

#include "ui/common/theme.h"

namespace losslab::ui {

namespace {

constexpr QRgb kPalette[kDefaultCurveColors] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                                                0xE69F00, 0x56B4E9, 0x8C564B, 0x7F7F7F};

/// Colours darker than this lightness (0–255) are lifted on a dark page.
constexpr int kDarkColourLightness = 110;
/// Axis titles are this many points larger than the tick labels.
constexpr double kLabelExtraPoints = 1;
/// Alpha of the grid (out of 255) on light and dark pages, and of the zero lines.
constexpr int kGridAlphaLight = 35;
constexpr int kGridAlphaDark = 45;
constexpr int kZeroAlpha = 110;
constexpr int kLegendAlpha = 230;

/// The font with the family name it really resolves to ("DejaVu Sans", not the generic "Sans
/// Serif"): what an SVG names, so that an editor or a slide program finds the same font.
QFont withRealFamily(QFont font) {
  font.setFamily(QFontInfo(font).family());
  return font;
}

QFont pointsLarger(const QFont& font, double points) {
  QFont larger = font;
  larger.setPointSizeF(font.pointSizeF() + points);
  return larger;
}

QFont timesLarger(const QFont& font, double factor) {
  QFont larger = font;
  larger.setPointSizeF(font.pointSizeF() * factor);
  return larger;
}

void setGridColours(PlotStyle& style) {
  style.grid = style.text;
  style.grid.setAlpha(style.dark ? kGridAlphaDark : kGridAlphaLight);
  style.zeroLine = style.text;
  style.zeroLine.setAlpha(kZeroAlpha);
}

}  // namespace

PlotStyle PlotStyle::screen(const QPalette& palette, const QFont& font) {
  PlotStyle style;
  style.dark = isDarkPalette(palette);
  style.page = palette.color(QPalette::Window);
  style.panel = palette.color(QPalette::Base);
  style.text = palette.color(QPalette::WindowText);
  setGridColours(style);
  style.legendBackground = style.panel;
  style.legendBackground.setAlpha(kLegendAlpha);
  style.legendBorder = palette.color(QPalette::Mid);
  style.tickFont = withRealFamily(font);
  style.labelFont = pointsLarger(style.tickFont, kLabelExtraPoints);
  style.legendFont = style.tickFont;
  return style;
}

PlotStyle PlotStyle::slide(const QFont& font, bool transparent) {
  PlotStyle style = screen(lightPalette(), font);
  // No frame: the page and the panels are one colour, as on a slide.
  style.page = transparent ? QColor(Qt::transparent) : QColor(Qt::white);
  style.panel = style.page;
  style.legendBackground = transparent ? QColor(255, 255, 255, 200) : QColor(Qt::white);
  style.legendBorder = QColor(0xb8, 0xbc, 0xc2);
  return style;
}

PlotStyle PlotStyle::scaled(double fontFactor, double lineFactor) const {
  PlotStyle style = *this;
  style.tickFont = timesLarger(tickFont, fontFactor);
  style.labelFont = timesLarger(labelFont, fontFactor);
  style.legendFont = timesLarger(legendFont, fontFactor);
  style.curveWidth = curveWidth * lineFactor;
  style.secondaryWidth = secondaryWidth * lineFactor;
  style.axisWidth = axisWidth * lineFactor;
  style.fontScale = fontScale * fontFactor;
  return style;
}

void styleAxisRect(QCPAxisRect* rect, const PlotStyle& style) {
  rect->setBackground(style.panel);
  const QPen axisPen(style.text, style.axisWidth);
  for (QCPAxis* axis : rect->axes()) {
    axis->setBasePen(axisPen);
    axis->setTickPen(axisPen);
    axis->setSubTickPen(axisPen);
    axis->setTickLabelColor(style.text);
    axis->setLabelColor(style.text);
    axis->setTickLabelFont(style.tickFont);
    axis->setLabelFont(style.labelFont);
    axis->grid()->setPen(QPen(style.grid, style.axisWidth, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(style.zeroLine, style.axisWidth));
  }
}

void styleLegend(QCPLegend* legend, const PlotStyle& style) {
  legend->setBrush(style.legendBackground);
  legend->setBorderPen(QPen(style.legendBorder, style.axisWidth));
  legend->setTextColor(style.text);
  legend->setFont(style.legendFont);
}

void stylePlot(QCustomPlot* plot, const PlotStyle& style) {
  plot->setBackground(style.page);
  for (QCPAxisRect* rect : plot->axisRects()) {
    styleAxisRect(rect, style);
  }
  if (plot->legend) {
    styleLegend(plot->legend, style);
  }
}

QColor defaultCurveColor(int index) {
  const auto slot = static_cast<std::size_t>(index < 0 ? 0 : index) % std::size(kPalette);
  return QColor(kPalette[slot]);
}

QColor displayColor(const QColor& color, bool darkPage) {
  return darkPage && color.lightness() < kDarkColourLightness ? color.lighter(160) : color;
}

}  // namespace losslab::ui
