// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

namespace losslab {

/// Metadata of one loss parameter: enough for the GUI to build a slider and spin box and for
/// the CLI to validate `--param NAME=VALUE`.
struct ParamSpec {
  enum class Kind { Real, Integer, Boolean, Choice };

  std::string id;                    // name used on the command line and in code, e.g. "delta"
  std::string label;                 // short human label, e.g. "δ (threshold)"
  Kind kind = Kind::Real;            //
  double defaultValue = 0;           // for Boolean 0/1, for Choice the index into `choices`
  double min = 0;                    // valid range (closed unless the *Open flags say otherwise)
  double max = 1;                    //
  bool minOpen = false;              // true: min itself is not allowed (e.g. δ > 0)
  bool maxOpen = false;              //
  bool logScale = false;             // hint for sliders: map log(value) linearly
  std::string help;                  // one-line help, shown as a tooltip
  std::vector<std::string> choices;  // labels for Kind::Choice
  double sliderMin = 0;              // suggested slider range when [min, max] is unbounded;
  double sliderMax = 0;              // equal to min/max when both are finite (0, 0 = use min/max)

  /// Empty if `value` is valid, else a message naming the valid range.
  std::string validate(double value) const;
  /// The valid range written out, e.g. "(0, inf)" or "{true, false}".
  std::string rangeText() const;
  /// Parses a command-line value ("1.5", "true", a choice label); throws Error::usage.
  double parse(const std::string& text) const;
  /// Formats a value as the CLI would accept it back.
  std::string format(double value) const;
  /// Slider range: [sliderMin, sliderMax] if set, else [min, max].
  double lowerSlider() const;
  double upperSlider() const;
};

/// Parameter values by id. Booleans are 0/1, choices are indices.
using ParamValues = std::map<std::string, double, std::less<>>;

/// Fills defaults for missing ids, rejects unknown ids and out-of-range values (Error::usage).
ParamValues completeParams(const std::vector<ParamSpec>& specs, const ParamValues& given);

/// Builders that keep the registration tables short and readable.
ParamSpec realParam(
    std::string id, std::string label, double def, double min, double max, std::string help);
ParamSpec positiveParam(std::string id,
                        std::string label,
                        double def,
                        std::string help,
                        double sliderMin,
                        double sliderMax,
                        bool logScale = true);
ParamSpec boolParam(std::string id, std::string label, bool def, std::string help);
ParamSpec intParam(std::string id, std::string label, int def, int min, int max, std::string help);
ParamSpec choiceParam(
    std::string id, std::string label, int def, std::vector<std::string> choices, std::string help);
ParamSpec epsilonParam(double def = 1e-7);

}  // namespace losslab
