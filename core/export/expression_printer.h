// SPDX-License-Identifier: GPL-3.0-or-later
// A formula expression tree as Python for Keras 3 (keras.ops) or PyTorch, with LossLab's
// derivative conventions carried over to the framework's autodiff.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/export/code_export.h"
#include "core/formula/formula_expr.h"

namespace losslab {

/// True if `e` reads the residual r (the printed code then defines r = y_pred - y_true).
bool usesResidual(const formula::ExprPtr& e);

/// Prints a formula expression as Python for one target. Every operation is mapped so that
/// autodiff in the target reproduces LossLab's derivative (formula_expr.h `differentiate`,
/// TensorFlow's kink conventions, spec §1.4):
///  * max(a, b) → where(a >= b, a, b): the whole gradient to a on ties (torch.maximum and
///    JAX's maximum would split it ½–½); min likewise with <=;
///  * clip(x, lo, hi) → where(x < lo, lo, where(x > hi, hi, x)): x′ on the closed interval;
///  * comparisons are 0/1 floats of y_pred's dtype; where(c, a, b) tests c != 0;
///  * abs/sign/relu are the frameworks' own (gradient 0 at 0 in TF and PyTorch).
/// Subexpressions the printed code would repeat become local variables (`abs_r = …`), so each
/// is computed once, as the engine's Program does.
class ExpressionPrinter {
 public:
  ExpressionPrinter(CodeTarget target,
                    std::map<std::string, std::string> paramNames,
                    std::set<std::string> taken);

  /// Counts uses in the printed form and names the repeated subexpressions. Returns the
  /// assignments, in dependency order, to emit before the expression.
  std::vector<std::string> prepare(const formula::ExprPtr& root);

  /// `name = <e>` at `indent`; a long sum is broken into one term per line (Black's layout).
  /// Only the left spine is unfolded, which Python's left-associative + and − read back as
  /// the same tree.
  std::string assignment(const std::string& name,
                         const formula::ExprPtr& e,
                         const std::string& indent);

  /// The Python expression of `e`.
  std::string value(const formula::ExprPtr& e);

 private:
  using ExprPtr = formula::ExprPtr;
  using Op = formula::Op;

  bool torch() const;

  /// A structural key: equal keys compute equal values. Numbers are keyed by their bits (the
  /// 15-digit formula::toString could merge two different constants).
  const std::string& key(const ExprPtr& e);

  /// How often each operand is printed by raw(): max/min print both twice (condition and
  /// branch), clip its value three times and its bounds twice, log_cosh its argument twice.
  std::vector<int> multiplicity(const ExprPtr& e) const;

  void visit(const ExprPtr& e);

  std::string temporaryName(const ExprPtr& e) const;

  /// Python binding strength of the printed form (higher binds tighter).
  int precedence(const ExprPtr& e);

  std::string operand(const ExprPtr& e, int minPrecedence);

  std::string dtype() const;

  /// A constant as a tensor of y_pred's dtype (torch.where(c, 1.0, 0.0) would be float32).
  std::string tensorConstant(const std::string& text) const;

  /// Operands of where/max/min/clip: if none of them is an element tensor the result would
  /// take the frameworks' default float type, so numbers are made tensors of y_pred's dtype.
  std::vector<std::string> branches(const std::vector<ExprPtr>& args);

  std::string fn(const char* torchName, const char* kerasName) const;

  std::string call(const std::string& function, const std::vector<std::string>& args) const;

  /// A reduction over the last axis, kept as a column so that it broadcasts along the row.
  std::string rowCall(const char* torchName, const char* kerasName, const ExprPtr& x);

  /// A comparison as a boolean tensor.
  std::string compare(Op op, const std::string& a, const std::string& b) const;

  std::string constantBool(bool truth) const;

  /// `e` as a boolean tensor (for where and the logical operators): nonzero is true.
  std::string boolean(const ExprPtr& e);

  /// A boolean tensor as 0/1 in y_pred's dtype.
  std::string toFloat(const std::string& booleanText) const;

  std::string variable(const ExprPtr& e) const;

  /// The printed form of `e` itself (operands through value(), so they use temporaries).
  std::string raw(const ExprPtr& e);

  CodeTarget m_target;
  std::map<std::string, std::string> m_paramNames;  // formula name → Python name
  std::set<std::string> m_taken;
  std::map<const formula::Expr*, std::string> m_keys;
  std::map<std::string, int> m_uses;
  std::map<std::string, std::string> m_temporary;  // key → local variable
  std::vector<ExprPtr> m_order;
};

}  // namespace losslab
