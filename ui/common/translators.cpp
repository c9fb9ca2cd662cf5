// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/translators.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace losslab::ui {

namespace {

bool install(const QLocale& locale, const QString& name, const QString& directory) {
  auto* translator = new QTranslator(QCoreApplication::instance());
  if (translator->load(locale, name, QStringLiteral("_"), directory)) {
    QCoreApplication::installTranslator(translator);
    return true;
  }
  delete translator;
  return false;
}

}  // namespace

QString qtTranslationsDirectory() {
  return QLibraryInfo::path(QLibraryInfo::TranslationsPath);
}

InstalledTranslators installTranslators(const QLocale& locale, const QString& ownDirectory) {
  InstalledTranslators installed;
  installed.own = install(locale, QStringLiteral("losslab"), ownDirectory);
  installed.qtBase = install(locale, QStringLiteral("qtbase"), qtTranslationsDirectory());
  return installed;
}

}  // namespace losslab::ui
