// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/fit_plot.h"

#include <QHelpEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/training/histogram.h"
#include "ui/common/curve_overlap.h"
#include "ui/common/number_text.h"

namespace losslab::ui {

namespace {

QVector<double> qvector(const std::vector<double>& values) {
  return QVector<double>(values.begin(), values.end());
}

}  // namespace

FitPlot::FitPlot(QWidget* parent) : TrainingPlot(parent) {
  // Low influence in a pale blue, high in dark red: the samples that pull hardest stand out.
  QCPColorGradient gradient;
  gradient.clearColorStops();
  gradient.setColorStopAt(0, QColor(165, 190, 230));
  gradient.setColorStopAt(0.5, QColor(240, 150, 40));
  gradient.setColorStopAt(1, QColor(160, 15, 15));
  for (int b = 0; b < kInfluenceBuckets; ++b) {
    QCPGraph* g = new CachedScatterGraph(xAxis, yAxis, &m_scatterCache);
    const QColor color =
        QColor::fromRgb(gradient.color((b + 0.5) / kInfluenceBuckets, QCPRange(0, 1)));
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 5));
    g->removeFromLegend();
    m_buckets.push_back(g);
  }
  m_outlierRings = new CachedScatterGraph(xAxis, yAxis, &m_scatterCache);
  m_outlierRings->setLineStyle(QCPGraph::lsNone);
  m_outlierRings->setName(tr("injected outliers"));
  m_outlierRings->removeFromLegend();
  m_truth = addGraph();
  m_truth->setName(tr("noise-free function"));
  m_diagonal = new QCPItemStraightLine(this);
  m_diagonal->point1->setCoords(0, 0);
  m_diagonal->point2->setCoords(1, 1);
  m_diagonal->setVisible(false);

  m_colorScale = new QCPColorScale(this);
  m_colorScale->setType(QCPAxis::atRight);
  m_colorScale->setGradient(gradient);
  m_colorScale->setBarWidth(8);
  // Short label; the tooltip says what it is and whose loss (colorScaleToolTip()).
  m_colorScale->axis()->setLabel(tr("|∂L/∂ŷ|"));
  m_colorScale->setDataRange(QCPRange(0, 1));
  m_colorScaleToolTip =
      tr("Gradient influence |∂L/∂ŷᵢ| of each training point: how hard it pulls on the fit "
         "(0 to the largest value in this epoch)");
  plotLayout()->addElement(0, 1, m_colorScale);
  auto* margins = new QCPMarginGroup(this);
  axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  setMinimumSize(260, 180);
  applyPalette();
}

void FitPlot::applyPalette() {
  TrainingPlot::applyPalette();
  if (!m_colorScale) {
    return;  // the base constructor's call, before the plot's own items exist
  }
  const QColor text = palette().color(QPalette::WindowText);
  QCPAxis* axis = m_colorScale->axis();
  axis->setBasePen(QPen(text, lineWidth(1)));
  axis->setTickPen(QPen(text, lineWidth(1)));
  axis->setSubTickPen(QPen(text, 1));
  axis->setTickLabelColor(text);
  axis->setLabelColor(text);
  const QColor guide = guideColor();
  m_outlierRings->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(guide, 1), Qt::NoBrush, 10));
  m_truth->setPen(QPen(guide, lineWidth(1.5), Qt::DashLine));
  m_diagonal->setPen(QPen(guide, lineWidth(1.5), Qt::DashLine));
}

bool FitPlot::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    if (m_colorScale->outerRect().contains(help->pos())) {
      QToolTip::showText(help->globalPos(), m_colorScaleToolTip, this);
    } else {
      QToolTip::hideText();
    }
    return true;
  }
  return TrainingPlot::event(event);
}

void FitPlot::setRuns(const std::vector<RunRecord>& runs) {
  for (QCPGraph* g : m_fits) {
    removeGraph(g);
  }
  m_fits.clear();
  m_colors.clear();
  for (const RunRecord& run : runs) {
    QCPGraph* g = addGraph();
    g->setPen(QPen(run.color, lineWidth(2.5)));
    g->setName(legendName(run.name));
    m_fits.push_back(g);
    m_colors.push_back(run.color);
  }
}

void FitPlot::setTruth(const Dataset& set, bool synthetic) {
  const bool show =
      synthetic && set.featureCount() == 1 && set.clean.size() == set.size() && set.size() > 0;
  m_truth->setVisible(show);
  if (!show) {
    m_truth->removeFromLegend();
    m_truth->data()->clear();
    return;
  }
  m_truth->addToLegend();
  std::vector<Eigen::Index> order(static_cast<std::size_t>(set.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::sort(order.begin(), order.end(),
            [&set](Eigen::Index a, Eigen::Index b) { return set.x(0, a) < set.x(0, b); });
  QVector<double> x;
  QVector<double> y;
  for (Eigen::Index i : order) {
    x << set.x(0, i);
    y << set.clean(i);
  }
  m_truth->setData(x, y, true);
}

void FitPlot::showSnapshot(const TrainingSnapshot& s, int focusIndex, const Dataset& set) {
  if (s.runs.empty()) {
    return;
  }
  const bool oneD = s.featureCount == 1;
  const auto focus =
      static_cast<std::size_t>(std::clamp(focusIndex, 0, static_cast<int>(s.runs.size()) - 1));
  const RunSnapshot& f = s.runs[focus];
  auto key = [&](std::size_t i) { return oneD ? s.x[i] : s.yTrue[i]; };
  auto value = [&](std::size_t i) { return oneD ? s.yTrue[i] : f.yPred[i]; };

  // Colour classes of |∂ℓᵢ/∂ŷᵢ| relative to the largest influence in this snapshot.
  const Buckets buckets = relativeBuckets(f.influence, kInfluenceBuckets);
  std::vector<QVector<double>> keys(kInfluenceBuckets);
  std::vector<QVector<double>> values(kInfluenceBuckets);
  const std::size_t n = std::min({s.yTrue.size(), f.yPred.size(), buckets.of.size()});
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = static_cast<std::size_t>(buckets.of[i]);
    keys[b] << key(i);
    values[b] << value(i);
  }
  for (std::size_t b = 0; b < m_buckets.size(); ++b) {
    m_buckets[b]->setData(keys[b], values[b]);
  }
  m_colorScale->setDataRange(QCPRange(0, buckets.top > 0 ? buckets.top : 1));
  m_colorScaleToolTip =
      tr("Gradient influence |∂L/∂ŷᵢ| of each training point under %1: how hard the point "
         "pulls on the fit (0 to the largest value in this epoch, %2)")
          .arg(f.name, readingText(buckets.top, 4));

  QVector<double> ringKeys;
  QVector<double> ringValues;
  for (int i : s.outliers) {
    if (i >= 0 && static_cast<std::size_t>(i) < n) {
      ringKeys << key(static_cast<std::size_t>(i));
      ringValues << value(static_cast<std::size_t>(i));
    }
  }
  m_outlierRings->setData(ringKeys, ringValues);
  m_outlierRings->setVisible(!ringKeys.isEmpty());
  if (ringKeys.isEmpty()) {
    m_outlierRings->removeFromLegend();
  } else {
    m_outlierRings->addToLegend();
  }

  // Fit lines that coincide (MAE and Huber both ignore the outliers) would hide each other:
  // a later one is dashed over an earlier one, as the explorer's curves are.
  std::vector<bool> covering(m_fits.size(), false);
  if (oneD) {
    std::vector<const std::vector<double>*> columns;
    for (std::size_t r = 0; r < m_fits.size() && r < s.runs.size(); ++r) {
      columns.push_back(&s.runs[r].curveY);
    }
    // Closer than a line's width on this plot, whose y axis spans the data (outliers too).
    const auto [lo, hi] = std::minmax_element(s.yTrue.begin(), s.yTrue.end());
    const double span = s.yTrue.empty() ? 0 : *hi - *lo;
    const double pixels = std::max(100, axisRect()->height());
    const double tolerance = std::isfinite(span) ? span * lineWidth(2.5) / pixels : 0;
    covering = coveringCurves(columns, std::vector<bool>(columns.size(), true), tolerance);
    covering.resize(m_fits.size(), false);
  }
  for (std::size_t r = 0; r < m_fits.size() && r < s.runs.size(); ++r) {
    QCPGraph* g = m_fits[r];
    const RunSnapshot& run = s.runs[r];
    if (oneD) {
      g->setPen(overlapPen(g->pen(), covering[r]));
      g->setLineStyle(QCPGraph::lsLine);
      g->setScatterStyle(QCPScatterStyle());
      g->setData(qvector(s.curveX), qvector(run.curveY), true);
      g->setVisible(true);
      g->addToLegend();
    } else {
      // Predicted vs true: the focused run is drawn by the influence classes; the others as
      // small rings in their colours.
      const bool other = r != focus;
      g->setLineStyle(QCPGraph::lsNone);
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, m_colors[r], 4));
      g->setData(qvector(s.yTrue), qvector(run.yPred));
      g->setVisible(other);
      if (other) {
        g->addToLegend();
      } else {
        g->removeFromLegend();
      }
    }
  }
  m_diagonal->setVisible(!oneD);
  if (oneD) {
    xAxis->setLabel(set.featureNames.empty() ? QStringLiteral("x")
                                             : QString::fromStdString(set.featureNames.front()));
    yAxis->setLabel(set.targetName.empty() ? QStringLiteral("y")
                                           : QString::fromStdString(set.targetName));
  } else {
    xAxis->setLabel(tr("y (true)"));
    yAxis->setLabel(tr("ŷ (predicted)"));
  }
  followData();
}

}  // namespace losslab::ui
