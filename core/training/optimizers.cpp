// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/optimizers.h"

#include <cmath>

#include "core/engine/error.h"
#include "core/training/dense_kernels.h"

namespace losslab {

namespace {

struct KindName {
  OptimizerKind kind;
  const char* name;
};
constexpr KindName kKindNames[] = {
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Adam, "adam"},
    {OptimizerKind::RmsProp, "rmsprop"},
};

bool inRange(double value, double lo, double hi, bool hiOpen) {
  return std::isfinite(value) && value >= lo && (hiOpen ? value < hi : value <= hi);
}

}  // namespace

void sgdUpdate(const SgdOptions& options,
               SgdState& state,
               Eigen::Ref<Eigen::VectorXd> w,
               const Eigen::Ref<const Eigen::VectorXd>& g) {
  const double lr = options.learningRate;
  const double mu = options.momentum;
  if (state.velocity.size() != w.size()) {
    state.velocity.setZero(w.size());  // a fresh state: v = 0
  }
  if (mu == 0) {
    w.noalias() -= lr * g;
    return;
  }
  state.velocity = mu * state.velocity - lr * g;
  if (options.nesterov) {
    w.noalias() += mu * state.velocity - lr * g;
  } else {
    w += state.velocity;
  }
}

void adamUpdate(const AdamOptions& options,
                AdamState& state,
                Eigen::Ref<Eigen::VectorXd> w,
                const Eigen::Ref<const Eigen::VectorXd>& g) {
  if (state.m.size() != w.size() || state.v.size() != w.size()) {
    state.m.setZero(w.size());
    state.v.setZero(w.size());
    state.iterations = 0;
  }
  ++state.iterations;
  const double t = static_cast<double>(state.iterations);
  const double alpha = options.learningRate * std::sqrt(1.0 - std::pow(options.beta2, t)) /
                       (1.0 - std::pow(options.beta1, t));
  // One pass over (g, m, v, w) instead of three, in the dispatched kernel (same operations as
  // Keras' lines, same bits in every instruction set).
  dense::adam(w.data(), state.m.data(), state.v.data(), g.data(), w.size(), 1.0 - options.beta1,
              1.0 - options.beta2, alpha, options.epsilon);
}

void rmsPropUpdate(const RmsPropOptions& options,
                   RmsPropState& state,
                   Eigen::Ref<Eigen::VectorXd> w,
                   const Eigen::Ref<const Eigen::VectorXd>& g) {
  const double rho = options.rho;
  const double lr = options.learningRate;
  if (state.velocity.size() != w.size()) {
    state.velocity.setZero(w.size());
    state.momentum.setZero(w.size());
    state.averageGradient.setZero(w.size());
  }
  state.velocity.array() = rho * state.velocity.array() + (1.0 - rho) * g.array().square();
  if (options.centered) {
    state.averageGradient = rho * state.averageGradient + (1.0 - rho) * g;
  }
  // Δ is written into the momentum buffer when there is one, else applied directly.
  if (options.momentum > 0) {
    if (options.centered) {
      state.momentum.array() =
          options.momentum * state.momentum.array() +
          lr * g.array() /
              (state.velocity.array() - state.averageGradient.array().square() + options.epsilon)
                  .sqrt();
    } else {
      state.momentum.array() = options.momentum * state.momentum.array() +
                               lr * g.array() / (state.velocity.array() + options.epsilon).sqrt();
    }
    w -= state.momentum;
  } else if (options.centered) {
    w.array() -=
        lr * g.array() /
        (state.velocity.array() - state.averageGradient.array().square() + options.epsilon).sqrt();
  } else {
    w.array() -= lr * g.array() / (state.velocity.array() + options.epsilon).sqrt();
  }
}

std::string optimizerName(OptimizerKind kind) {
  for (const auto& entry : kKindNames) {
    if (entry.kind == kind) {
      return entry.name;
    }
  }
  return "?";
}

OptimizerKind parseOptimizerKind(const std::string& name) {
  for (const auto& entry : kKindNames) {
    if (name == entry.name) {
      return entry.kind;
    }
  }
  throw Error::usage("unknown optimizer '" + name + "' (expected sgd, adam or rmsprop)");
}

double OptimizerOptions::learningRate() const {
  switch (kind) {
    case OptimizerKind::Sgd:
      return sgd.learningRate;
    case OptimizerKind::Adam:
      return adam.learningRate;
    case OptimizerKind::RmsProp:
      return rmsprop.learningRate;
  }
  return 0;
}

void OptimizerOptions::setLearningRate(double lr) {
  switch (kind) {
    case OptimizerKind::Sgd:
      sgd.learningRate = lr;
      break;
    case OptimizerKind::Adam:
      adam.learningRate = lr;
      break;
    case OptimizerKind::RmsProp:
      rmsprop.learningRate = lr;
      break;
  }
}

std::string checkOptimizerOptions(const OptimizerOptions& options) {
  const double lr = options.learningRate();
  if (!std::isfinite(lr) || lr <= 0) {
    return "the learning rate must be a positive number, got " + std::to_string(lr);
  }
  if (!inRange(options.weightDecay, 0, HUGE_VAL, false)) {
    return "weight decay must be ≥ 0";
  }
  switch (options.kind) {
    case OptimizerKind::Sgd:
      if (!inRange(options.sgd.momentum, 0, 1, false)) {
        return "SGD momentum must be in [0, 1]";
      }
      break;
    case OptimizerKind::Adam:
      if (!inRange(options.adam.beta1, 0, 1, true) || !inRange(options.adam.beta2, 0, 1, true)) {
        return "Adam's beta_1 and beta_2 must be in [0, 1)";
      }
      if (!inRange(options.adam.epsilon, 0, HUGE_VAL, false)) {
        return "Adam's epsilon must be ≥ 0";
      }
      break;
    case OptimizerKind::RmsProp:
      if (!inRange(options.rmsprop.rho, 0, 1, true)) {
        return "RMSprop's rho must be in [0, 1)";
      }
      if (!inRange(options.rmsprop.momentum, 0, 1, false)) {
        return "RMSprop's momentum must be in [0, 1]";
      }
      if (!inRange(options.rmsprop.epsilon, 0, HUGE_VAL, false)) {
        return "RMSprop's epsilon must be ≥ 0";
      }
      break;
  }
  return {};
}

Optimizer::Optimizer(const OptimizerOptions& options, Eigen::Index parameterCount)
    : m_options(options), m_count(parameterCount) {
  if (std::string problem = checkOptimizerOptions(options); !problem.empty()) {
    throw Error::usage(problem);
  }
  reset();
}

void Optimizer::setOptions(const OptimizerOptions& options) {
  if (std::string problem = checkOptimizerOptions(options); !problem.empty()) {
    throw Error::usage(problem);
  }
  const bool sameKind = options.kind == m_options.kind;
  m_options = options;
  if (!sameKind) {
    reset();
  }
}

void Optimizer::reset() {
  m_iterations = 0;
  m_sgd.velocity.setZero(m_count);
  m_adam.m.setZero(m_count);
  m_adam.v.setZero(m_count);
  m_adam.iterations = 0;
  m_rmsProp.velocity.setZero(m_count);
  m_rmsProp.momentum.setZero(m_count);
  m_rmsProp.averageGradient.setZero(m_count);
}

void Optimizer::step(Eigen::Ref<Eigen::VectorXd> w, const Eigen::Ref<const Eigen::VectorXd>& g) {
  if (w.size() != m_count || g.size() != m_count) {
    throw Error::usage("the optimizer was built for " + std::to_string(m_count) +
                       " parameters, got " + std::to_string(w.size()) + " values and " +
                       std::to_string(g.size()) + " gradients");
  }
  if (m_options.weightDecay > 0) {
    w *= 1.0 - m_options.learningRate() * m_options.weightDecay;
  }
  switch (m_options.kind) {
    case OptimizerKind::Sgd:
      sgdUpdate(m_options.sgd, m_sgd, w, g);
      break;
    case OptimizerKind::Adam:
      adamUpdate(m_options.adam, m_adam, w, g);
      break;
    case OptimizerKind::RmsProp:
      rmsPropUpdate(m_options.rmsprop, m_rmsProp, w, g);
      break;
  }
  ++m_iterations;
}

}  // namespace losslab
