// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sweep/sweep_plot.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/common/log_axis_ticker.h"
#include "ui/common/loss_factory.h"
#include "ui/common/plot_style.h"

namespace losslab::ui {

namespace {

constexpr int kBandAlpha = 50;
constexpr double kBestSize = 16;
constexpr double kLogMargin = 1.15;
constexpr double kLinearMargin = 1.08;

// Roles of the graphs, stored on each graph so a click on a band finds its loss's medians.
constexpr const char* kLossProperty = "sweepLoss";

}  // namespace

SweepPlot::SweepPlot(QWidget* parent) : QCustomPlot(parent) {
  setObjectName(QStringLiteral("sweepPlot"));
  setMinimumSize(400, 300);
  legend->setVisible(true);
  yAxis->setLabel(tr("metric"));
  stylePlot(this, PlotStyle::screen(palette(), font()));
}

// What a slide's reader should see on the axes: words, with the key in brackets.
QString SweepPlot::axisLabel(const std::string& name) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"lr", QT_TR_NOOP("learning rate")},
      {"batch", QT_TR_NOOP("batch size")},
      {"outliers", QT_TR_NOOP("outlier fraction")},
      {"outlier_magnitude", QT_TR_NOOP("outlier size")},
      {"noise", QT_TR_NOOP("noise σ")},
      {"clean_mae", QT_TR_NOOP("MAE against the noise-free function")},
      {"clean_rmse", QT_TR_NOOP("RMSE against the noise-free function")},
      {"inlier_mae", QT_TR_NOOP("MAE on the inliers")},
      {"val_mae", QT_TR_NOOP("validation MAE")},
      {"val_loss", QT_TR_NOOP("validation loss")}};
  const QString key = QString::fromStdString(name);
  for (const auto& [id, words] : kWords) {
    if (name == id) {
      return QStringLiteral("%1 (%2)").arg(tr(words), key);
    }
  }
  return key;  // a loss parameter (δ is "delta" in every framework) or a rare metric
}

void SweepPlot::showSweep(const SweepRequest& request, const SweepResult& result) {
  clearGraphs();
  xAxis->setLabel(axisLabel(request.vary.name));
  yAxis->setLabel(axisLabel(request.metric));
  if (request.vary.log) {
    xAxis->setScaleType(QCPAxis::stLogarithmic);
    xAxis->setTicker(QSharedPointer<LogAxisTicker>::create());
  } else {
    xAxis->setScaleType(QCPAxis::stLinear);
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  const PlotStyle style = PlotStyle::screen(palette(), font());
  for (int loss = 0; loss < static_cast<int>(request.losses.size()); ++loss) {
    QVector<double> x, median, low, high;
    for (const SweepSummary& s : result.summary) {
      if (s.loss == loss && std::isfinite(s.median)) {
        x << s.value;
        median << s.median;
        low << s.min;
        high << s.max;
      }
    }
    const QColor color = displayColor(defaultCurveColor(loss), style.dark);
    QColor band = color;
    band.setAlpha(kBandAlpha);
    QCPGraph* min = addGraph();
    QCPGraph* max = addGraph();
    for (QCPGraph* g : {min, max}) {
      g->setPen(Qt::NoPen);
      g->removeFromLegend();
      g->setProperty(kLossProperty, loss);
    }
    min->setData(x, low, true);
    max->setData(x, high, true);
    max->setBrush(band);
    max->setChannelFillGraph(min);
    QCPGraph* g = addGraph();
    g->setName(
        lossDisplayName(QString::fromStdString(request.losses[static_cast<std::size_t>(loss)].id)));
    g->setPen(QPen(color, style.curveWidth));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    g->setData(x, median, true);
    g->setProperty(kLossProperty, loss);
    // A loss without the varied parameter is trained once per point unchanged (a reference
    // line, all points equal): it has no best point to mark.
    const bool flat = !median.isEmpty() && *std::max_element(median.begin(), median.end()) ==
                                               *std::min_element(median.begin(), median.end());
    for (const SweepSummary& b : result.best) {
      if (b.loss == loss && std::isfinite(b.median) && !flat) {
        QCPGraph* best = addGraph();
        best->setName(tr("best %1").arg(g->name()));
        best->removeFromLegend();
        best->setLineStyle(QCPGraph::lsNone);
        best->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(color, 2),
                                              QBrush(Qt::NoBrush), kBestSize));
        best->setData({b.value}, {b.median});
        best->setProperty(kLossProperty, loss);
      }
    }
  }
  rescaleAxes();
  // A margin so the end points and their best-point stars are not cut by the axes.
  const QCPRange x = xAxis->range();
  if (request.vary.log) {
    xAxis->setRange(x.lower / kLogMargin, x.upper * kLogMargin);
  } else {
    xAxis->scaleRange(kLinearMargin);
  }
  yAxis->scaleRange(kLinearMargin);
  replot();
}

std::optional<std::pair<int, int>> SweepPlot::pointAt(QObject* plottable,
                                                      const QPointF& pixel,
                                                      const SweepResult& result) const {
  const QVariant loss = plottable->property(kLossProperty);
  if (!loss.isValid()) {
    return std::nullopt;
  }
  // The nearest point of that loss's medians along x (a click on its band counts too).
  int best = -1;
  int k = 0;
  double distance = std::numeric_limits<double>::infinity();
  for (const SweepSummary& s : result.summary) {
    if (s.loss == loss.toInt() && std::isfinite(s.median)) {
      const double d = std::abs(xAxis->coordToPixel(s.value) - pixel.x());
      if (d < distance) {
        distance = d;
        best = k;
      }
      ++k;
    }
  }
  if (best < 0) {
    return std::nullopt;
  }
  return std::pair{loss.toInt(), best};
}

}  // namespace losslab::ui
