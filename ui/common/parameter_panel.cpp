// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/parameter_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "ui/common/engine_text.h"
#include "ui/common/number_spin_box.h"
#include "ui/common/number_text.h"
#include "ui/common/slider_mapping.h"

namespace losslab::ui {

namespace {

QString toolTipFor(const ParamSpec& spec) {
  QString tip = engineText(spec.help);
  if (!tip.isEmpty()) {
    tip += QLatin1Char('\n');
  }
  return tip + ParameterPanel::tr("Valid range: %1").arg(QString::fromStdString(spec.rangeText()));
}

}  // namespace

ParameterPanel::ParameterPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addStretch(1);
  clear();
}

ParameterPanel::~ParameterPanel() = default;

bool ParameterPanel::isDragging() const {
  return std::any_of(m_rows.begin(), m_rows.end(),
                     [](const Row& row) { return row.slider && row.slider->isSliderDown(); });
}

void ParameterPanel::clear() {
  rebuild({});
  m_values.clear();
}

void ParameterPanel::setParameters(const std::vector<ParamSpec>& specs,
                                   const ParamValues& givenValues) {
  // A copy: the caller may pass values() or the map parametersChanged carries, which are this
  // panel's own m_values, cleared below.
  const ParamValues values = givenValues;
  if (!m_content || !sameEditors(specs)) {
    rebuild(specs);
  }  // else new values for the same parameters: keep the widgets (and a slider being dragged)
  m_values.clear();
  const bool wasUpdating = std::exchange(m_updating, true);
  for (Row& row : m_rows) {
    const auto it = values.find(row.spec.id);
    double value = it == values.end() ? row.spec.defaultValue : it->second;
    const std::string problem = row.spec.validate(value);
    if (!problem.empty()) {
      value = row.spec.defaultValue;
    }
    m_values[row.spec.id] = value;
    showValue(row, value);
    showMessage(row, problem.empty()
                         ? QString()
                         : tr("%1; using the default").arg(QString::fromStdString(problem)));
  }
  m_updating = wasUpdating;
}

bool ParameterPanel::sameEditors(const std::vector<ParamSpec>& specs) const {
  if (specs.size() != m_rows.size()) {
    return false;
  }
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const ParamSpec& a = specs[i];
    const ParamSpec& b = m_rows[i].spec;
    const bool same = a.id == b.id && a.label == b.label && a.kind == b.kind &&
                      a.defaultValue == b.defaultValue && a.min == b.min && a.max == b.max &&
                      a.minOpen == b.minOpen && a.maxOpen == b.maxOpen &&
                      a.logScale == b.logScale && a.help == b.help && a.choices == b.choices &&
                      a.sliderMin == b.sliderMin && a.sliderMax == b.sliderMax;
    if (!same) {
      return false;
    }
  }
  return true;
}

void ParameterPanel::rebuild(const std::vector<ParamSpec>& specs) {
  if (m_content) {
    // Deleted later: this may run inside a slot connected to one of these widgets' signals.
    for (QWidget* child : m_content->findChildren<QWidget*>()) {
      child->blockSignals(true);
    }
    m_content->hide();
    m_content->setParent(nullptr);
    m_content->deleteLater();
  }
  m_rows.clear();
  m_content = new QWidget(this);
  auto* grid = new QGridLayout(m_content);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setColumnStretch(1, 1);
  static_cast<QVBoxLayout*>(layout())->insertWidget(0, m_content);

  if (specs.empty()) {
    auto* none = new QLabel(tr("This loss has no parameters."), m_content);
    none->setObjectName(QStringLiteral("noParametersLabel"));
    none->setEnabled(false);
    grid->addWidget(none, 0, 0, 1, 4);
    return;
  }
  m_rows.resize(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    m_rows[i].spec = specs[i];
    const int gridRow = 2 * static_cast<int>(i);  // the message line goes underneath
    switch (specs[i].kind) {
      case ParamSpec::Kind::Real:
      case ParamSpec::Kind::Integer:
        addNumberRow(grid, gridRow, m_rows[i]);
        break;
      case ParamSpec::Kind::Boolean:
        addToggleRow(grid, gridRow, m_rows[i]);
        break;
      case ParamSpec::Kind::Choice:
        addChoiceRow(grid, gridRow, m_rows[i]);
        break;
    }
    m_rows[i].message = makeMessageLabel(m_rows[i]);
    grid->addWidget(m_rows[i].message, gridRow + 1, 0, 1, 4);
  }
  // Connections capture the row index: the vector is not resized until the next rebuild, which
  // also retires the widgets (and with them these connections).
  for (std::size_t i = 0; i < m_rows.size(); ++i) {
    Row& row = m_rows[i];
    if (row.slider) {
      connect(row.slider, &QSlider::valueChanged, this,
              [this, i](int position) { onSliderMoved(i, position); });
      connect(row.slider, &QSlider::sliderReleased, this, &ParameterPanel::dragFinished);
    }
    if (row.realSpin) {
      connect(row.realSpin, &QDoubleSpinBox::valueChanged, this,
              [this, i](double value) { onSpinValue(i, value); });
      connect(static_cast<NumberSpinBox*>(row.realSpin)->editor(), &QLineEdit::textEdited, this,
              [this, i](const QString& text) { onSpinTextEdited(i, text); });
    }
    if (row.intSpin) {
      connect(row.intSpin, &QSpinBox::valueChanged, this,
              [this, i](int value) { onSpinValue(i, value); });
      connect(static_cast<IntegerSpinBox*>(row.intSpin)->editor(), &QLineEdit::textEdited, this,
              [this, i](const QString& text) { onSpinTextEdited(i, text); });
    }
    if (row.check) {
      connect(row.check, &QCheckBox::toggled, this,
              [this, i](bool checked) { onToggled(i, checked); });
    }
    if (row.combo) {
      connect(row.combo, &QComboBox::currentIndexChanged, this,
              [this, i](int choice) { onChoice(i, choice); });
    }
    connect(row.reset, &QToolButton::clicked, this, [this, i] { onReset(i); });
  }
}

void ParameterPanel::addNumberRow(QGridLayout* grid, int gridRow, Row& row) {
  const ParamSpec& spec = row.spec;
  const QString id = QString::fromStdString(spec.id);
  const QString tip = toolTipFor(spec);
  const SliderSpan span = sliderSpan(spec);

  auto* label = new QLabel(engineText(spec.label), m_content);
  label->setToolTip(tip);

  row.slider = new QSlider(Qt::Horizontal, m_content);
  row.slider->setObjectName(QStringLiteral("slider_") + id);
  row.slider->setToolTip(tip);

  QAbstractSpinBox* spin = nullptr;
  if (spec.kind == ParamSpec::Kind::Integer) {
    // One slider position per integer (sliderSpan caps integer spans at kMaxIntegerSliderSpan).
    row.steps = std::clamp(static_cast<int>(span.upper - span.lower), 1, kSliderSteps);
    auto* intSpin = new IntegerSpinBox(m_content);
    const auto [lo, hi] = spinRange(spec, 1.0);
    intSpin->setRange(static_cast<int>(lo), static_cast<int>(hi));
    row.intSpin = intSpin;
    spin = intSpin;
  } else {
    auto* realSpin = new NumberSpinBox(m_content);
    const int decimals = spinDecimals(spec, span, kSliderSteps);
    realSpin->setDecimals(decimals);
    const auto [lo, hi] = spinRange(spec, std::pow(10.0, -decimals));
    realSpin->setRange(lo, hi);
    if (span.log) {
      // One step changes the leading digit below the current value's (0.5 → 0.51 → …).
      realSpin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    } else {
      const double step = std::pow(10.0, std::floor(std::log10((span.upper - span.lower) / 100)));
      realSpin->setSingleStep(std::max(step, std::pow(10.0, -decimals)));
    }
    row.realSpin = realSpin;
    spin = realSpin;
  }
  row.slider->setRange(0, row.steps);
  row.slider->setSingleStep(1);
  row.slider->setPageStep(std::max(1, row.steps / 10));
  // Ticks to aim at (one per decade on a log slider, ten on a linear one) and room to aim
  // (issue 14: δ's 0.01–10 had ≈100 px and no ticks).
  row.slider->setTickPosition(QSlider::TicksBelow);
  const double decades = span.log ? std::log10(span.upper / span.lower) : 0;
  row.slider->setTickInterval(decades >= 1 ? static_cast<int>(std::lround(row.steps / decades))
                                           : std::max(1, row.steps / 10));
  row.slider->setMinimumWidth(kMinSliderWidth);
  spin->setObjectName(QStringLiteral("spin_") + id);
  spin->setToolTip(tip);
  spin->setKeyboardTracking(false);  // emit on Enter / focus out, not on every keystroke
  spin->setAccelerated(true);
  spin->setMinimumWidth(spin->fontMetrics().horizontalAdvance(QStringLiteral("-0.0000000")));
  label->setBuddy(spin);

  grid->addWidget(label, gridRow, 0);
  grid->addWidget(row.slider, gridRow, 1);
  grid->addWidget(spin, gridRow, 2);
  grid->addWidget(makeResetButton(row, parameterValueText(spec, spec.defaultValue)), gridRow, 3);
}

void ParameterPanel::addToggleRow(QGridLayout* grid, int gridRow, Row& row) {
  const ParamSpec& spec = row.spec;
  row.check = new QCheckBox(engineText(spec.label), m_content);
  row.check->setObjectName(QStringLiteral("check_") + QString::fromStdString(spec.id));
  row.check->setToolTip(toolTipFor(spec));
  grid->addWidget(row.check, gridRow, 0, 1, 3);
  grid->addWidget(makeResetButton(row, spec.defaultValue != 0 ? tr("on") : tr("off")), gridRow, 3);
}

void ParameterPanel::addChoiceRow(QGridLayout* grid, int gridRow, Row& row) {
  const ParamSpec& spec = row.spec;
  const QString tip = toolTipFor(spec);
  auto* label = new QLabel(engineText(spec.label), m_content);
  label->setToolTip(tip);
  row.combo = new QComboBox(m_content);
  row.combo->setObjectName(QStringLiteral("combo_") + QString::fromStdString(spec.id));
  row.combo->setToolTip(tip);
  for (const std::string& choice : spec.choices) {
    row.combo->addItem(QString::fromStdString(choice));
  }
  label->setBuddy(row.combo);
  grid->addWidget(label, gridRow, 0);
  grid->addWidget(row.combo, gridRow, 1, 1, 2);
  grid->addWidget(makeResetButton(row, parameterValueText(spec, spec.defaultValue)), gridRow, 3);
}

QToolButton* ParameterPanel::makeResetButton(Row& row, const QString& defaultText) {
  row.reset = new QToolButton(m_content);
  row.reset->setObjectName(QStringLiteral("reset_") + QString::fromStdString(row.spec.id));
  row.reset->setIcon(QIcon::fromTheme(QStringLiteral("edit-undo"),
                                      style()->standardIcon(QStyle::SP_DialogResetButton)));
  row.reset->setText(tr("Reset"));
  row.reset->setAutoRaise(true);
  row.reset->setToolTip(tr("Reset to default (%1)").arg(defaultText));
  return row.reset;
}

QLabel* ParameterPanel::makeMessageLabel(const Row& row) {
  auto* message = new QLabel(m_content);
  message->setObjectName(QStringLiteral("message_") + QString::fromStdString(row.spec.id));
  message->setWordWrap(true);
  message->setStyleSheet(QStringLiteral("color: #c62828;"));  // red, readable on light and dark
  QFont font = message->font();
  font.setPointSizeF(font.pointSizeF() * 0.9);
  message->setFont(font);
  message->hide();
  return message;
}

void ParameterPanel::onSliderMoved(std::size_t index, int position) {
  if (m_updating) {
    return;
  }
  Row& row = m_rows[index];
  const double value = sliderRoundValue(row.spec, position, row.steps);
  if (commit(index, value)) {
    showValue(row, value, /*moveSlider=*/false);  // the user holds the slider: leave it be
    emit parametersChanged(m_values);
  }
}

void ParameterPanel::onSpinValue(std::size_t index, double value) {
  if (m_updating) {
    return;
  }
  Row& row = m_rows[index];
  if (commit(index, value)) {
    showValue(row, value);
    emit parametersChanged(m_values);
  } else {
    showValue(row, m_values[row.spec.id]);  // keep the last valid value
  }
}

void ParameterPanel::onSpinTextEdited(std::size_t index, const QString& text) {
  // Says why a number will be rejected while it is typed (validate() lets it be typed).
  Row& row = m_rows[index];
  const std::optional<double> value = row.realSpin
                                          ? static_cast<NumberSpinBox*>(row.realSpin)->parse(text)
                                          : static_cast<IntegerSpinBox*>(row.intSpin)->parse(text);
  if (!value) {
    return;  // unfinished ("-", "1e"): keep whatever is shown
  }
  const std::string problem = row.spec.validate(*value);
  showMessage(row, problem.empty() ? QString() : QString::fromStdString(problem));
}

void ParameterPanel::onToggled(std::size_t index, bool checked) {
  if (!m_updating && commit(index, checked ? 1 : 0)) {
    emit parametersChanged(m_values);
  }
}

void ParameterPanel::onChoice(std::size_t index, int choice) {
  if (!m_updating && choice >= 0 && commit(index, choice)) {
    emit parametersChanged(m_values);
  }
}

void ParameterPanel::onReset(std::size_t index) {
  Row& row = m_rows[index];
  const double value = row.spec.defaultValue;
  const bool changed = m_values[row.spec.id] != value;
  commit(index, value);
  showValue(row, value);
  if (changed) {
    emit parametersChanged(m_values);
  }
}

bool ParameterPanel::commit(std::size_t index, double value) {
  Row& row = m_rows[index];
  if (const std::string problem = row.spec.validate(value); !problem.empty()) {
    showMessage(row, QString::fromStdString(problem));
    return false;
  }
  m_values[row.spec.id] = value;
  showMessage(row, QString());
  return true;
}

void ParameterPanel::showValue(Row& row, double value, bool moveSlider) {
  const bool wasUpdating = std::exchange(m_updating, true);
  if (row.slider && moveSlider) {
    const QSignalBlocker blocker(row.slider);
    row.slider->setValue(sliderPosition(row.spec, value, row.steps));  // clamps at the ends
  }
  if (row.realSpin) {
    const QSignalBlocker blocker(row.realSpin);
    row.realSpin->setValue(value);
  }
  if (row.intSpin) {
    const QSignalBlocker blocker(row.intSpin);
    const double clamped = std::clamp(value, static_cast<double>(row.intSpin->minimum()),
                                      static_cast<double>(row.intSpin->maximum()));
    row.intSpin->setValue(static_cast<int>(clamped));
  }
  if (row.check) {
    const QSignalBlocker blocker(row.check);
    row.check->setChecked(value != 0);
  }
  if (row.combo) {
    const QSignalBlocker blocker(row.combo);
    row.combo->setCurrentIndex(static_cast<int>(value));
  }
  m_updating = wasUpdating;
}

void ParameterPanel::showMessage(Row& row, const QString& message) {
  if (!row.message) {
    return;
  }
  row.message->setText(message);
  row.message->setVisible(!message.isEmpty());
}

}  // namespace losslab::ui
