// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of `losslab-cli sweep` (issue 12): the JSON shape, the grid, results that
// do not depend on --threads, a point equal to the `train` run of its configuration, diverged
// runs reported and left out of the summary, --out, Ctrl+C keeping what finished, usage errors.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>

#include "tests/cli_runner.h"
#include "tests/test_utils.h"

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

namespace {

QStringList sortedKeys(const QJsonObject& object) {
  QStringList keys = object.keys();
  keys.sort();
  return keys;
}

QStringList lines(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    return {};
  }
  return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

/// A small, quick sweep: 2 losses × 3 δ × 2 seeds on a linear model.
const QStringList kSmall{"sweep",
                         "--dataset",
                         "linear",
                         "--samples",
                         "120",
                         "--noise",
                         "0.2",
                         "--outliers",
                         "0.1:8",
                         "--hidden",
                         "none",
                         "--lr",
                         "0.05",
                         "--epochs",
                         "8",
                         "--loss",
                         "huber,mean_absolute_error",
                         "--vary",
                         "delta=0.1:10:log:3",
                         "--seeds",
                         "2",
                         "--json"};

}  // namespace

class TestCliSweep : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void jsonShape();
  void threadCountChangesNothing();
  void pointIsTheTrainRunOfItsConfiguration();
  void divergedRunsAreReported();
  void outWritesEveryRun();
  void ctrlCKeepsWhatFinished();
  void sessionGivesTheRunAndThePlan();
  void help();
  void errors_data();
  void errors();

 private:
  QTemporaryDir m_dir;
};

void TestCliSweep::initTestCase() {
  QVERIFY(m_dir.isValid());
  QVERIFY2(QFile::exists(QStringLiteral(LOSSLAB_CLI_PATH)), LOSSLAB_CLI_PATH);
}

void TestCliSweep::jsonShape() {
  const CliRun run = runCli(kSmall);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
  QCOMPARE(run.out.count('\n'), 1);
  const QJsonObject result = parseObject(run.out);
  QCOMPARE(sortedKeys(result),
           (QStringList{"best", "losses", "metric", "points", "summary", "vary"}));
  QCOMPARE(result.value("vary").toString(), QStringLiteral("delta"));
  QCOMPARE(result.value("metric").toString(), QStringLiteral("val_mae"));  // the default
  QCOMPARE(result.value("losses").toArray(), (QJsonArray{"huber", "mean_absolute_error"}));
  // The log grid 0.1 · 100^(k/2): 0.1, 1, 10.
  const double grid[] = {0.1, 1, 10};
  const QJsonArray points = result.value("points").toArray();
  QCOMPARE(points.size(), 2 * 3 * 2);
  for (qsizetype i = 0; i < points.size(); ++i) {
    const QJsonObject p = points[i].toObject();
    QCOMPARE(sortedKeys(p), (QStringList{"diverged", "loss", "metric", "seed", "value"}));
    QCOMPARE(p.value("loss").toString(),
             i < 6 ? QStringLiteral("huber") : QStringLiteral("mean_absolute_error"));
    LOSSLAB_VERIFY_NEAR(p.value("value").toDouble(), grid[(i / 2) % 3], 1e-15);
    QCOMPARE(p.value("seed").toInt(), static_cast<int>(i % 2));  // --seed 0, then 1
    QCOMPARE(p.value("diverged").toBool(), false);
    QVERIFY(p.value("metric").toDouble() > 0);
  }
  // A different seed is a different run; MAE has no δ: the same two runs at every point.
  QVERIFY(points[0].toObject().value("metric") != points[1].toObject().value("metric"));
  QCOMPARE(points[6].toObject().value("metric"), points[8].toObject().value("metric"));
  const QJsonArray summary = result.value("summary").toArray();
  QCOMPARE(summary.size(), 2 * 3);
  for (qsizetype i = 0; i < summary.size(); ++i) {
    const QJsonObject s = summary[i].toObject();
    QCOMPARE(sortedKeys(s), (QStringList{"loss", "max", "median", "min", "value"}));
    // Two seeds: the median is their mean, min and max the two values.
    const double a = points[2 * i].toObject().value("metric").toDouble();
    const double b = points[2 * i + 1].toObject().value("metric").toDouble();
    QCOMPARE(s.value("min").toDouble(), std::min(a, b));
    QCOMPARE(s.value("max").toDouble(), std::max(a, b));
    LOSSLAB_VERIFY_NEAR(s.value("median").toDouble(), (a + b) / 2, 1e-15);
  }
  const QJsonArray best = result.value("best").toArray();
  QCOMPARE(best.size(), 2);
  for (const QJsonValue& value : best) {
    const QJsonObject b = value.toObject();
    QCOMPARE(sortedKeys(b), (QStringList{"loss", "median", "value"}));
    double smallest = INFINITY;
    for (const QJsonValue& s : summary) {
      if (s.toObject().value("loss") == b.value("loss")) {
        smallest = std::min(smallest, s.toObject().value("median").toDouble());
      }
    }
    QCOMPARE(b.value("median").toDouble(), smallest);  // val_mae: lower is better
  }
}

void TestCliSweep::threadCountChangesNothing() {
  const CliRun one = runCli(QStringList(kSmall) << "--threads"
                                                << "1");
  const CliRun two = runCli(QStringList(kSmall) << "--threads"
                                                << "2");
  const CliRun four = runCli(QStringList(kSmall) << "--threads"
                                                 << "4");
  QVERIFY2(one.exitCode == 0, qPrintable(one.err));
  QVERIFY2(two.exitCode == 0, qPrintable(two.err));
  QCOMPARE(two.out, one.out);  // every number, as text: bit for bit
  QCOMPARE(four.out, one.out);
}

void TestCliSweep::pointIsTheTrainRunOfItsConfiguration() {
  // The point huber δ = 1, seed 1 is the run `train` trains with those options (its "mae" is
  // the validation MAE, the sweep's default metric).
  const QJsonArray points = parseObject(runCli(kSmall).out).value("points").toArray();
  const CliRun train =
      runCli({"train", "--dataset", "linear",  "--samples", "120",  "--noise",  "0.2", "--outliers",
              "0.1:8", "--hidden",  "none",    "--lr",      "0.05", "--epochs", "8",   "--loss",
              "huber", "--param",   "delta=1", "--seed",    "1",    "--json"});
  QVERIFY2(train.exitCode == 0, qPrintable(train.err));
  const QJsonObject p = points[3].toObject();
  QCOMPARE(p.value("value").toDouble(), 1.0);
  QCOMPARE(p.value("seed").toInt(), 1);
  QCOMPARE(p.value("metric").toDouble(), parseObject(train.out).value("mae").toDouble());
}

void TestCliSweep::divergedRunsAreReported() {
  // Plain SGD on seed 003's data: lr 0.01 trains, lr 10 explodes in epoch 1. The diverged runs
  // are points with no metric, a warning each, and no median; the exit status stays 0.
  const CliRun run = runCli({"sweep", "--dataset", "seed-sum", "--samples", "200", "--loss",
                             "mean_squared_error", "--optimizer", "sgd", "--epochs", "2", "--vary",
                             "lr=0.01:10:log:2", "--seeds", "2", "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  const QJsonArray points = result.value("points").toArray();
  QCOMPARE(points.size(), 4);
  for (int i = 0; i < 4; ++i) {
    const QJsonObject p = points[i].toObject();
    QCOMPARE(p.value("diverged").toBool(), i >= 2);
    QCOMPARE(p.value("metric").isNull(), i >= 2);
  }
  QCOMPARE(run.err.count(QStringLiteral("losslab-cli: warning: mean_squared_error at lr = 10, "
                                        "seed ")),
           2);
  QVERIFY2(run.err.contains("training diverged"), qPrintable(run.err));
  const QJsonArray summary = result.value("summary").toArray();
  QCOMPARE(summary.size(), 2);
  QVERIFY(summary[1].toObject().value("median").isNull());
  QVERIFY(summary[1].toObject().value("min").isNull());
  const QJsonArray best = result.value("best").toArray();
  QCOMPARE(best.size(), 1);
  QCOMPARE(best[0].toObject().value("value").toDouble(), 0.01);
}

void TestCliSweep::outWritesEveryRun() {
  const QString out = m_dir.filePath("sweep.csv");
  const CliRun run = runCli(QStringList(kSmall) << "--out" << out);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonArray points = parseObject(run.out).value("points").toArray();
  const QStringList rows = lines(out);
  QCOMPARE(rows.size(), 1 + points.size());
  QCOMPARE(rows[0], QStringLiteral("loss,value,seed,metric,diverged"));
  for (qsizetype i = 0; i < points.size(); ++i) {
    const QStringList f = rows[i + 1].split(',');
    const QJsonObject p = points[i].toObject();
    QCOMPARE(f[0], p.value("loss").toString());
    QCOMPARE(f[1].toDouble(), p.value("value").toDouble());
    QCOMPARE(f[2].toInt(), p.value("seed").toInt());
    QCOMPARE(f[3].toDouble(), p.value("metric").toDouble());  // shortest round trip: exact
    QCOMPARE(f[4], QStringLiteral("false"));
  }
  // The table (no --json) names the best point per loss.
  const CliRun text = runCli(kSmall.mid(0, kSmall.size() - 1));
  QVERIFY2(text.out.contains("best        huber: delta = "), qPrintable(text.out));
  QVERIFY2(text.out.contains("best        mean_absolute_error: no delta, the same run at every "
                             "point"),
           qPrintable(text.out));
}

void TestCliSweep::ctrlCKeepsWhatFinished() {
  // 200 runs of 3,000 epochs on one thread take half a minute; SIGINT after 1.5 s stops the run in
  // flight, and the runs that finished are written (stdout and --out) before the program ends
  // as killed by SIGINT.
  const QString out = m_dir.filePath("stopped.csv");
  QProcess process;
  process.start(
      QStringLiteral(LOSSLAB_CLI_PATH),
      {"sweep", "--dataset", "sine", "--samples", "400", "--loss", "huber", "--epochs", "3000",
       "--vary", "delta=0.1:10:log:200", "--threads", "1", "--json", "--out", out});
  QVERIFY(process.waitForStarted());
  QTest::qWait(1500);
  QCOMPARE(process.state(), QProcess::Running);
  ::kill(static_cast<pid_t>(process.processId()), SIGINT);
  QVERIFY2(process.waitForFinished(10000), "did not stop within 10 s of Ctrl+C");
  QCOMPARE(process.exitStatus(), QProcess::CrashExit);  // ended by the signal
  const QString err = QString::fromUtf8(process.readAllStandardError());
  QVERIFY2(err.contains(" of 200 runs finished; their results are written"), qPrintable(err));
  const QJsonObject result = parseObject(QString::fromUtf8(process.readAllStandardOutput()));
  const qsizetype finished = result.value("points").toArray().size();
  QVERIFY2(finished < 200, qPrintable(err));
  QCOMPARE(lines(out).size(), 1 + finished);
}

void TestCliSweep::sessionGivesTheRunAndThePlan() {
  // Issue 12: the Sweep tab's settings are saved in the session, and `sweep --session` runs
  // them. The session is written by `train --save-session`, the plan added as the GUI writes
  // it; the result must be the explicit command's, to the last digit.
  const QString path = m_dir.filePath(QStringLiteral("sweep-session.json"));
  const CliRun saved = runCli({"train", "--dataset", "linear", "--samples", "120", "--noise", "0.2",
                               "--outliers", "0.1:8", "--hidden", "none", "--lr", "0.05",
                               "--epochs", "8", "--loss", "huber", "--save-session", path});
  QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
  const CliRun plain = runCli({"sweep", "--session", path, "--json"});
  QCOMPARE(plain.exitCode, 2);  // no plan in a train-written session, and no --vary
  QVERIFY2(plain.err.contains("the session has no sweep settings"), qPrintable(plain.err));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
  file.close();
  root.insert("sweep", QJsonObject{{"vary", "delta"},
                                   {"from", 0.1},
                                   {"to", 10},
                                   {"count", 3},
                                   {"log", true},
                                   {"seeds", 2},
                                   {"metric", "val_mae"},
                                   {"losses", QJsonArray{"huber", "mean_absolute_error"}},
                                   {"epochs", 0}});
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write(QJsonDocument(root).toJson());
  file.close();
  const CliRun fromSession = runCli({"sweep", "--session", path, "--json"});
  QVERIFY2(fromSession.exitCode == 0, qPrintable(fromSession.err));
  const CliRun explicitRun = runCli(kSmall);
  QVERIFY2(explicitRun.exitCode == 0, qPrintable(explicitRun.err));
  QCOMPARE(fromSession.out, explicitRun.out);
  // An option given changes that part of the plan.
  const CliRun oneSeed = runCli({"sweep", "--session", path, "--seeds", "1", "--json"});
  QVERIFY2(oneSeed.exitCode == 0, qPrintable(oneSeed.err));
  QCOMPARE(parseObject(oneSeed.out).value("points").toArray().size(), 2 * 3);
  // A bad plan names its key and the file.
  root.insert("sweep", QJsonObject{{"vary", "delta"}, {"seeds", 0}});
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write(QJsonDocument(root).toJson());
  file.close();
  const CliRun bad = runCli({"sweep", "--session", path, "--json"});
  QCOMPARE(bad.exitCode, 1);
  QVERIFY2(bad.err.contains("sweep-session.json: \"sweep.seeds\" must be a whole number"),
           qPrintable(bad.err));
}

void TestCliSweep::help() {
  const CliRun run = runCli({"sweep", "--help"});
  QCOMPARE(run.exitCode, 0);
  for (const char* text :
       {"Usage: losslab-cli sweep", "--vary NAME=FROM:TO[:log|lin]:COUNT", "--seeds K",
        "--threads T", "--metric NAME", "--out FILE.csv", "clean_mae", "breakdown curve",
        "--hidden W1,W2,...", "Ctrl+C", "Exit status"}) {
    QVERIFY2(run.out.contains(QString::fromUtf8(text)), text);
  }
  QVERIFY(runCli({"--help"}).out.contains("  sweep "));
}

void TestCliSweep::errors_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("message");  // expected start of stderr after "losslab-cli: error: "
  const QStringList base{"sweep", "--dataset", "linear", "--loss", "huber"};
  QTest::newRow("scale") << (base + QStringList{"--vary", "delta=0.1:1:x:3"})
                         << "--vary 'delta=0.1:1:x:3': the scale is 'log' or 'lin', not 'x'";
  QTest::newRow("no grid") << (base + QStringList{"--vary", "delta"}) << "--vary";
  QTest::newRow("not a number") << (base + QStringList{"--vary", "delta=a:1:3"}) << "--vary";
  QTest::newRow("unknown name")
      << (base + QStringList{"--vary", "gamma=0:1:3"})
      << "sweep: 'gamma' is neither a loss parameter of the losses given nor one of lr";
  QTest::newRow("outside the ranges") << (base + QStringList{"--vary", "outliers=0:0.9:3"})
                                      << "sweep: at outliers = 0.9: \"data.outlier_fraction\"";
  QTest::newRow("missing --vary") << base << "'sweep' needs --vary";
  QTest::newRow("missing --loss") << QStringList{"sweep", "--dataset", "linear", "--vary",
                                                 "lr=0.01:0.1:2"}
                                  << "'sweep' needs --loss";
  QTest::newRow("unknown metric") << (base +
                                      QStringList{"--vary", "delta=1:2:2", "--metric", "accuracy"})
                                  << "sweep: unknown metric 'accuracy'";
  QTest::newRow("loss twice") << QStringList{"sweep",       "--dataset", "linear",     "--loss",
                                             "huber,huber", "--vary",    "delta=1:2:2"}
                              << "--loss: 'huber' is listed twice";
  QTest::newRow("class labels") << QStringList{"sweep",
                                               "--dataset",
                                               "linear",
                                               "--loss",
                                               "huber,sparse_categorical_crossentropy",
                                               "--vary",
                                               "delta=1:2:2"}
                                << "'sparse_categorical_crossentropy' takes class labels";
  QTest::newRow("param of no loss")
      << (base + QStringList{"--vary", "delta=1:2:2", "--param", "margin=1"})
      << "--param margin=1: none of the losses has a parameter";
  QTest::newRow("--threads 0") << (base + QStringList{"--vary", "delta=1:2:2", "--threads", "0"})
                               << "option '--threads' needs an integer in [1, 256]";
  QTest::newRow("seeds beyond 2^53")
      << (base + QStringList{"--vary", "delta=1:2:2", "--seed", "9007199254740991", "--seeds", "3"})
      << "--seeds 3 from --seed 9007199254740991 goes beyond the largest seed";
  QTest::newRow("standard input") << QStringList{"sweep", "--dataset", "-",          "--loss",
                                                 "huber", "--vary",    "delta=1:2:2"}
                                  << "sweep reads its data once per run";
}

void TestCliSweep::errors() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, message);
  const CliRun run = runCli(arguments);
  QCOMPARE(run.exitCode, 2);  // usage errors, as for every command
  QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
  const QString expected = "losslab-cli: error: " + message;
  QVERIFY2(run.err.startsWith(expected),
           qPrintable(QStringLiteral("stderr: %1\nexpected start: %2").arg(run.err, expected)));
  QCOMPARE(run.err.count('\n'), 1);
}

QTEST_MAIN(TestCliSweep)
#include "tst_cli_sweep.moc"
