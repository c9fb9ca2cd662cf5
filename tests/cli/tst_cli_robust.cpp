// SPDX-License-Identifier: GPL-3.0-or-later
// The robust-regression answers of issue 12, asked the way a practitioner asks them, through
// `losslab-cli sweep` on fixed seeds (a linear model on y = 2x + 1, σ = 0.1, magnitude-20
// outliers, 3 seeds, clean MAE = validation predictions against the noise-free line):
//  * which δ? A Huber δ sweep over [0.05, 20] (log, 13 points) is U-shaped on its right: at
//    δ = 20 Huber is MSE on every residual but the outliers and its clean MAE is MSE's, far
//    above the best δ;
//  * the breakdown curve: over outlier fractions 0 … 0.4, MSE's clean MAE grows from the first
//    outlier on, while MAE and Huber stay near the clean line.
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <map>

#include "tests/cli_runner.h"

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

namespace {

/// Outliers of the lesson: 15 % (or the swept fraction) of magnitude 20.
const QString kOutliers = QStringLiteral("0.15:20");
const QString kNoOutliers = QStringLiteral("0:20");  // the magnitude of the breakdown sweep

const QStringList kLinear{"--dataset", "linear", "--hidden", "none",      "--noise",
                          "0.1",       "--lr",   "0.05",     "--epochs",  "100",
                          "--seeds",   "3",      "--metric", "clean_mae", "--json"};

/// loss id → (value → median) of a sweep's summary.
std::map<QString, std::map<double, double>> medians(const QJsonObject& result) {
  std::map<QString, std::map<double, double>> table;
  for (const QJsonValue& entry : result.value("summary").toArray()) {
    const QJsonObject s = entry.toObject();
    table[s.value("loss").toString()][s.value("value").toDouble()] = s.value("median").toDouble();
  }
  return table;
}

}  // namespace

class TestCliRobust : public QObject {
  Q_OBJECT

 private slots:
  void huberDeltaSweepIsUShaped();
  void breakdownCurve();
};

void TestCliRobust::huberDeltaSweepIsUShaped() {
  const CliRun run =
      runCli(QStringList{"sweep", "--outliers", kOutliers, "--loss", "huber,mean_squared_error",
                         "--vary", "delta=0.05:20:log:13"} +
             kLinear);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  QCOMPARE(result.value("points").toArray().size(), 2 * 13 * 3);
  const auto table = medians(result);
  const std::map<double, double>& huber = table.at("huber");
  QCOMPARE(huber.size(), std::size_t{13});
  double best = INFINITY;
  double bestDelta = 0;
  for (const auto& [delta, median] : huber) {
    if (median < best) {
      best = median;
      bestDelta = delta;
    }
  }
  const double at20 = huber.rbegin()->second;
  const double mse = table.at("mean_squared_error").begin()->second;  // the same at every δ
  const QString numbers = QStringLiteral("best δ %1: %2, δ = 20: %3, MSE: %4")
                              .arg(bestDelta)
                              .arg(best)
                              .arg(at20)
                              .arg(mse);
  QVERIFY2(at20 > 5 * best, qPrintable(numbers));                     // clearly above the best δ
  QVERIFY2(at20 > 0.5 * mse && at20 < 2 * mse, qPrintable(numbers));  // δ = 20 ≈ MSE
  QVERIFY2(bestDelta < 2, qPrintable(numbers));  // the best δ is below the outliers' scale
  // The best δ of the JSON is the smallest median.
  for (const QJsonValue& entry : result.value("best").toArray()) {
    if (entry.toObject().value("loss").toString() == "huber") {
      QCOMPARE(entry.toObject().value("value").toDouble(), bestDelta);
    }
  }
}

void TestCliRobust::breakdownCurve() {
  const CliRun run = runCli(QStringList{"sweep", "--outliers", kNoOutliers, "--loss",
                                        "mean_squared_error,mean_absolute_error,huber", "--vary",
                                        "outliers=0:0.4:5"} +
                            kLinear);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const auto table = medians(parseObject(run.out));
  const std::map<double, double>& mse = table.at("mean_squared_error");
  const std::map<double, double>& mae = table.at("mean_absolute_error");
  const std::map<double, double>& huber = table.at("huber");
  QCOMPARE(mse.size(), std::size_t{5});
  const double clean = mse.at(0);
  double previous = clean;
  for (const auto& [fraction, median] : mse) {
    const QString numbers = QStringLiteral(
                                "outliers %1: MSE %2 (no outliers %3), MAE %4, "
                                "Huber %5")
                                .arg(fraction)
                                .arg(median)
                                .arg(clean)
                                .arg(mae.at(fraction))
                                .arg(huber.at(fraction));
    if (fraction == 0) {
      continue;
    }
    QVERIFY2(median > 5 * clean, qPrintable(numbers));  // from the first outlier on
    QVERIFY2(median >= previous, qPrintable(numbers));  // and growing with the fraction
    previous = median;
    QVERIFY2(mae.at(fraction) < median / 4, qPrintable(numbers));
    QVERIFY2(huber.at(fraction) < median / 4, qPrintable(numbers));
  }
}

QTEST_MAIN(TestCliRobust)
#include "tst_cli_robust.moc"
