// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli: the engine's scripting front end. Plain C++ on losslab_core (no Qt), so it also
// builds in the core-only sanitizer job. Exit status: 0 success, 1 data error, 2 usage error.
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "app/cli/cli_common.h"
#include "core/engine/error.h"

#ifndef LOSSLAB_VERSION
#define LOSSLAB_VERSION "unknown"
#endif

namespace {

constexpr const char* kUsage = R"(Usage: losslab-cli <command> [options]

Commands:
  list    every loss with its parameters and extra inputs
  eval    evaluate a loss (or a formula, --expr) on CSV files: value, per-sample values,
          gradients
  curve   a loss (or a formula) and its first two derivatives along a 1-D path, as CSV
  bench   time value-and-gradient on random data
  train   train a small network on a generated or CSV regression data set with a loss;
          metrics, per-epoch history and predictions
  derive  a formula's simplified value, first and second derivatives and parameters
  export  a loss or formula as Keras 3 or PyTorch code

Formulas ('losslab-cli derive --help' describes the language) are written with y_pred (p),
y_true (y) and r = p - y, e.g. --expr 'delta = 1 in [0.01, 10]; delta^2*log_cosh(r/delta)'.

Options:
  -h, --help   show this help; 'losslab-cli <command> --help' shows a command's options
  --version    show the version

Exit status: 0 success, 1 data error (file contents), 2 usage error (including a formula
that does not parse: the message shows the formula with a caret '^' under the error).
A diverging training run is not an error ('losslab-cli train --help').
)";

constexpr int kDataError = 1;
constexpr int kUsageError = 2;

}  // namespace

int main(int argc, char** argv) {
  using namespace losslab;
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::string command;
  try {
    if (args.empty()) {
      std::cerr << kUsage;
      return kUsageError;
    }
    command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "-h" || command == "--help" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "--version") {
      std::cout << "losslab-cli " << LOSSLAB_VERSION << '\n';
      return 0;
    }
    if (command == "list") {
      return cli::runList(rest);
    }
    if (command == "eval") {
      return cli::runEval(rest);
    }
    if (command == "curve") {
      return cli::runCurve(rest);
    }
    if (command == "bench") {
      return cli::runBench(rest);
    }
    if (command == "train") {
      return cli::runTrain(rest);
    }
    if (command == "derive") {
      return cli::runDerive(rest);
    }
    if (command == "export") {
      return cli::runExport(rest);
    }
    command.clear();
    throw Error::usage("unknown command '" + args.front() +
                       "' (expected list, eval, curve, bench, train, derive or export; see "
                       "'losslab-cli --help')");
  } catch (const Error& error) {
    std::cerr << "losslab-cli: error: " << error.what() << '\n';
    return error.kind() == Error::Kind::Usage ? kUsageError : kDataError;
  } catch (const std::bad_alloc&) {
    std::cerr << "losslab-cli: error: out of memory\n";
    return kDataError;
  } catch (const std::exception& error) {
    std::cerr << "losslab-cli: error: internal error: " << error.what() << '\n';
    return kDataError;
  }
}
