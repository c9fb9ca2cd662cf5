// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's Axis Ranges dialog (issue 14's rough edges): "&x" is a mnemonic, not literal
// text; Tab walks from → to row by row; ranges show as short numbers, not "3.000000".
#include <QApplication>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QTest>

#include "ui/explorer/axis_range_dialog.h"

using namespace losslab::ui;

class TestAxisRangeDialog : public QObject {
  Q_OBJECT

 private slots:
  void labelsAreMnemonicsWithBuddies();
  void tabWalksFromToRowByRow();
  void rangesShowAsShortNumbers();
};

void TestAxisRangeDialog::labelsAreMnemonicsWithBuddies() {
  // Before: QFormLayout::addRow(text, layout) made buddy-less labels that showed "&x".
  AxisRangeDialog dialog;
  int labelled = 0;
  for (const QLabel* label : dialog.findChildren<QLabel*>()) {
    if (label->text().contains(QLatin1Char('&'))) {
      QVERIFY2(label->buddy() != nullptr, qPrintable(label->text()));
      QVERIFY(qobject_cast<QDoubleSpinBox*>(label->buddy()));
      ++labelled;
    }
  }
  QCOMPARE(labelled, 1 + AxisRangeDialog::kPanels);
}

void TestAxisRangeDialog::tabWalksFromToRowByRow() {
  // Before: the OK/Cancel buttons came right after the x row.
  AxisRangeDialog dialog;
  dialog.show();
  QVERIFY(QTest::qWaitForWindowExposed(&dialog));
  const QStringList expected = {"xFrom",  "xTo",  "yFrom0", "yTo0",
                                "yFrom1", "yTo1", "yFrom2", "yTo2"};
  auto* first = dialog.findChild<QDoubleSpinBox*>(expected.front());
  QVERIFY(first);
  first->setFocus();
  QTRY_VERIFY(first->hasFocus());
  for (qsizetype i = 1; i < expected.size(); ++i) {
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QWidget* focused = QApplication::focusWidget();
    // A spin box's focus goes to its line edit.
    QWidget* box = qobject_cast<QLineEdit*>(focused) ? focused->parentWidget() : focused;
    QVERIFY(box);
    QCOMPARE(box->objectName(), expected[i]);
  }
}

void TestAxisRangeDialog::rangesShowAsShortNumbers() {
  // A zoomed range arrives with 12 digits; the box shows 6 significant ones, and a round
  // number without trailing zeros (before: "1.166810" and "3.000000").
  AxisRangeDialog dialog;
  dialog.setXRange(-1.16680961706, 3);
  auto* from = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("xFrom"));
  auto* to = dialog.findChild<QDoubleSpinBox*>(QStringLiteral("xTo"));
  QVERIFY(from && to);
  QCOMPARE(from->text(), QStringLiteral("-1.16681"));
  QCOMPARE(to->text(), QStringLiteral("3"));
  QCOMPARE(dialog.xFrom(), -1.16681);
  // Small ranges keep their digits: 1e-7 is not rounded to 0.
  for (int panel = 0; panel < AxisRangeDialog::kPanels; ++panel) {
    dialog.setYRange(panel, 1e-7, 2.5e-7);
  }
  QCOMPARE(dialog.yFrom(0), 1e-7);
  QCOMPARE(dialog.yTo(2), 2.5e-7);
  QVERIFY(dialog.rangesValid());
}

QTEST_MAIN(TestAxisRangeDialog)
#include "tst_axis_range_dialog.moc"
