// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of `losslab-cli landscape` (issue 12): the exact (w, b) values against the
// losses computed here from their textbook formulas (no engine), the MSE minimum at the
// least-squares line in closed form, the same numbers for any --threads, the trajectory ending
// where `train` ends, slices through a network centred on the trained weights, and usage errors.
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <functional>

#include "tests/cli_runner.h"
#include "tests/test_utils.h"

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

namespace {

// 12 samples of y ≈ 2x + 1 with two large residuals (an outlier up, one down).
const double kX[] = {-1, -0.8, -0.5, -0.3, -0.1, 0, 0.2, 0.4, 0.5, 0.7, 0.9, 1};
const double kY[] = {-1.1, -0.5, 0.1, 0.3, 0.9, 1.2, 1.3, 1.9, 6, 2.3, 2.9, -1};
constexpr int kN = 12;

QStringList lines(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) {
    return {};
  }
  return QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
}

/// The mean over the samples of e(ŷ − y) at ŷ = w x + b (the Keras/PyTorch mean reduction).
double meanLoss(const std::function<double(double)>& e, double w, double b) {
  double sum = 0;
  for (int k = 0; k < kN; ++k) {
    sum += e(w * kX[k] + b - kY[k]);
  }
  return sum / kN;
}

/// Ordinary least squares in closed form: w = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², b = ȳ − w x̄.
std::pair<double, double> leastSquares() {
  double xMean = 0;
  double yMean = 0;
  for (int k = 0; k < kN; ++k) {
    xMean += kX[k] / kN;
    yMean += kY[k] / kN;
  }
  double sxy = 0;
  double sxx = 0;
  for (int k = 0; k < kN; ++k) {
    sxy += (kX[k] - xMean) * (kY[k] - yMean);
    sxx += (kX[k] - xMean) * (kX[k] - xMean);
  }
  const double w = sxy / sxx;
  return {w, yMean - w * xMean};
}

}  // namespace

class TestCliLandscape : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void exactValuesEqualAnIndependentComputation_data();
  void exactValuesEqualAnIndependentComputation();
  void mseMinimumIsLeastSquares();
  void threadCountChangesNothing();
  void trajectoryEndsWhereTrainEnds();
  void slicesAreCentredOnTheTrainedWeights();
  void help();
  void errors_data();
  void errors();

 private:
  QString dataFile();
  QTemporaryDir m_dir;
};

void TestCliLandscape::initTestCase() {
  QVERIFY(m_dir.isValid());
  QVERIFY2(QFile::exists(QStringLiteral(LOSSLAB_CLI_PATH)), LOSSLAB_CLI_PATH);
}

QString TestCliLandscape::dataFile() {
  QString text = "x,y\n";
  for (int k = 0; k < kN; ++k) {
    text += QString::number(kX[k], 'g', 17) + ',' + QString::number(kY[k], 'g', 17) + '\n';
  }
  return losslab::test::writeTextFile(m_dir.path(), "line.csv", text);
}

void TestCliLandscape::exactValuesEqualAnIndependentComputation_data() {
  QTest::addColumn<QStringList>("loss");
  QTest::addColumn<int>("kind");  // 0 MSE, 1 MAE, 2 Huber δ = 0.5, 3 log-cosh
  QTest::newRow("mean_squared_error") << QStringList{"--loss", "mean_squared_error"} << 0;
  QTest::newRow("mean_absolute_error") << QStringList{"--loss", "mean_absolute_error"} << 1;
  QTest::newRow("huber delta 0.5") << QStringList{"--loss", "huber", "--param", "delta=0.5"} << 2;
  QTest::newRow("log_cosh") << QStringList{"--loss", "log_cosh"} << 3;
}

void TestCliLandscape::exactValuesEqualAnIndependentComputation() {
  QFETCH(QStringList, loss);
  QFETCH(int, kind);
  const std::function<double(double)> element[] = {
      [](double r) { return r * r; },
      [](double r) { return std::fabs(r); },
      [](double r) { return std::fabs(r) <= 0.5 ? 0.5 * r * r : 0.5 * (std::fabs(r) - 0.25); },
      [](double r) { return std::log(std::cosh(r)); },
  };
  const QString out = m_dir.filePath("grid.csv");
  // --val-split 0: the training split is every sample.
  const CliRun run =
      runCli(QStringList{"landscape", "--dataset", dataFile(), "--hidden", "none", "--val-split",
                         "0", "--grid", "5", "--range", "-1:3,-2:2", "--out", out, "--json"} +
             loss);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  QCOMPARE(result.value("directions").toString(), QStringLiteral("exact"));
  const QJsonObject axes = result.value("axes").toObject();
  QCOMPARE(axes.value("w").toObject().value("from").toDouble(), -1.0);
  QCOMPARE(axes.value("b").toObject().value("to").toDouble(), 2.0);
  const QJsonArray values = result.value("values").toArray();
  QCOMPARE(values.size(), 5);
  const QStringList rows = lines(out);
  QCOMPARE(rows.size(), 1 + 25);
  QCOMPARE(rows[0], QStringLiteral("w,b,loss"));
  for (int j = 0; j < 5; ++j) {
    const QJsonArray row = values[j].toArray();
    QCOMPARE(row.size(), 5);
    for (int i = 0; i < 5; ++i) {
      const double w = -1 + i;  // 5 points over [-1, 3] and [-2, 2]: steps of 1
      const double b = -2 + j;
      const double expected = meanLoss(element[kind], w, b);
      LOSSLAB_VERIFY_NEAR(row[i].toDouble(), expected, 1e-13 * (1 + expected));
      const QStringList f = rows[1 + 5 * j + i].split(',');
      QCOMPARE(f[0].toDouble(), w);
      QCOMPARE(f[1].toDouble(), b);
      QCOMPARE(f[2].toDouble(), row[i].toDouble());  // the CSV holds the JSON's doubles
    }
  }
}

void TestCliLandscape::mseMinimumIsLeastSquares() {
  // An 11 × 11 grid centred on the least-squares line (computed here): its smallest MSE value
  // is the centre, and the optima say the same; MAE's optimum has the lower MAE.
  const auto [w, b] = leastSquares();
  const QString range = QString::number(w - 1, 'g', 17) + ':' + QString::number(w + 1, 'g', 17) +
                        ',' + QString::number(b - 1, 'g', 17) + ':' +
                        QString::number(b + 1, 'g', 17);
  const CliRun run =
      runCli({"landscape", "--dataset", dataFile(), "--hidden", "none", "--val-split", "0",
              "--loss", "mean_squared_error", "--grid", "11", "--range", range, "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  const QJsonObject minimum = result.value("minimum").toObject();
  LOSSLAB_VERIFY_NEAR(minimum.value("w").toDouble(), w, 1e-12);
  LOSSLAB_VERIFY_NEAR(minimum.value("b").toDouble(), b, 1e-12);
  const double mse = meanLoss([](double r) { return r * r; }, w, b);
  LOSSLAB_VERIFY_NEAR(minimum.value("loss").toDouble(), mse, 1e-13);
  const QJsonObject optima = result.value("optima").toObject();
  LOSSLAB_VERIFY_NEAR(optima.value("least_squares").toObject().value("w").toDouble(), w, 1e-12);
  LOSSLAB_VERIFY_NEAR(optima.value("least_squares").toObject().value("b").toDouble(), b, 1e-12);
  // The chosen loss's own optimum (Nelder–Mead) finds the same point.
  LOSSLAB_VERIFY_NEAR(optima.value("loss").toObject().value("w").toDouble(), w, 1e-7);
  LOSSLAB_VERIFY_NEAR(optima.value("loss").toObject().value("b").toDouble(), b, 1e-7);
  const QJsonObject lad = optima.value("least_absolute").toObject();
  const auto mae = [](double r) { return std::fabs(r); };
  QVERIFY(meanLoss(mae, lad.value("w").toDouble(), lad.value("b").toDouble()) <
          meanLoss(mae, w, b));
  // The outliers (x = 0.5 up, x = 1 down) tilt the least-squares line, not the LAD one: its
  // slope stays near the inliers' 2.
  QVERIFY2(std::fabs(lad.value("w").toDouble() - 2) < std::fabs(w - 2), qPrintable(run.out));
}

void TestCliLandscape::threadCountChangesNothing() {
  for (const QStringList& mode :
       {QStringList{"--hidden", "none", "--dataset", "linear", "--trajectory"},
        QStringList{"--hidden", "6", "--dataset", "sine", "--directions", "random"}}) {
    const QStringList common = QStringList{"landscape", "--samples", "200",    "--loss", "huber",
                                           "--epochs",  "4",         "--grid", "21",     "--json"} +
                               mode;
    const CliRun one = runCli(QStringList(common) << "--threads"
                                                  << "1");
    const CliRun three = runCli(QStringList(common) << "--threads"
                                                    << "3");
    QVERIFY2(one.exitCode == 0, qPrintable(one.err));
    QCOMPARE(three.out, one.out);
  }
}

void TestCliLandscape::trajectoryEndsWhereTrainEnds() {
  // The path starts at the initial weights (the bias is 0) and ends at the weights `train`
  // ends with: its last loss is train's final_loss, the loss on the training split — every
  // sample with --val-split 0, three quarters of them with 0.25 (the landscape is that of the
  // training split too).
  for (const char* split : {"0", "0.25"}) {
    const QStringList common{"--dataset", dataFile(), "--hidden", "none", "--val-split",
                             split,       "--loss",   "huber",    "--lr", "0.1",
                             "--epochs",  "7",        "--seed",   "5"};
    const QString out = m_dir.filePath("path.csv");
    const CliRun run =
        runCli(QStringList{"landscape", "--grid", "9", "--trajectory-out", out, "--json"} + common);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonArray path = parseObject(run.out).value("trajectory").toArray();
    QCOMPARE(path.size(), 8);
    QCOMPARE(path[0].toObject().value("epoch").toInt(), 0);
    QCOMPARE(path[0].toObject().value("b").toDouble(), 0.0);
    const CliRun train = runCli(QStringList{"train", "--json"} + common);
    QVERIFY2(train.exitCode == 0, qPrintable(train.err));
    LOSSLAB_VERIFY_NEAR(path[7].toObject().value("loss").toDouble(),
                        parseObject(train.out).value("final_loss").toDouble(), 1e-13);
    const QStringList rows = lines(out);
    QCOMPARE(rows.size(), 9);
    QCOMPARE(rows[0], QStringLiteral("epoch,w,b,loss"));
    QCOMPARE(rows[8].split(',')[3].toDouble(), path[7].toObject().value("loss").toDouble());
    // Auto range frames the path.
    const QJsonObject w = parseObject(run.out).value("axes").toObject().value("w").toObject();
    for (const QJsonValue& p : path) {
      QVERIFY(p.toObject().value("w").toDouble() >= w.value("from").toDouble());
      QVERIFY(p.toObject().value("w").toDouble() <= w.value("to").toDouble());
    }
  }
}

void TestCliLandscape::slicesAreCentredOnTheTrainedWeights() {
  // (a, b) = (0, 0) is the trained network: with an odd grid over [-1, 1]² the centre value is
  // train's final_loss, and the line from the initial weights ends there too.
  const QStringList common{"--dataset", "sine",  "--samples",   "150", "--hidden", "6,4",
                           "--loss",    "huber", "--epochs",    "5",   "--lr",     "0.01",
                           "--seed",    "3",     "--val-split", "0"};
  const CliRun train = runCli(QStringList{"train", "--json"} + common);
  const double finalLoss = parseObject(train.out).value("final_loss").toDouble();
  for (const char* directions : {"random", "pca"}) {
    const CliRun run = runCli(QStringList{"landscape", "--directions", directions, "--grid", "7",
                                          "--trajectory", "--json"} +
                              common);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject result = parseObject(run.out);
    QVERIFY(result.value("axes").toObject().contains("a"));
    QVERIFY(!result.contains("optima"));
    LOSSLAB_VERIFY_NEAR(result.value("values").toArray()[3].toArray()[3].toDouble(), finalLoss,
                        1e-12);
    const QJsonArray line = result.value("line").toArray();
    QCOMPARE(line.size(), 7);
    LOSSLAB_VERIFY_NEAR(line[6].toObject().value("loss").toDouble(), finalLoss, 1e-12);
    const QJsonArray path = result.value("trajectory").toArray();
    QCOMPARE(path.size(), 6);
    LOSSLAB_VERIFY_NEAR(path[0].toObject().value("loss").toDouble(),
                        line[0].toObject().value("loss").toDouble(), 1e-12);
    LOSSLAB_VERIFY_NEAR(path[5].toObject().value("a").toDouble(), 0.0, 1e-12);
    LOSSLAB_VERIFY_NEAR(path[5].toObject().value("b").toDouble(), 0.0, 1e-12);
  }
}

void TestCliLandscape::help() {
  const CliRun run = runCli({"landscape", "--help"});
  QCOMPARE(run.exitCode, 0);
  for (const char* text :
       {"Usage: losslab-cli landscape", "--directions exact|random|pca", "--grid N",
        "--range W0:W1,B0:B1|auto", "--trajectory", "--trajectory-out FILE.csv", "Li et al.",
        "w,b,loss", "a,b,loss", "Exit status"}) {
    QVERIFY2(run.out.contains(QString::fromUtf8(text)), text);
  }
  QVERIFY(runCli({"--help"}).out.contains("  landscape "));
}

void TestCliLandscape::errors_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("message");
  const QStringList base{"landscape", "--dataset", "linear", "--loss", "huber"};
  QTest::newRow("exact with a network")
      << (base + QStringList{"--directions", "exact", "--hidden", "8"})
      << "--directions exact needs a linear model (--hidden none)";
  QTest::newRow("exact with four features")
      << QStringList{"landscape", "--dataset", "seed-sum",     "--hidden", "none",
                     "--loss",    "huber",     "--directions", "exact"}
      << "--directions exact needs a linear model";
  QTest::newRow("unknown directions") << (base + QStringList{"--directions", "hessian"})
                                      << "--directions takes exact, random or pca";
  QTest::newRow("bad range") << (base + QStringList{"--hidden", "none", "--range", "0:1"})
                             << "--range takes W0:W1,B0:B1 or auto";
  QTest::newRow("empty range") << (base + QStringList{"--hidden", "none", "--range", "1:1,0:1"})
                               << "--range: FROM must be less than TO";
  QTest::newRow("pca of one epoch") << (base + QStringList{"--directions", "pca", "--epochs", "1"})
                                    << "--directions pca needs a trajectory of at least 2 epochs";
  QTest::newRow("grid of 1") << (base + QStringList{"--grid", "1"})
                             << "option '--grid' needs an integer in [2, 1001]";
  QTest::newRow("no loss") << QStringList{"landscape", "--dataset", "linear"}
                           << "'landscape' needs --loss ID or --expr FORMULA";
}

void TestCliLandscape::errors() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, message);
  const CliRun run = runCli(arguments);
  QCOMPARE(run.exitCode, 2);
  QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
  const QString expected = "losslab-cli: error: " + message;
  QVERIFY2(run.err.startsWith(expected),
           qPrintable(QStringLiteral("stderr: %1\nexpected start: %2").arg(run.err, expected)));
}

QTEST_MAIN(TestCliLandscape)
#include "tst_cli_landscape.moc"
