// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QObject>
#include <QPointF>
#include <QString>
#include <vector>

class QAction;
class QCPItemLine;
class QMouseEvent;
class QUndoStack;

namespace losslab::ui {

class LossCurvePlot;

/// The user's arrows on the explorer's plot, on any of its panels: placed with action() (Add
/// Arrow) on the panel the mouse was last over, then shaped by dragging — its head or its tail
/// alone, or the whole arrow by its shaft — and removed by a double click. Adding, moving and
/// removing are undo steps on the explorer's undo stack. They sit at plot coordinates, so they
/// keep pointing at the same feature when the view zooms or pans. toJson / fromJson carry them
/// into a lesson file; the last set is remembered in Settings.
class ArrowAnnotations : public QObject {
  Q_OBJECT

 public:
  struct Arrow {
    QPointF from;  // the tail, plot coordinates of `panel`
    QPointF to;    // the head
    int panel = 0;
    bool operator==(const Arrow&) const = default;
  };

  ArrowAnnotations(LossCurvePlot* plot, QUndoStack* undo);

  QAction* action() const { return m_action; }

  int count() const { return static_cast<int>(m_items.size()); }
  Arrow arrow(int index) const;
  /// Adds an arrow as one undo step; its index.
  int add(const Arrow& arrow);
  /// Removes arrow `index` as one undo step.
  void remove(int index);
  /// The item drawing arrow `index` (tests drag it).
  QCPItemLine* item(int index) const { return m_items.at(static_cast<std::size_t>(index)); }

  /// [{"from": [x, y], "to": [x, y], "panel": "loss"|"gradient"|"curvature"}, …]
  QJsonArray toJson() const;
  /// Replaces the arrows (not an undo step: a loaded state); false (and nothing changed) with
  /// `error` for a malformed entry.
  bool fromJson(const QJsonArray& array, QString* error);
  /// Puts back a set that toJson() wrote (undo steps).
  void restore(const QJsonArray& array);

 signals:
  /// An arrow was added, moved or removed.
  void changed();

 private:
  enum class Grip { None, Tail, Head, Shaft };
  void addItem(const Arrow& arrow);
  void clearItems();
  void pushStep(const QString& text, const QJsonArray& before);
  void addAtView();
  void pressed(QMouseEvent* event);
  void moved(QMouseEvent* event);
  void released(QMouseEvent* event);
  void doubleClicked(QMouseEvent* event);
  /// The arrow under `pixel` and which part of it (tail and head win over the shaft).
  int itemAt(const QPointF& pixel, Grip* grip) const;
  void remember() const;

  LossCurvePlot* m_plot;
  QUndoStack* m_undo;
  QAction* m_action;
  std::vector<QCPItemLine*> m_items;
  std::vector<int> m_panels;
  int m_hoveredPanel = 0;  // where action() puts the next arrow
  int m_dragging = -1;
  Grip m_grip = Grip::None;
  QPointF m_lastPixel;
  QJsonArray m_beforeDrag;
  bool m_dragMoved = false;
  bool m_rangeDragWas = false;
};

}  // namespace losslab::ui
