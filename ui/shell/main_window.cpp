// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include "ui/common/settings.h"
#include "ui/common/theme.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/presets.h"
#include "ui/formula/formula_editor.h"
#include "ui/shell/getting_started_dialog.h"
#include "ui/shell/lesson_player.h"
#include "ui/shell/lesson_recorder.h"
#include "ui/shell/shortcuts_dialog.h"
#include "ui/sweep/sweep_view.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_presets.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

namespace {

constexpr int kDefaultWidth = 1200;
constexpr int kDefaultHeight = 780;
constexpr int kHintMs = 3500;

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      // Created without a parent and then put in its tab: a nested QMainWindow that adds its
      // tool bar while parented to another QMainWindow misplaces its second dock (Qt 6.4).
      m_explorer(new ExplorerView),
      m_training(new TrainingView(this)),
      m_tabs(new QTabWidget(this)) {
  setWindowTitle(tr("LossLab"));
  setObjectName(QStringLiteral("MainWindow"));
  m_tabs->setDocumentMode(true);
  m_tabs->addTab(m_explorer, tr("&Explorer"));
  m_tabs->setTabToolTip(ExplorerTab,
                        tr("Loss, gradient and curvature curves of the chosen losses"));
  // The training tab needs more room than the explorer; on a small window it scrolls rather
  // than forcing the whole window (explorer included) to its minimum width.
  auto* trainingScroll = new QScrollArea(this);
  trainingScroll->setWidget(m_training);
  trainingScroll->setWidgetResizable(true);
  trainingScroll->setFrameShape(QFrame::NoFrame);
  m_tabs->addTab(trainingScroll, tr("&Training"));
  m_tabs->setTabToolTip(
      TrainingTab, tr("Train a small regression network with the chosen loss and watch it learn"));
  // The Sweep tab varies the Training tab's configuration (its base, kept in step with the
  // model) and hands a clicked point's configuration back to the model.
  m_sweep = new SweepView(this);
  m_tabs->addTab(m_sweep, tr("&Sweep"));
  m_tabs->setTabToolTip(SweepTab, tr("Which δ? Train a grid of settings with several seeds"));
  TrainingConfigModel* model = m_training->model();
  m_sweep->setBaseConfig(model->config());
  connect(model, &TrainingConfigModel::changed, m_sweep, &SweepView::setBaseConfig);
  // The sweep's settings are saved in the session: the training model holds them.
  model->setSweepPlan(m_sweep->plan());
  connect(m_sweep, &SweepView::planChanged, model, &TrainingConfigModel::setSweepPlan);
  connect(model, &TrainingConfigModel::sweepPlanLoaded, m_sweep, &SweepView::setPlan);
  connect(m_sweep, &SweepView::configChosen, this, [this](const TrainingConfig& config) {
    QString error;
    if (m_training->applySession(config, &error)) {
      m_tabs->setCurrentIndex(TrainingTab);
    } else {
      statusBar()->showMessage(error, kHintMs);
    }
  });
  setCentralWidget(m_tabs);

  createFormulaDock();
  createMenus();
  createPresetBox();
  connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::tabChanged);
  connect(
      m_explorer, &ExplorerView::statusMessage, this,
      [this](const QString& text, int timeoutMs) { statusBar()->showMessage(text, timeoutMs); });
  connect(m_explorer, &ExplorerView::presetChanged, this, [this](const QString& id) {
    m_presetId = id;
    syncPresetBox();
  });
  resize(kDefaultWidth, kDefaultHeight);
  readSettings();
  connect(m_lesson, &LessonPlayer::stepShown, this, &MainWindow::lessonStepShown);
}

void MainWindow::createFormulaDock() {
  // The formula serves both tabs: the explorer plots it, the Training tab trains with it once
  // it is saved to the library.
  m_formula = new FormulaEditor(this);
  m_formulaDock = new QDockWidget(tr("Formula"), this);
  m_formulaDock->setObjectName(QStringLiteral("FormulaDock"));
  m_formulaDock->setWidget(m_formula);
  addDockWidget(Qt::RightDockWidgetArea, m_formulaDock);
  m_formulaDock->hide();  // View ▸ Formula (Ctrl+Shift+F) opens it
  connect(m_formula, &FormulaEditor::plotRequested, this, &MainWindow::plotCustomLoss);
}

void MainWindow::createMenus() {
  const ExplorerView::Actions& explorer = m_explorer->actions();
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addActions({explorer.exportPlot, explorer.exportAnimation, explorer.exportData,
                    explorer.exportCode, explorer.copyImage});
  file->addSeparator();
  m_lesson = new LessonPlayer(this);
  m_recorder = new LessonRecorder(this);
  QAction* openLesson = file->addAction(tr("Open &Lesson…"), this, &MainWindow::openLessonFile);
  openLesson->setShortcut(QKeySequence(tr("Ctrl+L")));
  openLesson->setStatusTip(tr("Open a lesson file (.losslab) and show its first step"));
  m_nextStep = file->addAction(tr("&Next Step"), this, [this] { m_lesson->next(); });
  m_nextStep->setShortcut(QKeySequence(Qt::Key_PageDown));
  m_nextStep->setStatusTip(tr("The lesson's next step"));
  m_previousStep = file->addAction(tr("P&revious Step"), this, [this] { m_lesson->previous(); });
  m_previousStep->setShortcut(QKeySequence(Qt::Key_PageUp));
  m_previousStep->setStatusTip(tr("The lesson's previous step"));
  QAction* addStep = file->addAction(tr("&Add Step to Lesson…"), m_recorder,
                                     &LessonRecorder::addStepInteractively);
  addStep->setShortcut(QKeySequence(tr("Ctrl+Shift+S", "Add Step to Lesson")));
  addStep->setStatusTip(
      tr("Both tabs as they are now become the next step of a lesson file (a new one or one "
         "you are writing)"));
  // Window-wide: Page Down steps even while a plot or a spin box has the focus.
  for (QAction* step : {m_nextStep, m_previousStep}) {
    step->setShortcutContext(Qt::WindowShortcut);
    step->setEnabled(false);  // until a lesson is open
  }
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addActions({explorer.undo, explorer.redo});
  edit->addSeparator();
  edit->addActions(
      {explorer.addLoss, explorer.removeCurve, explorer.addAnnotation, explorer.addArrow});

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addActions({explorer.showSecondDerivative, explorer.showFormulas, explorer.showThresholds,
                    explorer.resetView, explorer.zoomToRectangle, explorer.axisRanges});
  view->addSeparator();
  view->addActions({explorer.showLosses, explorer.showParameters});
  QAction* formula = m_formulaDock->toggleViewAction();
  formula->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
  formula->setStatusTip(
      tr("Write your own loss as a formula: exact derivatives, sliders, export as code"));
  view->addAction(formula);
  view->addSeparator();
  QMenu* themeMenu = view->addMenu(tr("&Theme"));
  auto* themes = new QActionGroup(this);
  const std::pair<Theme, QString> themeNames[] = {
      {Theme::System, tr("&System")}, {Theme::Light, tr("&Light")}, {Theme::Dark, tr("&Dark")}};
  const Theme current = themeFromName(Settings::theme());
  for (const auto& [theme, label] : themeNames) {
    QAction* action = themeMenu->addAction(label, this, [theme = theme] {
      applyTheme(theme);
      Settings::setTheme(themeName(theme));
    });
    action->setCheckable(true);
    action->setChecked(theme == current);
    themes->addAction(action);
  }
  view->addSeparator();
  m_presentAction = view->addAction(tr("&Presentation Mode"));
  m_presentAction->setCheckable(true);
  m_presentAction->setShortcut(QKeySequence(Qt::Key_F11));
  m_presentAction->setStatusTip(
      tr("Full screen with large text and thick lines for a projector; Esc leaves"));
  connect(m_presentAction, &QAction::toggled, this, &MainWindow::setPresentationMode);
  m_leavePresentation = new QAction(tr("Leave Presentation Mode"), this);
  m_leavePresentation->setShortcut(QKeySequence(Qt::Key_Escape));
  m_leavePresentation->setEnabled(false);  // Esc means nothing else to the window
  connect(m_leavePresentation, &QAction::triggered, this, [this] { setPresentationMode(false); });
  addAction(m_leavePresentation);
  view->addSeparator();
  QAction* toExplorer =
      view->addAction(tr("E&xplorer"), this, [this] { m_tabs->setCurrentIndex(ExplorerTab); });
  toExplorer->setShortcut(QKeySequence(tr("Ctrl+1")));
  QAction* toTraining =
      view->addAction(tr("Trai&ning"), this, [this] { m_tabs->setCurrentIndex(TrainingTab); });
  toTraining->setShortcut(QKeySequence(tr("Ctrl+T")));

  addPresetMenu();

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&Getting Started"), this, &MainWindow::gettingStarted);
  QAction* shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
    ShortcutsDialog dialog(this, this);
    dialog.exec();
  });
  shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
  help->addSeparator();
  help->addAction(tr("&About LossLab"), this, &MainWindow::about);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

  // The window holds every menu action too: their shortcuts keep working while presentation
  // mode hides the menu bar (a hidden menu bar's shortcuts are off).
  for (QAction* menu : menuBar()->actions()) {
    for (QAction* action : menu->menu()->actions()) {
      if (!action->isSeparator() && !action->menu()) {
        addAction(action);
      }
    }
  }
}

void MainWindow::setPresentationMode(bool on) {
  if (on == m_presenting) {
    return;
  }
  m_presenting = on;
  {
    const QSignalBlocker block(m_presentAction);
    m_presentAction->setChecked(on);
  }
  m_leavePresentation->setEnabled(on);
  m_explorer->setPresenting(on);
  m_training->setPresenting(on);
  menuBar()->setVisible(!on);
  statusBar()->setVisible(!on);
  if (on) {
    m_formulaDock->setProperty("shownBeforePresenting", m_formulaDock->isVisible());
    m_formulaDock->hide();
    m_wasMaximized = isMaximized();
    showFullScreen();
    showHint(tr("Presentation mode: Esc leaves, F11 too"));
  } else {
    m_formulaDock->setVisible(m_formulaDock->property("shownBeforePresenting").toBool());
    if (m_wasMaximized) {
      showMaximized();
    } else {
      showNormal();
    }
    if (m_hint) {
      m_hint->hide();
    }
  }
}

void MainWindow::showHint(const QString& text) {
  if (!m_hint) {
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("hint"));
    m_hint->setStyleSheet(QStringLiteral(
        "QLabel { background: rgba(30, 30, 30, 200); color: white; padding: 8px 14px; "
        "border-radius: 6px; }"));
  }
  QFont font = this->font();
  font.setPointSizeF(font.pointSizeF() * 1.3);
  m_hint->setFont(font);
  m_hint->setText(text);
  m_hint->adjustSize();
  m_hint->raise();
  m_hint->show();
  // Placed once the window has its new (full-screen) size.
  QTimer::singleShot(0, m_hint, [this] {
    m_hint->move((width() - m_hint->width()) / 2, height() - m_hint->height() - height() / 12);
  });
  QTimer::singleShot(kHintMs, m_hint, &QWidget::hide);
}

void MainWindow::addPresetMenu() {
  QMenu* presetMenu = menuBar()->addMenu(tr("&Presets"));
  int number = 1;
  for (const Preset& preset : presets()) {
    QAction* action =
        presetMenu->addAction(preset.title, this, [this, id = preset.id] { applyPreset(id); });
    action->setStatusTip(preset.caption);
    if (number <= 9) {
      action->setShortcut(QKeySequence(QStringLiteral("Alt+%1").arg(number++)));
    }
  }
  presetMenu->addSeparator();
  for (const TrainingPreset& preset : trainingPresets()) {
    QAction* action =
        presetMenu->addAction(preset.title, this, [this, id = preset.id] { applyPreset(id); });
    action->setStatusTip(preset.caption);
  }
}

void MainWindow::createPresetBox() {
  // Presets set up either tab, so the box sits beside the tabs, not in one tab's tool bar.
  auto* corner = new QWidget(m_tabs);
  auto* layout = new QHBoxLayout(corner);
  layout->setContentsMargins(6, 2, 6, 2);
  auto* label = new QLabel(tr("Preset:"), corner);
  m_presetBox = new QComboBox(corner);
  m_presetBox->setObjectName(QStringLiteral("presetBox"));
  m_presetBox->setToolTip(tr("Teaching presets: each sets up curves and says what to notice"));
  m_presetBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_presetBox->setFocusPolicy(Qt::StrongFocus);  // the wheel never changes it unfocused
  for (const Preset& preset : presets()) {
    m_presetBox->addItem(preset.title, preset.id);
    m_presetBox->setItemData(m_presetBox->count() - 1, preset.caption, Qt::ToolTipRole);
  }
  for (const TrainingPreset& preset : trainingPresets()) {
    m_presetBox->addItem(preset.title, preset.id);
    m_presetBox->setItemData(m_presetBox->count() - 1, preset.caption, Qt::ToolTipRole);
  }
  label->setBuddy(m_presetBox);
  layout->addWidget(label);
  layout->addWidget(m_presetBox);
  m_tabs->setCornerWidget(corner, Qt::TopRightCorner);
  connect(m_presetBox, &QComboBox::activated, this,
          [this](int index) { applyPreset(m_presetBox->itemData(index).toString()); });
}

bool MainWindow::applyPreset(const QString& id) {
  if (findTrainingPreset(id)) {
    m_training->applyTrainingPreset(id);
    m_tabs->setCurrentIndex(TrainingTab);
    m_presetId = id;
    syncPresetBox();
    return true;
  }
  if (!m_explorer->applyPreset(id)) {
    return false;
  }
  m_tabs->setCurrentIndex(ExplorerTab);
  return true;
}

void MainWindow::syncPresetBox() {
  const QSignalBlocker block(m_presetBox);
  m_presetBox->setCurrentIndex(m_presetBox->findData(m_presetId));
}

void MainWindow::tabChanged(int tab) {
  m_explorer->setActive(tab == ExplorerTab);
  // The hover hint is the explorer's: the Training tab has no crosshair to offer.
  if (tab == ExplorerTab) {
    statusBar()->showMessage(tr("Move the mouse over the plot to read values and slopes."));
  } else {
    statusBar()->clearMessage();
  }
}

void MainWindow::plotCustomLoss(const QString& id) {
  m_tabs->setCurrentIndex(ExplorerTab);
  m_explorer->plotCustomLoss(id);
}

void MainWindow::gettingStarted() {
  GettingStartedDialog dialog(this);
  // The example lesson's first picture; its training part is the outliers preset.
  connect(&dialog, &GettingStartedDialog::openLessonRequested, this, [this] {
    QString error;
    if (!openLesson(QString::fromLatin1(kExampleLesson), 0, &error)) {
      QMessageBox::warning(this, tr("Open Lesson"), error);
    }
  });
  dialog.exec();
}

bool MainWindow::openLesson(const QString& path, int step, QString* error) {
  return m_lesson->open(path, step, error);
}

void MainWindow::openLessonFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Lesson"), QString(), tr("LossLab lessons (*.losslab);;All files (*)"));
  QString error;
  if (!path.isEmpty() && !openLesson(path, 0, &error)) {
    QMessageBox::warning(this, tr("Open Lesson"), error);
  }
}

void MainWindow::lessonStepShown(const QString& text) {
  m_nextStep->setEnabled(m_lesson->current() + 1 < m_lesson->stepCount());
  m_previousStep->setEnabled(m_lesson->current() > 0);
  statusBar()->showMessage(text);
  if (m_presenting) {
    showHint(text);  // the status bar is hidden
  }
}

void MainWindow::about() {
  QMessageBox::about(
      this, tr("About LossLab"),
      tr("<h3>LossLab %1</h3><p>See what a loss function does: loss, gradient and curvature of "
         "the Keras, PyTorch and robust loss catalogue, with Keras and PyTorch semantics.</p>"
         "<p>Free software under the GNU General Public License, version 3 or later. Plots by "
         "QCustomPlot (GPL).</p>")
          .arg(QApplication::applicationVersion()));
}

void MainWindow::readSettings() {
  if (const QByteArray geometry = Settings::windowGeometry(); !geometry.isEmpty()) {
    restoreGeometry(geometry);
  }
  if (const QByteArray state = Settings::windowState(); !state.isEmpty()) {
    restoreState(state);
  }
  // The explorer first and whatever the last tab was: it always has its curves and docks.
  m_explorer->restoreSettings();
  if (findTrainingPreset(Settings::windowPreset())) {
    applyPreset(Settings::windowPreset());
  }
  const int tab = Settings::lastTab();
  m_tabs->setCurrentIndex(tab == TrainingTab || tab == SweepTab ? tab : ExplorerTab);
  tabChanged(m_tabs->currentIndex());
}

void MainWindow::writeSettings() {
  Settings::setWindowGeometry(saveGeometry());
  Settings::setWindowState(saveState());
  Settings::setLastTab(m_tabs->currentIndex());
  Settings::setWindowPreset(m_presetId);
  m_explorer->saveSettings();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  writeSettings();
  event->accept();
}

}  // namespace losslab::ui
