// SPDX-License-Identifier: GPL-3.0-or-later
// The `losslab-cli train` command of a configuration (issue 10): made from the configuration
// only, numbers shortest round trip, CSV columns as the configuration names them (no --target
// for the default last column, --features only for a chosen subset), custom losses as --expr,
// shell quoting. tests/ui/tst_training_session.cpp runs the commands against the real CLI.
#include <QTest>

#include "core/training/train_command.h"

using namespace losslab;

namespace {

QStringList qt(const std::vector<std::string>& words) {
  QStringList list;
  for (const std::string& word : words) {
    list << QString::fromStdString(word);
  }
  return list;
}

/// The value after `option`, or "<absent>".
QString valueOf(const QStringList& args, const QString& option) {
  const qsizetype at = args.indexOf(option);
  return at >= 0 && at + 1 < args.size() ? args[at + 1] : QStringLiteral("<absent>");
}

}  // namespace

class TestTrainCommand : public QObject {
  Q_OBJECT

 private slots:
  void generatedData();
  void csvColumns();
  void customLossAndSwitches();
  void quoting();
  void oneLinePerTrainedLoss();
};

void TestTrainCommand::generatedData() {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.noise = 0.1;
  c.data.outlierFraction = 0.15;
  c.data.outlierMagnitude = 20;
  c.seed = 12;
  c.network.hidden.clear();
  c.optimizer = {TrainingOptimizer::Momentum, 0.1 + 0.2, 8};
  c.loss = {"huber", {{"delta", 0.7}}, {}};
  const QStringList args = qt(trainArguments(c, c.loss));
  QCOMPARE(args.front(), QStringLiteral("train"));
  QCOMPARE(valueOf(args, "--dataset"), QStringLiteral("linear"));
  QCOMPARE(valueOf(args, "--samples"), QStringLiteral("500"));
  QCOMPARE(valueOf(args, "--noise"), QStringLiteral("0.1"));
  QCOMPARE(valueOf(args, "--outliers"), QStringLiteral("0.15:20"));
  QCOMPARE(valueOf(args, "--loss"), QStringLiteral("huber"));
  QCOMPARE(valueOf(args, "--param"), QStringLiteral("delta=0.7"));  // not 0.69999999999999996
  QCOMPARE(valueOf(args, "--optimizer"), QStringLiteral("momentum"));
  QCOMPARE(valueOf(args, "--lr"), QStringLiteral("0.30000000000000004"));  // 0.1 + 0.2 exactly
  QCOMPARE(valueOf(args, "--batch"), QStringLiteral("8"));
  QCOMPARE(valueOf(args, "--epochs"), QStringLiteral("200"));
  QCOMPARE(valueOf(args, "--hidden"), QStringLiteral("none"));
  QCOMPARE(valueOf(args, "--activation"), QStringLiteral("relu"));
  QCOMPARE(valueOf(args, "--seed"), QStringLiteral("12"));
  QCOMPARE(valueOf(args, "--val-split"), QStringLiteral("0.2"));
  QVERIFY(!args.contains("--target") && !args.contains("--features"));
  QVERIFY(!args.contains("--leverage"));  // none: no option, so older CLIs still read it
  // A side other than both, and leverage points, are part of the command.
  c.data.outlierSide = OutlierSide::Up;
  c.data.leverageFraction = 0.05;
  c.data.leverageDistance = 2.5;
  const QStringList lesson = qt(trainArguments(c, c.loss));
  QCOMPARE(valueOf(lesson, "--outliers"), QStringLiteral("0.15:20:up"));
  QCOMPARE(valueOf(lesson, "--leverage"), QStringLiteral("0.05:2.5"));
}

void TestTrainCommand::csvColumns() {
  TrainingConfig c;
  c.data.source = DataConfig::Source::Csv;
  c.data.csvPath = "/data/points.csv";
  QStringList args = qt(trainArguments(c, c.loss));
  QCOMPARE(valueOf(args, "--dataset"), QStringLiteral("/data/points.csv"));
  // The default columns (last one the target, every other one a feature) need no option, so
  // a headerless file's command never names a column the CLI cannot know.
  QVERIFY(!args.contains("--target") && !args.contains("--features"));
  QVERIFY(!args.contains("--samples") && !args.contains("--noise") && !args.contains("--outliers"));
  QVERIFY(!args.contains("--clean-column"));
  c.data.csvClean = "y_clean";
  QCOMPARE(valueOf(qt(trainArguments(c, c.loss)), "--clean-column"), QStringLiteral("y_clean"));
  c.data.csvClean.clear();
  c.data.csvTarget = "column 4";
  c.data.csvFeatures = {"column 1", "column 3"};
  args = qt(trainArguments(c, c.loss));
  QCOMPARE(valueOf(args, "--target"), QStringLiteral("column 4"));
  QCOMPARE(valueOf(args, "--features"), QStringLiteral("column 1,column 3"));
  // A file called like a generator is a file: ./linear.
  c.data.csvPath = "linear";
  QCOMPARE(valueOf(qt(trainArguments(c, c.loss)), "--dataset"), QStringLiteral("./linear"));
}

void TestTrainCommand::customLossAndSwitches() {
  TrainingConfig c;
  const LossChoice custom{"custom:half square", {{"k", 2.5}}, "k*0.5*square(r)"};
  QStringList args = qt(trainArguments(c, custom));
  QCOMPARE(valueOf(args, "--expr"), QStringLiteral("k*0.5*square(r)"));
  QCOMPARE(valueOf(args, "--param"), QStringLiteral("k=2.5"));
  QVERIFY(!args.contains("--loss"));
  // A switch parameter is written as the CLI reads it back.
  const LossChoice bce{"binary_crossentropy", {{"from_logits", 1}}, {}};
  QCOMPARE(valueOf(qt(trainArguments(c, bce)), "--param"), QStringLiteral("from_logits=true"));
}

void TestTrainCommand::quoting() {
  QCOMPARE(shellQuote("huber"), std::string("huber"));
  QCOMPARE(shellQuote("/data/a-b_c.csv"), std::string("/data/a-b_c.csv"));
  QCOMPARE(shellQuote("column 4"), std::string("'column 4'"));
  QCOMPARE(shellQuote("it's"), std::string("'it'\\''s'"));
  QCOMPARE(shellQuote(""), std::string("''"));
  QCOMPARE(shellQuote("where(r > 0, r, -r)"), std::string("'where(r > 0, r, -r)'"));
}

void TestTrainCommand::oneLinePerTrainedLoss() {
  TrainingConfig c;
  QCOMPARE(QString::fromStdString(trainCommandLines(c)).count('\n'), 0);
  QVERIFY(QString::fromStdString(trainCommandLines(c))
              .startsWith("losslab-cli train --dataset sine --samples 500 "));
  c.compare = true;
  const QStringList lines = QString::fromStdString(trainCommandLines(c)).split('\n');
  QCOMPARE(lines.size(), 3);
  QVERIFY(lines[0].contains("--loss mean_squared_error"));
  QVERIFY(lines[1].contains("--loss mean_absolute_error"));
  QVERIFY(lines[2].contains("--loss huber"));
}

QTEST_MAIN(TestTrainCommand)
#include "tst_train_command.moc"
