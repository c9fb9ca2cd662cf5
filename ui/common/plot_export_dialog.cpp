// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/plot_export_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>
#include <cmath>

#include "ui/common/number_text.h"

namespace losslab::ui {

namespace {

constexpr int kMinSide = 200;    // smaller plots cannot show two panels with their labels
constexpr int kMaxSide = 10000;  // a 10000 px square PNG is already 400 MB in memory
constexpr int kMinPercent = 50;
constexpr int kMaxFontPercent = 300;
constexpr int kMaxLinePercent = 400;
constexpr int kPreviewWidth = 400;
constexpr int kPreviewDelayMs = 120;
constexpr double kPointsPerPixel = 0.75;  // 72 pt per inch, 96 logical pixels per inch
constexpr double kPixelsPerInch = 96;

QSpinBox* spinBox(int from, int to, int value, const QString& suffix, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(from, to);
  box->setValue(value);
  box->setSuffix(suffix);
  box->setAccelerated(true);
  return box;
}

int percent(double scale) {
  return static_cast<int>(std::lround(scale * 100));
}

}  // namespace

PlotExportDialog::PlotExportDialog(const QString& format,
                                   const PlotExportOptions& options,
                                   const QStringList& panels,
                                   Preview preview,
                                   QWidget* parent)
    : QDialog(parent),
      m_format(format.toLower()),
      m_preview(std::move(preview)),
      m_slide(new QRadioButton(tr("&Slide (16:9)"), this)),
      m_custom(new QRadioButton(tr("C&ustom size"), this)),
      m_slideSize(new QComboBox(this)),
      m_width(spinBox(kMinSide, kMaxSide, options.customSize.width(), tr(" px"), this)),
      m_height(spinBox(kMinSide, kMaxSide, options.customSize.height(), tr(" px"), this)),
      m_fontScale(
          spinBox(kMinPercent, kMaxFontPercent, percent(options.fontScale), tr(" %"), this)),
      m_lineScale(
          spinBox(kMinPercent, kMaxLinePercent, percent(options.lineScale), tr(" %"), this)),
      m_transparent(new QCheckBox(tr("&Transparent background"), this)),
      m_summary(new QLabel(this)),
      m_picture(new QLabel(this)),
      m_previewTimer(new QTimer(this)) {
  setWindowTitle(tr("Export Options"));
  m_slide->setToolTip(
      tr("A picture for a projector: 16:9, large text, thick lines, a white page "
         "without a frame"));
  m_custom->setToolTip(tr("Any size, with the fonts and colours of the screen"));
  (options.kind == PlotExportOptions::Kind::Slide ? m_slide : m_custom)->setChecked(true);
  auto* kinds = new QButtonGroup(this);
  kinds->addButton(m_slide);
  kinds->addButton(m_custom);
  m_slideSize->addItem(tr("1920 × 1080 (Full HD)"), 1920);
  m_slideSize->addItem(tr("1280 × 720 (HD)"), 1280);
  m_slideSize->setCurrentIndex(options.slideWidth == 1280 ? 1 : 0);
  m_slideSize->setToolTip(tr("The PNG's pixels; SVG and PDF are a 13.33 × 7.5 in page either way"));
  m_width->setToolTip(tr("Width in pixels (SVG and PDF: 96 pixels per inch)"));
  m_height->setToolTip(tr("Height in pixels (SVG and PDF: 96 pixels per inch)"));
  m_fontScale->setToolTip(tr("Text size: 100 % is the slide's 16 pt, or the screen's size"));
  m_lineScale->setToolTip(tr("Width of curves and axes: 100 % is the slide's, or the screen's"));
  m_transparent->setChecked(options.transparent);
  m_transparent->setToolTip(tr("No page colour: the slide's background shows through"));

  auto* customRow = new QHBoxLayout;
  customRow->addWidget(m_width);
  customRow->addWidget(new QLabel(QStringLiteral("×"), this));
  customRow->addWidget(m_height);
  auto* form = new QFormLayout;
  form->addRow(m_slide, m_slideSize);
  form->addRow(m_custom, customRow);
  form->addRow(tr("Te&xt size:"), m_fontScale);
  form->addRow(tr("&Line width:"), m_lineScale);
  form->addRow(QString(), m_transparent);
  if (!panels.isEmpty()) {
    m_panel = new QComboBox(this);
    m_panel->addItem(tr("All panels"), -1);
    for (int i = 0; i < panels.size(); ++i) {
      m_panel->addItem(panels[i], i);
    }
    m_panel->setCurrentIndex(std::max(0, m_panel->findData(options.panel)));
    m_panel->setToolTip(tr("The whole stack, or one panel on its own with the x axis"));
    form->addRow(tr("&Panels:"), m_panel);
  }
  m_summary->setObjectName(QStringLiteral("exportSummary"));
  m_picture->setObjectName(QStringLiteral("exportPreview"));
  m_picture->setAlignment(Qt::AlignCenter);
  m_picture->setMinimumSize(kPreviewWidth, kPreviewWidth * 9 / 16);
  m_picture->setFrameShape(QFrame::StyledPanel);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_summary);
  layout->addWidget(m_picture, 1);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

  m_previewTimer->setSingleShot(true);
  m_previewTimer->setInterval(kPreviewDelayMs);
  connect(m_previewTimer, &QTimer::timeout, this, &PlotExportDialog::updatePreview);
  connect(m_slide, &QRadioButton::toggled, this, &PlotExportDialog::updateControls);
  connect(m_slideSize, &QComboBox::currentIndexChanged, this, &PlotExportDialog::updateControls);
  for (QSpinBox* box : {m_width, m_height, m_fontScale, m_lineScale}) {
    connect(box, &QSpinBox::valueChanged, this, &PlotExportDialog::updateControls);
  }
  connect(m_transparent, &QCheckBox::toggled, this, &PlotExportDialog::updateControls);
  if (m_panel) {
    connect(m_panel, &QComboBox::currentIndexChanged, this, &PlotExportDialog::updateControls);
  }
  updateControls();
  updatePreview();
}

PlotExportOptions PlotExportDialog::options() const {
  PlotExportOptions options;
  options.kind =
      m_slide->isChecked() ? PlotExportOptions::Kind::Slide : PlotExportOptions::Kind::Custom;
  options.slideWidth = m_slideSize->currentData().toInt();
  options.customSize = QSize(m_width->value(), m_height->value());
  options.fontScale = m_fontScale->value() / 100.0;
  options.lineScale = m_lineScale->value() / 100.0;
  options.transparent = m_transparent->isChecked();
  options.panel = m_panel ? m_panel->currentData().toInt() : -1;
  return options;
}

QString PlotExportDialog::summary() const {
  const PlotExportOptions current = options();
  if (m_format == QLatin1String("png")) {
    const QSize pixels = current.pixelSize();
    return tr("The PNG will be %1 × %2 pixels.").arg(pixels.width()).arg(pixels.height());
  }
  const QSize layout = current.layoutSize();
  return tr("A vector page of %1 × %2 in (%3 × %4 pt): lines and text stay sharp at any zoom.")
      .arg(readingText(layout.width() / kPixelsPerInch, 4),
           readingText(layout.height() / kPixelsPerInch, 4),
           shortestText(layout.width() * kPointsPerPixel),
           shortestText(layout.height() * kPointsPerPixel));
}

void PlotExportDialog::updateControls() {
  const bool slide = m_slide->isChecked();
  m_slideSize->setEnabled(slide);
  m_width->setEnabled(!slide);
  m_height->setEnabled(!slide);
  m_summary->setText(summary());
  m_previewTimer->start();
}

void PlotExportDialog::updatePreview() {
  if (!m_preview) {
    return;
  }
  const PlotExportOptions current = options();
  const QSize layout = current.layoutSize();
  const double scale = std::min(static_cast<double>(kPreviewWidth) / layout.width(),
                                static_cast<double>(kPreviewWidth * 9 / 16) / layout.height());
  m_picture->setPixmap(QPixmap::fromImage(m_preview(current, scale)));
}

}  // namespace losslab::ui
