// SPDX-License-Identifier: GPL-3.0-or-later
// Session files in core (issue 10 item 7): the JSON round trip of every field, defaults for
// absent keys, files written by the Qt-based reader of LossLab 0.1 still load, and a bad file
// says what is wrong and where.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <fstream>

#include "core/engine/error.h"
#include "core/training/session_file.h"

using namespace losslab;

namespace {

/// Every field away from its default, so a field that is not written or read shows.
TrainingConfig unusualConfig() {
  TrainingConfig c;
  c.data.generator = DatasetKind::Linear;
  c.data.samples = 240;
  c.data.noise = 0.3;
  c.data.outlierFraction = 0.05;
  c.data.outlierMagnitude = 7;
  c.data.validationSplit = 0.25;
  c.seed = 9007199254740991ull;  // 2^53 − 1
  c.network = {{8, 6}, Activation::Tanh};
  c.optimizer = {TrainingOptimizer::Sgd, 0.05, 16};
  c.epochs = 40;
  c.loss = {"huber", {{"delta", 0.7}}, {}};
  c.compare = true;
  c.compareLosses = {
      {"mean_absolute_error", {}, {}}, {"log_cosh", {}, {}}, {"huber", {{"delta", 0.7}}, {}}};
  c.focus = "log_cosh";
  return c;
}

std::string fixture(const char* name) {
  return std::string(LOSSLAB_TEST_DATA_DIR) + "/sessions/" + name;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) {
    qFatal("'%s' is not in the session text", from.c_str());
  }
  return text.replace(at, from.size(), to);
}

}  // namespace

class TestSessionFile : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip();
  void csvCustomAndMomentumRoundTrip();
  void absentKeysTakeDefaults();
  void filesOfVersionOneStillLoad();
  void relativeCsvPathIsTheFilesFolder();
  void badFilesNameTheProblem_data();
  void badFilesNameTheProblem();
  void sweepPlanRoundTrip();
  void badSweepPlansNameTheKey_data();
  void badSweepPlansNameTheKey();
};

void TestSessionFile::roundTrip() {
  const TrainingConfig c = unusualConfig();
  const std::string json = sessionToJson(c);
  QVERIFY(sessionFromJson(json) == c);
  QVERIFY(json.find("\"seed\": \"9007199254740991\"") != std::string::npos);
  QVERIFY(json.find("\"format\": \"losslab-session\"") < json.find("\"seed\""));  // format first
  // Shortest round trip: 0.3 is written "0.3", not 0.29999999999999999.
  QVERIFY(json.find("\"noise\": 0.3,") != std::string::npos);
  // The comparison really looks at every field (so the QVERIFY above can fail).
  TrainingConfig other = c;
  other.compareLosses[2].params["delta"] = 0.5;
  QVERIFY(!(other == c));
  // A value without a short decimal form reads back as the same double.
  TrainingConfig exact = c;
  exact.optimizer.learningRate = 0.1 + 0.2;
  QCOMPARE(sessionFromJson(sessionToJson(exact)).optimizer.learningRate, 0.1 + 0.2);
}

void TestSessionFile::csvCustomAndMomentumRoundTrip() {
  TrainingConfig c;
  c.data.source = DataConfig::Source::Csv;
  c.data.csvPath = "/data/points.csv";
  c.data.csvTarget = "column 4";
  c.data.csvFeatures = {"column 1", "column 3"};
  c.optimizer.kind = TrainingOptimizer::Momentum;
  c.loss = {"custom:half square", {{"k", 2}}, "k*0.5*square(r)"};
  const std::string json = sessionToJson(c);
  QVERIFY(json.find("\"formula\": \"k*0.5*square(r)\"") != std::string::npos);
  QVERIFY(json.find("\"kind\": \"momentum\"") != std::string::npos);
  QVERIFY(sessionFromJson(json) == c);
}

void TestSessionFile::absentKeysTakeDefaults() {
  QVERIFY(sessionFromJson(R"({"format": "losslab-session", "version": 1})") == TrainingConfig{});
  const TrainingConfig some = sessionFromJson(
      R"({"format": "losslab-session", "version": 1, "seed": 42, "optimizer": {"lr": 0.5},
          "compare": {"on": true, "losses": ["huber", "log_cosh"]}})");
  TrainingConfig expected;
  expected.seed = 42;
  expected.optimizer.learningRate = 0.5;
  expected.compare = true;
  expected.compareLosses = {{"huber", {}, {}}, {"log_cosh", {}, {}}};
  expected.focus = "huber";  // the first compared loss
  QVERIFY(some == expected);
}

void TestSessionFile::filesOfVersionOneStillLoad() {
  // Written by LossLab 0.1's Qt session writer (keys in alphabetical order, 4-space indents),
  // before this reader existed.
  QVERIFY(readSessionFile(fixture("v1_default.json")) == TrainingConfig{});
  TrainingConfig compare = unusualConfig();
  QVERIFY(readSessionFile(fixture("v1_compare.json")) == compare);
  const TrainingConfig csv = readSessionFile(fixture("v1_headerless_csv.json"));
  QCOMPARE(csv.data.source, DataConfig::Source::Csv);
  QCOMPARE(csv.data.csvPath, std::string(LOSSLAB_TEST_DATA_DIR) + "/sessions/points.csv");
  QCOMPARE(csv.data.csvTarget, std::string("column 4"));  // the GUI's names for a headerless file
  QCOMPARE(csv.data.csvFeatures, (std::vector<std::string>{"column 1", "column 3"}));
  const Dataset data = makeTrainingData(csv);
  QCOMPARE(data.size(), Eigen::Index{50});
  QCOMPARE(data.featureNames, (std::vector<std::string>{"column 1", "column 3"}));
  QCOMPARE(data.y(1), 3 * 0.02 - 1);
}

void TestSessionFile::relativeCsvPathIsTheFilesFolder() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  TrainingConfig c;
  c.data.source = DataConfig::Source::Csv;
  c.data.csvPath = "sub/points.csv";
  const std::string path = dir.filePath("run.json").toStdString();
  std::ofstream(path) << sessionToJson(c);
  QCOMPARE(readSessionFile(path).data.csvPath, dir.filePath("sub/points.csv").toStdString());
  c.data.csvPath = "/abs/points.csv";
  std::ofstream(path) << sessionToJson(c);
  QCOMPARE(readSessionFile(path).data.csvPath, std::string("/abs/points.csv"));
  try {
    readSessionFile(dir.filePath("missing.json").toStdString());
    QFAIL("a missing file was read");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    QVERIFY(QString(e.what()).startsWith("missing.json: cannot read"));
  }
}

void TestSessionFile::badFilesNameTheProblem_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("message");
  const std::string good = sessionToJson(unusualConfig());
  auto row = [&](const char* name, const std::string& json, const char* message) {
    QTest::newRow(name) << QString::fromStdString(json) << QString::fromUtf8(message);
  };
  auto r = [&](const std::string& from, const std::string& to) { return replaced(good, from, to); };
  row("not JSON", "{\"format\": ", "not valid JSON: parse error at line 1, column 12");
  row("empty file", "", "not valid JSON");
  row("another format", r("losslab-session", "other"), "not a LossLab session");
  row("a list", "[1, 2]", "not a LossLab session");
  row("no version", r("\"version\": 1,", ""), "\"version\" is missing");
  row("newer version", r("\"version\": 1", "\"version\": 7"), "newer");
  row("lr is text", r("\"lr\": 0.05", "\"lr\": \"fast\""), "\"optimizer.lr\" must be a number");
  row("absurd lr", r("\"lr\": 0.05", "\"lr\": 1e9"), "\"optimizer.lr\" must be a number from");
  // Defect (issue 16, found by tests/fuzz/fuzz_session): a number beyond a double made the JSON
  // library throw out_of_range, which escaped the loader and ended the program.
  row("number beyond a double", r("\"lr\": 0.05", "\"lr\": 1e666"),
      "not valid JSON: number overflow parsing '1e666'");
  row("fractional batch", r("\"batch\": 16", "\"batch\": 16.5"), "\"optimizer.batch\"");
  row("unknown optimizer", r("\"sgd\"", "\"adagrad\""),
      "\"optimizer.kind\" must be one of adam, sgd, momentum, rmsprop, not \"adagrad\"");
  row("negative noise", r("\"noise\": 0.3", "\"noise\": -1"), "\"data.noise\"");
  row("unknown outlier side", r("\"outlier_side\": \"both\"", "\"outlier_side\": \"left\""),
      "\"data.outlier_side\" must be one of both, up, down, not \"left\"");
  row("leverage share is text", r("\"leverage_fraction\": 0.0", "\"leverage_fraction\": \"some\""),
      "\"data.leverage_fraction\" must be a number");
  row("absurd leverage distance", r("\"leverage_distance\": 1.0", "\"leverage_distance\": 1e9"),
      "\"data.leverage_distance\" must be a number from 0.1 to 10");
  row("absurd sample count", r("\"samples\": 240", "\"samples\": 1e12"), "\"data.samples\"");
  row("unknown data set", r("\"linear\"", "\"spiral\""), "\"data.kind\"");
  row("unbalanced brackets", r("\"data\": {", "\"data\": [{"), "not valid JSON");
  row("model is a number", r("\"model\": {", "\"model\": 3, \"x\": {"),
      "\"model\" must be an object");
  row("absurd layer width", r("8,", "100000,"), "\"model.hidden\"");
  row("unknown activation", r("\"tanh\"", "\"swish\""), "\"model.activation\"");
  row("seed too large", r("\"9007199254740991\"", "\"12345678901234567890\""), "\"seed\"");
  row("seed is negative", r("\"9007199254740991\"", "\"-3\""), "\"seed\"");
  row("compare.on is text", r("\"on\": true", "\"on\": \"yes\""), "\"compare.on\"");
  row("compare focus not compared", r("\"focus\": \"log_cosh\"", "\"focus\": \"huber2\""),
      "\"compare.focus\"");
  row("parameter is text", r("\"delta\": 0.7", "\"delta\": \"big\""), "\"loss.params.delta\"");
  row("formula is a number", r("\"id\": \"huber\",", "\"id\": \"huber\", \"formula\": 3,"),
      "\"loss.formula\" must be a string");
}

void TestSessionFile::badFilesNameTheProblem() {
  QFETCH(QString, json);
  QFETCH(QString, message);
  try {
    sessionFromJson(json.toStdString());
    QFAIL("a bad session was read");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Data);
    QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
  }
}

void TestSessionFile::sweepPlanRoundTrip() {
  const TrainingConfig c = unusualConfig();
  // Issue 12: the Sweep tab's settings are saved in the session. A file without them (older
  // ones, or train --save-session) has no plan.
  QVERIFY(!sweepPlanFromJson(sessionToJson(c)).has_value());
  SweepPlan plan;
  plan.vary = SweepAxis{"outliers", 0, 0.4, 9, false};
  plan.seeds = 5;
  plan.metric = "clean_mae";
  plan.losses = {"mean_squared_error", "huber"};
  plan.epochs = 150;
  const std::string json = sessionToJson(c, plan);
  const std::optional<SweepPlan> back = sweepPlanFromJson(json);
  QVERIFY(back.has_value());
  QVERIFY(*back == plan);
  QVERIFY(sessionFromJson(json) == c);  // the training part is unchanged by the plan
  SweepPlan other = plan;
  other.vary.log = true;
  QVERIFY(!(other == plan));
  // A plan turned into a request takes each loss's parameters from the configuration.
  const SweepRequest request = sweepRequest(c, plan);
  QCOMPARE(request.base.epochs, 150);
  QCOMPARE(static_cast<int>(request.losses.size()), 2);
  for (const LossChoice& known : c.trainedLosses()) {
    if (known.id == "huber") {
      QVERIFY(request.losses[1] == known);
    }
  }
}

void TestSessionFile::badSweepPlansNameTheKey_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("message");
  SweepPlan plan;
  const std::string good = sessionToJson(unusualConfig(), plan);
  auto row = [&](const char* name, const std::string& from, const std::string& to,
                 const char* message) {
    QTest::newRow(name) << QString::fromStdString(replaced(good, from, to))
                        << QString::fromUtf8(message);
  };
  row("sweep is a list", "\"sweep\": {", "\"sweep\": [{", "not valid JSON");
  row("no name", "\"vary\": \"delta\"", "\"vary\": \"\"", "\"sweep.vary\" must name");
  row("seeds zero", "\"seeds\": 3", "\"seeds\": 0", "\"sweep.seeds\" must be a whole number");
  row("unknown metric", "\"metric\": \"val_mae\"", "\"metric\": \"accuracy\"",
      "\"sweep.metric\" must be one of");
  row("log from zero", "\"from\": 0.05", "\"from\": 0", "must be positive for a log grid");
  row("count is text", "\"count\": 13", "\"count\": \"many\"", "\"sweep.count\"");
}

void TestSessionFile::badSweepPlansNameTheKey() {
  QFETCH(QString, json);
  QFETCH(QString, message);
  try {
    sweepPlanFromJson(json.toStdString());
    QFAIL("a bad sweep plan was read");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Data);
    QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
  }
}

QTEST_MAIN(TestSessionFile)
#include "tst_session_file.moc"
