// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras 3 training script: floatx float64, a Sequential of Dense layers with LossLab's
// initial weights, the Keras optimizer LossLab's update rules are taken from, the exported
// keras.losses.Loss subclass, and one train_on_batch per batch of LossLab's order.
#include <string>

#include "core/export/python_text.h"
#include "core/export/training_script_run.h"

namespace losslab::script {

namespace {

std::string activationText(Activation activation) {
  switch (activation) {
    case Activation::Relu:
      return "\"relu\"";
    case Activation::Tanh:
      return "\"tanh\"";
    case Activation::Sigmoid:
      return "\"sigmoid\"";
    case Activation::Linear:
      break;
  }
  return "None";
}

std::string optimizerText(const OptimizerOptions& o) {
  using python::floatLiteral;
  std::string call;
  switch (o.kind) {
    case OptimizerKind::Sgd:
      call = "keras.optimizers.SGD(learning_rate=" + floatLiteral(o.sgd.learningRate) +
             ", momentum=" + floatLiteral(o.sgd.momentum) +
             ", nesterov=" + (o.sgd.nesterov ? "True" : "False") + ")";
      break;
    case OptimizerKind::Adam:
      call = "keras.optimizers.Adam(\n        learning_rate=" + floatLiteral(o.adam.learningRate) +
             ", beta_1=" + floatLiteral(o.adam.beta1) + ", beta_2=" + floatLiteral(o.adam.beta2) +
             ", epsilon=" + floatLiteral(o.adam.epsilon) + "\n    )";
      break;
    case OptimizerKind::RmsProp:
      call = "keras.optimizers.RMSprop(\n        learning_rate=" +
             floatLiteral(o.rmsprop.learningRate) + ", rho=" + floatLiteral(o.rmsprop.rho) +
             ", momentum=" + floatLiteral(o.rmsprop.momentum) +
             ", epsilon=" + floatLiteral(o.rmsprop.epsilon) +
             ", centered=" + (o.rmsprop.centered ? "True" : "False") + "\n    )";
      break;
  }
  return "\n\ndef make_optimizer():\n"
         "    \"\"\"LossLab's optimizers are Keras 3's, with the same hyperparameters.\"\"\"\n"
         "    return " +
         call + "\n";
}

constexpr const char* kReplay = R"(

def build_model():
    """The network with LossLab's initial weights (a Dense kernel is W transposed)."""
    layers = [keras.Input(shape=(FEATURES,))]
    for width in HIDDEN:
        layers.append(keras.layers.Dense(width, activation=ACTIVATION))
    layers.append(keras.layers.Dense(1))
    model = keras.Sequential(layers)
    weights = []
    for w, b in INITIAL_WEIGHTS:
        weights += [numpy.array(w, dtype="float64").T, numpy.array(b, dtype="float64")]
    model.set_weights(weights)
    return model


def replay(loss):
    """Trains the network on LossLab's batches; returns the epoch losses (Keras' epoch loss:
    the batch-size-weighted mean of the epoch's batch losses, each before its update)."""
    model = build_model()
    # Eager steps: no compiler reorders the float64 arithmetic.
    model.compile(optimizer=make_optimizer(), loss=loss, jit_compile=False)
    x = numpy.array(TRAIN_X, dtype="float64")
    y = numpy.array(TRAIN_Y, dtype="float64").reshape(-1, 1)
    epoch_losses = []
    for order in BATCH_ORDERS:
        total, count = 0.0, 0
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            # train_on_batch reports the running mean since the last reset: reset, so that
            # it is this batch's loss.
            model.reset_metrics()
            loss_value = model.train_on_batch(x[batch], y[batch])
            total += float(numpy.ravel(loss_value)[0]) * len(batch)
            count += len(batch)
        epoch_losses.append(total / count)
    return epoch_losses
)";

}  // namespace

std::string kerasScript(const ScriptRun& run) {
  std::string text = "#!/usr/bin/env python3\n" + run.header;
  text +=
      "# Keras 3 in float64 (set before anything is built).\n"
      "import keras\nimport numpy\n\nkeras.config.set_floatx(\"float64\")\n\n";
  text += lossModulesText(run);
  text += constantsText(run);
  text += "ACTIVATION = " + activationText(run.activation) +
          "  # of the hidden layers; the output is linear\n";
  text += optimizerText(run.optimizer);
  text += kReplay;
  text += mainText(run);
  return text;
}

}  // namespace losslab::script
