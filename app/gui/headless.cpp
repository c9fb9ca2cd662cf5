// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/headless.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QImage>
#include <QTabWidget>
#include <QTextStream>

#include "app/gui/gui_options.h"
#include "ui/common/plot_export_options.h"
#include "ui/common/plot_exporter.h"
#include "ui/common/plot_style.h"
#include "ui/common/save_file.h"
#include "ui/explorer/explorer_export.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_view.h"

namespace losslab::gui {

namespace {

constexpr int kUsageError = 2;
constexpr int kWriteError = 1;

/// The Training tab's fit plot as a slide. Headless only: the process ends right after, so
/// the plot keeps the slide style.
bool writeTrainingSlide(ui::TrainingView& training,
                        const QString& path,
                        const ui::PlotExportOptions& options,
                        QString* error) {
  QCustomPlot* plot = training.plot(ui::TrainingView::Plot::Fit);
  ui::stylePlot(plot, options.style(ui::PlotStyle::screen(plot->palette(), plot->font())));
  return ui::exportPlot(plot, path, options.layoutSize(), options.scale() * ui::kReferenceDpi,
                        error);
}

bool writeWindow(ui::MainWindow& window, const QString& path, QString* error) {
  const QImage image = window.grab().toImage();
  return ui::saveFile(
      path,
      [&image](QIODevice& device, QString* reason) {
        if (!image.save(&device, "PNG")) {
          *reason = QStringLiteral("the PNG could not be encoded");
          return false;
        }
        return true;
      },
      error);
}

}  // namespace

int fail(const QString& message) {
  QTextStream(stderr) << "losslab: error: " << message << '\n';
  return kUsageError;
}

int fail(const char* message) {
  return fail(QString::fromUtf8(message));
}

int writeScreenshot(ui::MainWindow& window, const GuiOptions& options) {
  window.resize(options.slide ? QSize(1400, 900) : options.windowSize);
  window.show();
  QApplication::processEvents();
  window.explorer()->plot()->resetView();
  QApplication::processEvents();
  QString error;
  bool written = false;
  if (options.slide) {
    ui::PlotExportOptions slide;
    slide.kind = ui::PlotExportOptions::Kind::Slide;
    slide.slideWidth = options.sizeGiven ? options.windowSize.width() : 1920;
    slide.transparent = options.transparent;
    slide.panel = options.panel;
    written = window.tabs()->currentIndex() == ui::MainWindow::TrainingTab
                  ? writeTrainingSlide(*window.trainingView(), options.screenshot, slide, &error)
                  : window.explorer()->exporter()->writePlot(options.screenshot, slide, &error);
  } else {
    written = writeWindow(window, options.screenshot, &error);
  }
  if (!written) {
    QTextStream(stderr) << "losslab: error: " << error << '\n';
    return kWriteError;
  }
  return 0;
}

}  // namespace losslab::gui
