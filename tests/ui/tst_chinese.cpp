// SPDX-License-Identifier: GPL-3.0-or-later
// Chinese, completely (issue 14 item 5): every string the engine shows (loss names, summaries,
// parameter labels and help, extra inputs) is in the zh_CN catalogue with a finished
// translation, the GUI shows it translated, the loss picker searches the translated text, and
// Qt's own buttons speak Chinese once qtbase_zh_CN is installed.
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

#include "core/engine/loss_registry.h"
#include "ui/common/engine_text.h"
#include "ui/common/parameter_panel.h"
#include "ui/common/translators.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/loss_picker_dialog.h"

using namespace losslab;
using namespace losslab::ui;

namespace {

/// context → source → translation of the committed catalogue (finished entries only).
using Catalogue = QMap<QString, QMap<QString, QString>>;

Catalogue readCatalogue() {
  Catalogue catalogue;
  QFile file(QStringLiteral(LOSSLAB_SOURCE_DIR "/resources/translations/losslab_zh_CN.ts"));
  if (!file.open(QIODevice::ReadOnly)) {
    return catalogue;
  }
  QXmlStreamReader xml(&file);
  QString context;
  QString source;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) {
      continue;
    }
    if (xml.name() == QLatin1String("name")) {
      context = xml.readElementText();
    } else if (xml.name() == QLatin1String("source")) {
      source = xml.readElementText();
    } else if (xml.name() == QLatin1String("translation")) {
      const bool unfinished =
          xml.attributes().value(QStringLiteral("type")) == QLatin1String("unfinished");
      const QString text = xml.readElementText();
      if (!unfinished && !text.isEmpty()) {
        catalogue[context][source] = text;
      }
    }
  }
  return catalogue;
}

bool hasCjk(const QString& text) {
  for (QChar c : text) {
    if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) {
      return true;
    }
  }
  return false;
}

/// "General robust loss (α, c; Barron)" → {α, c, Barron}, "δ (threshold)" → "δ": what the
/// legend code (curve_names.cpp) reads to put parameter values into a name.
QStringList trailingTokens(const QString& name) {
  static const QRegularExpression trailing(QStringLiteral("\\(([^()]*)\\)$"));
  static const QRegularExpression separator(QStringLiteral("[,;] "));
  const QRegularExpressionMatch match = trailing.match(name);
  return match.hasMatch() ? match.captured(1).split(separator) : QStringList();
}
QString symbolOf(const QString& label) {
  const qsizetype paren = label.indexOf(QStringLiteral(" ("));
  return paren > 0 ? label.left(paren) : label;
}

}  // namespace

class TestChinese : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void everyEngineStringIsTranslated();
  void engineTextIsTranslatedWhenShown();
  void pickerSearchesTheTranslatedText();
  void qtButtonsSpeakChinese();
};

void TestChinese::initTestCase() {
  // The GUI's own catalogue as the app embeds it (compiled by lrelease beside the app), and
  // Qt's qtbase catalogue, exactly as main() installs them for --lang zh_CN.
  const InstalledTranslators installed =
      installTranslators(QLocale(QStringLiteral("zh_CN")), QStringLiteral(LOSSLAB_QM_DIR));
  QVERIFY2(installed.own, LOSSLAB_QM_DIR "/losslab_zh_CN.qm");
  QVERIFY2(installed.qtBase, qPrintable(qtTranslationsDirectory() +
                                        " has no qtbase_zh_CN.qm (qt6-translations-l10n)"));
}

void TestChinese::everyEngineStringIsTranslated() {
  const Catalogue catalogue = readCatalogue();
  const QMap<QString, QString> engine = catalogue.value(QStringLiteral("Engine"));
  QVERIFY(engine.size() > 200);
  int checked = 0;
  auto translated = [&](const std::string& english, const std::string& where) {
    const QString source = QString::fromStdString(english);
    if (source.isEmpty()) {
      return QString();
    }
    ++checked;
    const QString text = engine.value(source);
    [&] { QVERIFY2(!text.isEmpty(), (where + ": not in the catalogue: " + english).c_str()); }();
    return text;
  };
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    const LossInfo& info = entry.info;
    const QString name = translated(info.name, info.id + " name");
    // A name is Chinese, and keeps the parenthesised symbols the legend fills with values.
    QVERIFY2(hasCjk(name), qPrintable(name));
    const QStringList englishTokens = trailingTokens(QString::fromStdString(info.name));
    translated(info.summary, info.id + " summary");
    for (const ParamSpec& spec : info.params) {
      const QString label = translated(spec.label, info.id + "." + spec.id + " label");
      const QString symbol = symbolOf(QString::fromStdString(spec.label));
      // "δ (threshold)": δ stays (a boolean's label is shown whole, never as a symbol).
      if (spec.kind != ParamSpec::Kind::Boolean && spec.label.find(" (") != std::string::npos) {
        QCOMPARE(symbolOf(label), symbol);
      }
      if (englishTokens.contains(symbol)) {
        QVERIFY2(trailingTokens(name).contains(symbol), qPrintable(name + " lacks " + symbol));
      }
      translated(spec.help, info.id + "." + spec.id + " help");
    }
    for (const ExtraInput& extra : info.extras) {
      translated(extra.help, info.id + " input " + extra.name);
    }
  }
  QVERIFY(checked > 250);  // 58 losses: names, summaries, 2 per parameter, extra inputs
}

void TestChinese::engineTextIsTranslatedWhenShown() {
  QCOMPARE(engineText("Mean squared error (MSE)"), QStringLiteral("均方误差 (MSE)"));
  QCOMPARE(engineText("δ (threshold)"), QStringLiteral("δ (阈值)"));
  QCOMPARE(familyTitle(Family::Robust), QStringLiteral("鲁棒损失"));
  // Unmarked text (a formula) comes back unchanged.
  QCOMPARE(engineText("abs(r)"), QStringLiteral("abs(r)"));

  // The explorer's legend: translated name, the value in the symbol's place.
  CurveModel model;
  QString error;
  QCOMPARE(model.addCurve(QStringLiteral("huber"), {}, {}, {}, &error), 0);
  QCOMPARE(model.index(0).data().toString(), QStringLiteral("Huber 损失 (δ = 1)"));
  // A fixed engine error, as the Parameters dock reports it.
  QCOMPARE(model.addCurve(QStringLiteral("tweedie_deviance"), {}, {}, {}, &error), 1);
  QVERIFY(!model.setParams(1, {{"power", 0.5}}, &error));
  QCOMPARE(error, QStringLiteral("tweedie_deviance：幂次在 (0, 1) 内不是有效的 Tweedie 分布"));

  // The parameter panel's label and tooltip.
  ParameterPanel panel;
  panel.setParameters(LossRegistry::instance().find("huber")->info.params, {{"delta", 1.0}});
  QStringList labels;
  for (const QLabel* label : panel.findChildren<QLabel*>()) {
    labels << label->text();
  }
  QVERIFY2(labels.contains(QStringLiteral("δ (阈值)")), qPrintable(labels.join(", ")));
}

void TestChinese::pickerSearchesTheTranslatedText() {
  LossPickerDialog picker;
  // "鲁棒" is in the family's title (鲁棒损失): the family row matches and keeps its losses.
  picker.setSearchText(QStringLiteral("鲁棒"));
  QStringList found = picker.visibleIds();
  for (const char* id : {"ceres_cauchy", "tukey_biweight", "pinball", "barron_general"}) {
    QVERIFY2(found.contains(QLatin1String(id)), qPrintable(found.join(", ")));
  }
  QVERIFY(!found.contains(QStringLiteral("mean_squared_error")));
  // "均方" is in the translated names of MSE, MSLE and PyTorch's MSELoss.
  picker.setSearchText(QStringLiteral("均方"));
  found = picker.visibleIds();
  for (const char* id : {"mean_squared_error", "mean_squared_logarithmic_error", "torch_mse"}) {
    QVERIFY2(found.contains(QLatin1String(id)), qPrintable(found.join(", ")));
  }
  QVERIFY(!found.contains(QStringLiteral("huber")));
  // English still works under the Chinese interface.
  picker.setSearchText(QStringLiteral("Huber"));
  QVERIFY(picker.visibleIds().contains(QStringLiteral("huber")));
}

void TestChinese::qtButtonsSpeakChinese() {
  // The buttons of QMessageBox and every QDialogButtonBox.
  QDialogButtonBox buttons(QDialogButtonBox::Save | QDialogButtonBox::Cancel |
                           QDialogButtonBox::Open);
  QCOMPARE(buttons.button(QDialogButtonBox::Save)->text(), QStringLiteral("保存"));
  QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
  QCOMPARE(buttons.button(QDialogButtonBox::Open)->text(), QStringLiteral("打开"));
  // Qt's own file dialog (what Export Plot… opens without a desktop's native dialog).
  QFileDialog dialog(nullptr, QStringLiteral("x"));
  dialog.setOption(QFileDialog::DontUseNativeDialog);
  dialog.setAcceptMode(QFileDialog::AcceptSave);
  QStringList texts;
  for (const QLabel* label : dialog.findChildren<QLabel*>()) {
    texts << label->text();
  }
  for (const QPushButton* button : dialog.findChildren<QPushButton*>()) {
    texts << button->text();
  }
  QVERIFY2(texts.contains(QStringLiteral("查找范围：")), qPrintable(texts.join(", ")));
  QVERIFY2(texts.contains(QStringLiteral("文件名称(&N)：")), qPrintable(texts.join(", ")));
  QVERIFY2(texts.contains(QStringLiteral("保存(&S)")), qPrintable(texts.join(", ")));
}

QTEST_MAIN(TestChinese)
#include "tst_chinese.moc"
