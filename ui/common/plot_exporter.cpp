// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/plot_exporter.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QTemporaryFile>
#include <algorithm>
#include <charconv>
#include <cmath>

namespace losslab::ui {

namespace {

/// Translation context of this file's messages.
class PlotExporter {
  Q_DECLARE_TR_FUNCTIONS(PlotExporter)
};

constexpr double kMetresPerInch = 0.0254;
/// printf("%.17g") reads back to the same double (DBL_DECIMAL_DIG).
constexpr int kCsvDigits = 17;

void setError(QString* error, const QString& message) {
  if (error) {
    *error = message;
  }
}

QString cannotWrite(const QString& path, const QString& reason) {
  return PlotExporter::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

/// Opens `path` through QSaveFile (its temporary file is created beside the target); on
/// failure nothing exists on disk and `error` names the path and the OS reason.
bool openSaveFile(QSaveFile& file, QString* error) {
  if (!file.open(QIODevice::WriteOnly)) {
    setError(error, cannotWrite(file.fileName(), file.errorString()));
    return false;
  }
  return true;
}

bool commitSaveFile(QSaveFile& file, QString* error) {
  if (!file.commit()) {
    setError(error, cannotWrite(file.fileName(), file.errorString()));
    return false;
  }
  return true;
}

bool writePng(QCustomPlot* plot, QSaveFile& file, QSize size, double dpi, QString* error) {
  // QCustomPlot::savePng's recipe (toPixmap with a scale, resolution in dots per metre), but
  // encoded into the QSaveFile instead of straight into the target.
  QImage image = plot->toPixmap(size.width(), size.height(), dpi / kReferenceDpi).toImage();
  const int dotsPerMetre = static_cast<int>(std::lround(dpi / kMetresPerInch));
  image.setDotsPerMeterX(dotsPerMetre);
  image.setDotsPerMeterY(dotsPerMetre);
  if (image.isNull() || !image.save(&file, "PNG")) {
    setError(error, cannotWrite(file.fileName(), PlotExporter::tr("the PNG could not be encoded")));
    return false;
  }
  return true;
}

bool writePdf(QCustomPlot* plot, QSaveFile& file, QSize size, QString* error) {
  // savePdf prints to a file name (QPrinter), so it renders into a private temporary file whose
  // bytes then go through the QSaveFile: the target only ever sees a complete PDF.
  QTemporaryFile rendered(QDir::tempPath() + QStringLiteral("/losslab-export-XXXXXX.pdf"));
  if (!rendered.open()) {
    setError(error, cannotWrite(rendered.fileTemplate(), rendered.errorString()));
    return false;
  }
  rendered.close();  // QPrinter opens it by name; QTemporaryFile still removes it at the end
  if (!plot->savePdf(rendered.fileName(), size.width(), size.height(), QCP::epAllowCosmetic,
                     QStringLiteral("LossLab"), QFileInfo(file.fileName()).completeBaseName())) {
    setError(error, cannotWrite(file.fileName(), PlotExporter::tr("the PDF could not be drawn")));
    return false;
  }
  if (!rendered.open()) {
    setError(error, cannotWrite(file.fileName(), rendered.errorString()));
    return false;
  }
  const QByteArray bytes = rendered.readAll();
  if (!bytes.startsWith("%PDF") || file.write(bytes) != bytes.size()) {
    setError(error, cannotWrite(file.fileName(), bytes.startsWith("%PDF")
                                                     ? file.errorString()
                                                     : PlotExporter::tr("no PDF was produced")));
    return false;
  }
  return true;
}

bool writeSvg(QCustomPlot* plot, QSaveFile& file, QSize size, QString* error) {
  QSvgGenerator generator;
  generator.setOutputDevice(&file);
  generator.setSize(size);
  generator.setViewBox(QRect(QPoint(0, 0), size));
  // Fonts are sized in points: use the DPI the plot is drawn with on screen so text keeps
  // its on-screen proportion to the plot.
  generator.setResolution(plot->logicalDpiX());
  generator.setTitle(QFileInfo(file.fileName()).completeBaseName());
  generator.setDescription(PlotExporter::tr("Plot exported by LossLab"));
  QCPPainter painter;
  if (!painter.begin(&generator)) {
    setError(error, cannotWrite(file.fileName(), PlotExporter::tr("the SVG could not be drawn")));
    return false;
  }
  painter.setMode(QCPPainter::pmVectorized);
  plot->toPainter(&painter, size.width(), size.height());
  painter.end();
  if (file.error() != QFileDevice::NoError) {
    setError(error, cannotWrite(file.fileName(), file.errorString()));
    return false;
  }
  return true;
}

/// A CSV field: quoted (with doubled quotes) when it holds a separator, quote or line break.
QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r'))) {
    return text;
  }
  QString quoted = text;
  quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
  return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvNumber(double value) {
  if (std::isnan(value)) {
    return QStringLiteral("nan");  // never "-nan": every CSV reader takes "nan"
  }
  if (std::isinf(value)) {
    return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
  }
  // std::to_chars(general, 17): printf's %.17g without the locale (so '.' whatever the UI
  // language), keeping −0's sign; the same text as losslab-cli's CSV.
  char buffer[32];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, kCsvDigits);
  return QString::fromLatin1(buffer, result.ptr - buffer);
}

/// The k-th number of a column, or an empty field past its end.
QString csvCell(const std::vector<double>& column, std::size_t k) {
  return k < column.size() ? csvNumber(column[k]) : QString();
}

QString columnName(const ExportedCurve& curve, const char* quantity) {
  QString name = curve.name + QLatin1Char(' ') + QLatin1String(quantity);
  if (!curve.parameters.isEmpty()) {
    name += QStringLiteral(" [") + curve.parameters + QLatin1Char(']');
  }
  return csvField(name);
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
    setError(error, PlotExporter::tr("Export resolution %1 dpi is not positive").arg(dpi));
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

  QSaveFile file(path);
  if (!openSaveFile(file, error)) {
    return false;
  }
  bool written = false;
  if (suffix == QLatin1String("png")) {
    written = writePng(plot, file, size, dpi, error);
  } else if (suffix == QLatin1String("pdf")) {
    written = writePdf(plot, file, size, error);
  } else {
    written = writeSvg(plot, file, size, error);
  }
  if (!written) {
    file.cancelWriting();  // the QSaveFile destructor then removes its temporary file
    return false;
  }
  return commitSaveFile(file, error);
}

bool exportCsv(const std::vector<ExportedCurve>& curves, const QString& path, QString* error) {
  bool shared = true;
  std::size_t rows = 0;
  for (const ExportedCurve& curve : curves) {
    shared = shared && sameX(curve.x, curves.front().x);
    rows = std::max(rows, curve.x.size());
  }

  QStringList header;
  if (shared) {
    header << QStringLiteral("x");
  }
  for (const ExportedCurve& curve : curves) {
    if (!shared) {
      header << columnName(curve, "x");
    }
    header << columnName(curve, "loss") << columnName(curve, "dloss")
           << columnName(curve, "d2loss");
  }
  QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  QStringList fields;
  for (std::size_t k = 0; k < rows; ++k) {
    fields.clear();
    if (shared) {
      fields << csvCell(curves.front().x, k);
    }
    for (const ExportedCurve& curve : curves) {
      if (!shared) {
        fields << csvCell(curve.x, k);
      }
      fields << csvCell(curve.value, k) << csvCell(curve.d1, k) << csvCell(curve.d2, k);
    }
    text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
  }

  QSaveFile file(path);
  if (!openSaveFile(file, error)) {
    return false;
  }
  const QByteArray bytes = text.toUtf8();
  if (file.write(bytes) != bytes.size()) {
    setError(error, cannotWrite(path, file.errorString()));
    file.cancelWriting();
    return false;
  }
  return commitSaveFile(file, error);
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
