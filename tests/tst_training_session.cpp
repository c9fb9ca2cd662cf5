// SPDX-License-Identifier: GPL-3.0-or-later
// Training session files (issue 5): JSON round trips, a reloaded session retrains to the same
// numbers, and a bad file says what is wrong (the key) and changes nothing.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "settings.h"
#include "training_session.h"
#include "training_view.h"

using namespace losslab;
using namespace losslab::ui;

class TestTrainingSession : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void jsonRoundTrip();
  void reloadedSessionRetrainsIdentically();
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
  s.dataset = QStringLiteral("sine");
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
  s.loss = QStringLiteral("huber");
  s.lossParams = {{"delta", 0.7}};
  s.compareLosses = {QStringLiteral("mean_absolute_error"),
                     QStringLiteral("log_cosh")};  // ticked, mode off
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
}

void TestTrainingSession::reloadedSessionRetrainsIdentically() {
  const QString path = m_dir.filePath(QStringLiteral("session.json"));
  TrainingView original;
  QString error;
  QVERIFY2(original.applySession(unusualSession(), &error), qPrintable(error));
  QCOMPARE(
      QString::fromUtf8(sessionToJson(original.session())),
      QString::fromUtf8(sessionToJson(unusualSession())));  // the widgets hold what was applied
  QVERIFY2(original.saveSession(path, &error), qPrintable(error));
  QVERIFY(original.trainEpochsBlocking(5));

  TrainingView reloaded;
  QVERIFY2(reloaded.loadSession(path, &error), qPrintable(error));
  QCOMPARE(QString::fromUtf8(sessionToJson(reloaded.session())),
           QString::fromUtf8(sessionToJson(unusualSession())));
  QVERIFY(reloaded.trainEpochsBlocking(5));
  // Same data, split, weights and batches: the same numbers, bit for bit.
  QCOMPARE(reloaded.historyLength(0), 5);
  QCOMPARE(reloaded.latestEpoch(0).train.loss, original.latestEpoch(0).train.loss);
  QCOMPARE(reloaded.latestEpoch(0).validation.mae, original.latestEpoch(0).validation.mae);
  // A different seed really gives other numbers (so the comparison above can fail).
  TrainingSession other = unusualSession();
  other.seed = 4;
  TrainingView different;
  QVERIFY(different.applySession(other, &error));
  QVERIFY(different.trainEpochsBlocking(5));
  QVERIFY(different.latestEpoch(0).train.loss != original.latestEpoch(0).train.loss);
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
  QVERIFY(view.cliCommands().startsWith(QStringLiteral("losslab-cli train --dataset sine ")));
}

void TestTrainingSession::badFilesNameTheProblemAndChangeNothing_data() {
  QTest::addColumn<QByteArray>("json");
  QTest::addColumn<QString>("message");
  const QByteArray good = sessionToJson(unusualSession());
  auto replaced = [&](const char* from, const char* to) {
    QByteArray copy = good;
    return copy.replace(from, to);
  };
  QTest::newRow("not JSON") << QByteArray("{\"format\": ") << "not valid JSON at character";
  QTest::newRow("empty file") << QByteArray() << "not valid JSON";
  QTest::newRow("another format") << replaced("losslab-session", "other")
                                  << "not a LossLab session";
  QTest::newRow("lr is text") << replaced("\"lr\": 0.05", "\"lr\": \"fast\"") << "\"optimizer.lr\"";
  QTest::newRow("absurd lr") << replaced("\"lr\": 0.05", "\"lr\": 1e9") << "\"optimizer.lr\"";
  QTest::newRow("negative noise") << replaced("\"noise\": 0.3", "\"noise\": -1")
                                  << "\"data.noise\"";
  QTest::newRow("unknown data set") << replaced("\"sine\"", "\"spiral\"") << "\"data.kind\"";
  QTest::newRow("fractional batch")
      << replaced("\"batch\": 16", "\"batch\": 16.5") << "\"optimizer.batch\"";
  QTest::newRow("unknown loss") << replaced("\"id\": \"huber\"", "\"id\": \"hubr\"") << "hubr";
  QTest::newRow("parameter out of range") << replaced("\"delta\": 0.7", "\"delta\": -3") << "delta";
  QTest::newRow("seed too large") << replaced("\"9007199254740991\"", "\"12345678901234567890\"")
                                  << "\"seed\"";
  QTest::newRow("newer version") << replaced("\"version\": 1", "\"version\": 7") << "newer";
}

void TestTrainingSession::badFilesNameTheProblemAndChangeNothing() {
  QFETCH(QByteArray, json);
  QFETCH(QString, message);
  const QString path = m_dir.filePath(QStringLiteral("bad.json"));
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write(json);
  file.close();
  TrainingView view;
  const TrainingSession before = view.session();
  QVERIFY(view.trainEpochsBlocking(1));
  QString error;
  QVERIFY(!view.loadSession(path, &error));
  QVERIFY2(error.contains(message), qPrintable(error));
  QVERIFY2(error.startsWith(QStringLiteral("bad.json: ")), qPrintable(error));  // says which file
  QVERIFY(view.session() == before);
  QCOMPARE(view.historyLength(0), 1);  // the run in progress is untouched
}

QTEST_MAIN(TestTrainingSession)
#include "tst_training_session.moc"
