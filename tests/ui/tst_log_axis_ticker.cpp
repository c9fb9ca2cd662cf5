// SPDX-License-Identifier: GPL-3.0-or-later
// The log axes' ticker (issue 14: the log-scale history plot had no tick labels below 10):
// a range of a few decades or less gets labelled ticks inside it, not one power of ten.
#include <qcustomplot.h>
#include <QTest>

#include "ui/common/log_axis_ticker.h"

using losslab::ui::LogAxisTicker;

namespace {

/// The labelled ticks inside [lo, hi] of a log axis with `ticker`, after a replot.
QVector<double> ticksInside(const QSharedPointer<QCPAxisTicker>& ticker, double lo, double hi) {
  QCustomPlot plot;
  plot.resize(600, 400);
  plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
  plot.yAxis->setTicker(ticker);
  plot.yAxis->setRange(lo, hi);
  plot.replot();
  QVector<double> inside;
  const QVector<double> ticks = plot.yAxis->tickVector();
  const QVector<QString> labels = plot.yAxis->tickVectorLabels();
  for (qsizetype i = 0; i < ticks.size(); ++i) {
    if (ticks[i] >= lo && ticks[i] <= hi && !labels.value(i).isEmpty()) {
      inside << ticks[i];
    }
  }
  return inside;
}

}  // namespace

class TestLogAxisTicker : public QObject {
  Q_OBJECT

 private slots:
  void shortRangesGetLabels();
};

void TestLogAxisTicker::shortRangesGetLabels() {
  const auto ours = QSharedPointer<LogAxisTicker>::create();
  // What QCustomPlot's own log ticker gives a loss falling from 8 to 0.5: the one power of
  // ten inside (the defect), against 1, 2, 5.
  // A history falling from 40 to 2: QCustomPlot's own log ticker labels 10, 20, 30, 40 and
  // nothing below 10 (the defect); here 2 and 5 are labelled too.
  const QVector<double> before = ticksInside(QSharedPointer<QCPAxisTickerLog>::create(), 2, 40);
  QVERIFY(!before.isEmpty() && before.front() >= 10);
  QCOMPARE(ticksInside(ours, 2, 40), (QVector<double>{2, 5, 10, 20}));
  QCOMPARE(ticksInside(ours, 0.05, 40), (QVector<double>{0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20}));
  QCOMPARE(ticksInside(ours, 0.5, 8), (QVector<double>{0.5, 1, 2, 5}));
  // Under one decade: every digit.
  QCOMPARE(ticksInside(ours, 1.5, 9.5), (QVector<double>{2, 3, 4, 5, 6, 7, 8, 9}));
  // Narrower than two digits: round linear steps, still several labels.
  QVERIFY(ticksInside(ours, 2.1, 2.9).size() >= 3);
  // Many decades: the powers of ten, as before.
  QCOMPARE(ticksInside(ours, 1e-3, 1e3), (QVector<double>{1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3}));
}

QTEST_MAIN(TestLogAxisTicker)
#include "tst_log_axis_ticker.moc"
