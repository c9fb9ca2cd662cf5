// SPDX-License-Identifier: GPL-3.0-or-later
#include <QTest>

#include "test_utils.h"

class TestPipeline : public QObject {
  Q_OBJECT
 private slots:
  void placeholder() { QVERIFY(true); }
};

QTEST_MAIN(TestPipeline)
#include "tst_pipeline.moc"
