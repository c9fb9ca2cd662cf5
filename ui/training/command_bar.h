// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "ui/training/training_controller.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace losslab::ui {

/// The Training tab's command row: Start, Pause, Step and Reset (function keys that work
/// window-wide while the tab is shown, Ctrl+Return toggles Start/Pause inside it), the run's
/// status ("Paused · 50/200 epochs", "… · 5 epochs/s" in slow motion), the speed (as fast as
/// possible, or a few epochs per second to narrate a run), and the Session and Export menus.
class CommandBar : public QWidget {
  Q_OBJECT

 public:
  enum class Export {
    History,
    Predictions,
    FitPlot,
    HistoryPlot,
    ResidualPlot,
    Animation,
    CliCommand,
    TrainingScript
  };

  explicit CommandBar(QWidget* parent = nullptr);

  /// Enables the buttons for `state` and shows "<state> · <epoch>/<budget> epochs".
  void showStatus(TrainingController::State state, int epoch, int budget);
  QString status() const;
  /// The chosen speed in epochs per second (0: as fast as possible).
  double speed() const;
  /// Ctrl+Return: Pause while running, else Start.
  void startOrPause();

 signals:
  void startClicked();
  void pauseClicked();
  void stepClicked();
  void resetClicked();
  void openSessionClicked();
  void saveSessionClicked();
  void exportClicked(losslab::ui::CommandBar::Export what);
  /// The speed choice: epochs per second, 0 = as fast as possible.
  void speedChanged(double epochsPerSecond);

 private:
  QToolButton* m_start = nullptr;
  QToolButton* m_pause = nullptr;
  QToolButton* m_step = nullptr;
  QToolButton* m_reset = nullptr;
  QComboBox* m_speed = nullptr;
  QLabel* m_status = nullptr;
  TrainingController::State m_state = TrainingController::State::Ready;
};

}  // namespace losslab::ui
