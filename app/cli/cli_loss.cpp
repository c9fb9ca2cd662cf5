// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_loss.h"

#include <algorithm>

#include "app/cli/cli_command.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"

namespace losslab::cli {

void addLossOptions(CLI::App& app, LossOptions& options, const LossOptionHelp& help) {
  CLI::Option* loss = addText(app, "--loss", options.id, "ID", help.loss);
  CLI::Option* expr = addText(app, "--expr", options.formula, "FORMULA", help.expr);
  loss->excludes(expr);
  expr->excludes(loss);
  addList(app, "--param", options.params, "NAME=VALUE", help.param);
}

std::pair<std::string, std::string> splitAssignment(const std::string& text,
                                                    const std::string& option) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    throw Error::usage(option + " takes NAME=VALUE, not '" + text + "'");
  }
  return {text.substr(0, equals), text.substr(equals + 1)};
}

ParamValues parseParams(const std::vector<ParamSpec>& specs,
                        const std::vector<std::string>& assignments,
                        const std::string& owner) {
  ParamValues given;
  for (const std::string& assignment : assignments) {
    const auto [name, text] = splitAssignment(assignment, "--param");
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&name = name](const ParamSpec& p) { return p.id == name; });
    if (spec == specs.end()) {
      std::string accepted;
      for (const ParamSpec& candidate : specs) {
        accepted += (accepted.empty() ? "" : ", ") + candidate.id;
      }
      throw Error::usage(
          "unknown parameter '" + name + "' for " + owner +
          (accepted.empty() ? " (it has no parameters)" : " (accepted: " + accepted + ")"));
    }
    if (given.count(name)) {
      throw Error::usage("parameter '" + name + "' is given more than once");
    }
    given[name] = spec->parse(text);
  }
  return given;
}

std::vector<std::string> inputNamesOf(const std::vector<std::string>& assignments) {
  std::vector<std::string> names;
  for (const std::string& assignment : assignments) {
    names.push_back(assignment.substr(0, assignment.find('=')));
  }
  return names;
}

LossPtr makeLoss(const LossOptions& options,
                 const std::string& command,
                 const std::vector<std::string>& inputNames) {
  if (options.formula) {
    // Parse once for the parameter specs (declared ranges, undeclared ones unbounded), then
    // let FormulaLoss::create compile it with the checked values.
    const LossInfo info =
        formulaInfo(formula::parseFormula(*options.formula, inputNames), "custom");
    return FormulaLoss::create(*options.formula,
                               parseParams(info.params, options.params, "the formula"), "custom",
                               inputNames);
  }
  if (!options.id) {
    throw Error::usage("'" + command + "' needs --loss ID or --expr FORMULA (see 'losslab-cli " +
                       command + " --help')");
  }
  const LossRegistry& registry = LossRegistry::instance();
  const LossRegistry::Entry* entry = registry.find(*options.id);
  if (!entry) {
    return registry.create(*options.id);  // throws: unknown id, with the closest ids
  }
  return registry.create(*options.id,
                         parseParams(entry->info.params, options.params, "'" + *options.id + "'"));
}

std::string describe(const Loss& loss) {
  std::string params;
  for (const ParamSpec& spec : loss.info().params) {
    params += (params.empty() ? "" : ", ") + spec.id + "=" + spec.format(loss.params().at(spec.id));
  }
  return params.empty() ? loss.info().id : loss.info().id + " (" + params + ")";
}

}  // namespace losslab::cli
