// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSize>

class QLabel;
class QSpinBox;

namespace losslab::ui {

/// Size and resolution of a plot export, asked after the file name (so it knows the format):
/// the layout size in logical pixels and, for PNG, the dots per inch; the resulting pixel size
/// is shown as the user types. SVG and PDF are vector formats: only the size matters.
class ExportOptionsDialog : public QDialog {
  Q_OBJECT

 public:
  ExportOptionsDialog(bool raster, QSize size, int dpi, QWidget* parent = nullptr);

  QSize plotSize() const;
  int dpi() const;

 private:
  void updateSummary();

  bool m_raster;
  QSpinBox* m_width;
  QSpinBox* m_height;
  QSpinBox* m_dpi;
  QLabel* m_summary;
};

}  // namespace losslab::ui
