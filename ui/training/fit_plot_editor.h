// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPoint>
#include <optional>

#include "core/training/sample_edits.h"

class QCPGraph;
class QWidget;

namespace losslab::ui {

class EditedData;
class FitPlot;

/// Direct manipulation of the fit plot's training points (issue 11), an event filter on the
/// plot that turns the mouse into requests to EditedData (which holds the points):
///  * a click on empty space adds a point there (a drag on empty space still pans the plot);
///  * a point can be dragged anywhere; the fits follow live, running or paused;
///  * a right click on a point, or Delete, removes it (Delete: the point last touched);
///  * Ctrl+Z / Ctrl+Shift+Z (and the platform's undo and redo keys) undo and redo the edits.
/// Editing needs 1-D data; with several features the plot shows predicted against true and the
/// tooltip says why editing is off. A press on a point stops the axes following the data, as
/// any press does (a double click follows again), so a point stays under the mouse.
class FitPlotEditor : public QObject {
  Q_OBJECT

 public:
  static constexpr int kPickRadius = 8;  // pixels from a point's centre that pick it
  static constexpr int kClickSlop = 4;   // pixels a click may move and still add a point

  /// `shortcuts`: the widget whose children the undo and redo keys work in (the tab).
  FitPlotEditor(FitPlot* plot, EditedData* edits, QWidget* shortcuts);

  /// The point Delete removes (the last one pressed or added), if any.
  std::optional<SampleRef> selected() const { return m_selected; }
  /// What the plot's tooltip says over the data.
  QString hint() const;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  /// The training point within kPickRadius of `pos` (the nearest), if any.
  std::optional<SampleRef> pointAt(QPoint pos) const;
  bool inPlot(QPoint pos) const;
  void removeSelected();
  void showSelection();

  FitPlot* m_plot;
  EditedData* m_edits;
  QCPGraph* m_marker = nullptr;  // a ring around the selected point
  std::optional<SampleRef> m_selected;
  QPoint m_dragPress;                  // where the drag of a point started
  bool m_dragMoved = false;            // it left the click's few pixels
  std::optional<QPoint> m_emptyPress;  // a left press on empty space (a click adds a point)
  bool m_addedByClick = false;         // the last click added a point (a double click undoes it)
};

}  // namespace losslab::ui
