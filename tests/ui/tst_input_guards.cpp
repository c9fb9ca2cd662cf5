// SPDX-License-Identifier: GPL-3.0-or-later
// Input rough edges of issue 14: (1) with a parameter's spin box focused, Ctrl+Z (undo the
// parameter) and Ctrl+E (Export Plot) did nothing — the spin box's line edit took them;
// (2) turning the wheel over the Training tab's side panel changed whichever combo box passed
// under the pointer (*Parameters of*) instead of scrolling the panel.
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QTest>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QWheelEvent>

#include "ui/common/number_spin_box.h"
#include "ui/common/parameter_panel.h"
#include "ui/common/settings.h"
#include "ui/common/wheel_guard.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/shell/main_window.h"

using namespace losslab::ui;

namespace {

/// One wheel notch down over the middle of `widget`, delivered as the window system would.
void wheelDown(QWidget* widget) {
  const QPointF local(widget->width() / 2.0, widget->height() / 2.0);
  QWheelEvent wheel(local, widget->mapToGlobal(local), QPoint(), QPoint(0, -120), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &wheel);
}

}  // namespace

class TestInputGuards : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { Settings::setEphemeral(true); }
  void windowCommandsPassAFocusedSpinBox();
  void undoWorksWithTheParameterSpinBoxFocused();
  void wheelScrollsThePanelNotAnUnfocusedCombo();
};

void TestInputGuards::windowCommandsPassAFocusedSpinBox() {
  QWidget window;
  auto* spin = new NumberSpinBox(&window);
  auto* layout = new QVBoxLayout(&window);
  layout->addWidget(spin);
  int undone = 0, exported = 0, copied = 0;
  auto action = [&window](const QKeySequence& keys, int* count) {
    auto* a = new QAction(&window);
    a->setShortcut(keys);
    window.addAction(a);
    QObject::connect(a, &QAction::triggered, &window, [count] { ++*count; });
  };
  action(QKeySequence::Undo, &undone);
  action(QKeySequence(Qt::CTRL | Qt::Key_E), &exported);
  action(QKeySequence::Copy, &copied);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  spin->setFocus();
  QTRY_VERIFY(spin->hasFocus());
  QTest::keyClick(spin, Qt::Key_Z, Qt::ControlModifier);
  QTest::keyClick(spin, Qt::Key_E, Qt::ControlModifier);
  QCOMPARE(undone, 1);
  QCOMPARE(exported, 1);
  // Text editing keeps its own keys: Ctrl+C copies the number, it is not a window command.
  QTest::keyClick(spin, Qt::Key_C, Qt::ControlModifier);
  QCOMPARE(copied, 0);
}

void TestInputGuards::undoWorksWithTheParameterSpinBoxFocused() {
  MainWindow window;
  window.applyPreset(QStringLiteral("mse-mae-huber"));
  ExplorerView* explorer = window.explorer();
  explorer->selectCurve(2);  // Huber
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  auto* spin = explorer->parameterPanel()->findChild<QDoubleSpinBox*>();
  auto* slider = explorer->parameterPanel()->findChild<QSlider*>();
  QVERIFY(spin && slider);
  slider->setSliderDown(true);
  slider->setValue(800);
  slider->setSliderDown(false);
  const double moved = explorer->model()->curve(2).params.at("delta");
  QVERIFY(moved != 1.0);
  QCOMPARE(explorer->undoStack()->count(), 1);
  spin->setFocus();
  QTRY_VERIFY(spin->hasFocus());
  QTest::keyClick(spin, Qt::Key_Z, Qt::ControlModifier);
  QCOMPARE(explorer->model()->curve(2).params.at("delta"), 1.0);
}

void TestInputGuards::wheelScrollsThePanelNotAnUnfocusedCombo() {
  QScrollArea area;
  auto* column = new QWidget;
  auto* layout = new QVBoxLayout(column);
  auto* combo = new QComboBox;
  combo->addItems({"MSE", "MAE", "Huber"});
  auto* other = new QComboBox;
  other->addItems({"a", "b"});
  layout->addWidget(combo);
  layout->addSpacing(2000);  // the column is taller than the area: it scrolls
  layout->addWidget(other);
  area.setWidget(column);
  area.resize(300, 200);
  guardWheel(&area);
  area.show();
  QVERIFY(QTest::qWaitForWindowExposed(&area));
  QCOMPARE(combo->focusPolicy(), Qt::StrongFocus);  // no focus by wheel
  QCOMPARE(area.verticalScrollBar()->value(), 0);
  other->setFocus();  // the window gave the first control focus; the user is elsewhere
  QTRY_VERIFY(!combo->hasFocus());

  wheelDown(combo);
  QCOMPARE(combo->currentIndex(), 0);  // before: 1, the combo changed under the pointer
  QVERIFY(area.verticalScrollBar()->value() > 0);
  QVERIFY(!combo->hasFocus());

  // A control the user focused (click, Tab) takes the wheel as usual.
  area.verticalScrollBar()->setValue(0);
  combo->setFocus();
  QTRY_VERIFY(combo->hasFocus());
  wheelDown(combo);
  QCOMPARE(combo->currentIndex(), 1);

  // Controls outside a guarded area are untouched.
  QComboBox loose;
  loose.addItems({"x", "y"});
  QCOMPARE(loose.focusPolicy(), Qt::WheelFocus);
}

QTEST_MAIN(TestInputGuards)
#include "tst_input_guards.moc"
