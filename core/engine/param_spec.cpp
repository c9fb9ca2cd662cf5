// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/param_spec.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/engine/error.h"
#include "core/engine/translatable.h"

namespace losslab {

namespace {

std::string number(double v) {
  if (std::isinf(v)) {
    return v > 0 ? "inf" : "-inf";
  }
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

}  // namespace

std::string ParamSpec::rangeText() const {
  switch (kind) {
    case Kind::Boolean:
      return "{true, false}";
    case Kind::Choice: {
      std::string text = "{";
      for (std::size_t i = 0; i < choices.size(); ++i) {
        text += (i ? ", " : "") + choices[i];
      }
      return text + "}";
    }
    case Kind::Integer:
      return "integers in [" + number(min) + ", " + number(max) + "]";
    case Kind::Real:
      break;
  }
  return std::string(minOpen ? "(" : "[") + number(min) + ", " + number(max) +
         (maxOpen ? ")" : "]");
}

std::string ParamSpec::validate(double value) const {
  const std::string where = "parameter '" + id + "' = " + format(value);
  if (std::isnan(value)) {
    return "parameter '" + id + "' is NaN; valid: " + rangeText();
  }
  if (kind == Kind::Boolean && value != 0 && value != 1) {
    return where + " is not a boolean; valid: " + rangeText();
  }
  if (kind == Kind::Choice &&
      (value != std::floor(value) || value < 0 || value >= static_cast<double>(choices.size()))) {
    return "parameter '" + id + "' has no choice " + number(value) + "; valid: " + rangeText();
  }
  if (kind == Kind::Integer && value != std::floor(value)) {
    return where + " is not an integer; valid: " + rangeText();
  }
  if (kind == Kind::Real || kind == Kind::Integer) {
    const bool belowMin = minOpen ? value <= min : value < min;
    const bool aboveMax = maxOpen ? value >= max : value > max;
    if (belowMin || aboveMax) {
      return where + " is out of range; valid: " + rangeText();
    }
  }
  return {};
}

double ParamSpec::parse(const std::string& text) const {
  if (kind == Kind::Boolean) {
    if (text == "true" || text == "1") {
      return 1;
    }
    if (text == "false" || text == "0") {
      return 0;
    }
    throw Error::usage("parameter '" + id + "' takes true or false, not '" + text + "'");
  }
  if (kind == Kind::Choice) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (choices[i] == text) {
        return static_cast<double>(i);
      }
    }
    throw Error::usage("parameter '" + id + "' takes one of " + rangeText() + ", not '" + text +
                       "'");
  }
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (text == "inf" || text == "+inf") {
    return std::numeric_limits<double>::infinity();
  }
  if (text == "-inf") {
    return -std::numeric_limits<double>::infinity();
  }
  if (ec != std::errc() || ptr != end || text.empty()) {
    throw Error::usage("parameter '" + id + "' needs a number, not '" + text + "'");
  }
  return value;
}

std::string ParamSpec::format(double value) const {
  if (kind == Kind::Boolean) {
    return value != 0 ? "true" : "false";
  }
  if (kind == Kind::Choice && value >= 0 && value < static_cast<double>(choices.size())) {
    return choices[static_cast<std::size_t>(value)];
  }
  return number(value);
}

double ParamSpec::lowerSlider() const {
  return sliderMin != sliderMax ? sliderMin : min;
}
double ParamSpec::upperSlider() const {
  return sliderMin != sliderMax ? sliderMax : max;
}

ParamValues completeParams(const std::vector<ParamSpec>& specs, const ParamValues& given) {
  ParamValues values;
  for (const auto& [id, value] : given) {
    bool known = false;
    for (const ParamSpec& spec : specs) {
      known = known || spec.id == id;
    }
    if (!known) {
      std::string accepted;
      for (const ParamSpec& spec : specs) {
        accepted += (accepted.empty() ? "" : ", ") + spec.id;
      }
      throw Error::usage(
          "unknown parameter '" + id + "'" +
          (accepted.empty() ? " (this loss has no parameters)" : " (accepted: " + accepted + ")"));
    }
  }
  for (const ParamSpec& spec : specs) {
    auto it = given.find(spec.id);
    const double value = it == given.end() ? spec.defaultValue : it->second;
    if (std::string problem = spec.validate(value); !problem.empty()) {
      throw Error::usage(problem);
    }
    values[spec.id] = value;
  }
  return values;
}

ParamSpec realParam(
    std::string id, std::string label, double def, double min, double max, std::string help) {
  ParamSpec spec;
  spec.id = std::move(id);
  spec.label = std::move(label);
  spec.defaultValue = def;
  spec.min = min;
  spec.max = max;
  spec.help = std::move(help);
  return spec;
}

ParamSpec positiveParam(std::string id,
                        std::string label,
                        double def,
                        std::string help,
                        double sliderMin,
                        double sliderMax,
                        bool logScale) {
  ParamSpec spec = realParam(std::move(id), std::move(label), def, 0,
                             std::numeric_limits<double>::infinity(), std::move(help));
  spec.minOpen = true;
  spec.maxOpen = true;
  spec.logScale = logScale;
  spec.sliderMin = sliderMin;
  spec.sliderMax = sliderMax;
  return spec;
}

ParamSpec boolParam(std::string id, std::string label, bool def, std::string help) {
  ParamSpec spec = realParam(std::move(id), std::move(label), def ? 1 : 0, 0, 1, std::move(help));
  spec.kind = ParamSpec::Kind::Boolean;
  return spec;
}

ParamSpec intParam(std::string id, std::string label, int def, int min, int max, std::string help) {
  ParamSpec spec = realParam(std::move(id), std::move(label), def, min, max, std::move(help));
  spec.kind = ParamSpec::Kind::Integer;
  return spec;
}

ParamSpec choiceParam(std::string id,
                      std::string label,
                      int def,
                      std::vector<std::string> choices,
                      std::string help) {
  ParamSpec spec = realParam(std::move(id), std::move(label), def, 0,
                             static_cast<double>(choices.size()) - 1, std::move(help));
  spec.kind = ParamSpec::Kind::Choice;
  spec.choices = std::move(choices);
  return spec;
}

ParamSpec epsilonParam(double def) {
  return positiveParam(
      "epsilon", LL_TR("Engine", "ε (fuzz factor)"), def,
      LL_TR("Engine", "keras.config.epsilon(): guards logs and divisions (default 1e-7)"), 1e-12,
      1e-2);
}

}  // namespace losslab
