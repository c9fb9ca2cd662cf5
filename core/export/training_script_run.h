// SPDX-License-Identifier: GPL-3.0-or-later
// What a training script embeds, gathered once (training_script.cpp) and written out for
// PyTorch (training_script_torch.cpp) or Keras (training_script_keras.cpp).
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

#include "core/training/mlp.h"
#include "core/training/optimizers.h"

namespace losslab::script {

/// One trained loss: its exported module and the class the script instantiates (its
/// constructor's defaults are the exported parameter values).
struct ScriptLoss {
  std::string id;
  std::string code;   // exportCode()'s module text
  std::string klass;  // e.g. HuberLoss
};

struct ScriptRun {
  std::vector<Eigen::Index> widths;          // inputs, hidden widths…, 1
  Activation activation = Activation::Relu;  // of the hidden layers; the output is linear
  std::vector<Eigen::MatrixXd> weights;      // W_l, (n_l × n_{l−1}) as torch.nn.Linear holds it
  std::vector<Eigen::VectorXd> biases;       // b_l
  Eigen::MatrixXd x;                         // training split, features × samples
  Eigen::VectorXd y;
  std::vector<std::vector<Eigen::Index>> orders;  // per epoch, indices into x's columns
  Eigen::Index batch = 32;                        // min(batch size, training samples)
  OptimizerOptions optimizer;
  std::vector<ScriptLoss> losses;
  std::string header;  // comment lines: what the script replays
};

/// Each trained loss's exported module under a heading, in the order of run.losses.
std::string lossModulesText(const ScriptRun& run);
/// The constants block: FEATURES, HIDDEN, BATCH_SIZE, INITIAL_WEIGHTS (per layer a pair of
/// W rows and b), TRAIN_X (a row per sample), TRAIN_Y, BATCH_ORDERS (a row per epoch).
std::string constantsText(const ScriptRun& run);
/// The CSV printer: `main()` that replays every loss and prints epoch,loss[,loss_id].
std::string mainText(const ScriptRun& run);

std::string torchScript(const ScriptRun& run);
std::string kerasScript(const ScriptRun& run);

}  // namespace losslab::script
