// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/loss_factory.h"

#include <string>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/formula/formula_loss.h"
#include "core/formula/formula_parser.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/engine_text.h"

namespace losslab::ui {

namespace {

QLatin1String prefix() {
  return QLatin1String(kCustomLossPrefix);
}

/// The library entry of a custom id; throws Error::usage naming what is missing.
CustomLoss customEntry(const QString& id) {
  const QString name = customLossName(id);
  if (name.isEmpty()) {
    throw Error::usage("'" + id.toStdString() + "' names no custom loss: write custom:NAME");
  }
  std::optional<CustomLoss> entry = CustomLossLibrary::instance().find(name);
  if (!entry) {
    throw Error::usage("there is no custom loss named '" + name.toStdString() +
                       "' in the library (it may have been deleted or renamed)");
  }
  return *entry;
}

/// Parses the entry's formula; a stored formula that no longer parses is reported with the
/// loss's name in front of the parser's caret message.
formula::ParsedFormula parseEntry(const CustomLoss& entry) {
  try {
    return formula::parseFormula(entry.source.toStdString(), entry.inputNames());
  } catch (const Error& error) {
    throw Error::usage("custom loss '" + entry.name.toStdString() + "': " + error.what());
  }
}

void checkCatalogueId(const QString& id) {
  if (id.isEmpty()) {
    throw Error::usage("no loss id given");
  }
}

}  // namespace

bool isCustomLossId(const QString& id) {
  return id.startsWith(prefix());
}

QString customLossId(const QString& name) {
  return prefix() + name;
}

QString customLossName(const QString& id) {
  return isCustomLossId(id) ? id.mid(prefix().size()) : QString();
}

LossPtr createLoss(const QString& id, const ParamValues& params) {
  if (!isCustomLossId(id)) {
    checkCatalogueId(id);
    return LossRegistry::instance().create(id.toStdString(), params);
  }
  const CustomLoss entry = customEntry(id);
  const formula::ParsedFormula parsed = parseEntry(entry);
  const LossInfo info = formulaInfo(parsed, entry.name.toStdString());
  ParamValues values;
  for (const ParamSpec& spec : info.params) {
    if (const auto given = params.find(spec.id); given != params.end()) {
      values.insert(*given);  // validated (and rejected if out of range) by create()
    } else if (const auto stored = entry.params.find(spec.id);
               stored != entry.params.end() && spec.validate(stored->second).empty()) {
      values.insert(*stored);
    }
  }
  return FormulaLoss::create(entry.source.toStdString(), values, entry.name.toStdString(),
                             entry.inputNames());
}

std::map<std::string, double, std::less<>> curveInputValues(const QString& id) {
  std::map<std::string, double, std::less<>> values;
  if (!isCustomLossId(id)) {
    return values;
  }
  if (const std::optional<CustomLoss> entry =
          CustomLossLibrary::instance().find(customLossName(id))) {
    for (const FormulaInputData& input : entry->inputs) {
      if (!input.rows.empty() && !input.rows[0].empty()) {
        values[input.name.toStdString()] = input.rows[0][0];
      }
    }
  }
  return values;
}

LossInfo lossInfo(const QString& id) {
  if (!isCustomLossId(id)) {
    checkCatalogueId(id);
    const LossRegistry& registry = LossRegistry::instance();
    if (const LossRegistry::Entry* entry = registry.find(id.toStdString())) {
      return entry->info;
    }
    registry.create(id.toStdString());  // throws the registry's message with close ids
    throw Error::usage("unknown loss '" + id.toStdString() + "'");
  }
  const CustomLoss entry = customEntry(id);
  return formulaInfo(parseEntry(entry), entry.name.toStdString());
}

bool isKnownLossId(const QString& id) {
  if (isCustomLossId(id)) {
    return CustomLossLibrary::instance().contains(customLossName(id));
  }
  return !id.isEmpty() && LossRegistry::instance().find(id.toStdString()) != nullptr;
}

QString lossDisplayName(const QString& id) {
  if (isCustomLossId(id)) {
    const QString name = customLossName(id);
    return name.isEmpty() ? id : name;
  }
  if (const LossRegistry::Entry* entry = LossRegistry::instance().find(id.toStdString())) {
    return engineText(entry->info.name);
  }
  return id;
}

}  // namespace losslab::ui
