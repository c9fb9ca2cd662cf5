// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_plot.h"

#include <QEvent>
#include <QRegularExpression>
#include <algorithm>
#include <cmath>

#include "ui/common/rough_while_interacting.h"
#include "ui/common/theme.h"

namespace losslab::ui {

namespace {

constexpr double kPadding = 0.03;  // of the data range (in decades on a log axis), each side

}  // namespace

TrainingPlot::TrainingPlot(QWidget* parent)
    : QCustomPlot(parent), m_interaction(new RoughWhileInteracting(this)) {
  setNoAntialiasingOnDrag(true);
  setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  // Dragging or zooming stops following the data; a double click follows it again.
  connect(this, &QCustomPlot::mousePress, this, [this] { m_following = false; });
  connect(this, &QCustomPlot::mouseWheel, this, [this] { m_following = false; });
  connect(this, &QCustomPlot::mouseDoubleClick, this, [this] {
    m_following = true;
    rescale();
    queueReplot();
  });
  connect(this, &QCustomPlot::beforeReplot, this, &TrainingPlot::fitLegendColumns);
  m_clock.start();
  m_pacedReplot.setSingleShot(true);
  connect(&m_pacedReplot, &QTimer::timeout, this, [this] { replot(QCustomPlot::rpQueuedReplot); });
  connect(this, &QCustomPlot::afterReplot, this,
          [this] { m_pacer.painted(m_clock.elapsed(), replotTime()); });
  moveLegendBelow();
  applyPalette();
}

void TrainingPlot::queueReplot() {
  const std::int64_t wait = m_paced ? m_pacer.waitMs(m_clock.elapsed()) : 0;
  if (wait == 0) {
    m_pacedReplot.stop();
    replot(QCustomPlot::rpQueuedReplot);
  } else if (!m_pacedReplot.isActive()) {
    m_pacedReplot.start(static_cast<int>(wait));
  }
}

void TrainingPlot::setPaced(bool on) {
  m_paced = on;
  if (!on && m_pacedReplot.isActive()) {
    m_pacedReplot.stop();
    replot(QCustomPlot::rpQueuedReplot);
  }
}

void TrainingPlot::followData() {
  if (m_following) {
    rescale();
  }
}

void TrainingPlot::rescale() {
  rescaleAxes();
  // A little room on every side: points and bars at the data's edge are drawn whole.
  for (QCPAxis* axis : {xAxis, yAxis}) {
    const QCPRange r = axis->range();
    if (axis->scaleType() == QCPAxis::stLogarithmic) {
      if (r.lower > 0 && r.upper > r.lower) {
        const double factor = std::pow(r.upper / r.lower, kPadding);
        axis->setRange(r.lower / factor, r.upper * factor);
      }
    } else if (r.size() > 0) {
      axis->setRange(r.lower - kPadding * r.size(), r.upper + kPadding * r.size());
    }
  }
}

QString TrainingPlot::legendName(const QString& runName) {
  static const QRegularExpression abbreviation(
      QStringLiteral(R"(^.*\(([A-Z][A-Z0-9]{1,7})\)(.*)$)"));
  const QRegularExpressionMatch match = abbreviation.match(runName);
  return match.hasMatch() ? match.captured(1) + match.captured(2) : runName;
}

QColor TrainingPlot::guideColor() const {
  QColor guide = palette().color(QPalette::WindowText);
  guide.setAlpha(isDarkPalette(palette()) ? 170 : 150);
  return guide;
}

void TrainingPlot::applyPalette() {
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::WindowText);
  QColor grid = text;
  grid.setAlpha(isDarkPalette(pal) ? 45 : 35);
  QColor zero = text;
  zero.setAlpha(110);
  setBackground(pal.color(QPalette::Window));
  axisRect()->setBackground(pal.color(QPalette::Base));
  for (QCPAxis* axis : axisRect()->axes()) {
    axis->setBasePen(QPen(text, lineWidth(1)));
    axis->setTickPen(QPen(text, lineWidth(1)));
    axis->setSubTickPen(QPen(text, 1));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(zero, 1));
  }
  legend->setTextColor(text);
  queueReplot();
}

void TrainingPlot::setLineScale(double scale) {
  if (!(scale > 0) || scale == m_lineScale) {
    return;
  }
  // The pens in use grow by the ratio; the ones made from now on by lineWidth().
  const double ratio = scale / m_lineScale;
  m_lineScale = scale;
  for (int i = 0; i < plottableCount(); ++i) {
    QCPAbstractPlottable* p = plottable(i);
    QPen pen = p->pen();
    pen.setWidthF(pen.widthF() * ratio);
    p->setPen(pen);
  }
  for (QCPAxis* axis : findChildren<QCPAxis*>()) {
    for (auto [get, set] : {std::pair{&QCPAxis::basePen, &QCPAxis::setBasePen},
                            std::pair{&QCPAxis::tickPen, &QCPAxis::setTickPen}}) {
      QPen pen = (axis->*get)();
      pen.setWidthF(pen.widthF() * ratio);
      (axis->*set)(pen);
    }
  }
  queueReplot();
}

void TrainingPlot::applyFonts() {
  const QFont text = font();
  for (QCPAxis* axis : findChildren<QCPAxis*>()) {  // the colour scale's axis too
    axis->setTickLabelFont(text);
    axis->setLabelFont(text);
  }
  QFont small = text;
  small.setPointSizeF(std::max(6.0, text.pointSizeF() - 1.5));
  legend->setFont(small);
  queueReplot();
}

void TrainingPlot::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
    applyPalette();
  }
  if (event->type() == QEvent::FontChange) {
    applyFonts();
  }
  QCustomPlot::changeEvent(event);
}

void TrainingPlot::moveLegendBelow() {
  // A small legend (font one step down, tight rows, no frame): the plots stay the subject.
  applyFonts();
  legend->setRowSpacing(0);
  legend->setColumnSpacing(10);
  legend->setIconSize(18, 10);
  legend->setMargins(QMargins(5, 1, 5, 1));
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
  // Out of the axis rect into a row below it (under the axis label); the row spans the first
  // column only (a colour scale keeps the second).
  axisRect()->insetLayout()->take(legend);
  auto* row = new QCPLayoutGrid;
  const int rowIndex = plotLayout()->rowCount();
  plotLayout()->addElement(rowIndex, 0, row);
  plotLayout()->setRowStretchFactor(rowIndex, 0.001);
  plotLayout()->setRowSpacing(0);
  row->addElement(0, 0, legend);
  row->setMargins(QMargins(0, 0, 0, 2));
  // An empty legend (a multi-feature fit in single mode) reports a maximum width of 0, which
  // would squeeze the axis rect above it to its minimum: say "no limit" explicitly (any value
  // below QWIDGETSIZE_MAX replaces the element's own hint).
  row->setMaximumSize(QWIDGETSIZE_MAX - 1, QWIDGETSIZE_MAX);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(4);
  legend->setVisible(true);
}

void TrainingPlot::fitLegendColumns() {
  // As many legend columns as the plot's width holds (the widest entry decides), so a narrow
  // plot wraps its legend onto more rows instead of drawing past its edge.
  int widest = 1;
  int items = 0;
  for (int i = 0; i < legend->itemCount(); ++i) {
    if (const QCPAbstractLegendItem* item = legend->item(i)) {  // a grid cell may be empty
      widest = std::max(widest, item->minimumOuterSizeHint().width());
      ++items;
    }
  }
  // Never more columns than entries: empty columns still take their spacing.
  const int available = width() - legend->margins().left() - legend->margins().right();
  const int columns =
      std::clamp((available + legend->columnSpacing()) / (widest + legend->columnSpacing()), 1,
                 std::max(1, items));
  if (columns != legend->wrap()) {
    legend->setWrap(columns);
    legend->setFillOrder(legend->fillOrder(), true);  // re-flow the existing entries
  }
}

}  // namespace losslab::ui
