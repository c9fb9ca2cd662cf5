// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/engine/param_spec.h"

namespace losslab::ui {

/// The value interval a parameter's slider covers and how it is mapped.
struct SliderSpan {
  double lower = 0;  // value at position 0 (before the open-bound nudge, see sliderValue)
  double upper = 1;  // value at position `steps`
  bool log = false;  // true: log(value) is mapped linearly onto the positions
};

/// Integer sliders never span more than this many integers (ignore_class runs to INT_MAX).
inline constexpr double kMaxIntegerSliderSpan = 1000;
/// A one-sided infinite slider range is cut to this width (linear) or ratio (log).
inline constexpr double kFallbackLinearSpan = 10;
inline constexpr double kFallbackLogRatio = 1e6;

/// [spec.lowerSlider(), spec.upperSlider()], made usable: an infinite end is replaced by a
/// finite one kFallbackLinearSpan (or the ratio kFallbackLogRatio) away from the other end
/// ([−10, 10] when both are infinite); integer spans are cut to kMaxIntegerSliderSpan above the
/// lower end; a log span needs 0 < lower < upper (lower ≤ 0 becomes upper / kFallbackLogRatio,
/// upper ≤ 0 turns the mapping linear); an empty span becomes [lower, lower + 1].
SliderSpan sliderSpan(const ParamSpec& spec);

/// The slider position in [0, steps] closest to `value`. Values outside the slider span clamp
/// to the nearest end (the value itself is kept by the caller); NaN maps to 0.
/// Linear: round(steps · (v − lo) / (hi − lo)); log: the same on log v, log lo, log hi.
int sliderPosition(const ParamSpec& spec, double value, int steps);

/// The value at `position` (clamped to [0, steps]): the inverse of sliderPosition. The ends
/// return the span's bounds exactly, except that an end sitting on an open bound of the valid
/// range (q ∈ (0, 1) with the slider on [0, 1]) returns the value a quarter step inside, which
/// is valid and still maps back to that end. Integer parameters are rounded to an integer.
double sliderValue(const ParamSpec& spec, int position, int steps);

/// Significant digits sliderRoundValue tries before it gives up and returns the exact value.
inline constexpr int kMaxRoundDigits = 6;

/// What a slider drag sets (issue 14: labels and undo texts showed "δ = 0.0736207097495"): the
/// number with the fewest significant digits (up to kMaxRoundDigits) that maps back to
/// `position` and is valid, else sliderValue(). The ends stay exact (0.01 and 10 are short).
/// Integer, boolean and choice parameters: sliderValue().
double sliderRoundValue(const ParamSpec& spec, int position, int steps);

}  // namespace losslab::ui
