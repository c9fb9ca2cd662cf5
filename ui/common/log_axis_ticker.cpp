// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/log_axis_ticker.h"

#include <cmath>

namespace losslab::ui {

namespace {

/// Decades shown from which powers of ten alone are enough (at least four labels).
constexpr double kDecadesForPowers = 3;

}  // namespace

QVector<double> LogAxisTicker::createTickVector(double tickStep, const QCPRange& range) {
  const double lo = range.lower;
  const double hi = range.upper;
  m_decades = true;
  if (!(lo > 0) || !(hi > lo) || !std::isfinite(hi)) {
    return QCPAxisTickerLog::createTickVector(tickStep, range);
  }
  const double decades = std::log10(hi / lo);
  if (decades >= kDecadesForPowers) {
    return QCPAxisTickerLog::createTickVector(tickStep, range);
  }
  static const QVector<double> kOneTwoFive = {1, 2, 5};
  static const QVector<double> kAllDigits = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const QVector<double>& mantissas = decades >= 1 ? kOneTwoFive : kAllDigits;
  QVector<double> ticks;
  int inside = 0;
  const int first = static_cast<int>(std::floor(std::log10(lo)));
  const int last = static_cast<int>(std::ceil(std::log10(hi)));
  for (int k = first; k <= last; ++k) {
    for (double m : mantissas) {
      const double tick = m * std::pow(10.0, k);
      ticks << tick;
      inside += tick >= lo && tick <= hi ? 1 : 0;
    }
  }
  m_decades = false;
  if (inside >= 2) {
    return ticks;  // QCPAxisTicker::generate trims them to the range
  }
  // A narrow range (2.1 … 2.9): round linear steps, as a linear axis would label it.
  return QCPAxisTicker::createTickVector(QCPAxisTicker::getTickStep(range), range);
}

int LogAxisTicker::getSubTickCount(double tickStep) {
  // Sub ticks subdivide decades; between 1-2-5 ticks they would be unevenly spaced noise.
  return m_decades ? QCPAxisTickerLog::getSubTickCount(tickStep) : 0;
}

}  // namespace losslab::ui
