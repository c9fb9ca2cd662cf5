// SPDX-License-Identifier: GPL-3.0-or-later
// A formula exported as PyTorch: a functional form with PyTorch's (input, target, …,
// reduction) signature and an nn.Module.
#include <map>
#include <set>

#include "core/export/expression_printer.h"
#include "core/export/formula_module.h"

namespace losslab {

std::string torchModule(const FormulaExport& x) {
  std::set<std::string> taken = {x.names.function, x.names.klass};
  for (const ExportParam& p : x.params) {
    taken.insert(p.pyName);
  }
  // TorchScript keeps a variable's type: the float argument `a` becomes the tensor `a_t`.
  std::map<std::string, std::string> pyNames;
  std::map<std::string, std::string> tensorNames;  // Python name → its tensor local
  for (const ExportParam& p : x.params) {
    tensorNames[p.pyName] = python::uniqueName(p.pyName + "_t", taken);
    pyNames[p.formulaName] = tensorNames[p.pyName];
  }
  std::string rowNorm;
  const formula::ExprPtr root = printedExpression(x, pyNames, taken, rowNorm);
  ExpressionPrinter printer(CodeTarget::PyTorch, pyNames, taken);
  const std::vector<std::string> temporaries = printer.prepare(root);

  std::string code = formulaHeader(x, CodeTarget::PyTorch);
  code += "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n\n";

  std::vector<std::string> args = {"input: torch.Tensor", "target: torch.Tensor"};
  for (const std::string& name : x.parsed.inputs) {
    args.push_back(name + ": torch.Tensor");  // keyword arguments named as on the CLI
  }
  const bool perRow = perRowFormula(x.parsed);
  for (const ExportParam& p : x.params) {
    args.push_back(p.pyName + ": float = " + python::floatLiteral(p.value));
  }
  args.push_back("reduction: str = " + python::stringLiteral(x.reduction));
  code += "def " + python::callText("", x.names.function, args) + " -> torch.Tensor:\n";
  code += "    \"\"\"" +
          std::string(x.parsed.aggregate ? "One value for the whole batch, whatever the reduction."
                      : x.rowSquaredNorm || perRow
                          ? "One value per sample (row), reduced over the samples."
                          : "The element loss, reduced as PyTorch's losses are.") +
          "\"\"\"\n";
  code += "    y_pred, y_true = input, target\n";
  for (const ExportParam& p : x.params) {
    code += "    " + tensorNames[p.pyName] + " = torch.as_tensor(" + p.pyName +
            ", dtype=input.dtype, device=input.device)\n";
  }
  if (!rowNorm.empty()) {
    code += "    " + rowNorm + " = torch.sum(torch.square(y_pred - y_true), dim=-1)\n";
  }
  for (const std::string& name : x.parsed.inputs) {
    // Narrower than y_pred: column j reads column min(j, k - 1), as in LossLab.
    code += "    " + name + " = torch.index_select(" + name +
            ", -1, torch.clamp(torch.arange(y_pred.shape[-1], device=y_pred.device), max=" + name +
            ".shape[-1] - 1))\n";
  }
  if (usesColumn(root)) {
    code += "    col = torch.arange(y_pred.shape[-1], dtype=y_pred.dtype, device=y_pred.device)\n";
  }
  if (usesResidual(root)) {
    code += "    r = y_pred - y_true\n";
  }
  for (const std::string& line : temporaries) {
    code += "    " + line + "\n";
  }
  code += "    " + printer.assignment("loss", root, "    ") + "\n";
  if (perRow) {
    code += "    loss = torch.mean(loss.expand_as(y_pred), dim=-1)  # one value per sample\n";
  }
  // No f-string: TorchScript compiles string concatenation only.
  const std::string invalid =
      "    raise ValueError(\"reduction must be 'mean', 'sum' or 'none', not '\" + reduction + "
      "\"'\")\n";
  if (x.parsed.aggregate) {
    code += "    if reduction not in (\"mean\", \"sum\", \"none\"):\n    " + invalid;
    code += "    return loss\n\n\n";
  } else {
    code += "    if reduction == \"mean\":\n        return torch.mean(loss)\n";
    code += "    if reduction == \"sum\":\n        return torch.sum(loss)\n";
    code += "    if reduction == \"none\":\n        return loss\n" + invalid + "\n\n";
  }

  std::vector<std::string> initArgs = {"self"};
  std::vector<std::string> forwardArgs = {"input", "target"};
  std::string forwardSignature = "self, input: torch.Tensor, target: torch.Tensor";
  for (const std::string& name : x.parsed.inputs) {
    forwardArgs.push_back(name);
    forwardSignature += ", " + name + ": torch.Tensor";
  }
  for (const ExportParam& p : x.params) {
    initArgs.push_back(p.pyName + ": float = " + python::floatLiteral(p.value));
    forwardArgs.push_back(p.pyName + "=self." + p.pyName);
  }
  initArgs.push_back("reduction: str = " + python::stringLiteral(x.reduction));
  forwardArgs.push_back("reduction=self.reduction");
  code += "class " + x.names.klass + "(nn.Module):\n";
  code +=
      "    \"\"\"nn.Module form of " + x.names.function + "(); forward(input, target).\"\"\"\n\n";
  code += "    def " + python::callText("    ", "__init__", initArgs) + ":\n";
  code += "        super().__init__()\n";
  for (const ExportParam& p : x.params) {
    code += "        self." + p.pyName + " = " + p.pyName + "\n";
  }
  code += "        self.reduction = reduction\n\n";
  code += "    def forward(" + forwardSignature + ") -> torch.Tensor:\n";
  code += "        return " + python::callText("        ", x.names.function, forwardArgs) + "\n";
  return code;
}

}  // namespace losslab
