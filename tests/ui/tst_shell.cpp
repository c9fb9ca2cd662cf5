// SPDX-License-Identifier: GPL-3.0-or-later
// The main window (issue 10): it composes the tabs; each tab brings its own actions, and the
// explorer's are off while another tab is shown; the explorer always reopens with its curves
// and its docks, whatever tab was active at quit.
#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QMenuBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <algorithm>

#include "ui/common/settings.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/shell/main_window.h"
#include "ui/sweep/sweep_view.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

class TestShell : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void explorerActionsAreOffInTheTrainingTab();
  void explorerReopensWithCurvesAndDocks_data();
  void explorerReopensWithCurvesAndDocks();
  void presentationModeIsFullScreenWithLargeText();
  void presentationModeEnlargesTheTrainingTab();
  void sessionKeepsTheSweep();
};

void TestShell::initTestCase() {
  QCoreApplication::setOrganizationName(QStringLiteral("LossLabTest"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_shell"));
  Settings::setEphemeral(true);  // never read or change a user's remembered session
}

namespace {

/// Closes whatever modal dialog opens within the next event-loop turns and records its title.
class ModalCatcher : public QObject {
 public:
  ModalCatcher() {
    m_timer.setInterval(20);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      if (QWidget* modal = QApplication::activeModalWidget()) {
        m_titles << modal->windowTitle();
        if (auto* dialog = qobject_cast<QDialog*>(modal)) {
          dialog->reject();
        } else {
          modal->close();
        }
      }
    });
    m_timer.start();
  }
  QStringList titles() const { return m_titles; }

 private:
  QTimer m_timer;
  QStringList m_titles;
};

/// The QSettings of these tests live in a temporary folder, never the user's.
class TemporarySettings {
 public:
  TemporarySettings() {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
    Settings::setEphemeral(false);
  }
  ~TemporarySettings() {
    QSettings().clear();
    Settings::setEphemeral(true);
  }

 private:
  QTemporaryDir m_dir;
};

}  // namespace

void TestShell::explorerActionsAreOffInTheTrainingTab() {
  // Defect (issue 10): in the Training tab the explorer's toolbar stayed active and acted on the
  // hidden explorer; "Export Plot…" there saved the explorer's figure.
  MainWindow window;
  window.resize(1200, 800);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  window.tabs()->setCurrentIndex(1);
  QCoreApplication::processEvents();
  const QStringList explorerTexts = {QStringLiteral("&Export Plot…"),
                                     QStringLiteral("Export &Data (CSV)…"),
                                     QStringLiteral("&Copy Image"),
                                     QStringLiteral("&Add Loss…"),
                                     QStringLiteral("&Reset View"),
                                     QStringLiteral("&Zoom to Rectangle"),
                                     QStringLiteral("Show &Second Derivative"),
                                     QStringLiteral("Axis R&anges…")};
  for (QAction* action : window.findChildren<QAction*>()) {
    if (explorerTexts.contains(action->text())) {
      QVERIFY2(!action->isEnabled(),
               qPrintable(action->text() + " is enabled in the Training tab"));
    }
  }
  // No visible tool button offers an explorer action.
  for (QToolButton* button : window.findChildren<QToolButton*>()) {
    if (button->isVisible() && button->defaultAction() &&
        explorerTexts.contains(button->defaultAction()->text())) {
      QVERIFY2(!button->isEnabled(),
               qPrintable(button->text() + " is offered in the Training tab"));
    }
  }
  // Ctrl+E in the Training tab does not open the explorer's export.
  ModalCatcher catcher;
  QTest::keyClick(window.tabs()->currentWidget(), Qt::Key_E, Qt::ControlModifier);
  QTest::qWait(100);
  QVERIFY2(!catcher.titles().contains(QStringLiteral("Export Plot")),
           qPrintable(catcher.titles().join(QStringLiteral(", "))));
  // The status bar does not offer the explorer's hover readout in the Training tab.
  QVERIFY2(!window.statusBar()->currentMessage().contains(QStringLiteral("mouse")),
           qPrintable(window.statusBar()->currentMessage()));
  // Back in the explorer, its actions work again.
  window.tabs()->setCurrentIndex(0);
  QCoreApplication::processEvents();
  for (QAction* action : window.findChildren<QAction*>()) {
    if (action->text() == QStringLiteral("&Export Plot…")) {
      QVERIFY(action->isEnabled());
    }
  }
}

void TestShell::explorerReopensWithCurvesAndDocks_data() {
  QTest::addColumn<QString>("how");
  QTest::newRow("quit in the explorer") << "explorer";
  QTest::newRow("quit in the Training tab") << "training tab";
  QTest::newRow("quit with the Training: outliers preset") << "outliers";
}

void TestShell::explorerReopensWithCurvesAndDocks() {
  // Defect (issue 10): quitting with the "Training: outliers" preset active made the next start
  // open an empty explorer with its Losses and Parameters docks hidden.
  QFETCH(QString, how);
  TemporarySettings settings;
  {
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (how == QLatin1String("outliers")) {
      QVERIFY(window.applyPreset(QStringLiteral("outliers")));
    } else if (how == QLatin1String("training tab")) {
      window.tabs()->setCurrentIndex(1);
    }
    QCoreApplication::processEvents();
    window.close();
  }
  MainWindow window;
  window.resize(1200, 800);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  window.tabs()->setCurrentIndex(0);
  QCoreApplication::processEvents();
  auto* plot = window.findChild<LossCurvePlot*>();
  QVERIFY(plot);
  QVERIFY2(plot->customPlot()->graphCount() > 0, "the explorer opened empty");
  QVERIFY(plot->isVisible());
  for (const char* name : {"LossesDock", "ParametersDock"}) {
    auto* dock = window.findChild<QDockWidget*>(QLatin1String(name));
    QVERIFY(dock);
    QVERIFY2(dock->isVisible(), name);
    // …and on screen, inside the explorer (not pushed out of its window).
    QVERIFY2(dock->parentWidget()->rect().contains(dock->geometry()), name);
  }
}

void TestShell::presentationModeIsFullScreenWithLargeText() {
  MainWindow window;
  window.resize(1200, 800);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  ExplorerView* explorer = window.explorer();
  const double screenTicks = explorer->plot()->style().tickFont.pointSizeF();
  const double screenPen = explorer->plot()->style().curveWidth;
  auto* losses = window.findChild<QDockWidget*>(QStringLiteral("LossesDock"));
  QVERIFY(losses->isVisible());
  QTest::keyClick(&window, Qt::Key_F11);
  QVERIFY(window.presentationMode());
  QTRY_VERIFY(window.isFullScreen());
  QVERIFY(!window.menuBar()->isVisible());
  QVERIFY(!window.statusBar()->isVisible());
  QVERIFY(!losses->isVisible());
  QVERIFY(!explorer->toolBar()->isVisible());
  QVERIFY(explorer->plot()->style().tickFont.pointSizeF() > 1.5 * screenTicks);
  QVERIFY(explorer->plot()->style().curveWidth > 1.5 * screenPen);
  // The menu bar is hidden, its shortcuts still work (Ctrl+2: second derivative).
  QVERIFY(!explorer->actions().showSecondDerivative->isChecked());
  QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
  QVERIFY(explorer->actions().showSecondDerivative->isChecked());
  // Esc leaves: everything as it was.
  QTest::keyClick(&window, Qt::Key_Escape);
  QVERIFY(!window.presentationMode());
  QTRY_VERIFY(!window.isFullScreen());
  QVERIFY(window.menuBar()->isVisible());
  QTRY_VERIFY(losses->isVisible());
  QVERIFY(explorer->toolBar()->isVisible());
  QCOMPARE(explorer->plot()->style().tickFont.pointSizeF(), screenTicks);
}

void TestShell::presentationModeEnlargesTheTrainingTab() {
  // Before: F11 enlarged the explorer only; on the Training tab the settings column kept half
  // the screen and the plots kept their small text and thin lines.
  MainWindow window;
  window.resize(1200, 800);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  window.tabs()->setCurrentIndex(MainWindow::TrainingTab);
  TrainingView* training = window.trainingView();
  training->applyOutliersPreset();
  QVERIFY(training->trainEpochsBlocking(5));
  QCustomPlot* fit = training->plot(TrainingView::Plot::Fit);
  auto* settingsColumn = training->findChild<QScrollArea*>(QStringLiteral("settingsColumn"));
  QVERIFY(settingsColumn && settingsColumn->isVisible());
  const double ticks = fit->xAxis->tickLabelFont().pointSizeF();
  const double legend = fit->legend->font().pointSizeF();
  const double axisPen = fit->xAxis->basePen().widthF();
  auto widest = [fit] {
    double w = 0;
    for (int i = 0; i < fit->graphCount(); ++i) {
      w = std::max(w, fit->graph(i)->pen().widthF());
    }
    return w;
  };
  const double line = widest();
  QVERIFY(line > 0);

  window.setPresentationMode(true);
  QVERIFY(!settingsColumn->isVisible());
  QVERIFY(fit->xAxis->tickLabelFont().pointSizeF() > 1.5 * ticks);
  QVERIFY(fit->yAxis->labelFont().pointSizeF() > 1.5 * ticks);
  QVERIFY(fit->legend->font().pointSizeF() > 1.3 * legend);
  QVERIFY(fit->xAxis->basePen().widthF() > 1.5 * axisPen);
  QVERIFY(widest() > 1.5 * line);
  // A new run (the next lesson step) keeps the thick lines.
  training->applyOutliersPreset();
  QVERIFY(training->trainEpochsBlocking(5));
  QVERIFY(widest() > 1.5 * line);

  window.setPresentationMode(false);
  QTRY_VERIFY(settingsColumn->isVisible());
  QCOMPARE(fit->xAxis->tickLabelFont().pointSizeF(), ticks);
  QCOMPARE(fit->legend->font().pointSizeF(), legend);
  QCOMPARE(widest(), line);
}

void TestShell::sessionKeepsTheSweep() {
  // Issue 12: the Sweep tab's settings are "saved in the session".
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("run.json"));
  MainWindow window;
  auto* sweep = window.findChild<SweepView*>();
  auto* training = window.findChild<TrainingView*>();
  QVERIFY(sweep && training);
  SweepPlan plan;
  plan.vary = SweepAxis{"outliers", 0, 0.4, 9, false};
  plan.seeds = 4;
  plan.metric = "clean_mae";
  plan.losses = {"mean_squared_error", "mean_absolute_error", "huber"};
  plan.epochs = 120;
  sweep->setPlan(plan);
  QVERIFY(sweep->plan() == plan);
  QString error;
  QVERIFY2(training->saveSession(path, &error), qPrintable(error));
  sweep->setPlan(SweepPlan{});  // the defaults: δ from 0.05 to 20, following the losses
  QVERIFY(!(sweep->plan() == plan));
  QVERIFY2(training->loadSession(path, &error), qPrintable(error));
  QVERIFY(sweep->plan() == plan);
}

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
