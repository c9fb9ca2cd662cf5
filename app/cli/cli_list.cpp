// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli list [--json]: the catalogue with the full parameter metadata.
#include <algorithm>
#include <iostream>

#include "app/cli/cli_commands.h"
#include "core/engine/curve.h"
#include "core/engine/loss_registry.h"
#include "core/io/json_writer.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Lists every loss: id, family, framework, parameters (default and valid range) and the extra
inputs it reads besides y_true and y_pred.
)";

const char* kindName(ParamSpec::Kind kind) {
  switch (kind) {
    case ParamSpec::Kind::Real:
      return "real";
    case ParamSpec::Kind::Integer:
      return "integer";
    case ParamSpec::Kind::Boolean:
      return "boolean";
    case ParamSpec::Kind::Choice:
      return "choice";
  }
  return "?";
}

const char* targetName(TargetKind target) {
  switch (target) {
    case TargetKind::SameShape:
      return "same_shape";
    case TargetKind::ClassIndex:
      return "class_index";
    case TargetKind::None:
      return "none";
  }
  return "?";
}

const char* curveName(CurveKind kind) {
  switch (kind) {
    case CurveKind::Residual:
      return "residual";
    case CurveKind::Margin:
      return "margin";
    case CurveKind::Probability:
      return "probability";
    case CurveKind::TrueClassProbability:
      return "true_class_probability";
    case CurveKind::Distance:
      return "distance";
  }
  return "?";
}

/// A parameter value in its typed JSON form: booleans true/false, choices by label.
void writeValue(JsonWriter& json, const ParamSpec& spec, double value) {
  switch (spec.kind) {
    case ParamSpec::Kind::Boolean:
      json.boolean(value != 0);
      break;
    case ParamSpec::Kind::Choice:
      json.string(spec.format(value));
      break;
    case ParamSpec::Kind::Integer:
    case ParamSpec::Kind::Real:
      json.number(value);
      break;
  }
}

void writeParam(JsonWriter& json, const ParamSpec& spec) {
  json.beginObject();
  json.key("id").string(spec.id);
  json.key("label").string(spec.label);
  json.key("kind").string(kindName(spec.kind));
  json.key("default");
  writeValue(json, spec, spec.defaultValue);
  json.key("min").number(spec.min);
  json.key("max").number(spec.max);
  json.key("min_open").boolean(spec.minOpen);
  json.key("max_open").boolean(spec.maxOpen);
  json.key("log_scale").boolean(spec.logScale);
  json.key("slider_min").number(spec.lowerSlider());
  json.key("slider_max").number(spec.upperSlider());
  json.key("help").string(spec.help);
  json.key("choices").beginArray();
  for (const std::string& choice : spec.choices) {
    json.string(choice);
  }
  json.endArray();
  json.endObject();
}

std::string paramSummary(const LossInfo& info) {
  std::string text;
  for (const ParamSpec& spec : info.params) {
    text += (text.empty() ? "" : " ") + spec.id + "=" + spec.format(spec.defaultValue);
  }
  return text.empty() ? "-" : text;
}

std::string extraSummary(const LossInfo& info) {
  std::string text;
  for (const ExtraInput& extra : info.extras) {
    text += (text.empty() ? "" : " ") + extra.name + (extra.required ? "" : "?");
  }
  return text.empty() ? "-" : text;
}

class ListCommand final : public Command {
 public:
  explicit ListCommand(CLI::App& parent)
      : Command(parent, "list", "every loss with its parameters and extra inputs", kDetails) {
    addFlag(app(), "--json", m_json,
            "print one JSON object {\"losses\": [...]} with the full parameter metadata (id, "
            "label, kind, default, min, max, min_open, max_open, log_scale, help, choices, "
            "slider_min, slider_max), the extra inputs and the curve variants");
  }

  int run() override;

 private:
  bool m_json = false;
};

int ListCommand::run() {
  const auto& entries = LossRegistry::instance().entries();
  if (m_json) {
    JsonWriter json;
    json.beginObject().key("losses").beginArray();
    for (const LossRegistry::Entry& entry : entries) {
      const LossInfo& info = entry.info;
      ParamValues defaults;
      for (const ParamSpec& spec : info.params) {
        defaults[spec.id] = spec.defaultValue;
      }
      json.beginObject();
      json.key("id").string(info.id);
      json.key("name").string(info.name);
      json.key("family").string(familyName(info.family));
      json.key("framework").string(frameworkName(info.framework));
      json.key("target").string(targetName(info.target));
      json.key("curve").string(curveName(info.curve));
      json.key("elementwise").boolean(info.elementwise);
      json.key("summary").string(info.summary);
      json.key("params").beginArray();
      for (const ParamSpec& spec : info.params) {
        writeParam(json, spec);
      }
      json.endArray();
      json.key("extras").beginArray();
      for (const ExtraInput& extra : info.extras) {
        json.beginObject();
        json.key("name").string(extra.name);
        json.key("differentiable").boolean(extra.differentiable);
        json.key("required").boolean(extra.required);
        json.key("help").string(extra.help);
        json.endObject();
      }
      json.endArray();
      json.key("curve_variants").beginArray();
      for (const CurveVariant& variant : curveVariants(info, defaults)) {
        json.beginObject().key("id").string(variant.id).key("label").string(variant.label);
        json.endObject();
      }
      json.endArray();
      json.endObject();
    }
    json.endArray().endObject();
    std::cout << json.text() << '\n';
    return 0;
  }

  std::size_t idWidth = 2;
  std::size_t familyWidth = 6;
  std::size_t frameworkWidth = 9;
  for (const LossRegistry::Entry& entry : entries) {
    idWidth = std::max(idWidth, entry.info.id.size());
    familyWidth = std::max(familyWidth, familyName(entry.info.family).size());
    frameworkWidth = std::max(frameworkWidth, frameworkName(entry.info.framework).size());
  }
  auto pad = [](const std::string& text, std::size_t width) {
    return text + std::string(width > text.size() ? width - text.size() : 0, ' ') + "  ";
  };
  std::cout << pad("id", idWidth) << pad("family", familyWidth) << pad("framework", frameworkWidth)
            << pad("inputs", 16) << "parameters (defaults)\n";
  for (const LossRegistry::Entry& entry : entries) {
    const LossInfo& info = entry.info;
    std::cout << pad(info.id, idWidth) << pad(familyName(info.family), familyWidth)
              << pad(frameworkName(info.framework), frameworkWidth) << pad(extraSummary(info), 16)
              << paramSummary(info) << '\n';
  }
  std::cout << "\n" << entries.size() << " losses; 'inputs' are extra inputs (? = optional).\n";
  return 0;
}
}  // namespace

std::unique_ptr<Command> makeListCommand(CLI::App& parent) {
  return std::make_unique<ListCommand>(parent);
}

}  // namespace losslab::cli
