// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formula/formula_expr.h"

#include <cmath>
#include <sstream>

#include "core/engine/math_util.h"

namespace losslab::formula {

namespace {

struct FunctionEntry {
  Op op;
  const char* name;
  int arity;
};

// The function table of the language (issue 6). Aggregates are listed as functions of one
// argument; where/clip take three.
constexpr FunctionEntry kFunctions[] = {
    {Op::Abs, "abs", 1},
    {Op::Sign, "sign", 1},
    {Op::Exp, "exp", 1},
    {Op::Log, "log", 1},
    {Op::Log1p, "log1p", 1},
    {Op::Sqrt, "sqrt", 1},
    {Op::Square, "square", 1},
    {Op::Pow, "pow", 2},
    {Op::Sin, "sin", 1},
    {Op::Cos, "cos", 1},
    {Op::Tanh, "tanh", 1},
    {Op::Sigmoid, "sigmoid", 1},
    {Op::Softplus, "softplus", 1},
    {Op::Relu, "relu", 1},
    {Op::LogCosh, "log_cosh", 1},
    {Op::Max, "max", 2},
    {Op::Min, "min", 2},
    {Op::Clip, "clip", 3},
    {Op::Where, "where", 3},
    {Op::Mean, "mean", 1},
    {Op::Sum, "sum", 1},
    {Op::Atan, "atan", 1},
    {Op::RowSum, "row_sum", 1},
    {Op::RowMean, "row_mean", 1},
    {Op::RowMax, "row_max", 1},
    {Op::Norm, "norm", 1},
    {Op::Softmax, "softmax", 1},
    {Op::LogSoftmax, "log_softmax", 1},
    {Op::LogSumExp, "logsumexp", 1},
};

ExprPtr node(Op op, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expr>();
  e->op = op;
  e->args = std::move(args);
  return e;
}

bool isNum(const ExprPtr& e) {
  return e->op == Op::Number;
}

bool isBoolean(Op op) {
  switch (op) {
    case Op::Less:
    case Op::LessEqual:
    case Op::Greater:
    case Op::GreaterEqual:
    case Op::Equal:
    case Op::NotEqual:
    case Op::And:
    case Op::Or:
    case Op::Not:
      return true;
    default:
      return false;
  }
}

/// Evaluates an operator on numbers (constant folding). Mirrors formula_program.cpp.
double fold(Op op, const std::vector<double>& a) {
  switch (op) {
    case Op::Neg:
      return -a[0];
    case Op::Not:
      return a[0] == 0 ? 1 : 0;
    case Op::Add:
      return a[0] + a[1];
    case Op::Sub:
      return a[0] - a[1];
    case Op::Mul:
      return a[0] * a[1];
    case Op::Div:
      return a[0] / a[1];
    case Op::Pow:
      return std::pow(a[0], a[1]);
    case Op::Less:
      return a[0] < a[1];
    case Op::LessEqual:
      return a[0] <= a[1];
    case Op::Greater:
      return a[0] > a[1];
    case Op::GreaterEqual:
      return a[0] >= a[1];
    case Op::Equal:
      return a[0] == a[1];
    case Op::NotEqual:
      return a[0] != a[1];
    case Op::And:
      return (a[0] != 0 && a[1] != 0) ? 1 : 0;
    case Op::Or:
      return (a[0] != 0 || a[1] != 0) ? 1 : 0;
    case Op::Abs:
      return std::fabs(a[0]);
    case Op::Sign:
      return signum(a[0]);
    case Op::Exp:
      return vmath::exp(a[0]);  // the interpreter's functions: folded = evaluated, bit for bit
    case Op::Log:
      return vmath::log(a[0]);
    case Op::Log1p:
      return vmath::log1p(a[0]);
    case Op::Sqrt:
      return std::sqrt(a[0]);
    case Op::Square:
      return a[0] * a[0];
    case Op::Sin:
      return std::sin(a[0]);
    case Op::Cos:
      return std::cos(a[0]);
    case Op::Tanh:
      return std::tanh(a[0]);
    case Op::Atan:
      return std::atan(a[0]);
    case Op::Sigmoid:
      return sigmoid(a[0]);
    case Op::Softplus:
      return softplus(a[0]);
    case Op::Relu:  // relu(NaN) = NaN, as the interpreter (formula_program.cpp)
      return a[0] > 0 ? a[0] : (a[0] == a[0] ? 0.0 : a[0]);
    case Op::LogCosh:
      return std::fabs(a[0]) + vmath::log1p(vmath::exp(-2 * std::fabs(a[0]))) - kLog2;
    case Op::Max:  // NaN in either gives NaN, as the interpreter
      return (a[0] >= a[1] || a[0] != a[0]) ? a[0] : a[1];
    case Op::Min:
      return (a[0] <= a[1] || a[0] != a[0]) ? a[0] : a[1];
    case Op::Clip: {
      const double low = a[0] < a[1] ? a[1] : a[0];
      return low > a[2] ? a[2] : low;
    }
    case Op::Where:
      return a[0] != 0 ? a[1] : a[2];
    default:
      return std::nan("");
  }
}

// Splits c·x into (c, x) so that numeric coefficients collect: 2*(3*x) → 6*x. A number c
// splits into (c, 1).
std::pair<double, ExprPtr> coefficient(const ExprPtr& e) {
  if (isNum(e)) {
    return {e->number, makeNumber(1)};
  }
  if (e->op == Op::Mul && isNum(e->args[0])) {
    return {e->args[0]->number, e->args[1]};
  }
  if (e->op == Op::Neg) {
    auto [c, rest] = coefficient(e->args[0]);
    return {-c, rest};
  }
  if (e->op == Op::Div) {  // (c·x)/y = c·(x/y)
    auto [c, rest] = coefficient(e->args[0]);
    if (c != 1) {
      return {c, isNumber(rest, 1) ? node(Op::Div, {rest, e->args[1]})
                                   : make(Op::Div, {rest, e->args[1]})};
    }
    // x/(c·y) = (1/c)·(x/y): 1/(2*s) carries ½ out.
    auto [cd, restd] = coefficient(e->args[1]);
    if (cd != 1 && cd != 0 && !isNumber(restd, 1)) {
      return {1 / cd, node(Op::Div, {e->args[0], restd})};
    }
  }
  return {1.0, e};
}

bool sameTree(const ExprPtr& a, const ExprPtr& b) {
  if (a == b) {
    return true;
  }
  if (a->op != b->op || a->args.size() != b->args.size()) {
    return false;
  }
  if (a->op == Op::Number) {
    return a->number == b->number;
  }
  if (a->op == Op::Variable || a->op == Op::Param) {
    return a->name == b->name;
  }
  for (std::size_t i = 0; i < a->args.size(); ++i) {
    if (!sameTree(a->args[i], b->args[i])) {
      return false;
    }
  }
  return true;
}

ExprPtr simplifyMul(const ExprPtr& a, const ExprPtr& b) {
  if (isNumber(a, 0) || isNumber(b, 0)) {
    return makeNumber(0);  // symbolic: 0·f = 0 (as every CAS does; a NaN in f is not kept)
  }
  // (ca·ra)(cb·rb) = (ca·cb)·(ra·rb), numbers first: 2*T*r.
  auto [ca, ra] = coefficient(a);
  auto [cb, rb] = coefficient(b);
  const double c = ca * cb;
  const bool raOne = isNumber(ra, 1);
  const bool rbOne = isNumber(rb, 1);
  if (raOne && rbOne) {
    return makeNumber(c);
  }
  ExprPtr rest;
  if (raOne || rbOne) {
    rest = raOne ? rb : ra;
  } else if (sameTree(ra, rb)) {
    rest = make(Op::Square, {ra});  // sign(r)*sign(r) = square(sign(r))
  } else if (ra->op == Op::Where && rb->op == Op::Where && sameTree(ra->args[0], rb->args[0])) {
    // where(c, a, b)·where(c, d, e) = where(c, a·d, b·e)
    rest = make(Op::Where, {ra->args[0], make(Op::Mul, {ra->args[1], rb->args[1]}),
                            make(Op::Mul, {ra->args[2], rb->args[2]})});
  } else if (ra->op == Op::Div && isNumber(ra->args[0], 1)) {
    rest = make(Op::Div, {rb, ra->args[1]});  // (1/q)·y = y/q
  } else if (rb->op == Op::Div && isNumber(rb->args[0], 1)) {
    rest = make(Op::Div, {ra, rb->args[1]});
  } else {
    rest = node(Op::Mul, {ra, rb});
  }
  if (c == 1) {
    return rest;
  }
  if (c == -1) {
    return make(Op::Neg, {rest});
  }
  if (rest->op == Op::Div && isNumber(rest->args[0], 1)) {
    return node(Op::Div, {makeNumber(c), rest->args[1]});  // 2*(1/N) = 2/N
  }
  if (isNum(rest)) {
    return makeNumber(c * rest->number);
  }
  return node(Op::Mul, {makeNumber(c), rest});
}

}  // namespace

ExprPtr makeNumber(double value) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Number;
  e->number = value;
  return e;
}

ExprPtr makeVariable(VariableKind kind, std::string spelling) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Variable;
  e->variable = kind;
  e->name = std::move(spelling);
  return e;
}

ExprPtr makeParam(std::string name) {
  auto e = std::make_shared<Expr>();
  e->op = Op::Param;
  e->name = std::move(name);
  return e;
}

ExprPtr makeCount() {
  return node(Op::Count, {});
}

bool isNumber(const ExprPtr& e, double value) {
  return e->op == Op::Number && e->number == value;
}

ExprPtr make(Op op, std::vector<ExprPtr> args) {
  if (isRowOp(op)) {
    return makeRowOp(op, args[0]);
  }
  // Constant folding (not for aggregates: mean of a constant is the constant, but sum is N·c).
  bool allNumbers = op != Op::Mean && op != Op::Sum && !args.empty();
  for (const ExprPtr& a : args) {
    allNumbers = allNumbers && isNum(a);
  }
  if (allNumbers) {
    std::vector<double> values;
    for (const ExprPtr& a : args) {
      values.push_back(a->number);
    }
    return makeNumber(fold(op, values));
  }
  switch (op) {
    case Op::Neg:
      if (args[0]->op == Op::Neg) {
        return args[0]->args[0];
      }
      if (args[0]->op == Op::Sub) {
        return node(Op::Sub, {args[0]->args[1], args[0]->args[0]});
      }
      if (args[0]->op == Op::Mul && isNum(args[0]->args[0])) {
        return simplifyMul(makeNumber(-args[0]->args[0]->number), args[0]->args[1]);
      }
      break;
    case Op::Add:
      if (isNumber(args[0], 0)) {
        return args[1];
      }
      if (isNumber(args[1], 0)) {
        return args[0];
      }
      if (args[1]->op == Op::Neg) {
        return make(Op::Sub, {args[0], args[1]->args[0]});
      }
      if (isNum(args[1]) && args[1]->number < 0) {
        return node(Op::Sub, {args[0], makeNumber(-args[1]->number)});
      }
      if (sameTree(args[0], args[1])) {
        return simplifyMul(makeNumber(2), args[0]);
      }
      if (auto [c, rest] = coefficient(args[1]); c < 0 && !isNumber(rest, 1)) {
        return make(Op::Sub, {args[0], simplifyMul(makeNumber(-c), rest)});  // a + -2*t = a - 2*t
      }
      break;
    case Op::Sub:
      if (isNumber(args[1], 0)) {
        return args[0];
      }
      if (isNumber(args[0], 0)) {
        return make(Op::Neg, {args[1]});
      }
      if (args[1]->op == Op::Neg) {
        return make(Op::Add, {args[0], args[1]->args[0]});
      }
      if (sameTree(args[0], args[1])) {
        return makeNumber(0);
      }
      if (auto [c, rest] = coefficient(args[1]); c < 0 && !isNumber(rest, 1)) {
        return make(Op::Add, {args[0], simplifyMul(makeNumber(-c), rest)});  // a - -2*t = a + 2*t
      }
      break;
    case Op::Mul:
      return simplifyMul(args[0], args[1]);
    case Op::Div: {
      if (isNumber(args[0], 0)) {
        return makeNumber(0);
      }
      if (isNumber(args[1], 1)) {
        return args[0];
      }
      // (ca·x)/(cb·y) = (ca/cb)·(x/y): 2*r/(2*s) → r/s.
      auto [ca, ra] = coefficient(args[0]);
      auto [cb, rb] = coefficient(args[1]);
      if ((ca != 1 || cb != 1) && !isNumber(rb, 1) && cb != 0) {
        ExprPtr quotient = isNumber(ra, 1) && ca / cb != 1 ? node(Op::Div, {makeNumber(1), rb})
                                                           : make(Op::Div, {ra, rb});
        return simplifyMul(makeNumber(ca / cb), quotient);
      }
      if (sameTree(args[0], args[1])) {
        return makeNumber(1);
      }
      break;
    }
    case Op::Pow:
      if (isNumber(args[1], 1)) {
        return args[0];
      }
      if (isNumber(args[1], 0)) {
        return makeNumber(1);
      }
      if (isNumber(args[1], 2)) {
        return node(Op::Square, {args[0]});
      }
      break;
    case Op::Square:  // square(where(c, -1, 0)) = where(c, 1, 0)
      if (args[0]->op == Op::Where && isNum(args[0]->args[1]) && isNum(args[0]->args[2])) {
        return make(Op::Where, {args[0]->args[0], make(Op::Square, {args[0]->args[1]}),
                                make(Op::Square, {args[0]->args[2]})});
      }
      break;
    case Op::Where:
      if (isNum(args[0])) {
        return args[0]->number != 0 ? args[1] : args[2];
      }
      if (sameTree(args[1], args[2])) {
        return args[1];
      }
      break;
    default:
      break;
  }
  return node(op, std::move(args));
}

bool isConstant(const ExprPtr& e) {
  if (e->op == Op::Variable) {
    return false;
  }
  for (const ExprPtr& a : e->args) {
    if (!isConstant(a)) {
      return false;
    }
  }
  return true;
}

bool dependsOnPrediction(const ExprPtr& e) {
  if (e->op == Op::Variable) {
    return e->variable == VariableKind::YPred || e->variable == VariableKind::Residual;
  }
  for (const ExprPtr& a : e->args) {
    if (dependsOnPrediction(a)) {
      return true;
    }
  }
  return false;
}

bool containsAggregate(const ExprPtr& e) {
  if (e->op == Op::Mean || e->op == Op::Sum) {
    return true;
  }
  for (const ExprPtr& a : e->args) {
    if (containsAggregate(a)) {
      return true;
    }
  }
  return false;
}

bool hasFreeElementVariable(const ExprPtr& e) {
  if (e->op == Op::Variable) {
    return true;
  }
  if (e->op == Op::Mean || e->op == Op::Sum) {
    return false;
  }
  for (const ExprPtr& a : e->args) {
    if (hasFreeElementVariable(a)) {
      return true;
    }
  }
  return false;
}

ExprPtr differentiate(const ExprPtr& e) {
  if (isBoolean(e->op) || !dependsOnPrediction(e)) {
    return makeNumber(0);  // indicator functions are piecewise constant; y, inputs constant
  }
  const auto& a = e->args;
  auto d = [&](std::size_t i) { return differentiate(a[i]); };
  auto num = [](double v) { return makeNumber(v); };
  switch (e->op) {
    case Op::Number:
    case Op::Param:
    case Op::Count:
    case Op::Columns:
      return num(0);
    case Op::Variable:
      return num(dependsOnPrediction(e) ? 1 : 0);
    case Op::Neg:
      return make(Op::Neg, {d(0)});
    case Op::Add:
      return make(Op::Add, {d(0), d(1)});
    case Op::Sub:
      return make(Op::Sub, {d(0), d(1)});
    case Op::Mul:  // (fg)′ = f′g + fg′
      return make(Op::Add, {make(Op::Mul, {d(0), a[1]}), make(Op::Mul, {a[0], d(1)})});
    case Op::Div:  // (f/g)′ = f′/g − f g′/g²
      return make(Op::Sub,
                  {make(Op::Div, {d(0), a[1]}),
                   make(Op::Div, {make(Op::Mul, {a[0], d(1)}), make(Op::Square, {a[1]})})});
    case Op::Pow: {
      ExprPtr db = d(1);
      // TF's pow gradient w.r.t. the base: b·a^{b−1} (spec §1.4; NaN at a = 0, b = 0).
      ExprPtr base =
          make(Op::Mul,
               {make(Op::Mul, {a[1], make(Op::Pow, {a[0], make(Op::Sub, {a[1], num(1)})})}), d(0)});
      if (isNumber(db, 0)) {
        return base;
      }
      // plus a^b · log(a) · b′ when the exponent depends on ŷ.
      return make(Op::Add, {base, make(Op::Mul, {make(Op::Mul, {e, make(Op::Log, {a[0]})}), db})});
    }
    case Op::Abs:  // sign(x), 0 at 0 (TF abs′ = sign)
      return make(Op::Mul, {make(Op::Sign, {a[0]}), d(0)});
    case Op::Sign:
      return num(0);
    case Op::Exp:
      return make(Op::Mul, {e, d(0)});
    case Op::Log:
      return make(Op::Div, {d(0), a[0]});
    case Op::Log1p:
      return make(Op::Div, {d(0), make(Op::Add, {num(1), a[0]})});
    case Op::Sqrt:
      return make(Op::Div, {d(0), make(Op::Mul, {num(2), e})});
    case Op::Square:
      return make(Op::Mul, {make(Op::Mul, {num(2), a[0]}), d(0)});
    case Op::Sin:
      return make(Op::Mul, {make(Op::Cos, {a[0]}), d(0)});
    case Op::Cos:
      return make(Op::Neg, {make(Op::Mul, {make(Op::Sin, {a[0]}), d(0)})});
    case Op::Tanh:
      return make(Op::Mul, {make(Op::Sub, {num(1), make(Op::Square, {e})}), d(0)});
    case Op::Atan:
      return make(Op::Div, {d(0), make(Op::Add, {num(1), make(Op::Square, {a[0]})})});
    case Op::Sigmoid:
      return make(Op::Mul, {make(Op::Mul, {e, make(Op::Sub, {num(1), e})}), d(0)});
    case Op::Softplus:
      return make(Op::Mul, {make(Op::Sigmoid, {a[0]}), d(0)});
    case Op::Relu:  // TF: gradient where x > 0
      return make(Op::Where, {make(Op::Greater, {a[0], num(0)}), d(0), num(0)});
    case Op::LogCosh:
      return make(Op::Mul, {make(Op::Tanh, {a[0]}), d(0)});
    case Op::Max:  // TF: all to the first argument where a ≥ b
      return make(Op::Where, {make(Op::GreaterEqual, {a[0], a[1]}), d(0), d(1)});
    case Op::Min:  // TF: to the first argument where a ≤ b
      return make(Op::Where, {make(Op::LessEqual, {a[0], a[1]}), d(0), d(1)});
    case Op::Clip:  // maximum(minimum(x, hi), lo): x′ on the closed interval [lo, hi]
      return make(Op::Where, {make(Op::Less, {a[0], a[1]}), d(1),
                              make(Op::Where, {make(Op::Greater, {a[0], a[2]}), d(2), d(0)})});
    case Op::Where:
      return make(Op::Where, {a[0], d(1), d(2)});
    case Op::Mean:  // ∂/∂ŷ_i (1/N) Σ_k f_k = f′_i / N
      return make(Op::Div, {d(0), makeCount()});
    case Op::Sum:
      return d(0);
    default:  // row-wise functions have no per-element derivative: see gradient()
      return num(std::nan(""));
  }
}

const char* opName(Op op) {
  for (const FunctionEntry& f : kFunctions) {
    if (f.op == op) {
      return f.name;
    }
  }
  switch (op) {
    case Op::Neg:
      return "-";
    case Op::Not:
      return "not";
    case Op::Add:
      return "+";
    case Op::Sub:
      return "-";
    case Op::Mul:
      return "*";
    case Op::Div:
      return "/";
    case Op::Less:
      return "<";
    case Op::LessEqual:
      return "<=";
    case Op::Greater:
      return ">";
    case Op::GreaterEqual:
      return ">=";
    case Op::Equal:
      return "==";
    case Op::NotEqual:
      return "!=";
    case Op::And:
      return "and";
    case Op::Or:
      return "or";
    case Op::Count:
      return "N";
    case Op::Columns:
      return "ncols";
    default:
      return "?";
  }
}

int functionArity(Op op) {
  for (const FunctionEntry& f : kFunctions) {
    if (f.op == op) {
      return f.arity;
    }
  }
  return -1;
}

bool functionByName(const std::string& name, Op& op) {
  for (const FunctionEntry& f : kFunctions) {
    if (name == f.name) {
      op = f.op;
      return true;
    }
  }
  return false;
}

std::vector<std::string> functionNames() {
  std::vector<std::string> names;
  for (const FunctionEntry& f : kFunctions) {
    names.emplace_back(f.name);
  }
  return names;
}

namespace {

// Binding strength for printing; higher binds tighter.
int precedence(const ExprPtr& e) {
  switch (e->op) {
    case Op::Or:
      return 1;
    case Op::And:
      return 2;
    case Op::Not:
      return 3;
    case Op::Less:
    case Op::LessEqual:
    case Op::Greater:
    case Op::GreaterEqual:
    case Op::Equal:
    case Op::NotEqual:
      return 4;
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
      return e->number < 0 ? 7 : 10;
    default:
      return 10;
  }
}

std::string formatNumber(double v) {
  if (std::isinf(v)) {
    return v > 0 ? "inf" : "-inf";
  }
  std::ostringstream out;
  out.precision(15);
  out << v;
  return out.str();
}

}  // namespace

std::string toString(const ExprPtr& e) {
  if (!e) {
    return "none";  // d2 of a row-wise formula
  }
  auto wrap = [](const ExprPtr& child, int minPrecedence) {
    const std::string text = toString(child);
    return precedence(child) < minPrecedence ? "(" + text + ")" : text;
  };
  const int p = precedence(e);
  switch (e->op) {
    case Op::Number:
      return formatNumber(e->number);
    case Op::Variable:
    case Op::Param:
      return e->name;
    case Op::Count:
      return "N";
    case Op::Columns:
      return "ncols";
    case Op::Neg: {  // −y*p reads as −(y*p); only sums need parentheses
      const std::string inner = wrap(e->args[0], 6);
      return inner.front() == '-' ? "-(" + inner + ")" : "-" + inner;  // never "--0.2*y"
    }
    case Op::Not:
      return "not " + wrap(e->args[0], p);
    case Op::Pow:  // right-associative: a^(b^c) prints as a^b^c
      return wrap(e->args[0], p + 1) + "^" + wrap(e->args[1], p);
    case Op::Add:
    case Op::Sub:
    case Op::Mul:
    case Op::Div:
    case Op::Less:
    case Op::LessEqual:
    case Op::Greater:
    case Op::GreaterEqual:
    case Op::Equal:
    case Op::NotEqual:
    case Op::And:
    case Op::Or: {
      // Left-associative: the right operand needs parentheses at equal precedence for − and /.
      const bool tightRight = e->op == Op::Sub || e->op == Op::Div || p == 4;
      const std::string sep = (e->op == Op::Mul || e->op == Op::Div)
                                  ? std::string(opName(e->op))
                                  : " " + std::string(opName(e->op)) + " ";
      return wrap(e->args[0], p) + sep + wrap(e->args[1], tightRight ? p + 1 : p);
    }
    default: {
      std::string text = std::string(opName(e->op)) + "(";
      for (std::size_t i = 0; i < e->args.size(); ++i) {
        text += (i ? ", " : "") + toString(e->args[i]);
      }
      return text + ")";
    }
  }
}

}  // namespace losslab::formula
