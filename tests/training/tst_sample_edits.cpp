// SPDX-License-Identifier: GPL-3.0-or-later
// Points edited by hand (issue 11) in core: the edits of a split (add, move, remove keep the
// outlier list and the clean targets in step), the CSV file order and validation fraction that
// make splitDataset give the edited split back, Trainer::setData (the run goes on from its
// weights and optimizer), and the session file's "edited_data" key (round trip, bad values
// named by key).
#include <QTest>
#include <cmath>
#include <limits>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/io/csv_reader.h"
#include "core/training/csv_dataset.h"
#include "core/training/sample_edits.h"
#include "core/training/session_file.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"

using namespace losslab;

namespace {

/// A small 1-D split by hand: train x = 0..4, y = 10 x, clean = 10 x + 1, outliers {1, 3};
/// validation x = 5, 6.
DatasetSplit handSplit() {
  DatasetSplit s;
  s.train.featureNames = {"x"};
  s.train.targetName = "y";
  s.train.x.resize(1, 5);
  s.train.y.resize(5);
  s.train.clean.resize(5);
  for (int i = 0; i < 5; ++i) {
    s.train.x(0, i) = i;
    s.train.y(i) = 10.0 * i;
    s.train.clean(i) = 10.0 * i + 1;
  }
  s.train.outliers = {1, 3};
  s.validation = s.train.subset({0, 1});
  s.validation.x << 5, 6;
  s.validation.y << 50, 60;
  s.validation.clean << 51, 61;
  s.validation.outliers = {};
  return s;
}

bool sameSet(const Dataset& a, const Dataset& b) {
  return a.x == b.x && a.y == b.y && a.clean.size() == b.clean.size() &&
         (a.clean.size() == 0 || a.clean == b.clean) && a.outliers == b.outliers;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) {
    qFatal("'%s' is not in the session text", from.c_str());
  }
  return text.replace(at, from.size(), to);
}

}  // namespace

class TestSampleEdits : public QObject {
  Q_OBJECT

 private slots:
  void insertMoveRemoveKeepOutliersAndClean();
  void removeRefusesTheLastTrainingSample();
  void fileOrderSplitsBackIntoTheEditedSplit();
  void csvReadsBackTheSamePoints();
  void setDataContinuesTheRun();
  void setDataWithAnotherSizeRestartsTheEpoch();
  void sessionRoundTrip();
  void sessionBadValuesNameTheKey();
};

void TestSampleEdits::insertMoveRemoveKeepOutliersAndClean() {
  DatasetSplit s = handSplit();
  // Insert before position 2 an outlier: the old outliers 1, 3 become 1, 4 and 2 is added.
  insertSamplePoint(s, {false, 2}, {1.5, -7, 16, true});
  QCOMPARE(s.train.size(), Eigen::Index{6});
  QCOMPARE(s.train.x(0, 2), 1.5);
  QCOMPARE(s.train.y(2), -7.0);
  QCOMPARE(s.train.clean(2), 16.0);
  QCOMPARE(s.train.y(3), 20.0);  // the old sample 2 moved up one
  QCOMPARE(s.train.outliers, (std::vector<Eigen::Index>{1, 2, 4}));
  // Move the old outlier 1 (not an outlier any more).
  setSamplePoint(s, {false, 1}, {1, 11, 11, false});
  QCOMPARE(s.train.outliers, (std::vector<Eigen::Index>{2, 4}));
  QCOMPARE(samplePoint(s, {false, 1}), (SamplePoint{1, 11, 11, false}));
  // Remove the inserted point: back to the hand split but for the moved point.
  removeSamplePoint(s, {false, 2});
  DatasetSplit expected = handSplit();
  expected.train.y(1) = 11;
  expected.train.clean(1) = 11;
  expected.train.outliers = {3};
  QVERIFY(sameSet(s.train, expected.train));
  QVERIFY(sameSet(s.validation, expected.validation));
  // Validation points are addressed the same way.
  setSamplePoint(s, {true, 1}, {6, 0, 61, true});
  QCOMPARE(s.validation.outliers, (std::vector<Eigen::Index>{1}));
  // Non-finite coordinates are refused, and so is a point that is not there.
  QVERIFY_THROWS_EXCEPTION(Error, setSamplePoint(s, {false, 0}, {std::nan(""), 0, 0, false}));
  QVERIFY_THROWS_EXCEPTION(Error, samplePoint(s, {false, 5}));
}

void TestSampleEdits::removeRefusesTheLastTrainingSample() {
  DatasetSplit s = handSplit();
  for (int i = 0; i < 4; ++i) {
    removeSamplePoint(s, {false, 0});
  }
  QCOMPARE(s.train.size(), Eigen::Index{1});
  QCOMPARE(s.train.outliers, std::vector<Eigen::Index>{});  // 1 and 3 went with their points
  QVERIFY_THROWS_EXCEPTION(Error, removeSamplePoint(s, {false, 0}));
}

void TestSampleEdits::fileOrderSplitsBackIntoTheEditedSplit() {
  // A generated split, edited so that its counts no longer follow the fraction 0.2: adding a
  // training point to 400 + 100 samples gives 401 + 100, while ⌊501 · 0.8⌋ = 400.
  TrainingConfig config;
  config.data.generator = DatasetKind::Linear;
  config.data.outlierFraction = 0.1;
  config.seed = 17;
  const TrainOptions options = trainOptions(config);
  DatasetSplit s = trainerSplit(makeTrainingData(config), options);
  insertSamplePoint(s, {false, s.train.size()}, {0.5, 9, 2, true});
  removeSamplePoint(s, {true, 3});
  setSamplePoint(s, {false, 7}, {0.25, -4, 1.5, true});
  const ReproducibleData file = reproducibleData(s, options);
  QCOMPARE(file.data.size(), Eigen::Index{500});
  // (v − ½)/n with v = 99 validation samples of n = 500.
  QCOMPARE(file.validationSplit, 98.5 / 500);
  TrainOptions cli = options;
  cli.validationSplit = file.validationSplit;
  const DatasetSplit back = trainerSplit(file.data, cli);
  QVERIFY(sameSet(back.train, s.train));
  QVERIFY(sameSet(back.validation, s.validation));
  // No validation samples: fraction 0.
  DatasetSplit trainOnly = s;
  trainOnly.validation = s.train.subset({});
  QCOMPARE(reproducibleData(trainOnly, options).validationSplit, 0.0);
}

void TestSampleEdits::csvReadsBackTheSamePoints() {
  DatasetSplit s = handSplit();
  s.train.targetName = "0.5";  // a number is not a header name: the column becomes "y"
  const std::string text = editedDataCsv(s.train);
  QCOMPARE(text.substr(0, text.find('\n')), std::string("x,y,y_clean,is_outlier"));
  const EditedCsvColumns columns = editedCsvColumns(s.train);
  const Dataset back = csvDataset(readCsvString(text), columns.target, {columns.feature},
                                  "edited.csv", columns.clean);
  QCOMPARE(back.x, s.train.x);
  QCOMPARE(back.y, s.train.y);
  QCOMPARE(back.clean, s.train.clean);
  QCOMPARE(text.substr(text.rfind('\n', text.size() - 2) + 1), std::string("4,40,41,0\n"));
}

void TestSampleEdits::setDataContinuesTheRun() {
  // SGD has no state and without shuffling the batches are the set's order: a trainer that
  // switches to new data after 3 epochs must then do what a fresh trainer on the new data does
  // from the first trainer's weights.
  DatasetSplit a = handSplit();
  DatasetSplit b = handSplit();
  setSamplePoint(b, {false, 2}, {2, 90, 21, true});
  const LossPtr mse = LossRegistry::instance().create("mean_squared_error");
  TrainOptions options;
  options.batchSize = 2;
  options.shuffle = false;
  options.optimizer.kind = OptimizerKind::Sgd;
  options.optimizer.sgd.learningRate = 0.001;
  MlpOptions model;
  model.hidden = {3};
  Trainer first(a, model, mse, options);
  first.run(3);
  Trainer fresh(b, model, mse, options);
  fresh.model().parameters() = first.model().parameters();
  first.setData(b);
  QCOMPARE(first.epoch(), 3);  // the epoch count goes on
  const EpochReport continued = first.runEpoch();
  const EpochReport reference = fresh.runEpoch();
  QCOMPARE(continued.epoch, 4);
  QCOMPARE(first.model().parameters(), fresh.model().parameters());
  QCOMPARE(continued.loss, reference.loss);
  QCOMPARE(continued.train.loss, reference.train.loss);
  QCOMPARE(continued.clean.cleanMae, reference.clean.cleanMae);
}

void TestSampleEdits::setDataWithAnotherSizeRestartsTheEpoch() {
  DatasetSplit a = handSplit();
  DatasetSplit b = handSplit();
  insertSamplePoint(b, {false, 5}, {7, 70, 71, false});
  const LossPtr mse = LossRegistry::instance().create("mean_squared_error");
  TrainOptions options;
  options.batchSize = 2;
  options.shuffle = false;
  options.optimizer.kind = OptimizerKind::Sgd;
  options.optimizer.sgd.learningRate = 0.001;
  MlpOptions model;
  model.hidden = {3};
  Trainer first(a, model, mse, options);
  first.run(1);
  first.step();  // one batch of the second epoch: 2 of 5 samples
  Trainer fresh(b, model, mse, options);
  fresh.model().parameters() = first.model().parameters();
  first.setData(b);
  const EpochReport continued = first.runEpoch();  // all 6 samples, from the first
  const EpochReport reference = fresh.runEpoch();
  QCOMPARE(continued.epoch, 2);
  QCOMPARE(first.model().parameters(), fresh.model().parameters());
  QCOMPARE(continued.loss, reference.loss);
  // Another feature count or no training sample is refused.
  DatasetSplit empty = b;
  empty.train = b.train.subset({});
  QVERIFY_THROWS_EXCEPTION(Error, first.setData(empty));
}

void TestSampleEdits::sessionRoundTrip() {
  DatasetSplit s = handSplit();
  s.train.x(0, 2) = 0.1;  // not exact in binary: shortest round trip gives it back
  const std::string json = sessionToJson(TrainingConfig{}, std::nullopt, &s);
  QVERIFY(json.find("\"edited_data\"") != std::string::npos);
  const std::optional<DatasetSplit> back = editedDataFromJson(json);
  QVERIFY(back.has_value());
  QVERIFY(sameSet(back->train, s.train));
  QVERIFY(sameSet(back->validation, s.validation));
  // Without clean targets no "y_clean" is written and none is read.
  DatasetSplit noClean = s;
  noClean.train.clean.resize(0);
  noClean.validation.clean.resize(0);
  const std::string plain = sessionToJson(TrainingConfig{}, std::nullopt, &noClean);
  QVERIFY(plain.find("y_clean") == std::string::npos);
  QCOMPARE(editedDataFromJson(plain)->train.clean.size(), Eigen::Index{0});
  // A file without the key has no edited points, and the configuration reads as before.
  QVERIFY(!editedDataFromJson(sessionToJson(TrainingConfig{})).has_value());
  QCOMPARE(sessionFromJson(json), TrainingConfig{});
}

void TestSampleEdits::sessionBadValuesNameTheKey() {
  const DatasetSplit s = handSplit();
  const std::string json = sessionToJson(TrainingConfig{}, std::nullopt, &s);
  auto message = [](const std::string& text) -> std::string {
    try {
      editedDataFromJson(text);
    } catch (const Error& e) {
      return e.what();
    }
    return "accepted";
  };
  const std::string y = "\"y\": [\n                0.0,";
  QCOMPARE(message(replaced(json, y, "\"y\": [\n \"a\",")),
           std::string("\"edited_data.train.y\" must be a list of 5 finite numbers"));
  QCOMPARE(message(replaced(json, "\"y_clean\": [\n                1.0,", "\"y_clean\": [")),
           std::string("\"edited_data.train.y_clean\" must be a list of 5 finite numbers"));
  QCOMPARE(message(replaced(json, "\"outlier\": [\n                false,", "\"outlier\": [ 1,")),
           std::string("\"edited_data.train.outlier\" must be a list of 5 true or false values"));
  QCOMPARE(message(replaced(json, "\"validation\": {", "\"validation\": 3, \"v\": {")),
           std::string("\"edited_data.validation\" must be an object"));
  QCOMPARE(message(replaced(json, "\"train\": {", "\"train\": {}, \"t\": {")),
           std::string("\"edited_data.train.x\" must be a list of finite numbers"));
}

QTEST_GUILESS_MAIN(TestSampleEdits)
#include "tst_sample_edits.moc"
