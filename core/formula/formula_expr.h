// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace losslab::formula {

/// Operations of the formula language. Functions keep their user-facing names in opName().
enum class Op {
  Number,    // a constant
  Variable,  // y_true / y_pred / r (spelled as the user wrote them)
  Param,     // a named parameter (a slider)
  Count,     // N: the number of elements an aggregate runs over (appears in derivatives)
  Columns,   // ncols: the number of columns of a row (appears in derivatives of row functions)
  Neg,
  Not,
  Add,
  Sub,
  Mul,
  Div,
  Pow,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  Equal,
  NotEqual,
  And,
  Or,
  Abs,
  Sign,
  Exp,
  Log,
  Log1p,
  Sqrt,
  Square,
  Sin,
  Cos,
  Tanh,
  Atan,
  Sigmoid,
  Softplus,
  Relu,
  LogCosh,
  Max,
  Min,
  Clip,
  Where,
  Mean,
  Sum,  // aggregates over the whole batch
  // Row-wise functions over the last axis (one row = one sample). The aggregates give one value
  // per row, repeated at every element of the row; softmax and log_softmax one per element.
  RowSum,
  RowMean,
  RowMax,
  Norm,  // Euclidean norm of the row
  LogSumExp,
  Softmax,
  LogSoftmax,
};

/// Which input a Variable node reads. The residual r = ŷ − y has d/dŷ = 1. Input: a named extra
/// tensor (--input NAME=FILE), a constant like y_true. Column: the element's 0-based column.
enum class VariableKind { YTrue, YPred, Residual, Input, Column };

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// An immutable expression node. Build nodes through the make* functions below: they fold
/// constants and apply the algebraic simplifications that keep derivatives readable.
struct Expr {
  Op op = Op::Number;
  double number = 0;          // Op::Number
  VariableKind variable{};    // Op::Variable
  std::string name;           // Variable spelling or Param name
  std::vector<ExprPtr> args;  // operands in order
};

ExprPtr makeNumber(double value);
ExprPtr makeVariable(VariableKind kind, std::string spelling);
ExprPtr makeParam(std::string name);
ExprPtr makeCount();
/// Any operator or function with its operands; simplifies where it can.
ExprPtr make(Op op, std::vector<ExprPtr> args);

bool isNumber(const ExprPtr& e, double value);
bool isConstant(const ExprPtr& e);  // no Variable inside (numbers, params, N, aggregates' N)
bool dependsOnPrediction(const ExprPtr& e);
bool containsAggregate(const ExprPtr& e);
/// True if some y_true/y_pred/r occurs outside every mean(...)/sum(...).
bool hasFreeElementVariable(const ExprPtr& e);
/// Row-wise functions (row_sum … log_softmax).
bool isRowOp(Op op);
bool containsRowOp(const ExprPtr& e);
/// True if the value is the same at every element of a row: no variable outside a row
/// aggregate (row_sum, row_mean, row_max, norm, logsumexp).
bool isRowConstant(const ExprPtr& e);
/// A row-wise function of `arg`, simplified: a closed form for a row-constant argument
/// (row_sum(x) = ncols·x, softmax(x) = 1/ncols), row-constant factors out of row_sum/row_mean.
ExprPtr makeRowOp(Op op, const ExprPtr& arg);

/// d e / d ŷ_i for the element i, with the kink conventions of TensorFlow (spec §1.4):
/// abs′(0) = 0, max(a, b) passes the gradient to a on ties, min likewise, clip passes on the
/// closed interval, relu′(0) = 0. For an aggregate, d mean(f)/dŷ_i = f′(ŷ_i) / N.
ExprPtr differentiate(const ExprPtr& e);

/// The gradient of the row sum of e: g_j = Σ_k ∂e_k/∂ŷ_j over the elements k of ŷ_j's row (a
/// vector-Jacobian product, formula_gradient.cpp). Equal to differentiate(e) without row-wise
/// functions; with them, a per-element expression that may read row aggregates, e.g.
/// d/dŷ of log_softmax(p)·y summed over the row is y − softmax(p)·row_sum(y).
ExprPtr gradient(const ExprPtr& e);

/// Readable infix text with minimal parentheses, e.g. "2*(p - y)"; "none" for a null e.
std::string toString(const ExprPtr& e);

/// The function name as written in formulas ("log_cosh"), or the operator symbol.
const char* opName(Op op);
/// Number of operands a function takes (-1 for non-functions).
int functionArity(Op op);
/// Function lookup by name; returns false if `name` is not a function.
bool functionByName(const std::string& name, Op& op);
/// Every function name, for completion and error suggestions.
std::vector<std::string> functionNames();

}  // namespace losslab::formula
