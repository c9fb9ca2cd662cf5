// SPDX-License-Identifier: GPL-3.0-or-later
// The engine against independent reference values: tests/data/reference_cases.json, written by
// tests/data/make_reference.py (PyTorch float64 with autograd for the PyTorch ids, op-for-op
// float64 re-implementations of the Keras / Ceres / Barron / reference formulas, and the numbers
// printed in the Keras docstrings). Every case runs the full pipeline (losslab::evaluate) with
// its parameters, extra inputs, sample weights and reduction, and compares the reduced value,
// the per-sample values, ∂value/∂ŷ and the gradients of the differentiable extra inputs within
// the case's tolerance. Regenerate the JSON with `/usr/bin/python3 tests/data/make_reference.py`.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <cmath>
#include <optional>
#include <string>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/engine/pipeline.h"
#include "tests/test_utils.h"

using namespace losslab;

namespace {

/// The cases, read once. A parse error leaves the list empty and is reported by
/// referenceFileHasCases().
struct ReferenceFile {
  QJsonArray cases;
  QString error;
};

const ReferenceFile& referenceFile() {
  static const ReferenceFile file = [] {
    ReferenceFile result;
    QFile in(QStringLiteral(LOSSLAB_TEST_DATA_DIR "/reference_cases.json"));
    if (!in.open(QIODevice::ReadOnly)) {
      result.error = QStringLiteral("cannot open %1: %2").arg(in.fileName(), in.errorString());
      return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
      result.error =
          QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
    } else if (!doc.isArray()) {
      result.error = QStringLiteral("the top level is not a JSON array");
    } else {
      result.cases = doc.array();
    }
    return result;
  }();
  return file;
}

/// A JSON matrix [[..], ..] as a B×D tensor; rows must have equal lengths.
std::optional<Tensor> toTensor(const QJsonValue& value) {
  const QJsonArray rows = value.toArray();
  if (!value.isArray() || rows.isEmpty() || !rows.first().isArray()) {
    return std::nullopt;
  }
  const qsizetype cols = rows.first().toArray().size();
  Tensor t(rows.size(), cols);
  for (qsizetype i = 0; i < rows.size(); ++i) {
    const QJsonArray row = rows.at(i).toArray();
    if (row.size() != cols) {
      return std::nullopt;
    }
    for (qsizetype j = 0; j < cols; ++j) {
      t(i, j) = row.at(j).toDouble();
    }
  }
  return t;
}

/// A JSON number / bool / choice label as the text ParamSpec::parse accepts.
QString paramText(const QJsonValue& value) {
  if (value.isBool()) {
    return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
  }
  if (value.isDouble()) {
    return QString::number(value.toDouble(), 'g', 17);
  }
  return value.toString();
}

QString shapeOf(const Tensor& t) {
  return QStringLiteral("(%1, %2)").arg(t.rows()).arg(t.cols());
}

}  // namespace

/// Fails unless |actual − expected| ≤ tol · max(1, |expected|); the message names `what`.
#define LOSSLAB_VERIFY_NEAR_AT(what, actual, expected, tol)                           \
  do {                                                                                \
    const double a_ = (actual);                                                       \
    const double e_ = (expected);                                                     \
    QVERIFY2(::losslab::test::near(a_, e_, (tol)),                                    \
             qPrintable(QStringLiteral("%1 = %2, expected %3 (tol %4, abs error %5)") \
                            .arg(what)                                                \
                            .arg(a_, 0, 'g', 17)                                      \
                            .arg(e_, 0, 'g', 17)                                      \
                            .arg(tol)                                                 \
                            .arg(std::fabs(a_ - e_), 0, 'g', 3)));                    \
  } while (false)

/// Compares a tensor element by element; a shape mismatch fails first.
#define LOSSLAB_VERIFY_TENSOR_NEAR(what, actual, expectedJson, tol)                            \
  do {                                                                                         \
    const std::optional<Tensor> expected_ = toTensor(expectedJson);                            \
    QVERIFY2(expected_.has_value(),                                                            \
             qPrintable(QStringLiteral("%1: malformed reference").arg(what)));                 \
    const Tensor& actual_ = (actual);                                                          \
    QVERIFY2(actual_.rows() == expected_->rows() && actual_.cols() == expected_->cols(),       \
             qPrintable(QStringLiteral("%1 has shape %2, expected %3")                         \
                            .arg(what, shapeOf(actual_), shapeOf(*expected_))));               \
    for (Eigen::Index i_ = 0; i_ < actual_.rows(); ++i_) {                                     \
      for (Eigen::Index j_ = 0; j_ < actual_.cols(); ++j_) {                                   \
        LOSSLAB_VERIFY_NEAR_AT(QStringLiteral("%1(%2, %3)").arg(what).arg(i_ + 1).arg(j_ + 1), \
                               actual_(i_, j_), (*expected_)(i_, j_), tol);                    \
      }                                                                                        \
    }                                                                                          \
  } while (false)

class TestReferenceValues : public QObject {
  Q_OBJECT

 private slots:
  void referenceFileHasCases();
  void everyRegisteredLossHasACase();
  void matchesReference_data();
  void matchesReference();
};

void TestReferenceValues::referenceFileHasCases() {
  const ReferenceFile& file = referenceFile();
  QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
  QVERIFY2(!file.cases.isEmpty(), "reference_cases.json holds no cases");
  // Row names must be unique, or a failure could not be traced to its case.
  QSet<QString> names;
  for (const QJsonValue& c : file.cases) {
    const QString name = c.toObject().value(QStringLiteral("name")).toString();
    QVERIFY2(!name.isEmpty(), "a case has no name");
    QVERIFY2(!names.contains(name), qPrintable(QStringLiteral("duplicate case '%1'").arg(name)));
    names.insert(name);
  }
}

void TestReferenceValues::everyRegisteredLossHasACase() {
  QSet<QString> covered;
  for (const QJsonValue& c : referenceFile().cases) {
    covered.insert(c.toObject().value(QStringLiteral("loss")).toString());
  }
  QStringList missing;
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    const QString id = QString::fromStdString(entry.info.id);
    if (!covered.contains(id)) {
      missing << id;
    }
  }
  QVERIFY2(missing.isEmpty(),
           qPrintable(QStringLiteral("registered but without a reference case (add it to "
                                     "tests/data/make_reference.py): %1")
                          .arg(missing.join(QStringLiteral(", ")))));
}

void TestReferenceValues::matchesReference_data() {
  QTest::addColumn<QJsonObject>("reference");
  for (const QJsonValue& c : referenceFile().cases) {
    const QJsonObject object = c.toObject();
    QTest::newRow(qPrintable(object.value(QStringLiteral("name")).toString())) << object;
  }
}

void TestReferenceValues::matchesReference() {
  QFETCH(QJsonObject, reference);
  const std::string id = reference.value(QStringLiteral("loss")).toString().toStdString();
  const double tol = reference.value(QStringLiteral("tol")).toDouble();
  QVERIFY2(tol > 0, "the case has no tolerance");

  const LossRegistry::Entry* entry = LossRegistry::instance().find(id);
  QVERIFY2(
      entry,
      qPrintable(QStringLiteral("loss '%1' is not registered").arg(QString::fromStdString(id))));

  try {
    // Parameters go through each ParamSpec's parser, as the CLI's --param NAME=VALUE does, so
    // choice labels and booleans are exercised too.
    ParamValues params;
    const QJsonObject jsonParams = reference.value(QStringLiteral("params")).toObject();
    for (auto it = jsonParams.begin(); it != jsonParams.end(); ++it) {
      const std::string name = it.key().toStdString();
      const ParamSpec* spec = nullptr;
      for (const ParamSpec& candidate : entry->info.params) {
        spec = candidate.id == name ? &candidate : spec;
      }
      QVERIFY2(spec, qPrintable(QStringLiteral("'%1' has no parameter '%2'")
                                    .arg(QString::fromStdString(id), it.key())));
      params[name] = spec->parse(paramText(it.value()).toStdString());
    }
    const LossPtr loss = LossRegistry::instance().create(id, params);

    EvalRequest request;
    std::optional<Tensor> yPred = toTensor(reference.value(QStringLiteral("y_pred")));
    QVERIFY2(yPred, "malformed y_pred");
    request.yPred = RankedTensor{*yPred, 2};
    if (!reference.value(QStringLiteral("y_true")).isNull()) {
      std::optional<Tensor> yTrue = toTensor(reference.value(QStringLiteral("y_true")));
      QVERIFY2(yTrue, "malformed y_true");
      request.yTrue = RankedTensor{*yTrue, 2};
    }
    const QJsonObject extras = reference.value(QStringLiteral("extras")).toObject();
    for (auto it = extras.begin(); it != extras.end(); ++it) {
      std::optional<Tensor> extra = toTensor(it.value());
      QVERIFY2(extra, qPrintable(QStringLiteral("malformed extra '%1'").arg(it.key())));
      request.extras[it.key().toStdString()] = RankedTensor{*extra, 2};
    }
    const QJsonValue weights = reference.value(QStringLiteral("sample_weight"));
    if (!weights.isNull()) {
      const QJsonArray w = weights.toArray();
      Tensor column(w.size(), 1);
      for (qsizetype i = 0; i < w.size(); ++i) {
        column(i, 0) = w.at(i).toDouble();
      }
      request.sampleWeight = RankedTensor{column, 1};  // Keras' (B,) sample_weight
    }
    const QJsonValue reduction = reference.value(QStringLiteral("reduction"));
    if (!reduction.isNull()) {
      request.reduction = parseReduction(reduction.toString().toStdString());
    }

    const Evaluation result = evaluate(*loss, request);

    const QJsonValue value = reference.value(QStringLiteral("value"));
    if (!value.isNull()) {
      LOSSLAB_VERIFY_NEAR(result.value, value.toDouble(), tol);
    }
    const QJsonValue perSample = reference.value(QStringLiteral("per_sample"));
    if (!perSample.isNull()) {
      const QJsonArray expected = perSample.toArray();
      QVERIFY2(result.perSample.size() == expected.size(),
               qPrintable(QStringLiteral("per_sample has %1 values, expected %2")
                              .arg(result.perSample.size())
                              .arg(expected.size())));
      for (qsizetype i = 0; i < expected.size(); ++i) {
        LOSSLAB_VERIFY_NEAR_AT(QStringLiteral("per_sample(%1)").arg(i + 1), result.perSample(i),
                               expected.at(i).toDouble(), tol);
      }
    }
    // Only docstring rows may lack a gradient (the docstrings print values only).
    const QJsonValue grad = reference.value(QStringLiteral("grad"));
    QVERIFY2(!grad.isNull() || reference.value(QStringLiteral("source")).toString() ==
                                   QStringLiteral("keras-docstring"),
             "the case has no reference gradient");
    if (!grad.isNull()) {
      LOSSLAB_VERIFY_TENSOR_NEAR(QStringLiteral("grad"), result.grad, grad, tol);
    }
    const QJsonObject grads = reference.value(QStringLiteral("grads")).toObject();
    for (auto it = grads.begin(); it != grads.end(); ++it) {
      const auto found = result.extraGrads.find(it.key().toStdString());
      QVERIFY2(found != result.extraGrads.end(),
               qPrintable(QStringLiteral("no gradient for the input '%1'").arg(it.key())));
      LOSSLAB_VERIFY_TENSOR_NEAR(QStringLiteral("grads[%1]").arg(it.key()), found->second,
                                 it.value(), tol);
    }
  } catch (const Error& error) {
    QFAIL(qPrintable(QStringLiteral("the engine threw: %1").arg(QString::fromUtf8(error.what()))));
  } catch (const std::exception& error) {
    QFAIL(qPrintable(QStringLiteral("unexpected exception: %1").arg(error.what())));
  }
}

QTEST_MAIN(TestReferenceValues)
#include "tst_reference_values.moc"
