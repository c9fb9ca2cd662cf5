// SPDX-License-Identifier: GPL-3.0-or-later
// The formula editor's templates (issue 6): every template parses, declares its parameters,
// follows its seed, and reproduces the built-in loss with the same maths — value and gradient
// to 1e-12 relative through the full pipeline, on points on both sides of every threshold.
#include <QSet>
#include <QTest>
#include <cmath>

#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"
#include "core/formula/formula_parser.h"
#include "tests/test_utils.h"
#include "ui/formula/formula_templates.h"

using namespace losslab;
using losslab::test::tensor;
using losslab::ui::FormulaTemplate;
using losslab::ui::FormulaTemplates;

namespace {

constexpr double kTolerance = 1e-12;  // issue 6: templates equal the built-ins to 1e-12

EvalRequest requestFor(const Tensor& yTrue, const Tensor& yPred) {
  EvalRequest request;
  request.yTrue = RankedTensor{yTrue, 2};
  request.yPred = RankedTensor{yPred, 2};
  return request;
}

FormulaTemplate templateOf(const QString& id) {
  const std::optional<FormulaTemplate> t = FormulaTemplates::find(id);
  if (!t) {
    qFatal("no template '%s'", qPrintable(id));
  }
  return *t;
}

}  // namespace

class TestFormulaTemplates : public QObject {
  Q_OBJECT

 private slots:
  void everyTemplateParses_data();
  void everyTemplateParses();
  void templatesAreListedOnce();
  void seedTemplatesFollowTheirSeed_data();
  void seedTemplatesFollowTheirSeed();
  void seedExampleValues_data();
  void seedExampleValues();
  void matchesBuiltInLoss_data();
  void matchesBuiltInLoss();
};

void TestFormulaTemplates::everyTemplateParses_data() {
  QTest::addColumn<QString>("id");
  for (const FormulaTemplate& t : FormulaTemplates::all()) {
    QTest::newRow(qPrintable(t.id)) << t.id;
  }
}

void TestFormulaTemplates::everyTemplateParses() {
  QFETCH(QString, id);
  const FormulaTemplate t = templateOf(id);
  QVERIFY(!t.title.isEmpty());
  QVERIFY(!t.description.isEmpty());
  QVERIFY2(!t.description.contains(QLatin1Char('\n')), "the description is one line");
  formula::ParsedFormula parsed;
  try {
    parsed = formula::parseFormula(t.source.toStdString());
  } catch (const Error& error) {
    QFAIL(error.what());
  }
  // Every parameter is declared (a slider with a range, not the implicit "1, unbounded"), and
  // the template says which built-in parameter it stands for.
  for (const formula::FormulaParam& p : parsed.params) {
    QVERIFY2(p.declared, p.name.c_str());
    QVERIFY2(std::isfinite(p.min) && std::isfinite(p.max) && std::fabs(p.max) < 1e300,
             p.name.c_str());
    if (!t.builtInId.isEmpty()) {
      QVERIFY2(t.builtInParams.count(p.name) == 1, p.name.c_str());
    }
  }
  QCOMPARE(t.builtInParams.size(), parsed.params.size());
  // The loss can be built with its defaults, so "Plot" works right after choosing it.
  QVERIFY(FormulaLoss::create(t.source.toStdString()) != nullptr);
}

void TestFormulaTemplates::templatesAreListedOnce() {
  QSet<QString> ids;
  for (const FormulaTemplate& t : FormulaTemplates::all()) {
    QVERIFY2(!ids.contains(t.id), qPrintable(t.id));
    ids.insert(t.id);
  }
  // The templates issue 6 asks for: seed 000's temperature MSE, seed 002's RMSE, Huber with a
  // threshold and contrastive loss with a margin, "my Huber", and the comparison losses.
  for (const char* id : {"temperature_mse", "rmse", "huber_threshold", "contrastive_margin",
                         "my_huber", "mse", "mae", "log_cosh"}) {
    QVERIFY2(ids.contains(QLatin1String(id)), id);
  }
  QVERIFY(!FormulaTemplates::find(QStringLiteral("no_such_template")).has_value());
}

void TestFormulaTemplates::seedTemplatesFollowTheirSeed_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<QString>("seed");
  QTest::addColumn<QString>("parameter");  // as the seed names it
  QTest::newRow("temperature MSE") << "temperature_mse"
                                   << "seed 000"
                                   << "temperature";
  QTest::newRow("RMSE") << "rmse"
                        << "seed 002"
                        << "";
  QTest::newRow("Huber with threshold") << "huber_threshold"
                                        << "seed 002"
                                        << "threshold";
  QTest::newRow("contrastive with margin") << "contrastive_margin"
                                           << "seed 002"
                                           << "margin";
}

void TestFormulaTemplates::seedTemplatesFollowTheirSeed() {
  QFETCH(QString, id);
  QFETCH(QString, seed);
  QFETCH(QString, parameter);
  const FormulaTemplate t = templateOf(id);
  QCOMPARE(t.seed, seed);
  QVERIFY2(t.source.contains(seed), "the formula's comment cites the seed");
  const formula::ParsedFormula parsed = formula::parseFormula(t.source.toStdString());
  if (parameter.isEmpty()) {
    QVERIFY(parsed.params.empty());
  } else {
    QCOMPARE(parsed.params.size(), std::size_t{1});
    QCOMPARE(QString::fromStdString(parsed.params[0].name), parameter);
  }
}

void TestFormulaTemplates::seedExampleValues_data() {
  // Hand-computed from the seed formulas, y_true and y_pred one column each.
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  QTest::addColumn<double>("expected");
  // Seed 000 with its temperature 0.6: mean(0.6·(2² , 1²)) = 0.6·(4 + 1)/2 = 1.5.
  QTest::newRow("temperature 0.6 (seed 000)")
      << "temperature_mse" << ParamValues{{"temperature", 0.6}} << tensor({{0.0}, {1.0}})
      << tensor({{2.0}, {0.0}}) << 1.5;
  // Seed 002's RMSE: errors 3 and 4 → sqrt((9 + 16)/2) = sqrt(12.5).
  QTest::newRow("RMSE of 3 and 4 (seed 002)") << "rmse" << ParamValues{} << tensor({{0.0}, {0.0}})
                                              << tensor({{3.0}, {-4.0}}) << std::sqrt(12.5);
  // Seed 002's Huber, threshold 1: a = 0.5 → 0.125; a = 3 → 1·(3 − 0.5) = 2.5; mean 1.3125.
  QTest::newRow("Huber both branches (seed 002)")
      << "huber_threshold" << ParamValues{{"threshold", 1.0}} << tensor({{1.0}, {0.0}})
      << tensor({{0.5}, {3.0}}) << 1.3125;
  // Seed 002's contrastive, margin 1, y = 1 similar: similar at D = 0.5 → 0.25; dissimilar at
  // D = 0.3 → (1 − 0.3)² = 0.49; dissimilar beyond the margin at D = 2 → 0. Mean 0.74/3.
  QTest::newRow("contrastive: y = 1 is similar (seed 002)")
      << "contrastive_margin" << ParamValues{{"margin", 1.0}} << tensor({{1.0}, {0.0}, {0.0}})
      << tensor({{0.5}, {0.3}, {2.0}}) << 0.74 / 3;
}

void TestFormulaTemplates::seedExampleValues() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  QFETCH(double, expected);
  const auto loss = FormulaLoss::create(templateOf(id).source.toStdString(), params);
  LOSSLAB_VERIFY_NEAR(evaluate(*loss, requestFor(yTrue, yPred)).value, expected,
                      losslab::test::kExactTolerance);
}

void TestFormulaTemplates::matchesBuiltInLoss_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");  // the template's parameters (non-default values)
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  // Regression data: residuals on both sides of ±0.7 and ±1 (Huber thresholds), never on one.
  const Tensor y = tensor({{0.3, -1.2, 2.0}, {1.5, 0.1, -0.4}});
  const Tensor p = tensor({{0.657, -2.992, 2.1}, {-0.3, 0.45, 3.1}});
  // Pair data: labels 1 (similar) / 0, distances below and beyond the margin 1.3.
  const Tensor labels = tensor({{1.0}, {0.0}, {0.0}, {1.0}, {0.0}});
  const Tensor distances = tensor({{0.4}, {0.25}, {1.9}, {2.2}, {1.29}});
  QTest::newRow("temperature_mse, T = 0.6")
      << "temperature_mse" << ParamValues{{"temperature", 0.6}} << y << p;
  QTest::newRow("rmse") << "rmse" << ParamValues{} << y << p;
  QTest::newRow("huber_threshold, threshold = 0.7")
      << "huber_threshold" << ParamValues{{"threshold", 0.7}} << y << p;
  QTest::newRow("my_huber, delta = 0.7") << "my_huber" << ParamValues{{"delta", 0.7}} << y << p;
  QTest::newRow("my_huber, delta = 2.5") << "my_huber" << ParamValues{{"delta", 2.5}} << y << p;
  QTest::newRow("contrastive_margin, margin = 1.3")
      << "contrastive_margin" << ParamValues{{"margin", 1.3}} << labels << distances;
  QTest::newRow("mse") << "mse" << ParamValues{} << y << p;
  QTest::newRow("mae") << "mae" << ParamValues{} << y << p;
  QTest::newRow("log_cosh") << "log_cosh" << ParamValues{} << y << p;
  // Row-wise templates (issue 13), three columns: one-hot targets against probability rows.
  const Tensor oneHot = tensor({{0.0, 1.0, 0.0}, {1.0, 0.0, 0.0}});
  const Tensor probabilities = tensor({{0.2, 0.5, 0.3}, {0.6, 0.1, 0.7}});
  QTest::newRow("categorical_crossentropy")
      << "categorical_crossentropy" << ParamValues{} << oneHot << probabilities;
  QTest::newRow("rmse_per_sample") << "rmse_per_sample" << ParamValues{} << y << p;
  QTest::newRow("ceres_arctan, a = 2.5") << "ceres_arctan" << ParamValues{{"a", 2.5}} << y << p;
}

void TestFormulaTemplates::matchesBuiltInLoss() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  const FormulaTemplate t = templateOf(id);
  QVERIFY(!t.builtInId.isEmpty());
  ParamValues builtInParams;
  for (const auto& [name, value] : params) {
    builtInParams[t.builtInParams.at(name)] = value;
  }
  const auto custom = FormulaLoss::create(t.source.toStdString(), params);
  const LossPtr builtIn = LossRegistry::instance().create(t.builtInId.toStdString(), builtInParams);
  const Evaluation a = evaluate(*custom, requestFor(yTrue, yPred));
  const Evaluation b = evaluate(*builtIn, requestFor(yTrue, yPred));
  QCOMPARE(a.reduction, b.reduction);  // both Keras sum_over_batch_size
  LOSSLAB_VERIFY_NEAR(a.value, b.value, kTolerance);
  QCOMPARE(a.grad.rows(), b.grad.rows());
  QCOMPARE(a.grad.cols(), b.grad.cols());
  for (Eigen::Index k = 0; k < a.grad.size(); ++k) {
    LOSSLAB_VERIFY_NEAR(a.grad.data()[k], b.grad.data()[k], kTolerance);
  }
  // Curvature where the built-in has one (element-wise losses; rmse_batch has none).
  if (b.d2.size() == 0) {
    QVERIFY(!builtIn->info().elementwise);
    return;
  }
  if (custom->formula().rowwise) {
    return;  // a row-wise formula has no per-element second derivative (issue 13)
  }
  QCOMPARE(a.d2.size(), b.d2.size());
  for (Eigen::Index k = 0; k < a.d2.size(); ++k) {
    LOSSLAB_VERIFY_NEAR(a.d2.data()[k], b.d2.data()[k], kTolerance);
  }
}

QTEST_GUILESS_MAIN(TestFormulaTemplates)
#include "tst_formula_templates.moc"
