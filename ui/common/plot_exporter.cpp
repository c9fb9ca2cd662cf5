// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/plot_exporter.h"

#include <qcustomplot.h>
#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgGenerator>
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
constexpr double kPointsPerPixel = 72.0 / kReferenceDpi;

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
  // One logical pixel is 1/96 inch, so the page is 0.75 pt per pixel (a 1280 × 720 slide is
  // 960 × 540 pt, 13.33 × 7.5 in) and fonts keep their point size on the page.
  QPdfWriter writer(&device);
  writer.setResolution(static_cast<int>(kReferenceDpi));
  writer.setCreator(QStringLiteral("LossLab"));
  writer.setTitle(title);
  const QSizeF points(size.width() * kPointsPerPixel, size.height() * kPointsPerPixel);
  if (!writer.setPageLayout(
          QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                      QPageLayout::Portrait, QMarginsF()))) {
    setError(reason, PlotExporter::tr("the PDF page could not be set up"));
    return false;
  }
  QCPPainter painter;
  if (!painter.begin(&writer)) {
    setError(reason, PlotExporter::tr("the PDF could not be drawn"));
    return false;
  }
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  plot->toPainter(&painter, size.width(), size.height());
  return painter.end();
}

bool writeSvg(
    QCustomPlot* plot, QIODevice& device, QSize size, const QString& title, QString* reason) {
  QBuffer svg;
  svg.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&svg);
  generator.setSize(size);
  generator.setViewBox(QRect(QPoint(0, 0), size));
  // Logical pixels are 1/96 inch: the SVG is as large as the plot on a 96-dpi screen and its
  // fonts keep their point size.
  generator.setResolution(static_cast<int>(kReferenceDpi));
  generator.setTitle(title);
  generator.setDescription(PlotExporter::tr("Plot exported by LossLab"));
  QCPPainter painter;
  if (!painter.begin(&generator)) {
    setError(reason, PlotExporter::tr("the SVG could not be drawn"));
    return false;
  }
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);  // every label as text, never a cached pixmap
  // The groups of the SVG carry the painter's font: name the real family there too, not the
  // generic "Sans Serif" of the default font.
  QFont font = plot->font();
  font.setFamily(QFontInfo(font).family());
  painter.setFont(font);
  plot->toPainter(&painter, size.width(), size.height());
  painter.end();
  const QByteArray merged = mergeSvgTextRuns(svg.data());
  return device.write(merged) == merged.size();
}

/// One <text> element of an SVG: where it is in the file, its attributes around x and y, its
/// content, and where its text ends on the baseline.
struct SvgTextRun {
  qsizetype start = 0;
  qsizetype end = 0;
  QString before;  // attributes before x (with their trailing space)
  QString x;
  QString y;
  QString after;  // attributes after y
  QString content;
  double xEnd = 0;
};

/// The font an SVG <text> element's attributes describe (family, size in user units = px).
QFont svgFont(const QString& attributes) {
  static const QRegularExpression family(QStringLiteral(R"re(font-family="([^"]*)")re"));
  static const QRegularExpression size(QStringLiteral(R"re(font-size="([^"]*)")re"));
  static const QRegularExpression weight(QStringLiteral(R"re(font-weight="([^"]*)")re"));
  static const QRegularExpression italic(QStringLiteral(R"re(font-style="(italic|oblique)")re"));
  QFont font(family.match(attributes).captured(1));
  font.setPointSizeF(size.match(attributes).captured(1).toDouble() * kPointsPerPixel);
  font.setWeight(static_cast<QFont::Weight>(weight.match(attributes).captured(1).toInt()));
  font.setItalic(italic.match(attributes).hasMatch());
  return font;
}

double svgTextAdvance(const QString& attributes, const QString& content) {
  QString plain = content;
  plain.replace(QStringLiteral("&lt;"), QStringLiteral("<"))
      .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
      .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
      .replace(QStringLiteral("&apos;"), QStringLiteral("'"))
      .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
  // Measured on a 96-dpi device (a QImage's default), the SVG's unit, whatever the screen's.
  static const QImage probe(1, 1, QImage::Format_ARGB32);
  return QFontMetricsF(svgFont(attributes), &probe).horizontalAdvance(plain);
}

/// How far a run may start from where the previous one ends and still be its continuation
/// (shaping a run alone and within a label differs by a kerning pair at most): a third of the
/// font size, far below the gap between two legend columns.
double svgJoinTolerance(const QString& attributes) {
  return svgFont(attributes).pointSizeF() / kPointsPerPixel / 3;
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

QByteArray mergeSvgTextRuns(const QByteArray& svg) {
  static const QRegularExpression element(
      QStringLiteral(R"re(<text ([^>]*?)x="([^"]*)" y="([^"]*)"([^>]*)>([^<]*)</text>)re"));
  const QString text = QString::fromUtf8(svg);
  QString out;
  out.reserve(text.size());
  qsizetype copied = 0;  // text before this index is in `out`
  SvgTextRun open;       // the element being extended
  bool isOpen = false;
  auto flush = [&] {
    if (isOpen) {
      out += QStringView(text).mid(copied, open.start - copied);
      out += QStringLiteral("<text %1x=\"%2\" y=\"%3\"%4>%5</text>")
                 .arg(open.before, open.x, open.y, open.after, open.content);
      copied = open.end;
      isOpen = false;
    }
  };
  for (auto it = element.globalMatch(text); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    SvgTextRun run{m.capturedStart(), m.capturedEnd(), m.captured(1), m.captured(2),
                   m.captured(3),     m.captured(4),   m.captured(5), 0};
    const QString attributes = run.before + run.after;
    run.xEnd = run.x.toDouble() + svgTextAdvance(attributes, run.content);
    const bool adjoins =
        isOpen && open.before == run.before && open.after == run.after && open.y == run.y &&
        QStringView(text).mid(open.end, run.start - open.end).trimmed().isEmpty() &&
        std::abs(run.x.toDouble() - open.xEnd) <= svgJoinTolerance(attributes);
    if (adjoins) {
      open.content += run.content;
      open.end = run.end;
      open.xEnd = run.xEnd;
      continue;
    }
    flush();
    open = std::move(run);
    isOpen = true;
  }
  flush();
  out += QStringView(text).mid(copied);
  return out.toUtf8();
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
