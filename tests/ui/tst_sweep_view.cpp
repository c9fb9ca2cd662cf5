// SPDX-License-Identifier: GPL-3.0-or-later
// The Sweep tab (issue 12): a tiny sweep gives one median graph per loss with a point per grid
// value; Stop keeps the runs that finished; a click on a point loads that run's configuration
// into the Training tab's model.
#include <qcustomplot.h>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include "ui/shell/main_window.h"
#include "ui/sweep/sweep_view.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

TrainingConfig tinyConfig() {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 60;
  c.data.outlierFraction = 0.1;
  c.network.hidden = {};  // ŷ = w·x + b: fast
  c.epochs = 4;
  c.seed = 7;
  return c;
}

// The median graphs: the ones in the legend.
QList<QCPGraph*> medianGraphs(QCustomPlot* plot) {
  QList<QCPGraph*> graphs;
  for (int i = 0; i < plot->graphCount(); ++i) {
    if (plot->legend->hasItemWithPlottable(plot->graph(i))) {
      graphs << plot->graph(i);
    }
  }
  return graphs;
}

}  // namespace

class TestSweepView : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("LossLabTest")); }
  void tinySweepShowsOneGraphPerLoss();
  void stopKeepsFinishedPoints();
  void clickingAPointLoadsItsConfiguration();
};

void TestSweepView::tinySweepShowsOneGraphPerLoss() {
  SweepView view;
  view.setBaseConfig(tinyConfig());
  view.setLosses({QStringLiteral("huber"), QStringLiteral("mean_squared_error")});
  view.setAxis(SweepAxis{"delta", 0.1, 10, 3, true});
  view.setSeeds(2);
  view.setEpochs(3);
  QVERIFY2(view.runBlocking(), qPrintable(view.message()));
  QCOMPARE(static_cast<int>(view.result().runs.size()), 2 * 3 * 2);
  const QList<QCPGraph*> graphs = medianGraphs(view.plot());
  QCOMPARE(graphs.size(), 2);
  // The legend names the loss as the catalogue does, the axes say what they are in words.
  QCOMPARE(graphs[0]->name(), QStringLiteral("Huber (δ)"));
  QCOMPARE(view.plot()->xAxis->label(), QStringLiteral("delta"));
  QCOMPARE(view.plot()->yAxis->label(), QStringLiteral("validation MAE (val_mae)"));
  for (QCPGraph* g : graphs) {
    QCOMPARE(g->dataCount(), 3);
  }
  // Huber's best δ is starred; MSE has no δ (the same run at every point): no star for it.
  QStringList starred;
  for (int i = 0; i < view.plot()->graphCount(); ++i) {
    if (view.plot()->graph(i)->scatterStyle().shape() == QCPScatterStyle::ssStar) {
      starred << view.plot()->graph(i)->name();
    }
  }
  QCOMPARE(starred, QStringList{QStringLiteral("best Huber (δ)")});
  QCOMPARE(view.plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
  // The median of 2 seeds lies in its band.
  for (const SweepSummary& s : view.result().summary) {
    QVERIFY(s.min <= s.median && s.median <= s.max);
  }
}

void TestSweepView::stopKeepsFinishedPoints() {
  SweepView view;
  view.setBaseConfig(tinyConfig());
  view.setLosses({QStringLiteral("huber")});
  view.setAxis(SweepAxis{"delta", 0.1, 10, 40, true});
  view.setSeeds(3);
  view.setEpochs(200);
  // Stop as soon as the first run reports (queued to the GUI thread, like the Stop button).
  connect(&view, &SweepView::progressed, &view, [&view](int done, int) {
    if (done >= 1) {
      view.stop();
    }
  });
  QVERIFY(view.runBlocking());
  const SweepResult& r = view.result();
  QVERIFY(r.stopped);
  QVERIFY(!r.runs.empty());
  QVERIFY(static_cast<int>(r.runs.size()) < r.total);
  int points = 0;
  for (const SweepSummary& s : r.summary) {
    points += std::isfinite(s.median) ? 1 : 0;
  }
  QCOMPARE(medianGraphs(view.plot()).front()->dataCount(), points);
  QVERIFY(view.message().contains(QStringLiteral("Stopped")));
}

void TestSweepView::clickingAPointLoadsItsConfiguration() {
  MainWindow window;
  window.resize(1400, 900);
  window.trainingView()->applySession(tinyConfig());
  window.tabs()->setCurrentIndex(MainWindow::SweepTab);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  SweepView* view = window.sweepView();
  view->setLosses({QStringLiteral("huber")});
  view->setAxis(SweepAxis{"delta", 0.1, 10, 3, true});
  view->setSeeds(1);
  view->setEpochs(2);
  QVERIFY(view->runBlocking());
  QCustomPlot* plot = view->plot();
  plot->replot();
  QCPGraph* median = medianGraphs(plot).front();
  const double value = median->data()->at(1)->key;
  const QPoint pixel(qRound(plot->xAxis->coordToPixel(value)),
                     qRound(plot->yAxis->coordToPixel(median->data()->at(1)->value)));
  QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, pixel);
  const TrainingConfig expected = sweepRunConfig(view->lastRequest(), 0, value, 7);
  QCOMPARE(expected.loss.params.at("delta"), 1.0);  // the middle of 0.1, 1, 10
  QVERIFY(window.trainingView()->model()->config() == expected);
  QCOMPARE(window.tabs()->currentIndex(), static_cast<int>(MainWindow::TrainingTab));
}

QTEST_MAIN(TestSweepView)
#include "tst_sweep_view.moc"
