// SPDX-License-Identifier: GPL-3.0-or-later
// Training session files (issue 5): JSON round trips, a reloaded session retrains to the same
// numbers (single and compare mode, generated and CSV data), the CLI reproduces a session's
// run, and a bad file says what is wrong (the key) and changes nothing.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "ui/common/settings.h"
#include "ui/training/training_session.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  QCOMPARE(file.write(bytes), bytes.size());
}

QString jsonText(const TrainingSession& s) {
  return QString::fromUtf8(sessionToJson(s));
}

}  // namespace

class TestTrainingSession : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void jsonRoundTrip();
  void absentKeysTakeDefaults();
  void defaultsAreAFreshView();
  void reloadedSessionRetrainsIdentically_data();
  void reloadedSessionRetrainsIdentically();
  void csvSessionReloadsRelativeToItsFile();
  void cliReproducesTheRun();
  void badFilesNameTheProblemAndChangeNothing_data();
  void badFilesNameTheProblemAndChangeNothing();

 private:
  static TrainingSession unusualSession();
  QTemporaryDir m_dir;
};

void TestTrainingSession::initTestCase() {
  QVERIFY(m_dir.isValid());
  Settings::setEphemeral(true);
}

TrainingSession TestTrainingSession::unusualSession() {
  // Every field away from its default, so a field that is not saved or not applied shows.
  TrainingSession s;
  s.dataset = QStringLiteral("linear");
  s.samples = 240;
  s.noise = 0.3;
  s.outlierFraction = 0.05;
  s.outlierMagnitude = 7;
  s.validationSplit = 0.25;
  s.seed = 9007199254740991ull;  // 2^53 − 1, the CLI's largest seed minus one
  s.hidden = {8, 6};
  s.activation = QStringLiteral("tanh");
  s.optimizer = QStringLiteral("sgd");
  s.learningRate = 0.05;
  s.batchSize = 16;
  s.epochs = 40;
  s.loss = {QStringLiteral("huber"), {{"delta", 0.7}}};
  // Ticked while the mode is off; log-cosh colours the points when it is on.
  s.compareLosses = {{QStringLiteral("mean_absolute_error"), {}},
                     {QStringLiteral("log_cosh"), {}},
                     {QStringLiteral("huber"), {{"delta", 0.7}}}};
  s.focus = QStringLiteral("log_cosh");
  return s;
}

void TestTrainingSession::jsonRoundTrip() {
  TrainingSession s = unusualSession();
  s.compare = true;
  QString error;
  const auto back = sessionFromJson(sessionToJson(s), &error);
  QVERIFY2(back.has_value(), qPrintable(error));
  QVERIFY(*back == s);
  QVERIFY(sessionToJson(s).contains("\"seed\": \"9007199254740991\""));
  // The struct really compares every field (so the QVERIFY above can fail).
  TrainingSession other = s;
  other.compareLosses[2].params["delta"] = 0.5;
  QVERIFY(!(other == s));
}

void TestTrainingSession::absentKeysTakeDefaults() {
  // A hand-written file gives only what it changes; a loss may be a bare id.
  QString error;
  const auto minimal = sessionFromJson(R"({"format": "losslab-session", "version": 1})", &error);
  QVERIFY2(minimal.has_value(), qPrintable(error));
  QVERIFY(*minimal == TrainingSession{});
  const auto some = sessionFromJson(
      R"({"format": "losslab-session", "version": 1, "seed": 42, "optimizer": {"lr": 0.5},
          "compare": {"on": true, "losses": ["huber", "log_cosh"]}})",
      &error);
  QVERIFY2(some.has_value(), qPrintable(error));
  TrainingSession expected;
  expected.seed = 42;
  expected.learningRate = 0.5;
  expected.compare = true;
  expected.compareLosses = {{QStringLiteral("huber"), {}}, {QStringLiteral("log_cosh"), {}}};
  expected.focus = QStringLiteral("huber");  // the first compared loss
  QVERIFY(*some == expected);
}

void TestTrainingSession::defaultsAreAFreshView() {
  TrainingView view;
  QCOMPARE(jsonText(view.session()), jsonText(TrainingSession{}));
}

void TestTrainingSession::reloadedSessionRetrainsIdentically_data() {
  QTest::addColumn<bool>("compare");
  QTest::newRow("single loss") << false;
  QTest::newRow("compare mode (MAE, log-cosh, Huber δ = 0.7)") << true;
}

void TestTrainingSession::reloadedSessionRetrainsIdentically() {
  QFETCH(bool, compare);
  TrainingSession s = unusualSession();
  s.compare = compare;
  const int runs = compare ? 3 : 1;
  const QString path = m_dir.filePath(QStringLiteral("session.json"));
  TrainingView original;
  QString error;
  QVERIFY2(original.applySession(s, &error), qPrintable(error));
  QCOMPARE(jsonText(original.session()), jsonText(s));  // the widgets hold what was applied
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
  TrainingSession other = s;
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
  TrainingSession s = original.session();
  QCOMPARE(s.dataset, QStringLiteral("csv"));
  QCOMPARE(s.csvTarget, QStringLiteral("t"));
  QCOMPARE(s.csvFeatures, QStringList{QStringLiteral("a")});
  s.csvPath = QStringLiteral("points.csv");
  writeFile(dir.filePath(QStringLiteral("csv.json")), sessionToJson(s));
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

void TestTrainingSession::cliReproducesTheRun() {
  // "The CLI reproduces the same run": the Training tab and losslab-cli train, given the same
  // settings and seed, report the same numbers to the last bit.
  TrainingSession s = unusualSession();
  s.epochs = 5;
  TrainingView view;
  QString error;
  QVERIFY2(view.applySession(s, &error), qPrintable(error));
  QVERIFY(view.trainEpochsBlocking(5));
  QProcess cli;
  cli.start(QStringLiteral(LOSSLAB_CLI_PATH), cliTrainArguments(s, s.loss)
                                                  << QStringLiteral("--json"));
  QVERIFY(cli.waitForFinished(60000));
  QCOMPARE(cli.exitCode(), 0);
  const QJsonObject result = QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
  QCOMPARE(result.value(QStringLiteral("epochs")).toInt(), 5);
  // The CLI prints 17 significant digits: the double reads back exactly.
  QCOMPARE(result.value(QStringLiteral("final_loss")).toDouble(), view.latestEpoch(0).train.loss);
  QCOMPARE(result.value(QStringLiteral("val_loss")).toDouble(),
           view.latestEpoch(0).validation.loss);
  QCOMPARE(result.value(QStringLiteral("mae")).toDouble(), view.latestEpoch(0).validation.mae);
  QVERIFY(view.cliCommands().startsWith(QStringLiteral("losslab-cli train --dataset linear ")));
  QVERIFY(view.cliCommands().contains(QStringLiteral("--param delta=0.69999999999999996")));
}

void TestTrainingSession::badFilesNameTheProblemAndChangeNothing_data() {
  QTest::addColumn<QByteArray>("json");
  QTest::addColumn<QString>("message");
  TrainingSession on = unusualSession();
  on.compare = true;
  const QByteArray good = sessionToJson(on);
  auto replaced = [&](const char* from, const char* to) {
    QByteArray copy = good;
    return copy.replace(from, to);
  };
  QTest::newRow("not JSON") << QByteArray("{\"format\": ") << "not valid JSON at character";
  QTest::newRow("empty file") << QByteArray() << "not valid JSON";
  QTest::newRow("another format") << replaced("losslab-session", "other")
                                  << "not a LossLab session";
  QTest::newRow("newer version") << replaced("\"version\": 1", "\"version\": 7") << "newer";
  QTest::newRow("lr is text") << replaced("\"lr\": 0.05", "\"lr\": \"fast\"") << "\"optimizer.lr\"";
  QTest::newRow("absurd lr") << replaced("\"lr\": 0.05", "\"lr\": 1e9") << "\"optimizer.lr\"";
  QTest::newRow("fractional batch")
      << replaced("\"batch\": 16", "\"batch\": 16.5") << "\"optimizer.batch\"";
  QTest::newRow("unknown optimizer") << replaced("\"sgd\"", "\"adagrad\"") << "\"optimizer.kind\"";
  QTest::newRow("negative noise") << replaced("\"noise\": 0.3", "\"noise\": -1")
                                  << "\"data.noise\"";
  QTest::newRow("absurd sample count")
      << replaced("\"samples\": 240", "\"samples\": 1e12") << "\"data.samples\"";
  QTest::newRow("unknown data set") << replaced("\"linear\"", "\"spiral\"") << "\"data.kind\"";
  QTest::newRow("unbalanced brackets")
      << replaced("\"data\": {", "\"data\": [{") << "not valid JSON";
  QTest::newRow("model is a number")
      << replaced("\"model\": {", "\"model\": 3, \"x\": {") << "\"model\" must be an object";
  QTest::newRow("absurd layer width") << replaced("8,", "100000,") << "\"model.hidden\"";
  QTest::newRow("unknown activation")
      << replaced("\"tanh\"", "\"swish\"") << "\"model.activation\"";
  QTest::newRow("seed too large") << replaced("\"9007199254740991\"", "\"12345678901234567890\"")
                                  << "\"seed\"";
  QTest::newRow("seed is negative") << replaced("\"9007199254740991\"", "\"-3\"") << "\"seed\"";
  QTest::newRow("compare.on is text")
      << replaced("\"on\": true", "\"on\": \"yes\"") << "\"compare.on\"";
  QTest::newRow("compare focus not compared")
      << replaced("\"focus\": \"log_cosh\"", "\"focus\": \"huber2\"") << "\"compare.focus\"";
  // Checked when the session is applied: the losses the view can train, their parameters.
  QTest::newRow("unknown loss") << replaced("\"id\": \"mean_absolute_error\"", "\"id\": \"mae2\"")
                                << "\"compare.losses[0].id\": unknown loss";
  QTest::newRow("parameter out of range")
      << replaced("\"delta\": 0.7", "\"delta\": -3") << "\"loss.params\": ";
  QTest::newRow("parameter is text")
      << replaced("\"delta\": 0.7", "\"delta\": \"big\"") << "\"loss.params.delta\"";
  QTest::newRow("unknown parameter")
      << replaced("\"delta\": 0.7", "\"deltx\": 0.7") << "unknown parameter 'deltx'";
  QTest::newRow("a classification loss")
      << replaced("\"id\": \"mean_absolute_error\"", "\"id\": \"sparse_categorical_crossentropy\"")
      << "\"compare.losses[0].id\": 'sparse_categorical_crossentropy' takes class labels";
}

void TestTrainingSession::badFilesNameTheProblemAndChangeNothing() {
  QFETCH(QByteArray, json);
  QFETCH(QString, message);
  const QString path = m_dir.filePath(QStringLiteral("bad.json"));
  writeFile(path, json);
  TrainingView view;
  const TrainingSession before = view.session();
  QVERIFY(view.trainEpochsBlocking(1));
  const std::vector<LossPtr> losses = view.controller()->losses();
  QString error;
  QVERIFY(!view.loadSession(path, &error));
  QVERIFY2(error.contains(message), qPrintable(error));
  QVERIFY2(error.startsWith(QStringLiteral("bad.json: ")), qPrintable(error));  // says which file
  QCOMPARE(jsonText(view.session()), jsonText(before));
  QVERIFY(view.controller()->losses() == losses);
  QCOMPARE(view.historyLength(0), 1);  // the run in progress is untouched
  QVERIFY(view.trainEpochsBlocking(1));
  QCOMPARE(view.latestEpoch(0).epoch, 2);
}

QTEST_MAIN(TestTrainingSession)
#include "tst_training_session.moc"
