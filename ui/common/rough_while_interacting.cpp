// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/rough_while_interacting.h"

#include <QMouseEvent>

namespace losslab::ui {

RoughWhileInteracting::RoughWhileInteracting(QCustomPlot* plot) : QObject(plot), m_plot(plot) {
  m_smooth.setSingleShot(true);
  m_smooth.setInterval(kSmoothMs);
  connect(&m_smooth, &QTimer::timeout, this, &RoughWhileInteracting::smoothNow);
  plot->installEventFilter(this);
}

void RoughWhileInteracting::roughen() {
  if (!m_rough) {
    m_aa = m_plot->antialiasedElements();
    m_notAa = m_plot->notAntialiasedElements();
    m_plot->setNotAntialiasedElements(QCP::aeAll);
    m_rough = true;
  }
  m_smooth.start();  // restarted by every event of the gesture
}

void RoughWhileInteracting::smoothNow() {
  m_smooth.stop();
  if (!m_rough) {
    return;
  }
  m_rough = false;
  // QCustomPlot's own drag handling restores its backup on release; ours is the same
  // settings, taken before the gesture.
  m_plot->setAntialiasedElements(m_aa);
  m_plot->setNotAntialiasedElements(m_notAa);
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool RoughWhileInteracting::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_plot) {
    switch (event->type()) {
      case QEvent::Wheel:
        roughen();
        break;
      case QEvent::Resize:
        // A resize gesture is a burst of resizes: the first one (a layout, a window shown for
        // a screenshot) is drawn smooth, the ones that follow it within kSmoothMs rough.
        // (The layouts of a window being shown resize it before its first paint: not a
        // gesture, and a screenshot right after is smooth.)
        if (m_plot->isVisible() && m_painted && m_lastResize.isValid() &&
            m_lastResize.elapsed() < kSmoothMs) {
          roughen();
        }
        m_lastResize.start();
        break;
      case QEvent::Paint:
        m_painted = true;
        break;
      case QEvent::Hide:
        m_painted = false;
        break;
      case QEvent::MouseMove:
        if (static_cast<QMouseEvent*>(event)->buttons() != Qt::NoButton) {
          roughen();
        }
        break;
      default:
        break;
    }
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace losslab::ui
