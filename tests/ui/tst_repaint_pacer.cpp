// SPDX-License-Identifier: GPL-3.0-or-later
// Live plots repaint by their measured cost (issue 15): a replot of c ms is followed by a pause
// of c (1 / share − 1) ms, at least up to the 16-ms period. A pure schedule on a given clock.
#include <QTest>

#include "ui/training/repaint_pacer.h"

using losslab::ui::RepaintPacer;

class TestRepaintPacer : public QObject {
  Q_OBJECT

 private slots:
  void dueAtOnceBeforeTheFirstReplot() {
    const RepaintPacer pacer;
    QVERIFY(pacer.due(0));
    QCOMPARE(pacer.waitMs(12345), std::int64_t{0});
  }
  void aCheapReplotWaitsForTheSixtyHertzPeriod() {
    RepaintPacer pacer;
    // 2 ms of painting ending at t = 100: started at 98, the next may start at 98 + 16 = 114
    // (the cost-based pause, 2 × (1 / 0.4 − 1) = 3 ms, is shorter).
    pacer.painted(100, 2);
    QCOMPARE(pacer.waitMs(100), std::int64_t{14});
    QVERIFY(!pacer.due(113));
    QVERIFY(pacer.due(114));
  }
  void anExpensiveReplotLeavesTheLoopItsShare() {
    RepaintPacer pacer;
    // 20 ms of painting: 20 × (1 / 0.4 − 1) = 30 ms of pause, so painting is 20 / 50 = 40 %.
    pacer.painted(1000, 20);
    QCOMPARE(pacer.waitMs(1000), std::int64_t{30});
    QCOMPARE(pacer.waitMs(1029), std::int64_t{1});
    QVERIFY(pacer.due(1030));
    QVERIFY(pacer.due(5000));  // late: due, never a burst of catching up
    // The next measured cost replaces the last: 1 ms ending at 1040 → due at 1040 + 15.
    pacer.painted(1040, 1);
    QCOMPARE(pacer.waitMs(1040), std::int64_t{15});
  }
};

QTEST_GUILESS_MAIN(TestRepaintPacer)
#include "tst_repaint_pacer.moc"
