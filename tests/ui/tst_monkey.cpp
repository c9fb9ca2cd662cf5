// SPDX-License-Identifier: GPL-3.0-or-later
// GUI monkey test (issue 16): a bounded, seeded stream of random events — clicks on random
// visible widgets, keys, drags and wheel turns on plots, tab switches, start/pause of training,
// resizes — in each tab of the real MainWindow. The app must stay alive and responsive (a
// posted event is delivered within a generous bound after every action: a hang detector, not a
// speed test) and must close cleanly, also while training runs. Any dialog or popup an action
// opens is rejected at once, so nothing is ever saved or replaced.
//
// LOSSLAB_MONKEY_EVENTS sets the events per tab (default 250; 60 under sanitizers, see
// tests/ui/CMakeLists.txt), LOSSLAB_MONKEY_SEED the seed (default 16). A failure prints both.
#include <qcustomplot.h>
#include <QApplication>
#include <QDialog>
#include <QElapsedTimer>
#include <QMenu>
#include <QPointer>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>
#include <random>

#include "core/training/training_config.h"
#include "ui/common/settings.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

#ifdef LOSSLAB_SANITIZED
constexpr int kDefaultEvents = 60;
constexpr qint64 kResponsiveMs = 60000;
#else
constexpr int kDefaultEvents = 250;
constexpr qint64 kResponsiveMs = 15000;
#endif

int envInt(const char* name, int fallback) {
  bool ok = false;
  const int value = qEnvironmentVariableIntValue(name, &ok);
  return ok ? value : fallback;
}

/// Rejects every modal dialog and closes every popup (menus, combo lists) as soon as one shows.
class DialogCloser : public QObject {
 public:
  DialogCloser() {
    m_timer.setInterval(10);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      if (QWidget* modal = QApplication::activeModalWidget()) {
        ++m_closed;
        if (auto* dialog = qobject_cast<QDialog*>(modal)) {
          dialog->reject();
        } else {
          modal->close();
        }
      }
      if (QWidget* popup = QApplication::activePopupWidget()) {
        ++m_closed;
        popup->close();
      }
    });
    m_timer.start();
  }
  int closed() const { return m_closed; }

 private:
  QTimer m_timer;
  int m_closed = 0;
};

/// True if an event posted now is delivered within kResponsiveMs.
bool eventLoopTurns() {
  bool delivered = false;
  QTimer::singleShot(0, qApp, [&delivered] { delivered = true; });
  QElapsedTimer clock;
  clock.start();
  while (!delivered && clock.elapsed() < kResponsiveMs) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
  }
  return delivered;
}

class Monkey {
 public:
  Monkey(MainWindow* window, unsigned seed) : m_window(window), m_random(seed) {}

  int pick(int count) { return std::uniform_int_distribution<int>(0, count - 1)(m_random); }
  QPoint pointIn(const QWidget* widget) {
    return {pick(qMax(1, widget->width())), pick(qMax(1, widget->height()))};
  }

  /// Visible, enabled widgets of the main window (not of popups or dialogs).
  template <typename W>
  QList<W*> targets() const {
    QList<W*> result;
    for (W* widget : m_window->findChildren<W*>()) {
      if (widget->isVisible() && widget->isEnabled() && widget->window() == m_window) {
        result << widget;
      }
    }
    return result;
  }

  /// One random action; returns its name (for the failure message).
  QString act() {
    static const Qt::Key keys[] = {
        Qt::Key_A,      Qt::Key_X,         Qt::Key_1,      Qt::Key_0,     Qt::Key_Minus,
        Qt::Key_Period, Qt::Key_Backspace, Qt::Key_Delete, Qt::Key_Left,  Qt::Key_Right,
        Qt::Key_Up,     Qt::Key_Down,      Qt::Key_Tab,    Qt::Key_Space, Qt::Key_Return,
        Qt::Key_Escape, Qt::Key_PageUp,    Qt::Key_Home};
    const QList<QWidget*> widgets = targets<QWidget>();
    const QList<QCustomPlot*> plots = targets<QCustomPlot>();
    TrainingController* controller = m_window->trainingView()->controller();
    switch (pick(20)) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 4:
      case 5:
      case 6: {  // click (sometimes double or right) somewhere in a random widget
        if (widgets.isEmpty())
          return QStringLiteral("no widget");
        QWidget* widget = widgets[pick(static_cast<int>(widgets.size()))];
        const QString name =
            QStringLiteral("click %1 %2")
                .arg(QString::fromLatin1(widget->metaObject()->className()), widget->objectName());
        const int kind = pick(6);
        if (kind == 0) {
          QTest::mouseDClick(widget, Qt::LeftButton, {}, pointIn(widget));
        } else if (kind == 1) {
          QTest::mouseClick(widget, Qt::RightButton, {}, pointIn(widget));
        } else {
          QTest::mouseClick(widget, Qt::LeftButton, {}, pointIn(widget));
        }
        return name;
      }
      case 7:
      case 8:
      case 9: {  // keys to whatever has the focus
        QWidget* focus = QApplication::focusWidget();
        if (!focus || focus->window() != m_window)
          focus = m_window;
        const int count = 1 + pick(4);
        for (int i = 0; i < count; ++i) {
          QTest::keyClick(focus, keys[pick(static_cast<int>(std::size(keys)))]);
        }
        return QStringLiteral("keys to %1")
            .arg(QString::fromLatin1(focus->metaObject()->className()));
      }
      case 10:
      case 11:
      case 12: {  // a drag on a plot (pans, or a zoom rectangle)
        if (plots.isEmpty())
          return QStringLiteral("no plot");
        QCustomPlot* plot = plots[pick(static_cast<int>(plots.size()))];
        const QPoint from = pointIn(plot);
        const QPoint to = pointIn(plot);
        QTest::mousePress(plot, Qt::LeftButton, {}, from);
        for (int step = 1; step <= 4; ++step) {
          QTest::mouseMove(plot, from + (to - from) * step / 4);
        }
        QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
        return QStringLiteral("drag on a plot");
      }
      case 13:
      case 14: {  // wheel on a plot
        if (plots.isEmpty())
          return QStringLiteral("no plot");
        QCustomPlot* plot = plots[pick(static_cast<int>(plots.size()))];
        const QPointF at = pointIn(plot);
        const int delta = (pick(2) == 0 ? 1 : -1) * 120 * (1 + pick(3));
        QWheelEvent wheel(at, plot->mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        return QStringLiteral("wheel %1").arg(delta);
      }
      case 15:
        m_window->tabs()->setCurrentIndex(pick(m_window->tabs()->count()));
        return QStringLiteral("tab switch");
      case 16:
        controller->start();
        return QStringLiteral("start training");
      case 17:
        controller->pause();
        return QStringLiteral("pause training");
      case 18:
        m_window->resize(480 + pick(1200), 360 + pick(800));
        return QStringLiteral("resize");
      default:
        QTest::qWait(pick(30));
        return QStringLiteral("wait");
    }
  }

 private:
  QPointer<MainWindow> m_window;
  std::mt19937 m_random;
};

}  // namespace

class TestMonkey : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void randomEventsInEveryTab();
  void closingMidTrainingIsClean();
};

void TestMonkey::initTestCase() {
  QCoreApplication::setOrganizationName(QStringLiteral("LossLabTest"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_monkey"));
  QStandardPaths::setTestModeEnabled(true);  // the custom-loss library: never the user's
  Settings::setEphemeral(true);              // never read or change a remembered session
}

void TestMonkey::randomEventsInEveryTab() {
  const int events = envInt("LOSSLAB_MONKEY_EVENTS", kDefaultEvents);
  const auto seed = static_cast<unsigned>(envInt("LOSSLAB_MONKEY_SEED", 16));
  DialogCloser closer;
  auto* window = new MainWindow;
  QPointer<MainWindow> alive(window);
  window->resize(1200, 800);
  window->show();
  QVERIFY(QTest::qWaitForWindowExposed(window));
  Monkey monkey(window, seed);
  for (int tab = 0; tab < window->tabs()->count(); ++tab) {
    for (int i = 0; i < events; ++i) {
      QVERIFY2(alive, "the main window was destroyed");
      if (!window->isVisible())
        window->show();  // an action may close it; the app lives on
      if (i % 10 == 0)
        window->tabs()->setCurrentIndex(tab);  // mostly in this tab
      const QString action = monkey.act();
      QVERIFY2(eventLoopTurns(), qPrintable(QStringLiteral("unresponsive after '%1' (seed %2, tab "
                                                           "%3, event %4)")
                                                .arg(action)
                                                .arg(seed)
                                                .arg(tab)
                                                .arg(i)));
    }
  }
  window->trainingView()->controller()->start();
  QTest::qWait(50);
  window->close();
  delete window;
  QVERIFY(eventLoopTurns());
  qInfo("%d dialogs or popups were rejected", closer.closed());
}

void TestMonkey::closingMidTrainingIsClean() {
  // Closing the window while the worker thread trains must stop it and destroy everything
  // without a crash, a hang or (under ASan) a use after free.
  for (int round = 0; round < 3; ++round) {
    auto* window = new MainWindow;
    window->resize(1000, 700);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    window->tabs()->setCurrentIndex(MainWindow::TrainingTab);
    TrainingController* controller = window->trainingView()->controller();
    TrainingConfig config = controller->config();
    config.epochs = TrainingLimits::kMaxEpochs;  // still training when the window closes
    QVERIFY(controller->apply(config));
    controller->start();
    QTRY_COMPARE_WITH_TIMEOUT(controller->state(), TrainingController::State::Running,
                              kResponsiveMs);
    QTest::qWait(20 * round);
    QVERIFY(window->close());
    delete window;
    QVERIFY(eventLoopTurns());
  }
}

QTEST_MAIN(TestMonkey)
#include "tst_monkey.moc"
