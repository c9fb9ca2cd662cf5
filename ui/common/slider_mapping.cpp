// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/slider_mapping.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace losslab::ui {

namespace {

/// The mapped coordinate of a value: the value itself (linear) or its logarithm.
double toMapped(const SliderSpan& span, double value) {
  return span.log ? std::log(value) : value;
}

double fromMapped(const SliderSpan& span, double mapped) {
  return span.log ? std::exp(mapped) : mapped;
}

bool belowOpenMin(const ParamSpec& spec, double value) {
  return spec.minOpen && value <= spec.min;
}

bool aboveOpenMax(const ParamSpec& spec, double value) {
  return spec.maxOpen && value >= spec.max;
}

}  // namespace

SliderSpan sliderSpan(const ParamSpec& spec) {
  SliderSpan span;
  double lo = spec.lowerSlider();
  double hi = spec.upperSlider();
  span.log = spec.logScale;
  const bool loFinite = std::isfinite(lo);
  const bool hiFinite = std::isfinite(hi);
  if (!loFinite && !hiFinite) {
    lo = -kFallbackLinearSpan;
    hi = kFallbackLinearSpan;
  } else if (!hiFinite) {
    hi = span.log && lo > 0 ? lo * kFallbackLogRatio : lo + kFallbackLinearSpan;
  } else if (!loFinite) {
    lo = span.log && hi > 0 ? hi / kFallbackLogRatio : hi - kFallbackLinearSpan;
  }
  if (span.log && hi <= 0) {
    span.log = false;  // no positive values to take the logarithm of
  } else if (span.log && lo <= 0) {
    lo = hi / kFallbackLogRatio;
  }
  if (spec.kind == ParamSpec::Kind::Integer) {
    lo = std::ceil(lo);
    hi = std::min(std::floor(hi), lo + kMaxIntegerSliderSpan);
  }
  if (!(hi > lo)) {
    hi = lo + 1;
  }
  span.lower = lo;
  span.upper = hi;
  return span;
}

int sliderPosition(const ParamSpec& spec, double value, int steps) {
  const SliderSpan span = sliderSpan(spec);
  if (steps <= 0 || std::isnan(value) || value <= span.lower) {
    return 0;
  }
  if (value >= span.upper) {
    return steps;
  }
  const double lo = toMapped(span, span.lower);
  const double hi = toMapped(span, span.upper);
  const double t = (toMapped(span, value) - lo) / (hi - lo);
  return std::clamp(static_cast<int>(std::lround(t * steps)), 0, steps);
}

double sliderValue(const ParamSpec& spec, int position, int steps) {
  const SliderSpan span = sliderSpan(spec);
  if (steps <= 0) {
    return span.lower;
  }
  position = std::clamp(position, 0, steps);
  const double lo = toMapped(span, span.lower);
  const double hi = toMapped(span, span.upper);
  const double step = (hi - lo) / steps;
  double value = 0;
  if (position == 0) {
    value = span.lower;  // exact ends: lo + steps · step need not round back to hi
  } else if (position == steps) {
    value = span.upper;
  } else {
    value = fromMapped(span, lo + position * step);
  }
  // An end on an open bound (q ∈ (0, 1), slider [0, 1]) would be invalid: move a quarter step
  // inside, which rounds back to the same position.
  if (belowOpenMin(spec, value)) {
    value = fromMapped(span, toMapped(span, std::max(value, span.lower)) + 0.25 * step);
  } else if (aboveOpenMax(spec, value)) {
    value = fromMapped(span, toMapped(span, std::min(value, span.upper)) - 0.25 * step);
  }
  if (spec.kind == ParamSpec::Kind::Integer) {
    value = std::round(value);
    if (belowOpenMin(spec, value)) {
      value += 1;
    } else if (aboveOpenMax(spec, value)) {
      value -= 1;
    }
  }
  return value;
}

double sliderRoundValue(const ParamSpec& spec, int position, int steps) {
  const double exact = sliderValue(spec, position, steps);
  if (spec.kind != ParamSpec::Kind::Real || !std::isfinite(exact) || exact == 0) {
    return exact;
  }
  // The fewest significant digits that still land on this position and are valid: a log
  // slider of 1000 steps over three decades moves by 0.7 % a step, so three or four digits.
  for (int digits = 1; digits <= kMaxRoundDigits; ++digits) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*g", digits, exact);
    const double candidate = std::strtod(text, nullptr);
    if (sliderPosition(spec, candidate, steps) == std::clamp(position, 0, steps) &&
        spec.validate(candidate).empty()) {
      return candidate;
    }
  }
  return exact;
}

}  // namespace losslab::ui
