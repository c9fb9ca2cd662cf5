// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/crosshair.h"

#include <qcustomplot.h>
#include <QEvent>
#include <QMouseEvent>
#include <QToolTip>

#include "ui/common/number_text.h"
#include "ui/explorer/curve_model.h"

namespace losslab::ui {

namespace {

/// Significant digits of a reading: enough to tell curves apart, short enough to scan.
constexpr int kReadingDigits = 5;

QString number(double value) {
  return readingText(value, kReadingDigits);
}

}  // namespace

Crosshair::Crosshair(QCustomPlot* plot, CurveModel* model, QObject* parent)
    : QObject(parent), m_plot(plot), m_model(model) {
  connect(m_plot, &QCustomPlot::mouseMove, this, &Crosshair::onMouseMove);
  m_plot->installEventFilter(this);
}

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

QString Crosshair::readout(double x, bool rich) const {
  QString text = rich ? QStringLiteral("<b>x = %1</b>").arg(number(x))
                      : QStringLiteral("x = %1").arg(number(x));
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
      text += m_showCurvature ? tr("L = %1, dL/dx = %2, d²L/dx² = %3")
                                    .arg(number(value), number(slope), number(curvature))
                              : tr("L = %1, dL/dx = %2").arg(number(value), number(slope));
    } else {
      text += QStringLiteral("   ") +
              tr("%1: L = %2, slope %3").arg(item.name, number(value), number(slope));
    }
  }
  return text;
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
  QToolTip::showText(event->globalPosition().toPoint(), readout(x, true), m_plot);
  emit readoutChanged(readout(x, false));
  m_plot->layer(QStringLiteral("overlay"))->replot();
}

}  // namespace losslab::ui
