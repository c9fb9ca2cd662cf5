// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/history_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStandardItemModel>
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
  // As narrow as the short names need in a small window (the tab fits 900 px), as wide as the
  // longest when there is room.
  m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_metric->setMinimumWidth(m_metric->sizeHint().width());
  m_metric->addItem(tr("Clean MAE"), static_cast<int>(HistoryPlot::Metric::CleanMae));
  m_metric->addItem(tr("Clean RMSE"), static_cast<int>(HistoryPlot::Metric::CleanRmse));
  m_metric->addItem(tr("Inlier MAE"), static_cast<int>(HistoryPlot::Metric::InlierMae));
  m_metric->addItem(tr("Loss ÷ first epoch"), static_cast<int>(HistoryPlot::Metric::LossRatio));
  const QStringList tips = {
      tr("The training loss (solid) and the validation loss (dashed)"),
      tr("Mean absolute error against the observed targets"),
      tr("Root mean squared error against the observed targets"),
      tr("Coefficient of determination"),
      tr("Validation: mean absolute error against the noise-free targets — the error that "
         "tells whether a fit follows the data or the outliers"),
      tr("Validation: root mean squared error against the noise-free targets"),
      tr("Validation: mean absolute error over the samples that are not outliers"),
      tr("Each run's loss divided by its own first epoch's: how far each loss has come, "
         "comparable across losses of different scales")};
  for (int i = 0; i < m_metric->count(); ++i) {
    m_metric->setItemData(i, tips.value(i), Qt::ToolTipRole);
  }
  m_metric->setToolTip(
      tr("What the history shows; MAE, RMSE, R² and the clean errors compare runs with "
         "different losses fairly"));
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
    m_plot->setMetric(metric, metric == HistoryPlot::Metric::Loss ? tr("loss")
                              : metric == HistoryPlot::Metric::LossRatio
                                  ? tr("loss ÷ first epoch's")
                                  : m_metric->currentText());
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

bool HistoryPanel::offers(HistoryPlot::Metric metric) const {
  const auto* items = qobject_cast<const QStandardItemModel*>(m_metric->model());
  const int row = m_metric->findData(static_cast<int>(metric));
  return row >= 0 && items && items->item(row)->isEnabled();
}

void HistoryPanel::setOffered(HistoryPlot::Metric metric, bool on, const QString& why) {
  auto* items = qobject_cast<QStandardItemModel*>(m_metric->model());
  const int row = m_metric->findData(static_cast<int>(metric));
  if (row < 0 || !items) {
    return;
  }
  items->item(row)->setEnabled(on);
  // The reason in the tooltip of a disabled choice; the metric's own description otherwise.
  QString tip = items->item(row)->data(Qt::UserRole + 1).toString();
  if (tip.isEmpty()) {
    tip = m_metric->itemData(row, Qt::ToolTipRole).toString();
    items->item(row)->setData(tip, Qt::UserRole + 1);
  }
  m_metric->setItemData(row, on ? tip : why, Qt::ToolTipRole);
}

void HistoryPanel::showData(bool compare, bool hasClean) {
  using Metric = HistoryPlot::Metric;
  setOffered(Metric::Loss, !compare,
             tr("Different losses on one axis are not comparable: use Loss ÷ first epoch"));
  for (Metric clean : {Metric::CleanMae, Metric::CleanRmse, Metric::InlierMae}) {
    setOffered(clean, hasClean,
               tr("Needs clean targets: synthetic data, or a CSV file with a clean column"));
  }
  const Metric preferred = !compare ? Metric::Loss : hasClean ? Metric::CleanMae : Metric::Mae;
  const Metric current = shownMetric();
  // A new mode or new data picks the comparable metric, unless the user chose another one.
  const bool automatic = current == m_default || (compare && !m_compare);
  if (!offers(current) || (automatic && preferred != current)) {
    setMetric(preferred);
  }
  m_default = preferred;
  m_compare = compare;
}

void HistoryPanel::setLogarithmic(bool on) {
  m_log->setChecked(on);
}

void HistoryPanel::setSmoothing(double weight) {
  m_smoothing->setValue(static_cast<int>(std::lround(std::clamp(weight, 0.0, 0.99) * 100)));
}

}  // namespace losslab::ui
