// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/explorer_export.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "ui/common/code_export_dialog.h"
#include "ui/common/export_options_dialog.h"
#include "ui/common/settings.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/curve_names.h"
#include "ui/explorer/loss_curve_plot.h"

namespace losslab::ui {

namespace {

constexpr int kSavedMessageMs = 6000;
constexpr int kShortMessageMs = 4000;

}  // namespace

std::vector<ExportedCurve> exportedCurves(const CurveModel& model) {
  std::vector<ExportedCurve> curves;
  for (int i = 0; i < model.count(); ++i) {
    const CurveItem& item = model.curve(i);
    if (!item.visible) {
      continue;
    }
    ExportedCurve curve;
    curve.name = item.name;
    curve.parameters = QStringLiteral("%1 %2").arg(item.lossId, parameterText(item)).trimmed();
    curve.x = item.data->x;
    curve.value = item.data->value;
    curve.d1 = item.data->d1;
    curve.d2 = item.data->d2;
    curves.push_back(std::move(curve));
  }
  return curves;
}

ExplorerExport::ExplorerExport(CurveModel* model, LossCurvePlot* plot, QWidget* dialogParent)
    : QObject(dialogParent), m_model(model), m_plot(plot), m_parent(dialogParent) {}

void ExplorerExport::exportPlot(const QString& baseName) {
  const QString suggested =
      Settings::exportDirectory() + QStringLiteral("/losslab-%1.png").arg(baseName);
  QString selectedFilter;
  QString path = QFileDialog::getSaveFileName(
      m_parent, tr("Export Plot"), suggested,
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &selectedFilter);
  if (path.isEmpty()) {
    return;
  }
  if (QFileInfo(path).suffix().isEmpty()) {
    path += selectedFilter.contains(QLatin1String("svg"))   ? QStringLiteral(".svg")
            : selectedFilter.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf")
                                                            : QStringLiteral(".png");
  }
  ExportOptionsDialog options(
      QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0,
      Settings::exportSize(), Settings::exportDpi(), m_parent);
  if (options.exec() != QDialog::Accepted) {
    return;
  }
  Settings::setExportSize(options.plotSize());
  Settings::setExportDpi(options.dpi());
  QString error;
  if (!ui::exportPlot(m_plot->customPlot(), path, options.plotSize(), options.dpi(), &error)) {
    QMessageBox::warning(m_parent, tr("Export failed"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kSavedMessageMs);
}

void ExplorerExport::exportData() {
  QString path = QFileDialog::getSaveFileName(
      m_parent, tr("Export Data"),
      Settings::exportDirectory() + QStringLiteral("/losslab-curves.csv"), tr("CSV table (*.csv)"));
  if (path.isEmpty()) {
    return;
  }
  if (QFileInfo(path).suffix().isEmpty()) {
    path += QStringLiteral(".csv");
  }
  QString error;
  if (!exportCsv(exportedCurves(*m_model), path, &error)) {
    QMessageBox::warning(m_parent, tr("Export failed"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kSavedMessageMs);
}

void ExplorerExport::copyImage() {
  QApplication::clipboard()->setImage(renderImage(m_plot->customPlot(), m_plot->size()));
  emit statusMessage(tr("Plot copied to the clipboard."), kShortMessageMs);
}

void ExplorerExport::exportCode(int index) {
  if (index < 0 || index >= m_model->count()) {
    emit statusMessage(tr("Select a curve first: its loss and parameters are exported."),
                       kSavedMessageMs);
    return;
  }
  auto* dialog = new CodeExportDialog(m_model->curve(index).loss, CodeTarget::Keras, m_parent);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
}

}  // namespace losslab::ui
