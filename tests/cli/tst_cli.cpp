// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of the real losslab-cli binary (LOSSLAB_CLI_PATH): list, eval on small CSV
// files with hand-derived values, curve, bench, help, and every error path (exit status and the
// "losslab-cli: error: " message on stderr).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "core/engine/loss_registry.h"
#include "tests/cli_runner.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

double number(const QJsonValue& value) {
  if (value.isString()) {
    const QString s = value.toString();
    if (s == "NaN") {
      return std::nan("");
    }
    if (s == "Infinity") {
      return INFINITY;
    }
    if (s == "-Infinity") {
      return -INFINITY;
    }
  }
  return value.isDouble() ? value.toDouble() : std::nan("");
}

}  // namespace

class TestCli : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void listJsonHasEveryId();
  void listText();
  void help_data();
  void help();
  void evalJson_data();
  void evalJson();
  void evalParamsInJson();
  void evalFullPrecision();
  void evalNonFiniteResultIsFlagged();
  void evalText();
  void curveCsv();
  void curveOutFileIsAtomic();
  void bench();
  void errors_data();
  void errors();

 private:
  QString file(const QString& name, const QString& content);
  QTemporaryDir m_dir;
};

QString TestCli::file(const QString& name, const QString& content) {
  return losslab::test::writeTextFile(m_dir.path(), name, content);
}

void TestCli::initTestCase() {
  QVERIFY(m_dir.isValid());
  QVERIFY2(QFile::exists(QStringLiteral(LOSSLAB_CLI_PATH)), LOSSLAB_CLI_PATH);
}

void TestCli::listJsonHasEveryId() {
  const CliRun run = runCli({"list", "--json"});
  QCOMPARE(run.exitCode, 0);
  QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
  const QJsonObject root = parseObject(run.out);
  const QJsonArray losses = root.value("losses").toArray();
  QSet<QString> listed;
  QJsonObject huber;
  QJsonObject triplet;
  QJsonObject contrastive;
  for (const QJsonValue& value : losses) {
    const QJsonObject loss = value.toObject();
    listed.insert(loss.value("id").toString());
    QVERIFY(loss.value("family").isString());
    QVERIFY(loss.value("framework").isString());
    QVERIFY(loss.value("params").isArray());
    QVERIFY(loss.value("extras").isArray());
    if (loss.value("id") == "huber") {
      huber = loss;
    } else if (loss.value("id") == "triplet_margin") {
      triplet = loss;
    } else if (loss.value("id") == "contrastive") {
      contrastive = loss;
    }
  }
  QSet<QString> registered;
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    registered.insert(QString::fromStdString(entry.info.id));
  }
  QCOMPARE(listed, registered);
  QCOMPARE(losses.size(), static_cast<qsizetype>(registered.size()));  // no duplicates

  // Full ParamSpec metadata: huber's δ is real, default 1, range (0, inf) as the spec says.
  QCOMPARE(huber.value("family").toString(), QStringLiteral("regression"));
  QCOMPARE(huber.value("framework").toString(), QStringLiteral("keras"));
  const QJsonObject delta = huber.value("params").toArray().at(0).toObject();
  QCOMPARE(delta.value("id").toString(), QStringLiteral("delta"));
  QCOMPARE(delta.value("kind").toString(), QStringLiteral("real"));
  QCOMPARE(delta.value("default").toDouble(), 1.0);
  QCOMPARE(delta.value("min").toDouble(), 0.0);
  QCOMPARE(delta.value("max").toString(), QStringLiteral("Infinity"));
  QCOMPARE(delta.value("min_open").toBool(), true);
  QCOMPARE(delta.value("log_scale").toBool(), true);
  QVERIFY(!delta.value("label").toString().isEmpty());
  QVERIFY(!delta.value("help").toString().isEmpty());
  QVERIFY(delta.value("choices").toArray().isEmpty());
  // Booleans default to true/false, choices to their label and list them.
  for (const QJsonValue& value : triplet.value("params").toArray()) {
    if (value.toObject().value("id") == "swap") {
      QCOMPARE(value.toObject().value("kind").toString(), QStringLiteral("boolean"));
      QVERIFY(value.toObject().value("default").isBool());
    }
  }
  const QJsonObject convention = contrastive.value("params").toArray().at(1).toObject();
  QCOMPARE(convention.value("kind").toString(), QStringLiteral("choice"));
  QCOMPARE(convention.value("default").toString(), QStringLiteral("tfa"));
  QCOMPARE(convention.value("choices").toArray(), (QJsonArray{"tfa", "paper"}));
  // Extra inputs with their flags.
  const QJsonArray extras = triplet.value("extras").toArray();
  QCOMPARE(extras.size(), 2);
  QCOMPARE(extras.at(0).toObject().value("name").toString(), QStringLiteral("positive"));
  QCOMPARE(extras.at(0).toObject().value("differentiable").toBool(), true);
  QCOMPARE(extras.at(0).toObject().value("required").toBool(), true);
}

void TestCli::listText() {
  const CliRun run = runCli({"list"});
  QCOMPARE(run.exitCode, 0);
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    QVERIFY2(run.out.contains(QString::fromStdString(entry.info.id)), entry.info.id.c_str());
  }
  QVERIFY(run.out.contains("delta=1"));
}

void TestCli::help_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("expected");
  QTest::newRow("--help") << QStringList{"--help"} << "Usage: losslab-cli <command>";
  QTest::newRow("-h") << QStringList{"-h"} << "Commands:";
  QTest::newRow("list --help") << QStringList{"list", "--help"} << "Usage: losslab-cli list";
  QTest::newRow("eval --help") << QStringList{"eval", "--help"} << "--sample-weight FILE";
  QTest::newRow("curve --help") << QStringList{"curve", "--help"} << "x,loss,dloss,d2loss";
  QTest::newRow("bench --help") << QStringList{"bench", "--help"} << "--repeat R";
  QTest::newRow("--version") << QStringList{"--version"} << "losslab-cli 0.";
}

void TestCli::help() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, expected);
  const CliRun run = runCli(arguments);
  QCOMPARE(run.exitCode, 0);
  QVERIFY2(run.out.contains(expected), qPrintable(run.out));
  QVERIFY(run.err.isEmpty());
}

void TestCli::evalJson_data() {
  QTest::addColumn<QStringList>("arguments");  // {y_pred}, {y_true} etc. are file names
  QTest::addColumn<double>("value");
  QTest::addColumn<QList<double>>("perSample");
  QTest::addColumn<QList<double>>("grad");  // row-major
  QTest::addColumn<QString>("extra");       // name of one extra gradient to check, or empty
  QTest::addColumn<QList<double>>("extraGrad");

  // MSE, Keras: ŷ = 1, 2, 4 and y = 0, 2, 2 → r = 1, 0, 2, ℓ_i = r² = 1, 0, 4,
  // sum_over_batch_size = 5/3, ∂/∂ŷ_i = 2 r_i / 3.
  QTest::newRow("mse one column") << QStringList{"--loss",    "mean_squared_error", "--y-pred",
                                                 "pred3.csv", "--y-true",           "true3.csv"}
                                  << 5.0 / 3 << QList<double>{1, 0, 4}
                                  << QList<double>{2.0 / 3, 0, 4.0 / 3} << "" << QList<double>{};
  // With sample weights w = 1, 0, 2 and reduction sum: 1·1 + 0·0 + 2·4 = 9, ∂ = w·2r = 2, 0, 8.
  QTest::newRow("mse sample weights, sum")
      << QStringList{"--loss",    "mean_squared_error", "--y-pred",    "pred3.csv",   "--y-true",
                     "true3.csv", "--sample-weight",    "weight3.csv", "--reduction", "sum"}
      << 9.0 << QList<double>{1, 0, 4} << QList<double>{2, 0, 8} << "" << QList<double>{};
  // The same weights with sum_over_batch_size divide by N = 3, not by Σw: 3, ∂ = 2/3, 0, 8/3.
  QTest::newRow("mse sample weights, sum_over_batch_size")
      << QStringList{"--loss",   "mean_squared_error", "--y-pred",        "pred3.csv",
                     "--y-true", "true3.csv",          "--sample-weight", "weight3.csv"}
      << 3.0 << QList<double>{1, 0, 4} << QList<double>{2.0 / 3, 0, 8.0 / 3} << ""
      << QList<double>{};
  // Huber δ = 1 on 2×2 (header rows skipped): ŷ = [[1, 2], [3, 4]], y = [[1, 1], [1, 6]],
  // r = [[0, 1], [2, −2]]; h = [[0, ½], [1.5, 1.5]], ℓ = mean_j = 0.25, 1.5, value 0.875;
  // ∂ = h′(r)/(D·B) = [[0, ¼], [¼, −¼]].
  QTest::newRow("huber 2x2 with headers")
      << QStringList{"--loss", "huber", "--y-pred", "pred22.csv", "--y-true", "true22.csv"} << 0.875
      << QList<double>{0.25, 1.5} << QList<double>{0, 0.25, 0.25, -0.25} << "" << QList<double>{};
  // Huber δ = 0.5: h = [[0, 0.375], [0.875, 0.875]], ℓ = 0.1875, 0.875, value 0.53125;
  // h′ = [[0, 0.5], [0.5, −0.5]] / 4.
  QTest::newRow("huber δ=0.5") << QStringList{"--loss",   "huber",      "--param",  "delta=0.5",
                                              "--y-pred", "pred22.csv", "--y-true", "true22.csv"}
                               << 0.53125 << QList<double>{0.1875, 0.875}
                               << QList<double>{0, 0.125, 0.125, -0.125} << "" << QList<double>{};
  // PyTorch MSELoss, mean over all 4 elements: (0 + 1 + 4 + 4)/4 = 2.25, ∂ = 2r/4;
  // per_sample = row means of the element-wise tensor: 0.5, 4.
  QTest::newRow("torch_mse mean over elements")
      << QStringList{"--loss", "torch_mse", "--y-pred", "pred22.csv", "--y-true", "true22.csv"}
      << 2.25 << QList<double>{0.5, 4} << QList<double>{0, 0.5, 1, -1} << "" << QList<double>{};
  // margin_ranking, m = 0: x₁ = 1, 0; x₂ = 0, 0.5; y = 1, 1: v = −(x₁ − x₂) = −1, 0.5,
  // ℓ = 0, 0.5, mean 0.25; ∂/∂x₁ = −y·1[v ≥ 0]/2 = 0, −0.5; ∂/∂x₂ = 0, 0.5.
  QTest::newRow("margin_ranking with input2")
      << QStringList{"--loss",  "margin_ranking", "--y-pred", "x1.csv",
                     "--input", "input2=x2.csv",  "--y-true", "ones2.csv"}
      << 0.25 << QList<double>{0, 0.5} << QList<double>{0, -0.5} << "input2"
      << QList<double>{0, 0.5};
  // triplet_margin (no y_true), 1-D embeddings, m = 1, ε = 1e-6: a = 0, p = 1, n = 3:
  // d(a,p) = |0 − 1 + ε| = 1 − ε, d(a,n) = 3 − ε, 1 + (1 − ε) − (3 − ε) = −1 → ℓ = 0 and
  // every gradient 0.
  QTest::newRow("triplet_margin no target, hinge inactive")
      << QStringList{"--loss",  "triplet_margin",        "--y-pred", "anchor.csv",
                     "--input", "positive=positive.csv", "--input",  "negative=negative.csv"}
      << 0.0 << QList<double>{0} << QList<double>{0} << "positive" << QList<double>{0};
  // a = 0, p = 1, n = 1.5: 1 + (1 − ε) − (1.5 − ε) = 0.5 > 0 → ℓ = 0.5, ∂a = g_ap − g_an =
  // −1 − (−1) = 0, ∂p = −g_ap = +1, ∂n = g_an = −1.
  QTest::newRow("triplet_margin no target, hinge active")
      << QStringList{"--loss",  "triplet_margin",        "--y-pred", "anchor.csv",
                     "--input", "positive=positive.csv", "--input",  "negative=negative15.csv"}
      << 0.5 << QList<double>{0.5} << QList<double>{0} << "negative" << QList<double>{-1};
  // kl_div log_target, x = (−1, −0.5), log t = (−inf, −1), sum: the −inf element contributes 0
  // with gradient −e^{−∞} = 0; the other e^{−1}(−1 + 0.5), gradient −e^{−1}. per_sample is the
  // row mean of the element tensor.
  const double e1 = std::exp(-1.0);
  QTest::newRow("kl_div log_target with -inf (log 0) in y_true")
      << QStringList{"--loss",   "kl_div",   "--param",  "log_target=true", "--y-pred",
                     "logx.csv", "--y-true", "logt.csv", "--reduction",     "sum"}
      << -0.5 * e1 << QList<double>{-0.25 * e1} << QList<double>{0, -e1} << "" << QList<double>{};
  // torch_cross_entropy with class probabilities y = [[¼, ¾], [1, 0]], x = [[0, 0], [ln 3, 0]],
  // class weights w = (2, 4) as a column file: ℓ_1 = (2·¼ + 4·¾) ln 2 = 3.5 ln 2,
  // ℓ_2 = 2 ln(4/3); mean divides by B = 2. ∂ℓ_i/∂x_j = s_j Σ_k w_k y_k − w_j y_j, halved:
  // row 1: s = (½, ½), Σ = 3.5 → (0.625, −0.625); row 2: s = (¾, ¼), Σ = 2 → (−0.25, 0.25).
  QTest::newRow("torch_cross_entropy probability targets, weight column")
      << QStringList{"--loss",   "torch_cross_entropy", "--y-pred", "logits22.csv",
                     "--y-true", "probs22.csv",         "--input",  "weight=wcol.csv"}
      << (3.5 * std::log(2.0) + 2 * std::log(4.0 / 3)) / 2
      << QList<double>{3.5 * std::log(2.0), 2 * std::log(4.0 / 3)}
      << QList<double>{0.625, -0.625, -0.25, 0.25} << "" << QList<double>{};
}

void TestCli::evalJson() {
  QFETCH(QStringList, arguments);
  QFETCH(double, value);
  QFETCH(QList<double>, perSample);
  QFETCH(QList<double>, grad);
  QFETCH(QString, extra);
  QFETCH(QList<double>, extraGrad);
  file("pred3.csv", "1\n2\n4\n");
  file("true3.csv", "0\n2\n2\n");
  file("weight3.csv", "1\n0\n2\n");
  file("pred22.csv", "a,b\n1,2\n3,4\n");
  file("true22.csv", "\"y1\",\"y2\"\n1, 1\n1, 6\n");
  file("x1.csv", "1\n0\n");
  file("x2.csv", "0\n0.5\n");
  file("ones2.csv", "1\n1\n");
  file("anchor.csv", "0\n");
  file("positive.csv", "1\n");
  file("negative.csv", "3\n");
  file("negative15.csv", "1.5\n");
  file("logx.csv", "-1,-0.5\n");
  file("logt.csv", "-inf,-1\n");
  file("logits22.csv", "0,0\n1.0986122886681098,0\n");  // ln 3 rounded to a double
  file("probs22.csv", "0.25,0.75\n1,0\n");
  file("wcol.csv", "2\n4\n");
  // File names become paths in the temporary directory ("--input NAME=FILE" too).
  QStringList args{"eval", "--json"};
  for (const QString& argument : arguments) {
    const qsizetype equals = argument.indexOf('=');
    if (!argument.endsWith(".csv")) {
      args << argument;
    } else if (equals > 0) {
      args << argument.left(equals + 1) + m_dir.filePath(argument.mid(equals + 1));
    } else {
      args << m_dir.filePath(argument);
    }
  }
  const CliRun run = runCli(args);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
  QCOMPARE(run.out.count('\n'), 1);  // one object, one line
  const QJsonObject result = parseObject(run.out);
  LOSSLAB_VERIFY_NEAR(number(result.value("value")), value, test::kExactTolerance);
  const QJsonArray perSampleJson = result.value("per_sample").toArray();
  QCOMPARE(perSampleJson.size(), perSample.size());
  for (qsizetype i = 0; i < perSample.size(); ++i) {
    LOSSLAB_VERIFY_NEAR(number(perSampleJson.at(i)), perSample.at(i), test::kExactTolerance);
  }
  QList<double> gradValues;
  for (const QJsonValue& row : result.value("grad").toArray()) {
    for (const QJsonValue& v : row.toArray()) {
      gradValues << number(v);
    }
  }
  QCOMPARE(gradValues.size(), grad.size());
  for (qsizetype i = 0; i < grad.size(); ++i) {
    LOSSLAB_VERIFY_NEAR(gradValues.at(i), grad.at(i), test::kExactTolerance);
  }
  const QJsonObject grads = result.value("grads").toObject();
  if (extra.isEmpty()) {
    QVERIFY(grads.isEmpty());
  } else {
    const QJsonArray rows = grads.value(extra).toArray();
    QCOMPARE(rows.size(), extraGrad.size());
    for (qsizetype i = 0; i < extraGrad.size(); ++i) {
      LOSSLAB_VERIFY_NEAR(number(rows.at(i).toArray().at(0)), extraGrad.at(i),
                          test::kExactTolerance);
    }
  }
}

void TestCli::evalParamsInJson() {
  // Every parameter appears with its value: reals as numbers, booleans as true/false, choices
  // by label; the loss id and the reduction are echoed.
  const QString pred = file("d.csv", "0.5\n");
  const QString labels = file("y.csv", "1\n");
  CliRun run = runCli({"eval", "--json", "--loss", "contrastive", "--param", "convention=paper",
                       "--y-pred", pred, "--y-true", labels});
  QCOMPARE(run.exitCode, 0);
  QJsonObject result = parseObject(run.out);
  QCOMPARE(result.value("loss").toString(), QStringLiteral("contrastive"));
  QCOMPARE(result.value("reduction").toString(), QStringLiteral("sum_over_batch_size"));
  QCOMPARE(result.value("params").toObject().value("convention").toString(),
           QStringLiteral("paper"));
  QCOMPARE(result.value("params").toObject().value("margin").toDouble(), 1.0);
  // Paper convention, Y = 1 dissimilar: ½ max(0, 1 − 0.5)² = 0.125.
  LOSSLAB_VERIFY_NEAR(number(result.value("value")), 0.125, test::kExactTolerance);

  const QString anchor = file("a.csv", "0\n");
  const QString positive = file("p.csv", "1\n");
  const QString negative = file("n.csv", "1.5\n");
  run = runCli({"eval", "--json", "--loss", "triplet_margin", "--param", "swap=true", "--reduction",
                "sum", "--y-pred", anchor, "--input", "positive=" + positive, "--input",
                "negative=" + negative});
  QCOMPARE(run.exitCode, 0);
  result = parseObject(run.out);
  const QJsonObject params = result.value("params").toObject();
  QCOMPARE(params.keys(), (QStringList{"eps", "margin", "p", "swap"}));
  QVERIFY(params.value("swap").isBool() && params.value("swap").toBool());
  QCOMPARE(params.value("p").toDouble(), 2.0);
  QCOMPARE(params.value("eps").toDouble(), 1e-6);
  QCOMPARE(result.value("reduction").toString(), QStringLiteral("sum"));
}

void TestCli::evalFullPrecision() {
  // MSE of ŷ = 0.1, y = 0 is the double 0.1·0.1 = 0.010000000000000002, which needs all 17
  // significant digits (%.17g) to read back as the same number.
  const QString pred = file("fp_pred.csv", "0.1\n");
  const QString truth = file("fp_true.csv", "0\n");
  const CliRun run = runCli(
      {"eval", "--json", "--loss", "mean_squared_error", "--y-pred", pred, "--y-true", truth});
  QCOMPARE(run.exitCode, 0);
  QVERIFY2(run.out.contains("\"value\":0.010000000000000002,"), qPrintable(run.out));
  const volatile double tenth = 0.1;
  QCOMPARE(number(parseObject(run.out).value("value")), tenth * tenth);
}

void TestCli::evalNonFiniteResultIsFlagged() {
  // Finite inputs whose result overflows: r = −1e308 − 1e308 = −inf and r = 2e200 (r² = inf).
  // With weights 1, 0 and reduction sum: value = 1·inf + 0·inf = NaN; per-sample r² = inf, inf;
  // ∂ = w·2r = −inf, 0. JSON has no NaN/inf: they are written as strings, and stderr says so.
  const QString pred = file("big_pred.csv", "-1e308\n1e200\n");
  const QString truth = file("big_true.csv", "1e308\n-1e200\n");
  const QString weight = file("big_w.csv", "1\n0\n");
  const CliRun run = runCli({"eval", "--json", "--loss", "mean_squared_error", "--y-pred", pred,
                             "--y-true", truth, "--sample-weight", weight, "--reduction", "sum"});
  QCOMPARE(run.exitCode, 0);
  QVERIFY2(run.out.contains("\"value\":\"NaN\""), qPrintable(run.out));
  QVERIFY2(run.out.contains("\"per_sample\":[\"Infinity\",\"Infinity\"]"), qPrintable(run.out));
  QVERIFY2(run.out.contains("\"grad\":[[\"-Infinity\"],[0]]"), qPrintable(run.out));
  QVERIFY(parseObject(run.out).contains("value"));
  QVERIFY2(run.err.startsWith("losslab-cli: warning: the result is not finite (value = NaN)"),
           qPrintable(run.err));
}

void TestCli::evalText() {
  const QString pred = file("t_pred.csv", "1,2\n3,4\n");
  const QString truth = file("t_true.csv", "1,1\n1,6\n");
  const CliRun run = runCli({"eval", "--loss", "huber", "--y-pred", pred, "--y-true", truth});
  QCOMPARE(run.exitCode, 0);
  QVERIFY(run.out.contains("loss       huber (delta=1)"));
  QVERIFY(run.out.contains("value      0.875"));
  const QStringList lines = run.out.split('\n');
  // Header and rows right-aligned in equal widths.
  const int header = static_cast<int>(lines.indexOf(QRegularExpression("^sample .*")));
  QVERIFY(header > 0);
  QCOMPARE(lines[header].simplified(),
           QStringLiteral("sample per_sample d/dy_pred[1] d/dy_pred[2]"));
  QCOMPARE(lines[header + 1].simplified(), QStringLiteral("1 0.25 0 0.25"));
  QCOMPARE(lines[header + 2].simplified(), QStringLiteral("2 1.5 0.25 -0.25"));
  QCOMPARE(lines[header + 1].size(), lines[header].size());
}

void TestCli::curveCsv() {
  // Huber δ = 1 at x = −3, −1.5, 0, 1.5, 3 (y = 0): 2.5, 1, 0, 1, 2.5;
  // d1 = −1, −1, 0, 1, 1; d2 = 0, 0, 1, 0, 0.
  CliRun run = runCli({"curve", "--loss", "huber", "--points", "5"});
  QCOMPARE(run.exitCode, 0);
  QStringList lines = run.out.trimmed().split('\n');
  QCOMPARE(lines.size(), 6);
  QCOMPARE(lines[0], QStringLiteral("x,loss,dloss,d2loss"));
  QCOMPARE(lines[1], QStringLiteral("-3,2.5,-1,0"));
  QCOMPARE(lines[3], QStringLiteral("0,0,0,1"));
  QCOMPARE(lines[4], QStringLiteral("1.5,1,1,0"));

  // Range, target and variant options; d2 of cosine_embedding does not exist: nan.
  run = runCli({"curve", "--loss", "mean_squared_error", "--from", "0", "--to", "2", "--target",
                "1", "--points", "3"});
  QCOMPARE(run.out, QStringLiteral("x,loss,dloss,d2loss\n0,1,-2,2\n1,0,0,2\n2,1,2,2\n"));
  run = runCli({"curve", "--loss", "hinge", "--variant", "negative", "--from", "0", "--to", "1",
                "--points", "2"});
  // y = −1: max(1 + x, 0) → 1 at 0 and 2 at 1, d1 = +1.
  QCOMPARE(run.out, QStringLiteral("x,loss,dloss,d2loss\n0,1,1,0\n1,2,1,0\n"));
  run = runCli({"curve", "--loss", "cosine_embedding", "--points", "11"});
  QCOMPARE(run.exitCode, 0);
  lines = run.out.trimmed().split('\n');
  QCOMPARE(lines.size(), 12);
  QVERIFY(lines[5].endsWith(",nan"));
  // Points outside the domain are nan, and stderr says how many and why.
  run =
      runCli({"curve", "--loss", "cosine_embedding", "--from", "-2", "--to", "1", "--points", "4"});
  QCOMPARE(run.exitCode, 0);
  QVERIFY(run.out.contains("\n-2,nan,nan,nan\n"));
  QCOMPARE(run.err, QStringLiteral("losslab-cli: warning: 1 of 4 points are outside the loss's "
                                   "domain and are nan (first: x = -2: not a cosine (outside "
                                   "[-1, 1]))\n"));
  // Default: 401 points.
  run = runCli({"curve", "--loss", "log_cosh"});
  QCOMPARE(run.out.trimmed().split('\n').size(), 402);
}

void TestCli::curveOutFileIsAtomic() {
  QTemporaryDir dir;
  const QString out = dir.filePath("curve.csv");
  const CliRun run = runCli({"curve", "--loss", "huber", "--points", "7", "--out", out});
  QCOMPARE(run.exitCode, 0);
  QVERIFY(run.out.isEmpty());
  QFile f(out);
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split('\n');
  QCOMPARE(lines.size(), 8);
  QCOMPARE(lines[0], QStringLiteral("x,loss,dloss,d2loss"));
  // Nothing but the result is left in the directory (the temporary file was renamed).
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"curve.csv"});
}

void TestCli::bench() {
  for (const char* id : {"huber", "mean_squared_error", "categorical_hinge", "triplet_margin"}) {
    const CliRun run = runCli({"bench", "--loss", id, "--n", "3000", "--repeat", "3", "--json"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject result = parseObject(run.out);
    QCOMPARE(result.keys(), (QStringList{"loss", "melem_per_s", "n", "seconds"}));
    QCOMPARE(result.value("loss").toString(), QString::fromLatin1(id));
    // n counts y_pred elements: 3000, or a multiple of K = 3 classes for categorical losses.
    QCOMPARE(result.value("n").toInt(), 3000);
    QVERIFY(result.value("seconds").toDouble() >= 0);
    QVERIFY(result.value("melem_per_s").isDouble());
  }
}

void TestCli::errors_data() {
  QTest::addColumn<QStringList>("arguments");  // "@name" is replaced by the path of file name
  QTest::addColumn<int>("exitCode");
  QTest::addColumn<QString>("message");  // expected start of stderr after "losslab-cli: error: "

  const int usage = 2;
  const int data = 1;
  QTest::newRow("unknown id suggests the closest")
      << QStringList{"eval", "--loss", "hubr", "--y-pred", "@p", "--y-true", "@t"} << usage
      << "unknown loss 'hubr'; did you mean huber";
  QTest::newRow("parameter out of range")
      << QStringList{"eval",     "--loss", "huber",    "--param", "delta=-1",
                     "--y-pred", "@p",     "--y-true", "@t"}
      << usage << "parameter 'delta' = -1 is out of range; valid: (0, inf)";
  QTest::newRow("unknown parameter")
      << QStringList{"curve", "--loss", "huber", "--param", "beta=1"} << usage
      << "unknown parameter 'beta' for 'huber' (accepted: delta)";
  QTest::newRow("parameter not a number")
      << QStringList{"curve", "--loss", "huber", "--param", "delta=big"} << usage
      << "parameter 'delta' needs a number, not 'big'";
  QTest::newRow("boolean parameter")
      << QStringList{"curve", "--loss", "triplet_margin", "--param", "swap=maybe"} << usage
      << "parameter 'swap' takes true or false, not 'maybe'";
  QTest::newRow("choice parameter")
      << QStringList{"curve", "--loss", "contrastive", "--param", "convention=keras"} << usage
      << "parameter 'convention' takes one of {tfa, paper}, not 'keras'";
  QTest::newRow("--param without =") << QStringList{"curve", "--loss", "huber", "--param", "delta"}
                                     << usage << "--param takes NAME=VALUE, not 'delta'";
  QTest::newRow("shape mismatch") << QStringList{"eval", "--loss",   "torch_mse", "--y-pred",
                                                 "@p",   "--y-true", "@t3"}
                                  << usage << "y_true has shape (3, 1) but y_pred has shape (2, 1)";
  QTest::newRow("csv not numeric")
      << QStringList{"eval", "--loss", "huber", "--y-pred", "@text", "--y-true", "@t"} << data
      << "@text:2:1: 'abc' is not a number";
  QTest::newRow("csv ragged") << QStringList{"eval",    "--loss",   "huber", "--y-pred",
                                             "@ragged", "--y-true", "@t"}
                              << data << "@ragged:3: line 3 has 1 field, expected 2";
  QTest::newRow("csv empty") << QStringList{"eval",   "--loss",   "huber", "--y-pred",
                                            "@empty", "--y-true", "@t"}
                             << data << "@empty: the file is empty";
  QTest::newRow("csv NaN") << QStringList{"eval", "--loss",   "huber", "--y-pred",
                                          "@nan", "--y-true", "@t"}
                           << data << "@nan:2:1: NaN at line 2, column 1";
  // −inf passes only in a file of log-probabilities (kl_div), never NaN there, nor −inf elsewhere.
  QTest::newRow("csv -inf outside log-probabilities")
      << QStringList{"eval", "--loss", "huber", "--y-pred", "@minf", "--y-true", "@t"} << data
      << "@minf:2:1: -inf at line 2, column 1 (non-finite values are not accepted)";
  QTest::newRow("csv NaN in kl_div log-probabilities")
      << QStringList{"eval",     "--loss", "kl_div",   "--param", "log_target=true",
                     "--y-pred", "@p",     "--y-true", "@nan"}
      << data << "@nan:2:1: NaN at line 2, column 1 (of the non-finite values only -inf";
  QTest::newRow("missing file") << QStringList{"eval",     "--loss",   "huber", "--y-pred",
                                               "@missing", "--y-true", "@t"}
                                << usage << "cannot open '@missing'";
  QTest::newRow("missing --y-pred") << QStringList{"eval", "--loss", "huber", "--y-true", "@t"}
                                    << usage << "'eval' needs --y-pred";
  QTest::newRow("missing --y-true") << QStringList{"eval", "--loss", "huber", "--y-pred", "@p"}
                                    << usage << "'huber' needs --y-true FILE";
  QTest::newRow("target for a loss without one")
      << QStringList{"eval", "--loss", "triplet_margin", "--y-pred", "@p", "--y-true", "@t"}
      << usage << "'triplet_margin' takes no --y-true";
  QTest::newRow("missing required input")
      << QStringList{"eval", "--loss", "margin_ranking", "--y-pred", "@p", "--y-true", "@t"}
      << usage << "'margin_ranking' needs --input input2=FILE";
  QTest::newRow("unknown input") << QStringList{"eval",     "--loss", "huber",   "--y-pred", "@p",
                                                "--y-true", "@t",     "--input", "var=@p"}
                                 << usage
                                 << "'huber' takes no input named 'var' (it takes no extra inputs)";
  QTest::newRow("unknown reduction")
      << QStringList{"eval",     "--loss", "huber",       "--y-pred", "@p",
                     "--y-true", "@t",     "--reduction", "avg"}
      << usage << "unknown reduction 'avg'";
  QTest::newRow("reduction not for PyTorch")
      << QStringList{"eval",     "--loss", "torch_mse",   "--y-pred",           "@p",
                     "--y-true", "@p",     "--reduction", "sum_over_batch_size"}
      << usage << "PyTorch loss 'torch_mse' takes reduction mean, sum or none";
  QTest::newRow("sample weights of the wrong length")
      << QStringList{"eval",     "--loss", "huber",           "--y-pred", "@p",
                     "--y-true", "@p",     "--sample-weight", "@t3"}
      << usage << "sample weights must be one value per sample: expected (2,), got (3,)";
  QTest::newRow("curve points") << QStringList{"curve", "--loss", "huber", "--points", "1"} << usage
                                << "option '--points' needs an integer in [2, 10000000]";
  QTest::newRow("curve bad number") << QStringList{"curve", "--loss", "huber", "--from", "x"}
                                    << usage << "option '--from' needs a finite number, not 'x'";
  QTest::newRow("curve unknown variant")
      << QStringList{"curve", "--loss", "hinge", "--variant", "similar"} << usage
      << "unknown curve variant 'similar' for 'hinge' (accepted: positive, negative)";
  // tweedie p = 2 needs y > 0: with y = 0 every point of the curve is a data error.
  QTest::newRow("curve entirely outside the domain")
      << QStringList{"curve",    "--loss", "tweedie_deviance", "--param", "power=2",
                     "--target", "0",      "--points",         "3"}
      << data << "every point of the curve is outside the loss's domain (x = 0.05";
  QTest::newRow("bench n") << QStringList{"bench", "--loss", "huber", "--n", "0"} << usage
                           << "option '--n' needs an integer";
  QTest::newRow("unknown command") << QStringList{"plot"} << usage << "unknown command 'plot'";
  QTest::newRow("unknown option") << QStringList{"list", "--yaml"} << usage
                                  << "unknown option '--yaml' for 'list'";
  QTest::newRow("option without value")
      << QStringList{"curve", "--loss"} << usage << "option '--loss' needs a value";
  QTest::newRow("stray argument") << QStringList{"list", "json"} << usage
                                  << "unexpected argument 'json'";
  QTest::newRow("option twice") << QStringList{"curve", "--loss", "huber", "--loss", "hinge"}
                                << usage << "option '--loss' is given more than once";
}

void TestCli::errors() {
  QFETCH(QStringList, arguments);
  QFETCH(int, exitCode);
  QFETCH(QString, message);
  const QMap<QString, QString> files{
      {"@p", file("err_p.csv", "1\n2\n")},
      {"@t", file("err_t.csv", "1\n3\n")},
      {"@t3", file("err_t3.csv", "1\n2\n3\n")},
      {"@text", file("err_text.csv", "1,2\nabc,3\n")},
      {"@ragged", file("err_ragged.csv", "1,2\n3,4\n5\n")},
      {"@empty", file("err_empty.csv", "")},
      {"@nan", file("err_nan.csv", "1\nnan\n")},
      {"@minf", file("err_minf.csv", "1\n-inf\n")},
      {"@missing", m_dir.filePath("no_such_file.csv")},
  };
  auto substitute = [&](QString text) {
    // Longest names first so that "@t3" is not read as "@t" + "3".
    QStringList keys = files.keys();
    std::sort(keys.begin(), keys.end(),
              [](const QString& a, const QString& b) { return a.size() > b.size(); });
    for (const QString& key : keys) {
      text.replace(key, files.value(key));
    }
    return text;
  };
  QStringList args;
  for (const QString& argument : arguments) {
    args << substitute(argument);
  }
  const CliRun run = runCli(args);
  QCOMPARE(run.exitCode, exitCode);
  QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
  const QString expected = "losslab-cli: error: " + substitute(message);
  QVERIFY2(run.err.startsWith(expected),
           qPrintable(QStringLiteral("stderr: %1\nexpected start: %2").arg(run.err, expected)));
  QCOMPARE(run.err.count('\n'), 1);  // one line
}

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
