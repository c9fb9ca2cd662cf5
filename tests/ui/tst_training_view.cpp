// SPDX-License-Identifier: GPL-3.0-or-later
// The live-training tab, headless: it builds, the outliers preset trains in compare mode, a bad
// CSV is refused with its line and column while the data set stays, a good CSV trains, and the
// exports write readable files.
#include <qcustomplot.h>
#include <QAbstractButton>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/test_utils.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/common/settings.h"
#include "ui/common/theme.h"
#include "ui/training/metrics_table_model.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_view.h"

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

/// WCAG 2 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
double luminance(const QColor& c) {
  auto channel = [](double v) {
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b) {
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QAbstractButton* buttonWithText(QWidget* parent, const QString& text) {
  for (QAbstractButton* button : parent->findChildren<QAbstractButton*>()) {
    if (button->text() == text) {
      return button;
    }
  }
  return nullptr;
}

}  // namespace

class TestTrainingView : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void builds();
  void usableAt1024x700();
  void customFormulaTrainsLikeTheBuiltIn();
  void outliersPresetTrainsHeadless();
  void parametersOfOffersOnlyTheLossesThatTrain();
  void badCsvKeepsDatasetAndNamesLineAndColumn_data();
  void badCsvKeepsDatasetAndNamesLineAndColumn();
  void goodCsvTrains();
  void exportsWriteFiles();
  void smoothingIsTensorBoardEma();
  void layoutGivesTheFitTheMostRoomAndFitsSmallWindows();
  void legendsStayOutOfTheData();
  void colorScaleLabelIsShortAndTheTooltipNamesTheLoss();
  void tableElidesLongNamesWithToolTips();
  void commandsHaveShortcutsAndToolTips();
  void refusedValuesDoNotStayInTheirWidgets();
  void importingANewCsvStartsANewRun();
  void finishedRunSaysSoAndStartBeginsANewRun();
  void statusFollowsTheEpochsField();
  void messagesAreReadableInLightAndDarkPalettes_data();
  void messagesAreReadableInLightAndDarkPalettes();

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
  QCOMPARE(c->config().data.generator, DatasetKind::Linear);
  QCOMPARE(c->config().data.outlierFraction, 0.15);
  QCOMPARE(c->config().data.outlierMagnitude, 20.0);
  QCOMPARE(c->config().data.outlierSide, OutlierSide::Up);
  QVERIFY(c->config().network.hidden.empty());  // a straight line: the shift is plain to see
  QVERIFY(c->isSynthetic());
  QCOMPARE(static_cast<double>(c->dataset().outliers.size()),
           std::round(0.15 * static_cast<double>(c->dataset().size())));
  QCOMPARE(c->losses().size(), std::size_t{3});

  QVERIFY(view.trainEpochsBlocking(3));
  for (int run = 0; run < 3; ++run) {
    QCOMPARE(view.historyLength(run), 3);
    QCOMPARE(view.latestEpoch(run).epoch, 3);
    QVERIFY(std::isfinite(view.latestEpoch(run).validation.rmse));
  }
  QTableView* table = view.metricsTable();
  QVERIFY(!table->isHidden());
  const QAbstractItemModel* metrics = table->model();
  QCOMPARE(metrics->rowCount(), 3);
  QCOMPARE(metrics->index(1, 0).data().toString(), QStringLiteral("Mean absolute error (MAE)"));
  QVERIFY(
      metrics->index(2, 0).data(Qt::ToolTipRole).toString().endsWith(QStringLiteral("epoch 3")));
  QCOMPARE(metrics->index(2, MetricsTableModel::TrainLoss).data().toString(),
           QString::number(view.latestEpoch(2).train.loss, 'g', 4));
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
  QCOMPARE(points, static_cast<int>(std::floor(n * (1 - c->config().data.validationSplit))));
}

// Issue 14: in compare mode *Parameters of* offered every loss, also those that do not train;
// and unticking the loss the sliders were for left them setting a loss that no longer trains.
void TestTrainingView::parametersOfOffersOnlyTheLossesThatTrain() {
  TrainingView view;
  view.applyOutliersPreset();  // compare: MSE, MAE, Huber
  auto* parametersOf = view.findChild<QComboBox*>(QStringLiteral("loss"));
  auto* ticks = view.findChild<QListWidget*>(QStringLiteral("compareLosses"));
  QVERIFY(parametersOf && ticks);
  auto* items = qobject_cast<QStandardItemModel*>(parametersOf->model());
  QVERIFY(items);
  const QStringList training = view.compareLosses();
  int offered = 0;
  for (int i = 0; i < parametersOf->count(); ++i) {
    const bool trains = training.contains(parametersOf->itemData(i).toString());
    QCOMPARE(items->item(i)->isEnabled(), trains);
    offered += trains ? 1 : 0;
  }
  QCOMPARE(offered, 3);
  QVERIFY(parametersOf->count() > 3);  // the others are listed, greyed

  // Untick the loss whose parameters the sliders set: they move to a loss that trains.
  const QString before = QString::fromStdString(view.controller()->config().loss.id);
  if (!training.contains(before)) {
    QFAIL("the preset's sliders are for a loss that does not train");
  }
  for (int i = 0; i < ticks->count(); ++i) {
    if (ticks->item(i)->data(Qt::UserRole).toString() == before) {
      ticks->item(i)->setCheckState(Qt::Unchecked);
    }
  }
  QCOMPARE(view.compareLosses().size(), 2);
  const QString after = QString::fromStdString(view.controller()->config().loss.id);
  QVERIFY2(view.compareLosses().contains(after), qPrintable(after));
  QCOMPARE(parametersOf->currentData().toString(), after);
  QVERIFY(!items->item(parametersOf->findData(before))->isEnabled());
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
  QCOMPARE(
      rows.size(),
      1 + static_cast<int>(std::floor(static_cast<double>(data.size()) *
                                      (1 - view.controller()->config().data.validationSplit))));
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
  // Two legend keys (solid = train, dashed = validation, no data), then per run: raw train,
  // smoothed train, raw validation, smoothed validation.
  QCPGraph* raw = history->graph(2);
  QCPGraph* smooth = history->graph(3);
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

void TestTrainingView::layoutGivesTheFitTheMostRoomAndFitsSmallWindows() {
  TrainingView view;
  view.applyOutliersPreset();  // compare mode: the table is shown too
  // The main window puts the tab in a 900 × 600 window: the tab may not need more than ~880 px
  // across (the controls column scrolls) nor more than the window's height.
  QVERIFY2(view.minimumSizeHint().width() <= 880,
           qPrintable(QString::number(view.minimumSizeHint().width())));
  QVERIFY2(view.minimumSizeHint().height() <= 480,
           qPrintable(QString::number(view.minimumSizeHint().height())));
  view.resize(1400, 820);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QVERIFY(view.trainEpochsBlocking(2));
  const QCustomPlot* fit = view.plot(TrainingView::Plot::Fit);
  const QCustomPlot* history = view.plot(TrainingView::Plot::History);
  const QCustomPlot* residuals = view.plot(TrainingView::Plot::Residuals);
  const auto area = [](const QWidget* w) { return w->width() * w->height(); };
  QVERIFY(area(fit) > 2 * area(history));
  QVERIFY(area(fit) > 2 * area(residuals));
  QVERIFY(fit->width() > history->width());  // fit left, at least half the plots' width
  QVERIFY(fit->height() > history->height() + residuals->height());  // and full height

  // Several features, single mode (predicted vs true, an empty legend): the axis rect still
  // takes the plot's width.
  TrainingConfig seedSum;
  seedSum.data.generator = DatasetKind::SeedSum;
  TrainingView multi;
  QVERIFY(multi.applySession(seedSum));
  multi.resize(1400, 820);
  multi.show();
  QVERIFY(QTest::qWaitForWindowExposed(&multi));
  QVERIFY(multi.trainEpochsBlocking(1));
  QCustomPlot* predicted = multi.plot(TrainingView::Plot::Fit);
  predicted->replot();
  QVERIFY2(
      predicted->axisRect()->width() > predicted->width() / 2,
      qPrintable(
          QStringLiteral("%1 of %2").arg(predicted->axisRect()->width()).arg(predicted->width())));
}

void TestTrainingView::legendsStayOutOfTheData() {
  TrainingView view;
  view.applyOutliersPreset();
  view.resize(1200, 800);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QVERIFY(view.trainEpochsBlocking(2));
  for (TrainingView::Plot which :
       {TrainingView::Plot::Fit, TrainingView::Plot::History, TrainingView::Plot::Residuals}) {
    QCustomPlot* plot = view.plot(which);
    plot->replot();
    QVERIFY(plot->legend->visible());  // compare mode: every plot names the runs
    const QRect legend = plot->legend->outerRect();
    QVERIFY(legend.isValid());
    QVERIFY2(!legend.intersects(plot->axisRect()->rect()),
             qPrintable(QStringLiteral("plot %1").arg(static_cast<int>(which))));
    QVERIFY(plot->rect().contains(legend));  // and it is drawn inside the widget
  }
}

void TestTrainingView::colorScaleLabelIsShortAndTheTooltipNamesTheLoss() {
  TrainingView view;
  view.applyOutliersPreset();
  QVERIFY(view.trainEpochsBlocking(1));
  QCustomPlot* fit = view.plot(TrainingView::Plot::Fit);
  QCPColorScale* scale = nullptr;
  for (QCPLayoutElement* element : fit->plotLayout()->elements(false)) {
    scale = scale ? scale : qobject_cast<QCPColorScale*>(element);
  }
  QVERIFY(scale != nullptr);
  QCOMPARE(scale->axis()->label(), QStringLiteral("|∂L/∂ŷ|"));
  // The points show the first run's pull (the preset's lesson: MSE's).
  QVERIFY2(view.colorScaleToolTip().contains(QStringLiteral("Mean squared error (MSE)")),
           qPrintable(view.colorScaleToolTip()));
  // Fitted curves and histogram hold the trained state without an event loop pass.
  int curves = 0;
  for (int g = 0; g < fit->graphCount(); ++g) {
    curves += fit->graph(g)->dataCount() == TrainingController::kCurvePoints ? 1 : 0;
  }
  QCOMPARE(curves, 3);
  QCOMPARE(view.plot(TrainingView::Plot::Residuals)->plottableCount(), 3);
}

void TestTrainingView::tableElidesLongNamesWithToolTips() {
  TrainingView view;
  view.applyOutliersPreset();
  QVERIFY(view.trainEpochsBlocking(1));
  QTableView* table = view.metricsTable();
  QCOMPARE(table->textElideMode(), Qt::ElideMiddle);
  QCOMPARE(table->model()->index(0, 0).data().toString(),
           QStringLiteral("Mean squared error (MSE)"));
  QVERIFY(table->model()
              ->index(0, 0)
              .data(Qt::ToolTipRole)
              .toString()
              .startsWith(QStringLiteral("Mean squared error (MSE)")));
}

void TestTrainingView::commandsHaveShortcutsAndToolTips() {
  TrainingView view;
  view.resize(1200, 800);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QAbstractButton* start = buttonWithText(&view, QStringLiteral("Start"));
  QAbstractButton* pause = buttonWithText(&view, QStringLiteral("Pause"));
  QAbstractButton* step = buttonWithText(&view, QStringLiteral("Step"));
  QAbstractButton* reset = buttonWithText(&view, QStringLiteral("Reset"));
  QVERIFY(start && pause && step && reset);
  QCOMPARE(start->shortcut(), QKeySequence(Qt::Key_F5));
  QCOMPARE(pause->shortcut(), QKeySequence(Qt::Key_F6));
  QCOMPARE(step->shortcut(), QKeySequence(Qt::Key_F10));
  QCOMPARE(reset->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_F5));
  const QString toggle = QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
  QVERIFY2(start->toolTip().contains(toggle), qPrintable(start->toolTip()));
  QVERIFY(pause->toolTip().contains(toggle));
  QVERIFY(step->toolTip().contains(QStringLiteral("F10")));
  // Ctrl+Return inside the tab starts, and pauses again. The budget is out of reach, so the
  // run is still running when the second key press comes, however slow the machine (before,
  // a 200-epoch run could finish before the test saw "Running", and the second Ctrl+Return
  // then started it again instead of pausing it).
  view.findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(1000000);
  QSignalSpy states(view.controller(), &TrainingController::stateChanged);
  view.activateWindow();
  QVERIFY(QTest::qWaitForWindowActive(&view));
  view.plot(TrainingView::Plot::Fit)->setFocus();
  QTest::keyClick(view.plot(TrainingView::Plot::Fit), Qt::Key_Return, Qt::ControlModifier);
  QTRY_VERIFY(states.count() >= 1);
  QCOMPARE(qvariant_cast<TrainingController::State>(states.at(0).at(0)),
           TrainingController::State::Running);
  QTest::keyClick(view.plot(TrainingView::Plot::Fit), Qt::Key_Return, Qt::ControlModifier);
  QTRY_COMPARE(view.controller()->state(), TrainingController::State::Paused);
  QCOMPARE(states.count(), 2);  // Running, Paused: nothing in between
  // F10 steps one epoch (Step is enabled while paused).
  const int before = view.historyLength(0);
  QTest::keyClick(&view, Qt::Key_F10);
  QTRY_COMPARE(view.historyLength(0), before + 1);
}

void TestTrainingView::refusedValuesDoNotStayInTheirWidgets() {
  // Before: a value the controller refused stayed in its widget, so the session and the CLI
  // command described a run that never happened.
  TrainingView view;
  const QString path = m_dir.filePath(QStringLiteral("five.csv"));
  writeFile(path, "x,y\n1,2\n2,3\n3,4\n4,5\n5,6\n");
  QVERIFY(view.importCsv(path));
  auto* split = view.findChild<QDoubleSpinBox*>(QStringLiteral("validationSplit"));
  QVERIFY(split);
  split->setValue(0.9);  // ⌊5 · 0.1⌋ = 0 training samples: refused
  QCOMPARE(split->value(), 0.2);
  QCOMPARE(view.session().data.validationSplit, 0.2);
  QCOMPARE(view.controller()->config().data.validationSplit, 0.2);
  QVERIFY(view.cliCommands().contains(QStringLiteral("--val-split 0.2")));
  QVERIFY2(view.dataMessage().contains(QStringLiteral("none is left for training")),
           qPrintable(view.dataMessage()));

  auto* hidden = view.findChild<QLineEdit*>(QStringLiteral("hiddenWidths"));
  QVERIFY(hidden);
  hidden->setText(QStringLiteral("16,5000"));  // wider than a layer may be
  emit hidden->editingFinished();
  QCOMPARE(hidden->text(), QStringLiteral("16,32"));
  QCOMPARE(view.session().network.hidden, (std::vector<Eigen::Index>{16, 32}));
  QVERIFY(view.trainingMessage().contains(QStringLiteral("model.hidden")));
  QVERIFY(view.cliCommands().contains(QStringLiteral("--hidden 16,32")));
}

void TestTrainingView::importingANewCsvStartsANewRun() {
  // Before: importing a CSV kept the old run's weights and epoch count, so Start continued it
  // on the new data ("Paused · 30/10 epochs").
  TrainingView view;
  view.show();
  auto* epochs = view.findChild<QSpinBox*>(QStringLiteral("epochs"));
  epochs->setValue(20);
  QAbstractButton* start = buttonWithText(&view, QStringLiteral("Start"));
  start->click();
  QTRY_COMPARE_WITH_TIMEOUT(view.statusText(), QStringLiteral("Finished · 20/20 epochs"), 60000);
  epochs->setValue(10);
  QCOMPARE(view.statusText(), QStringLiteral("Finished · 20/10 epochs"));
  const QString path = m_dir.filePath(QStringLiteral("new.csv"));
  QByteArray text = "a,t\n";
  for (int i = 0; i < 40; ++i) {
    text += QByteArray::number(i / 40.0) + ',' + QByteArray::number(2 * i / 40.0) + '\n';
  }
  writeFile(path, text);
  QVERIFY(view.importCsv(path));
  QTRY_COMPARE(view.statusText(), QStringLiteral("Ready · 0/10 epochs"));
  QCOMPARE(view.historyLength(0), 0);
  start->click();
  QTRY_COMPARE_WITH_TIMEOUT(view.statusText(), QStringLiteral("Finished · 10/10 epochs"), 60000);
  QCOMPARE(view.historyLength(0), 10);
  QCOMPARE(view.latestEpoch(0).epoch, 10);
}

void TestTrainingView::finishedRunSaysSoAndStartBeginsANewRun() {
  // Before: a finished run said "Paused · 5/5" and Start trained on to "10/5".
  TrainingView view;
  view.show();
  view.findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(5);
  QAbstractButton* start = buttonWithText(&view, QStringLiteral("Start"));
  QAbstractButton* step = buttonWithText(&view, QStringLiteral("Step"));
  start->click();
  QTRY_COMPARE_WITH_TIMEOUT(view.statusText(), QStringLiteral("Finished · 5/5 epochs"), 60000);
  QVERIFY(!step->isEnabled());  // a finished run continues only when Epochs is raised
  const double first = view.latestEpoch(0).loss;
  QSignalSpy restarted(view.controller(), &TrainingController::restarted);
  start->click();
  QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), 1, 60000);
  QTRY_COMPARE_WITH_TIMEOUT(view.statusText(), QStringLiteral("Finished · 5/5 epochs"), 60000);
  QCOMPARE(view.historyLength(0), 5);
  QCOMPARE(view.latestEpoch(0).loss, first);  // the same run again, from the same weights
  // Raising the budget continues explicitly.
  view.findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(7);
  QTRY_COMPARE(view.statusText(), QStringLiteral("Paused · 5/7 epochs"));
  QVERIFY(step->isEnabled());
}

void TestTrainingView::statusFollowsTheEpochsField() {
  // Before: editing Epochs after Reset left "Ready · 0/200".
  TrainingView view;
  auto* epochs = view.findChild<QSpinBox*>(QStringLiteral("epochs"));
  QCOMPARE(view.statusText(), QStringLiteral("Ready · 0/200 epochs"));
  QVERIFY(view.trainEpochsBlocking(2));
  QCOMPARE(view.statusText(), QStringLiteral("Paused · 2/200 epochs"));
  buttonWithText(&view, QStringLiteral("Reset"))->click();
  QTRY_COMPARE(view.statusText(), QStringLiteral("Ready · 0/200 epochs"));
  epochs->setValue(300);
  QCOMPARE(view.statusText(), QStringLiteral("Ready · 0/300 epochs"));
  QCOMPARE(view.session().epochs, 300);
}

void TestTrainingView::messagesAreReadableInLightAndDarkPalettes_data() {
  QTest::addColumn<bool>("dark");
  QTest::newRow("light") << false;
  QTest::newRow("dark") << true;
}

void TestTrainingView::messagesAreReadableInLightAndDarkPalettes() {
  QFETCH(bool, dark);
  TrainingView view;
  view.setPalette(dark ? darkPalette() : lightPalette());
  const QString path = m_dir.filePath(QStringLiteral("unreadable.csv"));
  writeFile(path, "x,y\n1,oops\n");
  QVERIFY(!view.importCsv(path));
  QLabel* message = nullptr;
  for (QLabel* label : view.findChildren<QLabel*>()) {
    message = label->text() == view.dataMessage() ? label : message;
  }
  QVERIFY(message != nullptr);
  const QColor text = message->palette().color(QPalette::WindowText);
  const QColor background = view.palette().color(QPalette::Window);
  QVERIFY2(contrast(text, background) >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3")
                                                             .arg(text.name(), background.name())
                                                             .arg(contrast(text, background))));
  QVERIFY(text != view.palette().color(QPalette::WindowText));  // and it is marked as an error
}

void TestTrainingView::usableAt1024x700() {
  // The Training tab of a 1024 × 700 window (menu, tab bar and status bar take ~80 px): the
  // compare run's table shows every row and column without scrolling, its loss names are
  // readable (short, not "Mean sq…r (MSE)"), and the residual histogram has room for its
  // bars (it was 100 px high beside a 5-row table).
  TrainingView view;
  view.resize(1024, 620);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  view.applyOutliersPreset();
  QVERIFY(view.trainEpochsBlocking(5));
  QTest::qWait(0);  // the layout after the table's rows arrived
  QTableView* table = view.metricsTable();
  QVERIFY(table->isVisible());
  QVERIFY(!table->horizontalScrollBar()->isVisible());
  QVERIFY(!table->verticalScrollBar()->isVisible());
  QCOMPARE(table->model()->rowCount(), 3);
  for (int row = 0; row < 3; ++row) {
    QVERIFY(table->visualRect(table->model()->index(row, 0)).bottom() <
            table->viewport()->height());
  }
  QVERIFY(table->visualRect(table->model()->index(0, table->model()->columnCount() - 1)).right() <
          table->viewport()->width());
  QCustomPlot* residuals = view.plot(TrainingView::Plot::Residuals);
  QVERIFY2(residuals->height() >= 130, qPrintable(QString::number(residuals->height())));
  QVERIFY(view.plot(TrainingView::Plot::History)->height() >= 200);
}

QTEST_MAIN(TestTrainingView)
#include "tst_training_view.moc"
