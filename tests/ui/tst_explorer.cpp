// SPDX-License-Identifier: GPL-3.0-or-later
// The loss explorer (issue 4): presets plot exactly the engine's numbers, parameter edits
// redraw and undo, mixed axis kinds are refused with an explanation, and the headless entry
// points (--screenshot, --list-presets, --lang zh_CN) work on the real binary.
#include <qcustomplot.h>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontMetricsF>
#include <QImage>
#include <QListView>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QXmlStreamReader>

#include "core/engine/loss_registry.h"
#include "tests/test_utils.h"
#include "ui/common/engine_text.h"
#include "ui/common/parameter_panel.h"
#include "ui/common/plot_export_options.h"
#include "ui/common/plot_exporter.h"
#include "ui/common/settings.h"
#include "ui/explorer/axis_range_dialog.h"
#include "ui/explorer/crosshair.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/loss_list_panel.h"
#include "ui/explorer/loss_picker_dialog.h"
#include "ui/explorer/presets.h"
#include "ui/formula/formula_editor.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_presets.h"

using namespace losslab;
using namespace losslab::ui;

class TestExplorer : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase();
  void namesShowNoSeedNumbers();
  void presetPlotsEngineNumbers_data();
  void presetPlotsEngineNumbers();
  void startsWithMseMaeHuber();
  void parameterEditRedrawsAndUndoes();
  void refusesMixedAxisKinds();
  void atMostEightCurves();
  void crosshairReadsEngineValuesAtCursor();
  void axisRangeDialogRefusesEmptyRanges();
  void sliderMovesRedrawOnlyTheActiveLayer();
  void fixedTargetPlotsAgainstThePrediction();
  void formulaDockPlotsAndReplotsACustomLoss();
  void screenshotIsNotBlank();
  void listPresetsPrintsIdTabTitle();
  void chineseTranslationLoads();
  void chineseTranslationIsComplete();
  void unknownPresetIsAnError();
  void slideTitlesNeverCollide_data();
  void slideTitlesNeverCollide();
  void copyImageLeavesTheCrosshairOut();
  void headlessSlide_data();
  void headlessSlide();
  void headlessSlideRefusesOtherSizes();
  void curveListViewsTheModel();
  void lossPickerFiltersThroughTheProxy();
  void slidersDragsAreSeparateUndoSteps();
  void removingACurveIsUndoneInPlace();
};

void TestExplorer::initTestCase() {
  QCoreApplication::setOrganizationName(QStringLiteral("LossLabTest"));
  QCoreApplication::setApplicationName(QStringLiteral("tst_explorer"));
  Settings::setEphemeral(true);  // never read or change a user's remembered session
}

void TestExplorer::presetPlotsEngineNumbers_data() {
  QTest::addColumn<QString>("preset");
  for (const Preset& preset : presets()) {
    QTest::newRow(qPrintable(preset.id)) << preset.id;
  }
}

void TestExplorer::presetPlotsEngineNumbers() {
  QFETCH(QString, preset);
  MainWindow window;
  QVERIFY(window.applyPreset(preset));
  const Preset* p = findPreset(preset);
  QCOMPARE(window.explorer()->model()->count(), static_cast<int>(p->curves.size()));
  for (int i = 0; i < window.explorer()->model()->count(); ++i) {
    const PresetCurve& spec = p->curves[static_cast<std::size_t>(i)];
    // An independent evaluation: fresh loss from the registry, fresh curve request.
    const LossPtr loss = LossRegistry::instance().create(spec.lossId.toStdString(), spec.params);
    CurveRequest request;
    request.from = p->from;
    request.to = p->to;
    request.points = window.explorer()->model()->points();
    request.variant = spec.variant.toStdString();
    request.target = curveAxis(loss->info(), loss->params()).target;
    const CurveData expected = computeCurve(*loss, request);
    for (int panel = 0; panel < 2; ++panel) {
      const QCPGraph* graph = window.explorer()->plot()->graph(panel, i);
      QCOMPARE(graph->dataCount(), static_cast<int>(expected.x.size()));
      const std::vector<double>& column = panel == 0 ? expected.value : expected.d1;
      for (int k = 0; k < graph->dataCount(); k += 37) {
        const auto point = graph->data()->at(k);
        QCOMPARE(point->key, expected.x[static_cast<std::size_t>(k)]);
        const double e = column[static_cast<std::size_t>(k)];
        QVERIFY2(point->value == e || (std::isnan(point->value) && std::isnan(e)),
                 qPrintable(QStringLiteral("%1 panel %2 point %3: plotted %4, engine %5")
                                .arg(spec.lossId)
                                .arg(panel)
                                .arg(k)
                                .arg(point->value)
                                .arg(e)));
      }
    }
  }
}

void TestExplorer::startsWithMseMaeHuber() {
  MainWindow window;
  QCOMPARE(window.currentPreset(), QStringLiteral("mse-mae-huber"));
  QCOMPARE(window.explorer()->model()->curve(2).lossId, QStringLiteral("huber"));
  QCOMPARE(window.explorer()->model()->curve(2).params.at("delta"), 1.0);
  // The gradient panel shows Huber clipped at ±δ: at x = 3 (the right end), dL/dŷ = δ = 1,
  // while MSE's is 2·3 = 6 and MAE's is 1.
  const QCPGraph* huberGrad = window.explorer()->plot()->graph(1, 2);
  LOSSLAB_VERIFY_NEAR(huberGrad->data()->at(huberGrad->dataCount() - 1)->value, 1.0, 1e-12);
  const QCPGraph* mseGrad = window.explorer()->plot()->graph(1, 0);
  LOSSLAB_VERIFY_NEAR(mseGrad->data()->at(mseGrad->dataCount() - 1)->value, 6.0, 1e-12);
}

void TestExplorer::parameterEditRedrawsAndUndoes() {
  MainWindow window;
  window.applyPreset(QStringLiteral("mse-mae-huber"));
  window.explorer()->selectCurve(2);
  QSignalSpy changed(window.explorer()->model(), &CurveModel::curveChanged);
  window.explorer()->applyParameters({{"delta", 0.5}});
  QCOMPARE(changed.count(), 1);
  const QCPGraph* huberGrad = window.explorer()->plot()->graph(1, 2);
  LOSSLAB_VERIFY_NEAR(huberGrad->data()->at(huberGrad->dataCount() - 1)->value, 0.5, 1e-12);
  // Undo restores δ = 1 (Ctrl+Z is the undo stack's action).
  QAction* undo = nullptr;
  for (QAction* action : window.findChildren<QAction*>()) {
    if (action->shortcut() == QKeySequence(QKeySequence::Undo)) {
      undo = action;
    }
  }
  QVERIFY(undo);
  undo->trigger();
  QCOMPARE(window.explorer()->model()->curve(2).params.at("delta"), 1.0);
  // An invalid value is rejected and changes nothing.
  window.explorer()->applyParameters({{"delta", -1.0}});
  QCOMPARE(window.explorer()->model()->curve(2).params.at("delta"), 1.0);
}

void TestExplorer::refusesMixedAxisKinds() {
  CurveModel model;
  QString error;
  QVERIFY(model.addCurve(QStringLiteral("huber"), {}, {}, {}, &error) >= 0);
  QCOMPARE(model.addCurve(QStringLiteral("hinge"), {}, {}, {}, &error), -1);
  QVERIFY2(error.contains(QStringLiteral("not overlaid")), qPrintable(error));
  QCOMPARE(model.count(), 1);
}

void TestExplorer::atMostEightCurves() {
  CurveModel model;
  for (int i = 0; i < CurveModel::kMaxCurves; ++i) {
    QVERIFY(model.addCurve(QStringLiteral("huber"), {{"delta", 0.5 + i}}, {}, {}, nullptr) >= 0);
  }
  QString error;
  QCOMPARE(model.addCurve(QStringLiteral("huber"), {}, {}, {}, &error), -1);
  QVERIFY(!error.isEmpty());
}

void TestExplorer::crosshairReadsEngineValuesAtCursor() {
  MainWindow window;
  window.applyPreset(QStringLiteral("mse-mae-huber"));
  // At r = 1.5 by hand: MSE r² = 2.25 (slope 2r = 3); MAE |r| = 1.5 (slope 1); Huber δ = 1:
  // δ(|r| − δ/2) = 1 (slope δ·sign r = 1). Evaluated exactly at x, not read off the samples.
  const QString text = window.explorer()->plot()->crosshair()->readout(1.5, false);
  // Named as the axes name them (issue 14: the tooltip said dL/dx under an axis saying dL/dŷ):
  // the x axis is the residual r = ŷ − y, the gradient panel's title dL/dŷ.
  QVERIFY2(text.startsWith(QStringLiteral("r = 1.5")), qPrintable(text));
  Crosshair* crosshair = window.explorer()->plot()->crosshair();
  const QString rich = crosshair->readout(1.5, true);
  QVERIFY2(rich.contains(QStringLiteral("L = 2.25, dL/dŷ = 3")), qPrintable(rich));
  QVERIFY2(!rich.contains(QStringLiteral("dL/dx")), qPrintable(rich));
  // Each line is one unbreakable run: the tooltip never wraps inside a number.
  QVERIFY2(rich.startsWith(QStringLiteral("<p style='white-space:pre'>")), qPrintable(rich));
  QCOMPARE(rich.count(QStringLiteral("<br>")), 3);
  QVERIFY2(text.contains(QStringLiteral("L = 2.25, slope 3")), qPrintable(text));
  QVERIFY2(text.contains(QStringLiteral("L = 1.5, slope 1")), qPrintable(text));
  QVERIFY2(text.contains(QStringLiteral("L = 1, slope 1")), qPrintable(text));
  // A hidden curve is not read.
  window.explorer()->model()->setVisible(0, false);
  QVERIFY(!window.explorer()
               ->plot()
               ->crosshair()
               ->readout(1.5, false)
               .contains(QStringLiteral("2.25")));
}

void TestExplorer::axisRangeDialogRefusesEmptyRanges() {
  AxisRangeDialog dialog;
  dialog.setXRange(-3, 3);
  for (int panel = 0; panel < AxisRangeDialog::kPanels; ++panel) {
    dialog.setYRange(panel, -1, 1);
  }
  QVERIFY(dialog.rangesValid());
  dialog.setXRange(2, 2);  // empty
  QVERIFY(!dialog.rangesValid());
  dialog.setXRange(-1, 4);
  dialog.setYRange(1, 5, -5);  // reversed
  QVERIFY(!dialog.rangesValid());
  dialog.setYRange(1, -5, 5);
  QVERIFY(dialog.rangesValid());
  QCOMPARE(dialog.xFrom(), -1.0);
  QCOMPARE(dialog.yTo(1), 5.0);
}

void TestExplorer::sliderMovesRedrawOnlyTheActiveLayer() {
  MainWindow window;
  window.resize(1000, 700);
  window.show();
  window.applyPreset(QStringLiteral("huber-delta-sweep"));
  window.explorer()->selectCurve(1);
  QCOMPARE(window.explorer()->plot()->activeCurve(), 1);
  QCustomPlot* plot = window.explorer()->plot()->customPlot();
  QCPLayer* active = plot->layer(QStringLiteral("active"));
  QVERIFY(active);
  for (int panel = 0; panel < 2; ++panel) {
    QCOMPARE(window.explorer()->plot()->graph(panel, 1)->layer(), active);
    QVERIFY(window.explorer()->plot()->graph(panel, 0)->layer() != active);
  }
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTest::qWait(400);  // let start-up replots and the rest timer settle
  // A parameter edit on the active curve does not queue a full replot…
  QSignalSpy fullReplots(plot, &QCustomPlot::beforeReplot);
  window.explorer()->applyParameters({{"delta", 0.75}});
  QCoreApplication::processEvents();
  QCOMPARE(fullReplots.count(), 0);
  // …yet the graph holds the engine's new numbers: Huber δ = 0.75 has slope δ at x = 3.
  const QCPGraph* gradient = window.explorer()->plot()->graph(1, 1);
  LOSSLAB_VERIFY_NEAR(gradient->data()->at(gradient->dataCount() - 1)->value, 0.75, 1e-12);
  // Selecting another curve moves it to the active layer.
  window.explorer()->selectCurve(3);
  QCOMPARE(window.explorer()->plot()->graph(0, 3)->layer(), active);
  QVERIFY(window.explorer()->plot()->graph(0, 1)->layer() != active);
}

void TestExplorer::fixedTargetPlotsAgainstThePrediction() {
  MainWindow window;
  window.applyPreset(QStringLiteral("mse-mae-huber"));
  auto* fixed = window.findChild<QCheckBox*>(QStringLiteral("fixedTarget"));
  auto* target = window.findChild<QDoubleSpinBox*>(QStringLiteral("targetValue"));
  QVERIFY(fixed && target);
  target->setValue(2.0);
  fixed->setChecked(true);
  // x is now ŷ with y = 2: at the left end ŷ = −3, MSE = (−3 − 2)² = 25, slope 2(ŷ − y) = −10.
  const QCPGraph* mse = window.explorer()->plot()->graph(0, 0);
  QCOMPARE(mse->data()->at(0)->key, -3.0);
  LOSSLAB_VERIFY_NEAR(mse->data()->at(0)->value, 25.0, 1e-12);
  LOSSLAB_VERIFY_NEAR(window.explorer()->plot()->graph(1, 0)->data()->at(0)->value, -10.0, 1e-12);
  // Unticked: back to the residual, MSE(−3) = 9.
  fixed->setChecked(false);
  LOSSLAB_VERIFY_NEAR(window.explorer()->plot()->graph(0, 0)->data()->at(0)->value, 9.0, 1e-12);
}

void TestExplorer::formulaDockPlotsAndReplotsACustomLoss() {
  MainWindow window;
  window.applyPreset(QStringLiteral("mse-mae-huber"));
  FormulaEditor* editor = window.formulaEditor();
  QVERIFY(editor);
  editor->setLossName(QStringLiteral("tst scaled square"));
  editor->setFormula(QStringLiteral("k = 3\nk*square(r)"));
  QVERIFY(editor->plot());
  QCOMPARE(window.explorer()->model()->count(), 4);
  const int index = 3;
  QCOMPARE(window.explorer()->model()->curve(index).lossId,
           QStringLiteral("custom:tst scaled square"));
  // 3r² at r = −3 is 27, slope 6r = −18 (by hand).
  LOSSLAB_VERIFY_NEAR(window.explorer()->plot()->graph(0, index)->data()->at(0)->value, 27.0,
                      1e-12);
  LOSSLAB_VERIFY_NEAR(window.explorer()->plot()->graph(1, index)->data()->at(0)->value, -18.0,
                      1e-12);
  // Its parameter is on the panel like a built-in one's.
  QCOMPARE(window.explorer()->currentCurve(), index);
  window.explorer()->applyParameters({{"k", 0.5}});
  LOSSLAB_VERIFY_NEAR(window.explorer()->plot()->graph(0, index)->data()->at(0)->value, 4.5, 1e-12);
  // Editing the formula and plotting again updates the same curve instead of adding one.
  editor->setFormula(QStringLiteral("k = 3\nk*abs(r)"));
  QVERIFY(editor->plot());
  QCOMPARE(window.explorer()->model()->count(), 4);
  LOSSLAB_VERIFY_NEAR(window.explorer()->plot()->graph(0, index)->data()->at(0)->value, 1.5,
                      1e-12);  // 0.5·|−3|
  QVERIFY(editor->deleteFromLibrary());
}

namespace {
QProcessEnvironment offscreen() {
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  return env;
}
}  // namespace

void TestExplorer::screenshotIsNotBlank() {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("shot.png"));
  QProcess process;
  process.setProcessEnvironment(offscreen());
  process.start(
      QStringLiteral(LOSSLAB_GUI_PATH),
      {QStringLiteral("--preset"), QStringLiteral("huber-delta-sweep"),
       QStringLiteral("--screenshot"), path, QStringLiteral("--size"), QStringLiteral("900x600")});
  QVERIFY(process.waitForFinished(60000));
  QCOMPARE(process.exitCode(), 0);
  const QImage image(path);
  QCOMPARE(image.size(), QSize(900, 600));
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7) {
    for (int x = 0; x < image.width(); x += 7) {
      colours.insert(image.pixel(x, y));
    }
  }
  QVERIFY2(colours.size() > 20, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
}

void TestExplorer::listPresetsPrintsIdTabTitle() {
  QProcess process;
  process.setProcessEnvironment(offscreen());
  process.start(QStringLiteral(LOSSLAB_GUI_PATH), {QStringLiteral("--list-presets")});
  QVERIFY(process.waitForFinished(30000));
  QCOMPARE(process.exitCode(), 0);
  const QStringList lines = QString::fromUtf8(process.readAllStandardOutput())
                                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  // The curve presets, then the Training tab's lessons ("outliers" first).
  QCOMPARE(lines.size(), static_cast<int>(presets().size() + trainingPresets().size()));
  QVERIFY(lines.first().startsWith(QStringLiteral("mse-mae-huber\t")));
  QVERIFY(lines[static_cast<qsizetype>(presets().size())].startsWith(QStringLiteral("outliers\t")));
  QVERIFY(lines.last().startsWith(trainingPresets().back().id + QLatin1Char('\t')));
}

void TestExplorer::chineseTranslationLoads() {
  QProcess process;
  process.setProcessEnvironment(offscreen());
  process.start(
      QStringLiteral(LOSSLAB_GUI_PATH),
      {QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--list-presets")});
  QVERIFY(process.waitForFinished(30000));
  const QString output = QString::fromUtf8(process.readAllStandardOutput());
  // "Huber δ sweep" is translated; any CJK character proves the catalogue was loaded.
  bool cjk = false;
  for (QChar c : output) {
    cjk = cjk || (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF);
  }
  QVERIFY2(cjk, qPrintable(output));
  QVERIFY(output.contains(QStringLiteral("mse-mae-huber\t")));  // ids are never translated
}

void TestExplorer::chineseTranslationIsComplete() {
  // Every message of the catalogue has a finished, non-empty translation that keeps the
  // source's placeholders (%1, %2, …, %n).
  QFile file(QStringLiteral(LOSSLAB_SOURCE_DIR "/resources/translations/losslab_zh_CN.ts"));
  QVERIFY(file.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&file);
  int messages = 0;
  QString source;
  static const QRegularExpression placeholder(QStringLiteral("%(\\d+|n)"));
  auto placeholders = [](const QString& text) {
    QStringList found;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
      found << it.next().captured();
    }
    found.sort();
    return found;
  };
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) {
      continue;
    }
    if (xml.name() == QLatin1String("source")) {
      source = xml.readElementText();
    } else if (xml.name() == QLatin1String("translation")) {
      ++messages;
      const bool unfinished =
          xml.attributes().value(QStringLiteral("type")) == QLatin1String("unfinished");
      QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
      QVERIFY2(!unfinished && !text.isEmpty(),
               qPrintable(QStringLiteral("untranslated: ") + source));
      QCOMPARE(placeholders(text), placeholders(source));
    }
  }
  QVERIFY(!xml.hasError());
  QVERIFY(messages > 400);
}

void TestExplorer::unknownPresetIsAnError() {
  QProcess process;
  process.setProcessEnvironment(offscreen());
  process.start(QStringLiteral(LOSSLAB_GUI_PATH),
                {QStringLiteral("--preset"), QStringLiteral("no-such"),
                 QStringLiteral("--screenshot"), QStringLiteral("/dev/null")});
  QVERIFY(process.waitForFinished(30000));
  QCOMPARE(process.exitCode(), 2);
  QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("no-such")));
}

void TestExplorer::curveListViewsTheModel() {
  ExplorerView explorer;
  explorer.applyPreset(QStringLiteral("mse-mae-huber"));
  CurveModel* model = explorer.model();
  QCOMPARE(explorer.lossList()->view()->model(), model);
  QCOMPARE(model->rowCount(), 3);
  const QModelIndex mae = model->index(1);
  QCOMPARE(mae.data().toString(), QStringLiteral("Mean absolute error (MAE)"));
  // Unticking in the list hides the curve on the plot (the model is the one owner).
  QVERIFY(model->setData(mae, Qt::Unchecked, Qt::CheckStateRole));
  QVERIFY(!model->curve(1).visible);
  QVERIFY(!explorer.plot()->graph(LossCurvePlot::LossPanel, 1)->visible());
  // Renaming makes the name custom; an empty name is refused and keeps the old one.
  QVERIFY(model->setData(mae, QStringLiteral("L1"), Qt::EditRole));
  QCOMPARE(model->curve(1).name, QStringLiteral("L1"));
  QVERIFY(model->curve(1).customName);
  QVERIFY(!model->setData(mae, QStringLiteral("  "), Qt::EditRole));
  QCOMPARE(model->curve(1).name, QStringLiteral("L1"));
  QCOMPARE(explorer.plot()->graph(LossCurvePlot::LossPanel, 1)->name(), QStringLiteral("L1"));
}

void TestExplorer::lossPickerFiltersThroughTheProxy() {
  LossPickerDialog dialog;
  dialog.setSearchText(QStringLiteral("huber"));
  QStringList ids = dialog.visibleIds();
  QVERIFY2(ids.contains(QStringLiteral("huber")), qPrintable(ids.join(' ')));
  QVERIFY(ids.contains(QStringLiteral("torch_huber")));
  QVERIFY(!ids.contains(QStringLiteral("mean_squared_error")));
  QCOMPARE(dialog.selectedId(), ids.first());  // Enter adds the first match
  // A family's title shows all its losses (those of the registry in that family).
  QStringList robust;
  for (const auto& entry : LossRegistry::instance().entries()) {
    if (entry.info.family == Family::Robust) {
      robust << QString::fromStdString(entry.info.id);
    }
  }
  QVERIFY(robust.size() > 3);
  dialog.setSearchText(familyTitle(Family::Robust));
  ids = dialog.visibleIds();
  for (const QString& id : robust) {
    QVERIFY2(ids.contains(id), qPrintable(id));
  }
  dialog.setSearchText(QStringLiteral("no loss is called this"));
  QVERIFY(dialog.visibleIds().isEmpty());
  QVERIFY(dialog.selectedId().isEmpty());
}

void TestExplorer::slidersDragsAreSeparateUndoSteps() {
  ExplorerView explorer;
  explorer.applyPreset(QStringLiteral("mse-mae-huber"));
  explorer.selectCurve(2);  // Huber
  auto* slider = explorer.parameterPanel()->findChild<QSlider*>();
  QVERIFY(slider);
  QUndoStack* undo = explorer.undoStack();
  QCOMPARE(undo->count(), 0);
  auto drag = [&](std::initializer_list<int> positions) {
    slider->setSliderDown(true);
    for (int position : positions) {
      slider->setValue(position);
    }
    slider->setSliderDown(false);  // emits sliderReleased: the gesture ends
  };
  drag({100, 150, 200});
  const double afterFirst = explorer.model()->curve(2).params.at("delta");
  drag({700, 800});
  const double afterSecond = explorer.model()->curve(2).params.at("delta");
  QVERIFY(afterFirst != afterSecond);
  // One step per drag: undo once goes back to where the first drag ended, twice to δ = 1.
  QCOMPARE(undo->count(), 2);
  undo->undo();
  QCOMPARE(explorer.model()->curve(2).params.at("delta"), afterFirst);
  undo->undo();
  QCOMPARE(explorer.model()->curve(2).params.at("delta"), 1.0);
  undo->redo();
  QCOMPARE(explorer.model()->curve(2).params.at("delta"), afterFirst);
}

void TestExplorer::removingACurveIsUndoneInPlace() {
  ExplorerView explorer;
  explorer.applyPreset(QStringLiteral("huber-delta-sweep"));
  CurveModel* model = explorer.model();
  const CurveItem second = model->curve(1);
  model->setColor(1, QColor(Qt::magenta));
  explorer.selectCurve(1);
  explorer.actions().removeCurve->trigger();
  QCOMPARE(model->count(), 3);
  explorer.undoStack()->undo();
  QCOMPARE(model->count(), 4);
  // Back at its row, with its parameters, colour and automatic (parameter-following) name.
  QCOMPARE(model->curve(1).params, second.params);
  QCOMPARE(model->curve(1).color, QColor(Qt::magenta));
  QCOMPARE(model->curve(1).name, second.name);
  QVERIFY(!model->curve(1).customName);
  explorer.undoStack()->redo();
  QCOMPARE(model->count(), 3);
}

void TestExplorer::slideTitlesNeverCollide_data() {
  QTest::addColumn<double>("fontScale");
  QTest::addColumn<int>("panel");
  QTest::newRow("three panels, slide text") << 1.0 << -1;
  QTest::newRow("three panels, text x2") << 2.0 << -1;
  QTest::newRow("the gradient panel alone, text x2") << 2.0 << 1;
}

void TestExplorer::slideTitlesNeverCollide() {
  // Defect (issue 14): with the second-derivative panel on, a 16:9 export made the y titles
  // overflow their panels and collide.
  QFETCH(double, fontScale);
  QFETCH(int, panel);
  ExplorerView explorer;
  explorer.applyPreset(QStringLiteral("mse-mae-huber"));
  explorer.actions().showSecondDerivative->setChecked(true);
  LossCurvePlot* plot = explorer.plot();
  PlotExportOptions options;
  options.fontScale = fontScale;
  options.panel = panel;
  plot->beginExport(options.style(plot->screenStyle()), options.panel, options.layoutSize());
  // Lay out exactly as the export does, then measure every title against its panel.
  plot->customPlot()->toPixmap(1280, 720);
  const std::vector<int> shown = plot->shownPanels();
  QCOMPARE(static_cast<int>(shown.size()), panel < 0 ? 3 : 1);
  for (int p : shown) {
    QCPAxis* axis =
        plot->customPlot()->axisRects().at(shown.size() == 1 ? 0 : p)->axis(QCPAxis::atLeft);
    const double length = QFontMetricsF(axis->labelFont()).horizontalAdvance(axis->label());
    const double room = axis->axisRect()->rect().height();
    QVERIFY2(length <= room + 0.5, qPrintable(QStringLiteral("panel %1: '%2' is %3 px, room %4")
                                                  .arg(p)
                                                  .arg(axis->label())
                                                  .arg(length)
                                                  .arg(room)));
  }
  plot->endExport();
  QCOMPARE(static_cast<int>(plot->shownPanels().size()), 3);
}

void TestExplorer::copyImageLeavesTheCrosshairOut() {
  // Defect (issue 14): Copy Image put the crosshair that follows the mouse on the clipboard.
  ExplorerView explorer;
  explorer.resize(1000, 700);
  explorer.show();
  QVERIFY(QTest::qWaitForWindowExposed(&explorer));
  explorer.applyPreset(QStringLiteral("mse-mae-huber"));
  QCustomPlot* custom = explorer.plot()->customPlot();
  const QRect loss = custom->axisRects().at(0)->rect();
  QTest::mouseMove(custom, loss.center() + QPoint(loss.width() / 7, 0));
  QCoreApplication::processEvents();
  bool lineShown = false;
  for (int i = 0; i < custom->itemCount(); ++i) {
    lineShown = lineShown || custom->item(i)->visible();
  }
  QVERIFY2(lineShown, "the crosshair follows the mouse");
  explorer.actions().copyImage->trigger();
  const QImage copied = QApplication::clipboard()->image();
  QVERIFY(!copied.isNull());
  explorer.plot()->crosshair()->hide();
  const QImage clean = renderImage(custom, explorer.plot()->size());
  QCOMPARE(copied.convertToFormat(QImage::Format_RGB32),
           clean.convertToFormat(QImage::Format_RGB32));
}

void TestExplorer::headlessSlide_data() {
  QTest::addColumn<QStringList>("extra");
  QTest::addColumn<QSize>("pixels");
  QTest::addColumn<int>("cornerAlpha");
  QTest::newRow("1920x1080 white") << QStringList() << QSize(1920, 1080) << 255;
  QTest::newRow("1280x720 transparent")
      << QStringList{QStringLiteral("--size"), QStringLiteral("1280x720"),
                     QStringLiteral("--transparent")}
      << QSize(1280, 720) << 0;
  QTest::newRow("gradient panel") << QStringList{QStringLiteral("--panel"),
                                                 QStringLiteral("gradient")}
                                  << QSize(1920, 1080) << 255;
}

void TestExplorer::headlessSlide() {
  QFETCH(QStringList, extra);
  QFETCH(QSize, pixels);
  QFETCH(int, cornerAlpha);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("slide.png"));
  QProcess process;
  process.setProcessEnvironment(offscreen());
  process.start(QStringLiteral(LOSSLAB_GUI_PATH),
                QStringList{QStringLiteral("--preset"), QStringLiteral("mse-mae-huber"),
                            QStringLiteral("--screenshot"), path, QStringLiteral("--slide")} +
                    extra);
  QVERIFY(process.waitForFinished(60000));
  QCOMPARE(process.exitCode(), 0);
  const QImage image = QImage(path).convertToFormat(QImage::Format_ARGB32);
  QCOMPARE(image.size(), pixels);
  const QColor corner = image.pixelColor(1, 1);
  QCOMPARE(corner.alpha(), cornerAlpha);
  if (cornerAlpha == 255) {
    QCOMPARE(corner, QColor(Qt::white));  // no grey frame
  }
}

void TestExplorer::headlessSlideRefusesOtherSizes() {
  QProcess process;
  process.setProcessEnvironment(offscreen());
  process.start(QStringLiteral(LOSSLAB_GUI_PATH),
                {QStringLiteral("--screenshot"), QStringLiteral("/dev/null"),
                 QStringLiteral("--slide"), QStringLiteral("--size"), QStringLiteral("1000x1000")});
  QVERIFY(process.waitForFinished(30000));
  QCOMPARE(process.exitCode(), 2);
  QVERIFY(QString::fromUtf8(process.readAllStandardError()).contains(QStringLiteral("1280x720")));
}

void TestExplorer::namesShowNoSeedNumbers() {
  // Issue 14: "(seed 000)" is where a loss came from, not its name: loss names (the legend,
  // the loss list, the picker) and preset titles (menu, Preset box) never carry one.
  const QRegularExpression seed(QStringLiteral(R"(\bseed \d{3}\b)"));
  for (const auto& entry : LossRegistry::instance().entries()) {
    const QString name = QString::fromStdString(entry.info.name);
    QVERIFY2(!seed.match(name).hasMatch(), qPrintable(name));
  }
  for (const Preset& preset : presets()) {
    QVERIFY2(!seed.match(preset.title).hasMatch(), qPrintable(preset.title));
  }
  ExplorerView view;
  QVERIFY(view.applyPreset(QStringLiteral("temperature-mse")));
  for (int i = 0; i < view.model()->count(); ++i) {
    QVERIFY2(!seed.match(view.model()->curve(i).name).hasMatch(),
             qPrintable(view.model()->curve(i).name));
  }
  QVERIFY(!seed.match(view.caption()).hasMatch());
}

QTEST_MAIN(TestExplorer)
#include "tst_explorer.moc"
