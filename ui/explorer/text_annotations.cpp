// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/text_annotations.h"

#include <qcustomplot.h>
#include <QAction>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>

#include "ui/common/settings.h"
#include "ui/explorer/loss_curve_plot.h"

namespace losslab::ui {

namespace {

constexpr auto kLayer = "legend";  // above the curves
const char* const kPanelNames[] = {"loss", "gradient", "curvature"};
constexpr int kMaxNotes = 100;

}  // namespace

TextAnnotations::TextAnnotations(LossCurvePlot* plot)
    : QObject(plot), m_plot(plot), m_action(new QAction(tr("Add &Text Annotation…"), this)) {
  m_action->setStatusTip(
      tr("Write a note on the loss panel; drag it where it belongs, double-click to remove it"));
  connect(m_action, &QAction::triggered, this, &TextAnnotations::askAndAdd);
  QCustomPlot* custom = m_plot->customPlot();
  connect(custom, &QCustomPlot::mousePress, this, &TextAnnotations::pressed);
  connect(custom, &QCustomPlot::mouseMove, this, &TextAnnotations::moved);
  connect(custom, &QCustomPlot::mouseRelease, this, &TextAnnotations::released);
  connect(custom, &QCustomPlot::mouseDoubleClick, this, &TextAnnotations::doubleClicked);
  const QJsonArray saved = QJsonDocument::fromJson(Settings::explorerAnnotations()).array();
  QString error;
  fromJson(saved, &error);  // a damaged entry leaves the plot without notes
  connect(this, &TextAnnotations::changed, this, &TextAnnotations::remember);
}

TextAnnotations::Note TextAnnotations::note(int index) const {
  const QCPItemText* item = m_items.at(static_cast<std::size_t>(index));
  return {item->text(), item->position->coords(), m_panels.at(static_cast<std::size_t>(index))};
}

int TextAnnotations::add(const Note& note) {
  QCustomPlot* custom = m_plot->customPlot();
  QCPAxisRect* rect = m_plot->axisRect(note.panel);
  auto* item = new QCPItemText(custom);
  item->setLayer(QString::fromLatin1(kLayer));
  item->setClipAxisRect(rect);
  item->position->setAxisRect(rect);
  item->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  item->position->setType(QCPItemPosition::ptPlotCoords);
  item->position->setCoords(note.at);
  item->setText(note.text);
  item->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
  item->setPadding(QMargins(4, 2, 4, 2));
  const PlotStyle& style = m_plot->style();
  item->setFont(style.labelFont);
  item->setColor(style.text);
  item->setBrush(QColor(style.dark ? QColor(40, 40, 40, 200) : QColor(255, 255, 255, 200)));
  item->setPen(QPen(style.text, 0.8));
  item->setSelectable(false);
  m_items.push_back(item);
  m_panels.push_back(note.panel);
  custom->replot(QCustomPlot::rpQueuedReplot);
  emit changed();
  return count() - 1;
}

void TextAnnotations::remove(int index) {
  if (index < 0 || index >= count()) {
    return;
  }
  m_plot->customPlot()->removeItem(m_items[static_cast<std::size_t>(index)]);
  m_items.erase(m_items.begin() + index);
  m_panels.erase(m_panels.begin() + index);
  m_plot->customPlot()->replot(QCustomPlot::rpQueuedReplot);
  emit changed();
}

void TextAnnotations::clear() {
  {
    const QSignalBlocker blocker(this);
    while (count() > 0) {
      remove(count() - 1);
    }
  }
  emit changed();
}

QJsonArray TextAnnotations::toJson() const {
  QJsonArray array;
  for (int i = 0; i < count(); ++i) {
    const Note n = note(i);
    array.append(QJsonObject{{QStringLiteral("text"), n.text},
                             {QStringLiteral("x"), n.at.x()},
                             {QStringLiteral("y"), n.at.y()},
                             {QStringLiteral("panel"), QString::fromLatin1(kPanelNames[n.panel])}});
  }
  return array;
}

bool TextAnnotations::fromJson(const QJsonArray& array, QString* error) {
  std::vector<Note> notes;
  if (array.size() > kMaxNotes) {
    *error = tr("at most %1 annotations, got %2").arg(kMaxNotes).arg(array.size());
    return false;
  }
  for (qsizetype i = 0; i < array.size(); ++i) {
    const QJsonObject o = array[i].toObject();
    const QString panel = o.value(QStringLiteral("panel")).toString(QStringLiteral("loss"));
    int index = -1;
    for (int p = 0; p < LossCurvePlot::kPanels; ++p) {
      if (panel == QLatin1String(kPanelNames[p])) {
        index = p;
      }
    }
    if (!o.value(QStringLiteral("text")).isString() || !o.value(QStringLiteral("x")).isDouble() ||
        !o.value(QStringLiteral("y")).isDouble() || index < 0) {
      *error =
          tr("annotation %1: wants text, x, y and panel (loss, gradient or curvature)").arg(i + 1);
      return false;
    }
    notes.push_back(
        {o.value(QStringLiteral("text")).toString(),
         QPointF(o.value(QStringLiteral("x")).toDouble(), o.value(QStringLiteral("y")).toDouble()),
         index});
  }
  {
    const QSignalBlocker blocker(this);
    clear();
    for (const Note& n : notes) {
      add(n);
    }
  }
  emit changed();
  return true;
}

void TextAnnotations::askAndAdd() {
  bool ok = false;
  const QString text = QInputDialog::getText(m_plot, tr("Add Text Annotation"), tr("Text:"),
                                             QLineEdit::Normal, QString(), &ok);
  if (!ok || text.trimmed().isEmpty()) {
    return;
  }
  // In the middle of the loss panel's view, where the user will see it and drag it on.
  QCPAxisRect* rect = m_plot->axisRect(LossCurvePlot::LossPanel);
  const QCPRange x = rect->axis(QCPAxis::atBottom)->range();
  const QCPRange y = rect->axis(QCPAxis::atLeft)->range();
  add({text.trimmed(), QPointF(x.center(), y.lower + 0.6 * y.size()), LossCurvePlot::LossPanel});
}

int TextAnnotations::itemAt(const QPointF& pixel) const {
  for (int i = count() - 1; i >= 0; --i) {
    const QCPItemText* item = m_items[static_cast<std::size_t>(i)];
    // QCPItemText::selectTest gives 0.99 × the plot's selection tolerance inside the box.
    const double distance = item->selectTest(pixel, false);
    if (item->visible() && distance >= 0 && distance < m_plot->customPlot()->selectionTolerance()) {
      return i;
    }
  }
  return -1;
}

void TextAnnotations::pressed(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) {
    return;
  }
  m_dragging = itemAt(event->position());
  if (m_dragging < 0) {
    return;
  }
  QCustomPlot* custom = m_plot->customPlot();
  // The press reaches the axis rect after this signal: without range drag it does not pan.
  m_rangeDragWas = custom->interactions().testFlag(QCP::iRangeDrag);
  custom->setInteraction(QCP::iRangeDrag, false);
  m_grabOffset = item(m_dragging)->position->pixelPosition() - event->position();
}

void TextAnnotations::moved(QMouseEvent* event) {
  if (m_dragging < 0) {
    return;
  }
  item(m_dragging)->position->setPixelPosition(event->position() + m_grabOffset);
  m_plot->customPlot()->replot(QCustomPlot::rpQueuedReplot);
}

void TextAnnotations::released(QMouseEvent*) {
  if (m_dragging < 0) {
    return;
  }
  m_dragging = -1;
  m_plot->customPlot()->setInteraction(QCP::iRangeDrag, m_rangeDragWas);
  emit changed();
}

void TextAnnotations::doubleClicked(QMouseEvent* event) {
  const int index = itemAt(event->position());
  if (index >= 0) {
    remove(index);
  }
}

void TextAnnotations::remember() const {
  Settings::setExplorerAnnotations(QJsonDocument(toJson()).toJson(QJsonDocument::Compact));
}

}  // namespace losslab::ui
