// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/sweep/sweep_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
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

#include "core/engine/error.h"
#include "ui/common/plot_exporter.h"
#include "ui/common/save_file.h"
#include "ui/common/settings.h"
#include "ui/sweep/sweep_csv.h"
#include "ui/sweep/sweep_plot.h"

namespace losslab::ui {

namespace {

constexpr int kExportWidth = 1200;
constexpr int kExportHeight = 750;
constexpr double kExportDpi = 96;

}  // namespace

SweepView::SweepView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(createControls());
  auto* right = new QVBoxLayout;
  m_plot = new SweepPlot;
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
  m_plot->showSweep(m_last, m_result);
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
  if (m_running) {
    return;
  }
  if (const auto point = m_plot->pointAt(plottable, pixel, m_result)) {
    emit configChosen(pointConfig(point->first, point->second));
  }
}

bool SweepView::exportCsv(const QString& path, QString* error) const {
  return saveFile(path, sweepCsv(m_last, m_result), error);
}

bool SweepView::exportPlot(const QString& path, QString* error) {
  return losslab::ui::exportPlot(m_plot, path, QSize(kExportWidth, kExportHeight), kExportDpi,
                                 error);
}

void SweepView::askAndExport(const QString& title,
                             const QString& name,
                             const QString& filter,
                             const std::function<bool(const QString&, QString*)>& write) {
  const QString path = QFileDialog::getSaveFileName(
      this, title, QDir(Settings::exportDirectory()).filePath(name), filter);
  QString error;
  if (path.isEmpty()) {
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  if (!write(path, &error)) {
    QMessageBox::warning(this, title, error);
  }
}

}  // namespace losslab::ui
