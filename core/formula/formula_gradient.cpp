// SPDX-License-Identifier: GPL-3.0-or-later
// The gradient of a row's sum through row-wise functions: reverse mode (a vector-Jacobian
// product) on the expression tree, so that softmax and its kin stay per-element expressions.
#include <map>

#include "core/formula/formula_expr.h"

namespace losslab::formula {

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
