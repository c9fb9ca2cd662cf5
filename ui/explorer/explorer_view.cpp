// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/explorer_view.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMessageBox>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

#include "ui/common/loss_factory.h"
#include "ui/common/parameter_panel.h"
#include "ui/common/settings.h"
#include "ui/explorer/axis_range_dialog.h"
#include "ui/explorer/crosshair.h"
#include "ui/explorer/curve_commands.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/curve_parameters_panel.h"
#include "ui/explorer/explorer_animation.h"
#include "ui/explorer/explorer_export.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/loss_list_panel.h"
#include "ui/explorer/loss_picker_dialog.h"
#include "ui/explorer/presets.h"
#include "ui/explorer/text_annotations.h"
#include "ui/explorer/threshold_markers.h"

namespace losslab::ui {

namespace {

constexpr int kErrorMessageMs = 8000;
constexpr int kInfoMessageMs = 4000;

}  // namespace

ExplorerView::ExplorerView(QWidget* parent)
    : QMainWindow(parent),
      m_model(new CurveModel(this)),
      m_plot(new LossCurvePlot(m_model, this)),
      m_caption(new QLabel(this)),
      m_undo(new QUndoStack(this)),
      m_export(new ExplorerExport(m_model, m_plot, this)) {
  setObjectName(QStringLiteral("ExplorerView"));
  setWindowFlags(Qt::Widget);  // a tab's content, not a window of its own
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
  m_caption->setObjectName(QStringLiteral("caption"));
  m_caption->setWordWrap(true);
  m_caption->setTextFormat(Qt::RichText);
  m_caption->setContentsMargins(10, 6, 10, 4);
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(m_caption);
  layout->addWidget(m_plot, 1);
  setCentralWidget(central);

  createDocks();
  createActions();
  createToolBar();
  connect(m_export, &ExplorerExport::statusMessage, this, &ExplorerView::statusMessage);
  connect(m_plot, &LossCurvePlot::xRangeEdited, this,
          [this](double from, double to) { m_model->requestRange(from, to, m_model->points()); });
  connect(m_plot->crosshair(), &Crosshair::readoutChanged, this,
          [this](const QString& text) { showStatus(text); });
}

// QWidget deletes the children after this body, and the undo stack, clearing itself, emits
// canUndoChanged to lambdas that would then run on a half-destroyed ExplorerView (UBSan saw it).
ExplorerView::~ExplorerView() {
  m_undo->disconnect(this);
}

void ExplorerView::createDocks() {
  m_list = new LossListPanel(m_model, this);
  auto* listDock = new QDockWidget(tr("Losses"), this);
  listDock->setObjectName(QStringLiteral("LossesDock"));
  listDock->setWidget(m_list);
  addDockWidget(Qt::LeftDockWidgetArea, listDock);

  m_parameters = new CurveParametersPanel(m_model, this);
  auto* parameterDock = new QDockWidget(tr("Parameters"), this);
  parameterDock->setObjectName(QStringLiteral("ParametersDock"));
  parameterDock->setWidget(m_parameters);
  addDockWidget(Qt::LeftDockWidgetArea, parameterDock);
  m_actions.showLosses = listDock->toggleViewAction();
  m_actions.showParameters = parameterDock->toggleViewAction();

  connect(m_list, &LossListPanel::currentCurveChanged, this, &ExplorerView::selectCurve);
  connect(m_list, &LossListPanel::addRequested, this, &ExplorerView::addLoss);
  connect(m_list, &LossListPanel::removeRequested, this, &ExplorerView::removeCurve);
  connect(m_parameters, &CurveParametersPanel::parametersEdited, this,
          &ExplorerView::applyParameters);
  connect(m_parameters, &CurveParametersPanel::dragFinished, this, [this] { ++m_gesture; });
  connect(m_parameters, &CurveParametersPanel::statusMessage, this,
          [this](const QString& text) { showStatus(text, kErrorMessageMs); });
  connect(m_parameters, &CurveParametersPanel::targetChanged, m_plot, &LossCurvePlot::rescaleY);
}

ParameterPanel* ExplorerView::parameterPanel() const {
  return m_parameters->parameterPanel();
}

QString ExplorerView::caption() const {
  return m_caption->text();
}

void ExplorerView::setActive(bool active) {
  m_active = active;
  const Actions& a = m_actions;
  for (QAction* action :
       {a.exportPlot, a.exportAnimation, a.exportData, a.exportCode, a.copyImage, a.addLoss,
        a.removeCurve, a.showSecondDerivative, a.showFormulas, a.showThresholds, a.addAnnotation,
        a.addArrow, a.resetView, a.zoomToRectangle, a.axisRanges, a.showLosses, a.showParameters}) {
    action->setEnabled(active);
  }
  // The undo actions follow the stack (canUndo) while active: take them off while hidden.
  if (active) {
    a.undo->setEnabled(m_undo->canUndo());
    a.redo->setEnabled(m_undo->canRedo());
  } else {
    a.undo->setEnabled(false);
    a.redo->setEnabled(false);
  }
}

void ExplorerView::setPresenting(bool on) {
  if (on == m_presenting) {
    return;
  }
  m_presenting = on;
  if (on) {
    m_layoutBeforePresenting = saveState();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
      dock->hide();
    }
    m_toolBar->hide();
  } else {
    restoreState(m_layoutBeforePresenting);
  }
  m_plot->setScreenScale(on ? kPresentationFontScale : 1.0, on ? kPresentationLineScale : 1.0, on);
  QFont captionFont = font();
  if (on) {
    captionFont.setPointSizeF(captionFont.pointSizeF() * kPresentationFontScale);
  }
  m_caption->setFont(captionFont);
}

bool ExplorerView::applyPreset(const QString& id) {
  const Preset* preset = findPreset(id);
  if (preset) {
    showScene(*preset);
  }
  return preset != nullptr;
}

void ExplorerView::showScene(const Preset& scene) {
  const Preset* preset = &scene;
  m_undo->clear();
  m_model->clear();
  m_parameters->clearFixedTarget();  // presets are drawn against their natural axis
  QStringList skipped;
  for (const PresetCurve& curve : preset->curves) {
    QString error;
    if (m_model->addCurve(curve.lossId, curve.params, curve.variant, curve.name, &error) < 0) {
      skipped << QStringLiteral("%1 (%2)").arg(curve.lossId, error);
    }
  }
  m_model->setHomeRange(preset->from, preset->to);
  m_model->setRange(preset->from, preset->to);
  m_presetId = preset->id;
  setCaption(preset->title, preset->caption);
  if (preset->showSecondDerivative) {
    m_actions.showSecondDerivative->setChecked(true);
  }
  m_plot->resetView();
  // Start on the first curve that has a slider to turn (Huber's δ in the default preset).
  int first = m_model->count() > 0 ? 0 : -1;
  for (int i = m_model->count() - 1; i >= 0; --i) {
    if (!m_model->curve(i).loss->info().params.empty()) {
      first = i;
    }
  }
  m_list->setCurrentIndex(first);
  selectCurve(first);
  if (!skipped.isEmpty()) {
    showStatus(tr("Skipped: %1").arg(skipped.join(QStringLiteral("; "))));
  }
  emit presetChanged(m_presetId);
}

void ExplorerView::setCaption(const QString& title, const QString& caption) {
  m_caption->setText(
      QStringLiteral("<b>%1.</b> %2").arg(title.toHtmlEscaped(), caption.toHtmlEscaped()));
}

void ExplorerView::selectCurve(int index) {
  m_current = index >= 0 && index < m_model->count() ? index : -1;
  m_plot->setActiveCurve(m_current);
  m_parameters->setCurve(m_current);
  ++m_gesture;  // edits of another curve never merge with the last ones
}

void ExplorerView::applyParameters(const ParamValues& values) {
  if (m_current < 0) {
    return;
  }
  const int index = m_current;
  const ParamValues before = m_model->curve(index).params;
  QString error;
  if (!m_model->setParams(index, values, &error)) {
    showStatus(error, kErrorMessageMs);
    m_parameters->refresh();  // show the values that are really in use
    return;
  }
  m_undo->push(
      new ParameterCommand(m_model, index, before, m_model->curve(index).params, m_gesture));
  if (!parameterPanel()->isDragging()) {
    ++m_gesture;  // a typed value, a toggle or a reset is a step of its own
  }
}

void ExplorerView::addLoss() {
  if (m_model->count() >= CurveModel::kMaxCurves) {
    showStatus(tr("At most %1 curves can be shown at once.").arg(CurveModel::kMaxCurves),
               kErrorMessageMs);
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
  m_undo->push(new CurveRowCommand(m_model, index, m_model->curve(index), true));
  m_list->setCurrentIndex(index);
  showStatus(tr("Added %1.").arg(m_model->curve(index).name), kInfoMessageMs);
}

void ExplorerView::plotCustomLoss(const QString& id) {
  // A formula edited and plotted again replaces its curves' loss (same id, new formula).
  bool reloaded = false;
  for (int i = 0; i < m_model->count(); ++i) {
    if (m_model->curve(i).lossId == id) {
      QString error;
      if (!m_model->setParams(i, m_model->curve(i).params, &error)) {
        showStatus(error, kErrorMessageMs);
        return;
      }
      reloaded = true;
      m_list->setCurrentIndex(i);
    }
  }
  if (reloaded) {
    m_undo->clear();  // the old formula is gone: earlier parameter steps would not fit it
    showStatus(tr("Updated %1.").arg(customLossName(id)), kInfoMessageMs);
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
  m_undo->push(new CurveRowCommand(m_model, index, m_model->curve(index), true));
  m_list->setCurrentIndex(index);
  showStatus(tr("Added %1.").arg(m_model->curve(index).name), kInfoMessageMs);
}

void ExplorerView::startNewPlot(const QString& why) {
  // Undo steps refer to curves by row: they cannot outlive the curves they change.
  m_undo->clear();
  m_model->clear();
  m_presetId.clear();
  setCaption(tr("Custom selection"), why);
  emit presetChanged(m_presetId);
}

void ExplorerView::removeCurve(int index) {
  if (index < 0 || index >= m_model->count()) {
    return;
  }
  const CurveItem item = m_model->curve(index);
  m_model->removeCurve(index);
  m_undo->push(new CurveRowCommand(m_model, index, item, false));
}

void ExplorerView::editAxisRanges() {
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

void ExplorerView::showStatus(const QString& text, int timeoutMs) {
  emit statusMessage(text, timeoutMs);
}

void ExplorerView::restoreSettings() {
  if (const QByteArray state = Settings::explorerState(); !state.isEmpty()) {
    restoreState(state);
  }
  m_actions.showSecondDerivative->setChecked(Settings::showSecondDerivative());
  if (!applyPreset(Settings::lastPreset())) {
    applyPreset(QString::fromLatin1(kDefaultPreset));
  }
}

void ExplorerView::saveSettings() const {
  Settings::setExplorerState(saveState());
  Settings::setLastPreset(m_presetId);
  Settings::setShowSecondDerivative(m_actions.showSecondDerivative->isChecked());
}

}  // namespace losslab::ui
