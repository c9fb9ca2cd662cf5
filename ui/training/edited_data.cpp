// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/edited_data.h"

#include <QUndoCommand>
#include <QUndoStack>
#include <cmath>
#include <utility>

#include "core/engine/error.h"
#include "ui/training/training_controller.h"

namespace losslab::ui {

/// One undo step: an added point, a removed one or a whole drag (before → after at `ref`).
class EditedData::Command : public QUndoCommand {
 public:
  enum class Kind { Add, Remove, Move };

  Command(EditedData* owner,
          Kind kind,
          SampleRef ref,
          SamplePoint before,
          SamplePoint after,
          const QString& text,
          bool applied = false)
      : QUndoCommand(text),
        m_owner(owner),
        m_kind(kind),
        m_ref(ref),
        m_before(before),
        m_after(after),
        m_applied(applied) {}

  void redo() override {
    if (m_applied) {
      m_applied = false;  // a drag: its moves already put the point there
      return;
    }
    run(true);
  }
  void undo() override { run(false); }

 private:
  void run(bool forward) {
    DatasetSplit data = m_owner->current();
    switch (m_kind) {
      case Kind::Add:
        forward ? insertSamplePoint(data, m_ref, m_after) : removeSamplePoint(data, m_ref);
        break;
      case Kind::Remove:
        forward ? removeSamplePoint(data, m_ref) : insertSamplePoint(data, m_ref, m_before);
        break;
      case Kind::Move:
        setSamplePoint(data, m_ref, forward ? m_after : m_before);
        break;
    }
    if (!forward && m_owner->m_stack->index() == 1) {
      // Back to before the first edit: exactly the data that was there.
      m_owner->m_data = m_owner->m_before;
      m_owner->m_controller->setEditedData(m_owner->m_data);
      emit m_owner->changed();
      return;
    }
    m_owner->apply(std::move(data));
  }

  EditedData* m_owner;
  Kind m_kind;
  SampleRef m_ref;
  SamplePoint m_before;
  SamplePoint m_after;
  bool m_applied;
};

EditedData::EditedData(TrainingController* controller, QObject* parent)
    : QObject(parent),
      m_controller(controller),
      m_stack(new QUndoStack(this)),
      m_generation(controller->dataGeneration()) {}

EditedData::~EditedData() {
  // The stack's clear() on destruction would say "index changed" to widgets that ask for the
  // data of a controller that may be gone already.
  m_stack->blockSignals(true);
}

bool EditedData::canEdit() const {
  return m_controller->dataset().featureCount() == 1;
}

QString EditedData::whyNot() const {
  return canEdit() ? QString()
                   : tr("Points can be edited with one feature only: with %1 features the plot "
                        "shows predicted against true values.")
                         .arg(m_controller->dataset().featureCount());
}

DatasetSplit EditedData::current() const {
  return m_data ? *m_data : m_controller->trainingSplit();
}

SamplePoint EditedData::pointAt(double x, double y, const SamplePoint* before) const {
  SamplePoint p;
  p.x = x;
  p.y = y;
  const TrainingConfig& config = m_controller->config();
  if (m_controller->isSynthetic()) {
    const DatasetKind kind = config.data.generator;
    p.clean = cleanTargetAt(kind, Eigen::VectorXd::Constant(1, x));
    // σ at x (dataset.h): constant, or growing from 0.2σ at x = −1 for heteroscedastic data.
    double sigma = config.data.noise;
    if (kind == DatasetKind::Heteroscedastic) {
      sigma *= 0.2 + 0.9 * (x + 1);
    }
    p.outlier = std::fabs(y - p.clean) > 3 * std::fabs(sigma) + 1e-12;
  } else if (before) {
    p.clean = before->clean;  // a CSV's clean value stays with its point
    p.outlier = before->outlier;
  } else {
    p.clean = y;  // used only if the set has clean targets
  }
  return p;
}

bool EditedData::addPoint(double x, double y) {
  if (!canEdit() || !std::isfinite(x) || !std::isfinite(y)) {
    return false;
  }
  const SampleRef ref{false, current().train.size()};
  const SamplePoint p = pointAt(x, y, nullptr);
  m_stack->push(new Command(this, Command::Kind::Add, ref, p, p, tr("Add a point")));
  return true;
}

bool EditedData::removePoint(SampleRef ref) {
  if (!canEdit()) {
    return false;
  }
  const DatasetSplit data = current();
  const Dataset& set = ref.validation ? data.validation : data.train;
  if (ref.index < 0 || ref.index >= set.size() || (!ref.validation && set.size() == 1)) {
    return false;
  }
  const SamplePoint p = samplePoint(data, ref);
  m_stack->push(new Command(this, Command::Kind::Remove, ref, p, p, tr("Remove a point")));
  return true;
}

bool EditedData::beginDrag(SampleRef ref) {
  if (!canEdit()) {
    return false;
  }
  const DatasetSplit data = current();
  const Dataset& set = ref.validation ? data.validation : data.train;
  if (ref.index < 0 || ref.index >= set.size()) {
    return false;
  }
  m_drag = Drag{ref, samplePoint(data, ref)};
  if (m_stack->index() == 0) {
    m_before = m_data;  // the first step: what undoing everything gives back
  }
  return true;
}

void EditedData::dragTo(double x, double y) {
  if (!m_drag || !std::isfinite(x) || !std::isfinite(y)) {
    return;
  }
  DatasetSplit data = current();
  setSamplePoint(data, m_drag->ref, pointAt(x, y, &m_drag->from));
  apply(std::move(data));
}

void EditedData::endDrag() {
  if (!m_drag) {
    return;
  }
  const Drag drag = *m_drag;
  m_drag.reset();
  const SamplePoint now = samplePoint(current(), drag.ref);
  if (now == drag.from) {
    return;  // a click on a point: nothing moved, no step
  }
  m_stack->push(
      new Command(this, Command::Kind::Move, drag.ref, drag.from, now, tr("Move a point"), true));
}

void EditedData::restore(std::optional<DatasetSplit> data) {
  m_generation = m_controller->dataGeneration();
  m_drag.reset();
  m_stack->clear();
  if (data && !m_controller->setEditedData(data)) {
    data.reset();
  }
  m_data = data;
  m_before = m_data;
  emit changed();
}

void EditedData::syncWithController() {
  if (m_generation != m_controller->dataGeneration()) {
    m_generation = m_controller->dataGeneration();
    m_drag.reset();
    m_stack->clear();
    m_data.reset();
    m_before.reset();
    emit changed();
  }
}

void EditedData::apply(DatasetSplit data) {
  if (m_stack->index() == 0 && !m_drag) {
    m_before = m_data;  // the first step: remember what undoing everything gives back
  }
  m_data = std::move(data);
  m_controller->setEditedData(m_data);
  emit changed();
}

}  // namespace losslab::ui
