// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QVariantList>
#include <QVariantMap>

namespace losslab::ui {

/// The only QSettings user: typed accessors, keys in one place ("group/key").
///
/// Headless runs (--screenshot, --bench-ui) and tests call setEphemeral(true): getters then
/// return the defaults and setters do nothing, so a run never depends on, or changes, what a
/// user's session remembered.
class Settings {
 public:
  static void setEphemeral(bool ephemeral);
  static bool ephemeral();

  static QByteArray windowGeometry();
  static void setWindowGeometry(const QByteArray& geometry);
  static QByteArray windowState();
  static void setWindowState(const QByteArray& state);
  /// The explorer's curve preset at the last quit; empty if none was stored.
  static QString lastPreset();
  static void setLastPreset(const QString& id);
  /// The explorer's dock and tool-bar layout (QMainWindow::saveState of the explorer view).
  static QByteArray explorerState();
  static void setExplorerState(const QByteArray& state);
  /// The main window's tab at the last quit (0: explorer) and the preset its Preset box
  /// showed (a curve preset or the Training tab's lesson).
  static int lastTab();
  static void setLastTab(int tab);
  static QString windowPreset();
  static void setWindowPreset(const QString& id);
  static bool showSecondDerivative();
  static void setShowSecondDerivative(bool show);
  /// The explorer's threshold markers (±δ, margins) and their shaded zones.
  static bool showThresholds();
  static void setShowThresholds(bool show);
  /// The explorer's text annotations as JSON (ui/explorer/text_annotations.h).
  static QByteArray explorerAnnotations();
  static void setExplorerAnnotations(const QByteArray& json);
  /// The explorer's arrows as JSON (ui/explorer/arrow_annotations.h).
  static QByteArray explorerArrows();
  static void setExplorerArrows(const QByteArray& json);
  /// "system", "light" or "dark".
  static QString theme();
  static void setTheme(const QString& theme);
  static QString exportDirectory();
  static void setExportDirectory(const QString& directory);
  static QSize exportSize();
  static void setExportSize(const QSize& size);
  static int exportDpi();
  static void setExportDpi(int dpi);
  /// The plot export options last used (PlotExportOptions::remembered reads them).
  static QVariantMap plotExport();
  static void setPlotExport(const QVariantMap& options);
  /// The user's custom-loss library (CustomLossLibrary's records, one QVariantMap each).
  static QVariantList customLosses();
  static void setCustomLosses(const QVariantList& losses);
};

}  // namespace losslab::ui
