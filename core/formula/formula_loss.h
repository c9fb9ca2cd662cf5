// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "core/engine/loss.h"
#include "core/formula/formula_parser.h"
#include "core/formula/formula_program.h"

namespace losslab {

/// A user-written loss (issue 6). It behaves like a built-in one: parameters become ParamSpecs,
/// evaluation goes through the same pipeline (Keras `sum_over_batch_size` by default).
///  * Without aggregates the formula is an element loss e(ŷ, y): ℓ_i = mean_j e_ij, and its
///    symbolic first and second derivatives give the gradient and the curvature.
///  * With mean(...)/sum(...) it is one scalar for the batch (like seed 002's RMSE), which the
///    Keras reductions return unchanged; d1 is then ∂L/∂ŷ_i directly.
class FormulaLoss final : public Loss {
 public:
  /// Parses and compiles; throws formula::FormulaError (Error::usage) with a caret message,
  /// or Error::usage for a parameter value outside its declared range.
  /// `inputs` names the extra tensors the formula may read as variables (--input NAME=FILE);
  /// the ones it reads become required extra inputs of the loss. An input has y_pred's rows
  /// and at most its columns: with k columns, column j reads its column min(j, k − 1) (one
  /// column is a per-sample value repeated along the row).
  static std::shared_ptr<const FormulaLoss> create(const std::string& source,
                                                   const ParamValues& params = {},
                                                   const std::string& name = "custom",
                                                   const std::vector<std::string>& inputs = {});

  void evaluate(const LossInputs& in, BatchEval& out) const override;
  /// Element formulas: value and d1 only, summed on the fly (no value or d2 buffers), the
  /// way built-in element-wise losses do it. Aggregate formulas take the general path.
  double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const override;

  const formula::ParsedFormula& formula() const { return m_parsed; }

 private:
  FormulaLoss(std::shared_ptr<const LossInfo> info,
              formula::ParsedFormula parsed,
              const ParamValues& params);

  formula::ProgramInputs programInputs(const LossInputs& in, std::vector<Tensor>& widened) const;

  std::shared_ptr<const LossInfo> m_infoOwner;  // custom losses are not in the registry
  formula::ParsedFormula m_parsed;
  std::vector<double> m_paramValues;        // in the order of m_parsed.params
  mutable formula::Program m_program;       // value, d1, d2; scratch registers: guarded by m_mutex
  mutable formula::Program m_fusedProgram;  // value, d1 (the training path); same mutex
  mutable std::mutex m_mutex;
};

/// The LossInfo a formula would get (params with ranges, elementwise flag), without compiling.
LossInfo formulaInfo(const formula::ParsedFormula& parsed, const std::string& name);

/// `input` widened to rows × cols: column j reads column min(j, k − 1) of its k columns. Throws
/// Error::usage naming `name` if its rows differ or it has more columns than y_pred.
Tensor widenInput(const Tensor& input,
                  Eigen::Index rows,
                  Eigen::Index cols,
                  const std::string& name);

}  // namespace losslab
