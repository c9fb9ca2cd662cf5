// SPDX-License-Identifier: GPL-3.0-or-later
// Plot and CSV export: formats, sizes, exact numbers, and atomic failure.
#include <qcustomplot.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "tests/test_utils.h"
#include "ui/common/plot_export_options.h"
#include "ui/common/plot_exporter.h"
#include "ui/common/plot_style.h"

using losslab::ui::ExportedCurve;
using losslab::ui::exportPlot;
using losslab::ui::kReferenceDpi;
using losslab::ui::mergeSvgTextRuns;
using losslab::ui::PlotExportOptions;
using losslab::ui::PlotStyle;
using losslab::ui::stylePlot;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
const QString kAxisLabel = QStringLiteral("residual r");

/// A small plot with one selected graph, like the explorer's.
void fillPlot(QCustomPlot& plot) {
  plot.resize(640, 480);
  QCPGraph* graph = plot.addGraph();
  QVector<double> x;
  QVector<double> y;
  for (int k = -30; k <= 30; ++k) {
    x << k / 10.0;
    y << 0.5 * (k / 10.0) * (k / 10.0);
  }
  graph->setData(x, y);
  graph->setSelectable(QCP::stWhole);
  graph->setSelection(QCPDataSelection(graph->data()->dataRange()));
  plot.xAxis->setLabel(kAxisLabel);
  plot.rescaleAxes();
  plot.replot();
}

/// Splits one CSV line into fields: "…" quoted, "" inside a quoted field is a quote.
QStringList splitCsvLine(const QString& line) {
  QStringList fields;
  QString field;
  bool quoted = false;
  for (qsizetype i = 0; i < line.size(); ++i) {
    const QChar c = line[i];
    if (quoted) {
      if (c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
        field += c;
        ++i;
      } else if (c == QLatin1Char('"')) {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == QLatin1Char('"')) {
      quoted = true;
    } else if (c == QLatin1Char(',')) {
      fields << field;
      field.clear();
    } else {
      field += c;
    }
  }
  fields << field;
  return fields;
}

QList<QStringList> readCsv(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return {};
  }
  QList<QStringList> rows;
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
  for (const QString& line : lines) {
    if (!line.isEmpty()) {
      rows << splitCsvLine(line);
    }
  }
  return rows;
}

/// strtod (the C library, not our writer) and a bitwise comparison: "equal" means the same
/// double, −0 included; only NaN payloads are ignored (NaN must read back as NaN).
bool sameDouble(const QString& text, double expected) {
  const QByteArray bytes = text.toLatin1();
  char* end = nullptr;
  const double value = std::strtod(bytes.constData(), &end);
  if (end != bytes.constData() + bytes.size()) {
    return false;
  }
  if (std::isnan(expected)) {
    return std::isnan(value);
  }
  return std::memcmp(&value, &expected, sizeof value) == 0;
}

}  // namespace

class TestPlotExporter : public QObject {
  Q_OBJECT

 private slots:
  void pngHasRequestedSizeAndResolution_data();
  void pngHasRequestedSizeAndResolution();
  void svgParsesWithRequestedViewBox();
  void pdfIsOnePageOfRequestedSize();
  void exportDeselectsAndReplacesExistingFile();
  void renderImageHasRequestedSize();
  void csvRoundTripIsExact();
  void csvWithDifferentXWritesOwnColumns();
  void unwritablePathFailsAndCreatesNothing_data();
  void unwritablePathFailsAndCreatesNothing();
  void unknownSuffixIsRejected();
  void slideOptionsSizes_data();
  void slideOptionsSizes();
  void slidePngHasNoFrame_data();
  void slidePngHasNoFrame();
  void slidePdfIsASixteenByNineSlide();
  void svgNamesRealFontsAndKeepsLabelsWhole();
  void svgRunMergeKeepsSeparateLabelsApart();
};

void TestPlotExporter::pngHasRequestedSizeAndResolution_data() {
  QTest::addColumn<QSize>("size");
  QTest::addColumn<double>("dpi");
  QTest::addColumn<QSize>("pixels");      // size × dpi / 96 (documented in plot_exporter.h)
  QTest::addColumn<int>("dotsPerMetre");  // dpi / 0.0254 m, rounded
  QTest::newRow("400x300 at 96 dpi: 1:1") << QSize(400, 300) << 96.0 << QSize(400, 300) << 3780;
  QTest::newRow("400x300 at 192 dpi: x2") << QSize(400, 300) << 192.0 << QSize(800, 600) << 7559;
  QTest::newRow("500x250 at 300 dpi: x3.125")
      << QSize(500, 250) << 300.0 << QSize(1563, 781) << 11811;  // 1562.5 rounds up
}

void TestPlotExporter::pngHasRequestedSizeAndResolution() {
  QFETCH(QSize, size);
  QFETCH(double, dpi);
  QFETCH(QSize, pixels);
  QFETCH(int, dotsPerMetre);
  QCustomPlot plot;
  fillPlot(plot);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("plot.PNG"));  // suffix case-insensitive
  QString error;
  QVERIFY2(losslab::ui::exportPlot(&plot, path, size, dpi, &error), qPrintable(error));
  QVERIFY(error.isEmpty());
  QCOMPARE(losslab::ui::rasterSize(size, dpi), pixels);
  QImage image;
  QVERIFY(image.load(path, "PNG"));
  QCOMPARE(image.size(), pixels);
  QCOMPARE(image.dotsPerMeterX(), dotsPerMetre);
  QCOMPARE(image.dotsPerMeterY(), dotsPerMetre);
  // Something was drawn: the axes, labels and curve cover more than 1 % of the pixels.
  const QRgb background = image.pixel(0, 0);
  qsizetype drawn = 0;
  for (int row = 0; row < image.height(); ++row) {
    for (int column = 0; column < image.width(); ++column) {
      drawn += image.pixel(column, row) != background ? 1 : 0;
    }
  }
  QVERIFY2(drawn * 100 > qsizetype{pixels.width()} * pixels.height(),
           qPrintable(QStringLiteral("only %1 pixels differ from the background").arg(drawn)));
  QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
           QStringList{QStringLiteral("plot.PNG")});  // no temporary file left behind
}

void TestPlotExporter::svgParsesWithRequestedViewBox() {
  QCustomPlot plot;
  fillPlot(plot);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("plot.svg"));
  QString error;
  QVERIFY2(losslab::ui::exportPlot(&plot, path, QSize(420, 280), 300, &error), qPrintable(error));
  QSvgRenderer renderer(path);
  QVERIFY(renderer.isValid());
  QCOMPARE(renderer.viewBoxF(), QRectF(0, 0, 420, 280));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray svg = file.readAll();
  QVERIFY2(svg.contains(kAxisLabel.toUtf8()), "the axis label is drawn as SVG text");
}

void TestPlotExporter::pdfIsOnePageOfRequestedSize() {
  QCustomPlot plot;
  fillPlot(plot);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("plot.pdf"));
  QString error;
  QVERIFY2(losslab::ui::exportPlot(&plot, path, QSize(400, 300), 96, &error), qPrintable(error));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QByteArray pdf = file.readAll();
  QVERIFY2(pdf.startsWith("%PDF"), pdf.left(16).constData());
  QVERIFY(pdf.trimmed().endsWith("%%EOF"));
  // One logical pixel is 1/96 in = 0.75 pt: a 400 × 300 layout is a 300 × 225 pt page
  // (Qt writes "300.000000").
  const QString text = QString::fromLatin1(pdf);
  QVERIFY2(text.contains(
               QRegularExpression(QStringLiteral(R"(/MediaBox \[0 0 300(\.0+)? 225(\.0+)?\])"))),
           "page is 300 x 225 points");
  QCOMPARE(text.count(QRegularExpression(QStringLiteral(R"(/Type /Page\b(?!s))"))), 1);
}

void TestPlotExporter::exportDeselectsAndReplacesExistingFile() {
  QCustomPlot plot;
  fillPlot(plot);
  QVERIFY(plot.graph(0)->selected());
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("plot.png"));
  {
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old contents");
  }
  QString error;
  QVERIFY2(losslab::ui::exportPlot(&plot, path, QSize(200, 100), 96, &error), qPrintable(error));
  QVERIFY2(!plot.graph(0)->selected(), "deselectAll() runs before export");
  QImage image;
  QVERIFY(image.load(path, "PNG"));
  QCOMPARE(image.size(), QSize(200, 100));
}

void TestPlotExporter::renderImageHasRequestedSize() {
  QCustomPlot plot;
  fillPlot(plot);
  const QImage image = losslab::ui::renderImage(&plot, QSize(320, 200));
  QCOMPARE(image.size(), QSize(320, 200));
  QVERIFY(!plot.graph(0)->selected());
  QVERIFY(losslab::ui::renderImage(nullptr, QSize(10, 10)).isNull());
}

void TestPlotExporter::csvRoundTripIsExact() {
  // Numbers that need all 17 digits, extremes, a subnormal, NaN and infinities.
  const std::vector<double> x = {-3, -0.1, 1.0 / 3.0, 2.0 / 3.0, 1e-300, 3};
  ExportedCurve huber{QStringLiteral("Huber, \"robust\""),
                      QStringLiteral("delta=1"),
                      x,
                      {4.5, 0.005000000000000001, 0.1 + 0.2, 1.7976931348623157e308, 5e-324, kInf},
                      {-1, -0.1, 1.0 / 3.0, -kInf, 0, 1},
                      {0, 1, 1, kNaN, kNaN, 0}};
  ExportedCurve mse{QStringLiteral("MSE"),
                    QString(),
                    x,
                    {9, 0.010000000000000002, 0.1111111111111111, 0.4444444444444444, -0.0, 9},
                    {-6, -0.2, 0.6666666666666666, 1.3333333333333333, 2e-300, 6},
                    {2, 2, 2, 2, 2, 2}};
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("curves.csv"));
  QString error;
  QVERIFY2(losslab::ui::exportCsv({huber, mse}, path, &error), qPrintable(error));

  const QList<QStringList> rows = readCsv(path);
  QCOMPARE(rows.size(), qsizetype{1 + 6});
  const QStringList expectedHeader = {QStringLiteral("x"),
                                      QStringLiteral("Huber, \"robust\" loss [delta=1]"),
                                      QStringLiteral("Huber, \"robust\" dloss [delta=1]"),
                                      QStringLiteral("Huber, \"robust\" d2loss [delta=1]"),
                                      QStringLiteral("MSE loss"),
                                      QStringLiteral("MSE dloss"),
                                      QStringLiteral("MSE d2loss")};
  QCOMPARE(rows[0], expectedHeader);
  // The raw header line quotes the field with the comma and doubles the quotes.
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  QVERIFY(file.readLine().startsWith("x,\"Huber, \"\"robust\"\" loss [delta=1]\","));

  for (std::size_t k = 0; k < x.size(); ++k) {
    const QStringList& row = rows[static_cast<qsizetype>(k) + 1];
    QCOMPARE(row.size(), qsizetype{7});
    const double expected[] = {x[k],         huber.value[k], huber.d1[k], huber.d2[k],
                               mse.value[k], mse.d1[k],      mse.d2[k]};
    for (qsizetype c = 0; c < 7; ++c) {
      QVERIFY2(sameDouble(row[c], expected[c]),
               qPrintable(QStringLiteral("row %1 column %2: '%3' is not %4")
                              .arg(k + 1)
                              .arg(c + 1)
                              .arg(row[c])
                              .arg(expected[c], 0, 'g', 17)));
    }
  }
  QCOMPARE(rows[4][3], QStringLiteral("nan"));
  QCOMPARE(rows[4][2], QStringLiteral("-inf"));
  QCOMPARE(rows[6][1], QStringLiteral("inf"));
}

void TestPlotExporter::csvWithDifferentXWritesOwnColumns() {
  ExportedCurve a{
      QStringLiteral("A"), QStringLiteral("p=1"), {0, 1, 2}, {0, 1, 4}, {0, 2, 4}, {2, 2, 2}};
  ExportedCurve b{QStringLiteral("B"), QString(), {0.5, 1.5}, {1, 2}, {3, 4}, {}};
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("curves.csv"));
  QString error;
  QVERIFY2(losslab::ui::exportCsv({a, b}, path, &error), qPrintable(error));
  const QList<QStringList> rows = readCsv(path);
  QCOMPARE(rows.size(), qsizetype{4});
  QCOMPARE(rows[0], (QStringList{"A x [p=1]", "A loss [p=1]", "A dloss [p=1]", "A d2loss [p=1]",
                                 "B x", "B loss", "B dloss", "B d2loss"}));
  QCOMPARE(rows[1], (QStringList{"0", "0", "0", "2", "0.5", "1", "3", ""}));
  QCOMPARE(rows[2], (QStringList{"1", "1", "2", "2", "1.5", "2", "4", ""}));
  QCOMPARE(rows[3], (QStringList{"2", "4", "4", "2", "", "", "", ""}));
}

void TestPlotExporter::unwritablePathFailsAndCreatesNothing_data() {
  QTest::addColumn<QString>("fileName");
  QTest::newRow("png") << "out.png";
  QTest::newRow("pdf") << "out.pdf";
  QTest::newRow("svg") << "out.svg";
  QTest::newRow("csv") << "out.csv";
}

void TestPlotExporter::unwritablePathFailsAndCreatesNothing() {
  QFETCH(QString, fileName);
  // A regular file used as a directory: fails for root too (chmod would not stop root).
  QTemporaryDir dir;
  const QString notADirectory = dir.filePath(QStringLiteral("plain-file"));
  {
    QFile plain(notADirectory);
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.write("not a directory");
  }
  const QString path = notADirectory + QLatin1Char('/') + fileName;
  QString error;
  bool ok = false;
  if (fileName.endsWith(QLatin1String(".csv"))) {
    ok = losslab::ui::exportCsv({ExportedCurve{QStringLiteral("A"), {}, {1}, {2}, {3}, {4}}}, path,
                                &error);
  } else {
    QCustomPlot plot;
    fillPlot(plot);
    ok = losslab::ui::exportPlot(&plot, path, QSize(200, 100), 96, &error);
  }
  QVERIFY(!ok);
  QVERIFY(!error.isEmpty());
  QVERIFY2(error.contains(QDir::toNativeSeparators(path)), qPrintable(error));
  QVERIFY2(error.size() > QDir::toNativeSeparators(path).size() + 16,
           qPrintable("the OS reason follows the path: " + error));
  QVERIFY(!QFileInfo::exists(path));
  QVERIFY(QFileInfo(notADirectory).isFile());
  QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
           QStringList{QStringLiteral("plain-file")});
}

void TestPlotExporter::unknownSuffixIsRejected() {
  QCustomPlot plot;
  fillPlot(plot);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("plot.bmp"));
  QString error;
  QVERIFY(!losslab::ui::exportPlot(&plot, path, QSize(200, 100), 96, &error));
  QVERIFY2(error.contains(QStringLiteral("bmp")), qPrintable(error));
  QVERIFY(!QFileInfo::exists(path));
  QVERIFY(!losslab::ui::exportPlot(&plot, dir.filePath(QStringLiteral("plot.png")), QSize(0, 100),
                                   96, &error));
  QVERIFY(QDir(dir.path()).isEmpty());
}

void TestPlotExporter::slideOptionsSizes_data() {
  QTest::addColumn<int>("slideWidth");
  QTest::addColumn<QSize>("pixels");
  QTest::addColumn<double>("scale");
  // Always laid out at 1280 × 720 (1/96 in units): the same picture, sharper at 1920.
  QTest::newRow("1920 x 1080") << 1920 << QSize(1920, 1080) << 1.5;
  QTest::newRow("1280 x 720") << 1280 << QSize(1280, 720) << 1.0;
}

void TestPlotExporter::slideOptionsSizes() {
  QFETCH(int, slideWidth);
  QFETCH(QSize, pixels);
  QFETCH(double, scale);
  PlotExportOptions options;
  options.slideWidth = slideWidth;
  QCOMPARE(options.layoutSize(), QSize(1280, 720));
  QCOMPARE(options.pixelSize(), pixels);
  QCOMPARE(options.scale(), scale);
  options.kind = PlotExportOptions::Kind::Custom;
  options.customSize = QSize(640, 480);
  QCOMPARE(options.layoutSize(), QSize(640, 480));
  QCOMPARE(options.pixelSize(), QSize(640, 480));
}

void TestPlotExporter::slidePngHasNoFrame_data() {
  QTest::addColumn<bool>("transparent");
  QTest::newRow("white") << false;
  QTest::newRow("transparent") << true;
}

void TestPlotExporter::slidePngHasNoFrame() {
  // Defect (issue 14): every export had a grey (#efefef) frame around the panels.
  QFETCH(bool, transparent);
  QCustomPlot plot;
  fillPlot(plot);
  plot.setBackground(QColor(0xef, 0xef, 0xef));  // the screen's window colour
  PlotExportOptions options;
  options.transparent = transparent;
  stylePlot(&plot, options.style(PlotStyle::screen(plot.palette(), plot.font())));
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("slide.png"));
  QString error;
  QVERIFY2(exportPlot(&plot, path, options.layoutSize(), options.scale() * kReferenceDpi, &error),
           qPrintable(error));
  QImage image(path);
  QCOMPARE(image.size(), QSize(1920, 1080));
  image = image.convertToFormat(QImage::Format_ARGB32);
  // The corners (outside the axes) and the middle of the frame's edge: white or clear.
  for (const QPoint& p : {QPoint(1, 1), QPoint(1918, 1), QPoint(1, 1078), QPoint(1918, 1078)}) {
    const QColor colour = image.pixelColor(p);
    if (transparent) {
      QCOMPARE(colour.alpha(), 0);
    } else {
      QCOMPARE(colour, QColor(Qt::white));
    }
  }
}

void TestPlotExporter::slidePdfIsASixteenByNineSlide() {
  // Defect (issue 14): PDF pages were 1200 × 800 pt, so fonts shrank on a slide. A slide is
  // 13.33 × 7.5 in (960 × 540 pt), the size of a 16:9 slide in PowerPoint and Impress.
  QCustomPlot plot;
  fillPlot(plot);
  const PlotExportOptions options;
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("slide.pdf"));
  QString error;
  QVERIFY2(exportPlot(&plot, path, options.layoutSize(), options.scale() * kReferenceDpi, &error),
           qPrintable(error));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QString text = QString::fromLatin1(file.readAll());
  QVERIFY2(text.contains(
               QRegularExpression(QStringLiteral(R"(/MediaBox \[0 0 960(\.0+)? 540(\.0+)?\])"))),
           "page is 960 x 540 points");
}

void TestPlotExporter::svgNamesRealFontsAndKeepsLabelsWhole() {
  // Defect (issue 14): SVG text named the generic "Sans Serif" and a label with a Greek letter
  // came out as several <text> elements ("Huber (" and "δ = 1)").
  QCustomPlot plot;
  fillPlot(plot);
  plot.graph(0)->setName(QStringLiteral("Huber (δ = 1)"));
  plot.legend->setVisible(true);
  stylePlot(&plot, PlotExportOptions().style(PlotStyle::screen(plot.palette(), plot.font())));
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("plot.svg"));
  QString error;
  QVERIFY2(exportPlot(&plot, path, QSize(640, 360), 96, &error), qPrintable(error));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QString svg = QString::fromUtf8(file.readAll());
  const QString real = QFontInfo(plot.font()).family();
  QVERIFY(!real.isEmpty());
  QVERIFY2(!svg.contains(QStringLiteral("font-family=\"Sans Serif\"")) || real == "Sans Serif",
           "a generic family name is in the SVG");
  QVERIFY2(svg.contains(QStringLiteral("font-family=\"%1\"").arg(real)), qPrintable(real));
  QVERIFY2(svg.contains(QStringLiteral(">Huber (δ = 1)</text>")), "the legend label is one run");
  QVERIFY(QSvgRenderer(svg.toUtf8()).isValid());
}

void TestPlotExporter::svgRunMergeKeepsSeparateLabelsApart() {
  const QString font = QStringLiteral("fill=\"#000\" xml:space=\"preserve\" ");
  const QString after = QStringLiteral(" font-family=\"DejaVu Sans\" font-size=\"12\"");
  auto text = [&](double x, const QString& content) {
    return QStringLiteral("<text %1x=\"%2\" y=\"10\"%3>%4</text>\n")
        .arg(font)
        .arg(x)
        .arg(after, content);
  };
  // "ab" is a few pixels wide at 12 px: a run starting right after it continues the label, a
  // run 200 px further is another label on the same baseline (a legend's next column).
  const QImage probe(1, 1, QImage::Format_ARGB32);  // 96 dpi: 9 pt is 12 px
  const double width = QFontMetricsF(QFont(QStringLiteral("DejaVu Sans"), 9), &probe)
                           .horizontalAdvance(QStringLiteral("ab"));
  const QByteArray joined = mergeSvgTextRuns((text(5, "ab") + text(5 + width, "cd")).toUtf8());
  QCOMPARE(QString::fromUtf8(joined).count(QStringLiteral("<text")), 1);
  QVERIFY(joined.contains(">abcd</text>"));
  const QByteArray apart = mergeSvgTextRuns((text(5, "ab") + text(205, "cd")).toUtf8());
  QCOMPARE(QString::fromUtf8(apart).count(QStringLiteral("<text")), 2);
}

QTEST_MAIN(TestPlotExporter)
#include "tst_plot_exporter.moc"
