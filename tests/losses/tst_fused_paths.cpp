// SPDX-License-Identifier: GPL-3.0-or-later
// The training path Loss::valueAndGradient of every catalogue loss (issue 15 item 2): the fused
// loops (ElementwiseLoss, the categorical cross-entropies) give the numbers of the full pipeline,
// which the family tests check against hand derivations and PyTorch; and they give the same bits
// whichever instruction set runs them (simd::run compiles them for baseline x86-64, AVX2 and
// AVX-512), so results do not depend on the machine.
#include <QTest>
#include <bit>
#include <cmath>
#include <cstdint>
#include <random>

#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"
#include "core/engine/simd.h"
#include "core/testing/sample_inputs.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

/// Random in-domain inputs for a loss, as pointers the training path takes.
struct Batch {
  EvalRequest request;
  LossInputs in;
};

Batch batchFor(
    const LossInfo& info, const ParamValues& params, int rows, unsigned seed, int cols = 3) {
  std::mt19937 rng(seed);
  SampleShape shape;
  shape.rows = rows;
  shape.cols = cols;
  Batch batch;
  batch.request = sampleRequest(info, params, rng, shape);
  return batch;
}

void bind(Batch& batch) {
  batch.in.yPred = &batch.request.yPred.values;
  batch.in.yTrue = batch.request.yTrue ? &batch.request.yTrue->values : nullptr;
  for (const auto& [name, tensor] : batch.request.extras) {
    batch.in.extras[name] = &tensor.values;
  }
}

bool sameBits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

}  // namespace

/// valueAndGradient on 203 rows of `cols` columns: the same bits on every instruction set and
/// the pipeline's value and gradient to 1e-13.
void compareWithPipelineAndIsas(const Loss& loss, int cols) {
  Batch batch = batchFor(loss.info(), loss.params(), 203, 11, cols);
  bind(batch);
  const Evaluation full = evaluate(loss, batch.request);
  simd::setIsa(simd::Isa::Baseline);
  Tensor reference;
  const double value = loss.valueAndGradient(batch.in, full.reduction, reference);
  LOSSLAB_VERIFY_NEAR(value, full.value, 1e-13 * (1 + std::fabs(full.value)));
  QCOMPARE(reference.rows(), full.grad.rows());
  QCOMPARE(reference.cols(), full.grad.cols());
  const double scale = 1 + full.grad.abs().maxCoeff();
  QVERIFY(((reference - full.grad).abs() <= 1e-13 * scale).all());
  for (const simd::Isa isa : {simd::Isa::Avx2, simd::Isa::Avx512}) {
    if (simd::setIsa(isa) != isa) {
      continue;
    }
    Tensor grad;
    QVERIFY(sameBits(loss.valueAndGradient(batch.in, full.reduction, grad), value));
    for (Eigen::Index k = 0; k < grad.size(); ++k) {
      QVERIFY(sameBits(grad.data()[k], reference.data()[k]));
    }
  }
}

class TestFusedPaths : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { simd::setIsa(simd::detectedIsa()); }

  void everyLoss_data() {
    QTest::addColumn<QString>("id");
    for (const auto& entry : LossRegistry::instance().entries()) {
      QTest::newRow(entry.info.id.c_str()) << QString::fromStdString(entry.info.id);
    }
  }

  void sameBitsOnEveryInstructionSet_data() { everyLoss_data(); }
  void sameBitsOnEveryInstructionSet() {
    // 203 rows: the 8-lane body and the scalar tail of the fused loop both run.
    QFETCH(QString, id);
    const LossPtr loss = LossRegistry::instance().create(id.toStdString());
    Batch batch = batchFor(loss->info(), loss->params(), 203, 15);
    bind(batch);
    const Reduction reduction = defaultReduction(loss->info());
    simd::setIsa(simd::Isa::Baseline);
    Tensor reference;
    const double value = loss->valueAndGradient(batch.in, reduction, reference);
    for (const simd::Isa isa : {simd::Isa::Avx2, simd::Isa::Avx512}) {
      if (simd::setIsa(isa) != isa) {
        continue;  // this processor does not have it
      }
      Tensor grad;
      const double v = loss->valueAndGradient(batch.in, reduction, grad);
      QVERIFY2(sameBits(v, value), qPrintable(QStringLiteral("%1: %2 vs baseline %3")
                                                  .arg(QString::fromStdString(simd::isaName(isa)))
                                                  .arg(v, 0, 'g', 17)
                                                  .arg(value, 0, 'g', 17)));
      QCOMPARE(grad.rows(), reference.rows());
      QCOMPARE(grad.cols(), reference.cols());
      for (Eigen::Index k = 0; k < grad.size(); ++k) {
        QVERIFY2(sameBits(grad.data()[k], reference.data()[k]),
                 qPrintable(QStringLiteral("%1: gradient %2 differs")
                                .arg(QString::fromStdString(simd::isaName(isa)))
                                .arg(k)));
      }
    }
  }

  void trainingPathEqualsPipeline_data() { everyLoss_data(); }
  void trainingPathEqualsPipeline() {
    // The pipeline (evaluate, then ReductionPlan) is the reference the family tests pin; the
    // fused passes only reorder the final sum, so they agree to a few ulp.
    QFETCH(QString, id);
    const LossPtr loss = LossRegistry::instance().create(id.toStdString());
    Batch batch = batchFor(loss->info(), loss->params(), 37, 3);
    bind(batch);
    const Evaluation full = evaluate(*loss, batch.request);
    Tensor grad;
    const double value = loss->valueAndGradient(batch.in, full.reduction, grad);
    LOSSLAB_VERIFY_NEAR(value, full.value, 1e-13 * (1 + std::fabs(full.value)));
    QCOMPARE(grad.rows(), full.grad.rows());
    QCOMPARE(grad.cols(), full.grad.cols());
    const double scale = 1 + full.grad.abs().maxCoeff();
    QVERIFY(((grad - full.grad).abs() <= 1e-13 * scale).all());
  }

  void oneColumnTrainingPathEqualsPipeline_data() { everyLoss_data(); }
  void oneColumnTrainingPathEqualsPipeline() {
    // One column: the shape of the benchmarks, where the Ceres losses take their element-wise
    // loop (ρ's kind fixed at compile time) instead of the row loop. Same bits on every
    // instruction set, and the pipeline's numbers.
    QFETCH(QString, id);
    const LossPtr loss = LossRegistry::instance().create(id.toStdString());
    const InputDomain domain = loss->info().facts.inputs(loss->params());
    if (domain.minColumns > 1 || domain.columns > 1) {
      QSKIP("needs more than one column");
    }
    compareWithPipelineAndIsas(*loss, 1);
  }

  void parameterModesEqualPipeline_data() {
    // Kernels whose parameters pick a loop (kHasModes) or a guess (kOptimistic), beyond the
    // defaults that the tests above run.
    QTest::addColumn<QString>("id");
    QTest::addColumn<ParamValues>("params");
    QTest::newRow("bce from_logits") << "binary_crossentropy" << ParamValues{{"from_logits", 1}};
    QTest::newRow("focal from_logits")
        << "binary_focal_crossentropy" << ParamValues{{"from_logits", 1}};
    QTest::newRow("focal γ = 0") << "binary_focal_crossentropy" << ParamValues{{"gamma", 0}};
    QTest::newRow("focal γ = 1") << "binary_focal_crossentropy" << ParamValues{{"gamma", 1}};
    QTest::newRow("focal γ = 1.5 (pow)")
        << "binary_focal_crossentropy" << ParamValues{{"gamma", 1.5}};
    QTest::newRow("focal γ = 2 balanced, logits")
        << "binary_focal_crossentropy"
        << ParamValues{{"apply_class_balancing", 1}, {"from_logits", 1}};
    QTest::newRow("ε-insensitive squared") << "epsilon_insensitive" << ParamValues{{"squared", 1}};
    QTest::newRow("cce from_logits")
        << "categorical_crossentropy" << ParamValues{{"from_logits", 1}};
    QTest::newRow("cce smoothing")
        << "categorical_crossentropy" << ParamValues{{"label_smoothing", 0.2}};
    QTest::newRow("sparse cce from_logits")
        << "sparse_categorical_crossentropy" << ParamValues{{"from_logits", 1}};
    QTest::newRow("kl_div log_target") << "kl_div" << ParamValues{{"log_target", 1}};
    QTest::newRow("poisson_nll rate") << "poisson_nll" << ParamValues{{"log_input", 0}};
    QTest::newRow("poisson_nll full") << "poisson_nll" << ParamValues{{"full", 1}};
  }
  void parameterModesEqualPipeline() {
    QFETCH(QString, id);
    QFETCH(ParamValues, params);
    const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
    const InputDomain domain = loss->info().facts.inputs(loss->params());
    compareWithPipelineAndIsas(*loss, domain.minColumns > 1 || domain.columns > 1 ? 5 : 3);
  }

  void categoricalTrainingPathKeepsItsBuffer() {
    // No allocation per call once the gradient has the batch's shape: the buffer stays put.
    for (const char* id : {"categorical_crossentropy", "sparse_categorical_crossentropy"}) {
      const LossPtr loss = LossRegistry::instance().create(id);
      Batch batch = batchFor(loss->info(), loss->params(), 64, 7);
      bind(batch);
      Tensor grad;
      loss->valueAndGradient(batch.in, Reduction::SumOverBatchSize, grad);
      const double* buffer = grad.data();
      loss->valueAndGradient(batch.in, Reduction::SumOverBatchSize, grad);
      QCOMPARE(grad.data(), buffer);
    }
  }
};

QTEST_MAIN(TestFusedPaths)
#include "tst_fused_paths.moc"
