// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic data sets: reproducibility, the defining formulas, outlier counts, the seeded
// train/validation split, and data sets from an already-parsed table.
#include <QTest>
#include <algorithm>
#include <cmath>
#include <set>

#include "core/engine/error.h"
#include "core/training/dataset.h"
#include "tests/test_utils.h"

using namespace losslab;

Q_DECLARE_METATYPE(losslab::DatasetKind)

class TestDataset : public QObject {
  Q_OBJECT

 private slots:
  void sameSeedSameData_data();
  void sameSeedSameData();
  void seedSumIsSeed003Workload();
  void cleanTargetsFollowTheirFormula_data();
  void cleanTargetsFollowTheirFormula();
  void outlierCount_data();
  void outlierCount();
  void noiseDoesNotMoveXOrOutliers();
  void noiseHasTheRequestedSpread();
  void splitSizesAndDisjointness_data();
  void splitSizesAndDisjointness();
  void splitKeepsOutliersWithTheirSamples();
  void fromTableByNameAndIndex();
  void fromTableErrors();
  void rejectsBadOptions();
};

void TestDataset::sameSeedSameData_data() {
  QTest::addColumn<DatasetKind>("kind");
  for (DatasetKind kind : {DatasetKind::SeedSum, DatasetKind::Linear, DatasetKind::Sine,
                           DatasetKind::Cubic, DatasetKind::Step, DatasetKind::Heteroscedastic}) {
    QTest::newRow(datasetName(kind).c_str()) << kind;
  }
}

void TestDataset::sameSeedSameData() {
  QFETCH(DatasetKind, kind);
  DatasetOptions options;
  options.kind = kind;
  options.samples = 200;
  options.noise = 0.3;
  options.outlierFraction = 0.1;
  options.outlierMagnitude = 5;
  options.seed = 77;
  const Dataset a = makeDataset(options);
  const Dataset b = makeDataset(options);
  QVERIFY(a.x == b.x);
  QVERIFY(a.y == b.y);
  QVERIFY(a.outliers == b.outliers);
  options.seed = 78;
  const Dataset c = makeDataset(options);
  QVERIFY(a.x != c.x);
  QVERIFY(a.y != c.y);
  QCOMPARE(QString::fromStdString(a.name), QString::fromStdString(datasetName(kind)));
  QCOMPARE(parseDatasetKind(datasetName(kind)), kind);
}

void TestDataset::seedSumIsSeed003Workload() {
  // Seed 003: x = uniform(0, 1) of shape (1000, 4), y = 5 · Σ x.
  const Dataset d = makeDataset({});
  QCOMPARE(d.size(), Eigen::Index{1000});
  QCOMPARE(d.featureCount(), Eigen::Index{4});
  QCOMPARE(d.featureNames.size(), std::size_t{4});
  QVERIFY(d.x.minCoeff() >= 0.0);
  QVERIFY(d.x.maxCoeff() < 1.0);
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    LOSSLAB_VERIFY_NEAR(d.y(i), 5 * (d.x(0, i) + d.x(1, i) + d.x(2, i) + d.x(3, i)),
                        test::kExactTolerance);
  }
  // Uniform draws: the mean of 4000 U(0, 1) values is 0.5 ± 0.0046 (σ = √(1/12/4000)).
  QVERIFY(std::fabs(d.x.mean() - 0.5) < 0.02);
  QVERIFY(d.outliers.empty());
}

void TestDataset::cleanTargetsFollowTheirFormula_data() {
  QTest::addColumn<DatasetKind>("kind");
  QTest::addColumn<double>("lo");
  QTest::addColumn<double>("hi");
  const double pi = 3.141592653589793;
  QTest::newRow("linear y = 2x + 1") << DatasetKind::Linear << -1.0 << 1.0;
  QTest::newRow("sine y = sin x") << DatasetKind::Sine << -pi << pi;
  QTest::newRow("cubic y = x³ − x") << DatasetKind::Cubic << -1.5 << 1.5;
  QTest::newRow("step y = 1[x ≥ 0]") << DatasetKind::Step << -1.0 << 1.0;
  QTest::newRow("heteroscedastic y = 2x + 1") << DatasetKind::Heteroscedastic << -1.0 << 1.0;
}

void TestDataset::cleanTargetsFollowTheirFormula() {
  QFETCH(DatasetKind, kind);
  QFETCH(double, lo);
  QFETCH(double, hi);
  DatasetOptions options;
  options.kind = kind;
  options.samples = 500;
  const Dataset d = makeDataset(options);
  QCOMPARE(d.featureCount(), Eigen::Index{1});
  QVERIFY(d.x.minCoeff() >= lo && d.x.maxCoeff() < hi);
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    const double x = d.x(0, i);
    double expected = 0;
    switch (kind) {
      case DatasetKind::Linear:
      case DatasetKind::Heteroscedastic:
        expected = 2 * x + 1;
        break;
      case DatasetKind::Sine:
        expected = std::sin(x);
        break;
      case DatasetKind::Cubic:
        expected = x * x * x - x;
        break;
      case DatasetKind::Step:
        expected = x >= 0 ? 1 : 0;
        break;
      case DatasetKind::SeedSum:
        QFAIL("not a 1-D set");
    }
    LOSSLAB_VERIFY_NEAR(d.clean(i), expected, test::kExactTolerance);
    QCOMPARE(d.y(i), d.clean(i));  // σ = 0, no outliers
  }
}

void TestDataset::outlierCount_data() {
  QTest::addColumn<Eigen::Index>("samples");
  QTest::addColumn<double>("fraction");
  QTest::addColumn<Eigen::Index>("count");
  QTest::newRow("10 % of 1000") << Eigen::Index{1000} << 0.1 << Eigen::Index{100};
  QTest::newRow("2.5 % of 1000 (round)") << Eigen::Index{1000} << 0.025 << Eigen::Index{25};
  QTest::newRow("13 % of 70 → 9.1 → 9") << Eigen::Index{70} << 0.13 << Eigen::Index{9};
  QTest::newRow("none") << Eigen::Index{100} << 0.0 << Eigen::Index{0};
  QTest::newRow("all") << Eigen::Index{40} << 1.0 << Eigen::Index{40};
}

void TestDataset::outlierCount() {
  QFETCH(Eigen::Index, samples);
  QFETCH(double, fraction);
  QFETCH(Eigen::Index, count);
  DatasetOptions options;
  options.kind = DatasetKind::Linear;
  options.samples = samples;
  options.outlierFraction = fraction;
  options.outlierMagnitude = 20;
  const Dataset d = makeDataset(options);
  QCOMPARE(static_cast<Eigen::Index>(d.outliers.size()), count);
  QVERIFY(std::is_sorted(d.outliers.begin(), d.outliers.end()));
  QCOMPARE(std::set<Eigen::Index>(d.outliers.begin(), d.outliers.end()).size(), d.outliers.size());
  // Without noise, exactly the listed samples are displaced, each by ±20.
  Eigen::Index displaced = 0;
  Eigen::Index up = 0;
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    const double shift = d.y(i) - d.clean(i);
    if (shift != 0) {
      ++displaced;
      up += shift > 0;
      LOSSLAB_VERIFY_NEAR(std::fabs(shift), 20.0, test::kExactTolerance);
      QVERIFY(std::binary_search(d.outliers.begin(), d.outliers.end(), i));
    }
  }
  QCOMPARE(displaced, count);
  if (count >= 25) {
    QVERIFY2(up > 0 && up < count, "outlier signs should be mixed");
  }
}

void TestDataset::noiseDoesNotMoveXOrOutliers() {
  DatasetOptions options;
  options.kind = DatasetKind::Sine;
  options.samples = 300;
  options.outlierFraction = 0.1;
  options.outlierMagnitude = 3;
  const Dataset quiet = makeDataset(options);
  options.noise = 0.5;
  const Dataset noisy = makeDataset(options);
  QVERIFY(quiet.x == noisy.x);
  QVERIFY(quiet.outliers == noisy.outliers);
  QVERIFY(quiet.y != noisy.y);
}

void TestDataset::noiseHasTheRequestedSpread() {
  // 20,000 samples of linear data with σ = 0.5: the residual standard deviation is 0.5 within
  // ±3 % (its relative standard error is 1/√(2n) ≈ 0.5 %).
  DatasetOptions options;
  options.kind = DatasetKind::Linear;
  options.samples = 20000;
  options.noise = 0.5;
  const Dataset d = makeDataset(options);
  const Eigen::VectorXd r = d.y - d.clean;
  const double sd =
      std::sqrt((r.array() - r.mean()).square().sum() / static_cast<double>(r.size() - 1));
  QVERIFY2(std::fabs(sd / 0.5 - 1) < 0.03, qPrintable(QString::number(sd)));
  QVERIFY(std::fabs(r.mean()) < 0.02);
  // Heteroscedastic: σ(x) = σ (0.2 + 0.9 (x + 1)) — the right end is ~10× noisier than the left.
  options.kind = DatasetKind::Heteroscedastic;
  const Dataset h = makeDataset(options);
  double left = 0;
  double right = 0;
  double nLeft = 0;
  double nRight = 0;
  for (Eigen::Index i = 0; i < h.size(); ++i) {
    const double e = h.y(i) - h.clean(i);
    if (h.x(0, i) < -0.9) {
      left += e * e;
      ++nLeft;
    } else if (h.x(0, i) > 0.9) {
      right += e * e;
      ++nRight;
    }
  }
  // Expected RMS: left σ·(0.2 + 0.9·~0.05) ≈ 0.12, right σ·(0.2 + 0.9·~1.95) ≈ 0.98.
  const double ratio = std::sqrt(right / nRight) / std::sqrt(left / nLeft);
  QVERIFY2(ratio > 6 && ratio < 10, qPrintable(QString::number(ratio)));
}

void TestDataset::splitSizesAndDisjointness_data() {
  QTest::addColumn<Eigen::Index>("samples");
  QTest::addColumn<double>("fraction");
  QTest::addColumn<Eigen::Index>("train");
  // Keras' count: train = ⌊n (1 − f)⌋.
  QTest::newRow("1000, 0.2 → 800/200") << Eigen::Index{1000} << 0.2 << Eigen::Index{800};
  QTest::newRow("1000, 0 → all train") << Eigen::Index{1000} << 0.0 << Eigen::Index{1000};
  QTest::newRow("7, 0.5 → ⌊3.5⌋ = 3/4") << Eigen::Index{7} << 0.5 << Eigen::Index{3};
  QTest::newRow("10, 0.25 → ⌊7.5⌋ = 7/3") << Eigen::Index{10} << 0.25 << Eigen::Index{7};
}

void TestDataset::splitSizesAndDisjointness() {
  QFETCH(Eigen::Index, samples);
  QFETCH(double, fraction);
  QFETCH(Eigen::Index, train);
  DatasetOptions options;
  options.kind = DatasetKind::Linear;  // x values are distinct: they identify samples
  options.samples = samples;
  const Dataset d = makeDataset(options);
  const DatasetSplit split = splitDataset(d, fraction, 5);
  QCOMPARE(split.train.size(), train);
  QCOMPARE(split.validation.size(), samples - train);
  std::multiset<double> all(d.x.data(), d.x.data() + d.x.size());
  std::multiset<double> parts(split.train.x.data(), split.train.x.data() + split.train.x.size());
  parts.insert(split.validation.x.data(), split.validation.x.data() + split.validation.x.size());
  QVERIFY(all == parts);  // a partition: nothing lost, nothing duplicated
  for (Eigen::Index i = 0; i < split.train.size(); ++i) {
    QCOMPARE(split.train.y(i), 2 * split.train.x(0, i) + 1);  // rows stay paired
  }
  // Reproducible with the seed, different with another one (shuffled, not Keras' tail).
  const DatasetSplit again = splitDataset(d, fraction, 5);
  QVERIFY(again.train.x == split.train.x);
  if (samples > 10) {
    const DatasetSplit other = splitDataset(d, fraction, 6);
    QVERIFY(other.train.x != split.train.x);
    QVERIFY(split.train.x != d.x.leftCols(train));
  }
}

void TestDataset::splitKeepsOutliersWithTheirSamples() {
  DatasetOptions options;
  options.kind = DatasetKind::Linear;
  options.outlierFraction = 0.1;
  options.outlierMagnitude = 20;
  const Dataset d = makeDataset(options);
  const DatasetSplit split = splitDataset(d, 0.2, 1);
  QCOMPARE(split.train.outliers.size() + split.validation.outliers.size(), std::size_t{100});
  for (const Dataset* part : {&split.train, &split.validation}) {
    for (Eigen::Index i = 0; i < part->size(); ++i) {
      const bool listed = std::binary_search(part->outliers.begin(), part->outliers.end(), i);
      QCOMPARE(listed, part->y(i) != part->clean(i));
    }
  }
}

void TestDataset::fromTableByNameAndIndex() {
  NumericTable table;
  table.columns = {"a", "b", "target", "c"};
  table.values.resize(3, 4);
  table.values << 1, 2, 10, 3,  //
      4, 5, 20, 6,              //
      7, 8, 30, 9;
  const Dataset named = datasetFromTable(table, {"c", "a"}, "target");
  QCOMPARE(named.featureCount(), Eigen::Index{2});
  QCOMPARE(named.size(), Eigen::Index{3});
  QCOMPARE(QString::fromStdString(named.targetName), QStringLiteral("target"));
  QCOMPARE(QString::fromStdString(named.featureNames[0]), QStringLiteral("c"));
  QCOMPARE(named.x(0, 1), 6.0);  // feature "c" of record 2
  QCOMPARE(named.x(1, 2), 7.0);  // feature "a" of record 3
  QCOMPARE(named.y(2), 30.0);
  QCOMPARE(named.clean.size(), Eigen::Index{0});
  // No features named: every column but the target, in table order.
  const Dataset all = datasetFromTable(table, std::vector<std::string>{}, "target");
  QCOMPARE(all.featureNames, (std::vector<std::string>{"a", "b", "c"}));
  const Dataset indexed = datasetFromTable(table, std::vector<Eigen::Index>{3, 0}, 2);
  QVERIFY(indexed.x == named.x);
  QVERIFY(indexed.y == named.y);
}

void TestDataset::fromTableErrors() {
  NumericTable table;
  table.columns = {"a", "b"};
  table.values.resize(2, 2);
  table.values << 1, 2, std::nan(""), 4;
  try {
    datasetFromTable(table, {"a"}, "nope");
    QFAIL("expected a usage error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Usage);
    QVERIFY2(std::string(error.what()).find("a, b") != std::string::npos, error.what());
  }
  try {
    datasetFromTable(table, {"a"}, "b");
    QFAIL("expected a data error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Data);
    QVERIFY2(std::string(error.what()).find("row 2, column 1") != std::string::npos, error.what());
  }
  QVERIFY_THROWS_EXCEPTION(Error, datasetFromTable(table, {"a"}, "a"));
  QVERIFY_THROWS_EXCEPTION(Error, datasetFromTable(table, std::vector<Eigen::Index>{5}, 1));
}

void TestDataset::rejectsBadOptions() {
  DatasetOptions options;
  options.samples = 0;
  QVERIFY_THROWS_EXCEPTION(Error, makeDataset(options));
  options.samples = 10;
  options.outlierFraction = 1.5;
  QVERIFY_THROWS_EXCEPTION(Error, makeDataset(options));
  options.outlierFraction = 0;
  options.noise = -1;
  QVERIFY_THROWS_EXCEPTION(Error, makeDataset(options));
  const Dataset d = makeDataset({});
  QVERIFY_THROWS_EXCEPTION(Error, splitDataset(d, 1.0, 1));
  QVERIFY_THROWS_EXCEPTION(Error, parseDatasetKind("spiral"));
}

QTEST_MAIN(TestDataset)
#include "tst_dataset.moc"
