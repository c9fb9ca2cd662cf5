// SPDX-License-Identifier: GPL-3.0-or-later
// The Training tab's lessons (issue 11, "Presets that teach"): each preset trains headless from
// its fixed seed and shows what its caption says, measured by the error against the clean line.
#include <QTabWidget>
#include <QTest>
#include <cmath>

#include "tests/test_utils.h"
#include "ui/common/settings.h"
#include "ui/shell/main_window.h"
#include "ui/training/history_panel.h"
#include "ui/training/training_presets.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

class TestTrainingPresets : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void presetsAreWholeLessons();
  void eachPresetShowsTheLesson_data();
  void eachPresetShowsTheLesson();
  void mainWindowOffersEveryPreset();
};

void TestTrainingPresets::presetsAreWholeLessons() {
  QVERIFY(trainingPresets().size() >= 3);
  QVERIFY(findTrainingPreset(QString::fromLatin1(kOutliersPreset)) != nullptr);
  QCOMPARE(findTrainingPreset(QStringLiteral("no such lesson")), nullptr);
  for (const TrainingPreset& p : trainingPresets()) {
    QVERIFY(!p.title.isEmpty() && !p.caption.isEmpty());
    QVERIFY2(fullConfigProblem(p.config).empty(), qPrintable(p.id));
    QVERIFY(p.config.compare);
    QCOMPARE(p.config.compareLosses.size(), std::size_t{3});
    QCOMPARE(p.config.focus, std::string("mean_squared_error"));  // the points show MSE's pull
  }
}

void TestTrainingPresets::eachPresetShowsTheLesson_data() {
  QTest::addColumn<QString>("id");
  for (const TrainingPreset& p : trainingPresets()) {
    QTest::newRow(qPrintable(p.id)) << p.id;
  }
}

// 300 epochs from the preset's seed, then clean MAE (validation predictions against y = 2x + 1)
// per loss. Hand derivation for the one-sided outliers: least squares lifts the line by the
// mean shift of the training targets, the outlier share times 20 (0.15 · 20 = 3 on average
// over the split), so MSE's clean MAE is ≈ 3; least absolute deviations ignore a minority
// entirely (the median of the residuals stays on the line) and Huber (δ = 1) moves by about
// 0.15 δ / 0.85 ≈ 0.18. The 16-32 network can bend, but 15 % of the points scattered over the
// whole range lift it the same way. Bad leverage points tilt the least-squares line (the CLI's
// lesson test measures the same configuration).
void TestTrainingPresets::eachPresetShowsTheLesson() {
  QFETCH(QString, id);
  TrainingView view;
  QVERIFY(view.applyTrainingPreset(id));
  QVERIFY(!view.lessonCaption().isEmpty());
  QCOMPARE(view.compareLosses(),
           (QStringList{QStringLiteral("mean_squared_error"), QStringLiteral("mean_absolute_error"),
                        QStringLiteral("huber")}));
  auto* history = view.findChild<HistoryPanel*>();
  QVERIFY(history);
  QCOMPARE(history->shownMetric(), HistoryPlot::Metric::CleanMae);  // never the raw losses
  QVERIFY(view.trainEpochsBlocking(300));
  const double mse = view.latestEpoch(0).clean.cleanMae;
  const double mae = view.latestEpoch(1).clean.cleanMae;
  const double huber = view.latestEpoch(2).clean.cleanMae;
  qInfo("%s clean MAE: MSE %.4g, MAE %.4g, Huber %.4g", qPrintable(id), mse, mae, huber);
  QVERIFY(std::isfinite(mse) && std::isfinite(mae) && std::isfinite(huber));
  QVERIFY2(mse > 4 * huber, qPrintable(QStringLiteral("MSE %1, Huber %2").arg(mse).arg(huber)));
  QVERIFY2(mse > 4 * mae, qPrintable(QStringLiteral("MSE %1, MAE %2").arg(mse).arg(mae)));
  if (view.session().data.outlierFraction > 0) {
    LOSSLAB_VERIFY_NEAR(mse, 3.0, 0.5);
    QVERIFY(huber < 0.3);
  } else {
    QVERIFY(mse > 0.3);  // a tilt you can see, not a rounding error
  }
  QVERIFY(!view.lessonCaption().isEmpty());  // training keeps the lesson
  view.setLoss(QStringLiteral("huber"));     // the single loss: not what compare mode shows
  view.setCompareMode(false);
  QVERIFY(view.lessonCaption().isEmpty());  // another configuration: the caption goes
}

void TestTrainingPresets::mainWindowOffersEveryPreset() {
  MainWindow window;
  for (const TrainingPreset& p : trainingPresets()) {
    QVERIFY(window.applyPreset(p.id));
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::TrainingTab));
    QCOMPARE(window.currentPreset(), p.id);
    QCOMPARE(window.trainingView()->session(), p.config);
  }
}

QTEST_MAIN(TestTrainingPresets)
#include "tst_training_presets.moc"
