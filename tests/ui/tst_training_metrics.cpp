// SPDX-License-Identifier: GPL-3.0-or-later
// Metrics that tell the truth, in the Training tab (issue 11): the clean errors per epoch in the
// history, the plot and the compare table; the compare mode's comparable default metric; the
// loss ÷ its first epoch; R² with one validation sample; the CSV import's clean column.
#include <qcustomplot.h>
#include <QComboBox>
#include <QFile>
#include <QListWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "core/training/training_config.h"
#include "tests/test_utils.h"
#include "ui/common/settings.h"
#include "ui/training/csv_column_dialog.h"
#include "ui/training/history_panel.h"
#include "ui/training/metrics_table_model.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

using Metric = HistoryPlot::Metric;

TrainingConfig outlierLine() {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 200;
  c.data.outlierFraction = 0.2;
  c.data.outlierMagnitude = 10;
  c.data.outlierSide = OutlierSide::Up;
  c.network.hidden = {};
  c.seed = 5;
  return c;
}

/// The validation-set graph of run 0 (the fourth graph of its series, after the two keys).
QCPGraph* validationGraph(QCustomPlot* plot) {
  return plot->graph(2 + 3);
}

}  // namespace

class TestTrainingMetrics : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void cleanErrorsAreRecordedPerEpoch();
  void historyShowsCleanErrorsAndLossRatio();
  void compareModeDefaultsToAComparableMetric();
  void tableHasCleanColumnsAndDashesAnUndefinedR2();
  void csvDialogOffersACleanColumn();
  void importedCleanColumnGivesCleanErrors();

 private:
  QTemporaryDir m_dir;
};

void TestTrainingMetrics::cleanErrorsAreRecordedPerEpoch() {
  // The worker's numbers are the core Trainer's for the same configuration (what
  // `losslab-cli train --json` reports; core's cleanMetrics is checked by hand in tst_outliers).
  const TrainingConfig c = outlierLine();
  TrainingView view;
  QVERIFY(view.applySession(c));
  QVERIFY(view.trainEpochsBlocking(3));
  Trainer reference(makeTrainingData(c), mlpOptions(c), createLoss(c.loss), trainOptions(c));
  EpochReport report;
  for (int e = 0; e < 3; ++e) {
    report = reference.runEpoch();
  }
  const EpochStats last = view.latestEpoch(0);
  QCOMPARE(last.epoch, 3);
  QVERIFY(std::isfinite(last.clean.cleanMae));
  LOSSLAB_VERIFY_NEAR(last.clean.cleanMae, report.clean.cleanMae, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(last.clean.cleanRmse, report.clean.cleanRmse, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(last.clean.inlierMae, report.clean.inlierMae, test::kExactTolerance);
  // RMSE ≥ MAE for any residuals; inliers are closer to the line than the lifted points.
  QVERIFY(last.clean.cleanRmse >= last.clean.cleanMae);
  QVERIFY(last.clean.inlierMae < last.validation.mae);
}

void TestTrainingMetrics::historyShowsCleanErrorsAndLossRatio() {
  TrainingView view;
  QVERIFY(view.applySession(outlierLine()));
  view.setSmoothing(0);
  QVERIFY(view.trainEpochsBlocking(4));
  auto* panel = view.findChild<HistoryPanel*>();
  QVERIFY(panel);
  QCustomPlot* plot = view.plot(TrainingView::Plot::History);

  view.setHistoryMetric(Metric::CleanMae);
  QCOMPARE(panel->shownMetric(), Metric::CleanMae);
  QCOMPARE(plot->yAxis->label(), QStringLiteral("Clean MAE"));
  QCPGraph* validation = validationGraph(plot);
  QCOMPARE(validation->dataCount(), 4);
  LOSSLAB_VERIFY_NEAR(validation->data()->at(3)->value, view.latestEpoch(0).clean.cleanMae,
                      test::kExactTolerance);
  QCOMPARE(plot->graph(2)->dataCount(), 4);  // the training series: no values (NaN gaps)
  QVERIFY(std::isnan(plot->graph(2)->data()->at(0)->value));

  view.setHistoryMetric(Metric::InlierMae);
  LOSSLAB_VERIFY_NEAR(validationGraph(plot)->data()->at(3)->value,
                      view.latestEpoch(0).clean.inlierMae, test::kExactTolerance);

  // Loss ÷ first epoch: 1 at epoch 1, then each epoch's loss over the first one's.
  view.setHistoryMetric(Metric::LossRatio);
  QCOMPARE(plot->graph(2)->data()->at(0)->value, 1.0);
  QCOMPARE(validationGraph(plot)->data()->at(0)->value, 1.0);
  QVERIFY(validationGraph(plot)->data()->at(3)->value < 1.0);  // the loss came down
}

void TestTrainingMetrics::compareModeDefaultsToAComparableMetric() {
  // Defect (issue 11): compare mode showed the losses' own values on one axis (MSE ≈ 38 next
  // to Huber ≈ 1.9) by default. Now: clean MAE where clean targets exist, else validation MAE;
  // "Loss" is not offered while comparing.
  TrainingView view;
  auto* panel = view.findChild<HistoryPanel*>();
  QVERIFY(panel);
  QCOMPARE(panel->shownMetric(), Metric::Loss);  // a single loss: its own value is fine
  view.setCompareMode(true);                     // synthetic data: clean targets exist
  QCOMPARE(panel->shownMetric(), Metric::CleanMae);
  QVERIFY(!panel->offers(Metric::Loss));
  QVERIFY(panel->offers(Metric::LossRatio));
  view.setHistoryMetric(Metric::Rmse);  // the user's choice stays through a data change
  QVERIFY(view.model()->edit([](TrainingConfig& c) { c.data.noise = 0.3; }));
  QCOMPARE(panel->shownMetric(), Metric::Rmse);
  view.setCompareMode(false);
  QVERIFY(panel->offers(Metric::Loss));

  // A CSV file without a clean column: validation MAE, and no clean errors to offer.
  const QString path = m_dir.filePath(QStringLiteral("plain.csv"));
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  for (int i = 0; i < 30; ++i) {
    file.write(QByteArray::number(i / 30.0) + ',' + QByteArray::number(i % 7) + '\n');
  }
  file.close();
  QVERIFY(view.importCsv(path));
  QVERIFY(!panel->offers(Metric::CleanMae));
  view.setCompareMode(true);
  QCOMPARE(panel->shownMetric(), Metric::Mae);
}

void TestTrainingMetrics::tableHasCleanColumnsAndDashesAnUndefinedR2() {
  // 10 samples, split 0.1: ⌊10 · 0.9⌋ = 9 train, 1 validation sample, whose R² is undefined.
  TrainingConfig c = outlierLine();
  c.data.samples = 10;
  c.data.validationSplit = 0.1;
  c.compare = true;
  TrainingView view;
  QVERIFY(view.applySession(c));
  QVERIFY(view.trainEpochsBlocking(2));
  QTableView* table = view.metricsTable();
  const QAbstractItemModel* m = table->model();
  QCOMPARE(m->columnCount(), MetricsTableModel::kColumns);
  QCOMPARE(m->headerData(MetricsTableModel::CleanMae, Qt::Horizontal).toString(),
           QStringLiteral("Clean MAE"));
  for (int row = 0; row < m->rowCount(); ++row) {
    QCOMPARE(m->index(row, MetricsTableModel::ValidationR2).data().toString(), QStringLiteral("—"));
    QVERIFY(m->index(row, MetricsTableModel::ValidationMae).data().toString() != "—");
    const double clean = view.latestEpoch(row).clean.cleanMae;
    QVERIFY(std::isfinite(clean));
    const double shown = m->index(row, MetricsTableModel::CleanMae).data().toString().toDouble();
    LOSSLAB_VERIFY_NEAR(shown, clean, 1e-3 * clean);  // four significant digits
    QVERIFY(!table->isColumnHidden(MetricsTableModel::CleanMae));
  }
}

void TestTrainingMetrics::csvDialogOffersACleanColumn() {
  CsvColumnDialog dialog({QStringLiteral("x"), QStringLiteral("y_clean"), QStringLiteral("y")});
  // Defaults: the last column is the target, no clean column, every other column an input.
  QCOMPARE(dialog.target(), QStringLiteral("y"));
  QCOMPARE(dialog.cleanColumn(), QString());
  QCOMPARE(dialog.cleanBox()->currentIndex(), 0);
  QCOMPARE(dialog.features(), (QStringList{QStringLiteral("x"), QStringLiteral("y_clean")}));
  dialog.cleanBox()->setCurrentIndex(2);  // "(none)", x, y_clean, y
  QCOMPARE(dialog.cleanColumn(), QStringLiteral("y_clean"));
  QCOMPARE(dialog.features(), QStringList{QStringLiteral("x")});  // never an input
  QVERIFY(!(dialog.featureList()->item(1)->flags() & Qt::ItemIsEnabled));
  // The target cannot be the clean column: choosing it as the target clears the clean choice.
  dialog.targetBox()->setCurrentIndex(1);
  QCOMPARE(dialog.cleanColumn(), QString());
  QCOMPARE(dialog.features(), (QStringList{QStringLiteral("x"), QStringLiteral("y")}));
}

void TestTrainingMetrics::importedCleanColumnGivesCleanErrors() {
  // y = y_clean except every fifth row, lifted by 10.
  const QString path = m_dir.filePath(QStringLiteral("clean.csv"));
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write("x,y_clean,y\n");
  for (int i = 0; i < 50; ++i) {
    const double x = i / 50.0;
    const double clean = 2 * x + 1;
    file.write(QByteArray::number(x) + ',' + QByteArray::number(clean) + ',' +
               QByteArray::number(clean + (i % 5 == 0 ? 10 : 0)) + '\n');
  }
  file.close();
  TrainingView view;
  QVERIFY(view.importCsv(path, QString(), {QStringLiteral("x")}, QStringLiteral("y_clean")));
  QCOMPARE(view.session().data.csvClean, std::string("y_clean"));
  QVERIFY(view.session().data.csvFeatures.empty());  // all but target and clean: the default
  QVERIFY2(view.cliCommands().contains(QStringLiteral("--clean-column y_clean")),
           qPrintable(view.cliCommands()));
  QCOMPARE(view.controller()->dataset().featureCount(), Eigen::Index{1});
  QVERIFY(view.trainEpochsBlocking(2));
  QVERIFY(std::isfinite(view.latestEpoch(0).clean.cleanMae));
  auto* panel = view.findChild<HistoryPanel*>();
  QVERIFY(panel->offers(Metric::CleanMae));
}

QTEST_MAIN(TestTrainingMetrics)
#include "tst_training_metrics.moc"
