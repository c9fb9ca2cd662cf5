// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

namespace losslab::ui {

/// A logarithmic axis that labels short ranges too (issue 14: the log-scale history plot had
/// no tick labels below 10). QCPAxisTickerLog ticks only the powers of ten, so a loss falling
/// from 8 to 0.5 had one label. Here the ticks are chosen by how many decades are shown:
///  * 3 or more: the powers of ten (with sub ticks), as QCPAxisTickerLog;
///  * 1 to 3: 1, 2 and 5 × 10^k;
///  * under one: 1, 2, …, 9 × 10^k, and if fewer than two of those fall inside the range,
///    evenly spaced round numbers as on a linear axis.
class LogAxisTicker : public QCPAxisTickerLog {
 protected:
  QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
  int getSubTickCount(double tickStep) override;

 private:
  bool m_decades = true;  // the last tick vector was powers of ten only
};

}  // namespace losslab::ui
