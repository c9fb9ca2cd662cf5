// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli export: any loss (built-in or formula) as Keras 3 or PyTorch code.
#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_loss.h"
#include "core/engine/error.h"
#include "core/export/code_export.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Prints Python code that computes the loss with the given parameter values:
  keras    a keras.losses.Loss subclass (registered serializable, get_config/from_config,
           reduction "sum_over_batch_size") and a make_<name>(...) closure returning a plain
           loss function; keras.ops only (Keras 3)
  pytorch  a functional <name>(input, target, ..., reduction="mean") and an nn.Module that
           torch.jit.script compiles (tensors it holds are buffers)
--name NAME names them (NAME "my huber" or "MyHuber": my_huber_loss, MyHuberLoss,
make_my_huber_loss); --reduction R sets the default reduction (keras: sum_over_batch_size,
sum, mean, mean_with_sample_weight, none; pytorch: mean, sum, none).
Formula losses and built-in losses with a formula equivalent are written out from their
expression with LossLab's kink conventions; other built-in losses call the framework's own
function with the same semantics. A loss without a faithful export is a usage error.
)";

constexpr const char* kFooter =
    "Exit status: 0 success, 2 usage error (unknown loss, bad formula, no faithful export).";

class ExportCommand final : public Command {
 public:
  explicit ExportCommand(CLI::App& parent)
      : Command(
            parent, "export", "a loss or formula as Keras 3 or PyTorch code", kDetails, kFooter) {
    addLossOptions(app(), m_loss);
    addText(app(), "--to", m_to, "FRAMEWORK", "keras or pytorch (also: torch)")->required();
    addText(app(), "--name", m_name, "NAME",
            "base of the generated names (default: the loss id, or the formula's name)");
    addList(app(), "--input", m_inputs, "NAME[=FILE]",
            "a tensor the --expr formula reads as the variable NAME (repeatable; a FILE is not "
            "read): an extra argument of the exported loss");
    addText(app(), "--reduction", m_reduction, "R",
            "default reduction of the exported class and function (default: the framework's)");
    addOutputFile(app(), "--out", m_out, "FILE.py",
                  "write the code to FILE (atomically) instead of standard output");
  }

  int run() override;

 private:
  LossOptions m_loss;
  std::optional<std::string> m_to;
  std::optional<std::string> m_name;
  std::optional<std::string> m_reduction;
  std::optional<std::string> m_out;
  std::vector<std::string> m_inputs;
};

int ExportCommand::run() {
  CodeTarget target = CodeTarget::Keras;
  if (*m_to == "keras") {
    target = CodeTarget::Keras;
  } else if (*m_to == "pytorch" || *m_to == "torch") {
    target = CodeTarget::PyTorch;
  } else {
    throw Error::usage("--to takes keras or pytorch, not '" + *m_to + "'");
  }
  const LossPtr loss = makeLoss(m_loss, name(), inputNamesOf(m_inputs));
  ExportOptions options;
  options.name = m_name.value_or("");
  options.reduction = m_reduction.value_or("");
  if (m_name && m_name->find_first_not_of(" \t") == std::string::npos) {
    throw Error::usage("--name is empty");
  }
  std::string code = exportCode(*loss, target, options);
  if (!m_out && !code.empty() && code.back() != '\n') {
    code += '\n';
  }
  writeOutput(m_out, code);
  return 0;
}

}  // namespace

std::unique_ptr<Command> makeExportCommand(CLI::App& parent) {
  return std::make_unique<ExportCommand>(parent);
}

}  // namespace losslab::cli
