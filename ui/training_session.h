// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include "param_spec.h"

namespace losslab::ui {

/// Everything that decides a training run, as a session file stores it (JSON). Reloading a
/// session and training again gives the same numbers: the data, the split, the initial weights
/// and the shuffling all follow `seed`.
struct TrainingSession {
  static constexpr int kFormatVersion = 1;

  // Data: a generator (DatasetKind name: "linear", "seed_sum", …) or "csv".
  QString dataset = QStringLiteral("linear");
  int samples = 500;
  double noise = 0.1;
  double outlierFraction = 0;
  double outlierMagnitude = 0;
  double validationSplit = 0.2;
  quint64 seed = 0;  // as losslab-cli train --seed
  QString csvPath;   // dataset "csv" only
  QString csvTarget;
  QStringList csvFeatures;

  // Network and optimizer.
  std::vector<int> hidden = {16, 32};
  QString activation = QStringLiteral("relu");
  QString optimizer = QStringLiteral("adam");  // "adam", "sgd", "rmsprop"
  double learningRate = 0.01;
  int batchSize = 32;
  int epochs = 200;

  // Losses: one (with its parameters) or, in compare mode, 2–4 ids.
  QString loss = QStringLiteral("mean_squared_error");
  ParamValues lossParams;
  bool compare = false;
  QStringList compareLosses;

  bool operator==(const TrainingSession& other) const = default;
};

/// Pretty-printed JSON with "format": "losslab-session", "version": 1.
QByteArray sessionToJson(const TrainingSession& session);

/// Parses and checks a session file's contents. On error returns nothing and sets `error` to
/// what is wrong and where: invalid JSON (with the character offset), a missing or mistyped
/// key ("\"optimizer.lr\" must be a positive number"), a value out of range.
std::optional<TrainingSession> sessionFromJson(const QByteArray& json, QString* error);

/// The `losslab-cli train` arguments that reproduce `loss` of this session (a custom
/// "custom:NAME" loss becomes --expr with its formula from the library): same data, network,
/// optimizer, seed and epochs, so the CLI prints the numbers the Training tab shows.
QStringList cliTrainArguments(const TrainingSession& session, const QString& loss);

}  // namespace losslab::ui
