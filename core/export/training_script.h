// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include "core/export/code_export.h"
#include "core/training/dataset.h"
#include "core/training/training_config.h"

namespace losslab {

/// The most numbers a training script embeds (training data, initial weights and one sample
/// index per training sample and epoch): about 20 MB of Python text, which Python still reads
/// in seconds. Larger runs are refused with the count and what makes it up.
inline constexpr std::int64_t kMaxScriptNumbers = 2000000;

/// A training run as a self-contained Python script (issue 13, "a training script that replays
/// the run"): the training split of `data` as LossLab splits it, the network with LossLab's
/// initial weights, the sample order of every epoch (the Trainer's shuffling, so the script
/// needs no random numbers), the optimizer with LossLab's update rules (Keras 3's: Adam with
/// the bias correction in the step size and ε added to √v, RMSprop with ε inside the root) and
/// the loss as exportCode() writes it. Run, it trains `config.epochs` epochs and prints Keras'
/// epoch loss (the batch-size-weighted mean of the epoch's batch losses, each taken before its
/// update) as CSV on standard output: a header `epoch,loss`, then one row per epoch; in compare
/// mode every trained loss from the same start, with a third column `loss_id`.
///  * PyTorch: torch in float64, nn.Sequential of nn.Linear, a torch.optim.Optimizer subclass
///    with the Keras 3 update (torch.optim.Adam puts ε elsewhere), the exported nn.Module loss.
///  * Keras 3: floatx float64, keras.Sequential of Dense layers, the Keras optimizer, the
///    exported keras.losses.Loss subclass, one train_on_batch per batch.
/// `origin` (e.g. the command line) is written into the header comment.
/// Throws Error::usage: a loss without a faithful export (its name and the reason), more than
/// kMaxScriptNumbers numbers to embed, a configuration that does not train.
std::string exportTrainingScript(const TrainingConfig& config,
                                 const Dataset& data,
                                 CodeTarget target,
                                 const std::string& origin = {});

}  // namespace losslab
