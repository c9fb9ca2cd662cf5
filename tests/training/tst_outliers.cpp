// SPDX-License-Identifier: GPL-3.0-or-later
// The robust-regression lesson's data and metrics (issue 11): outliers with a side, bad leverage
// points, clean targets kept through the split and from a CSV column, the clean metrics against
// hand-computed values, and the lesson itself: with one-sided outliers or bad leverage points,
// MSE's error against the clean line is several times Huber's and MAE's.
#include <QTest>
#include <cmath>
#include <cstdlib>
#include <set>

#include "core/engine/error.h"
#include "core/io/csv_reader.h"
#include "core/training/csv_dataset.h"
#include "core/training/dataset.h"
#include "core/training/metrics.h"
#include "core/training/session_file.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"

using namespace losslab;

namespace {

// Captured from build/app/losslab-cli of commit c3d862e (before outlier sides existed):
//   losslab-cli train --dataset linear --samples 40 --noise 0.1 --outliers 0.15:20 --seed 5
//     --epochs 1 --loss mean_squared_error --predictions linear_s5.csv
//   losslab-cli train --dataset sine --samples 30 --noise 0.3 --outliers 0.2:7 --seed 0
//     --epochs 1 --loss mean_squared_error --predictions sine_s0.csv
// The shortest round-trip decimals, so strtod gives back the exact doubles.
// linear_s5: losslab-cli train (before outlier sides existed) --predictions, columns x1, y_true
constexpr const char* kLinearS5[][2] = {
    {"0.5429832796650207", "21.94319983783513"},
    {"-0.9051143590889281", "-0.8624443779271146"},
    {"0.19406619307407857", "1.2268585289643235"},
    {"0.7547808320825402", "2.4955287900718415"},
    {"-0.37223323691569754", "0.24606171525458453"},
    {"0.2531747461390492", "21.721053652389113"},
    {"0.2474959731379136", "1.165632417188541"},
    {"-0.27238476782994225", "0.3309792435278122"},
    {"0.9554809653658765", "2.9429822347375905"},
    {"-0.09687889524166615", "0.9026443884374353"},
    {"-0.2814578545058597", "0.3943207964563258"},
    {"0.24876335719893272", "1.6411047879417688"},
    {"-0.16471695225461236", "0.7338473789655536"},
    {"-0.13410449502514954", "0.6777029434869076"},
    {"-0.829180721272597", "-0.5459072505378432"},
    {"0.12536167168587808", "1.298938444055397"},
    {"0.4114820887320365", "1.7752964122018327"},
    {"0.7460250371005861", "2.486576671038543"},
    {"-0.9457845232688837", "-0.8514971243364673"},
    {"0.1400578897491842", "-18.63504374287599"},
    {"-0.19709801096100654", "0.6441461163753165"},
    {"-0.7552484555142198", "-0.5259772353345142"},
    {"-0.2845949637953593", "0.48880444038880266"},
    {"0.9497099783731042", "2.766330757672339"},
    {"-0.7251636720447476", "-0.35137929815920976"},
    {"-0.037052828014253913", "0.8787913762261971"},
    {"-0.4085826883614563", "20.355713590342223"},
    {"0.0911113318841934", "1.0204516562205461"},
    {"0.008514579659502752", "1.0446263550129686"},
    {"0.432950464424098", "-18.26400227504684"},
    {"0.505306013210373", "21.982114901811784"},
    {"0.41640520458927366", "1.9074089126159695"},
    {"0.2544806641192694", "1.4502437308803886"},
    {"-0.6618698622137595", "-0.3522195426856806"},
    {"0.5983164411656112", "2.278693174237249"},
    {"-0.8476448551649056", "-0.4557853436346301"},
    {"0.479446843254945", "1.9220852687693502"},
    {"-0.7350153617883814", "-0.42039974140375025"},
    {"0.5058256145198483", "2.142264034600705"},
    {"-0.749407036976208", "-0.21354376376718448"},
};
// sine_s0: losslab-cli train (before outlier sides existed) --predictions, columns x1, y_true
constexpr const char* kSineS0[][2] = {
    {"-0.11265030879592697", "-0.06341017162549639"},
    {"-2.5281324673044434", "-0.6779441432166875"},
    {"-0.1297906059148053", "-0.2789255408784491"},
    {"-0.3330081395371942", "-0.38543119407824383"},
    {"-2.7455050050783147", "-7.227338348885275"},
    {"-1.3961765777586268", "-8.183853416049113"},
    {"1.8266616582797095", "1.4725858580867572"},
    {"0.6095802602392522", "0.44042457737883356"},
    {"1.988342497542316", "1.2574308858718573"},
    {"-2.1269963946222354", "5.725708450063759"},
    {"3.102912824049601", "0.08605414561529832"},
    {"0.640697288033933", "-6.883762629245708"},
    {"0.16770474433603244", "0.08437900108293177"},
    {"3.0776083766776523", "0.025037440443410504"},
    {"2.4260862685370643", "0.47209477951723894"},
    {"0.957021299342725", "0.9803019627322246"},
    {"1.3108468126181823", "1.0369796501659878"},
    {"0.20732756152899068", "-0.12201393070932409"},
    {"-3.0977913304605953", "-0.16225041434380916"},
    {"-1.5642246748068611", "-0.4711393567710721"},
    {"0.2837802574988908", "0.4237162920522548"},
    {"2.1641373356318594", "-6.335816429656146"},
    {"0.8250919782508124", "0.5734299877562695"},
    {"2.9742876475819218", "-0.5459186402018278"},
    {"0.7904146089082995", "0.5091103174183678"},
    {"1.3796174838219661", "1.3360627191628374"},
    {"-1.8300161441366483", "-1.3391410055532968"},
    {"-0.13248052295819956", "-0.15435953198925786"},
    {"-2.725577232251787", "0.25893015044190054"},
    {"-2.6012220262342116", "6.422264545242695"},
};

TrainingConfig generated(DatasetKind kind, Eigen::Index samples, double noise, std::uint64_t seed) {
  TrainingConfig c;
  c.data.generator = kind;
  c.data.samples = samples;
  c.data.noise = noise;
  c.seed = seed;
  return c;
}

template <std::size_t N>
void compareCaptured(const Dataset& data, const char* const (&captured)[N][2]) {
  QCOMPARE(data.size(), static_cast<Eigen::Index>(N));
  for (std::size_t i = 0; i < N; ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    // Bit for bit: == on doubles, not a tolerance.
    QVERIFY2(data.x(0, k) == std::strtod(captured[i][0], nullptr), captured[i][0]);
    QVERIFY2(data.y(k) == std::strtod(captured[i][1], nullptr), captured[i][1]);
  }
}

/// The clean errors by hand: a separate loop from metrics.cpp's.
struct Hand {
  double cleanMae = 0;
  double cleanRmse = 0;
  double inlierMae = 0;
};
Hand handMetrics(const Eigen::VectorXd& p, const Dataset& d) {
  Hand h;
  const std::set<Eigen::Index> outliers(d.outliers.begin(), d.outliers.end());
  double inliers = 0;
  for (Eigen::Index i = 0; i < d.size(); ++i) {
    h.cleanMae += std::abs(p(i) - d.clean(i));
    h.cleanRmse += (p(i) - d.clean(i)) * (p(i) - d.clean(i));
    if (outliers.count(i) == 0) {
      h.inlierMae += std::abs(p(i) - d.y(i));
      inliers += 1;
    }
  }
  h.cleanMae /= static_cast<double>(d.size());
  h.cleanRmse = std::sqrt(h.cleanRmse / static_cast<double>(d.size()));
  h.inlierMae /= inliers;
  return h;
}

/// The validation clean MAE of one loss trained on `config` (a linear model).
double cleanMaeOf(TrainingConfig config, const std::string& loss) {
  config.loss = {loss, {}, {}};
  Trainer trainer(makeTrainingData(config), mlpOptions(config), createLoss(config.loss),
                  trainOptions(config));
  const EpochReport last = trainer.run(config.epochs);
  if (last.diverged) {
    qWarning("%s diverged", loss.c_str());
  }
  return last.clean.cleanMae;
}

}  // namespace

class TestOutliers : public QObject {
  Q_OBJECT

 private slots:
  void bothReproducesTheDataOfBeforeSides();
  void sidesMoveTargetsByTheMagnitude();
  void leveragePointsLieBeyondTheRange();
  void leverageIsReproducibleAndLeavesOtherStreams();
  void splitKeepsCleanTargetsAndOutliers();
  void cleanMetricsByHand();
  void trainerReportsCleanMetrics();
  void csvCleanColumn();
  void configRangesAndSessionKeys();
  void lessonOneSidedOutliers();
  void lessonLeveragePoints();
};

void TestOutliers::bothReproducesTheDataOfBeforeSides() {
  TrainingConfig linear = generated(DatasetKind::Linear, 40, 0.1, 5);
  linear.data.outlierFraction = 0.15;
  linear.data.outlierMagnitude = 20;
  QCOMPARE(linear.data.outlierSide, OutlierSide::Both);  // the default
  compareCaptured(makeTrainingData(linear), kLinearS5);

  TrainingConfig sine = generated(DatasetKind::Sine, 30, 0.3, 0);
  sine.data.outlierFraction = 0.2;
  sine.data.outlierMagnitude = 7;
  compareCaptured(makeTrainingData(sine), kSineS0);
}

void TestOutliers::sidesMoveTargetsByTheMagnitude() {
  for (const DatasetKind kind : {DatasetKind::Linear, DatasetKind::Sine, DatasetKind::SeedSum}) {
    TrainingConfig c = generated(kind, 300, 0.2, 17);
    const Dataset plain = makeTrainingData(c);  // no outliers: clean + noise
    c.data.outlierFraction = 0.2;
    c.data.outlierMagnitude = 6;
    const Dataset both = makeTrainingData(c);
    c.data.outlierSide = OutlierSide::Up;
    const Dataset up = makeTrainingData(c);
    c.data.outlierSide = OutlierSide::Down;
    const Dataset down = makeTrainingData(c);
    QCOMPARE(both.outliers.size(), std::size_t{60});
    QVERIFY(up.outliers == both.outliers);  // the side never changes which samples move
    QVERIFY(down.outliers == both.outliers);
    const std::set<Eigen::Index> moved(both.outliers.begin(), both.outliers.end());
    int bothUp = 0;
    for (Eigen::Index i = 0; i < plain.size(); ++i) {
      QVERIFY(up.x.col(i) == plain.x.col(i));
      QVERIFY(up.clean(i) == plain.clean(i));
      if (moved.count(i) == 0) {
        QVERIFY(up.y(i) == plain.y(i));
        QVERIFY(down.y(i) == plain.y(i));
        continue;
      }
      QVERIFY(std::abs(up.y(i) - plain.y(i) - 6) < 1e-12);
      QVERIFY(std::abs(down.y(i) - plain.y(i) + 6) < 1e-12);
      QVERIFY(std::abs(std::abs(both.y(i) - plain.y(i)) - 6) < 1e-12);
      bothUp += both.y(i) > plain.y(i) ? 1 : 0;
    }
    QVERIFY(bothUp > 15 && bothUp < 45);  // both: random signs, about half up
  }
}

void TestOutliers::leveragePointsLieBeyondTheRange() {
  struct Case {
    DatasetKind kind;
    double lo;
    double hi;
  };
  for (const Case& k : {Case{DatasetKind::Linear, -1, 1}, Case{DatasetKind::Cubic, -1.5, 1.5},
                        Case{DatasetKind::SeedSum, 0, 1}}) {
    TrainingConfig c = generated(k.kind, 200, 0.1, 4);
    const Dataset plain = makeTrainingData(c);
    c.data.leverageFraction = 0.1;
    c.data.leverageDistance = 2;
    const Dataset data = makeTrainingData(c);
    QCOMPARE(data.outliers.size(), std::size_t{20});
    const std::set<Eigen::Index> moved(data.outliers.begin(), data.outliers.end());
    const double width = k.hi - k.lo;
    for (Eigen::Index i = 0; i < data.size(); ++i) {
      if (moved.count(i) == 0) {
        QVERIFY(data.x.col(i) == plain.x.col(i));
        QVERIFY(data.y(i) == plain.y(i));
        QVERIFY(data.x.col(i).maxCoeff() < k.hi);
        continue;
      }
      // Every feature at least 2 widths beyond the range, at most 2.5.
      QVERIFY(data.x.col(i).minCoeff() >= k.hi + 2 * width);
      QVERIFY(data.x.col(i).maxCoeff() < k.hi + 2.5 * width);
      QCOMPARE(data.y(i), plain.y(i));  // y kept: the point moved in x only
      if (k.kind == DatasetKind::Linear) {
        QCOMPARE(data.clean(i), 2 * data.x(0, i) + 1);
        // Off the clean line by 2 (x' − x) ≥ 2 · 2 widths, less the noise.
        QVERIFY(data.clean(i) - data.y(i) > 2 * 2 * width - 1);
      }
    }
  }
}

void TestOutliers::leverageIsReproducibleAndLeavesOtherStreams() {
  TrainingConfig c = generated(DatasetKind::Linear, 500, 0.1, 8);
  c.data.outlierFraction = 0.1;
  c.data.outlierMagnitude = 5;
  c.data.leverageFraction = 0.05;
  const Dataset a = makeTrainingData(c);
  const Dataset b = makeTrainingData(c);
  QVERIFY(a.x == b.x && a.y == b.y && a.outliers == b.outliers);
  c.seed = 9;
  QVERIFY(makeTrainingData(c).x != a.x);
  // The outliers' choice does not depend on the leverage settings.
  c.seed = 8;
  c.data.leverageFraction = 0;
  const Dataset noLeverage = makeTrainingData(c);
  for (const Eigen::Index i : noLeverage.outliers) {
    QVERIFY(std::find(a.outliers.begin(), a.outliers.end(), i) != a.outliers.end());
  }
  QVERIFY(a.outliers.size() <= 75 && a.outliers.size() >= 50);  // 50 + 25, minus any overlap
  DatasetOptions bad;
  bad.leverageFraction = 1.5;
  QVERIFY_THROWS_EXCEPTION(Error, makeDataset(bad));
  bad.leverageFraction = 0.1;
  bad.leverageDistance = 0;
  QVERIFY_THROWS_EXCEPTION(Error, makeDataset(bad));
}

void TestOutliers::splitKeepsCleanTargetsAndOutliers() {
  TrainingConfig c = generated(DatasetKind::Linear, 100, 0.3, 2);
  c.data.outlierFraction = 0.2;
  c.data.outlierSide = OutlierSide::Up;
  c.data.leverageFraction = 0.1;
  const Dataset data = makeTrainingData(c);
  const DatasetSplit split = splitDataset(data, 0.3, 11);
  std::size_t outliers = 0;
  for (const Dataset* part : {&split.train, &split.validation}) {
    QCOMPARE(part->clean.size(), part->size());
    const std::set<Eigen::Index> marked(part->outliers.begin(), part->outliers.end());
    outliers += marked.size();
    for (Eigen::Index k = 0; k < part->size(); ++k) {
      // Find the sample in the whole set by its x (distinct with probability 1).
      Eigen::Index i = 0;
      while (data.x(0, i) != part->x(0, k)) {
        ++i;
      }
      QCOMPARE(part->clean(k), data.clean(i));
      QCOMPARE(part->y(k), data.y(i));
      const bool wasOutlier =
          std::find(data.outliers.begin(), data.outliers.end(), i) != data.outliers.end();
      QCOMPARE(marked.count(k) == 1, wasOutlier);
    }
  }
  QCOMPARE(outliers, data.outliers.size());
}

void TestOutliers::cleanMetricsByHand() {
  Dataset d;
  d.x = Eigen::MatrixXd::Zero(1, 4);
  d.y = Eigen::Vector4d(1, 2, 3, 10);
  d.clean = Eigen::Vector4d(1, 2, 3, 4);
  d.outliers = {3};
  const Eigen::Vector4d p(1.5, 2, 2, 5);
  const CleanMetrics m = cleanMetrics(p, d);
  // |0.5| + 0 + |−1| + |1| = 2.5 over 4; squares 0.25 + 0 + 1 + 1 = 2.25 over 4 → √0.5625.
  QCOMPARE(m.cleanMae, 0.625);
  QCOMPARE(m.cleanRmse, 0.75);
  QCOMPARE(m.inlierMae, 0.5);  // (0.5 + 0 + 1) / 3, sample 3 left out
  d.clean.resize(0);           // no clean targets: the clean errors are undefined
  const CleanMetrics none = cleanMetrics(p, d);
  QVERIFY(std::isnan(none.cleanMae) && std::isnan(none.cleanRmse));
  QCOMPARE(none.inlierMae, 0.5);
}

void TestOutliers::trainerReportsCleanMetrics() {
  TrainingConfig c = generated(DatasetKind::Linear, 200, 0.1, 1);
  c.data.outlierFraction = 0.2;
  c.data.outlierSide = OutlierSide::Up;
  c.network.hidden = {};
  c.epochs = 3;
  Trainer trainer(makeTrainingData(c), mlpOptions(c), createLoss(c.loss), trainOptions(c));
  const EpochReport report = trainer.run(3);
  const Hand hand =
      handMetrics(trainer.predictions(Trainer::Set::Validation), trainer.data().validation);
  QCOMPARE(report.clean.cleanMae, hand.cleanMae);
  QCOMPARE(report.clean.cleanRmse, hand.cleanRmse);
  QCOMPARE(report.clean.inlierMae, hand.inlierMae);
  QCOMPARE(trainer.cleanMetrics(Trainer::Set::Validation).cleanMae, hand.cleanMae);
  // One validation sample: R² undefined (NaN), the clean errors still defined.
  c.data.samples = 10;
  c.data.validationSplit = 0.1;
  Trainer one(makeTrainingData(c), mlpOptions(c), createLoss(c.loss), trainOptions(c));
  const EpochReport single = one.run(1);
  QCOMPARE(one.data().validation.size(), Eigen::Index{1});
  QVERIFY(std::isnan(single.validation.r2));
  QVERIFY(std::isfinite(single.clean.cleanMae));
}

void TestOutliers::csvCleanColumn() {
  const CsvTable csv = readCsvString("x,y_clean,y\n0,1,1.5\n1,3,2.5\n2,5,25\n");
  const Dataset d = csvDataset(csv, "y", {}, "t.csv", "y_clean");
  QCOMPARE(d.featureNames, std::vector<std::string>{"x"});  // the clean column is no feature
  QCOMPARE(d.clean, Eigen::Vector3d(1, 3, 5).eval());
  QCOMPARE(d.y, Eigen::Vector3d(1.5, 2.5, 25).eval());
  QCOMPARE(csvDataset(csv, "y", {}, "t.csv", "2").clean, d.clean);  // by number too
  QVERIFY(csvDataset(csv, "y", {}, "t.csv").clean.size() == 0);
  QVERIFY_THROWS_EXCEPTION(Error, csvDataset(csv, "y", {}, "t.csv", "y"));
  QVERIFY_THROWS_EXCEPTION(Error, csvDataset(csv, "y", {"x", "y_clean"}, "t.csv", "y_clean"));
  QVERIFY_THROWS_EXCEPTION(Error, csvDataset(csv, "y", {}, "t.csv", "nope"));
}

void TestOutliers::configRangesAndSessionKeys() {
  TrainingConfig c;
  c.data.leverageFraction = 0.6;
  QCOMPARE(QString::fromStdString(configProblem(c)),
           QStringLiteral("\"data.leverage_fraction\" must be a number from 0 to 0.5"));
  c.data.leverageFraction = 0.1;
  c.data.leverageDistance = 0;
  QCOMPARE(QString::fromStdString(configProblem(c)),
           QStringLiteral("\"data.leverage_distance\" must be a number from 0.1 to 10"));
  c.data.leverageDistance = 3;
  c.data.outlierSide = OutlierSide::Down;
  QVERIFY(configProblem(c).empty());
  const TrainingConfig back = sessionFromJson(sessionToJson(c));
  QCOMPARE(back.data.outlierSide, OutlierSide::Down);
  QCOMPARE(back.data.leverageFraction, 0.1);
  QCOMPARE(back.data.leverageDistance, 3.0);
  QVERIFY(back == c);
  c.data.source = DataConfig::Source::Csv;
  c.data.csvPath = "/tmp/x.csv";
  c.data.csvClean = "y_clean";
  QCOMPARE(sessionFromJson(sessionToJson(c)).data.csvClean, std::string("y_clean"));

  // An old session without the keys loads with the defaults.
  const TrainingConfig old =
      sessionFromJson(R"({"format": "losslab-session", "version": 1, "data": {"kind": "linear"}})");
  QCOMPARE(old.data.outlierSide, OutlierSide::Both);
  QCOMPARE(old.data.leverageFraction, 0.0);
  // A bad value names its key.
  const std::pair<const char*, const char*> bad[] = {
      {R"({"format": "losslab-session", "version": 1, "data": {"outlier_side": "left"}})",
       "\"data.outlier_side\" must be one of both, up, down, not \"left\""},
      {R"({"format": "losslab-session", "version": 1, "data": {"leverage_fraction": "x"}})",
       "\"data.leverage_fraction\" must be a number"},
      {R"({"format": "losslab-session", "version": 1, "data": {"leverage_distance": 99}})",
       "\"data.leverage_distance\" must be a number from 0.1 to 10"},
  };
  for (const auto& [json, message] : bad) {
    try {
      sessionFromJson(json);
      QFAIL(json);
    } catch (const Error& e) {
      QVERIFY2(std::string(e.what()).find(message) != std::string::npos, e.what());
    }
  }
}

// The lesson on fixed seeds: a line y = 2x + 1, a linear model, 15 % of the targets moved up
// by 20. MSE's line is pulled up by about 0.15 · 20 = 3; MAE and Huber stay on the line.
void TestOutliers::lessonOneSidedOutliers() {
  TrainingConfig c = generated(DatasetKind::Linear, 1000, 0, 0);
  c.network.hidden = {};
  c.data.outlierFraction = 0.15;
  c.data.outlierMagnitude = 20;
  c.data.outlierSide = OutlierSide::Up;
  c.optimizer.learningRate = 0.01;
  c.epochs = 100;
  const double mse = cleanMaeOf(c, "mean_squared_error");
  const double huber = cleanMaeOf(c, "huber");
  const double mae = cleanMaeOf(c, "mean_absolute_error");
  qInfo("one-sided outliers, clean MAE: MSE %.6g, Huber %.6g, MAE %.6g", mse, huber, mae);
  QVERIFY(mse > 2.5);  // about the 3 of the shift
  QVERIFY(mse > 5 * huber);
  QVERIFY(mse > 5 * mae);
}

// Bad leverage points: 1 % of the samples moved two range widths beyond x = 1 (to x' ∈ [5, 6)),
// y kept, so 8 to 13 below the line. MSE's line tilts toward them; MAE keeps the line. Huber
// tilts less than MSE but is no cure: its pull per point is capped at δ, yet the leverage
// point's arm is long (M-estimators have no resistance to leverage). Measured for shares 1–10 %
// and distances 0.5–5: MSE/Huber 1.0–5.3, highest here; at 10 % and distance 2 even MAE breaks
// down (every fit tilts alike, the ratios ≈ 1).
void TestOutliers::lessonLeveragePoints() {
  TrainingConfig c = generated(DatasetKind::Linear, 1000, 0, 0);
  c.network.hidden = {};
  c.data.leverageFraction = 0.01;
  c.data.leverageDistance = 2;
  c.optimizer.learningRate = 0.01;
  c.epochs = 100;
  const double mse = cleanMaeOf(c, "mean_squared_error");
  const double huber = cleanMaeOf(c, "huber");
  const double mae = cleanMaeOf(c, "mean_absolute_error");
  qInfo("leverage points, clean MAE: MSE %.6g, Huber %.6g, MAE %.6g", mse, huber, mae);
  QVERIFY(mse > 0.3);
  QVERIFY(mse > 4 * huber);
  QVERIFY(mse > 20 * mae);
}

QTEST_MAIN(TestOutliers)
#include "tst_outliers.moc"
