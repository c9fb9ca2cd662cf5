// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/gui/latency_benchmark.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <vector>

#include "bench/gui/stall_probe.h"
#include "core/training/training_config.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

namespace {

/// Runs the event loop until `done` holds (or 60 s pass).
template <typename Done>
void spinUntil(Done done) {
  QElapsedTimer timeout;
  timeout.start();
  while (!done() && timeout.elapsed() < 60000) {
    QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
  }
}

/// The longest UI-thread stall while the explorer's x range changes 10 times with 8 curves of
/// 200,000 points, each time until the curves of the new range are shown (a zoom's settled
/// range goes through LossCurvePlot::xRangeEdited, as the plot emits it).
double rerangeStallMs(ExplorerView* explorer) {
  CurveModel* model = explorer->model();
  model->clear();
  const char* ids[] = {"huber",     "mean_squared_error", "mean_absolute_error", "log_cosh",
                       "smooth_l1", "ceres_cauchy",       "torch_huber",         "tukey_biweight"};
  for (const char* id : ids) {
    model->addCurve(QString::fromLatin1(id), {}, {}, {}, nullptr);
  }
  model->setRange(-3, 3, 200000);
  QCoreApplication::processEvents();
  StallProbe probe;
  probe.start();
  for (int k = 0; k < 10; ++k) {
    const double from = k % 2 == 0 ? -2.0 : -3.0;
    const double to = -from;
    emit explorer->plot()->xRangeEdited(from, to);
    spinUntil([&] { return model->curve(0).data->x.front() == from; });
    QCoreApplication::processEvents();  // the queued replot of the new curves
  }
  QCoreApplication::processEvents();
  probe.stop();
  return probe.longestMs();
}

/// The longest UI-thread stall while the Training tab's model imports a CSV file of 10⁶ rows
/// (x, y), from the request until the configuration names the file.
double csvImportStallMs(TrainingView* training) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("million.csv"));
  {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
      return -1;
    }
    QByteArray text = "x,y\n";
    for (int i = 0; i < 1000000; ++i) {
      const double x = -3 + 6e-6 * i;
      text += QByteArray::number(x, 'g', 10) + ',' + QByteArray::number(2 * x + 1, 'g', 10) + '\n';
    }
    file.write(text);
  }
  QCoreApplication::processEvents();
  TrainingConfigModel* model = training->model();
  StallProbe probe;
  probe.start();
  model->importCsv(path, QString(), {}, nullptr);
  spinUntil([&] {
    return model->config().data.source == DataConfig::Source::Csv &&
           training->controller()->dataset().size() == 1000000;
  });
  QCoreApplication::processEvents();
  probe.stop();
  return probe.longestMs();
}

}  // namespace

QString runUiBenchmark(int moves, int curves, int points) {
  MainWindow window;
  window.resize(1200, 800);
  window.show();
  ExplorerView* explorer = window.explorer();
  CurveModel* model = explorer->model();
  model->clear();
  // Six typical curves; the first one (Huber) is the one whose slider moves.
  const char* ids[] = {"huber",       "mean_squared_error", "mean_absolute_error",
                       "log_cosh",    "ceres_cauchy",       "smooth_l1",
                       "torch_huber", "tukey_biweight"};
  for (int i = 0; i < curves; ++i) {
    model->addCurve(QString::fromLatin1(ids[i % 8]), {}, {}, {}, nullptr);
  }
  model->setRange(-3, 3, points);
  explorer->selectCurve(0);
  QCoreApplication::processEvents();

  std::vector<double> ms;
  ms.reserve(static_cast<std::size_t>(moves));
  QElapsedTimer timer;
  for (int k = 0; k < moves; ++k) {
    // A slider sweeping δ back and forth over [0.1, 3] (log-spaced, like the log slider).
    const double t = 0.5 + 0.5 * std::sin(0.05 * k);
    const double delta = 0.1 * std::pow(30.0, t);
    timer.start();
    explorer->applyParameters({{"delta", delta}});
    // The queued replot (or the active layer's repaint) runs on the next event-loop turn;
    // the measurement includes it and the widget's paint event.
    QCoreApplication::processEvents();
    ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  auto percentile = [](std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())) - 1);
    return std::round(v[std::min(index, v.size() - 1)] * 1000) / 1000;
  };

  // Zoom: wheel steps at the loss panel's centre, 10 in then 10 out, as a user scrolls.
  QCustomPlot* plot = explorer->plot()->customPlot();
  const QPointF centre =
      QRectF(explorer->plot()->axisRect(LossCurvePlot::LossPanel)->rect()).center();
  std::vector<double> zoomMs;
  for (int k = 0; k < 200; ++k) {
    const int sign = (k / 10) % 2 == 0 ? 1 : -1;
    QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, sign * 120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    timer.start();
    QCoreApplication::sendEvent(plot, &wheel);
    QCoreApplication::processEvents();
    zoomMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  // Resize: the window's width by ±20 px, as a user drags its edge.
  std::vector<double> resizeMs;
  for (int k = 0; k < 200; ++k) {
    timer.start();
    window.resize(k % 2 == 0 ? 1220 : 1200, 800);
    QCoreApplication::processEvents();
    resizeMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
  }
  int graphs = 0;
  for (int i = 0; i < plot->graphCount(); ++i) {
    graphs += plot->graph(i)->visible() ? 1 : 0;
  }
  const double rerange = rerangeStallMs(explorer);
  const double csvImport = csvImportStallMs(window.trainingView());
  QJsonObject result{{"moves", moves},
                     {"curves", curves},
                     {"points", points},
                     {"p50_ms", percentile(ms, 0.50)},
                     {"p99_ms", percentile(ms, 0.99)},
                     {"graphs", graphs},
                     {"zoom_p50_ms", percentile(zoomMs, 0.50)},
                     {"zoom_p99_ms", percentile(zoomMs, 0.99)},
                     {"resize_p50_ms", percentile(resizeMs, 0.50)},
                     {"resize_p99_ms", percentile(resizeMs, 0.99)},
                     {"rerange_stall_ms", std::round(rerange * 10) / 10},
                     {"csv_import_stall_ms", std::round(csvImport * 10) / 10}};
  return QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact));
}

}  // namespace losslab::ui
