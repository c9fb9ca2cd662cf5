// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/arrow_annotations.h"

#include <qcustomplot.h>
#include <QAction>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QUndoStack>

#include "ui/common/settings.h"
#include "ui/explorer/loss_curve_plot.h"

namespace losslab::ui {

namespace {

constexpr auto kLayer = "legend";  // above the curves, like the text notes
const char* const kPanelNames[] = {"loss", "gradient", "curvature"};
constexpr int kMaxArrows = 100;
constexpr double kPenWidth = 2.0;
constexpr double kHeadWidth = 12;
constexpr double kHeadLength = 14;

/// One change of the arrows: the set before and after, put back by undo and redo. The change
/// itself was made before the push, so the first redo() does nothing.
class ArrowStep : public QUndoCommand {
 public:
  ArrowStep(ArrowAnnotations* arrows, const QString& text, QJsonArray before, QJsonArray after)
      : QUndoCommand(text),
        m_arrows(arrows),
        m_before(std::move(before)),
        m_after(std::move(after)) {}
  void undo() override { m_arrows->restore(m_before); }
  void redo() override {
    if (m_done) {
      m_arrows->restore(m_after);
    }
    m_done = true;
  }

 private:
  ArrowAnnotations* m_arrows;
  QJsonArray m_before;
  QJsonArray m_after;
  bool m_done = false;
};

QJsonArray pointJson(const QPointF& p) {
  return QJsonArray{p.x(), p.y()};
}

bool readPoint(const QJsonValue& value, QPointF* point) {
  const QJsonArray a = value.toArray();
  if (a.size() != 2 || !a[0].isDouble() || !a[1].isDouble()) {
    return false;
  }
  *point = QPointF(a[0].toDouble(), a[1].toDouble());
  return true;
}

}  // namespace

ArrowAnnotations::ArrowAnnotations(LossCurvePlot* plot, QUndoStack* undo)
    : QObject(plot), m_plot(plot), m_undo(undo), m_action(new QAction(tr("Add A&rrow"), this)) {
  m_action->setStatusTip(
      tr("Draw an arrow on the panel under the mouse; drag its head, its tail or its shaft, "
         "double-click to remove it"));
  connect(m_action, &QAction::triggered, this, &ArrowAnnotations::addAtView);
  QCustomPlot* custom = m_plot->customPlot();
  connect(custom, &QCustomPlot::mousePress, this, &ArrowAnnotations::pressed);
  connect(custom, &QCustomPlot::mouseMove, this, &ArrowAnnotations::moved);
  connect(custom, &QCustomPlot::mouseRelease, this, &ArrowAnnotations::released);
  connect(custom, &QCustomPlot::mouseDoubleClick, this, &ArrowAnnotations::doubleClicked);
  QString error;
  fromJson(QJsonDocument::fromJson(Settings::explorerArrows()).array(), &error);
  connect(this, &ArrowAnnotations::changed, this, &ArrowAnnotations::remember);
}

ArrowAnnotations::Arrow ArrowAnnotations::arrow(int index) const {
  const QCPItemLine* line = m_items.at(static_cast<std::size_t>(index));
  return {line->start->coords(), line->end->coords(), m_panels.at(static_cast<std::size_t>(index))};
}

void ArrowAnnotations::addItem(const Arrow& arrow) {
  QCustomPlot* custom = m_plot->customPlot();
  QCPAxisRect* rect = m_plot->axisRect(arrow.panel);
  auto* line = new QCPItemLine(custom);
  line->setLayer(QString::fromLatin1(kLayer));
  line->setClipAxisRect(rect);
  for (QCPItemPosition* p : {line->start, line->end}) {
    p->setAxisRect(rect);
    p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    p->setType(QCPItemPosition::ptPlotCoords);
  }
  line->start->setCoords(arrow.from);
  line->end->setCoords(arrow.to);
  line->setPen(QPen(m_plot->style().text, kPenWidth, Qt::SolidLine, Qt::RoundCap));
  line->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, kHeadWidth, kHeadLength));
  line->setSelectable(false);
  m_items.push_back(line);
  m_panels.push_back(arrow.panel);
}

void ArrowAnnotations::clearItems() {
  for (QCPItemLine* line : m_items) {
    m_plot->customPlot()->removeItem(line);
  }
  m_items.clear();
  m_panels.clear();
}

int ArrowAnnotations::add(const Arrow& arrow) {
  const QJsonArray before = toJson();
  addItem(arrow);
  pushStep(tr("Add arrow"), before);
  return count() - 1;
}

void ArrowAnnotations::remove(int index) {
  if (index < 0 || index >= count()) {
    return;
  }
  const QJsonArray before = toJson();
  m_plot->customPlot()->removeItem(m_items[static_cast<std::size_t>(index)]);
  m_items.erase(m_items.begin() + index);
  m_panels.erase(m_panels.begin() + index);
  pushStep(tr("Remove arrow"), before);
}

void ArrowAnnotations::pushStep(const QString& text, const QJsonArray& before) {
  m_plot->customPlot()->replot(QCustomPlot::rpQueuedReplot);
  if (m_undo) {
    m_undo->push(new ArrowStep(this, text, before, toJson()));
  }
  emit changed();
}

QJsonArray ArrowAnnotations::toJson() const {
  QJsonArray array;
  for (int i = 0; i < count(); ++i) {
    const Arrow a = arrow(i);
    array.append(QJsonObject{{QStringLiteral("from"), pointJson(a.from)},
                             {QStringLiteral("to"), pointJson(a.to)},
                             {QStringLiteral("panel"), QString::fromLatin1(kPanelNames[a.panel])}});
  }
  return array;
}

bool ArrowAnnotations::fromJson(const QJsonArray& array, QString* error) {
  if (array.size() > kMaxArrows) {
    *error = tr("at most %1 arrows, got %2").arg(kMaxArrows).arg(array.size());
    return false;
  }
  std::vector<Arrow> arrows;
  for (qsizetype i = 0; i < array.size(); ++i) {
    const QJsonObject o = array[i].toObject();
    const QString panel = o.value(QStringLiteral("panel")).toString(QStringLiteral("loss"));
    Arrow a;
    a.panel = -1;
    for (int p = 0; p < LossCurvePlot::kPanels; ++p) {
      if (panel == QLatin1String(kPanelNames[p])) {
        a.panel = p;
      }
    }
    if (!readPoint(o.value(QStringLiteral("from")), &a.from) ||
        !readPoint(o.value(QStringLiteral("to")), &a.to) || a.panel < 0) {
      *error = tr("arrow %1: wants from [x, y], to [x, y] and panel (loss, gradient or curvature)")
                   .arg(i + 1);
      return false;
    }
    arrows.push_back(a);
  }
  clearItems();
  for (const Arrow& a : arrows) {
    addItem(a);
  }
  m_plot->customPlot()->replot(QCustomPlot::rpQueuedReplot);
  emit changed();
  return true;
}

void ArrowAnnotations::restore(const QJsonArray& array) {
  QString error;
  fromJson(array, &error);  // toJson() wrote it: always valid
}

void ArrowAnnotations::addAtView() {
  // From the upper left of the panel's view towards its middle, where the user sees it and
  // drags it on.
  QCPAxisRect* rect = m_plot->axisRect(m_hoveredPanel);
  const QCPRange x = rect->axis(QCPAxis::atBottom)->range();
  const QCPRange y = rect->axis(QCPAxis::atLeft)->range();
  add({QPointF(x.lower + 0.3 * x.size(), y.lower + 0.8 * y.size()),
       QPointF(x.center(), y.lower + 0.55 * y.size()), m_hoveredPanel});
}

int ArrowAnnotations::itemAt(const QPointF& pixel, Grip* grip) const {
  const double tolerance = m_plot->customPlot()->selectionTolerance();
  for (int i = count() - 1; i >= 0; --i) {
    const QCPItemLine* line = m_items[static_cast<std::size_t>(i)];
    if (!line->visible() || !m_plot->axisRect(m_panels[static_cast<std::size_t>(i)])->visible()) {
      continue;
    }
    if (QLineF(line->end->pixelPosition(), pixel).length() <= 1.5 * tolerance) {
      *grip = Grip::Head;
      return i;
    }
    if (QLineF(line->start->pixelPosition(), pixel).length() <= 1.5 * tolerance) {
      *grip = Grip::Tail;
      return i;
    }
    const double distance = line->selectTest(pixel, false);
    if (distance >= 0 && distance < tolerance) {
      *grip = Grip::Shaft;
      return i;
    }
  }
  *grip = Grip::None;
  return -1;
}

void ArrowAnnotations::pressed(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) {
    return;
  }
  m_dragging = itemAt(event->position(), &m_grip);
  if (m_dragging < 0) {
    return;
  }
  QCustomPlot* custom = m_plot->customPlot();
  // The press reaches the axis rect after this signal: without range drag it does not pan.
  m_rangeDragWas = custom->interactions().testFlag(QCP::iRangeDrag);
  custom->setInteraction(QCP::iRangeDrag, false);
  m_lastPixel = event->position();
  m_beforeDrag = toJson();
  m_dragMoved = false;
}

void ArrowAnnotations::moved(QMouseEvent* event) {
  for (int p : m_plot->shownPanels()) {
    if (m_plot->axisRect(p)->rect().contains(event->position().toPoint())) {
      m_hoveredPanel = p;
    }
  }
  if (m_dragging < 0) {
    return;
  }
  const QPointF delta = event->position() - m_lastPixel;
  m_lastPixel = event->position();
  QCPItemLine* line = item(m_dragging);
  if (m_grip == Grip::Tail || m_grip == Grip::Shaft) {
    line->start->setPixelPosition(line->start->pixelPosition() + delta);
  }
  if (m_grip == Grip::Head || m_grip == Grip::Shaft) {
    line->end->setPixelPosition(line->end->pixelPosition() + delta);
  }
  m_dragMoved = true;
  m_plot->customPlot()->replot(QCustomPlot::rpQueuedReplot);
}

void ArrowAnnotations::released(QMouseEvent*) {
  if (m_dragging < 0) {
    return;
  }
  m_dragging = -1;
  m_plot->customPlot()->setInteraction(QCP::iRangeDrag, m_rangeDragWas);
  if (m_dragMoved) {
    pushStep(tr("Move arrow"), m_beforeDrag);
  }
}

void ArrowAnnotations::doubleClicked(QMouseEvent* event) {
  Grip grip = Grip::None;
  const int index = itemAt(event->position(), &grip);
  if (index >= 0) {
    remove(index);
  }
}

void ArrowAnnotations::remember() const {
  Settings::setExplorerArrows(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

}  // namespace losslab::ui
