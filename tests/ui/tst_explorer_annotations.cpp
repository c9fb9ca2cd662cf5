// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's annotations and animations (issue 14): threshold markers at a loss's ±δ or
// margin that follow the parameter, the selection and the toggle; text notes that move by
// dragging and survive a save/load round trip; a δ sweep written as a GIF and read back with
// giflib; the frames of a training run spaced over its epochs.
#include <gif_lib.h>
#include <qcustomplot.h>
#include <QAction>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <cmath>

#include "tests/test_utils.h"
#include "ui/common/animation_recorder.h"
#include "ui/common/settings.h"
#include "ui/explorer/arrow_annotations.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_animation.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/text_annotations.h"
#include "ui/explorer/threshold_markers.h"
#include "ui/training/training_animation.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

ThresholdMarkers* markersOf(ExplorerView& view) {
  return view.plot()->findChild<ThresholdMarkers*>();
}

int indexOf(const CurveModel& model, const QString& id) {
  for (int i = 0; i < model.count(); ++i) {
    if (model.curve(i).lossId == id) {
      return i;
    }
  }
  return -1;
}

}  // namespace

class TestExplorerAnnotations : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void markersSitAtPlusMinusDeltaAndFollowIt();
  void markersFollowTheSelectionAndTheToggle();
  void hingeMarksItsMarginOnOneSide();
  void residualMarkersShiftWithTheTarget();
  void annotationSurvivesASaveLoadRoundTrip();
  void annotationMovesByDragging();
  void badAnnotationsAreRefused();
  void arrowEndsAndShaftDragAndUndo();
  void arrowsSurviveASaveLoadRoundTrip();
  void deltaSweepWritesAGifAndPutsTheCurveBack();
  void varyParsesNameAndRange();
  void trainingFramesAreSpacedOverTheEpochs();
};

void TestExplorerAnnotations::markersSitAtPlusMinusDeltaAndFollowIt() {
  ExplorerView view;
  QVERIFY(view.applyPreset(QStringLiteral("mse-mae-huber")));
  QCOMPARE(view.model()->curve(view.currentCurve()).lossId, QStringLiteral("huber"));
  ThresholdMarkers* markers = markersOf(view);
  QVERIFY(markers);
  // Huber with δ = 1: ½r² for |r| ≤ 1, |r| − ½ beyond (regression.cpp's kernel).
  QCOMPARE(markers->positions(), (std::vector<double>{-1.0, 1.0}));
  const QStringList zones = {ThresholdMarkers::regimeName(Regime::Linear),
                             ThresholdMarkers::regimeName(Regime::Quadratic),
                             ThresholdMarkers::regimeName(Regime::Linear)};
  QCOMPARE(markers->zoneLabels(), zones);
  // The slider's edit moves them.
  view.applyParameters({{"delta", 0.5}});
  QCOMPARE(markers->positions(), (std::vector<double>{-0.5, 0.5}));
  view.applyParameters({{"delta", 2.25}});
  QCOMPARE(markers->positions(), (std::vector<double>{-2.25, 2.25}));
  // The QCPItems themselves, on both the loss and the gradient panel.
  int lines = 0;
  QCustomPlot* plot = view.plot()->customPlot();
  for (int i = 0; i < plot->itemCount(); ++i) {
    auto* line = qobject_cast<QCPItemStraightLine*>(plot->item(i));
    if (line && line->layer()->name() == QLatin1String("zones")) {  // not the crosshair's
      QCOMPARE(std::abs(line->point1->coords().x()), 2.25);
      QCOMPARE(line->point2->coords().x(), line->point1->coords().x());
      ++lines;
    }
  }
  QCOMPARE(lines, 4);
}

void TestExplorerAnnotations::markersFollowTheSelectionAndTheToggle() {
  ExplorerView view;
  view.applyPreset(QStringLiteral("mse-mae-huber"));
  ThresholdMarkers* markers = markersOf(view);
  view.selectCurve(indexOf(*view.model(), QStringLiteral("mean_squared_error")));
  QVERIFY(markers->positions().empty());  // MSE has no threshold
  view.selectCurve(indexOf(*view.model(), QStringLiteral("huber")));
  QCOMPARE(markers->positions().size(), std::size_t{2});
  // View ▸ Show Thresholds off: nothing drawn.
  QAction* toggle = view.actions().showThresholds;
  QVERIFY(toggle && toggle->isCheckable() && toggle->isChecked());
  toggle->setChecked(false);
  QVERIFY(markers->positions().empty());
  QVERIFY(view.plot()->customPlot()->layer(QStringLiteral("zones"))->children().isEmpty());
  toggle->setChecked(true);
  QCOMPARE(markers->positions(), (std::vector<double>{-1.0, 1.0}));
}

void TestExplorerAnnotations::hingeMarksItsMarginOnOneSide() {
  // Hinge for y = +1: max(1 − ŷ, 0): linear before the margin ŷ = 1, zero after it.
  ExplorerView view;
  view.applyPreset(QStringLiteral("classification-margins"));
  view.selectCurve(indexOf(*view.model(), QStringLiteral("hinge")));
  ThresholdMarkers* markers = markersOf(view);
  QCOMPARE(markers->positions(), (std::vector<double>{1.0}));
  QCOMPARE(markers->zoneLabels(), (QStringList{ThresholdMarkers::regimeName(Regime::Linear),
                                               ThresholdMarkers::regimeName(Regime::Zero)}));
  // Soft margin never reaches zero: no marker.
  view.selectCurve(indexOf(*view.model(), QStringLiteral("soft_margin")));
  QVERIFY(markers->positions().empty());
}

void TestExplorerAnnotations::residualMarkersShiftWithTheTarget() {
  // x is ŷ with y = 2 fixed: |ŷ − 2| = δ at ŷ = 1 and 3.
  ExplorerView view;
  view.applyPreset(QStringLiteral("mse-mae-huber"));
  view.model()->setTarget(2.0);
  QCOMPARE(markersOf(view)->positions(), (std::vector<double>{1.0, 3.0}));
}

void TestExplorerAnnotations::annotationSurvivesASaveLoadRoundTrip() {
  ExplorerView view;
  view.applyPreset(QStringLiteral("mse-mae-huber"));
  auto* notes = view.plot()->findChild<TextAnnotations*>();
  QVERIFY(notes);
  notes->clear();
  notes->add({QStringLiteral("outliers pull MSE"), QPointF(2.5, 4.0), LossCurvePlot::LossPanel});
  notes->add({QStringLiteral("梯度被截断"), QPointF(-2, 0.9), LossCurvePlot::GradientPanel});
  const QJsonArray saved = notes->toJson();

  ExplorerView other;
  auto* restored = other.plot()->findChild<TextAnnotations*>();
  QString error;
  QVERIFY2(restored->fromJson(saved, &error), qPrintable(error));
  QCOMPARE(restored->count(), 2);
  QCOMPARE(restored->note(0), notes->note(0));
  QCOMPARE(restored->note(1), notes->note(1));
  QCOMPARE(restored->note(1).panel, int(LossCurvePlot::GradientPanel));
  QCOMPARE(restored->item(1)->position->keyAxis(),
           other.plot()->axisRect(LossCurvePlot::GradientPanel)->axis(QCPAxis::atBottom));
  restored->clear();
}

void TestExplorerAnnotations::annotationMovesByDragging() {
  ExplorerView view;
  view.resize(1000, 700);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  view.applyPreset(QStringLiteral("mse-mae-huber"));
  auto* notes = view.plot()->findChild<TextAnnotations*>();
  notes->clear();
  notes->add({QStringLiteral("drag me"), QPointF(0, 4), LossCurvePlot::LossPanel});
  QCustomPlot* plot = view.plot()->customPlot();
  plot->replot();
  const QCPRange xBefore = plot->axisRect(0)->axis(QCPAxis::atBottom)->range();
  QCPItemText* item = notes->item(0);
  // Grab the note a little inside its left edge and drag it 100 px right and 40 px down.
  const QPoint grab = (item->position->pixelPosition() + QPointF(10, 0)).toPoint();
  QSignalSpy changed(notes, &TextAnnotations::changed);
  QTest::mousePress(plot, Qt::LeftButton, {}, grab);
  QMouseEvent move(QEvent::MouseMove, QPointF(grab + QPoint(100, 40)),
                   plot->mapToGlobal(QPointF(grab + QPoint(100, 40))), Qt::NoButton, Qt::LeftButton,
                   Qt::NoModifier);
  QApplication::sendEvent(plot, &move);
  QTest::mouseRelease(plot, Qt::LeftButton, {}, grab + QPoint(100, 40));
  QCOMPARE(changed.count(), 1);
  const QCPAxis* x = plot->axisRect(0)->axis(QCPAxis::atBottom);
  const QCPAxis* y = plot->axisRect(0)->axis(QCPAxis::atLeft);
  // Where the anchor now is, in pixels: 100 px right and 40 px down of where it was.
  LOSSLAB_VERIFY_NEAR(x->coordToPixel(notes->note(0).at.x()), x->coordToPixel(0) + 100, 1e-6);
  LOSSLAB_VERIFY_NEAR(y->coordToPixel(notes->note(0).at.y()), y->coordToPixel(4) + 40, 1e-6);
  // The plot did not pan under the drag.
  QCOMPARE(x->range(), xBefore);
  QVERIFY(plot->interactions().testFlag(QCP::iRangeDrag));
  notes->clear();
}

void TestExplorerAnnotations::badAnnotationsAreRefused() {
  ExplorerView view;
  auto* notes = view.plot()->findChild<TextAnnotations*>();
  notes->clear();
  notes->add({QStringLiteral("keep"), QPointF(0, 1), 0});
  QString error;
  const QJsonArray bad = {QJsonObject{{QStringLiteral("text"), QStringLiteral("x")},
                                      {QStringLiteral("x"), 1},
                                      {QStringLiteral("y"), 1},
                                      {QStringLiteral("panel"), QStringLiteral("histogram")}}};
  QVERIFY(!notes->fromJson(bad, &error));
  QVERIFY(error.contains(QStringLiteral("panel")));
  QCOMPARE(notes->count(), 1);  // nothing changed
  notes->clear();
}

namespace {

/// A left-button drag on `plot` from `from` to `to` (pixels), with one move in between.
void drag(QCustomPlot* plot, QPoint from, QPoint to) {
  QTest::mousePress(plot, Qt::LeftButton, {}, from);
  QMouseEvent move(QEvent::MouseMove, QPointF(to), plot->mapToGlobal(QPointF(to)), Qt::NoButton,
                   Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(plot, &move);
  QTest::mouseRelease(plot, Qt::LeftButton, {}, to);
}

}  // namespace

void TestExplorerAnnotations::arrowEndsAndShaftDragAndUndo() {
  ExplorerView view;
  view.resize(1000, 700);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  view.applyPreset(QStringLiteral("mse-mae-huber"));
  ArrowAnnotations* arrows = view.arrows();
  QVERIFY(arrows && view.actions().addArrow);
  QString error;
  arrows->fromJson({}, &error);
  QUndoStack* undo = view.undoStack();
  undo->clear();
  // On the gradient panel, from (−2, 1.5) to its head at (1, 1): Huber's clipped gradient.
  const ArrowAnnotations::Arrow placed{QPointF(-2, 1.5), QPointF(1, 1),
                                       LossCurvePlot::GradientPanel};
  QCOMPARE(arrows->add(placed), 0);
  QCOMPARE(undo->count(), 1);
  QCustomPlot* plot = view.plot()->customPlot();
  plot->replot();
  const QCPAxis* x = view.plot()->axisRect(LossCurvePlot::GradientPanel)->axis(QCPAxis::atBottom);
  const QCPAxis* y = view.plot()->axisRect(LossCurvePlot::GradientPanel)->axis(QCPAxis::atLeft);
  const QCPRange xBefore = x->range();
  const auto pixel = [&](QPointF p) {
    return QPointF(x->coordToPixel(p.x()), y->coordToPixel(p.y()));
  };
  // The head alone: 60 px left, 30 px down; the tail stays.
  // (The press lands on the whole pixel nearest the head; the head moves by the mouse's way.)
  const QPointF head = pixel(placed.to);
  drag(plot, head.toPoint(), head.toPoint() + QPoint(-60, 30));
  QCOMPARE(arrows->arrow(0).from, placed.from);
  LOSSLAB_VERIFY_NEAR(x->coordToPixel(arrows->arrow(0).to.x()), head.x() - 60, 1e-6);
  LOSSLAB_VERIFY_NEAR(y->coordToPixel(arrows->arrow(0).to.y()), head.y() + 30, 1e-6);
  QCOMPARE(x->range(), xBefore);  // no pan under the drag
  QCOMPARE(undo->count(), 2);
  const ArrowAnnotations::Arrow afterHead = arrows->arrow(0);
  // The whole arrow by the middle of its shaft: both ends 40 px right.
  const QPointF middle = (pixel(afterHead.from) + pixel(afterHead.to)) / 2;
  drag(plot, middle.toPoint(), middle.toPoint() + QPoint(40, 0));
  LOSSLAB_VERIFY_NEAR(x->coordToPixel(arrows->arrow(0).from.x()), pixel(afterHead.from).x() + 40,
                      1e-6);
  LOSSLAB_VERIFY_NEAR(x->coordToPixel(arrows->arrow(0).to.x()), pixel(afterHead.to).x() + 40, 1e-6);
  LOSSLAB_VERIFY_NEAR(arrows->arrow(0).from.y(), afterHead.from.y(), 1e-9);
  QCOMPARE(undo->count(), 3);
  // Undo: the shaft move, then the head move, then the arrow itself; redo brings them back.
  undo->undo();
  QCOMPARE(arrows->arrow(0), afterHead);
  undo->undo();
  QCOMPARE(arrows->arrow(0), placed);
  undo->undo();
  QCOMPARE(arrows->count(), 0);
  undo->redo();
  undo->redo();
  QCOMPARE(arrows->arrow(0), afterHead);
  // A double click on it removes it, one undo step again.
  const QPointF tail = pixel(arrows->arrow(0).from);
  QTest::mouseDClick(plot, Qt::LeftButton, {}, tail.toPoint());
  QCOMPARE(arrows->count(), 0);
  undo->undo();
  QCOMPARE(arrows->count(), 1);
  arrows->fromJson({}, &error);
}

void TestExplorerAnnotations::arrowsSurviveASaveLoadRoundTrip() {
  ExplorerView view;
  QString error;
  view.arrows()->fromJson({}, &error);
  view.arrows()->add({QPointF(2.5, 5), QPointF(2, 2), LossCurvePlot::LossPanel});
  view.arrows()->add({QPointF(-1, -0.5), QPointF(0.5, 0), LossCurvePlot::CurvaturePanel});
  const QJsonArray saved = view.arrows()->toJson();
  QCOMPARE(saved[1].toObject().value(QStringLiteral("panel")).toString(),
           QStringLiteral("curvature"));
  QCOMPARE(saved[0].toObject().value(QStringLiteral("to")).toArray(), (QJsonArray{2.0, 2.0}));
  ExplorerView other;
  QVERIFY2(other.arrows()->fromJson(saved, &error), qPrintable(error));
  QCOMPARE(other.arrows()->arrow(1), view.arrows()->arrow(1));
  QCOMPARE(other.arrows()->item(1)->start->keyAxis(),
           other.plot()->axisRect(LossCurvePlot::CurvaturePanel)->axis(QCPAxis::atBottom));
  // A malformed entry changes nothing.
  const QJsonArray bad = {QJsonObject{{QStringLiteral("from"), QJsonArray{1}},
                                      {QStringLiteral("to"), QJsonArray{1, 2}}}};
  QVERIFY(!other.arrows()->fromJson(bad, &error));
  QVERIFY(error.contains(QStringLiteral("arrow 1")));
  QCOMPARE(other.arrows()->count(), 2);
  other.arrows()->fromJson({}, &error);
  view.arrows()->fromJson({}, &error);
}

void TestExplorerAnnotations::deltaSweepWritesAGifAndPutsTheCurveBack() {
  ExplorerView view;
  view.resize(1000, 700);
  view.applyPreset(QStringLiteral("mse-mae-huber"));
  const int huber = sweepCurve(view, view.currentCurve(), "delta");
  QCOMPARE(huber, indexOf(*view.model(), QStringLiteral("huber")));
  QCOMPARE(sweepCurve(view, indexOf(*view.model(), QStringLiteral("mean_squared_error")), "delta"),
           huber);  // MSE has no δ: the first curve that has
  QCOMPARE(sweepCurve(view, 0, "gamma"), -1);

  // The markers follow the sweep frame by frame: δ = 0.5, 1.25, 2 for 3 frames.
  struct Recording : ParameterSweepSource {
    using ParameterSweepSource::ParameterSweepSource;
    ThresholdMarkers* markers = nullptr;
    std::vector<double> seen;
    QImage frame(int index, int count, QSize size) override {
      QImage image = ParameterSweepSource::frame(index, count, size);
      seen.push_back(markers->positions().back());
      return image;
    }
  };
  Recording source(&view, huber, "delta", 0.5, 2.0);
  source.markers = markersOf(view);
  QTemporaryDir dir;
  AnimationSettings settings;
  settings.path = dir.filePath(QStringLiteral("sweep.gif"));
  settings.frames = 3;
  settings.fps = 5;
  settings.size = QSize(320, 180);
  QString error;
  QVERIFY2(recordAnimation(source, settings, {}, &error), qPrintable(error));
  QCOMPARE(source.seen, (std::vector<double>{0.5, 1.25, 2.0}));
  // Back to δ = 1 afterwards.
  QCOMPARE(view.model()->curve(huber).params.at("delta"), 1.0);
  QCOMPARE(markersOf(view)->positions(), (std::vector<double>{-1.0, 1.0}));

  int code = 0;
  GifFileType* gif = DGifOpenFileName(QFile::encodeName(settings.path).constData(), &code);
  QVERIFY(gif);
  QCOMPARE(DGifSlurp(gif), GIF_OK);
  QCOMPARE(gif->ImageCount, 3);
  QCOMPARE(gif->SWidth, 320);
  QCOMPARE(gif->SHeight, 180);
  GraphicsControlBlock control{};
  QCOMPARE(DGifSavedExtensionToGCB(gif, 2, &control), GIF_OK);
  QCOMPARE(control.DelayTime, 20);  // 5 frames/s
  DGifCloseFile(gif, &code);
}

void TestExplorerAnnotations::varyParsesNameAndRange() {
  QString name;
  double from = 0;
  double to = 0;
  QString error;
  QVERIFY(parseVary(QStringLiteral("delta=0.1:3"), &name, &from, &to, &error));
  QCOMPARE(name, QStringLiteral("delta"));
  QCOMPARE(from, 0.1);
  QCOMPARE(to, 3.0);
  QVERIFY(parseVary(QStringLiteral("alpha=2:-2"), &name, &from, &to, &error));
  QCOMPARE(to, -2.0);
  QVERIFY(!parseVary(QStringLiteral("delta=0.1"), &name, &from, &to, &error));
  QVERIFY(!parseVary(QStringLiteral("delta=a:b"), &name, &from, &to, &error));
  QVERIFY(error.contains(QStringLiteral("NAME=FROM:TO")));
}

void TestExplorerAnnotations::trainingFramesAreSpacedOverTheEpochs() {
  // 5 frames over 200 epochs: after 0, 50, 100, 150 and 200 (round(200·i/4)).
  std::vector<int> epochs;
  for (int i = 0; i < 5; ++i) {
    epochs.push_back(TrainingRunSource::epochAt(i, 5, 200));
  }
  QCOMPARE(epochs, (std::vector<int>{0, 50, 100, 150, 200}));
  QCOMPARE(TrainingRunSource::epochAt(1, 3, 5), 3);  // round(2.5) away from zero
}

QTEST_MAIN(TestExplorerAnnotations)
#include "tst_explorer_annotations.moc"
