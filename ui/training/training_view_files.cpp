// SPDX-License-Identifier: GPL-3.0-or-later
// The Training tab's files: CSV and plot exports, sessions, the equivalent losslab-cli command
// and the training script (TrainingView's part that reads and writes files).
#include "core/training/session_file.h"
#include "ui/training/training_animation.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_exporter.h"
#include "ui/training/training_file_dialogs.h"
#include "ui/training/training_plots.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

// ---- files ------------------------------------------------------------------------------------

bool TrainingView::exportHistoryCsv(const QString& path, QString* error) const {
  return losslab::ui::exportHistoryCsv(m_plots->runs(), path, error);
}

bool TrainingView::exportPredictionsCsv(const QString& path, QString* error) const {
  return losslab::ui::exportPredictionsCsv(m_plots->snapshot(), path, error);
}

bool TrainingView::exportPlotPng(const QString& path, Plot which, QString* error) {
  return exportTrainingPlot(plot(which), path, error);
}

const TrainingConfig& TrainingView::session() const {
  return m_model->config();
}

bool TrainingView::applySession(const TrainingConfig& session, QString* error) {
  const bool ok = m_model->applySession(session, error);
  if (ok) {
    m_trainingMessage->setVisible(false);
  }
  return ok;
}

bool TrainingView::saveSession(const QString& path, QString* error) const {
  return m_model->saveSession(path, error);
}

bool TrainingView::loadSession(const QString& path, QString* error) {
  const bool ok = m_model->loadSession(path, error);
  if (ok) {
    m_trainingMessage->setVisible(false);
  }
  return ok;
}

bool TrainingView::exportTrainingScript(CodeTarget target,
                                        const QString& path,
                                        QString* error) const {
  // The header comment is one line: compare mode's commands (one per loss) joined by " ; ".
  const QString origin = QStringLiteral("LossLab's Training tab, the same run as: ") +
                         cliCommands().trimmed().replace(QLatin1Char('\n'), QStringLiteral(" ; "));
  return ui::exportTrainingScriptFile(m_controller->config(), m_controller->dataset(), target,
                                      origin, path, error);
}

QString TrainingView::cliCommands() const {
  return m_model->cliCommands();
}

// ---- dialogs ------------------------------------------------------------------------------------

void TrainingView::exportClicked(CommandBar::Export what) {
  using E = CommandBar::Export;
  if (what == E::History || what == E::Predictions) {
    const bool history = what == E::History;
    askAndExportCsv(this,
                    history ? QStringLiteral("history.csv") : QStringLiteral("predictions.csv"),
                    [this, history](const QString& path, QString* e) {
                      return history ? exportHistoryCsv(path, e) : exportPredictionsCsv(path, e);
                    });
  } else if (what == E::Animation) {
    exportTrainingAnimation(this);
  } else if (what == E::CliCommand) {
    askAndCopyCliCommands(this, *m_model);
  } else if (what == E::TrainingScript) {
    askAndExportTrainingScript(this, [this](CodeTarget target, const QString& path, QString* e) {
      return exportTrainingScript(target, path, e);
    });
  } else {
    askAndExportPlot(this, plot(what == E::FitPlot       ? Plot::Fit
                                : what == E::HistoryPlot ? Plot::History
                                                         : Plot::Residuals));
  }
}

}  // namespace losslab::ui
