// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QObject>
#include <QPointF>
#include <QString>
#include <vector>

class QAction;
class QCPItemText;
class QMouseEvent;

namespace losslab::ui {

class LossCurvePlot;

/// The user's text notes on the explorer's plot: placed with action() (Add Text Annotation…),
/// moved by dragging them with the left mouse button (the plot pans everywhere else), removed
/// by a double click. They sit at plot coordinates of their panel, so they stay beside the
/// feature they name when the view zooms or pans. toJson / fromJson carry them into the
/// explorer's saved state (and a lesson file); the last set is remembered in Settings.
class TextAnnotations : public QObject {
  Q_OBJECT

 public:
  struct Note {
    QString text;
    QPointF at;  // plot coordinates (x, y) of `panel`
    int panel = 0;
    bool operator==(const Note&) const = default;
  };

  explicit TextAnnotations(LossCurvePlot* plot);

  QAction* action() const { return m_action; }

  int count() const { return static_cast<int>(m_items.size()); }
  Note note(int index) const;
  int add(const Note& note);
  void remove(int index);
  void clear();
  /// The item drawing note `index` (tests drag it).
  QCPItemText* item(int index) const { return m_items.at(static_cast<std::size_t>(index)); }

  /// [{"text": …, "x": …, "y": …, "panel": "loss"|"gradient"|"curvature"}, …]
  QJsonArray toJson() const;
  /// Replaces the notes; false (and nothing changed) with `error` for a malformed entry.
  bool fromJson(const QJsonArray& array, QString* error);

 signals:
  /// A note was added, moved, edited or removed.
  void changed();

 private:
  void askAndAdd();
  void pressed(QMouseEvent* event);
  void moved(QMouseEvent* event);
  void released(QMouseEvent* event);
  void doubleClicked(QMouseEvent* event);
  int itemAt(const QPointF& pixel) const;
  void remember() const;

  LossCurvePlot* m_plot;
  QAction* m_action;
  std::vector<QCPItemText*> m_items;
  std::vector<int> m_panels;
  int m_dragging = -1;
  QPointF m_grabOffset;  // item anchor − mouse position at the press (pixels)
  bool m_rangeDragWas = false;
};

}  // namespace losslab::ui
