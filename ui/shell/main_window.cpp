// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/main_window.h"

#include <qcustomplot.h>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include "ui/common/code_export_dialog.h"
#include "ui/common/export_options_dialog.h"
#include "ui/common/loss_factory.h"
#include "ui/common/parameter_panel.h"
#include "ui/common/plot_exporter.h"
#include "ui/common/settings.h"
#include "ui/common/theme.h"
#include "ui/explorer/axis_range_dialog.h"
#include "ui/explorer/crosshair.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/loss_list_panel.h"
#include "ui/explorer/loss_picker_dialog.h"
#include "ui/formula/formula_editor.h"
#include "ui/shell/presets.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

namespace {

/// An undo step made of two closures. Steps with the same curve and kind merge, so dragging a
/// slider is undone in one step, not one per pixel.
class FunctionCommand : public QUndoCommand {
 public:
  FunctionCommand(const QString& text,
                  int mergeId,
                  std::function<void()> undo,
                  std::function<void()> redo)
      : QUndoCommand(text), m_mergeId(mergeId), m_undo(std::move(undo)), m_redo(std::move(redo)) {}
  void undo() override { m_undo(); }
  void redo() override { m_redo(); }
  int id() const override { return m_mergeId; }
  bool mergeWith(const QUndoCommand* other) override {
    m_redo = static_cast<const FunctionCommand*>(other)->m_redo;
    return true;
  }

 private:
  int m_mergeId;
  std::function<void()> m_undo;
  std::function<void()> m_redo;
};

constexpr int kParameterMergeBase = 1000;  // + curve index; −1 (no merging) for other steps

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_model(new CurveModel(this)),
      m_plot(new LossCurvePlot(m_model, this)),
      m_caption(new QLabel(this)),
      m_undo(new QUndoStack(this)) {
  setWindowTitle(tr("LossLab"));
  setObjectName(QStringLiteral("MainWindow"));
  m_caption->setWordWrap(true);
  m_caption->setTextFormat(Qt::RichText);
  m_caption->setContentsMargins(10, 6, 10, 4);
  auto* explorer = new QWidget(this);
  auto* layout = new QVBoxLayout(explorer);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(m_caption);
  layout->addWidget(m_plot, 1);
  m_training = new TrainingView(this);
  m_tabs = new QTabWidget(this);
  m_tabs->setDocumentMode(true);
  m_tabs->addTab(explorer, tr("&Explorer"));
  m_tabs->setTabToolTip(0, tr("Loss, gradient and curvature curves of the chosen losses"));
  // The training tab needs more room than the explorer; on a small window it scrolls rather
  // than forcing the whole window (explorer included) to its minimum width.
  auto* trainingScroll = new QScrollArea(this);
  trainingScroll->setWidget(m_training);
  trainingScroll->setWidgetResizable(true);
  trainingScroll->setFrameShape(QFrame::NoFrame);
  m_tabs->addTab(trainingScroll, tr("&Training"));
  m_tabs->setTabToolTip(
      1, tr("Train a small regression network with the chosen loss and watch it learn"));
  setCentralWidget(m_tabs);

  createDocks();
  createActions();
  connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showExplorerDocks);
  connect(m_plot, &LossCurvePlot::xRangeEdited, this,
          [this](double from, double to) { m_model->setRange(from, to, m_model->points()); });
  connect(m_plot->crosshair(), &Crosshair::readoutChanged, this,
          [this](const QString& text) { statusBar()->showMessage(text); });
  connect(m_model, &CurveModel::curveChanged, this, [this](int index) {
    if (index == m_current) {
      updateParameterPanel();
    }
  });
  statusBar()->showMessage(tr("Move the mouse over the plot to read values and slopes."));
  resize(1200, 780);
  readSettings();
}

void MainWindow::createDocks() {
  m_list = new LossListPanel(m_model, this);
  m_listDock = new QDockWidget(tr("Losses"), this);
  m_listDock->setObjectName(QStringLiteral("LossesDock"));
  m_listDock->setWidget(m_list);
  addDockWidget(Qt::LeftDockWidgetArea, m_listDock);

  auto* panel = new QWidget(this);
  auto* form = new QVBoxLayout(panel);
  form->setContentsMargins(4, 4, 4, 4);
  m_variant = new QComboBox(panel);
  m_variant->setToolTip(
      tr("Which picture of the loss to draw: the label of a classification "
         "loss, similar or dissimilar pair, …"));
  auto* variantRow = new QFormLayout;
  variantRow->addRow(tr("Curve:"), m_variant);
  form->addLayout(variantRow);
  // Regression curves: against the residual (target 0, the default) or against the
  // prediction ŷ for a fixed target y.
  auto* targetRow = new QHBoxLayout;
  m_fixedTarget = new QCheckBox(tr("Against ŷ for target &y ="), panel);
  m_fixedTarget->setToolTip(
      tr("Plot regression losses against the prediction ŷ for this target "
         "instead of the residual r = ŷ − y. Matters for losses that are "
         "not functions of r alone (MAPE, MSLE, Poisson, …)."));
  m_fixedTarget->setObjectName(QStringLiteral("fixedTarget"));
  m_target = new QDoubleSpinBox(panel);
  m_target->setObjectName(QStringLiteral("targetValue"));
  m_target->setRange(-1e6, 1e6);
  m_target->setDecimals(4);
  m_target->setValue(1.0);
  m_target->setEnabled(false);
  m_target->setKeyboardTracking(false);
  targetRow->addWidget(m_fixedTarget);
  targetRow->addWidget(m_target, 1);
  form->addLayout(targetRow);
  connect(m_fixedTarget, &QCheckBox::toggled, this, &MainWindow::applyTarget);
  connect(m_target, &QDoubleSpinBox::valueChanged, this, &MainWindow::applyTarget);
  m_parameters = new ParameterPanel(panel);
  form->addWidget(m_parameters);
  m_axisNote = new QLabel(panel);
  m_axisNote->setWordWrap(true);
  form->addWidget(m_axisNote);
  form->addStretch();
  m_parameterDock = new QDockWidget(tr("Parameters"), this);
  m_parameterDock->setObjectName(QStringLiteral("ParametersDock"));
  m_parameterDock->setWidget(panel);
  addDockWidget(Qt::LeftDockWidgetArea, m_parameterDock);

  m_formula = new FormulaEditor(this);
  m_formulaDock = new QDockWidget(tr("Formula"), this);
  m_formulaDock->setObjectName(QStringLiteral("FormulaDock"));
  m_formulaDock->setWidget(m_formula);
  addDockWidget(Qt::RightDockWidgetArea, m_formulaDock);
  m_formulaDock->hide();  // View ▸ Formula (Ctrl+Shift+F) opens it
  connect(m_formula, &FormulaEditor::plotRequested, this, &MainWindow::plotCustomLoss);

  connect(m_list, &LossListPanel::currentCurveChanged, this, &MainWindow::selectCurve);
  connect(m_list, &LossListPanel::addRequested, this, &MainWindow::addLoss);
  connect(m_list, &LossListPanel::removeRequested, this, &MainWindow::removeCurve);
  connect(m_parameters, &ParameterPanel::parametersChanged, this, &MainWindow::applyParameters);
  connect(m_variant, qOverload<int>(&QComboBox::activated), this, &MainWindow::changeVariant);
}

void MainWindow::createActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* exportPlotAction = file->addAction(QIcon::fromTheme("document-save-as"),
                                              tr("&Export Plot…"), this, &MainWindow::exportPlot);
  exportPlotAction->setShortcut(QKeySequence(tr("Ctrl+E")));
  exportPlotAction->setStatusTip(tr("Save the plot as PNG, SVG or PDF"));
  QAction* exportDataAction =
      file->addAction(tr("Export &Data (CSV)…"), this, &MainWindow::exportData);
  exportDataAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
  exportDataAction->setStatusTip(tr("Save x, loss, gradient and curvature of every visible curve"));
  QAction* exportCode = file->addAction(tr("Export as C&ode…"), this, &MainWindow::exportCode);
  exportCode->setShortcut(QKeySequence(tr("Ctrl+Shift+K")));
  exportCode->setStatusTip(
      tr("The selected curve's loss, with its parameters, as Keras 3 or PyTorch code"));
  QAction* copyAction = file->addAction(QIcon::fromTheme("edit-copy"), tr("&Copy Image"), this,
                                        &MainWindow::copyImage);
  copyAction->setShortcut(QKeySequence::Copy);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = m_undo->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = m_undo->createRedoAction(this, tr("&Redo"));
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  QAction* add =
      edit->addAction(QIcon::fromTheme("list-add"), tr("&Add Loss…"), this, &MainWindow::addLoss);
  add->setShortcut(QKeySequence(Qt::Key_Insert));
  QAction* remove = edit->addAction(QIcon::fromTheme("list-remove"), tr("&Remove Curve"), this,
                                    [this] { removeCurve(m_current); });
  remove->setShortcut(QKeySequence::Delete);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  m_showD2 = view->addAction(tr("Show &Second Derivative"));
  m_showD2->setCheckable(true);
  m_showD2->setShortcut(QKeySequence(tr("Ctrl+2")));
  m_showD2->setStatusTip(tr("Add a third panel with the curvature d²L/dx²"));
  connect(m_showD2, &QAction::toggled, m_plot, &LossCurvePlot::setSecondDerivativeVisible);
  QAction* reset = view->addAction(QIcon::fromTheme("zoom-original"), tr("&Reset View"), m_plot,
                                   &LossCurvePlot::resetView);
  reset->setShortcut(QKeySequence(tr("Ctrl+0")));
  QAction* rubber = view->addAction(QIcon::fromTheme("zoom-select"), tr("&Zoom to Rectangle"));
  rubber->setCheckable(true);
  rubber->setShortcut(QKeySequence(tr("Ctrl+R")));
  rubber->setStatusTip(tr("Drag a rectangle to zoom; off: drag to pan. The wheel always zooms."));
  connect(rubber, &QAction::toggled, m_plot, &LossCurvePlot::setRubberBandZoom);
  view->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>()) {
    view->addAction(dock->toggleViewAction());
  }
  m_formulaDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+Shift+F")));
  m_formulaDock->toggleViewAction()->setStatusTip(
      tr("Write your own loss as a formula: exact derivatives, sliders, export as code"));

  QAction* ranges = view->addAction(tr("Axis R&anges…"), this, &MainWindow::editAxisRanges);
  ranges->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
  ranges->setStatusTip(tr("Type the x range and the y range of each panel"));
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
  QAction* toExplorer =
      view->addAction(tr("E&xplorer"), this, [this] { m_tabs->setCurrentIndex(0); });
  toExplorer->setShortcut(QKeySequence(tr("Ctrl+1")));
  QAction* toTraining =
      view->addAction(tr("Trai&ning"), this, [this] { m_tabs->setCurrentIndex(1); });
  toTraining->setShortcut(QKeySequence(tr("Ctrl+T")));

  QMenu* presetMenu = menuBar()->addMenu(tr("&Presets"));
  auto* group = new QActionGroup(this);
  int number = 1;
  for (const Preset& preset : presets()) {
    QAction* action =
        presetMenu->addAction(preset.title, this, [this, id = preset.id] { applyPreset(id); });
    action->setStatusTip(preset.caption);
    if (number <= 9) {
      action->setShortcut(QKeySequence(QStringLiteral("Alt+%1").arg(number++)));
    }
    group->addAction(action);
  }

  presetMenu->addSeparator();
  QAction* outliers =
      presetMenu->addAction(tr("Training: outliers (MSE vs MAE vs Huber)"), this,
                            [this] { applyPreset(QString::fromLatin1(kOutliersPreset)); });
  outliers->setStatusTip(
      tr("Fit a line through data with 10 % outliers with three losses at once"));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About LossLab"), this, &MainWindow::about);
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);

  QToolBar* toolbar = addToolBar(tr("Main"));
  toolbar->setObjectName(QStringLiteral("MainToolBar"));
  toolbar->addAction(add);
  toolbar->addAction(reset);
  toolbar->addAction(rubber);
  toolbar->addAction(m_showD2);
  toolbar->addAction(exportPlotAction);
  toolbar->addSeparator();
  m_presetCombo = new QComboBox(toolbar);
  m_presetCombo->setToolTip(tr("Teaching presets: each sets up curves and says what to notice"));
  m_presetCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  for (const Preset& preset : presets()) {
    m_presetCombo->addItem(preset.title, preset.id);
    m_presetCombo->setItemData(m_presetCombo->count() - 1, preset.caption, Qt::ToolTipRole);
  }
  m_presetCombo->addItem(tr("Training: outliers (MSE vs MAE vs Huber)"),
                         QString::fromLatin1(kOutliersPreset));
  auto* presetLabel = new QLabel(tr("Preset:"), toolbar);
  presetLabel->setContentsMargins(6, 0, 4, 0);
  toolbar->addWidget(presetLabel);
  toolbar->addWidget(m_presetCombo);
  connect(m_presetCombo, &QComboBox::activated, this,
          [this](int index) { applyPreset(m_presetCombo->itemData(index).toString()); });
}

bool MainWindow::applyPreset(const QString& id) {
  if (id == QLatin1String(kOutliersPreset)) {
    m_training->applyOutliersPreset();
    m_tabs->setCurrentIndex(1);
    m_presetId = id;
    syncPresetCombo();
    return true;
  }
  const Preset* preset = findPreset(id);
  if (!preset) {
    return false;
  }
  m_undo->clear();
  m_model->clear();
  QStringList skipped;
  for (const PresetCurve& curve : preset->curves) {
    QString error;
    if (m_model->addCurve(curve.lossId, curve.params, curve.variant, curve.name, &error) < 0) {
      skipped << QStringLiteral("%1 (%2)").arg(curve.lossId, error);
    }
  }
  if (m_fixedTarget->isChecked()) {
    const QSignalBlocker block(m_fixedTarget);
    m_fixedTarget->setChecked(false);  // presets are drawn against their natural axis
    m_model->setTarget(std::nullopt);
  }
  m_model->setHomeRange(preset->from, preset->to);
  m_model->setRange(preset->from, preset->to);
  m_presetId = id;
  syncPresetCombo();
  setCaption(preset->title, preset->caption);
  if (m_showD2) {
    m_showD2->setChecked(preset->showSecondDerivative || m_showD2->isChecked());
  }
  m_plot->resetView();
  m_tabs->setCurrentIndex(0);
  // Start on the first curve that has a slider to turn (Huber's δ in the default preset).
  int first = m_model->count() > 0 ? 0 : -1;
  for (int i = m_model->count() - 1; i >= 0; --i) {
    if (!m_model->curve(i).loss->info().params.empty()) {
      first = i;
    }
  }
  selectCurve(first);
  m_list->setCurrentIndex(m_current);
  if (!skipped.isEmpty()) {
    statusBar()->showMessage(tr("Skipped: %1").arg(skipped.join(QStringLiteral("; "))));
  }
  return true;
}

void MainWindow::syncPresetCombo() {
  if (m_presetCombo) {
    const QSignalBlocker block(m_presetCombo);
    m_presetCombo->setCurrentIndex(m_presetCombo->findData(m_presetId));
  }
}

void MainWindow::setCaption(const QString& title, const QString& caption) {
  m_caption->setText(
      QStringLiteral("<b>%1.</b> %2").arg(title.toHtmlEscaped(), caption.toHtmlEscaped()));
}

void MainWindow::selectCurve(int index) {
  m_current = index >= 0 && index < m_model->count() ? index : -1;
  m_plot->setActiveCurve(m_current);
  updateParameterPanel();
}

void MainWindow::updateParameterPanel() {
  if (m_updatingPanel) {
    return;
  }
  const QSignalBlocker blocker(m_variant);
  m_variant->clear();
  if (m_current < 0) {
    m_parameters->clear();
    m_axisNote->clear();
    return;
  }
  const CurveItem& item = m_model->curve(m_current);
  m_parameters->setParameters(item.loss->info().params, item.params);
  const auto variants = m_model->variants(m_current);  // labels in the user's language
  for (const CurveVariant& variant : variants) {
    m_variant->addItem(QString::fromStdString(variant.label), QString::fromStdString(variant.id));
  }
  const int selected = m_variant->findData(item.variant);
  m_variant->setCurrentIndex(selected >= 0 ? selected : 0);
  m_variant->setEnabled(variants.size() > 1);
  const bool regression = m_model->axisKind() == CurveKind::Residual;
  m_fixedTarget->setVisible(regression);  // other kinds have their own x (score, probability, …)
  m_target->setVisible(regression);
  QString note = tr("x axis: %1").arg(m_model->axisLabel().toHtmlEscaped());
  if (item.data && item.data->invalidPoints > 0) {
    note +=
        QStringLiteral("<br><span style='color:#b00020'>%1</span>")
            .arg(tr("%n point(s) outside the loss's domain: %1", nullptr, item.data->invalidPoints)
                     .arg(QString::fromStdString(item.data->problem).toHtmlEscaped()));
  }
  m_axisNote->setText(note);
}

void MainWindow::applyTarget() {
  m_target->setEnabled(m_fixedTarget->isChecked());
  m_model->setTarget(m_fixedTarget->isChecked() ? std::optional<double>(m_target->value())
                                                : std::nullopt);
  m_plot->rescaleY();
  updateParameterPanel();
}

void MainWindow::applyParameters(const ParamValues& values) {
  if (m_current < 0) {
    return;
  }
  const int index = m_current;
  const ParamValues before = m_model->curve(index).params;
  QString error;
  m_updatingPanel = true;  // the panel already shows these values
  const bool ok = m_model->setParams(index, values, &error);
  m_updatingPanel = false;
  if (!ok) {
    statusBar()->showMessage(error, 8000);
    updateParameterPanel();  // show the values that are really in use
    return;
  }
  const ParamValues after = m_model->curve(index).params;
  // Pushing runs redo(), which re-applies `after`: harmless, and keeps the stack consistent.
  m_undo->push(new FunctionCommand(
      tr("Change parameters of %1").arg(m_model->curve(index).name), kParameterMergeBase + index,
      [this, index, before] {
        if (index < m_model->count()) {
          m_model->setParams(index, before);
        }
      },
      [this, index, after] {
        if (index < m_model->count() && m_model->curve(index).params != after) {
          m_model->setParams(index, after);
        }
      }));
}

void MainWindow::changeVariant(int comboIndex) {
  if (m_current < 0 || comboIndex < 0) {
    return;
  }
  QString error;
  if (!m_model->setVariant(m_current, m_variant->itemData(comboIndex).toString(), &error)) {
    statusBar()->showMessage(error, 8000);
  }
}

void MainWindow::addLoss() {
  if (m_model->count() >= CurveModel::kMaxCurves) {
    statusBar()->showMessage(
        tr("At most %1 curves can be shown at once.").arg(CurveModel::kMaxCurves), 8000);
    return;
  }
  LossPickerDialog dialog(this);
  if (dialog.exec() != QDialog::Accepted || dialog.selectedId().isEmpty()) {
    return;
  }
  const QString id = dialog.selectedId();
  if (const QString conflict = m_model->axisConflict(id, {}); !conflict.isEmpty()) {
    const auto answer = QMessageBox::question(
        this, tr("Different x axis"),
        conflict + QStringLiteral("\n\n") + tr("Start a new plot with this loss instead?"));
    if (answer != QMessageBox::Yes) {
      return;
    }
    startNewPlot(conflict);
  }
  QString error;
  const int index = m_model->addCurve(id, {}, {}, {}, &error);
  if (index < 0) {
    QMessageBox::warning(this, tr("Cannot add loss"), error);
    return;
  }
  m_list->setCurrentIndex(index);
  statusBar()->showMessage(tr("Added %1.").arg(m_model->curve(index).name), 4000);
}

void MainWindow::plotCustomLoss(const QString& id) {
  m_tabs->setCurrentIndex(0);
  // A formula edited and plotted again replaces its curves' loss (same id, new formula).
  bool reloaded = false;
  for (int i = 0; i < m_model->count(); ++i) {
    if (m_model->curve(i).lossId == id) {
      QString error;
      if (!m_model->setParams(i, m_model->curve(i).params, &error)) {
        statusBar()->showMessage(error, 8000);
        return;
      }
      reloaded = true;
      m_list->setCurrentIndex(i);
    }
  }
  if (reloaded) {
    m_undo->clear();  // the old formula is gone: earlier parameter steps would not fit it
    statusBar()->showMessage(tr("Updated %1.").arg(customLossName(id)), 4000);
    return;
  }
  if (const QString conflict = m_model->axisConflict(id, {}); !conflict.isEmpty()) {
    startNewPlot(conflict);
  }
  QString error;
  const int index = m_model->addCurve(id, {}, {}, {}, &error);
  if (index < 0) {
    QMessageBox::warning(this, tr("Cannot plot the formula"), error);
    return;
  }
  m_list->setCurrentIndex(index);
  statusBar()->showMessage(tr("Added %1.").arg(m_model->curve(index).name), 4000);
}

void MainWindow::startNewPlot(const QString& why) {
  // Undo steps refer to curves by index: they cannot outlive the curves they change.
  m_undo->clear();
  m_model->clear();
  m_presetId.clear();
  syncPresetCombo();
  setCaption(tr("Custom selection"), why);
}

void MainWindow::exportCode() {
  if (m_current < 0) {
    statusBar()->showMessage(tr("Select a curve first: its loss and parameters are exported."),
                             6000);
    return;
  }
  auto* dialog = new CodeExportDialog(m_model->curve(m_current).loss, CodeTarget::Keras, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
}

void MainWindow::removeCurve(int index) {
  if (index < 0 || index >= m_model->count()) {
    return;
  }
  const CurveItem item = m_model->curve(index);
  m_undo->push(new FunctionCommand(
      tr("Remove %1").arg(item.name), -1,
      [this, item, index] {
        const int added =
            m_model->addCurve(item.lossId, item.params, item.variant, item.name, nullptr);
        if (added >= 0) {
          m_model->setColor(added, item.color);
          m_model->setVisible(added, item.visible);
        }
        (void)index;
      },
      [this, index] { m_model->removeCurve(std::min(index, m_model->count() - 1)); }));
}

std::vector<ExportedCurve> MainWindow::visibleCurves() const {
  std::vector<ExportedCurve> curves;
  for (int i = 0; i < m_model->count(); ++i) {
    const CurveItem& item = m_model->curve(i);
    if (!item.visible) {
      continue;
    }
    ExportedCurve curve;
    curve.name = item.name;
    curve.parameters =
        QStringLiteral("%1 %2").arg(item.lossId, CurveModel::parameterText(item)).trimmed();
    curve.x = item.data->x;
    curve.value = item.data->value;
    curve.d1 = item.data->d1;
    curve.d2 = item.data->d2;
    curves.push_back(std::move(curve));
  }
  return curves;
}

void MainWindow::exportPlot() {
  const QString suggested = Settings::exportDirectory() +
                            QStringLiteral("/losslab-%1.png")
                                .arg(m_presetId.isEmpty() ? QStringLiteral("plot") : m_presetId);
  QString selectedFilter;
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export Plot"), suggested,
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &selectedFilter);
  if (path.isEmpty()) {
    return;
  }
  if (QFileInfo(path).suffix().isEmpty()) {
    path += selectedFilter.contains(QLatin1String("svg"))   ? QStringLiteral(".svg")
            : selectedFilter.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf")
                                                            : QStringLiteral(".png");
  }
  ExportOptionsDialog options(
      QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0,
      Settings::exportSize(), Settings::exportDpi(), this);
  if (options.exec() != QDialog::Accepted) {
    return;
  }
  Settings::setExportSize(options.plotSize());
  Settings::setExportDpi(options.dpi());
  QString error;
  if (!ui::exportPlot(m_plot->customPlot(), path, options.plotSize(), options.dpi(), &error)) {
    QMessageBox::warning(this, tr("Export failed"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
}

void MainWindow::exportData() {
  QString path = QFileDialog::getSaveFileName(
      this, tr("Export Data"), Settings::exportDirectory() + QStringLiteral("/losslab-curves.csv"),
      tr("CSV table (*.csv)"));
  if (path.isEmpty()) {
    return;
  }
  if (QFileInfo(path).suffix().isEmpty()) {
    path += QStringLiteral(".csv");
  }
  QString error;
  if (!ui::exportCsv(visibleCurves(), path, &error)) {
    QMessageBox::warning(this, tr("Export failed"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
}

void MainWindow::copyImage() {
  QApplication::clipboard()->setImage(renderImage(m_plot->customPlot(), m_plot->size()));
  statusBar()->showMessage(tr("Plot copied to the clipboard."), 4000);
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

void MainWindow::showExplorerDocks(int tab) {
  // The loss list and the parameter panel belong to the explorer: out of the way while
  // training, back as the user left them afterwards.
  const bool explorer = tab == 0;
  for (QDockWidget* dock : {m_listDock, m_parameterDock}) {
    if (explorer) {
      const QVariant shown = dock->property("shownInExplorer");
      dock->setVisible(!shown.isValid() || shown.toBool());
    } else {
      if (m_lastTab == 0) {
        dock->setProperty("shownInExplorer", dock->isVisible());
      }
      dock->hide();
    }
  }
  m_lastTab = tab;
}

void MainWindow::editAxisRanges() {
  AxisRangeDialog dialog(this);
  dialog.setXRange(m_plot->xFrom(), m_plot->xTo());
  for (int panel = 0; panel < AxisRangeDialog::kPanels; ++panel) {
    dialog.setYRange(panel, m_plot->yFrom(panel), m_plot->yTo(panel));
  }
  if (dialog.exec() != QDialog::Accepted) {
    return;
  }
  m_model->setRange(dialog.xFrom(), dialog.xTo(), m_model->points());
  m_plot->setXRange(dialog.xFrom(), dialog.xTo());
  for (int panel = 0; panel < AxisRangeDialog::kPanels; ++panel) {
    m_plot->setYRange(panel, dialog.yFrom(panel), dialog.yTo(panel));
  }
}

void MainWindow::readSettings() {
  if (const QByteArray geometry = Settings::windowGeometry(); !geometry.isEmpty()) {
    restoreGeometry(geometry);
  }
  if (const QByteArray state = Settings::windowState(); !state.isEmpty()) {
    restoreState(state);
  }
  m_showD2->setChecked(Settings::showSecondDerivative());
  if (!applyPreset(Settings::lastPreset())) {
    applyPreset(QString::fromLatin1(kDefaultPreset));
  }
}

void MainWindow::writeSettings() {
  if (m_tabs->currentIndex() != 0) {
    showExplorerDocks(0);  // remember the explorer's dock layout, not the training tab's
  }
  Settings::setWindowGeometry(saveGeometry());
  Settings::setWindowState(saveState());
  Settings::setLastPreset(m_presetId);
  Settings::setShowSecondDerivative(m_showD2->isChecked());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  writeSettings();
  event->accept();
}

}  // namespace losslab::ui
