// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/landscape_panel.h"

#include <qcustomplot.h>
#include <QLabel>
#include <QThread>
#include <QVBoxLayout>

#include "ui/common/plot_style.h"

namespace losslab::ui {

namespace {

constexpr int kGridPoints = 101;
constexpr int kLevels = 14;  // banded colours: each band edge is a contour of L
constexpr double kHuberDelta = 1;

}  // namespace

struct LandscapePanel::Result {
  Dataset data;
  LossGrid grid;
  std::vector<LinearOptimum> optima;  // least squares, least absolute, Huber
  QString error;
};

LandscapePanel::LandscapePanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_plot = new QCustomPlot;
  m_plot->setObjectName(QStringLiteral("landscapePlot"));
  m_plot->setMinimumSize(260, 220);
  stylePlot(m_plot, PlotStyle::screen(palette(), font()));
  m_plot->xAxis->setLabel(tr("w (slope)"));
  m_plot->yAxis->setLabel(tr("b (intercept)"));
  m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
  QCPColorGradient gradient(QCPColorGradient::gpThermal);
  gradient.setLevelCount(kLevels);
  m_map->setGradient(gradient);
  m_map->setDataScaleType(QCPAxis::stLogarithmic);  // MSE's walls would flatten the floor
  m_map->setInterpolate(false);
  m_pathCurve = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
  m_pathCurve->setName(tr("optimizer path"));
  m_pathCurve->setPen(QPen(QColor(40, 200, 255), 2));
  m_pathCurve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
  m_optima = m_plot->addGraph();
  m_optima->setLineStyle(QCPGraph::lsNone);
  m_optima->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCrossCircle, QPen(Qt::white, 2), Qt::NoBrush, 12));
  m_optima->setName(tr("optima: least squares, least absolute, Huber"));
  m_note = new QLabel;
  m_note->setWordWrap(true);
  layout->addWidget(m_plot, 1);
  layout->addWidget(m_note);
}

LandscapePanel::~LandscapePanel() {
  if (m_thread) {
    m_thread->wait();  // the result it would deliver is dropped with this panel
  }
}

bool LandscapePanel::applicable() const {
  return m_config.network.hidden.empty() && m_data.featureCount() == 1 && m_data.size() > 1;
}

void LandscapePanel::setConfig(const TrainingConfig& config) {
  const bool lossChanged = config.trainedLosses() != m_config.trainedLosses() ||
                           config.focus != m_config.focus || config.network != m_config.network;
  m_config = config;
  if (!config.network.hidden.empty()) {
    m_note->setText(
        tr("The exact landscape is drawn for the linear model (Hidden layers: "
           "none) with one feature. For a network: losslab-cli landscape "
           "--directions random|pca."));
  }
  if (lossChanged) {
    compute();
  }
}

void LandscapePanel::restart() {
  m_path.clear();
  m_pathEpoch = -1;
  m_pathCurve->data()->clear();
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LandscapePanel::showSnapshot(const TrainingSnapshot& snapshot, int focus) {
  if (snapshot.featureCount != 1) {
    return;
  }
  const auto n = static_cast<Eigen::Index>(snapshot.x.size());
  if (n != m_data.size() ||
      !std::equal(snapshot.yTrue.begin(), snapshot.yTrue.end(), m_data.y.data()) ||
      !std::equal(snapshot.x.begin(), snapshot.x.end(), m_data.x.data())) {
    m_data = Dataset{};
    m_data.x = Eigen::Map<const Eigen::RowVectorXd>(snapshot.x.data(), n);
    m_data.y = Eigen::Map<const Eigen::VectorXd>(snapshot.yTrue.data(), n);
    m_data.featureNames = {"x"};
    compute();
  }
  if (!m_config.network.hidden.empty() || focus < 0 ||
      focus >= static_cast<int>(snapshot.runs.size())) {
    return;
  }
  // A linear model's curve is its line: w and b from its two ends.
  const RunSnapshot& run = snapshot.runs[static_cast<std::size_t>(focus)];
  const std::vector<double>& x = snapshot.curveX;
  if (x.size() < 2 || run.curveY.size() != x.size() || x.back() == x.front()) {
    return;
  }
  const double w = (run.curveY.back() - run.curveY.front()) / (x.back() - x.front());
  const double b = run.curveY.front() - w * x.front();
  // One point per epoch: a second snapshot of the same epoch (a configuration edit re-sends
  // one) moves the newest point instead of adding a step the optimizer never took.
  // The curve's sort key t is the point's index in m_path.
  if (run.epoch < m_pathEpoch) {
    m_path.clear();  // a new run
    m_pathCurve->data()->clear();
  } else if (run.epoch == m_pathEpoch && !m_path.isEmpty()) {
    m_path.removeLast();
    m_pathCurve->data()->remove(static_cast<double>(m_path.size()));
  }
  m_pathCurve->addData(static_cast<double>(m_path.size()), w, b);
  m_path << QPointF(w, b);
  m_pathEpoch = run.epoch;
  m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LandscapePanel::compute() {
  if (!applicable()) {
    return;
  }
  if (m_thread) {
    m_pending = true;  // once the running computation is back
    return;
  }
  const std::vector<LossChoice> losses = m_config.trainedLosses();
  const LossChoice focus = losses[static_cast<std::size_t>(m_config.focusIndex())];
  auto result = std::make_shared<Result>();
  result->data = m_data;
  m_thread.reset(QThread::create([result, focus] {
    try {
      const LossPtr loss = createLoss(focus);
      GridAxis w{-1, 1, kGridPoints};
      GridAxis b{-1, 1, kGridPoints};
      autoLinearRange(result->data, w, b);
      const int threads = std::max(1, QThread::idealThreadCount());
      result->grid = linearLandscape(result->data, *loss, w, b, threads);
      const LinearOptimum ls = leastSquares(result->data);
      result->optima.push_back(ls);
      result->optima.push_back(
          minimizeLinear(result->data, *createLoss({"mean_absolute_error", {}, {}}), ls));
      result->optima.push_back(
          minimizeLinear(result->data, *createLoss({"huber", {{"delta", kHuberDelta}}, {}}), ls));
    } catch (const std::exception& e) {
      result->error = QString::fromUtf8(e.what());
    }
  }));
  connect(m_thread.get(), &QThread::finished, this, [this, result] { computed(result); });
  m_thread->start();
}

void LandscapePanel::computed(const std::shared_ptr<Result>& result) {
  // finished() arrives queued, so the thread has ended; owned here rather than deleteLater'd,
  // which would leak a thread whose deferred delete never ran (the panel closed first).
  m_thread->wait();
  m_thread.reset();
  if (!result->error.isEmpty()) {
    m_note->setText(result->error);
  } else {
    m_grid = result->grid;
    const GridAxis& a = m_grid.a;
    const GridAxis& b = m_grid.b;
    m_map->data()->setSize(a.count, b.count);
    m_map->data()->setRange(QCPRange(a.from, a.to), QCPRange(b.from, b.to));
    for (int i = 0; i < a.count; ++i) {
      for (int j = 0; j < b.count; ++j) {
        m_map->data()->setCell(i, j, m_grid.values(j, i));
      }
    }
    m_map->rescaleDataRange(true);
    QVector<double> w, bias;
    for (const LinearOptimum& o : result->optima) {
      w << o.w;
      bias << o.b;
    }
    m_optima->setData(w, bias);
    m_plot->xAxis->setRange(a.from, a.to);
    m_plot->yAxis->setRange(b.from, b.to);
    m_note->setText(
        tr("Training loss L(w, b) of %1; ⊕ least squares, least absolute, Huber "
           "δ = 1; blue: the optimizer's path")
            .arg(QString::fromStdString(
                m_config.trainedLosses()[static_cast<std::size_t>(m_config.focusIndex())].id)));
    m_plot->replot();
    emit landscapeReady();
  }
  if (m_pending) {
    m_pending = false;
    compute();
  }
}

}  // namespace losslab::ui
