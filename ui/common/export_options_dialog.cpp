// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/export_options_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "ui/common/plot_exporter.h"

namespace losslab::ui {

namespace {

constexpr int kMinSide = 200;    // smaller plots cannot show two panels with their labels
constexpr int kMaxSide = 10000;  // the PNG of a 10000 px side at 600 dpi is already ~1 GB
constexpr int kMinDpi = 36;
constexpr int kMaxDpi = 600;

QSpinBox* spinBox(int from, int to, int value, const QString& suffix, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(from, to);
  box->setValue(value);
  box->setSuffix(suffix);
  box->setAccelerated(true);
  return box;
}

}  // namespace

ExportOptionsDialog::ExportOptionsDialog(bool raster, QSize size, int dpi, QWidget* parent)
    : QDialog(parent),
      m_raster(raster),
      m_width(spinBox(kMinSide, kMaxSide, size.width(), tr(" px"), this)),
      m_height(spinBox(kMinSide, kMaxSide, size.height(), tr(" px"), this)),
      m_dpi(spinBox(kMinDpi, kMaxDpi, dpi, tr(" dpi"), this)),
      m_summary(new QLabel(this)) {
  setWindowTitle(tr("Export Options"));
  m_width->setToolTip(tr("Width of the plot layout in logical pixels (1/96 inch)"));
  m_height->setToolTip(tr("Height of the plot layout in logical pixels (1/96 inch)"));
  m_dpi->setToolTip(tr("PNG only: 96 dpi is screen size, 300 dpi suits print"));
  m_dpi->setEnabled(raster);
  auto* form = new QFormLayout;
  form->addRow(tr("&Width:"), m_width);
  form->addRow(tr("&Height:"), m_height);
  form->addRow(tr("&Resolution:"), m_dpi);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_summary);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  for (QSpinBox* box : {m_width, m_height, m_dpi}) {
    connect(box, &QSpinBox::valueChanged, this, &ExportOptionsDialog::updateSummary);
  }
  updateSummary();
}

QSize ExportOptionsDialog::plotSize() const {
  return {m_width->value(), m_height->value()};
}

int ExportOptionsDialog::dpi() const {
  return m_dpi->value();
}

void ExportOptionsDialog::updateSummary() {
  if (!m_raster) {
    m_summary->setText(tr("Vector output: lines and text stay sharp at any zoom."));
    return;
  }
  const QSize pixels = rasterSize(plotSize(), dpi());
  m_summary->setText(
      tr("The PNG will be %1 × %2 pixels.").arg(pixels.width()).arg(pixels.height()));
}

}  // namespace losslab::ui
