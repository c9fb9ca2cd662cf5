// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "ui/training/run_history.h"
#include "ui/training/training_plot.h"
#include "ui/training/training_snapshot.h"

class QCPBars;

namespace losslab::ui {

/// Histogram of the residuals ŷ − y on the training set, one set of bars per run over one
/// shared range (core/training/histogram.h), so the runs overlay.
class ResidualPlot : public TrainingPlot {
  Q_OBJECT

 public:
  static constexpr int kBins = 40;

  explicit ResidualPlot(QWidget* parent = nullptr);

  void setRuns(const std::vector<RunRecord>& runs);
  void showSnapshot(const TrainingSnapshot& snapshot);

 protected:
  void rescale() override;

 private:
  std::vector<QCPBars*> m_bars;
};

}  // namespace losslab::ui
