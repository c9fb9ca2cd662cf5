// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formula/formula_program.h"

#include <Eigen/Core>
#include <cmath>

#include "core/engine/math_util.h"

namespace losslab::formula {

namespace {

using Chunk = Eigen::Map<Eigen::ArrayXd>;

bool isElementNode(const ExprPtr& e) {
  // An element node depends on y_true/y_pred/r outside any aggregate.
  return hasFreeElementVariable(e);
}

}  // namespace

Program::Program(const std::vector<ExprPtr>& outputs, std::vector<std::string> paramNames)
    : m_paramNames(std::move(paramNames)), m_outputs(outputs) {
  for (const ExprPtr& output : outputs) {
    m_outputRegisters.push_back(compile(output, m_main));
  }
  m_storage.assign(static_cast<std::size_t>(m_registerCount) * kChunk, 0.0);
}

int Program::compile(const ExprPtr& e, std::vector<Instruction>& code) {
  if (auto it = m_registerOf.find(e.get()); it != m_registerOf.end()) {
    return it->second;
  }
  if (!isElementNode(e)) {
    // Uniform: one value for the whole run, broadcast into a register when known.
    const int reg = m_registerCount++;
    m_uniformNodes.push_back(e);
    m_uniformRegister.push_back(reg);
    m_registerOf[e.get()] = reg;
    if (e->op == Op::Mean || e->op == Op::Sum) {
      const int inner = compileElement(e->args[0], m_aggregatePass);
      m_aggregates.push_back({e->op, inner, reg});
    } else {
      // Aggregates inside a uniform expression (sqrt(mean(...))) still need their pass.
      std::vector<ExprPtr> stack = {e};
      while (!stack.empty()) {
        const ExprPtr node = stack.back();
        stack.pop_back();
        if (node->op == Op::Mean || node->op == Op::Sum) {
          compile(node, code);
        } else {
          for (const ExprPtr& a : node->args) {
            stack.push_back(a);
          }
        }
      }
    }
    return reg;
  }
  return compileElement(e, code);
}

int Program::compileElement(const ExprPtr& e, std::vector<Instruction>& code) {
  if (auto it = m_registerOf.find(e.get()); it != m_registerOf.end()) {
    return it->second;
  }
  if (!isElementNode(e)) {
    return compile(e, code);
  }
  if (e->op == Op::Variable) {
    int& reg = e->variable == VariableKind::YTrue   ? m_yTrueRegister
               : e->variable == VariableKind::YPred ? m_yPredRegister
                                                    : m_residualRegister;
    if (reg < 0) {
      reg = m_registerCount++;
    }
    m_registerOf[e.get()] = reg;
    return reg;
  }
  Instruction ins{e->op, -1};
  if (!e->args.empty()) {
    ins.a = compileElement(e->args[0], code);
  }
  if (e->args.size() > 1) {
    ins.b = compileElement(e->args[1], code);
  }
  if (e->args.size() > 2) {
    ins.c = compileElement(e->args[2], code);
  }
  ins.dst = m_registerCount++;
  code.push_back(ins);
  m_registerOf[e.get()] = ins.dst;
  return ins.dst;
}

double Program::evaluateUniform(const ExprPtr& e) {
  if (auto it = m_uniformValues.find(e.get()); it != m_uniformValues.end()) {
    return it->second;
  }
  double value = 0;
  switch (e->op) {
    case Op::Number:
      value = e->number;
      break;
    case Op::Param:
      for (std::size_t i = 0; i < m_paramNames.size(); ++i) {
        if (m_paramNames[i] == e->name) {
          value = m_paramValues[i];
        }
      }
      break;
    case Op::Count:
      value = static_cast<double>(m_count);
      break;
    case Op::Mean:
    case Op::Sum:
      value = std::nan("");  // set by run() after the aggregate pass
      break;
    default: {
      std::vector<ExprPtr> args = e->args;
      std::vector<ExprPtr> numbers;
      for (const ExprPtr& a : args) {
        numbers.push_back(makeNumber(evaluateUniform(a)));
      }
      value = make(e->op, numbers)->number;  // constant folding is the scalar evaluator
    }
  }
  m_uniformValues[e.get()] = value;
  return value;
}

namespace {

/// d_i = f(i) as a plain loop. Eigen 3.4 evaluates comparisons cast to double and select()
/// one scalar at a time (with a branch each); GCC turns these loops into compare-and-mask
/// vector code. Branch-free matters: where() and comparisons are in every kinked loss.
template <typename F>
inline void forEach(double* d, Eigen::Index n, F f) {
  for (Eigen::Index i = 0; i < n; ++i) {
    d[i] = f(i);
  }
}

}  // namespace

// Two builds of the interpreter, picked at load time by the CPU (GCC function multi-versioning,
// an ifunc): AVX2 doubles the width of the forEach loops on machines that have it, and the
// binary still runs on any x86-64.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__) && \
    !defined(__SANITIZE_THREAD__)  // TSan cannot start a program with ifuncs
__attribute__((target_clones("avx2", "default")))
#endif
void Program::executeChunk(const std::vector<Instruction>& code,
                           const double* yTrue,
                           const double* yPred,
                           std::size_t count) {
  const Eigen::Index n = static_cast<Eigen::Index>(count);
  auto reg = [&](int r) {
    return Chunk(m_storage.data() + static_cast<std::size_t>(r) * kChunk, n);
  };
  if (m_yTrueRegister >= 0) {
    reg(m_yTrueRegister) = Eigen::Map<const Eigen::ArrayXd>(yTrue, n);
  }
  if (m_yPredRegister >= 0) {
    reg(m_yPredRegister) = Eigen::Map<const Eigen::ArrayXd>(yPred, n);
  }
  if (m_residualRegister >= 0) {
    reg(m_residualRegister) =
        Eigen::Map<const Eigen::ArrayXd>(yPred, n) - Eigen::Map<const Eigen::ArrayXd>(yTrue, n);
  }
  for (const Instruction& ins : code) {
    Chunk d = reg(ins.dst);
    const Chunk a = reg(ins.a >= 0 ? ins.a : ins.dst);
    const Chunk b = reg(ins.b >= 0 ? ins.b : ins.dst);
    const Chunk c = reg(ins.c >= 0 ? ins.c : ins.dst);
    double* pd = d.data();
    const double* pa = a.data();
    const double* pb = b.data();
    const double* pc = c.data();
    switch (ins.op) {
      case Op::Neg:
        forEach(pd, n, [&](Eigen::Index i) { return -pa[i]; });
        break;
      case Op::Not:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] == 0.0 ? 1.0 : 0.0; });
        break;
      case Op::Add:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] + pb[i]; });
        break;
      case Op::Sub:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] - pb[i]; });
        break;
      case Op::Mul:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] * pb[i]; });
        break;
      case Op::Div:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] / pb[i]; });
        break;
      case Op::Pow:
        d = a.pow(b);
        break;
      case Op::Less:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] < pb[i] ? 1.0 : 0.0; });
        break;
      case Op::LessEqual:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] <= pb[i] ? 1.0 : 0.0; });
        break;
      case Op::Greater:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] > pb[i] ? 1.0 : 0.0; });
        break;
      case Op::GreaterEqual:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] >= pb[i] ? 1.0 : 0.0; });
        break;
      case Op::Equal:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] == pb[i] ? 1.0 : 0.0; });
        break;
      case Op::NotEqual:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] != pb[i] ? 1.0 : 0.0; });
        break;
      case Op::And:
        forEach(pd, n,
                [&](Eigen::Index i) { return ((pa[i] != 0.0) & (pb[i] != 0.0)) ? 1.0 : 0.0; });
        break;
      case Op::Or:
        forEach(pd, n,
                [&](Eigen::Index i) { return ((pa[i] != 0.0) | (pb[i] != 0.0)) ? 1.0 : 0.0; });
        break;
      case Op::Abs:
        forEach(pd, n, [&](Eigen::Index i) { return std::fabs(pa[i]); });
        break;
      case Op::Sign:
        // sign(0) = 0 and sign(NaN) = NaN, as TensorFlow and PyTorch.
        forEach(pd, n,
                [&](Eigen::Index i) { return pa[i] > 0.0 ? 1.0 : (pa[i] < 0.0 ? -1.0 : pa[i]); });
        break;
      // exp / log / log1p and the functions built on them: vector_math.h's branch-free versions
      // in every lane and in the tail alike (Eigen's packet exp and the scalar std::exp of the
      // tail disagreed below −708: issue 13), so a value gives the same bits at any row.
      case Op::Exp:
        forEach(pd, n, [&](Eigen::Index i) { return vmath::exp(pa[i]); });
        break;
      case Op::Log:
        forEach(pd, n, [&](Eigen::Index i) { return vmath::log(pa[i]); });
        break;
      case Op::Log1p:
        forEach(pd, n, [&](Eigen::Index i) { return vmath::log1p(pa[i]); });
        break;
      case Op::Sqrt:
        d = a.sqrt();
        break;
      case Op::Square:
        forEach(pd, n, [&](Eigen::Index i) { return pa[i] * pa[i]; });
        break;
      case Op::Sin:
        d = a.sin();
        break;
      case Op::Cos:
        d = a.cos();
        break;
      case Op::Tanh:
        d = a.tanh();
        break;
      case Op::Sigmoid:
        forEach(pd, n, [&](Eigen::Index i) { return vmath::sigmoid(pa[i]); });
        break;
      case Op::Softplus:
        forEach(pd, n, [&](Eigen::Index i) { return vmath::softplus(pa[i]); });
        break;
      case Op::Relu:
        forEach(pd, n, [&](Eigen::Index i) {
          const double x = pa[i];
          return x > 0.0 ? x : (x == x ? 0.0 : x);  // relu(NaN) = NaN
        });
        break;
      case Op::LogCosh:
        forEach(pd, n, [&](Eigen::Index i) {
          const double x = std::fabs(pa[i]);
          return x + vmath::log1p(vmath::exp(-2.0 * x)) - kLog2;
        });
        break;
      case Op::Max:
        forEach(pd, n, [&](Eigen::Index i) {
          const double x = pa[i];
          const double y = pb[i];
          return x >= y ? x : y;
        });
        break;
      case Op::Min:
        forEach(pd, n, [&](Eigen::Index i) {
          const double x = pa[i];
          const double y = pb[i];
          return x <= y ? x : y;
        });
        break;
      case Op::Clip:
        d = a.max(b).min(c);
        break;
      case Op::Where:
        // Both loads unconditional: GCC only if-converts (masks) a select of plain values.
        forEach(pd, n, [&](Eigen::Index i) {
          const double then = pb[i];
          const double otherwise = pc[i];
          return pa[i] != 0.0 ? then : otherwise;
        });
        break;
      default:
        d.setConstant(std::nan(""));
        break;
    }
  }
}

void Program::prepare(const double* yTrue,
                      const double* yPred,
                      std::size_t n,
                      const std::vector<double>& params) {
  m_paramValues = params;
  m_count = n;
  m_uniformValues.clear();
  auto fillUniforms = [&](bool afterAggregates) {
    for (std::size_t k = 0; k < m_uniformNodes.size(); ++k) {
      if (containsAggregate(m_uniformNodes[k]) != afterAggregates) {
        continue;
      }
      const double value = evaluateUniform(m_uniformNodes[k]);
      std::fill_n(m_storage.data() + static_cast<std::size_t>(m_uniformRegister[k]) * kChunk,
                  kChunk, value);
    }
  };
  fillUniforms(false);
  if (!m_aggregates.empty()) {
    std::vector<double> sums(m_aggregates.size(), 0.0);
    for (std::size_t start = 0; start < n; start += kChunk) {
      const std::size_t count = std::min(kChunk, n - start);
      executeChunk(m_aggregatePass, yTrue + start, yPred + start, count);
      for (std::size_t k = 0; k < m_aggregates.size(); ++k) {
        const double* inner =
            m_storage.data() + static_cast<std::size_t>(m_aggregates[k].inner) * kChunk;
        for (std::size_t i = 0; i < count; ++i) {
          sums[k] += inner[i];
        }
      }
    }
    for (std::size_t k = 0; k < m_aggregates.size(); ++k) {
      const double value =
          m_aggregates[k].op == Op::Mean ? sums[k] / static_cast<double>(n) : sums[k];
      for (std::size_t u = 0; u < m_uniformNodes.size(); ++u) {
        if (m_uniformRegister[u] == m_aggregates[k].uniform) {
          m_uniformValues[m_uniformNodes[u].get()] = value;
        }
      }
    }
    fillUniforms(true);
  }
}

void Program::run(const double* yTrue,
                  const double* yPred,
                  std::size_t n,
                  const std::vector<double>& params,
                  const std::vector<double*>& out) {
  prepare(yTrue, yPred, n, params);
  for (std::size_t start = 0; start < n; start += kChunk) {
    const std::size_t count = std::min(kChunk, n - start);
    executeChunk(m_main, yTrue + start, yPred + start, count);
    for (std::size_t k = 0; k < out.size(); ++k) {
      const double* src =
          m_storage.data() + static_cast<std::size_t>(m_outputRegisters[k]) * kChunk;
      std::copy_n(src, count, out[k] + start);
    }
  }
}

namespace {

// Σ first_i, and second_i = scale · source_i, in one pass (built like executeChunk: AVX2 where
// the CPU has it). Four partial sums let the additions run in parallel vector lanes.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__) && \
    !defined(__SANITIZE_THREAD__)  // TSan cannot start a program with ifuncs
__attribute__((target_clones("avx2", "default")))
#endif
double
sumAndScale(
    const double* first, const double* source, double* second, std::size_t n, double scale) {
  double sums[4] = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    for (std::size_t lane = 0; lane < 4; ++lane) {
      sums[lane] += first[i + lane];
      second[i + lane] = scale * source[i + lane];
    }
  }
  for (; i < n; ++i) {
    sums[0] += first[i];
    second[i] = scale * source[i];
  }
  return (sums[0] + sums[1]) + (sums[2] + sums[3]);
}

}  // namespace

double Program::runSumAndScale(const double* yTrue,
                               const double* yPred,
                               std::size_t n,
                               const std::vector<double>& params,
                               double* second,
                               double scale) {
  prepare(yTrue, yPred, n, params);
  const double* first =
      m_storage.data() + static_cast<std::size_t>(m_outputRegisters.at(0)) * kChunk;
  const double* source =
      m_storage.data() + static_cast<std::size_t>(m_outputRegisters.at(1)) * kChunk;
  double sum = 0;
  for (std::size_t start = 0; start < n; start += kChunk) {
    const auto count = static_cast<Eigen::Index>(std::min(kChunk, n - start));
    executeChunk(m_main, yTrue + start, yPred + start, static_cast<std::size_t>(count));
    sum += sumAndScale(first, source, second + start, static_cast<std::size_t>(count), scale);
  }
  return sum;
}

}  // namespace losslab::formula
