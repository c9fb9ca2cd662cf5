// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/engine/param_spec.h"

namespace losslab::ui {

/// One loss of a session: an id as the UI's createLoss() takes it (a catalogue id or
/// "custom:NAME") and the parameter values that differ from, or restate, its defaults.
struct SessionLoss {
  QString id;
  ParamValues params;

  bool operator==(const SessionLoss& other) const = default;
};

/// Everything that decides a training run, as a session file stores it (JSON). Reloading a
/// session and training again gives the same numbers: the data, the split, the initial weights
/// and the shuffling all follow `seed` (the sub-streams of `losslab-cli train --seed`).
///
/// The defaults are those of a fresh Training tab, so TrainingSession{} ==
/// TrainingView().session(). The limits below are the controls' ranges: a session the view saved
/// always loads again.
struct TrainingSession {
  static constexpr int kFormatVersion = 1;

  // Limits shared by the file reader and the Training tab's controls.
  static constexpr int kMinSamples = 10;
  static constexpr int kMaxSamples = 200000;
  static constexpr double kMaxNoise = 10;
  static constexpr double kMaxOutlierFraction = 0.5;   // the slider's whole percents, 0–50 %
  static constexpr double kMaxOutlierMagnitude = 100;  // whole numbers
  static constexpr double kMaxValidationSplit = 0.9;
  static constexpr int kMaxHiddenLayers = 8;
  static constexpr int kMaxHiddenWidth = 1024;
  static constexpr double kMinLearningRate = 1e-6;
  static constexpr double kMaxLearningRate = 10;
  static constexpr int kMaxBatchSize = 65536;
  static constexpr int kMaxEpochs = 1000000;
  /// losslab-cli train takes seeds up to 2^53 (every one exact as a JSON number there).
  static constexpr std::uint64_t kMaxSeed = 9007199254740992ull;

  // Data: a generator (DatasetKind name: "seed_sum", "linear", "sine", …) or "csv".
  QString dataset = QStringLiteral("sine");
  int samples = 500;             // generators only, kMinSamples…kMaxSamples
  double noise = 0.1;            // σ of the Gaussian noise on y (3 decimals)
  double outlierFraction = 0;    // share of samples moved by an outlier (whole percents)
  double outlierMagnitude = 20;  // an outlier adds ± this to y (whole numbers)
  double validationSplit = 0.2;  // held-out share (3 decimals)
  std::uint64_t seed = 0;        // data, initial weights, split and shuffling
  QString csvPath;               // dataset "csv": the file (relative: to the session file)
  QString csvTarget;             // its target column (empty: the last one)
  QStringList csvFeatures;       // its feature columns (empty: every other column)

  // Network and optimizer.
  std::vector<int> hidden = {16, 32};
  QString activation = QStringLiteral("relu");  // relu, tanh, sigmoid, linear
  QString optimizer = QStringLiteral("adam");   // adam, sgd, rmsprop
  double learningRate = 0.01;                   // kept exactly (the slider shows the nearest)
  int batchSize = 32;
  int epochs = 200;  // Start's budget

  // Losses. Single mode trains `loss`; compare mode trains `compareLosses` (2–4 different ids,
  // in the loss list's order) side by side and colours the points by the influence of `focus`
  // (one of their ids). Both are kept whichever mode is on. One id has one set of parameters:
  // an id in both places carries the same values.
  SessionLoss loss{QStringLiteral("mean_squared_error"), {}};
  bool compare = false;
  std::vector<SessionLoss> compareLosses = {{QStringLiteral("mean_squared_error"), {}},
                                            {QStringLiteral("mean_absolute_error"), {}},
                                            {QStringLiteral("huber"), {}}};
  QString focus = QStringLiteral("mean_squared_error");

  bool operator==(const TrainingSession& other) const = default;
};

/// Pretty-printed JSON with "format": "losslab-session", "version": 1, the seed as a string
/// (JSON numbers are doubles; a 64-bit seed would lose digits).
QByteArray sessionToJson(const TrainingSession& session);

/// Parses and checks a session file's contents. A key that is absent takes its default (so a
/// hand-written file may give only what it changes); a key that is present must be valid. On
/// error returns nothing and sets `error` to what is wrong and where: invalid JSON (with the
/// character offset), or the dotted key and what it must be
/// ("\"optimizer.lr\" must be a number from 1e-06 to 10").
/// Whether loss ids exist and their parameters are valid is checked by
/// TrainingView::applySession (the custom-loss library is the view's to ask).
std::optional<TrainingSession> sessionFromJson(const QByteArray& json, QString* error);

/// The `losslab-cli train` arguments that reproduce `loss` (one of the session's losses, with
/// its parameters) trained on this session's data, network, optimizer, seed and epochs, so the
/// CLI prints the numbers the Training tab shows. A "custom:NAME" loss becomes --expr with its
/// formula from the library.
QStringList cliTrainArguments(const TrainingSession& session, const SessionLoss& loss);

}  // namespace losslab::ui
