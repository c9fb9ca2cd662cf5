// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <vector>

#include "core/engine/param_spec.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QDockWidget;
class QTabWidget;
class QLabel;
class QUndoStack;
class QAction;

namespace losslab::ui {

class CurveModel;
class LossCurvePlot;
class LossListPanel;
class FormulaEditor;
class ParameterPanel;
class TrainingView;
struct ExportedCurve;

/// The LossLab main window: the loss explorer (plot, curve list, parameter panel), menus,
/// export and settings. No maths here: numbers come from CurveModel, which asks the engine.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

  /// Replaces the curves with a preset's; false if the id is unknown.
  bool applyPreset(const QString& id);
  QString currentPreset() const { return m_presetId; }

  CurveModel* model() const { return m_model; }
  LossCurvePlot* plot() const { return m_plot; }
  ParameterPanel* parameterPanel() const { return m_parameters; }
  FormulaEditor* formulaEditor() const { return m_formula; }
  TrainingView* trainingView() const { return m_training; }
  QTabWidget* tabs() const { return m_tabs; }
  int currentCurve() const { return m_current; }
  void selectCurve(int index);

  /// Applies parameter values to the selected curve as a user edit would (undoable).
  void applyParameters(const ParamValues& values);

  /// The visible curves as the CSV export writes them.
  std::vector<ExportedCurve> visibleCurves() const;

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createActions();
  void createDocks();
  void readSettings();
  void writeSettings();
  void addLoss();
  void removeCurve(int index);
  void updateParameterPanel();
  void changeVariant(int comboIndex);
  void exportPlot();
  void exportData();
  void copyImage();
  void about();
  void setCaption(const QString& title, const QString& caption);
  void showExplorerDocks(int tab);
  void applyTarget();
  void plotCustomLoss(const QString& id);
  /// Clears the plot for a loss of another axis kind; `why` becomes the caption.
  void startNewPlot(const QString& why);
  void exportCode();
  void syncPresetCombo();
  void editAxisRanges();

  CurveModel* m_model;
  LossCurvePlot* m_plot;
  QTabWidget* m_tabs = nullptr;
  TrainingView* m_training = nullptr;
  QDockWidget* m_listDock = nullptr;
  QDockWidget* m_parameterDock = nullptr;
  QDockWidget* m_formulaDock = nullptr;
  FormulaEditor* m_formula = nullptr;
  int m_lastTab = 0;
  LossListPanel* m_list = nullptr;
  ParameterPanel* m_parameters = nullptr;
  QComboBox* m_variant = nullptr;
  QComboBox* m_presetCombo = nullptr;
  QCheckBox* m_fixedTarget = nullptr;
  QDoubleSpinBox* m_target = nullptr;
  QLabel* m_caption;
  QLabel* m_axisNote = nullptr;
  QUndoStack* m_undo;
  QAction* m_showD2 = nullptr;
  QString m_presetId;
  int m_current = -1;
  bool m_updatingPanel = false;
};

}  // namespace losslab::ui
