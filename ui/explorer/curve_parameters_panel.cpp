// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/curve_parameters_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "ui/common/parameter_panel.h"
#include "ui/common/theme.h"
#include "ui/explorer/curve_model.h"

namespace losslab::ui {

namespace {

constexpr double kTargetLimit = 1e6;
constexpr int kTargetDecimals = 4;

}  // namespace

CurveParametersPanel::CurveParametersPanel(CurveModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_variant(new QComboBox(this)),
      m_fixedTarget(new QCheckBox(tr("Against ŷ for target &y ="), this)),
      m_target(new QDoubleSpinBox(this)),
      m_parameters(new ParameterPanel(this)),
      m_axisNote(new QLabel(this)) {
  auto* form = new QVBoxLayout(this);
  form->setContentsMargins(4, 4, 4, 4);
  m_variant->setObjectName(QStringLiteral("curveVariant"));
  m_variant->setToolTip(
      tr("Which picture of the loss to draw: the label of a classification "
         "loss, similar or dissimilar pair, …"));
  auto* variantRow = new QFormLayout;
  variantRow->addRow(tr("Curve:"), m_variant);
  form->addLayout(variantRow);
  // Regression curves: against the residual (target 0, the default) or against the
  // prediction ŷ for a fixed target y.
  m_fixedTarget->setToolTip(
      tr("Plot regression losses against the prediction ŷ for this target "
         "instead of the residual r = ŷ − y. Matters for losses that are "
         "not functions of r alone (MAPE, MSLE, Poisson, …)."));
  m_fixedTarget->setObjectName(QStringLiteral("fixedTarget"));
  m_target->setObjectName(QStringLiteral("targetValue"));
  m_target->setRange(-kTargetLimit, kTargetLimit);
  m_target->setDecimals(kTargetDecimals);
  m_target->setValue(1.0);
  m_target->setEnabled(false);
  m_target->setKeyboardTracking(false);
  auto* targetRow = new QHBoxLayout;
  targetRow->addWidget(m_fixedTarget);
  targetRow->addWidget(m_target, 1);
  form->addLayout(targetRow);
  form->addWidget(m_parameters);
  m_axisNote->setWordWrap(true);
  form->addWidget(m_axisNote);
  form->addStretch();

  connect(m_fixedTarget, &QCheckBox::toggled, this, &CurveParametersPanel::applyTarget);
  connect(m_target, &QDoubleSpinBox::valueChanged, this, &CurveParametersPanel::applyTarget);
  connect(m_variant, &QComboBox::activated, this, &CurveParametersPanel::changeVariant);
  connect(m_parameters, &ParameterPanel::parametersChanged, this,
          &CurveParametersPanel::forwardEdit);
  connect(m_parameters, &ParameterPanel::dragFinished, this, &CurveParametersPanel::dragFinished);
  connect(m_model, &CurveModel::curveChanged, this, [this](int index) {
    if (index == m_index && !m_forwarding) {
      refresh();
    }
  });
  connect(m_model, &CurveModel::samplesChanged, this, &CurveParametersPanel::refresh);
}

void CurveParametersPanel::setCurve(int index) {
  m_index = index >= 0 && index < m_model->count() ? index : -1;
  refresh();
}

void CurveParametersPanel::clearFixedTarget() {
  if (m_fixedTarget->isChecked()) {
    const QSignalBlocker block(m_fixedTarget);
    m_fixedTarget->setChecked(false);
    m_target->setEnabled(false);
  }
  m_model->setTarget(std::nullopt);
}

void CurveParametersPanel::forwardEdit(const ParamValues& values) {
  if (m_index < 0) {
    return;
  }
  m_forwarding = true;  // the panel already shows these values
  emit parametersEdited(values);
  m_forwarding = false;
  if (m_index >= 0 && m_model->curve(m_index).params != m_parameters->values()) {
    refresh();  // refused: show the values really in use
  }
}

void CurveParametersPanel::refresh() {
  const QSignalBlocker blocker(m_variant);
  m_variant->clear();
  if (m_index < 0 || m_index >= m_model->count()) {
    m_index = -1;
    m_parameters->clear();
    m_axisNote->clear();
    return;
  }
  const CurveItem& item = m_model->curve(m_index);
  m_parameters->setParameters(item.loss->info().params, item.params);
  const auto variants = m_model->variants(m_index);  // labels in the user's language
  for (const CurveVariant& variant : variants) {
    m_variant->addItem(QString::fromStdString(variant.label), QString::fromStdString(variant.id));
  }
  const int selected = m_variant->findData(item.variant);
  m_variant->setCurrentIndex(selected >= 0 ? selected : 0);
  m_variant->setEnabled(variants.size() > 1);
  const bool regression = m_model->axisKind() == CurveKind::Residual;
  m_fixedTarget->setVisible(regression);  // other kinds have their own x (score, probability, …)
  m_target->setVisible(regression);
  QString note = tr("x axis: %1").arg(m_model->axisLabel().toHtmlEscaped());
  if (item.data && item.data->invalidPoints > 0) {
    note +=
        QStringLiteral("<br><span style='color:%1'>%2</span>")
            .arg(errorColor(palette()).name(),
                 tr("%n point(s) outside the loss's domain: %1", nullptr, item.data->invalidPoints)
                     .arg(QString::fromStdString(item.data->problem).toHtmlEscaped()));
  }
  m_axisNote->setText(note);
}

void CurveParametersPanel::applyTarget() {
  m_target->setEnabled(m_fixedTarget->isChecked());
  m_model->setTarget(m_fixedTarget->isChecked() ? std::optional<double>(m_target->value())
                                                : std::nullopt);
  emit targetChanged();
}

void CurveParametersPanel::changeVariant(int comboIndex) {
  if (m_index < 0 || comboIndex < 0) {
    return;
  }
  QString error;
  if (!m_model->setVariant(m_index, m_variant->itemData(comboIndex).toString(), &error)) {
    emit statusMessage(error);
  }
}

}  // namespace losslab::ui
