// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/crosshair.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QToolTip>

#include "ui/common/number_text.h"
#include "ui/explorer/curve_model.h"

namespace losslab::ui {

namespace {

/// Significant digits of a reading: enough to tell curves apart, short enough to scan.
constexpr int kReadingDigits = 5;

/// Space between the crosshair line and the readout, in pixels.
constexpr int kReadoutGap = 16;

QString number(double value) {
  return readingText(value, kReadingDigits);
}

}  // namespace

Crosshair::Crosshair(QCustomPlot* plot, CurveModel* model, QObject* parent)
    : QObject(parent), m_plot(plot), m_model(model) {
  connect(m_plot, &QCustomPlot::mouseMove, this, &Crosshair::onMouseMove);
  m_plot->installEventFilter(this);
}

Crosshair::~Crosshair() = default;

void Crosshair::setPanels(const std::vector<QCPAxisRect*>& panels, bool showCurvature) {
  m_panels = panels;
  m_showCurvature = showCurvature;
  while (m_lines.size() < m_panels.size()) {
    auto* line = new QCPItemStraightLine(m_plot);
    line->setPen(QPen(QColor(128, 128, 128, 170), 1, Qt::DashLine));
    line->setSelectable(false);
    line->setVisible(false);
    line->setLayer(QStringLiteral("overlay"));  // buffered: moving it repaints nothing else
    m_lines.push_back(line);
  }
  for (std::size_t i = 0; i < m_lines.size(); ++i) {
    QCPItemStraightLine* line = m_lines[i];
    line->setVisible(false);
    if (i < m_panels.size()) {
      line->setClipAxisRect(m_panels[i]);
      for (QCPItemPosition* position : line->positions()) {
        position->setAxes(m_panels[i]->axis(QCPAxis::atBottom), m_panels[i]->axis(QCPAxis::atLeft));
      }
    }
  }
}

QString Crosshair::variable() const {
  // The same names as the axes: a regression loss is drawn against r = ŷ − y (y = 0) or ŷ
  // (y fixed), and its slope is dL/dŷ either way; other kinds are drawn against their x.
  if (m_model->axisKind() != CurveKind::Residual) {
    return QStringLiteral("x");
  }
  return m_model->target() == 0 ? QStringLiteral("r") : QStringLiteral("ŷ");
}

QString Crosshair::readout(double x, bool rich) const {
  const bool residual = m_model->axisKind() == CurveKind::Residual;
  const QString d1 = residual ? QStringLiteral("dL/dŷ") : QStringLiteral("dL/dx");
  const QString d2 = residual ? QStringLiteral("d²L/dŷ²") : QStringLiteral("d²L/dx²");
  // white-space: pre: a rich tooltip word-wraps at a width of its own choosing, and must
  // never break inside a number or a symbol ("dL/" | "dŷ"); lines break only at <br>.
  QString text =
      rich ? QStringLiteral("<p style='white-space:pre'><b>%1 = %2</b>").arg(variable(), number(x))
           : QStringLiteral("%1 = %2").arg(variable(), number(x));
  for (int i = 0; i < m_model->count(); ++i) {
    const CurveItem& item = m_model->curve(i);
    double value = 0;
    double slope = 0;
    double curvature = 0;
    if (!item.visible || !m_model->pointAt(i, x, &value, &slope, &curvature)) {
      continue;
    }
    if (rich) {
      text += QStringLiteral("<br><span style='color:%1'>&#9632;</span> %2: ")
                  .arg(item.color.name(), item.name.toHtmlEscaped());
      text += m_showCurvature
                  ? QStringLiteral("L = %1, %2 = %3, %4 = %5")
                        .arg(number(value), d1, number(slope), d2, number(curvature))
                  : QStringLiteral("L = %1, %2 = %3").arg(number(value), d1, number(slope));
    } else {
      text += QStringLiteral("   ") +
              tr("%1: L = %2, slope %3").arg(item.name, number(value), number(slope));
    }
  }
  return rich ? text + QStringLiteral("</p>") : text;
}

void Crosshair::hide() {
  bool changed = false;
  for (QCPItemStraightLine* line : m_lines) {
    changed = changed || line->visible();
    line->setVisible(false);
  }
  if (changed) {
    m_plot->layer(QStringLiteral("overlay"))->replot();
  }
}

bool Crosshair::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot && event->type() == QEvent::Leave) {
    hide();
  }
  return QObject::eventFilter(watched, event);
}

void Crosshair::onMouseMove(QMouseEvent* event) {
  if (event->buttons() != Qt::NoButton) {
    hide();  // dragging pans or zooms: the readout would lag behind
    return;
  }
  QCPAxisRect* rect = m_plot->axisRectAt(event->position());
  const bool onPanel = rect && std::find(m_panels.begin(), m_panels.end(), rect) != m_panels.end();
  if (!onPanel || m_model->count() == 0) {
    hide();
    QToolTip::hideText();
    return;
  }
  const double x = rect->axis(QCPAxis::atBottom)->pixelToCoord(event->position().x());
  for (std::size_t i = 0; i < m_panels.size(); ++i) {
    m_lines[i]->point1->setCoords(x, 0);
    m_lines[i]->point2->setCoords(x, 1);
    m_lines[i]->setVisible(true);
  }
  // The readout sits at the top of the plot beside the line (left of it in the right half),
  // not under the cursor, so it covers neither the point read nor the curves near it.
  const QString text = readout(x, true);
  const QRect top = m_panels.front()->rect();
  const int lineX = static_cast<int>(event->position().x());
  if (!m_sizeProbe) {
    m_sizeProbe = std::make_unique<QLabel>();
    m_sizeProbe->setFont(QToolTip::font());
  }
  m_sizeProbe->setText(text);
  const QSize size = m_sizeProbe->sizeHint();
  QPoint anchor(lineX > top.center().x() ? lineX - kReadoutGap - size.width() : lineX + kReadoutGap,
                top.top());
  // Never over the legend: below it when they would overlap.
  if (m_plot->legend && m_plot->legend->visible()) {
    const QRect legend = m_plot->legend->outerRect();
    if (QRect(anchor, size).intersects(legend)) {
      anchor.setY(legend.bottom() + kReadoutGap / 2);
    }
  }
  QToolTip::showText(m_plot->mapToGlobal(anchor), text, m_plot);
  emit readoutChanged(readout(x, false));
  m_plot->layer(QStringLiteral("overlay"))->replot();
}

}  // namespace losslab::ui
