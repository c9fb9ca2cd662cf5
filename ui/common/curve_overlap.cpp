// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/curve_overlap.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losslab::ui {

namespace {

constexpr double kRelativeTolerance = 0.0025;
constexpr double kRunFraction = 0.1;
constexpr std::size_t kMinRun = 3;

bool coincide(const std::vector<double>& a,
              const std::vector<double>& b,
              double tolerance,
              std::size_t minRun) {
  const std::size_t n = std::min(a.size(), b.size());
  std::size_t run = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const bool close =
        std::isfinite(a[k]) && std::isfinite(b[k]) && std::abs(a[k] - b[k]) <= tolerance;
    run = close ? run + 1 : 0;
    if (run >= minRun) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<bool> coveringCurves(const std::vector<const std::vector<double>*>& columns,
                                 const std::vector<bool>& visible,
                                 double absoluteTolerance) {
  std::vector<bool> covering(columns.size(), false);
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  std::size_t samples = 0;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!visible[i] || !columns[i]) {
      continue;
    }
    samples = std::max(samples, columns[i]->size());
    for (double v : *columns[i]) {
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (!(hi >= lo)) {
    return covering;
  }
  // A flat panel (every curve 0): its span is taken as 1, the y axis' own fallback.
  const double span = hi > lo ? hi - lo : 1.0;
  const double tolerance = absoluteTolerance > 0 ? absoluteTolerance : kRelativeTolerance * span;
  const std::size_t minRun =
      std::max(kMinRun, static_cast<std::size_t>(kRunFraction * static_cast<double>(samples)));
  for (std::size_t upper = 1; upper < columns.size(); ++upper) {
    if (!visible[upper] || !columns[upper]) {
      continue;
    }
    for (std::size_t lower = 0; lower < upper && !covering[upper]; ++lower) {
      covering[upper] = visible[lower] && columns[lower] &&
                        coincide(*columns[lower], *columns[upper], tolerance, minRun);
    }
  }
  return covering;
}

QPen overlapPen(QPen pen, bool covering) {
  if (covering) {
    // In pen widths: a dash, then a gap as long, through which the curve under it shows.
    pen.setDashPattern({3.0, 3.0});
    pen.setCapStyle(Qt::FlatCap);
  } else {
    pen.setStyle(Qt::SolidLine);
    pen.setCapStyle(Qt::SquareCap);
  }
  return pen;
}

}  // namespace losslab::ui
