// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/gui/training_benchmark.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include "bench/gui/stall_probe.h"
#include "core/engine/loss_registry.h"
#include "core/training/dataset.h"
#include "core/training/trainer.h"
#include "core/training/training_config.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

namespace {

constexpr double kLearningRate = 0.001;  // Keras' Adam default
constexpr double kValidationSplit = 0.2;
// Compare mode's four runs (the outlier lesson's three and log-cosh).
const char* const kCompareIds[] = {"mean_squared_error", "mean_absolute_error", "huber",
                                   "log_cosh"};

struct GuiRun {
  double epochsPerSecond = 0;
  double longestStallMs = 0;
  double stallP99Ms = 0;
};

double headlessEpochsPerSecond(int epochs, int losses) {
  DatasetOptions data;  // seed_sum, 1,000 samples, seed 3
  TrainOptions options;
  options.batchSize = 32;
  options.validationSplit = kValidationSplit;
  options.optimizer.kind = OptimizerKind::Adam;
  options.optimizer.setLearningRate(kLearningRate);
  options.computeMetrics = true;  // the GUI reports metrics every epoch too
  std::vector<std::unique_ptr<Trainer>> trainers;
  for (int i = 0; i < losses; ++i) {
    trainers.push_back(std::make_unique<Trainer>(
        makeDataset(data), MlpOptions{},
        LossRegistry::instance().create(losses == 1 ? "mean_squared_error" : kCompareIds[i]),
        options));
    trainers.back()->runEpoch();  // warm-up, as for the GUI run
  }
  QElapsedTimer timer;
  timer.start();
  for (int e = 0; e < epochs; ++e) {
    for (auto& trainer : trainers) {  // lock-step, as the worker does
      trainer->runEpoch();
    }
  }
  return epochs / (static_cast<double>(timer.nsecsElapsed()) / 1e9);
}

GuiRun guiRun(int epochs, int losses) {
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
  if (losses > 1) {
    session.compare = true;
    session.compareLosses.clear();
    for (int i = 0; i < losses; ++i) {
      session.compareLosses.push_back({kCompareIds[i], {}, {}});
    }
  }
  if (!view.applySession(session, nullptr)) {
    return {std::nan(""), std::nan(""), std::nan("")};
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
  StallProbe probe;
  QElapsedTimer timer;
  timer.start();
  probe.start();
  controller->start();
  loop.exec();
  probe.stop();
  return {epochs / (static_cast<double>(timer.nsecsElapsed()) / 1e9), probe.longestMs(),
          probe.percentileMs(0.99)};
}

double rounded(double value) {
  return std::round(value * 10) / 10;
}

}  // namespace

QString runTrainingBenchmark(int epochs) {
  const double headless = headlessEpochsPerSecond(epochs, 1);
  const GuiRun gui = guiRun(epochs, 1);
  const int compareEpochs = std::max(1, epochs / 4);
  const double compareHeadless = headlessEpochsPerSecond(compareEpochs, 4);
  const GuiRun compare = guiRun(compareEpochs, 4);
  auto ratio = [](double a, double b) { return std::round(a / b * 1000) / 1000; };
  auto ms = [](double v) { return std::round(v * 100) / 100; };
  const QJsonObject result{{"epochs", epochs},
                           {"headless_epochs_per_s", rounded(headless)},
                           {"gui_epochs_per_s", rounded(gui.epochsPerSecond)},
                           {"ratio", ratio(gui.epochsPerSecond, headless)},
                           {"longest_stall_ms", ms(gui.longestStallMs)},
                           {"compare_losses", 4},
                           {"compare_epochs", compareEpochs},
                           {"compare_headless_epochs_per_s", rounded(compareHeadless)},
                           {"compare_gui_epochs_per_s", rounded(compare.epochsPerSecond)},
                           {"compare_ratio", ratio(compare.epochsPerSecond, compareHeadless)},
                           {"compare_longest_stall_ms", ms(compare.longestStallMs)},
                           {"compare_stall_p99_ms", ms(compare.stallP99Ms)}};
  return QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact));
}

}  // namespace losslab::ui
