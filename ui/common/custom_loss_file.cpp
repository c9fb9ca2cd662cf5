// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/custom_loss_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include "ui/common/save_file.h"

namespace losslab::ui {

namespace {

/// Translation context of this file's messages.
class CustomLossFileText {
  Q_DECLARE_TR_FUNCTIONS(CustomLossFile)
};

constexpr auto kFormat = "losslab-custom-losses";

void setError(QString* error, const QString& message) {
  if (error) {
    *error = message;
  }
}

QJsonObject toJson(const CustomLoss& entry) {
  QJsonObject params;
  for (const auto& [id, value] : entry.params) {
    params.insert(QString::fromStdString(id), value);
  }
  QJsonObject object{{QStringLiteral("name"), entry.name},
                     {QStringLiteral("source"), entry.source},
                     {QStringLiteral("params"), params}};
  if (!entry.inputs.isEmpty()) {
    QJsonArray inputs;
    for (const FormulaInputData& input : entry.inputs) {
      QJsonArray rows;
      for (const std::vector<double>& row : input.rows) {
        QJsonArray values;
        for (const double v : row) {
          values.push_back(v);
        }
        rows.push_back(values);
      }
      inputs.push_back(QJsonObject{{QStringLiteral("name"), input.name},
                                   {QStringLiteral("file"), input.file},
                                   {QStringLiteral("rows"), rows}});
    }
    object.insert(QStringLiteral("inputs"), inputs);
  }
  return object;
}

/// The "inputs" of an entry; an input whose rows are not all numbers of one length is dropped.
QList<FormulaInputData> inputsFromJson(const QJsonArray& array) {
  QList<FormulaInputData> inputs;
  for (const QJsonValue& value : array) {
    const QJsonObject object = value.toObject();
    FormulaInputData input;
    input.name = object.value(QStringLiteral("name")).toString();
    input.file = object.value(QStringLiteral("file")).toString();
    bool ok = !input.name.isEmpty();
    for (const QJsonValue& rowValue : object.value(QStringLiteral("rows")).toArray()) {
      std::vector<double> row;
      for (const QJsonValue& v : rowValue.toArray()) {
        ok = ok && v.isDouble();
        row.push_back(v.toDouble());
      }
      ok = ok && !row.empty() && (input.rows.empty() || row.size() == input.rows[0].size());
      input.rows.push_back(std::move(row));
    }
    if (ok && !input.rows.empty()) {
      inputs.push_back(std::move(input));
    }
  }
  return inputs;
}

}  // namespace

QString CustomLossFile::defaultPath() {
  return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
         QStringLiteral("/custom-losses.json");
}

std::optional<QList<CustomLoss>> CustomLossFile::read(const QString& path, QString* error) {
  QFile file(path);
  if (!file.exists()) {
    return QList<CustomLoss>{};
  }
  const QString where = QDir::toNativeSeparators(path);
  if (!file.open(QIODevice::ReadOnly)) {
    setError(error, CustomLossFileText::tr("Cannot read %1: %2").arg(where, file.errorString()));
    return std::nullopt;
  }
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    setError(error, CustomLossFileText::tr("%1 is not valid JSON (at character %2: %3)")
                        .arg(where)
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    return std::nullopt;
  }
  const QJsonObject root = document.object();
  if (root.value(QStringLiteral("format")).toString() != QLatin1String(kFormat) ||
      !root.value(QStringLiteral("losses")).isArray()) {
    setError(error, CustomLossFileText::tr("%1 is not a LossLab custom-loss library").arg(where));
    return std::nullopt;
  }
  if (root.value(QStringLiteral("version")).toInt() > kFormatVersion) {
    setError(error, CustomLossFileText::tr("%1 was written by a newer LossLab (version %2)")
                        .arg(where)
                        .arg(root.value(QStringLiteral("version")).toInt()));
    return std::nullopt;
  }
  QList<CustomLoss> entries;
  for (const QJsonValue& value : root.value(QStringLiteral("losses")).toArray()) {
    const QJsonObject object = value.toObject();
    CustomLoss entry;
    entry.name = object.value(QStringLiteral("name")).toString();
    entry.source = object.value(QStringLiteral("source")).toString();
    const QJsonObject params = object.value(QStringLiteral("params")).toObject();
    for (auto it = params.begin(); it != params.end(); ++it) {
      if (it.value().isDouble()) {
        entry.params[it.key().toStdString()] = it.value().toDouble();
      }
    }
    entry.inputs = inputsFromJson(object.value(QStringLiteral("inputs")).toArray());
    entries.push_back(entry);
  }
  return entries;
}

std::vector<std::string> CustomLoss::inputNames() const {
  std::vector<std::string> names;
  for (const FormulaInputData& input : inputs) {
    names.push_back(input.name.toStdString());
  }
  return names;
}

bool CustomLossFile::write(const QString& path, const QList<CustomLoss>& entries, QString* error) {
  QJsonArray losses;
  for (const CustomLoss& entry : entries) {
    losses.push_back(toJson(entry));
  }
  const QJsonObject root{{QStringLiteral("format"), QLatin1String(kFormat)},
                         {QStringLiteral("version"), kFormatVersion},
                         {QStringLiteral("losses"), losses}};
  if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
    setError(error, CustomLossFileText::tr("Cannot create the folder %1")
                        .arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath())));
    return false;
  }
  // The previous version becomes the backup (itself written atomically) before the new one
  // replaces it: a mistaken change is one copy away from undone.
  if (QFile old(path); old.exists()) {
    if (!old.open(QIODevice::ReadOnly) || !saveFile(backupPath(path), old.readAll(), error)) {
      return false;
    }
  }
  return saveFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

QString CustomLossFile::setAside(const QString& path) {
  QString target = path + QStringLiteral(".damaged");
  for (int k = 2; QFile::exists(target); ++k) {
    target = path + QStringLiteral(".damaged-%1").arg(k);
  }
  return QFile::rename(path, target) ? target : QString();
}

}  // namespace losslab::ui
