// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/engine/param_spec.h"

namespace losslab::ui {

/// An extra input of a formula (issue 13): a tensor loaded from a CSV file in the formula dock,
/// read by the formula as the variable `name` (as `--input NAME=FILE` on the CLI). The values
/// are kept with the loss, so the library does not depend on the file staying where it was.
struct FormulaInputData {
  QString name;
  QString file;  // where it was loaded from (shown, and the FILE of the CLI command)
  std::vector<std::vector<double>> rows;

  bool operator==(const FormulaInputData& other) const = default;
};

/// One named custom loss: the formula as the user typed it, the parameter values they
/// last chose (a subset of the formula's parameters; missing ones take the formula's defaults)
/// and its extra inputs.
struct CustomLoss {
  CustomLoss() = default;
  // A constructor rather than an aggregate: {name, source, params} stays valid without inputs.
  CustomLoss(QString name_,
             QString source_,
             ParamValues params_ = {},
             QList<FormulaInputData> inputs_ = {})
      : name(std::move(name_)),
        source(std::move(source_)),
        params(std::move(params_)),
        inputs(std::move(inputs_)) {}

  QString name;
  QString source;
  ParamValues params;
  QList<FormulaInputData> inputs;

  bool operator==(const CustomLoss& other) const = default;
  /// The names of `inputs`, for formula::parseFormula.
  std::vector<std::string> inputNames() const;
};

/// The custom-loss library's own data file (JSON), so the user's formulas are a file they can
/// see, back up and share, not an entry buried in QSettings:
///   {"format": "losslab-custom-losses", "version": 1,
///    "losses": [{"name": "...", "source": "...", "params": {"delta": 0.5},
///                "inputs": [{"name": "w", "file": "/path/w.csv", "rows": [[1, 2], ...]}]}, ...]}
/// Every write is atomic (QSaveFile) and first keeps the previous version as `<file>.bak`.
struct CustomLossFile {
  static constexpr int kFormatVersion = 1;

  /// <application data folder>/custom-losses.json.
  static QString defaultPath();
  static QString backupPath(const QString& path) { return path + QStringLiteral(".bak"); }

  /// The file's entries; an absent file is an empty list. nothing (and `error` says what and
  /// where) for a file that cannot be read or is not a library file.
  static std::optional<QList<CustomLoss>> read(const QString& path, QString* error);
  /// Writes `entries`, keeping the previous file as the backup. false with `error` on failure;
  /// the old file is then untouched.
  static bool write(const QString& path, const QList<CustomLoss>& entries, QString* error);
  /// Moves a damaged file aside (to `<file>.damaged`, or `.damaged-2`, … if taken) so that the
  /// next write cannot destroy what the user may still want to recover. Returns the new path.
  static QString setAside(const QString& path);
};

}  // namespace losslab::ui
