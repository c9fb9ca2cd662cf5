// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/gui/latency_benchmark.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/shell/main_window.h"

namespace losslab::ui {

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
  std::sort(ms.begin(), ms.end());
  auto percentile = [&](double p) {
    const auto index = static_cast<std::size_t>(std::ceil(p * static_cast<double>(ms.size())) - 1);
    return ms[std::min(index, ms.size() - 1)];
  };
  QJsonObject result{{"moves", moves},
                     {"curves", curves},
                     {"points", points},
                     {"p50_ms", std::round(percentile(0.50) * 1000) / 1000},
                     {"p99_ms", std::round(percentile(0.99) * 1000) / 1000}};
  return QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact));
}

}  // namespace losslab::ui
