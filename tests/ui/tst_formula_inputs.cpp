// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 13: the formula dock loads extra inputs (tensors from CSV files the formula reads by
// name, as `losslab-cli eval --input NAME=FILE`): names checked, file errors with file and line,
// the formula kept; saved with the loss in the library (and its file); evaluated on the curve at
// the input's first value; exported with the formula as NAME.
#include <QFile>
#include <QListWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/engine/curve.h"
#include "core/export/code_export.h"
#include "core/formula/formula_loss.h"
#include "ui/common/code_export_dialog.h"
#include "ui/common/custom_loss_file.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/common/settings.h"
#include "ui/formula/formula_editor.h"

using namespace losslab;
using losslab::ui::CustomLossLibrary;
using losslab::ui::FormulaEditor;

namespace {

/// Writes `content` to `directory`/`name`; returns the path.
QString writeTextFile(const QString& directory, const QString& name, const QString& content) {
  const QString path = directory + QLatin1Char('/') + name;
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    qFatal("cannot write %s", qPrintable(path));
  }
  f.write(content.toUtf8());
  return path;
}

}  // namespace

class TestFormulaInputs : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void init();
  void badNamesAreRefusedAndTheFormulaKept_data();
  void badNamesAreRefusedAndTheFormulaKept();
  void fileErrorsNameTheFileAndLine();
  void aLoadedInputIsAVariableNotAParameter();
  void inputsAreSavedWithTheLoss();
  void theCurveHoldsTheInputAtItsFirstValue();
  void exportTakesTheInputByName();

 private:
  QTemporaryDir m_dir;
};

void TestFormulaInputs::initTestCase() {
  ui::Settings::setEphemeral(true);
  QVERIFY(m_dir.isValid());
}

void TestFormulaInputs::init() {
  for (const QString& name : CustomLossLibrary::instance().names()) {
    CustomLossLibrary::instance().remove(name);
  }
}

void TestFormulaInputs::badNamesAreRefusedAndTheFormulaKept_data() {
  QTest::addColumn<QString>("name");
  QTest::addColumn<QString>("reason");
  QTest::newRow("starts with a digit") << "2w"
                                       << "not a name a formula can read";
  QTest::newRow("has a space") << "my w"
                               << "not a name a formula can read";
  QTest::newRow("a variable") << "y_true"
                              << "already means something";
  QTest::newRow("a constant") << "eps"
                              << "already means something";
  QTest::newRow("a function") << "softmax"
                              << "already means something";
  QTest::newRow("loaded twice") << "w"
                                << "already loaded";
}

void TestFormulaInputs::badNamesAreRefusedAndTheFormulaKept() {
  QFETCH(QString, name);
  QFETCH(QString, reason);
  const QString file = writeTextFile(m_dir.path(), "w.csv", "2\n3\n");
  FormulaEditor editor;
  editor.setFormula(QStringLiteral("w*square(r)"));
  if (name == QLatin1String("w")) {
    QVERIFY(editor.addInput(name, file));
  }
  const qsizetype before = editor.inputs().size();
  QVERIFY(!editor.addInput(name, file));
  QVERIFY2(editor.statusMessage().contains(reason), qPrintable(editor.statusMessage()));
  QCOMPARE(editor.inputs().size(), before);
  QCOMPARE(editor.formula(), QStringLiteral("w*square(r)"));
}

void TestFormulaInputs::fileErrorsNameTheFileAndLine() {
  const QString bad = writeTextFile(m_dir.path(), "bad.csv", "1,2\n3,abc\n");
  FormulaEditor editor;
  editor.setFormula(QStringLiteral("w*square(r)"));
  QVERIFY(!editor.addInput(QStringLiteral("w"), bad));
  // csv_reader's message: "<file>:<line>:<column>: 'abc' is not a number".
  QVERIFY2(editor.statusMessage().contains("bad.csv:2:2"), qPrintable(editor.statusMessage()));
  QVERIFY(!editor.addInput(QStringLiteral("w"), m_dir.filePath("missing.csv")));
  QVERIFY2(editor.statusMessage().contains("missing.csv"), qPrintable(editor.statusMessage()));
  QVERIFY(editor.inputs().isEmpty());
  QCOMPARE(editor.formula(), QStringLiteral("w*square(r)"));
  QCOMPARE(editor.parameterNames(), QStringList{"w"});
}

void TestFormulaInputs::aLoadedInputIsAVariableNotAParameter() {
  const QString file = writeTextFile(m_dir.path(), "w.csv", "2\n3\n");
  FormulaEditor editor;
  editor.setFormula(QStringLiteral("w*square(r) + v"));
  QCOMPARE(editor.parameterNames(), (QStringList{"w", "v"}));
  QVERIFY(editor.addInput(QStringLiteral("w"), file));
  QCOMPARE(editor.parameterNames(), QStringList{"v"});
  QCOMPARE(editor.formula(), QStringLiteral("w*square(r) + v"));
  QCOMPARE(editor.inputList()->count(), 1);
  QVERIFY2(editor.inputList()->item(0)->text().startsWith("w  2 × 1  (w.csv)"),
           qPrintable(editor.inputList()->item(0)->text()));
  QVERIFY(editor.addInput(QStringLiteral("unused"), file));
  QVERIFY(editor.inputList()->item(1)->text().contains("not read by the formula"));
  QVERIFY(editor.removeInput(QStringLiteral("w")));
  QCOMPARE(editor.parameterNames(), (QStringList{"w", "v"}));
  QVERIFY(!editor.removeInput(QStringLiteral("w")));
}

void TestFormulaInputs::inputsAreSavedWithTheLoss() {
  const QString file = writeTextFile(m_dir.path(), "t.csv", "1.5,-2\n0.25,4\n");
  {
    FormulaEditor editor;
    editor.setFormula(QStringLiteral("square(y_pred - teacher)"));
    editor.setLossName(QStringLiteral("distil"));
    QVERIFY(editor.addInput(QStringLiteral("teacher"), file));
    QVERIFY(editor.saveToLibrary());
  }
  const std::optional<ui::CustomLoss> entry = CustomLossLibrary::instance().find("distil");
  QVERIFY(entry);
  QCOMPARE(entry->inputs.size(), 1);
  QCOMPARE(entry->inputs[0].name, QStringLiteral("teacher"));
  QCOMPARE(entry->inputs[0].file, file);
  const std::vector<std::vector<double>> rows = {{1.5, -2}, {0.25, 4}};
  QVERIFY(entry->inputs[0].rows == rows);
  // A new editor opening it gets the input back: teacher is not a parameter.
  FormulaEditor reopened;
  QVERIFY(reopened.openFromLibrary(QStringLiteral("distil")));
  QCOMPARE(reopened.inputs().size(), 1);
  QVERIFY(reopened.isValid());
  QVERIFY(reopened.parameterNames().isEmpty());
  // The library file keeps them (values included: the CSV may move).
  const QString path = m_dir.filePath("library.json");
  QString error;
  QVERIFY2(ui::CustomLossFile::write(path, {*entry}, &error), qPrintable(error));
  const std::optional<QList<ui::CustomLoss>> read = ui::CustomLossFile::read(path, &error);
  QVERIFY2(read, qPrintable(error));
  QCOMPARE(read->size(), 1);
  QVERIFY(read->at(0) == *entry);
}

void TestFormulaInputs::theCurveHoldsTheInputAtItsFirstValue() {
  const QString file = writeTextFile(m_dir.path(), "w.csv", "2.5\n7\n");
  FormulaEditor editor;
  editor.setFormula(QStringLiteral("w*square(r)"));
  editor.setLossName(QStringLiteral("weighted"));
  QVERIFY(editor.addInput(QStringLiteral("w"), file));
  QVERIFY(editor.saveToLibrary());
  const QString id = ui::customLossId(QStringLiteral("weighted"));
  const LossPtr loss = ui::createLoss(id);
  QCOMPARE(loss->info().extras.size(), std::size_t{1});
  const auto held = ui::curveInputValues(id);
  QCOMPARE(held.size(), std::size_t{1});
  QCOMPARE(held.at("w"), 2.5);
  // The explorer's request: the curve of one sample with w = 2.5 (row 1), target 0:
  // ℓ(x) = 2.5·x², ℓ′ = 5x, ℓ″ = 5 (hand derivation). Without the held value w would be 0.
  CurveRequest request;
  request.from = -1;
  request.to = 1;
  request.points = 3;
  request.inputValues = held;
  const CurveData data = computeCurve(*loss, request);
  QCOMPARE(data.value[0], 2.5);
  QCOMPARE(data.d1[0], -5.0);
  QCOMPARE(data.d2[2], 5.0);
  QVERIFY(ui::curveInputValues(QStringLiteral("huber")).empty());
}

void TestFormulaInputs::exportTakesTheInputByName() {
  const QString file = writeTextFile(m_dir.path(), "teacher.csv", "1\n2\n");
  FormulaEditor editor;
  editor.setFormula(QStringLiteral("a = 0.5\nsquare(r) + a*abs(y_pred - teacher)"));
  editor.setLossName(QStringLiteral("kd"));
  QVERIFY(editor.addInput(QStringLiteral("teacher"), file));
  ui::CodeExportDialog* dialog = editor.exportAsCode();
  QVERIFY2(dialog, qPrintable(editor.statusMessage()));
  const auto expected = FormulaLoss::create(editor.formula().toStdString(), {}, "kd", {"teacher"});
  QCOMPARE(dialog->code(), QString::fromStdString(exportCode(*expected, CodeTarget::Keras)));
  QVERIFY2(dialog->code().contains("def pack_y_true(y_true, teacher):"),
           qPrintable(dialog->code()));
  dialog->close();
  const QString torch = QString::fromStdString(exportCode(*expected, CodeTarget::PyTorch));
  QVERIFY(torch.contains("teacher: torch.Tensor"));
}

QTEST_MAIN(TestFormulaInputs)
#include "tst_formula_inputs.moc"
