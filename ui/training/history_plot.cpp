// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/history_plot.h"

#include <limits>

#include "ui/common/log_axis_ticker.h"

namespace losslab::ui {

HistoryPlot::HistoryPlot(QWidget* parent) : TrainingPlot(parent) {
  xAxis->setLabel(tr("epoch"));
  yAxis->setLabel(tr("loss"));
  // Line styles once for all runs (the colours name the runs): solid train, dashed validation.
  m_trainKey = addGraph();
  m_trainKey->setName(tr("train"));
  m_validationKey = addGraph();
  m_validationKey->setName(tr("validation"));
  setMinimumSize(220, 110);
  applyPalette();
}

void HistoryPlot::applyPalette() {
  TrainingPlot::applyPalette();
  if (!m_trainKey) {
    return;  // the base constructor's call
  }
  QColor subtle = palette().color(QPalette::WindowText);
  subtle.setAlpha(140);
  m_trainKey->setPen(QPen(subtle, lineWidth(2)));
  m_validationKey->setPen(QPen(subtle, lineWidth(2), Qt::DashLine));
}

void HistoryPlot::setRuns(const std::vector<RunRecord>& runs) {
  for (const Series& s : m_series) {
    removeGraph(s.trainRaw);
    removeGraph(s.trainSmooth);
    removeGraph(s.validationRaw);
    removeGraph(s.validationSmooth);
  }
  m_series.clear();
  for (const RunRecord& run : runs) {
    Series s{
        nullptr, nullptr,     nullptr, nullptr, EmaSmoother(m_smoothing), EmaSmoother(m_smoothing),
        false,   EpochStats{}};
    QColor faint = run.color;
    faint.setAlpha(70);
    s.trainRaw = addGraph();
    s.trainRaw->setPen(QPen(faint, lineWidth(1)));
    s.trainRaw->removeFromLegend();
    s.trainSmooth = addGraph();
    s.trainSmooth->setPen(QPen(run.color, lineWidth(2)));
    s.trainSmooth->setName(legendName(run.name));  // the colour names the run
    s.validationRaw = addGraph();
    s.validationRaw->setPen(QPen(faint, lineWidth(1), Qt::DashLine));
    s.validationRaw->removeFromLegend();
    s.validationSmooth = addGraph();
    s.validationSmooth->setPen(QPen(run.color, lineWidth(2), Qt::DashLine));
    s.validationSmooth->removeFromLegend();  // the "validation" key says: dashed
    m_series.push_back(s);
  }
  // The line-style keys after the runs' names.
  m_trainKey->removeFromLegend();
  m_validationKey->removeFromLegend();
  m_trainKey->addToLegend();
  m_validationKey->addToLegend();
  showTrainKey();
}

bool HistoryPlot::hasTrainSeries(Metric metric) {
  return metric != Metric::CleanMae && metric != Metric::CleanRmse && metric != Metric::InlierMae;
}

double HistoryPlot::valueOf(const EpochStats& stats,
                            bool validation,
                            const EpochStats* first) const {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const RegressionMetrics& m = validation ? stats.validation : stats.train;
  switch (m_metric) {
    case Metric::CleanMae:
      return validation ? stats.clean.cleanMae : nan;
    case Metric::CleanRmse:
      return validation ? stats.clean.cleanRmse : nan;
    case Metric::InlierMae:
      return validation ? stats.clean.inlierMae : nan;
    case Metric::LossRatio: {
      if (!first) {
        return nan;
      }
      // Each loss against its own start: 1 at the first epoch, whatever the loss's scale.
      const double now = validation ? stats.validation.loss : stats.loss;
      const double start = validation ? first->validation.loss : first->loss;
      return start > 0 ? now / start : nan;
    }
    case Metric::Loss:
      return validation ? m.loss : stats.loss;
    case Metric::Mae:
      return m.mae;
    case Metric::Rmse:
      return m.rmse;
    case Metric::R2:
      return m.r2;
  }
  return m.loss;
}

void HistoryPlot::append(const EpochStats& stats) {
  if (stats.run < 0 || stats.run >= static_cast<int>(m_series.size())) {
    return;  // from runs that a restart replaced
  }
  Series& s = m_series[static_cast<std::size_t>(stats.run)];
  if (!s.hasFirst) {
    s.first = stats;
    s.hasFirst = true;
  }
  const double x = stats.epoch;
  const double train = valueOf(stats, false, &s.first);
  const double validation = valueOf(stats, true, &s.first);
  s.trainRaw->addData(x, train);
  s.validationRaw->addData(x, validation);
  s.trainSmooth->addData(x, s.trainEma.add(train));
  s.validationSmooth->addData(x, s.validationEma.add(validation));
  const bool showRaw = m_smoothing > 0;
  s.trainRaw->setVisible(showRaw);
  s.validationRaw->setVisible(showRaw);
}

void HistoryPlot::rebuild(const std::vector<RunRecord>& runs) {
  for (std::size_t r = 0; r < m_series.size(); ++r) {
    Series& s = m_series[r];
    s.trainEma = EmaSmoother(m_smoothing);
    s.validationEma = EmaSmoother(m_smoothing);
    s.hasFirst = false;
    for (QCPGraph* g : {s.trainRaw, s.trainSmooth, s.validationRaw, s.validationSmooth}) {
      g->data()->clear();
    }
    if (r < runs.size()) {
      for (const EpochStats& stats : runs[r].epochs) {
        append(stats);
      }
    }
  }
  followData();
}

void HistoryPlot::setMetric(Metric metric, const QString& label) {
  m_metric = metric;
  yAxis->setLabel(label);
  showTrainKey();
}

void HistoryPlot::showTrainKey() {
  // The clean errors have no training series: no "train" key for a line that is not drawn.
  if (!hasTrainSeries(m_metric)) {
    m_trainKey->removeFromLegend();
  } else if (!legend->hasItemWithPlottable(m_trainKey)) {
    m_validationKey->removeFromLegend();
    m_trainKey->addToLegend();
    m_validationKey->addToLegend();
  }
}

void HistoryPlot::setSmoothing(double weight) {
  m_smoothing = weight;
}

void HistoryPlot::setLogarithmic(bool on) {
  yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
  yAxis->setTicker(on ? QSharedPointer<QCPAxisTicker>(new LogAxisTicker)
                      : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
  setFollowing(true);
  rescale();
  queueReplot();
}

void HistoryPlot::setLive(bool running) {
  setNotAntialiasedElements(running ? QCP::AntialiasedElements(QCP::aePlottables)
                                    : QCP::AntialiasedElements(QCP::aeNone));
  if (!running) {
    queueReplot();
  }
}

}  // namespace losslab::ui
