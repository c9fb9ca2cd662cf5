// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/training/session_file.h"
#include "core/training/sweep.h"
#include "core/training/training_config.h"

namespace losslab::ui {

class EditedData;
class TrainingController;

/// The one owner of the Training tab's configuration. Widgets never hold the truth: they ask the
/// model for a change (request(), edit()), the model hands the whole new configuration to the
/// controller, which applies it atomically or refuses it whole, and the model then emits
/// changed() either way, so every widget shows the model again (a refused value never stays in
/// its widget). Session files and the "Copy as losslab-cli Command" text are made from the
/// model only.
///
/// Custom losses: the configuration carries each custom loss's formula and its full parameter
/// values (lossChoice() fills them in from the CustomLossLibrary), so what trains, what a
/// session stores and what the CLI command runs are the same loss.
///
/// Besides the configuration, the model remembers the parameters of every loss the user has
/// tuned (switching from Huber δ = 0.5 to MAE and back brings δ = 0.5 back) and the last CSV
/// columns chosen (so the data set list can switch back to the imported file).
class TrainingConfigModel : public QObject {
  Q_OBJECT

 public:
  TrainingConfigModel(TrainingController* controller, QObject* parent = nullptr);

  const TrainingConfig& config() const { return m_config; }

  /// Applies `next` whole or refuses it: false, `error` set (and refused() emitted), the
  /// configuration unchanged. changed() follows in both cases. `reloadData` reads the data
  /// again and starts a new run even if the configuration names the same file.
  ///
  /// A configuration whose CSV file must be read is accepted (true) but only pending: the
  /// controller reads the file on a pool thread (isLoading()), config() stays the current one,
  /// and when the read ends the model takes the configuration (dataLoaded(), changed()) or
  /// refuses it (refused() with the "<file>:<line>:<column>" message, changed()). A newer
  /// accepted request supersedes a pending one: the last request wins.
  bool request(const TrainingConfig& next, QString* error = nullptr, bool reloadData = false);
  /// request() on a copy of the configuration changed by `change`.
  bool edit(const std::function<void(TrainingConfig&)>& change, QString* error = nullptr);

  /// A loss as this model would put it in the configuration: the remembered parameters of `id`
  /// (or those in the configuration), a custom loss's formula from the library and its full
  /// parameter values. Throws losslab::Error for an id that names nothing.
  LossChoice lossChoice(const std::string& id) const;
  /// Sets the parameters of loss `id` everywhere it appears (the single loss, a compared one)
  /// and remembers them.
  bool setLossParams(const std::string& id, const ParamValues& params, QString* error = nullptr);

  /// The losses compare mode trains: exactly these ids (2–4, in this order); the focus stays
  /// if it is one of them, else the first. false with the reason otherwise.
  bool setCompareLosses(const QStringList& ids, QString* error = nullptr);

  /// Reads a CSV file and trains on the chosen columns (target: a column name or number, empty
  /// = the last; features: empty = every other column; clean: a column of clean targets, empty
  /// = none): a new data set, a new run. The columns are stored in their shortest form
  /// (csv_dataset.h). false with the reason otherwise.
  bool importCsv(const QString& path,
                 const QString& target,
                 const QStringList& features,
                 QString* error = nullptr,
                 const QString& clean = QString());
  /// A data file is being read for the latest request.
  bool isLoading() const;
  /// Waits for the pending request's file read and takes or refuses it (signals emitted
  /// before returning); false with the reason if refused. True at once when nothing is pending.
  bool waitForData(QString* error = nullptr);
  /// The last imported file (for the data set list), if any.
  bool hasImportedCsv() const { return !m_imported.csvPath.empty(); }
  /// The configuration's data switched back to the last imported CSV file.
  DataConfig importedData() const;

  /// The session file of the configuration (core/training/session_file.h), written atomically.
  bool saveSession(const QString& path, QString* error = nullptr) const;
  /// Reads a session file and applies it whole (a new run from the seed's weights), or changes
  /// nothing. Custom losses saved before formulas were stored are found in the library. Errors
  /// start with the file's name.
  bool loadSession(const QString& path, QString* error = nullptr);
  /// Applies a configuration as a session does (custom formulas completed, data reloaded, a new
  /// run).
  bool applySession(const TrainingConfig& session, QString* error = nullptr);
  /// `losslab-cli train` command lines that reproduce the run(s), one per trained loss.
  QString cliCommands() const;
  /// The same when points were edited: writes the edited data set to `csvPath` (sample_edits.h:
  /// x, y, the clean targets, the outlier flags, in the order that makes the CLI's split that of
  /// the run) and gives the commands that train on it. false with the reason otherwise.
  bool cliCommandsWithData(const QString& csvPath,
                           QString* commands,
                           QString* error = nullptr) const;

  /// The points edited by hand in the fit plot, with their undo history (part of the session).
  EditedData* edits() const { return m_edits; }

  /// The Sweep tab's plan: part of what a session file holds (so this model owns it), never
  /// part of the run (setting it changes no configuration and resets nothing).
  const std::optional<SweepPlan>& sweepPlan() const { return m_sweepPlan; }
  void setSweepPlan(const SweepPlan& plan) { m_sweepPlan = plan; }

 signals:
  /// The configuration the widgets show (after every request, accepted or refused).
  void changed(const losslab::TrainingConfig& config);
  /// A request was refused: what was wrong (the configuration is unchanged).
  void refused(const QString& message);
  /// A file's read started (true) or ended (false): the widgets show that they are busy.
  void loadingChanged(bool loading);
  /// A pending request's data arrived and its configuration is now config() (changed() follows).
  void dataLoaded();
  /// A session with a sweep plan was opened: the Sweep tab shows it.
  void sweepPlanLoaded(const losslab::SweepPlan& plan);

 private:
  /// A session's edited points need 1-D data; false with the reason.
  bool editedDataFits(const Session& session, QString* error) const;
  /// Fills in custom losses' formulas from the library; false with the reason.
  bool completeCustomLosses(TrainingConfig& config, QString* error) const;
  void remember(const TrainingConfig& config);
  /// The configuration is `config` from now on.
  void take(const TrainingConfig& config);
  /// The controller's read of the pending request ended.
  void loadFinished(bool applied, const QString& message);

  TrainingController* m_controller;
  EditedData* m_edits;
  TrainingConfig m_config;
  std::map<std::string, LossChoice> m_remembered;  // per loss id
  DataConfig m_imported;                           // the last imported CSV
  std::optional<SweepPlan> m_sweepPlan;
  std::optional<TrainingConfig> m_pending;  // accepted, waiting for its data file
};

}  // namespace losslab::ui
