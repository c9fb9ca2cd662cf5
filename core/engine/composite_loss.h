// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include "core/engine/loss.h"
#include "core/engine/pipeline.h"

namespace losslab {

/// One output of a multi-output model: a catalogue loss applied to a column slice of ŷ.
struct CompositeTerm {
  LossPtr loss;                  // the catalogue loss of this output
  double weight = 1;             // λ_k (Keras' loss_weights entry)
  Eigen::Index firstColumn = 0;  // first column of ŷ this output occupies
  Eigen::Index columns = 0;      // number of ŷ columns of this output (≥ 1)
  /// First column of this output's target in y_true; −1: the same as firstColumn. The target is
  /// `columns` wide for losses whose y_true has ŷ's shape, 1 column for class-label losses and
  /// absent for losses without a target.
  Eigen::Index targetFirstColumn = -1;
};

/// Keras' multi-output total loss (spec §3.5, §3.7):
///   L = Σ_k λ_k L_k(y^(k), ŷ^(k)),
/// where ŷ^(k) = ŷ[:, firstColumn_k : firstColumn_k + columns_k], y^(k) the matching slice of
/// y_true, and L_k is that output's fully reduced loss through the pipeline (pipeline.h): its own
/// framework's reduction, the request's reduction if one is given, the request's sample weights,
/// and the extra inputs its loss declares (passed whole, not sliced).
/// Chain rule: ŷ^(k) is a selection of ŷ's columns, so
///   ∂L/∂ŷ_ij = Σ_{k : j ∈ slice k} λ_k ∂L_k/∂ŷ^(k)_{i, j − firstColumn_k},
/// i.e. the gradient is λ_k × each slice's gradient written into its columns; overlapping slices
/// add up and columns no term reads get 0. The diagonal second derivative follows the same rule
/// (returned only when every term has one), and so do the gradients of extra inputs.
/// `perSample` and `unreduced` (B×1) hold Σ_k λ_k × each term's per-sample loss; `reduction` is
/// the request's, or the first term's default.
/// Throws Error::usage for no terms, a null loss, a non-finite weight or a slice outside ŷ or
/// y_true; errors of a term (Error::usage or Error::data) are rethrown naming the term.
Evaluation evaluateComposite(const std::vector<CompositeTerm>& terms, const EvalRequest& request);

}  // namespace losslab
