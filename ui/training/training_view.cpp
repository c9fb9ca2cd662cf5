// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_view.h"

#include <QApplication>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/common/plot_style.h"
#include "ui/common/theme.h"
#include "ui/common/wheel_guard.h"
#include "ui/training/data_panel.h"
#include "ui/training/fit_plot.h"
#include "ui/training/fit_plot_editor.h"
#include "ui/training/history_panel.h"
#include "ui/training/landscape_panel.h"
#include "ui/training/lesson_caption.h"
#include "ui/training/loss_panel.h"
#include "ui/training/metrics_table.h"
#include "ui/training/network_panel.h"
#include "ui/training/optimizer_panel.h"
#include "ui/training/residual_plot.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_exporter.h"
#include "ui/training/training_file_dialogs.h"
#include "ui/training/training_plots.h"
#include "ui/training/training_presets.h"

namespace losslab::ui {

TrainingView::TrainingView(QWidget* parent)
    : QWidget(parent),
      m_controller(new TrainingController(this)),
      m_model(new TrainingConfigModel(m_controller, this)) {
  auto* right = new QVBoxLayout;
  right->setContentsMargins(0, 0, 0, 0);
  m_commands = new CommandBar;
  right->addWidget(m_commands);
  m_trainingMessage = new QLabel;
  m_trainingMessage->setWordWrap(true);
  m_trainingMessage->setVisible(false);
  m_trainingMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_trainingMessage->setTextFormat(Qt::PlainText);
  right->addWidget(m_trainingMessage);
  m_caption = new LessonCaption;
  right->addWidget(m_caption);
  m_plots = new TrainingPlots;
  new FitPlotEditor(m_plots->fit(), m_model->edits(), this);  // points edited by hand
  // The loss landscape (issue 12) beside the plots, toggled by its box.
  auto* plotsRow = new QHBoxLayout;
  plotsRow->addWidget(m_plots, 3);
  m_landscapeBox = new QWidget;
  auto* landscapeColumn = new QVBoxLayout(m_landscapeBox);
  landscapeColumn->setContentsMargins(0, 0, 0, 0);
  m_landscape = new LandscapePanel;
  landscapeColumn->addWidget(m_landscape, 1);
  auto* exportLandscape = new QPushButton(tr("Export Landscape…"));
  landscapeColumn->addWidget(exportLandscape);
  connect(exportLandscape, &QPushButton::clicked, this,
          [this] { askAndExportPlot(this, m_landscape->plot()); });
  m_landscapeBox->setVisible(false);
  plotsRow->addWidget(m_landscapeBox, 2);
  m_showLandscape = new QCheckBox(tr("Loss &landscape"));
  m_showLandscape->setObjectName(QStringLiteral("showLandscape"));
  m_showLandscape->setToolTip(
      tr("The training loss over (w, b) of the linear model, with the "
         "optimizer's path"));
  connect(m_showLandscape, &QCheckBox::toggled, m_landscapeBox, &QWidget::setVisible);
  auto* perLoss = new QCheckBox(tr("One &panel per loss"));
  perLoss->setObjectName(QStringLiteral("smallMultiples"));
  perLoss->setToolTip(
      tr("Compare mode: each loss's fit in a panel of its own, on the same axes (points are "
         "edited in the single plot)"));
  connect(perLoss, &QCheckBox::toggled, m_plots, &TrainingPlots::setSmallMultiples);
  m_toggles = new QWidget;
  auto* toggles = new QHBoxLayout(m_toggles);
  toggles->setContentsMargins(0, 0, 0, 0);
  toggles->addWidget(m_showLandscape);
  toggles->addWidget(perLoss);
  toggles->addStretch(1);
  right->addWidget(m_toggles);
  right->addLayout(plotsRow, 1);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  m_controls = createControls();
  layout->addWidget(m_controls);
  layout->addLayout(right, 1);

  // Ctrl+Return starts and pauses while the focus is in this tab.
  for (const QKeySequence& keys :
       {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
    auto* shortcut = new QShortcut(keys, this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    shortcut->setWhatsThis(tr("Training tab: start or pause"));  // Help ▸ Keyboard Shortcuts
    connect(shortcut, &QShortcut::activated, m_commands, &CommandBar::startOrPause);
  }
  connect(m_commands, &CommandBar::startClicked, m_controller, &TrainingController::start);
  connect(m_commands, &CommandBar::pauseClicked, m_controller, &TrainingController::pause);
  connect(m_commands, &CommandBar::stepClicked, m_controller, &TrainingController::step);
  connect(m_commands, &CommandBar::resetClicked, m_controller, &TrainingController::reset);
  connect(m_commands, &CommandBar::exportClicked, this, &TrainingView::exportClicked);
  connect(m_commands, &CommandBar::speedChanged, this, [this](double rate) {
    m_controller->setEpochsPerSecond(rate);
    updateStatus();
  });
  connect(m_commands, &CommandBar::saveSessionClicked, this,
          [this] { askAndSaveSession(this, *m_model); });
  connect(m_commands, &CommandBar::openSessionClicked, this, [this] {
    if (askAndOpenSession(this, *m_model)) {
      m_trainingMessage->setVisible(false);
    }
  });
  connect(m_model, &TrainingConfigModel::changed, this, &TrainingView::configChanged);
  connectController();
  restarted({TrainingController::runName(*m_controller->losses().front())});
  configChanged();
}

TrainingView::~TrainingView() = default;

QWidget* TrainingView::createControls() {
  // The controls in a column that scrolls vertically (so the tab fits a 900×600 window).
  auto* controls = new QWidget;
  auto* column = new QVBoxLayout(controls);
  column->setContentsMargins(0, 0, 4, 0);
  m_dataPanel = new DataPanel(m_model, m_controller);
  auto* network = new NetworkPanel(m_model);
  auto* optimizer = new OptimizerPanel(m_model);
  m_lossPanel = new LossPanel(m_model);
  for (QWidget* panel :
       std::initializer_list<QWidget*>{m_dataPanel, network, optimizer, m_lossPanel}) {
    column->addWidget(panel);
  }
  column->addStretch(1);
  connect(network, &NetworkPanel::refused, this, &TrainingView::showTrainingMessage);
  connect(optimizer, &OptimizerPanel::refused, this, &TrainingView::showTrainingMessage);
  connect(m_lossPanel, &LossPanel::refused, this, &TrainingView::showTrainingMessage);
  auto* scroll = new QScrollArea;
  scroll->setObjectName(QStringLiteral("settingsColumn"));
  scroll->setWidget(controls);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  guardWheel(scroll);  // the wheel scrolls the column, never an unfocused combo or slider
  const int scrollBar = scroll->verticalScrollBar()->sizeHint().width();
  scroll->setMinimumWidth(controls->minimumSizeHint().width() + scrollBar);
  scroll->setMaximumWidth(controls->sizeHint().width() + scrollBar);
  scroll->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
  return scroll;
}

void TrainingView::connectController() {
  connect(m_controller, &TrainingController::epochFinished, this,
          [this](int /*epoch*/, const EpochStats& stats) { m_plots->appendEpoch(stats); });
  connect(m_controller, &TrainingController::snapshotReady, this,
          [this](const TrainingSnapshot& snapshot) {
            m_plots->showSnapshot(snapshot, m_model->config().focusIndex(),
                                  m_controller->dataset());
            m_landscape->showSnapshot(snapshot, m_model->config().focusIndex());
            updateStatus();
          });
  connect(m_controller, &TrainingController::stateChanged, this,
          [this](TrainingController::State s) {
            if (s == TrainingController::State::Running) {
              m_trainingMessage->setVisible(false);
            }
            m_plots->setRunning(s == TrainingController::State::Running);
            updateStatus();
          });
  connect(m_controller, &TrainingController::restarted, this, &TrainingView::restarted);
  connect(m_controller, &TrainingController::diverged, this, &TrainingView::showTrainingMessage);
  connect(m_controller, &TrainingController::failed, this, &TrainingView::showTrainingMessage);
}

QCustomPlot* TrainingView::plot(Plot which) const {
  switch (which) {
    case Plot::Fit:
      return m_plots->fit();
    case Plot::History:
      return m_plots->history()->plot();
    case Plot::Residuals:
      return m_plots->residuals();
  }
  return m_plots->fit();
}

void TrainingView::setLandscapeVisible(bool on) {
  m_showLandscape->setChecked(on);  // the box is what shows the panel: the two never disagree
}

QTableView* TrainingView::metricsTable() const {
  return m_plots->table();
}

// ---- the runs ---------------------------------------------------------------------------------

void TrainingView::restarted(const QStringList& names) {
  m_plots->restart(names);
  m_landscape->restart();
  m_trainingMessage->setVisible(false);
  updateStatus();
}

void TrainingView::configChanged() {
  m_plots->showConfig(m_model->config(), m_controller->dataset(), m_controller->isSynthetic());
  m_landscape->setConfig(m_model->config());
  m_caption->showConfig(m_model->config());
  updateStatus();
}

void TrainingView::updateStatus() {
  m_commands->showStatus(m_controller->state(), m_plots->runs().finishedEpochs(),
                         m_model->config().epochs);
}

QString TrainingView::statusText() const {
  return m_commands->status();
}

void TrainingView::showTrainingMessage(const QString& message) {
  m_trainingMessage->setText(message);
  m_trainingMessage->setVisible(!message.isEmpty());
  QPalette palette = m_trainingMessage->palette();
  palette.setColor(QPalette::WindowText, errorColor(this->palette()));
  m_trainingMessage->setPalette(palette);
}

// ---- public API ---------------------------------------------------------------------------------

bool TrainingView::trainEpochsBlocking(int epochs) {
  // The epoch budget covers what is trained here (the status says "epoch n of budget").
  const int wanted =
      std::min(TrainingLimits::kMaxEpochs, m_plots->runs().finishedEpochs() + epochs);
  if (wanted > m_model->config().epochs) {
    m_model->edit([wanted](TrainingConfig& c) { c.epochs = wanted; });
  }
  // The controller emits every epoch and the final snapshot before it returns; the plots are
  // laid out and drawn now so that a grab() right after shows them.
  const bool ok = m_controller->trainEpochsBlocking(epochs);
  m_plots->replotNow();
  return ok;
}

bool TrainingView::applyTrainingPreset(const QString& id) {
  const TrainingPreset* preset = findTrainingPreset(id);
  QString error;
  if (!preset) {
    return false;
  }
  if (!applySession(preset->config, &error)) {  // a new run from the seed's weights
    showTrainingMessage(error);
    return true;
  }
  setLogHistory(true);  // MSE's clean MAE is many times the others': a log axis shows all three
  m_caption->showPreset(*preset);
  return true;
}

void TrainingView::showLessonCaption(const QString& title, const QString& caption) {
  m_caption->showCaption(m_model->config(), title, caption);
}

QString TrainingView::lessonCaption() const {
  return m_caption->isHidden() ? QString() : m_caption->text();
}

bool TrainingView::importCsv(const QString& path,
                             const QString& target,
                             const QStringList& features,
                             const QString& clean) {
  return m_dataPanel->importCsv(path, target, features, clean);
}

QString TrainingView::dataMessage() const {
  return m_dataPanel->message();
}

QString TrainingView::trainingMessage() const {
  return m_trainingMessage->isHidden() ? QString() : m_trainingMessage->text();
}

QString TrainingView::colorScaleToolTip() const {
  return m_plots->fit()->colorScaleToolTip();
}

bool TrainingView::compareMode() const {
  return m_model->config().compare;
}

void TrainingView::setCompareMode(bool on) {
  QString error;
  if (!m_model->edit([on](TrainingConfig& c) { c.compare = on; }, &error)) {
    showTrainingMessage(error);
  }
}

bool TrainingView::setCompareLosses(const QStringList& ids) {
  const QStringList offered = m_lossPanel->choices();
  if (ids.size() < 2 || ids.size() > TrainingController::kMaxRuns ||
      std::any_of(ids.begin(), ids.end(),
                  [&](const QString& id) { return !offered.contains(id); })) {
    return false;
  }
  QString error;
  if (!m_model->setCompareLosses(ids, &error)) {
    showTrainingMessage(error);
    return false;
  }
  return true;
}

QStringList TrainingView::compareLosses() const {
  QStringList ids;
  for (const LossChoice& loss : m_model->config().compareLosses) {
    ids << QString::fromStdString(loss.id);
  }
  return ids;
}

bool TrainingView::setLoss(const QString& id) {
  if (!m_lossPanel->choices().contains(id)) {
    return false;
  }
  const LossChoice choice = m_model->lossChoice(id.toStdString());
  return m_model->edit([&choice](TrainingConfig& c) { c.loss = choice; });
}

void TrainingView::setHistoryMetric(HistoryMetric metric) {
  m_plots->history()->setMetric(metric);
}

void TrainingView::setLogHistory(bool on) {
  m_plots->history()->setLogarithmic(on);
}

void TrainingView::setPresenting(bool on) {
  if (on == m_presenting) {
    return;
  }
  m_presenting = on;
  m_controls->setVisible(!on);
  m_toggles->setVisible(!on);
  // Every child without a font of its own follows (the caption, the command bar, the table;
  // the plots restyle their axes and legends on the font change); an empty font inherits again.
  QFont large;
  if (on) {
    large = parentWidget() ? parentWidget()->font() : QApplication::font(this);
    large.setPointSizeF(large.pointSizeF() * kPresentationFontScale);
  }
  setFont(large);
  m_plots->setLineScale(on ? kPresentationLineScale : 1.0);
}

void TrainingView::setSmoothing(double weight) {
  m_plots->history()->setSmoothing(weight);
}

int TrainingView::historyLength(int run) const {
  const RunHistory& h = m_plots->runs();
  return run >= 0 && run < h.size()
             ? static_cast<int>(h.runs()[static_cast<std::size_t>(run)].epochs.size())
             : 0;
}

EpochStats TrainingView::latestEpoch(int run) const {
  return historyLength(run) == 0
             ? EpochStats{}
             : m_plots->runs().runs()[static_cast<std::size_t>(run)].epochs.back();
}

}  // namespace losslab::ui
