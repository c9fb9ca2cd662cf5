// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/fit_small_multiples.h"

#include <qcustomplot.h>
#include <QGridLayout>

#include "ui/training/fit_plot.h"

namespace losslab::ui {

namespace {

/// Panels per row: two, so four losses make a 2 × 2 grid.
constexpr int kColumns = 2;

}  // namespace

FitSmallMultiples::FitSmallMultiples(QWidget* parent)
    : QWidget(parent), m_grid(new QGridLayout(this)) {
  m_grid->setContentsMargins(0, 0, 0, 0);
  m_grid->setSpacing(4);
}

void FitSmallMultiples::setRuns(const std::vector<RunRecord>& runs) {
  while (m_panels.size() > runs.size()) {
    delete m_panels.back();
    m_panels.pop_back();
  }
  while (m_panels.size() < runs.size()) {
    auto* panel = new FitPlot(this);
    panel->setObjectName(QStringLiteral("fitPanel%1").arg(m_panels.size()));
    panel->setMinimumSize(160, 120);
    panel->setFollowing(false);  // the overlay's ranges, set in showSnapshot
    panel->setLineScale(m_lineScale);
    const int i = static_cast<int>(m_panels.size());
    m_grid->addWidget(panel, i / kColumns, i % kColumns);
    m_panels.push_back(panel);
    panel->setTruth(m_truthSet, m_synthetic);
  }
  for (std::size_t i = 0; i < runs.size(); ++i) {
    m_panels[i]->setRuns({runs[i]});
  }
}

void FitSmallMultiples::setLineScale(double scale) {
  m_lineScale = scale;
  for (FitPlot* panel : m_panels) {
    panel->setLineScale(scale);
  }
}

void FitSmallMultiples::setTruth(const Dataset& set, bool synthetic) {
  m_truthSet = set;
  m_synthetic = synthetic;
  for (FitPlot* panel : m_panels) {
    panel->setTruth(set, synthetic);
  }
}

void FitSmallMultiples::showSnapshot(const TrainingSnapshot& snapshot,
                                     const Dataset& set,
                                     const FitPlot& axes) {
  for (std::size_t i = 0; i < m_panels.size() && i < snapshot.runs.size(); ++i) {
    TrainingSnapshot one = snapshot;  // the points and run i only: its influence colours them
    one.runs = {snapshot.runs[i]};
    m_panels[i]->showSnapshot(one, 0, set);
    m_panels[i]->xAxis->setRange(axes.xAxis->range());
    m_panels[i]->yAxis->setRange(axes.yAxis->range());
    m_panels[i]->queueReplot();
  }
}

void FitSmallMultiples::queueReplot() {
  for (FitPlot* panel : m_panels) {
    panel->queueReplot();
  }
}

}  // namespace losslab::ui
