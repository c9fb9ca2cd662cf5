// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QString>

#include "core/engine/param_spec.h"

class QAction;
class QLabel;
class QToolBar;
class QUndoStack;

namespace losslab::ui {

class CurveModel;
class CurveParametersPanel;
class ArrowAnnotations;
class ExplorerExport;
class LossCurvePlot;
class LossListPanel;
class ParameterPanel;
struct Preset;
class TextAnnotations;
class ThresholdMarkers;

/// The loss explorer, one tab of the main window: the curves (CurveModel, the one owner of
/// that state), their plot, the Losses and Parameters docks, its own tool bar and its own
/// actions. It is a QMainWindow used as a widget so that its docks and tool bar live inside
/// its tab: they are never shown over another tab, and their layout is the explorer's own
/// (saveSettings/restoreSettings), whatever tab was active at quit.
///
/// The shell puts actions() into its menus and calls setActive(false) while another tab is
/// shown: the actions are then disabled, so no shortcut or menu entry acts on a hidden
/// explorer. No maths here: numbers come from CurveModel, which asks the engine.
class ExplorerView : public QMainWindow {
  Q_OBJECT

 public:
  /// Every action of the explorer, for the shell's menus (all disabled while inactive).
  struct Actions {
    QAction* exportPlot = nullptr;
    QAction* exportAnimation = nullptr;  // a parameter sweep as GIF or PNG frames
    QAction* exportData = nullptr;
    QAction* exportCode = nullptr;
    QAction* copyImage = nullptr;
    QAction* undo = nullptr;
    QAction* redo = nullptr;
    QAction* addLoss = nullptr;
    QAction* removeCurve = nullptr;
    QAction* showSecondDerivative = nullptr;
    QAction* showFormulas = nullptr;    // each loss's formula in the legend
    QAction* showThresholds = nullptr;  // ±δ / margin markers and zones (threshold_markers.h)
    QAction* addAnnotation = nullptr;   // a text note on the plot (text_annotations.h)
    QAction* addArrow = nullptr;        // an arrow on any panel (arrow_annotations.h)
    QAction* resetView = nullptr;
    QAction* zoomToRectangle = nullptr;
    QAction* axisRanges = nullptr;
    QAction* showLosses = nullptr;      // the Losses dock's toggle
    QAction* showParameters = nullptr;  // the Parameters dock's toggle
  };

  explicit ExplorerView(QWidget* parent = nullptr);
  ~ExplorerView() override;

  CurveModel* model() const { return m_model; }
  LossCurvePlot* plot() const { return m_plot; }
  ParameterPanel* parameterPanel() const;
  LossListPanel* lossList() const { return m_list; }
  QUndoStack* undoStack() const { return m_undo; }
  /// The exports (plot, data, clipboard, code), also for headless use.
  ExplorerExport* exporter() const { return m_export; }
  QToolBar* toolBar() const { return m_toolBar; }
  /// The plot's text notes, arrows and threshold markers (a lesson step sets them).
  TextAnnotations* textAnnotations() const { return m_notes; }
  ArrowAnnotations* arrows() const { return m_arrows; }
  ThresholdMarkers* thresholdMarkers() const { return m_thresholds; }
  const Actions& actions() const { return m_actions; }
  /// The caption above the plot ("<b>Title.</b> what to notice"), rich text.
  QString caption() const;

  /// Replaces the curves with a curve preset's (presets.h); false if the id is unknown.
  bool applyPreset(const QString& id);
  /// Replaces the curves with `scene`'s as applyPreset does (a lesson step: an empty id means
  /// a plot of its own); curves the engine refuses are skipped with a status message.
  void showScene(const Preset& scene);
  /// The preset the curves come from, or empty once the user started a plot of their own.
  QString currentPreset() const { return m_presetId; }

  int currentCurve() const { return m_current; }
  void selectCurve(int index);
  /// Applies parameter values to the selected curve as a user edit would (an undo step;
  /// edits of one slider drag merge into one).
  void applyParameters(const ParamValues& values);
  /// Plots a custom loss ("custom:NAME"); a formula plotted again updates its curves.
  void plotCustomLoss(const QString& id);

  /// Presentation mode: docks and tool bar out of the way, large text and thick lines on the
  /// plot and the caption; off: everything as it was.
  void setPresenting(bool on);
  bool isPresenting() const { return m_presenting; }

  /// Enables the explorer's actions while its tab is shown, disables them otherwise.
  void setActive(bool active);
  bool isActive() const { return m_active; }

  /// The explorer's remembered state (dock layout, second-derivative panel, preset) from
  /// Settings, and back. restoreSettings always leaves curves on the plot.
  void restoreSettings();
  void saveSettings() const;

 signals:
  void statusMessage(const QString& text, int timeoutMs);
  /// The curves now come from preset `id` (empty: a plot of the user's own).
  void presetChanged(const QString& id);

 private:
  void createDocks();
  void createActions();
  void createToolBar();
  void addLoss();
  void removeCurve(int index);
  void startNewPlot(const QString& why);
  void setCaption(const QString& title, const QString& caption);
  void editAxisRanges();
  void showStatus(const QString& text, int timeoutMs = 0);

  CurveModel* m_model;
  LossCurvePlot* m_plot;
  QLabel* m_caption;
  QUndoStack* m_undo;
  ExplorerExport* m_export;
  LossListPanel* m_list = nullptr;
  CurveParametersPanel* m_parameters = nullptr;
  QToolBar* m_toolBar = nullptr;
  TextAnnotations* m_notes = nullptr;
  ArrowAnnotations* m_arrows = nullptr;
  ThresholdMarkers* m_thresholds = nullptr;
  Actions m_actions;
  QString m_presetId;
  int m_current = -1;
  int m_gesture = 0;  // parameter edits with the same number merge into one undo step
  bool m_active = true;
  bool m_presenting = false;
  QByteArray m_layoutBeforePresenting;  // saveState() of docks and tool bar
};

}  // namespace losslab::ui
