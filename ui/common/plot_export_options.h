// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QString>

#include "ui/common/plot_style.h"

namespace losslab::ui {

/// How a plot is exported, for every plot of every tab: the Slide preset (16:9, the fonts and
/// pens of a projector picture, white or transparent, no frame) or a custom size.
///
/// Sizes are in logical pixels of 1/96 inch. A slide is always laid out at 1280 × 720 (so a
/// 1920 × 1080 and a 1280 × 720 PNG show the same picture, the first one 1.5 times sharper),
/// which as SVG or PDF is a 13.33 × 7.5 in page (960 × 540 pt: PowerPoint's and Impress's
/// 16:9 slide), with text at true point sizes. A custom export is laid out at its own size
/// with the screen's fonts and colours, rendered 1:1 in PNG. Neither has a frame: the page
/// around the panels is the panels' colour (or transparent).
struct PlotExportOptions {
  enum class Kind { Slide, Custom };
  static constexpr QSize kSlideLayout{1280, 720};
  /// Slide text at font scale 1: tick labels and legend, axis titles (points).
  static constexpr double kSlideTickPoints = 16;
  static constexpr double kSlideTitlePoints = 18;
  /// Slide pens at line scale 1 (logical pixels): curves, secondary curves, axes.
  static constexpr double kSlideCurveWidth = 3.5;
  static constexpr double kSlideSecondaryWidth = 3.0;
  static constexpr double kSlideAxisWidth = 1.5;

  Kind kind = Kind::Slide;
  int slideWidth = 1920;        // 1920 (1920 × 1080) or 1280 (1280 × 720)
  QSize customSize{1200, 800};  // logical pixels; the PNG's pixels
  double fontScale = 1;         // × the slide's (or the screen's) text size
  double lineScale = 1;         // × the slide's (or the screen's) pens
  bool transparent = false;     // else a white page (custom: the screen's colours)
  int panel = -1;               // a plot with several panels: only this one (−1: all)

  /// What the plot is laid out at (1/96 in units).
  QSize layoutSize() const;
  /// The PNG's pixels (layoutSize × scale).
  QSize pixelSize() const;
  /// Output pixels per logical pixel (PNG): 1.5 for a 1920-wide slide, else 1.
  double scale() const;
  /// The style to draw with: a slide's, or `screen` with the scales (and a transparent page).
  PlotStyle style(const PlotStyle& screen) const;

  /// The last options used (Settings), and remembering them.
  static PlotExportOptions remembered();
  void remember() const;
};

}  // namespace losslab::ui
