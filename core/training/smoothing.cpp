// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/smoothing.h"

#include <cmath>

namespace losslab {

double EmaSmoother::add(double value) {
  if (!std::isfinite(value)) {
    return value;
  }
  m_last = m_last * m_weight + (1 - m_weight) * value;
  ++m_count;
  const double debias = 1 - std::pow(m_weight, m_count);
  return debias > 0 ? m_last / debias : value;
}

}  // namespace losslab
