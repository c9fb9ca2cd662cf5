// SPDX-License-Identifier: GPL-3.0-or-later
// "One panel per loss" (issue 11): in compare mode each run's fit in a panel of its own, the
// same data and the same axes as the overlay, so no curve hides another.
#include <qcustomplot.h>
#include <QCheckBox>
#include <QTest>

#include "ui/common/settings.h"
#include "ui/training/fit_plot.h"
#include "ui/training/fit_small_multiples.h"
#include "ui/training/training_plots.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

/// The graph of `plot` named `name` (a run's fitted curve carries the run's legend name).
QCPGraph* graphNamed(QCustomPlot* plot, const QString& name) {
  for (int i = 0; i < plot->graphCount(); ++i) {
    if (plot->graph(i)->name() == name) {
      return plot->graph(i);
    }
  }
  return nullptr;
}

}  // namespace

class TestFitSmallMultiples : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void onePanelPerLossOnTheOverlaysAxes();
};

void TestFitSmallMultiples::onePanelPerLossOnTheOverlaysAxes() {
  TrainingView view;
  view.resize(1400, 900);
  QVERIFY(view.applyTrainingPreset(QStringLiteral("outliers")));  // MSE, MAE, Huber compared
  QVERIFY(view.compareMode());
  auto* toggle = view.findChild<QCheckBox*>(QStringLiteral("smallMultiples"));
  QVERIFY(toggle);
  toggle->setChecked(true);
  QVERIFY(view.trainEpochsBlocking(30));

  auto* plots = view.findChild<TrainingPlots*>();
  QVERIFY(plots && plots->smallMultiples());
  FitSmallMultiples* multiples = plots->multiples();
  FitPlot* overlay = plots->fit();
  QCOMPARE(multiples->panelCount(), 3);
  QVERIFY(multiples->isVisible() || !view.isVisible());
  for (int i = 0; i < multiples->panelCount(); ++i) {
    FitPlot* panel = multiples->panel(i);
    // The overlay's fitted curve of run i, and the panel's only fitted curve: the same points.
    const QString name =
        TrainingPlot::legendName(plots->runs().runs()[static_cast<std::size_t>(i)].name);
    QCPGraph* mine = graphNamed(panel, name);
    QCPGraph* theirs = graphNamed(overlay, name);
    QVERIFY2(mine && theirs, qPrintable(name));
    QCOMPARE(mine->dataCount(), theirs->dataCount());
    QVERIFY(mine->dataCount() > 1);
    for (int k = 0; k < mine->dataCount(); k += 7) {
      QCOMPARE(mine->data()->at(k)->value, theirs->data()->at(k)->value);
    }
    // The other runs' curves are not in this panel.
    for (int j = 0; j < multiples->panelCount(); ++j) {
      if (j != i) {
        QVERIFY(!graphNamed(panel, TrainingPlot::legendName(
                                       plots->runs().runs()[static_cast<std::size_t>(j)].name)));
      }
    }
    // Shared axes: the overlay's ranges.
    QCOMPARE(panel->xAxis->range().lower, overlay->xAxis->range().lower);
    QCOMPARE(panel->yAxis->range().upper, overlay->yAxis->range().upper);
  }
  toggle->setChecked(false);
  QVERIFY(!plots->smallMultiples());
}

QTEST_MAIN(TestFitSmallMultiples)
#include "tst_fit_small_multiples.moc"
