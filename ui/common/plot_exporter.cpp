// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/plot_exporter.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSvgGenerator>
#include <QTemporaryFile>
#include <algorithm>
#include <cmath>

#include "core/io/csv_writer.h"
#include "ui/common/number_text.h"
#include "ui/common/save_file.h"

namespace losslab::ui {

namespace {

/// Translation context of this file's messages.
class PlotExporter {
  Q_DECLARE_TR_FUNCTIONS(PlotExporter)
};

constexpr double kMetresPerInch = 0.0254;

void setError(QString* error, const QString& message) {
  if (error) {
    *error = message;
  }
}

bool writePng(QCustomPlot* plot, QIODevice& device, QSize size, double dpi, QString* reason) {
  // QCustomPlot::savePng's recipe (toPixmap with a scale, resolution in dots per metre), but
  // encoded into the save file instead of straight into the target.
  QImage image = plot->toPixmap(size.width(), size.height(), dpi / kReferenceDpi).toImage();
  const int dotsPerMetre = static_cast<int>(std::lround(dpi / kMetresPerInch));
  image.setDotsPerMeterX(dotsPerMetre);
  image.setDotsPerMeterY(dotsPerMetre);
  if (image.isNull() || !image.save(&device, "PNG")) {
    setError(reason, PlotExporter::tr("the PNG could not be encoded"));
    return false;
  }
  return true;
}

bool writePdf(
    QCustomPlot* plot, QIODevice& device, QSize size, const QString& title, QString* reason) {
  // savePdf prints to a file name (QPrinter), so it renders into a private temporary file whose
  // bytes then go into the save file: the target only ever sees a complete PDF.
  QTemporaryFile rendered(QDir::tempPath() + QStringLiteral("/losslab-export-XXXXXX.pdf"));
  if (!rendered.open()) {
    setError(reason, rendered.errorString());
    return false;
  }
  rendered.close();  // QPrinter opens it by name; QTemporaryFile still removes it at the end
  if (!plot->savePdf(rendered.fileName(), size.width(), size.height(), QCP::epAllowCosmetic,
                     QStringLiteral("LossLab"), title)) {
    setError(reason, PlotExporter::tr("the PDF could not be drawn"));
    return false;
  }
  if (!rendered.open()) {
    setError(reason, rendered.errorString());
    return false;
  }
  const QByteArray bytes = rendered.readAll();
  if (!bytes.startsWith("%PDF")) {
    setError(reason, PlotExporter::tr("no PDF was produced"));
    return false;
  }
  return device.write(bytes) == bytes.size();
}

bool writeSvg(
    QCustomPlot* plot, QIODevice& device, QSize size, const QString& title, QString* reason) {
  QSvgGenerator generator;
  generator.setOutputDevice(&device);
  generator.setSize(size);
  generator.setViewBox(QRect(QPoint(0, 0), size));
  // Fonts are sized in points: use the DPI the plot is drawn with on screen so text keeps
  // its on-screen proportion to the plot.
  generator.setResolution(plot->logicalDpiX());
  generator.setTitle(title);
  generator.setDescription(PlotExporter::tr("Plot exported by LossLab"));
  QCPPainter painter;
  if (!painter.begin(&generator)) {
    setError(reason, PlotExporter::tr("the SVG could not be drawn"));
    return false;
  }
  painter.setMode(QCPPainter::pmVectorized);
  plot->toPainter(&painter, size.width(), size.height());
  painter.end();
  return true;
}

std::string columnName(const ExportedCurve& curve, const char* quantity) {
  QString name = curve.name + QLatin1Char(' ') + QLatin1String(quantity);
  if (!curve.parameters.isEmpty()) {
    name += QStringLiteral(" [") + curve.parameters + QLatin1Char(']');
  }
  return name.toStdString();
}

/// The k-th number of a column, or an empty field past its end.
void cell(CsvWriter& csv, const std::vector<double>& column, std::size_t k) {
  if (k < column.size()) {
    csv.number(column[k]);
  } else {
    csv.empty();
  }
}

/// Same abscissae, bit for bit (NaN equal to NaN): one shared x column is then exact.
bool sameX(const std::vector<double>& a, const std::vector<double>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](double u, double v) { return u == v || (std::isnan(u) && std::isnan(v)); });
}

}  // namespace

QSize rasterSize(QSize size, double dpi) {
  const double scale = dpi / kReferenceDpi;
  return {static_cast<int>(std::lround(size.width() * scale)),
          static_cast<int>(std::lround(size.height() * scale))};
}

bool exportPlot(QCustomPlot* plot, const QString& path, QSize size, double dpi, QString* error) {
  if (!plot) {
    setError(error, PlotExporter::tr("No plot to export"));
    return false;
  }
  if (size.width() <= 0 || size.height() <= 0) {
    setError(error,
             PlotExporter::tr("Export size %1 × %2 is empty").arg(size.width()).arg(size.height()));
    return false;
  }
  if (!std::isfinite(dpi) || dpi <= 0) {
    setError(error,
             PlotExporter::tr("Export resolution %1 dpi is not positive").arg(shortestText(dpi)));
    return false;
  }
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix != QLatin1String("png") && suffix != QLatin1String("pdf") &&
      suffix != QLatin1String("svg")) {
    setError(error,
             PlotExporter::tr("Cannot export %1: unknown format '%2' (use .png, .pdf or .svg)")
                 .arg(QDir::toNativeSeparators(path), suffix));
    return false;
  }
  // Exports show the data, not the selection highlight (house style).
  plot->deselectAll();
  plot->replot(QCustomPlot::rpQueuedReplot);
  const QString title = QFileInfo(path).completeBaseName();
  return saveFile(
      path,
      [&](QIODevice& device, QString* reason) {
        if (suffix == QLatin1String("png")) {
          return writePng(plot, device, size, dpi, reason);
        }
        if (suffix == QLatin1String("pdf")) {
          return writePdf(plot, device, size, title, reason);
        }
        return writeSvg(plot, device, size, title, reason);
      },
      error);
}

QByteArray curvesCsv(const std::vector<ExportedCurve>& curves) {
  bool shared = true;
  std::size_t rows = 0;
  for (const ExportedCurve& curve : curves) {
    shared = shared && sameX(curve.x, curves.front().x);
    rows = std::max(rows, curve.x.size());
  }
  CsvWriter csv;
  if (shared) {
    csv.field("x");
  }
  for (const ExportedCurve& curve : curves) {
    if (!shared) {
      csv.field(columnName(curve, "x"));
    }
    csv.field(columnName(curve, "loss"))
        .field(columnName(curve, "dloss"))
        .field(columnName(curve, "d2loss"));
  }
  csv.endRow();
  for (std::size_t k = 0; k < rows; ++k) {
    if (shared) {
      cell(csv, curves.front().x, k);
    }
    for (const ExportedCurve& curve : curves) {
      if (!shared) {
        cell(csv, curve.x, k);
      }
      cell(csv, curve.value, k);
      cell(csv, curve.d1, k);
      cell(csv, curve.d2, k);
    }
    csv.endRow();
  }
  const std::string text = csv.take();
  return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

bool exportCsv(const std::vector<ExportedCurve>& curves, const QString& path, QString* error) {
  return saveFile(path, curvesCsv(curves), error);
}

QImage renderImage(QCustomPlot* plot, QSize size) {
  if (!plot || size.isEmpty()) {
    return {};
  }
  plot->deselectAll();
  plot->replot(QCustomPlot::rpQueuedReplot);
  return plot->toPixmap(size.width(), size.height(), 1.0).toImage();
}

}  // namespace losslab::ui
