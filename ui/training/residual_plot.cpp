// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/residual_plot.h"

#include "core/training/histogram.h"

namespace losslab::ui {

ResidualPlot::ResidualPlot(QWidget* parent) : TrainingPlot(parent) {
  xAxis->setLabel(tr("residual ŷ − y (training set)"));
  yAxis->setLabel(tr("samples"));
  legend->setVisible(false);
  setMinimumSize(220, 90);
  applyPalette();
}

void ResidualPlot::rescale() {
  TrainingPlot::rescale();  // with room for the outermost bars
  yAxis->setRangeLower(0);
}

void ResidualPlot::setRuns(const std::vector<RunRecord>& runs) {
  for (QCPBars* bars : m_bars) {
    removePlottable(bars);
  }
  m_bars.clear();
  for (const RunRecord& run : runs) {
    auto* bars = new QCPBars(xAxis, yAxis);
    QColor fill = run.color;
    fill.setAlpha(runs.size() > 1 ? 90 : 150);
    bars->setBrush(fill);
    bars->setPen(QPen(run.color.darker(120)));
    bars->setName(legendName(run.name));
    m_bars.push_back(bars);
  }
  legend->setVisible(runs.size() > 1);
}

void ResidualPlot::showSnapshot(const TrainingSnapshot& s) {
  std::vector<std::vector<double>> series;
  for (const RunSnapshot& run : s.runs) {
    series.push_back(residuals(run.yPred, s.yTrue));
  }
  const std::optional<SharedHistogram> h = sharedHistogram(series, kBins);
  if (!h) {
    return;
  }
  const std::vector<double> centers = h->centers();
  const QVector<double> keys(centers.begin(), centers.end());
  for (std::size_t r = 0; r < m_bars.size() && r < h->counts.size(); ++r) {
    m_bars[r]->setWidth(h->width);
    m_bars[r]->setData(keys, QVector<double>(h->counts[r].begin(), h->counts[r].end()), true);
  }
  followData();
}

}  // namespace losslab::ui
