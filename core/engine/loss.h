// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/loss_info.h"
#include "core/engine/param_spec.h"
#include "core/engine/tensor.h"

namespace losslab {

/// Inputs of one evaluation. Tensors are B×D after rank alignment; pointers are not owned.
struct LossInputs {
  const Tensor* yTrue = nullptr;  // null for TargetKind::None
  const Tensor* yPred = nullptr;
  std::map<std::string, const Tensor*, std::less<>> extras;

  const Tensor* extra(std::string_view name) const {
    auto it = extras.find(name);
    return it == extras.end() ? nullptr : it->second;
  }
};

/// Unreduced result of a loss on a batch.
///  * Keras-style ids: `unreduced` is B×1 and holds the per-sample loss ℓ_i (spec §1.1).
///  * PyTorch ids: `unreduced` is the tensor `reduction='none'` returns (B×D or B×1).
///  * `scalar` losses (rmse_batch, dice with axis=None) return one 1×1 value which Keras'
///    reductions pass through unchanged (spec §1.2 step 6).
/// `grad(i, j)` = ∂(Σ_k unreduced(i, k)) / ∂ŷ(i, j): the gradient of the row sum. For element-
/// wise losses `d2` is the matching diagonal second derivative, otherwise it is left empty.
struct BatchEval {
  Tensor unreduced;
  Tensor grad;
  Tensor d2;
  std::map<std::string, Tensor, std::less<>> extraGrads;  // same convention, per extra input
  Eigen::ArrayXd mask;  // Keras mask per sample (1 valid, 0 masked), empty if none (ignore_class)
  bool scalar = false;
  double meanDenominator = 0;  // PyTorch 'mean' divisor if not numel(unreduced) (weighted CE)
};

/// A loss: immutable after construction, so one instance may be shared between threads.
class Loss {
 public:
  explicit Loss(const LossInfo& info) : m_info(&info) {}
  virtual ~Loss() = default;
  Loss(const Loss&) = delete;
  Loss& operator=(const Loss&) = delete;

  const LossInfo& info() const { return *m_info; }
  /// The validated parameter values this loss was created with (defaults filled in).
  const ParamValues& params() const { return m_params; }

  /// Per-sample (Keras) or element-wise (PyTorch) values and their analytic gradients.
  /// Shapes are checked by the caller (see pipeline.h); data errors throw Error::data.
  virtual void evaluate(const LossInputs& in, BatchEval& out) const = 0;

  /// The reduced value of an unweighted `reduction` and its gradient in one pass (the
  /// training path). `grad` is resized to ŷ's shape. The default evaluates then reduces;
  /// element-wise losses override it with a fused loop.
  virtual double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const;

  /// valueAndGradient() that also keeps the unreduced values (BatchEval::unreduced's
  /// convention: Keras ℓ_i as B×1, PyTorch the element tensor), for `losslab-cli eval`: one
  /// fused pass where the loss has one. Returns false, touching nothing, when it has none (the
  /// default): the caller then uses evaluate(). `reduction` is unweighted and not none.
  virtual bool valuesAndGradient(const LossInputs& in,
                                 Reduction reduction,
                                 Tensor& unreduced,
                                 Tensor& grad,
                                 double& value) const;

 protected:
  /// For losses created outside the registry (formula losses): record their parameters.
  void setParams(ParamValues params) { m_params = std::move(params); }

 private:
  friend class LossRegistry;  // sets m_params once, right after construction
  const LossInfo* m_info;     // points into the registry, which outlives every loss
  ParamValues m_params;
};

using LossPtr = std::shared_ptr<const Loss>;

}  // namespace losslab
