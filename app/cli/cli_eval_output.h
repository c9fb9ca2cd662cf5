// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What 'losslab-cli eval' prints, streamed through an Output: one JSON object, or the aligned
// table. Neither is ever held whole: a 1e7-row result is a few hundred MB of text.

#include <optional>
#include <string>

#include "app/cli/cli_common.h"
#include "core/engine/loss.h"
#include "core/engine/pipeline.h"

namespace losslab::cli {

/// {"loss", "formula" (for a formula loss), "params", "reduction", "value", "per_sample",
/// "grad", "grads"} on one line.
void writeEvalJson(Output& output,
                   const Loss& loss,
                   const std::optional<std::string>& formula,
                   const Evaluation& result);

/// loss, reduction and value lines, then one right-aligned row per sample: sample, per_sample,
/// d/dy_pred[j]..., d/d<extra>[j]... (numbers shortest round trip, 0 rather than -0).
void writeEvalTable(Output& output, const Loss& loss, const Evaluation& result);

}  // namespace losslab::cli
