// SPDX-License-Identifier: GPL-3.0-or-later
// Probabilistic classification / likelihood losses (spec §2.2, §2.3, §2.5, §2.8): analytic
// derivatives against central differences on every branch (clip active and inactive, logits,
// label smoothing, ignored rows, weights, …), the documented value/derivatives at each loss's
// origin (derived by hand below), the Keras docstring numbers quoted in the spec, PyTorch float64
// reference rows, and the data/usage errors.
#include <QTest>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

using Extras = std::map<std::string, Tensor>;
Q_DECLARE_METATYPE(Extras)
Q_DECLARE_METATYPE(Reduction)

namespace {

constexpr double kLn2 = 0.69314718055994530942;
constexpr double kLn3 = 1.09861228866810969140;
constexpr double kKerasEpsilon = 1e-7;
// Docstrings that print three decimals (0.330): half a unit of the last printed digit.
constexpr double kThreeDecimalsTolerance = 5e-4;

EvalRequest makeRequest(const Tensor& yTrue,
                        const Tensor& yPred,
                        const Extras& extras,
                        Reduction reduction) {
  EvalRequest request;
  request.yTrue = RankedTensor{yTrue, 2};
  request.yPred = RankedTensor{yPred, 2};
  for (const auto& [name, values] : extras) {
    request.extras[name] = RankedTensor{values, 2};
  }
  request.reduction = reduction;
  return request;
}

void verifyTensorNear(const Tensor& actual, const Tensor& expected, double tol) {
  QCOMPARE(actual.rows(), expected.rows());
  QCOMPARE(actual.cols(), expected.cols());
  for (Eigen::Index i = 0; i < expected.rows(); ++i) {
    for (Eigen::Index j = 0; j < expected.cols(); ++j) {
      LOSSLAB_VERIFY_NEAR(actual(i, j), expected(i, j), tol);
    }
  }
}

void verifyExtraGrads(const Evaluation& e, const Extras& expected, double tol) {
  for (const auto& [name, grad] : expected) {
    auto it = e.extraGrads.find(name);
    QVERIFY2(it != e.extraGrads.end(), name.c_str());
    verifyTensorNear(it->second, grad, tol);
  }
}

/// Runs `request` and checks the error kind and that the message names every string.
void verifyError(const Loss& loss,
                 const EvalRequest& request,
                 Error::Kind kind,
                 std::initializer_list<const char*> mentions) {
  try {
    evaluate(loss, request);
    QFAIL("expected an error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), kind);
    for (const char* mention : mentions) {
      QVERIFY2(std::string(error.what()).find(mention) != std::string::npos, error.what());
    }
  }
}

Tensor labels(std::initializer_list<double> values) {
  Tensor t(static_cast<Eigen::Index>(values.size()), 1);
  Eigen::Index i = 0;
  for (double v : values) {
    t(i++, 0) = v;
  }
  return t;
}

}  // namespace

class TestProbabilisticLosses : public QObject {
  Q_OBJECT

 private slots:
  void gradientMatchesCentralDifferences_data();
  void gradientMatchesCentralDifferences();
  void valueAtOrigin_data();
  void valueAtOrigin();
  void kerasDocstringValues_data();
  void kerasDocstringValues();
  void matchesTorch_data();
  void matchesTorch();
  void ignoredRowsAreMaskedOut();
  void clipPassesGradientOnClosedInterval();
  void torchBceClampsLogAndDenominator();
  void badValuesAreDataErrors_data();
  void badValuesAreDataErrors();
  void trainingPathReportsLateBadValues_data();
  void trainingPathReportsLateBadValues();
  void badShapesAreUsageErrors_data();
  void badShapesAreUsageErrors();
  void registrationMetadata();
};

void TestProbabilisticLosses::gradientMatchesCentralDifferences_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");

  // The probe step is h ≈ 6e-6·max(1, |x|), far wider than ε = 1e-7: rows that put a point
  // outside a clip use ε = 0.05 and stay ≥ 2e-3 from every clip boundary (0.05, 0.95, 1).
  const ParamValues wideClip{{"epsilon", 0.05}};
  const Tensor ySoft = tensor({{0.0, 1.0, 0.3}, {0.7, 0.2, 1.0}});
  const Tensor yBinary = tensor({{0.0, 1.0, 1.0}, {1.0, 0.0, 0.0}});
  const Tensor p = tensor({{0.12, 0.83, 0.45}, {0.61, 0.07, 0.33}});
  // Logits up to 6: further out the gradients fall below the checker's absolute floor (1e-6)
  // and the central difference of an O(1) sum is rounding noise (large logits: matchesTorch).
  const Tensor z = tensor({{-3.1, 0.4, 2.2}, {4.5, -0.7, 6.0}});
  // y and p around the clip of ε = 0.05: below, just inside, just inside 1 − ε, above, far out.
  const Tensor yClip = tensor({{1.0, 0.0, 1.0, 0.0, 1.0, 0.0}});
  const Tensor pClip = tensor({{0.03, 0.052, 0.948, 0.953, -0.4, 1.2}});

  QTest::newRow("bce probabilities (clip inactive)")
      << "binary_crossentropy" << ParamValues{} << ySoft << p << Extras{};
  QTest::newRow("bce ε=0.05 both sides of both clip bounds")
      << "binary_crossentropy" << wideClip << yClip << pClip << Extras{};
  QTest::newRow("bce label_smoothing=0.2")
      << "binary_crossentropy" << ParamValues{{"label_smoothing", 0.2}} << yBinary << p << Extras{};
  QTest::newRow("bce from_logits")
      << "binary_crossentropy" << ParamValues{{"from_logits", 1}} << ySoft << z << Extras{};
  QTest::newRow("bce from_logits label_smoothing=0.3")
      << "binary_crossentropy" << ParamValues{{"from_logits", 1}, {"label_smoothing", 0.3}}
      << yBinary << z << Extras{};

  QTest::newRow("binary focal γ=2")
      << "binary_focal_crossentropy" << ParamValues{} << yBinary << p << Extras{};
  QTest::newRow("binary focal balanced α=0.4 γ=1.5 soft targets")
      << "binary_focal_crossentropy"
      << ParamValues{{"apply_class_balancing", 1}, {"alpha", 0.4}, {"gamma", 1.5}} << ySoft << p
      << Extras{};
  QTest::newRow("binary focal from_logits γ=3 label_smoothing=0.1")
      << "binary_focal_crossentropy"
      << ParamValues{{"from_logits", 1}, {"gamma", 3.0}, {"label_smoothing", 0.1}} << yBinary << z
      << Extras{};
  QTest::newRow("binary focal from_logits balanced α=0.7")
      << "binary_focal_crossentropy"
      << ParamValues{{"from_logits", 1}, {"apply_class_balancing", 1}, {"alpha", 0.7}} << ySoft << z
      << Extras{};
  // Outside the clip b is constant but u = 1 − p_t still moves with the unclipped p.
  QTest::newRow("binary focal ε=0.05 both sides of both clip bounds")
      << "binary_focal_crossentropy" << wideClip << yClip
      << tensor({{0.03, 0.052, 0.948, 0.953, 0.01, 1.2}}) << Extras{};
  QTest::newRow("binary focal γ=0 (plain BCE)")
      << "binary_focal_crossentropy" << ParamValues{{"gamma", 0.0}} << ySoft << p << Extras{};

  const Tensor oneHot = tensor({{0.0, 0.0, 1.0}, {1.0, 0.0, 0.0}});
  const Tensor unnormalised = tensor({{0.3, 0.9, 0.5}, {1.2, 0.4, 0.7}});
  const Tensor soft = tensor({{0.2, 0.5, 0.6}, {0.1, 0.0, 0.3}});  // rows not summing to 1
  const Tensor logits = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -2.4}});
  // ε = 0.05: o₂ = 0.04 clipped (row 1), o₀ = 0.97 and the rest clipped (row 2), row 3 inside.
  const Tensor clipRows = tensor({{0.9, 0.06, 0.04}, {0.97, 0.02, 0.01}, {0.3, 0.3, 0.4}});
  const Tensor clipTargets = tensor({{0.0, 1.0, 0.0}, {1.0, 0.0, 0.0}, {0.0, 0.0, 1.0}});
  QTest::newRow("cce probabilities, rows not summing to 1")
      << "categorical_crossentropy" << ParamValues{} << oneHot << unnormalised << Extras{};
  QTest::newRow("cce probabilities, soft targets")
      << "categorical_crossentropy" << ParamValues{} << soft << unnormalised << Extras{};
  QTest::newRow("cce probabilities label_smoothing=0.2")
      << "categorical_crossentropy" << ParamValues{{"label_smoothing", 0.2}} << oneHot
      << unnormalised << Extras{};
  QTest::newRow("cce ε=0.05 clip active (low and high) and inactive")
      << "categorical_crossentropy" << wideClip << clipTargets << clipRows << Extras{};
  QTest::newRow("cce from_logits") << "categorical_crossentropy" << ParamValues{{"from_logits", 1}}
                                   << oneHot << logits << Extras{};
  QTest::newRow("cce from_logits label_smoothing=0.1")
      << "categorical_crossentropy" << ParamValues{{"from_logits", 1}, {"label_smoothing", 0.1}}
      << oneHot << logits << Extras{};
  QTest::newRow("cce from_logits soft targets (softmax·Σy − y)")
      << "categorical_crossentropy" << ParamValues{{"from_logits", 1}} << soft << logits
      << Extras{};

  const Tensor sparseLabels = labels({2, 0});
  QTest::newRow("sparse cce probabilities") << "sparse_categorical_crossentropy" << ParamValues{}
                                            << sparseLabels << unnormalised << Extras{};
  QTest::newRow("sparse cce from_logits")
      << "sparse_categorical_crossentropy" << ParamValues{{"from_logits", 1}} << sparseLabels
      << logits << Extras{};
  QTest::newRow("sparse cce ε=0.05 clip active and inactive")
      << "sparse_categorical_crossentropy" << wideClip << labels({1, 0, 2}) << clipRows << Extras{};
  const Tensor logits4 =
      tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -2.4}, {0.2, 0.7, -0.9}, {1.1, -0.3, 0.4}});
  QTest::newRow("sparse cce from_logits ignore_class=2")
      << "sparse_categorical_crossentropy" << ParamValues{{"from_logits", 1}, {"ignore_class", 2}}
      << labels({2, 0, 1, 2}) << logits4 << Extras{};
  QTest::newRow("sparse cce probabilities ignore_class=255 (out-of-range label ignored)")
      << "sparse_categorical_crossentropy" << ParamValues{{"ignore_class", 255}}
      << labels({1, 255, 0, 2}) << Tensor(logits4.abs()) << Extras{};

  QTest::newRow("categorical focal probabilities")
      << "categorical_focal_crossentropy" << ParamValues{} << oneHot << unnormalised << Extras{};
  QTest::newRow("categorical focal from_logits γ=1.5 α=0.5")
      << "categorical_focal_crossentropy"
      << ParamValues{{"from_logits", 1}, {"gamma", 1.5}, {"alpha", 0.5}} << oneHot << logits
      << Extras{};
  QTest::newRow("categorical focal label_smoothing=0.1 γ=0")
      << "categorical_focal_crossentropy" << ParamValues{{"label_smoothing", 0.1}, {"gamma", 0.0}}
      << oneHot << unnormalised << Extras{};
  QTest::newRow("categorical focal ε=0.05 clip active and inactive")
      << "categorical_focal_crossentropy" << wideClip << clipTargets << clipRows << Extras{};

  const Tensor simplexY = tensor({{0.1, 0.4, 0.2, 0.3}, {0.7, 0.1, 0.15, 0.05}});
  const Tensor simplexP = tensor({{0.25, 0.25, 0.3, 0.2}, {0.5, 0.2, 0.2, 0.1}});
  QTest::newRow("kl_divergence distributions")
      << "kl_divergence" << ParamValues{} << simplexY << simplexP << Extras{};
  // ŷ = 0.03 < ε and ŷ = 1.2 > 1 are clipped (zero gradient); y = 0 is clipped to ε.
  QTest::newRow("kl_divergence ε=0.05 clip active (ŷ < ε, ŷ > 1, y = 0)")
      << "kl_divergence" << wideClip << tensor({{0.0, 0.4, 0.3, 0.3}, {0.6, 0.2, 0.2, 0.0}})
      << tensor({{0.3, 0.03, 0.5, 0.17}, {1.2, 0.052, 0.948, 0.2}}) << Extras{};

  const Tensor counts = tensor({{0.0, 1.0, 3.0}, {2.0, 5.0, 0.0}});
  const Tensor rates = tensor({{0.4, 1.3, 2.7}, {0.9, 4.1, 0.2}});
  QTest::newRow("poisson") << "poisson" << ParamValues{} << counts << rates << Extras{};
  QTest::newRow("poisson ε=0.01") << "poisson" << ParamValues{{"epsilon", 0.01}} << counts << rates
                                  << Extras{};

  const Tensor maskY = tensor({{1.0, 0.0, 1.0, 1.0}, {0.0, 1.0, 0.0, 0.0}});
  const Tensor maskP = tensor({{0.8, 0.3, 0.6, 0.1}, {0.2, 0.7, 0.4, 0.05}});
  QTest::newRow("dice axis=all (scalar)") << "dice" << ParamValues{} << maskY << maskP << Extras{};
  QTest::newRow("dice axis=per_sample")
      << "dice" << ParamValues{{"axis", 1}} << maskY << maskP << Extras{};
  QTest::newRow("tversky α=β=0.5 axis=all")
      << "tversky" << ParamValues{} << maskY << maskP << Extras{};
  QTest::newRow("tversky α=0.3 β=0.7 axis=per_sample")
      << "tversky" << ParamValues{{"alpha", 0.3}, {"beta", 0.7}, {"axis", 1}} << maskY << maskP
      << Extras{};
  QTest::newRow("tversky α=0.8 β=0.2 axis=all")
      << "tversky" << ParamValues{{"alpha", 0.8}, {"beta", 0.2}} << maskY << maskP << Extras{};

  const Tensor gceP = tensor({{0.7, 0.2, 0.1}, {0.3, 0.3, 0.4}, {0.15, 0.8, 0.05}});
  for (double q : {0.1, 0.5, 0.9}) {
    QTest::addRow("generalized CE q=%g", q)
        << "categorical_generalized_cross_entropy" << ParamValues{{"q", q}} << labels({0, 2, 1})
        << gceP << Extras{};
  }

  // PyTorch ids (reductions mean and sum below).
  const Tensor w3 = tensor({{0.5, 2.0, 1.0}});
  QTest::newRow("torch_bce") << "torch_bce" << ParamValues{} << ySoft << p << Extras{};
  QTest::newRow("torch_bce weight 1×D")
      << "torch_bce" << ParamValues{} << ySoft << p << Extras{{"weight", w3}};
  QTest::newRow("torch_bce weight same shape")
      << "torch_bce" << ParamValues{} << yBinary << p
      << Extras{{"weight", tensor({{0.3, 1.2, 2.0}, {0.9, 0.5, 1.4}})}};
  QTest::newRow("torch_bce_logits")
      << "torch_bce_logits" << ParamValues{} << ySoft << z << Extras{};
  QTest::newRow("torch_bce_logits weight and pos_weight 1×D")
      << "torch_bce_logits" << ParamValues{} << ySoft << z
      << Extras{{"weight", w3}, {"pos_weight", tensor({{3.0, 0.5, 1.5}})}};
  QTest::newRow("torch_bce_logits pos_weight same shape")
      << "torch_bce_logits" << ParamValues{} << yBinary << z
      << Extras{{"pos_weight", tensor({{2.0, 0.25, 1.0}, {0.5, 4.0, 1.5}})}};

  const Tensor ceZ = tensor({{0.3, -1.2, 2.0, 0.5},
                             {1.5, 0.1, -0.4, -2.2},
                             {0.2, 0.7, -0.9, 1.1},
                             {-0.6, 2.4, 0.8, 0.0}});
  const Tensor ceLabels = labels({2, 0, 1, 3});
  const Tensor ceWeight = tensor({{0.5, 2.0, 1.0, 1.5}});
  QTest::newRow("torch_cross_entropy")
      << "torch_cross_entropy" << ParamValues{} << ceLabels << ceZ << Extras{};
  QTest::newRow("torch_cross_entropy weight")
      << "torch_cross_entropy" << ParamValues{} << ceLabels << ceZ << Extras{{"weight", ceWeight}};
  QTest::newRow("torch_cross_entropy label −100 ignored by default")
      << "torch_cross_entropy" << ParamValues{} << labels({2, -100, 1, 3}) << ceZ << Extras{};
  QTest::newRow("torch_cross_entropy label_smoothing=0.2")
      << "torch_cross_entropy" << ParamValues{{"label_smoothing", 0.2}} << ceLabels << ceZ
      << Extras{};
  QTest::newRow("torch_cross_entropy weight, ignore_index=1, label_smoothing=0.2")
      << "torch_cross_entropy" << ParamValues{{"ignore_index", 1}, {"label_smoothing", 0.2}}
      << ceLabels << ceZ << Extras{{"weight", ceWeight}};

  const Tensor logRates = tensor({{-0.5, 0.2, 1.1}, {0.7, 1.6, -1.3}});
  for (bool logInput : {true, false}) {
    for (bool full : {false, true}) {
      QTest::addRow("poisson_nll log_input=%d full=%d (y > 1 and y ≤ 1)", logInput, full)
          << "poisson_nll"
          << ParamValues{{"log_input", logInput ? 1.0 : 0.0}, {"full", full ? 1.0 : 0.0}} << counts
          << (logInput ? logRates : rates) << Extras{};
    }
  }
  QTest::newRow("poisson_nll rate input eps=0.1")
      << "poisson_nll" << ParamValues{{"log_input", 0}, {"eps", 0.1}} << counts << rates
      << Extras{};

  const Tensor gy = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -0.4}});
  const Tensor gx = tensor({{0.657, -2.992, 2.1}, {-0.3, 0.45, 3.1}});
  QTest::newRow("gaussian_nll var same shape (input and var gradients)")
      << "gaussian_nll" << ParamValues{} << gy << gx
      << Extras{{"var", tensor({{0.5, 1.1, 2.0}, {0.8, 1.3, 0.2}})}};
  QTest::newRow("gaussian_nll var B×1 full") << "gaussian_nll" << ParamValues{{"full", 1}} << gy
                                             << gx << Extras{{"var", tensor({{0.5}, {1.7}})}};
  // eps = 0.05 with every var above it: the clamp is inactive (the clamped case has a
  // straight-through var gradient, which is not the derivative of the value: see matchesTorch).
  QTest::newRow("gaussian_nll eps=0.05 var above eps full")
      << "gaussian_nll" << ParamValues{{"eps", 0.05}, {"full", 1}} << gy << gx
      << Extras{{"var", tensor({{0.06, 1.1, 2.0}, {0.8, 0.07, 0.2}})}};

  const Tensor logProbs = tensor({{-1.2, -0.9, -1.5, -1.9}, {-0.3, -2.1, -2.6, -3.0}});
  QTest::newRow("kl_div probability target with a 0")
      << "kl_div" << ParamValues{} << tensor({{0.1, 0.4, 0.0, 0.5}, {0.7, 0.1, 0.15, 0.05}})
      << logProbs << Extras{};
  QTest::newRow("kl_div log_target")
      << "kl_div" << ParamValues{{"log_target", 1}}
      << tensor({{-2.3, -0.9, -1.2, -0.7}, {-0.4, -2.0, -3.1, -1.8}}) << logProbs << Extras{};

  const Tensor mlY = tensor({{1.0, 0.0, 1.0, 0.0}, {0.0, 0.0, 1.0, 1.0}});
  const Tensor mlX = tensor({{-1.7, 0.4, 2.3, -0.2}, {1.1, -2.8, 0.6, 3.4}});
  QTest::newRow("multilabel_soft_margin")
      << "multilabel_soft_margin" << ParamValues{} << mlY << mlX << Extras{};
  QTest::newRow("multilabel_soft_margin weight")
      << "multilabel_soft_margin" << ParamValues{} << mlY << mlX
      << Extras{{"weight", tensor({{0.5, 1.0, 2.0, 0.25}})}};
}

void TestProbabilisticLosses::gradientMatchesCentralDifferences() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  // Keras: the default sum_over_batch_size and sum; PyTorch: the default mean and sum
  // (and batchmean for kl_div).
  std::vector<Reduction> reductions{defaultReduction(loss->info()), Reduction::Sum};
  if (id == "kl_div") {
    reductions.push_back(Reduction::BatchMean);
  }
  for (Reduction reduction : reductions) {
    LOSSLAB_VERIFY_GRADIENT(*loss, makeRequest(yTrue, yPred, extras, reduction));
  }
}

void TestProbabilisticLosses::valueAtOrigin_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");
  QTest::addColumn<double>("value");
  QTest::addColumn<Tensor>("grad");
  QTest::addColumn<Tensor>("d2");  // empty: the loss has no d2
  QTest::addColumn<Extras>("extraGrads");

  const Tensor one = tensor({{1.0}});
  const Tensor half = tensor({{0.5}});
  const Tensor zero = tensor({{0.0}});
  const Tensor none;
  const ParamValues logits{{"from_logits", 1}};

  // BCE at p = ½, y = 1: −log ½ = log 2; b′ = (p − y)/(p(1 − p)) = −½/¼ = −2;
  // b″ = y/p² = 4. From logits at z = 0: σ = ½, e′ = σ − y = −½, e″ = σ(1 − σ) = ¼.
  QTest::newRow("bce p=½ y=1") << "binary_crossentropy" << ParamValues{} << one << half << Extras{}
                               << kLn2 << tensor({{-2.0}}) << tensor({{4.0}}) << Extras{};
  QTest::newRow("bce from_logits z=0 y=1 (log 2)")
      << "binary_crossentropy" << logits << one << zero << Extras{} << kLn2 << tensor({{-0.5}})
      << tensor({{0.25}}) << Extras{};
  // Binary focal γ = 2 at p = ½, y = 1: u = 1 − p_t = ½, u′ = 1 − 2y = −1, b = log 2, b′ = −2,
  // b″ = 4. e = u²b = ¼ log 2; e′ = 2u u′ b + u² b′ = −log 2 − ½;
  // e″ = 2u′²b + 4u u′ b′ + u² b″ = 2 log 2 + 4 + 1. From logits at z = 0, σ′ = ¼ and
  // σ″ = σ′(1 − 2p) = 0: e′_z = e′/4, e″_z = e″/16.
  QTest::newRow("binary focal p=½ y=1")
      << "binary_focal_crossentropy" << ParamValues{} << one << half << Extras{} << kLn2 / 4
      << tensor({{-kLn2 - 0.5}}) << tensor({{2 * kLn2 + 5}}) << Extras{};
  QTest::newRow("binary focal from_logits z=0 y=1")
      << "binary_focal_crossentropy" << logits << one << zero << Extras{} << kLn2 / 4
      << tensor({{(-kLn2 - 0.5) / 4}}) << tensor({{(2 * kLn2 + 5) / 16}}) << Extras{};
  // CCE at the uniform row (⅓, ⅓, ⅓), class 0: ℓ = log 3; ∂ℓ/∂ŷ_j = Σy/S − y_j/ŷ_j = 1 − 3δ_j0.
  const Tensor uniform3 = tensor({{1.0 / 3, 1.0 / 3, 1.0 / 3}});
  const Tensor zeros3 = tensor({{0.0, 0.0, 0.0}});
  QTest::newRow("cce uniform probabilities")
      << "categorical_crossentropy" << ParamValues{} << tensor({{1.0, 0.0, 0.0}}) << uniform3
      << Extras{} << kLn3 << tensor({{-2.0, 1.0, 1.0}}) << none << Extras{};
  // From logits at z = 0: softmax = ⅓ each, gradient softmax − y.
  QTest::newRow("cce from_logits z=0")
      << "categorical_crossentropy" << logits << tensor({{1.0, 0.0, 0.0}}) << zeros3 << Extras{}
      << kLn3 << tensor({{-2.0 / 3, 1.0 / 3, 1.0 / 3}}) << none << Extras{};
  // Soft target y = (½, 1) (Σy = 3/2) at z = 0: ℓ = −(½ + 1) log ½ = 1.5 log 2, and the true
  // derivative softmax·Σy − y = (¾ − ½, ¾ − 1); TF's kernel would return softmax − y = (0, −½).
  QTest::newRow("cce from_logits soft target summing to 3/2")
      << "categorical_crossentropy" << logits << tensor({{0.5, 1.0}}) << tensor({{0.0, 0.0}})
      << Extras{} << 1.5 * kLn2 << tensor({{0.25, -0.25}}) << none << Extras{};
  QTest::newRow("sparse cce uniform probabilities, label 1")
      << "sparse_categorical_crossentropy" << ParamValues{} << tensor({{1.0}}) << uniform3
      << Extras{} << kLn3 << tensor({{1.0, -2.0, 1.0}}) << none << Extras{};
  QTest::newRow("sparse cce from_logits z=0, label 3 of 4")
      << "sparse_categorical_crossentropy" << logits << tensor({{3.0}})
      << tensor({{0.0, 0.0, 0.0, 0.0}}) << Extras{} << 2 * kLn2
      << tensor({{0.25, 0.25, 0.25, -0.75}}) << none << Extras{};
  // Categorical focal, K = 2, ŷ = (½, ½), y = (1, 0), α = ¼, γ = 2: ℓ = ¼·(½)²·log 2;
  // G₀ = ¼[2·½·1·log ½ − ¼·1/½] = −(log 2 + ½)/4, G₁ = 0; ∂ℓ/∂ŷ_j = G_j − ½G₀.
  QTest::newRow("categorical focal K=2 uniform")
      << "categorical_focal_crossentropy" << ParamValues{} << tensor({{1.0, 0.0}})
      << tensor({{0.5, 0.5}}) << Extras{} << kLn2 / 16
      << tensor({{-(kLn2 + 0.5) / 8, (kLn2 + 0.5) / 8}}) << none << Extras{};
  // KL at ŷ = y = ½: ½ log 1 = 0; −ȳ/p̄ = −1; ȳ/p̄² = 2.
  QTest::newRow("kl_divergence ŷ=y=½")
      << "kl_divergence" << ParamValues{} << half << half << Extras{} << 0.0 << tensor({{-1.0}})
      << tensor({{2.0}}) << Extras{};
  // Poisson at ŷ = y = 1: 1 − log(1 + ε); 1 − 1/(1 + ε) = ε/(1 + ε); 1/(1 + ε)².
  const double e = kKerasEpsilon;
  QTest::newRow("poisson ŷ=y=1") << "poisson" << ParamValues{} << one << one << Extras{}
                                 << 1 - std::log1p(e) << tensor({{e / (1 + e)}})
                                 << tensor({{1 / ((1 + e) * (1 + e))}}) << Extras{};
  // Dice, one element ŷ = 0, y = 1: I = 0, Σ = 1 + ε: ℓ = 1, ∂ℓ/∂ŷ = −2yΣ/Σ² = −2/(1 + ε).
  QTest::newRow("dice ŷ=0 y=1") << "dice" << ParamValues{} << one << zero << Extras{} << 1.0
                                << tensor({{-2 / (1 + e)}}) << none << Extras{};
  // Tversky, one element ŷ = 0, y = 1: I = FP = 0, FN = 1, Den = β + ε: ℓ = 1,
  // ∂ℓ/∂ŷ = −y Den/Den² = −1/(½ + ε).
  QTest::newRow("tversky ŷ=0 y=1") << "tversky" << ParamValues{} << one << zero << Extras{} << 1.0
                                   << tensor({{-1 / (0.5 + e)}}) << none << Extras{};
  // GCE at p = ŷ_t = 1: (1 − 1)/q = 0; −p^{q−1} = −1; (1 − q)p^{q−2} = ½.
  QTest::newRow("generalized CE p=1 q=0.5")
      << "categorical_generalized_cross_entropy" << ParamValues{} << zero << tensor({{1.0, 0.0}})
      << Extras{} << 0.0 << tensor({{-1.0, 0.0}}) << tensor({{0.5, 0.0}}) << Extras{};

  // torch's double backward of BCELoss: (p² − 2py + y)/((p + 1e-12)²(1 − p + 1e-12)²), i.e.
  // ¼/(½ + 1e-12)⁴ = 4(1 − 8e-12) at p = ½ (torch.autograd.grad twice: 3.999999999968).
  QTest::newRow("torch_bce p=½ y=1")
      << "torch_bce" << ParamValues{} << one << half << Extras{} << kLn2 << tensor({{-2.0}})
      << tensor({{0.25 / std::pow(0.5 + 1e-12, 4)}}) << Extras{};
  // BCEWithLogits at x = 0, y = 1: softplus(0) = log 2, σ − y = −½, σσ(−x) = ¼.
  QTest::newRow("torch_bce_logits x=0 y=1")
      << "torch_bce_logits" << ParamValues{} << one << zero << Extras{} << kLn2 << tensor({{-0.5}})
      << tensor({{0.25}}) << Extras{};
  // With pos_weight 3: L = 1 + 2y = 3: 3 log 2, Lσ − w_p y = 3/2 − 3, Lσσ = ¾.
  QTest::newRow("torch_bce_logits x=0 y=1 pos_weight=3")
      << "torch_bce_logits" << ParamValues{} << one << zero
      << Extras{{"pos_weight", tensor({{3.0}})}} << 3 * kLn2 << tensor({{-1.5}}) << tensor({{0.75}})
      << Extras{};
  QTest::newRow("torch_cross_entropy x=0 label 0 of 3")
      << "torch_cross_entropy" << ParamValues{} << zero << zeros3 << Extras{} << kLn3
      << tensor({{-2.0 / 3, 1.0 / 3, 1.0 / 3}}) << none << Extras{};
  // PoissonNLL log_input at x = 0, y = 1: e⁰ − 0 = 1, e⁰ − 1 = 0, e⁰ = 1.
  QTest::newRow("poisson_nll x=0 y=1") << "poisson_nll" << ParamValues{} << one << zero << Extras{}
                                       << 1.0 << tensor({{0.0}}) << tensor({{1.0}}) << Extras{};
  // GaussianNLL at x = y, var = 1: ½(log 1 + 0) = 0, r/v = 0, 1/v = 1, ∂/∂var = ½(1 − 0).
  QTest::newRow("gaussian_nll x=y var=1")
      << "gaussian_nll" << ParamValues{} << tensor({{0.4}}) << tensor({{0.4}})
      << Extras{{"var", one}} << 0.0 << tensor({{0.0}}) << tensor({{1.0}})
      << Extras{{"var", tensor({{0.5}})}};
  // KLDiv at t = 1, x = log 1 = 0: xlogy(1, 1) − 1·0 = 0, −t = −1; log_target t = 0: e⁰(0 − 0).
  QTest::newRow("kl_div x=0 t=1") << "kl_div" << ParamValues{} << one << zero << Extras{} << 0.0
                                  << tensor({{-1.0}}) << tensor({{0.0}}) << Extras{};
  QTest::newRow("kl_div log_target x=0 t=0")
      << "kl_div" << ParamValues{{"log_target", 1}} << zero << zero << Extras{} << 0.0
      << tensor({{-1.0}}) << tensor({{0.0}}) << Extras{};
  // MultiLabelSoftMargin, C = 1, x = 0, y = 1: −log σ(0) = log 2, σ − y = −½, σσ(−x) = ¼.
  QTest::newRow("multilabel_soft_margin x=0 y=1")
      << "multilabel_soft_margin" << ParamValues{} << one << zero << Extras{} << kLn2
      << tensor({{-0.5}}) << tensor({{0.25}}) << Extras{};
}

void TestProbabilisticLosses::valueAtOrigin() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  QFETCH(double, value);
  QFETCH(Tensor, grad);
  QFETCH(Tensor, d2);
  QFETCH(Extras, extraGrads);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  const Evaluation e = evaluate(*loss, makeRequest(yTrue, yPred, extras, Reduction::Sum));
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kExactTolerance);
  verifyTensorNear(e.grad, grad, test::kExactTolerance);
  if (d2.size() == 0) {
    QCOMPARE(e.d2.size(), Eigen::Index{0});
  } else {
    verifyTensorNear(e.d2, d2, test::kExactTolerance);
  }
  verifyExtraGrads(e, extraGrads, test::kExactTolerance);
}

void TestProbabilisticLosses::kerasDocstringValues_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Reduction>("reduction");
  QTest::addColumn<Tensor>("expected");  // per-sample values, or 1×1 for a reduced value
  QTest::addColumn<double>("tol");

  // Docstring inputs and outputs of keras/src/losses/losses.py (Keras 3 @3422977a), quoted in
  // the spec §2.2.
  const Tensor bT = tensor({{0.0, 1.0}, {0.0, 0.0}});
  const Tensor bP = tensor({{0.6, 0.4}, {0.4, 0.6}});
  QTest::newRow("binary_crossentropy → [0.916, 0.714]")
      << "binary_crossentropy" << ParamValues{} << bT << bP << Reduction::None
      << tensor({{0.916}, {0.714}}) << kThreeDecimalsTolerance;
  QTest::newRow("binary_focal_crossentropy γ=2 → [0.330, 0.206]")
      << "binary_focal_crossentropy" << ParamValues{{"gamma", 2.0}} << bT << bP << Reduction::None
      << tensor({{0.330}, {0.206}}) << kThreeDecimalsTolerance;
  const Tensor cT = tensor({{0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}});
  QTest::newRow("categorical_crossentropy → [0.0513, 2.303]")
      << "categorical_crossentropy" << ParamValues{} << cT
      << tensor({{0.05, 0.95, 0.0}, {0.1, 0.8, 0.1}}) << Reduction::None
      << tensor({{0.0513}, {2.303}}) << kThreeDecimalsTolerance;
  QTest::newRow("categorical_focal_crossentropy → [2.63401289e-04, 6.75912094e-01]")
      << "categorical_focal_crossentropy" << ParamValues{} << cT
      << tensor({{0.05, 0.9, 0.05}, {0.1, 0.85, 0.05}}) << Reduction::None
      << tensor({{2.63401289e-04}, {6.75912094e-01}}) << test::kFloat32Tolerance;
  // The docstring's (2, 2, 2, 1) tensors flattened per sample; axis=(1, 2, 3) is per_sample.
  const Tensor dT = tensor({{1.0, 1.0, 0.0, 0.0}, {1.0, 1.0, 0.0, 0.0}});
  const Tensor dP = tensor({{0.0, 1.0, 0.0, 1.0}, {0.4, 0.0, 0.0, 0.9}});
  QTest::newRow("dice axis=(1,2,3) → [0.5, 0.75757575]")
      << "dice" << ParamValues{{"axis", 1}} << dT << dP << Reduction::None
      << tensor({{0.5}, {0.75757575}}) << test::kFloat32Tolerance;
  QTest::newRow("dice axis=None → 0.6164384")
      << "dice" << ParamValues{} << dT << dP << Reduction::SumOverBatchSize << tensor({{0.6164384}})
      << test::kFloat32Tolerance;
}

void TestProbabilisticLosses::kerasDocstringValues() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Reduction, reduction);
  QFETCH(Tensor, expected);
  QFETCH(double, tol);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  const Evaluation e = evaluate(*loss, makeRequest(yTrue, yPred, {}, reduction));
  if (expected.size() == 1) {
    LOSSLAB_VERIFY_NEAR(e.value, expected(0, 0), tol);
  } else {
    verifyTensorNear(e.unreduced, expected, tol);
  }
}

void TestProbabilisticLosses::matchesTorch_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");
  QTest::addColumn<Reduction>("reduction");
  QTest::addColumn<double>("value");
  QTest::addColumn<Tensor>("grad");
  QTest::addColumn<Extras>("extraGrads");

  // Produced by /usr/bin/python3 (torch 1.13.0a0, float64) with this script; each line printed
  // `name value grad [extra grads]`:
  //
  //   import torch, torch.nn.functional as F
  //   torch.set_default_dtype(torch.float64)
  //   T = lambda v, g=False: torch.tensor(v, requires_grad=g)
  //   def show(name, f, x, *extra):
  //       v = f(x, *extra); v.backward()
  //       print(name, repr(v.item()), x.grad.tolist(), [e.grad.tolist() for e in extra])
  //   ys = [[0.0, 1.0, 0.3], [0.7, 0.2, 1.0]]
  //   w3 = T([0.5, 2.0, 1.0])
  //   show("bce", lambda p: F.binary_cross_entropy(p, T(ys), weight=w3),
  //        T([[0.12, 0.83, 0.45], [0.61, 0.07, 0.33]], True))
  //   show("bce_logits", lambda x: F.binary_cross_entropy_with_logits(
  //            x, T(ys), weight=w3, pos_weight=T([3.0, 0.5, 1.5]), reduction="sum"),
  //        T([[-3.1, 0.4, 2.2], [5.5, -0.7, 12.0]], True))
  //   z = [[0.3, -1.2, 2.0, 0.5], [1.5, 0.1, -0.4, -2.2], [0.2, 0.7, -0.9, 1.1],
  //        [-0.6, 2.4, 0.8, 0.0]]
  //   show("ce", lambda x: F.cross_entropy(x, torch.tensor([2, 0, 1, 3]),
  //            weight=T([0.5, 2.0, 1.0, 1.5]), ignore_index=1, label_smoothing=0.2), T(z, True))
  //   show("ce_none", lambda x: F.cross_entropy(x, torch.tensor([2, -100, 1, 3]),
  //            reduction="none").sum(), T(z, True))
  //   cnt = [[0.0, 1.0, 3.0], [2.0, 5.0, 0.0]]
  //   show("pnll_rate_full", lambda x: F.poisson_nll_loss(x, T(cnt), log_input=False, full=True),
  //        T([[0.4, 1.3, 2.7], [0.9, 4.1, 0.2]], True))
  //   show("pnll_log_full_sum", lambda x: F.poisson_nll_loss(x, T(cnt), full=True,
  //            reduction="sum"), T([[-0.5, 0.2, 1.1], [0.7, 1.6, -1.3]], True))
  //   gy = [[0.3, -1.2, 2.0], [1.5, 0.1, -0.4]]
  //   show("gnll_clamped_full", lambda x, v: F.gaussian_nll_loss(x, T(gy), v, full=True),
  //        T([[0.657, -2.992, 2.1], [-0.3, 0.45, 3.1]], True),
  //        T([[0.5, 1e-9, 2.0], [0.8, 1.3, 0.2]], True))
  //   show("gnll_homo_sum", lambda x, v: F.gaussian_nll_loss(x, T(gy), v, reduction="sum"),
  //        T([[0.657, -2.992, 2.1], [-0.3, 0.45, 3.1]], True), T([[0.5], [1.7]], True))
  //   lq = [[-1.2, -0.9, -1.5, -1.9], [-0.3, -2.1, -2.6, -3.0]]
  //   show("kldiv_batchmean", lambda x: F.kl_div(x, T([[0.1, 0.4, 0.0, 0.5],
  //            [0.7, 0.1, 0.15, 0.05]]), reduction="batchmean"), T(lq, True))
  //   show("mlsm_weight", lambda x: F.multilabel_soft_margin_loss(
  //            x, T([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0]]),
  //            weight=T([0.5, 1.0, 2.0, 0.25])),
  //        T([[-1.7, 0.4, 2.3, -0.2], [1.1, -2.8, 0.6, 3.4]], True))
  const Tensor ys = tensor({{0.0, 1.0, 0.3}, {0.7, 0.2, 1.0}});
  const Tensor w3 = tensor({{0.5, 2.0, 1.0}});
  QTest::newRow("torch_bce weight mean")
      << "torch_bce" << ParamValues{} << ys << tensor({{0.12, 0.83, 0.45}, {0.61, 0.07, 0.33}})
      << Extras{{"weight", w3}} << Reduction::Mean << 0.6162231321627657
      << tensor({{0.09469696969696968, -0.4016064257028113, 0.10101010101010101},
                 {-0.03152585119798233, -0.6656426011264721, -0.5050505050505051}})
      << Extras{};
  QTest::newRow("torch_bce_logits weight and pos_weight sum")
      << "torch_bce_logits" << ParamValues{} << ys << tensor({{-3.1, 0.4, 2.2}, {5.5, -0.7, 12.0}})
      << Extras{{"weight", w3}, {"pos_weight", tensor({{3.0, 0.5, 1.5}})}} << Reduction::Sum
      << 3.891531290311966
      << tensor({{0.021553627470543058, -0.401312339887548, 0.5852869375123619},
                 {0.1451158347409247, 0.39726201009730105, -9.216261903421952e-06}})
      << Extras{};
  const Tensor z = tensor({{0.3, -1.2, 2.0, 0.5},
                           {1.5, 0.1, -0.4, -2.2},
                           {0.2, 0.7, -0.9, 1.1},
                           {-0.6, 2.4, 0.8, 0.0}});
  QTest::newRow("torch_cross_entropy weight, ignore_index=1, label_smoothing=0.2 mean")
      << "torch_cross_entropy" << ParamValues{{"ignore_index", 1}, {"label_smoothing", 0.2}}
      << labels({2, 0, 1, 3}) << z << Extras{{"weight", tensor({{0.5, 2.0, 1.0, 1.5}})}}
      << Reduction::Mean << 1.748486798017023
      << tensor({{0.03586706703344079, -0.02347089092087031, -0.041382667032332156,
                  0.0289864909197617},
                 {0.010820015930533453, 0.004269419636663618, 0.006140555899236772,
                  -0.02122999146643388},
                 {0.0, 0.0, 0.0, 0.0},
                 {0.009592562160926663, 0.3267179024978292, 0.05602642414731758,
                  -0.39233688880607337}})
      << Extras{};
  QTest::newRow("torch_cross_entropy label −100 none")
      << "torch_cross_entropy" << ParamValues{} << labels({2, -100, 1, 3}) << z << Extras{}
      << Reduction::None << 4.257658302461888
      << tensor(
             {{0.1262868581907832, 0.028178406892751497, -0.3087123819971396, 0.15424711691360485},
              {0.0, 0.0, 0.0, 0.0},
              {0.1837831422029187, -0.6969928242539416, 0.061176093710523814, 0.45203358834049895},
              {0.03708805964329654, 0.744933591374819, 0.15039949823582946, -0.9324211492539448}})
      << Extras{};
  const Tensor counts = tensor({{0.0, 1.0, 3.0}, {2.0, 5.0, 0.0}});
  QTest::newRow("poisson_nll rate input full mean")
      << "poisson_nll" << ParamValues{{"log_input", 0}, {"full", 1}} << counts
      << tensor({{0.4, 1.3, 2.7}, {0.9, 4.1, 0.2}}) << Extras{} << Reduction::Mean
      << 1.116733600964176
      << tensor({{0.16666666666666666, 0.03846153944773176, -0.018518517832647463},
                 {-0.20370369958847737, -0.036585365357921895, 0.16666666666666666}})
      << Extras{};
  QTest::newRow("poisson_nll log_input full sum")
      << "poisson_nll" << ParamValues{{"full", 1}} << counts
      << tensor({{-0.5, 0.2, 1.1}, {0.7, 1.6, -1.3}}) << Extras{} << Reduction::Sum
      << 6.358151446458657
      << tensor({{0.6065306597126334, 0.22140275816016985, 0.004166023946433395},
                 {0.013752707470476633, -0.04696757560488507, 0.2725317930340126}})
      << Extras{};
  const Tensor gy = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -0.4}});
  const Tensor gx = tensor({{0.657, -2.992, 2.1}, {-0.3, 0.45, 3.1}});
  // var(1, 2) = 1e-9 is clamped to eps = 1e-6: its gradient is straight-through (nonzero).
  QTest::newRow("gaussian_nll var clamped at eps full mean")
      << "gaussian_nll" << ParamValues{{"full", 1}} << gy << gx
      << Extras{{"var", tensor({{0.5, 1e-9, 2.0}, {0.8, 1.3, 0.2}})}} << Reduction::Mean
      << 267610.4413052842
      << tensor({{0.11900000000000001, -298666.6666666666, 0.00833333333333334},
                 {-0.375, 0.044871794871794865, 2.9166666666666665}})
      << Extras{
             {"var", tensor({{0.12418366666666665, -267605250000.00003, 0.04145833333333333},
                             {-0.31770833333333326, 0.05806213017751479, -25.104166666666664}})}};
  QTest::newRow("gaussian_nll homoscedastic var B×1 sum")
      << "gaussian_nll" << ParamValues{} << gy << gx << Extras{{"var", tensor({{0.5}, {1.7}})}}
      << Reduction::Sum << 7.69684637045922
      << tensor({{0.7140000000000001, -3.584, 0.20000000000000018},
                 {-1.0588235294117647, 0.20588235294117646, 2.058823529411765}})
      << Extras{{"var", tensor({{-3.697426000000001}, {-1.8187716262975777}})}};
  QTest::newRow("kl_div batchmean (target with a 0)")
      << "kl_div" << ParamValues{} << tensor({{0.1, 0.4, 0.0, 0.5}, {0.7, 0.1, 0.15, 0.05}})
      << tensor({{-1.2, -0.9, -1.5, -1.9}, {-0.3, -2.1, -2.6, -3.0}}) << Extras{}
      << Reduction::BatchMean << 0.26618301310193093
      << tensor({{-0.05, -0.2, -0.0, -0.25}, {-0.35, -0.05, -0.075, -0.025}}) << Extras{};
  QTest::newRow("multilabel_soft_margin weight mean")
      << "multilabel_soft_margin" << ParamValues{}
      << tensor({{1.0, 0.0, 1.0, 0.0}, {0.0, 0.0, 1.0, 1.0}})
      << tensor({{-1.7, 0.4, 2.3, -0.2}, {1.1, -2.8, 0.6, 3.4}})
      << Extras{{"weight", tensor({{0.5, 1.0, 2.0, 0.25}})}} << Reduction::Mean
      << 0.47792717763226045
      << tensor({{-0.05284592093227908, 0.0748359575140565, -0.022780740253714037,
                  0.014067687583985066},
                 {0.04689125659969485, 0.007165521987358594, -0.08858592344355114,
                  -0.0010092332718265784}})
      << Extras{};
}

void TestProbabilisticLosses::matchesTorch() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  QFETCH(Reduction, reduction);
  QFETCH(double, value);
  QFETCH(Tensor, grad);
  QFETCH(Extras, extraGrads);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  const Evaluation e = evaluate(*loss, makeRequest(yTrue, yPred, extras, reduction));
  LOSSLAB_VERIFY_NEAR(e.value, value, test::kFloat64Tolerance);
  verifyTensorNear(e.grad, grad, test::kFloat64Tolerance);
  verifyExtraGrads(e, extraGrads, test::kFloat64Tolerance);
}

void TestProbabilisticLosses::ignoredRowsAreMaskedOut() {
  // Keras 3: ignored rows get loss 0 and gradient 0 and are masked, so sum_over_batch_size
  // divides by the number of valid rows (spec §2.2): the same as the valid rows on their own.
  const LossPtr loss = LossRegistry::instance().create("sparse_categorical_crossentropy",
                                                       {{"from_logits", 1}, {"ignore_class", 2}});
  const LossPtr plain =
      LossRegistry::instance().create("sparse_categorical_crossentropy", {{"from_logits", 1}});
  const Tensor z = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -2.4}, {0.2, 0.7, -0.9}});
  const Evaluation masked =
      evaluate(*loss, makeRequest(labels({2, 0, 1}), z, {}, Reduction::SumOverBatchSize));
  const Evaluation valid = evaluate(
      *plain, makeRequest(labels({0, 1}), z.bottomRows(2), {}, Reduction::SumOverBatchSize));
  LOSSLAB_VERIFY_NEAR(masked.value, valid.value, test::kExactTolerance);
  verifyTensorNear(masked.grad.row(0), Tensor::Zero(1, 3), test::kExactTolerance);
  verifyTensorNear(masked.grad.bottomRows(2), valid.grad, test::kExactTolerance);
  // Sum uses the mask as a 0/1 weight: the sum of the two valid rows.
  const Evaluation maskedSum =
      evaluate(*loss, makeRequest(labels({2, 0, 1}), z, {}, Reduction::Sum));
  const Evaluation validSum =
      evaluate(*plain, makeRequest(labels({0, 1}), z.bottomRows(2), {}, Reduction::Sum));
  LOSSLAB_VERIFY_NEAR(maskedSum.value, validSum.value, test::kExactTolerance);
}

void TestProbabilisticLosses::clipPassesGradientOnClosedInterval() {
  // TF's clip_by_value passes the gradient on the closed interval (spec §1.4): exactly at ŷ = ε
  // and ŷ = 1 − ε the BCE gradient is (p − y)/(p(1 − p)), just outside it is 0. (The gradient
  // check cannot probe these points: they are kinks.)
  const double e = kKerasEpsilon;
  const LossPtr bce = LossRegistry::instance().create("binary_crossentropy");
  const Evaluation atBounds =
      evaluate(*bce, makeRequest(tensor({{0.3, 0.3, 0.3, 0.3}}),
                                 tensor({{e, 1 - e, 0.5 * e, 1 - 0.5 * e}}), {}, Reduction::Sum));
  const double lower = (e - 0.3) / (e * (1 - e)) / 4;  // mean over the 4 columns
  const double top = 1 - e;  // the double nearest 1 − ε; 1 − top is exact (Sterbenz)
  const double upper = (top - 0.3) / (top * (1 - top)) / 4;
  verifyTensorNear(atBounds.grad, tensor({{lower, upper, 0.0, 0.0}}), test::kFloat64Tolerance);
  // Keras KL clips ŷ to [ε, 1]: at ŷ = ε and ŷ = 1 the gradient is −ȳ/p̄, below and above 0.
  const LossPtr kl = LossRegistry::instance().create("kl_divergence");
  const Evaluation klBounds =
      evaluate(*kl, makeRequest(tensor({{0.3, 0.3, 0.3, 0.3}}), tensor({{e, 1.0, 0.5 * e, 1.5}}),
                                {}, Reduction::Sum));
  verifyTensorNear(klBounds.grad, tensor({{-0.3 / e, -0.3, 0.0, 0.0}}), test::kFloat64Tolerance);
}

void TestProbabilisticLosses::torchBceClampsLogAndDenominator() {
  // /usr/bin/python3 (torch 1.13.0a0, float64):
  //   p = torch.tensor([0.0, 1e-17, 1.0], requires_grad=True)
  //   v = F.binary_cross_entropy(p, torch.tensor([1.0, 0.0, 0.0]), reduction='none')
  //   v.sum().backward()
  //   → v = [100.0, 0.0, 100.0], p.grad = [-1000000003995.8029, 1.000000003995803e-05,
  //     1000000003995.8029]
  // log 0 is clamped at −100, and the backward divides by max(p(1 − p), float32 1e-12).
  const LossPtr loss = LossRegistry::instance().create("torch_bce");
  const Evaluation e = evaluate(
      *loss,
      makeRequest(tensor({{1.0, 0.0, 0.0}}), tensor({{0.0, 1e-17, 1.0}}), {}, Reduction::None));
  verifyTensorNear(e.unreduced, tensor({{100.0, 0.0, 100.0}}), test::kFloat64Tolerance);
  verifyTensorNear(e.grad,
                   tensor({{-1000000003995.8029, 1.000000003995803e-05, 1000000003995.8029}}),
                   test::kFloat64Tolerance);
}

void TestProbabilisticLosses::badValuesAreDataErrors_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");
  QTest::addColumn<QString>("mention");

  const Tensor p3 = tensor({{0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}});
  QTest::newRow("sparse cce label ≥ K") << "sparse_categorical_crossentropy" << ParamValues{}
                                        << labels({0, 3}) << p3 << Extras{} << "row 2";
  QTest::newRow("sparse cce non-integer label")
      << "sparse_categorical_crossentropy" << ParamValues{} << labels({1.5, 0}) << p3 << Extras{}
      << "row 1";
  QTest::newRow("sparse cce negative label (ignore_class is another class)")
      << "sparse_categorical_crossentropy" << ParamValues{{"ignore_class", 2}} << labels({0, -1})
      << p3 << Extras{} << "row 2";
  QTest::newRow("sparse cce probability row summing to 0")
      << "sparse_categorical_crossentropy" << ParamValues{} << labels({0, 1})
      << tensor({{0.2, 0.3, 0.5}, {0.0, 0.0, 0.0}}) << Extras{} << "row 2";
  QTest::newRow("generalized CE label −1")
      << "categorical_generalized_cross_entropy" << ParamValues{} << labels({-1, 0}) << p3
      << Extras{} << "row 1";
  QTest::newRow("torch_cross_entropy label ≥ K")
      << "torch_cross_entropy" << ParamValues{} << labels({0, 3}) << p3 << Extras{} << "row 2";
  QTest::newRow("torch_cross_entropy non-integer label")
      << "torch_cross_entropy" << ParamValues{} << labels({0.5, 1}) << p3 << Extras{} << "row 1";
  QTest::newRow("torch_bce probability > 1")
      << "torch_bce" << ParamValues{} << tensor({{0.0, 1.0}}) << tensor({{0.5, 1.2}}) << Extras{}
      << "row 1, column 2";
  QTest::newRow("torch_bce target < 0") << "torch_bce" << ParamValues{} << tensor({{-0.1, 1.0}})
                                        << tensor({{0.5, 0.2}}) << Extras{} << "row 1, column 1";
  QTest::newRow("gaussian_nll var < 0")
      << "gaussian_nll" << ParamValues{} << tensor({{0.0, 0.0, 0.0}, {0.0, 0.0, 0.0}})
      << tensor({{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}})
      << Extras{{"var", tensor({{1.0, 1.0, 1.0}, {1.0, 1.0, -0.5}})}} << "row 2, column 3";
  QTest::newRow("poisson ŷ < −ε") << "poisson" << ParamValues{} << tensor({{1.0, 1.0}})
                                  << tensor({{0.5, -0.1}}) << Extras{} << "row 1, column 2";
  QTest::newRow("poisson_nll rate input x < −eps")
      << "poisson_nll" << ParamValues{{"log_input", 0}} << tensor({{1.0}, {1.0}})
      << tensor({{0.5}, {-0.1}}) << Extras{} << "row 2, column 1";
  QTest::newRow("kl_div negative target probability")
      << "kl_div" << ParamValues{} << tensor({{0.5, -0.5}}) << tensor({{-0.7, -0.7}}) << Extras{}
      << "row 1, column 2";
}

void TestProbabilisticLosses::badValuesAreDataErrors() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  QFETCH(QString, mention);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  const std::string where = mention.toStdString();
  verifyError(*loss, makeRequest(yTrue, yPred, extras, defaultReduction(loss->info())),
              Error::Kind::Data, {where.c_str()});
}

void TestProbabilisticLosses::trainingPathReportsLateBadValues_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<bool>("badTarget");  // else a bad prediction
  QTest::addColumn<double>("bad");
  QTest::newRow("poisson ŷ < −ε") << "poisson" << ParamValues{} << false << -0.1;
  QTest::newRow("poisson ŷ NaN") << "poisson" << ParamValues{} << false << std::nan("");
  QTest::newRow("poisson_nll rate x < −eps")
      << "poisson_nll" << ParamValues{{"log_input", 0}} << false << -0.1;
  QTest::newRow("kl_div negative target") << "kl_div" << ParamValues{} << true << -0.5;
}

void TestProbabilisticLosses::trainingPathReportsLateBadValues() {
  // The fused training pass checks the domain inside its loop (no separate scan) and must still
  // throw the data error naming the element, here far into the batch (row 203 of 300, past the
  // vectorised body's first chunks).
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(bool, badTarget);
  QFETCH(double, bad);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  Tensor yTrue = Tensor::Constant(300, 1, 0.5);
  Tensor yPred = Tensor::Constant(300, 1, badTarget ? -0.7 : 0.5);
  (badTarget ? yTrue : yPred)(202, 0) = bad;
  LossInputs inputs;
  inputs.yTrue = &yTrue;
  inputs.yPred = &yPred;
  Tensor grad;
  try {
    loss->valueAndGradient(inputs, defaultReduction(loss->info()), grad);
    QFAIL("expected an error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Data);
    QVERIFY2(std::string(error.what()).find("row 203, column 1") != std::string::npos,
             error.what());
  }
}

void TestProbabilisticLosses::badShapesAreUsageErrors_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");
  QTest::addColumn<QString>("mention");

  const Tensor y = tensor({{0.0, 1.0, 1.0}, {1.0, 0.0, 0.0}});
  const Tensor p = tensor({{0.2, 0.3, 0.5}, {0.1, 0.6, 0.3}});
  QTest::newRow("torch_bce weight (1, 2) for 3 columns")
      << "torch_bce" << y << p << Extras{{"weight", tensor({{1.0, 2.0}})}} << "weight";
  QTest::newRow("torch_bce_logits pos_weight (2, 1)")
      << "torch_bce_logits" << y << p << Extras{{"pos_weight", tensor({{1.0}, {2.0}})}}
      << "pos_weight";
  QTest::newRow("torch_cross_entropy weight same shape as logits (must be 1×K)")
      << "torch_cross_entropy" << labels({0, 1}) << p << Extras{{"weight", p}} << "weight";
  QTest::newRow("multilabel_soft_margin weight (1, 2)")
      << "multilabel_soft_margin" << y << p << Extras{{"weight", tensor({{1.0, 2.0}})}} << "weight";
  QTest::newRow("gaussian_nll var (2, 2) for 3 columns")
      << "gaussian_nll" << y << p << Extras{{"var", tensor({{1.0, 1.0}, {1.0, 1.0}})}} << "var";
}

void TestProbabilisticLosses::badShapesAreUsageErrors() {
  QFETCH(QString, id);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  QFETCH(QString, mention);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString());
  const std::string what = mention.toStdString();
  verifyError(*loss, makeRequest(yTrue, yPred, extras, Reduction::Mean), Error::Kind::Usage,
              {what.c_str()});
}

void TestProbabilisticLosses::registrationMetadata() {
  struct Expected {
    const char* id;
    Framework framework;
    TargetKind target;
    CurveKind curve;
    bool elementwise;
    std::vector<std::string> params;
    std::vector<std::string> extras;
  };
  const Framework keras = Framework::Keras;
  const Framework torch = Framework::PyTorch;
  const TargetKind same = TargetKind::SameShape;
  const TargetKind index = TargetKind::ClassIndex;
  const CurveKind probability = CurveKind::Probability;
  const CurveKind trueClass = CurveKind::TrueClassProbability;
  // Parameter ids and extra names are the contract shared with the CLI, GUI and reference tests
  // (helper brief): exactly these, in this order.
  const std::vector<Expected> expected{
      {"binary_crossentropy",
       keras,
       same,
       probability,
       true,
       {"from_logits", "label_smoothing", "epsilon"},
       {}},
      {"categorical_crossentropy",
       keras,
       same,
       trueClass,
       false,
       {"from_logits", "label_smoothing", "epsilon"},
       {}},
      {"sparse_categorical_crossentropy",
       keras,
       index,
       trueClass,
       false,
       {"from_logits", "ignore_class", "epsilon"},
       {}},
      {"binary_focal_crossentropy",
       keras,
       same,
       probability,
       true,
       {"apply_class_balancing", "alpha", "gamma", "from_logits", "label_smoothing", "epsilon"},
       {}},
      {"categorical_focal_crossentropy",
       keras,
       same,
       trueClass,
       false,
       {"alpha", "gamma", "from_logits", "label_smoothing", "epsilon"},
       {}},
      {"kl_divergence", keras, same, trueClass, true, {"epsilon"}, {}},
      {"poisson", keras, same, CurveKind::Residual, true, {"epsilon"}, {}},
      {"dice", keras, same, probability, false, {"axis", "epsilon"}, {}},
      {"tversky", keras, same, probability, false, {"alpha", "beta", "axis", "epsilon"}, {}},
      {"categorical_generalized_cross_entropy", keras, index, trueClass, true, {"q"}, {}},
      {"torch_bce", torch, same, probability, true, {}, {"weight"}},
      {"torch_bce_logits", torch, same, CurveKind::Margin, true, {}, {"weight", "pos_weight"}},
      {"torch_cross_entropy",
       torch,
       index,
       trueClass,
       false,
       {"ignore_index", "label_smoothing"},
       {"weight"}},
      {"poisson_nll", torch, same, CurveKind::Residual, true, {"log_input", "full", "eps"}, {}},
      {"gaussian_nll", torch, same, CurveKind::Residual, true, {"full", "eps"}, {"var"}},
      {"kl_div", torch, same, CurveKind::Margin, true, {"log_target"}, {}},
      {"multilabel_soft_margin", torch, same, CurveKind::Margin, true, {}, {"weight"}},
  };
  std::size_t count = 0;
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    count += entry.info.family == Family::Probabilistic ? 1 : 0;
  }
  QCOMPARE(count, expected.size());
  for (const Expected& x : expected) {
    const LossRegistry::Entry* entry = LossRegistry::instance().find(x.id);
    QVERIFY2(entry, x.id);
    const LossInfo& info = entry->info;
    QCOMPARE(info.family, Family::Probabilistic);
    QCOMPARE(info.framework, x.framework);
    QCOMPARE(info.target, x.target);
    QCOMPARE(info.curve, x.curve);
    QCOMPARE(info.elementwise, x.elementwise);
    std::vector<std::string> params;
    for (const ParamSpec& spec : info.params) {
      params.push_back(spec.id);
    }
    QCOMPARE(params, x.params);
    std::vector<std::string> extras;
    for (const ExtraInput& extra : info.extras) {
      extras.push_back(extra.name);
    }
    QCOMPARE(extras, x.extras);
  }
  // Defaults the brief fixes.
  const LossPtr focal = LossRegistry::instance().create("binary_focal_crossentropy");
  QCOMPARE(focal->params().at("alpha"), 0.25);
  QCOMPARE(focal->params().at("gamma"), 2.0);
  QCOMPARE(focal->params().at("epsilon"), kKerasEpsilon);
  QCOMPARE(LossRegistry::instance()
               .create("sparse_categorical_crossentropy")
               ->params()
               .at("ignore_class"),
           -1.0);
  QCOMPARE(LossRegistry::instance().create("torch_cross_entropy")->params().at("ignore_index"),
           -100.0);
  QCOMPARE(LossRegistry::instance().create("poisson_nll")->params().at("eps"), 1e-8);
  QCOMPARE(LossRegistry::instance().create("gaussian_nll")->params().at("eps"), 1e-6);
  QCOMPARE(
      LossRegistry::instance().create("categorical_generalized_cross_entropy")->params().at("q"),
      0.5);
  // Keras' constructor raises unless 0 < q < 1.
  try {
    LossRegistry::instance().create("categorical_generalized_cross_entropy", {{"q", 1.0}});
    QFAIL("q = 1 was accepted");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Usage);
  }
}

QTEST_MAIN(TestProbabilisticLosses)
#include "tst_probabilistic_losses.moc"
