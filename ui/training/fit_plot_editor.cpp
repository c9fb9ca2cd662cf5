// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/fit_plot_editor.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QShortcut>
#include <QToolTip>
#include <QUndoStack>
#include <cmath>
#include <limits>

#include "ui/training/edited_data.h"
#include "ui/training/fit_plot.h"

namespace losslab::ui {

FitPlotEditor::FitPlotEditor(FitPlot* plot, EditedData* edits, QWidget* shortcuts)
    : QObject(plot), m_plot(plot), m_edits(edits) {
  m_plot->installEventFilter(this);
  m_plot->setFocusPolicy(Qt::ClickFocus);  // Delete reaches the plot after a click
  m_marker = m_plot->addGraph();
  m_marker->setLineStyle(QCPGraph::lsNone);
  m_marker->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                            QPen(m_plot->palette().color(QPalette::Highlight), 2),
                                            Qt::NoBrush, 14));
  m_marker->removeFromLegend();
  m_marker->setSelectable(QCP::stNone);

  QUndoStack* stack = m_edits->undoStack();
  // The platform's keys and Ctrl+Z / Ctrl+Shift+Z everywhere (once each: a key sequence bound
  // twice would be ambiguous and do nothing).
  auto bind = [&](QKeySequence::StandardKey standard, const QKeySequence& always, auto slot,
                  const QString& what) {
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(always)) {
      keys << always;
    }
    for (const QKeySequence& key : keys) {
      auto* shortcut = new QShortcut(key, shortcuts);
      shortcut->setContext(Qt::WidgetWithChildrenShortcut);
      shortcut->setWhatsThis(what);  // Help ▸ Keyboard Shortcuts lists it
      connect(shortcut, &QShortcut::activated, stack, slot);
    }
  };
  bind(QKeySequence::Undo, QKeySequence(Qt::CTRL | Qt::Key_Z), &QUndoStack::undo,
       tr("Fit plot: undo a point edit"));
  bind(QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), &QUndoStack::redo,
       tr("Fit plot: redo a point edit"));
  // After an undo or a new data set the selection may name another point: drop it.
  connect(stack, &QUndoStack::indexChanged, this, [this] {
    if (!m_edits->dragging()) {
      showSelection();
    }
  });
  connect(m_edits, &EditedData::changed, this, &FitPlotEditor::showSelection);
}

QString FitPlotEditor::hint() const {
  if (!m_edits->canEdit()) {
    return m_edits->whyNot();
  }
  return tr(
      "Click to add a point, drag a point to move it (the fits follow, running or paused), "
      "right-click or Delete removes it; Ctrl+Z undoes, Ctrl+Shift+Z redoes.");
}

bool FitPlotEditor::inPlot(QPoint pos) const {
  return m_plot->axisRect()->rect().contains(pos);
}

std::optional<SampleRef> FitPlotEditor::pointAt(QPoint pos) const {
  if (!m_edits->canEdit() || !inPlot(pos)) {
    return std::nullopt;
  }
  const Dataset train = m_edits->current().train;
  std::optional<SampleRef> best;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < train.size(); ++i) {
    const double dx = m_plot->xAxis->coordToPixel(train.x(0, i)) - pos.x();
    const double dy = m_plot->yAxis->coordToPixel(train.y(i)) - pos.y();
    const double d = std::hypot(dx, dy);
    if (d <= kPickRadius && d < bestDistance) {
      bestDistance = d;
      best = SampleRef{false, i};
    }
  }
  return best;
}

void FitPlotEditor::removeSelected() {
  if (m_selected && m_edits->removePoint(*m_selected)) {
    m_selected.reset();
    showSelection();
  }
}

void FitPlotEditor::showSelection() {
  QVector<double> x;
  QVector<double> y;
  if (m_selected && m_edits->canEdit()) {
    const DatasetSplit data = m_edits->current();
    const Dataset& set = m_selected->validation ? data.validation : data.train;
    if (m_selected->index < set.size()) {
      x << set.x(0, m_selected->index);
      y << set.y(m_selected->index);
    } else {
      m_selected.reset();
    }
  }
  m_marker->setData(x, y);
  m_plot->queueReplot();
}

bool FitPlotEditor::eventFilter(QObject* watched, QEvent* event) {
  if (watched != m_plot) {
    return false;
  }
  auto coords = [this](QPoint pos) {
    return QPointF(m_plot->xAxis->pixelToCoord(pos.x()), m_plot->yAxis->pixelToCoord(pos.y()));
  };
  switch (event->type()) {
    case QEvent::MouseButtonPress: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      const QPoint pos = mouse->position().toPoint();
      if (m_edits->dragging()) {
        return true;  // another button during a drag: the drag goes on
      }
      m_emptyPress.reset();
      m_addedByClick = false;
      const std::optional<SampleRef> hit = pointAt(pos);
      if (mouse->button() == Qt::RightButton && hit) {
        m_selected = hit;
        removeSelected();
        return true;
      }
      if (mouse->button() != Qt::LeftButton || !m_edits->canEdit()) {
        return false;
      }
      if (hit && m_edits->beginDrag(*hit)) {
        m_dragPress = pos;
        m_dragMoved = false;
        m_selected = hit;
        m_plot->setFollowing(false);  // the axes stay put while the point moves
        m_plot->setFocus(Qt::MouseFocusReason);
        showSelection();
        return true;
      }
      if (inPlot(pos)) {
        m_emptyPress = pos;  // a click adds a point on release; a drag pans
      }
      return false;
    }
    case QEvent::MouseMove: {
      if (!m_edits->dragging()) {
        return false;
      }
      const QPoint pos = static_cast<QMouseEvent*>(event)->position().toPoint();
      // The point moves once the mouse has left the click's few pixels (a click only selects).
      m_dragMoved = m_dragMoved || (pos - m_dragPress).manhattanLength() > kClickSlop;
      if (m_dragMoved) {
        const QPointF c = coords(pos);
        m_edits->dragTo(c.x(), c.y());
      }
      return true;
    }
    case QEvent::MouseButtonRelease: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (m_edits->dragging()) {
        if (m_dragMoved) {
          const QPointF c = coords(mouse->position().toPoint());
          m_edits->dragTo(c.x(), c.y());
        }
        m_edits->endDrag();
        return true;
      }
      const std::optional<QPoint> press = m_emptyPress;
      m_emptyPress.reset();
      const QPoint pos = mouse->position().toPoint();
      if (mouse->button() == Qt::LeftButton && press &&
          (pos - *press).manhattanLength() <= kClickSlop) {
        const QPointF c = coords(pos);
        if (m_edits->addPoint(c.x(), c.y())) {
          m_selected = SampleRef{false, m_edits->current().train.size() - 1};
          m_addedByClick = true;
          m_plot->setFocus(Qt::MouseFocusReason);
          showSelection();
        }
      }
      return false;
    }
    case QEvent::MouseButtonDblClick:
      // The first click of a double click (which makes the axes follow again) added a point.
      if (m_addedByClick) {
        m_addedByClick = false;
        m_edits->undoStack()->undo();
        m_selected.reset();
        showSelection();
      }
      return false;
    case QEvent::KeyPress: {
      const int key = static_cast<QKeyEvent*>(event)->key();
      if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
        removeSelected();
        return true;
      }
      return false;
    }
    case QEvent::ToolTip: {
      const auto* help = static_cast<QHelpEvent*>(event);
      if (!inPlot(help->pos())) {
        return false;  // the colour scale's own tooltip
      }
      QToolTip::showText(help->globalPos(), hint(), m_plot);
      return true;
    }
    default:
      return false;
  }
}

}  // namespace losslab::ui
