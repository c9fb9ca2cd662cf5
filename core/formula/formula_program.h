// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/formula/formula_expr.h"

namespace losslab::formula {

/// The tensors of one run: n elements, row-major rows of `cols` elements (a row is a sample),
/// and the named extra inputs in the order of the program's `inputNames`, each n elements.
struct ProgramInputs {
  const double* yTrue = nullptr;
  const double* yPred = nullptr;
  std::size_t n = 0;
  std::size_t cols = 1;
  std::vector<const double*> inputs;
};

/// Expressions compiled to a flat list of array instructions, evaluated chunk by chunk over
/// whole Eigen arrays (vectorised), instead of a tree walk per element.
///
/// Several outputs (value, d1, d2) share one program, so a subexpression they have in common
/// (the same node, as differentiation reuses its operand nodes) is computed once per chunk.
/// Subexpressions without y_true/y_pred/r are "uniform": folded once per run, not per element.
/// Aggregates (mean/sum) need a first pass over all elements; the outputs a second one.
/// A row-wise function (row_sum, softmax, …) is a stage of its own before them: its argument is
/// evaluated over all elements, reduced row by row into an n-element buffer, which later code
/// reads like an input.
class Program {
 public:
  Program() = default;
  Program(const std::vector<ExprPtr>& outputs,
          std::vector<std::string> paramNames,
          std::vector<std::string> inputNames = {});

  /// Evaluates every output at n elements. `params` follows `paramNames`; `out[k]` receives n
  /// values of output k. Not thread-safe per instance (it owns its scratch registers): give
  /// each thread its own copy.
  void run(const ProgramInputs& in,
           const std::vector<double>& params,
           const std::vector<double*>& out);

  /// The fused training path: output 0 is summed (no n-sized buffer), output 1 is written to
  /// `second` multiplied by `scale`. Returns the sum. Needs at least two outputs.
  double runSumAndScale(const ProgramInputs& in,
                        const std::vector<double>& params,
                        double* second,
                        double scale);

  std::size_t instructionCount() const;

 private:
  struct Instruction {
    Op op;
    int dst;
    int a = -1, b = -1, c = -1;
  };
  struct Aggregate {
    Op op;        // Mean or Sum
    int inner;    // element register of the aggregated expression
    int uniform;  // uniform slot receiving the result
  };
  struct RowStage {
    ExprPtr node;          // the row-wise function
    int code;              // index into m_stageCode: computes its argument
    int inner;             // the argument's register
    int reg;               // the register later code reads the result from
    bool afterAggregates;  // reads a batch aggregate (only derivatives do)
  };
  static constexpr int kMainCode = -1;
  static constexpr int kAggregateCode = -2;

  /// Per run: parameters, uniform subexpressions, row stages and the aggregates' first pass.
  void prepare(const ProgramInputs& in, const std::vector<double>& params);
  std::vector<Instruction>& code(int id);
  int compile(const ExprPtr& e, int codeId);
  int compileElement(const ExprPtr& e, int codeId);
  double evaluateUniform(const ExprPtr& e);
  void runRowStage(std::size_t k);
  void executeChunk(const std::vector<Instruction>& code, std::size_t start, std::size_t count);

  // Doubles per register. Measured (custom Huber, 1e7 elements): 32 → 30 %, 64 → 42–45 %,
  // 128 → 32 %, 256 → 29 % of the built-in huber; 64 keeps every register of a typical
  // program in L1 while the per-instruction dispatch stays small.
  static constexpr std::size_t kChunk = 64;

  std::vector<std::string> m_paramNames;
  std::vector<std::string> m_inputNames;
  std::vector<ExprPtr> m_outputs;
  std::vector<int> m_outputRegisters;
  std::vector<Instruction> m_aggregatePass;
  std::vector<Instruction> m_main;
  std::vector<Aggregate> m_aggregates;
  std::vector<std::vector<Instruction>> m_stageCode;
  std::vector<RowStage> m_rows;             // in the order they run (arguments' stages first)
  std::vector<ExprPtr> m_uniformNodes;      // uniform register k holds the value of node k
  std::vector<int> m_uniformRegister;       // its register
  std::map<const Expr*, int> m_registerOf;  // uniform nodes and row stages: one per program
  std::map<std::pair<int, const Expr*>, int> m_elementRegisterOf;  // per code list
  int m_registerCount = 0;
  int m_yTrueRegister = -1;
  int m_yPredRegister = -1;
  int m_residualRegister = -1;
  int m_columnRegister = -1;
  std::vector<int> m_inputRegisters;  // per input name, -1 if unread

  // Run-time state.
  std::vector<double> m_storage;  // m_registerCount × kChunk
  std::map<const Expr*, double> m_uniformValues;
  std::vector<double> m_paramValues;
  std::size_t m_count = 0;  // N of the current run
  ProgramInputs m_in;
  std::vector<std::vector<double>> m_rowValues;  // per row stage, n values
  std::vector<char> m_rowReady;
  std::vector<double> m_rowScratch;
};

}  // namespace losslab::formula
