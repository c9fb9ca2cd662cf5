// SPDX-License-Identifier: GPL-3.0-or-later
// The training configuration (issue 10): its ranges and loss checks, the one trainability rule,
// custom losses that carry their formula, the seed's sub-streams, and CSV columns by name or
// number with the canonical (shortest) choice a configuration stores.
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <fstream>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/io/csv_reader.h"
#include "core/training/csv_dataset.h"
#include "core/training/random.h"
#include "core/training/trainability.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"

using namespace losslab;

namespace {

std::string problemOf(void (*edit)(TrainingConfig&)) {
  TrainingConfig c;
  edit(c);
  return configProblem(c);
}

}  // namespace

class TestTrainingConfig : public QObject {
  Q_OBJECT

 private slots:
  void defaultsAreValid();
  void rangesNameTheSessionKey_data();
  void rangesNameTheSessionKey();
  void lossesAreCheckedWithTheirKey_data();
  void lossesAreCheckedWithTheirKey();
  void trainabilityIsOneRule_data();
  void trainabilityIsOneRule();
  void customLossCarriesItsFormula();
  void buildersDeriveTheSeedStreams();
  void trainingSampleProblem();
  void csvColumnsByNameOrNumber();
  void csvChoiceIsCanonical();
};

void TestTrainingConfig::defaultsAreValid() {
  const TrainingConfig c;
  QCOMPARE(QString::fromStdString(fullConfigProblem(c)), QString());
  QCOMPARE(c.trainedLosses().size(), std::size_t{1});
  QCOMPARE(c.trainedLosses().front().id, std::string("mean_squared_error"));
  TrainingConfig compare = c;
  compare.compare = true;
  compare.focus = "huber";
  QCOMPARE(compare.trainedLosses().size(), std::size_t{3});
  QCOMPARE(compare.focusIndex(), 2);
}

void TestTrainingConfig::rangesNameTheSessionKey_data() {
  using Edit = void (*)(TrainingConfig&);
  QTest::addColumn<void*>("edit");
  QTest::addColumn<QString>("message");
  auto row = [](const char* name, Edit edit, const char* message) {
    QTest::newRow(name) << reinterpret_cast<void*>(edit) << QString::fromUtf8(message);
  };
  row(
      "seed above 2^53", [](TrainingConfig& c) { c.seed = TrainingLimits::kMaxSeed + 1; },
      "\"seed\" must be a whole number from 0 to 9007199254740992");
  row(
      "9 samples", [](TrainingConfig& c) { c.data.samples = 9; },
      "\"data.samples\" must be a whole number from 10 to 200000");
  row(
      "negative noise", [](TrainingConfig& c) { c.data.noise = -0.1; }, "\"data.noise\"");
  row(
      "NaN noise", [](TrainingConfig& c) { c.data.noise = std::nan(""); }, "\"data.noise\"");
  row(
      "60 % outliers", [](TrainingConfig& c) { c.data.outlierFraction = 0.6; },
      "\"data.outlier_fraction\" must be a number from 0 to 0.5");
  row(
      "split 0.95", [](TrainingConfig& c) { c.data.validationSplit = 0.95; },
      "\"data.validation_split\"");
  row(
      "csv without a path", [](TrainingConfig& c) { c.data.source = DataConfig::Source::Csv; },
      "\"data.csv_path\"");
  row(
      "layer of 0",
      [](TrainingConfig& c) {
        c.network.hidden = {4, 0};
      },
      "\"model.hidden\"");
  row(
      "9 layers", [](TrainingConfig& c) { c.network.hidden.assign(9, 2); }, "\"model.hidden\"");
  row(
      "lr 0", [](TrainingConfig& c) { c.optimizer.learningRate = 0; },
      "\"optimizer.lr\" must be a number from 1e-06 to 10");
  row(
      "batch 0", [](TrainingConfig& c) { c.optimizer.batchSize = 0; }, "\"optimizer.batch\"");
  row(
      "0 epochs", [](TrainingConfig& c) { c.epochs = 0; }, "\"optimizer.epochs\"");
  row(
      "compare on with one loss",
      [](TrainingConfig& c) {
        c.compare = true;
        c.compareLosses.resize(1);
        c.focus = c.compareLosses[0].id;
      },
      "must name 2 to 4 losses");
  row(
      "a compared loss twice", [](TrainingConfig& c) { c.compareLosses[1] = c.compareLosses[0]; },
      "is listed twice");
  row(
      "one id, two parameter sets",
      [](TrainingConfig& c) {
        c.loss = {"huber", {{"delta", 2}}, {}};
      },
      "\"compare.losses[2].params\" differ from \"loss.params\"");
  row(
      "focus not compared", [](TrainingConfig& c) { c.focus = "log_cosh"; }, "\"compare.focus\"");
}

void TestTrainingConfig::rangesNameTheSessionKey() {
  QFETCH(void*, edit);
  QFETCH(QString, message);
  const QString problem =
      QString::fromStdString(problemOf(reinterpret_cast<void (*)(TrainingConfig&)>(edit)));
  QVERIFY2(problem.contains(message), qPrintable(problem));
}

void TestTrainingConfig::lossesAreCheckedWithTheirKey_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("param");
  QTest::addColumn<double>("value");
  QTest::addColumn<QString>("message");
  QTest::newRow("unknown id") << "mae2"
                              << "" << 0.0 << "\"loss.id\": unknown loss 'mae2'";
  QTest::newRow("class labels")
      << "sparse_categorical_crossentropy"
      << "" << 0.0 << "\"loss.id\": 'sparse_categorical_crossentropy' takes class labels";
  QTest::newRow("delta out of range") << "huber"
                                      << "delta" << -3.0 << "\"loss.params\": ";
  QTest::newRow("unknown parameter") << "huber"
                                     << "deltx" << 1.0 << "unknown parameter 'deltx'";
}

void TestTrainingConfig::lossesAreCheckedWithTheirKey() {
  QFETCH(QString, id);
  QFETCH(QString, param);
  QFETCH(double, value);
  QFETCH(QString, message);
  TrainingConfig c;
  c.compareLosses.resize(2);  // MSE and MAE: no id twice with other parameters
  c.loss.id = id.toStdString();
  if (!param.isEmpty()) {
    c.loss.params[param.toStdString()] = value;
  }
  const QString problem = QString::fromStdString(fullConfigProblem(c));
  QVERIFY2(problem.contains(message), qPrintable(problem));
  // The same loss in a compared slot names that slot.
  TrainingConfig compared;
  compared.compareLosses.resize(2);
  compared.compareLosses[1].id = id.toStdString();
  compared.compareLosses[1].params = c.loss.params;
  QVERIFY2(QString::fromStdString(fullConfigProblem(compared)).startsWith("\"compare.losses[1]."),
           fullConfigProblem(compared).c_str());
}

void TestTrainingConfig::trainabilityIsOneRule_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<int>("problem");
  QTest::addColumn<QString>("extra");
  using P = Trainability::Problem;
  QTest::newRow("huber trains") << "huber" << int(P::None) << "";
  QTest::newRow("BCE trains (same-shape target)") << "binary_crossentropy" << int(P::None) << "";
  QTest::newRow("sparse CE: labels")
      << "sparse_categorical_crossentropy" << int(P::ClassLabels) << "";
  QTest::newRow("triplet margin: no target") << "triplet_margin" << int(P::NoTarget) << "";
  QTest::newRow("margin ranking: input2") << "margin_ranking" << int(P::ExtraInput) << "input2";
  QTest::newRow("Gaussian NLL: var") << "gaussian_nll" << int(P::ExtraInput) << "var";
}

void TestTrainingConfig::trainabilityIsOneRule() {
  QFETCH(QString, id);
  QFETCH(int, problem);
  QFETCH(QString, extra);
  const LossRegistry::Entry* entry = LossRegistry::instance().find(id.toStdString());
  QVERIFY2(entry, qPrintable(id));
  const Trainability t = trainability(entry->info);
  QCOMPARE(int(t.problem), problem);
  QCOMPARE(QString::fromStdString(t.extraInput), extra);
  // The trainer applies the same rule: it refuses exactly what trainability() refuses.
  bool refused = false;
  try {
    Trainer trainer(makeDataset({}), MlpOptions{},
                    LossRegistry::instance().create(id.toStdString()), TrainOptions{});
  } catch (const Error& e) {
    refused = true;
    QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(t.message())), e.what());
  }
  QCOMPARE(refused, !t.ok());
  // And every registry entry is classified by its target kind and extras alone.
  for (const LossRegistry::Entry& any : LossRegistry::instance().entries()) {
    const bool expected = any.info.target == TargetKind::SameShape &&
                          std::none_of(any.info.extras.begin(), any.info.extras.end(),
                                       [](const ExtraInput& x) { return x.required; });
    QCOMPARE(trainability(any.info).ok(), expected);
  }
}

void TestTrainingConfig::customLossCarriesItsFormula() {
  // A custom loss is complete in the configuration: no library needed to build it.
  LossChoice custom{
      "custom:my huber", {{"d", 0.5}}, "where(abs(r) <= d, 0.5*square(r), d*(abs(r) - 0.5*d))"};
  QVERIFY(isCustomLossId(custom.id));
  LossPtr loss = createLoss(custom);
  QCOMPARE(loss->info().name, std::string("my huber"));
  QCOMPARE(loss->params().at("d"), 0.5);
  TrainingConfig c;
  c.loss = custom;
  QCOMPARE(QString::fromStdString(fullConfigProblem(c)), QString());
  custom.formula.clear();
  c.loss = custom;
  QVERIFY(QString::fromStdString(fullConfigProblem(c)).contains("without its formula"));
  c.loss.formula = "abs(r";
  QVERIFY(QString::fromStdString(fullConfigProblem(c))
              .startsWith("\"loss.params\": custom loss 'my huber'"));
}

void TestTrainingConfig::buildersDeriveTheSeedStreams() {
  TrainingConfig c;
  c.seed = 77;
  c.data.generator = DatasetKind::Linear;
  c.optimizer = {TrainingOptimizer::Momentum, 0.05, 8};
  c.network = {{5}, Activation::Tanh};
  QCOMPARE(datasetOptions(c).seed, deriveSeed(77, kDataSeedStream));
  QCOMPARE(mlpOptions(c).seed, deriveSeed(77, kModelSeedStream));
  QCOMPARE(trainOptions(c).seed, deriveSeed(77, kTrainSeedStream));
  QCOMPARE(datasetOptions(c).kind, DatasetKind::Linear);
  QCOMPARE(mlpOptions(c).hidden, (std::vector<Eigen::Index>{5}));
  QCOMPARE(mlpOptions(c).hiddenActivation, Activation::Tanh);
  const OptimizerOptions o = trainOptions(c).optimizer;
  QCOMPARE(o.kind, OptimizerKind::Sgd);
  QCOMPARE(o.sgd.momentum, 0.9);  // the CLI's "momentum": Keras SGD(momentum=0.9)
  QCOMPARE(o.learningRate(), 0.05);
  QCOMPARE(trainOptions(c).batchSize, Eigen::Index{8});
  QCOMPARE(trainOptions(c).validationSplit, 0.2);
  for (TrainingOptimizer kind : {TrainingOptimizer::Adam, TrainingOptimizer::Sgd,
                                 TrainingOptimizer::Momentum, TrainingOptimizer::RmsProp}) {
    QCOMPARE(parseTrainingOptimizer(trainingOptimizerName(kind)), kind);
  }
}

void TestTrainingConfig::trainingSampleProblem() {
  QVERIFY(losslab::trainingSampleProblem(20, 0.9).empty());  // ⌊20 · (1 − 0.9)⌋ = 1
  // ⌊10 · (1 − 0.9)⌋ = ⌊0.999…⌋ = 0 in doubles, as splitDataset computes it.
  QVERIFY(!losslab::trainingSampleProblem(10, 0.9).empty());
  QVERIFY(QString::fromStdString(losslab::trainingSampleProblem(5, 0.9))
              .contains("5 samples: with a validation split of 0.9 none is left for training"));
  QVERIFY(!losslab::trainingSampleProblem(0, 0).empty());
}

void TestTrainingConfig::csvColumnsByNameOrNumber() {
  const CsvTable headerless = readCsvString("1,10,100\n2,20,200\n3,30,300\n");
  const std::vector<std::string> names = csvColumnNames(headerless);
  QCOMPARE(names, (std::vector<std::string>{"column 1", "column 2", "column 3"}));
  QCOMPARE(csvColumnIndex(names, "column 2"), Eigen::Index{1});
  QCOMPARE(csvColumnIndex(names, "2"), Eigen::Index{1});
  QVERIFY_THROWS_EXCEPTION(Error, csvColumnIndex(names, "4"));
  QVERIFY_THROWS_EXCEPTION(Error, csvColumnIndex(names, "y"));
  // Target 2, features 3 then 1 (in that order).
  const Dataset d = csvDataset(headerless, "2", {"column 3", "1"}, "/tmp/t.csv");
  QCOMPARE(d.name, std::string("t.csv"));
  QCOMPARE(d.targetName, std::string("column 2"));
  QCOMPARE(d.y, (Eigen::VectorXd(3) << 10, 20, 30).finished());
  QCOMPARE(Eigen::MatrixXd(d.x.row(0)), (Eigen::MatrixXd(1, 3) << 100, 200, 300).finished());
  QCOMPARE(Eigen::MatrixXd(d.x.row(1)), (Eigen::MatrixXd(1, 3) << 1, 2, 3).finished());
  // Defaults: the last column, every other one.
  const Dataset all = csvDataset(headerless, "", {}, "t.csv");
  QCOMPARE(all.featureCount(), Eigen::Index{2});
  QCOMPARE(all.y(2), 300.0);
  const CsvTable named = readCsvString("a,t,b\n1,2,3\n4,5,6\n");
  QCOMPARE(csvDataset(named, "t", {}, "n.csv").featureNames, (std::vector<std::string>{"a", "b"}));
  QCOMPARE(csvDataset(named, "2", {"3"}, "n.csv").featureNames, std::vector<std::string>{"b"});
  try {
    csvDataset(readCsvString("1\n2\n"), "", {}, "one.csv");
    QFAIL("a single column trained");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Data);
    QVERIFY(QString(e.what()).startsWith("one.csv: the file has 1 column"));
  }
}

void TestTrainingConfig::csvChoiceIsCanonical() {
  const std::vector<std::string> names{"column 1", "column 2", "column 3", "column 4"};
  const CsvColumnChoice all =
      canonicalCsvColumns(names, "column 4", {"column 1", "column 2", "column 3"});
  QCOMPARE(all.target, std::string());  // the last column is the default
  QVERIFY(all.features.empty());        // and so is "every other column"
  const CsvColumnChoice subset = canonicalCsvColumns(names, "4", {"1", "3"});
  QCOMPARE(subset.target, std::string());
  QCOMPARE(subset.features, (std::vector<std::string>{"column 1", "column 3"}));
  const CsvColumnChoice middle = canonicalCsvColumns(names, "column 2", {});
  QCOMPARE(middle.target, std::string("column 2"));
  QVERIFY(middle.features.empty());
  // Reordered features are a choice of their own (the network's inputs in that order).
  QCOMPARE(canonicalCsvColumns(names, "", {"column 3", "column 1", "column 2"}).features.size(),
           std::size_t{3});
}

QTEST_MAIN(TestTrainingConfig)
#include "tst_training_config.moc"
