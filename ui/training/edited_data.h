// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <optional>

#include "core/training/dataset.h"
#include "core/training/sample_edits.h"

class QUndoStack;

namespace losslab::ui {

class TrainingController;

/// The points edited by hand in the fit plot (issue 11), owned by TrainingConfigModel: the
/// widget asks, this object edits the split the runs train on (sample_edits.h) and hands the
/// result to the controller, which passes it to the worker through the mailbox, so the next
/// step trains on it (running or paused: the runs keep their weights and epoch count).
///
/// Every edit is one step of undoStack(): an added point, a removed one, one whole drag (the
/// moves in between are applied live and are not steps). Undoing every step brings back the
/// data as it was before the first edit, exactly.
///
/// Values of an edited point: its clean value is the noise-free function at its x for a
/// generated set (a CSV keeps the value it had; an added point has one only if the set has
/// clean targets, and then it is its own y), and for a generated set it is an outlier when it is
/// more than 3σ (the noise, heteroscedastic included) off that value.
class EditedData : public QObject {
  Q_OBJECT

 public:
  EditedData(TrainingController* controller, QObject* parent = nullptr);
  ~EditedData() override;

  /// Points can be edited: the data has one feature. Otherwise why not (translated).
  bool canEdit() const;
  QString whyNot() const;
  /// The edited split, nullopt while the configuration's own data trains.
  const std::optional<DatasetSplit>& data() const { return m_data; }
  bool hasEdits() const { return m_data.has_value(); }
  /// The split the plot shows and an edit starts from (edited or the configuration's).
  DatasetSplit current() const;
  QUndoStack* undoStack() const { return m_stack; }

  /// A training point at (x, y), appended to the training set. false if editing is off.
  bool addPoint(double x, double y);
  /// Removes a point (the training set keeps one). false if there is none.
  bool removePoint(SampleRef ref);
  /// A drag: the point follows dragTo() live; endDrag() makes the whole drag one undo step.
  bool beginDrag(SampleRef ref);
  void dragTo(double x, double y);
  void endDrag();
  bool dragging() const { return m_drag.has_value(); }

  /// A session's edited points (no undo history), or none.
  void restore(std::optional<DatasetSplit> data);
  /// Forgets the edits and their history if the controller took new data (which drops them).
  void syncWithController();

 signals:
  /// The points changed (an edit, an undo, a restore).
  void changed();

 private:
  class Command;
  friend class Command;

  /// The point as an edit at x would make it: the clean value and outlier flag.
  SamplePoint pointAt(double x, double y, const SamplePoint* before) const;
  void apply(DatasetSplit data);

  TrainingController* m_controller;
  QUndoStack* m_stack;
  std::optional<DatasetSplit> m_data;
  std::optional<DatasetSplit> m_before;  // what undoing every step gives back
  struct Drag {
    SampleRef ref;
    SamplePoint from;
  };
  std::optional<Drag> m_drag;
  int m_generation;  // the controller's data set the edits and their history belong to
};

}  // namespace losslab::ui
