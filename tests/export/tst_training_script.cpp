// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end: `losslab-cli train … --export-script pytorch|keras` writes a script that replays
// the run. The script is executed (/usr/bin/python3; PyTorch in float64, Keras against
// tests/export/keras_standin — real Keras cannot be installed here) and its per-epoch losses
// must equal the loss column of the same run's `--history` to 1e-9 relative over 20 epochs:
// the reference is LossLab training, the value under test a framework training on its own
// (autograd gradients, the framework's matrix products) from what the script embeds.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "core/engine/loss_registry.h"
#include "core/export/code_export.h"
#include "core/training/trainability.h"
#include "tests/cli_runner.h"

using losslab::test::CliRun;
using losslab::test::runCli;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
constexpr int kEpochs = 20;
constexpr double kTolerance = 1e-9;

/// The `loss` column (or every column) of a CSV text with a header row.
QList<QStringList> csvRows(const QString& text) {
  QList<QStringList> rows;
  for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
    rows.append(line.trimmed().split(QLatin1Char(',')));
  }
  return rows;
}

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

}  // namespace

class TestTrainingScript : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void replaysHistory_data();
  void replaysHistory();
  void replaysCompareSession_data();
  void replaysCompareSession();
  void refusesUnexportableLoss();
  void refusesHugeScript();
  void optionErrors();

 private:
  /// Runs `script` with python; its stdout (QVERIFY-style failure text in `error`).
  QString runScript(const QString& script, bool keras, QString* error);
  /// The epoch losses of --history for `arguments` (+ --epochs 20).
  QList<double> historyLosses(const QStringList& arguments);
  QTemporaryDir m_dir;
  QString m_skip;
};

void TestTrainingScript::initTestCase() {
  QVERIFY(m_dir.isValid());
  QVERIFY2(QFile::exists(QStringLiteral(LOSSLAB_CLI_PATH)), LOSSLAB_CLI_PATH);
  QProcess probe;
  probe.start(kPython, {"-c", "import torch, numpy"});
  if (!probe.waitForFinished(60000) || probe.exitCode() != 0) {
    m_skip = QStringLiteral("python3 with torch and numpy is not installed");
  }
}

QString TestTrainingScript::runScript(const QString& script, bool keras, QString* error) {
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  if (keras) {
    env.insert("PYTHONPATH", LOSSLAB_SOURCE_DIR "/tests/export/keras_standin");
  }
  process.setProcessEnvironment(env);
  process.start(kPython, {script});
  if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
      process.exitCode() != 0) {
    *error =
        QStringLiteral("the script failed: ") + QString::fromUtf8(process.readAllStandardError());
    return {};
  }
  return QString::fromUtf8(process.readAllStandardOutput());
}

QList<double> TestTrainingScript::historyLosses(const QStringList& arguments) {
  const QString path = m_dir.filePath("history.csv");
  QFile::remove(path);
  const CliRun run = runCli(QStringList{"train"} + arguments +
                            QStringList{"--epochs", QString::number(kEpochs), "--history", path});
  if (run.exitCode != 0) {
    qWarning("train failed: %s", qPrintable(run.err));
    return {};
  }
  const QList<QStringList> rows = csvRows(readText(path));
  QList<double> losses;
  for (qsizetype i = 1; i < rows.size(); ++i) {
    losses.append(rows[i].value(1).toDouble());
  }
  return losses;
}

void TestTrainingScript::replaysHistory_data() {
  QTest::addColumn<QString>("framework");
  QTest::addColumn<QStringList>("arguments");
  const QList<QPair<const char*, QStringList>> runs = {
      {"linear model, MSE, SGD",
       {"--dataset", "linear", "--samples", "300", "--noise", "0.2", "--hidden", "none", "--loss",
        "mean_squared_error", "--optimizer", "sgd", "--lr", "0.05"}},
      {"16-32 relu, Huber delta 0.5, Adam",
       {"--dataset", "sine", "--samples", "200", "--noise", "0.1", "--loss", "huber", "--param",
        "delta=0.5", "--lr", "0.01", "--seed", "3"}},
      {"formula pseudo-Huber, momentum, sigmoid, batch 7 (a tail batch)",
       {"--dataset", "cubic", "--samples", "400", "--expr", "sqrt(1 + square(r)) - 1",
        "--optimizer", "momentum", "--lr", "0.01", "--activation", "sigmoid", "--batch", "7",
        "--hidden", "8"}},
      {"seed-sum, MAE, RMSprop, tanh",
       {"--dataset", "seed-sum", "--samples", "500", "--loss", "mean_absolute_error", "--optimizer",
        "rmsprop", "--activation", "tanh", "--seed", "11"}},
      {"outliers, log_cosh, Adam, 3 layers",
       {"--dataset", "heteroscedastic", "--samples", "300", "--noise", "0.3", "--outliers", "0.1",
        "--loss", "log_cosh", "--hidden", "8,8,4", "--lr", "0.003"}},
  };
  for (const char* framework : {"pytorch", "keras"}) {
    for (const auto& [name, arguments] : runs) {
      QTest::newRow(qPrintable(QString::fromLatin1(framework) + ": " + QString::fromUtf8(name)))
          << QString::fromLatin1(framework) << arguments;
    }
  }
}

void TestTrainingScript::replaysHistory() {
  if (!m_skip.isEmpty()) {
    QSKIP(qPrintable(m_skip));
  }
  QFETCH(QString, framework);
  QFETCH(QStringList, arguments);
  const QList<double> expected = historyLosses(arguments);
  QCOMPARE(expected.size(), kEpochs);

  const QString script = m_dir.filePath("train_" + framework + ".py");
  QFile::remove(script);
  const CliRun exported = runCli(QStringList{"train"} + arguments +
                                 QStringList{"--epochs", QString::number(kEpochs),
                                             "--export-script", framework, "--out", script});
  QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
  QVERIFY2(exported.out.isEmpty(), qPrintable(exported.out));  // the script went to --out
  QString error;
  const QList<QStringList> rows = csvRows(runScript(script, framework == "keras", &error));
  QVERIFY2(error.isEmpty(), qPrintable(error));
  QCOMPARE(rows.size(), kEpochs + 1);
  QCOMPARE(rows[0], (QStringList{"epoch", "loss"}));
  double worst = 0;
  for (int e = 1; e <= kEpochs; ++e) {
    QCOMPARE(rows[e].value(0).toInt(), e);
    bool ok = false;
    const double value = rows[e].value(1).toDouble(&ok);
    QVERIFY(ok);
    const double want = expected[e - 1];
    const double relative = std::fabs(value - want) / std::fabs(want);
    worst = std::max(worst, relative);
    QVERIFY2(relative <= kTolerance, qPrintable(QStringLiteral("epoch %1: script %2, LossLab %3")
                                                    .arg(e)
                                                    .arg(value, 0, 'g', 17)
                                                    .arg(want, 0, 'g', 17)));
  }
  qInfo("largest relative difference over %d epochs: %.3g", kEpochs, worst);
}

void TestTrainingScript::replaysCompareSession_data() {
  QTest::addColumn<QString>("framework");
  QTest::newRow("pytorch") << "pytorch";
  QTest::newRow("keras") << "keras";
}

void TestTrainingScript::replaysCompareSession() {
  if (!m_skip.isEmpty()) {
    QSKIP(qPrintable(m_skip));
  }
  QFETCH(QString, framework);
  // A compare-mode session: three losses from the same weights and batches.
  const QString session = losslab::test::writeTextFile(m_dir.path(), "compare.json", R"({
    "format": "losslab-session", "version": 1, "seed": "5",
    "data": {"kind": "sine", "samples": 150, "noise": 0.2, "outlier_fraction": 0.1,
             "outlier_magnitude": 5.0, "outlier_side": "up", "leverage_fraction": 0.0,
             "leverage_distance": 1.0, "validation_split": 0.2},
    "model": {"hidden": [8], "activation": "tanh"},
    "optimizer": {"kind": "adam", "lr": 0.01, "batch": 16, "epochs": 20},
    "loss": {"id": "huber", "params": {"delta": 0.3}},
    "compare": {"on": true, "focus": "huber",
                "losses": [{"id": "mean_squared_error", "params": {}},
                           {"id": "mean_absolute_error", "params": {}},
                           {"id": "huber", "params": {"delta": 0.3}}]}
  })");
  const QString script = m_dir.filePath("compare_" + framework + ".py");
  const CliRun exported =
      runCli({"train", "--session", session, "--export-script", framework, "--out", script});
  QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
  QString error;
  const QList<QStringList> rows = csvRows(runScript(script, framework == "keras", &error));
  QVERIFY2(error.isEmpty(), qPrintable(error));
  QCOMPARE(rows.value(0), (QStringList{"epoch", "loss", "loss_id"}));
  QCOMPARE(rows.size(), 3 * kEpochs + 1);
  for (const QString id : {"mean_squared_error", "mean_absolute_error", "huber"}) {
    // The CLI trains one loss of a compare session with --loss ID (its session parameters).
    const QList<double> expected = historyLosses({"--session", session, "--loss", id});
    QCOMPARE(expected.size(), kEpochs);
    int epoch = 0;
    for (const QStringList& row : rows) {
      if (row.value(2) != id) {
        continue;
      }
      QCOMPARE(row.value(0).toInt(), epoch + 1);
      const double relative =
          std::fabs(row.value(1).toDouble() - expected[epoch]) / std::fabs(expected[epoch]);
      QVERIFY2(relative <= kTolerance, qPrintable(id + " epoch " + row.value(0)));
      ++epoch;
    }
    QCOMPARE(epoch, kEpochs);
  }
}

void TestTrainingScript::refusesUnexportableLoss() {
  // A loss that trains but has no faithful PyTorch export (the registry says which and why).
  const losslab::LossRegistry& registry = losslab::LossRegistry::instance();
  QString id;
  std::string reason;
  for (const auto& entry : registry.entries()) {
    if (!losslab::trainability(entry.info).ok()) {
      continue;
    }
    const losslab::ExportRoute route =
        losslab::exportRoute(*registry.create(entry.info.id), losslab::CodeTarget::PyTorch);
    if (route.kind == losslab::ExportRoute::Kind::None) {
      id = QString::fromStdString(entry.info.id);
      reason = route.reason;
      break;
    }
  }
  if (id.isEmpty()) {
    QSKIP("every trainable loss has a PyTorch export");
  }
  const QString script = m_dir.filePath("refused.py");
  const CliRun run = runCli({"train", "--dataset", "sine", "--samples", "50", "--loss", id,
                             "--export-script", "pytorch", "--out", script});
  QCOMPARE(run.exitCode, 2);
  QVERIFY2(run.err.contains("'" + id + "' has no PyTorch export"), qPrintable(run.err));
  QVERIFY2(run.err.contains(QString::fromStdString(reason)), qPrintable(run.err));
  QVERIFY(run.out.isEmpty());
  QVERIFY(!QFile::exists(script));
}

void TestTrainingScript::refusesHugeScript() {
  // 160,000 training samples: x and y (320,000), the 609 weights of 1-16-32-1
  // (16 + 16 + 512 + 32 + 32 + 1) and 20 epochs of sample order (3,200,000): 3,520,609.
  const QString script = m_dir.filePath("huge.py");
  const CliRun run =
      runCli({"train", "--dataset", "linear", "--samples", "200000", "--loss", "mean_squared_error",
              "--epochs", "20", "--export-script", "pytorch", "--out", script});
  QCOMPARE(run.exitCode, 2);
  QVERIFY2(run.err.contains("would embed 3520609 numbers"), qPrintable(run.err));
  QVERIFY2(run.err.contains("160000 training samples"), qPrintable(run.err));
  QVERIFY2(run.err.contains("the limit is 2000000"), qPrintable(run.err));
  QVERIFY(!QFile::exists(script));
}

void TestTrainingScript::optionErrors() {
  const QStringList base = {"train", "--dataset", "sine", "--samples", "50", "--loss", "huber"};
  const QString script = m_dir.filePath("never.py");
  const CliRun framework = runCli(base + QStringList{"--export-script", "jax", "--out", script});
  QCOMPARE(framework.exitCode, 2);
  QVERIFY2(framework.err.contains("--export-script takes pytorch or keras, not 'jax'"),
           qPrintable(framework.err));
  const CliRun noScript = runCli(base + QStringList{"--out", script});
  QCOMPARE(noScript.exitCode, 2);
  QVERIFY2(noScript.err.contains("--out names the file of --export-script"),
           qPrintable(noScript.err));
  const CliRun withHistory =
      runCli(base + QStringList{"--export-script", "pytorch", "--out", script, "--history",
                                m_dir.filePath("h.csv")});
  QCOMPARE(withHistory.exitCode, 2);
  QVERIFY2(withHistory.err.contains("--history: --export-script writes the script instead"),
           qPrintable(withHistory.err));
  QVERIFY(!QFile::exists(script));
  // Without --out the script goes to standard output.
  const CliRun toStdout = runCli(base + QStringList{"--epochs", "2", "--export-script", "keras"});
  QCOMPARE(toStdout.exitCode, 0);
  QVERIFY(toStdout.out.startsWith("#!/usr/bin/env python3\n# Generated by LossLab"));
  QVERIFY(toStdout.out.contains("keras.optimizers.Adam("));
}

QTEST_GUILESS_MAIN(TestTrainingScript)
#include "tst_training_script.moc"
