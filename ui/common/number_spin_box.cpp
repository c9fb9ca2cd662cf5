// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/number_spin_box.h"

#include <QString>
#include <algorithm>

namespace losslab::ui {

bool isWindowCommand(const QKeyEvent* key) {
  if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
    return true;
  }
  if (!(key->modifiers() & Qt::ControlModifier)) {
    return false;
  }
  const int k = key->key();
  if (k == Qt::Key_Return || k == Qt::Key_Enter) {
    return true;
  }
  return k >= Qt::Key_A && k <= Qt::Key_Z && k != Qt::Key_A && k != Qt::Key_C && k != Qt::Key_V &&
         k != Qt::Key_X;
}

bool passWindowCommand(QEvent* event) {
  if (event->type() != QEvent::ShortcutOverride ||
      !isWindowCommand(static_cast<QKeyEvent*>(event))) {
    return false;
  }
  event->ignore();
  return true;
}

double roundToDecimals(double value, int decimals) {
  return QString::number(value, 'f', decimals).toDouble();
}

int spinDecimals(const ParamSpec& spec, const SliderSpan& span, int sliderSteps) {
  double resolution = 0;
  if (span.log) {
    resolution = span.lower * std::pow(10.0, -(kLogSignificantDigits - 1));
  } else {
    resolution = (span.upper - span.lower) / sliderSteps;
  }
  int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(resolution))), 2, kMaxDecimals);
  if (std::isfinite(spec.defaultValue) && std::fabs(spec.defaultValue) < kSpinBoxLimit) {
    const int enough = std::min(kMaxDecimals, decimals + 17);
    while (decimals < enough && roundToDecimals(spec.defaultValue, decimals) != spec.defaultValue) {
      ++decimals;
    }
  }
  return decimals;
}

std::pair<double, double> spinRange(const ParamSpec& spec, double smallestStep) {
  double lo = std::isfinite(spec.min) ? std::max(spec.min, -kSpinBoxLimit) : -kSpinBoxLimit;
  double hi = std::isfinite(spec.max) ? std::min(spec.max, kSpinBoxLimit) : kSpinBoxLimit;
  if (spec.minOpen && lo == spec.min) {
    lo += smallestStep;
  }
  if (spec.maxOpen && hi == spec.max) {
    hi -= smallestStep;
  }
  return {lo, std::max(lo, hi)};
}

}  // namespace losslab::ui
