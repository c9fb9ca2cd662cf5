// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>
#include <QString>

namespace losslab::ui {

/// What installTranslators found.
struct InstalledTranslators {
  bool own = false;     // losslab_<lang>.qm: the GUI's and the engine's words
  bool qtBase = false;  // qtbase_<lang>.qm: Qt's own dialogs and buttons (Save, Cancel, …)
};

/// Installs LossLab's catalogue for `locale` from `ownDirectory` (the app: ":/i18n") and Qt's
/// own qtbase catalogue from Qt's translations folder (Debian: /usr/share/qt6/translations,
/// package qt6-translations-l10n). The translators are children of the application.
InstalledTranslators installTranslators(const QLocale& locale, const QString& ownDirectory);

/// Qt's translations folder (QLibraryInfo::TranslationsPath).
QString qtTranslationsDirectory();

}  // namespace losslab::ui
