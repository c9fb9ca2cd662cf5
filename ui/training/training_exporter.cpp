// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_exporter.h"

#include <QCoreApplication>
#include <cmath>

#include "core/engine/error.h"
#include "core/export/training_script.h"
#include "core/io/csv_writer.h"
#include "ui/common/save_file.h"

namespace losslab::ui {

namespace {

struct Text {
  Q_DECLARE_TR_FUNCTIONS(losslab::ui::TrainingExporter)
};

}  // namespace

std::string historyCsv(const RunHistory& history) {
  CsvWriter csv;
  for (const char* name :
       {"run", "loss", "epoch", "steps", "learning_rate", "epoch_loss", "train_loss", "train_mae",
        "train_rmse", "train_r2", "val_loss", "val_mae", "val_rmse", "val_r2", "val_clean_mae",
        "val_clean_rmse", "val_inlier_mae"}) {
    csv.field(name);
  }
  csv.endRow();
  for (std::size_t r = 0; r < history.runs().size(); ++r) {
    const RunRecord& run = history.runs()[r];
    for (const EpochStats& s : run.epochs) {
      csv.number(static_cast<double>(r)).field(run.name.toStdString());
      csv.number(s.epoch).number(static_cast<double>(s.steps));
      const double values[] = {s.learningRate,    s.loss,           s.train.loss,
                               s.train.mae,       s.train.rmse,     s.train.r2,
                               s.validation.loss, s.validation.mae, s.validation.rmse,
                               s.validation.r2,   s.clean.cleanMae, s.clean.cleanRmse,
                               s.clean.inlierMae};
      csv.numbers(values);
    }
  }
  return csv.take();
}

std::string predictionsCsv(const TrainingSnapshot& s) {
  const bool oneD = s.featureCount == 1;
  CsvWriter csv;
  csv.field("index");
  if (oneD) {
    csv.field("x");
  }
  csv.field("y_true").field("outlier");
  for (const RunSnapshot& r : s.runs) {
    csv.field((r.name + QStringLiteral(" y_pred")).toStdString());
    csv.field((r.name + QStringLiteral(" influence")).toStdString());
  }
  csv.endRow();
  std::vector<bool> outlier(s.yTrue.size(), false);
  for (int i : s.outliers) {
    if (i >= 0 && static_cast<std::size_t>(i) < s.yTrue.size()) {
      outlier[static_cast<std::size_t>(i)] = true;
    }
  }
  auto at = [](const std::vector<double>& values, std::size_t i) {
    return i < values.size() ? values[i] : std::nan("");
  };
  for (std::size_t i = 0; i < s.yTrue.size(); ++i) {
    csv.number(static_cast<double>(i));
    if (oneD) {
      csv.number(at(s.x, i));
    }
    csv.number(s.yTrue[i]).number(outlier[i] ? 1 : 0);
    for (const RunSnapshot& r : s.runs) {
      csv.number(at(r.yPred, i)).number(at(r.influence, i));
    }
    csv.endRow();
  }
  return csv.take();
}

bool exportHistoryCsv(const RunHistory& history, const QString& path, QString* error) {
  return saveFile(path, QByteArray::fromStdString(historyCsv(history)), error);
}

bool exportPredictionsCsv(const TrainingSnapshot* snapshot, const QString& path, QString* error) {
  if (!snapshot || snapshot->runs.empty()) {
    if (error) {
      *error = Text::tr("There are no predictions yet.");
    }
    return false;
  }
  return saveFile(path, QByteArray::fromStdString(predictionsCsv(*snapshot)), error);
}

bool exportTrainingScriptFile(const TrainingConfig& config,
                              const Dataset& data,
                              CodeTarget target,
                              const QString& origin,
                              const QString& path,
                              QString* error) {
  std::string script;
  try {
    script = exportTrainingScript(config, data, target, origin.toStdString());
  } catch (const Error& e) {
    if (error) {
      *error = Text::tr("No %1 training script was written: %2")
                   .arg(QString::fromStdString(codeTargetName(target)),
                        QString::fromStdString(e.what()));
    }
    return false;
  }
  return saveFile(path, QByteArray::fromStdString(script), error);
}

}  // namespace losslab::ui
