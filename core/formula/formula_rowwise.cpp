// SPDX-License-Identifier: GPL-3.0-or-later
// Row-wise functions (row_sum … log_softmax, issue 13): their simplification, and the gradient
// of a row's sum through them: reverse mode (a vector-Jacobian product) on the expression tree,
// so that softmax and its kin stay per-element expressions.
#include <map>

#include "core/formula/formula_expr.h"

namespace losslab::formula {

bool isRowOp(Op op) {
  switch (op) {
    case Op::RowSum:
    case Op::RowMean:
    case Op::RowMax:
    case Op::Norm:
    case Op::LogSumExp:
    case Op::Softmax:
    case Op::LogSoftmax:
      return true;
    default:
      return false;
  }
}

bool containsRowOp(const ExprPtr& e) {
  if (isRowOp(e->op)) {
    return true;
  }
  for (const ExprPtr& a : e->args) {
    if (containsRowOp(a)) {
      return true;
    }
  }
  return false;
}

bool isRowConstant(const ExprPtr& e) {
  if (e->op == Op::Variable || e->op == Op::Softmax || e->op == Op::LogSoftmax) {
    return false;
  }
  if (isRowOp(e->op)) {
    return true;
  }
  for (const ExprPtr& a : e->args) {
    if (!isRowConstant(a)) {
      return false;
    }
  }
  return true;
}

namespace {

/// A row-wise function of an argument that is constant along the row, in closed form:
/// row_sum(x) = ncols·x, softmax(x) = 1/ncols, …; null if `op` has no such form here.
ExprPtr rowOfConstant(Op op, const ExprPtr& x) {
  const ExprPtr columns = make(Op::Columns, {});
  switch (op) {
    case Op::RowSum:
      return make(Op::Mul, {columns, x});
    case Op::RowMean:
    case Op::RowMax:
      return x;
    case Op::Norm:
      return make(Op::Mul, {make(Op::Abs, {x}), make(Op::Sqrt, {columns})});
    case Op::LogSumExp:
      return make(Op::Add, {x, make(Op::Log, {columns})});
    case Op::Softmax:
      return make(Op::Div, {makeNumber(1), columns});
    case Op::LogSoftmax:
      return make(Op::Neg, {make(Op::Log, {columns})});
    default:
      return nullptr;
  }
}

/// row_sum and row_mean are linear: factors constant along the row come out,
/// row_sum(−2·y·s) = −2·s·row_sum(y) when s is a row aggregate. Null if nothing comes out.
ExprPtr pullRowFactors(Op op, const ExprPtr& x) {
  if (x->op == Op::Neg) {
    return make(Op::Neg, {make(op, {x->args[0]})});
  }
  if (x->op == Op::Mul) {
    if (isRowConstant(x->args[0])) {
      return make(Op::Mul, {x->args[0], make(op, {x->args[1]})});
    }
    if (isRowConstant(x->args[1])) {
      return make(Op::Mul, {make(op, {x->args[0]}), x->args[1]});
    }
  }
  if (x->op == Op::Div && isRowConstant(x->args[1])) {
    return make(Op::Div, {make(op, {x->args[0]}), x->args[1]});
  }
  return nullptr;
}

}  // namespace

ExprPtr makeRowOp(Op op, const ExprPtr& arg) {
  if (isRowConstant(arg)) {
    return rowOfConstant(op, arg);
  }
  if (op == Op::RowSum || op == Op::RowMean) {
    if (ExprPtr pulled = pullRowFactors(op, arg)) {
      return pulled;
    }
  }
  auto e = std::make_shared<Expr>();
  e->op = op;
  e->args = {arg};
  return e;
}

namespace {

/// e with the nodes of `replace` (by pointer) substituted, rebuilt through make().
ExprPtr substitute(const ExprPtr& e, const std::map<const Expr*, ExprPtr>& replace) {
  if (auto it = replace.find(e.get()); it != replace.end()) {
    return it->second;
  }
  if (e->args.empty()) {
    return e;
  }
  std::vector<ExprPtr> args;
  bool changed = false;
  for (const ExprPtr& a : e->args) {
    args.push_back(substitute(a, replace));
    changed = changed || args.back() != a;
  }
  return changed ? make(e->op, std::move(args)) : e;
}

/// ∂f/∂a_i of the node f = e->op(a…), with the kink conventions of differentiate(): the
/// operands become placeholders (a_i with derivative 1, the others 0), differentiate() gives
/// the local derivative, and the operands go back in.
ExprPtr localPartial(const ExprPtr& e, std::size_t i) {
  std::vector<ExprPtr> placeholders;
  std::map<const Expr*, ExprPtr> back;
  for (std::size_t k = 0; k < e->args.size(); ++k) {
    if (!dependsOnPrediction(e->args[k])) {
      placeholders.push_back(e->args[k]);
      continue;
    }
    ExprPtr p = makeVariable(k == i ? VariableKind::Residual : VariableKind::YTrue,
                             "\x01" + std::to_string(k));
    back[p.get()] = e->args[k];
    placeholders.push_back(p);
  }
  return substitute(differentiate(make(e->op, placeholders)), back);
}

ExprPtr rowSum(const ExprPtr& x) {
  return make(Op::RowSum, {x});
}

/// The contribution of e to the gradient when its value at each element k carries the
/// cotangent s_k: Σ_k s_k ∂e_k/∂ŷ_j.
ExprPtr grad(const ExprPtr& e, const ExprPtr& s) {
  if (!dependsOnPrediction(e) || isNumber(s, 0)) {
    return makeNumber(0);
  }
  if (!containsRowOp(e)) {
    return make(Op::Mul, {s, differentiate(e)});  // element-wise: the Jacobian is diagonal
  }
  const ExprPtr& a = e->args.empty() ? e : e->args[0];
  switch (e->op) {
    case Op::RowSum:  // every element of the row reads Σ_j a_j
      return grad(a, rowSum(s));
    case Op::RowMean:
      return grad(a, make(Op::RowMean, {s}));
    case Op::RowMax: {
      // TensorFlow's and PyTorch's amax: the gradient is shared equally between ties.
      const ExprPtr tie = make(Op::Equal, {a, e});
      return grad(a,
                  make(Op::Where, {tie, make(Op::Div, {rowSum(s), rowSum(tie)}), makeNumber(0)}));
    }
    case Op::Norm:  // ∂‖a‖/∂a_j = a_j/‖a‖, 0 at a = 0 (the subgradient the built-ins choose)
      return grad(
          a, make(Op::Mul, {rowSum(s), make(Op::Where, {make(Op::Greater, {e, makeNumber(0)}),
                                                        make(Op::Div, {a, e}), makeNumber(0)})}));
    case Op::LogSumExp:  // ∂/∂a_j = softmax(a)_j
      return grad(a, make(Op::Mul, {rowSum(s), make(Op::Softmax, {a})}));
    case Op::Softmax:  // σ_j (s_j − Σ_k s_k σ_k)
      return grad(a, make(Op::Mul, {e, make(Op::Sub, {s, rowSum(make(Op::Mul, {s, e}))})}));
    case Op::LogSoftmax:  // s_j − σ_j Σ_k s_k
      return grad(a, make(Op::Sub, {s, make(Op::Mul, {make(Op::Softmax, {a}), rowSum(s)})}));
    case Op::Mean:  // s is uniform outside an aggregate
      return grad(a, make(Op::Div, {s, makeCount()}));
    case Op::Sum:
      return grad(a, s);
    default: {
      ExprPtr total = makeNumber(0);
      for (std::size_t i = 0; i < e->args.size(); ++i) {
        if (dependsOnPrediction(e->args[i])) {
          total = make(Op::Add, {total, grad(e->args[i], make(Op::Mul, {s, localPartial(e, i)}))});
        }
      }
      return total;
    }
  }
}

}  // namespace

ExprPtr gradient(const ExprPtr& e) {
  if (!containsRowOp(e)) {
    return differentiate(e);
  }
  return grad(e, makeNumber(1));
}

}  // namespace losslab::formula
