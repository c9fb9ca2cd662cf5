// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <vector>

#include "core/training/dataset.h"
#include "ui/training/run_history.h"
#include "ui/training/scatter_cache.h"
#include "ui/training/training_plot.h"
#include "ui/training/training_snapshot.h"

class QCPColorScale;
class QCPGraph;
class QCPItemStraightLine;

namespace losslab::ui {

/// The fit, the picture that teaches which points pull the curve:
///  * 1-D data: the training points coloured by the gradient influence |∂ℓᵢ/∂ŷᵢ| of the focused
///    run (classes of a colour gradient relative to the largest influence, with its colour
///    scale), the injected outliers ringed, the noise-free function dashed, and the fitted
///    curve of every run in its colour;
///  * several features: predicted against true (the focused run as influence-coloured points,
///    the others as small rings), with the y = ŷ diagonal.
class FitPlot : public TrainingPlot {
  Q_OBJECT

 public:
  static constexpr int kInfluenceBuckets = 12;

  explicit FitPlot(QWidget* parent = nullptr);

  /// One fitted curve per run, in the runs' colours and names.
  void setRuns(const std::vector<RunRecord>& runs);
  /// Draws a snapshot; `focus` is the run whose influence colours the points; `data` names the
  /// axes (its feature and target names).
  void showSnapshot(const TrainingSnapshot& snapshot, int focus, const Dataset& set);
  /// The noise-free function of a synthetic 1-D set (hidden for anything else).
  void setTruth(const Dataset& set, bool synthetic);
  /// What the colour scale's tooltip says: the colour's meaning and whose loss it is.
  QString colorScaleToolTip() const { return m_colorScaleToolTip; }
  /// The data points are drawn once into an image and composited while only the fits move
  /// (scatter_cache.h); while live (training runs) their colours follow at a paced rate.
  ScatterCache* scatterCache() { return &m_scatterCache; }
  void setLive(bool live) { m_scatterCache.setLive(live); }

 protected:
  void applyPalette() override;
  bool event(QEvent* event) override;

 private:
  ScatterCache m_scatterCache;       // the graphs (deleted by QCustomPlot) use it to draw only
  std::vector<QCPGraph*> m_buckets;  // data points, one graph per colour class
  std::vector<QCPGraph*> m_fits;     // per run: fitted curve (1-D) or ŷ vs y
  std::vector<QColor> m_colors;
  QCPGraph* m_outlierRings = nullptr;
  QCPGraph* m_truth = nullptr;
  QCPItemStraightLine* m_diagonal = nullptr;
  QCPColorScale* m_colorScale = nullptr;
  QString m_colorScaleToolTip;
};

}  // namespace losslab::ui
