// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <vector>

#include "ui/common/plot_export_options.h"
#include "ui/common/plot_exporter.h"

class QWidget;

namespace losslab::ui {

class CurveModel;
class LossCurvePlot;

/// The visible curves of `model` as the CSV export writes them (name, "id p=v …", samples).
std::vector<ExportedCurve> exportedCurves(const CurveModel& model);

/// The explorer's exports, each asked for in dialogs over `dialogParent`: the plot as PNG, SVG
/// or PDF (a 16:9 slide or a custom size, the whole stack or one panel), the visible curves as
/// CSV, the picture on the clipboard (without the crosshair), the selected curve's loss as
/// code. Results and failures are reported through statusMessage (and a message box for a
/// failed write); the previous file is never damaged (plot_exporter.h).
class ExplorerExport : public QObject {
  Q_OBJECT

 public:
  ExplorerExport(CurveModel* model, LossCurvePlot* plot, QWidget* dialogParent);

  /// `baseName` suggests the file name: "losslab-<baseName>.png".
  void exportPlot(const QString& baseName);
  /// Writes the plot to `path` (format by suffix) with `options`, no questions asked.
  bool writePlot(const QString& path, const PlotExportOptions& options, QString* error);
  /// The plot as `options` export it, `scale` times its size (the dialog's preview).
  QImage renderPlot(const PlotExportOptions& options, double scale);
  /// The panels' names, top to bottom, for "Panels:".
  static QStringList panelNames();
  void exportData();
  void copyImage();
  /// Shows curve `index`'s loss as Keras 3 or PyTorch code (−1: says to select one).
  void exportCode(int index);

 signals:
  void statusMessage(const QString& text, int timeoutMs);

 private:
  CurveModel* m_model;
  LossCurvePlot* m_plot;
  QWidget* m_parent;
};

}  // namespace losslab::ui
