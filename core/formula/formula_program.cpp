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

Program::Program(const std::vector<ExprPtr>& outputs,
                 std::vector<std::string> paramNames,
                 std::vector<std::string> inputNames)
    : m_paramNames(std::move(paramNames)),
      m_inputNames(std::move(inputNames)),
      m_outputs(outputs),
      m_inputRegisters(m_inputNames.size(), -1) {
  for (const ExprPtr& output : outputs) {
    m_outputRegisters.push_back(compile(output, kMainCode));
  }
  m_storage.assign(static_cast<std::size_t>(m_registerCount) * kChunk, 0.0);
}

std::size_t Program::instructionCount() const {
  std::size_t count = m_main.size() + m_aggregatePass.size();
  for (const auto& stage : m_stageCode) {
    count += stage.size();
  }
  return count;
}

std::vector<Program::Instruction>& Program::code(int id) {
  return id == kMainCode        ? m_main
         : id == kAggregateCode ? m_aggregatePass
                                : m_stageCode[static_cast<std::size_t>(id)];
}

int Program::compile(const ExprPtr& e, int codeId) {
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
      const int inner = compileElement(e->args[0], kAggregateCode);
      m_aggregates.push_back({e->op, inner, reg});
    } else {
      // Aggregates inside a uniform expression (sqrt(mean(...))) still need their pass.
      std::vector<ExprPtr> stack = {e};
      while (!stack.empty()) {
        const ExprPtr node = stack.back();
        stack.pop_back();
        if (node->op == Op::Mean || node->op == Op::Sum) {
          compile(node, codeId);
        } else {
          for (const ExprPtr& a : node->args) {
            stack.push_back(a);
          }
        }
      }
    }
    return reg;
  }
  return compileElement(e, codeId);
}

int Program::compileElement(const ExprPtr& e, int codeId) {
  if (auto it = m_registerOf.find(e.get()); it != m_registerOf.end()) {
    return it->second;
  }
  // An element node's register holds the current chunk of the code list that computes it, so
  // each list (stage, aggregate pass, main) computes its own.
  const auto key = std::make_pair(codeId, e.get());
  if (auto it = m_elementRegisterOf.find(key); it != m_elementRegisterOf.end()) {
    return it->second;
  }
  if (!isElementNode(e)) {
    return compile(e, codeId);
  }
  if (e->op == Op::Variable) {
    int* reg = &m_residualRegister;
    switch (e->variable) {
      case VariableKind::YTrue:
        reg = &m_yTrueRegister;
        break;
      case VariableKind::YPred:
        reg = &m_yPredRegister;
        break;
      case VariableKind::Residual:
        break;
      case VariableKind::Column:
        reg = &m_columnRegister;
        break;
      case VariableKind::Input:
        for (std::size_t i = 0; i < m_inputNames.size(); ++i) {
          if (m_inputNames[i] == e->name) {
            reg = &m_inputRegisters[i];
          }
        }
        break;
    }
    if (*reg < 0) {
      *reg = m_registerCount++;
    }
    m_registerOf[e.get()] = *reg;
    return *reg;
  }
  if (isRowOp(e->op)) {
    const int stageCode = static_cast<int>(m_stageCode.size());
    m_stageCode.emplace_back();
    const int inner = compileElement(e->args[0], stageCode);  // its own stages come first
    const int reg = m_registerCount++;
    m_rows.push_back({e, stageCode, inner, reg, containsAggregate(e)});
    m_registerOf[e.get()] = reg;
    return reg;
  }
  Instruction ins{e->op, -1};
  if (!e->args.empty()) {
    ins.a = compileElement(e->args[0], codeId);
  }
  if (e->args.size() > 1) {
    ins.b = compileElement(e->args[1], codeId);
  }
  if (e->args.size() > 2) {
    ins.c = compileElement(e->args[2], codeId);
  }
  ins.dst = m_registerCount++;
  code(codeId).push_back(ins);
  m_elementRegisterOf[key] = ins.dst;
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
    case Op::Columns:
      value = static_cast<double>(m_in.cols);
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
                           std::size_t start,
                           std::size_t count) {
  const Eigen::Index n = static_cast<Eigen::Index>(count);
  auto reg = [&](int r) {
    return Chunk(m_storage.data() + static_cast<std::size_t>(r) * kChunk, n);
  };
  const double* yTrue = m_in.yTrue + start;
  const double* yPred = m_in.yPred + start;
  for (std::size_t i = 0; i < m_inputRegisters.size(); ++i) {
    if (m_inputRegisters[i] >= 0) {
      reg(m_inputRegisters[i]) = Eigen::Map<const Eigen::ArrayXd>(m_in.inputs[i] + start, n);
    }
  }
  if (m_columnRegister >= 0) {
    double* column = reg(m_columnRegister).data();
    for (std::size_t i = 0; i < count; ++i) {
      column[i] = static_cast<double>((start + i) % m_in.cols);
    }
  }
  for (std::size_t k = 0; k < m_rows.size(); ++k) {
    if (m_rowReady[k]) {
      reg(m_rows[k].reg) = Eigen::Map<const Eigen::ArrayXd>(m_rowValues[k].data() + start, n);
    }
  }
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
        // sign(0) = 0 and sign(NaN) = 0: PyTorch's torch.sign (checked on 1.13; pytorch#41245)
        // and the built-in kernels' signum. −0 gives 0.
        forEach(pd, n,
                [&](Eigen::Index i) { return pa[i] > 0.0 ? 1.0 : (pa[i] < 0.0 ? -1.0 : 0.0); });
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
      case Op::Atan:  // std::atan in every row (one path for every position)
        forEach(pd, n, [&](Eigen::Index i) { return std::atan(pa[i]); });
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
          return (x >= y || x != x) ? x : y;  // NaN in either gives NaN (torch.maximum)
        });
        break;
      case Op::Min:
        forEach(pd, n, [&](Eigen::Index i) {
          const double x = pa[i];
          const double y = pb[i];
          return (x <= y || x != x) ? x : y;  // NaN in either gives NaN (torch.minimum)
        });
        break;
      case Op::Clip:
        // min(max(x, lo), hi) with NaN x giving NaN (torch.clamp; Eigen's max/min do not say).
        forEach(pd, n, [&](Eigen::Index i) {
          const double low = pa[i] < pb[i] ? pb[i] : pa[i];
          return low > pc[i] ? pc[i] : low;
        });
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

void Program::runRowStage(std::size_t k) {
  const RowStage& stage = m_rows[k];
  const std::size_t n = m_count;
  const std::size_t cols = m_in.cols;
  m_rowScratch.resize(n);
  for (std::size_t start = 0; start < n; start += kChunk) {
    const std::size_t count = std::min(kChunk, n - start);
    executeChunk(m_stageCode[static_cast<std::size_t>(stage.code)], start, count);
    std::copy_n(m_storage.data() + static_cast<std::size_t>(stage.inner) * kChunk, count,
                m_rowScratch.data() + start);
  }
  std::vector<double>& out = m_rowValues[k];
  out.resize(n);
  for (std::size_t row = 0; row + cols <= n; row += cols) {
    const Eigen::Map<const Eigen::ArrayXd> x(m_rowScratch.data() + row,
                                             static_cast<Eigen::Index>(cols));
    Eigen::Map<Eigen::ArrayXd> y(out.data() + row, static_cast<Eigen::Index>(cols));
    const bool hasNaN = x.isNaN().any();
    const double max = hasNaN ? std::nan("") : x.maxCoeff();
    // The maximum taken out, so no exponential overflows (a ±inf maximum is kept as it is).
    const double shift = std::isfinite(max) ? max : 0.0;
    auto logSumShifted = [&] { return std::log((x - shift).exp().sum()); };  // lse − shift
    auto logSumExp = [&] { return std::isfinite(max) ? max + logSumShifted() : max; };
    switch (stage.node->op) {
      case Op::RowSum:
        y.setConstant(x.sum());
        break;
      case Op::RowMean:
        y.setConstant(x.sum() / static_cast<double>(cols));
        break;
      case Op::RowMax:
        y.setConstant(max);
        break;
      case Op::Norm:
        y.setConstant(std::sqrt(x.square().sum()));
        break;
      case Op::LogSumExp:
        y.setConstant(logSumExp());
        break;
      case Op::Softmax: {
        y = (x - shift).exp();
        y /= y.sum();
        break;
      }
      case Op::LogSoftmax:
        y = (x - shift) - logSumShifted();
        break;
      default:
        y.setConstant(std::nan(""));
        break;
    }
  }
  m_rowReady[k] = 1;
}

void Program::prepare(const ProgramInputs& in, const std::vector<double>& params) {
  m_in = in;
  m_paramValues = params;
  m_count = in.n;
  const std::size_t n = in.n;
  m_uniformValues.clear();
  m_rowValues.resize(m_rows.size());
  m_rowReady.assign(m_rows.size(), 0);
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
  auto runRows = [&](bool afterAggregates) {
    for (std::size_t k = 0; k < m_rows.size(); ++k) {
      if (m_rows[k].afterAggregates == afterAggregates) {
        runRowStage(k);
      }
    }
  };
  fillUniforms(false);
  runRows(false);
  if (!m_aggregates.empty()) {
    std::vector<double> sums(m_aggregates.size(), 0.0);
    for (std::size_t start = 0; start < n; start += kChunk) {
      const std::size_t count = std::min(kChunk, n - start);
      executeChunk(m_aggregatePass, start, count);
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
  runRows(true);
}

void Program::run(const ProgramInputs& in,
                  const std::vector<double>& params,
                  const std::vector<double*>& out) {
  prepare(in, params);
  for (std::size_t start = 0; start < in.n; start += kChunk) {
    const std::size_t count = std::min(kChunk, in.n - start);
    executeChunk(m_main, start, count);
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

double Program::runSumAndScale(const ProgramInputs& in,
                               const std::vector<double>& params,
                               double* second,
                               double scale) {
  prepare(in, params);
  const std::size_t n = in.n;
  const double* first =
      m_storage.data() + static_cast<std::size_t>(m_outputRegisters.at(0)) * kChunk;
  const double* source =
      m_storage.data() + static_cast<std::size_t>(m_outputRegisters.at(1)) * kChunk;
  double sum = 0;
  for (std::size_t start = 0; start < n; start += kChunk) {
    const auto count = static_cast<Eigen::Index>(std::min(kChunk, n - start));
    executeChunk(m_main, start, static_cast<std::size_t>(count));
    sum += sumAndScale(first, source, second + start, static_cast<std::size_t>(count), scale);
  }
  return sum;
}

}  // namespace losslab::formula
