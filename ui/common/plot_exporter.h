// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>
#include <vector>

class QCustomPlot;

namespace losslab::ui {

/// One curve's numbers for CSV export (CurveData plus how to name its columns).
struct ExportedCurve {
  QString name;               // legend text, e.g. "Huber"
  QString parameters;         // e.g. "delta=1"; empty: no "[…]" in the column names
  std::vector<double> x;      // abscissae
  std::vector<double> value;  // loss
  std::vector<double> d1;     // dloss/dx
  std::vector<double> d2;     // d²loss/dx² (NaN where it does not exist)
};

/// Logical pixels of the plot layout at 96 dpi: PNG exports are rendered at this scale.
inline constexpr double kReferenceDpi = 96;

/// The pixel size of a PNG export: `size` × dpi / 96, rounded (QCustomPlot::toPixmap's scale).
QSize rasterSize(QSize size, double dpi);

/// Saves the plot by the suffix of `path` (case-insensitive), after deselectAll(). `size` is
/// the layout in logical pixels of 1/96 inch:
///   .png  size × dpi/96 pixels (rasterSize), the layout of a `size` plot scaled up, with the
///         resolution `dpi` recorded in the file (QCustomPlot::toPixmap + setDotsPerMeter);
///   .pdf  one page of 0.75 · size points (1/96 inch per pixel: fonts keep their point size),
///         drawn with QPdfWriter + QCustomPlot::toPainter (vector);
///   .svg  a `size` view box and a 1/96-inch unit, drawn with QSvgGenerator +
///         QCustomPlot::toPainter (vector), fonts named by their real family ("DejaVu Sans"),
///         each label one <text> element (mergeSvgTextRuns).
/// `dpi` only affects PNG. The file is written through saveFile (ui/common/save_file.h), so a
/// failed export leaves an existing file untouched and creates nothing. false with `error`
/// (naming the path and the reason) on failure.
bool exportPlot(QCustomPlot* plot, const QString& path, QSize size, double dpi, QString* error);

/// Qt's SVG generator splits a label into one <text> element per script run ("Huber (" and
/// "δ = 1)"): this joins consecutive elements with the same attributes on the same baseline,
/// so that an editor or a slide program sees one text per label.
QByteArray mergeSvgTextRuns(const QByteArray& svg);

/// The curves as CSV text (core/io/csv_writer.h: RFC 4180, shortest round-trip numbers).
/// Header: x, then per curve "<name> loss [<parameters>]", "<name> dloss […]", "<name> d2loss
/// […]". One row per x. If the curves do not all share the same x values, each curve gets its
/// own "<name> x […]" column before its three columns instead of the single leading x column,
/// and shorter curves leave their cells empty below their last point. NaN is "nan",
/// infinities "inf" / "-inf"; a missing value (d2 shorter than x) is an empty field.
QByteArray curvesCsv(const std::vector<ExportedCurve>& curves);
/// Writes curvesCsv(curves) through saveFile (same atomicity as exportPlot).
bool exportCsv(const std::vector<ExportedCurve>& curves, const QString& path, QString* error);

/// The plot rendered at `size` logical pixels (scale 1) after deselectAll(): for the clipboard.
QImage renderImage(QCustomPlot* plot, QSize size);

}  // namespace losslab::ui
