// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/engine/loss.h"

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
  double target = 0;  // Residual axes: the default fixed y_true (1 where 0 is outside the
                      // loss's domain, e.g. tweedie_deviance, poisson, MAPE)
};

/// The request for one curve.
struct CurveRequest {
  double from = -3;
  double to = 3;
  int points = 401;
  double target = 0;    // regression: the fixed y_true; x is then the prediction ŷ
  std::string variant;  // a CurveVariant id; empty: the first variant
  int classes = 3;      // categorical curves: number of classes K (the rest share 1 − p evenly)
  /// Required extra inputs the path does not move, held at this value at every point (a
  /// formula's --input held at its first value); the others get a neutral value (1 for a
  /// positive input such as a variance, else 0).
  std::map<std::string, double, std::less<>> inputValues;
  /// A piece of the curve: the points first .. first + count − 1 of the `points`-point grid
  /// (count 0: all of them), with the same x values and results as the whole curve has there,
  /// so a long curve can be streamed piece by piece in bounded memory (`losslab-cli curve`).
  int first = 0;
  int count = 0;
};

/// x, loss, dloss/dx and d²loss/dx² at each point. d2 is NaN where the loss has no analytic
/// second derivative along this path (non-element-wise losses).
struct CurveData {
  std::vector<double> x;
  std::vector<double> value;
  std::vector<double> d1;
  std::vector<double> d2;
  int invalidPoints = 0;  // points outside the loss's domain: value, d1 and d2 are NaN there
  std::string problem;    // why, for the first of them (empty when every point is valid)
};

/// The x axis a loss with these parameters is drawn against (from_logits moves a
/// probability loss onto the margin axis, for example).
CurveAxis curveAxis(const LossInfo& info, const ParamValues& params);
std::vector<CurveVariant> curveVariants(const LossInfo& info, const ParamValues& params);

/// The inputs a curve feeds the loss: one batch row per x value. The benchmark uses them to get
/// valid inputs for any loss (probabilities in (0, 1), labels, the extra inputs it needs).
struct CurveInputs {
  Tensor yTrue;  // empty when the loss takes no target
  Tensor yPred;
  std::map<std::string, Tensor, std::less<>> extras;
  /// Pointers into this object (valid while it lives and is not resized).
  LossInputs view() const;
};
/// Throws Error::usage for an unknown variant or fewer than 2 classes on a categorical path.
CurveInputs curveInputs(const Loss& loss,
                        const CurveRequest& request,
                        const std::vector<double>& x);

/// Evaluates curves of one loss repeatedly without allocating once the sizes are known: the
/// input tensors and BatchEval buffers are kept between calls (the explorer redraws on every
/// slider move).
class CurveEvaluator {
 public:
  /// Throws Error::usage for an unknown variant, fewer than 2 points, non-finite bounds or
  /// fewer than 2 classes on a categorical path. Points outside the loss's domain (a data error
  /// of the loss, a cosine outside [−1, 1]) get NaN and are counted in CurveData::invalidPoints.
  const CurveData& evaluate(const Loss& loss, const CurveRequest& request);

 private:
  void evaluatePointByPoint(const Loss& loss, Eigen::Index n);
  void recordProblem(Eigen::Index k, const char* what);

  Tensor m_yTrue;
  Tensor m_yPred;
  std::map<std::string, Tensor, std::less<>> m_extras;
  BatchEval m_eval;
  CurveData m_data;
  // Path derivatives of the moving tensor: velocity dt/dx and acceleration d²t/dx².
  Tensor m_velocity;
  Tensor m_acceleration;
  std::vector<char> m_valid;       // per point: inside the path's own domain
  const char* m_moving = nullptr;  // the extra input x moves (nullptr: y_pred)
  LossInputs m_inputs;             // pointers into the tensors above
  // One-row copies for losses that must see each point as its own batch (scalar losses) and
  // for the point-by-point retry after a data error.
  Tensor m_rowTrue;
  Tensor m_rowPred;
  std::map<std::string, Tensor, std::less<>> m_rowExtras;
  LossInputs m_rowInputs;
  BatchEval m_rowEval;
};

/// Convenience: one curve, fresh buffers.
CurveData computeCurve(const Loss& loss, const CurveRequest& request);

}  // namespace losslab
