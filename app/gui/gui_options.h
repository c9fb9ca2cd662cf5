// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QString>

class QCoreApplication;

namespace losslab::gui {

/// What `losslab` was asked to do, checked: every value is in range, or parsing failed.
struct GuiOptions {
  QString language;    // --lang (empty: the system's)
  QString preset;      // --preset ID
  QString lesson;      // a FILE.losslab argument or --lesson FILE
  int step = -1;       // --step N (a lesson's step, 1-based; −1: the lesson's start)
  QString screenshot;  // --screenshot FILE: write a picture and exit
  QSize windowSize{1400, 900};
  bool sizeGiven = false;  // --size was given (with --slide it picks 1280x720 or 1920x1080)
  bool slide = false;      // --slide: the slide-preset picture of the plot, not the window
  bool transparent = false;
  int panel = -1;  // --panel loss|gradient|curvature (−1: the whole stack)
  int trainEpochs = 0;
  QString animate;         // --animate FILE.gif (or a folder for PNG frames): write and exit
  QString vary;            // --vary NAME=FROM:TO: the explorer's parameter sweep
  int frames = 40;         // --frames N
  double fps = 10;         // --fps F
  QString tab;             // --tab explorer|training|sweep (empty: as the preset leaves it)
  bool landscape = false;  // --landscape: the linear model and its loss landscape panel
  QString sweep;           // --sweep NAME=FROM:TO[:log|lin]:COUNT: run it in the Sweep tab
  int sweepSeeds = 3;      // --sweep-seeds K
  QString sweepMetric;     // --sweep-metric NAME (empty: the tab's default)
  bool listPresets = false;
  bool benchUi = false;
  bool benchTraining = false;
  /// Runs neither read nor change what the user's last session remembered.
  bool headless() const {
    return !screenshot.isEmpty() || !animate.isEmpty() || benchUi || benchTraining;
  }
};

/// Parses the application's arguments (QCommandLineParser: --help and --version print and
/// exit). false with `error` ("--size wants …, got 'x'") for a value out of range.
bool parseGuiOptions(const QCoreApplication& app, GuiOptions* options, QString* error);

}  // namespace losslab::gui
