// SPDX-License-Identifier: GPL-3.0-or-later
// The trainer end to end: the seed workload converges, robust losses resist outliers, divergence
// is caught and undone, the loss can be swapped live, metrics and gradient influence are what
// their formulas say, and a training step allocates nothing.
#include <QTest>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/training/metrics.h"
#include "core/training/trainer.h"
#include "tests/test_utils.h"

using namespace losslab;

// ---- allocation counting -------------------------------------------------------------------
// Eigen allocates with std::malloc and libstdc++'s operator new calls malloc, so counting malloc
// calls sees every heap allocation. glibc lets a program define malloc and reach the real one
// through __libc_malloc; sanitizers replace malloc themselves, so the check is compiled out there.
// (GCC says so with __SANITIZE_ADDRESS__, clang only through __has_feature.)
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define LOSSLAB_MALLOC_REPLACED 1
#endif
#endif
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__) && \
    !defined(LOSSLAB_MALLOC_REPLACED)
#define LOSSLAB_COUNT_MALLOC 1
namespace {
std::atomic<bool> g_counting{false};
std::atomic<long> g_allocations{0};
void noteAllocation() {
  if (g_counting.load(std::memory_order_relaxed)) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
  }
}
}  // namespace
extern "C" {
void* __libc_malloc(std::size_t size);
void* __libc_calloc(std::size_t count, std::size_t size);
void* __libc_realloc(void* pointer, std::size_t size);
void* malloc(std::size_t size) noexcept {
  noteAllocation();
  return __libc_malloc(size);
}
void* calloc(std::size_t count, std::size_t size) noexcept {
  noteAllocation();
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, std::size_t size) noexcept {
  noteAllocation();
  return __libc_realloc(pointer, size);
}
}
#endif

namespace {

const LossPtr& lossById(const char* id, const ParamValues& params = {}) {
  static std::map<std::string, LossPtr> cache;
  std::string key = id;
  for (const auto& [name, value] : params) {
    key += " " + name + "=" + std::to_string(value);
  }
  LossPtr& slot = cache[key];
  if (!slot) {
    slot = LossRegistry::instance().create(id, params);
  }
  return slot;
}

/// A loss that takes class labels: the trainer must refuse it.
class LabelLoss final : public Loss {
 public:
  static const LossInfo& info() {
    static const LossInfo kInfo = [] {
      LossInfo info;
      info.id = "test_labels";
      info.target = TargetKind::ClassIndex;
      return info;
    }();
    return kInfo;
  }
  LabelLoss() : Loss(info()) {}
  void evaluate(const LossInputs&, BatchEval&) const override {}
};

/// Seed 003's workload: 1,000 samples of y = 5 Σ x, Dense 16-32-1 relu, Adam, batch 32.
TrainOptions seedOptions() {
  TrainOptions options;
  options.batchSize = 32;
  options.validationSplit = 0.2;
  options.optimizer.kind = OptimizerKind::Adam;
  return options;
}

/// Slope of a 1-1 linear model trained with `lossId` on y = 2x + 1, noise 0.1 and 10 % outliers
/// of magnitude ±20.
double fittedSlope(const char* lossId) {
  DatasetOptions data;
  data.kind = DatasetKind::Linear;
  data.samples = 1000;
  data.noise = 0.1;
  data.outlierFraction = 0.1;
  data.outlierMagnitude = 20;
  data.seed = 21;
  MlpOptions model;
  model.hidden = {};  // ŷ = w x + b
  TrainOptions options;
  options.validationSplit = 0.2;
  options.optimizer.adam.learningRate = 0.02;
  options.epochs = 150;
  options.computeMetrics = false;
  Trainer trainer(makeDataset(data), model, lossById(lossId), options);
  const EpochReport last = trainer.run();
  if (last.diverged) {
    return std::nan("");
  }
  return trainer.model().weights(0)(0, 0);
}

}  // namespace

class TestTrainer : public QObject {
  Q_OBJECT

 private slots:
  void seedWorkloadReachesHighValidationR2();
  void robustLossesRecoverTheCleanSlope();
  void hugeLearningRateStopsWithMessage();
  void lossCanBeSwappedMidRun();
  void learningRateChangeTakesEffectNextStep();
  void callbackStopsTraining();
  void requestStopInterruptsEpoch();
  void sameSeedSameTraining();
  void epochLossIsBatchWeightedMean();
  void gradientInfluence_data();
  void gradientInfluence();
  void metricsMatchHandValues();
  void rejectsLossesThatCannotTrain();
  void stepAllocatesNothing();
};

void TestTrainer::seedWorkloadReachesHighValidationR2() {
  TrainOptions options = seedOptions();
  options.optimizer.adam.learningRate = 0.01;
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById("mean_squared_error"), options);
  QCOMPARE(trainer.data().train.size(), Eigen::Index{800});
  QCOMPARE(trainer.data().validation.size(), Eigen::Index{200});
  int epochs = 0;
  const EpochReport last = trainer.run(100, [&](const EpochReport& report) {
    ++epochs;
    return report.validation.r2 > 0.999;  // stop once clearly converged
  });
  QVERIFY2(!last.diverged, last.message.c_str());
  QVERIFY2(last.validation.r2 > 0.99, qPrintable(QStringLiteral("validation R² %1 after %2 epochs")
                                                     .arg(last.validation.r2)
                                                     .arg(last.epoch)));
  QCOMPARE(last.epoch, epochs);
  QVERIFY(last.train.r2 > 0.99);
  QVERIFY(last.validation.rmse < 0.3);  // y spans [0, 20], σ(y) ≈ 2.9
}

void TestTrainer::robustLossesRecoverTheCleanSlope() {
  // Outliers of ±20 on 10 % of the samples pull a least-squares line around; MAE (median-like)
  // and Huber (linear tails) barely notice them. True slope: 2.
  const double mse = fittedSlope("mean_squared_error");
  const double mae = fittedSlope("mean_absolute_error");
  const double huber = fittedSlope("huber");
  const QString all =
      QStringLiteral("slopes: mse %1, mae %2, huber %3").arg(mse).arg(mae).arg(huber);
  QVERIFY2(std::isfinite(mse) && std::isfinite(mae) && std::isfinite(huber), qPrintable(all));
  QVERIFY2(std::fabs(huber - 2) < std::fabs(mse - 2), qPrintable(all));
  QVERIFY2(std::fabs(mae - 2) < std::fabs(mse - 2), qPrintable(all));
  QVERIFY2(std::fabs(huber - 2) < 0.1 && std::fabs(mae - 2) < 0.1, qPrintable(all));
}

void TestTrainer::hugeLearningRateStopsWithMessage() {
  TrainOptions options = seedOptions();
  options.optimizer.kind = OptimizerKind::Sgd;
  options.optimizer.sgd.learningRate = 50;
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById("mean_squared_error"), options);
  int callbacks = 0;
  const EpochReport last = trainer.run(20, [&](const EpochReport&) {
    ++callbacks;
    return false;
  });
  QVERIFY(last.diverged);
  QCOMPARE(last.epoch, 1);
  QCOMPARE(callbacks, 1);  // the diverged epoch is reported, then training stops
  QVERIFY2(last.message.find("diverged in epoch 1") != std::string::npos, last.message.c_str());
  QVERIFY2(last.message.find("lower the learning rate") != std::string::npos, last.message.c_str());
  QCOMPARE(trainer.divergenceMessage(), last.message);
  QVERIFY(trainer.model().parameters().allFinite());
  QVERIFY(trainer.predictions(Trainer::Set::Train).allFinite());
  QVERIFY(std::isfinite(last.train.loss));  // metrics of the restored parameters
  // Training can go on from the kept state with a sane learning rate.
  trainer.setLearningRate(1e-3);
  const EpochReport next = trainer.runEpoch();
  QVERIFY2(!next.diverged, next.message.c_str());
  QVERIFY(std::isfinite(next.loss));
}

void TestTrainer::lossCanBeSwappedMidRun() {
  TrainOptions options = seedOptions();
  options.optimizer.adam.learningRate = 0.01;
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById("mean_squared_error"), options);
  trainer.run(3);
  trainer.setLoss(lossById("mean_absolute_error"));
  // Pending until the next step.
  QCOMPARE(QString::fromStdString(trainer.loss()->info().id), QStringLiteral("mean_squared_error"));
  trainer.step();
  QCOMPARE(QString::fromStdString(trainer.loss()->info().id),
           QStringLiteral("mean_absolute_error"));
  EpochReport report = trainer.runEpoch();
  QVERIFY(!report.diverged);
  // MAE as the loss: the loss on the whole set is the MAE metric (computed separately).
  LOSSLAB_VERIFY_NEAR(report.train.loss, report.train.mae, test::kFloat64Tolerance);
  LOSSLAB_VERIFY_NEAR(report.validation.loss, report.validation.mae, test::kFloat64Tolerance);

  // A parameter change is a new LossPtr: Huber δ = 0.5, checked against the formula on the
  // trainer's own predictions: mean of ½r² (|r| ≤ δ) or δ|r| − ½δ².
  trainer.setLoss(lossById("huber", {{"delta", 0.5}}));
  report = trainer.runEpoch();
  const Eigen::VectorXd pred = trainer.predictions(Trainer::Set::Validation);
  const Eigen::VectorXd& y = trainer.data().validation.y;
  double sum = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    const double r = std::fabs(pred(i) - y(i));
    sum += r <= 0.5 ? 0.5 * r * r : 0.5 * r - 0.125;
  }
  LOSSLAB_VERIFY_NEAR(report.validation.loss, sum / static_cast<double>(y.size()),
                      test::kFloat64Tolerance);
  QVERIFY2(report.validation.r2 > 0.9,  // still learning after two swaps
           qPrintable(QString::number(report.validation.r2)));
}

void TestTrainer::learningRateChangeTakesEffectNextStep() {
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById("mean_squared_error"), seedOptions());
  trainer.step();
  trainer.setLearningRate(0.05);
  QCOMPARE(trainer.optimizer().options().learningRate(), 0.001);
  trainer.step();
  QCOMPARE(trainer.optimizer().options().learningRate(), 0.05);
  QCOMPARE(trainer.optimizer().iterations(), std::int64_t{2});  // Adam's moments were kept
  QVERIFY_THROWS_EXCEPTION(Error, trainer.setLearningRate(-1));
}

void TestTrainer::callbackStopsTraining() {
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById("mean_squared_error"), seedOptions());
  std::vector<int> seen;
  const EpochReport last = trainer.run(50, [&](const EpochReport& report) {
    seen.push_back(report.epoch);
    return report.epoch == 3;
  });
  QCOMPARE(seen, (std::vector<int>{1, 2, 3}));
  QCOMPARE(last.epoch, 3);
  QCOMPARE(trainer.epoch(), 3);
  QCOMPARE(trainer.steps(), std::int64_t{3 * 25});  // 800 samples / 32
}

void TestTrainer::requestStopInterruptsEpoch() {
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById("mean_squared_error"), seedOptions());
  trainer.step();
  trainer.requestStop();
  const EpochReport report = trainer.runEpoch();
  QVERIFY(report.stopped);
  QCOMPARE(trainer.steps(), std::int64_t{1});
  QCOMPARE(trainer.epoch(), 0);
  const EpochReport rest = trainer.runEpoch();  // resumes the same epoch
  QVERIFY(!rest.stopped);
  QCOMPARE(rest.epoch, 1);
  QCOMPARE(trainer.steps(), std::int64_t{25});
}

void TestTrainer::sameSeedSameTraining() {
  const Dataset data = makeDataset({});
  Trainer a(data, MlpOptions{}, lossById("mean_squared_error"), seedOptions());
  Trainer b(data, MlpOptions{}, lossById("mean_squared_error"), seedOptions());
  a.run(2);
  b.run(2);
  QVERIFY(a.model().parameters() == b.model().parameters());
  TrainOptions other = seedOptions();
  other.seed = 4;  // another split and shuffling
  Trainer c(data, MlpOptions{}, lossById("mean_squared_error"), other);
  c.run(2);
  QVERIFY(a.model().parameters() != c.model().parameters());
  // reset() replays the same run.
  a.reset();
  a.run(2);
  QVERIFY(a.model().parameters() == b.model().parameters());
}

void TestTrainer::epochLossIsBatchWeightedMean() {
  // 100 training samples, batch 32: batches of 32, 32, 32, 4. Keras' epoch loss weights each
  // batch loss by its size. Two identical trainers: one reports epoch 2, the other steps through
  // epoch 2 by hand.
  DatasetOptions data;
  data.kind = DatasetKind::Sine;
  data.samples = 100;
  TrainOptions options = seedOptions();
  options.validationSplit = 0;
  MlpOptions model;
  model.hidden = {8};
  Trainer reported(makeDataset(data), model, lossById("mean_squared_error"), options);
  Trainer stepped(makeDataset(data), model, lossById("mean_squared_error"), options);
  reported.runEpoch();
  const EpochReport report = reported.runEpoch();
  stepped.runEpoch();
  double weighted = 0;
  double samples = 0;
  std::vector<Eigen::Index> sizes;
  StepResult step;
  do {
    step = stepped.step();
    weighted += step.loss * static_cast<double>(step.batch);
    samples += static_cast<double>(step.batch);
    sizes.push_back(step.batch);
  } while (!step.epochFinished);
  QCOMPARE(sizes, (std::vector<Eigen::Index>{32, 32, 32, 4}));
  QVERIFY(reported.model().parameters() == stepped.model().parameters());
  LOSSLAB_VERIFY_NEAR(report.loss, weighted / samples, test::kFloat64Tolerance);
  QCOMPARE(report.epoch, 2);
  QVERIFY(std::isnan(report.validation.mae));  // no validation set
}

void TestTrainer::gradientInfluence_data() {
  QTest::addColumn<QString>("lossId");
  QTest::addColumn<ParamValues>("params");
  QTest::newRow("mse: 2|r|") << "mean_squared_error" << ParamValues{};
  QTest::newRow("mae: 1") << "mean_absolute_error" << ParamValues{};
  QTest::newRow("huber δ=0.5: min(|r|, δ)") << "huber" << ParamValues{{"delta", 0.5}};
}

void TestTrainer::gradientInfluence() {
  QFETCH(QString, lossId);
  QFETCH(ParamValues, params);
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById(lossId.toUtf8().constData(), params),
                  seedOptions());
  trainer.run(2);
  const Eigen::VectorXd influence = trainer.gradientInfluence();
  const Eigen::VectorXd pred = trainer.predictions(Trainer::Set::Train);
  const Eigen::VectorXd& y = trainer.data().train.y;
  QCOMPARE(influence.size(), y.size());
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    // Per-sample derivative ∂ℓ_i/∂ŷ_i of ℓ = r², |r|, Huber (no 1/B factor).
    const double r = std::fabs(pred(i) - y(i));
    double expected = 2 * r;
    if (lossId == "mean_absolute_error") {
      expected = 1;
    } else if (lossId == "huber") {
      expected = std::fmin(r, 0.5);
    }
    LOSSLAB_VERIFY_NEAR(influence(i), expected, test::kFloat64Tolerance);
  }
}

void TestTrainer::metricsMatchHandValues() {
  // ŷ = (1, 2, 3), y = (1, 2, 5): r = (0, 0, −2).
  //   MAE = 2/3, RMSE = √(4/3); ȳ = 8/3, SS_tot = 25/9 + 4/9 + 49/9 = 26/3, R² = 1 − 4/(26/3) =
  //   7/13.
  const Eigen::Vector3d pred(1, 2, 3);
  const Eigen::Vector3d y(1, 2, 5);
  const RegressionMetrics m = regressionMetrics(pred, y);
  LOSSLAB_VERIFY_NEAR(m.mae, 2.0 / 3, test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(m.rmse, std::sqrt(4.0 / 3), test::kExactTolerance);
  LOSSLAB_VERIFY_NEAR(m.r2, 7.0 / 13, test::kExactTolerance);
  QVERIFY(std::isnan(m.loss));
  // Keras MSE on the same numbers: 4/3.
  Tensor grad;
  const RegressionMetrics withLoss =
      evaluateMetrics(*lossById("mean_squared_error"), test::tensor({{1}, {2}, {3}}),
                      test::tensor({{1}, {2}, {5}}), grad);
  LOSSLAB_VERIFY_NEAR(withLoss.loss, 4.0 / 3, test::kExactTolerance);
  // Constant target: R² is 1 for a perfect fit, 0 otherwise (no division by SS_tot = 0).
  QCOMPARE(regressionMetrics(Eigen::Vector2d(3, 3), Eigen::Vector2d(3, 3)).r2, 1.0);
  QCOMPARE(regressionMetrics(Eigen::Vector2d(3, 4), Eigen::Vector2d(3, 3)).r2, 0.0);
  QVERIFY(std::isnan(regressionMetrics(Eigen::VectorXd(), Eigen::VectorXd()).mae));
}

void TestTrainer::rejectsLossesThatCannotTrain() {
  const Dataset data = makeDataset({});
  const LossPtr labels = std::make_shared<LabelLoss>();
  try {
    Trainer trainer(data, MlpOptions{}, labels, seedOptions());
    QFAIL("expected a usage error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Usage);
    QVERIFY2(std::string(error.what()).find("test_labels") != std::string::npos, error.what());
  }
  Trainer trainer(data, MlpOptions{}, lossById("mean_squared_error"), seedOptions());
  QVERIFY_THROWS_EXCEPTION(Error, trainer.setLoss(labels));
  QVERIFY_THROWS_EXCEPTION(Error, trainer.setLoss(nullptr));
  TrainOptions bad = seedOptions();
  bad.batchSize = 0;
  QVERIFY_THROWS_EXCEPTION(Error, Trainer(data, MlpOptions{}, lossById("huber"), bad));
}

void TestTrainer::stepAllocatesNothing() {
#ifdef LOSSLAB_COUNT_MALLOC
  // The counter itself must see allocations, or the zero below proves nothing.
  g_allocations = 0;
  g_counting = true;
  void* volatile probe = std::malloc(64);
  std::vector<double>* volatile vector = new std::vector<double>(100);
  g_counting = false;
  delete vector;
  std::free(probe);
  QVERIFY(g_allocations.load() >= 3);

  // 1,000 samples with batch 32 at split 0.1: 900 = 28·32 + 4, so the tail batch is exercised.
  TrainOptions options = seedOptions();
  options.validationSplit = 0.1;
  Trainer trainer(makeDataset({}), MlpOptions{}, lossById("mean_squared_error"), options);
  trainer.runEpoch();  // warm-up: one-time initialisation (cache-size queries) happens here
  const LossPtr huber = lossById("huber");
  g_allocations = 0;
  g_counting = true;
  for (int k = 0; k < 100; ++k) {
    trainer.step();
  }
  const EpochReport report = trainer.runEpoch();  // with whole-set metrics
  trainer.setLoss(huber);                         // a live swap and its first steps
  for (int k = 0; k < 50; ++k) {
    trainer.step();
  }
  g_counting = false;
  QCOMPARE(g_allocations.load(), 0L);
  QVERIFY(std::isfinite(report.train.loss));
  QCOMPARE(QString::fromStdString(trainer.loss()->info().id), QStringLiteral("huber"));
#else
  QSKIP("allocation counting needs glibc without sanitizers");
#endif
}

QTEST_MAIN(TestTrainer)
#include "tst_trainer.moc"
