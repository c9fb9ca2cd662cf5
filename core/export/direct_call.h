// SPDX-License-Identifier: GPL-3.0-or-later
// A built-in exported as a call of the framework's own function (its LossFacts::calls entry):
// the same semantics, spelled as a Keras or PyTorch user would.
#pragma once

#include <string>

#include "core/engine/loss.h"
#include "core/export/python_text.h"

namespace losslab {

/// Keras 3: a keras.losses.Loss subclass and a closure, both calling `call.function`.
std::string directKeras(const LossInfo& info,
                        const ParamValues& values,
                        const FrameworkCall& call,
                        const python::Names& names,
                        const std::string& reduction);
/// PyTorch: a functional form and an nn.Module calling `call.function`.
std::string directTorch(const LossInfo& info,
                        const ParamValues& values,
                        const FrameworkCall& call,
                        const python::Names& names,
                        const std::string& reduction);

}  // namespace losslab
