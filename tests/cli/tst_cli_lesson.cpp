// SPDX-License-Identifier: GPL-3.0-or-later
// The robust-regression lesson through the real losslab-cli (issue 11): one-sided outliers and
// bad leverage points, the clean errors that show MSE being pulled away while MAE and Huber
// hold the line, the predictions file with every sample's split, clean value and outlier mark,
// and a CSV clean-target column. Expected values come from the written files or from the
// least-squares algebra, never from the code under test.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/cli_runner.h"
#include "tests/test_utils.h"

namespace {

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

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

/// clean_mae of the three losses on the same data and seed.
struct Three {
  double mse = 0;
  double huber = 0;
  double mae = 0;
  double mseMae = 0;  // the observed-target MAE, for contrast
  double maeMae = 0;
};
Three threeLosses(const QStringList& data) {
  Three t;
  for (const char* loss : {"mean_squared_error", "huber", "mean_absolute_error"}) {
    const CliRun run = runCli(QStringList{"train", "--dataset", "linear", "--hidden", "none",
                                          "--loss", loss, "--lr", "0.01", "--json"} +
                              data);
    if (run.exitCode != 0) {
      qWarning("%s", qPrintable(run.err));
      return {};
    }
    const QJsonObject result = parseObject(run.out);
    const double clean = result.value("clean_mae").toDouble();
    const QString id = QString::fromLatin1(loss);
    (id == "huber" ? t.huber : id == "mean_absolute_error" ? t.mae : t.mse) = clean;
    if (id == "mean_squared_error") {
      t.mseMae = result.value("mae").toDouble();
    } else if (id == "mean_absolute_error") {
      t.maeMae = result.value("mae").toDouble();
    }
  }
  return t;
}

}  // namespace

class TestCliLesson : public QObject {
  Q_OBJECT

 private slots:
  void oneSidedOutliersPullOnlyMse();
  void leveragePointsTiltMse();
  void predictionsHaveEverySample();
  void cleanColumnOfACsv();
  void sessionsKeepTheLesson();
  void errors_data();
  void errors();

 private:
  QTemporaryDir m_dir;
};

// The done-when: linear data, a linear model, 15 % of the targets moved up by 20
// (default seed 0, 1,000 samples; --lr 0.01 so 100 epochs converge). Least squares shifts the
// line by the outliers' mean, 0.15 · 20 = 3; Huber (δ = 1) by about 0.15 δ / 0.85 ≈ 0.18;
// least absolute deviations not at all.
void TestCliLesson::oneSidedOutliersPullOnlyMse() {
  const Three t = threeLosses({"--outliers", "0.15:20:up"});
  qInfo("clean_mae: MSE %.6g, Huber %.6g, MAE %.6g", t.mse, t.huber, t.mae);
  LOSSLAB_VERIFY_NEAR(t.mse, 3.0, 0.1);
  LOSSLAB_VERIFY_NEAR(t.huber, 0.15 / 0.85, 0.02);
  QVERIFY(t.mse > 10 * t.huber);
  QVERIFY(t.mse > 100 * t.mae);
  // Measured against the corrupted targets the three look alike (the complaint).
  QVERIFY(t.mseMae < 2 * t.maeMae);
}

// Bad leverage points: 1 % of the samples two range widths beyond x = 1, y kept. MSE's line
// tilts; MAE keeps the line; Huber tilts less (capped pull, long arm: no M-estimator resists
// leverage, see tst_outliers for the measured range).
void TestCliLesson::leveragePointsTiltMse() {
  const Three t = threeLosses({"--leverage", "0.01:2"});
  qInfo("clean_mae: MSE %.6g, Huber %.6g, MAE %.6g", t.mse, t.huber, t.mae);
  QVERIFY(t.mse > 0.3);
  QVERIFY(t.mse > 4 * t.huber);
  QVERIFY(t.mse > 20 * t.mae);
}

void TestCliLesson::predictionsHaveEverySample() {
  const QString predictions = m_dir.filePath("lesson_pred.csv");
  const CliRun run = runCli({"train", "--dataset", "linear", "--samples", "50", "--noise", "0.1",
                             "--outliers", "0.2:5:down", "--leverage", "0.1:1", "--loss", "huber",
                             "--epochs", "3", "--predictions", predictions, "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  const QList<QStringList> rows = readCsv(predictions);
  QCOMPARE(rows.size(), 51);  // every sample of the data set, both splits
  QCOMPARE(rows[0],
           (QStringList{"x1", "y_true", "y_pred", "residual", "split", "y_clean", "is_outlier"}));
  int validation = 0;
  int outliers = 0;
  int leverage = 0;
  double cleanSum = 0;
  double cleanSquares = 0;
  double inlierSum = 0;
  int inliers = 0;
  for (qsizetype i = 1; i < rows.size(); ++i) {
    const QStringList& r = rows[i];
    const double x = toDouble(r[0]);
    const double y = toDouble(r[1]);
    const double p = toDouble(r[2]);
    const double clean = toDouble(r[5]);
    QCOMPARE(clean, 2 * x + 1);  // the noise-free line at the sample's x
    const bool outlier = r[6] == QStringLiteral("1");
    QVERIFY(outlier || r[6] == QStringLiteral("0"));
    if (x >= 1) {
      // A leverage point: x ∈ [3, 3.5), y kept from x < 1, so at least 4 below the line.
      QVERIFY(outlier);
      QVERIFY(x >= 3 && x < 3.5);
      QVERIFY(clean - y > 4 - 0.5);
      ++leverage;
    } else if (outlier) {
      LOSSLAB_VERIFY_NEAR(y - clean, -5.0, 0.5);  // down by 5, σ = 0.1 noise
    } else {
      QVERIFY(std::abs(y - clean) < 0.5);
    }
    outliers += outlier ? 1 : 0;
    QVERIFY(r[4] == QStringLiteral("train") || r[4] == QStringLiteral("validation"));
    if (r[4] == QStringLiteral("validation")) {
      ++validation;
      cleanSum += std::abs(p - clean);
      cleanSquares += (p - clean) * (p - clean);
      if (!outlier) {
        inlierSum += std::abs(p - y);
        ++inliers;
      }
    }
  }
  QCOMPARE(validation, 10);                           // --val-split 0.2 of 50
  QCOMPARE(leverage, 5);                              // round(0.1 · 50)
  QVERIFY(outliers >= 10 + 5 - 2 && outliers <= 15);  // 10 outliers + 5 leverage, any overlap
  // The JSON's clean errors are those of the validation rows of the file.
  LOSSLAB_VERIFY_NEAR(result.value("clean_mae").toDouble(), cleanSum / validation, 1e-12);
  LOSSLAB_VERIFY_NEAR(result.value("clean_rmse").toDouble(), std::sqrt(cleanSquares / validation),
                      1e-12);
  LOSSLAB_VERIFY_NEAR(result.value("inlier_mae").toDouble(), inlierSum / inliers, 1e-12);
}

void TestCliLesson::cleanColumnOfACsv() {
  // y = clean + a corruption; the clean column is no feature (one feature x).
  const QString data = losslab::test::writeTextFile(
      m_dir.path(), "clean.csv",
      "x,y_clean,y\n0,1,1.5\n1,3,2.5\n2,5,25\n3,7,7\n4,9,9.1\n5,11,10\n6,13,13.2\n7,15,1\n"
      "8,17,17\n9,19,19.4\n");
  const QString predictions = m_dir.filePath("clean_pred.csv");
  const CliRun run =
      runCli({"train", "--dataset", data, "--clean-column", "y_clean", "--loss", "huber",
              "--epochs", "3", "--val-split", "0.3", "--predictions", predictions, "--json"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  const QList<QStringList> rows = readCsv(predictions);
  QCOMPARE(rows[0],
           (QStringList{"x", "y_true", "y_pred", "residual", "split", "y_clean", "is_outlier"}));
  double sum = 0;
  int count = 0;
  for (qsizetype i = 1; i < rows.size(); ++i) {
    QCOMPARE(toDouble(rows[i][5]), 2 * toDouble(rows[i][0]) + 1);
    if (rows[i][4] == QStringLiteral("validation")) {
      sum += std::abs(toDouble(rows[i][2]) - toDouble(rows[i][5]));
      ++count;
    }
  }
  QCOMPARE(count, 3);
  LOSSLAB_VERIFY_NEAR(result.value("clean_mae").toDouble(), sum / count, 1e-12);
  // Without the column: no clean targets, the clean errors are null, y_clean is nan.
  const CliRun plain = runCli({"train", "--dataset", data, "--loss", "huber", "--epochs", "3",
                               "--val-split", "0.3", "--json"});
  QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
  const QJsonObject none = parseObject(plain.out);
  QVERIFY(none.value("clean_mae").isNull());
  QVERIFY(none.value("clean_rmse").isNull());
  QVERIFY(none.value("inlier_mae").isDouble());  // every CSV sample is an inlier
  // The clean column cannot be the target; a headerless file has no names; generator options
  // do not apply to a CSV.
  const CliRun same =
      runCli({"train", "--dataset", data, "--clean-column", "y", "--loss", "huber"});
  QCOMPARE(same.exitCode, 2);
  QVERIFY2(same.err.contains("clean") && same.err.contains("target"), qPrintable(same.err));
  const QString headerless =
      losslab::test::writeTextFile(m_dir.path(), "headerless.csv", "0,1,1\n1,3,3\n2,5,5\n");
  const CliRun noNames =
      runCli({"train", "--dataset", headerless, "--clean-column", "c", "--loss", "huber"});
  QCOMPARE(noNames.exitCode, 2);
  QVERIFY2(noNames.err.contains("has no header row"), qPrintable(noNames.err));
  const CliRun leverage =
      runCli({"train", "--dataset", data, "--leverage", "0.1", "--loss", "huber"});
  QCOMPARE(leverage.exitCode, 2);
  QVERIFY2(leverage.err.contains("--leverage applies to generated data sets"),
           qPrintable(leverage.err));
}

// --save-session stores the side and the leverage points; --session replays the run to the
// last bit, and --outliers F alone keeps the session's magnitude and side.
void TestCliLesson::sessionsKeepTheLesson() {
  const QString session = m_dir.filePath("lesson.json");
  const QStringList run{"train",      "--dataset",  "linear", "--hidden", "none", "--outliers",
                        "0.15:20:up", "--leverage", "0.01:2", "--lr",     "0.01", "--epochs",
                        "20",         "--loss",     "huber",  "--json"};
  const CliRun saved = runCli(run + QStringList{"--save-session", session});
  QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
  QFile f(session);
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QJsonObject data = QJsonDocument::fromJson(f.readAll()).object().value("data").toObject();
  QCOMPARE(data.value("outlier_side").toString(), QStringLiteral("up"));
  QCOMPARE(data.value("leverage_fraction").toDouble(), 0.01);
  QCOMPARE(data.value("leverage_distance").toDouble(), 2.0);
  const QJsonObject first = parseObject(saved.out);
  for (const QStringList& replay :
       {QStringList{"train", "--session", session, "--json"},
        QStringList{"train", "--session", session, "--outliers", "0.15", "--json"}}) {
    const CliRun again = runCli(replay);
    QVERIFY2(again.exitCode == 0, qPrintable(again.err));
    const QJsonObject result = parseObject(again.out);
    for (const char* key : {"clean_mae", "clean_rmse", "inlier_mae", "mae", "final_loss"}) {
      QVERIFY2(result.value(key).toDouble() == first.value(key).toDouble(), key);  // bit for bit
    }
  }
}

void TestCliLesson::errors_data() {
  QTest::addColumn<QStringList>("args");
  QTest::addColumn<QString>("message");
  const QStringList base{"train", "--loss", "huber", "--dataset"};
  QTest::newRow("unknown side") << base + QStringList{"linear", "--outliers", "0.1:5:left"}
                                << "the side is both, up or down, not 'left'";
  QTest::newRow("too many parts") << base + QStringList{"linear", "--outliers", "0.1:5:up:x"}
                                  << "--outliers takes FRACTION[:MAGNITUDE[:SIDE]]";
  QTest::newRow("leverage fraction") << base + QStringList{"linear", "--leverage", "2"}
                                     << "--leverage: the fraction must be in [0, 1], not 2";
  QTest::newRow("leverage distance") << base + QStringList{"linear", "--leverage", "0.1:-1"}
                                     << "the distance (in widths of the x range) must be > 0";
  QTest::newRow("clean column on generated data")
      << base + QStringList{"linear", "--clean-column", "c"} << "--clean-column names a column";
}

void TestCliLesson::errors() {
  QFETCH(QStringList, args);
  QFETCH(QString, message);
  const CliRun run = runCli(args);
  QCOMPARE(run.exitCode, 2);
  QVERIFY2(run.err.contains(message), qPrintable(run.err));
  QVERIFY(run.out.isEmpty());
}

QTEST_MAIN(TestCliLesson)
#include "tst_cli_lesson.moc"
