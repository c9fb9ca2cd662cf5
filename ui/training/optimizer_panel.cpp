// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/optimizer_panel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <algorithm>
#include <cmath>

#include "ui/common/number_text.h"
#include "ui/training/training_config_model.h"

namespace losslab::ui {

int OptimizerPanel::sliderPosition(double lr) {
  const double p = (std::log10(lr) + kDecades) * kPositionsPerDecade;
  return std::clamp(static_cast<int>(std::lround(p)), 0, kDecades * kPositionsPerDecade);
}

double OptimizerPanel::learningRateAt(int position) {
  return std::pow(10.0, static_cast<double>(position) / kPositionsPerDecade - kDecades);
}

OptimizerPanel::OptimizerPanel(TrainingConfigModel* model, QWidget* parent)
    : QGroupBox(tr("Optimizer"), parent), m_model(model) {
  auto* form = new QFormLayout(this);
  m_optimizer = new QComboBox;
  m_optimizer->addItem(tr("Adam"), static_cast<int>(TrainingOptimizer::Adam));
  m_optimizer->addItem(tr("SGD"), static_cast<int>(TrainingOptimizer::Sgd));
  m_optimizer->addItem(tr("SGD, momentum 0.9"), static_cast<int>(TrainingOptimizer::Momentum));
  m_optimizer->addItem(tr("RMSprop"), static_cast<int>(TrainingOptimizer::RmsProp));
  m_optimizer->setToolTip(tr("Keras 3 update rules and defaults"));
  m_optimizer->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_optimizer->setMinimumContentsLength(8);
  form->addRow(tr("Optimizer:"), m_optimizer);

  m_learningRate = new QSlider(Qt::Horizontal);
  m_learningRate->setRange(0, kDecades * kPositionsPerDecade);
  m_learningRate->setToolTip(
      tr("Learning rate on a log scale from 1e-5 to 1; applies at the next step"));
  m_learningRateLabel = new QLabel;
  m_learningRateLabel->setMinimumWidth(
      m_learningRateLabel->fontMetrics().horizontalAdvance(QStringLiteral("0.000316")));
  auto* lrRow = new QHBoxLayout;
  lrRow->addWidget(m_learningRate, 1);
  lrRow->addWidget(m_learningRateLabel);
  form->addRow(tr("Learning rate:"), lrRow);

  m_batchSize = new QSpinBox;
  m_batchSize->setRange(1, static_cast<int>(TrainingLimits::kMaxBatchSize));
  m_batchSize->setKeyboardTracking(false);
  m_batchSize->setToolTip(tr("Samples per optimizer step"));
  form->addRow(tr("Batch size:"), m_batchSize);

  m_epochs = new QSpinBox;
  m_epochs->setObjectName(QStringLiteral("epochs"));
  m_epochs->setRange(1, TrainingLimits::kMaxEpochs);
  m_epochs->setKeyboardTracking(false);
  m_epochs->setToolTip(
      tr("Start trains until every run has finished this many epochs; raise it to continue a "
         "finished run"));
  form->addRow(tr("Epochs:"), m_epochs);

  connect(m_optimizer, &QComboBox::currentIndexChanged, this, [this] {
    const auto kind = static_cast<TrainingOptimizer>(m_optimizer->currentData().toInt());
    request([kind](TrainingConfig& c) { c.optimizer.kind = kind; });
  });
  connect(m_learningRate, &QSlider::valueChanged, this, [this](int position) {
    const double lr = learningRateAt(position);
    request([lr](TrainingConfig& c) { c.optimizer.learningRate = lr; });
  });
  connect(m_batchSize, &QSpinBox::valueChanged, this, [this](int batch) {
    request([batch](TrainingConfig& c) { c.optimizer.batchSize = batch; });
  });
  connect(m_epochs, &QSpinBox::valueChanged, this,
          [this](int epochs) { request([epochs](TrainingConfig& c) { c.epochs = epochs; }); });
  connect(m_model, &TrainingConfigModel::changed, this, &OptimizerPanel::showConfig);
  showConfig(m_model->config());
}

void OptimizerPanel::request(const std::function<void(TrainingConfig&)>& change) {
  QString error;
  if (!m_updating && !m_model->edit(change, &error)) {
    emit refused(error);
  }
}

void OptimizerPanel::showConfig(const TrainingConfig& c) {
  m_updating = true;
  m_optimizer->setCurrentIndex(m_optimizer->findData(static_cast<int>(c.optimizer.kind)));
  if (learningRateAt(m_learningRate->value()) != c.optimizer.learningRate) {
    m_learningRate->setValue(sliderPosition(c.optimizer.learningRate));
  }
  m_learningRateLabel->setText(readingText(c.optimizer.learningRate, 3));
  m_learningRateLabel->setToolTip(
      tr("Learning rate %1").arg(shortestText(c.optimizer.learningRate)));
  m_batchSize->setValue(static_cast<int>(c.optimizer.batchSize));
  m_epochs->setValue(c.epochs);
  m_updating = false;
}

}  // namespace losslab::ui
