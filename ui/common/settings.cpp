// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/settings.h"

#include <QDir>
#include <QSettings>

namespace losslab::ui {

namespace {

constexpr auto kGeometry = "window/geometry";
constexpr auto kState = "window/state";
constexpr auto kLastPreset = "explorer/lastPreset";
constexpr auto kExplorerState = "explorer/state";
constexpr auto kLastTab = "window/tab";
constexpr auto kWindowPreset = "window/preset";
constexpr auto kShowD2 = "explorer/showSecondDerivative";
constexpr auto kShowThresholds = "explorer/showThresholds";
constexpr auto kAnnotations = "explorer/annotations";
constexpr auto kArrows = "explorer/arrows";
constexpr auto kTheme = "appearance/theme";
constexpr auto kExportDirectory = "export/directory";
constexpr auto kExportSize = "export/size";
constexpr auto kExportDpi = "export/dpi";
constexpr auto kPlotExport = "export/plot";
constexpr auto kCustomLosses = "formula/customLosses";

bool g_ephemeral = false;

QVariant read(const char* key, const QVariant& fallback) {
  return g_ephemeral ? fallback : QSettings().value(QLatin1String(key), fallback);
}

void write(const char* key, const QVariant& value) {
  if (!g_ephemeral) {
    QSettings().setValue(QLatin1String(key), value);
  }
}

}  // namespace

void Settings::setEphemeral(bool ephemeral) {
  g_ephemeral = ephemeral;
}
bool Settings::ephemeral() {
  return g_ephemeral;
}

QByteArray Settings::windowGeometry() {
  return read(kGeometry, QByteArray()).toByteArray();
}
void Settings::setWindowGeometry(const QByteArray& geometry) {
  write(kGeometry, geometry);
}
QByteArray Settings::windowState() {
  return read(kState, QByteArray()).toByteArray();
}
void Settings::setWindowState(const QByteArray& state) {
  write(kState, state);
}

QString Settings::lastPreset() {
  return read(kLastPreset, QString()).toString();
}
void Settings::setLastPreset(const QString& id) {
  write(kLastPreset, id);
}

QByteArray Settings::explorerState() {
  return read(kExplorerState, QByteArray()).toByteArray();
}
void Settings::setExplorerState(const QByteArray& state) {
  write(kExplorerState, state);
}

int Settings::lastTab() {
  return read(kLastTab, 0).toInt();
}
void Settings::setLastTab(int tab) {
  write(kLastTab, tab);
}

QString Settings::windowPreset() {
  return read(kWindowPreset, QString()).toString();
}
void Settings::setWindowPreset(const QString& id) {
  write(kWindowPreset, id);
}

bool Settings::showSecondDerivative() {
  return read(kShowD2, false).toBool();
}
void Settings::setShowSecondDerivative(bool show) {
  write(kShowD2, show);
}

bool Settings::showThresholds() {
  return read(kShowThresholds, true).toBool();
}
void Settings::setShowThresholds(bool show) {
  write(kShowThresholds, show);
}

QByteArray Settings::explorerAnnotations() {
  return read(kAnnotations, QByteArray()).toByteArray();
}
void Settings::setExplorerAnnotations(const QByteArray& json) {
  write(kAnnotations, json);
}

QByteArray Settings::explorerArrows() {
  return read(kArrows, QByteArray()).toByteArray();
}
void Settings::setExplorerArrows(const QByteArray& json) {
  write(kArrows, json);
}

QString Settings::theme() {
  return read(kTheme, QStringLiteral("system")).toString();
}
void Settings::setTheme(const QString& theme) {
  write(kTheme, theme);
}

QString Settings::exportDirectory() {
  return read(kExportDirectory, QDir::homePath()).toString();
}
void Settings::setExportDirectory(const QString& directory) {
  write(kExportDirectory, directory);
}

QSize Settings::exportSize() {
  return read(kExportSize, QSize(1200, 800)).toSize();
}
void Settings::setExportSize(const QSize& size) {
  write(kExportSize, size);
}

int Settings::exportDpi() {
  return read(kExportDpi, 144).toInt();
}
void Settings::setExportDpi(int dpi) {
  write(kExportDpi, dpi);
}

QVariantMap Settings::plotExport() {
  return read(kPlotExport, QVariantMap()).toMap();
}
void Settings::setPlotExport(const QVariantMap& options) {
  write(kPlotExport, options);
}

QVariantList Settings::customLosses() {
  return read(kCustomLosses, QVariantList()).toList();
}
void Settings::setCustomLosses(const QVariantList& losses) {
  write(kCustomLosses, losses);
}

}  // namespace losslab::ui
