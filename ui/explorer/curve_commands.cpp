// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/curve_commands.h"

#include <QCoreApplication>
#include <QStringList>

#include "ui/common/engine_text.h"
#include "ui/common/number_text.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/curve_names.h"

namespace losslab::ui {

namespace {

/// Translation context of the undo texts.
class CurveCommands {
  Q_DECLARE_TR_FUNCTIONS(CurveCommands)
};

/// Every QUndoCommand::id() of parameter steps; mergeWith tells curves and gestures apart.
constexpr int kParameterCommandId = 1000;

}  // namespace

ParameterCommand::ParameterCommand(
    CurveModel* model, int index, ParamValues before, ParamValues after, int gesture)
    : m_model(model),
      m_index(index),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_gesture(gesture) {
  updateText();
}

void ParameterCommand::undo() {
  if (m_index < m_model->count()) {
    m_model->setParams(m_index, m_before);
  }
}

void ParameterCommand::redo() {
  if (m_index < m_model->count() && m_model->curve(m_index).params != m_after) {
    m_model->setParams(m_index, m_after);
  }
}

int ParameterCommand::id() const {
  return kParameterCommandId;
}

bool ParameterCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const ParameterCommand*>(other);
  if (next->m_index != m_index || next->m_gesture != m_gesture) {
    return false;
  }
  m_after = next->m_after;
  updateText();
  return true;
}

void ParameterCommand::updateText() {
  if (m_index >= m_model->count()) {
    return;
  }
  const CurveItem& item = m_model->curve(m_index);
  QStringList changed;
  for (const ParamSpec& spec : item.loss->info().params) {
    const auto before = m_before.find(spec.id);
    const auto after = m_after.find(spec.id);
    if (after != m_after.end() && (before == m_before.end() || before->second != after->second)) {
      changed << QStringLiteral("%1 = %2").arg(parameterSymbol(spec),
                                               parameterValueText(spec, after->second));
    }
  }
  const QString loss = engineText(item.loss->info().name);
  setText(changed.isEmpty()
              ? CurveCommands::tr("Change parameters of %1").arg(loss)
              : CurveCommands::tr("Set %1 on %2").arg(changed.join(QStringLiteral(", ")), loss));
}

CurveRowCommand::CurveRowCommand(CurveModel* model, int row, CurveItem item, bool add)
    : m_model(model), m_row(row), m_item(std::move(item)), m_add(add) {
  const QString name = m_item.name;
  setText(add ? CurveCommands::tr("Add %1").arg(name) : CurveCommands::tr("Remove %1").arg(name));
}

void CurveRowCommand::undo() {
  if (m_add) {
    remove();
  } else {
    insert();
  }
}

void CurveRowCommand::redo() {
  if (std::exchange(m_first, false)) {
    return;
  }
  if (m_add) {
    insert();
  } else {
    remove();
  }
}

void CurveRowCommand::insert() {
  const int row = m_model->addCurve(m_item.lossId, m_item.params, m_item.variant,
                                    m_item.customName ? m_item.name : QString(), nullptr, m_row);
  if (row >= 0) {
    m_model->setColor(row, m_item.color);
    m_model->setVisible(row, m_item.visible);
  }
}

void CurveRowCommand::remove() {
  if (m_row < m_model->count()) {
    m_model->removeCurve(m_row);
  }
}

}  // namespace losslab::ui
