// SPDX-License-Identifier: GPL-3.0-or-later
// The fit plot's points are drawn once into an image (ScatterCache) and composited while only
// the fits move (issue 15): the image is drawn again exactly when the points, their colours,
// the axes or the antialiasing change, and the picture shows the points where they are.
#include <qcustomplot.h>
#include <QTest>

#include "ui/common/rough_while_interacting.h"
#include "ui/common/settings.h"
#include "ui/training/fit_plot.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

/// Three training points on a line, one run, the fitted curve flat at `fit`.
TrainingSnapshot snapshot(double fit, double firstX = -1) {
  TrainingSnapshot s;
  s.featureCount = 1;
  s.x = {firstX, 0, 1};
  s.yTrue = {s.x[0], 0, 1};
  s.curveX = {-2, 2};
  RunSnapshot run;
  run.name = QStringLiteral("Mean squared error (MSE)");
  run.yPred = s.yTrue;
  run.influence = {1, 1, 1};
  run.curveY = {fit, fit};
  s.runs = {run};
  return s;
}

Dataset oneFeature() {
  Dataset set;
  set.x = Eigen::MatrixXd::Zero(1, 3);
  set.y = Eigen::VectorXd::Zero(3);
  return set;
}

/// The plot drawn now, as the screen shows it (its buffers, not a fresh export).
QImage shown(FitPlot& plot) {
  plot.replot(QCustomPlot::rpImmediateRefresh);
  return plot.grab().toImage();
}

/// True if the pixel at data coordinates (x, y) is not the axis rect's background.
bool inked(FitPlot& plot, const QImage& image, double x, double y) {
  const QPoint p(static_cast<int>(std::lround(plot.xAxis->coordToPixel(x))),
                 static_cast<int>(std::lround(plot.yAxis->coordToPixel(y))));
  return image.pixelColor(p) != plot.axisRect()->backgroundBrush().color();
}

}  // namespace

class TestScatterCache : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void drawnOnceWhileOnlyTheFitsMove();
  void anyChangeOfThePointsDrawsThemAgain();
  void liveColoursArePacedAndCaughtUp();
  void exportsDrawThePointsThemselves();
};

namespace {

struct Fixture {
  FitPlot plot;
  Dataset set = oneFeature();
  Fixture() {
    plot.resize(400, 300);
    plot.show();
    plot.interaction()->smoothNow();  // not rough from the show's resizes, whatever they were
    plot.setFollowing(false);         // fixed axes: the pixels of the points are known
    plot.xAxis->setRange(-2, 2);
    plot.yAxis->setRange(-2, 2);
    plot.xAxis->grid()->setVisible(false);  // no grid line through a pixel that is checked
    plot.yAxis->grid()->setVisible(false);
  }
};

}  // namespace

void TestScatterCache::drawnOnceWhileOnlyTheFitsMove() {
  Fixture f;
  f.plot.setRuns({RunRecord{QStringLiteral("Mean squared error (MSE)"), Qt::red, {}}});
  f.plot.showSnapshot(snapshot(0.7), 0, f.set);
  QImage image = shown(f.plot);
  const int drawn = f.plot.scatterCache()->generation();
  QVERIFY(drawn >= 1);
  QVERIFY(inked(f.plot, image, -1, -1));
  QVERIFY(inked(f.plot, image, 1, 1));
  QVERIFY(!inked(f.plot, image, -0.65, 1.35));  // nothing there

  // The fit moves (a new epoch), the points stay: the image is composited, not drawn.
  f.plot.showSnapshot(snapshot(-1.3), 0, f.set);
  image = shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn);
  QVERIFY(inked(f.plot, image, -1, -1));
  QVERIFY(inked(f.plot, image, 1, 1));
  QVERIFY(inked(f.plot, image, 0.35, -1.3));  // the new fit is drawn
  QVERIFY(!inked(f.plot, image, 0.35, 0.7));  // and the old one is gone
}

void TestScatterCache::anyChangeOfThePointsDrawsThemAgain() {
  Fixture f;
  f.plot.showSnapshot(snapshot(0), 0, f.set);
  shown(f.plot);
  int drawn = f.plot.scatterCache()->generation();

  // A point dragged (a new snapshot with the point elsewhere): drawn again, where it is now.
  f.plot.showSnapshot(snapshot(0, -1.5), 0, f.set);
  QImage image = shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 1);
  QVERIFY(inked(f.plot, image, -1.5, -1.5));
  QVERIFY(!inked(f.plot, image, -1, -1));
  drawn = f.plot.scatterCache()->generation();

  // A point added to a graph's data directly (the way any other code could): drawn again.
  f.plot.graph(0)->addData(1.5, -1.5);
  f.plot.graph(0)->addData(-1.5, 1.5);
  image = shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 1);
  drawn = f.plot.scatterCache()->generation();
  // (Every point of snapshot() is in one influence class; the added ones are in graph 0.)
  QVERIFY(inked(f.plot, image, -1.5, 1.5));

  // Deleted: drawn again, gone.
  f.plot.graph(0)->data()->clear();
  image = shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 1);
  drawn = f.plot.scatterCache()->generation();
  QVERIFY(!inked(f.plot, image, -1.5, 1.5));

  // The axes move (a zoom): drawn again.
  f.plot.xAxis->setRange(-3, 3);
  shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 1);
  drawn = f.plot.scatterCache()->generation();

  // Antialiasing off (a drag): drawn again, and once more when it is back on.
  f.plot.setNotAntialiasedElements(QCP::aeAll);
  shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 1);
  f.plot.setNotAntialiasedElements(QCP::aeNone);
  shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 2);
}

void TestScatterCache::liveColoursArePacedAndCaughtUp() {
  Fixture f;
  TrainingSnapshot s = snapshot(0);
  f.plot.showSnapshot(s, 0, f.set);
  shown(f.plot);
  const int drawn = f.plot.scatterCache()->generation();
  f.plot.scatterCache()->setRecolorIntervalMs(1e9);  // never due while live
  f.plot.setLive(true);

  // Training moves a point to another influence class (its colour): while live the old
  // colours stay up; the positions would not wait.
  s.runs[0].influence = {0.01, 1, 1};
  f.plot.showSnapshot(s, 0, f.set);
  shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn);
  // Training stops: the newest colours.
  f.plot.setLive(false);
  shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 1);

  // Not live: a colour change draws at once.
  s.runs[0].influence = {1, 0.01, 1};
  f.plot.showSnapshot(s, 0, f.set);
  shown(f.plot);
  QCOMPARE(f.plot.scatterCache()->generation(), drawn + 2);
}

void TestScatterCache::exportsDrawThePointsThemselves() {
  Fixture f;
  f.plot.showSnapshot(snapshot(0), 0, f.set);
  shown(f.plot);
  const int drawn = f.plot.scatterCache()->generation();
  // toPixmap paints in pmNoCaching mode (PNG export at its own scale): the points are drawn
  // directly, the cached image is neither used nor redrawn.
  const QImage image = f.plot.toPixmap(800, 600, 2.0).toImage();
  QCOMPARE(f.plot.scatterCache()->generation(), drawn);
  const QColor background = f.plot.axisRect()->backgroundBrush().color();
  QVERIFY(image.pixelColor(static_cast<int>(std::lround(f.plot.xAxis->coordToPixel(1) * 2)),
                           static_cast<int>(std::lround(f.plot.yAxis->coordToPixel(1) * 2))) !=
          background);
}

QTEST_MAIN(TestScatterCache)
#include "tst_scatter_cache.moc"
