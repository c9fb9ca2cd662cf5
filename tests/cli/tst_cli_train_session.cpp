// SPDX-License-Identifier: GPL-3.0-or-later
// Sessions from the CLI (issue 10 item 7): `losslab-cli train --session FILE` replays a session
// the GUI wrote (its files of LossLab 0.1, and files written now by the session writer from a
// TrainingConfig as the Training tab does) to the numbers the GUI recorded, the in-process
// Trainer gives and a plain `train` with the GUI's command line gives — bit for bit, a CSV
// without a header and a chosen subset of feature columns included; `--save-session` writes a
// file the session reader turns back into the configuration of the flags.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/training/session_file.h"
#include "core/training/train_command.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"
#include "tests/cli_runner.h"

using namespace losslab;
using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

namespace {

const QString kSessions = QStringLiteral(LOSSLAB_TEST_DATA_DIR "/sessions/");

/// The JSON objects of a run, one per line.
QList<QJsonObject> objects(const CliRun& run) {
  QList<QJsonObject> list;
  for (const QString& line : run.out.split('\n', Qt::SkipEmptyParts)) {
    list << parseObject(line);
  }
  return list;
}

/// The GUI's command line for `loss` on `c` (core/training/train_command.h), as arguments.
QStringList guiCommand(const TrainingConfig& c, const LossChoice& loss) {
  QStringList args;
  for (const std::string& word : trainArguments(c, loss)) {
    args << QString::fromStdString(word);
  }
  return args;
}

/// What the Trainer gives in process: (training-split loss, validation MAE) after c.epochs.
std::pair<double, double> inProcess(const TrainingConfig& c, const LossChoice& loss) {
  Trainer trainer(makeTrainingData(c), mlpOptions(c), createLoss(loss), trainOptions(c));
  trainer.run(c.epochs);
  return {trainer.metrics(Trainer::Set::Train).loss, trainer.metrics(Trainer::Set::Validation).mae};
}

/// 40 rows without a header: a, a², 1 − a, 3a − 1 + small wiggle (4 columns).
QString headerlessCsv() {
  QString text;
  for (int i = 0; i < 40; ++i) {
    const double a = i / 40.0;
    text += QString::number(a) + ',' + QString::number(a * a) + ',' + QString::number(1 - a) + ',' +
            QString::number(3 * a - 1 + 0.1 * ((i * 7) % 5 - 2)) + '\n';
  }
  return text;
}

}  // namespace

class TestCliTrainSession : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void replaysTheGuisFiles();
  void replaysAFileOfTheSessionWriter_data();
  void replaysAFileOfTheSessionWriter();
  void savedSessionReadsBackAsTheFlags();
  void savedCsvSessionIsCanonicalAndReplays();
  void optionsOverrideTheSession();
  void errors_data();
  void errors();

 private:
  QTemporaryDir m_dir;
};

void TestCliTrainSession::initTestCase() {
  QVERIFY(m_dir.isValid());
  QVERIFY2(QFile::exists(QStringLiteral(LOSSLAB_CLI_PATH)), LOSSLAB_CLI_PATH);
}

void TestCliTrainSession::replaysTheGuisFiles() {
  // Files LossLab 0.1's GUI wrote, with the numbers it showed after 3 epochs (training loss,
  // validation MAE; recorded then, see tests/ui/tst_training_session.cpp) — the headerless CSV
  // with features "column 1", "column 3" and target "column 4" included. A compare session
  // gives one line per loss, in the session's order.
  struct Expected {
    const char* file;
    std::vector<std::pair<const char*, std::pair<double, double>>> runs;
  };
  const Expected expected[] = {
      {"v1_default.json", {{"mean_squared_error", {0.051535731347286444, 0.1683300493157984}}}},
      {"v1_compare.json",
       {{"mean_absolute_error", {0.644058371185534, 0.50866096310161846}},
        {"log_cosh", {0.39990398749040568, 0.53887646882235429}},
        {"huber", {0.31819013782156574, 0.5556184792479042}}}},
      {"v1_headerless_csv.json",
       {{"mean_squared_error", {0.44669391507784639, 0.63807092815696131}}}},
  };
  for (const Expected& e : expected) {
    const CliRun run =
        runCli({"train", "--session", kSessions + e.file, "--epochs", "3", "--json"});
    QVERIFY2(run.exitCode == 0, qPrintable(e.file + (": " + run.err)));
    const QList<QJsonObject> results = objects(run);
    QCOMPARE(results.size(), static_cast<qsizetype>(e.runs.size()));
    for (std::size_t i = 0; i < e.runs.size(); ++i) {
      const QJsonObject& r = results[static_cast<qsizetype>(i)];
      QCOMPARE(r.value("epochs").toInt(), 3);
      QCOMPARE(r.value("final_loss").toDouble(), e.runs[i].second.first);
      QCOMPARE(r.value("mae").toDouble(), e.runs[i].second.second);
      if (e.runs.size() > 1) {
        QCOMPARE(r.value("loss").toString(), QString::fromLatin1(e.runs[i].first));
      } else {
        QVERIFY(!r.contains("loss"));  // a single run keeps train's keys
      }
    }
  }
}

void TestCliTrainSession::replaysAFileOfTheSessionWriter_data() {
  QTest::addColumn<bool>("csv");
  QTest::newRow("generated, huber δ, linear model") << false;
  QTest::newRow("headerless CSV, target column 2, features 4 and 1") << true;
}

void TestCliTrainSession::replaysAFileOfTheSessionWriter() {
  // A configuration written as the Training tab writes it (sessionToJson), replayed by the CLI,
  // trained in process and trained by the GUI's command line: the same doubles, three ways.
  QFETCH(bool, csv);
  TrainingConfig c;
  c.seed = 41;
  c.epochs = 4;
  c.optimizer = {TrainingOptimizer::RmsProp, 0.003, 8};
  c.data.validationSplit = 0.25;
  c.network = {{5, 3}, Activation::Tanh};
  if (csv) {
    c.data.source = DataConfig::Source::Csv;
    c.data.csvPath =
        test::writeTextFile(m_dir.path(), QStringLiteral("headerless.csv"), headerlessCsv())
            .toStdString();
    c.data.csvTarget = "column 2";  // not the last one: the command line must name it
    c.data.csvFeatures = {"column 4", "column 1"};
    c.loss = {"log_cosh", {}, {}};
  } else {
    c.data.generator = DatasetKind::Linear;
    c.data.samples = 120;
    c.data.noise = 0.2;
    c.data.outlierFraction = 0.1;
    c.data.outlierMagnitude = 6;
    c.network.hidden.clear();
    c.loss = {"huber", {{"delta", 0.7}}, {}};
    c.compareLosses[2] = c.loss;  // one id, one set of parameters
  }
  QVERIFY2(fullConfigProblem(c).empty(), fullConfigProblem(c).c_str());
  const QString path = m_dir.filePath(csv ? "writer_csv.json" : "writer_gen.json");
  test::writeTextFile(m_dir.path(), QFileInfo(path).fileName(),
                      QString::fromStdString(sessionToJson(c)));

  const CliRun replay = runCli({"train", "--session", path, "--json"});
  QVERIFY2(replay.exitCode == 0, qPrintable(replay.err));
  const QJsonObject r = parseObject(replay.out);
  const CliRun plain = runCli(guiCommand(c, c.loss) << "--json");
  QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
  const QJsonObject p = parseObject(plain.out);
  const auto [trainLoss, validationMae] = inProcess(c, c.loss);
  QCOMPARE(r.value("epochs").toInt(), 4);
  QCOMPARE(r.value("final_loss").toDouble(), trainLoss);
  QCOMPARE(r.value("mae").toDouble(), validationMae);
  for (const char* key : {"epochs", "final_loss", "val_loss", "mae", "rmse", "r2"}) {
    QCOMPARE(r.value(key), p.value(key));
  }
}

void TestCliTrainSession::savedSessionReadsBackAsTheFlags() {
  // Every training flag lands in its field: the file reads back as the configuration below,
  // built by hand. The compared huber takes the trained huber's δ (one id, one set).
  const QString path = m_dir.filePath("saved_gen.json");
  const QStringList flags{"train",       "--dataset",   "heteroscedastic",
                          "--samples",   "300",         "--noise",
                          "0.3",         "--outliers",  "0.05:8",
                          "--loss",      "huber",       "--param",
                          "delta=0.3",   "--optimizer", "momentum",
                          "--lr",        "0.02",        "--batch",
                          "16",          "--epochs",    "6",
                          "--hidden",    "7,3",         "--activation",
                          "sigmoid",     "--seed",      "77",
                          "--val-split", "0.3",         "--json"};
  const CliRun run = runCli(QStringList(flags) << "--save-session" << path);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  TrainingConfig expected;
  expected.data.generator = DatasetKind::Heteroscedastic;
  expected.data.samples = 300;
  expected.data.noise = 0.3;
  expected.data.outlierFraction = 0.05;
  expected.data.outlierMagnitude = 8;
  expected.data.validationSplit = 0.3;
  expected.network = {{7, 3}, Activation::Sigmoid};
  expected.optimizer = {TrainingOptimizer::Momentum, 0.02, 16};
  expected.epochs = 6;
  expected.seed = 77;
  expected.loss = {"huber", {{"delta", 0.3}}, {}};
  expected.compareLosses[2] = expected.loss;
  const TrainingConfig read = readSessionFile(path.toStdString());
  QCOMPARE(sessionToJson(read), sessionToJson(expected));  // readable when it fails
  QVERIFY(read == expected);
  // Replaying the file gives the run that wrote it.
  QJsonObject first = parseObject(run.out);
  QJsonObject again = parseObject(runCli({"train", "--session", path, "--json"}).out);
  first.remove("epochs_per_s");
  again.remove("epochs_per_s");
  QCOMPARE(again, first);
  QCOMPARE(QDir(m_dir.path()).entryList({"saved_gen*"}, QDir::Files | QDir::Hidden),
           QStringList{"saved_gen.json"});  // written atomically: no temporary left

  // Defaults: the CLI's (1,000 samples, Adam at Keras' 0.001, 100 epochs, …), written out.
  const QString defaults = m_dir.filePath("saved_defaults.json");
  QCOMPARE(runCli({"train", "--dataset", "sine", "--loss", "mean_absolute_error", "--epochs", "1",
                   "--save-session", defaults})
               .exitCode,
           0);
  const TrainingConfig d = readSessionFile(defaults.toStdString());
  QCOMPARE(d.data.samples, Eigen::Index{1000});
  QCOMPARE(d.data.noise, 0.0);
  QCOMPARE(d.data.outlierMagnitude, 10.0);
  QCOMPARE(d.optimizer.learningRate, 0.001);
  QCOMPARE(d.network.hidden, (std::vector<Eigen::Index>{16, 32}));
  QCOMPARE(d.loss.id, std::string("mean_absolute_error"));
  QVERIFY(!d.compare);
}

void TestCliTrainSession::savedCsvSessionIsCanonicalAndReplays() {
  // A headerless CSV with --target 4 (the last column: the default, so the file stores none)
  // and --features 3,1 (a subset, stored by name in that order); the path made absolute, so the
  // file opens from anywhere. A formula loss is stored with its source.
  const QString data =
      test::writeTextFile(m_dir.path(), QStringLiteral("cols.csv"), headerlessCsv());
  const QString path = m_dir.filePath("saved_csv.json");
  const QStringList flags{"train",      "--dataset", data,     "--target",    "4",
                          "--features", "3,1",       "--expr", "k*square(r)", "--param",
                          "k=0.5",      "--epochs",  "3",      "--json"};
  const CliRun run = runCli(QStringList(flags) << "--save-session" << path);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const TrainingConfig read = readSessionFile(path.toStdString());
  QCOMPARE(read.data.source, DataConfig::Source::Csv);
  QCOMPARE(QString::fromStdString(read.data.csvPath), QFileInfo(data).absoluteFilePath());
  QCOMPARE(read.data.csvTarget, std::string());
  QCOMPARE(read.data.csvFeatures, (std::vector<std::string>{"column 3", "column 1"}));
  QCOMPARE(read.loss.formula, std::string("k*square(r)"));
  QCOMPARE(read.loss.params, (ParamValues{{"k", 0.5}}));
  QVERIFY(isCustomLossId(read.loss.id));
  // The in-process Trainer on what was read, and the replay, give the numbers of the first run.
  const QJsonObject first = parseObject(run.out);
  const auto [trainLoss, validationMae] = inProcess(read, read.loss);
  QCOMPARE(first.value("final_loss").toDouble(), trainLoss);
  QCOMPARE(first.value("mae").toDouble(), validationMae);
  const QJsonObject again = parseObject(runCli({"train", "--session", path, "--json"}).out);
  QCOMPARE(again.value("final_loss"), first.value("final_loss"));
  QCOMPARE(again.value("mae"), first.value("mae"));
}

void TestCliTrainSession::optionsOverrideTheSession() {
  const QString session = kSessions + "v1_compare.json";
  // --loss picks one of the compared losses, with the session's δ = 0.7: the numbers of that
  // line of the full replay.
  const QList<QJsonObject> all =
      objects(runCli({"train", "--session", session, "--epochs", "2", "--json"}));
  QCOMPARE(all.size(), 3);
  const CliRun huber =
      runCli({"train", "--session", session, "--epochs", "2", "--loss", "huber", "--json"});
  QVERIFY2(huber.exitCode == 0, qPrintable(huber.err));
  const QJsonObject one = parseObject(huber.out);
  QCOMPARE(one.value("final_loss"), all[2].value("final_loss"));
  QVERIFY(!one.contains("loss"));
  // --param changes δ; --lr changes the learning rate: other numbers.
  const QJsonObject delta = parseObject(runCli({"train", "--session", session, "--epochs", "2",
                                                "--loss", "huber", "--param", "delta=2", "--json"})
                                            .out);
  QVERIFY(delta.value("final_loss").toDouble() != one.value("final_loss").toDouble());
  // A session of a single loss takes --param for its loss, keeping its other values.
  TrainingConfig c = readSessionFile((kSessions + "v1_default.json").toStdString());
  c.epochs = 2;
  c.loss = {"huber", {{"delta", 0.25}}, {}};
  c.compareLosses[2] = c.loss;
  const QString written = m_dir.filePath("override.json");
  test::writeTextFile(m_dir.path(), "override.json", QString::fromStdString(sessionToJson(c)));
  const QJsonObject viaParam = parseObject(
      runCli({"train", "--session", written, "--param", "delta=0.5", "--lr", "0.02", "--json"})
          .out);
  c.loss.params["delta"] = 0.5;
  c.optimizer.learningRate = 0.02;
  QCOMPARE(viaParam.value("final_loss").toDouble(), inProcess(c, c.loss).first);
}

void TestCliTrainSession::errors_data() {
  QTest::addColumn<QStringList>("arguments");  // "@csv" / "@dir" are replaced
  QTest::addColumn<int>("exitCode");
  QTest::addColumn<QString>("message");

  const int usage = 2;
  const int data = 1;
  const QString compare = kSessions + "v1_compare.json";
  QTest::newRow("no --dataset and no --session")
      << QStringList{"train", "--loss", "huber"} << usage << "'train' needs --dataset";
  QTest::newRow("--features on generated data")
      << QStringList{"train", "--dataset", "linear", "--features", "x", "--loss", "huber"} << usage
      << "--features names a column of a CSV data set";
  QTest::newRow("unknown feature column")
      << QStringList{"train", "--dataset", "@csv", "--features", "9", "--loss", "huber"} << usage
      << "--features 9: '@csv' has no header row";
  QTest::newRow("save from standard input")
      << QStringList{"train", "--dataset", "-", "--loss", "huber", "--save-session", "@dir/s.json"}
      << usage << "--save-session: a session names its CSV file";
  QTest::newRow("save outside the session ranges")
      << QStringList{"train",  "--dataset", "linear",         "--samples",  "300000",
                     "--loss", "huber",     "--save-session", "@dir/s.json"}
      << usage << "--save-session: the run is outside what a session file holds: \"data.samples\"";
  QTest::newRow("session that is not JSON")
      << QStringList{"train", "--session", "@csv"} << data << "err.csv: not valid JSON";
  QTest::newRow("missing session file") << QStringList{"train", "--session", "@dir/none.json"}
                                        << usage << "cannot open '@dir/none.json'";
  QTest::newRow("history of a compare session")
      << QStringList{"train", "--session", compare, "--history", "@dir/h.csv"} << usage
      << "--history: the session compares 3 losses; pick one with --loss ID";
  QTest::newRow("--param on a compare session")
      << QStringList{"train", "--session", compare, "--param", "delta=1"} << usage
      << "--param: the session compares 3 losses";
}

void TestCliTrainSession::errors() {
  QFETCH(QStringList, arguments);
  QFETCH(int, exitCode);
  QFETCH(QString, message);
  const QString csv = test::writeTextFile(m_dir.path(), "err.csv", "1,2\n2,4\n3,6\n");
  auto substitute = [&](QString text) {
    return text.replace("@csv", csv).replace("@dir", m_dir.path());
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
  QVERIFY(!QFile::exists(m_dir.filePath("s.json")));
}

QTEST_MAIN(TestCliTrainSession)
#include "tst_cli_train_session.moc"
