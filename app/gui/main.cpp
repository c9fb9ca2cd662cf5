// SPDX-License-Identifier: GPL-3.0-or-later
// losslab: the GUI. Options (gui_options.h) for headless use: --preset, --screenshot, --size,
// --slide, --transparent, --panel, --list-presets, --lang, --train-epochs, --bench-ui,
// --animate, --vary, --frames, --fps, a lesson (FILE.losslab or --lesson FILE, --step N).
#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QMessageBox>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>
#include <cstdio>

#include "app/gui/gui_options.h"
#include "app/gui/headless.h"
#include "app/gui/headless_animation.h"
#include "bench/gui/latency_benchmark.h"
#include "bench/gui/training_benchmark.h"
#include "ui/common/settings.h"
#include "ui/common/translators.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/presets.h"
#include "ui/shell/main_window.h"
#include "ui/sweep/sweep_view.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_presets.h"
#include "ui/training/training_view.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("LossLab"));
  QApplication::setApplicationName(QStringLiteral("LossLab"));
  QApplication::setApplicationVersion(QStringLiteral(LOSSLAB_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("losslab"));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/losslab.svg")));

  losslab::gui::GuiOptions options;
  QString error;
  if (!losslab::gui::parseGuiOptions(app, &options, &error)) {
    return losslab::gui::fail(error);
  }
  const losslab::ui::InstalledTranslators translators = losslab::ui::installTranslators(
      options.language.isEmpty() ? QLocale::system() : QLocale(options.language),
      QStringLiteral(":/i18n"));
  if (!options.language.isEmpty() && !translators.qtBase &&
      !options.language.startsWith(QLatin1String("en"))) {
    // Qt's own dialogs (file dialogs, Save/Cancel) stay English without qtbase_<lang>.qm.
    QTextStream(stderr) << "losslab: no Qt translation for " << options.language << " in "
                        << losslab::ui::qtTranslationsDirectory()
                        << " (Debian: qt6-translations-l10n)\n";
  }
  // Headless runs neither depend on nor change what the user's last session remembered.
  if (options.headless()) {
    losslab::ui::Settings::setEphemeral(true);
  }

  if (options.listPresets) {
    QTextStream out(stdout);
    for (const losslab::ui::Preset& p : losslab::ui::presets()) {
      out << p.id << '\t' << p.title << '\n';
    }
    for (const losslab::ui::TrainingPreset& p : losslab::ui::trainingPresets()) {
      out << p.id << '\t' << p.title << '\n';
    }
    return 0;
  }
  if (options.benchTraining) {
    QTextStream(stdout) << losslab::ui::runTrainingBenchmark() << '\n';
    return 0;
  }
  if (options.benchUi) {
    QTextStream(stdout) << losslab::ui::runUiBenchmark() << '\n';
    return 0;
  }

  losslab::ui::MainWindow window;
  if (!options.preset.isEmpty() && !window.applyPreset(options.preset)) {
    return losslab::gui::fail(
        QStringLiteral("unknown preset '%1' (losslab --list-presets shows them)")
            .arg(options.preset));
  }
  QString lessonError;
  if (!options.lesson.isEmpty() &&
      !window.openLesson(options.lesson, options.step > 0 ? options.step - 1 : 0, &lessonError) &&
      options.headless()) {
    return losslab::gui::fail(lessonError);
  }
  if (options.landscape) {
    window.trainingView()->model()->edit([](losslab::TrainingConfig& c) { c.network.hidden = {}; });
    window.trainingView()->setLandscapeVisible(true);
  }
  if (options.trainEpochs > 0 && options.animate.isEmpty()) {
    window.tabs()->setCurrentIndex(losslab::ui::MainWindow::TrainingTab);
    if (!window.trainingView()->trainEpochsBlocking(options.trainEpochs)) {
      QTextStream(stderr) << "losslab: training stopped early: "
                          << window.trainingView()->trainingMessage() << '\n';
    }
  }
  if (!options.sweep.isEmpty()) {
    losslab::ui::SweepView* sweep = window.sweepView();
    try {
      sweep->setAxis(losslab::parseSweepAxis(options.sweep.toStdString()));
    } catch (const std::exception& e) {
      return losslab::gui::fail(QStringLiteral("--sweep: %1").arg(QString::fromUtf8(e.what())));
    }
    sweep->setSeeds(options.sweepSeeds);
    if (!options.sweepMetric.isEmpty()) {
      sweep->setMetric(options.sweepMetric);
    }
    window.tabs()->setCurrentIndex(losslab::ui::MainWindow::SweepTab);
    if (!sweep->runBlocking()) {
      return losslab::gui::fail(QStringLiteral("--sweep: %1").arg(sweep->message()));
    }
  }
  if (!options.tab.isEmpty()) {
    window.tabs()->setCurrentIndex(
        options.tab == QLatin1String("sweep")      ? losslab::ui::MainWindow::SweepTab
        : options.tab == QLatin1String("training") ? losslab::ui::MainWindow::TrainingTab
                                                   : losslab::ui::MainWindow::ExplorerTab);
  }
  if (!options.animate.isEmpty()) {
    return losslab::gui::writeAnimation(window, options);
  }
  if (!options.screenshot.isEmpty()) {
    return losslab::gui::writeScreenshot(window, options);
  }
  window.show();
  if (!lessonError.isEmpty()) {  // started from a file manager: stderr is not seen
    QTextStream(stderr) << "losslab: error: " << lessonError << '\n';
    QMessageBox::warning(&window, QApplication::translate("losslab::ui::MainWindow", "Open Lesson"),
                         lessonError);
  }
  return QApplication::exec();
}
