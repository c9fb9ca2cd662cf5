// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/gui_options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

namespace losslab::gui {

namespace {

constexpr int kMinWidth = 200;
constexpr int kMinHeight = 150;
constexpr int kMaxSide = 10000;
constexpr int kMaxEpochs = 100000;

bool parseSize(const QString& text, QSize* size) {
  const QStringList parts = text.toLower().split(QLatin1Char('x'));
  bool okW = false;
  bool okH = false;
  if (parts.size() == 2) {
    *size = QSize(parts[0].toInt(&okW), parts[1].toInt(&okH));
  }
  return okW && okH && size->width() >= kMinWidth && size->height() >= kMinHeight &&
         size->width() <= kMaxSide && size->height() <= kMaxSide;
}

bool parsePositive(const QString& text, int max, int* value) {
  bool ok = false;
  *value = text.toInt(&ok);
  return ok && *value >= 1 && *value <= max;
}

}  // namespace

bool parseGuiOptions(const QCoreApplication& app, GuiOptions* options, QString* error) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("LossLab: see what a loss function does."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("lesson"),
                               QStringLiteral("A lesson file (.losslab) to open."),
                               QStringLiteral("[FILE.losslab]"));
  const QCommandLineOption preset(QStringLiteral("preset"),
                                  QStringLiteral("Start with preset ID (see --list-presets)."),
                                  QStringLiteral("ID"));
  const QCommandLineOption lesson(QStringLiteral("lesson"),
                                  QStringLiteral("Open the lesson FILE (.losslab)."),
                                  QStringLiteral("FILE"));
  const QCommandLineOption step(QStringLiteral("step"),
                                QStringLiteral("Go to step N of the lesson (1 is the first)."),
                                QStringLiteral("N"));
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QStringLiteral("Render the window (or with --slide the plot) to FILE.png and exit."),
      QStringLiteral("FILE"));
  const QCommandLineOption size(
      QStringLiteral("size"),
      QStringLiteral("Window size for --screenshot (default 1400x900); with --slide 1920x1080 "
                     "(default) or 1280x720."),
      QStringLiteral("WxH"), QStringLiteral("1400x900"));
  const QCommandLineOption slide(
      QStringLiteral("slide"),
      QStringLiteral("With --screenshot: the current tab's plot as a 16:9 slide (PNG, SVG or "
                     "PDF by the file's suffix)."));
  const QCommandLineOption transparent(
      QStringLiteral("transparent"),
      QStringLiteral("With --slide: a transparent background instead of white."));
  const QCommandLineOption panel(
      QStringLiteral("panel"),
      QStringLiteral("With --slide: only the loss, gradient or curvature panel."),
      QStringLiteral("PANEL"));
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
  const QCommandLineOption tab(QStringLiteral("tab"),
                               QStringLiteral("Show tab NAME: explorer, training or sweep."),
                               QStringLiteral("NAME"));
  const QCommandLineOption landscape(
      QStringLiteral("landscape"),
      QStringLiteral("Train the linear model (no hidden layers) and show its loss landscape."));
  const QCommandLineOption sweep(
      QStringLiteral("sweep"),
      QStringLiteral("Run a sweep NAME=FROM:TO[:log|lin]:COUNT of the Training tab's "
                     "configuration in the Sweep tab (before --screenshot)."),
      QStringLiteral("SPEC"));
  const QCommandLineOption sweepSeeds(QStringLiteral("sweep-seeds"),
                                      QStringLiteral("Seeds per sweep point (default 3)."),
                                      QStringLiteral("K"), QStringLiteral("3"));
  const QCommandLineOption sweepMetric(
      QStringLiteral("sweep-metric"),
      QStringLiteral("The sweep's metric (val_mae, clean_mae, …; default val_mae)."),
      QStringLiteral("NAME"));
  const QCommandLineOption animate(
      QStringLiteral("animate"),
      QStringLiteral("Write an animation and exit: FILE.gif, or a folder of numbered PNG frames. "
                     "The explorer's --vary sweep, or with --train-epochs N a training run."),
      QStringLiteral("FILE"));
  const QCommandLineOption vary(
      QStringLiteral("vary"),
      QStringLiteral("With --animate: sweep parameter NAME of the selected curve (default: the "
                     "first parameter over its slider range)."),
      QStringLiteral("NAME=FROM:TO"));
  const QCommandLineOption frames(
      QStringLiteral("frames"),
      QStringLiteral("With --animate: the number of frames (default 40)."), QStringLiteral("N"),
      QStringLiteral("40"));
  const QCommandLineOption fps(QStringLiteral("fps"),
                               QStringLiteral("With --animate: frames per second (default 10)."),
                               QStringLiteral("F"), QStringLiteral("10"));
  parser.addOptions({preset,        lesson, step,        screenshot, size,        slide,
                     transparent,   panel,  listPresets, language,   trainEpochs, benchUi,
                     benchTraining, tab,    landscape,   sweep,      sweepSeeds,  sweepMetric,
                     animate,       vary,   frames,      fps});
  parser.process(app);

  options->language = parser.value(language);
  options->preset = parser.value(preset);
  options->screenshot = parser.value(screenshot);
  options->slide = parser.isSet(slide);
  options->transparent = parser.isSet(transparent);
  options->listPresets = parser.isSet(listPresets);
  options->benchUi = parser.isSet(benchUi);
  options->benchTraining = parser.isSet(benchTraining);
  options->lesson = parser.value(lesson);
  options->tab = parser.value(tab).toLower();
  if (parser.isSet(tab) && options->tab != QLatin1String("explorer") &&
      options->tab != QLatin1String("training") && options->tab != QLatin1String("sweep")) {
    *error = QStringLiteral("--tab is explorer, training or sweep, got '%1'").arg(options->tab);
    return false;
  }
  options->landscape = parser.isSet(landscape);
  options->sweep = parser.value(sweep);
  options->sweepMetric = parser.value(sweepMetric);
  if (!parsePositive(parser.value(sweepSeeds), 100, &options->sweepSeeds)) {
    *error = QStringLiteral("--sweep-seeds wants a whole number from 1 to 100, got '%1'")
                 .arg(parser.value(sweepSeeds));
    return false;
  }
  const QStringList positional = parser.positionalArguments();
  if (positional.size() > 1) {
    *error = QStringLiteral("one lesson file at most, got %1 arguments").arg(positional.size());
    return false;
  }
  if (!positional.isEmpty()) {
    if (!options->lesson.isEmpty()) {
      *error = QStringLiteral("a lesson file and --lesson: give one of them");
      return false;
    }
    options->lesson = positional.first();
  }
  if (parser.isSet(step)) {
    if (options->lesson.isEmpty()) {
      *error = QStringLiteral("--step needs a lesson (--lesson FILE)");
      return false;
    }
    if (!parsePositive(parser.value(step), kMaxSide, &options->step)) {
      *error =
          QStringLiteral("--step wants a step number from 1, got '%1'").arg(parser.value(step));
      return false;
    }
  }
  options->sizeGiven = parser.isSet(size);
  if (!parseSize(parser.value(size), &options->windowSize)) {
    *error = QStringLiteral("--size wants WIDTHxHEIGHT between 200x150 and 10000x10000, got '%1'")
                 .arg(parser.value(size));
    return false;
  }
  if (options->slide && options->sizeGiven && options->windowSize != QSize(1920, 1080) &&
      options->windowSize != QSize(1280, 720)) {
    *error =
        QStringLiteral("--slide is 1920x1080 or 1280x720, got --size '%1'").arg(parser.value(size));
    return false;
  }
  if ((options->slide || options->transparent || parser.isSet(panel)) &&
      options->screenshot.isEmpty()) {
    *error = QStringLiteral("--slide, --transparent and --panel go with --screenshot FILE");
    return false;
  }
  if ((options->transparent || parser.isSet(panel)) && !options->slide) {
    *error = QStringLiteral("--transparent and --panel go with --slide");
    return false;
  }
  if (parser.isSet(panel)) {
    const QStringList panels = {QStringLiteral("loss"), QStringLiteral("gradient"),
                                QStringLiteral("curvature")};
    options->panel = static_cast<int>(panels.indexOf(parser.value(panel).toLower()));
    if (options->panel < 0) {
      *error = QStringLiteral("--panel is loss, gradient or curvature, got '%1'")
                   .arg(parser.value(panel));
      return false;
    }
  }
  if (parser.isSet(trainEpochs) &&
      !parsePositive(parser.value(trainEpochs), kMaxEpochs, &options->trainEpochs)) {
    *error = QStringLiteral("--train-epochs wants a whole number from 1 to 100000, got '%1'")
                 .arg(parser.value(trainEpochs));
    return false;
  }
  options->animate = parser.value(animate);
  options->vary = parser.value(vary);
  if ((parser.isSet(vary) || parser.isSet(frames) || parser.isSet(fps)) &&
      options->animate.isEmpty()) {
    *error = QStringLiteral("--vary, --frames and --fps go with --animate FILE");
    return false;
  }
  if (!options->animate.isEmpty() && !options->screenshot.isEmpty()) {
    *error = QStringLiteral("--animate and --screenshot: give one of them");
    return false;
  }
  if (parser.isSet(vary) && options->trainEpochs > 0) {
    *error =
        QStringLiteral("--vary sweeps the explorer; --train-epochs animates training: give one");
    return false;
  }
  if (!parsePositive(parser.value(frames), 1000, &options->frames) || options->frames < 2) {
    *error = QStringLiteral("--frames wants a whole number from 2 to 1000, got '%1'")
                 .arg(parser.value(frames));
    return false;
  }
  bool fpsOk = false;
  options->fps = parser.value(fps).toDouble(&fpsOk);
  if (!fpsOk || options->fps < 1 || options->fps > 50) {
    *error = QStringLiteral("--fps wants a number from 1 to 50, got '%1'").arg(parser.value(fps));
    return false;
  }
  return true;
}

}  // namespace losslab::gui
