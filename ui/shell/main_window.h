// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QDockWidget;
class QMenu;
class QTabWidget;

namespace losslab::ui {

class ExplorerView;
class FormulaEditor;
class LessonPlayer;
class LessonRecorder;
class SweepView;
class TrainingView;

/// The Training tab's first lesson (MSE vs MAE vs Huber fitting a line through one-sided
/// outliers); the lessons are not curve presets, so they are not in presets() but in
/// trainingPresets(), and --preset, --list-presets and the menu know them.
inline constexpr const char* kOutliersPreset = "outliers";

/// The LossLab window: composes the tabs (the explorer, the Training tab), the Formula dock
/// that serves both, the menus and the Preset box. Each tab brings its own tool bar and
/// actions; the explorer's are disabled while another tab is shown. No maths and no curve
/// state here: the explorer owns its curves, the Training tab its run.
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum Tab { ExplorerTab = 0, TrainingTab = 1, SweepTab = 2 };

  explicit MainWindow(QWidget* parent = nullptr);

  /// A curve preset (shown in the explorer) or a training preset (the Training tab); false if
  /// the id is unknown.
  bool applyPreset(const QString& id);
  /// The preset last applied from any tab (empty once the explorer shows a plot of its own).
  QString currentPreset() const { return m_presetId; }

  /// Presentation mode (F11, Esc to leave): full screen, menus, status bar and docks hidden,
  /// large text and thick lines.
  void setPresentationMode(bool on);
  bool presentationMode() const { return m_presenting; }

  /// Opens a lesson file (.losslab, or the example ":/lessons/mse-mae-huber.losslab") at step
  /// `step` (0-based); false with `error` naming the file and the key, nothing changed.
  bool openLesson(const QString& path, int step = 0, QString* error = nullptr);
  LessonPlayer* lessonPlayer() const { return m_lesson; }
  LessonRecorder* lessonRecorder() const { return m_recorder; }

  ExplorerView* explorer() const { return m_explorer; }
  TrainingView* trainingView() const { return m_training; }
  SweepView* sweepView() const { return m_sweep; }
  FormulaEditor* formulaEditor() const { return m_formula; }
  QTabWidget* tabs() const { return m_tabs; }

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createFormulaDock();
  void createMenus();
  void createPresetBox();
  void showHint(const QString& text);
  void addPresetMenu();
  void tabChanged(int tab);
  void syncPresetBox();
  void plotCustomLoss(const QString& id);
  void gettingStarted();
  void openLessonFile();
  void lessonStepShown(const QString& text);
  void about();
  void readSettings();
  void writeSettings();

  ExplorerView* m_explorer;
  TrainingView* m_training;
  QTabWidget* m_tabs;
  SweepView* m_sweep = nullptr;
  FormulaEditor* m_formula = nullptr;
  QDockWidget* m_formulaDock = nullptr;
  QComboBox* m_presetBox = nullptr;
  QAction* m_presentAction = nullptr;
  QAction* m_leavePresentation = nullptr;
  QLabel* m_hint = nullptr;  // a transient note over the tabs (presentation mode's keys)
  bool m_presenting = false;
  bool m_wasMaximized = false;
  QString m_presetId;
  LessonPlayer* m_lesson = nullptr;
  LessonRecorder* m_recorder = nullptr;
  QAction* m_nextStep = nullptr;
  QAction* m_previousStep = nullptr;
};

/// The example lesson, built into the program (docs/mse-mae-huber.losslab).
inline constexpr const char* kExampleLesson = ":/lessons/mse-mae-huber.losslab";

}  // namespace losslab::ui
