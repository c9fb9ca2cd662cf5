// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/explorer_export.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>

#include "ui/common/code_export_dialog.h"
#include "ui/common/plot_export_dialog.h"
#include "ui/common/settings.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/curve_names.h"
#include "ui/explorer/loss_curve_plot.h"

namespace losslab::ui {

namespace {

constexpr int kSavedMessageMs = 6000;
constexpr int kShortMessageMs = 4000;

/// Draws the plot as `options` export it while the scope lasts.
class ExportScope {
 public:
  ExportScope(LossCurvePlot* plot, const PlotExportOptions& options) : m_plot(plot) {
    m_plot->beginExport(options.style(m_plot->screenStyle()), options.panel, options.layoutSize());
  }
  ~ExportScope() { m_plot->endExport(); }
  ExportScope(const ExportScope&) = delete;
  ExportScope& operator=(const ExportScope&) = delete;

 private:
  LossCurvePlot* m_plot;
};

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

QStringList ExplorerExport::panelNames() {
  return {tr("Loss"), tr("Gradient"), tr("Curvature")};
}

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
  PlotExportDialog dialog(
      QFileInfo(path).suffix(), PlotExportOptions::remembered(), panelNames(),
      [this](const PlotExportOptions& options, double scale) { return renderPlot(options, scale); },
      m_parent);
  if (dialog.exec() != QDialog::Accepted) {
    return;
  }
  const PlotExportOptions options = dialog.options();
  options.remember();
  QString error;
  if (!writePlot(path, options, &error)) {
    QMessageBox::warning(m_parent, tr("Export failed"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  emit statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), kSavedMessageMs);
}

bool ExplorerExport::writePlot(const QString& path,
                               const PlotExportOptions& options,
                               QString* error) {
  const ExportScope scope(m_plot, options);
  return ui::exportPlot(m_plot->customPlot(), path, options.layoutSize(),
                        options.scale() * kReferenceDpi, error);
}

QImage ExplorerExport::renderPlot(const PlotExportOptions& options, double scale) {
  const ExportScope scope(m_plot, options);
  const QSize layout = options.layoutSize();
  return m_plot->customPlot()->toPixmap(layout.width(), layout.height(), scale).toImage();
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
  // What the screen shows, without the crosshair that follows the mouse.
  m_plot->beginExport(m_plot->screenStyle(), -1, m_plot->size());
  const QImage image = renderImage(m_plot->customPlot(), m_plot->size());
  m_plot->endExport();
  QApplication::clipboard()->setImage(image);
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
