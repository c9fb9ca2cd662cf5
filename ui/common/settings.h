// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QVariantList>

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
  /// The preset active at the last quit; empty if none was stored.
  static QString lastPreset();
  static void setLastPreset(const QString& id);
  static bool showSecondDerivative();
  static void setShowSecondDerivative(bool show);
  /// "system", "light" or "dark".
  static QString theme();
  static void setTheme(const QString& theme);
  static QString exportDirectory();
  static void setExportDirectory(const QString& directory);
  static QSize exportSize();
  static void setExportSize(const QSize& size);
  static int exportDpi();
  static void setExportDpi(int dpi);
  /// The user's custom-loss library (CustomLossLibrary's records, one QVariantMap each).
  static QVariantList customLosses();
  static void setCustomLosses(const QVariantList& losses);
};

}  // namespace losslab::ui
