// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/engine/error.h"
#include "core/formula/formula_expr.h"

namespace losslab::formula {

/// A parse or validation error: what, and where (0-based character offset), with the source
/// line and a caret under the offending character in `what()`.
class FormulaError : public Error {
 public:
  FormulaError(const std::string& message, std::string_view source, std::size_t position);
  std::size_t position() const { return m_position; }
  const std::string& message() const { return m_message; }

 private:
  std::size_t m_position;
  std::string m_message;
};

/// A formula parameter: declared (`delta = 1.0 in [0.01, 10] log`) or implied by use
/// (default 1, unbounded).
struct FormulaParam {
  std::string name;
  double defaultValue = 1;
  double min = -1e300;
  double max = 1e300;
  bool logScale = false;
  bool declared = false;
};

/// The result of parsing: declarations, the loss expression, and its derivatives.
struct ParsedFormula {
  std::string source;
  std::vector<FormulaParam> params;  // in order of first appearance
  ExprPtr value;
  ExprPtr d1;  // ∂value/∂ŷ_i (per element; includes 1/N for aggregates); with row-wise
               // functions the gradient of the row sum, Σ_k ∂value_k/∂ŷ_i (formula_expr.h)
  ExprPtr d2;  // ∂²value/∂ŷ_i² (diagonal); null with row-wise functions (not element-wise)
  bool aggregate = false;  // uses mean(...)/sum(...): the value is one scalar for the batch
  bool rowwise = false;    // uses row_sum, softmax, …: a row's elements depend on each other
  std::vector<std::string> inputs;  // the named extra inputs it reads, in order of appearance
};

/// Limits that keep hostile input from exhausting time or the stack.
inline constexpr std::size_t kMaxFormulaLength = 4096;
inline constexpr int kMaxNesting = 64;

/// Parses `source`: zero or more declarations then one expression, separated by newlines or
/// ';'. Variables: y_true (y), y_pred (p), r = y_pred − y_true, col (the element's 0-based
/// column), ncols (columns per row), and every name in `inputs` (extra tensors given as
/// --input NAME=FILE); constants pi, e, eps (1e-7); any other identifier is a parameter.
/// Throws FormulaError.
ParsedFormula parseFormula(std::string_view source, const std::vector<std::string>& inputs = {});

}  // namespace losslab::formula
