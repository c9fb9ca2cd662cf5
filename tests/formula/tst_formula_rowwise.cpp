// SPDX-License-Identifier: GPL-3.0-or-later
// The formula language, second edition (issue 13): row-wise functions over the last axis, atan,
// named extra inputs, their gradients (central differences on every branch), the seed losses
// written as formulas equal to the built-ins, and the derivative simplifications.
#include <QTest>
#include <cmath>
#include <random>

#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"
#include "core/formula/formula_parser.h"
#include "tests/test_utils.h"

using namespace losslab;
using losslab::test::tensor;

namespace {

using Extras = std::map<std::string, Tensor>;

EvalRequest requestFor(const Tensor& yTrue, const Tensor& yPred, const Extras& extras = {}) {
  EvalRequest request;
  request.yTrue = RankedTensor{yTrue, 2};
  request.yPred = RankedTensor{yPred, 2};
  for (const auto& [name, t] : extras) {
    request.extras[name] = RankedTensor{t, 2};
  }
  return request;
}

std::vector<std::string> namesOf(const Extras& extras) {
  std::vector<std::string> names;
  for (const auto& entry : extras) {
    names.push_back(entry.first);
  }
  return names;
}

/// Uniform random values in [lo, hi), rows × cols, from a fixed seed.
Tensor randomTensor(Eigen::Index rows, Eigen::Index cols, double lo, double hi, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  Tensor t(rows, cols);
  for (Eigen::Index k = 0; k < t.size(); ++k) {
    t.data()[k] = u(rng);
  }
  return t;
}

/// One-hot rows of random classes, and the labels as one column.
std::pair<Tensor, Tensor> randomClasses(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> u(0, static_cast<int>(cols) - 1);
  Tensor oneHot = Tensor::Zero(rows, cols);
  Tensor labels(rows, 1);
  for (Eigen::Index i = 0; i < rows; ++i) {
    const int c = u(rng);
    oneHot(i, c) = 1;
    labels(i, 0) = c;
  }
  return {oneHot, labels};
}

}  // namespace

class TestFormulaRowwise : public QObject {
  Q_OBJECT

 private slots:
  void gradientMatchesCentralDifferences_data();
  void gradientMatchesCentralDifferences();
  void rowFunctionsHaveTheirValues();
  void rowMaxSharesTiesAndRowsAreIndependent();
  void derivativesAreReadable_data();
  void derivativesAreReadable();
  void simplificationsOfIssue13_data();
  void simplificationsOfIssue13();
  void divisionByConstantZeroIsAnError();
  void deepRowNestingIsAnError();
  void inputsAreVariables();
  void seedLossesAsFormulasEqualBuiltIns_data();
  void seedLossesAsFormulasEqualBuiltIns();
};

void TestFormulaRowwise::gradientMatchesCentralDifferences_data() {
  QTest::addColumn<QString>("source");
  QTest::addColumn<bool>("withInputs");
  QTest::newRow("row_sum") << "row_sum(square(r))*0.5 + y*p" << false;
  QTest::newRow("row_mean") << "row_mean(abs(r))*r" << false;
  QTest::newRow("row_max, each argmax position") << "row_max(p)*y + p" << false;
  QTest::newRow("norm") << "norm(r)" << false;
  QTest::newRow("norm of a centred row") << "norm(r - row_mean(r))*y" << false;
  QTest::newRow("softmax") << "softmax(p)*y" << false;
  QTest::newRow("softmax with temperature") << "T = 0.7\nsquare(softmax(p/T) - y)" << false;
  QTest::newRow("log_softmax") << "-y*log_softmax(p)" << false;
  QTest::newRow("logsumexp") << "logsumexp(p) - row_sum(y*p)" << false;
  QTest::newRow("atan") << "atan(r)*r + atan(2*p)" << false;
  QTest::newRow("nested row functions") << "softmax(p - row_max(p))*log_softmax(2*p - y)" << false;
  QTest::newRow("where over a row function")
      << "where(softmax(p) > 0.3, softmax(p), square(p))" << false;
  QTest::newRow("aggregate of row functions") << "sqrt(mean(norm(r)))" << false;
  QTest::newRow("aggregate outside a row's seed")
      << "log(1 + square(mean(logsumexp(p)*p)))" << false;
  QTest::newRow("column index") << "where(col == 1, 2*square(r), abs(r))" << false;
  QTest::newRow("ncols") << "row_sum(square(r))/ncols" << false;
  QTest::newRow("named inputs") << "T = 2\nrow_sum(softmax(teacher/T)*log_softmax(p/T)) + w*p"
                                << true;
}

void TestFormulaRowwise::gradientMatchesCentralDifferences() {
  QFETCH(QString, source);
  QFETCH(bool, withInputs);
  // Residuals away from every kink (0, ±1, ties); three columns so that each row's maximum
  // sits in a different column.
  const Tensor y = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -0.4}, {0.2, 0.9, -0.7}});
  const Tensor p = tensor({{0.657, -2.992, 2.31}, {-0.3, 0.45, 3.1}, {1.7, 0.35, -1.25}});
  Extras extras;
  if (withInputs) {
    extras["teacher"] = tensor({{1.0, -0.5, 0.25}, {0.3, 2.0, -1.0}, {-0.2, 0.1, 0.6}});
    extras["w"] = tensor({{0.5}, {-1.5}, {2.0}});  // one column: a per-sample weight
  }
  const auto loss = FormulaLoss::create(source.toStdString(), {}, "custom", namesOf(extras));
  LOSSLAB_VERIFY_GRADIENT(*loss, requestFor(y, p, extras));
}

void TestFormulaRowwise::rowFunctionsHaveTheirValues() {
  // Hand-computed on the row p = (0, ln 2, ln 3) (y = 0): e^p = (1, 2, 3), Σ = 6.
  const Tensor p = tensor({{0.0, std::log(2.0), std::log(3.0)}});
  const Tensor y = Tensor::Zero(1, 3);
  auto elements = [&](const char* source) {
    EvalRequest request = requestFor(y, p);
    request.reduction = Reduction::None;
    // (1, 3) element values through a formula whose row mean is the value at col k.
    std::vector<double> out;
    for (int k = 0; k < 3; ++k) {
      const std::string picked =
          "where(col == " + std::to_string(k) + ", ncols*(" + source + "), 0) + p - p";
      out.push_back(evaluate(*FormulaLoss::create(picked), request).perSample(0));
    }
    return out;
  };
  const double l2 = std::log(2.0);
  const double l3 = std::log(3.0);
  const std::vector<std::pair<const char*, std::vector<double>>> cases = {
      {"row_sum(p)", {l2 + l3, l2 + l3, l2 + l3}},
      {"row_mean(p)", {(l2 + l3) / 3, (l2 + l3) / 3, (l2 + l3) / 3}},
      {"row_max(p)", {l3, l3, l3}},
      {"norm(p)", std::vector<double>(3, std::sqrt(l2 * l2 + l3 * l3))},
      {"logsumexp(p)", std::vector<double>(3, std::log(6.0))},
      {"softmax(p)", {1.0 / 6, 2.0 / 6, 3.0 / 6}},
      {"log_softmax(p)", {std::log(1.0 / 6), std::log(2.0 / 6), std::log(3.0 / 6)}},
      {"atan(p)", {0.0, std::atan(l2), std::atan(l3)}},
      {"col", {0, 1, 2}},
      {"ncols", {3, 3, 3}},
  };
  for (const auto& [source, expected] : cases) {
    const std::vector<double> got = elements(source);
    for (int k = 0; k < 3; ++k) {
      QVERIFY2(test::near(got[k], expected[k], 1e-14), source);
    }
  }
  // logsumexp and softmax do not overflow: the row maximum is taken out.
  const Tensor big = tensor({{1000.0, 1000.0}});
  EvalRequest request = requestFor(Tensor::Zero(1, 2), big);
  LOSSLAB_VERIFY_NEAR(evaluate(*FormulaLoss::create("logsumexp(p)"), request).value,
                      1000 + std::log(2.0), 1e-14);
  LOSSLAB_VERIFY_NEAR(evaluate(*FormulaLoss::create("softmax(p)"), request).value, 0.5, 1e-14);
}

void TestFormulaRowwise::rowMaxSharesTiesAndRowsAreIndependent() {
  // row_max(p) with a tie in row 0: TensorFlow's reduce_max and torch.amax give each of the two
  // maxima half of the gradient. Per sample ℓ = row_max (a row constant), so ∂ℓ/∂p = ½, ½, 0;
  // under sum_over_batch_size over 2 samples: ¼, ¼, 0. Row 1 has one maximum: ½ at column 2.
  // Rows of more than 64 elements cross the interpreter's chunks: a row of 70 with its
  // maximum in the last column.
  const Tensor p = tensor({{2.0, 2.0, 1.0}, {0.0, -1.0, 5.0}});
  const auto loss = FormulaLoss::create("row_max(p) + 0*y");
  const Evaluation e = evaluate(*loss, requestFor(Tensor::Zero(2, 3), p));
  LOSSLAB_VERIFY_NEAR(e.value, (2.0 + 5.0) / 2, 1e-15);
  const std::vector<double> expected = {0.25, 0.25, 0, 0, 0, 0.5};
  for (int k = 0; k < 6; ++k) {
    LOSSLAB_VERIFY_NEAR(e.grad.data()[k], expected[k], 1e-15);
  }
  Tensor wide = Tensor::Zero(3, 70);
  for (Eigen::Index i = 0; i < 3; ++i) {
    wide(i, 69) = 1.0 + static_cast<double>(i);
  }
  const Evaluation w = evaluate(*FormulaLoss::create("row_sum(p)*row_max(p) + 0*y"),
                                requestFor(Tensor::Zero(3, 70), wide));
  LOSSLAB_VERIFY_NEAR(w.value, (1.0 + 4.0 + 9.0) / 3, 1e-14);
}

void TestFormulaRowwise::derivativesAreReadable_data() {
  QTest::addColumn<QString>("source");
  QTest::addColumn<QString>("d1");
  // Hand-derived: with e_k broadcast along the row, d1_j = Σ_k ∂e_k/∂p_j.
  QTest::newRow("categorical cross-entropy from logits")
      << "-row_sum(y*log_softmax(p))"
      << "-ncols*y + softmax(p)*ncols*row_sum(y)";
  QTest::newRow("rmse per sample") << "sqrt(row_mean(square(r)))"
                                   << "r/sqrt(row_mean(square(r)))";
  QTest::newRow("softmax") << "softmax(p)*y"
                           << "softmax(p)*(y - row_sum(y*softmax(p)))";
  QTest::newRow("logsumexp") << "logsumexp(p)"
                             << "ncols*softmax(p)";
  QTest::newRow("atan") << "atan(r)"
                        << "1/(1 + square(r))";
}

void TestFormulaRowwise::derivativesAreReadable() {
  QFETCH(QString, source);
  QFETCH(QString, d1);
  const formula::ParsedFormula parsed = formula::parseFormula(source.toStdString());
  QCOMPARE(QString::fromStdString(formula::toString(parsed.d1)), d1);
}

void TestFormulaRowwise::simplificationsOfIssue13_data() {
  QTest::addColumn<QString>("source");
  QTest::addColumn<QString>("d1");
  QTest::addColumn<QString>("d2");
  // Each printed a form the issue lists before the fix (shown in the comments).
  // d1 was sign(r)*sign(r), d2 2*sign(r)*sign(r).
  QTest::newRow("sign(r)*sign(r)") << "abs(r)^2"
                                   << "2*abs(r)*sign(r)"
                                   << "2*square(sign(r))";
  // d2 was 2*where(-r > 0, -1, 0)*where(-r > 0, -1, 0).
  QTest::newRow("where(c,-1,0)*where(c,-1,0)") << "relu(-r)^2"
                                               << "2*relu(-r)*where(-r > 0, -1, 0)"
                                               << "2*where(-r > 0, 1, 0)";
  // d1 was 2*1/N.
  QTest::newRow("2*1/N") << "mean(2*r)"
                         << "2/N"
                         << "0";
  // d2 ended in "+ -0.2*exp(-0.2*y_true*p)*y_true".
  QTest::newRow("+ -2*t")
      << "exp(-0.2*y_true*p)*p"
      << "-0.2*exp(-0.2*y_true*p)*y_true*p + exp(-0.2*y_true*p)"
      << "-0.2*(-0.2*exp(-0.2*y_true*p)*y_true*y_true*p + exp(-0.2*y_true*p)*y_true) - "
         "0.2*exp(-0.2*y_true*p)*y_true";
  // d2 read "... - -0.2*exp(-0.2*y_true*p)*y_true*exp(...)...".
  QTest::newRow("--0.2*y_true")
      << "log(1 + exp(-0.2*y_true*p))"
      << "-0.2*exp(-0.2*y_true*p)*y_true/(1 + exp(-0.2*y_true*p))"
      << "-0.2*(-0.2*exp(-0.2*y_true*p)*y_true*y_true/(1 + exp(-0.2*y_true*p)) + "
         "0.2*square(exp(-0.2*y_true*p)*y_true)/square(1 + exp(-0.2*y_true*p)))";
}

void TestFormulaRowwise::simplificationsOfIssue13() {
  QFETCH(QString, source);
  QFETCH(QString, d1);
  QFETCH(QString, d2);
  const formula::ParsedFormula parsed = formula::parseFormula(source.toStdString());
  const QString first = QString::fromStdString(formula::toString(parsed.d1));
  const QString second = QString::fromStdString(formula::toString(parsed.d2));
  QCOMPARE(first, d1);
  QCOMPARE(second, d2);
  QVERIFY(!second.contains("--") && !second.contains("- -") && !second.contains("+ -"));
  QVERIFY(!first.contains("--") && !first.contains("- -") && !first.contains("+ -"));
}

void TestFormulaRowwise::divisionByConstantZeroIsAnError() {
  // r/0 used to parse and print "d1 -nan"; now the parser says why, at the 0.
  try {
    formula::parseFormula("r/0");
    QFAIL("accepted");
  } catch (const formula::FormulaError& error) {
    QCOMPARE(static_cast<int>(error.position()), 2);
    QVERIFY(QString::fromStdString(error.message()).contains("division by zero"));
  }
  try {
    formula::parseFormula("r/(1 - 1)");
    QFAIL("accepted");
  } catch (const formula::FormulaError& error) {
    QVERIFY(QString::fromStdString(error.message()).contains("division by zero"));
  }
}

void TestFormulaRowwise::deepRowNestingIsAnError() {
  // softmax(softmax(…(p))) 18 deep took 28 s and printed an 85 MB derivative (the seed doubles
  // at each level); the parser now stops beyond 6 levels with a clear error.
  QString source = "p";
  for (int k = 0; k < 6; ++k) {
    source = "softmax(" + source + ")";
  }
  const formula::ParsedFormula parsed = formula::parseFormula(source.toStdString());
  QVERIFY(formula::toString(parsed.d1).size() < 100000);
  try {
    formula::parseFormula(("softmax(" + source + ")").toStdString());
    QFAIL("accepted");
  } catch (const formula::FormulaError& error) {
    QVERIFY(QString::fromStdString(error.message()).contains("nest at most"));
  }
}

void TestFormulaRowwise::inputsAreVariables() {
  // Without the input list `teacher` is a parameter; with it, a variable and a required input.
  QCOMPARE(formula::parseFormula("teacher*p").params.size(), std::size_t{1});
  const formula::ParsedFormula parsed =
      formula::parseFormula("teacher*p", std::vector<std::string>{"teacher", "unused"});
  QVERIFY(parsed.params.empty());
  QCOMPARE(parsed.inputs, std::vector<std::string>{"teacher"});
  const auto loss = FormulaLoss::create("teacher*p", {}, "custom", {"teacher"});
  QCOMPARE(loss->info().extras.size(), std::size_t{1});
  QVERIFY(loss->info().extras[0].required);
  // Fewer columns than y_pred: column j reads min(j, k − 1): (a, b) → (a, b, b).
  const Tensor p = tensor({{1.0, 1.0, 1.0}});
  const Evaluation e =
      evaluate(*loss, requestFor(Tensor::Zero(1, 3), p, {{"teacher", tensor({{3.0, 6.0}})}}));
  LOSSLAB_VERIFY_NEAR(e.value, (3.0 + 6.0 + 6.0) / 3, 1e-15);
  // Too wide, or missing: usage errors naming the input.
  QVERIFY_THROWS_EXCEPTION(
      Error, evaluate(*loss, requestFor(Tensor::Zero(1, 3), p,
                                        {{"teacher", tensor({{1.0, 2.0, 3.0, 4.0}})}})));
  QVERIFY_THROWS_EXCEPTION(Error, evaluate(*loss, requestFor(Tensor::Zero(1, 3), p)));
  // An input name cannot be declared as a parameter.
  QVERIFY_THROWS_EXCEPTION(formula::FormulaError,
                           formula::parseFormula("teacher = 1\nteacher*p", {"teacher"}));
}

void TestFormulaRowwise::seedLossesAsFormulasEqualBuiltIns_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<QString>("source");
  QTest::addColumn<QString>("target");  // "real", "onehot", "labels", "binary"
  QTest::addColumn<QString>("extra");   // "", "teacher_logits", "old_outputs", "input2"
  // Hinton's KD with the keras-io Distiller's Keras KLDivergence (clipped at ε): hard CE on the
  // labels y (one column, broadcast along the row), soft KL at temperature T.
  const QString kd =
      "temperature = 2.5; alpha = 0.3; epsilon = 1e-7\n"
      "alpha*(logsumexp(y_pred) - row_sum(where(col == y_true, y_pred, 0))) + (1 - alpha)*"
      "square(temperature)*row_sum(clip(softmax(teacher_logits/temperature), epsilon, 1)*"
      "log(clip(softmax(teacher_logits/temperature), epsilon, 1)/"
      "clip(softmax(y_pred/temperature), epsilon, 1)))";
  QTest::newRow("knowledge_distillation")
      << "knowledge_distillation"
      << ParamValues{{"temperature", 2.5}, {"alpha", 0.3}, {"epsilon", 1e-7}} << kd << "labels"
      << "teacher_logits";
  // iCaRL: the first s targets are the old network's outputs (old_outputs has s columns; column
  // j ≥ s reads its last one, which where() discards).
  QTest::newRow("icarl_bce")
      << "icarl_bce" << ParamValues{{"old_classes", 2}}
      << "old_classes = 2\nsoftplus(y_pred) - y_pred*where(col < old_classes, old_outputs, y_true)"
      << "binary"
      << "old_outputs";
  QTest::newRow("rmse_per_sample")
      << "rmse_per_sample" << ParamValues{} << "sqrt(row_mean(square(r)))"
      << "real"
      << "";
  // Contrastive (tfa convention) on embeddings: d = ‖e1 − e2‖ per row, y one column.
  QTest::newRow("contrastive on embeddings")
      << "contrastive" << ParamValues{{"margin", 1.5}, {"convention", 0}}
      << "margin = 1.5\ny_true*square(norm(y_pred - input2)) + (1 - y_true)*"
         "square(max(margin - norm(y_pred - input2), 0))"
      << "binarylabels"
      << "input2";
  QTest::newRow("contrastive on embeddings, paper")
      << "contrastive" << ParamValues{{"margin", 0.8}, {"convention", 1}}
      << "margin = 0.8\n(1 - y_true)*0.5*square(norm(y_pred - input2)) + y_true*0.5*"
         "square(max(margin - norm(y_pred - input2), 0))"
      << "binarylabels"
      << "input2";
  QTest::newRow("categorical_crossentropy")
      << "categorical_crossentropy" << ParamValues{{"label_smoothing", 0.1}}
      << "label_smoothing = 0.1; epsilon = 1e-7\n-row_sum((y_true*(1 - label_smoothing) + "
         "label_smoothing/ncols)*log(clip(y_pred/row_sum(y_pred), epsilon, 1 - epsilon)))"
      << "onehot"
      << "";
  QTest::newRow("categorical_crossentropy from logits")
      << "categorical_crossentropy" << ParamValues{{"from_logits", 1}}
      << "-row_sum(y_true*log_softmax(y_pred))"
      << "onehot"
      << "";
  QTest::newRow("ceres_arctan") << "ceres_arctan" << ParamValues{{"a", 2.5}}
                                << "a = 2.5\n0.5*a*atan(row_sum(square(r))/a)"
                                << "real"
                                << "";
}

void TestFormulaRowwise::seedLossesAsFormulasEqualBuiltIns() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(QString, source);
  QFETCH(QString, target);
  QFETCH(QString, extra);
  constexpr Eigen::Index kRows = 7;
  constexpr Eigen::Index kCols = 4;
  const bool probabilities = id == "categorical_crossentropy" && params.count("from_logits") == 0;
  const Tensor p = probabilities ? randomTensor(kRows, kCols, 0.05, 1.0, 11)
                                 : randomTensor(kRows, kCols, -2.0, 2.0, 11);
  const auto [oneHot, labels] = randomClasses(kRows, kCols, 12);
  Tensor y;
  if (target == "real") {
    y = randomTensor(kRows, kCols, -2.0, 2.0, 13);
  } else if (target == "onehot") {
    y = oneHot;
  } else if (target == "labels") {
    y = labels;
  } else if (target == "binary") {
    y = (randomTensor(kRows, kCols, 0, 1, 14) > 0.5).cast<double>();
  } else {  // one 0/1 label per pair
    y = (randomTensor(kRows, 1, 0, 1, 15) > 0.5).cast<double>();
  }
  Extras extras;
  if (extra == "teacher_logits") {
    extras[extra.toStdString()] = randomTensor(kRows, kCols, -3.0, 3.0, 16);
  } else if (extra == "old_outputs") {
    extras[extra.toStdString()] = randomTensor(kRows, 2, 0.0, 1.0, 17);
  } else if (extra == "input2") {
    extras[extra.toStdString()] = randomTensor(kRows, kCols, -1.0, 1.0, 18);
  }
  const auto custom = FormulaLoss::create(source.toStdString(), {}, "custom", namesOf(extras));
  const LossPtr builtIn = LossRegistry::instance().create(id.toStdString(), params);
  for (Reduction reduction : {Reduction::SumOverBatchSize, Reduction::Sum}) {
    EvalRequest request = requestFor(y, p, extras);
    request.reduction = reduction;
    const Evaluation a = evaluate(*custom, request);
    const Evaluation b = evaluate(*builtIn, request);
    constexpr double kTolerance = 1e-12;  // issue 13: equal to 1e-12
    LOSSLAB_VERIFY_NEAR(a.value, b.value, kTolerance);
    for (Eigen::Index k = 0; k < p.size(); ++k) {
      LOSSLAB_VERIFY_NEAR(a.grad.data()[k], b.grad.data()[k], kTolerance);
    }
    for (Eigen::Index i = 0; i < kRows; ++i) {
      LOSSLAB_VERIFY_NEAR(a.perSample(i), b.perSample(i), kTolerance);
    }
  }
  // The formula's own gradient agrees with central differences too.
  LOSSLAB_VERIFY_GRADIENT(*custom, requestFor(y, p, extras));
}

QTEST_MAIN(TestFormulaRowwise)
#include "tst_formula_rowwise.moc"
