// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/save_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

namespace losslab::ui {

namespace {

/// Translation context of this file's messages.
class SaveFile {
  Q_DECLARE_TR_FUNCTIONS(SaveFile)
};

void setError(QString* error, const QString& path, const QString& reason) {
  if (error) {
    *error = SaveFile::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
  }
}

}  // namespace

bool saveFile(const QString& path,
              const std::function<bool(QIODevice& device, QString* error)>& write,
              QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    setError(error, path, file.errorString());
    return false;
  }
  QString reason;
  if (!write(file, &reason)) {
    file.cancelWriting();
    setError(error, path, reason.isEmpty() ? file.errorString() : reason);
    return false;
  }
  if (!file.commit()) {
    setError(error, path, file.errorString());
    return false;
  }
  return true;
}

bool saveFile(const QString& path, const QByteArray& contents, QString* error) {
  return saveFile(
      path,
      [&contents](QIODevice& device, QString*) {
        return device.write(contents) == contents.size();
      },
      error);
}

}  // namespace losslab::ui
