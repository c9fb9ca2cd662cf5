// SPDX-License-Identifier: GPL-3.0-or-later
// Training session files in the GUI (issues 5 and 10): a reloaded session retrains to the same
// numbers (single and compare mode, generated and CSV data), files of LossLab 0.1 still open, the
// CLI command of the model reproduces the run, and a bad file — or one whose CSV leaves no
// training sample — says what is wrong and changes nothing.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "core/training/session_file.h"
#include "core/training/train_command.h"
#include "tests/cli_runner.h"
#include "ui/common/settings.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  QCOMPARE(file.write(bytes), bytes.size());
}

QString jsonText(const TrainingConfig& c) {
  return QString::fromStdString(sessionToJson(c));
}

QStringList cliArguments(const TrainingConfig& c, const LossChoice& loss) {
  QStringList args;
  for (const std::string& word : trainArguments(c, loss)) {
    args << QString::fromStdString(word);
  }
  return args;
}

/// The numbers `losslab-cli train … --json` prints for `loss` on `c`.
QJsonObject cliResult(const TrainingConfig& c, const LossChoice& loss) {
  const test::CliRun run = test::runCli(cliArguments(c, loss) << QStringLiteral("--json"));
  if (run.exitCode != 0) {
    qWarning("losslab-cli failed (%d): %s", run.exitCode, qPrintable(run.err));
    return {};
  }
  return test::parseObject(run.out);
}

/// 50 rows without a header: a, a², 1 − a, 3a − 1.
QByteArray headerlessCsv() {
  QByteArray text;
  for (int i = 0; i < 50; ++i) {
    const double a = i / 50.0;
    text += QByteArray::number(a) + ',' + QByteArray::number(a * a) + ',' +
            QByteArray::number(1 - a) + ',' + QByteArray::number(3 * a - 1) + '\n';
  }
  return text;
}

}  // namespace

class TestTrainingSession : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void defaultsAreAFreshView();
  void reloadedSessionRetrainsIdentically_data();
  void reloadedSessionRetrainsIdentically();
  void csvSessionReloadsRelativeToItsFile();
  void filesOfVersionOneOpenAndMatchTheCli();
  void cliReproducesTheRun();
  void cliCommandOfAHeaderlessCsvRuns();
  void badFilesNameTheProblemAndChangeNothing_data();
  void badFilesNameTheProblemAndChangeNothing();
  void sessionWithoutTrainingSamplesChangesNothing();

 private:
  static TrainingConfig unusualConfig();
  QTemporaryDir m_dir;
};

void TestTrainingSession::initTestCase() {
  QVERIFY(m_dir.isValid());
  Settings::setEphemeral(true);
}

TrainingConfig TestTrainingSession::unusualConfig() {
  // Every field away from its default, so a field that is not saved or not applied shows.
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 240;
  c.data.noise = 0.3;
  c.data.outlierFraction = 0.05;
  c.data.outlierMagnitude = 7;
  c.data.validationSplit = 0.25;
  c.seed = 9007199254740991ull;  // 2^53 − 1, the CLI's largest seed minus one
  c.network = {{8, 6}, Activation::Tanh};
  c.optimizer = {TrainingOptimizer::Sgd, 0.05, 16};
  c.epochs = 40;
  c.loss = {"huber", {{"delta", 0.7}}, {}};
  // Ticked while the mode is off; log-cosh colours the points when it is on.
  c.compareLosses = {
      {"mean_absolute_error", {}, {}}, {"log_cosh", {}, {}}, {"huber", {{"delta", 0.7}}, {}}};
  c.focus = "log_cosh";
  return c;
}

void TestTrainingSession::defaultsAreAFreshView() {
  TrainingView view;
  QCOMPARE(jsonText(view.session()), jsonText(TrainingConfig{}));
}

void TestTrainingSession::reloadedSessionRetrainsIdentically_data() {
  QTest::addColumn<bool>("compare");
  QTest::newRow("single loss") << false;
  QTest::newRow("compare mode (MAE, log-cosh, Huber δ = 0.7)") << true;
}

void TestTrainingSession::reloadedSessionRetrainsIdentically() {
  QFETCH(bool, compare);
  TrainingConfig s = unusualConfig();
  s.compare = compare;
  const int runs = compare ? 3 : 1;
  const QString path = m_dir.filePath(QStringLiteral("session.json"));
  TrainingView original;
  QString error;
  QVERIFY2(original.applySession(s, &error), qPrintable(error));
  QCOMPARE(jsonText(original.session()), jsonText(s));  // the model holds what was applied
  QCOMPARE(original.controller()->losses().size(), std::size_t(runs));
  QVERIFY2(original.saveSession(path, &error), qPrintable(error));
  QVERIFY(original.trainEpochsBlocking(5));

  TrainingView reloaded;
  QVERIFY2(reloaded.loadSession(path, &error), qPrintable(error));
  QCOMPARE(jsonText(reloaded.session()), jsonText(s));
  QVERIFY(reloaded.trainEpochsBlocking(5));
  // Same data, split, weights, batches and loss parameters: the same numbers, bit for bit.
  for (int run = 0; run < runs; ++run) {
    QCOMPARE(reloaded.historyLength(run), 5);
    QCOMPARE(reloaded.latestEpoch(run).loss, original.latestEpoch(run).loss);
    QCOMPARE(reloaded.latestEpoch(run).train.loss, original.latestEpoch(run).train.loss);
    QCOMPARE(reloaded.latestEpoch(run).validation.mae, original.latestEpoch(run).validation.mae);
  }
  // A different seed really gives other numbers (so the comparisons above can fail).
  TrainingConfig other = s;
  other.seed = 4;
  TrainingView different;
  QVERIFY(different.applySession(other, &error));
  QVERIFY(different.trainEpochsBlocking(5));
  QVERIFY(different.latestEpoch(0).train.loss != original.latestEpoch(0).train.loss);
}

void TestTrainingSession::csvSessionReloadsRelativeToItsFile() {
  // An imported CSV is stored by path; a relative path is read next to the session file.
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  QByteArray text = "a,b,t\n";
  for (int i = 0; i < 60; ++i) {
    const double a = i / 60.0;
    text += QByteArray::number(a) + ',' + QByteArray::number(a * a) + ',' +
            QByteArray::number(3 * a - 1) + '\n';
  }
  writeFile(dir.filePath(QStringLiteral("points.csv")), text);
  TrainingView original;
  QVERIFY(original.importCsv(dir.filePath(QStringLiteral("points.csv")), QStringLiteral("t"),
                             {QStringLiteral("a")}));
  TrainingConfig s = original.session();
  QCOMPARE(s.data.source, DataConfig::Source::Csv);
  QCOMPARE(s.data.csvTarget, std::string());  // the last column: the default, left unsaid
  QCOMPARE(s.data.csvFeatures, std::vector<std::string>{"a"});
  s.data.csvPath = "points.csv";
  writeFile(dir.filePath(QStringLiteral("csv.json")), QByteArray::fromStdString(sessionToJson(s)));
  QVERIFY(original.trainEpochsBlocking(3));

  TrainingView reloaded;
  QString error;
  QVERIFY2(reloaded.loadSession(dir.filePath(QStringLiteral("csv.json")), &error),
           qPrintable(error));
  QVERIFY(!reloaded.controller()->isSynthetic());
  QCOMPARE(reloaded.controller()->dataset().size(), Eigen::Index{60});
  QCOMPARE(reloaded.controller()->dataset().featureCount(), Eigen::Index{1});
  QVERIFY(reloaded.trainEpochsBlocking(3));
  QCOMPARE(reloaded.latestEpoch(0).train.loss, original.latestEpoch(0).train.loss);
}

void TestTrainingSession::filesOfVersionOneOpenAndMatchTheCli() {
  // Files written by LossLab 0.1's Qt writer open in the GUI and train to the numbers LossLab
  // 0.1 showed for them (recorded with it when the files were written: training loss and
  // validation MAE after 3 epochs, per run) — a headerless CSV with a chosen subset of
  // features included. Each run also matches what the CLI prints for the same configuration.
  struct Expected {
    const char* file;
    std::vector<std::pair<double, double>> runs;  // (train loss, validation MAE)
  };
  const Expected expected[] = {
      {"v1_default.json", {{0.051535731347286444, 0.1683300493157984}}},
      {"v1_compare.json",
       {{0.644058371185534, 0.50866096310161846},
        {0.39990398749040568, 0.53887646882235429},
        {0.31819013782156574, 0.5556184792479042}}},
      {"v1_headerless_csv.json", {{0.44669391507784639, 0.63807092815696131}}},
  };
  for (const Expected& e : expected) {
    const QString path = QStringLiteral(LOSSLAB_TEST_DATA_DIR "/sessions/") + QLatin1String(e.file);
    TrainingView view;
    QString error;
    QVERIFY2(view.loadSession(path, &error), qPrintable(error));
    QVERIFY(view.trainEpochsBlocking(3));
    const TrainingConfig c = view.session();
    const std::vector<LossChoice> losses = c.trainedLosses();
    QCOMPARE(losses.size(), e.runs.size());
    TrainingConfig short3 = c;
    short3.epochs = 3;
    for (std::size_t run = 0; run < losses.size(); ++run) {
      const EpochStats stats = view.latestEpoch(static_cast<int>(run));
      QCOMPARE(stats.train.loss, e.runs[run].first);
      QCOMPARE(stats.validation.mae, e.runs[run].second);
      if (c.data.source == DataConfig::Source::Csv) {
        continue;  // the CLI's column options: tst_cli_train_session
      }
      const QJsonObject cli = cliResult(short3, losses[run]);
      QVERIFY2(!cli.isEmpty(), e.file);
      QCOMPARE(cli.value(QStringLiteral("epochs")).toInt(), 3);
      QCOMPARE(cli.value(QStringLiteral("final_loss")).toDouble(), stats.train.loss);
      QCOMPARE(cli.value(QStringLiteral("mae")).toDouble(), stats.validation.mae);
    }
  }
}

void TestTrainingSession::cliReproducesTheRun() {
  // The Training tab and losslab-cli train, given the model's command, report the same numbers
  // to the last bit.
  TrainingConfig s = unusualConfig();
  s.epochs = 5;
  TrainingView view;
  QString error;
  QVERIFY2(view.applySession(s, &error), qPrintable(error));
  QVERIFY(view.trainEpochsBlocking(5));
  const QJsonObject result = cliResult(view.session(), view.session().loss);
  QCOMPARE(result.value(QStringLiteral("epochs")).toInt(), 5);
  // The CLI prints shortest round-trip numbers: the double reads back exactly.
  QCOMPARE(result.value(QStringLiteral("final_loss")).toDouble(), view.latestEpoch(0).train.loss);
  QCOMPARE(result.value(QStringLiteral("val_loss")).toDouble(),
           view.latestEpoch(0).validation.loss);
  QCOMPARE(result.value(QStringLiteral("mae")).toDouble(), view.latestEpoch(0).validation.mae);
  QVERIFY(view.cliCommands().startsWith(QStringLiteral("losslab-cli train --dataset linear ")));
  QVERIFY(view.cliCommands().contains(QStringLiteral("--param delta=0.7 ")));
}

void TestTrainingSession::cliCommandOfAHeaderlessCsvRuns() {
  // Before: "Copy as losslab-cli Command" for a CSV without a header said --target 'column 4'
  // (the GUI's name for it), which the CLI refuses. The default columns need no option at all.
  const QString csv = m_dir.filePath(QStringLiteral("headerless.csv"));
  writeFile(csv, headerlessCsv());
  TrainingView view;
  QVERIFY(view.importCsv(
      csv, QStringLiteral("column 4"),
      {QStringLiteral("column 1"), QStringLiteral("column 2"), QStringLiteral("column 3")}));
  QVERIFY(!view.cliCommands().contains(QStringLiteral("--target")));
  QVERIFY(!view.cliCommands().contains(QStringLiteral("column")));
  QVERIFY(view.trainEpochsBlocking(3));
  TrainingConfig c = view.session();
  c.epochs = 3;
  const QJsonObject result = cliResult(c, c.loss);
  QVERIFY(!result.isEmpty());
  QCOMPARE(result.value(QStringLiteral("final_loss")).toDouble(), view.latestEpoch(0).train.loss);
}

void TestTrainingSession::badFilesNameTheProblemAndChangeNothing_data() {
  QTest::addColumn<QByteArray>("json");
  QTest::addColumn<QString>("message");
  TrainingConfig on = unusualConfig();
  on.compare = true;
  const QByteArray good = QByteArray::fromStdString(sessionToJson(on));
  auto replaced = [&](const char* from, const char* to) {
    QByteArray copy = good;
    return copy.replace(from, to);
  };
  QTest::newRow("not JSON") << QByteArray("{\"format\": ") << "not valid JSON";
  QTest::newRow("another format") << replaced("losslab-session", "other")
                                  << "not a LossLab session";
  QTest::newRow("absurd lr") << replaced("\"lr\": 0.05", "\"lr\": 1e9") << "\"optimizer.lr\"";
  // Checked when the session is applied: the losses the view can train, their parameters.
  QTest::newRow("unknown loss") << replaced("\"id\": \"mean_absolute_error\"", "\"id\": \"mae2\"")
                                << "\"compare.losses[0].id\": unknown loss";
  QTest::newRow("parameter out of range")
      << replaced("\"delta\": 0.7", "\"delta\": -3") << "\"loss.params\": ";
  QTest::newRow("unknown parameter")
      << replaced("\"delta\": 0.7", "\"deltx\": 0.7") << "unknown parameter 'deltx'";
  QTest::newRow("a classification loss")
      << replaced("\"id\": \"mean_absolute_error\"", "\"id\": \"sparse_categorical_crossentropy\"")
      << "\"compare.losses[0].id\": 'sparse_categorical_crossentropy' takes class labels";
  QTest::newRow("a custom loss nobody knows")
      << replaced("\"id\": \"mean_absolute_error\"", "\"id\": \"custom:gone\"")
      << "\"gone\" is not in your library";
  QTest::newRow("a missing CSV") << replaced(
                                        "\"kind\": \"linear\"",
                                        "\"kind\": \"csv\", \"csv_path\": \"/nonexistent.csv\"")
                                 << "the current data set is kept";
}

void TestTrainingSession::badFilesNameTheProblemAndChangeNothing() {
  QFETCH(QByteArray, json);
  QFETCH(QString, message);
  const QString path = m_dir.filePath(QStringLiteral("bad.json"));
  writeFile(path, json);
  TrainingView view;
  const QString before = jsonText(view.session());
  QVERIFY(view.trainEpochsBlocking(1));
  const std::vector<LossPtr> losses = view.controller()->losses();
  QString error;
  QVERIFY(!view.loadSession(path, &error));
  QVERIFY2(error.contains(message), qPrintable(error));
  QVERIFY2(error.startsWith(QStringLiteral("bad.json: ")), qPrintable(error));  // says which file
  QCOMPARE(jsonText(view.session()), before);
  QVERIFY(view.controller()->losses() == losses);
  QCOMPARE(view.historyLength(0), 1);  // the run in progress is untouched
  QVERIFY(view.trainEpochsBlocking(1));
  QCOMPARE(view.latestEpoch(0).epoch, 2);
}

void TestTrainingSession::sessionWithoutTrainingSamplesChangesNothing() {
  // Before: a session whose CSV left no training sample applied the split to the old data,
  // kept the old data set and returned success.
  QTemporaryDir dir;
  writeFile(dir.filePath(QStringLiteral("tiny.csv")), "x,y\n1,2\n2,3\n3,4\n4,5\n5,6\n");
  TrainingConfig s;
  s.data.source = DataConfig::Source::Csv;
  s.data.csvPath = "tiny.csv";
  s.data.validationSplit = 0.9;  // ⌊5 · 0.1⌋ = 0 training samples
  const QString path = dir.filePath(QStringLiteral("tiny.json"));
  writeFile(path, QByteArray::fromStdString(sessionToJson(s)));
  TrainingView view;
  QVERIFY(view.trainEpochsBlocking(2));
  const QString before = jsonText(view.session());
  const Dataset data = view.controller()->dataset();
  QString error;
  QVERIFY(!view.loadSession(path, &error));
  QVERIFY2(error.startsWith(QStringLiteral("tiny.json: ")), qPrintable(error));
  QVERIFY2(error.contains(QStringLiteral("none is left for training")), qPrintable(error));
  QCOMPARE(jsonText(view.session()), before);
  QCOMPARE(view.controller()->config().data.validationSplit, 0.2);  // the split was not applied
  QVERIFY(view.controller()->dataset().x == data.x && view.controller()->dataset().y == data.y);
  QCOMPARE(view.historyLength(0), 2);
}

QTEST_MAIN(TestTrainingSession)
#include "tst_training_session.moc"
