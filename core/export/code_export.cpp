// SPDX-License-Identifier: GPL-3.0-or-later
// "Export as code" (issue 6): Python for Keras 3 and PyTorch from a loss and its current
// parameter values. Formula losses are printed from their expression tree; built-in losses go
// through an exact formula equivalent or the framework's own function with identical semantics.
#include "core/export/code_export.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "core/engine/error.h"
#include "core/formula/formula_loss.h"

namespace losslab {

namespace {

using formula::ExprPtr;
using formula::Op;
using formula::VariableKind;

// ---------------------------------------------------------------------------------------------
// Python text
// ---------------------------------------------------------------------------------------------

/// The shortest decimal that reads back as exactly `v` (Python's own repr algorithm), so every
/// exported constant and parameter is bit-identical to the engine's.
std::string shortestNumber(double v) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, result.ptr);
}

/// A Python float literal: "0.5", "2.0", "1e-07", float("inf").
std::string pyFloat(double v) {
  if (std::isnan(v)) {
    return "float(\"nan\")";
  }
  if (std::isinf(v)) {
    return v > 0 ? "float(\"inf\")" : "float(\"-inf\")";
  }
  std::string text = shortestNumber(v);
  if (text.find_first_of(".e") == std::string::npos) {
    text += ".0";
  }
  return text;
}

/// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not one.
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  std::size_t length = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
  } else {
    return 0;
  }
  if (i + length > s.size()) {
    return 0;
  }
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
}

/// Text that is safe inside a Python comment or string: control characters (a carriage return
/// would end the comment and turn the rest of the line into code) and invalid UTF-8 (a syntax
/// error in Python source) become '?'.
std::string safeText(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t length = utf8Length(s, i);
      if (length == 0) {
        out += '?';
        ++i;
      } else {
        out.append(s.substr(i, length));
        i += length;
      }
      continue;
    }
    out += (c < 0x20 || c == 0x7F) ? '?' : static_cast<char>(c);
    ++i;
  }
  return out;
}

/// A double-quoted Python string literal.
std::string pyString(std::string_view s) {
  std::string out = "\"";
  for (char c : safeText(s)) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

/// Each line of `text` as a comment line with `prefix`.
std::string commentLines(std::string_view text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    out += prefix + safeText(text.substr(start, end - start)) + "\n";
    start = end + 1;
  }
  return out;
}

/// `text` as comment lines of at most `width` columns, words kept whole ("# " prefix).
std::string commentParagraph(std::string_view text, std::size_t width = 99) {
  const std::string clean = safeText(text);
  std::string out;
  std::string line = "#";
  std::size_t start = 0;
  while (start < clean.size()) {
    std::size_t end = clean.find(' ', start);
    if (end == std::string::npos) {
      end = clean.size();
    }
    const std::string word = clean.substr(start, end - start);
    if (line.size() > 1 && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = "#";
    }
    if (!word.empty()) {
      line += " " + word;
    }
    start = end + 1;
  }
  return out + line + "\n";
}

bool isPythonKeyword(const std::string& name) {
  static const std::set<std::string> kKeywords = {
      "False",   "None",     "True",     "and",    "as",   "assert", "async",  "await",
      "break",   "class",    "continue", "def",    "del",  "elif",   "else",   "except",
      "finally", "for",      "from",     "global", "if",   "import", "in",     "is",
      "lambda",  "nonlocal", "not",      "or",     "pass", "raise",  "return", "try",
      "while",   "with",     "yield",    "match",  "case", "type",   "_"};
  return kKeywords.count(name) > 0;
}

/// Names the generated code itself uses; a parameter or temporary never takes one.
const std::set<std::string>& generatedNames() {
  static const std::set<std::string> kNames = {
      "input", "target", "reduction", "y_true",     "y_pred", "r",     "loss",   "torch",
      "F",     "nn",     "ops",       "keras",      "self",   "name",  "kwargs", "config",
      "super", "float",  "math",      "ValueError", "dtype",  "device"};
  return kNames;
}

/// snake_case ASCII identifier from a display name or id: "Huber (δ)" → "huber".
std::string identifier(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  if (out.empty()) {
    out = "custom";
  }
  if (std::isdigit(static_cast<unsigned char>(out[0]))) {
    out = "loss_" + out;
  }
  return out;
}

/// "huber_loss" → "HuberLoss".
std::string camelCase(const std::string& snake) {
  std::string out;
  bool upper = true;
  for (char c : snake) {
    if (c == '_') {
      upper = true;
    } else {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

/// Names of the generated module: functional, class, Keras closure factory, loss name.
struct Names {
  std::string function;  // huber_loss
  std::string klass;     // HuberLoss
  std::string factory;   // make_huber_loss
  std::string lossName;  // the Keras `name` default, as the user knows the loss
};

Names namesFor(std::string_view base, std::string lossName) {
  Names names;
  names.function = identifier(base);
  if (names.function.size() < 4 || names.function.compare(names.function.size() - 4, 4, "loss")) {
    names.function += "_loss";
  }
  names.klass = camelCase(names.function);
  names.factory = "make_" + names.function;
  names.lossName = std::move(lossName);
  return names;
}

/// A unique Python name for `wanted`: a trailing '_' is added while it clashes with a keyword,
/// a generated name or a name already taken.
std::string uniqueName(std::string wanted, std::set<std::string>& taken) {
  while (isPythonKeyword(wanted) || generatedNames().count(wanted) || taken.count(wanted)) {
    wanted += '_';
  }
  taken.insert(wanted);
  return wanted;
}

/// Joins `head(args…)` on one line if it fits in `width` columns after `indent`, else one
/// argument per line (Black's layout).
std::string callText(const std::string& indent,
                     const std::string& head,
                     const std::vector<std::string>& args,
                     std::size_t width = 99) {
  std::string oneLine = head + "(";
  for (std::size_t i = 0; i < args.size(); ++i) {
    oneLine += (i ? ", " : "") + args[i];
  }
  oneLine += ")";
  if (indent.size() + oneLine.size() <= width) {
    return oneLine;
  }
  std::string text = head + "(\n";
  for (const std::string& arg : args) {
    text += indent + "    " + arg + ",\n";
  }
  return text + indent + ")";
}

// ---------------------------------------------------------------------------------------------
// Expression printer
// ---------------------------------------------------------------------------------------------

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
class Printer {
 public:
  Printer(CodeTarget target,
          std::map<std::string, std::string> paramNames,
          std::set<std::string> taken)
      : m_target(target), m_paramNames(std::move(paramNames)), m_taken(std::move(taken)) {}

  /// Counts uses in the printed form and names the repeated subexpressions. Returns the
  /// assignments, in dependency order, to emit before the expression.
  std::vector<std::string> prepare(const ExprPtr& root) {
    visit(root);
    std::vector<std::string> lines;
    for (const ExprPtr& e : m_order) {
      const std::string& k = key(e);
      if (m_uses[k] < 2 || isLeaf(e) || isBooleanOp(e->op)) {
        continue;  // comparisons stay inline: cheap, and clearer where they are used
      }
      const std::string definition = raw(e);  // before the name exists: children only
      m_temporary[k] = uniqueName(temporaryName(e), m_taken);
      lines.push_back(m_temporary[k] + " = " + definition);
    }
    return lines;
  }

  /// `name = <e>` at `indent`; a long sum is broken into one term per line (Black's layout).
  /// Only the left spine is unfolded, which Python's left-associative + and − read back as
  /// the same tree.
  std::string assignment(const std::string& name, const ExprPtr& e, const std::string& indent) {
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

  /// The Python expression of `e`.
  std::string value(const ExprPtr& e) {
    if (auto it = m_temporary.find(key(e)); it != m_temporary.end()) {
      return it->second;
    }
    return raw(e);
  }

 private:
  bool torch() const { return m_target == CodeTarget::PyTorch; }

  /// A structural key: equal keys compute equal values. Numbers are keyed by their bits (the
  /// 15-digit formula::toString could merge two different constants).
  const std::string& key(const ExprPtr& e) {
    if (auto it = m_keys.find(e.get()); it != m_keys.end()) {
      return it->second;
    }
    std::string k;
    switch (e->op) {
      case Op::Number:
        k = "#" + shortestNumber(e->number);
        break;
      case Op::Variable:
        k = e->variable == VariableKind::YTrue   ? "$y"
            : e->variable == VariableKind::YPred ? "$p"
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

  /// How often each operand is printed by raw(): max/min print both twice (condition and
  /// branch), clip its value three times and its bounds twice, log_cosh its argument twice.
  std::vector<int> multiplicity(const ExprPtr& e) const {
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

  void visit(const ExprPtr& e) {
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

  std::string temporaryName(const ExprPtr& e) const {
    const int arity = formula::functionArity(e->op);
    if (arity == 1 && e->op != Op::Mean && e->op != Op::Sum &&
        (e->args[0]->op == Op::Variable || e->args[0]->op == Op::Param)) {
      const std::string operand = e->args[0]->op == Op::Param ? m_paramNames.at(e->args[0]->name)
                                  : e->args[0]->variable == VariableKind::YTrue ? "y_true"
                                  : e->args[0]->variable == VariableKind::YPred ? "y_pred"
                                                                                : "r";
      return std::string(formula::opName(e->op)) + "_" + operand;
    }
    return "t" + std::to_string(m_temporary.size() + 1);
  }

  /// Python binding strength of the printed form (higher binds tighter).
  int precedence(const ExprPtr& e) {
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

  std::string operand(const ExprPtr& e, int minPrecedence) {
    const std::string text = value(e);
    return precedence(e) < minPrecedence ? "(" + text + ")" : text;
  }

  std::string dtype() const { return "y_pred.dtype"; }

  /// A constant as a tensor of y_pred's dtype (torch.where(c, 1.0, 0.0) would be float32).
  std::string tensorConstant(const std::string& text) const {
    return torch() ? "y_pred.new_tensor(" + text + ")"
                   : "ops.convert_to_tensor(" + text + ", dtype=" + dtype() + ")";
  }

  /// Operands of where/max/min/clip: if none of them is an element tensor the result would
  /// take the frameworks' default float type, so numbers are made tensors of y_pred's dtype.
  std::vector<std::string> branches(const std::vector<ExprPtr>& args) {
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

  std::string fn(const char* torchName, const char* kerasName) const {
    return torch() ? torchName : std::string("ops.") + kerasName;
  }

  std::string call(const std::string& function, const std::vector<std::string>& args) const {
    std::string text = function + "(";
    for (std::size_t i = 0; i < args.size(); ++i) {
      text += (i ? ", " : "") + args[i];
    }
    return text + ")";
  }

  /// A comparison as a boolean tensor.
  std::string compare(Op op, const std::string& a, const std::string& b) const {
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

  std::string constantBool(bool truth) const {
    if (torch()) {
      return std::string(truth ? "torch.ones_like" : "torch.zeros_like") +
             "(y_pred, dtype=torch.bool)";
    }
    return std::string(truth ? "ops.ones_like" : "ops.zeros_like") + "(y_pred, dtype=\"bool\")";
  }

  /// `e` as a boolean tensor (for where and the logical operators): nonzero is true.
  std::string boolean(const ExprPtr& e) {
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

  /// A boolean tensor as 0/1 in y_pred's dtype.
  std::string toFloat(const std::string& booleanText) const {
    return torch() ? "(" + booleanText + ").to(" + dtype() + ")"
                   : "ops.cast(" + booleanText + ", " + dtype() + ")";
  }

  std::string variable(const ExprPtr& e) const {
    switch (e->variable) {
      case VariableKind::YTrue:
        return "y_true";
      case VariableKind::YPred:
        return "y_pred";
      case VariableKind::Residual:
        return "r";
    }
    return "r";
  }

  /// The printed form of `e` itself (operands through value(), so they use temporaries).
  std::string raw(const ExprPtr& e) {
    const auto& a = e->args;
    const int p = precedence(e);
    switch (e->op) {
      case Op::Number:
        return pyFloat(e->number);
      case Op::Variable:
        return variable(e);
      case Op::Param:
        return m_paramNames.at(e->name);
      case Op::Count:  // N, the element count of the batch
        return torch() ? "y_pred.numel()" : "ops.size(y_pred)";
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
      case Op::Sigmoid:
        return call(fn("torch.sigmoid", "sigmoid"), {value(a[0])});
      case Op::Softplus:
        return call(fn("F.softplus", "softplus"), {value(a[0])});
      case Op::Relu:
        return call(fn("torch.relu", "relu"), {value(a[0])});
      case Op::LogCosh: {
        const std::string log2 = pyFloat(std::log(2.0));
        if (torch()) {
          // |x| + softplus(−2|x|) − log 2: F.softplus never reaches its linear switch (at 20)
          // with a non-positive argument, so value and gradient (tanh x) are the engine's.
          const std::string absX = "torch.abs(" + value(a[0]) + ")";
          return "(" + absX + " + F.softplus(-2.0 * " + absX + ") - " + log2 + ")";
        }
        // Keras's own overflow-safe form: x + softplus(−2x) − log 2.
        return "(" + operand(a[0], 5) + " + ops.softplus(-2.0 * " + operand(a[0], 7) + ") - " +
               log2 + ")";
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

  CodeTarget m_target;
  std::map<std::string, std::string> m_paramNames;  // formula name → Python name
  std::set<std::string> m_taken;
  std::map<const formula::Expr*, std::string> m_keys;
  std::map<std::string, int> m_uses;
  std::map<std::string, std::string> m_temporary;  // key → local variable
  std::vector<ExprPtr> m_order;
};

// ---------------------------------------------------------------------------------------------
// Formula equivalents of built-in losses
// ---------------------------------------------------------------------------------------------

/// A number inside a formula expression: exact, negatives parenthesised.
std::string formulaNumber(double v) {
  const std::string text = shortestNumber(v);
  return v < 0 ? "(" + text + ")" : text;
}

/// One entry of the built-in → formula table: the expression in terms of the loss's parameter
/// ids (`params` become declarations with their current values) and what limits it.
struct Equivalent {
  std::vector<std::string> params;
  std::string expression;
  std::string note;
};

/// Barron's ρ with α fixed: the closed forms at α ∈ {2, 0, ±∞, 1, −2}, else the reference's
/// general branch with b = max(ε₃₂, |α − 2|) and α kept real in the exponent (robust_loss
/// general.py). |α| < ε₃₂ takes the α = 0 form (the catalogue's continuous choice, §2.6).
std::string barronExpression(double alpha) {
  const double eps32 = std::ldexp(1.0, -23);
  const std::string z = "square(r/scale)";
  if (alpha == 2) {
    return "0.5*" + z;
  }
  if (std::fabs(alpha) < eps32) {
    return "log1p(0.5*" + z + ")";
  }
  if (std::isinf(alpha)) {
    return alpha < 0 ? "1 - exp(-0.5*" + z + ")" : "exp(0.5*" + z + ") - 1";
  }
  if (alpha == 1) {
    return "sqrt(" + z + " + 1) - 1";
  }
  if (alpha == -2) {
    return "2*" + z + "/(" + z + " + 4)";
  }
  const double b = std::fmax(eps32, std::fabs(alpha - 2));
  return formulaNumber(b / alpha) + "*((" + z + "/" + formulaNumber(b) + " + 1)^" +
         formulaNumber(alpha / 2) + " - 1)";
}

/// sklearn's unit Tweedie deviance with μ = y_pred for a fixed power (mirrors
/// regression_losses.cpp). xlogy(y, y/μ) is written y·log(where(y > 0, y, 1)/μ) so that no
/// branch of a where() is NaN: autodiff of an unselected NaN branch would poison the gradient.
std::string tweedieExpression(double power) {
  if (power == 0) {
    return "square(y_true - y_pred)";
  }
  if (power == 1) {
    return "2*(y_true*log(where(y_true > 0, y_true, 1)/y_pred) - y_true + y_pred)";
  }
  if (power == 2) {
    return "2*(log(y_pred/y_true) + y_true/y_pred - 1)";
  }
  const std::string oneMinus = formulaNumber(1 - power);
  const std::string twoMinus = formulaNumber(2 - power);
  const std::string y = power < 0 ? "max(y_true, 0)" : "y_true";
  return "2*(" + y + "^" + twoMinus + "/" + formulaNumber((1 - power) * (2 - power)) +
         " - y_true*y_pred^" + oneMinus + "/" + oneMinus + " + y_pred^" + twoMinus + "/" +
         twoMinus + ")";
}

/// Keras's smoothed binary target y(1 − λ) + λ/2, or y when λ = 0.
std::string smoothedTarget(const ParamValues& v, std::vector<std::string>& params) {
  if (v.at("label_smoothing") == 0) {
    return "y_true";
  }
  params.push_back("label_smoothing");
  return "(y_true*(1 - label_smoothing) + 0.5*label_smoothing)";
}

/// Keras's clipped binary cross-entropy of probability `p` against `y` (spec §2.2).
std::string clippedBce(const std::string& p, const std::string& y) {
  const std::string clipped = "clip(" + p + ", epsilon, 1 - epsilon)";
  return "-(" + y + "*log(" + clipped + ") + (1 - " + y + ")*log(1 - " + clipped + "))";
}

std::optional<Equivalent> builtInEquivalent(const LossInfo& info, const ParamValues& v) {
  const std::string& id = info.id;
  const auto has = [&](const char* name) { return v.count(name) > 0; };
  if (id == "mean_squared_error" || id == "torch_mse") {
    return Equivalent{{}, "square(r)", ""};
  }
  if (id == "mean_absolute_error" || id == "torch_l1") {
    return Equivalent{{}, "abs(r)", ""};
  }
  if (id == "mean_absolute_percentage_error") {
    return Equivalent{{"epsilon"}, "100*abs(r)/max(abs(y_true), epsilon)", ""};
  }
  if (id == "mean_squared_logarithmic_error") {
    // TF's maximum passes the gradient at ŷ = ε, as max() does here.
    return Equivalent{
        {"epsilon"}, "square(log(max(y_pred, epsilon) + 1) - log(max(y_true, epsilon) + 1))", ""};
  }
  if (id == "log_cosh") {
    return Equivalent{{}, "log_cosh(r)", ""};
  }
  if (id == "huber") {
    return Equivalent{
        {"delta"}, "where(abs(r) <= delta, 0.5*square(r), delta*abs(r) - 0.5*square(delta))", ""};
  }
  if (id == "torch_huber") {  // PyTorch's strict |r| < δ
    return Equivalent{
        {"delta"}, "where(abs(r) < delta, 0.5*square(r), delta*(abs(r) - 0.5*delta))", ""};
  }
  if (id == "smooth_l1") {
    // PyTorch's backward tests r ≤ −β first, so β = 0 has gradient −1 at r = 0 (spec §2.8).
    if (v.at("beta") == 0) {
      return Equivalent{{}, "where(r <= 0, -r, r)", ""};
    }
    return Equivalent{{"beta"},
                      "where(r <= -beta, -r - 0.5*beta, where(r >= beta, r - 0.5*beta, "
                      "0.5*square(r)/beta))",
                      ""};
  }
  if (id == "temperature_mse") {
    return Equivalent{{"temperature"}, "temperature*square(r)", ""};
  }
  if (id == "rmse_batch") {
    return Equivalent{{}, "sqrt(mean(square(r)))", ""};
  }
  if (id == "tweedie_deviance") {
    return Equivalent{{},
                      tweedieExpression(v.at("power")),
                      "LossLab's domain checks (y_pred > 0, …) are not exported: invalid "
                      "inputs give NaN"};
  }
  if (id == "binary_crossentropy") {
    std::vector<std::string> params = {"epsilon"};
    const std::string y = smoothedTarget(v, params);
    if (v.at("from_logits") != 0) {
      params.erase(params.begin());  // no ε with logits
      // softplus(z) − zy = max(z, 0) − zy + log(1 + e^{−|z|}), with gradient σ(z) − y.
      return Equivalent{params, "softplus(y_pred) - y_pred*" + y, ""};
    }
    return Equivalent{params, clippedBce("y_pred", y), ""};
  }
  if (id == "binary_focal_crossentropy") {
    std::vector<std::string> params = {"epsilon", "gamma"};
    const std::string y = smoothedTarget(v, params);
    const std::string p = v.at("from_logits") != 0 ? "sigmoid(y_pred)" : "y_pred";
    std::string weight;
    if (v.at("apply_class_balancing") != 0) {
      params.push_back("alpha");
      weight = "(alpha*" + y + " + (1 - alpha)*(1 - " + y + "))*";
    }
    // u = 1 − p_t from the unclipped p; the BCE factor uses the clipped one.
    return Equivalent{
        params,
        weight + "(" + y + " + " + p + " - 2*" + y + "*" + p + ")^gamma*" + clippedBce(p, y), ""};
  }
  if (id == "poisson") {
    return Equivalent{{"epsilon"}, "y_pred - y_true*log(y_pred + epsilon)", ""};
  }
  if ((id == "dice" || id == "tversky") && has("axis") && v.at("axis") == 0) {
    if (id == "dice") {
      return Equivalent{
          {"epsilon"}, "1 - 2*sum(y_true*y_pred)/(sum(y_true) + sum(y_pred) + epsilon)", ""};
    }
    return Equivalent{{"alpha", "beta", "epsilon"},
                      "1 - sum(y_pred*y_true)/(sum(y_pred*y_true) + alpha*sum((1 - y_true)*y_pred) "
                      "+ beta*sum(y_true*(1 - y_pred)) + epsilon)",
                      ""};
  }
  if (id == "poisson_nll") {
    std::string e = v.at("log_input") != 0
                        ? "exp(y_pred) - y_true*y_pred"
                        : "y_pred - y_true*log(y_pred + " + formulaNumber(v.at("eps")) + ")";
    if (v.at("full") != 0) {  // Stirling's term where y > 1 (no y_pred in it)
      e = "(" + e +
          ") + where(y_true > 1, y_true*log(max(y_true, 1)) - y_true + "
          "0.5*log(2*pi*max(y_true, 1)), 0)";
    }
    return Equivalent{{}, e, ""};
  }
  if (id == "kl_div") {
    if (v.at("log_target") != 0) {
      return Equivalent{{}, "exp(y_true)*(y_true - y_pred)", ""};
    }
    return Equivalent{{}, "y_true*log(where(y_true > 0, y_true, 1)) - y_true*y_pred", ""};
  }
  // Without their optional class weights: BCE with logits and its per-row mean.
  const std::string noWeights = "the optional weight inputs (weight, pos_weight) are not exported";
  if (id == "torch_bce_logits") {
    return Equivalent{{}, "softplus(y_pred) - y_pred*y_true", noWeights};
  }
  if (id == "multilabel_soft_margin") {
    return Equivalent{{}, "y_true*softplus(-y_pred) + (1 - y_true)*softplus(y_pred)", noWeights};
  }
  if (id == "soft_margin") {
    return Equivalent{{}, "softplus(-y_true*y_pred)", ""};
  }
  if (id == "hinge_embedding") {
    return Equivalent{{"margin"},
                      "where(y_true != 1, max(margin - y_pred, 0), 0) + where(y_true != -1, "
                      "y_pred, 0)",
                      ""};
  }
  if (id == "contrastive") {
    const std::string note =
        "y_pred is the pair distance d; LossLab's embedding mode (input2) computes d = "
        "||e1 - e2|| first";
    if (v.at("convention") == 0) {  // tfa: y = 1 similar
      return Equivalent{
          {"margin"}, "y_true*square(y_pred) + (1 - y_true)*square(max(margin - y_pred, 0))", note};
    }
    return Equivalent{
        {"margin"},
        "(1 - y_true)*0.5*square(y_pred) + y_true*0.5*square(max(margin - y_pred, 0))",
        note};
  }
  // Ceres robustifiers, ℓ = ½ρ(s) with s = r² (spec §1.7). Ceres applies ρ to the squared norm
  // of a whole residual block; element-wise they agree for one column.
  const std::string ceresNote =
      "Ceres applies rho to the squared norm of the whole row; this 1-D form is identical for "
      "one column (D = 1)";
  if (id == "ceres_trivial") {
    return Equivalent{{}, "0.5*square(r)", ceresNote};
  }
  if (id == "ceres_huber") {
    return Equivalent{
        {"a"}, "where(square(r) <= square(a), 0.5*square(r), a*abs(r) - 0.5*square(a))", ceresNote};
  }
  if (id == "ceres_soft_l1") {
    return Equivalent{{"a"}, "square(a)*(sqrt(1 + square(r)/square(a)) - 1)", ceresNote};
  }
  if (id == "ceres_cauchy") {
    return Equivalent{{"a"}, "0.5*square(a)*log1p(square(r)/square(a))", ceresNote};
  }
  if (id == "ceres_tolerant") {
    return Equivalent{
        {"a", "b"}, "0.5*(b*softplus((square(r) - a)/b) - b*softplus(-a/b))", ceresNote};
  }
  if (id == "ceres_tukey") {
    return Equivalent{{"a"},
                      "where(square(r) <= square(a), square(a)/6*(1 - (1 - "
                      "square(r)/square(a))^3), square(a)/6)",
                      ceresNote};
  }
  if (id == "barron_general") {
    return Equivalent{{"scale"}, barronExpression(v.at("alpha")), ""};
  }
  if (id == "tukey_biweight") {
    return Equivalent{
        {"c"}, "where(abs(r) <= c, square(c)/6*(1 - (1 - square(r/c))^3), square(c)/6)", ""};
  }
  if (id == "pinball") {
    // TF's maximum gives the first argument's gradient (−τ) at Δ = 0.
    return Equivalent{{"tau"}, "max(tau*(y_true - y_pred), (tau - 1)*(y_true - y_pred))", ""};
  }
  if (id == "epsilon_insensitive") {
    // max(0, ·) first: gradient 0 at |r| = ε, sklearn's strict boundary.
    const bool squared = v.at("squared") != 0;
    return Equivalent{
        {"epsilon"}, squared ? "square(max(0, abs(r) - epsilon))" : "max(0, abs(r) - epsilon)", ""};
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Formula export
// ---------------------------------------------------------------------------------------------

struct ExportParam {
  std::string formulaName;
  std::string pyName;
  double value = 0;
  std::string range;  // human-readable valid range
};

/// Everything the two writers need about a loss exported through the formula path.
struct FormulaExport {
  std::string origin;  // first header line after "Generated by LossLab:"
  formula::ParsedFormula parsed;
  std::vector<ExportParam> params;
  std::vector<std::string> notes;
  Names names;
  bool torchFramework = false;  // a PyTorch id: its reductions are element-wise
};

std::string declaredRange(const formula::FormulaParam& p) {
  if (!p.declared) {
    return "undeclared (unbounded)";
  }
  const bool unbounded = std::fabs(p.min) > 1e299 && std::fabs(p.max) > 1e299;
  if (unbounded) {
    return "unbounded";
  }
  return "in [" + shortestNumber(p.min) + ", " + shortestNumber(p.max) + "]" +
         (p.logScale ? " log" : "");
}

std::string formulaHeader(const FormulaExport& x, CodeTarget target) {
  std::string h = commentParagraph("Generated by LossLab: " + x.origin + ", exported for " +
                                   codeTargetName(target) + ".");
  h += "#\n# Formula (r = y_pred - y_true):\n";
  h += commentLines(x.parsed.source, "#   ");
  if (!x.params.empty()) {
    h += "# Parameters (exported value; valid range):\n";
    for (const ExportParam& p : x.params) {
      h += "#   " + p.pyName + " = " + pyFloat(p.value) + "; " + safeText(p.range) + "\n";
    }
  }
  if (x.parsed.aggregate) {
    h += "# Derivative of the batch loss L (N = number of elements):\n#   dL/dy_pred[i] = " +
         safeText(formula::toString(x.parsed.d1)) + "\n";
    h += "# The loss is one number for the whole batch (mean/sum over every element): every\n"
         "# reduction returns it unchanged, as Keras does for a scalar.\n";
  } else {
    h += "# Derivative of the element loss e:\n#   de/dy_pred = " +
         safeText(formula::toString(x.parsed.d1)) + "\n";
    if (target == CodeTarget::Keras) {
      h += "# Per sample: the mean of e over the last axis; then "
           "reduction=\"sum_over_batch_size\".\n";
    } else {
      h += "# reduction=\"mean\" (the default) averages e over all elements, LossLab's default";
      h += x.torchFramework ? ".\n"
                            : "\n# (Keras's sum_over_batch_size of the per-sample means) for equal "
                              "row lengths.\n";
      h += "# \"sum\" sums e and \"none\" returns it element-wise, as PyTorch's losses do.\n";
    }
  }
  h += "# Kinks follow TensorFlow, as LossLab differentiates: max/min pass the gradient to their\n"
       "# first argument on ties, clip on the closed interval, abs/sign/relu give 0 at 0.\n";
  h +=
      "# Keras's epsilon (keras.config.epsilon()) is applied only where the formula says so:\n"
      "# nothing is clipped or shifted behind its back (eps in a formula is the constant 1e-07).\n";
  for (const std::string& note : x.notes) {
    h += commentParagraph("Note: " + note + ".");
  }
  return h;
}

std::string formulaKeras(const FormulaExport& x) {
  std::set<std::string> taken = {x.names.function, x.names.klass, x.names.factory};
  std::map<std::string, std::string> pyNames;
  for (const ExportParam& p : x.params) {
    pyNames[p.formulaName] = p.pyName;
    taken.insert(p.pyName);
  }
  Printer printer(CodeTarget::Keras, pyNames, taken);
  const std::vector<std::string> temporaries = printer.prepare(x.parsed.value);

  // The body shared by call() and the closure: parameters are locals named as in the formula.
  auto body = [&](const std::string& indent) {
    std::string b;
    if (usesResidual(x.parsed.value)) {
      b += indent + "r = y_pred - y_true\n";
    }
    for (const std::string& line : temporaries) {
      b += indent + line + "\n";
    }
    b += indent + printer.assignment("loss", x.parsed.value, indent) + "\n";
    b += indent + (x.parsed.aggregate ? "return loss\n" : "return ops.mean(loss, axis=-1)\n");
    return b;
  };

  std::string code = formulaHeader(x, CodeTarget::Keras);
  code += "import keras\nfrom keras import ops\n\n\n";

  // The class (seed 002's MyHuberLoss shape, spec §3.4).
  std::vector<std::string> initArgs = {"self"};
  for (const ExportParam& p : x.params) {
    initArgs.push_back(p.pyName + "=" + pyFloat(p.value));
  }
  initArgs.push_back("name=" + pyString(x.names.lossName));
  initArgs.push_back("reduction=\"sum_over_batch_size\"");
  initArgs.push_back("**kwargs");
  code += "class " + x.names.klass + "(keras.losses.Loss):\n";
  code += "    \"\"\"" +
          safeText(x.parsed.aggregate ? "One value for the whole batch."
                                      : "Per sample: the mean over the last axis of the formula.") +
          "\"\"\"\n\n";
  code += "    def " + callText("    ", "__init__", initArgs) + ":\n";
  code += "        super().__init__(name=name, reduction=reduction, **kwargs)\n";
  for (const ExportParam& p : x.params) {
    code += "        self." + p.pyName + " = " + p.pyName + "\n";
  }
  code += "\n    def call(self, y_true, y_pred):\n";
  for (const ExportParam& p : x.params) {
    code += "        " + p.pyName + " = self." + p.pyName + "\n";
  }
  code += body("        ");
  code += "\n    def get_config(self):\n        config = super().get_config()\n";
  if (!x.params.empty()) {
    std::vector<std::string> entries;
    for (const ExportParam& p : x.params) {
      entries.push_back("\"" + p.pyName + "\": self." + p.pyName);
    }
    std::string dict = "{";
    for (std::size_t i = 0; i < entries.size(); ++i) {
      dict += (i ? ", " : "") + entries[i];
    }
    code += "        config.update(" + dict + "})\n";
  }
  code += "        return config\n\n\n";

  // The closure (seed 002's wrapper: compile(loss=make_…(threshold=1.2))).
  std::vector<std::string> factoryArgs;
  for (const ExportParam& p : x.params) {
    factoryArgs.push_back(p.pyName + "=" + pyFloat(p.value));
  }
  code += "def " + callText("", x.names.factory, factoryArgs) + ":\n";
  code +=
      "    \"\"\"A plain loss function for model.compile(loss=...), parameters fixed "
      "here.\"\"\"\n\n";
  code += "    def " + x.names.function + "(y_true, y_pred):\n";
  code += body("        ");
  code += "\n    return " + x.names.function + "\n";
  return code;
}

std::string formulaTorch(const FormulaExport& x) {
  std::set<std::string> taken = {x.names.function, x.names.klass};
  std::map<std::string, std::string> pyNames;
  for (const ExportParam& p : x.params) {
    pyNames[p.formulaName] = p.pyName;
    taken.insert(p.pyName);
  }
  Printer printer(CodeTarget::PyTorch, pyNames, taken);
  const std::vector<std::string> temporaries = printer.prepare(x.parsed.value);

  std::string code = formulaHeader(x, CodeTarget::PyTorch);
  code += "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n\n";

  std::vector<std::string> args = {"input", "target"};
  for (const ExportParam& p : x.params) {
    args.push_back(p.pyName + "=" + pyFloat(p.value));
  }
  args.push_back("reduction=\"mean\"");
  code += "def " + callText("", x.names.function, args) + ":\n";
  code += "    \"\"\"" +
          std::string(x.parsed.aggregate ? "One value for the whole batch, whatever the reduction."
                                         : "The element loss, reduced as PyTorch's losses are.") +
          "\"\"\"\n";
  code += "    y_pred, y_true = input, target\n";
  for (const ExportParam& p : x.params) {
    code += "    " + p.pyName + " = torch.as_tensor(" + p.pyName +
            ", dtype=input.dtype, device=input.device)\n";
  }
  if (usesResidual(x.parsed.value)) {
    code += "    r = y_pred - y_true\n";
  }
  for (const std::string& line : temporaries) {
    code += "    " + line + "\n";
  }
  code += "    " + printer.assignment("loss", x.parsed.value, "    ") + "\n";
  const std::string invalid =
      "    raise ValueError(f\"reduction must be 'mean', 'sum' or 'none', not {reduction!r}\")\n";
  if (x.parsed.aggregate) {
    code += "    if reduction not in (\"mean\", \"sum\", \"none\"):\n    " + invalid;
    code += "    return loss\n\n\n";
  } else {
    code += "    if reduction == \"mean\":\n        return torch.mean(loss)\n";
    code += "    if reduction == \"sum\":\n        return torch.sum(loss)\n";
    code += "    if reduction == \"none\":\n        return loss\n" + invalid + "\n\n";
  }

  std::vector<std::string> initArgs = {"self"};
  std::vector<std::string> forwardArgs = {"input", "target"};
  for (const ExportParam& p : x.params) {
    initArgs.push_back(p.pyName + "=" + pyFloat(p.value));
    forwardArgs.push_back(p.pyName + "=self." + p.pyName);
  }
  initArgs.push_back("reduction=\"mean\"");
  forwardArgs.push_back("reduction=self.reduction");
  code += "class " + x.names.klass + "(nn.Module):\n";
  code +=
      "    \"\"\"nn.Module form of " + x.names.function + "(); forward(input, target).\"\"\"\n\n";
  code += "    def " + callText("    ", "__init__", initArgs) + ":\n";
  code += "        super().__init__()\n";
  for (const ExportParam& p : x.params) {
    code += "        self." + p.pyName + " = " + p.pyName + "\n";
  }
  code += "        self.reduction = reduction\n\n";
  code += "    def forward(self, input, target):\n";
  code += "        return " + callText("        ", x.names.function, forwardArgs) + "\n";
  return code;
}

/// Python names for the formula's parameters, in order, avoiding keywords and generated names.
std::vector<ExportParam> exportParams(const formula::ParsedFormula& parsed,
                                      const ParamValues& values,
                                      const Names& names,
                                      const std::function<std::string(const std::string&)>& range) {
  std::set<std::string> taken = {names.function, names.klass, names.factory};
  std::vector<ExportParam> params;
  for (const formula::FormulaParam& p : parsed.params) {
    ExportParam e;
    e.formulaName = p.name;
    e.pyName = uniqueName(p.name, taken);
    e.value = values.count(p.name) ? values.at(p.name) : p.defaultValue;
    e.range = range(p.name);
    params.push_back(e);
  }
  return params;
}

std::string exportFormula(FormulaExport& x, CodeTarget target) {
  for (const ExportParam& p : x.params) {
    if (p.pyName != p.formulaName) {
      x.notes.push_back("parameter '" + p.formulaName + "' is spelled " + p.pyName +
                        " in Python (a reserved word or a name the code uses)");
    }
  }
  return target == CodeTarget::Keras ? formulaKeras(x) : formulaTorch(x);
}

// ---------------------------------------------------------------------------------------------
// Direct calls of the frameworks' own functions
// ---------------------------------------------------------------------------------------------

enum class ArgKind {
  Real,
  Bool,
  Int,
  IntOrNone,  // −1 means None (Keras ignore_class)
  Axis,       // LossLab's choice {all, per_sample} → Keras axis None / −1
};

struct DirectArg {
  const char* name;   // Python keyword
  const char* param;  // LossLab parameter id
  ArgKind kind;
};

/// A framework function with the built-in's exact semantics, called with its parameters.
struct DirectCall {
  const char* id;
  CodeTarget target;
  const char* function;             // keras.losses.… or F.…
  const char* equivalent;           // the framework's class with the same semantics, for the header
  std::vector<const char*> inputs;  // positional tensors (torch forward order)
  std::vector<DirectArg> args;
  std::vector<const char*> optionalTensors;  // torch: weight / pos_weight (default None)
  const char* prelude;                       // lines before the call, or ""
  const char* note;                          // or ""
};

const std::vector<DirectCall>& directCalls() {
  const CodeTarget keras = CodeTarget::Keras;
  const CodeTarget torch = CodeTarget::PyTorch;
  const std::vector<const char*> kerasInputs = {"y_true", "y_pred"};
  const std::vector<const char*> torchInputs = {"input", "target"};
  const DirectArg fromLogits{"from_logits", "from_logits", ArgKind::Bool};
  const DirectArg smoothing{"label_smoothing", "label_smoothing", ArgKind::Real};
  const DirectArg alpha{"alpha", "alpha", ArgKind::Real};
  const DirectArg gamma{"gamma", "gamma", ArgKind::Real};
  const DirectArg margin{"margin", "margin", ArgKind::Real};
  const char* tfNote =
      "on the TensorFlow backend Keras routes softmax/sigmoid outputs to the logits formula "
      "(spec §1.5); LossLab follows the backend-agnostic probability formula";
  static const std::vector<DirectCall> kCalls = {
      {"binary_crossentropy",
       keras,
       "keras.losses.binary_crossentropy",
       "keras.losses.BinaryCrossentropy",
       kerasInputs,
       {fromLogits, smoothing},
       {},
       "",
       tfNote},
      {"categorical_crossentropy",
       keras,
       "keras.losses.categorical_crossentropy",
       "keras.losses.CategoricalCrossentropy",
       kerasInputs,
       {fromLogits, smoothing},
       {},
       "",
       tfNote},
      {"sparse_categorical_crossentropy",
       keras,
       "keras.losses.sparse_categorical_crossentropy",
       "keras.losses.SparseCategoricalCrossentropy",
       kerasInputs,
       {fromLogits, {"ignore_class", "ignore_class", ArgKind::IntOrNone}},
       {},
       "",
       "the TensorFlow backend clips probabilities before normalising them (spec §2.2); "
       "LossLab normalises first, as the other backends do"},
      {"binary_focal_crossentropy",
       keras,
       "keras.losses.binary_focal_crossentropy",
       "keras.losses.BinaryFocalCrossentropy",
       kerasInputs,
       {{"apply_class_balancing", "apply_class_balancing", ArgKind::Bool},
        alpha,
        gamma,
        fromLogits,
        smoothing},
       {},
       "",
       ""},
      {"categorical_focal_crossentropy",
       keras,
       "keras.losses.categorical_focal_crossentropy",
       "keras.losses.CategoricalFocalCrossentropy",
       kerasInputs,
       {alpha, gamma, fromLogits, smoothing},
       {},
       "",
       ""},
      {"kl_divergence",
       keras,
       "keras.losses.kl_divergence",
       "keras.losses.KLDivergence",
       kerasInputs,
       {},
       {},
       "",
       ""},
      {"poisson",
       keras,
       "keras.losses.poisson",
       "keras.losses.Poisson",
       kerasInputs,
       {},
       {},
       "",
       ""},
      {"hinge", keras, "keras.losses.hinge", "keras.losses.Hinge", kerasInputs, {}, {}, "", ""},
      {"squared_hinge",
       keras,
       "keras.losses.squared_hinge",
       "keras.losses.SquaredHinge",
       kerasInputs,
       {},
       {},
       "",
       ""},
      {"categorical_hinge",
       keras,
       "keras.losses.categorical_hinge",
       "keras.losses.CategoricalHinge",
       kerasInputs,
       {},
       {},
       "",
       ""},
      {"cosine_similarity",
       keras,
       "keras.losses.cosine_similarity",
       "keras.losses.CosineSimilarity",
       kerasInputs,
       {},
       {},
       "",
       ""},
      {"dice",
       keras,
       "keras.losses.dice",
       "keras.losses.Dice",
       kerasInputs,
       {{"axis", "axis", ArgKind::Axis}},
       {},
       "",
       "axis=None reduces the whole batch to one value; per_sample is axis=-1 for LossLab's "
       "2-D tensors (pass every non-batch axis for higher ranks)"},
      {"tversky",
       keras,
       "keras.losses.tversky",
       "keras.losses.Tversky",
       kerasInputs,
       {alpha, {"beta", "beta", ArgKind::Real}, {"axis", "axis", ArgKind::Axis}},
       {},
       "",
       "axis=None reduces the whole batch to one value; per_sample is axis=-1 for LossLab's "
       "2-D tensors (pass every non-batch axis for higher ranks)"},
      {"categorical_generalized_cross_entropy",
       keras,
       "keras.losses.categorical_generalized_cross_entropy",
       "keras.losses.CategoricalGeneralizedCrossEntropy",
       kerasInputs,
       {{"q", "q", ArgKind::Real}},
       {},
       "",
       ""},
      {"torch_bce",
       torch,
       "F.binary_cross_entropy",
       "nn.BCELoss",
       torchInputs,
       {},
       {"weight"},
       "",
       ""},
      {"torch_bce_logits",
       torch,
       "F.binary_cross_entropy_with_logits",
       "nn.BCEWithLogitsLoss",
       torchInputs,
       {},
       {"weight", "pos_weight"},
       "",
       ""},
      {"torch_cross_entropy",
       torch,
       "F.cross_entropy",
       "nn.CrossEntropyLoss",
       torchInputs,
       {{"ignore_index", "ignore_index", ArgKind::Int}, smoothing},
       {"weight"},
       "    # LossLab's labels are a (B, 1) column of class indices; PyTorch takes (B,) integers.\n"
       "    target = target.reshape(-1).long()\n",
       ""},
      {"soft_margin",
       torch,
       "F.soft_margin_loss",
       "nn.SoftMarginLoss",
       torchInputs,
       {},
       {},
       "",
       "PyTorch evaluates exp(-y*x) directly: for -y*x above ~709.8 it returns inf with a NaN "
       "gradient, where LossLab's softplus stays finite"},
      {"multilabel_soft_margin",
       torch,
       "F.multilabel_soft_margin_loss",
       "nn.MultiLabelSoftMarginLoss",
       torchInputs,
       {},
       {"weight"},
       "",
       ""},
      {"margin_ranking",
       torch,
       "F.margin_ranking_loss",
       "nn.MarginRankingLoss",
       {"input1", "input2", "target"},
       {margin},
       {},
       "",
       ""},
      {"hinge_embedding",
       torch,
       "F.hinge_embedding_loss",
       "nn.HingeEmbeddingLoss",
       torchInputs,
       {margin},
       {},
       "",
       ""},
      {"cosine_embedding",
       torch,
       "F.cosine_embedding_loss",
       "nn.CosineEmbeddingLoss",
       {"input1", "input2", "target"},
       {margin},
       {},
       "    # LossLab's labels are a (B, 1) column; PyTorch takes (B,).\n"
       "    target = target.reshape(-1)\n",
       ""},
      {"triplet_margin",
       torch,
       "F.triplet_margin_loss",
       "nn.TripletMarginLoss",
       {"anchor", "positive", "negative"},
       {margin,
        {"p", "p", ArgKind::Real},
        {"eps", "eps", ArgKind::Real},
        {"swap", "swap", ArgKind::Bool}},
       {},
       "",
       ""},
      {"poisson_nll",
       torch,
       "F.poisson_nll_loss",
       "nn.PoissonNLLLoss",
       torchInputs,
       {{"log_input", "log_input", ArgKind::Bool},
        {"full", "full", ArgKind::Bool},
        {"eps", "eps", ArgKind::Real}},
       {},
       "",
       ""},
      {"gaussian_nll",
       torch,
       "F.gaussian_nll_loss",
       "nn.GaussianNLLLoss",
       {"input", "target", "var"},
       {{"full", "full", ArgKind::Bool}, {"eps", "eps", ArgKind::Real}},
       {},
       "",
       ""},
      {"kl_div",
       torch,
       "F.kl_div",
       "nn.KLDivLoss",
       torchInputs,
       {{"log_target", "log_target", ArgKind::Bool}},
       {},
       "",
       "LossLab's default reduction is 'mean' (sum / number of elements, as PyTorch's default); "
       "pass reduction=\"batchmean\" for the true KL per sample"},
  };
  return kCalls;
}

const DirectCall* findDirectCall(const std::string& id, CodeTarget target) {
  for (const DirectCall& c : directCalls()) {
    if (c.id == id && c.target == target) {
      return &c;
    }
  }
  return nullptr;
}

std::string argLiteral(const DirectArg& arg, double value) {
  switch (arg.kind) {
    case ArgKind::Real:
      return pyFloat(value);
    case ArgKind::Bool:
      return value != 0 ? "True" : "False";
    case ArgKind::Int:
      return shortestNumber(value);
    case ArgKind::IntOrNone:
      return value < 0 ? "None" : shortestNumber(value);
    case ArgKind::Axis:
      return value == 0 ? "None" : "-1";
  }
  return "None";
}

std::string directHeader(const LossInfo& info,
                         const ParamValues& values,
                         const DirectCall& call,
                         const std::vector<std::string>& argTexts) {
  std::string h =
      commentParagraph("Generated by LossLab: the built-in loss '" + info.id + "' (" + info.name +
                       "), exported for " + codeTargetName(call.target) + " as a call of " +
                       call.function + ", whose semantics are LossLab's.");
  h += "#\n";
  if (!info.params.empty()) {
    h += "# Parameters (exported value; valid range):\n";
    for (const ParamSpec& spec : info.params) {
      h += "#   " + spec.id + " = " + safeText(spec.format(values.at(spec.id))) + "; " +
           safeText(spec.rangeText()) + "\n";
    }
  }
  std::string equivalent = call.equivalent;
  equivalent += "(";
  for (std::size_t i = 0; i < argTexts.size(); ++i) {
    equivalent += (i ? ", " : "") + argTexts[i];
  }
  h += commentParagraph("The framework's own class does the same: " + equivalent + ").");
  if (call.note[0] != '\0') {
    h += commentParagraph("Note: " + std::string(call.note) + ".");
  }
  return h;
}

std::string directKeras(const LossInfo& info, const ParamValues& values, const DirectCall& c) {
  const Names names = namesFor(info.id, info.id);
  std::vector<std::string> literalArgs;  // name=value
  for (const DirectArg& a : c.args) {
    literalArgs.push_back(std::string(a.name) + "=" + argLiteral(a, values.at(a.param)));
  }
  std::string code = directHeader(info, values, c, literalArgs);
  code += "import keras\n\n";
  const auto eps = values.find("epsilon");
  if (eps != values.end() && eps->second != 1e-7) {
    // Keras reads ε from its global configuration, not from an argument.
    code += "# LossLab's epsilon differs from Keras's default 1e-07; Keras reads it globally.\n";
    code += "keras.config.set_epsilon(" + pyFloat(eps->second) + ")\n";
  }
  code += "\n\n";

  auto callWith = [&](const std::string& indent, const std::string& prefix) {
    std::vector<std::string> args = {"y_true", "y_pred"};
    for (const DirectArg& a : c.args) {
      args.push_back(std::string(a.name) + "=" + prefix + a.name);
    }
    return callText(indent, c.function, args);
  };

  std::vector<std::string> initArgs = {"self"};
  initArgs.insert(initArgs.end(), literalArgs.begin(), literalArgs.end());
  initArgs.push_back("name=" + pyString(names.lossName));
  initArgs.push_back("reduction=\"sum_over_batch_size\"");
  initArgs.push_back("**kwargs");
  code += "class " + names.klass + "(keras.losses.Loss):\n";
  code += "    \"\"\"" + std::string(c.function) + " with LossLab's parameter values.\"\"\"\n\n";
  code += "    def " + callText("    ", "__init__", initArgs) + ":\n";
  code += "        super().__init__(name=name, reduction=reduction, **kwargs)\n";
  for (const DirectArg& a : c.args) {
    code += "        self." + std::string(a.name) + " = " + a.name + "\n";
  }
  code += "\n    def call(self, y_true, y_pred):\n";
  code += "        return " + callWith("        ", "self.") + "\n";
  code += "\n    def get_config(self):\n        config = super().get_config()\n";
  if (!c.args.empty()) {
    std::string dict = "{";
    for (std::size_t i = 0; i < c.args.size(); ++i) {
      dict += (i ? ", \"" : "\"") + std::string(c.args[i].name) + "\": self." + c.args[i].name;
    }
    code += "        config.update(" + dict + "})\n";
  }
  code += "        return config\n\n\n";
  code += "def " + callText("", names.factory, literalArgs) + ":\n";
  code +=
      "    \"\"\"A plain loss function for model.compile(loss=...), parameters fixed "
      "here.\"\"\"\n\n";
  code += "    def " + names.function + "(y_true, y_pred):\n";
  code += "        return " + callWith("        ", "") + "\n";
  code += "\n    return " + names.function + "\n";
  return code;
}

std::string directTorch(const LossInfo& info, const ParamValues& values, const DirectCall& c) {
  const Names names = namesFor(info.id, info.id);
  std::vector<std::string> literalArgs;
  for (const DirectArg& a : c.args) {
    literalArgs.push_back(std::string(a.name) + "=" + argLiteral(a, values.at(a.param)));
  }
  for (const char* t : c.optionalTensors) {
    literalArgs.push_back(std::string(t) + "=None");
  }
  std::string code = directHeader(info, values, c, literalArgs);
  code += "import torch\nimport torch.nn.functional as F\nfrom torch import nn\n\n\n";

  std::vector<std::string> signature(c.inputs.begin(), c.inputs.end());
  signature.insert(signature.end(), literalArgs.begin(), literalArgs.end());
  signature.push_back("reduction=\"mean\"");
  std::vector<std::string> callArgs(c.inputs.begin(), c.inputs.end());
  std::vector<std::string> forwardArgs(c.inputs.begin(), c.inputs.end());
  auto keyword = [&](const std::string& name) {
    callArgs.push_back(name + "=" + name);
    forwardArgs.push_back(name + "=self." + name);
  };
  for (const DirectArg& a : c.args) {
    keyword(a.name);
  }
  for (const char* t : c.optionalTensors) {
    keyword(t);
  }
  keyword("reduction");
  code += "def " + callText("", names.function, signature) + ":\n";
  code += "    \"\"\"" + std::string(c.function) + " with LossLab's parameter values.\"\"\"\n";
  code += c.prelude;
  code += "    return " + callText("    ", c.function, callArgs) + "\n\n\n";

  std::vector<std::string> initArgs = {"self"};
  initArgs.insert(initArgs.end(), literalArgs.begin(), literalArgs.end());
  initArgs.push_back("reduction=\"mean\"");
  std::string forwardSignature = "self";
  for (const char* input : c.inputs) {
    forwardSignature += std::string(", ") + input;
  }
  code += "class " + names.klass + "(nn.Module):\n";
  code += "    \"\"\"nn.Module form of " + names.function + "().\"\"\"\n\n";
  code += "    def " + callText("    ", "__init__", initArgs) + ":\n";
  code += "        super().__init__()\n";
  for (const DirectArg& a : c.args) {
    code += "        self." + std::string(a.name) + " = " + a.name + "\n";
  }
  for (const char* t : c.optionalTensors) {
    code += "        self." + std::string(t) + " = " + t + "\n";
  }
  code += "        self.reduction = reduction\n\n";
  code += "    def forward(" + forwardSignature + "):\n";
  code += "        return " + callText("        ", names.function, forwardArgs) + "\n";
  return code;
}

/// Why a built-in has no export for `target`, in words (for the Error::usage message).
std::string missingReason(const LossInfo& info, CodeTarget target) {
  const std::string& id = info.id;
  const std::string rowWise =
      "it reduces each row with a sum or norm, while formula aggregates run over the whole batch";
  if (id == "torch_bce") {
    return "Keras clips probabilities at epsilon where PyTorch clamps each log at -100";
  }
  if (id == "knowledge_distillation" || id == "icarl_bce") {
    return "it combines several losses over column slices";
  }
  if (id == "rmse_per_sample" || id == "kl_divergence" || id == "categorical_crossentropy" ||
      id == "sparse_categorical_crossentropy" || id == "categorical_focal_crossentropy" ||
      id == "categorical_hinge" || id == "cosine_similarity" ||
      id == "categorical_generalized_cross_entropy" || id == "torch_cross_entropy") {
    return rowWise;
  }
  if (id == "hinge" || id == "squared_hinge") {
    return "Keras converts {0, 1} labels only when the whole batch is binary";
  }
  if (id == "dice" || id == "tversky") {
    return "with axis = per_sample " + rowWise;
  }
  if (id == "ceres_arctan") {
    return "the formula language has no arctan";
  }
  if (id == "ceres_scaled" || id == "ceres_composed" || id == "ceres_wrapper") {
    return "it wraps another robustifier: compose the pieces";
  }
  if (!info.extras.empty()) {
    std::string names;
    for (const ExtraInput& extra : info.extras) {
      names += (names.empty() ? "" : ", ") + extra.name;
    }
    return "it reads extra inputs (" + names + ")";
  }
  return target == CodeTarget::PyTorch ? "PyTorch has no function with its semantics"
                                       : "Keras has no function with its semantics";
}

}  // namespace

std::string codeTargetName(CodeTarget target) {
  return target == CodeTarget::Keras ? "Keras" : "PyTorch";
}

std::optional<FormulaEquivalent> formulaEquivalent(const Loss& loss) {
  if (const auto* custom = dynamic_cast<const FormulaLoss*>(&loss)) {
    return FormulaEquivalent{custom->formula().source, ""};
  }
  const std::optional<Equivalent> e = builtInEquivalent(loss.info(), loss.params());
  if (!e) {
    return std::nullopt;
  }
  std::string source;
  for (const std::string& id : e->params) {
    const double value = loss.params().at(id);
    if (!std::isfinite(value)) {
      return std::nullopt;  // a declaration takes a finite number
    }
    source += id + " = " + shortestNumber(value) + "\n";
  }
  return FormulaEquivalent{source + e->expression, e->note};
}

std::string exportCode(const Loss& loss, CodeTarget target) {
  const LossInfo& info = loss.info();
  const ParamValues& values = loss.params();

  if (const auto* custom = dynamic_cast<const FormulaLoss*>(&loss)) {
    FormulaExport x;
    x.parsed = custom->formula();
    x.names = namesFor(info.name, info.name);
    x.origin = "the formula loss \"" + safeText(info.name) + "\"";
    std::map<std::string, formula::FormulaParam> declared;
    for (const formula::FormulaParam& p : x.parsed.params) {
      declared[p.name] = p;
    }
    x.params = exportParams(x.parsed, values, x.names,
                            [&](const std::string& name) { return declaredRange(declared[name]); });
    return exportFormula(x, target);
  }

  // A framework's own function for one of its own losses comes first: it is what a user of
  // that framework would write.
  const bool ownFramework = (target == CodeTarget::Keras && info.framework == Framework::Keras) ||
                            (target == CodeTarget::PyTorch && info.framework == Framework::PyTorch);
  const DirectCall* direct = findDirectCall(info.id, target);
  if (direct && ownFramework) {
    return target == CodeTarget::Keras ? directKeras(info, values, *direct)
                                       : directTorch(info, values, *direct);
  }
  if (const std::optional<FormulaEquivalent> equivalent = formulaEquivalent(loss)) {
    FormulaExport x;
    x.parsed = formula::parseFormula(equivalent->source);
    x.names = namesFor(info.id, info.id);
    x.origin = "the built-in loss '" + info.id + "' (" + safeText(info.name) +
               "), written as the formula below";
    x.torchFramework = info.framework == Framework::PyTorch;
    std::map<std::string, const ParamSpec*> specs;
    for (const ParamSpec& spec : info.params) {
      specs[spec.id] = &spec;
    }
    x.params = exportParams(x.parsed, values, x.names, [&](const std::string& name) {
      return specs.count(name) ? specs[name]->rangeText() : std::string("unbounded");
    });
    if (!equivalent->note.empty()) {
      x.notes.push_back(equivalent->note);
    }
    std::string fixed;
    for (const ParamSpec& spec : info.params) {
      bool inFormula = false;
      for (const formula::FormulaParam& p : x.parsed.params) {
        inFormula = inFormula || p.name == spec.id;
      }
      if (!inFormula) {
        fixed += (fixed.empty() ? "" : ", ") + spec.id + " = " + spec.format(values.at(spec.id));
      }
    }
    if (!fixed.empty()) {
      x.notes.push_back("fixed at export (the formula depends on them): " + fixed);
    }
    if (x.torchFramework && target == CodeTarget::Keras) {
      x.notes.push_back(
          "PyTorch's 'mean' over all elements equals Keras's sum_over_batch_size of the "
          "per-sample means when every row has the same length");
    }
    return exportFormula(x, target);
  }
  if (direct) {
    return target == CodeTarget::Keras ? directKeras(info, values, *direct)
                                       : directTorch(info, values, *direct);
  }
  throw Error::usage("no " + codeTargetName(target) + " equivalent of '" + info.id + "' (" +
                     missingReason(info, target) + "); write it as a formula");
}

}  // namespace losslab
