// SPDX-License-Identifier: GPL-3.0-or-later
// A hand-written recursive-descent parser (no generator): tokens carry their offsets so every
// error can point at its character.
#include "core/formula/formula_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>

#include "core/engine/closest_names.h"

namespace losslab::formula {

namespace {

/// Row-wise functions inside row-wise functions: their gradient's seed doubles at each level
/// (softmax reads its cotangent twice), so the derivative grows as 2^depth.
constexpr int kMaxRowNesting = 6;

std::string caretLine(std::string_view source, std::size_t position) {
  // The line containing `position`, and a caret under it.
  std::size_t begin = source.rfind('\n', position == 0 ? 0 : position - 1);
  begin = begin == std::string_view::npos ? 0 : begin + 1;
  if (position < source.size() && source[position] == '\n' && position > 0) {
    begin = source.rfind('\n', position - 1);
    begin = begin == std::string_view::npos ? 0 : begin + 1;
  }
  std::size_t end = source.find('\n', begin);
  end = end == std::string_view::npos ? source.size() : end;
  const std::size_t column = position >= begin ? position - begin : 0;
  return std::string(source.substr(begin, end - begin)) + "\n" + std::string(column, ' ') + "^";
}

enum class Tok { Number, Ident, Op, LParen, RParen, LBracket, RBracket, Comma, Separator, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;
  double number = 0;
  std::size_t position = 0;
};

class Parser {
 public:
  Parser(std::string_view source, const std::vector<std::string>& inputs)
      : m_source(source), m_inputs(inputs) {
    tokenize();
  }

  ParsedFormula parse() {
    ParsedFormula result;
    result.source = std::string(m_source);
    // Declarations: IDENT '=' (not '==') ...; the last statement is the expression.
    while (true) {
      skipSeparators();
      if (peek().kind == Tok::End) {
        fail("the formula is empty: write an expression of y_pred (p), y_true (y) or r",
             peek().position);
      }
      if (peek().kind == Tok::Ident && peek(1).kind == Tok::Op && peek(1).text == "=") {
        declaration();
        continue;
      }
      break;
    }
    m_depth = 0;
    const std::size_t exprStart = peek().position;
    ExprPtr value = expression();
    skipSeparators();
    if (peek().kind != Tok::End) {
      fail(peek().kind == Tok::RParen ? "unbalanced ')': no '(' to close"
                                      : "unexpected '" + peek().text + "' after the expression",
           peek().position);
    }
    if (!dependsOnPrediction(value)) {
      fail("the formula does not use y_pred: write it with p, y_pred or r", exprStart);
    }
    if (containsAggregate(value) && hasFreeElementVariable(value)) {
      fail(
          "with mean(...) or sum(...) the loss is one number for the batch: every y_pred, "
          "y_true and r must be inside an aggregate",
          exprStart);
    }
    result.value = value;
    result.aggregate = containsAggregate(value);
    result.rowwise = containsRowOp(value);
    result.d1 = gradient(value);
    result.d2 = result.rowwise ? nullptr : differentiate(result.d1);
    result.params = m_params;
    result.inputs = m_usedInputs;
    return result;
  }

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t position) const {
    throw FormulaError(message, m_source, position);
  }

  void tokenize() {
    if (m_source.size() > kMaxFormulaLength) {
      fail("the formula is longer than " + std::to_string(kMaxFormulaLength) + " characters",
           kMaxFormulaLength);
    }
    std::size_t i = 0;
    while (i < m_source.size()) {
      const char c = m_source[i];
      if (c == '#') {  // comment to end of line
        while (i < m_source.size() && m_source[i] != '\n') {
          ++i;
        }
        continue;
      }
      if (c == '\n' || c == ';') {
        m_tokens.push_back({Tok::Separator, std::string(1, c), 0, i++});
        continue;
      }
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
        continue;
      }
      if (std::isdigit(static_cast<unsigned char>(c)) ||
          (c == '.' && i + 1 < m_source.size() &&
           std::isdigit(static_cast<unsigned char>(m_source[i + 1])))) {
        double value = 0;
        const char* begin = m_source.data() + i;
        auto [ptr, ec] = std::from_chars(begin, m_source.data() + m_source.size(), value);
        if (ec != std::errc()) {
          fail("this number is out of range", i);
        }
        const std::size_t length = static_cast<std::size_t>(ptr - begin);
        m_tokens.push_back({Tok::Number, std::string(m_source.substr(i, length)), value, i});
        i += length;
        continue;
      }
      if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t j = i;
        while (j < m_source.size() &&
               (std::isalnum(static_cast<unsigned char>(m_source[j])) || m_source[j] == '_')) {
          ++j;
        }
        m_tokens.push_back({Tok::Ident, std::string(m_source.substr(i, j - i)), 0, i});
        i = j;
        continue;
      }
      const std::string_view two = m_source.substr(i, 2);
      if (two == "<=" || two == ">=" || two == "==" || two == "!=" || two == "**") {
        m_tokens.push_back({Tok::Op, two == "**" ? "^" : std::string(two), 0, i});
        i += 2;
        continue;
      }
      Tok kind = Tok::Op;
      switch (c) {
        case '(':
          kind = Tok::LParen;
          break;
        case ')':
          kind = Tok::RParen;
          break;
        case '[':
          kind = Tok::LBracket;
          break;
        case ']':
          kind = Tok::RBracket;
          break;
        case ',':
          kind = Tok::Comma;
          break;
        case '+':
        case '-':
        case '*':
        case '/':
        case '^':
        case '<':
        case '>':
        case '=':
          break;
        default:
          fail(std::string("unexpected character '") + c + "'", i);
      }
      m_tokens.push_back({kind, std::string(1, c), 0, i++});
    }
    m_tokens.push_back({Tok::End, "end of input", 0, m_source.size()});
  }

  const Token& peek(std::size_t ahead = 0) const {
    return m_tokens[std::min(m_next + ahead, m_tokens.size() - 1)];
  }
  Token take() { return m_tokens[std::min(m_next++, m_tokens.size() - 1)]; }
  bool acceptOp(const char* op) {
    if (peek().kind == Tok::Op && peek().text == op) {
      ++m_next;
      return true;
    }
    return false;
  }
  bool acceptWord(const char* word) {
    if (peek().kind == Tok::Ident && peek().text == word) {
      ++m_next;
      return true;
    }
    return false;
  }
  void expect(Tok kind, const char* what) {
    if (peek().kind != kind) {
      const std::string found = peek().kind == Tok::End ? "end of input" : "'" + peek().text + "'";
      fail(std::string("expected ") + what + ", found " + found, peek().position);
    }
    ++m_next;
  }
  void skipSeparators() {
    while (peek().kind == Tok::Separator) {
      ++m_next;
    }
  }

  bool isReservedName(const std::string& name) const {
    return name == "y_true" || name == "y" || name == "y_pred" || name == "p" || name == "r" ||
           name == "pi" || name == "e" || name == "eps" || name == "N" || name == "and" ||
           name == "or" || name == "not" || name == "in" || name == "log" || name == "col" ||
           name == "ncols" || isInput(name);
  }
  bool isInput(const std::string& name) const {
    return std::find(m_inputs.begin(), m_inputs.end(), name) != m_inputs.end();
  }

  double signedNumber() {
    const bool negative = acceptOp("-");
    if (peek().kind == Tok::Ident && (peek().text == "inf")) {
      take();
      return negative ? -HUGE_VAL : HUGE_VAL;
    }
    const Token t = peek();
    expect(Tok::Number, "a number");
    return negative ? -t.number : t.number;
  }

  // name = default [in [min, max]] [log|linear]
  void declaration() {
    const Token name = take();
    take();  // '='
    Op function;
    if (isReservedName(name.text) || functionByName(name.text, function)) {
      fail("'" + name.text + "' is a variable, constant or function name, not a parameter",
           name.position);
    }
    for (const FormulaParam& p : m_params) {
      if (p.name == name.text) {
        fail("parameter '" + name.text + "' is declared twice", name.position);
      }
    }
    FormulaParam param;
    param.name = name.text;
    param.declared = true;
    const std::size_t valuePosition = peek().position;
    param.defaultValue = signedNumber();
    if (acceptWord("in")) {
      expect(Tok::LBracket, "'[' to start the range");
      const std::size_t rangePosition = peek().position;
      param.min = signedNumber();
      expect(Tok::Comma, "',' between the range's bounds");
      param.max = signedNumber();
      expect(Tok::RBracket, "']' to close the range");
      if (!(param.min < param.max)) {
        fail("the range's lower bound must be below its upper bound", rangePosition);
      }
    }
    if (acceptWord("log")) {
      param.logScale = true;
      if (param.min <= 0) {
        fail("a log-scaled parameter needs a positive range, e.g. in [0.01, 10] log",
             valuePosition);
      }
    } else {
      acceptWord("linear");
    }
    if (param.defaultValue < param.min || param.defaultValue > param.max) {
      fail("the default value lies outside the declared range", valuePosition);
    }
    if (peek().kind != Tok::Separator) {
      fail("expected a new line or ';' after the declaration of '" + param.name + "'",
           peek().position);
    }
    m_params.push_back(param);
  }

  ExprPtr binaryLevel(int level) {
    // Levels: 0 or, 1 and, 2 not, 3 comparison, 4 + -, 5 * /, 6 unary -, 7 ^.
    switch (level) {
      case 0: {
        ExprPtr left = binaryLevel(1);
        while (acceptWord("or")) {
          left = make(Op::Or, {left, binaryLevel(1)});
        }
        return left;
      }
      case 1: {
        ExprPtr left = binaryLevel(2);
        while (acceptWord("and")) {
          left = make(Op::And, {left, binaryLevel(2)});
        }
        return left;
      }
      case 2:
        if (acceptWord("not")) {
          Nest nest(*this);
          return make(Op::Not, {binaryLevel(2)});
        }
        return binaryLevel(3);
      case 3: {
        ExprPtr left = binaryLevel(4);
        static const std::pair<const char*, Op> kComparisons[] = {
            {"<", Op::Less},          {"<=", Op::LessEqual}, {">", Op::Greater},
            {">=", Op::GreaterEqual}, {"==", Op::Equal},     {"!=", Op::NotEqual}};
        for (const auto& [text, op] : kComparisons) {
          if (acceptOp(text)) {
            return make(op, {left, binaryLevel(4)});
          }
        }
        if (peek().kind == Tok::Op && peek().text == "=") {
          fail("'=' declares a parameter; compare with '=='", peek().position);
        }
        return left;
      }
      case 4: {
        ExprPtr left = binaryLevel(5);
        while (true) {
          if (acceptOp("+")) {
            left = make(Op::Add, {left, binaryLevel(5)});
          } else if (acceptOp("-")) {
            left = make(Op::Sub, {left, binaryLevel(5)});
          } else {
            return left;
          }
        }
      }
      case 5: {
        ExprPtr left = binaryLevel(6);
        while (true) {
          if (acceptOp("*")) {
            left = make(Op::Mul, {left, binaryLevel(6)});
          } else if (acceptOp("/")) {
            const std::size_t at = peek().position;
            ExprPtr right = binaryLevel(6);
            if (isNumber(right, 0)) {
              fail("division by zero: the denominator is the constant 0", at);
            }
            left = make(Op::Div, {left, right});
          } else {
            return left;
          }
        }
      }
      case 6:
        if (acceptOp("-")) {
          Nest nest(*this);
          return make(Op::Neg, {binaryLevel(6)});
        }
        if (acceptOp("+")) {
          Nest nest(*this);
          return binaryLevel(6);
        }
        return binaryLevel(7);
      default: {
        ExprPtr base = primary();
        if (acceptOp("^")) {
          Nest nest(*this);
          return make(Op::Pow, {base, binaryLevel(6)});  // right-associative, -x^2 = -(x^2)
        }
        return base;
      }
    }
  }

  ExprPtr expression() {
    Nest nest(*this);
    return binaryLevel(0);
  }

  ExprPtr primary() {
    const Token t = peek();
    switch (t.kind) {
      case Tok::Number:
        take();
        return makeNumber(t.number);
      case Tok::LParen: {
        take();
        ExprPtr inner = expression();
        if (peek().kind != Tok::RParen) {
          fail("unbalanced '(': expected ')' before " +
                   (peek().kind == Tok::End ? std::string("the end") : "'" + peek().text + "'"),
               t.position);
        }
        take();
        return inner;
      }
      case Tok::Ident:
        take();
        if (peek().kind == Tok::LParen) {
          return call(t);
        }
        return identifier(t);
      case Tok::RParen:
        fail("unbalanced ')': no '(' to close", t.position);
      case Tok::End:
        fail("the expression ends too early", t.position);
      default:
        fail("expected a number, a name or '(', found '" + t.text + "'", t.position);
    }
  }

  ExprPtr identifier(const Token& t) {
    const std::string& n = t.text;
    if (n == "y_true" || n == "y") {
      return makeVariable(VariableKind::YTrue, n);
    }
    if (n == "y_pred" || n == "p") {
      return makeVariable(VariableKind::YPred, n);
    }
    if (n == "r") {
      return makeVariable(VariableKind::Residual, n);
    }
    if (n == "col") {
      return makeVariable(VariableKind::Column, n);
    }
    if (n == "ncols") {
      return make(Op::Columns, {});
    }
    if (isInput(n)) {
      if (std::find(m_usedInputs.begin(), m_usedInputs.end(), n) == m_usedInputs.end()) {
        m_usedInputs.push_back(n);
      }
      return makeVariable(VariableKind::Input, n);
    }
    if (n == "pi") {
      return makeNumber(std::numbers::pi);
    }
    if (n == "e") {
      return makeNumber(std::numbers::e);
    }
    if (n == "eps") {
      return makeNumber(1e-7);
    }
    if (n == "and" || n == "or" || n == "not" || n == "in" || n == "N") {
      fail("'" + n + "' cannot be used as a value here", t.position);
    }
    Op function;
    if (functionByName(n, function)) {
      fail("'" + n + "' is a function: write " + n + "(...)", t.position);
    }
    bool known = false;
    for (const FormulaParam& p : m_params) {
      known = known || p.name == n;
    }
    if (!known) {
      FormulaParam param;
      param.name = n;
      m_params.push_back(param);
    }
    return makeParam(n);
  }

  ExprPtr call(const Token& name) {
    Op op;
    if (!functionByName(name.text, op)) {
      std::string message = "unknown function '" + name.text + "'";
      const std::vector<std::string>& known = functionNames();
      const std::vector<std::string_view> candidates(known.begin(), known.end());
      if (const auto best = closestNames(name.text, candidates, 1, 2); !best.empty()) {
        message += "; did you mean '" + best.front() + "'?";
      }
      fail(message, name.position);
    }
    const Token open = take();  // '('
    std::vector<ExprPtr> args;
    if (peek().kind != Tok::RParen) {
      while (true) {
        args.push_back(expression());
        if (peek().kind == Tok::Comma) {
          take();
          continue;
        }
        break;
      }
    }
    if (peek().kind != Tok::RParen) {
      fail("unbalanced '(' of " + name.text + "(: expected ',' or ')' before " +
               (peek().kind == Tok::End ? std::string("the end") : "'" + peek().text + "'"),
           open.position);
    }
    take();
    const int arity = functionArity(op);
    if (static_cast<int>(args.size()) != arity) {
      fail(name.text + "() takes " + std::to_string(arity) + " argument" + (arity == 1 ? "" : "s") +
               ", got " + std::to_string(args.size()),
           name.position);
    }
    if ((op == Op::Mean || op == Op::Sum) && containsAggregate(args[0])) {
      fail("aggregates cannot be nested", name.position);
    }
    if (isRowOp(op) && rowDepth(args[0]) + 1 > kMaxRowNesting) {
      fail("row-wise functions nest at most " + std::to_string(kMaxRowNesting) +
               " deep (the derivative doubles at each level)",
           name.position);
    }
    if (isRowOp(op) && containsAggregate(args[0])) {
      fail(name.text +
               "() works on one row: mean(...) and sum(...) over the batch cannot be "
               "inside it",
           name.position);
    }
    return make(op, std::move(args));
  }

  /// The most row-wise functions on one path from `e` down (the parser's trees are trees).
  static int rowDepth(const ExprPtr& e) {
    int deepest = 0;
    for (const ExprPtr& a : e->args) {
      deepest = std::max(deepest, rowDepth(a));
    }
    return deepest + (isRowOp(e->op) ? 1 : 0);
  }

  // Guards recursion depth so that "((((…" cannot exhaust the stack.
  struct Nest {
    explicit Nest(Parser& parser) : m_parser(parser) {
      if (++m_parser.m_depth > kMaxNesting) {
        m_parser.fail("the formula nests deeper than " + std::to_string(kMaxNesting) + " levels",
                      m_parser.peek().position);
      }
    }
    ~Nest() { --m_parser.m_depth; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    Parser& m_parser;
  };

  std::string_view m_source;
  const std::vector<std::string>& m_inputs;
  std::vector<std::string> m_usedInputs;
  std::vector<Token> m_tokens;
  std::size_t m_next = 0;
  int m_depth = 0;
  std::vector<FormulaParam> m_params;
};

}  // namespace

FormulaError::FormulaError(const std::string& message,
                           std::string_view source,
                           std::size_t position)
    : Error(Kind::Usage,
            message + " (at character " + std::to_string(position + 1) + ")\n" +
                caretLine(source, position)),
      m_position(position),
      m_message(message) {}

ParsedFormula parseFormula(std::string_view source, const std::vector<std::string>& inputs) {
  return Parser(source, inputs).parse();
}

}  // namespace losslab::formula
