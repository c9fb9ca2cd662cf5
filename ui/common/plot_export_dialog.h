// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QImage>
#include <QStringList>
#include <functional>

#include "ui/common/plot_export_options.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QRadioButton;
class QSpinBox;
class QTimer;

namespace losslab::ui {

/// "Export Plot…", after the file name (so it knows the format): the Slide preset (16:9 at
/// 1920 × 1080 or 1280 × 720) or a custom size, text size, line width, a transparent
/// background, and for a plot of several panels which one. Says what the file will be (pixels,
/// or the page in inches and points) and shows a live preview drawn by the caller.
class PlotExportDialog : public QDialog {
  Q_OBJECT

 public:
  using Preview = std::function<QImage(const PlotExportOptions& options, double scale)>;

  /// `format`: "png", "svg" or "pdf". `panels`: the names of the plot's panels (empty: no
  /// choice). `preview(options, scale)` draws the plot as exported, `scale` times its size.
  PlotExportDialog(const QString& format,
                   const PlotExportOptions& options,
                   const QStringList& panels,
                   Preview preview,
                   QWidget* parent = nullptr);

  PlotExportOptions options() const;
  /// What the file will be, in words ("1920 × 1080 pixels", "13.33 × 7.5 in (960 × 540 pt)").
  QString summary() const;

 private:
  void updateControls();
  void updatePreview();

  QString m_format;
  Preview m_preview;
  QRadioButton* m_slide;
  QRadioButton* m_custom;
  QComboBox* m_slideSize;
  QSpinBox* m_width;
  QSpinBox* m_height;
  QSpinBox* m_fontScale;
  QSpinBox* m_lineScale;
  QCheckBox* m_transparent;
  QComboBox* m_panel = nullptr;
  QLabel* m_summary;
  QLabel* m_picture;
  QTimer* m_previewTimer;
};

}  // namespace losslab::ui
