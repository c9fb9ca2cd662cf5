// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/export/expression_printer.h"

#include <cmath>

#include "core/export/python_text.h"
#include "core/io/number_format.h"

namespace losslab {

using formula::ExprPtr;
using formula::Op;
using formula::VariableKind;

namespace {

bool isLeaf(const ExprPtr& e) {
  return e->op == Op::Number || e->op == Op::Variable || e->op == Op::Param || e->op == Op::Count;
}

bool isComparison(Op op) {
  return op == Op::Less || op == Op::LessEqual || op == Op::Greater || op == Op::GreaterEqual ||
         op == Op::Equal || op == Op::NotEqual;
}

bool isBooleanOp(Op op) {
  return isComparison(op) || op == Op::And || op == Op::Or || op == Op::Not;
}

}  // namespace

bool usesResidual(const ExprPtr& e) {
  if (e->op == Op::Variable) {
    return e->variable == VariableKind::Residual;
  }
  for (const ExprPtr& a : e->args) {
    if (usesResidual(a)) {
      return true;
    }
  }
  return false;
}

ExpressionPrinter::ExpressionPrinter(CodeTarget target,
                                     std::map<std::string, std::string> paramNames,
                                     std::set<std::string> taken)
    : m_target(target), m_paramNames(std::move(paramNames)), m_taken(std::move(taken)) {}

std::vector<std::string> ExpressionPrinter::prepare(const ExprPtr& root) {
  visit(root);
  std::vector<std::string> lines;
  for (const ExprPtr& e : m_order) {
    const std::string& k = key(e);
    if (m_uses[k] < 2 || isLeaf(e) || isBooleanOp(e->op)) {
      continue;  // comparisons stay inline: cheap, and clearer where they are used
    }
    const std::string definition = raw(e);  // before the name exists: children only
    m_temporary[k] = python::uniqueName(temporaryName(e), m_taken);
    lines.push_back(m_temporary[k] + " = " + definition);
  }
  return lines;
}

std::string ExpressionPrinter::assignment(const std::string& name,
                                          const ExprPtr& e,
                                          const std::string& indent) {
  const std::string oneLine = name + " = " + value(e);
  if (indent.size() + oneLine.size() <= 99 || (e->op != Op::Add && e->op != Op::Sub)) {
    return oneLine;
  }
  std::vector<std::string> terms;
  ExprPtr node = e;
  while ((node->op == Op::Add || node->op == Op::Sub) && !m_temporary.count(key(node))) {
    terms.push_back(std::string(formula::opName(node->op)) + " " + operand(node->args[1], 6));
    node = node->args[0];
  }
  std::string text = name + " = (\n" + indent + "    " + operand(node, 5) + "\n";
  for (auto it = terms.rbegin(); it != terms.rend(); ++it) {
    text += indent + "    " + *it + "\n";
  }
  return text + indent + ")";
}

std::string ExpressionPrinter::value(const ExprPtr& e) {
  if (auto it = m_temporary.find(key(e)); it != m_temporary.end()) {
    return it->second;
  }
  return raw(e);
}

bool ExpressionPrinter::torch() const {
  return m_target == CodeTarget::PyTorch;
}

const std::string& ExpressionPrinter::key(const ExprPtr& e) {
  if (auto it = m_keys.find(e.get()); it != m_keys.end()) {
    return it->second;
  }
  std::string k;
  switch (e->op) {
    case Op::Number:
      k = "#" + formatShortest(e->number);
      break;
    case Op::Variable:
      k = e->variable == VariableKind::YTrue    ? "$y"
          : e->variable == VariableKind::YPred  ? "$p"
          : e->variable == VariableKind::Column ? "$col"
          : e->variable == VariableKind::Input  ? "$in:" + e->name
                                                : "$r";
      break;
    case Op::Param:
      k = "@" + e->name;
      break;
    default:
      k = std::to_string(static_cast<int>(e->op)) + "(";
      for (const ExprPtr& a : e->args) {
        k += key(a) + ",";
      }
      k += ")";
  }
  return m_keys.emplace(e.get(), std::move(k)).first->second;
}

std::vector<int> ExpressionPrinter::multiplicity(const ExprPtr& e) const {
  switch (e->op) {
    case Op::Max:
    case Op::Min:
      return {2, 2};
    case Op::Clip:
      return {3, 2, 2};
    case Op::LogCosh:
      return {2};
    default:
      return std::vector<int>(e->args.size(), 1);
  }
}

void ExpressionPrinter::visit(const ExprPtr& e) {
  if (++m_uses[key(e)] > 1) {
    return;  // its operands were counted at the first occurrence
  }
  const std::vector<int> times = multiplicity(e);
  for (std::size_t i = 0; i < e->args.size(); ++i) {
    for (int t = 0; t < times[i]; ++t) {
      visit(e->args[i]);
    }
  }
  m_order.push_back(e);  // post-order: operands are defined before their users
}

std::string ExpressionPrinter::temporaryName(const ExprPtr& e) const {
  const int arity = formula::functionArity(e->op);
  if (arity == 1 && e->op != Op::Mean && e->op != Op::Sum &&
      (e->args[0]->op == Op::Variable || e->args[0]->op == Op::Param)) {
    const std::string operand =
        e->args[0]->op == Op::Param ? m_paramNames.at(e->args[0]->name) : variable(e->args[0]);
    return std::string(formula::opName(e->op)) + "_" + operand;
  }
  return "t" + std::to_string(m_temporary.size() + 1);
}

int ExpressionPrinter::precedence(const ExprPtr& e) {
  if (m_temporary.count(key(e))) {
    return 10;
  }
  switch (e->op) {
    case Op::Add:
    case Op::Sub:
      return 5;
    case Op::Mul:
    case Op::Div:
      return 6;
    case Op::Neg:
      return 7;
    case Op::Pow:
      return 8;
    case Op::Number:
      return (std::signbit(e->number) && !std::isinf(e->number)) ? 7 : 10;
    default:
      return 10;  // names, calls and parenthesised forms
  }
}

std::string ExpressionPrinter::operand(const ExprPtr& e, int minPrecedence) {
  const std::string text = value(e);
  return precedence(e) < minPrecedence ? "(" + text + ")" : text;
}

std::string ExpressionPrinter::dtype() const {
  return "y_pred.dtype";
}

std::string ExpressionPrinter::tensorConstant(const std::string& text) const {
  return torch() ? "y_pred.new_tensor(" + text + ")"
                 : "ops.convert_to_tensor(" + text + ", dtype=" + dtype() + ")";
}

std::vector<std::string> ExpressionPrinter::branches(const std::vector<ExprPtr>& args) {
  bool anyElement = false;
  for (const ExprPtr& a : args) {
    anyElement = anyElement || formula::hasFreeElementVariable(a);
  }
  std::vector<std::string> out;
  for (const ExprPtr& a : args) {
    const bool wrap = !anyElement && a->op == Op::Number && !m_temporary.count(key(a));
    out.push_back(wrap ? tensorConstant(value(a)) : value(a));
  }
  return out;
}

std::string ExpressionPrinter::fn(const char* torchName, const char* kerasName) const {
  return torch() ? torchName : std::string("ops.") + kerasName;
}

std::string ExpressionPrinter::call(const std::string& function,
                                    const std::vector<std::string>& args) const {
  std::string text = function + "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    text += (i ? ", " : "") + args[i];
  }
  return text + ")";
}

std::string ExpressionPrinter::rowCall(const char* torchName,
                                       const char* kerasName,
                                       const ExprPtr& x) {
  return torch() ? std::string(torchName) + "(" + value(x) + ", dim=-1, keepdim=True)"
                 : std::string("ops.") + kerasName + "(" + value(x) + ", axis=-1, keepdims=True)";
}

std::string ExpressionPrinter::compare(Op op, const std::string& a, const std::string& b) const {
  if (torch()) {
    return a + " " + formula::opName(op) + " " + b;
  }
  const char* name = op == Op::Less           ? "less"
                     : op == Op::LessEqual    ? "less_equal"
                     : op == Op::Greater      ? "greater"
                     : op == Op::GreaterEqual ? "greater_equal"
                     : op == Op::Equal        ? "equal"
                                              : "not_equal";
  return "ops." + std::string(name) + "(" + a + ", " + b + ")";
}

std::string ExpressionPrinter::constantBool(bool truth) const {
  if (torch()) {
    return std::string(truth ? "torch.ones_like" : "torch.zeros_like") +
           "(y_pred, dtype=torch.bool)";
  }
  return std::string(truth ? "ops.ones_like" : "ops.zeros_like") + "(y_pred, dtype=\"bool\")";
}

std::string ExpressionPrinter::boolean(const ExprPtr& e) {
  if (!m_temporary.count(key(e))) {
    if (isComparison(e->op)) {
      return compare(e->op, operand(e->args[0], 5), operand(e->args[1], 5));
    }
    if (e->op == Op::And || e->op == Op::Or) {
      // A number operand decides or drops out (both numbers were folded by the parser).
      for (int k = 0; k < 2; ++k) {
        if (e->args[k]->op == Op::Number) {
          const bool truth = e->args[k]->number != 0;
          if ((e->op == Op::And) == truth) {
            return boolean(e->args[1 - k]);
          }
          return constantBool(truth);
        }
      }
      const char* name = e->op == Op::And ? "logical_and" : "logical_or";
      return call(torch() ? std::string("torch.") + name : std::string("ops.") + name,
                  {boolean(e->args[0]), boolean(e->args[1])});
    }
    if (e->op == Op::Not) {
      return call(fn("torch.logical_not", "logical_not"), {boolean(e->args[0])});
    }
  }
  return compare(Op::NotEqual, operand(e, 5), "0.0");
}

std::string ExpressionPrinter::toFloat(const std::string& booleanText) const {
  return torch() ? "(" + booleanText + ").to(" + dtype() + ")"
                 : "ops.cast(" + booleanText + ", " + dtype() + ")";
}

std::string ExpressionPrinter::variable(const ExprPtr& e) const {
  switch (e->variable) {
    case VariableKind::YTrue:
      return "y_true";
    case VariableKind::YPred:
      return "y_pred";
    case VariableKind::Residual:
      return "r";
    case VariableKind::Input:
      return e->name;  // the loss's keyword argument, named as on the CLI
    case VariableKind::Column:
      return "col";
  }
  return "r";
}

std::string ExpressionPrinter::raw(const ExprPtr& e) {
  const auto& a = e->args;
  const int p = precedence(e);
  switch (e->op) {
    case Op::Number:
      return python::floatLiteral(e->number);
    case Op::Variable:
      return variable(e);
    case Op::Param:
      return m_paramNames.at(e->name);
    case Op::Count:  // N, the element count of the batch
      return torch() ? "y_pred.numel()" : "ops.size(y_pred)";
    case Op::Columns:  // the row length, as a tensor so that log(ncols) works
      // (torch.tensor, not new_tensor: TorchScript knows only the former)
      return torch() ? "torch.tensor(y_pred.shape[-1], dtype=y_pred.dtype, device=y_pred.device)"
                     : tensorConstant("ops.shape(y_pred)[-1]");
    case Op::Neg:
      return "-" + operand(a[0], 7);
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
      // The right operand is parenthesised at equal precedence too: the printed code then
      // associates exactly as the tree does, so it rounds as the engine does.
      return operand(a[0], p) + " " + formula::opName(e->op) + " " + operand(a[1], p + 1);
    case Op::Pow:  // Python: ** binds tighter than a unary minus on its left, not its right
      return operand(a[0], 9) + " ** " + operand(a[1], 7);
    case Op::Less:
    case Op::LessEqual:
    case Op::Greater:
    case Op::GreaterEqual:
    case Op::Equal:
    case Op::NotEqual:
    case Op::And:
    case Op::Or:
    case Op::Not:
      return toFloat(boolean(e));
    case Op::Abs:
      return call(fn("torch.abs", "abs"), {value(a[0])});
    case Op::Sign:
      return call(fn("torch.sign", "sign"), {value(a[0])});
    case Op::Exp:
      return call(fn("torch.exp", "exp"), {value(a[0])});
    case Op::Log:
      return call(fn("torch.log", "log"), {value(a[0])});
    case Op::Log1p:
      return call(fn("torch.log1p", "log1p"), {value(a[0])});
    case Op::Sqrt:
      return call(fn("torch.sqrt", "sqrt"), {value(a[0])});
    case Op::Square:
      return call(fn("torch.square", "square"), {value(a[0])});
    case Op::Sin:
      return call(fn("torch.sin", "sin"), {value(a[0])});
    case Op::Cos:
      return call(fn("torch.cos", "cos"), {value(a[0])});
    case Op::Tanh:
      return call(fn("torch.tanh", "tanh"), {value(a[0])});
    case Op::Atan:
      return call(fn("torch.atan", "arctan"), {value(a[0])});
    case Op::RowSum:
      return rowCall("torch.sum", "sum", a[0]);
    case Op::RowMean:
      return rowCall("torch.mean", "mean", a[0]);
    case Op::RowMax:  // amax shares the gradient between ties, as the engine does
      return rowCall("torch.amax", "max", a[0]);
    case Op::Norm:
      return rowCall("torch.linalg.vector_norm", "norm", a[0]);
    case Op::LogSumExp:
      return rowCall("torch.logsumexp", "logsumexp", a[0]);
    case Op::Softmax:
      return torch() ? "torch.softmax(" + value(a[0]) + ", dim=-1)"
                     : "ops.softmax(" + value(a[0]) + ", axis=-1)";
    case Op::LogSoftmax:
      return torch() ? "torch.log_softmax(" + value(a[0]) + ", dim=-1)"
                     : "ops.log_softmax(" + value(a[0]) + ", axis=-1)";
    case Op::Sigmoid:
      return call(fn("torch.sigmoid", "sigmoid"), {value(a[0])});
    case Op::Softplus:
      return call(fn("F.softplus", "softplus"), {value(a[0])});
    case Op::Relu:
      return call(fn("torch.relu", "relu"), {value(a[0])});
    case Op::LogCosh: {
      const std::string log2 = python::floatLiteral(std::log(2.0));
      if (torch()) {
        // log(eˣ + e⁻ˣ) − log 2, overflow-safe in torch.logaddexp, smooth at 0: autograd gives
        // tanh x and 1 − tanh² x there (the engine's), where |x| + softplus(−2|x|) would lose
        // the curvature at 0 (sign(0) = 0) and F.softplus switches to linear beyond 20.
        return "(torch.logaddexp(" + value(a[0]) + ", -" + operand(a[0], 7) + ") - " + log2 + ")";
      }
      // Keras's own overflow-safe form: x + softplus(−2x) − log 2.
      return "(" + operand(a[0], 5) + " + ops.softplus(-2.0 * " + operand(a[0], 7) + ") - " + log2 +
             ")";
    }
    case Op::Max:
    case Op::Min: {
      const Op test = e->op == Op::Max ? Op::GreaterEqual : Op::LessEqual;
      const std::vector<std::string> b = branches({a[0], a[1]});
      return call(fn("torch.where", "where"),
                  {compare(test, operand(a[0], 5), operand(a[1], 5)), b[0], b[1]});
    }
    case Op::Clip: {
      const std::vector<std::string> b = branches({a[0], a[1], a[2]});
      const std::string inner =
          call(fn("torch.where", "where"),
               {compare(Op::Greater, operand(a[0], 5), operand(a[2], 5)), b[2], b[0]});
      return call(fn("torch.where", "where"),
                  {compare(Op::Less, operand(a[0], 5), operand(a[1], 5)), b[1], inner});
    }
    case Op::Where: {
      const std::vector<std::string> b = branches({a[1], a[2]});
      return call(fn("torch.where", "where"), {boolean(a[0]), b[0], b[1]});
    }
    case Op::Mean:
    case Op::Sum: {
      // Over every element of the batch. A constant operand is broadcast first, so that
      // sum(c) is N·c as in the engine.
      std::string inner = value(a[0]);
      if (!formula::hasFreeElementVariable(a[0])) {
        inner = fn("torch.ones_like", "ones_like") + "(y_pred) * " + operand(a[0], 7);
      }
      const bool mean = e->op == Op::Mean;
      return call(torch() ? (mean ? "torch.mean" : "torch.sum") : (mean ? "ops.mean" : "ops.sum"),
                  {inner});
    }
  }
  return "float(\"nan\")";
}

}  // namespace losslab
