// SPDX-License-Identifier: GPL-3.0-or-later
// The Sweep tab's control column (what to vary, grid, seeds, epochs, metric, losses, Run/Stop,
// progress, exports): SweepView's widgets and their connections, apart from its behaviour.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>

#include "ui/sweep/sweep_view.h"

namespace losslab::ui {

QWidget* SweepView::createControls() {
  auto* box = new QWidget;
  auto* form = new QFormLayout(box);
  m_vary = new QComboBox;
  m_vary->setEditable(true);  // any loss parameter by name
  m_vary->addItems({QStringLiteral("delta"), QStringLiteral("lr"), QStringLiteral("batch"),
                    QStringLiteral("outliers"), QStringLiteral("outlier_magnitude"),
                    QStringLiteral("noise"), QStringLiteral("margin"), QStringLiteral("alpha"),
                    QStringLiteral("c")});
  m_vary->setToolTip(
      tr("A loss parameter (delta, margin, alpha, c, …) or lr, batch, outliers, "
         "outlier_magnitude, noise"));
  form->addRow(tr("&Vary:"), m_vary);
  auto spin = [](double value) {
    auto* s = new QDoubleSpinBox;
    s->setDecimals(4);
    s->setRange(-1e6, 1e6);
    s->setValue(value);
    return s;
  };
  m_from = spin(0.05);
  m_to = spin(20);
  form->addRow(tr("&From:"), m_from);
  form->addRow(tr("&To:"), m_to);
  m_count = new QSpinBox;
  m_count->setRange(2, SweepAxis::kMaxPoints);
  m_count->setValue(13);
  form->addRow(tr("&Points:"), m_count);
  m_log = new QCheckBox(tr("&Logarithmic grid"));
  m_log->setChecked(true);
  form->addRow(m_log);
  m_seeds = new QSpinBox;
  m_seeds->setRange(1, 100);
  m_seeds->setValue(3);
  form->addRow(tr("&Seeds:"), m_seeds);
  m_epochs = new QSpinBox;
  m_epochs->setRange(1, TrainingLimits::kMaxEpochs);
  m_epochs->setValue(m_base.epochs);
  form->addRow(tr("&Epochs:"), m_epochs);
  m_metric = new QComboBox;
  for (const std::string& name : sweepMetricNames()) {
    m_metric->addItem(QString::fromStdString(name));
  }
  m_metric->setCurrentText(QStringLiteral("val_mae"));
  form->addRow(tr("&Metric:"), m_metric);
  m_losses = new QLineEdit;
  m_losses->setToolTip(tr("Loss ids separated by commas; parameters as in the Training tab"));
  form->addRow(tr("L&osses:"), m_losses);
  m_run = new QPushButton(tr("&Run Sweep"));
  m_stopButton = new QPushButton(tr("St&op"));
  m_stopButton->setEnabled(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_run);
  buttons->addWidget(m_stopButton);
  form->addRow(buttons);
  m_progress = new QProgressBar;
  form->addRow(m_progress);
  auto* csv = new QPushButton(tr("Export &CSV…"));
  auto* png = new QPushButton(tr("Export &Plot…"));
  auto* exports = new QHBoxLayout;
  exports->addWidget(csv);
  exports->addWidget(png);
  form->addRow(exports);
  m_message = new QLabel;
  m_message->setWordWrap(true);
  m_message->setTextFormat(Qt::PlainText);
  form->addRow(m_message);
  auto changed = [this] { emit planChanged(plan()); };
  connect(m_vary, &QComboBox::currentTextChanged, this, changed);
  connect(m_metric, &QComboBox::currentTextChanged, this, changed);
  for (QDoubleSpinBox* spinBox : {m_from, m_to}) {
    connect(spinBox, &QDoubleSpinBox::valueChanged, this, changed);
  }
  for (QSpinBox* spinBox : {m_count, m_seeds, m_epochs}) {
    connect(spinBox, &QSpinBox::valueChanged, this, changed);
  }
  connect(m_log, &QCheckBox::toggled, this, changed);
  connect(m_losses, &QLineEdit::textChanged, this, changed);
  connect(m_run, &QPushButton::clicked, this, [this] { start(); });
  connect(m_stopButton, &QPushButton::clicked, this, &SweepView::stop);
  connect(csv, &QPushButton::clicked, this, [this] {
    askAndExport(tr("Export Sweep CSV"), QStringLiteral("sweep.csv"), tr("CSV (*.csv)"),
                 [this](const QString& path, QString* e) { return exportCsv(path, e); });
  });
  connect(png, &QPushButton::clicked, this, [this] {
    askAndExport(tr("Export Sweep Plot"), QStringLiteral("sweep.png"),
                 tr("Images (*.png *.svg *.pdf)"),
                 [this](const QString& path, QString* e) { return exportPlot(path, e); });
  });
  box->setMaximumWidth(320);
  return box;
}

}  // namespace losslab::ui
