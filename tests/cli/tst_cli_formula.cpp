// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of the formula commands of the real losslab-cli binary (LOSSLAB_CLI_PATH):
// derive (text and JSON), eval --expr and curve --expr (hand-derived values), export (Keras and
// PyTorch, to stdout and to a file), and every error path: a formula that does not parse exits
// with status 2 and prints the message, the formula's line and a caret under the error.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

#include "tests/cli_runner.h"
#include "tests/test_utils.h"

namespace {

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;

QList<double> column(const QJsonArray& rows) {
  QList<double> values;
  for (const QJsonValue& row : rows) {
    values << row.toArray().at(0).toDouble();
  }
  return values;
}

}  // namespace

class TestCliFormula : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void deriveText();
  void deriveJson_data();
  void deriveJson();
  void deriveParams();
  void evalExprJson_data();
  void evalExprJson();
  void evalExprText();
  void curveExpr();
  void exportCode_data();
  void exportCode();
  void exportRefusesAnUnknownReduction();
  void exportToFile();
  void help_data();
  void help();
  void parseErrors_data();
  void parseErrors();
  void errors_data();
  void errors();

 private:
  QString file(const QString& name, const QString& content);
  QTemporaryDir m_dir;
};

QString TestCliFormula::file(const QString& name, const QString& content) {
  return losslab::test::writeTextFile(m_dir.path(), name, content);
}

void TestCliFormula::initTestCase() {
  QVERIFY(m_dir.isValid());
  QVERIFY2(QFile::exists(QStringLiteral(LOSSLAB_CLI_PATH)), LOSSLAB_CLI_PATH);
}

void TestCliFormula::deriveText() {
  // e = a|r| + r²: de/dŷ = a·sign(r) + 2r, d²e/dŷ² = 2 (sign′ = 0 away from 0); a is undeclared,
  // so it defaults to 1 and is unbounded.
  const CliRun run = runCli({"derive", "a*abs(r) + square(r)"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY(run.err.isEmpty());
  const QStringList lines = run.out.split('\n');
  QCOMPARE(lines.at(0), QStringLiteral("value  a*abs(r) + square(r)"));
  QCOMPARE(lines.at(1), QStringLiteral("d1     a*sign(r) + 2*r"));
  QCOMPARE(lines.at(2), QStringLiteral("d2     2"));
  QVERIFY2(run.out.contains("parameters:\n  a = 1  unbounded  (undeclared: default 1)\n"),
           qPrintable(run.out));

  // A formula starting with '-' is still the formula: −log p → −1/p → 1/p².
  const CliRun negative = runCli({"derive", "-log(p)"});
  QCOMPARE(negative.exitCode, 0);
  QVERIFY(negative.out.startsWith("value  -log(p)\nd1     -1/p\nd2     1/square(p)\n"));
  QVERIFY(negative.out.contains("parameters: none"));
  // After "--" anything is the formula; --expr is the same as the positional form.
  QCOMPARE(runCli({"derive", "--", "-log(p)"}).out, negative.out);
  QCOMPARE(runCli({"derive", "--expr", "-log(p)"}).out, negative.out);
}

void TestCliFormula::deriveJson_data() {
  QTest::addColumn<QString>("formula");
  QTest::addColumn<QString>("value");
  QTest::addColumn<QString>("d1");
  QTest::addColumn<QString>("d2");
  QTest::addColumn<bool>("aggregate");
  // (ŷ − y)²: 2(ŷ − y), 2.
  QTest::newRow("square(p - y)") << "square(p - y)"
                                 << "square(p - y)"
                                 << "2*(p - y)"
                                 << "2" << false;
  // log cosh r: tanh r, 1 − tanh² r.
  QTest::newRow("log_cosh") << "log_cosh(r)"
                            << "log_cosh(r)"
                            << "tanh(r)"
                            << "1 - square(tanh(r))" << false;
  // ½ r² (r^2 is shown as square(r)) simplifies to a first derivative r and a second
  // derivative 1.
  QTest::newRow("0.5*r^2") << "0.5*r^2"
                           << "0.5*square(r)"
                           << "r"
                           << "1" << false;
  // exp(ŷ) is its own derivative.
  QTest::newRow("exp(p)") << "exp(p)"
                          << "exp(p)"
                          << "exp(p)"
                          << "exp(p)" << false;
  // Seed 002's RMSE √(mean r²): ∂/∂ŷ_i = r_i / (N √(mean r²)) — an aggregate.
  QTest::newRow("rmse aggregate") << "sqrt(mean(square(r)))"
                                  << "sqrt(mean(square(r)))"
                                  << "r/N/sqrt(mean(square(r)))"
                                  << "" << true;
}

void TestCliFormula::deriveJson() {
  QFETCH(QString, formula);
  QFETCH(QString, value);
  QFETCH(QString, d1);
  QFETCH(QString, d2);
  QFETCH(bool, aggregate);
  const CliRun run = runCli({"derive", "--json", formula});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QCOMPARE(run.out.count('\n'), 1);
  const QJsonObject result = parseObject(run.out);
  QCOMPARE(result.keys(), (QStringList{"aggregate", "d1", "d2", "params", "value"}));
  QCOMPARE(result.value("value").toString(), value);
  QCOMPARE(result.value("d1").toString(), d1);
  if (!d2.isEmpty()) {
    QCOMPARE(result.value("d2").toString(), d2);
  }
  QVERIFY(result.value("d2").isString());
  QCOMPARE(result.value("aggregate").toBool(), aggregate);
  QVERIFY(result.value("params").toArray().isEmpty());
}

void TestCliFormula::deriveParams() {
  // Declared: default, range and log scale as written; used but undeclared: default 1,
  // unbounded (written as the CLI's -Infinity / Infinity strings).
  const CliRun run =
      runCli({"derive", "--json", "delta = 0.5 in [0.01, 10] log\nk*delta*log_cosh(r/delta)"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  const QJsonArray params = parseObject(run.out).value("params").toArray();
  QCOMPARE(params.size(), 2);
  const QJsonObject delta = params.at(0).toObject();
  QCOMPARE(delta.keys(), (QStringList{"declared", "default", "log_scale", "max", "min", "name"}));
  QCOMPARE(delta.value("name").toString(), QStringLiteral("delta"));
  QCOMPARE(delta.value("default").toDouble(), 0.5);
  QCOMPARE(delta.value("min").toDouble(), 0.01);
  QCOMPARE(delta.value("max").toDouble(), 10.0);
  QCOMPARE(delta.value("log_scale").toBool(), true);
  QCOMPARE(delta.value("declared").toBool(), true);
  const QJsonObject k = params.at(1).toObject();
  QCOMPARE(k.value("name").toString(), QStringLiteral("k"));
  QCOMPARE(k.value("default").toDouble(), 1.0);
  QCOMPARE(k.value("min").toString(), QStringLiteral("-Infinity"));
  QCOMPARE(k.value("max").toString(), QStringLiteral("Infinity"));
  QCOMPARE(k.value("declared").toBool(), false);

  const CliRun text =
      runCli({"derive", "delta = 0.5 in [0.01, 10] log\nk*delta*log_cosh(r/delta)"});
  QVERIFY(text.out.contains("  delta = 0.5  in [0.01, 10], log scale\n"));
  QVERIFY(text.out.contains("  k = 1  unbounded  (undeclared: default 1)\n"));
}

void TestCliFormula::evalExprJson_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<double>("value");
  QTest::addColumn<QList<double>>("grad");
  QTest::addColumn<QString>("params");  // the "params" object as compact JSON

  // ŷ = 1, 2, 4 and y = 0, 2, 2 → r = 1, 0, 2. square(r) is Keras MSE: ℓ = 1, 0, 4,
  // sum_over_batch_size 5/3, ∂/∂ŷ_i = 2 r_i / 3.
  QTest::newRow("square(r)") << QStringList{"--expr", "square(r)"} << 5.0 / 3
                             << QList<double>{2.0 / 3, 0, 4.0 / 3} << "{}";
  // k = 2 doubles both.
  QTest::newRow("k*square(r), k=2")
      << QStringList{"--expr", "k*square(r)", "--param", "k=2"} << 10.0 / 3
      << QList<double>{4.0 / 3, 0, 8.0 / 3} << "{\"k\":2}";
  // A declared parameter at its default: δ = 0.5, where(|r| ≤ δ, ½r², δ(|r| − ½δ)) is Huber:
  // ℓ = 0.375, 0, 0.875 → 1.25/3; h′ = δ·sign(r) outside → 0.5, 0, 0.5, over N = 3.
  QTest::newRow("declared huber")
      << QStringList{"--expr",
                     "delta = 0.5 in [0.01, 10]\n"
                     "where(abs(r) <= delta, 0.5*square(r), delta*(abs(r) - 0.5*delta))"}
      << 1.25 / 3 << QList<double>{0.5 / 3, 0, 0.5 / 3} << "{\"delta\":0.5}";
  // Seed 002's RMSE: one scalar √(5/3); ∂/∂ŷ_i = r_i / (N √(5/3)).
  QTest::newRow("rmse aggregate") << QStringList{"--expr", "sqrt(mean(square(r)))"}
                                  << std::sqrt(5.0 / 3)
                                  << QList<double>{1 / (3 * std::sqrt(5.0 / 3)), 0,
                                                   2 / (3 * std::sqrt(5.0 / 3))}
                                  << "{}";
}

void TestCliFormula::evalExprJson() {
  QFETCH(QStringList, arguments);
  QFETCH(double, value);
  QFETCH(QList<double>, grad);
  QFETCH(QString, params);
  const QString pred = file("pred3.csv", "1\n2\n4\n");
  const QString truth = file("true3.csv", "0\n2\n2\n");
  const CliRun run =
      runCli(QStringList{"eval", "--json", "--y-pred", pred, "--y-true", truth} + arguments);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
  const QJsonObject result = parseObject(run.out);
  QCOMPARE(result.keys(), (QStringList{"formula", "grad", "grads", "loss", "params", "per_sample",
                                       "reduction", "value"}));
  QCOMPARE(result.value("loss").toString(), QStringLiteral("custom"));
  QCOMPARE(result.value("formula").toString(), arguments.at(1));  // the source as given
  QCOMPARE(result.value("reduction").toString(), QStringLiteral("sum_over_batch_size"));
  QCOMPARE(QString::fromUtf8(
               QJsonDocument(result.value("params").toObject()).toJson(QJsonDocument::Compact)),
           params);
  LOSSLAB_VERIFY_NEAR(result.value("value").toDouble(), value, losslab::test::kExactTolerance);
  const QList<double> gradient = column(result.value("grad").toArray());
  QCOMPARE(gradient.size(), grad.size());
  for (qsizetype i = 0; i < grad.size(); ++i) {
    LOSSLAB_VERIFY_NEAR(gradient.at(i), grad.at(i), losslab::test::kExactTolerance);
  }
}

void TestCliFormula::evalExprText() {
  const QString pred = file("pred3.csv", "1\n2\n4\n");
  const QString truth = file("true3.csv", "0\n2\n2\n");
  const CliRun run = runCli({"eval", "--expr", "k = 1\nk*square(r)", "--param", "k=2", "--y-pred",
                             pred, "--y-true", truth});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  // The formula on one line (';' for the line break), then the loss with its parameters.
  QVERIFY2(run.out.startsWith("formula    k = 1; k*square(r)\nloss       custom (k=2)\n"),
           qPrintable(run.out));
  QVERIFY(run.out.contains("value      3.33333333333333"));  // 2 · 5/3
}

void TestCliFormula::curveExpr() {
  // square(r) with y = 0.5 at ŷ = −1, 0, 1: r = −1.5, −0.5, 0.5 → 2.25, 0.25, 0.25;
  // d1 = 2r = −3, −1, 1; d2 = 2.
  const CliRun run = runCli({"curve", "--expr", "square(r)", "--from", "-1", "--to", "1",
                             "--points", "3", "--target", "0.5"});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QCOMPARE(run.out, QStringLiteral("x,loss,dloss,d2loss\n-1,2.25,-3,2\n0,0.25,-1,2\n1,0.25,1,2\n"));
  // k|r| with k = 2 on the default residual path [−3, 3], y = 0: 6, 0, 6; d1 = −2, 0 (TF: abs′(0)
  // = 0), 2; d2 = 0.
  const CliRun scaled = runCli({"curve", "--expr", "k*abs(r)", "--param", "k=2", "--points", "3"});
  QCOMPARE(scaled.out, QStringLiteral("x,loss,dloss,d2loss\n-3,6,-2,0\n0,0,0,0\n3,6,2,0\n"));

  // Issue 13: an extra input is held at the file's first value (2.5; row 2 is 7), so the curve
  // of w*r² is 2.5·x² (y = 0): 2.5, 0, 2.5; d1 = 5x = −5, 0, 5; d2 = 5.
  const QString w = file("w_curve.csv", "2.5\n7\n");
  const CliRun held = runCli({"curve", "--expr", "w*square(r)", "--input", "w=" + w, "--from", "-1",
                              "--to", "1", "--points", "3"});
  QVERIFY2(held.exitCode == 0, qPrintable(held.err));
  QCOMPARE(held.out, QStringLiteral("x,loss,dloss,d2loss\n-1,2.5,-5,5\n0,0,0,5\n1,2.5,5,5\n"));
  const CliRun unread = runCli({"curve", "--expr", "w*square(r)", "--input", "v=" + w});
  QCOMPARE(unread.exitCode, 2);
  QVERIFY2(unread.err.contains("does not read the input 'v'"), qPrintable(unread.err));
  const CliRun builtIn = runCli({"curve", "--loss", "huber", "--input", "w=" + w});
  QCOMPARE(builtIn.exitCode, 2);
  QVERIFY2(builtIn.err.contains("--input applies to a formula"), qPrintable(builtIn.err));
}

void TestCliFormula::exportCode_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QStringList>("expected");  // substrings of the code

  QTest::newRow("formula to keras")
      << QStringList{"--expr", "k*abs(r)", "--param", "k=2", "--to", "keras"}
      << QStringList{"import keras", "class CustomLoss(keras.losses.Loss):", "k=2.0", "ops.abs(r)",
                     "reduction=\"sum_over_batch_size\""};
  QTest::newRow("formula to pytorch")
      << QStringList{"--expr", "k*abs(r)", "--param", "k=2", "--to", "pytorch"}
      << QStringList{"import torch", "class CustomLoss(nn.Module):", "k: float = 2.0",
                     "torch.abs(r)", "reduction: str = \"mean\""};
  QTest::newRow("built-in to keras with a parameter")
      << QStringList{"--loss", "huber", "--param", "delta=0.5", "--to", "keras"}
      << QStringList{"import keras", "'huber'", "0.5"};
  QTest::newRow("built-in to torch")
      << QStringList{"--loss", "huber", "--to", "torch"} << QStringList{"import torch", "'huber'"};
  QTest::newRow("--name and --reduction, keras")
      << QStringList{"--loss", "huber", "--to", "keras", "--name", "MyHuber", "--reduction", "sum"}
      << QStringList{"class MyHuberLoss(keras.losses.Loss):", "def make_my_huber_loss(",
                     "name=\"MyHuber\"", "reduction=\"sum\""};
  QTest::newRow("--name and --reduction, pytorch")
      << QStringList{"--expr", "abs(r)", "--to",        "pytorch",
                     "--name", "my l1",  "--reduction", "none"}
      << QStringList{"def my_l1_loss(", "class MyL1Loss(nn.Module):", "reduction: str = \"none\""};
}

void TestCliFormula::exportRefusesAnUnknownReduction() {
  const CliRun run = runCli(
      {"export", "--loss", "huber", "--to", "pytorch", "--reduction", "sum_over_batch_size"});
  QCOMPARE(run.exitCode, 2);
  QVERIFY(run.out.isEmpty());
  QVERIFY2(run.err.contains("reduction 'sum_over_batch_size' is not one of PyTorch's: mean, sum, "
                            "none"),
           qPrintable(run.err));
  const CliRun blank = runCli({"export", "--loss", "huber", "--to", "keras", "--name", " "});
  QCOMPARE(blank.exitCode, 2);
  QVERIFY2(blank.err.contains("--name is empty"), qPrintable(blank.err));
}

void TestCliFormula::exportCode() {
  QFETCH(QStringList, arguments);
  QFETCH(QStringList, expected);
  const CliRun run = runCli(QStringList{"export"} + arguments);
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY(run.err.isEmpty());
  for (const QString& text : expected) {
    QVERIFY2(run.out.contains(text), qPrintable(text + "\n---\n" + run.out));
  }
}

void TestCliFormula::exportToFile() {
  QTemporaryDir dir;
  const QString out = dir.filePath("loss.py");
  const CliRun run = runCli({"export", "--expr", "log_cosh(r)", "--to", "pytorch", "--out", out});
  QVERIFY2(run.exitCode == 0, qPrintable(run.err));
  QVERIFY(run.out.isEmpty());
  QFile f(out);
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QString code = QString::fromUtf8(f.readAll());
  // The same text as on standard output, written atomically (no temporary left behind).
  QCOMPARE(code, runCli({"export", "--expr", "log_cosh(r)", "--to", "pytorch"}).out);
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"loss.py"});
}

void TestCliFormula::help_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("expected");
  QTest::newRow("--help lists derive") << QStringList{"--help"} << "  derive ";
  QTest::newRow("--help lists export") << QStringList{"--help"} << "  export ";
  QTest::newRow("derive --help functions") << QStringList{"derive", "--help"} << "log_cosh";
  QTest::newRow("derive --help declarations")
      << QStringList{"derive", "--help"} << "NAME = DEFAULT [in [MIN, MAX]] [log]";
  QTest::newRow("derive --help caret") << QStringList{"derive", "-h"} << "caret '^'";
  QTest::newRow("export --help") << QStringList{"export", "--help"} << "--to FRAMEWORK";
  QTest::newRow("eval --help --expr") << QStringList{"eval", "--help"} << "--expr FORMULA";
  QTest::newRow("curve --help --expr") << QStringList{"curve", "--help"} << "--expr FORMULA";
}

void TestCliFormula::help() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, expected);
  const CliRun run = runCli(arguments);
  QCOMPARE(run.exitCode, 0);
  QVERIFY2(run.out.contains(expected), qPrintable(run.out));
  QVERIFY(run.err.isEmpty());
}

void TestCliFormula::parseErrors_data() {
  QTest::addColumn<QStringList>("arguments");  // "@p", "@t": small CSV files
  QTest::addColumn<QString>("message");        // first line after "losslab-cli: error: "
  QTest::addColumn<QString>("line");           // the formula line shown
  QTest::addColumn<int>("caret");              // 0-based column of the '^'

  // "square(r" ends without its ')': the parser points at the '(' it could not close, character
  // 7 (offset 6).
  const QString unbalanced = "square(r";
  const QString unbalancedMessage =
      "unbalanced '(' of square(: expected ',' or ')' before the end (at character 7)";
  QTest::newRow("derive") << QStringList{"derive", unbalanced} << unbalancedMessage << unbalanced
                          << 6;
  QTest::newRow("derive --json") << QStringList{"derive", "--json", unbalanced} << unbalancedMessage
                                 << unbalanced << 6;
  QTest::newRow("eval --expr") << QStringList{"eval", "--expr",   unbalanced, "--y-pred",
                                              "@p",   "--y-true", "@t"}
                               << unbalancedMessage << unbalanced << 6;
  QTest::newRow("curve --expr") << QStringList{"curve", "--expr", unbalanced} << unbalancedMessage
                                << unbalanced << 6;
  QTest::newRow("export --expr") << QStringList{"export", "--expr", unbalanced, "--to", "keras"}
                                 << unbalancedMessage << unbalanced << 6;
  QTest::newRow("train --expr") << QStringList{"train", "--dataset", "linear", "--expr", unbalanced}
                                << unbalancedMessage << unbalanced << 6;
  // The error is on the second line: that line is shown, the caret under 's' of "squre".
  QTest::newRow("unknown function, second line")
      << QStringList{"derive", "k = 1\nk*squre(r)"}
      << "unknown function 'squre'; did you mean 'square'? (at character 9)"
      << "k*squre(r)" << 2;
  QTest::newRow("bad character") << QStringList{"derive", "r $ 2"}
                                 << "unexpected character '$' (at character 3)"
                                 << "r $ 2" << 2;
  QTest::newRow("no y_pred") << QStringList{"derive", "square(y)"}
                             << "the formula does not use y_pred: write it with p, y_pred or r "
                                "(at character 1)"
                             << "square(y)" << 0;
}

void TestCliFormula::parseErrors() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, message);
  QFETCH(QString, line);
  QFETCH(int, caret);
  const QString pred = file("err_p.csv", "1\n2\n");
  const QString truth = file("err_t.csv", "1\n3\n");
  QStringList args;
  for (const QString& argument : arguments) {
    args << (argument == "@p" ? pred : argument == "@t" ? truth : argument);
  }
  const CliRun run = runCli(args);
  QCOMPARE(run.exitCode, 2);  // a usage error
  QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
  const QStringList lines = run.err.split('\n');
  QCOMPARE(lines.size(), 4);  // message, formula line, caret line, and the final newline
  QCOMPARE(lines[0], "losslab-cli: error: " + message);
  QCOMPARE(lines[1], line);
  QCOMPARE(lines[2], QString(caret, ' ') + '^');
  QCOMPARE(lines[3], QString());
}

void TestCliFormula::errors_data() {
  QTest::addColumn<QStringList>("arguments");
  QTest::addColumn<QString>("message");  // expected start of stderr after "losslab-cli: error: "
  // Every row is a usage error (exit status 2).
  QTest::newRow("derive without a formula")
      << QStringList{"derive"} << "'derive' needs a formula, e.g. losslab-cli derive 'square(r)'";
  QTest::newRow("derive with two formulas")
      << QStringList{"derive", "square(r)", "abs(r)"} << "'derive' takes one formula";
  QTest::newRow("derive positional and --expr")
      << QStringList{"derive", "square(r)", "--expr", "abs(r)"} << "give the formula once";
  QTest::newRow("derive unknown option")
      << QStringList{"derive", "--yaml", "square(r)"} << "unknown option '--yaml' for 'derive'";
  QTest::newRow("export without --to")
      << QStringList{"export", "--loss", "huber"} << "'export' needs --to";
  QTest::newRow("export to an unknown framework")
      << QStringList{"export", "--loss", "huber", "--to", "jax"}
      << "--to takes keras or pytorch, not 'jax'";
  QTest::newRow("export without a loss")
      << QStringList{"export", "--to", "keras"} << "'export' needs --loss ID or --expr FORMULA";
  // Keras' hinge converts {0, 1} labels depending on the whole batch: no faithful PyTorch code.
  QTest::newRow("export without a faithful equivalent")
      << QStringList{"export", "--loss", "hinge", "--to", "pytorch"}
      << "no PyTorch equivalent of 'hinge'";
  QTest::newRow("export unknown loss")
      << QStringList{"export", "--loss", "hubr", "--to", "keras"} << "unknown loss 'hubr'";
  QTest::newRow("export into a missing directory")
      << QStringList{"export", "--loss", "huber", "--to", "keras", "--out", "/no/such/dir/x.py"}
      << "--out '/no/such/dir/x.py': the directory '/no/such/dir' does not exist";
  QTest::newRow("both --loss and --expr")
      << QStringList{"curve", "--loss", "huber", "--expr", "square(r)"}
      << "give either --loss ID or --expr FORMULA, not both";
  QTest::newRow("curve without a loss")
      << QStringList{"curve"} << "'curve' needs --loss ID or --expr FORMULA";
  QTest::newRow("unknown formula parameter")
      << QStringList{"curve", "--expr", "k*square(r)", "--param", "q=2"}
      << "unknown parameter 'q' for the formula (accepted: k)";
  QTest::newRow("formula without parameters")
      << QStringList{"curve", "--expr", "square(r)", "--param", "q=2"}
      << "unknown parameter 'q' for the formula (it has no parameters)";
  QTest::newRow("outside the declared range")
      << QStringList{"curve", "--expr", "k = 1 in [0, 2]\nk*square(r)", "--param", "k=3"}
      << "parameter 'k' = 3 is out of range; valid: [0, 2]";
  QTest::newRow("parameter not a number")
      << QStringList{"curve", "--expr", "k*square(r)", "--param", "k=big"}
      << "parameter 'k' needs a number, not 'big'";
  QTest::newRow("bench with --loss and --expr")
      << QStringList{"bench", "--loss", "huber", "--expr", "square(r)"}
      << "give either --loss ID or --expr FORMULA, not both";
}

void TestCliFormula::errors() {
  QFETCH(QStringList, arguments);
  QFETCH(QString, message);
  const CliRun run = runCli(arguments);
  QCOMPARE(run.exitCode, 2);
  QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
  const QString expected = "losslab-cli: error: " + message;
  QVERIFY2(run.err.startsWith(expected),
           qPrintable(QStringLiteral("stderr: %1\nexpected start: %2").arg(run.err, expected)));
  QCOMPARE(run.err.count('\n'), 1);  // one line: not a parse error, no caret
}

QTEST_MAIN(TestCliFormula)
#include "tst_cli_formula.moc"
