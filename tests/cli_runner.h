// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running the real losslab-cli from a test (its path comes from the build as LOSSLAB_CLI_PATH)
// and reading what it prints. Shared by tst_cli, tst_cli_train and tst_cli_formula.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace losslab::test {

/// What one losslab-cli run returned.
struct CliRun {
  int exitCode = -1;  // −1: it did not finish normally (err says so)
  QString out;
  QString err;
};

inline constexpr int kCliTimeoutMs = 60000;

inline CliRun runCli(const QStringList& arguments) {
  QProcess process;
  process.start(QStringLiteral(LOSSLAB_CLI_PATH), arguments);
  CliRun run;
  if (!process.waitForFinished(kCliTimeoutMs) || process.exitStatus() != QProcess::NormalExit) {
    process.kill();
    run.err = QStringLiteral("losslab-cli did not finish normally");
    return run;
  }
  run.exitCode = process.exitCode();
  run.out = QString::fromUtf8(process.readAllStandardOutput());
  run.err = QString::fromUtf8(process.readAllStandardError());
  return run;
}

/// The JSON object the CLI printed, or an empty object (with a warning naming the problem).
inline QJsonObject parseObject(const QString& text) {
  QJsonParseError error;
  const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
  if (error.error != QJsonParseError::NoError || !document.isObject()) {
    qWarning("not a JSON object (%s): %s", qPrintable(error.errorString()), qPrintable(text));
    return {};
  }
  return document.object();
}

/// Writes `content` (UTF-8) to `directory`/`name` for the CLI to read; returns the path.
inline QString writeTextFile(const QString& directory,
                             const QString& name,
                             const QString& content) {
  const QString path = directory + QLatin1Char('/') + name;
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
    qFatal("cannot write %s", qPrintable(path));
  }
  f.write(content.toUtf8());
  return path;
}

}  // namespace losslab::test
