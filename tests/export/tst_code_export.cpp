// SPDX-License-Identifier: GPL-3.0-or-later
// "Export as code" (issue 6). The exported Python is run, not just read:
//  * PyTorch: every exported module is imported by a driver under /usr/bin/python3 with torch,
//    which computes the loss and its autograd gradient in float64 on the same deterministic
//    random data as the engine; both must agree to 1e-10 (relative).
//  * Keras: TensorFlow/Keras cannot be installed here, so the export is byte-compiled with
//    `python3 -m py_compile`, then run against a minimal NumPy stand-in for `keras` /
//    `keras.ops` written by this test (values only: NumPy has no autodiff).
// The formula equivalents of built-in losses are checked in C++ against the built-in kernels,
// which are an independent implementation (hand-derived analytic gradients).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <limits>
#include <random>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/export/code_export.h"
#include "core/formula/formula_loss.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

constexpr double kTolerance = test::kFloat64Tolerance;  // issue 6: 1e-10 relative
const QString kPython = QStringLiteral("/usr/bin/python3");
constexpr int kPythonTimeoutMs = 300000;  // importing torch on a busy 2-core machine

/// Inputs of one case: y_true (absent for triplet), y_pred and extra tensors.
struct Data {
  std::optional<Tensor> yTrue;
  Tensor yPred;
  std::map<std::string, Tensor> extras;
};

/// Deterministic random tensors (fixed seed): the same numbers on every run and platform.
class Generator {
 public:
  explicit Generator(unsigned seed) : m_engine(seed) {}
  Tensor uniform(int rows, int cols, double lo, double hi) {
    std::uniform_real_distribution<double> d(lo, hi);
    Tensor t(rows, cols);
    for (Eigen::Index k = 0; k < t.size(); ++k) {
      t.data()[k] = d(m_engine);
    }
    return t;
  }
  Tensor labels(int rows, int cols, const std::vector<double>& values) {
    std::uniform_int_distribution<std::size_t> d(0, values.size() - 1);
    Tensor t(rows, cols);
    for (Eigen::Index k = 0; k < t.size(); ++k) {
      t.data()[k] = values[d(m_engine)];
    }
    return t;
  }

 private:
  std::mt19937 m_engine;
};

/// A loss to export and run: a formula (source) or a built-in (id), with parameter values that
/// differ from the defaults, so that a value not carried into the code would show.
struct Case {
  QString name;
  QString source;  // formula source, or empty
  QString id;      // built-in id, or empty
  ParamValues params;
  Data data;
  QStringList torchInputs = {"y_pred", "y_true"};  // positional tensors of forward()
  bool torch = true;                               // run the PyTorch export
  bool keras = true;                               // run the Keras export (formula path only)
};

/// y = y_pred for a few elements: every kink at r = 0 is hit exactly.
Data withTies(Data data) {
  for (Eigen::Index k = 0; k < data.yPred.size(); k += 3) {
    data.yPred.data()[k] = data.yTrue->data()[k];
  }
  return data;
}

Data regression(Generator& g, int rows, int cols, double lo, double hi) {
  return withTies({g.uniform(rows, cols, lo, hi), g.uniform(rows, cols, lo, hi), {}});
}

std::vector<Case> makeCases() {
  Generator g(20240611);
  std::vector<Case> cases;
  auto addFormula = [&](QString name, QString source, ParamValues params, Data data) {
    Case c;
    c.name = std::move(name);
    c.source = std::move(source);
    c.params = std::move(params);
    c.data = std::move(data);
    cases.push_back(c);
  };
  auto builtIn = [&](QString name, QString id, ParamValues params, Data data) {
    Case c;
    c.name = std::move(name);
    c.id = std::move(id);
    c.params = std::move(params);
    c.data = std::move(data);
    cases.push_back(c);
    return &cases.back();
  };
  addFormula("formula MSE square(p - y)", "square(p - y)", {}, regression(g, 3, 4, -2, 2));
  addFormula("formula MAE abs(r)", "abs(r)", {}, regression(g, 3, 4, -2, 2));
  addFormula("formula Huber delta=1.3",
             "delta = 1.0 in [0.01, 10]\n"
             "where(abs(r) <= delta, 0.5*square(r), delta*abs(r) - 0.5*delta^2)",
             {{"delta", 1.3}}, regression(g, 4, 3, -3, 3));
  addFormula("formula log-cosh", "log_cosh(r)", {}, regression(g, 3, 4, -4, 4));
  addFormula("formula temperature MSE T=0.75 (seed 000)", "T = 0.6\nsquare(y_pred - y_true) * T",
             {{"T", 0.75}}, regression(g, 3, 4, -2, 2));
  addFormula("formula RMSE over the batch (seed 002)", "sqrt(mean(square(r)))", {},
             regression(g, 4, 3, -2, 2));
  addFormula("formula contrastive m=1.2 (seed 002)",
             "m = 1\ny*square(p) + (1 - y)*square(max(m - p, 0))", {{"m", 1.2}},
             {g.labels(8, 1, {0, 1}), g.uniform(8, 1, 0, 2.5), {}});
  addFormula("formula clip/where/and/relu/sigmoid/min, parameter named lambda",
             "lambda = 0.3\nk = 2\n"
             "where(r > 0 and p < 1, relu(r)*sigmoid(k*p), square(clip(r, -0.5, 0.5))) + "
             "lambda*softplus(p) + (r < 0)*min(p, y) + where(r > 0, 1, 0.5)*abs(r) + "
             "(not p > 0 or y > 0)*p",
             {{"lambda", 0.4}}, regression(g, 5, 4, -2, 2));
  // Every tie of the TF conventions at once: max and min pass to their first argument,
  // abs′(0) = relu′(0) = 0, clip passes at its bounds, where(r >= 0) picks the first branch.
  addFormula("formula ties at every kink",
             "max(p, y) + 3*min(y, p) + abs(r) + relu(r) + clip(p, 0, 1) + where(r >= 0, 1, 0.5)*p",
             {},
             {test::tensor({{0, 0.5, 1}, {1.5, -0.5, 0}}),
              test::tensor({{0, 0.5, 1}, {1.5, -0.5, 0}}),
              {}});
  addFormula("formula aggregate with constants",
             "where(mean(r) > 0, 1, 2)*mean(square(r)) + 0.01*sum(1)", {},
             regression(g, 3, 3, -2, 2));

  builtIn("built-in huber delta=0.7", "huber", {{"delta", 0.7}}, regression(g, 4, 3, -2, 2));
  builtIn("built-in log_cosh", "log_cosh", {}, regression(g, 4, 3, -3, 3));
  builtIn("built-in ceres_cauchy a=0.8 (one column)", "ceres_cauchy", {{"a", 0.8}},
          regression(g, 8, 1, -3, 3));
  builtIn("built-in pinball tau=0.3", "pinball", {{"tau", 0.3}}, regression(g, 4, 3, -2, 2));
  builtIn("built-in barron_general alpha=0.5 scale=1.3", "barron_general",
          {{"alpha", 0.5}, {"scale", 1.3}}, regression(g, 4, 3, -3, 3));
  builtIn("built-in barron_general alpha=0 scale=0.9", "barron_general",
          {{"alpha", 0.0}, {"scale", 0.9}}, regression(g, 4, 3, -3, 3));
  builtIn("built-in torch_huber delta=0.9", "torch_huber", {{"delta", 0.9}},
          regression(g, 4, 3, -2, 2));
  builtIn("built-in tweedie_deviance power=1.5", "tweedie_deviance", {{"power", 1.5}},
          {g.uniform(4, 3, 0, 3), g.uniform(4, 3, 0.2, 3), {}});
  builtIn("built-in binary_crossentropy label_smoothing=0.1", "binary_crossentropy",
          {{"label_smoothing", 0.1}}, {g.labels(4, 3, {0, 1}), g.uniform(4, 3, 0.02, 0.98), {}})
      ->keras = false;  // Keras: a call of keras.losses.binary_crossentropy (not runnable here)
  builtIn("built-in hinge_embedding margin=0.8", "hinge_embedding", {{"margin", 0.8}},
          {g.labels(4, 3, {-1, 1}), g.uniform(4, 3, 0, 1.6), {}});

  // PyTorch: F.binary_cross_entropy_with_logits; Keras: softplus(z) - z*y.
  builtIn("built-in torch_bce_logits", "torch_bce_logits", {},
          {g.labels(4, 3, {0, 1}), g.uniform(4, 3, -3, 3), {}});
  Case* c = builtIn(
      "built-in margin_ranking margin=0.2 (F.margin_ranking_loss)", "margin_ranking",
      {{"margin", 0.2}},
      {g.labels(5, 2, {-1, 1}), g.uniform(5, 2, -1, 1), {{"input2", g.uniform(5, 2, -1, 1)}}});
  c->keras = false;
  c->torchInputs = {"y_pred", "input2", "y_true"};
  c = builtIn("built-in triplet_margin swap (F.triplet_margin_loss)", "triplet_margin",
              {{"margin", 0.5}, {"swap", 1}},
              {std::nullopt,
               g.uniform(4, 3, -1, 1),
               {{"positive", g.uniform(4, 3, -1, 1)}, {"negative", g.uniform(4, 3, -1, 1)}}});
  c->keras = false;
  c->torchInputs = {"y_pred", "positive", "negative"};
  // Class-probability targets of the logits' shape (soft rows, not summing to 1): the
  // exported prelude keeps them (labels are reshaped to (B,) integers).
  c = builtIn("built-in torch_cross_entropy probability targets label_smoothing=0.2",
              "torch_cross_entropy", {{"label_smoothing", 0.2}},
              {g.uniform(4, 3, 0, 1), g.uniform(4, 3, -2, 2), {}});
  c->keras = false;
  c = builtIn("built-in torch_cross_entropy labels label_smoothing=0.2", "torch_cross_entropy",
              {{"label_smoothing", 0.2}}, {g.labels(4, 1, {0, 1, 2}), g.uniform(4, 3, -2, 2), {}});
  c->keras = false;
  return cases;
}

/// The loss of a case, or null if its built-in id is not registered (yet).
LossPtr makeLoss(const Case& c) {
  if (!c.source.isEmpty()) {
    return FormulaLoss::create(c.source.toStdString(), c.params);
  }
  if (!LossRegistry::instance().find(c.id.toStdString())) {
    return nullptr;
  }
  return LossRegistry::instance().create(c.id.toStdString(), c.params);
}

EvalRequest requestFor(const Data& data, std::optional<Reduction> reduction = std::nullopt) {
  EvalRequest request;
  if (data.yTrue) {
    request.yTrue = RankedTensor{*data.yTrue, 2};
  }
  request.yPred = RankedTensor{data.yPred, 2};
  for (const auto& [name, t] : data.extras) {
    request.extras[name] = RankedTensor{t, 2};
  }
  request.reduction = reduction;
  return request;
}

const Tensor& tensorNamed(const Data& data, const QString& name) {
  if (name == "y_pred") {
    return data.yPred;
  }
  if (name == "y_true") {
    return *data.yTrue;
  }
  return data.extras.at(name.toStdString());
}

QJsonArray toJson(const Tensor& t) {
  QJsonArray rows;
  for (Eigen::Index i = 0; i < t.rows(); ++i) {
    QJsonArray row;
    for (Eigen::Index j = 0; j < t.cols(); ++j) {
      row.append(t(i, j));  // Qt writes the shortest exact representation
    }
    rows.append(row);
  }
  return rows;
}

bool writeFile(const QString& path, const QByteArray& content) {
  QFile file(path);
  return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

struct PythonResult {
  bool ran = false;
  QString output;  // stdout, or the reason it did not run
  QString errors;  // stderr
};

PythonResult runPython(const QString& dir,
                       const QStringList& arguments,
                       const QString& pythonPath = QString()) {
  PythonResult result;
  QProcess process;
  process.setWorkingDirectory(dir);
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("PYTHONPATH", pythonPath.isEmpty() ? dir : pythonPath + ":" + dir);
  env.insert("PYTHONDONTWRITEBYTECODE", "1");
  process.setProcessEnvironment(env);
  process.start(kPython, arguments);
  if (!process.waitForStarted()) {
    result.output = kPython + " does not start: " + process.errorString();
    return result;
  }
  if (!process.waitForFinished(kPythonTimeoutMs)) {
    process.kill();
    process.waitForFinished();
    result.output = "python did not finish in time";
    return result;
  }
  result.ran = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
  result.output = QString::fromUtf8(process.readAllStandardOutput());
  result.errors = QString::fromUtf8(process.readAllStandardError());
  return result;
}

/// |a − b| ≤ tol · max(|a|, |b|).
bool relativelyClose(double a, double b, double tol) {
  return std::fabs(a - b) <= tol * std::fmax(std::fabs(a), std::fabs(b)) || (a == 0 && b == 0);
}

// The driver imports each exported module, finds its nn.Module and functional form, and
// returns the default-reduction value, the autograd gradient of the first input, the
// functional form's value and its reduction="sum" value.
const char* kTorchDriver = R"PY(
import importlib, inspect, json, sys, traceback
import torch

cases = json.load(open(sys.argv[1]))
out = {}
for case in cases:
    try:
        mod = importlib.import_module(case["module"])
        own = lambda o: getattr(o, "__module__", None) == mod.__name__
        modules = [c for c in vars(mod).values()
                   if inspect.isclass(c) and issubclass(c, torch.nn.Module) and own(c)]
        functions = [f for f in vars(mod).values() if inspect.isfunction(f) and own(f)]
        assert len(modules) == 1 and len(functions) == 1, (modules, functions)
        tensors = [torch.tensor(t, dtype=torch.float64) for t in case["inputs"]]
        tensors[0].requires_grad_(True)
        value = modules[0]()(*tensors)
        value.backward()
        plain = [t.detach() for t in tensors]
        out[case["name"]] = {
            "value": value.item(),
            "dtype": str(value.dtype),
            "grad": tensors[0].grad.tolist(),
            "functional": functions[0](*plain).item(),
            "sum": functions[0](*plain, reduction="sum").item(),
        }
    except Exception:
        out[case["name"]] = {"error": traceback.format_exc()}
print(json.dumps(out))
)PY";

// A minimal NumPy stand-in for the parts of Keras 3 the export uses.
const char* kFakeKerasInit = R"PY(
from . import config, losses, ops, saving
)PY";
const char* kFakeKerasSaving = R"PY(
def register_keras_serializable(package="Custom", name=None):
    return lambda cls: cls
)PY";
const char* kFakeKerasConfig = R"PY(
_epsilon = 1e-7
def epsilon():
    return _epsilon
def set_epsilon(value):
    global _epsilon
    _epsilon = value
)PY";
const char* kFakeKerasLosses = R"PY(
import numpy as np

class Loss:
    """keras.losses.Loss: call() then the reduction (scalars pass through unchanged)."""
    def __init__(self, name=None, reduction="sum_over_batch_size", dtype=None):
        self.name = name
        self.reduction = reduction
    def __call__(self, y_true, y_pred):
        values = np.asarray(self.call(np.asarray(y_true), np.asarray(y_pred)))
        if values.ndim == 0 or self.reduction in (None, "none"):
            return values
        if self.reduction == "sum":
            return np.sum(values)
        return np.sum(values) / values.size
    def get_config(self):
        return {"name": self.name, "reduction": self.reduction}
)PY";
const char* kFakeKerasOps = R"PY(
import numpy as np

def convert_to_tensor(x, dtype=None):
    return np.asarray(x, dtype=dtype)
def cast(x, dtype):
    return np.asarray(x).astype(dtype)
def size(x):
    return np.size(x)
def mean(x, axis=None):
    return np.mean(x, axis=axis)
def sum(x, axis=None):
    return np.sum(x, axis=axis)
def expand_dims(x, axis):
    return np.expand_dims(x, axis)
def squeeze(x, axis=None):
    return np.squeeze(x, axis=axis)
def where(c, a, b):
    return np.where(c, a, b)
def ones_like(x, dtype=None):
    return np.ones_like(x, dtype=dtype)
def zeros_like(x, dtype=None):
    return np.zeros_like(x, dtype=dtype)
less, less_equal, greater, greater_equal = np.less, np.less_equal, np.greater, np.greater_equal
equal, not_equal = np.equal, np.not_equal
logical_and, logical_or, logical_not = np.logical_and, np.logical_or, np.logical_not
abs, sign, exp, log, log1p, sqrt, square = np.abs, np.sign, np.exp, np.log, np.log1p, np.sqrt, np.square
sin, cos, tanh = np.sin, np.cos, np.tanh
def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x)))
def softplus(x):
    return np.logaddexp(0.0, x)
def relu(x):
    return np.maximum(x, 0.0)
)PY";

// Imports each Keras export against the stand-in: the class through Loss.__call__ (default
// reduction), the closure's per-sample values averaged, and the class rebuilt from get_config.
const char* kKerasDriver = R"PY(
import importlib, inspect, json, sys, traceback
import numpy as np
import keras

np.seterr(all="ignore")  # unselected where() branches may overflow, as in the engine
cases = json.load(open(sys.argv[1]))
out = {}
for case in cases:
    try:
        mod = importlib.import_module(case["module"])
        own = lambda o: getattr(o, "__module__", None) == mod.__name__
        classes = [c for c in vars(mod).values()
                   if inspect.isclass(c) and issubclass(c, keras.losses.Loss) and own(c)]
        factories = [f for n, f in vars(mod).items()
                     if inspect.isfunction(f) and own(f) and n.startswith("make_")]
        assert len(classes) == 1 and len(factories) == 1, (classes, factories)
        y_true, y_pred = (np.asarray(t, dtype=np.float64) for t in case["inputs"])
        loss = classes[0]()
        config = loss.get_config()
        per_sample = np.asarray(factories[0]()(y_true, y_pred))
        out[case["name"]] = {
            "value": float(loss(y_true, y_pred)),
            "closure": float(per_sample.mean() if per_sample.ndim else per_sample),
            "roundtrip": float(classes[0](**config)(y_true, y_pred)),
            "config": {k: v for k, v in config.items() if isinstance(v, (int, float, str))},
        }
    except Exception:
        out[case["name"]] = {"error": traceback.format_exc()}
print(json.dumps(out))
)PY";

}  // namespace

class TestCodeExport : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void exportedCodeStatesFormulaAndParameters();
  void kinksUseTensorFlowsConventions();
  void hostileNamesCannotInjectCode();
  void directCallsCarryTheParameters();
  void everyRegisteredLossExportsOrSaysWhyNot();
  void unsupportedBuiltInsGiveAClearError_data();
  void unsupportedBuiltInsGiveAClearError();
  void formulasWithRowFunctionsExport_data();
  void formulasWithRowFunctionsExport();
  void formulaEquivalentsReproduceTheBuiltIns_data();
  void formulaEquivalentsReproduceTheBuiltIns();
  void pytorchExportMatchesTheEngine_data();
  void pytorchExportMatchesTheEngine();
  void kerasExportMatchesTheEngine_data();
  void kerasExportMatchesTheEngine();

 private:
  void runTorchOnce();
  void runKerasOnce();

  std::vector<Case> m_cases;
  QTemporaryDir m_dir;
  bool m_torchDone = false;
  QString m_torchSkip;  // non-empty: why the PyTorch rows are skipped
  QJsonObject m_torchResults;
  bool m_kerasDone = false;
  QString m_kerasSkip;
  QString m_kerasCompileErrors;
  QJsonObject m_kerasResults;
};

void TestCodeExport::initTestCase() {
  m_cases = makeCases();
  QVERIFY(m_dir.isValid());
}

void TestCodeExport::exportedCodeStatesFormulaAndParameters() {
  const auto loss = FormulaLoss::create(
      "delta = 1.0 in [0.01, 10]\n"
      "where(abs(r) <= delta, 0.5*square(r), delta*abs(r) - 0.5*delta^2)",
      {{"delta", 1.3}}, "my huber");
  for (CodeTarget target : {CodeTarget::Keras, CodeTarget::PyTorch}) {
    const QString code = QString::fromStdString(exportCode(*loss, target));
    QVERIFY2(code.startsWith("# Generated by LossLab"), qPrintable(code));
    QVERIFY(code.contains("exported for " + QString::fromStdString(codeTargetName(target))));
    QVERIFY(code.contains("#   delta = 1.0 in [0.01, 10]\n"));
    QVERIFY(
        code.contains("#   where(abs(r) <= delta, 0.5*square(r), delta*abs(r) - 0.5*delta^2)\n"));
    QVERIFY(code.contains("#   delta = 1.3; in [0.01, 10]\n"));
    QVERIFY(code.contains("de/dy_pred = where(abs(r) <= delta, r, delta*sign(r))"));
    QVERIFY(code.contains("keras.config.epsilon()) is applied only where the formula says so"));
    QVERIFY(code.contains("delta=1.3") || code.contains("delta: float = 1.3"));  // current value
    QVERIFY(!code.contains("delta=1.0") && !code.contains("delta: float = 1.0"));
    if (target == CodeTarget::Keras) {
      QVERIFY(code.contains("class MyHuberLoss(keras.losses.Loss):"));
      QVERIFY(code.contains("name=\"my huber\", reduction=\"sum_over_batch_size\", **kwargs"));
      QVERIFY(code.contains("config.update({\"delta\": self.delta})"));
      QVERIFY(code.contains("def make_my_huber_loss(delta=1.3):"));
      QVERIFY(
          code.contains("@keras.saving.register_keras_serializable(package=\"LossLab\")\n"
                        "class MyHuberLoss"));
      QVERIFY(code.contains("y_true, y_pred = same_rank(y_true, y_pred)"));
      QVERIFY(code.contains("axis=-1"));
      QVERIFY(!code.contains("torch"));
    } else {
      QVERIFY2(
          code.contains("def my_huber_loss(\n    input: torch.Tensor,\n    target: torch.Tensor,\n"
                        "    delta: float = 1.3,\n    reduction: str = \"mean\",\n) -> "
                        "torch.Tensor:"),
          qPrintable(code));
      QVERIFY(code.contains("delta_t = torch.as_tensor(delta, dtype=input.dtype"));
      QVERIFY(code.contains("class MyHuberLoss(nn.Module):"));
      QVERIFY(code.contains(
          "def forward(self, input: torch.Tensor, target: torch.Tensor) -> torch.Tensor:"));
      QVERIFY(!code.contains("f\""));  // TorchScript compiles no f-string
      QVERIFY(!code.contains("ops."));
    }
  }
  // A built-in through its formula: the source with the current values, and the valid range.
  const LossPtr huber = LossRegistry::instance().create("huber", {{"delta", 0.7}});
  const QString code = QString::fromStdString(exportCode(*huber, CodeTarget::PyTorch));
  QVERIFY(code.contains("the built-in loss 'huber'"));
  QVERIFY(code.contains("#   delta = 0.7\n"));
  QVERIFY(code.contains("#   delta = 0.7; (0, inf)\n"));
}

void TestCodeExport::kinksUseTensorFlowsConventions() {
  const auto loss = FormulaLoss::create("max(p, y) + min(p, 0.5) + clip(p, -1, 1)");
  const QString torch = QString::fromStdString(exportCode(*loss, CodeTarget::PyTorch));
  QVERIFY2(torch.contains("torch.where(y_pred >= y_true, y_pred, y_true)"), qPrintable(torch));
  QVERIFY(torch.contains("torch.where(y_pred <= 0.5, y_pred, 0.5)"));
  QVERIFY(
      torch.contains("torch.where(y_pred < -1.0, -1.0, torch.where(y_pred > 1.0, 1.0, y_pred))"));
  QVERIFY(!torch.contains("torch.maximum") && !torch.contains("torch.clamp"));
  const QString keras = QString::fromStdString(exportCode(*loss, CodeTarget::Keras));
  QVERIFY2(keras.contains("ops.where(ops.greater_equal(y_pred, y_true), y_pred, y_true)"),
           qPrintable(keras));
  QVERIFY(!keras.contains("ops.maximum") && !keras.contains("ops.clip"));
}

void TestCodeExport::hostileNamesCannotInjectCode() {
  // A carriage return ends a Python comment: the rest of the line would run as code.
  const auto loss = FormulaLoss::create("# note\rimport os\nsquare(r) # \xff\xfe\r__import__('os')",
                                        {}, "x\"\n\rimport os #");
  for (CodeTarget target : {CodeTarget::Keras, CodeTarget::PyTorch}) {
    const std::string code = exportCode(*loss, target);
    QVERIFY(code.find('\r') == std::string::npos);
    QVERIFY(code.find('\xff') == std::string::npos);
    for (const QString& line : QString::fromStdString(code).split('\n')) {
      QVERIFY2(!line.trimmed().startsWith("import os") && !line.trimmed().startsWith("__import__"),
               qPrintable(line));
    }
    if (target == CodeTarget::Keras) {  // the Keras `name` default, escaped
      QVERIFY(QString::fromStdString(code).contains("name=\"x\\\"??import os #\""));
    }
    const QString path =
        m_dir.filePath(target == CodeTarget::Keras ? "hostile_keras.py" : "hostile_torch.py");
    QVERIFY(writeFile(path, QByteArray::fromStdString(code)));
    if (QFile::exists(kPython)) {
      const PythonResult compiled = runPython(m_dir.path(), {"-m", "py_compile", path});
      QVERIFY2(compiled.ran, qPrintable(compiled.output + compiled.errors));
    }
  }
}

void TestCodeExport::directCallsCarryTheParameters() {
  const LossPtr bce = LossRegistry::instance().create(
      "binary_crossentropy", {{"from_logits", 1}, {"label_smoothing", 0.1}});
  const QString keras = QString::fromStdString(exportCode(*bce, CodeTarget::Keras));
  QVERIFY2(
      keras.contains("keras.losses.binary_crossentropy(\n"
                     "            y_true,\n"
                     "            y_pred,\n"
                     "            from_logits=self.from_logits,\n") ||
          keras.contains("keras.losses.binary_crossentropy(y_true, y_pred, "
                         "from_logits=self.from_logits, label_smoothing=self.label_smoothing)"),
      qPrintable(keras));
  QVERIFY(keras.contains("from_logits=True, label_smoothing=0.1"));
  QString comments = keras;  // header paragraphs are wrapped at 99 columns
  comments.replace("\n# ", " ");
  QVERIFY(comments.contains(
      "own class does the same: keras.losses.BinaryCrossentropy(from_logits=True, "
      "label_smoothing=0.1)"));
  QVERIFY(!keras.contains("set_epsilon"));  // the default ε needs no global change

  const LossPtr sparse =
      LossRegistry::instance().create("sparse_categorical_crossentropy", {{"epsilon", 1e-5}});
  const QString sparseCode = QString::fromStdString(exportCode(*sparse, CodeTarget::Keras));
  QVERIFY(sparseCode.contains("ignore_class=None"));
  // A non-default ε is set around each call and restored, never for the whole program.
  QVERIFY2(sparseCode.contains("with _epsilon(self.epsilon):") &&
               sparseCode.contains("epsilon=1e-05") &&
               sparseCode.contains("keras.config.set_epsilon(saved)"),
           qPrintable(sparseCode));
  QVERIFY(!sparseCode.contains("keras.config.set_epsilon(1e-05)"));

  const LossPtr ce = LossRegistry::instance().create(
      "torch_cross_entropy", {{"ignore_index", 2}, {"label_smoothing", 0.05}});
  const QString torch = QString::fromStdString(exportCode(*ce, CodeTarget::PyTorch));
  QVERIFY2(
      torch.contains("ignore_index: int = 2,\n    label_smoothing: float = 0.05,\n"
                     "    weight: Optional[torch.Tensor] = None,\n    reduction: str = \"mean\","),
      qPrintable(torch));
  QVERIFY(torch.contains("self.register_buffer(\"weight\", weight)"));
  QVERIFY(torch.contains("target = target.reshape(-1).long()"));
  QVERIFY(torch.contains("F.cross_entropy("));

  // Every direct export is valid Python.
  if (QFile::exists(kPython)) {
    QStringList paths;
    int k = 0;
    for (const QString& code : {keras, sparseCode, torch}) {
      paths << m_dir.filePath(QString("direct_%1.py").arg(k++));
      QVERIFY(writeFile(paths.back(), code.toUtf8()));
    }
    const PythonResult compiled = runPython(m_dir.path(), QStringList{"-m", "py_compile"} + paths);
    QVERIFY2(compiled.ran, qPrintable(compiled.output + compiled.errors));
  }
}

void TestCodeExport::everyRegisteredLossExportsOrSaysWhyNot() {
  // Default parameters of every registered loss, both targets: valid Python or a usage error
  // in the documented form.
  QStringList paths;
  int exported = 0;
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    const LossPtr loss = LossRegistry::instance().create(entry.info.id);
    for (CodeTarget target : {CodeTarget::Keras, CodeTarget::PyTorch}) {
      const QString id = QString::fromStdString(entry.info.id);
      const QString targetName = QString::fromStdString(codeTargetName(target));
      try {
        const std::string code = exportCode(*loss, target);
        paths << m_dir.filePath("all_" + id + "_" + targetName + ".py");
        QVERIFY(writeFile(paths.back(), QByteArray::fromStdString(code)));
        ++exported;
      } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(e.kind() == Error::Kind::Usage, qPrintable(message));
        QVERIFY2(message.startsWith("no " + targetName + " equivalent of '" + id + "' ("),
                 qPrintable(message));
        // A formula with extra inputs has no Keras form (Loss.call takes y_true, y_pred only).
        QVERIFY2(message.endsWith("); write it as a formula") ||
                     (target == CodeTarget::Keras &&
                      message.endsWith("export it to PyTorch, where they are arguments)")),
                 qPrintable(message));
      }
    }
  }
  QVERIFY2(exported > 40, qPrintable(QString("only %1 exports").arg(exported)));
  if (QFile::exists(kPython)) {
    const PythonResult compiled = runPython(m_dir.path(), QStringList{"-m", "py_compile"} + paths);
    QVERIFY2(compiled.ran, qPrintable(compiled.output + compiled.errors));
  }
}

void TestCodeExport::unsupportedBuiltInsGiveAClearError_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<int>("target");
  QTest::addColumn<QString>("reason");
  const int keras = static_cast<int>(CodeTarget::Keras);
  const int torch = static_cast<int>(CodeTarget::PyTorch);
  QTest::newRow("torch_bce to Keras (log clamp vs ε clip)")
      << "torch_bce" << ParamValues{} << keras << "clamps each log at -100";
  QTest::newRow("dice per_sample to PyTorch")
      << "dice" << ParamValues{{"axis", 1}} << torch << "per_sample";
  QTest::newRow("hinge to PyTorch (batch-wide label conversion)")
      << "hinge" << ParamValues{} << torch << "whole batch";
  QTest::newRow("triplet_margin to Keras (extra inputs)")
      << "triplet_margin" << ParamValues{} << keras << "extra inputs (positive, negative)";
  // Issue 13: KD is a formula now, with teacher_logits a variable; Keras' Loss.call cannot take
  // it. (rmse_per_sample, categorical_crossentropy → PyTorch and ceres_arctan export now:
  // formulasWithRowFunctionsExport.)
  QTest::newRow("knowledge_distillation to Keras")
      << "knowledge_distillation" << ParamValues{} << keras
      << "reads extra inputs (teacher_logits) and Keras's Loss.call(y_true, y_pred) takes no "
         "other tensors";
  QTest::newRow("icarl_bce to Keras")
      << "icarl_bce" << ParamValues{} << keras << "reads extra inputs (old_outputs)";
}

void TestCodeExport::unsupportedBuiltInsGiveAClearError() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(int, target);
  QFETCH(QString, reason);
  if (!LossRegistry::instance().find(id.toStdString())) {
    QSKIP(qPrintable(id + " is not registered yet"));
  }
  const LossPtr loss = LossRegistry::instance().create(id.toStdString(), params);
  const CodeTarget t = static_cast<CodeTarget>(target);
  try {
    exportCode(*loss, t);
    QFAIL("exportCode did not throw");
  } catch (const Error& e) {
    QCOMPARE(e.kind(), Error::Kind::Usage);
    const QString message = QString::fromUtf8(e.what());
    QVERIFY2(message.startsWith("no " + QString::fromStdString(codeTargetName(t)) +
                                " equivalent of '" + id + "'"),
             qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    QVERIFY2(message.endsWith("write it as a formula") ||
                 message.endsWith("export it to PyTorch, where they are arguments)"),
             qPrintable(message));
  }
}

void TestCodeExport::formulasWithRowFunctionsExport_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<int>("target");
  QTest::addColumn<QString>("needle");  // what the code must contain
  const int keras = static_cast<int>(CodeTarget::Keras);
  const int torch = static_cast<int>(CodeTarget::PyTorch);
  // Each refused before issue 13 ("reduces each row", "no arctan", "several losses").
  QTest::newRow("rmse_per_sample to Keras")
      << "rmse_per_sample" << keras << "ops.mean(ops.square(r), axis=-1, keepdims=True)";
  QTest::newRow("rmse_per_sample to PyTorch")
      << "rmse_per_sample" << torch << "torch.mean(torch.square(r), dim=-1, keepdim=True)";
  QTest::newRow("categorical_crossentropy to PyTorch")
      << "categorical_crossentropy" << torch << "torch.sum(y_pred, dim=-1, keepdim=True)";
  QTest::newRow("ceres_arctan to PyTorch") << "ceres_arctan" << torch << "torch.atan(";
  QTest::newRow("ceres_arctan to Keras") << "ceres_arctan" << keras << "ops.arctan(";
  QTest::newRow("knowledge_distillation to PyTorch")
      << "knowledge_distillation" << torch << "teacher_logits: torch.Tensor";
  QTest::newRow("icarl_bce to PyTorch") << "icarl_bce" << torch << "old_outputs: torch.Tensor";
}

void TestCodeExport::formulasWithRowFunctionsExport() {
  QFETCH(QString, id);
  QFETCH(int, target);
  QFETCH(QString, needle);
  const LossPtr loss = LossRegistry::instance().create(id.toStdString());
  const QString code = QString::fromStdString(exportCode(*loss, static_cast<CodeTarget>(target)));
  QVERIFY2(code.contains("written as the"), qPrintable(code));
  QVERIFY2(code.contains(needle), qPrintable(code));
}

void TestCodeExport::formulaEquivalentsReproduceTheBuiltIns_data() {
  QTest::addColumn<QString>("id");
  QTest::addColumn<ParamValues>("params");
  QTest::addColumn<Tensor>("yTrue");
  QTest::addColumn<Tensor>("yPred");
  Generator g(7);
  auto row = [&](const char* name, const char* id, ParamValues params, Data data) {
    QTest::newRow(name) << id << params << *data.yTrue << data.yPred;
  };
  auto reg = [&](double lo, double hi) { return regression(g, 4, 3, lo, hi); };
  auto oneColumn = [&](double lo, double hi) { return regression(g, 10, 1, lo, hi); };
  const double inf = std::numeric_limits<double>::infinity();
  row("mean_squared_error", "mean_squared_error", {}, reg(-2, 2));
  row("mean_absolute_error (ties)", "mean_absolute_error", {}, reg(-2, 2));
  row("mean_absolute_percentage_error", "mean_absolute_percentage_error", {}, reg(-2, 2));
  row("mean_squared_logarithmic_error (both sides of ε)", "mean_squared_logarithmic_error", {},
      reg(-0.5, 3));
  row("log_cosh", "log_cosh", {}, reg(-5, 5));
  row("huber delta=0.7", "huber", {{"delta", 0.7}}, reg(-2, 2));
  row("torch_huber delta=0.7", "torch_huber", {{"delta", 0.7}}, reg(-2, 2));
  row("smooth_l1 beta=0.7", "smooth_l1", {{"beta", 0.7}}, reg(-2, 2));
  row("smooth_l1 beta=0 (gradient -1 at r = 0)", "smooth_l1", {{"beta", 0.0}}, reg(-2, 2));
  row("torch_mse", "torch_mse", {}, reg(-2, 2));
  row("torch_l1", "torch_l1", {}, reg(-2, 2));
  row("temperature_mse T=0.6", "temperature_mse", {{"temperature", 0.6}}, reg(-2, 2));
  row("rmse_batch", "rmse_batch", {}, reg(-2, 2));
  for (double power : {0.0, 1.0, 1.5, 2.0, 3.0, -1.0}) {
    Data d{g.uniform(4, 3, power >= 2 ? 0.1 : 0, 3), g.uniform(4, 3, 0.2, 3), {}};
    if (power == 1 || power == 1.5) {
      (*d.yTrue)(0, 0) = 0;  // xlogy(0, ·) = 0
    }
    QTest::newRow(qPrintable(QString("tweedie_deviance power=%1").arg(power)))
        << "tweedie_deviance" << ParamValues{{"power", power}} << *d.yTrue << d.yPred;
  }
  Data probabilities{g.uniform(4, 3, 0, 1), g.uniform(4, 3, -0.05, 1.05), {}};
  row("binary_crossentropy (clip both sides)", "binary_crossentropy", {}, probabilities);
  row("binary_crossentropy label_smoothing=0.1", "binary_crossentropy", {{"label_smoothing", 0.1}},
      probabilities);
  row("binary_crossentropy from_logits label_smoothing=0.2", "binary_crossentropy",
      {{"from_logits", 1}, {"label_smoothing", 0.2}},
      {g.labels(4, 3, {0, 1}), g.uniform(4, 3, -4, 4), {}});
  Data focal{g.labels(4, 3, {0, 1}), g.uniform(4, 3, 0.01, 0.99), {}};
  row("binary_focal_crossentropy gamma=2", "binary_focal_crossentropy", {}, focal);
  row("binary_focal_crossentropy balancing alpha=0.3 gamma=1.5 smoothing=0.1",
      "binary_focal_crossentropy",
      {{"apply_class_balancing", 1}, {"alpha", 0.3}, {"gamma", 1.5}, {"label_smoothing", 0.1}},
      focal);
  row("binary_focal_crossentropy from_logits", "binary_focal_crossentropy", {{"from_logits", 1}},
      {g.labels(4, 3, {0, 1}), g.uniform(4, 3, -3, 3), {}});
  row("poisson", "poisson", {}, {g.uniform(4, 3, 0, 3), g.uniform(4, 3, 0.1, 3), {}});
  Data overlap{g.uniform(4, 3, 0, 1), g.uniform(4, 3, 0, 1), {}};
  row("dice axis=all", "dice", {}, overlap);
  row("tversky axis=all alpha=0.3 beta=0.7", "tversky", {{"alpha", 0.3}, {"beta", 0.7}}, overlap);
  row("poisson_nll log_input", "poisson_nll", {},
      {g.uniform(4, 3, 0, 4), g.uniform(4, 3, -2, 2), {}});
  row("poisson_nll rate full", "poisson_nll", {{"log_input", 0}, {"full", 1}},
      {g.uniform(4, 3, 0, 4), g.uniform(4, 3, 0.1, 3), {}});
  Data targets{g.uniform(4, 3, 0, 1), g.uniform(4, 3, -3, 0), {}};
  (*targets.yTrue)(1, 1) = 0;
  row("kl_div", "kl_div", {}, targets);
  row("kl_div log_target", "kl_div", {{"log_target", 1}},
      {g.uniform(4, 3, -3, 0), g.uniform(4, 3, -3, 0), {}});
  row("torch_bce_logits (no weights)", "torch_bce_logits", {},
      {g.uniform(4, 3, 0, 1), g.uniform(4, 3, -4, 4), {}});
  row("multilabel_soft_margin (no weights)", "multilabel_soft_margin", {},
      {g.labels(4, 3, {0, 1}), g.uniform(4, 3, -4, 4), {}});
  row("soft_margin", "soft_margin", {}, {g.labels(4, 3, {-1, 1}), g.uniform(4, 3, -3, 3), {}});
  row("hinge_embedding margin=0.8 (labels -1, 1, 0)", "hinge_embedding", {{"margin", 0.8}},
      {g.labels(4, 3, {-1, 0, 1}), g.uniform(4, 3, 0, 1.6), {}});
  Data pairs{g.labels(10, 1, {0, 1}), g.uniform(10, 1, 0, 2), {}};
  row("contrastive tfa margin=1.2", "contrastive", {{"margin", 1.2}}, pairs);
  row("contrastive paper margin=1.2", "contrastive", {{"margin", 1.2}, {"convention", 1}}, pairs);
  row("ceres_trivial", "ceres_trivial", {}, oneColumn(-3, 3));
  row("ceres_huber a=0.9", "ceres_huber", {{"a", 0.9}}, oneColumn(-3, 3));
  row("ceres_soft_l1 a=0.9", "ceres_soft_l1", {{"a", 0.9}}, oneColumn(-3, 3));
  row("ceres_cauchy a=0.9", "ceres_cauchy", {{"a", 0.9}}, oneColumn(-3, 3));
  row("ceres_tolerant a=0.5 b=0.8", "ceres_tolerant", {{"a", 0.5}, {"b", 0.8}}, oneColumn(-3, 3));
  row("ceres_tukey a=1.1", "ceres_tukey", {{"a", 1.1}}, oneColumn(-3, 3));
  for (double alpha : {2.0, 0.0, -inf, inf, 1.0, -2.0, 0.5, 3.0, -7.0, 1e-9}) {
    const Data d = reg(-3, 3);
    QTest::newRow(qPrintable(QString("barron_general alpha=%1 scale=1.3").arg(alpha)))
        << "barron_general" << ParamValues{{"alpha", alpha}, {"scale", 1.3}} << *d.yTrue << d.yPred;
  }
  row("tukey_biweight c=1.5", "tukey_biweight", {{"c", 1.5}}, reg(-3, 3));
  row("pinball tau=0.3 (ties)", "pinball", {{"tau", 0.3}}, reg(-2, 2));
  row("epsilon_insensitive epsilon=0.4", "epsilon_insensitive", {{"epsilon", 0.4}}, reg(-2, 2));
  row("epsilon_insensitive squared", "epsilon_insensitive", {{"epsilon", 0.4}, {"squared", 1}},
      reg(-2, 2));
}

void TestCodeExport::formulaEquivalentsReproduceTheBuiltIns() {
  QFETCH(QString, id);
  QFETCH(ParamValues, params);
  QFETCH(Tensor, yTrue);
  QFETCH(Tensor, yPred);
  if (!LossRegistry::instance().find(id.toStdString())) {
    QSKIP(qPrintable(id + " is not registered yet"));
  }
  LossPtr builtIn;
  try {
    builtIn = LossRegistry::instance().create(id.toStdString(), params);
  } catch (const Error& e) {
    QSKIP(qPrintable(QString("the registry rejects these parameters: ") + e.what()));
  }
  const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(*builtIn);
  QVERIFY2(equivalent, "no formula equivalent");
  const auto custom = FormulaLoss::create(equivalent->source, {}, "custom", equivalent->inputs);
  const Data data{yTrue, yPred, {}};
  const Evaluation expected = evaluate(*builtIn, requestFor(data));
  const Evaluation actual = evaluate(*custom, requestFor(data));
  QVERIFY2(relativelyClose(actual.value, expected.value, kTolerance),
           qPrintable(QString("value %1, built-in %2; formula:\n%3")
                          .arg(actual.value, 0, 'g', 17)
                          .arg(expected.value, 0, 'g', 17)
                          .arg(QString::fromStdString(equivalent->source))));
  const double scale = expected.grad.abs().maxCoeff();
  for (Eigen::Index k = 0; k < yPred.size(); ++k) {
    const double a = actual.grad.data()[k];
    const double b = expected.grad.data()[k];
    QVERIFY2(std::fabs(a - b) <= kTolerance * scale || (std::isnan(a) && std::isnan(b)),
             qPrintable(QString("gradient element %1: %2, built-in %3; formula:\n%4")
                            .arg(k)
                            .arg(a, 0, 'g', 17)
                            .arg(b, 0, 'g', 17)
                            .arg(QString::fromStdString(equivalent->source))));
  }
}

void TestCodeExport::runTorchOnce() {
  if (m_torchDone) {
    return;
  }
  m_torchDone = true;
  if (!QFile::exists(kPython)) {
    m_torchSkip = kPython + " is not installed";
    return;
  }
  const PythonResult probe = runPython(m_dir.path(), {"-c", "import torch"});
  if (!probe.ran) {
    m_torchSkip = "import torch failed under " + kPython + ": " + probe.errors.trimmed();
    return;
  }
  QJsonArray jobs;
  for (std::size_t k = 0; k < m_cases.size(); ++k) {
    const Case& c = m_cases[k];
    const LossPtr loss = makeLoss(c);
    if (!c.torch || !loss) {
      continue;
    }
    const QString module = QString("torch_case_%1").arg(k);
    std::string code;
    try {
      code = exportCode(*loss, CodeTarget::PyTorch);
    } catch (const Error&) {
      continue;  // reported by the row
    }
    if (!writeFile(m_dir.filePath(module + ".py"), QByteArray::fromStdString(code))) {
      m_torchSkip = "cannot write " + m_dir.filePath(module + ".py");
      return;
    }
    QJsonArray inputs;
    for (const QString& name : c.torchInputs) {
      inputs.append(toJson(tensorNamed(c.data, name)));
    }
    jobs.append(QJsonObject{{"name", c.name}, {"module", module}, {"inputs", inputs}});
  }
  const QString jobsPath = m_dir.filePath("torch_cases.json");
  const QString driverPath = m_dir.filePath("torch_driver.py");
  if (!writeFile(jobsPath, QJsonDocument(jobs).toJson()) || !writeFile(driverPath, kTorchDriver)) {
    m_torchSkip = "cannot write the driver";
    return;
  }
  const PythonResult run = runPython(m_dir.path(), {driverPath, jobsPath});
  const QJsonDocument doc = QJsonDocument::fromJson(run.output.toUtf8());
  if (!run.ran || !doc.isObject()) {
    m_torchResults = QJsonObject{{"driver", run.output + run.errors}};
    return;
  }
  m_torchResults = doc.object();
}

void TestCodeExport::pytorchExportMatchesTheEngine_data() {
  QTest::addColumn<int>("index");
  for (std::size_t k = 0; k < m_cases.size(); ++k) {
    if (m_cases[k].torch) {
      QTest::newRow(qPrintable(m_cases[k].name)) << static_cast<int>(k);
    }
  }
}

void TestCodeExport::pytorchExportMatchesTheEngine() {
  QFETCH(int, index);
  const Case& c = m_cases[static_cast<std::size_t>(index)];
  const LossPtr loss = makeLoss(c);
  if (!loss) {
    QSKIP(qPrintable(c.id + " is not registered yet"));
  }
  const std::string code = exportCode(*loss, CodeTarget::PyTorch);  // throws: the row fails
  runTorchOnce();
  if (!m_torchSkip.isEmpty()) {
    QSKIP(qPrintable(m_torchSkip));
  }
  QVERIFY2(m_torchResults.contains(c.name),
           qPrintable("the driver gave no result: " + m_torchResults.value("driver").toString()));
  const QJsonObject result = m_torchResults.value(c.name).toObject();
  QVERIFY2(!result.contains("error"),
           qPrintable(result.value("error").toString() + "\n" + QString::fromStdString(code)));
  QCOMPARE(result.value("dtype").toString(), QString("torch.float64"));

  const Evaluation expected = evaluate(*loss, requestFor(c.data));
  const double value = result.value("value").toDouble();
  QVERIFY2(
      relativelyClose(value, expected.value, kTolerance),
      qPrintable(
          QString("torch %1, engine %2").arg(value, 0, 'g', 17).arg(expected.value, 0, 'g', 17)));
  QVERIFY(relativelyClose(result.value("functional").toDouble(), expected.value, kTolerance));

  const QJsonArray grad = result.value("grad").toArray();
  QCOMPARE(grad.size(), static_cast<int>(c.data.yPred.rows()));
  const double scale = expected.grad.abs().maxCoeff();
  for (Eigen::Index i = 0; i < c.data.yPred.rows(); ++i) {
    const QJsonArray row = grad.at(static_cast<int>(i)).toArray();
    QCOMPARE(row.size(), static_cast<int>(c.data.yPred.cols()));
    for (Eigen::Index j = 0; j < c.data.yPred.cols(); ++j) {
      const double g = row.at(static_cast<int>(j)).toDouble();
      QVERIFY2(std::fabs(g - expected.grad(i, j)) <= kTolerance * scale,
               qPrintable(QString("gradient (%1, %2): torch %3, engine %4")
                              .arg(i + 1)
                              .arg(j + 1)
                              .arg(g, 0, 'g', 17)
                              .arg(expected.grad(i, j), 0, 'g', 17)));
    }
  }

  // reduction="sum": PyTorch sums the element loss. The engine's Keras-style "sum" adds the
  // per-sample means, so it is smaller by the row length D for Keras-style losses.
  const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(*loss);
  if (equivalent && loss->info().framework != Framework::PyTorch) {
    const Evaluation summed = evaluate(*loss, requestFor(c.data, Reduction::Sum));
    const bool aggregate = formula::parseFormula(equivalent->source).aggregate;
    const double expectedSum =
        aggregate ? summed.value : summed.value * static_cast<double>(c.data.yPred.cols());
    LOSSLAB_VERIFY_NEAR(result.value("sum").toDouble(), expectedSum, kTolerance);
  } else if (loss->info().framework == Framework::PyTorch) {
    const Evaluation summed = evaluate(*loss, requestFor(c.data, Reduction::Sum));
    LOSSLAB_VERIFY_NEAR(result.value("sum").toDouble(), summed.value, kTolerance);
  }
}

void TestCodeExport::runKerasOnce() {
  if (m_kerasDone) {
    return;
  }
  m_kerasDone = true;
  if (!QFile::exists(kPython)) {
    m_kerasSkip = kPython + " is not installed";
    return;
  }
  const PythonResult probe = runPython(m_dir.path(), {"-c", "import numpy"});
  if (!probe.ran) {
    m_kerasSkip = "import numpy failed under " + kPython + ": " + probe.errors.trimmed();
    return;
  }
  const QString fake = m_dir.filePath("fake");
  QVERIFY(QDir().mkpath(fake + "/keras"));
  const std::pair<const char*, const char*> files[] = {{"__init__.py", kFakeKerasInit},
                                                       {"config.py", kFakeKerasConfig},
                                                       {"losses.py", kFakeKerasLosses},
                                                       {"ops.py", kFakeKerasOps},
                                                       {"saving.py", kFakeKerasSaving}};
  for (const auto& [name, content] : files) {
    QVERIFY(writeFile(fake + "/keras/" + name, content));
  }
  QJsonArray jobs;
  QStringList paths;
  for (std::size_t k = 0; k < m_cases.size(); ++k) {
    const Case& c = m_cases[k];
    const LossPtr loss = makeLoss(c);
    if (!c.keras || !loss) {
      continue;
    }
    const QString module = QString("keras_case_%1").arg(k);
    std::string code;
    try {
      code = exportCode(*loss, CodeTarget::Keras);
    } catch (const Error&) {
      continue;  // reported by the row
    }
    paths << m_dir.filePath(module + ".py");
    QVERIFY(writeFile(paths.back(), QByteArray::fromStdString(code)));
    jobs.append(QJsonObject{{"name", c.name},
                            {"module", module},
                            {"inputs", QJsonArray{toJson(*c.data.yTrue), toJson(c.data.yPred)}}});
  }
  // Byte-compile first: a syntax error names the file and line.
  const PythonResult compiled = runPython(m_dir.path(), QStringList{"-m", "py_compile"} + paths);
  if (!compiled.ran) {
    m_kerasCompileErrors = compiled.output + compiled.errors;
    return;
  }
  const QString jobsPath = m_dir.filePath("keras_cases.json");
  const QString driverPath = m_dir.filePath("keras_driver.py");
  QVERIFY(writeFile(jobsPath, QJsonDocument(jobs).toJson()));
  QVERIFY(writeFile(driverPath, kKerasDriver));
  const PythonResult run = runPython(m_dir.path(), {driverPath, jobsPath}, fake);
  const QJsonDocument doc = QJsonDocument::fromJson(run.output.toUtf8());
  if (!run.ran || !doc.isObject()) {
    m_kerasResults = QJsonObject{{"driver", run.output + run.errors}};
    return;
  }
  m_kerasResults = doc.object();
}

void TestCodeExport::kerasExportMatchesTheEngine_data() {
  QTest::addColumn<int>("index");
  for (std::size_t k = 0; k < m_cases.size(); ++k) {
    if (m_cases[k].keras) {
      QTest::newRow(qPrintable(m_cases[k].name)) << static_cast<int>(k);
    }
  }
}

void TestCodeExport::kerasExportMatchesTheEngine() {
  QFETCH(int, index);
  const Case& c = m_cases[static_cast<std::size_t>(index)];
  const LossPtr loss = makeLoss(c);
  if (!loss) {
    QSKIP(qPrintable(c.id + " is not registered yet"));
  }
  const std::string code = exportCode(*loss, CodeTarget::Keras);
  runKerasOnce();
  if (!m_kerasSkip.isEmpty()) {
    QSKIP(qPrintable(m_kerasSkip));
  }
  QVERIFY2(m_kerasCompileErrors.isEmpty(), qPrintable(m_kerasCompileErrors));
  QVERIFY2(m_kerasResults.contains(c.name),
           qPrintable("the driver gave no result: " + m_kerasResults.value("driver").toString()));
  const QJsonObject result = m_kerasResults.value(c.name).toObject();
  QVERIFY2(!result.contains("error"),
           qPrintable(result.value("error").toString() + "\n" + QString::fromStdString(code)));

  const Evaluation expected = evaluate(*loss, requestFor(c.data));
  for (const char* form : {"value", "closure", "roundtrip"}) {
    const double v = result.value(form).toDouble();
    QVERIFY2(relativelyClose(v, expected.value, kTolerance),
             qPrintable(QString("%1: keras %2, engine %3")
                            .arg(form)
                            .arg(v, 0, 'g', 17)
                            .arg(expected.value, 0, 'g', 17)));
  }
  // get_config carries every parameter with its current value.
  const QJsonObject config = result.value("config").toObject();
  QCOMPARE(config.value("reduction").toString(), QString("sum_over_batch_size"));
  for (const formula::FormulaParam& p :
       formula::parseFormula(formulaEquivalent(*loss)->source).params) {
    const QString key = QString::fromStdString(p.name) + (p.name == "lambda" ? "_" : "");
    QVERIFY2(config.contains(key), qPrintable("get_config lacks " + key));
    LOSSLAB_VERIFY_NEAR(config.value(key).toDouble(), loss->params().at(p.name),
                        test::kExactTolerance);
  }
}

QTEST_MAIN(TestCodeExport)
#include "tst_code_export.moc"
