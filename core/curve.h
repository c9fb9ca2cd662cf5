// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

#include "loss.h"

namespace losslab {

/// One of the 1-D pictures a loss has: for a binary loss "y = 1" and "y = 0", for a
/// contrastive loss "similar" and "dissimilar", for a regression loss just one.
struct CurveVariant {
  std::string id;     // stable, for the CLI and settings: "positive", "negative", "similar", …
  std::string label;  // for legends: "y = 1", "dissimilar pair", …
};

/// What to put on the x axis and where.
struct CurveAxis {
  CurveKind kind = CurveKind::Residual;
  std::string xLabel;  // "residual ŷ − y", "margin y·f(x)", "p(y = 1)", "distance d", …
  double from = -3;    // sensible default range
  double to = 3;
};

/// The request for one curve.
struct CurveRequest {
  double from = -3;
  double to = 3;
  int points = 401;
  double target = 0;    // regression: the fixed y_true; x is then the prediction ŷ
  std::string variant;  // a CurveVariant id; empty: the first variant
  int classes = 3;      // categorical curves: number of classes K (the rest share 1 − p evenly)
};

/// x, loss, dloss/dx and d²loss/dx² at each point. d2 is NaN where the loss has no analytic
/// second derivative along this path (non-element-wise losses).
struct CurveData {
  std::vector<double> x;
  std::vector<double> value;
  std::vector<double> d1;
  std::vector<double> d2;
};

/// The x axis a loss with these parameters is drawn against (from_logits moves a
/// probability loss onto the margin axis, for example).
CurveAxis curveAxis(const LossInfo& info, const ParamValues& params);
std::vector<CurveVariant> curveVariants(const LossInfo& info, const ParamValues& params);

/// Evaluates curves of one loss repeatedly without allocating once the sizes are known: the
/// input tensors and BatchEval buffers are kept between calls (the explorer redraws on every
/// slider move).
class CurveEvaluator {
 public:
  /// Throws Error::usage for an unknown variant or fewer than 2 points.
  const CurveData& evaluate(const Loss& loss, const CurveRequest& request);

 private:
  Tensor m_yTrue;
  Tensor m_yPred;
  std::map<std::string, Tensor, std::less<>> m_extras;
  BatchEval m_eval;
  CurveData m_data;
};

/// Convenience: one curve, fresh buffers.
CurveData computeCurve(const Loss& loss, const CurveRequest& request);

}  // namespace losslab
