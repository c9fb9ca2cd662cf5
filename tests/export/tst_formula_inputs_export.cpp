// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 13: a formula that reads extra inputs (--input NAME=FILE) exports to both frameworks.
//  * Keras: Keras 3 hands a loss y_true and y_pred only, so the inputs travel in y_true
//    (pack_y_true(y_true, NAME=...)). The generated class through Loss.__call__ (raw shapes),
//    the closure through LossFunctionWrapper (what compile(loss=fn) builds) and the class rebuilt
//    from get_config() all run against tests/export/keras_standin.
//  * PyTorch: the inputs are keyword arguments named as on the CLI: loss(input, target, w=w).
// The reference is `losslab-cli eval` with the same files (≤ 1e-10 relative), with more than
// one column and inputs narrower than y_pred (a one-column input is a per-sample value).
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "tests/cli_runner.h"

using losslab::test::CliRun;
using losslab::test::parseObject;
using losslab::test::runCli;
using losslab::test::writeTextFile;

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");
constexpr double kTolerance = 1e-10;

// Runs the exported modules k.py (Keras) and t.py (PyTorch) on the CSV files in float64.
const char* kDriver = R"PY(
import json, sys
import numpy as np
import torch
torch.set_default_dtype(torch.float64)
import keras
sys.path.insert(0, sys.argv[1])
import k, t
load = lambda name: np.loadtxt(sys.argv[1] + "/" + name + ".csv", delimiter=",", ndmin=2)
y_true, y_pred = load("y_true"), load("y_pred")
extras = {name: load(name) for name in sys.argv[2].split(",")}
as_t = lambda a: torch.tensor(a, dtype=torch.float64)
packed = k.pack_y_true(as_t(y_true), **{n: as_t(v) for n, v in extras.items()})
cls = [c for c in vars(k).values() if isinstance(c, type) and issubclass(c, keras.losses.Loss)
       and c.__module__ == "k"][0]
make = [f for n, f in vars(k).items() if n.startswith("make_")][0]
loss = cls()
module = [c for c in vars(t).values() if isinstance(c, type) and issubclass(c, torch.nn.Module)
          and c.__module__ == "t"][0]
print(json.dumps({
    "packed_shape": list(packed.shape),
    "class": loss(packed, as_t(y_pred)).item(),
    "wrapper": keras.losses.LossFunctionWrapper(make())(packed, as_t(y_pred)).item(),
    "from_config": cls.from_config(loss.get_config())(packed, as_t(y_pred)).item(),
    "torch_keywords": module()(as_t(y_pred), as_t(y_true),
                               **{n: as_t(v) for n, v in extras.items()}).item(),
}))
)PY";

}  // namespace

class TestFormulaInputsExport : public QObject {
  Q_OBJECT

 private slots:
  void exportsEqualEval_data();
  void exportsEqualEval();
};

void TestFormulaInputsExport::exportsEqualEval_data() {
  QTest::addColumn<QString>("formula");
  QTest::addColumn<QStringList>("inputs");
  // An element formula with a per-sample weight (one column) and a full-width input.
  QTest::newRow("weighted, two inputs")
      << "a = 0.5\nw*square(r) + a*abs(y_pred - teacher)" << QStringList{"w", "teacher"};
  // Knowledge distillation written as a formula: row-wise softmax of the teacher's logits.
  QTest::newRow("distillation, row-wise")
      << "T = 2\nT^2*row_sum(softmax(teacher/T)*(log_softmax(teacher/T) - log_softmax(y_pred/T)))"
      << QStringList{"teacher"};
}

void TestFormulaInputsExport::exportsEqualEval() {
  QFETCH(QString, formula);
  QFETCH(QStringList, inputs);
  QProcess probe;
  probe.start(kPython, {"-c", "import torch, numpy"});
  if (!probe.waitForFinished(120000) || probe.exitCode() != 0) {
    QSKIP("python3 with torch and numpy is not installed");
  }
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const QString d = dir.path();
  writeTextFile(d, "y_true.csv", "0.1,-0.4,1.2\n0.7,0.3,-1.1\n-0.2,0.9,0.5\n1.5,-0.8,0.05\n");
  writeTextFile(d, "y_pred.csv", "0.3,-0.1,0.8\n0.2,0.6,-1.4\n-0.9,1.3,0.1\n1.1,-0.2,0.6\n");
  writeTextFile(d, "w.csv", "0.5\n2\n1.25\n0.75\n");
  writeTextFile(d, "teacher.csv", "1.2,-0.3,0.4\n-0.6,0.8,2.1\n0.0,0.3,-1.7\n0.9,0.9,-0.2\n");

  QStringList evalArgs{"eval",     "--json",          "--expr",   formula,
                       "--y-true", d + "/y_true.csv", "--y-pred", d + "/y_pred.csv"};
  QStringList exportArgs{"export", "--expr", formula};
  for (const QString& name : inputs) {
    evalArgs << "--input" << name + "=" + d + "/" + name + ".csv";
    exportArgs << "--input" << name;
  }
  const CliRun eval = runCli(evalArgs);
  QVERIFY2(eval.exitCode == 0, qPrintable(eval.err));
  const double expected = parseObject(eval.out).value("value").toDouble();
  for (const auto& [target, module] : {std::pair{"keras", "k.py"}, std::pair{"pytorch", "t.py"}}) {
    const CliRun exported =
        runCli(exportArgs + QStringList{"--to", target, "--out", d + "/" + module});
    QVERIFY2(exported.exitCode == 0, qPrintable(QString(target) + ": " + exported.err));
  }

  QProcess python;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("PYTHONPATH", LOSSLAB_SOURCE_DIR "/tests/export/keras_standin");
  python.setProcessEnvironment(env);
  python.start(kPython, {"-c", kDriver, d, inputs.join(',')});
  QVERIFY(python.waitForFinished(300000));
  const QString err = QString::fromUtf8(python.readAllStandardError());
  QVERIFY2(python.exitCode() == 0, qPrintable(err));
  const QJsonObject result = parseObject(QString::fromUtf8(python.readAllStandardOutput()));
  // y_pred's 3 columns of target, then each input widened to 3 columns.
  QCOMPARE(result.value("packed_shape").toVariant().toList().at(1).toInt(),
           3 * (1 + static_cast<int>(inputs.size())));
  for (const QString& key : QStringList{"class", "wrapper", "from_config", "torch_keywords"}) {
    const double got = result.value(key).toDouble(std::nan(""));
    QVERIFY2(
        std::fabs(got - expected) <= kTolerance * std::max(1.0, std::fabs(expected)),
        qPrintable(
            QString("%1: %2, eval %3").arg(key).arg(got, 0, 'g', 17).arg(expected, 0, 'g', 17)));
  }
}

QTEST_GUILESS_MAIN(TestFormulaInputsExport)
#include "tst_formula_inputs_export.moc"
