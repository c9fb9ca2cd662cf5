// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace losslab::ui {

/// `losslab --bench-training`: the seed workload (seed_sum data, 1,000 samples, 4-16-32-1 relu,
/// Adam lr 0.001, batch 32, MSE, 20 % validation, metrics every epoch, float64) trained
///  (a) headless: core Trainer::runEpoch() in a loop on this thread, and
///  (b) in the GUI: the Training tab shown (offscreen), TrainingController on its worker thread,
///      snapshots and repaints at ≤ 60 Hz while the event loop runs.
/// Both from the same seed for `epochs` epochs after one warm-up epoch; then compare mode with 4
/// losses (MSE, MAE, Huber, log-cosh) for epochs / 4 epochs, headless (4 trainers in lock-step)
/// and in the GUI. A StallProbe (a 1-ms heartbeat) measures the longest gap of the UI thread's
/// event loop during each GUI run. Returns one JSON line {"epochs", "headless_epochs_per_s",
/// "gui_epochs_per_s", "ratio", "longest_stall_ms", "compare_losses", "compare_epochs",
/// "compare_headless_epochs_per_s", "compare_gui_epochs_per_s", "compare_ratio",
/// "compare_longest_stall_ms", "compare_stall_p99_ms"}; issue 15 asks ratio ≥ 0.9 and the
/// longest stall < 16 ms.
QString runTrainingBenchmark(int epochs = 3000);

}  // namespace losslab::ui
