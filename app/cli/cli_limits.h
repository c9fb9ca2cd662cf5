// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The limits of losslab-cli, in one place: the help texts and the README state them from here,
// and every request is checked against them before any long work starts, so that nothing an
// option accepts can run the machine out of memory (tests/cli/tst_cli_limits runs each maximum
// under a memory ulimit and a timeout).

#include <cstddef>
#include <string>

namespace losslab::cli {

/// Working memory a request may plan to use. Requests whose estimate is larger are usage errors
/// that say how much they would need and what to reduce.
inline constexpr double kMemoryBudget = 4.0 * 1024 * 1024 * 1024;  // 4 GiB

// Estimates, bytes per unit, measured with /usr/bin/time -f %M on this repository's machine and
// rounded up (see tst_cli_limits for the requests that check them):
/// curve: the evaluator's tensors and derivatives per (point × class) element, and CurveData.
inline constexpr double kCurveBytesPerElement = 64;
inline constexpr double kCurveBytesPerPoint = 48;
/// bench: inputs, gradient and the loss's scratch per y_pred element, and per extra input.
inline constexpr double kBenchBytesPerElement = 48;
inline constexpr double kBenchBytesPerExtra = 24;

/// eval: the pipeline's copies (unreduced values, gradient, second derivative, per-sample values,
/// weights) per y_pred element, and per element of each extra input.
inline constexpr double kEvalBytesPerElement = 96;

/// Usage error when `bytes` exceeds kMemoryBudget: "<request> would need about N GiB of memory,
/// more than the limit of 4 GiB; <advice>".
void checkMemory(double bytes, const std::string& request, const std::string& advice);

/// "4 GiB": the budget as the help texts state it.
std::string memoryBudgetText();

}  // namespace losslab::cli
