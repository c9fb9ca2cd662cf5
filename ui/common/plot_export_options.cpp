// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/plot_export_options.h"

#include <algorithm>
#include <cmath>

#include "ui/common/settings.h"

namespace losslab::ui {

namespace {

constexpr double kMinScale = 0.25;
constexpr double kMaxScale = 4;
constexpr int kMinSide = 200;
constexpr int kMaxSide = 10000;

double clampScale(double scale) {
  return std::isfinite(scale) ? std::clamp(scale, kMinScale, kMaxScale) : 1.0;
}

}  // namespace

QSize PlotExportOptions::layoutSize() const {
  return kind == Kind::Slide ? kSlideLayout : customSize;
}

double PlotExportOptions::scale() const {
  return kind == Kind::Slide ? static_cast<double>(slideWidth) / kSlideLayout.width() : 1.0;
}

QSize PlotExportOptions::pixelSize() const {
  const QSize layout = layoutSize();
  return {static_cast<int>(std::lround(layout.width() * scale())),
          static_cast<int>(std::lround(layout.height() * scale()))};
}

PlotStyle PlotExportOptions::style(const PlotStyle& screen) const {
  if (kind == Kind::Custom) {
    // The screen's colours, but no frame: the page takes the panels' colour.
    PlotStyle custom = screen.scaled(fontScale, lineScale);
    custom.page = transparent ? QColor(Qt::transparent) : custom.panel;
    if (transparent) {
      custom.panel = Qt::transparent;
    }
    return custom;
  }
  QFont tick = screen.tickFont;
  tick.setPointSizeF(kSlideTickPoints);
  PlotStyle slide = PlotStyle::slide(tick, transparent);
  slide.labelFont.setPointSizeF(kSlideTitlePoints);
  slide.curveWidth = kSlideCurveWidth;
  slide.secondaryWidth = kSlideSecondaryWidth;
  slide.axisWidth = kSlideAxisWidth;
  return slide.scaled(fontScale, lineScale);
}

PlotExportOptions PlotExportOptions::remembered() {
  PlotExportOptions options;
  const QVariantMap stored = Settings::plotExport();
  options.kind = stored.value(QStringLiteral("kind")).toString() == QLatin1String("custom")
                     ? Kind::Custom
                     : Kind::Slide;
  options.slideWidth =
      stored.value(QStringLiteral("slideWidth"), 1920).toInt() == 1280 ? 1280 : 1920;
  const QSize size = stored.value(QStringLiteral("customSize"), options.customSize).toSize();
  options.customSize = QSize(std::clamp(size.width(), kMinSide, kMaxSide),
                             std::clamp(size.height(), kMinSide, kMaxSide));
  options.fontScale = clampScale(stored.value(QStringLiteral("fontScale"), 1.0).toDouble());
  options.lineScale = clampScale(stored.value(QStringLiteral("lineScale"), 1.0).toDouble());
  options.transparent = stored.value(QStringLiteral("transparent"), false).toBool();
  options.panel = stored.value(QStringLiteral("panel"), -1).toInt();
  return options;
}

void PlotExportOptions::remember() const {
  Settings::setPlotExport({{QStringLiteral("kind"), kind == Kind::Custom ? QStringLiteral("custom")
                                                                         : QStringLiteral("slide")},
                           {QStringLiteral("slideWidth"), slideWidth},
                           {QStringLiteral("customSize"), customSize},
                           {QStringLiteral("fontScale"), fontScale},
                           {QStringLiteral("lineScale"), lineScale},
                           {QStringLiteral("transparent"), transparent},
                           {QStringLiteral("panel"), panel}});
}

}  // namespace losslab::ui
