// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_plots.h"

#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/training/fit_plot.h"
#include "ui/training/fit_small_multiples.h"
#include "ui/training/history_panel.h"
#include "ui/training/metrics_table.h"
#include "ui/training/metrics_table_model.h"
#include "ui/training/residual_plot.h"

namespace losslab::ui {

TrainingPlots::TrainingPlots(QWidget* parent)
    : QWidget(parent), m_metrics(new MetricsTableModel(&m_runs, this)) {
  m_fit = new FitPlot;
  m_history = new HistoryPanel(&m_runs);
  m_residuals = new ResidualPlot;
  m_table = new MetricsTable(m_metrics);
  // The fit gets the left ~55 %: the picture that teaches; history and residuals share the
  // rest. Compare mode's table runs below both, across the whole width: its eight columns
  // and the losses' full names fit there even at 1024 × 700, and beside the fit they left
  // the histogram 100 px (issue 14).
  auto* right = new QSplitter(Qt::Vertical);
  right->setChildrenCollapsible(false);
  right->addWidget(m_history);
  right->addWidget(m_residuals);
  right->setStretchFactor(0, 5);
  right->setStretchFactor(1, 3);
  right->setSizes({500, 300});
  m_multiples = new FitSmallMultiples;
  m_fitStack = new QStackedWidget;
  m_fitStack->addWidget(m_fit);
  m_fitStack->addWidget(m_multiples);
  auto* top = new QSplitter(Qt::Horizontal);
  top->setChildrenCollapsible(false);
  top->addWidget(m_fitStack);
  top->addWidget(right);
  top->setStretchFactor(0, 57);
  top->setStretchFactor(1, 43);
  top->setSizes({570, 430});
  m_top = top;
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(top, 1);
  layout->addWidget(m_table);  // as high as its rows (MetricsTable::fitColumns)
}

TrainingPlots::~TrainingPlots() {
  // The table and the history panel read m_runs, a member: the widgets go first.
  delete m_table;
  delete m_top;
}

void TrainingPlots::restart(const QStringList& names) {
  m_runs.restart(names);
  for (TrainingPlot* p :
       std::initializer_list<TrainingPlot*>{m_fit, m_history->plot(), m_residuals}) {
    p->setFollowing(true);
  }
  showRuns();
}

bool TrainingPlots::smallMultiples() const {
  return m_fitStack->currentWidget() == m_multiples;
}

void TrainingPlots::setSmallMultiples(bool on) {
  m_fitStack->setCurrentWidget(on ? static_cast<QWidget*>(m_multiples) : m_fit);
  showMultiples();
}

void TrainingPlots::showMultiples() {
  // Drawn only while shown: four more plots per snapshot otherwise, for nothing.
  if (smallMultiples() && m_hasSnapshot && m_set) {  // the hidden overlay keeps the ranges
    m_multiples->showSnapshot(m_snapshot, *m_set, *m_fit);
  }
}

void TrainingPlots::showRuns() {
  m_fit->setRuns(m_runs.runs());
  m_multiples->setRuns(m_runs.runs());
  m_history->plot()->setRuns(m_runs.runs());
  m_history->plot()->rebuild(m_runs.runs());
  m_residuals->setRuns(m_runs.runs());
  m_metrics->refresh();
  queueReplots();
}

void TrainingPlots::appendEpoch(const EpochStats& stats) {
  m_runs.append(stats);
  m_history->plot()->append(stats);
}

void TrainingPlots::showSnapshot(const TrainingSnapshot& snapshot, int focus, const Dataset& set) {
  m_snapshot = snapshot;
  m_hasSnapshot = true;
  QStringList names;
  for (const RunSnapshot& run : snapshot.runs) {
    names << run.name;
  }
  QStringList known;
  for (const RunRecord& run : m_runs.runs()) {
    known << run.name;
  }
  if (names != known) {  // a live change of a loss's parameters renames its run
    if (!m_runs.rename(names)) {
      m_runs.restart(names);
    }
    showRuns();
  }
  m_fit->showSnapshot(snapshot, focus, set);
  m_set = &set;
  showMultiples();
  m_residuals->showSnapshot(snapshot);
  m_history->plot()->followData();
  m_metrics->refresh();
  queueReplots();
}

void TrainingPlots::showConfig(const TrainingConfig& c, const Dataset& set, bool synthetic) {
  if (!m_shownOnce || !(c.data == m_shown.data) || c.seed != m_shown.seed) {
    m_fit->setTruth(set, synthetic);
    m_multiples->setTruth(set, synthetic);
    m_fit->setFollowing(true);
    m_residuals->setFollowing(true);
  }
  if (m_shownOnce && c.focus != m_shown.focus && m_hasSnapshot) {
    m_fit->showSnapshot(m_snapshot, c.focusIndex(), set);
  }
  m_table->setVisible(c.compare);
  m_history->showData(c.compare, set.size() > 0 && set.clean.size() == set.size());
  m_shown = c;
  m_shownOnce = true;
  m_fit->queueReplot();
}

void TrainingPlots::setRunning(bool running) {
  m_history->plot()->setLive(running);
  for (TrainingPlot* p :
       std::initializer_list<TrainingPlot*>{m_fit, m_history->plot(), m_residuals}) {
    p->setPaced(running);
  }
  m_fit->setLive(running);
  for (int i = 0; i < m_multiples->panelCount(); ++i) {
    m_multiples->panel(i)->setLive(running);
  }
  if (!running) {
    queueReplots();  // the newest colours of the points, and everything smooth
  }
}

void TrainingPlots::queueReplots() {
  for (TrainingPlot* p :
       std::initializer_list<TrainingPlot*>{m_fit, m_history->plot(), m_residuals}) {
    p->queueReplot();
  }
}

void TrainingPlots::replotNow() {
  for (TrainingPlot* p :
       std::initializer_list<TrainingPlot*>{m_fit, m_history->plot(), m_residuals}) {
    p->replot(QCustomPlot::rpImmediateRefresh);
  }
}

void TrainingPlots::setLineScale(double scale) {
  for (TrainingPlot* plot :
       std::initializer_list<TrainingPlot*>{m_fit, m_history->plot(), m_residuals}) {
    plot->setLineScale(scale);
  }
  m_multiples->setLineScale(scale);
}

}  // namespace losslab::ui
