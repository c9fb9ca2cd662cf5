// SPDX-License-Identifier: GPL-3.0-or-later
// The reductions of Keras 3 (spec §1.2) and PyTorch (§1.6), written once. Every path that
// reduces a batch — the pipeline, the fused training pass of element-wise and formula losses,
// the default Loss::valueAndGradient — takes its factors from here.
#pragma once

#include <string>

#include "core/engine/loss.h"

namespace losslab {

/// The reduction a loss uses when none is asked for: Keras' `sum_over_batch_size`, PyTorch's
/// `mean`.
Reduction defaultReduction(const LossInfo& info);
/// "sum_over_batch_size", "mean", … ; parse throws Error::usage naming the accepted values.
std::string reductionName(Reduction reduction);
Reduction parseReduction(const std::string& text);
/// Empty if `reduction` is valid for this loss, else why not.
std::string checkReduction(const LossInfo& info, Reduction reduction);

/// ∂L/∂u for each of `count` unreduced values u that an unweighted, unmasked reduction treats
/// alike: L = factor · Σ u.
///   PyTorch (u element-wise): mean 1/count, batchmean 1/rows, sum and none 1.
///   Keras (u per sample): sum_over_batch_size, mean and mean_with_sample_weight 1/count
///   (without weights mean_with_sample_weight is sum_over_batch_size), sum and none 1.
double uniformFactor(Framework framework, Reduction reduction, double count, double rows);

/// How a Keras per-sample loss is made from its element terms: ℓ_i = rowScale · Σ_j e_ij.
/// PyTorch ids keep the element tensor (rowScale 1).
double rowScale(Framework framework, bool meanOverRow, Eigen::Index cols);

/// ∂L/∂e_ij for the element terms of an element-wise loss on an unweighted batch: the fused
/// training path (ElementwiseLoss, FormulaLoss). Equals rowScale · uniformFactor.
double elementFactor(Framework framework,
                     Reduction reduction,
                     Eigen::Index rows,
                     Eigen::Index cols,
                     bool meanOverRow);

/// A reduction applied to one evaluated batch: L = Σ_i c_i s_i with s_i the sum of row i of
/// BatchEval::unreduced (a scalar loss has one row), so ∂L/∂ŷ_ij = c_i · BatchEval::grad(i, j).
struct ReductionPlan {
  Eigen::ArrayXd rowFactor;  // c_i
  Eigen::ArrayXd weight;     // Keras: the effective per-sample weight w_i (sample weight × mask)

  /// Plans `reduction` of `raw` for `info`'s framework: PyTorch's mean over the elements (or
  /// BatchEval::meanDenominator, cross_entropy's Σ w_t), batchmean, sum; Keras' per-sample
  /// weights, the mask of ignored rows (valid rows get N/N_valid under the mean-like
  /// reductions, divide_no_nan: all masked gives 0) and scalar losses, which every reduction
  /// returns unchanged. `sampleWeight` (Keras only, one per sample) may be null.
  static ReductionPlan make(const LossInfo& info,
                            Reduction reduction,
                            const BatchEval& raw,
                            const Eigen::ArrayXd* sampleWeight);

  /// Σ_i c_i s_i.
  double value(const Tensor& unreduced) const;
  /// Each row of `g` times c_i (a scalar loss: all of g times c_0).
  Tensor scaleRows(const Tensor& g) const;
};

}  // namespace losslab
