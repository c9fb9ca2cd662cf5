// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sweep/sweep_view.h"

#include <qcustomplot.h>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "core/engine/error.h"
#include "ui/common/loss_factory.h"
#include "ui/common/plot_exporter.h"
#include "ui/common/plot_style.h"
#include "ui/common/save_file.h"
#include "ui/sweep/sweep_csv.h"

namespace losslab::ui {

namespace {

constexpr int kExportWidth = 1200;
constexpr int kExportHeight = 750;
constexpr double kExportDpi = 96;
constexpr int kBandAlpha = 50;
constexpr double kBestSize = 16;
constexpr double kLogMargin = 1.15;
constexpr double kLinearMargin = 1.08;

// Roles of the graphs, stored on each graph so a click on a band finds its loss's medians.
constexpr const char* kLossProperty = "sweepLoss";

}  // namespace

// What a slide's reader should see on the axes: words, with the key in brackets.
QString SweepView::axisLabel(const std::string& name) {
  static const std::pair<const char*, const char*> kWords[] = {
      {"lr", QT_TR_NOOP("learning rate")},
      {"batch", QT_TR_NOOP("batch size")},
      {"outliers", QT_TR_NOOP("outlier fraction")},
      {"outlier_magnitude", QT_TR_NOOP("outlier size")},
      {"noise", QT_TR_NOOP("noise σ")},
      {"clean_mae", QT_TR_NOOP("MAE against the noise-free function")},
      {"clean_rmse", QT_TR_NOOP("RMSE against the noise-free function")},
      {"inlier_mae", QT_TR_NOOP("MAE on the inliers")},
      {"val_mae", QT_TR_NOOP("validation MAE")},
      {"val_loss", QT_TR_NOOP("validation loss")}};
  const QString key = QString::fromStdString(name);
  for (const auto& [id, words] : kWords) {
    if (name == id) {
      return QStringLiteral("%1 (%2)").arg(tr(words), key);
    }
  }
  return key;  // a loss parameter (δ is "delta" in every framework) or a rare metric
}

SweepView::SweepView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(createControls());
  auto* right = new QVBoxLayout;
  m_plot = new QCustomPlot;
  m_plot->setObjectName(QStringLiteral("sweepPlot"));
  m_plot->setMinimumSize(400, 300);
  m_plot->legend->setVisible(true);
  m_plot->yAxis->setLabel(tr("metric"));
  stylePlot(m_plot, PlotStyle::screen(palette(), font()));
  right->addWidget(m_plot, 1);
  auto* hint = new QLabel(tr("Click a point to train that configuration in the Training tab."));
  right->addWidget(hint);
  layout->addLayout(right, 1);
  connect(m_plot, &QCustomPlot::plottableClick, this,
          [this](QCPAbstractPlottable* p, int /*index*/, QMouseEvent* event) {
            pointClicked(p, event->position());
          });
}

SweepView::~SweepView() {
  if (m_thread) {
    m_stop->store(true);
    m_thread->wait();
  }
}

QWidget* SweepView::createControls() {
  auto* box = new QWidget;
  auto* form = new QFormLayout(box);
  m_vary = new QComboBox;
  m_vary->setEditable(true);  // any loss parameter by name
  m_vary->addItems({QStringLiteral("delta"), QStringLiteral("lr"), QStringLiteral("batch"),
                    QStringLiteral("outliers"), QStringLiteral("outlier_magnitude"),
                    QStringLiteral("noise"), QStringLiteral("margin"), QStringLiteral("alpha"),
                    QStringLiteral("c")});
  m_vary->setToolTip(
      tr("A loss parameter (delta, margin, alpha, c, …) or lr, batch, outliers, "
         "outlier_magnitude, noise"));
  form->addRow(tr("&Vary:"), m_vary);
  auto spin = [](double value) {
    auto* s = new QDoubleSpinBox;
    s->setDecimals(4);
    s->setRange(-1e6, 1e6);
    s->setValue(value);
    return s;
  };
  m_from = spin(0.05);
  m_to = spin(20);
  form->addRow(tr("&From:"), m_from);
  form->addRow(tr("&To:"), m_to);
  m_count = new QSpinBox;
  m_count->setRange(2, SweepAxis::kMaxPoints);
  m_count->setValue(13);
  form->addRow(tr("&Points:"), m_count);
  m_log = new QCheckBox(tr("&Logarithmic grid"));
  m_log->setChecked(true);
  form->addRow(m_log);
  m_seeds = new QSpinBox;
  m_seeds->setRange(1, 100);
  m_seeds->setValue(3);
  form->addRow(tr("&Seeds:"), m_seeds);
  m_epochs = new QSpinBox;
  m_epochs->setRange(1, TrainingLimits::kMaxEpochs);
  m_epochs->setValue(m_base.epochs);
  form->addRow(tr("&Epochs:"), m_epochs);
  m_metric = new QComboBox;
  for (const std::string& name : sweepMetricNames()) {
    m_metric->addItem(QString::fromStdString(name));
  }
  m_metric->setCurrentText(QStringLiteral("val_mae"));
  form->addRow(tr("&Metric:"), m_metric);
  m_losses = new QLineEdit;
  m_losses->setToolTip(tr("Loss ids separated by commas; parameters as in the Training tab"));
  form->addRow(tr("L&osses:"), m_losses);
  m_run = new QPushButton(tr("&Run Sweep"));
  m_stopButton = new QPushButton(tr("St&op"));
  m_stopButton->setEnabled(false);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_run);
  buttons->addWidget(m_stopButton);
  form->addRow(buttons);
  m_progress = new QProgressBar;
  form->addRow(m_progress);
  auto* csv = new QPushButton(tr("Export &CSV…"));
  auto* png = new QPushButton(tr("Export &Plot…"));
  auto* exports = new QHBoxLayout;
  exports->addWidget(csv);
  exports->addWidget(png);
  form->addRow(exports);
  m_message = new QLabel;
  m_message->setWordWrap(true);
  m_message->setTextFormat(Qt::PlainText);
  form->addRow(m_message);
  auto changed = [this] { emit planChanged(plan()); };
  connect(m_vary, &QComboBox::currentTextChanged, this, changed);
  connect(m_metric, &QComboBox::currentTextChanged, this, changed);
  for (QDoubleSpinBox* spinBox : {m_from, m_to}) {
    connect(spinBox, &QDoubleSpinBox::valueChanged, this, changed);
  }
  for (QSpinBox* spinBox : {m_count, m_seeds, m_epochs}) {
    connect(spinBox, &QSpinBox::valueChanged, this, changed);
  }
  connect(m_log, &QCheckBox::toggled, this, changed);
  connect(m_losses, &QLineEdit::textChanged, this, changed);
  connect(m_run, &QPushButton::clicked, this, [this] { start(); });
  connect(m_stopButton, &QPushButton::clicked, this, &SweepView::stop);
  connect(csv, &QPushButton::clicked, this, &SweepView::askExportCsv);
  connect(png, &QPushButton::clicked, this, &SweepView::askExportPlot);
  box->setMaximumWidth(320);
  return box;
}

void SweepView::setBaseConfig(const TrainingConfig& config) {
  // The losses follow the Training tab's until the user types their own.
  const bool follow = !m_losses->isModified();
  m_base = config;
  if (follow) {
    QStringList ids;
    for (const LossChoice& loss : config.trainedLosses()) {
      ids << QString::fromStdString(loss.id);
    }
    m_losses->setText(ids.join(QLatin1Char(',')));
    m_epochs->setValue(config.epochs);
  }
}

SweepRequest SweepView::request() const {
  SweepRequest r;
  r.base = m_base;
  r.base.epochs = m_epochs->value();
  const std::vector<LossChoice> known = m_base.trainedLosses();
  for (const QString& part : m_losses->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    LossChoice choice{part.trimmed().toStdString(), {}, {}};
    for (const LossChoice& k : known) {
      if (k.id == choice.id) {
        choice = k;
      }
    }
    r.losses.push_back(choice);
  }
  r.vary.name = m_vary->currentText().trimmed().toStdString();
  r.vary.from = m_from->value();
  r.vary.to = m_to->value();
  r.vary.count = m_count->value();
  r.vary.log = m_log->isChecked();
  r.seeds = m_seeds->value();
  r.metric = m_metric->currentText().toStdString();
  r.threads = std::max(1, QThread::idealThreadCount());
  return r;
}

SweepPlan SweepView::plan() const {
  SweepPlan p;
  const SweepRequest r = request();
  p.vary = r.vary;
  p.seeds = r.seeds;
  p.metric = r.metric;
  if (m_losses->isModified()) {  // else the losses follow the Training tab
    for (const LossChoice& loss : r.losses) {
      p.losses.push_back(loss.id);
    }
  }
  p.epochs = m_epochs->value();
  return p;
}

void SweepView::setPlan(const SweepPlan& plan) {
  setAxis(plan.vary);
  setSeeds(plan.seeds);
  setMetric(QString::fromStdString(plan.metric));
  if (plan.epochs > 0) {
    setEpochs(plan.epochs);
  }
  if (plan.losses.empty()) {
    m_losses->setModified(false);
    setBaseConfig(m_base);  // follow the Training tab again
  } else {
    QStringList ids;
    for (const std::string& id : plan.losses) {
      ids << QString::fromStdString(id);
    }
    setLosses(ids);
  }
}

void SweepView::setAxis(const SweepAxis& axis) {
  m_vary->setCurrentText(QString::fromStdString(axis.name));
  m_from->setValue(axis.from);
  m_to->setValue(axis.to);
  m_count->setValue(axis.count);
  m_log->setChecked(axis.log);
}

void SweepView::setLosses(const QStringList& ids) {
  m_losses->setText(ids.join(QLatin1Char(',')));  // clears the modified flag (and emits)
  m_losses->setModified(true);
  emit planChanged(plan());  // now with the losses as the user's own
}

void SweepView::setSeeds(int seeds) {
  m_seeds->setValue(seeds);
}

void SweepView::setMetric(const QString& metric) {
  m_metric->setCurrentText(metric);
}

void SweepView::setEpochs(int epochs) {
  m_epochs->setValue(epochs);
}

bool SweepView::start() {
  if (m_running) {
    return false;
  }
  SweepRequest r = request();
  try {
    if (r.losses.empty()) {
      throw Error::usage("choose at least one loss");
    }
    checkSweep(r);
  } catch (const std::exception& e) {
    showMessage(QString::fromUtf8(e.what()), true);
    return false;
  }
  m_last = r;
  m_running = true;
  m_stop = std::make_shared<std::atomic<bool>>(false);
  m_run->setEnabled(false);
  m_stopButton->setEnabled(true);
  m_progress->setRange(0, 1);
  m_progress->setValue(0);
  showMessage(tr("Running…"), false);
  // The worker owns copies; results come back queued to this (GUI) thread.
  std::shared_ptr<std::atomic<bool>> stopFlag = m_stop;
  m_thread.reset(QThread::create([this, r, stopFlag] {
    SweepResult result;
    QString failure;
    try {
      result = runSweep(
          r,
          [this](int done, int total) {
            QMetaObject::invokeMethod(
                this, [this, done, total] { emit progressed(done, total); }, Qt::QueuedConnection);
          },
          stopFlag.get());
    } catch (const std::exception& e) {
      failure = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(
        this,
        [this, result, failure] {
          if (!failure.isEmpty()) {
            showMessage(failure, true);
          }
          finish(result);
        },
        Qt::QueuedConnection);
  }));
  connect(this, &SweepView::progressed, m_progress, [this](int done, int total) {
    m_progress->setRange(0, total);
    m_progress->setValue(done);
  });
  m_thread->start();
  return true;
}

void SweepView::stop() {
  if (m_running && m_stop) {
    m_stop->store(true);
  }
}

bool SweepView::runBlocking() {
  if (!start()) {
    return false;
  }
  QEventLoop loop;
  connect(this, &SweepView::finished, &loop, &QEventLoop::quit);
  loop.exec();
  return !m_result.runs.empty();
}

void SweepView::finish(const SweepResult& result) {
  m_thread->wait();
  m_thread.reset();
  disconnect(this, &SweepView::progressed, m_progress, nullptr);
  m_running = false;
  m_run->setEnabled(true);
  m_stopButton->setEnabled(false);
  m_result = result;
  if (m_message->text() == tr("Running…")) {
    int diverged = 0;
    for (const SweepRun& run : result.runs) {
      diverged += run.diverged ? 1 : 0;
    }
    showMessage(
        (result.stopped ? tr("Stopped: %1 of %2 runs finished") : tr("%1 of %2 runs finished"))
                .arg(result.runs.size())
                .arg(result.total) +
            (diverged > 0 ? tr(", %1 diverged").arg(diverged) : QString()),
        false);
  }
  showResult();
  emit finished();
}

void SweepView::showResult() {
  m_plot->clearGraphs();
  m_plot->xAxis->setLabel(axisLabel(m_last.vary.name));
  m_plot->yAxis->setLabel(axisLabel(m_last.metric));
  if (m_last.vary.log) {
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  } else {
    m_plot->xAxis->setScaleType(QCPAxis::stLinear);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
  }
  const PlotStyle style = PlotStyle::screen(palette(), font());
  for (int loss = 0; loss < static_cast<int>(m_last.losses.size()); ++loss) {
    QVector<double> x, median, low, high;
    for (const SweepSummary& s : m_result.summary) {
      if (s.loss == loss && std::isfinite(s.median)) {
        x << s.value;
        median << s.median;
        low << s.min;
        high << s.max;
      }
    }
    const QColor color = displayColor(defaultCurveColor(loss), style.dark);
    QColor band = color;
    band.setAlpha(kBandAlpha);
    QCPGraph* min = m_plot->addGraph();
    QCPGraph* max = m_plot->addGraph();
    for (QCPGraph* g : {min, max}) {
      g->setPen(Qt::NoPen);
      g->removeFromLegend();
      g->setProperty(kLossProperty, loss);
    }
    min->setData(x, low, true);
    max->setData(x, high, true);
    max->setBrush(band);
    max->setChannelFillGraph(min);
    QCPGraph* g = m_plot->addGraph();
    g->setName(
        lossDisplayName(QString::fromStdString(m_last.losses[static_cast<std::size_t>(loss)].id)));
    g->setPen(QPen(color, style.curveWidth));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 7));
    g->setData(x, median, true);
    g->setProperty(kLossProperty, loss);
    // A loss without the varied parameter is trained once per point unchanged (a reference
    // line, all points equal): it has no best point to mark.
    const bool flat = !median.isEmpty() && *std::max_element(median.begin(), median.end()) ==
                                               *std::min_element(median.begin(), median.end());
    for (const SweepSummary& b : m_result.best) {
      if (b.loss == loss && std::isfinite(b.median) && !flat) {
        QCPGraph* best = m_plot->addGraph();
        best->setName(tr("best %1").arg(g->name()));
        best->removeFromLegend();
        best->setLineStyle(QCPGraph::lsNone);
        best->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(color, 2),
                                              QBrush(Qt::NoBrush), kBestSize));
        best->setData({b.value}, {b.median});
        best->setProperty(kLossProperty, loss);
      }
    }
  }
  m_plot->rescaleAxes();
  // A margin so the end points and their best-point stars are not cut by the axes.
  const QCPRange x = m_plot->xAxis->range();
  if (m_last.vary.log) {
    m_plot->xAxis->setRange(x.lower / kLogMargin, x.upper * kLogMargin);
  } else {
    m_plot->xAxis->scaleRange(kLinearMargin);
  }
  m_plot->yAxis->scaleRange(kLinearMargin);
  m_plot->replot();
}

QString SweepView::message() const {
  return m_message->text();
}

void SweepView::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  QPalette p = palette();
  if (error) {
    p.setColor(QPalette::WindowText, Qt::red);
  }
  m_message->setPalette(p);
}

TrainingConfig SweepView::pointConfig(int loss, int index) const {
  int k = 0;
  for (const SweepSummary& s : m_result.summary) {
    if (s.loss == loss && std::isfinite(s.median) && k++ == index) {
      return sweepRunConfig(m_last, loss, s.value, m_last.base.seed);
    }
  }
  throw Error::usage("no such sweep point");
}

void SweepView::pointClicked(QObject* plottable, const QPointF& pixel) {
  const QVariant loss = plottable->property(kLossProperty);
  if (!loss.isValid() || m_running) {
    return;
  }
  // The nearest point of that loss's medians along x (a click on its band counts too).
  int best = -1;
  int k = 0;
  double distance = std::numeric_limits<double>::infinity();
  for (const SweepSummary& s : m_result.summary) {
    if (s.loss == loss.toInt() && std::isfinite(s.median)) {
      const double d = std::abs(m_plot->xAxis->coordToPixel(s.value) - pixel.x());
      if (d < distance) {
        distance = d;
        best = k;
      }
      ++k;
    }
  }
  if (best >= 0) {
    emit configChosen(pointConfig(loss.toInt(), best));
  }
}

bool SweepView::exportCsv(const QString& path, QString* error) const {
  return saveFile(path, sweepCsv(m_last, m_result), error);
}

bool SweepView::exportPlot(const QString& path, QString* error) {
  return losslab::ui::exportPlot(m_plot, path, QSize(kExportWidth, kExportHeight), kExportDpi,
                                 error);
}

void SweepView::askExportCsv() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Sweep CSV"),
                                                    QStringLiteral("sweep.csv"), tr("CSV (*.csv)"));
  QString error;
  if (!path.isEmpty() && !exportCsv(path, &error)) {
    QMessageBox::warning(this, tr("Export Sweep CSV"), error);
  }
}

void SweepView::askExportPlot() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export Sweep Plot"), QStringLiteral("sweep.png"), tr("Images (*.png *.svg *.pdf)"));
  QString error;
  if (!path.isEmpty() && !exportPlot(path, &error)) {
    QMessageBox::warning(this, tr("Export Sweep Plot"), error);
  }
}

}  // namespace losslab::ui
