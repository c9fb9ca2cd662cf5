// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/number_text.h"

#include <cmath>

#include "core/io/number_format.h"

namespace losslab::ui {

QString shortestText(double value) {
  return QString::fromStdString(formatShortest(value));
}

QString readingText(double value, int digits) {
  if (std::isnan(value)) {
    return QStringLiteral("—");
  }
  return QString::fromStdString(formatSignificant(value, digits));
}

QString parameterValueText(const ParamSpec& spec, double value) {
  if (spec.kind == ParamSpec::Kind::Boolean || spec.kind == ParamSpec::Kind::Choice) {
    return QString::fromStdString(spec.format(value));
  }
  return shortestText(value);
}

}  // namespace losslab::ui
