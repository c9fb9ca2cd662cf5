// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/loss_curve_plot.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QFontMetricsF>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/common/plot_style.h"
#include "ui/common/rough_while_interacting.h"
#include "ui/explorer/crosshair.h"
#include "ui/explorer/curve_model.h"

namespace losslab::ui {

namespace {

/// How long the x range must stay still after a wheel zoom or pan before the curves are
/// resampled over it (a wheel turn sends several events).
constexpr int kSettleMs = 150;

/// Writes x/y into the graph's data without reallocating when the point count is unchanged
/// (every slider move), else replaces the data. x is sorted ascending (CurveData's contract).
void setGraphData(QCPGraph* graph, const std::vector<double>& x, const std::vector<double>& y) {
  QCPGraphDataContainer& data = *graph->data();
  const std::size_t n = std::min(x.size(), y.size());
  if (static_cast<std::size_t>(data.size()) == n) {
    auto it = data.begin();
    for (std::size_t k = 0; k < n; ++k, ++it) {
      it->key = x[k];
      it->value = y[k];
    }
    return;
  }
  QVector<QCPGraphData> points(static_cast<qsizetype>(n));
  for (std::size_t k = 0; k < n; ++k) {
    points[static_cast<qsizetype>(k)] = QCPGraphData(x[k], y[k]);
  }
  data.set(points, true);
}

/// Finite range of a vector, ignoring NaN and ±inf (a MAPE curve at y = 0 reaches 1e9).
bool finiteRange(const std::vector<double>& v, double& lo, double& hi) {
  bool any = false;
  for (double x : v) {
    if (std::isfinite(x)) {
      lo = any ? std::min(lo, x) : x;
      hi = any ? std::max(hi, x) : x;
      any = true;
    }
  }
  return any;
}

}  // namespace

LossCurvePlot::LossCurvePlot(CurveModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_plot(new QCustomPlot(this)),
      m_crosshair(new Crosshair(m_plot, model, this)),
      m_interaction(new RoughWhileInteracting(m_plot)),
      m_settle(new QTimer(this)),
      m_fullReplot(new QTimer(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_plot);
  m_settle->setSingleShot(true);
  m_settle->setInterval(kSettleMs);
  m_fullReplot->setSingleShot(true);
  m_fullReplot->setInterval(kSettleMs);
  connect(m_fullReplot, &QTimer::timeout, this,
          [this] { m_plot->replot(QCustomPlot::rpQueuedReplot); });

  m_plot->setNoAntialiasingOnDrag(true);
  // One stroked polyline per graph instead of one drawLine per segment: several times faster
  // for our 2-px antialiased pens, and the joins of a smooth curve look the same.
  m_plot->setPlottingHint(QCP::phFastPolylines, true);
  m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  m_plot->plotLayout()->clear();
  m_plot->plotLayout()->setRowSpacing(4);
  auto* margins = new QCPMarginGroup(m_plot);
  for (int panel = 0; panel < kPanels; ++panel) {
    auto* rect = new QCPAxisRect(m_plot);
    rect->setupFullAxesBox(true);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
    rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    m_rects.push_back(rect);
    connect(rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &LossCurvePlot::onXRangeChanged);
  }
  // plotLayout()->clear() deleted the default axis rect and its legend: the legend now lives
  // in the loss panel, and QCustomPlot::legend must point at it for addToLegend().
  auto* legend = new QCPLegend;
  m_rects[LossPanel]->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignHCenter);
  legend->setLayer(QStringLiteral("legend"));
  m_plot->legend = legend;
  m_plot->legend->setVisible(true);
  // The curve being edited lives on its own buffered layer above the others: a slider move
  // re-strokes only that curve (and the legend), and the cached buffers of the other layers
  // are composited unchanged. Stroking 2-px antialiased polylines is what a replot costs.
  // It sits above "axes", so background, grid, curves and axes share one buffer (every
  // buffer is composited on each paint).
  m_plot->addLayer(QStringLiteral("active"), m_plot->layer(QStringLiteral("axes")),
                   QCustomPlot::limAbove);
  m_activeLayer = m_plot->layer(QStringLiteral("active"));
  m_activeLayer->setMode(QCPLayer::lmBuffered);
  m_plot->layer(QStringLiteral("legend"))->setMode(QCPLayer::lmBuffered);

  connect(m_settle, &QTimer::timeout, this, [this] { emit xRangeEdited(xFrom(), xTo()); });
  connect(m_model, &CurveModel::curvesReset, this, &LossCurvePlot::rebuild);
  connect(m_model, &CurveModel::curveChanged, this, &LossCurvePlot::updateCurve);
  connect(m_model, &CurveModel::samplesChanged, this, &LossCurvePlot::updateAllData);
  connect(m_plot, &QCustomPlot::afterLayout, this, &LossCurvePlot::fitAxisTitles);
  applyColors();
  rebuild();
}

void LossCurvePlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange ||
      event->type() == QEvent::FontChange) {
    applyColors();
  }
  QWidget::changeEvent(event);
}

void LossCurvePlot::applyColors() {
  m_screenStyle = PlotStyle::screen(palette(), font()).scaled(m_fontScale, m_lineScale);
  if (m_frameless) {
    m_screenStyle.page = m_screenStyle.panel;
  }
  if (!m_exporting) {
    applyStyle(m_screenStyle);
  }
}

void LossCurvePlot::setScreenScale(double fontScale, double lineScale, bool frameless) {
  m_fontScale = fontScale;
  m_lineScale = lineScale;
  m_frameless = frameless;
  applyColors();
}

void LossCurvePlot::applyStyle(const PlotStyle& style) {
  m_style = style;
  // Every panel, also the curvature panel while it is out of the layout (stylePlot would
  // only reach the ones in it).
  m_plot->setBackground(m_style.page);
  for (QCPAxisRect* rect : m_rects) {
    styleAxisRect(rect, m_style);
  }
  styleLegend(m_plot->legend, m_style);
  updateCurves();
}

void LossCurvePlot::beginExport(const PlotStyle& style, int panel, QSize layoutSize) {
  m_exporting = true;
  m_soloPanel = panel >= 0 && panel < kPanels ? panel : -1;
  m_crosshair->hide();
  applyStyle(style);
  layoutPanels();
  // Lay out at the export's size once, so that the axis titles are chosen for its panels.
  const QRect viewport = m_plot->viewport();
  m_plot->setViewport(QRect(QPoint(0, 0), layoutSize));
  for (int pass = 0; pass < 2; ++pass) {
    m_plot->plotLayout()->update(QCPLayoutElement::upPreparation);
    m_plot->plotLayout()->update(QCPLayoutElement::upMargins);
    m_plot->plotLayout()->update(QCPLayoutElement::upLayout);
    fitAxisTitles();
  }
  m_plot->setViewport(viewport);
}

void LossCurvePlot::endExport() {
  m_exporting = false;
  m_soloPanel = -1;
  applyStyle(m_screenStyle);
  layoutPanels();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurvePlot::setSecondDerivativeVisible(bool visible) {
  if (visible == m_showD2) {
    return;
  }
  m_showD2 = visible;
  layoutPanels();
  rescaleY();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurvePlot::setRubberBandZoom(bool enabled) {
  m_plot->setSelectionRectMode(enabled ? QCP::srmZoom : QCP::srmNone);
}

QCPGraph* LossCurvePlot::graph(int panel, int index) const {
  return m_graphs.at(static_cast<std::size_t>(panel)).at(static_cast<std::size_t>(index));
}

void LossCurvePlot::rebuild() {
  for (auto& panelGraphs : m_graphs) {
    for (QCPGraph* g : panelGraphs) {
      m_plot->removeGraph(g);
    }
  }
  m_graphs.assign(kPanels, {});
  for (int panel = 0; panel < kPanels; ++panel) {
    QCPAxisRect* rect = m_rects[static_cast<std::size_t>(panel)];
    for (int i = 0; i < m_model->count(); ++i) {
      QCPGraph* g = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
      g->setAdaptiveSampling(true);
      if (panel != LossPanel) {
        g->removeFromLegend();
      }
      m_graphs[static_cast<std::size_t>(panel)].push_back(g);
    }
  }
  if (m_activeCurve >= m_model->count()) {
    m_activeCurve = -1;
  }
  updateCurves();
  resetView();
}

void LossCurvePlot::setActiveCurve(int index) {
  m_activeCurve = index >= 0 && index < m_model->count() ? index : -1;
  emit activeCurveChanged(m_activeCurve);
  if (m_graphs.empty()) {
    return;
  }
  for (const auto& panelGraphs : m_graphs) {
    for (std::size_t i = 0; i < panelGraphs.size(); ++i) {
      panelGraphs[i]->setLayer(static_cast<int>(i) == m_activeCurve
                                   ? m_activeLayer
                                   : m_plot->layer(QStringLiteral("main")));
    }
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurvePlot::updateCurves() {
  // The overlaps compare every pair of curves: once for all of them, not once per curve
  // (8 curves × 200,000 points took ~0.4 s on the GUI thread after each zoom).
  m_batch = true;
  for (int i = 0; i < m_model->count(); ++i) {
    updateCurve(i);
  }
  m_batch = false;
  dashOverlaps(-1);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurvePlot::updateCurve(int index) {
  if (index < 0 || index >= m_model->count() || m_graphs.empty() ||
      index >= static_cast<int>(m_graphs[0].size())) {
    return;
  }
  const CurveItem& item = m_model->curve(index);
  const CurveData& curveData = *item.data;
  const QCPGraph* lossGraph = m_graphs[LossPanel][static_cast<std::size_t>(index)];
  // Only the data (and the legend text) of the active curve changed: the fast path.
  const bool dataOnly = !m_batch && index == m_activeCurve && lossGraph->layer() == m_activeLayer &&
                        lossGraph->visible() == item.visible &&
                        lossGraph->pen().color() == displayColor(item.color, m_style.dark);
  const QString legend = legendText(index);
  const bool renamed = lossGraph->name() != legend;
  const std::vector<double>* columns[kPanels] = {&curveData.value, &curveData.d1, &curveData.d2};
  const QColor color = displayColor(item.color, m_style.dark);
  for (int panel = 0; panel < kPanels; ++panel) {
    QCPGraph* g = m_graphs[static_cast<std::size_t>(panel)][static_cast<std::size_t>(index)];
    setGraphData(g, curveData.x, *columns[panel]);
    g->setPen(QPen(color, panel == LossPanel ? m_style.curveWidth : m_style.secondaryWidth));
    g->setName(legend);
    // A hidden curvature panel draws nothing: its graphs are not even stroked.
    g->setVisible(item.visible && isPanelShown(panel));
    if (panel == LossPanel) {
      if (item.visible) {
        g->addToLegend();
      } else {
        g->removeFromLegend();
      }
    }
  }
  if (m_batch) {
    return;  // updateCurves() restyles the overlaps and replots once, for every curve
  }
  const bool othersRestyled = dashOverlaps(index);
  if (dataOnly && othersRestyled) {
    m_fullReplot->start();  // once the slider rests: curves of other layers changed their dashes
  }
  if (dataOnly) {  // QCPLayer::replot falls back to a full replot when buffers are stale
    m_activeLayer->replot();
    if (renamed) {
      // The legend keeps its size until the full replot once the slider rests.
      m_plot->layer(QStringLiteral("legend"))->replot();
      m_fullReplot->start();
    }
    return;
  }
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurvePlot::updateAllData() {
  layoutPanels();  // every curve's data, and the target may have changed the x label
}

void LossCurvePlot::onXRangeChanged(const QCPRange& range) {
  // Every panel shares the x range: dragging or zooming one moves all.
  for (QCPAxisRect* rect : m_rects) {
    if (rect->axis(QCPAxis::atBottom)->range() != range) {
      rect->axis(QCPAxis::atBottom)->setRange(range);
    }
  }
  if (!m_settingRange) {
    m_settle->start();
  }
}

void LossCurvePlot::setXRange(double from, double to) {
  m_settingRange = true;
  for (QCPAxisRect* rect : m_rects) {
    rect->axis(QCPAxis::atBottom)->setRange(from, to);
  }
  m_settingRange = false;
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossCurvePlot::setYRange(int panel, double from, double to) {
  m_rects.at(static_cast<std::size_t>(panel))->axis(QCPAxis::atLeft)->setRange(from, to);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

double LossCurvePlot::xFrom() const {
  return m_rects[LossPanel]->axis(QCPAxis::atBottom)->range().lower;
}
double LossCurvePlot::xTo() const {
  return m_rects[LossPanel]->axis(QCPAxis::atBottom)->range().upper;
}
double LossCurvePlot::yFrom(int panel) const {
  return m_rects.at(static_cast<std::size_t>(panel))->axis(QCPAxis::atLeft)->range().lower;
}
double LossCurvePlot::yTo(int panel) const {
  return m_rects.at(static_cast<std::size_t>(panel))->axis(QCPAxis::atLeft)->range().upper;
}

void LossCurvePlot::rescaleY() {
  for (int panel = 0; panel < kPanels; ++panel) {
    double lo = 0;
    double hi = 0;
    bool any = false;
    for (int i = 0; i < m_model->count(); ++i) {
      const CurveItem& item = m_model->curve(i);
      if (!item.visible) {
        continue;
      }
      const std::vector<double>& column = panel == LossPanel       ? item.data->value
                                          : panel == GradientPanel ? item.data->d1
                                                                   : item.data->d2;
      double a = 0;
      double b = 0;
      if (finiteRange(column, a, b)) {
        lo = any ? std::min(lo, a) : a;
        hi = any ? std::max(hi, b) : b;
        any = true;
      }
    }
    if (!any) {
      lo = -1;
      hi = 1;
    }
    // Derivative panels always show zero; every panel leaves a margin so that flat curves
    // (MAE's constant slope) do not sit on the frame. The loss panel leaves extra room at
    // the top for the legend.
    if (panel != LossPanel) {
      lo = std::min(lo, 0.0);
      hi = std::max(hi, 0.0);
    }
    const double span = hi > lo ? hi - lo : 1.0;
    const double top = panel == LossPanel ? 0.18 : 0.08;
    m_rects[static_cast<std::size_t>(panel)]
        ->axis(QCPAxis::atLeft)
        ->setRange(lo - 0.06 * span, hi + top * span);
  }
}

void LossCurvePlot::resetView() {
  layoutPanels();
  if (m_model->from() != m_model->homeFrom() || m_model->to() != m_model->homeTo()) {
    m_model->setRange(m_model->homeFrom(), m_model->homeTo(), m_model->points());
  }
  setXRange(m_model->homeFrom(), m_model->homeTo());
  rescaleY();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace losslab::ui
