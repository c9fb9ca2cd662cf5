// SPDX-License-Identifier: GPL-3.0-or-later
// The robust-regression lesson in the Training tab (issue 11): the linear model as a choice, the
// speed control's schedule, direct manipulation of the points on the fit plot, the compare
// mode's comparable history metric and the small multiples.
#include <QComboBox>
#include <QHash>
#include <QLineEdit>
#include <QTest>

#include "tests/test_utils.h"
#include "ui/common/settings.h"
#include "ui/training/epoch_pacer.h"
#include "ui/training/fit_plot.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

class TestTrainingLesson : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void linearModelIsAChoiceAndNoneIsAccepted();
  void pacerSchedulesEpochsAtTheRate();
  void speedChoiceReachesTheControllerAndTheStatus();
  void coincidingFitLinesAreDashed();
};

void TestTrainingLesson::linearModelIsAChoiceAndNoneIsAccepted() {
  // Before: no "Linear" choice; Activation stayed enabled for a linear model.
  TrainingView view;
  auto* kind = view.findChild<QComboBox*>(QStringLiteral("modelKind"));
  auto* hidden = view.findChild<QLineEdit*>(QStringLiteral("hiddenWidths"));
  auto* activation = view.findChild<QComboBox*>(QStringLiteral("activation"));
  QVERIFY(kind && hidden && activation);
  QCOMPARE(kind->currentIndex(), 0);
  QVERIFY(activation->isEnabled());

  kind->setCurrentIndex(1);  // "Linear (no hidden layer)"
  QVERIFY(view.session().network.hidden.empty());
  QCOMPARE(hidden->text(), QStringLiteral("none"));
  QVERIFY(!activation->isEnabled());
  QVERIFY(view.cliCommands().contains(QStringLiteral("--hidden none")));

  kind->setCurrentIndex(0);  // back to the network it had
  QCOMPARE(view.session().network.hidden, (std::vector<Eigen::Index>{16, 32}));
  QVERIFY(activation->isEnabled());

  hidden->setText(QStringLiteral("None"));  // typed, as the CLI accepts it
  emit hidden->editingFinished();
  QVERIFY(view.session().network.hidden.empty());
  QCOMPARE(kind->currentIndex(), 1);
  QVERIFY(!activation->isEnabled());
  QVERIFY(view.trainEpochsBlocking(2));
}

void TestTrainingLesson::pacerSchedulesEpochsAtTheRate() {
  // A made-up clock in ms: at 4 epochs/s the epochs are due at 1000 + 250 k.
  EpochPacer pacer;
  QVERIFY(!pacer.paced());
  QVERIFY(pacer.due(0));  // unpaced: always due, never waits
  QCOMPARE(pacer.waitMs(0), std::int64_t{0});
  pacer.restart(1000, 4);
  QVERIFY(pacer.due(1000));  // the first epoch trains at once
  pacer.trained(1000);
  QVERIFY(!pacer.due(1249));
  QCOMPARE(pacer.waitMs(1100), std::int64_t{150});
  QVERIFY(pacer.due(1250));
  pacer.trained(1260);  // a little late: the schedule holds (next at 1500, not 1510)
  QCOMPARE(pacer.nextDueMs(), std::int64_t{1500});
  pacer.trained(1500);
  QCOMPARE(pacer.nextDueMs(), std::int64_t{1750});
  // More than a period behind (the machine was busy): no burst of catch-up epochs, the next
  // one is a period after the late one.
  pacer.trained(2600);
  QCOMPARE(pacer.nextDueMs(), std::int64_t{2850});
  QVERIFY(!pacer.due(2700));
  // 1/3 epoch per second rounds to whole ms: 3000 ms apart.
  pacer.restart(0, 1.0 / 3.0);
  pacer.trained(0);
  QCOMPARE(pacer.nextDueMs(), std::int64_t{3000});
  pacer.restart(0, 0);  // back to full speed
  QVERIFY(!pacer.paced());
  QVERIFY(pacer.due(5));
}

void TestTrainingLesson::speedChoiceReachesTheControllerAndTheStatus() {
  // Before: there was no speed control.
  TrainingView view;
  auto* speed = view.findChild<QComboBox*>(QStringLiteral("speed"));
  QVERIFY(speed);
  QCOMPARE(view.controller()->epochsPerSecond(), 0.0);
  QCOMPARE(view.statusText(), QStringLiteral("Ready · 0/200 epochs"));
  speed->setCurrentIndex(speed->findData(5.0));
  QCOMPARE(view.controller()->epochsPerSecond(), 5.0);
  QCOMPARE(view.statusText(), QStringLiteral("Ready · 0/200 epochs · 5 epochs/s"));
  // Blocking training ignores the pace (headless use) and the run goes on from there.
  QVERIFY(view.trainEpochsBlocking(3));
  QCOMPARE(view.statusText(), QStringLiteral("Paused · 3/200 epochs · 5 epochs/s"));
  // Slow motion runs and pauses: the worker waits on a timer, the GUI thread stays free.
  view.controller()->start();
  QTRY_COMPARE_WITH_TIMEOUT(view.controller()->state(), TrainingController::State::Running, 10000);
  QTRY_VERIFY_WITH_TIMEOUT(view.latestEpoch(0).epoch >= 4, 10000);
  view.controller()->pause();
  QTRY_COMPARE_WITH_TIMEOUT(view.controller()->state(), TrainingController::State::Paused, 10000);
  speed->setCurrentIndex(0);
  QCOMPARE(view.controller()->epochsPerSecond(), 0.0);
  QVERIFY(!view.statusText().contains(QStringLiteral("epochs/s")));
}

void TestTrainingLesson::coincidingFitLinesAreDashed() {
  // Before: the outliers lesson drew MAE's and Huber's fit lines solid, one on top of the
  // other, so the one below was hidden. Now a line that runs along an earlier one is dashed.
  TrainingView view;
  view.applyOutliersPreset();
  QVERIFY(view.trainEpochsBlocking(300));
  QCustomPlot* fit = view.plot(TrainingView::Plot::Fit);
  QHash<QString, QCPGraph*> lines;
  QStringList names;
  for (int i = 0; i < fit->graphCount(); ++i) {
    names << fit->graph(i)->name();
    for (const QString& run :
         {QStringLiteral("MSE"), QStringLiteral("MAE"), QStringLiteral("Huber")}) {
      if (fit->graph(i)->name().startsWith(run)) {
        lines.insert(run, fit->graph(i));
      }
    }
  }
  QVERIFY2(lines.size() == 3, qPrintable(names.join(QStringLiteral(", "))));
  // MSE's line is lifted by ≈ 3 (apart from both); MAE and Huber stay on the clean line.
  QCOMPARE(lines[QStringLiteral("MSE")]->pen().style(), Qt::SolidLine);
  QCOMPARE(lines[QStringLiteral("MAE")]->pen().style(), Qt::SolidLine);
  QCOMPARE(lines[QStringLiteral("Huber")]->pen().style(), Qt::CustomDashLine);
}

QTEST_MAIN(TestTrainingLesson)
#include "tst_training_lesson.moc"
