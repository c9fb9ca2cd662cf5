// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/headless_animation.h"

#include <QApplication>
#include <QTabWidget>
#include <QTextStream>
#include <memory>

#include "app/gui/gui_options.h"
#include "app/gui/headless.h"
#include "ui/common/animation_recorder.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_animation.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_animation.h"
#include "ui/training/training_view.h"

namespace losslab::gui {

namespace {

constexpr int kWriteError = 1;

/// The explorer's sweep named by --vary, or the selected curve's first real parameter over
/// its slider range; nullptr after printing why not.
std::unique_ptr<ui::FrameSource> explorerSweep(ui::ExplorerView& explorer, const QString& vary) {
  QString name;
  double from = 0;
  double to = 0;
  QString error;
  if (!vary.isEmpty()) {
    if (!ui::parseVary(vary, &name, &from, &to, &error)) {
      fail(error);
      return nullptr;
    }
  } else if (const int current = explorer.currentCurve(); current >= 0) {
    for (const ParamSpec& spec : explorer.model()->curve(current).loss->info().params) {
      if (spec.kind == ParamSpec::Kind::Real) {
        name = QString::fromStdString(spec.id);
        from = spec.lowerSlider();
        to = spec.upperSlider();
        break;
      }
    }
  }
  const int curve =
      name.isEmpty() ? -1 : ui::sweepCurve(explorer, explorer.currentCurve(), name.toStdString());
  if (curve < 0) {
    fail(name.isEmpty()
             ? QStringLiteral("--animate: no curve of this plot has a parameter to vary")
             : QStringLiteral("--vary: no curve of this plot has the parameter '%1'").arg(name));
    return nullptr;
  }
  return std::make_unique<ui::ParameterSweepSource>(&explorer, curve, name.toStdString(), from, to);
}

}  // namespace

int writeAnimation(ui::MainWindow& window, const GuiOptions& options) {
  window.resize(QSize(1400, 900));
  window.show();
  QApplication::processEvents();
  window.explorer()->plot()->resetView();
  QApplication::processEvents();

  ui::AnimationSettings settings;
  settings.path = options.animate;
  settings.format = ui::AnimationSettings::formatFor(options.animate);
  settings.frames = options.frames;
  settings.fps = options.fps;
  settings.size = options.sizeGiven ? options.windowSize : QSize(640, 360);

  std::unique_ptr<ui::FrameSource> source;
  if (options.trainEpochs > 0) {
    window.tabs()->setCurrentIndex(ui::MainWindow::TrainingTab);
    QApplication::processEvents();
    source = std::make_unique<ui::TrainingRunSource>(window.trainingView(), options.trainEpochs);
  } else {
    window.tabs()->setCurrentIndex(ui::MainWindow::ExplorerTab);
    source = explorerSweep(*window.explorer(), options.vary);
    if (!source) {
      return 2;
    }
  }
  QString error;
  if (!ui::recordAnimation(*source, settings, {}, &error)) {
    QTextStream(stderr) << "losslab: error: " << error << '\n';
    return kWriteError;
  }
  return 0;
}

}  // namespace losslab::gui
