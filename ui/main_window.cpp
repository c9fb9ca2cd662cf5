// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.h"

#include <qcustomplot.h>

namespace losslab::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_plot(new QCustomPlot(this)) {
  setWindowTitle(tr("LossLab"));
  m_plot->plotLayout()->insertRow(0);
  m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("LossLab")));
  setCentralWidget(m_plot);
  resize(1000, 700);
}

}  // namespace losslab::ui
