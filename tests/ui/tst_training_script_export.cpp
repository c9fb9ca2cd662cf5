// SPDX-License-Identifier: GPL-3.0-or-later
// Export ▸ Training Script… in the Training tab (issue 13 item 5): the GUI's run, written as a
// PyTorch (or Keras 3) script, trains the same model in that framework. The reference is the
// tab's own loss history (Export ▸ Loss history as CSV), the script is executed with
// /usr/bin/python3 (PyTorch in float64; Keras against the stand-in of tests/export), and its
// per-epoch losses must equal the tab's to 1e-9 relative over 20 epochs.
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/test_utils.h"
#include "ui/common/settings.h"
#include "ui/training/training_view.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

constexpr int kEpochs = 20;
constexpr double kTolerance = 1e-9;

QString readText(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// Rows of a CSV text with a header, as lists of fields.
QList<QStringList> csvRows(const QString& text) {
  QList<QStringList> rows;
  for (const QString& line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
    rows.append(line.trimmed().split(QLatin1Char(',')));
  }
  return rows;
}

TrainingConfig smallRun() {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 80;
  c.data.outlierFraction = 0.1;
  c.data.outlierMagnitude = 8;
  c.seed = 5;
  c.network = {{6}, Activation::Tanh};
  c.optimizer = {TrainingOptimizer::Adam, 0.01, 16};
  c.epochs = kEpochs;
  c.loss = {"huber", {{"delta", 0.7}}, {}};
  c.compareLosses = {{"mean_squared_error", {}, {}},
                     {"mean_absolute_error", {}, {}},
                     {"huber", {{"delta", 0.7}}, {}}};
  return c;
}

}  // namespace

class TestTrainingScriptExport : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void scriptReplaysTheTabsHistory_data();
  void scriptReplaysTheTabsHistory();
  void refusalSaysWhyAndKeepsTheOldFile();

 private:
  /// The `epoch_loss` column of the tab's history export, per run name (in run order).
  QList<QList<double>> tabHistory(const TrainingView& view);
  QString runScript(const QString& path, bool keras, QString* error);
  QTemporaryDir m_dir;
  QString m_skip;
};

void TestTrainingScriptExport::initTestCase() {
  QVERIFY(m_dir.isValid());
  Settings::setEphemeral(true);
  QProcess probe;
  probe.start(QStringLiteral("/usr/bin/python3"), {"-c", "import torch, numpy"});
  if (!probe.waitForFinished(60000) || probe.exitCode() != 0) {
    m_skip = QStringLiteral("python3 with torch and numpy is not installed");
  }
}

QList<QList<double>> TestTrainingScriptExport::tabHistory(const TrainingView& view) {
  const QString path = m_dir.filePath(QStringLiteral("history.csv"));
  QString error;
  if (!view.exportHistoryCsv(path, &error)) {
    qWarning("history export failed: %s", qPrintable(error));
    return {};
  }
  const QList<QStringList> rows = csvRows(readText(path));
  const qsizetype runColumn = rows.value(0).indexOf(QStringLiteral("run"));
  const qsizetype lossColumn = rows.value(0).indexOf(QStringLiteral("epoch_loss"));
  QList<QList<double>> runs;
  for (qsizetype r = 1; r < rows.size(); ++r) {
    const int run = rows[r].value(runColumn).toInt();
    while (runs.size() <= run) {
      runs.append(QList<double>{});
    }
    runs[run].append(rows[r].value(lossColumn).toDouble());
  }
  return runs;
}

QString TestTrainingScriptExport::runScript(const QString& path, bool keras, QString* error) {
  QProcess process;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  if (keras) {
    env.insert("PYTHONPATH", LOSSLAB_SOURCE_DIR "/tests/export/keras_standin");
  }
  process.setProcessEnvironment(env);
  process.start(QStringLiteral("/usr/bin/python3"), {path});
  if (!process.waitForFinished(180000) || process.exitStatus() != QProcess::NormalExit ||
      process.exitCode() != 0) {
    *error = QStringLiteral("the script failed: ") +
             QString::fromUtf8(process.readAllStandardError()).left(2000);
    return {};
  }
  return QString::fromUtf8(process.readAllStandardOutput());
}

void TestTrainingScriptExport::scriptReplaysTheTabsHistory_data() {
  QTest::addColumn<bool>("keras");
  QTest::addColumn<bool>("compare");
  QTest::newRow("pytorch, one loss") << false << false;
  QTest::newRow("pytorch, compare MSE/MAE/Huber") << false << true;
  QTest::newRow("keras stand-in, one loss") << true << false;
}

void TestTrainingScriptExport::scriptReplaysTheTabsHistory() {
  QFETCH(bool, keras);
  QFETCH(bool, compare);
  if (!m_skip.isEmpty()) {
    QSKIP(qPrintable(m_skip));
  }
  TrainingView view;
  TrainingConfig config = smallRun();
  config.compare = compare;
  QString error;
  QVERIFY2(view.applySession(config, &error), qPrintable(error));
  QVERIFY(view.trainEpochsBlocking(kEpochs));
  const QList<QList<double>> expected = tabHistory(view);
  QCOMPARE(expected.size(), compare ? 3 : 1);

  const QString path = m_dir.filePath(QStringLiteral("train.py"));
  QVERIFY2(view.exportTrainingScript(keras ? CodeTarget::Keras : CodeTarget::PyTorch, path, &error),
           qPrintable(error));
  // The header says where the run came from: the equivalent CLI command.
  QVERIFY(readText(path).contains(QStringLiteral("losslab-cli train")));
  const QList<QStringList> rows = csvRows(runScript(path, keras, &error));
  QVERIFY2(!rows.isEmpty(), qPrintable(error));
  QCOMPARE(rows[0].mid(0, 2), (QStringList{"epoch", "loss"}));
  QCOMPARE(rows.size() - 1, kEpochs * expected.size());
  for (qsizetype i = 1; i < rows.size(); ++i) {
    const int run = static_cast<int>((i - 1) / kEpochs);  // runs follow each other
    const int epoch = rows[i][0].toInt();
    QCOMPARE(epoch, static_cast<int>((i - 1) % kEpochs) + 1);
    const double want = expected[run].value(epoch - 1);
    const double got = rows[i][1].toDouble();
    QVERIFY2(std::abs(got - want) <= kTolerance * std::abs(want),
             qPrintable(QStringLiteral("run %1 epoch %2: script %3, tab %4")
                            .arg(run)
                            .arg(epoch)
                            .arg(got, 0, 'g', 17)
                            .arg(want, 0, 'g', 17)));
  }
}

void TestTrainingScriptExport::refusalSaysWhyAndKeepsTheOldFile() {
  // A run too large to embed (kMaxScriptNumbers): the reason is shown, the old file stays.
  TrainingView view;
  TrainingConfig config = smallRun();
  config.data.samples = 20000;
  config.epochs = 500;
  QString error;
  QVERIFY2(view.applySession(config, &error), qPrintable(error));
  const QString path = m_dir.filePath(QStringLiteral("kept.py"));
  {
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("# the user's own script\n");
  }
  error.clear();
  QVERIFY(!view.exportTrainingScript(CodeTarget::PyTorch, path, &error));
  QVERIFY2(error.contains(QStringLiteral("PyTorch")), qPrintable(error));
  QVERIFY2(error.contains(QStringLiteral("numbers")), qPrintable(error));
  QCOMPARE(readText(path), QStringLiteral("# the user's own script\n"));
}

QTEST_MAIN(TestTrainingScriptExport)
#include "tst_training_script_export.moc"
