// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include "ui/training/training_controller.h"

class QLabel;
class QToolButton;

namespace losslab::ui {

/// The Training tab's command row: Start, Pause, Step and Reset (function keys that work
/// window-wide while the tab is shown, Ctrl+Return toggles Start/Pause inside it), the run's
/// status ("Paused · 50/200 epochs"), and the Session and Export menus.
class CommandBar : public QWidget {
  Q_OBJECT

 public:
  enum class Export { History, Predictions, FitPlot, HistoryPlot, ResidualPlot, CliCommand };

  explicit CommandBar(QWidget* parent = nullptr);

  /// Enables the buttons for `state` and shows "<state> · <epoch>/<budget> epochs".
  void showStatus(TrainingController::State state, int epoch, int budget);
  QString status() const;
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

 private:
  QToolButton* m_start = nullptr;
  QToolButton* m_pause = nullptr;
  QToolButton* m_step = nullptr;
  QToolButton* m_reset = nullptr;
  QLabel* m_status = nullptr;
  TrainingController::State m_state = TrainingController::State::Ready;
};

}  // namespace losslab::ui
