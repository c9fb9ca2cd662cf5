// SPDX-License-Identifier: GPL-3.0-or-later
// Help ▸ Keyboard Shortcuts lists every shortcut of the window, read from its actions and
// shortcuts (a new one shows up without touching the dialog); Help ▸ Getting Started opens the
// example lesson.
#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QPushButton>
#include <QShortcut>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include "ui/common/settings.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/shell/getting_started_dialog.h"
#include "ui/shell/lesson_player.h"
#include "ui/shell/main_window.h"
#include "ui/shell/shortcuts_dialog.h"

using namespace losslab::ui;

namespace {

/// Rows of the dialog as "what\tkeys".
QStringList rows(const ShortcutsDialog& dialog) {
  QStringList out;
  const QTableWidget* table = dialog.table();
  for (int row = 0; row < table->rowCount(); ++row) {
    out << table->item(row, 0)->text() + QLatin1Char('\t') + table->item(row, 1)->text();
  }
  return out;
}

QAction* menuAction(const QMainWindow& window, const QString& menuTitle, const QString& text) {
  for (QAction* menu : window.menuBar()->actions()) {
    if (menu->text() == menuTitle) {
      for (QAction* action : menu->menu()->actions()) {
        if (action->text() == text) {
          return action;
        }
      }
    }
  }
  return nullptr;
}

/// Runs `onModal` on the first modal widget that opens within the next event-loop turns; the
/// polling timer belongs to `owner` (freed with it even if no dialog opens).
template <class F>
void whenModal(QObject* owner, F onModal) {
  auto* timer = new QTimer(owner);
  timer->setInterval(20);
  QObject::connect(timer, &QTimer::timeout, [timer, onModal] {
    if (QWidget* modal = QApplication::activeModalWidget()) {
      timer->stop();
      onModal(modal);
    }
  });
  timer->start();
}

}  // namespace

class TestHelpMenu : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void shortcutsListEveryShortcut();
  void shortcutsMenuOpensTheDialog();
  void gettingStartedOpensTheLesson();
};

void TestHelpMenu::shortcutsListEveryShortcut() {
  MainWindow window;
  const QStringList listed = rows(ShortcutsDialog(&window));
  // Spot checks, spelt out by hand from the menus (Edit ▸ Undo, View ▸ Presentation Mode, the
  // hidden Esc action, the Training tab's Ctrl+Return).
  for (const QString& expected :
       {QStringLiteral("Undo\tCtrl+Z"), QStringLiteral("Presentation Mode\tF11"),
        QStringLiteral("Leave Presentation Mode\tEsc"),
        QStringLiteral("Keyboard Shortcuts\tCtrl+/"),
        QStringLiteral("Training tab: start or pause\tCtrl+Return")}) {
    QVERIFY2(listed.contains(expected),
             qPrintable(expected + " missing from:\n" + listed.join(QLatin1Char('\n'))));
  }
  // Every action and shortcut of the window with keys is listed.
  for (const QAction* action : window.findChildren<QAction*>()) {
    if (!action->shortcut().isEmpty() && !action->menu()) {
      const QString keys = action->shortcut().toString(QKeySequence::NativeText);
      bool found = false;
      for (const QString& row : listed) {
        found = found || (row.contains(keys) &&
                          row.startsWith(QString(action->text()).remove(QLatin1Char('&'))));
      }
      QVERIFY2(found, qPrintable(action->text() + " " + keys));
    }
  }
  for (const QShortcut* shortcut : window.findChildren<QShortcut*>()) {
    QVERIFY2(!shortcut->whatsThis().isEmpty(),
             qPrintable(shortcut->key().toString() + " has no description for the dialog"));
  }
  // A shortcut added later is listed without any change to the dialog.
  auto* added = new QAction(QStringLiteral("Brand-new action"), &window);
  added->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
  window.addAction(added);
  QVERIFY(
      rows(ShortcutsDialog(&window)).contains(QStringLiteral("Brand-new action\tCtrl+Shift+J")));
}

void TestHelpMenu::shortcutsMenuOpensTheDialog() {
  MainWindow window;
  QAction* action =
      menuAction(window, QStringLiteral("&Help"), QStringLiteral("&Keyboard Shortcuts"));
  QVERIFY(action);
  QString title;
  int count = 0;
  whenModal(&window, [&](QWidget* modal) {
    title = modal->windowTitle();
    if (auto* dialog = qobject_cast<ShortcutsDialog*>(modal)) {
      count = dialog->table()->rowCount();
    }
    modal->close();
  });
  action->trigger();
  QCOMPARE(title, QStringLiteral("Keyboard Shortcuts"));
  QVERIFY(count > 15);
}

void TestHelpMenu::gettingStartedOpensTheLesson() {
  MainWindow window;
  window.tabs()->setCurrentIndex(MainWindow::TrainingTab);
  QAction* action = menuAction(window, QStringLiteral("&Help"), QStringLiteral("&Getting Started"));
  QVERIFY(action);
  QString title;
  whenModal(&window, [&](QWidget* modal) {
    title = modal->windowTitle();
    if (auto* dialog = qobject_cast<GettingStartedDialog*>(modal)) {
      dialog->openLessonButton()->click();
    } else {
      modal->close();
    }
  });
  action->trigger();
  QCOMPARE(title, QStringLiteral("Getting Started"));
  // The example lesson (docs/mse-mae-huber.losslab, built in) at its first step: MSE alone.
  QCOMPARE(window.lessonPlayer()->stepCount(), 6);
  QCOMPARE(window.lessonPlayer()->current(), 0);
  QCOMPARE(window.explorer()->model()->count(), 1);
  QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::ExplorerTab));
}

QTEST_MAIN(TestHelpMenu)
#include "tst_help_menu.moc"
