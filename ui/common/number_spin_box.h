// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDoubleSpinBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <cmath>
#include <optional>
#include <utility>

#include "core/engine/param_spec.h"
#include "ui/common/slider_mapping.h"

namespace losslab::ui {

/// The parameter panel's spin boxes and the rules for their ranges and decimals.

/// Infinite ends of a valid range become this in a spin box (QDoubleSpinBox needs finite ends).
inline constexpr double kSpinBoxLimit = 1e9;
/// Decimals are chosen from the magnitude but never more than QDoubleSpinBox's rounding can
/// represent usefully for a double (17 significant digits at the smallest magnitude shown).
inline constexpr int kMaxDecimals = 300;
/// Significant digits a log-scale spin box keeps at the lower end of its slider.
inline constexpr int kLogSignificantDigits = 3;

/// True for a key combination a spin box has no use for but the window has: Undo/Redo (a
/// parameter's undo, not the text's) and Ctrl+letter or Ctrl+Return commands other than
/// select all / copy / cut / paste (Ctrl+E, Export Plot, did nothing with a spin box focused:
/// its line edit took it as "end of line").
bool isWindowCommand(const QKeyEvent* key);

/// Lets window commands (isWindowCommand) through a focused spin box: the ShortcutOverride is
/// left unaccepted, so the shortcut fires. Call from event().
bool passWindowCommand(QEvent* event);

/// The locale's number format without group separators ("12345.5", never "12,345.5").
inline QLocale spinLocale(const QLocale& locale) {
  QLocale result = locale;
  result.setNumberOptions(result.numberOptions() | QLocale::OmitGroupSeparator);
  return result;
}

/// A QDoubleSpinBox that shows the shortest text that reads back as the (decimals-rounded)
/// value, accepts exponents ("1e-7"), and lets out-of-range numbers be typed (Intermediate),
/// so the panel can say why it rejects them instead of silently swallowing the keystroke.
class NumberSpinBox final : public QDoubleSpinBox {
 public:
  using QDoubleSpinBox::QDoubleSpinBox;

  bool event(QEvent* event) override {
    return passWindowCommand(event) || QDoubleSpinBox::event(event);
  }

  QLineEdit* editor() const { return lineEdit(); }

  std::optional<double> parse(QString text) const {
    text = text.trimmed();
    bool ok = false;
    const double value = spinLocale(locale()).toDouble(text, &ok);
    if (!ok || std::isnan(value)) {
      return std::nullopt;
    }
    return value;
  }

  QString textFromValue(double value) const override {
    return spinLocale(locale()).toString(value, 'g', QLocale::FloatingPointShortest);
  }

  double valueFromText(const QString& text) const override { return parse(text).value_or(value()); }

  QValidator::State validate(QString& text, int& /*pos*/) const override {
    const QLocale loc = spinLocale(locale());
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
      return QValidator::Intermediate;
    }
    // Only characters that can appear in a number: digits, sign, decimal point, exponent.
    const QString allowed = loc.decimalPoint() + loc.negativeSign() + loc.positiveSign() +
                            loc.exponential() + loc.exponential().toUpper() + loc.zeroDigit();
    for (const QChar c : trimmed) {
      if (!c.isDigit() && !allowed.contains(c)) {
        return QValidator::Invalid;
      }
    }
    const std::optional<double> value = parse(trimmed);
    if (!value) {
      return QValidator::Intermediate;  // "-", "1e", "0." … on the way to a number
    }
    return *value >= minimum() && *value <= maximum() ? QValidator::Acceptable
                                                      : QValidator::Intermediate;
  }

  void fixup(QString& /*text*/) const override {}  // no guessing: an unfinished edit reverts
};

/// A QSpinBox that lets out-of-range integers be typed (Intermediate) for the same reason.
class IntegerSpinBox final : public QSpinBox {
 public:
  using QSpinBox::QSpinBox;

  bool event(QEvent* event) override { return passWindowCommand(event) || QSpinBox::event(event); }

  QLineEdit* editor() const { return lineEdit(); }

  std::optional<double> parse(const QString& text) const {
    bool ok = false;
    const qlonglong value = spinLocale(locale()).toLongLong(text.trimmed(), &ok);
    return ok ? std::optional<double>(static_cast<double>(value)) : std::nullopt;
  }

  QValidator::State validate(QString& text, int& pos) const override {
    const QValidator::State state = QSpinBox::validate(text, pos);
    if (state != QValidator::Invalid) {
      return state;
    }
    const QLocale loc = spinLocale(locale());
    const QString trimmed = text.trimmed();
    const QString signs = loc.negativeSign() + loc.positiveSign();
    for (qsizetype i = 0; i < trimmed.size(); ++i) {
      if (!trimmed[i].isDigit() && !(i == 0 && signs.contains(trimmed[i]))) {
        return QValidator::Invalid;
      }
    }
    return QValidator::Intermediate;
  }
};

/// 10^-decimals rounding as QDoubleSpinBox does it (via fixed-point text).
double roundToDecimals(double value, int decimals);

/// Decimals for a Real spin box: enough to resolve one of `sliderSteps` slider steps (linear)
/// or kLogSignificantDigits digits at the low end of a log slider, and enough to show the
/// default exactly when it has a short decimal expansion (ε = 1e-7, c = 4.685).
int spinDecimals(const ParamSpec& spec, const SliderSpan& span, int sliderSteps);

/// The spin box ends: the valid range with infinite ends at ±kSpinBoxLimit and open ends one
/// smallest step (10^-decimals, or 1 for integers) inside.
std::pair<double, double> spinRange(const ParamSpec& spec, double smallestStep);

}  // namespace losslab::ui
