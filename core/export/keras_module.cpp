// SPDX-License-Identifier: GPL-3.0-or-later
// A formula exported as Keras 3: a keras.losses.Loss subclass with get_config, and a closure
// for model.compile(loss=...), both on keras.ops only.
#include <map>
#include <set>

#include "core/export/expression_printer.h"
#include "core/export/formula_module.h"

namespace losslab {

namespace {

/// "teacher_logits, w": the extra inputs in the order they are packed.
std::string inputList(const FormulaExport& x) {
  std::string list;
  for (const std::string& name : x.parsed.inputs) {
    list += (list.empty() ? "" : ", ") + name;
  }
  return list;
}

/// The helper that packs the extra inputs into y_true. Keras 3 hands a loss y_true and y_pred
/// only (Loss.__call__, LossFunctionWrapper, model.fit), so a per-sample tensor such as the
/// teacher's logits must travel with the targets to stay aligned with the batch when fit
/// shuffles it; a tensor held by the loss's constructor could not follow the shuffled rows.
std::string packText(const FormulaExport& x, const std::string& pack) {
  std::string code = "def " + pack + "(y_true, " + inputList(x) + "):\n";
  code +=
      "    \"\"\"The targets with the extra inputs appended, for this loss's y_true.\n\n"
      "    Keras 3 passes a loss only y_true and y_pred (Loss.__call__, LossFunctionWrapper,\n"
      "    model.fit), so the extra inputs travel in y_true: model.fit(x, " +
      pack + "(y, " + inputList(x) +
      "))\n"
      "    keeps them with their samples when fit shuffles the batches. Each input has the\n"
      "    rows of y_true and 1 to all of its columns (column j reads column min(j, k - 1)),\n"
      "    as LossLab's --input NAME=FILE; the result has (1 + number of inputs) times\n"
      "    y_true's columns.\n    \"\"\"\n";
  code += "    y_true = ops.convert_to_tensor(y_true)\n";
  code += "    if len(y_true.shape) == 1:\n        y_true = ops.expand_dims(y_true, axis=-1)\n";
  code += "    width = y_true.shape[-1]\n    parts = [y_true]\n";
  code += "    for extra in (" + inputList(x) + (x.parsed.inputs.size() == 1 ? "," : "") + "):\n";
  code += "        extra = ops.cast(ops.convert_to_tensor(extra), y_true.dtype)\n";
  code +=
      "        if len(extra.shape) == 1:\n            extra = ops.expand_dims(extra, axis=-1)\n";
  code += "        if extra.shape[-1] > width:\n";
  code += "            raise ValueError(\"an extra input has more columns than y_true\")\n";
  code += "        index = [min(j, extra.shape[-1] - 1) for j in range(width)]\n";
  code += "        parts.append(ops.take(extra, index, axis=-1))\n";
  code += "    return ops.concatenate(parts, axis=-1)\n\n\n";
  return code;
}

}  // namespace

std::string kerasModule(const FormulaExport& x) {
  std::set<std::string> taken = {x.names.function, x.names.klass, x.names.factory};
  std::map<std::string, std::string> pyNames;
  for (const ExportParam& p : x.params) {
    pyNames[p.formulaName] = p.pyName;
    taken.insert(p.pyName);
  }
  for (const std::string& name : x.parsed.inputs) {
    taken.insert(name);
  }
  const std::string align = python::uniqueName("same_rank", taken);
  // Extra inputs travel in y_true (see packText): their unpacking and the helper's name.
  const bool packed = !x.parsed.inputs.empty();
  const std::string pack = packed ? python::uniqueName("pack_y_true", taken) : std::string();
  const std::string columns = packed ? python::uniqueName("columns", taken) : std::string();
  std::string rowNorm;
  const formula::ExprPtr root = printedExpression(x, pyNames, taken, rowNorm);
  ExpressionPrinter printer(CodeTarget::Keras, pyNames, taken);
  const std::vector<std::string> temporaries = printer.prepare(root);

  // The body shared by call() and the closure: parameters are locals named as in the formula.
  auto body = [&](const std::string& indent) {
    std::string b;
    if (packed) {
      // y_true is pack_y_true(y_true, ...): y_pred's columns of target, then each input
      // widened to the same columns, in the order of the helper's arguments.
      b += indent + "if len(y_pred.shape) == 1:\n" + indent +
           "    y_pred = ops.expand_dims(y_pred, axis=-1)\n";
      b += indent + columns + " = y_pred.shape[-1]\n";
      for (std::size_t k = 0; k < x.parsed.inputs.size(); ++k) {
        b += indent + x.parsed.inputs[k] + " = y_true[..., " + std::to_string(k + 1) + " * " +
             columns + ":" + std::to_string(k + 2) + " * " + columns + "]\n";
      }
      b += indent + "y_true = y_true[..., :" + columns + "]\n";
    }
    b += indent + "y_true, y_pred = " + align + "(y_true, y_pred)\n";
    if (!rowNorm.empty()) {
      b += indent + rowNorm + " = ops.sum(ops.square(y_pred - y_true), axis=-1)\n";
    }
    if (usesResidual(root)) {
      b += indent + "r = y_pred - y_true\n";
    }
    if (usesColumn(root)) {
      b += indent + "col = ops.cast(ops.arange(ops.shape(y_pred)[-1]), y_pred.dtype)\n";
    }
    for (const std::string& line : temporaries) {
      b += indent + line + "\n";
    }
    b += indent + printer.assignment("loss", root, indent) + "\n";
    const bool perSample = x.parsed.aggregate || !rowNorm.empty();
    b += indent + (perSample ? "return loss\n" : "return ops.mean(loss, axis=-1)\n");
    return b;
  };

  std::string code = formulaHeader(x, CodeTarget::Keras);
  code += "import keras\nfrom keras import ops\n\n\n";
  // Keras 3's Loss.__call__ hands call() the raw tensors; only LossFunctionWrapper aligns
  // (B,) with (B, 1). Without this, y_pred - y_true would broadcast to (B, B).
  code += "def " + align + "(y_true, y_pred):\n";
  code +=
      "    \"\"\"Keras 3's squeeze_or_expand_to_same_rank (keras/src/losses/loss.py): when the "
      "ranks\n    differ by one and the longer tensor's last axis has size 1, a rank-1 tensor gets "
      "a\n    trailing axis, else that axis is squeezed.\"\"\"\n";
  code += "    true_rank, pred_rank = len(y_true.shape), len(y_pred.shape)\n";
  code += "    if true_rank == pred_rank + 1 and y_true.shape[-1] == 1:\n";
  code += "        if pred_rank == 1:\n";
  code += "            y_pred = ops.expand_dims(y_pred, axis=-1)\n";
  code += "        else:\n";
  code += "            y_true = ops.squeeze(y_true, axis=-1)\n";
  code += "    elif pred_rank == true_rank + 1 and y_pred.shape[-1] == 1:\n";
  code += "        if true_rank == 1:\n";
  code += "            y_true = ops.expand_dims(y_true, axis=-1)\n";
  code += "        else:\n";
  code += "            y_pred = ops.squeeze(y_pred, axis=-1)\n";
  code += "    return y_true, y_pred\n\n\n";

  if (packed) {
    code += packText(x, pack);
  }

  // The class (seed 002's MyHuberLoss shape, spec §3.4).
  std::vector<std::string> initArgs = {"self"};
  for (const ExportParam& p : x.params) {
    initArgs.push_back(p.pyName + "=" + python::floatLiteral(p.value));
  }
  initArgs.push_back("name=" + python::stringLiteral(x.names.lossName));
  initArgs.push_back("reduction=" + python::stringLiteral(x.reduction));
  initArgs.push_back("**kwargs");
  // Registered, so that keras.saving.load_model finds the class by name (get_config holds
  // every constructor argument; Loss.from_config rebuilds it).
  code += "@keras.saving.register_keras_serializable(package=\"LossLab\")\n";
  code += "class " + x.names.klass + "(keras.losses.Loss):\n";
  code += "    \"\"\"" +
          python::safeText(x.parsed.aggregate ? "One value for the whole batch."
                           : x.rowSquaredNorm
                               ? "Per sample: the formula of the row's squared norm."
                               : "Per sample: the mean over the last axis of the formula.") +
          (packed ? "\n\n    y_true is " + pack + "(y_true, " + inputList(x) +
                        "): the extra inputs travel in y_true.\n    "
                  : std::string()) +
          "\"\"\"\n\n";
  code += "    def " + python::callText("    ", "__init__", initArgs) + ":\n";
  code += "        super().__init__(name=name, reduction=reduction, **kwargs)\n";
  for (const ExportParam& p : x.params) {
    code += "        self." + p.pyName + " = " + p.pyName + "\n";
  }
  code += "\n    def call(self, y_true, y_pred):\n";
  for (const ExportParam& p : x.params) {
    code += "        " + p.pyName + " = self." + p.pyName + "\n";
  }
  code += body("        ");
  code += "\n    def get_config(self):\n        config = super().get_config()\n";
  if (!x.params.empty()) {
    std::vector<std::string> entries;
    for (const ExportParam& p : x.params) {
      entries.push_back("\"" + p.pyName + "\": self." + p.pyName);
    }
    std::string dict = "{";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      dict += (i ? ", " : "") + entries[i];
    }
    code += "        config.update(" + dict + "})\n";
  }
  code += "        return config\n\n\n";

  // The closure (seed 002's wrapper: compile(loss=make_…(threshold=1.2))).
  std::vector<std::string> factoryArgs;
  for (const ExportParam& p : x.params) {
    factoryArgs.push_back(p.pyName + "=" + python::floatLiteral(p.value));
  }
  code += "def " + python::callText("", x.names.factory, factoryArgs) + ":\n";
  code += "    \"\"\"A plain loss function for model.compile(loss=...), parameters fixed here." +
          (packed ? "\n\n    y_true is " + pack + "(y_true, " + inputList(x) + ").\n    "
                  : std::string()) +
          "\"\"\"\n\n";
  code += "    def " + x.names.function + "(y_true, y_pred):\n";
  code += body("        ");
  code += "\n    return " + x.names.function + "\n";
  return code;
}

}  // namespace losslab
