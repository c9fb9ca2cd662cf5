// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QCustomPlot;

namespace losslab::ui {

/// The LossLab main window. (Issue 3: a bare window with an empty plot; the explorer is issue 4.)
class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);

 private:
  QCustomPlot* m_plot = nullptr;
};

}  // namespace losslab::ui
