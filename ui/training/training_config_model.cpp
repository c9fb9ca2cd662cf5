// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_config_model.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>

#include "core/engine/error.h"
#include "core/training/csv_dataset.h"
#include "core/training/sample_edits.h"
#include "core/training/session_file.h"
#include "core/training/train_command.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/common/save_file.h"
#include "ui/training/edited_data.h"
#include "ui/training/training_controller.h"

namespace losslab::ui {

namespace {

std::vector<LossChoice*> lossesOf(TrainingConfig& config) {
  std::vector<LossChoice*> all{&config.loss};
  for (LossChoice& loss : config.compareLosses) {
    all.push_back(&loss);
  }
  return all;
}

}  // namespace

TrainingConfigModel::TrainingConfigModel(TrainingController* controller, QObject* parent)
    : QObject(parent),
      m_controller(controller),
      m_edits(new EditedData(controller, this)),
      m_config(controller->config()) {
  remember(m_config);
  connect(controller, &TrainingController::loadingChanged, this,
          &TrainingConfigModel::loadingChanged);
  connect(controller, &TrainingController::loadFinished, this, &TrainingConfigModel::loadFinished);
}

bool TrainingConfigModel::isLoading() const {
  return m_controller->isLoading();
}

bool TrainingConfigModel::waitForData(QString* error) {
  return m_controller->waitForLoad(error);
}

void TrainingConfigModel::take(const TrainingConfig& config) {
  m_config = config;
  remember(m_config);
  m_edits->syncWithController();  // new data drops the edits of the old
}

void TrainingConfigModel::loadFinished(bool applied, const QString& message) {
  if (!m_pending) {
    return;
  }
  const TrainingConfig pending = std::move(*m_pending);
  m_pending.reset();
  if (applied) {
    take(pending);
    emit dataLoaded();
  } else {
    emit refused(message);  // "Could not use the data; …\n<file>:<line>:<column>: …"
  }
  emit changed(m_config);
}

bool TrainingConfigModel::request(const TrainingConfig& next, QString* error, bool reloadData) {
  QString problem;
  TrainingConfig complete = next;
  const bool ok = completeCustomLosses(complete, &problem) &&
                  m_controller->apply(complete, &problem, reloadData);
  if (ok && m_controller->isLoading()) {
    m_pending = complete;  // taken when the data arrive (loadFinished)
  } else if (ok) {
    m_pending.reset();  // superseded
    take(complete);
  } else {
    if (error) {
      *error = problem;
    }
    emit refused(problem);
  }
  emit changed(m_config);
  return ok;
}

bool TrainingConfigModel::edit(const std::function<void(TrainingConfig&)>& change, QString* error) {
  TrainingConfig next = m_config;
  change(next);
  return request(next, error);
}

LossChoice TrainingConfigModel::lossChoice(const std::string& id) const {
  TrainingConfig config = m_config;
  for (const LossChoice* loss : lossesOf(config)) {
    if (loss->id == id) {
      return *loss;
    }
  }
  if (const auto it = m_remembered.find(id); it != m_remembered.end()) {
    return it->second;
  }
  LossChoice choice{id, {}, {}};
  if (losslab::isCustomLossId(id)) {
    // The library's formula and the parameter values stored with it.
    const QString qid = QString::fromStdString(id);
    const std::optional<CustomLoss> entry = CustomLossLibrary::instance().find(customLossName(qid));
    if (!entry) {
      throw Error::usage("there is no custom loss named '" + customLossName(qid).toStdString() +
                         "' in the library");
    }
    choice.formula = entry->source.toStdString();
    choice.params = createLoss(qid)->params();
  }
  return choice;
}

bool TrainingConfigModel::setLossParams(const std::string& id,
                                        const ParamValues& params,
                                        QString* error) {
  TrainingConfig next = m_config;
  bool used = false;
  for (LossChoice* loss : lossesOf(next)) {
    if (loss->id == id) {
      loss->params = params;
      used = true;
    }
  }
  if (!used) {
    LossChoice choice = lossChoice(id);
    choice.params = params;
    m_remembered[id] = choice;
    emit changed(m_config);
    return true;
  }
  return request(next, error);
}

bool TrainingConfigModel::setCompareLosses(const QStringList& ids, QString* error) {
  TrainingConfig next = m_config;
  next.compareLosses.clear();
  try {
    for (const QString& id : ids) {
      next.compareLosses.push_back(lossChoice(id.toStdString()));
    }
  } catch (const Error& e) {
    if (error) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  const bool kept = std::any_of(next.compareLosses.begin(), next.compareLosses.end(),
                                [&](const LossChoice& loss) { return loss.id == next.focus; });
  if (!kept && !next.compareLosses.empty()) {
    next.focus = next.compareLosses.front().id;
  }
  return request(next, error);
}

bool TrainingConfigModel::completeCustomLosses(TrainingConfig& config, QString* error) const {
  for (LossChoice* loss : lossesOf(config)) {
    if (!losslab::isCustomLossId(loss->id) || !loss->formula.empty()) {
      continue;
    }
    // A session written before formulas were stored: the library must know the name.
    const QString id = QString::fromStdString(loss->id);
    const std::optional<CustomLoss> entry = CustomLossLibrary::instance().find(customLossName(id));
    if (!entry) {
      if (error) {
        *error = tr("The custom loss \"%1\" is not in your library, and the session does not "
                    "carry its formula.")
                     .arg(customLossName(id));
      }
      return false;
    }
    try {
      loss->params = createLoss(id, loss->params)->params();
    } catch (const Error& e) {
      if (error) {
        *error = QString::fromStdString(e.what());
      }
      return false;
    }
    loss->formula = entry->source.toStdString();
  }
  return true;
}

void TrainingConfigModel::remember(const TrainingConfig& config) {
  TrainingConfig copy = config;
  for (const LossChoice* loss : lossesOf(copy)) {
    m_remembered[loss->id] = *loss;
  }
  if (config.data.source == DataConfig::Source::Csv) {
    m_imported = config.data;
  }
}

bool TrainingConfigModel::importCsv(const QString& path,
                                    const QString& target,
                                    const QStringList& features,
                                    QString* error,
                                    const QString& clean) {
  auto fail = [&](const QString& message) {
    if (error) {
      *error = message;
    }
    emit refused(message);
    emit changed(m_config);
    return false;
  };
  TrainingConfig next = m_config;
  next.data.source = DataConfig::Source::Csv;
  next.data.csvPath = QFile::encodeName(QFileInfo(path).absoluteFilePath()).toStdString();
  try {
    // The first lines name the columns; the whole file is read by the controller, off this
    // thread.
    const std::vector<std::string> names =
        csvFileColumnNames(QFile::encodeName(path).toStdString());
    std::vector<std::string> chosen;
    for (const QString& feature : features) {
      chosen.push_back(feature.toStdString());
    }
    const std::string cleanColumn =
        clean.isEmpty()
            ? std::string()
            : names[static_cast<std::size_t>(csvColumnIndex(names, clean.toStdString()))];
    CsvColumnChoice columns = canonicalCsvColumns(names, target.toStdString(), chosen);
    // Every column but the target and the clean one is the default: left unsaid.
    if (!cleanColumn.empty() && !columns.features.empty()) {
      const std::string targetName = columns.target.empty() ? names.back() : columns.target;
      std::vector<std::string> others;
      for (const std::string& name : names) {
        if (name != targetName && name != cleanColumn) {
          others.push_back(name);
        }
      }
      if (others == columns.features) {
        columns.features.clear();
      }
    }
    next.data.csvTarget = columns.target;
    next.data.csvFeatures = columns.features;
    next.data.csvClean = cleanColumn;
  } catch (const Error& e) {
    // Messages name the place: "<file>:<line>:<column>: <what>".
    return fail(tr("Could not import the file; the current data set is kept.\n%1")
                    .arg(QString::fromStdString(e.what())));
  }
  return request(next, error, true);
}

DataConfig TrainingConfigModel::importedData() const {
  DataConfig data = m_config.data;
  data.source = DataConfig::Source::Csv;
  data.csvPath = m_imported.csvPath;
  data.csvTarget = m_imported.csvTarget;
  data.csvFeatures = m_imported.csvFeatures;
  data.csvClean = m_imported.csvClean;
  return data;
}

bool TrainingConfigModel::saveSession(const QString& path, QString* error) const {
  const std::optional<DatasetSplit>& edited = m_edits->data();
  return saveFile(
      path,
      QByteArray::fromStdString(sessionToJson(m_config, m_sweepPlan, edited ? &*edited : nullptr)),
      error);
}

bool TrainingConfigModel::loadSession(const QString& path, QString* error) {
  Session session;
  try {
    session = readSession(QFile::encodeName(path).toStdString());
  } catch (const Error& e) {
    if (error) {
      *error = QString::fromStdString(e.what());  // starts with the file's name
    }
    return false;
  }
  QString problem;
  if (session.edited && !editedDataFits(session, &problem)) {
    if (error) {
      *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), problem);
    }
    return false;
  }
  if (!applySession(session.config, &problem)) {
    if (error) {
      *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), problem);
    }
    return false;  // the plan too stays as it was
  }
  if (session.edited) {
    const Dataset& data = m_controller->dataset();  // the names of the edited points
    for (Dataset* set : {&session.edited->train, &session.edited->validation}) {
      set->name = data.name;
      set->featureNames = data.featureNames;
      set->targetName = data.targetName;
    }
    m_edits->restore(session.edited);
  }
  if (session.sweep) {
    m_sweepPlan = session.sweep;
    emit sweepPlanLoaded(*session.sweep);
  }
  return true;
}

bool TrainingConfigModel::applySession(const TrainingConfig& session, QString* error) {
  // A session (a lesson step, a preset) is applied whole before the caller goes on: its edited
  // points and its next step need the data, so its file is waited for.
  if (!request(session, error, true) || !waitForData(error)) {
    return false;
  }
  m_controller->reset();  // every run from the seed's weights, epoch 0, Ready
  return true;
}

QString TrainingConfigModel::cliCommands() const {
  return QString::fromStdString(trainCommandLines(m_config));
}

bool TrainingConfigModel::editedDataFits(const Session& session, QString* error) const {
  // The points are 1-D and need a configuration whose data is 1-D.
  try {
    if (makeTrainingData(session.config).featureCount() == 1) {
      return true;
    }
  } catch (const Error&) {
    return true;  // applySession says what is wrong with the data
  }
  if (error) {
    *error = tr("\"edited_data\" needs a data set with one feature");
  }
  return false;
}

bool TrainingConfigModel::cliCommandsWithData(const QString& csvPath,
                                              QString* commands,
                                              QString* error) const {
  const std::optional<DatasetSplit>& edited = m_edits->data();
  if (!edited) {
    *commands = cliCommands();
    return true;
  }
  const ReproducibleData file = reproducibleData(*edited, trainOptions(m_config));
  if (!saveFile(csvPath, QByteArray::fromStdString(editedDataCsv(file.data)), error)) {
    return false;
  }
  const EditedCsvColumns columns = editedCsvColumns(file.data);
  TrainingConfig config = m_config;
  DataConfig& d = config.data;
  d.source = DataConfig::Source::Csv;
  d.csvPath = QFile::encodeName(QFileInfo(csvPath).absoluteFilePath()).toStdString();
  d.csvTarget = columns.target;
  d.csvFeatures = {columns.feature};
  d.csvClean = columns.clean;
  d.validationSplit = file.validationSplit;
  *commands = QString::fromStdString(trainCommandLines(config));
  return true;
}

}  // namespace losslab::ui
