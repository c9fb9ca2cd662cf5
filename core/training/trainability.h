// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "core/engine/loss.h"

namespace losslab {

/// Why a loss cannot train the regression network, if it cannot: the ONE rule the trainer, the
/// CLI and the Training tab apply. The trainer fits one real target per sample with the loss's
/// default reduction, so a loss must take a target of y_pred's shape (not class labels, not no
/// target at all) and need no extra input (margin_ranking's input2, gaussian_nll's var, …).
struct Trainability {
  enum class Problem {
    None,         // the loss can train
    ClassLabels,  // TargetKind::ClassIndex
    NoTarget,     // TargetKind::None (triplet_margin)
    ExtraInput,   // a required extra input, named by `extraInput`
  };
  Problem problem = Problem::None;
  std::string lossId;
  std::string extraInput;

  bool ok() const { return problem == Problem::None; }
  /// English text ("'sparse_categorical_crossentropy' takes class labels"); empty when ok().
  /// The GUI translates from `problem` instead.
  std::string message() const;
};

Trainability trainability(const LossInfo& info);

/// Throws Error::usage with trainability(info).message() when the loss cannot train.
void requireTrainable(const LossInfo& info);

}  // namespace losslab
