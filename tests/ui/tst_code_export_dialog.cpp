// SPDX-License-Identifier: GPL-3.0-or-later
// "Export as Code…" (issue 6): the dialog shows exactly the engine's exportCode for the chosen
// framework, copies it, and saves it atomically (nothing is created when saving fails).
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

#include "core/engine/loss_registry.h"
#include "core/export/code_export.h"
#include "core/formula/formula_loss.h"
#include "tests/test_utils.h"
#include "ui/common/code_export_dialog.h"
#include "ui/common/settings.h"

using namespace losslab;
using losslab::ui::CodeExportDialog;

Q_DECLARE_METATYPE(losslab::LossPtr)
Q_DECLARE_METATYPE(losslab::CodeTarget)

namespace {

LossPtr builtIn(const char* id, const ParamValues& params = {}) {
  return LossRegistry::instance().create(id, params);
}

QString expectedCode(const LossPtr& loss, CodeTarget target) {
  return QString::fromStdString(exportCode(*loss, target));
}

QByteArray fileBytes(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return {};
  }
  return file.readAll();
}

}  // namespace

class TestCodeExportDialog : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void showsTheEnginesCode_data();
  void showsTheEnginesCode();
  void frameworkComboSwitchesCode();
  void copyPutsCodeOnClipboard();
  void saveWritesTheFile();
  void saveFailureCreatesNothing_data();
  void saveFailureCreatesNothing();
  void lossWithoutExportShowsReason();
};

void TestCodeExportDialog::initTestCase() {
  ui::Settings::setEphemeral(true);
}

void TestCodeExportDialog::showsTheEnginesCode_data() {
  QTest::addColumn<LossPtr>("loss");
  QTest::addColumn<CodeTarget>("target");
  const LossPtr huber = builtIn("huber", {{"delta", 0.5}});
  const LossPtr bce = builtIn("torch_bce_logits");
  const LossPtr custom = FormulaLoss::create("T = 0.6 in [0.05, 20]\nsquare(y_pred - y_true) * T",
                                             {{"T", 0.8}}, "my temperature");
  QTest::newRow("huber δ=0.5, Keras") << huber << CodeTarget::Keras;
  QTest::newRow("huber δ=0.5, PyTorch") << huber << CodeTarget::PyTorch;
  QTest::newRow("torch BCE with logits, PyTorch") << bce << CodeTarget::PyTorch;
  QTest::newRow("custom formula, Keras") << custom << CodeTarget::Keras;
  QTest::newRow("custom formula, PyTorch") << custom << CodeTarget::PyTorch;
}

void TestCodeExportDialog::showsTheEnginesCode() {
  QFETCH(LossPtr, loss);
  QFETCH(CodeTarget, target);
  CodeExportDialog dialog(loss, target);
  const QString expected = expectedCode(loss, target);
  QVERIFY(!expected.isEmpty());
  QCOMPARE(dialog.target(), target);
  QCOMPARE(dialog.code(), expected);
  QVERIFY(dialog.exportError().isEmpty());
  auto* view = dialog.findChild<QPlainTextEdit*>();
  QVERIFY(view);
  QVERIFY(view->isReadOnly());
  QCOMPARE(view->toPlainText(), expected);
  QCOMPARE(view->font().family(), QFontDatabase::systemFont(QFontDatabase::FixedFont).family());
}

void TestCodeExportDialog::frameworkComboSwitchesCode() {
  const LossPtr loss = builtIn("huber", {{"delta", 2.0}});
  CodeExportDialog dialog(loss);
  QCOMPARE(dialog.code(), expectedCode(loss, CodeTarget::Keras));
  auto* combo = dialog.findChild<QComboBox*>();
  QVERIFY(combo);
  combo->setCurrentIndex(combo->findData(static_cast<int>(CodeTarget::PyTorch)));
  QCOMPARE(dialog.target(), CodeTarget::PyTorch);
  QCOMPARE(dialog.code(), expectedCode(loss, CodeTarget::PyTorch));
  QCOMPARE(dialog.findChild<QPlainTextEdit*>()->toPlainText(), dialog.code());
  QVERIFY(dialog.suggestedFileName().endsWith(QLatin1String("_pytorch.py")));
  dialog.setTarget(CodeTarget::Keras);
  QCOMPARE(combo->currentData().toInt(), static_cast<int>(CodeTarget::Keras));
  QCOMPARE(dialog.code(), expectedCode(loss, CodeTarget::Keras));
  QVERIFY(dialog.suggestedFileName().endsWith(QLatin1String("_keras.py")));
}

void TestCodeExportDialog::copyPutsCodeOnClipboard() {
  const LossPtr loss = builtIn("log_cosh");
  CodeExportDialog dialog(loss, CodeTarget::PyTorch);
  QApplication::clipboard()->setText(QStringLiteral("something else"));
  QPushButton* copy = nullptr;
  for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
    if (button->text().remove(QLatin1Char('&')) == QLatin1String("Copy")) {
      copy = button;
    }
  }
  QVERIFY(copy);
  QVERIFY(copy->isEnabled());
  copy->click();
  QCOMPARE(QApplication::clipboard()->text(), expectedCode(loss, CodeTarget::PyTorch));
}

void TestCodeExportDialog::saveWritesTheFile() {
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  const LossPtr loss = FormulaLoss::create(
      "margin = 1 in [0.1, 5]\ny*square(p) + (1 - y)*square(max(margin - p, 0))", {{"margin", 1.5}},
      "Contrastive δ");
  CodeExportDialog dialog(loss, CodeTarget::PyTorch);
  QCOMPARE(dialog.suggestedFileName(), QStringLiteral("contrastive_pytorch.py"));
  const QString path = dir.filePath(dialog.suggestedFileName());
  QString error;
  QVERIFY2(dialog.saveTo(path, &error), qPrintable(error));
  QCOMPARE(fileBytes(path), expectedCode(loss, CodeTarget::PyTorch).toUtf8());
  // Saving again replaces the file as a whole.
  dialog.setTarget(CodeTarget::Keras);
  QVERIFY2(dialog.saveTo(path, &error), qPrintable(error));
  QCOMPARE(fileBytes(path), expectedCode(loss, CodeTarget::Keras).toUtf8());
  // No temporary files left beside it.
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
           QStringList{QFileInfo(path).fileName()});
}

void TestCodeExportDialog::saveFailureCreatesNothing_data() {
  QTest::addColumn<QString>("relativePath");
  QTest::newRow("missing directory") << "no/such/dir/loss.py";
  QTest::newRow("path is a directory") << "existing_dir";
}

void TestCodeExportDialog::saveFailureCreatesNothing() {
  QFETCH(QString, relativePath);
  QTemporaryDir dir;
  QVERIFY(dir.isValid());
  QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("existing_dir")));
  const QStringList before =
      QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
  CodeExportDialog dialog(builtIn("mean_squared_error"), CodeTarget::Keras);
  const QString path = dir.filePath(relativePath);
  QString error;
  QVERIFY(!dialog.saveTo(path, &error));
  QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
  QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
           before);
  QVERIFY(!QFileInfo(dir.filePath(QStringLiteral("no"))).exists());
  QVERIFY(QFileInfo(dir.filePath(QStringLiteral("existing_dir"))).isDir());
  QVERIFY(QDir(dir.filePath(QStringLiteral("existing_dir"))).isEmpty());
}

void TestCodeExportDialog::lossWithoutExportShowsReason() {
  // knowledge_distillation has no Keras export (its formula reads teacher_logits, which Keras'
  // Loss.call cannot take): the engine says so, and the dialog shows that instead of code.
  const LossPtr loss = builtIn("knowledge_distillation");
  std::string reason;
  try {
    exportCode(*loss, CodeTarget::Keras);
  } catch (const Error& error) {
    reason = error.what();
  }
  QVERIFY2(!reason.empty(),
           "knowledge_distillation became exportable to Keras: pick another loss for this test");
  CodeExportDialog dialog(loss, CodeTarget::Keras);
  QVERIFY(dialog.code().isEmpty());
  QCOMPARE(dialog.exportError(), QString::fromStdString(reason));
  QVERIFY(
      dialog.findChild<QPlainTextEdit*>()->toPlainText().contains(QString::fromStdString(reason)));
  for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
    const QString text = button->text().remove(QLatin1Char('&'));
    if (text == QLatin1String("Copy") || text == QLatin1String("Save…")) {
      QVERIFY2(!button->isEnabled(), qPrintable(text));
    }
  }
  QTemporaryDir dir;
  QString error;
  QVERIFY(!dialog.saveTo(dir.filePath(QStringLiteral("x.py")), &error));
  QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x.py"))));
}

QTEST_MAIN(TestCodeExportDialog)
#include "tst_code_export_dialog.moc"
