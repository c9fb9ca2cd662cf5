// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of `losslab-cli train` (the real binary, LOSSLAB_CLI_PATH): convergence on
// seed 003's workload, reproducibility, the predictions and history files (order, header,
// residuals, metrics recomputed from the written predictions), CSV data sets with and without a
// header, divergence as a non-error, and every usage/data error path.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>

#include "tests/cli_runner.h"
#include "tests/test_utils.h"

namespace {

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

/// A CSV file as rows of fields (the CLI writes no quoted fields for these names).
QList<QStringList> readCsv(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    return {};
  }
  QList<QStringList> rows;
  for (const QString& line : QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts)) {
    rows << line.split(',');
  }
  return rows;
}

double toDouble(const QString& text) {
  bool ok = false;
  const double value = text.toDouble(&ok);
  return ok ? value : std::nan("");
}

const QStringList kResultKeys{"clean_mae",    "clean_rmse", "diverged",   "epochs",
                              "epochs_per_s", "final_loss", "inlier_mae", "mae",
                              "message",      "r2",         "rmse",       "val_loss"};  // sorted

}  // namespace

class TestCliTrain : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void seedSumConverges();
  void sameRunTwiceIsReproducible();
  void predictionsOfGeneratedData();
  void predictionsKeepCsvOrder_data();
  void predictionsKeepCsvOrder();
  void historyHasOneRowPerEpoch();
  void formulaLossTrains();
  void divergenceExitsWithStatus1();
  void r2OfOneValidationSampleIsNull();
  void batchLargerThanTheSplitIsOneBatch();
  void ctrlCStopsAndWritesNothing();
  void readableSummary();
  void help();
  void errors_data();
  void errors();

 private:
  QString file(const QString& name, const QString& content);
  QTemporaryDir m_dir;
};

QString TestCliTrain::file(const QString& name, const QString& content) {
  return losslab::test::writeTextFile(m_dir.path(), name, content);
}

void TestCliTrain::initTestCase() {
  QVERIFY(m_dir.isValid());
  QVERIFY2(QFile::exists(QStringLiteral(LOSSLAB_CLI_PATH)), LOSSLAB_CLI_PATH);
}

void TestCliTrain::seedSumConverges() {
  // Seed 003: y = 5 Σ x on 1,000 samples, Dense 16-32-1 relu, Adam, batch 32. A larger learning
  // rate than Keras' 0.001 converges in a few dozen epochs (milliseconds here).
  const CliRun run = runCli({"train", "--dataset", "seed-sum", "--loss", "mean_squared_error",
                             "--lr", "0.01", "--epochs", "30", "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
  QCOMPARE(run.out.count('\n'), 1);  // one object, one line
  const QJsonObject result = parseObject(run.out);
  QStringList keys = result.keys();
  keys.sort();
  QCOMPARE(keys, kResultKeys);
  QCOMPARE(result.value("epochs").toInt(), 30);
  QCOMPARE(result.value("diverged").toBool(), false);
  QCOMPARE(result.value("message").toString(), QString());
  QVERIFY2(result.value("r2").toDouble() > 0.99, qPrintable(run.out));
  // y spans [0, 20] with σ ≈ 2.9: an R² above 0.99 means an RMSE well below 0.3.
  QVERIFY2(result.value("rmse").toDouble() < 0.3, qPrintable(run.out));
  QVERIFY(result.value("mae").toDouble() <= result.value("rmse").toDouble());  // MAE ≤ RMSE
  // MSE is the loss: val_loss = RMSE² on the same (validation) split.
  LOSSLAB_VERIFY_NEAR(result.value("val_loss").toDouble(),
                      std::pow(result.value("rmse").toDouble(), 2), 1e-12);
  QVERIFY(result.value("final_loss").toDouble() >= 0);
  QVERIFY(result.value("epochs_per_s").toDouble() > 0);
}

void TestCliTrain::sameRunTwiceIsReproducible() {
  const QStringList arguments{"train",      "--dataset",   "linear",  "--noise", "0.1",
                              "--outliers", "0.1:5",       "--loss",  "huber",   "--param",
                              "delta=0.5",  "--optimizer", "rmsprop", "--lr",    "0.01",
                              "--epochs",   "15",          "--batch", "16",      "--hidden",
                              "8",          "--seed",      "7",       "--json"};
  const CliRun first = runCli(arguments);
  const CliRun second = runCli(arguments);
  QVERIFY2(first.exitCode == 0, qPrintable(first.err));
  QVERIFY2(second.exitCode == 0, qPrintable(second.err));
  QJsonObject a = parseObject(first.out);
  QJsonObject b = parseObject(second.out);
  QCOMPARE(a.keys(), b.keys());
  a.remove("epochs_per_s");
  b.remove("epochs_per_s");
  QCOMPARE(a, b);  // every number bit for bit (17 significant digits)
  // The seed matters: another one gives other data, weights and split.
  QStringList other = arguments;
  other[other.indexOf("7")] = "8";
  const QJsonObject c = parseObject(runCli(other).out);
  QVERIFY(c.value("final_loss").toDouble() != a.value("final_loss").toDouble());
}

void TestCliTrain::predictionsOfGeneratedData() {
  // --val-split 0: the metrics are on the training data, i.e. on every row of the predictions
  // file, so they can be recomputed from it: MAE = mean |e|, RMSE = √(mean e²),
  // R² = 1 − Σe² / Σ(y − ȳ)², e = residual.
  QTemporaryDir dir;
  const QString predictions = dir.filePath("pred.csv");
  const CliRun run = runCli({"train", "--dataset", "seed-sum", "--samples", "200", "--loss",
                             "mean_absolute_error", "--lr", "0.01", "--epochs", "5", "--val-split",
                             "0", "--predictions", predictions, "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  QVERIFY(result.value("val_loss").isNull());  // no validation split
  const QList<QStringList> rows = readCsv(predictions);
  QCOMPARE(rows.size(), 201);
  QCOMPARE(rows[0], (QStringList{"x1", "x2", "x3", "x4", "y_true", "y_pred", "residual", "split",
                                 "y_clean", "is_outlier"}));
  double sumAbs = 0;
  double sumSquares = 0;
  double sumY = 0;
  QList<double> ys;
  for (qsizetype i = 1; i < rows.size(); ++i) {
    const QStringList& row = rows[i];
    QCOMPARE(row.size(), 10);
    QCOMPARE(row[7], QStringLiteral("train"));  // --val-split 0: every sample trains
    QCOMPARE(row[8], row[4]);                   // no noise, no outliers: y is clean
    QCOMPARE(row[9], QStringLiteral("0"));
    double features = 0;
    for (int j = 0; j < 4; ++j) {
      const double x = toDouble(row[j]);
      QVERIFY(x >= 0 && x < 1);  // seed-sum features are uniform in [0, 1)
      features += x;
    }
    const double y = toDouble(row[4]);
    const double prediction = toDouble(row[5]);
    const double residual = toDouble(row[6]);
    // Seed 003's target without noise: y = 5 Σ x.
    LOSSLAB_VERIFY_NEAR(y, 5 * features, 1e-13);
    LOSSLAB_VERIFY_NEAR(residual, prediction - y, 1e-13);  // residual = y_pred − y_true
    sumAbs += std::fabs(residual);
    sumSquares += residual * residual;
    sumY += y;
    ys << y;
  }
  const double n = 200;
  double totalSquares = 0;
  for (double y : ys) {
    totalSquares += (y - sumY / n) * (y - sumY / n);
  }
  LOSSLAB_VERIFY_NEAR(result.value("mae").toDouble(), sumAbs / n, 1e-12);
  LOSSLAB_VERIFY_NEAR(result.value("rmse").toDouble(), std::sqrt(sumSquares / n), 1e-12);
  LOSSLAB_VERIFY_NEAR(result.value("r2").toDouble(), 1 - sumSquares / totalSquares, 1e-12);
  // The loss is MAE with the Keras reduction: final_loss on all the data = the MAE.
  LOSSLAB_VERIFY_NEAR(result.value("final_loss").toDouble(), sumAbs / n, 1e-12);
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"pred.csv"});  // atomic write
}

void TestCliTrain::predictionsKeepCsvOrder_data() {
  QTest::addColumn<QString>("csv");
  QTest::addColumn<QStringList>("options");
  QTest::addColumn<QStringList>("header");  // expected predictions header
  QTest::addColumn<int>("target");          // 0-based target column of the input

  // Rows in no particular order; the target column in the middle, named by --target. Features
  // such as 3.3 and 0.1 come back as written (shortest exact form, not 0.10000000000000001).
  const QString named = "a,t,b\n3.3,10,0.1\n1,20,2\n2,30,3\n5,40,4\n4,50,5\n0,60,6\n9,70,7\n";
  QTest::newRow("header, --target in the middle")
      << named << QStringList{"--target", "t"}
      << QStringList{"a", "b", "y_true", "y_pred", "residual", "split", "y_clean", "is_outlier"}
      << 1;
  // Header and no --target: the last column.
  QTest::newRow("header, default target is the last column")
      << named << QStringList{}
      << QStringList{"a", "t", "y_true", "y_pred", "residual", "split", "y_clean", "is_outlier"}
      << 2;
  // No header: the last column is the target and the features are x1..xn.
  QTest::newRow("no header, last column")
      << "3.3,10,0.1\n1,20,2\n2,30,3\n5,40,4\n4,50,5\n0,60,6\n9,70,7\n"
      << QStringList{}
      << QStringList{"x1", "x2", "y_true", "y_pred", "residual", "split", "y_clean", "is_outlier"}
      << 2;
}

void TestCliTrain::predictionsKeepCsvOrder() {
  QFETCH(QString, csv);
  QFETCH(QStringList, options);
  QFETCH(QStringList, header);
  QFETCH(int, target);
  const QString data = file("order.csv", csv);
  const QString predictions = m_dir.filePath("order_pred.csv");
  QFile::remove(predictions);
  // A validation split of 0.4 shuffles 3 of the 7 samples out: the file still has every sample,
  // in the input's order.
  const CliRun run = runCli(QStringList{"train", "--dataset", data, "--loss", "huber", "--epochs",
                                        "3", "--val-split", "0.4", "--predictions", predictions} +
                            options);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY(run.out.contains("(4 training, 3 validation)"));
  const QList<QStringList> input = readCsv(data);
  const QList<QStringList> rows = readCsv(predictions);
  QCOMPARE(rows.size(), 8);
  QCOMPARE(rows[0], header);
  int validation = 0;
  const qsizetype first = csv.startsWith("a,") ? 1 : 0;  // skip the input's header
  for (qsizetype i = 1; i < rows.size(); ++i) {
    const QStringList& in = input[i - 1 + first];
    QStringList features = in;
    features.removeAt(target);
    QCOMPARE(rows[i].mid(0, 2), features);  // the same numbers, as written in the input
    QCOMPARE(toDouble(rows[i][2]), toDouble(in[target]));
    LOSSLAB_VERIFY_NEAR(toDouble(rows[i][4]), toDouble(rows[i][3]) - toDouble(rows[i][2]), 1e-13);
    validation += rows[i][5] == QStringLiteral("validation") ? 1 : 0;
    QVERIFY(rows[i][5] == QStringLiteral("validation") || rows[i][5] == QStringLiteral("train"));
    QCOMPARE(rows[i][6], QStringLiteral("nan"));  // no --clean-column
    QCOMPARE(rows[i][7], QStringLiteral("0"));
  }
  QCOMPARE(validation, 3);
}

void TestCliTrain::historyHasOneRowPerEpoch() {
  QTemporaryDir dir;
  const QString history = dir.filePath("history.csv");
  const CliRun run =
      runCli({"train", "--dataset", "sine", "--samples", "300", "--loss", "log_cosh", "--epochs",
              "7", "--hidden", "8,8", "--activation", "tanh", "--history", history, "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  const QList<QStringList> rows = readCsv(history);
  QCOMPARE(rows.size(), 1 + result.value("epochs").toInt());
  QCOMPARE(rows.size(), 8);
  QCOMPARE(rows[0], (QStringList{"epoch", "loss", "train_loss", "train_mae", "train_rmse",
                                 "train_r2", "val_loss", "val_mae", "val_rmse", "val_r2",
                                 "val_clean_mae", "val_clean_rmse", "val_inlier_mae"}));
  for (qsizetype i = 1; i < rows.size(); ++i) {
    QCOMPARE(rows[i].size(), 13);
    QCOMPARE(rows[i][0].toInt(), static_cast<int>(i));
    for (const QString& field : rows[i]) {
      QVERIFY2(std::isfinite(toDouble(field)), qPrintable(rows[i].join(',')));
    }
    // RMSE ≥ MAE on both splits (Jensen), R² ≤ 1.
    QVERIFY(toDouble(rows[i][4]) >= toDouble(rows[i][3]));
    QVERIFY(toDouble(rows[i][8]) >= toDouble(rows[i][7]));
    QVERIFY(toDouble(rows[i][9]) <= 1);
  }
  // The last row was evaluated with the final weights: the same numbers as the result.
  const QStringList& last = rows.last();
  QCOMPARE(toDouble(last[2]), result.value("final_loss").toDouble());
  QCOMPARE(toDouble(last[6]), result.value("val_loss").toDouble());
  QCOMPARE(toDouble(last[7]), result.value("mae").toDouble());
  QCOMPARE(toDouble(last[8]), result.value("rmse").toDouble());
  QCOMPARE(toDouble(last[9]), result.value("r2").toDouble());

  // Without a validation split the val_* columns are nan.
  const CliRun noValidation = runCli({"train", "--dataset", "linear", "--loss", "huber", "--epochs",
                                      "2", "--val-split", "0", "--history", history});
  QCOMPARE(noValidation.exitCode, 0);
  const QList<QStringList> plain = readCsv(history);
  QCOMPARE(plain.size(), 3);
  QCOMPARE(plain[1].mid(6), (QStringList{"nan", "nan", "nan", "nan", "nan", "nan", "nan"}));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"history.csv"});
}

void TestCliTrain::formulaLossTrains() {
  // --expr works as --loss does: the formula square(r) is MSE, so the same run gives the same
  // numbers as mean_squared_error (both go through the engine's default Keras reduction).
  const QStringList common{"train", "--dataset", "cubic", "--samples",
                           "200",   "--epochs",  "5",     "--json"};
  const CliRun formula = runCli(common + QStringList{"--expr", "square(r)"});
  const CliRun builtIn = runCli(common + QStringList{"--loss", "mean_squared_error"});
  QVERIFY2(formula.exitCode == 0, qPrintable(formula.err));
  QVERIFY2(builtIn.exitCode == 0, qPrintable(builtIn.err));
  const QJsonObject a = parseObject(formula.out);
  const QJsonObject b = parseObject(builtIn.out);
  for (const char* key : {"final_loss", "val_loss", "mae", "rmse", "r2"}) {
    LOSSLAB_VERIFY_NEAR(a.value(key).toDouble(), b.value(key).toDouble(), 1e-9);
  }
}

void TestCliTrain::divergenceExitsWithStatus1() {
  // Plain SGD with lr = 50 on seed 003's workload explodes within the first epoch. The run is
  // reported in full (JSON, files) and the exit status is 1, as the README says (issue 16).
  QTemporaryDir dir;
  const QString history = dir.filePath("h.csv");
  const CliRun run = runCli({"train", "--dataset", "seed-sum", "--loss", "mean_squared_error",
                             "--optimizer", "sgd", "--lr", "50", "--history", history, "--json"});
  QCOMPARE(run.exitCode, 1);
  const QJsonObject result = parseObject(run.out);
  QCOMPARE(result.value("diverged").toBool(), true);
  const QString message = result.value("message").toString();
  QVERIFY2(message.contains("training diverged in epoch 1"), qPrintable(message));
  QVERIFY2(message.contains("lower the learning rate"), qPrintable(message));
  QCOMPARE(result.value("epochs").toInt(), 1);
  // The weights of the last finite step were kept: the metrics are finite.
  QVERIFY(std::isfinite(result.value("final_loss").toDouble()));
  QVERIFY(result.value("r2").isDouble());
  QCOMPARE(run.err, "losslab-cli: error: " + message + "\n");
  QCOMPARE(readCsv(history).size(), 2);  // the diverged epoch's row
}

void TestCliTrain::r2OfOneValidationSampleIsNull() {
  // 5 samples, --val-split 0.2: ⌊5 · 0.8⌋ = 4 train, 1 validates. R² = 1 − SS_res/SS_tot needs
  // the spread of at least two targets: with one it is undefined (null, "—"), not 0 or 1.
  const QString data = file("five.csv", "x,y\n0,1\n1,3\n2,5\n3,7\n4,9\n");
  const CliRun run = runCli({"train", "--dataset", data, "--loss", "mean_squared_error", "--epochs",
                             "2", "--val-split", "0.2", "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  QVERIFY2(result.value("r2").isNull(), qPrintable(run.out));
  QVERIFY(result.value("mae").isDouble());  // MAE and RMSE of one sample are defined
  QVERIFY(result.value("rmse").isDouble());
  const CliRun text = runCli({"train", "--dataset", data, "--loss", "mean_squared_error",
                              "--epochs", "2", "--val-split", "0.2"});
  QVERIFY2(text.out.contains(QStringLiteral("R² —")), qPrintable(text.out));
  // Two validation samples (--val-split 0.4): R² is a number again.
  const CliRun two = runCli({"train", "--dataset", data, "--loss", "mean_squared_error", "--epochs",
                             "2", "--val-split", "0.4", "--json"});
  QVERIFY(parseObject(two.out).value("r2").isDouble());
}

void TestCliTrain::batchLargerThanTheSplitIsOneBatch() {
  // 1,000 samples, 800 train: --batch 10000000 used to size the network's scratch for 1e7
  // samples (8 GB for wide layers). It is the same run as --batch 800, said once on stderr.
  const QStringList common{"train",    "--dataset", "linear",   "--loss", "huber",
                           "--epochs", "3",         "--hidden", "8",      "--json"};
  const CliRun huge = runCli(common + QStringList{"--batch", "10000000"});
  const CliRun exact = runCli(common + QStringList{"--batch", "800"});
  QVERIFY2(huge.exitCode == 0, qPrintable(huge.err));
  QVERIFY2(exact.exitCode == 0, qPrintable(exact.err));
  QCOMPARE(huge.err, QStringLiteral("losslab-cli: warning: --batch 10000000 is more than the 800 "
                                    "training samples: each epoch is one batch of all of them\n"));
  QVERIFY(exact.err.isEmpty());
  QJsonObject a = parseObject(huge.out);
  QJsonObject b = parseObject(exact.out);
  a.remove("epochs_per_s");
  b.remove("epochs_per_s");
  QCOMPARE(a, b);
}

void TestCliTrain::ctrlCStopsAndWritesNothing() {
  // A long run (1e6 epochs) gets SIGINT: it stops within a step, says where, leaves the old
  // history file as it was (no temporary file either) and ends as killed by SIGINT.
  QTemporaryDir dir;
  const QString history = dir.filePath("h.csv");
  QFile old(history);
  QVERIFY(old.open(QIODevice::WriteOnly));
  old.write("old\n");
  old.close();
  QProcess process;
  process.start(QStringLiteral(LOSSLAB_CLI_PATH),
                {"train", "--dataset", "linear", "--loss", "huber", "--epochs", "1000000",
                 "--history", history});
  QVERIFY(process.waitForStarted());
  QTest::qWait(500);
  QCOMPARE(process.state(), QProcess::Running);
  ::kill(static_cast<pid_t>(process.processId()), SIGINT);
  QVERIFY2(process.waitForFinished(5000), "did not stop within 5 s of Ctrl+C");
  QCOMPARE(process.exitStatus(), QProcess::CrashExit);  // ended by the signal, as shells expect
  const QString err = QString::fromUtf8(process.readAllStandardError());
  QVERIFY2(err.startsWith("losslab-cli: training stopped in epoch "), qPrintable(err));
  QVERIFY2(err.contains("losslab-cli: interrupted (files being written were abandoned"),
           qPrintable(err));
  QVERIFY(process.readAllStandardOutput().isEmpty());
  QVERIFY(old.open(QIODevice::ReadOnly));
  QCOMPARE(old.readAll(), QByteArray("old\n"));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"h.csv"});
}

void TestCliTrain::readableSummary() {
  const CliRun run = runCli({"train", "--dataset", "step", "--samples", "100", "--loss", "huber",
                             "--epochs", "2", "--optimizer", "momentum", "--seed", "3"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY2(run.out.contains("data        step: 100 samples, 1 feature, target y "
                            "(80 training, 20 validation)"),
           qPrintable(run.out));
  QVERIFY(run.out.contains("model       1-16-32-1, relu, 609 parameters"));  // 32+544+33
  QVERIFY(run.out.contains("loss        huber (delta=1)"));
  QVERIFY(run.out.contains("optimizer   momentum, lr 0.01, batch 32, seed 3"));  // Keras SGD lr
  QVERIFY(run.out.contains("epochs      2 ("));
  QVERIFY(run.out.contains("validation  MAE "));
  QVERIFY(!run.out.contains("DIVERGED"));
}

void TestCliTrain::help() {
  const CliRun run = runCli({"train", "--help"});
  QCOMPARE(run.exitCode, 0);
  for (const char* text :
       {"Usage: losslab-cli train", "LAST column is the target", "--predictions FILE.csv",
        "(default 32", "(default 0.2)", "default 16,32", "adam (default)", "the exit status is 1",
        "Ctrl+C stops"}) {
    QVERIFY2(run.out.contains(QString::fromUtf8(text)), text);
  }
  const CliRun main = runCli({"--help"});
  QVERIFY(main.out.contains("  train "));
}

void TestCliTrain::errors_data() {
  QTest::addColumn<QStringList>("arguments");  // "@name" is replaced by the path of file name
  QTest::addColumn<int>("exitCode");
  QTest::addColumn<QString>("message");  // expected start of stderr after "losslab-cli: error: "

  const int usage = 2;
  const int data = 1;
  QTest::newRow("bad CSV: file:line:col")
      << QStringList{"train", "--dataset", "@bad", "--loss", "huber"} << data
      << "@bad:3:2: 'x' is not a number";
  QTest::newRow("ragged CSV") << QStringList{"train", "--dataset", "@ragged", "--loss", "huber"}
                              << data << "@ragged:3: line 3 has 1 field, expected 2";
  QTest::newRow("one column: no feature")
      << QStringList{"train", "--dataset", "@single", "--loss", "huber"} << data
      << "@single: the file has 1 column";
  QTest::newRow("unknown target column")
      << QStringList{"train", "--dataset", "@named", "--target", "z", "--loss", "huber"} << usage
      << "no column named 'z' (the table has: a, b, y)";
  QTest::newRow("--target without a header")
      << QStringList{"train", "--dataset", "@good", "--target", "y", "--loss", "huber"} << usage
      << "--target y: '@good' has no header row";
  QTest::newRow("class labels")
      << QStringList{"train", "--dataset", "linear", "--loss", "sparse_categorical_crossentropy"}
      << usage << "'sparse_categorical_crossentropy' takes class labels; train fits one";
  QTest::newRow("extra input") << QStringList{"train", "--dataset", "linear", "--loss",
                                              "margin_ranking"}
                               << usage << "'margin_ranking' needs the extra input 'input2'";
  QTest::newRow("no target") << QStringList{"train", "--dataset", "linear", "--loss",
                                            "triplet_margin"}
                             << usage << "'triplet_margin' takes no target";
  QTest::newRow("unknown data set") << QStringList{"train", "--dataset", "sinus", "--loss", "huber"}
                                    << usage << "--dataset 'sinus' is neither a generated data set";
  QTest::newRow("--noise on a CSV")
      << QStringList{"train", "--dataset", "@good", "--noise", "1", "--loss", "huber"} << usage
      << "--noise applies to generated data sets";
  QTest::newRow("--target on generated data")
      << QStringList{"train", "--dataset", "linear", "--target", "y", "--loss", "huber"} << usage
      << "--target names a column of a CSV data set";
  QTest::newRow("missing --dataset")
      << QStringList{"train", "--loss", "huber"} << usage << "'train' needs --dataset";
  QTest::newRow("missing loss") << QStringList{"train", "--dataset", "linear"} << usage
                                << "'train' needs --loss ID or --expr FORMULA";
  QTest::newRow("unknown optimizer")
      << QStringList{"train", "--dataset", "linear", "--loss", "huber", "--optimizer", "adagrad"}
      << usage << "unknown optimizer 'adagrad'";
  QTest::newRow("learning rate 0")
      << QStringList{"train", "--dataset", "linear", "--loss", "huber", "--lr", "0"} << usage
      << "--lr must be positive";
  QTest::newRow("bad --hidden") << QStringList{"train", "--dataset", "linear", "--loss",
                                               "huber", "--hidden",  "16,,32"}
                                << usage << "--hidden takes widths";
  QTest::newRow("bad --activation")
      << QStringList{"train", "--dataset", "linear", "--loss", "huber", "--activation", "gelu"}
      << usage << "unknown activation 'gelu'";
  QTest::newRow("--val-split 1") << QStringList{"train", "--dataset",   "linear", "--loss",
                                                "huber", "--val-split", "1"}
                                 << usage << "--val-split must be in [0, 1)";
  QTest::newRow("--outliers fraction")
      << QStringList{"train", "--dataset", "linear", "--loss", "huber", "--outliers", "2"} << usage
      << "--outliers: the fraction must be in [0, 1]";
  QTest::newRow("--outliers magnitude")
      << QStringList{"train", "--dataset", "linear", "--loss", "huber", "--outliers", "0.1:big"}
      << usage << "--outliers FRACTION:MAGNITUDE needs a finite number, not 'big'";
  QTest::newRow("--epochs 0") << QStringList{"train", "--dataset", "linear", "--loss",
                                             "huber", "--epochs",  "0"}
                              << usage << "option '--epochs' needs an integer in [1, 1000000]";
  QTest::newRow("history in a missing directory")
      << QStringList{"train", "--dataset", "linear",        "--loss",
                     "huber", "--history", "@missing/h.csv"}
      << usage << "--history '@missing/h.csv': the directory '@missing' does not exist";
}

void TestCliTrain::errors() {
  QFETCH(QStringList, arguments);
  QFETCH(int, exitCode);
  QFETCH(QString, message);
  const QMap<QString, QString> files{
      {"@good", file("err_good.csv", "1,2\n2,4\n3,6\n")},
      {"@named", file("err_named.csv", "a,b,y\n1,2,3\n2,3,5\n")},
      {"@bad", file("err_bad.csv", "1,2\n2,4\n3,x\n")},
      {"@ragged", file("err_ragged.csv", "1,2\n3,4\n5\n")},
      {"@single", file("err_single.csv", "1\n2\n3\n")},
      {"@missing", m_dir.filePath("no_such_directory")},
  };
  auto substitute = [&](QString text) {
    for (auto it = files.begin(); it != files.end(); ++it) {
      text.replace(it.key(), it.value());
    }
    return text;
  };
  QStringList args;
  for (const QString& argument : arguments) {
    args << substitute(argument);
  }
  const CliRun run = runCli(args);
  QCOMPARE(run.exitCode, exitCode);
  QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
  const QString expected = "losslab-cli: error: " + substitute(message);
  QVERIFY2(run.err.startsWith(expected),
           qPrintable(QStringLiteral("stderr: %1\nexpected start: %2").arg(run.err, expected)));
  QCOMPARE(run.err.count('\n'), 1);  // one line
}

QTEST_MAIN(TestCliTrain)
#include "tst_cli_train.moc"
