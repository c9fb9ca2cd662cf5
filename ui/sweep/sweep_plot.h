// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>
#include <QPointF>
#include <optional>
#include <string>
#include <utility>

#include "core/training/sweep.h"

namespace losslab::ui {

/// The Sweep tab's figure: per loss the median of the metric over the seeds as a line with
/// points, the min–max band behind it, the best point starred (not for a flat reference line:
/// a loss without the varied parameter), log x for a log grid, axis titles in words.
class SweepPlot : public QCustomPlot {
  Q_OBJECT

 public:
  explicit SweepPlot(QWidget* parent = nullptr);

  /// Redraws the figure for `result` of `request`.
  void showSweep(const SweepRequest& request, const SweepResult& result);
  /// The (loss, index among that loss's finite medians) nearest along x to a click at `pixel`
  /// on `plottable` (a median, band or best-point graph); nothing for another plottable.
  std::optional<std::pair<int, int>> pointAt(QObject* plottable,
                                             const QPointF& pixel,
                                             const SweepResult& result) const;
  /// What a slide's reader should see on an axis: "learning rate (lr)"; a loss parameter or a
  /// rare metric as its key ("delta").
  static QString axisLabel(const std::string& name);
};

}  // namespace losslab::ui
