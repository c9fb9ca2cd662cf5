// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QUndoCommand>

#include "core/engine/param_spec.h"
#include "ui/explorer/curve_item.h"

namespace losslab::ui {

class CurveModel;

/// A parameter change of one curve, already applied to the model when pushed (redo() then
/// changes nothing). Changes of the same curve made in one gesture (one slider drag, identified
/// by `gesture`) merge into one step; the next drag is a step of its own. The text names the
/// values: "Set δ = 1.17 on Huber".
class ParameterCommand : public QUndoCommand {
 public:
  ParameterCommand(
      CurveModel* model, int index, ParamValues before, ParamValues after, int gesture);

  void undo() override;
  void redo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

  int index() const { return m_index; }
  const ParamValues& after() const { return m_after; }

 private:
  void updateText();

  CurveModel* m_model;
  int m_index;
  ParamValues m_before;
  ParamValues m_after;
  int m_gesture;
};

/// Adding (`add` true) or removing a curve, with its parameters, variant, name and appearance,
/// at a fixed row; undo does the opposite. The curve is already added or removed when pushed.
class CurveRowCommand : public QUndoCommand {
 public:
  CurveRowCommand(CurveModel* model, int row, CurveItem item, bool add);

  void undo() override;
  void redo() override;

 private:
  void insert();
  void remove();

  CurveModel* m_model;
  int m_row;
  CurveItem m_item;
  bool m_add;
  bool m_first = true;  // the first redo() is the push: the model already reflects it
};

}  // namespace losslab::ui
