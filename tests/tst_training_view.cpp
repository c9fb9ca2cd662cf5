// SPDX-License-Identifier: GPL-3.0-or-later
// The live-training tab, headless: it builds, the outliers preset trains in compare mode, a bad
// CSV is refused with its line and column while the data set stays, a good CSV trains, and the
// exports write readable files.
#include <qcustomplot.h>
#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "custom_loss_library.h"
#include "loss_factory.h"
#include "settings.h"
#include "test_utils.h"
#include "training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

void writeFile(const QString& path, const QByteArray& text) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  QCOMPARE(file.write(text), text.size());
}

QStringList readLines(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return {};
  }
  return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace

class TestTrainingView : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void builds();
  void customFormulaTrainsLikeTheBuiltIn();
  void outliersPresetTrainsHeadless();
  void badCsvKeepsDatasetAndNamesLineAndColumn_data();
  void badCsvKeepsDatasetAndNamesLineAndColumn();
  void goodCsvTrains();
  void exportsWriteFiles();
  void smoothingIsTensorBoardEma();

 private:
  QTemporaryDir m_dir;
};

void TestTrainingView::initTestCase() {
  QVERIFY(m_dir.isValid());
  Settings::setEphemeral(true);  // the custom-loss library stays in memory
}

void TestTrainingView::customFormulaTrainsLikeTheBuiltIn() {
  // The same Huber as a formula: same gradients (to 1e-12), same seed and batches, so the
  // two trainings agree to rounding — and both differ from MSE's.
  QVERIFY(CustomLossLibrary::instance().addOrReplace(
      {QStringLiteral("tst huber"),
       QStringLiteral("where(abs(r) <= 1, 0.5*square(r), abs(r) - 0.5)"),
       {}}));
  auto trainedLoss = [](const QString& id) {
    TrainingView view;
    if (!view.setLoss(id)) {
      return std::nan("");
    }
    view.trainEpochsBlocking(3);
    return view.latestEpoch(0).train.loss;
  };
  const double custom = trainedLoss(customLossId(QStringLiteral("tst huber")));
  const double builtIn = trainedLoss(QStringLiteral("huber"));
  QVERIFY2(std::isfinite(custom), "the custom loss is not offered for training");
  LOSSLAB_VERIFY_NEAR(custom, builtIn, 1e-9);
  QVERIFY(std::abs(custom - trainedLoss(QStringLiteral("mean_squared_error"))) > 1e-3);
  QVERIFY(CustomLossLibrary::instance().remove(QStringLiteral("tst huber")));
  TrainingView after;
  QVERIFY(!after.setLoss(customLossId(QStringLiteral("tst huber"))));  // gone from the choices
}

void TestTrainingView::builds() {
  TrainingView view;
  view.resize(1200, 800);
  view.show();
  QVERIFY(view.plot(TrainingView::Plot::Fit) != nullptr);
  QVERIFY(view.plot(TrainingView::Plot::History) != nullptr);
  QVERIFY(view.plot(TrainingView::Plot::Residuals) != nullptr);
  QVERIFY(!view.compareMode());
  QVERIFY(!view.metricsTable()->isVisible());  // the table belongs to compare mode
  QCOMPARE(view.controller()->losses().size(), std::size_t{1});
  QCOMPARE(QString::fromStdString(view.controller()->losses().front()->info().id),
           QStringLiteral("mean_squared_error"));
  QCOMPARE(view.controller()->dataset().featureCount(), Eigen::Index{1});
  QVERIFY(view.trainEpochsBlocking(2));
  QCOMPARE(view.historyLength(0), 2);
  QCOMPARE(view.latestEpoch(0).epoch, 2);
}

void TestTrainingView::outliersPresetTrainsHeadless() {
  TrainingView view;
  view.applyOutliersPreset();
  QVERIFY(view.compareMode());
  QCOMPARE(view.compareLosses(),
           (QStringList{QStringLiteral("mean_squared_error"), QStringLiteral("mean_absolute_error"),
                        QStringLiteral("huber")}));
  const TrainingController* c = view.controller();
  QCOMPARE(c->datasetOptions().kind, DatasetKind::Linear);
  QCOMPARE(c->datasetOptions().outlierFraction, 0.1);
  QCOMPARE(c->datasetOptions().outlierMagnitude, 20.0);
  QVERIFY(c->isSynthetic());
  QCOMPARE(static_cast<double>(c->dataset().outliers.size()),
           std::round(0.1 * static_cast<double>(c->dataset().size())));
  QCOMPARE(c->losses().size(), std::size_t{3});

  QVERIFY(view.trainEpochsBlocking(3));
  for (int run = 0; run < 3; ++run) {
    QCOMPARE(view.historyLength(run), 3);
    QCOMPARE(view.latestEpoch(run).epoch, 3);
    QVERIFY(std::isfinite(view.latestEpoch(run).validation.rmse));
  }
  QTableWidget* table = view.metricsTable();
  QVERIFY(!table->isHidden());
  QCOMPARE(table->rowCount(), 3);
  QCOMPARE(table->item(1, 0)->text(), QStringLiteral("Mean absolute error (MAE)"));
  QCOMPARE(table->item(2, 1)->text(), QStringLiteral("3"));
  // Fit plot: every training sample is drawn once across the influence buckets.
  QCustomPlot* fit = view.plot(TrainingView::Plot::Fit);
  int points = 0;
  for (int g = 0; g < fit->graphCount(); ++g) {
    const QCPGraph* graph = fit->graph(g);
    if (graph->lineStyle() == QCPGraph::lsNone && graph->scatterStyle().size() == 5) {
      points += graph->dataCount();
    }
  }
  const double n = static_cast<double>(c->dataset().size());
  QCOMPARE(points, static_cast<int>(std::floor(n * (1 - c->validationSplit()))));
}

void TestTrainingView::badCsvKeepsDatasetAndNamesLineAndColumn_data() {
  QTest::addColumn<QByteArray>("text");
  QTest::addColumn<QString>("where");
  QTest::newRow("text in a number field")
      << QByteArray("x,y\n1,2\n3,abc\n4,5\n") << QStringLiteral(":3:2:");
  QTest::newRow("ragged row") << QByteArray("x,y\n1,2\n3,4\n5\n") << QStringLiteral(":4:");
  QTest::newRow("non-finite value") << QByteArray("x,y\n1,2\nnan,4\n") << QStringLiteral(":3:1:");
}

void TestTrainingView::badCsvKeepsDatasetAndNamesLineAndColumn() {
  QFETCH(QByteArray, text);
  QFETCH(QString, where);
  TrainingView view;
  const Dataset before = view.controller()->dataset();
  const QString path = m_dir.filePath(QStringLiteral("bad.csv"));
  writeFile(path, text);
  QVERIFY(!view.importCsv(path));
  QVERIFY2(view.dataMessage().contains(where), qPrintable(view.dataMessage()));
  const Dataset& after = view.controller()->dataset();
  QCOMPARE(after.name, before.name);
  QCOMPARE(after.size(), before.size());
  QVERIFY(after.x == before.x && after.y == before.y);
  QVERIFY(view.controller()->isSynthetic());
  QVERIFY(view.trainEpochsBlocking(1));  // still trains on the old set
}

void TestTrainingView::goodCsvTrains() {
  TrainingView view;
  const QString path = m_dir.filePath(QStringLiteral("good.csv"));
  QByteArray text = "a,b,t\n";
  for (int i = 0; i < 40; ++i) {
    const double a = i / 40.0;
    text += QByteArray::number(a) + ',' + QByteArray::number(1 - a) + ',' +
            QByteArray::number(3 * a + 1) + '\n';
  }
  writeFile(path, text);
  QVERIFY(view.importCsv(path, QStringLiteral("t"), {QStringLiteral("a")}));
  const Dataset& data = view.controller()->dataset();
  QCOMPARE(data.size(), Eigen::Index{40});
  QCOMPARE(data.featureCount(), Eigen::Index{1});
  QCOMPARE(data.targetName, std::string("t"));
  QVERIFY(!view.controller()->isSynthetic());
  QVERIFY(view.dataMessage().contains(QStringLiteral("40 samples")));
  QVERIFY(view.trainEpochsBlocking(2));
  QCOMPARE(view.historyLength(0), 2);
}

void TestTrainingView::exportsWriteFiles() {
  TrainingView view;
  view.setCompareMode(true);  // MSE, MAE, Huber by default
  QVERIFY(view.trainEpochsBlocking(2));
  QString error;
  const QString history = m_dir.filePath(QStringLiteral("history.csv"));
  QVERIFY2(view.exportHistoryCsv(history, &error), qPrintable(error));
  const QStringList lines = readLines(history);
  QCOMPARE(lines.size(), 1 + 3 * 2);  // header + runs × epochs
  QVERIFY(lines.front().startsWith(QStringLiteral("run,loss,epoch,")));
  QVERIFY(lines.at(1).startsWith(QStringLiteral("0,Mean squared error (MSE),1,")));

  const QString predictions = m_dir.filePath(QStringLiteral("predictions.csv"));
  QVERIFY2(view.exportPredictionsCsv(predictions, &error), qPrintable(error));
  const QStringList rows = readLines(predictions);
  const Dataset& data = view.controller()->dataset();
  QCOMPARE(rows.size(),
           1 + static_cast<int>(std::floor(static_cast<double>(data.size()) *
                                           (1 - view.controller()->validationSplit()))));
  QCOMPARE(rows.front().split(QLatin1Char(',')).size(), 4 + 2 * 3);

  const QString png = m_dir.filePath(QStringLiteral("fit.png"));
  QVERIFY2(view.exportPlotPng(png, TrainingView::Plot::Fit, &error), qPrintable(error));
  QImage image(png);
  QVERIFY(!image.isNull());
  QVERIFY(image.width() > 100 && image.height() > 100);
  // SVG and PDF by suffix: a parseable drawing and a PDF header.
  const QString svg = m_dir.filePath(QStringLiteral("history.svg"));
  QVERIFY2(view.exportPlotPng(svg, TrainingView::Plot::History, &error), qPrintable(error));
  QVERIFY(QSvgRenderer(svg).isValid());
  const QString pdf = m_dir.filePath(QStringLiteral("residuals.pdf"));
  QVERIFY2(view.exportPlotPng(pdf, TrainingView::Plot::Residuals, &error), qPrintable(error));
  QFile pdfFile(pdf);
  QVERIFY(pdfFile.open(QIODevice::ReadOnly));
  QVERIFY(pdfFile.read(5) == "%PDF-");

  // A path that cannot be written fails and says so.
  QVERIFY(!view.exportHistoryCsv(m_dir.filePath(QStringLiteral("missing/dir/h.csv")), &error));
  QVERIFY(!error.isEmpty());
}

void TestTrainingView::smoothingIsTensorBoardEma() {
  // TensorBoard: last = w·last + (1 − w)·v (last₀ = 0), shown as last / (1 − wᵗ). With w = 0.5
  // and values v₁, v₂: s₁ = 0.5v₁ / 0.5 = v₁, s₂ = (0.25v₁ + 0.5v₂) / 0.75 = (v₁ + 2v₂) / 3.
  TrainingView view;
  view.setSmoothing(0.5);
  QVERIFY(view.trainEpochsBlocking(2));
  const double latest = view.latestEpoch(0).loss;  // epoch 2, as the history stored it
  QCustomPlot* history = view.plot(TrainingView::Plot::History);
  // Graphs per run: raw train, smoothed train, raw validation, smoothed validation.
  QCPGraph* raw = history->graph(0);
  QCPGraph* smooth = history->graph(1);
  QCOMPARE(raw->dataCount(), 2);
  QCOMPARE(smooth->dataCount(), 2);
  const double r1 = raw->data()->at(0)->value;
  const double r2 = raw->data()->at(1)->value;
  LOSSLAB_VERIFY_NEAR(r2, latest, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(smooth->data()->at(0)->value, r1, test::kFloat64Tolerance);
  LOSSLAB_VERIFY_NEAR(smooth->data()->at(1)->value, (r1 + 2 * r2) / 3, test::kFloat64Tolerance);
  view.setSmoothing(0);
  LOSSLAB_VERIFY_NEAR(smooth->data()->at(1)->value, r2, test::kExactTolerance);
}

QTEST_MAIN(TestTrainingView)
#include "tst_training_view.moc"
