// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/gui/training_benchmark.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "core/engine/loss_registry.h"
#include "core/training/dataset.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

namespace {

constexpr double kLearningRate = 0.001;  // Keras' Adam default
constexpr double kValidationSplit = 0.2;

double headlessEpochsPerSecond(int epochs) {
  DatasetOptions data;  // seed_sum, 1,000 samples, seed 3
  TrainOptions options;
  options.batchSize = 32;
  options.validationSplit = kValidationSplit;
  options.optimizer.kind = OptimizerKind::Adam;
  options.optimizer.setLearningRate(kLearningRate);
  options.computeMetrics = true;  // the GUI reports metrics every epoch too
  Trainer trainer(makeDataset(data), MlpOptions{},
                  LossRegistry::instance().create("mean_squared_error"), options);
  trainer.runEpoch();  // warm-up, as for the GUI run
  QElapsedTimer timer;
  timer.start();
  for (int e = 0; e < epochs; ++e) {
    trainer.runEpoch();
  }
  return epochs / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
}

double guiEpochsPerSecond(int epochs) {
  TrainingView view;
  view.resize(1300, 850);
  view.show();
  TrainingConfig session;
  session.data.generator = DatasetKind::SeedSum;
  session.data.samples = 1000;
  session.data.noise = 0;
  session.data.validationSplit = kValidationSplit;
  session.network.hidden = {16, 32};
  session.optimizer = {TrainingOptimizer::Adam, kLearningRate, 32};
  session.epochs = epochs + 1;
  session.loss = {"mean_squared_error", {}, {}};
  if (!view.applySession(session, nullptr)) {
    return std::nan("");
  }
  view.trainEpochsBlocking(1);  // warm-up
  TrainingController* controller = view.controller();
  // The event loop runs as in the app (snapshots arrive, plots repaint) until the budget is
  // reached and the controller pauses.
  QEventLoop loop;
  QObject::connect(controller, &TrainingController::stateChanged, &loop,
                   [&loop](TrainingController::State state) {
                     if (state == TrainingController::State::Finished) {
                       loop.quit();
                     }
                   });
  QElapsedTimer timer;
  timer.start();
  controller->start();
  loop.exec();
  return epochs / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
}

double rounded(double value) {
  return std::round(value * 10) / 10;
}

}  // namespace

QString runTrainingBenchmark(int epochs) {
  const double headless = headlessEpochsPerSecond(epochs);
  const double gui = guiEpochsPerSecond(epochs);
  const QJsonObject result{{"epochs", epochs},
                           {"headless_epochs_per_s", rounded(headless)},
                           {"gui_epochs_per_s", rounded(gui)},
                           {"ratio", std::round(gui / headless * 1000) / 1000}};
  return QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact));
}

}  // namespace losslab::ui
