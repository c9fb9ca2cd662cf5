// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's actions (menus and shortcuts) and its tool bar: ExplorerView's commands, apart
// from the view that runs them.
#include <QAction>
#include <QToolBar>
#include <QUndoStack>

#include "ui/common/settings.h"
#include "ui/explorer/arrow_annotations.h"
#include "ui/explorer/crosshair.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/explorer_animation.h"
#include "ui/explorer/explorer_export.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/loss_curve_plot.h"
#include "ui/explorer/loss_list_panel.h"
#include "ui/explorer/text_annotations.h"
#include "ui/explorer/threshold_markers.h"

namespace losslab::ui {

void ExplorerView::createActions() {
  Actions& a = m_actions;
  a.exportPlot = new QAction(QIcon::fromTheme("document-save-as"), tr("&Export Plot…"), this);
  a.exportPlot->setShortcut(QKeySequence(tr("Ctrl+E")));
  a.exportPlot->setStatusTip(tr("Save the plot as PNG, SVG or PDF"));
  connect(a.exportPlot, &QAction::triggered, this, [this] {
    m_export->exportPlot(m_presetId.isEmpty() ? QStringLiteral("plot") : m_presetId);
  });
  a.exportAnimation = (new ExplorerAnimation(this))->action();
  a.exportData = new QAction(tr("Export &Data (CSV)…"), this);
  a.exportData->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
  a.exportData->setStatusTip(tr("Save x, loss, gradient and curvature of every visible curve"));
  connect(a.exportData, &QAction::triggered, m_export, &ExplorerExport::exportData);
  a.exportCode = new QAction(tr("Export as C&ode…"), this);
  a.exportCode->setShortcut(QKeySequence(tr("Ctrl+Shift+K")));
  a.exportCode->setStatusTip(
      tr("The selected curve's loss, with its parameters, as Keras 3 or PyTorch code"));
  connect(a.exportCode, &QAction::triggered, this, [this] { m_export->exportCode(m_current); });
  a.copyImage = new QAction(QIcon::fromTheme("edit-copy"), tr("&Copy Image"), this);
  a.copyImage->setShortcut(QKeySequence::Copy);
  connect(a.copyImage, &QAction::triggered, m_export, &ExplorerExport::copyImage);

  a.undo = m_undo->createUndoAction(this, tr("&Undo"));
  a.undo->setShortcut(QKeySequence::Undo);
  a.redo = m_undo->createRedoAction(this, tr("&Redo"));
  a.redo->setShortcut(QKeySequence::Redo);
  // The stack enables its actions when it can undo or redo; not while the explorer is hidden.
  connect(m_undo, &QUndoStack::canUndoChanged, this, [this] {
    if (!m_active) {
      m_actions.undo->setEnabled(false);
    }
  });
  connect(m_undo, &QUndoStack::canRedoChanged, this, [this] {
    if (!m_active) {
      m_actions.redo->setEnabled(false);
    }
  });
  a.addLoss = new QAction(QIcon::fromTheme("list-add"), tr("&Add Loss…"), this);
  a.addLoss->setShortcut(QKeySequence(Qt::Key_Insert));
  connect(a.addLoss, &QAction::triggered, this, &ExplorerView::addLoss);
  a.removeCurve = new QAction(QIcon::fromTheme("list-remove"), tr("&Remove Curve"), this);
  a.removeCurve->setShortcut(QKeySequence::Delete);
  connect(a.removeCurve, &QAction::triggered, this, [this] { removeCurve(m_current); });

  a.showSecondDerivative = new QAction(tr("Show &Second Derivative"), this);
  a.showSecondDerivative->setCheckable(true);
  a.showSecondDerivative->setShortcut(QKeySequence(tr("Ctrl+2")));
  a.showSecondDerivative->setStatusTip(tr("Add a third panel with the curvature d²L/dx²"));
  connect(a.showSecondDerivative, &QAction::toggled, m_plot,
          &LossCurvePlot::setSecondDerivativeVisible);
  a.showFormulas = new QAction(tr("Show &Formulas in Legend"), this);
  a.showFormulas->setCheckable(true);
  a.showFormulas->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
  a.showFormulas->setStatusTip(tr("Write each loss's formula beside its name in the legend"));
  connect(a.showFormulas, &QAction::toggled, m_plot, &LossCurvePlot::setLegendFormulas);
  m_thresholds = new ThresholdMarkers(m_model, m_plot);
  a.showThresholds = m_thresholds->action();
  m_notes = new TextAnnotations(m_plot);
  a.addAnnotation = m_notes->action();
  m_arrows = new ArrowAnnotations(m_plot, m_undo);
  a.addArrow = m_arrows->action();
  a.resetView = new QAction(QIcon::fromTheme("zoom-original"), tr("&Reset View"), this);
  a.resetView->setShortcut(QKeySequence(tr("Ctrl+0")));
  connect(a.resetView, &QAction::triggered, m_plot, &LossCurvePlot::resetView);
  a.zoomToRectangle = new QAction(QIcon::fromTheme("zoom-select"), tr("&Zoom to Rectangle"), this);
  a.zoomToRectangle->setCheckable(true);
  a.zoomToRectangle->setShortcut(QKeySequence(tr("Ctrl+R")));
  a.zoomToRectangle->setStatusTip(
      tr("Drag a rectangle to zoom; off: drag to pan. The wheel always zooms."));
  connect(a.zoomToRectangle, &QAction::toggled, m_plot, &LossCurvePlot::setRubberBandZoom);
  a.axisRanges = new QAction(tr("Axis R&anges…"), this);
  a.axisRanges->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
  a.axisRanges->setStatusTip(tr("Type the x range and the y range of each panel"));
  connect(a.axisRanges, &QAction::triggered, this, &ExplorerView::editAxisRanges);
}

void ExplorerView::createToolBar() {
  m_toolBar = addToolBar(tr("Explorer"));
  m_toolBar->setObjectName(QStringLiteral("ExplorerToolBar"));
  m_toolBar->setMovable(false);
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  for (QAction* action : {m_actions.addLoss, m_actions.resetView, m_actions.zoomToRectangle,
                          m_actions.showSecondDerivative, m_actions.exportPlot}) {
    m_toolBar->addAction(action);
  }
}

}  // namespace losslab::ui
