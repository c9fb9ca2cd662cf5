// SPDX-License-Identifier: GPL-3.0-or-later
#include <QApplication>

#include "main_window.h"

int main(int argc, char* argv[]) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("LossLab"));
  QApplication::setApplicationName(QStringLiteral("LossLab"));
  QApplication::setApplicationVersion(QStringLiteral(LOSSLAB_VERSION));
  losslab::ui::MainWindow window;
  window.show();
  return QApplication::exec();
}
