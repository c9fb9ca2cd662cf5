// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>
#include <vector>

#include "core/training/dataset.h"
#include "ui/training/run_history.h"
#include "ui/training/training_snapshot.h"

class QGridLayout;

namespace losslab::ui {

class FitPlot;

/// "One panel per loss" (issue 11): the fit of each run in a panel of its own, beside the
/// overlay that draws them all on one plot. Every panel shows the same data points (coloured by
/// that run's own gradient influence), the noise-free function and that run's fitted curve,
/// on the same axes as the overlay, so the panels compare at a glance and none hides another.
class FitSmallMultiples : public QWidget {
  Q_OBJECT

 public:
  explicit FitSmallMultiples(QWidget* parent = nullptr);

  /// One panel per run (two columns), in the runs' colours.
  void setRuns(const std::vector<RunRecord>& runs);
  void setTruth(const Dataset& set, bool synthetic);
  /// Draws `snapshot` with run i in panel i, on `axes`' x and y ranges (the overlay's).
  void showSnapshot(const TrainingSnapshot& snapshot, const Dataset& set, const FitPlot& axes);
  int panelCount() const { return static_cast<int>(m_panels.size()); }
  FitPlot* panel(int i) const { return m_panels.at(static_cast<std::size_t>(i)); }
  void queueReplot();
  /// Thick lines in every panel, also in panels made later (TrainingPlot::setLineScale).
  void setLineScale(double scale);

 private:
  QGridLayout* m_grid;
  std::vector<FitPlot*> m_panels;
  Dataset m_truthSet;
  bool m_synthetic = false;
  double m_lineScale = 1;
};

}  // namespace losslab::ui
