// SPDX-License-Identifier: GPL-3.0-or-later
// Metric learning losses (spec §2.4): analytic gradients for y_pred and every differentiable
// extra input against central differences on both sides of every margin and kink, the
// documented values at the origin, PyTorch float64 reference rows, and shape errors.
#include <QTest>
#include <cmath>
#include <map>
#include <string>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

using Extras = std::map<std::string, Tensor>;
Q_DECLARE_METATYPE(Extras)

namespace {

/// yTrue empty (0×0) means "no y_true" (triplet_margin).
EvalRequest makeRequest(const Tensor& yTrue,
                        const Tensor& yPred,
                        const Extras& extras,
                        Reduction reduction) {
  EvalRequest request;
  if (yTrue.size() > 0) {
    request.yTrue = RankedTensor{yTrue, 2};
  }
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
  QCOMPARE(e.extraGrads.size(), expected.size());
  for (const auto& [name, grad] : expected) {
    auto it = e.extraGrads.find(name);
    QVERIFY2(it != e.extraGrads.end(), name.c_str());
    verifyTensorNear(it->second, grad, tol);
  }
}

/// Runs `request` and checks that it throws a usage error whose message names every string.
void verifyUsageError(const Loss& loss,
                      const EvalRequest& request,
                      std::initializer_list<const char*> mentions) {
  try {
    evaluate(loss, request);
    QFAIL("expected a usage error");
  } catch (const Error& error) {
    QCOMPARE(error.kind(), Error::Kind::Usage);
    for (const char* mention : mentions) {
      QVERIFY2(std::string(error.what()).find(mention) != std::string::npos, error.what());
    }
  }
}

}  // namespace

class TestMetricLearningLosses : public QObject {
  Q_OBJECT

 private slots:
  void gradientMatchesCentralDifferences_data();
  void gradientMatchesCentralDifferences();
  void valueAtOrigin_data();
  void valueAtOrigin();
  void matchesTorch_data();
  void matchesTorch();
  void contrastiveConventionsAreHalfAndFlipped();
  void shapeMismatchIsUsageError();
  void missingExtraIsReportedByPipeline();
  void registrationMetadata();
};

void TestMetricLearningLosses::gradientMatchesCentralDifferences_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");

  // margin_ranking, v = −y(x₁ − x₂) + m at ±0.01 for both label signs, and far on each side.
  const Tensor rankY = tensor({{1, 1, -1, -1}, {1, -1, 1, -1}});
  const Tensor rankX1 = tensor({{0.29, 0.31, -0.29, -0.31}, {0.5, 1.2, -0.8, 0.4}});
  const Tensor rankX2 = Tensor::Zero(2, 4);
  QTest::newRow("margin_ranking m=0.3, v = ±0.01 and far")
      << "margin_ranking" << ParamValues{{"margin", 0.3}} << rankY << rankX1
      << Extras{{"input2", rankX2}};
  QTest::newRow("margin_ranking m=0 (default), mixed")
      << "margin_ranking" << ParamValues{} << tensor({{1, -1, 1}, {-1, 1, -1}})
      << tensor({{0.5, -0.2, 0.3}, {1.0, 0.3, -0.7}})
      << Extras{{"input2", tensor({{0.1, 0.4, 0.9}, {1.2, -0.5, 0.6}})}};

  // hinge_embedding: x = m ± 0.01 for y = −1 and for a label 0 (both terms), y = 1 anywhere.
  const Tensor hingeY = tensor({{-1, -1, 0, 0, 1, 1}});
  QTest::newRow("hinge_embedding m=1 around the margin")
      << "hinge_embedding" << ParamValues{} << hingeY
      << tensor({{0.99, 1.01, 0.99, 1.01, 0.3, 2.0}}) << Extras{};
  QTest::newRow("hinge_embedding m=0.5")
      << "hinge_embedding" << ParamValues{{"margin", 0.5}} << hingeY
      << tensor({{0.49, 0.51, -0.3, 0.7, -0.2, 0.6}}) << Extras{};

  // cosine_embedding: x₁ = (1, 0), x₂ = (c, sqrt(1 − c²)) gives cos = c (ε = 1e-12 aside), so
  // c = 0.11 / 0.09 sits on either side of m = 0.1 for y = −1.
  const auto unitAt = [](double c) { return std::sqrt(1 - c * c); };
  QTest::newRow("cosine_embedding m=0.1, y=−1 with cos = m ± 0.01")
      << "cosine_embedding" << ParamValues{{"margin", 0.1}} << tensor({{-1}, {-1}})
      << tensor({{1.0, 0.0}, {1.0, 0.0}})
      << Extras{{"input2", tensor({{0.11, unitAt(0.11)}, {0.09, unitAt(0.09)}})}};
  QTest::newRow("cosine_embedding y = 1, −1, 0 (general)")
      << "cosine_embedding" << ParamValues{{"margin", 0.1}} << tensor({{1}, {-1}, {-1}, {0}})
      << tensor({{0.5, -1.0, 2.0}, {1.5, 0.2, -0.3}, {-0.4, 0.8, 0.1}, {0.3, 0.3, 0.3}})
      << Extras{{"input2",
                 tensor({{1.0, 0.5, 1.5}, {1.0, 0.9, 0.2}, {0.9, -0.6, 0.4}, {1.0, -2.0, 0.5}})}};
  QTest::newRow("cosine_embedding unnormalised, m=−0.5")
      << "cosine_embedding" << ParamValues{{"margin", -0.5}} << tensor({{1}, {-1}})
      << tensor({{3.0, -2.0}, {-0.02, 0.05}})
      << Extras{{"input2", tensor({{0.1, 4.0}, {2.0, -7.0}})}};

  // triplet_margin, rows for every p and swap (no component of any u − v near 0, where the
  // p = 1 norm has kinks and p < 1 is singular):
  //  0, 1: a = 0, p = (0.3, 0.4) (d⁺ = 0.5 at p = 2), n = r·(0.8, 0.6) with r = 1.49, 1.51:
  //        m + d⁺ − d(a, n) = ±0.01 at p = 2 (ε moves d by ~1e-6 only). n is not on the line
  //        through a and p: there ∂ℓ/∂a = g_ap − g_an would cancel to ~ε and the central
  //        difference would only see rounding.
  //  2, 3: a = (0, 1), p = (1, 0) are mirror images across y = x, which preserves every p-norm,
  //        so n = (1.5 ± 0.01, 1.5 ∓ 0.01) puts d(a, n) − d(p, n) on either side of 0 for every
  //        p: with swap the min routes through (p, n) in row 2 and through (a, n) in row 3.
  //  4:    d(p, n) > d(a, n) by far.
  const Tensor anchor = tensor({{0, 0}, {0, 0}, {0, 1}, {0, 1}, {0.4, -0.9}});
  const Tensor positive = tensor({{0.3, 0.4}, {0.3, 0.4}, {1, 0}, {1, 0}, {1.4, 1.1}});
  const Tensor negative =
      tensor({{1.192, 0.894}, {1.208, 0.906}, {1.51, 1.49}, {1.49, 1.51}, {0.2, -0.3}});
  const Extras triplet{{"positive", positive}, {"negative", negative}};
  for (double p : {1.0, 1.5, 2.0, 3.0, 0.7}) {
    for (bool swap : {false, true}) {
      QTest::addRow("triplet_margin p=%g swap=%d", p, swap ? 1 : 0)
          << "triplet_margin" << ParamValues{{"p", p}, {"swap", swap ? 1.0 : 0.0}} << Tensor()
          << anchor << triplet;
    }
  }
  // With swap, d⁻ = d(p, n) and m + d⁺ − d(p, n) = ±0.01: a = 0, p = (0.3, 0.4), d⁺ = 0.5;
  // n = p + s·(0.6, 0.8) with s = 1.49, 1.51 (d(a, n) = 0.5 + s is larger, so the min is d(p, n)).
  QTest::newRow("triplet_margin swap, margin kink through d(p, n)")
      << "triplet_margin" << ParamValues{{"swap", 1.0}} << Tensor() << tensor({{0, 0}, {0, 0}})
      << Extras{{"positive", tensor({{0.3, 0.4}, {0.3, 0.4}})},
                {"negative", tensor({{0.3 + 0.894, 0.4 + 1.192}, {0.3 + 0.906, 0.4 + 1.208}})}};
  QTest::newRow("triplet_margin m=0.2 eps=0.01 p=2.5")
      << "triplet_margin" << ParamValues{{"margin", 0.2}, {"eps", 0.01}, {"p", 2.5}} << Tensor()
      << tensor({{0.2, -0.5, 1.0}, {1.0, 0.4, -0.3}})
      << Extras{{"positive", tensor({{0.5, -0.1, 0.8}, {0.1, 0.9, 0.6}})},
                {"negative", tensor({{0.9, 0.3, 0.1}, {0.3, 1.2, 0.4}})}};

  // contrastive, distance mode: labels 0/1, d = m ± 0.01, small d, far beyond m.
  const Tensor labels = tensor({{1}, {1}, {0}, {0}, {0}, {1}, {0}});
  const Tensor distances = tensor({{0.3}, {1.5}, {0.99}, {1.01}, {0.2}, {2.5}, {3.0}});
  // Embedding mode: e₁ − e₂ = d·(0.6, −0.8, 0) with the same distances.
  Tensor e1(7, 3);
  Tensor e2(7, 3);
  for (Eigen::Index i = 0; i < 7; ++i) {
    e2.row(i) << 0.1 * static_cast<double>(i), -0.2, 0.5;
    e1.row(i) = e2.row(i) + distances(i, 0) * tensor({{0.6, -0.8, 0.0}});
  }
  for (const char* convention : {"tfa", "paper"}) {
    const double index = std::string(convention) == "tfa" ? 0.0 : 1.0;
    QTest::addRow("contrastive %s distances, d = m ± 0.01", convention)
        << "contrastive" << ParamValues{{"convention", index}} << labels << distances << Extras{};
    QTest::addRow("contrastive %s distances, m=2.2", convention)
        << "contrastive" << ParamValues{{"convention", index}, {"margin", 2.2}} << labels
        << distances << Extras{};
    QTest::addRow("contrastive %s embeddings, d = m ± 0.01", convention)
        << "contrastive" << ParamValues{{"convention", index}} << labels << e1
        << Extras{{"input2", e2}};
  }
}

void TestMetricLearningLosses::gradientMatchesCentralDifferences() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  for (Reduction reduction : {defaultReduction(loss->info()), Reduction::Sum}) {
    const EvalRequest request = makeRequest(yTrue, yPred, extras, reduction);
    // Every differentiable extra given must have a gradient (checkGradient compares them all).
    const Evaluation e = evaluate(*loss, request);
    for (const auto& [name, values] : extras) {
      QVERIFY2(e.extraGrads.count(name) == 1, name.c_str());
    }
    LOSSLAB_VERIFY_GRADIENT(*loss, request);
  }
}

void TestMetricLearningLosses::valueAtOrigin_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");
  QTest::addColumn<Tensor>("unreduced");  // reduction 'none' (Keras-style: per sample)
  QTest::addColumn<Tensor>("grad");       // ∂(sum)/∂y_pred
  QTest::addColumn<Extras>("extraGrads");
  QTest::addColumn<Tensor>("d2");  // empty: no diagonal second derivative

  // The "At …" lines of the doc comments, derived by hand.
  // margin_ranking, x₁ = x₂, y = 1, m = 0: v = 0, max(0, 0) = 0; clamp_min passes at 0, so
  //   ∂/∂x₁ = −y = −1, ∂/∂x₂ = +1; e″ = 0.
  QTest::newRow("margin_ranking x1 = x2, y = 1, m = 0")
      << "margin_ranking" << ParamValues{} << tensor({{1}}) << tensor({{0.4}})
      << Extras{{"input2", tensor({{0.4}})}} << tensor({{0}}) << tensor({{-1}})
      << Extras{{"input2", tensor({{1}})}} << tensor({{0}});
  // hinge_embedding at x = 0, m = 1: y = 1: x = 0, e′ = 1; y = −1: max(0, 1) = 1, e′ = −1;
  //   y = 0 (both terms): 1 + 0 = 1, e′ = −1 + 1 = 0. e″ = 0.
  QTest::newRow("hinge_embedding x = 0, y = 1, −1, 0")
      << "hinge_embedding" << ParamValues{} << tensor({{1, -1, 0}}) << tensor({{0, 0, 0}})
      << Extras{} << tensor({{0, 1, 1}}) << tensor({{1, -1, 0}}) << Extras{} << tensor({{0, 0, 0}});
  // cosine_embedding at x₁ = (1, 0), x₂ = (0, 1): x₁·x₂ = 0, n₁ = n₂ = 1 + ε, den = 1 + ε,
  //   cos = 0; ∂cos/∂x₁ = x₂/den − 0 = (0, 1/(1 + ε)), ∂cos/∂x₂ = (1/(1 + ε), 0).
  //   y = 1: ℓ = 1, gradients −∂cos; y = −1, m = 0: ℓ = max(0, 0) = 0, clamp passes: +∂cos.
  const double k = 1 / (1 + 1e-12);
  QTest::newRow("cosine_embedding orthogonal, y = 1 and −1")
      << "cosine_embedding" << ParamValues{} << tensor({{1}, {-1}}) << tensor({{1, 0}, {1, 0}})
      << Extras{{"input2", tensor({{0, 1}, {0, 1}})}} << tensor({{1}, {0}})
      << tensor({{0, -k}, {0, k}}) << Extras{{"input2", tensor({{-k, 0}, {k, 0}})}} << Tensor();
  // triplet_margin at a = p = n = 0 (D = 2, p = 2, m = 1): w = (ε, ε) for every pair, so
  //   d⁺ = d⁻ = ε√2 and ℓ = 1 + d⁺ − d⁻ = 1 exactly; g = w/d = (1, 1)/√2 for every pair.
  //   No swap: ∂a = g − g = 0, ∂p = −g, ∂n = g.
  //   Swap: d(p, n) = d(a, n), torch.minimum splits ½/½: ∂a = g − ½g = ½g, ∂p = −g − ½g = −1.5g,
  //   ∂n = ½g + ½g = g. (torch 1.13 gives the same: 0.3536, −1.0607, 0.7071.)
  const double g = 1 / std::sqrt(2.0);
  const Tensor zero2 = tensor({{0, 0}});
  const Extras zeros{{"positive", zero2}, {"negative", zero2}};
  QTest::newRow("triplet_margin a = p = n")
      << "triplet_margin" << ParamValues{} << Tensor() << zero2 << zeros << tensor({{1}})
      << tensor({{0, 0}})
      << Extras{{"positive", tensor({{-g, -g}})}, {"negative", tensor({{g, g}})}} << Tensor();
  QTest::newRow("triplet_margin a = p = n, swap (tie split)")
      << "triplet_margin" << ParamValues{{"swap", 1.0}} << Tensor() << zero2 << zeros
      << tensor({{1}}) << tensor({{0.5 * g, 0.5 * g}})
      << Extras{{"positive", tensor({{-1.5 * g, -1.5 * g}})}, {"negative", tensor({{g, g}})}}
      << Tensor();
  // contrastive at d = 0, m = 1.5. tfa: y = 1: [0, 0, 2]; y = 0: [m², −2m, 2] = [2.25, −3, 2].
  //   paper: Y = 0: [0, 0, 1]; Y = 1: [½m², −m, 1] = [1.125, −1.5, 1].
  QTest::newRow("contrastive tfa d = 0")
      << "contrastive" << ParamValues{{"margin", 1.5}} << tensor({{1}, {0}}) << tensor({{0}, {0}})
      << Extras{} << tensor({{0}, {2.25}}) << tensor({{0}, {-3}}) << Extras{} << tensor({{2}, {2}});
  QTest::newRow("contrastive paper d = 0")
      << "contrastive" << ParamValues{{"margin", 1.5}, {"convention", 1.0}} << tensor({{0}, {1}})
      << tensor({{0}, {0}}) << Extras{} << tensor({{0}, {1.125}}) << tensor({{0}, {-1.5}})
      << Extras{} << tensor({{1}, {1}});
  // Embedding mode at e₁ = e₂ (d = 0): the value is as above (dissimilar, m = 1: m² = 1) and
  //   ∂ℓ/∂d · (e₁ − e₂)/d is 0/0: the catalogue's choice is 0 for both embeddings.
  QTest::newRow("contrastive tfa embeddings e1 = e2")
      << "contrastive" << ParamValues{} << tensor({{0}}) << tensor({{0.3, -0.7}})
      << Extras{{"input2", tensor({{0.3, -0.7}})}} << tensor({{1}}) << tensor({{0, 0}})
      << Extras{{"input2", tensor({{0, 0}})}} << Tensor();
}

void TestMetricLearningLosses::valueAtOrigin() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  QFETCH(Tensor, unreduced);
  QFETCH(Tensor, grad);
  QFETCH(Extras, extraGrads);
  QFETCH(Tensor, d2);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  const Evaluation e = evaluate(*loss, makeRequest(yTrue, yPred, extras, Reduction::None));
  verifyTensorNear(e.unreduced, unreduced, test::kExactTolerance);
  verifyTensorNear(e.grad, grad, test::kExactTolerance);
  verifyExtraGrads(e, extraGrads, test::kExactTolerance);
  if (d2.size() == 0) {
    QCOMPARE(e.d2.size(), Eigen::Index{0});
  } else {
    verifyTensorNear(e.d2, d2, test::kExactTolerance);
  }
}

void TestMetricLearningLosses::matchesTorch_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<Extras>("extras");
  QTest::addColumn<Tensor>("unreduced");
  QTest::addColumn<Tensor>("grad");
  QTest::addColumn<Extras>("extraGrads");

  // Independent reference: torch 1.13, float64, run with /usr/bin/python3. Common prelude:
  //   import torch, torch.nn.functional as F
  //   torch.set_default_dtype(torch.float64)
  //   T = lambda v: torch.tensor(v, requires_grad=True)
  // Each row: l = F.<loss>(..., reduction='none'); l.sum().backward(); print(l, <x>.grad, …)

  //   x1 = T([[0.5, -0.2], [1.0, 0.3], [-0.7, 0.9]]); x2 = T([[0.1, 0.4], [1.2, -0.5], [0.6, 0.2]])
  //   y = torch.tensor([[1., -1.], [1., -1.], [-1., 1.]])
  //   l = F.margin_ranking_loss(x1, x2, y, margin=0.3, reduction='none')
  QTest::newRow("margin_ranking m=0.3")
      << "margin_ranking" << ParamValues{{"margin", 0.3}} << tensor({{1, -1}, {1, -1}, {-1, 1}})
      << tensor({{0.5, -0.2}, {1.0, 0.3}, {-0.7, 0.9}})
      << Extras{{"input2", tensor({{0.1, 0.4}, {1.2, -0.5}, {0.6, 0.2}})}}
      << tensor({{0.0, 0.0}, {0.49999999999999994, 1.1}, {0.0, 0.0}})
      << tensor({{0, 0}, {-1, 1}, {0, 0}}) << Extras{{"input2", tensor({{0, 0}, {1, -1}, {0, 0}})}};

  //   x = T([[0.3, 1.7, -0.2, 0.8], [2.0, 0.4, 0.6, -1.1]])
  //   y = torch.tensor([[1., -1., -1., 0.], [-1., 1., 0., -1.]])
  //   l = F.hinge_embedding_loss(x, y, margin=1.0, reduction='none')
  QTest::newRow("hinge_embedding m=1 (labels ±1 and 0)")
      << "hinge_embedding" << ParamValues{} << tensor({{1, -1, -1, 0}, {-1, 1, 0, -1}})
      << tensor({{0.3, 1.7, -0.2, 0.8}, {2.0, 0.4, 0.6, -1.1}}) << Extras{}
      << tensor({{0.3, 0.0, 1.2, 1.0}, {0.0, 0.4, 1.0, 2.1}})
      << tensor({{1, 0, -1, 0}, {0, 1, 0, -1}}) << Extras{};

  //   x1 = T([[0.5, -1.0, 2.0], [1.5, 0.2, -0.3], [-0.4, 0.8, 0.1], [0.3, 0.3, 0.3]])
  //   x2 = T([[1.0, 0.5, 1.5], [1.0, 0.9, 0.2], [0.9, -0.6, 0.4], [1.0, -2.0, 0.5]])
  //   y = torch.tensor([1., -1., -1., 0.])
  //   l = F.cosine_embedding_loss(x1, x2, y, margin=0.1, reduction='none')
  QTest::newRow("cosine_embedding m=0.1 (y = 1, −1 active, −1 clamped, 0)")
      << "cosine_embedding" << ParamValues{{"margin", 0.1}} << tensor({{1}, {-1}, {-1}, {0}})
      << tensor({{0.5, -1.0, 2.0}, {1.5, 0.2, -0.3}, {-0.4, 0.8, 0.1}, {0.3, 0.3, 0.3}})
      << Extras{{"input2",
                 tensor({{1.0, 0.5, 1.5}, {1.0, 0.9, 0.2}, {0.9, -0.6, 0.4}, {1.0, -2.0, 0.5}})}}
      << tensor({{0.30014578777640144}, {0.672041546154579}, {0.0}, {0.0}})
      << tensor({{-0.16663195529134567, -0.2499479329369741, -0.0833159776457173},
                 {-0.010011950748765763, 0.3640345292325785, 0.19262993241014303},
                 {0, 0, 0},
                 {0, 0, 0}})
      << Extras{
             {"input2", tensor({{0.08331597764560934, 0.3332639105826374, -0.16663195529141872},
                                {0.29753352879853673, -0.28027400807993785, -0.22643460763087747},
                                {0, 0, 0},
                                {0, 0, 0}})}};

  //   a = T([[0.2, -0.5, 1.0], [1.0, 0.4, -0.3]]); p = T([[0.5, -0.1, 0.8], [0.1, 0.9, 0.6]])
  //   n = T([[0.9, 0.3, 0.1], [0.3, 1.2, 0.4]])
  //   l = F.triplet_margin_loss(a, p, n, margin=1.0, p=pn, eps=1e-6, swap=swap, reduction='none')
  //   for (pn, swap) in ((2.0, False), (1.5, True), (1.0, False))
  // (with swap both rows take d⁻ = d(p, n): d(a, n) = 1.668, 1.527 > d(p, n) = 1.060, 0.490.)
  const Tensor a = tensor({{0.2, -0.5, 1.0}, {1.0, 0.4, -0.3}});
  const Extras pn{{"positive", tensor({{0.5, -0.1, 0.8}, {0.1, 0.9, 0.6}})},
                  {"negative", tensor({{0.9, 0.3, 0.1}, {0.3, 1.2, 0.4}})}};
  QTest::newRow("triplet_margin p=2")
      << "triplet_margin" << ParamValues{} << Tensor() << a << pn
      << tensor({{0.14567715529421754}, {1.0946874898851224}})
      << tensor({{-0.05451496955934321, -0.16841478983401859, -0.2747700869187873},
                 {0.10817309077299386, 0.26290330721519084, -0.10817319957693317}})
      << Extras{
             {"positive", tensor({{0.5570851180673032, 0.7427807764085987, -0.3713931736391744},
                                  {-0.6581460889612274, 0.36563557855438467, 0.658144626415988}})},
             {"negative",
              tensor({{-0.50257014850796, -0.5743659865745802, 0.6461632605579617},
                      {0.5499729981882335, -0.6285388857695755, -0.5499714268390549}})}};
  QTest::newRow("triplet_margin p=1.5 swap")
      << "triplet_margin" << ParamValues{{"p", 1.5}, {"swap", 1.0}} << Tensor() << a << pn
      << tensor({{0.5754224977575526}, {2.1294200219739396}})
      << tensor({{-0.6870125487962997, -0.7932940905084886, 0.5609457344136974},
                 {0.745445727984124, -0.5556215761351536, -0.7454448997115529}})
      << Extras{{"positive",
                 tensor({{1.3012526816966632, 1.4075342234088521, -1.3735106489874511},
                         {-0.10669574441196217, 1.3379279945410807, 0.10669172238148883}})},
                {"negative",
                 tensor({{-0.6142401329003635, -0.6142401329003635, 0.8125649145737537},
                         {-0.6387499835721618, -0.7823064184059271, 0.6387531773300641}})}};
  QTest::newRow("triplet_margin p=1 (row 1 clamped)")
      << "triplet_margin" << ParamValues{{"p", 1.0}} << Tensor() << a << pn
      << tensor({{0.0}, {1.1}}) << tensor({{0, 0, 0}, {0, 0, 0}})
      << Extras{{"positive", tensor({{0, 0, 0}, {-1, 1, 1}})},
                {"negative", tensor({{0, 0, 0}, {1, -1, -1}})}};

  // torch's norm backward masks: a component u_j − v_j + ε = 0 gives 0 for p < 1 (not 0·∞), and
  // d = 0 (row 2: a = p with ε = 0) gives a zero gradient for that distance.
  //   for pn in (0.5, 2.0):
  //     a = T([[0.3, 0.5], [0.1, 0.2]]); p = T([[0.3, -0.2], [0.1, 0.2]])
  //     n = T([[1.0, 0.9], [0.5, -0.4]])
  //     l = F.triplet_margin_loss(a, p, n, margin=5.0, p=pn, eps=0.0, reduction='none')
  const Tensor a0 = tensor({{0.3, 0.5}, {0.1, 0.2}});
  const Extras pn0{{"positive", tensor({{0.3, -0.2}, {0.1, 0.2}})},
                   {"negative", tensor({{1.0, 0.9}, {0.5, -0.4}})}};
  QTest::newRow("triplet_margin p=0.5 eps=0 (zero component, zero distance)")
      << "triplet_margin" << ParamValues{{"p", 0.5}, {"eps", 0.0}, {"margin", 5.0}} << Tensor()
      << a0 << pn0 << tensor({{3.5416994755741635}, {3.020204102886728}})
      << tensor(
             {{1.7559289460184546, 3.3228756555322954}, {2.224744871391589, -1.8164965809277263}})
      << Extras{{"positive", tensor({{0, -1}, {0, 0}})},
                {"negative", tensor({{-1.7559289460184546, -2.3228756555322954},
                                     {-2.224744871391589, 1.8164965809277263}})}};
  QTest::newRow("triplet_margin p=2 eps=0 (zero distance)")
      << "triplet_margin" << ParamValues{{"eps", 0.0}, {"margin", 5.0}} << Tensor() << a0 << pn0
      << tensor({{4.893774225170145}, {4.278889744907202}})
      << tensor(
             {{0.8682431421244592, 1.4961389383568338}, {0.5547001962252291, -0.8320502943378437}})
      << Extras{{"positive", tensor({{0, -1}, {0, 0}})},
                {"negative", tensor({{-0.8682431421244592, -0.49613893835683387},
                                     {-0.5547001962252291, 0.8320502943378437}})}};
}

void TestMetricLearningLosses::matchesTorch() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(Extras, extras);
  QFETCH(Tensor, unreduced);
  QFETCH(Tensor, grad);
  QFETCH(Extras, extraGrads);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  const Evaluation none = evaluate(*loss, makeRequest(yTrue, yPred, extras, Reduction::None));
  verifyTensorNear(none.unreduced, unreduced, test::kFloat64Tolerance);
  verifyTensorNear(none.grad, grad, test::kFloat64Tolerance);
  verifyExtraGrads(none, extraGrads, test::kFloat64Tolerance);
  // reduction='mean' divides by the number of elements of the 'none' tensor (spec §1.6).
  const double count = static_cast<double>(unreduced.size());
  const Evaluation mean = evaluate(*loss, makeRequest(yTrue, yPred, extras, Reduction::Mean));
  LOSSLAB_VERIFY_NEAR(mean.value, unreduced.sum() / count, test::kFloat64Tolerance);
  verifyTensorNear(mean.grad, grad / count, test::kFloat64Tolerance);
}

void TestMetricLearningLosses::contrastiveConventionsAreHalfAndFlipped() {
  // Spec §2.4: paper(Y) = ½·tfa(y = 1 − Y). By hand at m = 1 for d = 0.4 and 1.3:
  //   tfa y = 1: d² = 0.16, 1.69; y = 0: max(1 − d, 0)² = 0.36, 0.
  //   paper Y = 0: ½d² = 0.08, 0.845; Y = 1: ½·0.36 = 0.18, 0.
  const Tensor d = tensor({{0.4}, {1.3}, {0.4}, {1.3}});
  const LossPtr tfa = LossRegistry::instance().create("contrastive");
  const LossPtr paper = LossRegistry::instance().create("contrastive", {{"convention", 1.0}});
  const Evaluation et =
      evaluate(*tfa, makeRequest(tensor({{1}, {1}, {0}, {0}}), d, {}, Reduction::None));
  const Evaluation ep =
      evaluate(*paper, makeRequest(tensor({{0}, {0}, {1}, {1}}), d, {}, Reduction::None));
  verifyTensorNear(et.unreduced, tensor({{0.16}, {1.69}, {0.36}, {0}}), test::kExactTolerance);
  verifyTensorNear(ep.unreduced, tensor({{0.08}, {0.845}, {0.18}, {0}}), test::kExactTolerance);
  verifyTensorNear(ep.grad, et.grad / 2, test::kExactTolerance);
  // Keras-style reduction: sum_over_batch_size is the mean of the per-sample values.
  const Evaluation mean =
      evaluate(*tfa, makeRequest(tensor({{1}, {1}, {0}, {0}}), d, {}, Reduction::SumOverBatchSize));
  LOSSLAB_VERIFY_NEAR(mean.value, (0.16 + 1.69 + 0.36) / 4, test::kExactTolerance);
}

void TestMetricLearningLosses::shapeMismatchIsUsageError() {
  const LossRegistry& registry = LossRegistry::instance();
  const Tensor y22 = tensor({{1, -1}, {1, 1}});
  const Tensor x22 = tensor({{0.1, 0.2}, {0.3, 0.4}});
  const Tensor x23 = tensor({{0.1, 0.2, 0.3}, {0.3, 0.4, 0.5}});
  const Tensor labels = tensor({{1}, {-1}});
  verifyUsageError(*registry.create("margin_ranking"),
                   makeRequest(y22, x22, {{"input2", x23}}, Reduction::Mean),
                   {"input2", "(2, 3)", "(2, 2)"});
  verifyUsageError(*registry.create("cosine_embedding"),
                   makeRequest(labels, x23, {{"input2", x22}}, Reduction::Mean),
                   {"input2", "(2, 2)", "(2, 3)"});
  verifyUsageError(
      *registry.create("triplet_margin"),
      makeRequest(Tensor(), x22, {{"positive", x22}, {"negative", x23}}, Reduction::Mean),
      {"negative", "(2, 3)", "(2, 2)"});
  verifyUsageError(
      *registry.create("triplet_margin"),
      makeRequest(Tensor(), x22, {{"positive", tensor({{0.1, 0.2}})}, {"negative", x22}},
                  Reduction::Mean),
      {"positive", "(1, 2)", "(2, 2)"});
  verifyUsageError(*registry.create("contrastive"),
                   makeRequest(tensor({{1}, {0}}), x22, {{"input2", x23}}, Reduction::Sum),
                   {"input2", "(2, 3)", "(2, 2)"});
  // Distance mode needs one distance per sample.
  verifyUsageError(*registry.create("contrastive"),
                   makeRequest(tensor({{1}, {0}}), x22, {}, Reduction::Sum),
                   {"(2, 2)", "(2, 1)", "input2"});
}

void TestMetricLearningLosses::missingExtraIsReportedByPipeline() {
  const LossRegistry& registry = LossRegistry::instance();
  const Tensor x = tensor({{0.1, 0.2}});
  verifyUsageError(*registry.create("margin_ranking"),
                   makeRequest(tensor({{1, 1}}), x, {}, Reduction::Mean), {"input2"});
  verifyUsageError(*registry.create("cosine_embedding"),
                   makeRequest(tensor({{1}}), x, {}, Reduction::Mean), {"input2"});
  verifyUsageError(*registry.create("triplet_margin"),
                   makeRequest(Tensor(), x, {{"positive", x}}, Reduction::Mean), {"negative"});
}

void TestMetricLearningLosses::registrationMetadata() {
  struct Expected {
    const char* id;
    Framework framework;
    TargetKind target;
    CurveKind curve;
    bool elementwise;
    std::vector<std::string> params;
    std::vector<std::string> extras;
  };
  const Framework torch = Framework::PyTorch;
  const std::vector<Expected> expected{
      {"margin_ranking",
       torch,
       TargetKind::SameShape,
       CurveKind::Margin,
       true,
       {"margin"},
       {"input2"}},
      {"hinge_embedding", torch, TargetKind::SameShape, CurveKind::Distance, true, {"margin"}, {}},
      {"cosine_embedding",
       torch,
       TargetKind::ClassIndex,
       CurveKind::Margin,
       false,
       {"margin"},
       {"input2"}},
      {"triplet_margin",
       torch,
       TargetKind::None,
       CurveKind::Margin,
       false,
       {"margin", "p", "eps", "swap"},
       {"positive", "negative"}},
      {"contrastive",
       Framework::Reference,
       TargetKind::ClassIndex,
       CurveKind::Distance,
       true,
       {"margin", "convention"},
       {"input2"}},
  };
  for (const Expected& x : expected) {
    const LossRegistry::Entry* entry = LossRegistry::instance().find(x.id);
    QVERIFY2(entry, x.id);
    const LossInfo& info = entry->info;
    QCOMPARE(info.family, Family::MetricLearning);
    QCOMPARE(info.framework, x.framework);
    QCOMPARE(info.target, x.target);
    QCOMPARE(info.curve, x.curve);
    QCOMPARE(info.elementwise, x.elementwise);
    QCOMPARE(info.params.size(), x.params.size());
    for (std::size_t k = 0; k < x.params.size(); ++k) {
      QCOMPARE(info.params[k].id, x.params[k]);
    }
    QCOMPARE(info.extras.size(), x.extras.size());
    for (std::size_t k = 0; k < x.extras.size(); ++k) {
      QCOMPARE(info.extras[k].name, x.extras[k]);
      QVERIFY(info.extras[k].differentiable);
    }
  }
  // Defaults of the PyTorch constructors / TFA.
  const ParamValues triplet = LossRegistry::instance().create("triplet_margin")->params();
  QCOMPARE(triplet.at("margin"), 1.0);
  QCOMPARE(triplet.at("p"), 2.0);
  QCOMPARE(triplet.at("eps"), 1e-6);
  QCOMPARE(triplet.at("swap"), 0.0);
  QCOMPARE(LossRegistry::instance().create("margin_ranking")->params().at("margin"), 0.0);
  QCOMPARE(LossRegistry::instance().create("hinge_embedding")->params().at("margin"), 1.0);
  QCOMPARE(LossRegistry::instance().create("cosine_embedding")->params().at("margin"), 0.0);
  QCOMPARE(LossRegistry::instance().create("contrastive")->params().at("margin"), 1.0);
  QCOMPARE(LossRegistry::instance().create("contrastive")->params().at("convention"), 0.0);
}

QTEST_MAIN(TestMetricLearningLosses)
#include "tst_metric_learning_losses.moc"
