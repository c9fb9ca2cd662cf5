// SPDX-License-Identifier: GPL-3.0-or-later
// Every maximum losslab-cli accepts finishes in bounded time and memory, and one step beyond it
// is refused at once with a message naming the limit (issue 16). Each run happens under
// `ulimit -v` (virtual memory, 6 GiB: the 4 GiB working-memory budget plus the program) and a
// timeout; output goes to /dev/null so that the test does not hold it. Hostile inputs (an
// endless device, an endless pipe, a huge sparse file, a file without line breaks) must stop
// quickly too.
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "tests/cli_runner.h"

namespace {

constexpr int kVirtualMemoryKiB = 6 * 1024 * 1024;  // ulimit -v: 6 GiB
constexpr int kTimeoutMs = 180'000;                 // the slowest maximum takes ≈ 15 s here

struct LimitedRun {
  int exitCode = -1;  // −1: timed out or crashed
  QString err;
  double seconds = 0;
};

/// `shell` is a /bin/sh fragment; "$@" stands for losslab-cli and `arguments`.
LimitedRun runLimited(const QString& shell, const QStringList& arguments) {
  QProcess process;
  const QString script = QStringLiteral("ulimit -v %1 || exit 99\n").arg(kVirtualMemoryKiB) + shell;
  process.start(QStringLiteral("/bin/sh"),
                QStringList{"-c", script, "sh", QStringLiteral(LOSSLAB_CLI_PATH)} + arguments);
  QElapsedTimer timer;
  timer.start();
  LimitedRun run;
  if (!process.waitForFinished(kTimeoutMs)) {
    process.kill();
    process.waitForFinished();
    run.err = QStringLiteral("timed out");
    return run;
  }
  run.seconds = static_cast<double>(timer.elapsed()) / 1000;
  run.err = QString::fromUtf8(process.readAllStandardError());
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  return run;
}

}  // namespace

class TestCliLimits : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void maximaFinish_data();
  void maximaFinish();
  void beyondTheMaximaIsRefusedAtOnce_data();
  void beyondTheMaximaIsRefusedAtOnce();

 private:
  QTemporaryDir m_dir;
  QString m_ones;      // 2^25 rows "1": the most numbers a CSV file may hold
  QString m_tooMany;   // one row more
  QString m_longLine;  // one line of exactly 1 MiB
  QString m_tooLong;   // a line of 1 MiB + 1 byte
  QString m_sparse;    // 256 MiB + 1 byte, sparse
};

void TestCliLimits::initTestCase() {
#ifdef LOSSLAB_SANITIZED
  QSKIP("sanitizers reserve terabytes of address space: no ulimit -v, and 2-5x slower runs");
#endif
  QVERIFY(m_dir.isValid());
  auto write = [this](const QString& name, const QByteArray& content) {
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size()) {
      qFatal("cannot write %s", qPrintable(name));
    }
    return f.fileName();
  };
  // 2^25 rows of "0.12345\n" (8 bytes) are exactly 256 MiB: the largest file and the most
  // numbers at once.
  QByteArray largest;
  largest.reserve(qsizetype{1} << 28);
  for (int k = 0; k < (1 << 25); ++k) {
    largest.append("0.12345\n", 8);
  }
  QCOMPARE(largest.size(), qsizetype{256} << 20);
  m_ones = write("largest.csv", largest);
  largest.clear();
  QByteArray ones;
  for (int k = 0; k <= (1 << 25); ++k) {
    ones.append("1\n", 2);
  }
  m_tooMany = write("too_many.csv", ones);  // 2^25 + 1 numbers in 64 MiB
  QByteArray line(1 << 20, '1');
  for (int k = 1; k < line.size(); k += 2) {
    line[k] = ',';  // "1,1,...,1," would end in an empty field: the last byte stays '1'
  }
  line[line.size() - 1] = '1';
  m_longLine = write("long_line.csv", line + "\n");
  m_tooLong = write("too_long.csv", line + "1\n");
  QFile sparse(m_dir.filePath("sparse.csv"));
  QVERIFY(sparse.open(QIODevice::WriteOnly) && sparse.resize((qint64{256} << 20) + 1));
  m_sparse = sparse.fileName();
}

void TestCliLimits::maximaFinish_data() {
  QTest::addColumn<QString>("shell");
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("warning");  // expected start of stderr, or empty
  const QString plain = QStringLiteral("exec \"$@\" > /dev/null");

  QTest::newRow("curve --points 1e7 (streamed)")
      << plain << QStringList{"curve", "--loss", "huber", "--points", "1e7"} << QString();
  QTest::newRow("curve --classes 1000 at its largest --points")
      << plain << QStringList{"curve",    "--loss", "categorical_crossentropy", "--classes", "1000",
                              "--points", "67058"}
      << QString();
  QTest::newRow("bench --n at its largest for huber")
      << plain << QStringList{"bench", "--loss", "huber", "--n", "89478485", "--repeat", "1"}
      << QString();
  QTest::newRow("train --samples 1e7")
      << plain << QStringList{"train",  "--dataset", "linear",   "--samples", "1e7",
                              "--loss", "huber",     "--epochs", "1"}
      << QString();
  QTest::newRow("train --batch 1e7 (one batch of the split)")
      << plain << QStringList{"train", "--dataset", "linear",   "--loss",   "huber",  "--epochs",
                              "2",     "--batch",   "10000000", "--hidden", "256,256"}
      << QStringLiteral("losslab-cli: warning: --batch 10000000 is more than the 800 training");
  QTest::newRow("train --hidden 4096,4096,4096")
      << plain
      << QStringList{"train", "--dataset", "linear", "--samples", "100",           "--loss",
                     "huber", "--epochs",  "1",      "--hidden",  "4096,4096,4096"}
      << QString();
  QTest::newRow("eval --json on 2^25 rows, 256 MiB")
      << plain
      << QStringList{"eval", "--loss", "huber", "--y-pred", "@ones", "--y-true", "@ones", "--json"}
      << QString();
  QTest::newRow("eval table on 2^25 rows, 256 MiB")
      << plain << QStringList{"eval", "--loss", "huber", "--y-pred", "@ones", "--y-true", "@ones"}
      << QString();
  QTest::newRow("eval on a 1 MiB line")
      << plain
      << QStringList{"eval", "--loss", "huber", "--y-pred", "@long", "--y-true", "@long", "--json"}
      << QString();
  QTest::newRow("eval on 256 MiB from standard input")
      << QStringLiteral("exec \"$@\" < \"$LOSSLAB_ONES\" > /dev/null")
      << QStringList{"eval", "--loss", "huber", "--y-pred", "-", "--y-true", "@ones"} << QString();
}

void TestCliLimits::maximaFinish() {
  QFETCH(QString, shell);
  QFETCH(QStringList, arguments);
  QFETCH(QString, warning);
  for (QString& argument : arguments) {
    argument.replace(QStringLiteral("@ones"), m_ones).replace(QStringLiteral("@long"), m_longLine);
  }
  qputenv("LOSSLAB_ONES", m_ones.toLocal8Bit());
  const LimitedRun run = runLimited(shell, arguments);
  qInfo("%s: %.1f s", qPrintable(arguments.join(' ').left(80)), run.seconds);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  if (warning.isEmpty()) {
    QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
  } else {
    QVERIFY2(run.err.startsWith(warning), qPrintable(run.err));
    QCOMPARE(run.err.count('\n'), 1);  // said once
  }
}

void TestCliLimits::beyondTheMaximaIsRefusedAtOnce_data() {
  QTest::addColumn<QString>("shell");
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<int>("exitCode");
  QTest::addColumn<QString>("message");  // expected start of stderr after "losslab-cli: error: "
  const QString plain = QStringLiteral("exec \"$@\" > /dev/null");
  const int usage = 2;
  const int data = 1;

  QTest::newRow("curve --points 1e7 --classes 1000")
      << plain << QStringList{"curve",    "--loss", "categorical_crossentropy", "--classes", "1000",
                              "--points", "1e7"}
      << usage << "--points 10000000 with 1000 classes would need about 596 GiB of memory";
  QTest::newRow("curve --classes 1000, one point too many")
      << plain << QStringList{"curve",    "--loss", "categorical_crossentropy", "--classes", "1000",
                              "--points", "67059"}
      << usage << "--points 67059 with 1000 classes would need about 4 GiB of memory";
  QTest::newRow("curve --points 1e7 + 1")
      << plain << QStringList{"curve", "--loss", "huber", "--points", "10000001"} << usage
      << "option '--points' needs an integer in [2, 10000000]";
  QTest::newRow("bench --n 1e9") << plain << QStringList{"bench", "--loss", "huber", "--n", "1e9"}
                                 << usage
                                 << "--n 1000000000 would need about 44.7 GiB of memory, more "
                                    "than the limit of 4 GiB; use at most --n 89478485";
  QTest::newRow("bench --n for a loss with extra inputs")
      << plain << QStringList{"bench", "--loss", "triplet_margin", "--n", "89478485"} << usage
      << "--n 89478485 would need about 8 GiB of memory";
  QTest::newRow("train --hidden 4096 x 4")
      << plain << QStringList{"train",  "--dataset", "linear",   "--samples",          "100",
                              "--loss", "huber",     "--hidden", "4096,4096,4096,4096"}
      << usage << "training 100 samples with 50356225 weights, batch 32 would need about";
  QTest::newRow("train --hidden 4097")
      << plain << QStringList{"train", "--dataset", "linear", "--loss", "huber", "--hidden", "4097"}
      << usage << "--hidden takes widths from 1 to 4096";
  QTest::newRow("train --hidden with 33 layers")
      << plain
      << QStringList{"train",
                     "--dataset",
                     "linear",
                     "--loss",
                     "huber",
                     "--hidden",
                     "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"}
      << usage << "--hidden takes at most 32 hidden layers";
  QTest::newRow("train wide layers with a batch of all 1e7 samples")
      << plain << QStringList{"train", "--dataset", "linear", "--samples", "1e7", "--loss",
                              "huber", "--batch",   "1e7",    "--hidden",  "4096"}
      << usage << "training 10000000 samples with 12289 weights, batch 10000000 would need";
  QTest::newRow("eval: 2^25 + 1 numbers")
      << plain
      << QStringList{"eval", "--loss", "huber", "--y-pred", "@too_many", "--y-true", "@ones"}
      << data << "@too_many: 33554433 rows × 1 column are 33554433 numbers, more than the limit";
  QTest::newRow("eval: a line of 1 MiB + 1 byte")
      << plain
      << QStringList{"eval", "--loss", "huber", "--y-pred", "@too_long", "--y-true", "@ones"}
      << data << "@too_long:1: line 1 is longer than the limit of 1 MiB for a line";
  QTest::newRow("eval: a sparse file of 256 MiB + 1 byte")
      << plain << QStringList{"eval", "--loss", "huber", "--y-pred", "@sparse", "--y-true", "@ones"}
      << data << "@sparse: the file has 268435457 bytes, more than the limit of 256 MiB";
  QTest::newRow("eval: /dev/zero")
      << plain
      << QStringList{"eval", "--loss", "huber", "--y-pred", "/dev/zero", "--y-true", "@ones"}
      << usage << "cannot read '/dev/zero': it is a character device, not a regular file";
  QTest::newRow("eval: /dev/zero as standard input")
      << QStringLiteral("exec \"$@\" < /dev/zero > /dev/null")
      << QStringList{"eval", "--loss", "huber", "--y-pred", "-", "--y-true", "@ones"} << data
      << "<stdin>:1: line 1 is longer than the limit of 1 MiB for a line";
  QTest::newRow("eval: an endless pipe of lines")
      << QStringLiteral("yes 0.5 | \"$@\" > /dev/null")
      << QStringList{"eval", "--loss", "huber", "--y-pred", "-", "--y-true", "@ones"} << data
      << "<stdin>: the input is more than the limit of 256 MiB for an input file";
  QTest::newRow("eval: two files from standard input")
      << plain << QStringList{"eval", "--loss", "huber", "--y-pred", "-", "--y-true", "-"} << usage
      << "standard input ('-') can be read only once";
}

void TestCliLimits::beyondTheMaximaIsRefusedAtOnce() {
  QFETCH(QString, shell);
  QFETCH(QStringList, arguments);
  QFETCH(int, exitCode);
  QFETCH(QString, message);
  const QMap<QString, QString> files{
      {"@too_many", m_tooMany}, {"@too_long", m_tooLong}, {"@sparse", m_sparse}, {"@ones", m_ones}};
  auto substitute = [&](QString text) {
    for (auto it = files.begin(); it != files.end(); ++it) {
      text.replace(it.key(), it.value());
    }
    return text;
  };
  for (QString& argument : arguments) {
    argument = substitute(argument);
  }
  const LimitedRun run = runLimited(shell, arguments);
  QCOMPARE(run.exitCode, exitCode);
  QVERIFY2(run.err.startsWith("losslab-cli: error: " + substitute(message)), qPrintable(run.err));
  // "At once": before the work (a refusal costs what reading the first bytes does).
  QVERIFY2(run.seconds < 10, qPrintable(QString::number(run.seconds)));
}

QTEST_GUILESS_MAIN(TestCliLimits)
#include "tst_cli_limits.moc"
