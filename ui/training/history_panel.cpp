// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/history_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/common/number_text.h"
#include "ui/training/run_history.h"

namespace losslab::ui {

HistoryPanel::HistoryPanel(const RunHistory* history, QWidget* parent)
    : QWidget(parent), m_history(history), m_plot(new HistoryPlot) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  auto* bar = new QHBoxLayout;
  m_metric = new QComboBox;
  m_metric->addItem(tr("Loss"), static_cast<int>(HistoryPlot::Metric::Loss));
  m_metric->addItem(tr("MAE"), static_cast<int>(HistoryPlot::Metric::Mae));
  m_metric->addItem(tr("RMSE"), static_cast<int>(HistoryPlot::Metric::Rmse));
  m_metric->addItem(tr("R²"), static_cast<int>(HistoryPlot::Metric::R2));
  m_metric->setToolTip(
      tr("What the history shows; MAE, RMSE and R² compare runs with different losses fairly"));
  m_log = new QCheckBox(tr("Log y"));
  m_log->setToolTip(tr("Logarithmic y axis"));
  m_smoothing = new QSlider(Qt::Horizontal);
  m_smoothing->setRange(0, 99);
  m_smoothing->setValue(static_cast<int>(std::lround(m_plot->smoothing() * 100)));
  m_smoothing->setMinimumWidth(40);
  m_smoothing->setToolTip(
      tr("Smoothing: exponential moving average as in TensorBoard (debiased); the raw series "
         "stays faint"));
  m_smoothingLabel = new QLabel;
  m_smoothingLabel->setToolTip(m_smoothing->toolTip());
  auto* smoothingName = new QLabel(tr("Smooth:"));
  smoothingName->setToolTip(m_smoothing->toolTip());
  smoothingName->setBuddy(m_smoothing);
  bar->addWidget(m_metric);
  bar->addWidget(m_log);
  bar->addWidget(smoothingName);
  bar->addWidget(m_smoothing, 1);
  bar->addWidget(m_smoothingLabel);
  layout->addLayout(bar);
  layout->addWidget(m_plot, 1);
  m_smoothingLabel->setText(shortestText(m_plot->smoothing()));

  connect(m_metric, &QComboBox::currentIndexChanged, this, [this] {
    const auto metric = static_cast<HistoryPlot::Metric>(m_metric->currentData().toInt());
    m_plot->setMetric(metric,
                      metric == HistoryPlot::Metric::Loss ? tr("loss") : m_metric->currentText());
    redraw();
  });
  connect(m_log, &QCheckBox::toggled, m_plot, &HistoryPlot::setLogarithmic);
  connect(m_smoothing, &QSlider::valueChanged, this, [this](int value) {
    m_plot->setSmoothing(value / 100.0);
    m_smoothingLabel->setText(shortestText(value / 100.0));
    redraw();
  });
}

void HistoryPanel::redraw() {
  m_plot->rebuild(m_history->runs());
  m_plot->queueReplot();
}

void HistoryPanel::setMetric(HistoryPlot::Metric metric) {
  m_metric->setCurrentIndex(m_metric->findData(static_cast<int>(metric)));
}

void HistoryPanel::setLogarithmic(bool on) {
  m_log->setChecked(on);
}

void HistoryPanel::setSmoothing(double weight) {
  m_smoothing->setValue(static_cast<int>(std::lround(std::clamp(weight, 0.0, 0.99) * 100)));
}

}  // namespace losslab::ui
