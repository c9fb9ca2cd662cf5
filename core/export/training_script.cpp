// SPDX-License-Identifier: GPL-3.0-or-later
// A training run as a Python script: everything the script needs, taken from the Trainer that
// LossLab itself would build for the configuration (the same split, the same initial weights)
// and from trainingOrders() (the same shuffling), so the script replays the run rather than
// re-deriving it.
#include "core/export/training_script.h"

#include <algorithm>
#include <sstream>

#include "core/engine/error.h"
#include "core/export/python_text.h"
#include "core/export/training_script_run.h"
#include "core/training/trainer.h"

namespace losslab {

namespace script {

namespace {

/// Python list literal of `n` values, `perLine` to a line after the first.
template <typename Get>
std::string listText(Eigen::Index n, const Get& get, const std::string& indent, int perLine) {
  std::string text = "[";
  for (Eigen::Index i = 0; i < n; ++i) {
    if (i > 0) {
      text += i % perLine == 0 ? ",\n" + indent : ", ";
    }
    text += get(i);
  }
  return text + "]";
}

std::string floats(const Eigen::Ref<const Eigen::VectorXd>& v, const std::string& indent) {
  return listText(
      v.size(), [&](Eigen::Index i) { return python::floatLiteral(v(i)); }, indent, 8);
}

}  // namespace

std::string lossModulesText(const ScriptRun& run) {
  std::string text;
  for (const ScriptLoss& loss : run.losses) {
    text += "# ---- the loss " + python::safeText(loss.id) + " (losslab-cli export) ----\n";
    text += loss.code + (loss.code.empty() || loss.code.back() == '\n' ? "" : "\n") + "\n\n";
  }
  return text;
}

std::string constantsText(const ScriptRun& run) {
  std::string text =
      "# ---- the run, as LossLab trained it (every number reads back exactly) ----\n";
  text += "FEATURES = " + std::to_string(run.widths.front()) + "\n";
  text += "HIDDEN = [";
  for (std::size_t l = 1; l + 1 < run.widths.size(); ++l) {
    text += (l > 1 ? ", " : "") + std::to_string(run.widths[l]);
  }
  text += "]\nBATCH_SIZE = " + std::to_string(run.batch) + "\n";
  text += "EPOCHS = " + std::to_string(run.orders.size()) + "\n\n";
  text +=
      "# Initial weights, layer by layer: (W, b) with W one row per unit of the layer (the\n"
      "# (out, in) layout of torch.nn.Linear; a Keras Dense kernel is its transpose).\n";
  text += "INITIAL_WEIGHTS = [\n";
  for (std::size_t l = 0; l < run.weights.size(); ++l) {
    const Eigen::MatrixXd& w = run.weights[l];
    text += "    (\n        [\n";
    for (Eigen::Index r = 0; r < w.rows(); ++r) {
      text += "            " + floats(w.row(r).transpose(), "             ") + ",\n";
    }
    text += "        ],\n        " + floats(run.biases[l], "         ") + ",\n    ),\n";
  }
  text += "]\n\n";
  text += "# The training split, one row per sample (features), and its targets.\n";
  text += "TRAIN_X = [\n";
  for (Eigen::Index i = 0; i < run.x.cols(); ++i) {
    text += "    " + floats(run.x.col(i), "     ") + ",\n";
  }
  text += "]\nTRAIN_Y = " + floats(run.y, "    ") + "\n\n";
  text +=
      "# The order of the training samples in every epoch (LossLab's shuffling); the batches\n"
      "# are its consecutive runs of BATCH_SIZE (the last one may be smaller).\n";
  text += "BATCH_ORDERS = [\n";
  for (const std::vector<Eigen::Index>& order : run.orders) {
    text += "    " +
            listText(
                static_cast<Eigen::Index>(order.size()),
                [&](Eigen::Index i) { return std::to_string(order[static_cast<std::size_t>(i)]); },
                "     ", 20) +
            ",\n";
  }
  return text + "]\n";
}

std::string mainText(const ScriptRun& run) {
  std::string text = "\n\ndef main():\n";
  if (run.losses.size() == 1) {
    text += "    print(\"epoch,loss\")\n";
    text +=
        "    for epoch, value in enumerate(replay(" + run.losses.front().klass + "()), start=1):\n";
    text += "        print(f\"{epoch},{value!r}\")\n";
  } else {
    text += "    # Compare mode: each loss from the same initial weights and batches.\n";
    text += "    print(\"epoch,loss,loss_id\")\n";
    text += "    for loss_id, loss in [\n";
    for (const ScriptLoss& loss : run.losses) {
      text += "        (" + python::stringLiteral(loss.id) + ", " + loss.klass + "()),\n";
    }
    text += "    ]:\n";
    text += "        for epoch, value in enumerate(replay(loss), start=1):\n";
    text += "            print(f\"{epoch},{value!r},{loss_id}\")\n";
  }
  text += "\n\nif __name__ == \"__main__\":\n    main()\n";
  return text;
}

}  // namespace script

std::string exportTrainingScript(const TrainingConfig& config,
                                 const Dataset& data,
                                 CodeTarget target,
                                 const std::string& origin) {
  if (const std::string problem = configProblem(config); !problem.empty()) {
    throw Error::usage(problem);
  }
  script::ScriptRun run;
  const std::vector<LossChoice> losses = config.trainedLosses();
  std::vector<LossPtr> created;
  for (const LossChoice& choice : losses) {
    LossPtr loss = createLoss(choice);
    const ExportRoute route = exportRoute(*loss, target);
    if (route.kind == ExportRoute::Kind::None) {
      throw Error::usage("the loss '" + choice.id + "' has no " + codeTargetName(target) +
                         " export, so there is no training script: " + route.reason);
    }
    // Named by the id (a formula's "custom:NAME" by NAME), so compared losses never clash.
    ExportOptions options;
    options.name =
        isCustomLossId(choice.id) ? choice.id.substr(kCustomLossIdPrefix.size()) : choice.id;
    if (options.name.empty()) {
      options.name = "custom";
    }
    script::ScriptLoss out;
    out.id = choice.id;
    out.code = exportCode(*loss, target, options);
    out.klass = python::namesFor(options.name, options.name).klass;
    run.losses.push_back(std::move(out));
    created.push_back(std::move(loss));
  }

  // The Trainer LossLab builds for this configuration: its split and its initial weights.
  TrainOptions train = trainOptions(config);
  train.computeMetrics = false;
  train.batchSize = std::min<Eigen::Index>(train.batchSize, std::max<Eigen::Index>(data.size(), 1));
  const Trainer trainer(data, mlpOptions(config), created.front(), train);
  const Mlp& model = trainer.model();
  const Dataset& split = trainer.data().train;
  const Eigen::Index n = split.size();
  run.batch = std::min(train.batchSize, n);

  const auto numbers = static_cast<std::int64_t>(n) * (split.featureCount() + 1) +
                       static_cast<std::int64_t>(model.parameterCount()) +
                       static_cast<std::int64_t>(n) * config.epochs;
  if (numbers > kMaxScriptNumbers) {
    throw Error::usage("the training script would embed " + std::to_string(numbers) + " numbers (" +
                       std::to_string(n) + " training samples × " +
                       std::to_string(split.featureCount() + 1) + " values, " +
                       std::to_string(model.parameterCount()) + " weights, and the order of " +
                       std::to_string(n) + " samples in each of " + std::to_string(config.epochs) +
                       " epochs); the limit is " + std::to_string(kMaxScriptNumbers) +
                       ": train fewer epochs or samples");
  }

  run.widths = model.widths();
  run.activation = config.network.activation;
  for (int l = 0; l < model.layerCount(); ++l) {
    run.weights.emplace_back(model.weights(l));
    run.biases.emplace_back(model.bias(l));
  }
  run.x = split.x;
  run.y = split.y;
  run.orders = trainingOrders(train, n, config.epochs);
  run.optimizer = train.optimizer;

  std::ostringstream header;
  header << "# Generated by LossLab: a training run replayed in " << codeTargetName(target)
         << ".\n";
  if (!origin.empty()) {
    header << "#   " << python::safeText(origin) << "\n";
  }
  header << "# Data: " << python::safeText(data.name) << ", " << n << " training samples of "
         << data.size() << " (seed " << config.seed << ", validation split "
         << config.data.validationSplit << "); network ";
  for (std::size_t l = 0; l < run.widths.size(); ++l) {
    header << (l > 0 ? "-" : "") << run.widths[l];
  }
  header
      << ", " << activationName(run.activation) << "; optimizer "
      << trainingOptimizerName(config.optimizer.kind) << ", batch " << run.batch << ", "
      << config.epochs << " epochs.\n"
      << "# Prints Keras' epoch loss (the batch-size-weighted mean of the epoch's batch losses,\n"
      << "# each before its update) as CSV: the `loss` column of losslab-cli train --history.\n";
  run.header = header.str();
  return target == CodeTarget::PyTorch ? script::torchScript(run) : script::kerasScript(run);
}

}  // namespace losslab
