// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>

namespace losslab::ui {

namespace {

constexpr const char* kGuardedProperty = "losslabWheelGuard";

/// The value control `widget` belongs to (a spin box's line edit belongs to its spin box).
QWidget* valueControl(QWidget* widget) {
  for (int depth = 0; widget && depth < 2; ++depth, widget = widget->parentWidget()) {
    if (qobject_cast<QComboBox*>(widget) || qobject_cast<QAbstractSpinBox*>(widget) ||
        (qobject_cast<QAbstractSlider*>(widget) && !qobject_cast<QScrollBar*>(widget))) {
      return widget;
    }
  }
  return nullptr;
}

QAbstractScrollArea* guardedArea(QWidget* widget) {
  for (; widget; widget = widget->parentWidget()) {
    auto* area = qobject_cast<QAbstractScrollArea*>(widget);
    if (area && area->property(kGuardedProperty).toBool()) {
      return area;
    }
  }
  return nullptr;
}

/// One application-wide filter: it sees controls created after guardWheel() too. Polish
/// (before a widget is first shown) sets the focus policy, because Qt gives wheel focus before
/// any filter sees the wheel event.
class WheelGuard final : public QObject {
 public:
  using QObject::QObject;

  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() != QEvent::Wheel && event->type() != QEvent::Polish) {
      return false;
    }
    QWidget* control = valueControl(qobject_cast<QWidget*>(watched));
    QAbstractScrollArea* area = control ? guardedArea(control) : nullptr;
    if (!area) {
      return false;
    }
    if (event->type() == QEvent::Polish) {
      if (control->focusPolicy() == Qt::WheelFocus) {
        control->setFocusPolicy(Qt::StrongFocus);
      }
      return false;
    }
    if (control->hasFocus()) {
      return false;  // the user chose this control: the wheel edits it
    }
    QCoreApplication::sendEvent(area->verticalScrollBar(), event);
    return true;
  }
};

}  // namespace

void guardWheel(QAbstractScrollArea* area) {
  static WheelGuard* guard = [] {
    auto* g = new WheelGuard(qApp);
    qApp->installEventFilter(g);
    return g;
  }();
  (void)guard;
  area->setProperty(kGuardedProperty, true);
  // Controls already polished (QScrollArea::setWidget polishes its widget) get the policy now;
  // later ones when they are polished.
  for (QWidget* child : area->findChildren<QWidget*>()) {
    if (valueControl(child) == child && child->focusPolicy() == Qt::WheelFocus) {
      child->setFocusPolicy(Qt::StrongFocus);
    }
  }
}

}  // namespace losslab::ui
