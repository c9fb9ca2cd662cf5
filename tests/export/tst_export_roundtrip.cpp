// SPDX-License-Identifier: GPL-3.0-or-later
// Registry-driven export round trip: every registered loss, every parameter set its facts name,
// both targets. Either the export is refused with the loss's stated reason, or the exported
// Python is run (tests/export/export_driver.py under /usr/bin/python3, float64):
//  * PyTorch with torch itself: value and autograd gradient on random multi-column data from
//    the loss's input domain against `eval` (≤ 1e-10), the functional form and reduction="sum";
//  * Keras against tests/export/keras_standin (keras.ops on torch with TensorFlow's kink
//    conventions, Keras 3's Loss.__call__ and LossFunctionWrapper): the class, the closure and
//    the class rebuilt from get_config();
//  * both at the exact points of the loss's facts (single elements): value, d1 and d2 by
//    autograd against the kink table, so a tie the exported code breaks differently fails.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <optional>
#include <random>

#include "core/engine/curve.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/export/code_export.h"
#include "core/export/formula_module.h"
#include "core/formula/formula_parser.h"
#include "core/testing/sample_inputs.h"
#include "tests/registry_cases.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

constexpr double kTolerance = test::kFloat64Tolerance;  // 1e-10 relative
const QString kPython = QStringLiteral("/usr/bin/python3");
constexpr int kPythonTimeoutMs = 600000;  // importing torch on a busy 2-core machine
constexpr unsigned kSeed = 20260902;

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

/// A number from the driver's JSON ("nan", "inf" and "-inf" are strings there).
double number(const QJsonValue& v) {
  if (v.isString()) {
    const QString s = v.toString();
    return s == "nan" ? std::nan("") : (s == "inf" ? HUGE_VAL : -HUGE_VAL);
  }
  return v.toDouble();
}

/// |a − b| ≤ tol · max(|a|, |b|), or both NaN.
bool relativelyClose(double a, double b, double tol) {
  if (std::isnan(a) || std::isnan(b)) {
    return std::isnan(a) && std::isnan(b);
  }
  return std::fabs(a - b) <= tol * std::fmax(std::fabs(a), std::fabs(b)) || (a == 0 && b == 0);
}

/// The tensor a route's input names, from a request.
const Tensor* tensorOf(const EvalRequest& request, const std::string& name) {
  if (name == "y_pred") {
    return &request.yPred.values;
  }
  if (name == "y_true") {
    return request.yTrue ? &request.yTrue->values : nullptr;
  }
  auto it = request.extras.find(name);
  return it == request.extras.end() ? nullptr : &it->second.values;
}

bool differentiable(const LossInfo& info, const std::string& tensor) {
  if (tensor == "y_pred") {
    return true;
  }
  for (const ExtraInput& extra : info.extras) {
    if (extra.name == tensor) {
      return extra.differentiable;
    }
  }
  return false;
}

/// One row: a registry case exported for one target.
struct Row {
  std::string name;
  test::RegistryCase c;
  CodeTarget target;
  LossPtr loss;
  ExportRoute route;
  std::string code;               // empty when refused
  std::string refusal;            // exportCode's message when refused
  EvalRequest request;            // the random data the export runs on
  std::vector<KinkPoint> points;  // the exact points sent to Python, in order
  /// Keras formula exports: one-column data also sent with a rank-1 y_true (then y_pred), as
  /// model.fit hands a Loss subclass a (B,) target against a (B, 1) output.
  std::optional<EvalRequest> rankRequest;
};

QJsonArray flat(const Tensor& t) {
  QJsonArray values;
  for (Eigen::Index i = 0; i < t.size(); ++i) {
    values.append(t.data()[i]);
  }
  return values;
}

}  // namespace

class TestExportRoundTrip : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void refusalsStateTheReason_data() { rows(); }
  void refusalsStateTheReason();
  void exportMatchesTheEngine_data() { rows(); }
  void exportMatchesTheEngine();
  void exactPointsSurviveTheExport_data() { rows(); }
  void kerasCallAlignsRanks_data() { rows(); }
  void kerasCallAlignsRanks();
  void exactPointsSurviveTheExport();

 private:
  void rows();
  void runPythonOnce();
  const Row& current() {
    QFETCH(int, index);
    return m_rows[static_cast<std::size_t>(index)];
  }
  QJsonObject resultOf(const Row& row);

  std::vector<Row> m_rows;
  QTemporaryDir m_dir;
  bool m_ran = false;
  QString m_skip;
  QJsonObject m_results;
};

void TestExportRoundTrip::initTestCase() {
  QVERIFY(m_dir.isValid());
  std::mt19937 rng(kSeed);
  for (const test::RegistryCase& c : test::registryCases()) {
    for (CodeTarget target : {CodeTarget::PyTorch, CodeTarget::Keras}) {
      Row row;
      row.name = c.name + " → " + codeTargetName(target);
      row.c = c;
      row.target = target;
      row.loss = LossRegistry::instance().create(c.entry->info.id, c.params);
      row.route = exportRoute(*row.loss, target);
      try {
        row.code = exportCode(*row.loss, target);
      } catch (const Error& e) {
        row.refusal = e.what();
      }
      if (row.route.kind != ExportRoute::Kind::None) {
        const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(*row.loss);
        const bool viaFormula = row.route.kind == ExportRoute::Kind::Formula;
        // More than one column wherever the loss takes them: a row-wise (Ceres) export is
        // checked on rows of three, though its formula holds for one column only.
        const bool fixedWidth =
            viaFormula && equivalent->columns > 0 && !equivalent->rowSquaredNorm;
        const int columns = fixedWidth ? equivalent->columns : 3;
        // Optional inputs (class weights) only where the export passes them on.
        SampleShape shape{5, columns, !viaFormula};
        row.request = sampleRequest(row.loss->info(), c.params, rng, shape);
        if (viaFormula && target == CodeTarget::Keras &&
            (equivalent->columns <= 1 || equivalent->rowSquaredNorm)) {
          row.rankRequest =
              sampleRequest(row.loss->info(), c.params, rng, SampleShape{5, 1, false});
        }
        for (const KinkPoint& k : c.entry->info.facts.kinks(c.params)) {
          if (k.autodiffAgrees) {
            row.points.push_back(k);
          }
        }
      }
      m_rows.push_back(std::move(row));
    }
  }
}

void TestExportRoundTrip::rows() {
  QTest::addColumn<int>("index");
  for (std::size_t k = 0; k < m_rows.size(); ++k) {
    QTest::newRow(m_rows[k].name.c_str()) << static_cast<int>(k);
  }
}

void TestExportRoundTrip::refusalsStateTheReason() {
  const Row& row = current();
  if (row.route.kind != ExportRoute::Kind::None) {
    QVERIFY2(row.refusal.empty(), row.refusal.c_str());
    QVERIFY(!row.code.empty());
    return;
  }
  QVERIFY2(row.code.empty(), "exportRoute says None but exportCode wrote code");
  const QString message = QString::fromStdString(row.refusal);
  const QString id = QString::fromStdString(row.loss->info().id);
  QVERIFY2(message.startsWith("no " + QString::fromStdString(codeTargetName(row.target)) +
                              " equivalent of '" + id + "' ("),
           qPrintable(message));
  QVERIFY2(!row.route.reason.empty() && message.contains(QString::fromStdString(row.route.reason)),
           qPrintable(message));
  const std::string& limit = row.loss->info().facts.exportLimit;
  QVERIFY2(limit.empty() || row.route.reason == limit,
           qPrintable("the refusal does not give the loss's stated limit: " + message));
}

void TestExportRoundTrip::runPythonOnce() {
  if (m_ran) {
    return;
  }
  m_ran = true;
  if (!QFile::exists(kPython)) {
    m_skip = kPython + " is not installed";
    return;
  }
  QJsonArray jobs;
  for (std::size_t k = 0; k < m_rows.size(); ++k) {
    const Row& row = m_rows[k];
    if (row.code.empty()) {
      continue;
    }
    const QString module = QString("export_%1").arg(k);
    if (!writeFile(m_dir.filePath(module + ".py"), QByteArray::fromStdString(row.code))) {
      m_skip = "cannot write " + m_dir.filePath(module + ".py");
      return;
    }
    const LossInfo& info = row.loss->info();
    QJsonArray inputs;
    for (const CallInput& input : row.route.inputs) {
      const Tensor* t = tensorOf(row.request, input.tensor);
      inputs.append(QJsonObject{{"name", QString::fromStdString(input.name)},
                                {"data", t ? toJson(*t) : QJsonArray()},
                                {"grad", differentiable(info, input.tensor)}});
    }
    QJsonObject keywords;
    for (const std::string& name : row.route.optionalTensors) {
      if (const Tensor* t = tensorOf(row.request, name)) {
        keywords.insert(QString::fromStdString(name), toJson(*t));
      }
    }
    // Exact points whose curve is one element of y_pred against one of y_true.
    QJsonArray points;
    for (const KinkPoint& point : row.points) {
      CurveRequest request;
      request.variant = point.variant;
      request.target = curveAxis(info, row.loss->params()).target;
      const CurveInputs at = curveInputs(*row.loss, request, {point.x});
      QJsonArray pointInputs;
      bool single = at.yPred.size() == 1 && at.extras.empty();
      for (const CallInput& input : row.route.inputs) {
        const Tensor* t = input.tensor == "y_pred"   ? &at.yPred
                          : input.tensor == "y_true" ? &at.yTrue
                                                     : nullptr;
        single = single && t && t->size() == 1;
        pointInputs.append(QJsonObject{{"name", QString::fromStdString(input.name)},
                                       {"data", t ? toJson(*t) : QJsonArray()},
                                       {"grad", input.tensor == "y_pred"}});
      }
      points.append(single ? QJsonValue(pointInputs) : QJsonValue());
    }
    // Only one-element curves go to Python (exactPointsSurviveTheExport selects the same).
    QJsonArray sentPoints;
    for (const QJsonValue& p : points) {
      if (!p.isNull()) {
        sentPoints.append(p);
      }
    }
    QJsonObject job{
        {"name", QString::fromStdString(row.name)},
        {"module", module},
        {"target", row.target == CodeTarget::PyTorch ? "pytorch" : "keras"},
        {"inputs", inputs},
        {"keywords", keywords},
        {"points", sentPoints},
    };
    if (row.rankRequest) {
      job.insert("rank", QJsonObject{{"y_true", flat(row.rankRequest->yTrue->values)},
                                     {"y_pred", flat(row.rankRequest->yPred.values)}});
    }
    jobs.append(job);
  }
  const QString jobsPath = m_dir.filePath("jobs.json");
  if (!writeFile(jobsPath, QJsonDocument(jobs).toJson())) {
    m_skip = "cannot write the jobs";
    return;
  }
  QProcess process;
  process.setWorkingDirectory(m_dir.path());
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert("PYTHONPATH", m_dir.path() + ":" + LOSSLAB_SOURCE_DIR "/tests/export/keras_standin");
  env.insert("PYTHONDONTWRITEBYTECODE", "1");
  env.insert("PYTHONWARNINGS", "ignore");
  process.setProcessEnvironment(env);
  process.start(kPython, {LOSSLAB_SOURCE_DIR "/tests/export/export_driver.py", jobsPath});
  if (!process.waitForStarted() || !process.waitForFinished(kPythonTimeoutMs)) {
    process.kill();
    m_skip = "the export driver did not run: " + process.errorString();
    return;
  }
  const QByteArray out = process.readAllStandardOutput();
  const QByteArray err = process.readAllStandardError();
  if (err.contains("No module named 'torch'")) {
    m_skip = "python3-torch is not installed";
    return;
  }
  const QJsonDocument doc = QJsonDocument::fromJson(out);
  if (!doc.isObject()) {
    m_results = QJsonObject{{"driver", QString::fromUtf8(out + err)}};
    return;
  }
  m_results = doc.object();
}

QJsonObject TestExportRoundTrip::resultOf(const Row& row) {
  runPythonOnce();
  return m_results.value(QString::fromStdString(row.name)).toObject();
}

void TestExportRoundTrip::exportMatchesTheEngine() {
  const Row& row = current();
  if (row.code.empty()) {
    QSKIP("refused (checked by refusalsStateTheReason)");
  }
  const QJsonObject result = resultOf(row);
  if (!m_skip.isEmpty()) {
    QSKIP(qPrintable(m_skip));
  }
  QVERIFY2(!result.isEmpty(),
           qPrintable("the driver gave no result: " + m_results.value("driver").toString()));
  QVERIFY2(!result.contains("error"),
           qPrintable(result.value("error").toString() + "\n" + QString::fromStdString(row.code)));
  const Evaluation expected = evaluate(*row.loss, row.request);
  QStringList forms = {"value"};
  forms << (row.target == CodeTarget::PyTorch
                ? QStringList{"functional", "scripted", "keyword"}
                : QStringList{"closure", "roundtrip", "deserialized"});
  if (row.target == CodeTarget::PyTorch) {
    // The tensors the module holds are buffers: state_dict() has them, .float() moves them.
    QStringList sent = result.value("buffers").toVariant().toStringList();
    QStringList expectedBuffers;
    for (const std::string& name : row.route.optionalTensors) {
      if (tensorOf(row.request, name)) {
        expectedBuffers << QString::fromStdString(name);
      }
    }
    expectedBuffers.sort();
    QCOMPARE(sent, expectedBuffers);
    QVERIFY(result.value("moved").toBool());
    // Extra inputs are keyword arguments named as on the CLI (--input NAME=FILE); "keyword"
    // above called the module with keywords only.
    for (const CallInput& input : row.route.inputs) {
      if (input.tensor != "y_pred" && input.tensor != "y_true") {
        QCOMPARE(QString::fromStdString(input.name), QString::fromStdString(input.tensor));
      }
    }
  } else {
    QVERIFY2(result.value("registered").toString().startsWith("LossLab>"),
             qPrintable(result.value("registered").toString()));
  }
  for (const QString& form : forms) {
    const double v = number(result.value(form));
    QVERIFY2(relativelyClose(v, expected.value, kTolerance),
             qPrintable(QString("%1: exported %2, engine %3")
                            .arg(form)
                            .arg(v, 0, 'g', 17)
                            .arg(expected.value, 0, 'g', 17)));
  }
  // Rows the loss masks out (Keras ignore_class) have value 0 and no gradient by definition;
  // Keras's JAX/PyTorch backends give NaN gradients there for probabilities (the zeroed row is
  // normalised: 0/0), which the loss's call note states. They are not compared.
  BatchEval raw;
  LossInputs in;
  in.yPred = &row.request.yPred.values;
  in.yTrue = row.request.yTrue ? &row.request.yTrue->values : nullptr;
  for (const auto& [name, t] : row.request.extras) {
    in.extras[name] = &t.values;
  }
  row.loss->evaluate(in, raw);
  auto masked = [&](Eigen::Index i) { return raw.mask.size() > 0 && raw.mask(i) == 0; };
  const QJsonObject grads = result.value("grads").toObject();
  for (const CallInput& input : row.route.inputs) {
    if (!differentiable(row.loss->info(), input.tensor)) {
      continue;
    }
    const Tensor& g =
        input.tensor == "y_pred" ? expected.grad : expected.extraGrads.at(input.tensor);
    const QJsonArray rows = grads.value(QString::fromStdString(input.name)).toArray();
    QCOMPARE(rows.size(), static_cast<int>(g.rows()));
    const double scale = std::fmax(g.abs().maxCoeff(), 1e-300);
    for (Eigen::Index i = 0; i < g.rows(); ++i) {
      const QJsonArray r = rows.at(static_cast<int>(i)).toArray();
      QCOMPARE(r.size(), static_cast<int>(g.cols()));
      for (Eigen::Index j = 0; j < g.cols() && !masked(i); ++j) {
        const double a = number(r.at(static_cast<int>(j)));
        QVERIFY2(std::fabs(a - g(i, j)) <= kTolerance * scale,
                 qPrintable(QString("d/d%1 (%2, %3): exported %4, engine %5")
                                .arg(QString::fromStdString(input.name))
                                .arg(i + 1)
                                .arg(j + 1)
                                .arg(a, 0, 'g', 17)
                                .arg(g(i, j), 0, 'g', 17)));
      }
    }
  }
  if (row.target == CodeTarget::PyTorch) {
    // reduction="sum": PyTorch sums the element loss; the engine's Keras-style "sum" adds the
    // per-sample means (D times smaller), a batch-scalar formula is the same number.
    EvalRequest summed = row.request;
    summed.reduction = Reduction::Sum;
    double expectedSum = evaluate(*row.loss, summed).value;
    // A row-wise formula with one value per row (row_sum, norm, …) is one value per sample in
    // PyTorch too (issue 13).
    const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(*row.loss);
    if (row.route.kind == ExportRoute::Kind::Formula &&
        row.loss->info().framework != Framework::PyTorch && !equivalent->rowSquaredNorm &&
        !formula::parseFormula(equivalent->source, equivalent->inputs).aggregate &&
        !perRowFormula(formula::parseFormula(equivalent->source, equivalent->inputs))) {
      expectedSum *= static_cast<double>(row.request.yPred.values.cols());
    }
    LOSSLAB_VERIFY_NEAR(number(result.value("sum")), expectedSum, kTolerance);
  } else {
    QCOMPARE(result.value("config").toObject().value("reduction").toString(),
             QString("sum_over_batch_size"));
  }
}

void TestExportRoundTrip::kerasCallAlignsRanks() {
  const Row& row = current();
  if (!row.rankRequest) {
    QSKIP("not a Keras formula export");
  }
  const QJsonObject result = resultOf(row);
  if (!m_skip.isEmpty()) {
    QSKIP(qPrintable(m_skip));
  }
  QVERIFY2(!result.contains("error"), qPrintable(result.value("error").toString()));
  const double expected = evaluate(*row.loss, *row.rankRequest).value;
  const QJsonObject rank = result.value("rank").toObject();
  // Loss.__call__ (raw shapes) and LossFunctionWrapper (aligned), each with y_true (B,) against
  // y_pred (B, 1) and the other way round.
  for (const char* form : {"class, y_true (B,)", "class, y_pred (B,)", "wrapper, y_true (B,)",
                           "wrapper, y_pred (B,)"}) {
    QVERIFY2(rank.contains(form), qPrintable(form));
    const double v = number(rank.value(form));
    QVERIFY2(relativelyClose(v, expected, kTolerance),
             qPrintable(QString("%1: exported %2, engine %3")
                            .arg(form)
                            .arg(v, 0, 'g', 17)
                            .arg(expected, 0, 'g', 17)));
  }
}

void TestExportRoundTrip::exactPointsSurviveTheExport() {
  const Row& row = current();
  if (row.code.empty() || row.points.empty()) {
    QSKIP("no export, or no exact point");
  }
  const QJsonObject result = resultOf(row);
  if (!m_skip.isEmpty()) {
    QSKIP(qPrintable(m_skip));
  }
  QVERIFY2(!result.contains("error"), qPrintable(result.value("error").toString()));
  const QJsonArray got = result.value("points").toArray();
  // The sent points in the table's order: the one-element ones.
  int sent = 0;
  for (const KinkPoint& k : row.points) {
    CurveRequest request;
    request.variant = k.variant;
    request.target = curveAxis(row.loss->info(), row.loss->params()).target;
    const CurveInputs at = curveInputs(*row.loss, request, {k.x});
    bool single = at.yPred.size() == 1 && at.extras.empty();
    for (const CallInput& input : row.route.inputs) {
      const Tensor* t = input.tensor == "y_pred"   ? &at.yPred
                        : input.tensor == "y_true" ? &at.yTrue
                                                   : nullptr;
      single = single && t && t->size() == 1;
    }
    if (!single) {
      continue;
    }
    QVERIFY(sent < got.size());
    const QJsonObject p = got.at(sent++).toObject();
    const QString at2 =
        QString("x = %1 (%2)").arg(k.x, 0, 'g', 17).arg(QString::fromStdString(k.why));
    LOSSLAB_VERIFY_NEAR(number(p.value("value")), k.value, kTolerance);
    QVERIFY2(test::near(number(p.value("d1")), k.d1, kTolerance),
             qPrintable(at2 + QString(": d1 %1, table %2")
                                  .arg(number(p.value("d1")), 0, 'g', 17)
                                  .arg(k.d1, 0, 'g', 17)));
    if (!std::isnan(k.d2)) {
      QVERIFY2(test::near(number(p.value("d2")), k.d2, kTolerance),
               qPrintable(at2 + QString(": d2 %1, table %2")
                                    .arg(number(p.value("d2")), 0, 'g', 17)
                                    .arg(k.d2, 0, 'g', 17)));
    }
  }
  if (sent == 0) {
    QSKIP("no exact point on a one-element curve");
  }
}

QTEST_MAIN(TestExportRoundTrip)
#include "tst_export_roundtrip.moc"
