// SPDX-License-Identifier: GPL-3.0-or-later
// LossCurvePlot's stack of panels (loss, gradient, optional curvature): which are shown, their
// axis titles (short forms when a panel is too low for the full one) and their layout.
#include <qcustomplot.h>
#include <QFontMetricsF>
#include <algorithm>

#include "ui/common/curve_overlap.h"
#include "ui/common/engine_text.h"
#include "ui/explorer/crosshair.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/loss_curve_plot.h"

namespace losslab::ui {

namespace {

/// The loss panel's height relative to a derivative panel's.
constexpr double kLossPanelStretch = 1.5;
/// A y title that does not fit its panel shrinks to fit, but never below this size (points).
constexpr double kSmallestTitlePoints = 4;

}  // namespace

std::vector<int> LossCurvePlot::shownPanels() const {
  if (m_soloPanel >= 0) {
    return {m_soloPanel};
  }
  return m_showD2 ? std::vector<int>{LossPanel, GradientPanel, CurvaturePanel}
                  : std::vector<int>{LossPanel, GradientPanel};
}

bool LossCurvePlot::isPanelShown(int panel) const {
  const std::vector<int> shown = shownPanels();
  return std::find(shown.begin(), shown.end(), panel) != shown.end();
}

QString LossCurvePlot::panelTitle(int panel, bool full) const {
  const bool residual = m_model->axisKind() == CurveKind::Residual;
  switch (panel) {
    case LossPanel:
      return full ? tr("loss L") : tr("L");
    case GradientPanel:
      return full ? (residual ? tr("gradient dL/dŷ") : tr("slope dL/dx"))
                  : (residual ? tr("dL/dŷ") : tr("dL/dx"));
    default:
      return full ? (residual ? tr("curvature d²L/dŷ²") : tr("curvature d²L/dx²"))
                  : (residual ? tr("d²L/dŷ²") : tr("d²L/dx²"));
  }
}

void LossCurvePlot::fitAxisTitles() {
  // A y title runs along its panel: when the panel is shorter than the title (three panels in
  // a 16:9 picture), it would spill into its neighbours' titles. Then the short form ("dL/dŷ"),
  // and if even that is too long, a smaller font.
  bool changed = false;
  for (int panel : shownPanels()) {
    QCPAxis* axis = m_rects[static_cast<std::size_t>(panel)]->axis(QCPAxis::atLeft);
    const double room = m_rects[static_cast<std::size_t>(panel)]->rect().height();
    QFont font = m_style.labelFont;
    QString title = panelTitle(panel, true);
    if (QFontMetricsF(font).horizontalAdvance(title) > room) {
      title = panelTitle(panel, false);
      const double needed = QFontMetricsF(font).horizontalAdvance(title);
      if (needed > room && needed > 0) {
        // Text width is nearly proportional to the size (hinting aside): scale, then step
        // down a tenth of a point at a time until it fits.
        font.setPointSizeF(std::max(font.pointSizeF() * room / needed, kSmallestTitlePoints));
        while (font.pointSizeF() > kSmallestTitlePoints &&
               QFontMetricsF(font).horizontalAdvance(title) > room) {
          font.setPointSizeF(std::max(font.pointSizeF() - 0.1, kSmallestTitlePoints));
        }
      }
    }
    if (axis->label() != title || axis->labelFont() != font) {
      axis->setLabel(title);
      axis->setLabelFont(font);
      changed = true;
    }
  }
  if (changed && !m_exporting) {
    m_plot->replot(QCustomPlot::rpQueuedReplot);
  }
}

void LossCurvePlot::layoutPanels() {
  // Take every panel out of the layout, then put the shown ones back in order.
  for (QCPAxisRect* rect : m_rects) {
    if (rect->layout() == m_plot->plotLayout()) {
      m_plot->plotLayout()->take(rect);
    }
  }
  m_plot->plotLayout()->simplify();
  const std::vector<int> shown = shownPanels();
  for (int row = 0; row < static_cast<int>(shown.size()); ++row) {
    m_plot->plotLayout()->addElement(row, 0, m_rects[static_cast<std::size_t>(shown[row])]);
  }
  for (int panel = 0; panel < kPanels; ++panel) {
    QCPAxisRect* rect = m_rects[static_cast<std::size_t>(panel)];
    rect->setVisible(isPanelShown(panel));
    rect->axis(QCPAxis::atLeft)->setLabel(panelTitle(panel, true));
    rect->axis(QCPAxis::atLeft)->setLabelFont(m_style.labelFont);
    // Only the bottom panel carries the x label and tick labels.
    const bool bottom = panel == shown.back();
    rect->axis(QCPAxis::atBottom)->setLabel(bottom ? m_model->axisLabel() : QString());
    rect->axis(QCPAxis::atBottom)->setTickLabels(bottom);
  }
  // The loss panel is the largest, unless it is alone.
  if (shown.size() > 1) {
    m_plot->plotLayout()->setRowStretchFactor(0, kLossPanelStretch);
  }
  std::vector<QCPAxisRect*> visible;
  for (int panel : shown) {
    visible.push_back(m_rects[static_cast<std::size_t>(panel)]);
  }
  m_crosshair->setPanels(visible, isPanelShown(CurvaturePanel));
  updateCurves();
}

bool LossCurvePlot::dashOverlaps(int except) {
  if (m_graphs.empty()) {
    return false;  // not built yet
  }
  const int count = std::min(m_model->count(), static_cast<int>(m_graphs[0].size()));
  std::vector<bool> visible;
  for (int i = 0; i < count; ++i) {
    visible.push_back(m_model->curve(i).visible);
  }
  bool othersChanged = false;
  for (int panel = 0; panel < kPanels; ++panel) {
    std::vector<const std::vector<double>*> columns;
    for (int i = 0; i < count; ++i) {
      const CurveData& samples = *m_model->curve(i).data;
      columns.push_back(panel == LossPanel       ? &samples.value
                        : panel == GradientPanel ? &samples.d1
                                                 : &samples.d2);
    }
    const std::vector<bool> covering = coveringCurves(columns, visible);
    for (int i = 0; i < count; ++i) {
      QCPGraph* g = m_graphs[static_cast<std::size_t>(panel)][static_cast<std::size_t>(i)];
      const QPen pen = overlapPen(g->pen(), covering[static_cast<std::size_t>(i)]);
      if (pen != g->pen()) {
        g->setPen(pen);
        othersChanged = othersChanged || i != except;
      }
    }
  }
  return othersChanged;
}

void LossCurvePlot::setLegendFormulas(bool on) {
  m_legendFormulas = on;
  updateCurves();
}

QString LossCurvePlot::legendText(int index) const {
  const CurveItem& item = m_model->curve(index);
  const std::string& summary = item.loss->info().summary;
  if (!m_legendFormulas || summary.empty()) {
    return item.name;
  }
  return tr("%1: %2").arg(item.name, engineText(summary));
}

}  // namespace losslab::ui
