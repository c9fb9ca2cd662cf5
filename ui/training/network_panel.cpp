// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/network_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpressionValidator>

#include "ui/training/training_config_model.h"

namespace losslab::ui {

namespace {

QString widthsText(const std::vector<Eigen::Index>& hidden) {
  QStringList widths;
  for (Eigen::Index width : hidden) {
    widths << QString::number(width);
  }
  return widths.join(QLatin1Char(','));
}

}  // namespace

NetworkPanel::NetworkPanel(TrainingConfigModel* model, QWidget* parent)
    : QGroupBox(tr("Network"), parent), m_model(model) {
  auto* form = new QFormLayout(this);
  m_kind = new QComboBox;
  m_kind->setObjectName(QStringLiteral("modelKind"));
  m_kind->addItem(tr("Network (hidden layers)"));
  m_kind->addItem(tr("Linear (no hidden layer)"));
  m_kind->setToolTip(
      tr("A linear model ŷ = w·x + b fits a straight line: the clearest picture "
         "of how a loss treats outliers"));
  form->addRow(tr("Model:"), m_kind);
  m_hidden = new QLineEdit;
  m_hidden->setObjectName(QStringLiteral("hiddenWidths"));
  m_hidden->setValidator(new QRegularExpressionValidator(
      QRegularExpression(QStringLiteral(R"(^\s*([nN][oO][nN][eE]|\d{1,5}\s*(,\s*\d{1,5}\s*)*)?$)")),
      m_hidden));
  m_hidden->setToolTip(
      tr("Hidden layer widths, comma-separated (empty or none: a linear model ŷ = w·x + b)"));
  form->addRow(tr("Hidden widths:"), m_hidden);
  m_activation = new QComboBox;
  m_activation->setObjectName(QStringLiteral("activation"));
  for (Activation a :
       {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear}) {
    m_activation->addItem(QString::fromStdString(activationName(a)), static_cast<int>(a));
  }
  m_activation->setToolTip(tr("Activation of the hidden layers (the output is linear)"));
  m_activation->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_activation->setMinimumContentsLength(8);
  form->addRow(tr("Activation:"), m_activation);
  connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (m_updating) {
      return;
    }
    // The field says what the choice means; edited() then reads it like typed text.
    m_hidden->setText(index == 1 ? QStringLiteral("none") : widthsText(m_lastHidden));
    edited();
  });
  connect(m_hidden, &QLineEdit::editingFinished, this, &NetworkPanel::edited);
  connect(m_activation, &QComboBox::currentIndexChanged, this, &NetworkPanel::edited);
  connect(m_model, &TrainingConfigModel::changed, this, &NetworkPanel::showConfig);
  showConfig(m_model->config());
}

void NetworkPanel::showConfig(const TrainingConfig& c) {
  m_updating = true;
  const bool linear = c.network.hidden.empty();
  if (!linear) {
    m_lastHidden = c.network.hidden;
  }
  m_kind->setCurrentIndex(linear ? 1 : 0);
  m_hidden->setText(linear ? QStringLiteral("none") : widthsText(c.network.hidden));
  m_activation->setCurrentIndex(m_activation->findData(static_cast<int>(c.network.activation)));
  m_activation->setEnabled(!linear);  // no hidden layer: nothing to activate
  m_updating = false;
}

void NetworkPanel::edited() {
  if (m_updating) {
    return;
  }
  NetworkConfig network;
  network.hidden.clear();  // the default is 16-32; "none" and an empty field mean no layer
  const QString text = m_hidden->text().trimmed();
  if (text.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
      network.hidden.push_back(part.trimmed().toLongLong());
    }
  }
  network.activation = static_cast<Activation>(m_activation->currentData().toInt());
  if (network == m_model->config().network) {
    showConfig(m_model->config());  // "16, 32" becomes "16,32"
    return;
  }
  QString error;
  if (!m_model->edit([&network](TrainingConfig& c) { c.network = network; }, &error)) {
    emit refused(tr("The network was not changed: %1").arg(error));
  }
}

}  // namespace losslab::ui
