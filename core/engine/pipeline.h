// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>

#include "core/engine/loss.h"
#include "core/engine/reduction.h"
#include "core/engine/tensor.h"

namespace losslab {

/// What the user hands over: tensors with the ranks they had in the file or array.
struct EvalRequest {
  std::optional<RankedTensor> yTrue;  // absent for TargetKind::None
  RankedTensor yPred;
  std::map<std::string, RankedTensor, std::less<>> extras;
  std::optional<RankedTensor> sampleWeight;
  std::optional<Reduction> reduction;  // default: defaultReduction(info)
  /// Take the loss's fused pass (Loss::valuesAndGradient) when it has one, there is no sample
  /// weight and the reduction is not none: value, per-sample values and gradient as training
  /// computes them (the value's sum in another order: within 1e-13 relative of the general
  /// path), no d2. `losslab-cli eval` asks for it; the explorer keeps the general path.
  bool fused = false;
};

/// A loss evaluated through the full framework pipeline (spec §1.2 and §1.6).
struct Evaluation {
  Reduction reduction = Reduction::SumOverBatchSize;
  /// The reduced loss. For `none` it is the sum of the unreduced values, so that `grad` is
  /// still the gradient of `value`.
  double value = 0;
  Eigen::ArrayXd perSample;  // Keras per-sample loss; PyTorch: unreduced averaged over last axis
  Tensor unreduced;          // what reduction='none' returns
  Tensor grad;               // ∂value/∂ŷ, ŷ's shape
  Tensor d2;  // ∂²value/∂ŷ² (diagonal), element-wise losses only, else (and when fused) empty
  std::map<std::string, Tensor, std::less<>> extraGrads;  // ∂value/∂(extra input)
};

/// Aligns ranks (Keras rule, §1.2 step 2), checks shapes, evaluates and reduces.
/// Throws Error::usage on shape or reduction problems, Error::data on bad values.
Evaluation evaluate(const Loss& loss, const EvalRequest& request);

/// Keras' squeeze_or_expand_to_same_rank followed by NumPy broadcasting of y_true to
/// y_pred's shape, for TargetKind::SameShape losses. Throws Error::usage with both shapes
/// and what Keras would do when they cannot be reconciled.
Tensor alignTarget(const LossInfo& info, const RankedTensor& yTrue, const RankedTensor& yPred);

/// "(4,)" or "(4, 3)".
std::string shapeText(const RankedTensor& t);
std::string shapeText(const Tensor& t);

}  // namespace losslab
