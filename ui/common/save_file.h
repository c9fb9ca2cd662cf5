// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <functional>

class QIODevice;

namespace losslab::ui {

/// The one way the GUI writes a file: through QSaveFile (a temporary file beside the target,
/// renamed over it only when everything was written), so a failed write leaves the old file
/// untouched and creates nothing. On failure returns false and sets `error` to
/// "Cannot write <path>: <reason>".
bool saveFile(const QString& path, const QByteArray& contents, QString* error);
/// The same for writers that stream into a device (image encoders, PDF writers): `write`
/// returns false to abandon the file (then `error` holds its reason if it set one).
bool saveFile(const QString& path,
              const std::function<bool(QIODevice& device, QString* error)>& write,
              QString* error);

}  // namespace losslab::ui
