// SPDX-License-Identifier: GPL-3.0-or-later
// "Export as code" (issue 6): which writer a loss goes to. Formula losses are printed from
// their expression tree; built-in losses go through the framework's own function for that
// framework's ids, else through their exact formula equivalent, else a call of the other
// framework's function with identical semantics, else the loss's stated export limit.
// Everything per loss comes from its facts (LossInfo::facts).
#include "core/export/code_export.h"

#include <cmath>
#include <map>

#include "core/engine/error.h"
#include "core/export/direct_call.h"
#include "core/export/formula_module.h"
#include "core/formula/formula_loss.h"
#include "core/io/number_format.h"

namespace losslab {

namespace {

Framework frameworkOf(CodeTarget target) {
  return target == CodeTarget::Keras ? Framework::Keras : Framework::PyTorch;
}

/// The Python names: from --name, else the loss's own `base`.
python::Names namesOf(const ExportOptions& options, const std::string& base) {
  return options.name.empty() ? python::namesFor(base, base)
                              : python::namesFor(options.name, options.name);
}

/// The reduction option checked against the target, or the target's default.
std::string reductionOf(const ExportOptions& options, CodeTarget target) {
  const std::vector<std::string> known = exportReductions(target);
  if (options.reduction.empty()) {
    return known.front();
  }
  for (const std::string& r : known) {
    if (r == options.reduction) {
      return r;
    }
  }
  std::string list;
  for (const std::string& r : known) {
    list += (list.empty() ? "" : ", ") + r;
  }
  throw Error::usage("reduction '" + options.reduction + "' is not one of " +
                     codeTargetName(target) + "'s: " + list);
}

std::string directCode(const LossInfo& info,
                       const ParamValues& values,
                       const FrameworkCall& call,
                       const ExportOptions& options,
                       CodeTarget target) {
  const python::Names names = namesOf(options, info.id);
  const std::string reduction = reductionOf(options, target);
  return call.framework == Framework::Keras ? directKeras(info, values, call, names, reduction)
                                            : directTorch(info, values, call, names, reduction);
}

std::string exportFormulaLoss(const FormulaLoss& custom,
                              CodeTarget target,
                              const ExportOptions& options) {
  const LossInfo& info = custom.info();
  FormulaExport x;
  x.parsed = custom.formula();
  x.names = namesOf(options, info.name);
  x.reduction = reductionOf(options, target);
  x.origin = "the formula loss \"" + python::safeText(info.name) + "\"";
  std::map<std::string, formula::FormulaParam> declared;
  for (const formula::FormulaParam& p : x.parsed.params) {
    declared[p.name] = p;
  }
  x.params = exportParams(x.parsed, custom.params(), x.names,
                          [&](const std::string& name) { return declaredRange(declared[name]); });
  return exportFormula(x, target);
}

std::string exportEquivalent(const Loss& loss,
                             const FormulaEquivalent& equivalent,
                             CodeTarget target,
                             const ExportOptions& options) {
  const LossInfo& info = loss.info();
  const ParamValues& values = loss.params();
  FormulaExport x;
  x.parsed = formula::parseFormula(equivalent.source, equivalent.inputs);
  x.names = namesOf(options, info.id);
  x.reduction = reductionOf(options, target);
  x.origin = "the built-in loss '" + info.id + "' (" + python::safeText(info.name) +
             "), written as the formula below";
  x.torchFramework = info.framework == Framework::PyTorch;
  x.rowSquaredNorm = equivalent.rowSquaredNorm;
  std::map<std::string, const ParamSpec*> specs;
  for (const ParamSpec& spec : info.params) {
    specs[spec.id] = &spec;
  }
  x.params = exportParams(x.parsed, values, x.names, [&](const std::string& name) {
    return specs.count(name) ? specs[name]->rangeText() : std::string("unbounded");
  });
  if (!equivalent.note.empty() && !equivalent.rowSquaredNorm) {
    x.notes.push_back(equivalent.note);
  }
  std::string fixed;
  for (const ParamSpec& spec : info.params) {
    bool inFormula = false;
    for (const formula::FormulaParam& p : x.parsed.params) {
      inFormula = inFormula || p.name == spec.id;
    }
    if (!inFormula) {
      fixed += (fixed.empty() ? "" : ", ") + spec.id + " = " + spec.format(values.at(spec.id));
    }
  }
  if (!fixed.empty()) {
    x.notes.push_back("fixed at export (the formula depends on them): " + fixed);
  }
  if (x.torchFramework && target == CodeTarget::Keras) {
    x.notes.push_back(
        "PyTorch's 'mean' over all elements equals Keras's sum_over_batch_size of the "
        "per-sample means when every row has the same length");
  }
  return exportFormula(x, target);
}

/// Why `info` has no export for `target`: its stated limit, or that neither framework has a
/// function with its semantics.
std::string missingReason(const LossInfo& info, CodeTarget target) {
  if (!info.facts.exportLimit.empty()) {
    return info.facts.exportLimit;
  }
  return codeTargetName(target) + " has no function with its semantics";
}

}  // namespace

std::string codeTargetName(CodeTarget target) {
  return target == CodeTarget::Keras ? "Keras" : "PyTorch";
}

std::string kerasInputsReason(const std::vector<std::string>& inputs) {
  std::string names;
  for (const std::string& name : inputs) {
    names += (names.empty() ? "" : ", ") + name;
  }
  return "it reads extra inputs (" + names +
         ") and Keras's Loss.call(y_true, y_pred) takes no other tensors; write it as a formula "
         "reading them (--expr with --input NAME), whose Keras export carries them in y_true, or "
         "export it to PyTorch, where they are arguments";
}

std::optional<FormulaEquivalent> formulaEquivalent(const Loss& loss) {
  if (const auto* custom = dynamic_cast<const FormulaLoss*>(&loss)) {
    return FormulaEquivalent{custom->formula().source, "", 0, false, custom->formula().inputs};
  }
  const std::optional<FormulaText> text = loss.info().facts.formula(loss.params());
  if (!text) {
    return std::nullopt;
  }
  std::string source;
  for (const std::string& id : text->params) {
    const double value = loss.params().at(id);
    if (!std::isfinite(value)) {
      return std::nullopt;  // a declaration takes a finite number
    }
    source += id + " = " + formatShortest(value) + "\n";
  }
  FormulaEquivalent equivalent{
      source + text->expression, text->note, text->columns, text->rowSquaredNorm, {}};
  std::vector<std::string> extras;
  for (const ExtraInput& extra : loss.info().extras) {
    extras.push_back(extra.name);
  }
  if (!extras.empty()) {
    equivalent.inputs = formula::parseFormula(equivalent.source, extras).inputs;
  }
  return equivalent;
}

ExportRoute exportRoute(const Loss& loss, CodeTarget target) {
  ExportRoute route;
  const LossInfo& info = loss.info();
  const FrameworkCall* direct = frameworkCall(info, frameworkOf(target));
  const bool ownFramework = info.framework == frameworkOf(target);
  auto viaCall = [&] {
    route.kind = ExportRoute::Kind::FrameworkCall;
    route.inputs = direct->inputs;
    route.optionalTensors = direct->optionalTensors;
    return route;
  };
  // A framework's own function for one of its own losses comes first: it is what a user of
  // that framework would write.
  if (direct && ownFramework && !dynamic_cast<const FormulaLoss*>(&loss)) {
    return viaCall();
  }
  if (const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(loss)) {
    // A formula loss's Keras export carries its extra inputs in y_true (pack_y_true); a
    // built-in's export keeps its framework's signature, so there it is refused.
    if (target == CodeTarget::Keras && !equivalent->inputs.empty() &&
        !dynamic_cast<const FormulaLoss*>(&loss)) {
      if (direct) {
        return viaCall();
      }
      route.reason = kerasInputsReason(equivalent->inputs);
      return route;
    }
    route.kind = ExportRoute::Kind::Formula;
    if (target == CodeTarget::Keras) {
      route.inputs = {{"y_true", "y_true"}, {"y_pred", "y_pred"}};
    } else {
      route.inputs = {{"input", "y_pred"}, {"target", "y_true"}};
      for (const std::string& name : equivalent->inputs) {
        route.inputs.push_back({name, name});  // keyword arguments named as on the CLI
      }
    }
    return route;
  }
  if (direct) {
    return viaCall();
  }
  route.reason = missingReason(info, target);
  return route;
}

std::vector<std::string> exportReductions(CodeTarget target) {
  if (target == CodeTarget::Keras) {
    return {"sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"};
  }
  return {"mean", "sum", "none"};
}

std::string exportCode(const Loss& loss, CodeTarget target, const ExportOptions& options) {
  if (options.name.find_first_not_of(" \t") == std::string::npos && !options.name.empty()) {
    throw Error::usage("the export name is blank");
  }
  if (const auto* custom = dynamic_cast<const FormulaLoss*>(&loss)) {
    return exportFormulaLoss(*custom, target, options);
  }
  const LossInfo& info = loss.info();
  const ExportRoute route = exportRoute(loss, target);
  switch (route.kind) {
    case ExportRoute::Kind::FrameworkCall:
      return directCode(info, loss.params(), *frameworkCall(info, frameworkOf(target)), options,
                        target);
    case ExportRoute::Kind::Formula:
      return exportEquivalent(loss, *formulaEquivalent(loss), target, options);
    case ExportRoute::Kind::None:
      break;
  }
  const bool inputs =
      route.reason.rfind("it reads extra inputs", 0) == 0 && formulaEquivalent(loss);
  throw Error::usage("no " + codeTargetName(target) + " equivalent of '" + info.id + "' (" +
                     route.reason + ")" + (inputs ? "" : "; write it as a formula"));
}

}  // namespace losslab
