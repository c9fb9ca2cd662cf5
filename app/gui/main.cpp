// SPDX-License-Identifier: GPL-3.0-or-later
// losslab: the GUI. Options for headless use: --preset, --screenshot, --size, --list-presets,
// --lang, --train-epochs, --bench-ui.
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <cstdio>

#include "bench/gui/latency_benchmark.h"
#include "bench/gui/training_benchmark.h"
#include "ui/common/settings.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/presets.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_view.h"

namespace {

void installTranslators(QApplication& app, const QString& language) {
  const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
  auto* own = new QTranslator(&app);
  if (own->load(locale, QStringLiteral("losslab"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(own);
  }
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QApplication::installTranslator(qt);
  }
}

bool parseSize(const QString& text, QSize* size) {
  const QStringList parts = text.toLower().split(QLatin1Char('x'));
  bool okW = false;
  bool okH = false;
  if (parts.size() == 2) {
    *size = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
  }
  return okW && okH && size->width() >= 200 && size->height() >= 150 && size->width() <= 10000 &&
         size->height() <= 10000;
}

int fail(const QString& message) {
  QTextStream(stderr) << "losslab: error: " << message << '\n';
  return 2;
}

}  // namespace

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("LossLab"));
  QApplication::setApplicationName(QStringLiteral("LossLab"));
  QApplication::setApplicationVersion(QStringLiteral(LOSSLAB_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("losslab"));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/losslab.svg")));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("LossLab: see what a loss function does."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption preset(QStringLiteral("preset"),
                                  QStringLiteral("Start with preset ID (see --list-presets)."),
                                  QStringLiteral("ID"));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QStringLiteral("Render the window to FILE.png and exit."),
                                      QStringLiteral("FILE"));
  const QCommandLineOption size(QStringLiteral("size"),
                                QStringLiteral("Window size for --screenshot (default 1400x900)."),
                                QStringLiteral("WxH"), QStringLiteral("1400x900"));
  const QCommandLineOption listPresets(
      QStringLiteral("list-presets"),
      QStringLiteral("Print each preset's id and title, tab-separated, and exit."));
  const QCommandLineOption language(
      QStringLiteral("lang"),
      QStringLiteral("User-interface language, e.g. zh_CN (default: the system's)."),
      QStringLiteral("LANG"));
  const QCommandLineOption trainEpochs(
      QStringLiteral("train-epochs"),
      QStringLiteral(
          "Train N epochs in the Training tab before --screenshot (with --preset outliers, say)."),
      QStringLiteral("N"));
  const QCommandLineOption benchTraining(
      QStringLiteral("bench-training"),
      QStringLiteral(
          "Measure training speed in the GUI against headless and print one JSON line."));
  const QCommandLineOption benchUi(
      QStringLiteral("bench-ui"),
      QStringLiteral("Measure slider-to-replot latency and print one JSON line."));
  parser.addOptions(
      {preset, screenshot, size, listPresets, language, trainEpochs, benchUi, benchTraining});
  parser.process(app);

  installTranslators(app, parser.value(language));
  // Headless runs neither depend on nor change what the user's last session remembered.
  if (parser.isSet(screenshot) || parser.isSet(benchUi) || parser.isSet(benchTraining)) {
    losslab::ui::Settings::setEphemeral(true);
  }

  if (parser.isSet(listPresets)) {
    QTextStream out(stdout);
    for (const losslab::ui::Preset& p : losslab::ui::presets()) {
      out << p.id << '\t' << p.title << '\n';
    }
    out << losslab::ui::kOutliersPreset << '\t'
        << QCoreApplication::translate("losslab::ui::MainWindow",
                                       "Training: outliers (MSE vs MAE vs Huber)")
        << '\n';
    return 0;
  }
  if (parser.isSet(benchTraining)) {
    QTextStream(stdout) << losslab::ui::runTrainingBenchmark() << '\n';
    return 0;
  }
  if (parser.isSet(benchUi)) {
    QTextStream(stdout) << losslab::ui::runUiBenchmark() << '\n';
    return 0;
  }

  losslab::ui::MainWindow window;
  if (parser.isSet(preset) && !window.applyPreset(parser.value(preset))) {
    return fail(QStringLiteral("unknown preset '%1' (losslab --list-presets shows them)")
                    .arg(parser.value(preset)));
  }
  if (parser.isSet(trainEpochs)) {
    bool ok = false;
    const int epochs = parser.value(trainEpochs).toInt(&ok);
    if (!ok || epochs < 1 || epochs > 100000) {
      return fail(QStringLiteral("--train-epochs wants a whole number from 1 to 100000, got '%1'")
                      .arg(parser.value(trainEpochs)));
    }
    window.tabs()->setCurrentIndex(losslab::ui::MainWindow::TrainingTab);
    if (!window.trainingView()->trainEpochsBlocking(epochs)) {
      QTextStream(stderr) << "losslab: training stopped early: "
                          << window.trainingView()->trainingMessage() << '\n';
    }
  }
  if (parser.isSet(screenshot)) {
    QSize windowSize;
    if (!parseSize(parser.value(size), &windowSize)) {
      return fail(
          QStringLiteral("--size wants WIDTHxHEIGHT between 200x150 and 10000x10000, got '%1'")
              .arg(parser.value(size)));
    }
    window.resize(windowSize);
    window.show();
    QApplication::processEvents();
    window.explorer()->plot()->resetView();
    QApplication::processEvents();
    const QString path = parser.value(screenshot);
    if (!window.grab().save(path, "PNG")) {
      return fail(QStringLiteral("cannot write '%1'").arg(path));
    }
    return 0;
  }
  window.show();
  return QApplication::exec();
}
