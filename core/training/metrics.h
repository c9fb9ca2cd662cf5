// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <limits>

#include <Eigen/Core>

#include "core/engine/loss.h"
#include "core/engine/tensor.h"
#include "core/training/dataset.h"

namespace losslab {

/// Regression metrics of one set of predictions (NaN when the set is empty).
struct RegressionMetrics {
  double loss = std::numeric_limits<double>::quiet_NaN();  // the training loss, default reduction
  double mae = std::numeric_limits<double>::quiet_NaN();   // mean |ŷ − y|
  double rmse = std::numeric_limits<double>::quiet_NaN();  // √(mean (ŷ − y)²)
  double r2 = std::numeric_limits<double>::quiet_NaN();    // 1 − SS_res / SS_tot
};

/// MAE, RMSE and R² in one pass (loss left NaN). R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)²; for a constant
/// target (SS_tot = 0) it is 1 for a perfect fit and 0 otherwise (scikit-learn's force_finite);
/// with fewer than two samples it is undefined and stays NaN.
RegressionMetrics regressionMetrics(const Eigen::Ref<const Eigen::VectorXd>& prediction,
                                    const Eigen::Ref<const Eigen::VectorXd>& target);

/// regressionMetrics() plus `loss` evaluated on the whole set with the loss's default reduction
/// (Keras sum_over_batch_size, PyTorch mean). `prediction` and `target` are (n × 1); `gradScratch`
/// receives the loss's gradient (reuse it between calls: the fused path then allocates nothing).
RegressionMetrics evaluateMetrics(const Loss& loss,
                                  const Tensor& prediction,
                                  const Tensor& target,
                                  Tensor& gradScratch);

/// Errors that tell the truth about a fit on corrupted data (issue 11): the metrics above
/// compare predictions with the observed targets, outliers included, so a fit pulled toward
/// the outliers can look as good as one that ignores them. NaN where a set has no such samples.
struct CleanMetrics {
  double cleanMae = std::numeric_limits<double>::quiet_NaN();   // mean |ŷ − f(x)|, f noise-free
  double cleanRmse = std::numeric_limits<double>::quiet_NaN();  // √(mean (ŷ − f(x))²)
  double inlierMae = std::numeric_limits<double>::quiet_NaN();  // mean |ŷ − y| over non-outliers
};

/// CleanMetrics of `prediction` on `set` (in the set's order): the clean errors need
/// `set.clean` (synthetic data, or a CSV clean column), inlierMae needs `set.outliers` known
/// (every sample counts as an inlier otherwise).
CleanMetrics cleanMetrics(const Eigen::Ref<const Eigen::VectorXd>& prediction, const Dataset& set);

}  // namespace losslab
