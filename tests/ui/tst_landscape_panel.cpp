// SPDX-License-Identifier: GPL-3.0-or-later
// The Training tab's landscape panel (issue 12): its heat map is core linearLandscape of the
// focus loss on the training set, cell for cell; the optimizer's path gets a point per epoch
// when stepping one epoch at a time, and the newest point is the fitted line's (w, b).
#include <qcustomplot.h>
#include <QCheckBox>
#include <QCoreApplication>
#include <QSignalSpy>
#include <QTest>

#include "core/training/landscape.h"
#include "ui/training/landscape_panel.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

class TestLandscapePanel : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("LossLabTest")); }
  void mapEqualsCoreLandscape();
  void pathGetsAPointPerEpoch();

 private:
  static TrainingConfig linearConfig() {
    TrainingConfig c;
    c.data.generator = DatasetKind::Linear;
    c.data.samples = 80;
    c.data.outlierFraction = 0.1;
    c.network.hidden = {};
    c.loss = {"huber", {{"delta", 0.5}}, {}};
    c.focus = "huber";
    c.compareLosses[2] = c.loss;
    c.seed = 3;
    return c;
  }
};

void TestLandscapePanel::mapEqualsCoreLandscape() {
  TrainingView view;
  view.setLandscapeVisible(true);
  LandscapePanel* panel = view.landscape();
  QSignalSpy ready(panel, &LandscapePanel::landscapeReady);
  QString error;
  QVERIFY2(view.applySession(linearConfig(), &error), qPrintable(error));
  view.trainEpochsBlocking(1);  // a snapshot brings the training set
  QTRY_VERIFY_WITH_TIMEOUT(!panel->isComputing() && ready.count() > 0, 20000);
  const LossGrid& grid = panel->grid();
  QCOMPARE(panel->data().size(), static_cast<Eigen::Index>(80 * 0.8));
  const LossPtr huber = createLoss({"huber", {{"delta", 0.5}}, {}});
  const LossGrid expected = linearLandscape(panel->data(), *huber, grid.a, grid.b);
  QCPColorMapData* cells = panel->colorMap()->data();
  QCOMPARE(cells->keySize(), grid.a.count);
  QCOMPARE(cells->valueSize(), grid.b.count);
  for (int i = 0; i < grid.a.count; ++i) {
    for (int j = 0; j < grid.b.count; ++j) {
      QCOMPARE(cells->cell(i, j), expected.values(j, i));
    }
  }
  // The map is drawn where its cells say: cell (i, j) sits at (w_i, b_j).
  double w = 0;
  double b = 0;
  cells->cellToCoord(7, 11, &w, &b);
  QCOMPARE(w, grid.a.at(7));
  QCOMPARE(b, grid.b.at(11));
}

void TestLandscapePanel::pathGetsAPointPerEpoch() {
  TrainingView view;
  view.setLandscapeVisible(true);
  // The box that toggles the panel says it is shown (--landscape left it unticked).
  auto* box = view.findChild<QCheckBox*>(QStringLiteral("showLandscape"));
  QVERIFY(box);
  QVERIFY(box->isChecked());
  QString error;
  QVERIFY2(view.applySession(linearConfig(), &error), qPrintable(error));
  LandscapePanel* panel = view.landscape();
  // The run's first snapshot (epoch 0) is the start of the path: the initial weights.
  QTRY_COMPARE(static_cast<int>(panel->path().size()), 1);
  const int before = 1;
  for (int epoch = 0; epoch < 5; ++epoch) {
    // Past the post interval, the worker posts the epoch and then the final snapshot of the
    // same epoch: two snapshots, one step of the optimizer (a slow, sanitized build did this).
    QTest::qWait(TrainingController::kPostIntervalMs + 20);
    view.trainEpochsBlocking(1);
  }
  QCOMPARE(static_cast<int>(panel->path().size()), before + 5);
  // The newest point is the line the fit plot shows: ŷ = w·x + b at the data's ends.
  const QPointF last = panel->path().back();
  QCPGraph* fitted = nullptr;
  QCustomPlot* fit = view.plot(TrainingView::Plot::Fit);
  for (int i = 0; i < fit->graphCount(); ++i) {
    if (fit->graph(i)->dataCount() > 2 && fit->graph(i)->lineStyle() == QCPGraph::lsLine) {
      fitted = fit->graph(i);
    }
  }
  QVERIFY(fitted);
  const auto first = fitted->data()->begin();
  QVERIFY(std::abs(last.x() * first->key + last.y() - first->value) <
          1e-9 * (1 + std::abs(first->value)));
}

QTEST_MAIN(TestLandscapePanel)
#include "tst_landscape_panel.moc"
