// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the formula parser (issue 6). Any input must either parse — and then
// differentiate, compile and evaluate without crashing — or throw a FormulaError that says
// where. Build with clang (see README "Fuzzing the formula parser").
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/engine/error.h"
#include "core/engine/pipeline.h"
#include "core/formula/formula_loss.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string source(reinterpret_cast<const char*>(data), size);
  try {
    const auto loss = losslab::FormulaLoss::create(source);
    losslab::EvalRequest request;
    request.yTrue = losslab::RankedTensor{losslab::Tensor::Constant(2, 2, 0.5), 2};
    request.yPred = losslab::RankedTensor{losslab::Tensor::Constant(2, 2, -1.25), 2};
    (void)losslab::evaluate(*loss, request);
  } catch (const losslab::Error&) {
    // A clear error is a correct answer.
  }
  return 0;
}
