// SPDX-License-Identifier: GPL-3.0-or-later
// ParameterPanel (slider ↔ spin box ↔ parametersChanged) and the pure slider mapping.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <cmath>
#include <limits>

#include "core/engine/loss_registry.h"
#include "core/engine/param_spec.h"
#include "tests/test_utils.h"
#include "ui/common/parameter_panel.h"
#include "ui/common/slider_mapping.h"

using namespace losslab;
using losslab::ui::ParameterPanel;

Q_DECLARE_METATYPE(losslab::ParamSpec)

namespace {

constexpr int kSteps = ParameterPanel::kSliderSteps;

const std::vector<ParamSpec>& specsOf(const char* lossId) {
  const LossRegistry::Entry* entry = LossRegistry::instance().find(lossId);
  if (!entry) {
    qFatal("loss '%s' is not in the registry", lossId);
  }
  return entry->info.params;
}

ParamSpec specOf(const char* lossId, const std::string& paramId) {
  for (const ParamSpec& spec : specsOf(lossId)) {
    if (spec.id == paramId) {
      return spec;
    }
  }
  qFatal("loss '%s' has no parameter '%s'", lossId, paramId.c_str());
}

/// The value carried by the last parametersChanged emission.
double emitted(const QSignalSpy& spy, const char* id) {
  const auto values = spy.last().at(0).value<ParamValues>();
  const auto it = values.find(id);
  return it == values.end() ? std::numeric_limits<double>::quiet_NaN() : it->second;
}

/// Types `text` into a spin box as a user would (select all, type, Enter).
void typeInto(QAbstractSpinBox* spin, const QString& text) {
  QLineEdit* edit = spin->findChild<QLineEdit*>();
  QVERIFY(edit);
  edit->selectAll();
  QTest::keyClicks(edit, text);
  QTest::keyClick(edit, Qt::Key_Return);
}

}  // namespace

class TestParameterPanel : public QObject {
  Q_OBJECT

 private slots:
  void sliderMappingEnds_data();
  void sliderMappingEnds();
  void sliderMappingRoundTrip_data();
  void sliderMappingRoundTrip();
  void sliderMappingHandValues();
  void sliderRoundValuesAreShortAndStayOnTheirPosition();
  void setParametersShowsValuesWithoutEmitting();
  void sliderMoveEmitsOnceWithMappedValue();
  void spinEditMovesSliderAndEmitsOnce();
  void spinValueBeyondSliderSpanIsKept();
  void outOfRangeInputIsRejected_data();
  void outOfRangeInputIsRejected();
  void invalidInitialValueFallsBackToDefault();
  void resetRestoresDefault();
  void integerRowUsesOneSliderStepPerInteger();
  void booleanAndChoiceEmit();
  void clearShowsNoParametersLabel();
  void rebuildFromInsideTheSignalIsSafe();
};

// ---- slider mapping (pure functions) ----

void TestParameterPanel::sliderMappingEnds_data() {
  QTest::addColumn<ParamSpec>("spec");
  QTest::addColumn<double>("lower");  // expected value at position 0
  QTest::addColumn<double>("upper");  // expected value at position kSteps
  QTest::addColumn<bool>("log");
  // Expected spans are the registry's slider hints (param_spec.cpp / the family files).
  QTest::newRow("huber delta: log [0.01, 10]") << specOf("huber", "delta") << 0.01 << 10.0 << true;
  QTest::newRow("epsilon: log [1e-12, 1e-2]")
      << specOf("binary_crossentropy", "epsilon") << 1e-12 << 1e-2 << true;
  QTest::newRow("focal alpha: linear [0, 1]")
      << specOf("binary_focal_crossentropy", "alpha") << 0.0 << 1.0 << false;
  QTest::newRow("barron alpha: linear [-10, 4] hints on (-inf, inf)")
      << specOf("barron_general", "alpha") << -10.0 << 4.0 << false;
  // q ∈ (0, 1) with the slider on [0, 1]: the ends sit a quarter step (0.25/1000) inside.
  QTest::newRow("gce q: open (0, 1), ends nudged inside")
      << specOf("categorical_generalized_cross_entropy", "q") << 0.00025 << 0.99975 << false;
  // ignore_class ∈ [−1, INT_MAX] without hints: cut to kMaxIntegerSliderSpan = 1000 integers.
  QTest::newRow("ignore_class: integer [-1, 999]")
      << specOf("sparse_categorical_crossentropy", "ignore_class") << -1.0 << 999.0 << false;
  ParamSpec unbounded = realParam("m", "m", 0, -std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::infinity(), "");
  QTest::newRow("no hints, (-inf, inf): [-10, 10]") << unbounded << -10.0 << 10.0 << false;
}

void TestParameterPanel::sliderMappingEnds() {
  QFETCH(ParamSpec, spec);
  QFETCH(double, lower);
  QFETCH(double, upper);
  QFETCH(bool, log);
  QCOMPARE(ui::sliderSpan(spec).log, log);
  // Ends are exact (not lo + steps·step): compare the doubles for equality.
  QCOMPARE(ui::sliderValue(spec, 0, kSteps), lower);
  QCOMPARE(ui::sliderValue(spec, kSteps, kSteps), upper);
  QVERIFY(spec.validate(ui::sliderValue(spec, 0, kSteps)).empty());
  QVERIFY(spec.validate(ui::sliderValue(spec, kSteps, kSteps)).empty());
  QCOMPARE(ui::sliderPosition(spec, lower, kSteps), 0);
  QCOMPARE(ui::sliderPosition(spec, upper, kSteps), kSteps);
  // Outside the span: clamped to the ends; NaN to 0.
  QCOMPARE(ui::sliderPosition(spec, upper * 10 + 100, kSteps), kSteps);
  QCOMPARE(ui::sliderPosition(spec, std::numeric_limits<double>::quiet_NaN(), kSteps), 0);
}

void TestParameterPanel::sliderMappingRoundTrip_data() {
  QTest::addColumn<ParamSpec>("spec");
  QTest::newRow("huber delta (log)") << specOf("huber", "delta");
  QTest::newRow("epsilon (log, 10 decades)") << specOf("binary_crossentropy", "epsilon");
  QTest::newRow("barron alpha (linear)") << specOf("barron_general", "alpha");
  QTest::newRow("triplet eps (linear [0, 1e-3])") << specOf("triplet_margin", "eps");
}

void TestParameterPanel::sliderMappingRoundTrip() {
  QFETCH(ParamSpec, spec);
  const ui::SliderSpan span = ui::sliderSpan(spec);
  const auto mapped = [&](double v) { return span.log ? std::log(v) : v; };
  const double step = (mapped(span.upper) - mapped(span.lower)) / kSteps;
  // position → value → position is the identity.
  for (int position = 0; position <= kSteps; ++position) {
    QCOMPARE(ui::sliderPosition(spec, ui::sliderValue(spec, position, kSteps), kSteps), position);
  }
  // value → position → value lands within one slider step (in mapped units: log for log scale).
  for (int k = 0; k <= 997; ++k) {
    const double t = k / 997.0;  // not a multiple of the slider step
    const double value =
        span.log ? std::exp(mapped(span.lower) + t * (mapped(span.upper) - mapped(span.lower)))
                 : span.lower + t * (span.upper - span.lower);
    const double back = ui::sliderValue(spec, ui::sliderPosition(spec, value, kSteps), kSteps);
    QVERIFY2(std::fabs(mapped(back) - mapped(value)) <= step * (0.5 + 1e-9),
             qPrintable(QStringLiteral("%1 came back as %2").arg(value, 0, 'g', 17).arg(back)));
  }
}

void TestParameterPanel::sliderRoundValuesAreShortAndStayOnTheirPosition() {
  // Every real parameter of the registry, every slider position: the value a drag sets maps
  // back to its position, is valid, and has at most 4 significant digits where the slider's
  // resolution allows it (a step of ≥ 0.1 % of the value; 1000 steps over ≤ 6 decades give
  // ≥ 1.4 % steps on a log slider).
  int checked = 0;
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    for (const ParamSpec& spec : entry.info.params) {
      if (spec.kind != ParamSpec::Kind::Real) {
        continue;
      }
      for (int position = 0; position <= kSteps; ++position) {
        const double value = ui::sliderRoundValue(spec, position, kSteps);
        QCOMPARE(ui::sliderPosition(spec, value, kSteps), position);
        QVERIFY2(spec.validate(value).empty(), qPrintable(QString::fromStdString(spec.id)));
        const double exact = ui::sliderValue(spec, position, kSteps);
        const double next = ui::sliderValue(spec, std::min(position + 1, kSteps), kSteps);
        const double previous = ui::sliderValue(spec, std::max(position - 1, 0), kSteps);
        const double step = std::min(std::abs(next - exact), std::abs(exact - previous));
        if (exact != 0 && step >= 1e-3 * std::abs(exact)) {
          const QString text = QString::number(value, 'g', 17);
          QVERIFY2(
              QString::number(value, 'g', 4).toDouble() == value,
              qPrintable(
                  QStringLiteral("%1 at %2: %3").arg(spec.id.c_str()).arg(position).arg(text)));
        }
        ++checked;
      }
    }
  }
  QVERIFY(checked > 10 * (kSteps + 1));
}

void TestParameterPanel::sliderMappingHandValues() {
  // Log [0.01, 10], 1000 steps: position 500 is the geometric mean sqrt(0.01 · 10) = sqrt(0.1);
  // value 1 sits at t = log(1/0.01) / log(10/0.01) = 2/3 → position round(666.67) = 667.
  const ParamSpec delta = specOf("huber", "delta");
  LOSSLAB_VERIFY_NEAR(ui::sliderValue(delta, 500, kSteps), std::sqrt(0.1), 1e-14);
  QCOMPARE(ui::sliderPosition(delta, 1.0, kSteps), 667);
  // Linear [-10, 4]: position 250 → −10 + 0.25 · 14 = −6.5; value 0 → 10/14 · 1000 = 714.3 → 714.
  const ParamSpec alpha = specOf("barron_general", "alpha");
  LOSSLAB_VERIFY_NEAR(ui::sliderValue(alpha, 250, kSteps), -6.5, 1e-14);
  QCOMPARE(ui::sliderPosition(alpha, 0.0, kSteps), 714);
}

// ---- the panel ----

void TestParameterPanel::setParametersShowsValuesWithoutEmitting() {
  ParameterPanel panel;
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  panel.setParameters(specsOf("huber"), {{"delta", 2.0}});
  QCOMPARE(spy.count(), 0);
  QCOMPARE(panel.values().at("delta"), 2.0);
  auto* spin = panel.findChild<QDoubleSpinBox*>(QStringLiteral("spin_delta"));
  auto* slider = panel.findChild<QSlider*>(QStringLiteral("slider_delta"));
  QVERIFY(spin && slider);
  QCOMPARE(spin->value(), 2.0);
  // log10(2 / 0.01) / 3 · 1000 = 767.01 → 767.
  QCOMPARE(slider->value(), 767);
  QCOMPARE(slider->maximum(), kSteps);
  QCOMPARE(spin->stepType(), QAbstractSpinBox::AdaptiveDecimalStepType);  // log scale
  // Missing ids take the default: binary_crossentropy has from_logits, label_smoothing, epsilon.
  panel.setParameters(specsOf("binary_crossentropy"), {});
  QCOMPARE(spy.count(), 0);
  QCOMPARE(panel.values().size(), std::size_t{3});
  QCOMPARE(panel.values().at("epsilon"), 1e-7);
  QCOMPARE(panel.findChild<QDoubleSpinBox*>(QStringLiteral("spin_epsilon"))->value(), 1e-7);
  QVERIFY(panel.findChild<QDoubleSpinBox*>(QStringLiteral("spin_delta")) == nullptr);
}

void TestParameterPanel::sliderMoveEmitsOnceWithMappedValue() {
  ParameterPanel panel;
  const ParamSpec delta = specOf("huber", "delta");
  panel.setParameters({delta}, {});
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  auto* slider = panel.findChild<QSlider*>(QStringLiteral("slider_delta"));
  auto* spin = panel.findChild<QDoubleSpinBox*>(QStringLiteral("spin_delta"));

  slider->setValue(500);  // what a drag does with tracking on: valueChanged per position
  QCOMPARE(spy.count(), 1);
  // Position 500 of the log slider [0.01, 10] is exactly √0.1 = 0.316227…; a drag sets the
  // shortest decimal on that position (issue 14: labels showed 12 digits). By hand:
  // 1000·log10(0.32/0.01)/3 = 501.7 → 502 (too far), 1000·log10(0.316/0.01)/3 = 499.9 → 500.
  QCOMPARE(emitted(spy, "delta"), 0.316);
  QCOMPARE(panel.values().at("delta"), emitted(spy, "delta"));
  QCOMPARE(spin->text(), QStringLiteral("0.316"));
  QCOMPARE(slider->value(), 500);  // the spin box update did not move the slider back

  QTest::keyClick(slider, Qt::Key_Right);  // one step: one emission
  QCOMPARE(spy.count(), 2);
  // 501: 0.01·10^(3·0.501) = 0.31843; 0.32 → 502, 0.318 → 1000·log10(31.8)/3 = 500.8 → 501.
  QCOMPARE(emitted(spy, "delta"), 0.318);
  // Ticks at each decade (1000 steps / 3 decades) and room to aim.
  QCOMPARE(slider->tickPosition(), QSlider::TicksBelow);
  QCOMPARE(slider->tickInterval(), 333);
  QVERIFY(slider->minimumWidth() >= 150);
}

void TestParameterPanel::spinEditMovesSliderAndEmitsOnce() {
  ParameterPanel panel;
  panel.setParameters(specsOf("huber"), {});
  panel.show();
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  auto* slider = panel.findChild<QSlider*>(QStringLiteral("slider_delta"));
  auto* spin = panel.findChild<QDoubleSpinBox*>(QStringLiteral("spin_delta"));

  spin->setValue(0.1);  // log10(0.1 / 0.01) / 3 = 1/3 → position 333
  QCOMPARE(spy.count(), 1);
  QCOMPARE(emitted(spy, "delta"), 0.1);
  QCOMPARE(slider->value(), 333);

  typeInto(spin, QStringLiteral("2.5"));  // keyboard tracking off: one emission on Enter
  QCOMPARE(spy.count(), 2);
  QCOMPARE(emitted(spy, "delta"), 2.5);
  QCOMPARE(slider->value(), 799);  // log10(250) / 3 · 1000 = 799.3
}

void TestParameterPanel::spinValueBeyondSliderSpanIsKept() {
  ParameterPanel panel;
  panel.setParameters(specsOf("huber"), {});
  panel.show();
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  auto* slider = panel.findChild<QSlider*>(QStringLiteral("slider_delta"));
  auto* spin = panel.findChild<QDoubleSpinBox*>(QStringLiteral("spin_delta"));
  typeInto(spin, QStringLiteral("50"));  // valid (δ > 0) but beyond the slider's 10
  QCOMPARE(spy.count(), 1);
  QCOMPARE(emitted(spy, "delta"), 50.0);
  QCOMPARE(panel.values().at("delta"), 50.0);
  QCOMPARE(spin->value(), 50.0);
  QCOMPARE(slider->value(), kSteps);  // pinned at the end, value kept
  // The same when set from outside.
  panel.setParameters(specsOf("huber"), {{"delta", 1e-4}});
  QCOMPARE(panel.values().at("delta"), 1e-4);
  QCOMPARE(panel.findChild<QSlider*>(QStringLiteral("slider_delta"))->value(), 0);
  QCOMPARE(spy.count(), 1);
}

void TestParameterPanel::outOfRangeInputIsRejected_data() {
  QTest::addColumn<QString>("lossId");
  QTest::addColumn<QString>("paramId");
  QTest::addColumn<QString>("typed");
  QTest::addColumn<double>("kept");
  QTest::addColumn<QString>("range");  // ParamSpec::rangeText of the parameter
  QTest::newRow("huber delta = -1 (valid: δ > 0)") << "huber"
                                                   << "delta"
                                                   << "-1" << 1.0 << "(0, inf)";
  QTest::newRow("huber delta = 0 (open bound)") << "huber"
                                                << "delta"
                                                << "0" << 1.0 << "(0, inf)";
  QTest::newRow("focal alpha = 1.5 (valid: [0, 1])") << "binary_focal_crossentropy"
                                                     << "alpha"
                                                     << "1.5" << 0.25 << "[0, 1]";
  QTest::newRow("ignore_class = -7 (valid: >= -1)")
      << "sparse_categorical_crossentropy"
      << "ignore_class"
      << "-7" << -1.0 << "integers in [-1, 2147483647]";
}

void TestParameterPanel::outOfRangeInputIsRejected() {
  QFETCH(QString, lossId);
  QFETCH(QString, paramId);
  QFETCH(QString, typed);
  QFETCH(double, kept);
  QFETCH(QString, range);
  ParameterPanel panel;
  panel.setParameters(specsOf(qPrintable(lossId)), {});
  panel.show();
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  auto* spin = panel.findChild<QAbstractSpinBox*>(QStringLiteral("spin_") + paramId);
  auto* message = panel.findChild<QLabel*>(QStringLiteral("message_") + paramId);
  QVERIFY(spin && message);
  QVERIFY(message->isHidden());

  typeInto(spin, typed);
  QCOMPARE(spy.count(), 0);
  QCOMPARE(panel.values().at(paramId.toStdString()), kept);
  QCOMPARE(spin->text(), QLocale().toString(kept));  // the editor shows the kept value again
  QVERIFY2(!message->isHidden(), "the rejection is explained under the row");
  QVERIFY2(message->text().contains(paramId) && message->text().contains(range),
           qPrintable(message->text()));

  // A valid edit afterwards is taken and clears the message.
  panel.findChild<QToolButton*>(QStringLiteral("reset_") + paramId)->click();
  QVERIFY(message->isHidden());
}

void TestParameterPanel::invalidInitialValueFallsBackToDefault() {
  ParameterPanel panel;
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  panel.setParameters(specsOf("huber"), {{"delta", -3.0}});
  QCOMPARE(spy.count(), 0);
  QCOMPARE(panel.values().at("delta"), 1.0);
  QVERIFY(!panel.findChild<QLabel*>(QStringLiteral("message_delta"))->isHidden());
}

void TestParameterPanel::resetRestoresDefault() {
  ParameterPanel panel;
  panel.setParameters(specsOf("huber"), {{"delta", 3.0}});
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  auto* reset = panel.findChild<QToolButton*>(QStringLiteral("reset_delta"));
  QVERIFY(reset);
  QVERIFY2(reset->toolTip().contains(QStringLiteral("Reset to default (1)")),
           qPrintable(reset->toolTip()));
  reset->click();
  QCOMPARE(spy.count(), 1);
  QCOMPARE(emitted(spy, "delta"), 1.0);
  QCOMPARE(panel.findChild<QDoubleSpinBox*>(QStringLiteral("spin_delta"))->value(), 1.0);
  QCOMPARE(panel.findChild<QSlider*>(QStringLiteral("slider_delta"))->value(), 667);
  reset->click();  // already at the default: nothing changes, nothing is emitted
  QCOMPARE(spy.count(), 1);
}

void TestParameterPanel::integerRowUsesOneSliderStepPerInteger() {
  // torch_cross_entropy ignore_index: integers in [INT_MIN, INT_MAX], slider hints [-100, 100].
  ParameterPanel panel;
  panel.setParameters(specsOf("torch_cross_entropy"), {});
  panel.show();
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  auto* slider = panel.findChild<QSlider*>(QStringLiteral("slider_ignore_index"));
  auto* spin = panel.findChild<QSpinBox*>(QStringLiteral("spin_ignore_index"));
  QVERIFY(slider && spin);
  QCOMPARE(slider->maximum(), 200);
  QCOMPARE(slider->value(), 0);  // default −100
  slider->setValue(103);
  QCOMPARE(spy.count(), 1);
  QCOMPARE(emitted(spy, "ignore_index"), 3.0);
  QCOMPARE(spin->value(), 3);
  typeInto(spin, QStringLiteral("-5"));
  QCOMPARE(spy.count(), 2);
  QCOMPARE(emitted(spy, "ignore_index"), -5.0);
  QCOMPARE(slider->value(), 95);
}

void TestParameterPanel::booleanAndChoiceEmit() {
  ParameterPanel panel;
  panel.setParameters(specsOf("dice"), {});  // axis (choice {all, per_sample}), epsilon
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  auto* combo = panel.findChild<QComboBox*>(QStringLiteral("combo_axis"));
  QVERIFY(combo);
  QCOMPARE(combo->count(), 2);
  QCOMPARE(combo->itemText(1), QStringLiteral("per_sample"));
  combo->setCurrentIndex(1);
  QCOMPARE(spy.count(), 1);
  QCOMPARE(emitted(spy, "axis"), 1.0);

  panel.setParameters(specsOf("binary_focal_crossentropy"), {{"from_logits", 1.0}});
  spy.clear();
  auto* logits = panel.findChild<QCheckBox*>(QStringLiteral("check_from_logits"));
  auto* balancing = panel.findChild<QCheckBox*>(QStringLiteral("check_apply_class_balancing"));
  QVERIFY(logits && balancing);
  QVERIFY(logits->isChecked());
  QVERIFY(!balancing->isChecked());
  balancing->click();
  QCOMPARE(spy.count(), 1);
  QCOMPARE(emitted(spy, "apply_class_balancing"), 1.0);
  QCOMPARE(emitted(spy, "from_logits"), 1.0);  // the other values travel along
  logits->click();
  QCOMPARE(spy.count(), 2);
  QCOMPARE(emitted(spy, "from_logits"), 0.0);
  panel.findChild<QToolButton*>(QStringLiteral("reset_apply_class_balancing"))->click();
  QCOMPARE(spy.count(), 3);
  QCOMPARE(emitted(spy, "apply_class_balancing"), 0.0);
  QVERIFY(!balancing->isChecked());
}

void TestParameterPanel::clearShowsNoParametersLabel() {
  ParameterPanel panel;
  QSignalSpy spy(&panel, &ParameterPanel::parametersChanged);
  panel.setParameters(specsOf("huber"), {});
  panel.clear();
  QVERIFY(panel.values().empty());
  QVERIFY(panel.findChild<QLabel*>(QStringLiteral("noParametersLabel")));
  QVERIFY(panel.findChild<QSlider*>() == nullptr);
  panel.setParameters(specsOf("hinge"), {});  // a loss without parameters
  QVERIFY(panel.findChild<QLabel*>(QStringLiteral("noParametersLabel")));
  QVERIFY(panel.values().empty());
  QCOMPARE(spy.count(), 0);
}

void TestParameterPanel::rebuildFromInsideTheSignalIsSafe() {
  // A listener may call setParameters while the slider that emitted is still on the stack.
  ParameterPanel panel;
  panel.setParameters(specsOf("huber"), {});
  QPointer<QSlider> slider = panel.findChild<QSlider*>(QStringLiteral("slider_delta"));
  const char* echoWith = "huber";  // same parameters: values updated in place
  int calls = 0;
  connect(&panel, &ParameterPanel::parametersChanged, &panel, [&](const ParamValues& values) {
    ++calls;
    panel.setParameters(specsOf(echoWith), values);  // `values` aliases the panel's own map
  });
  slider->setValue(100);
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  QCOMPARE(calls, 1);
  // Position 100: 0.01·10^0.3 = 0.01995…, set as 0.02 (1000·log10(2)/3 = 100.3 → 100).
  QCOMPARE(panel.values().at("delta"), 0.02);
  QVERIFY2(slider && panel.findChild<QSlider*>(QStringLiteral("slider_delta")) == slider,
           "same parameters: the dragged slider is kept");
  QCOMPARE(slider->value(), 100);

  echoWith = "torch_huber";  // different parameters (help text): the editors are rebuilt
  slider->setValue(200);
  QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
  QCOMPARE(calls, 2);
  QVERIFY2(!slider, "the old editors are deleted once control returns to the event loop");
  auto* rebuilt = panel.findChild<QSlider*>(QStringLiteral("slider_delta"));
  QVERIFY(rebuilt);
  QCOMPARE(rebuilt->value(), 200);
  // Position 200: 0.01·10^0.6 = 0.03981…; 0.04 would be 1000·log10(4)/3 = 200.7 → 201, 0.0398
  // is 199.95 → 200.
  QCOMPARE(panel.values().at("delta"), 0.0398);
}

QTEST_MAIN(TestParameterPanel)
#include "tst_parameter_panel.moc"
