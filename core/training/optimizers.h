// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include <Eigen/Core>

namespace losslab {

// First-order optimizers with Keras 3's defaults and update formulas
// (keras/src/optimizers/{sgd,adam,rmsprop}.py). Each has an Options struct (hyperparameters, may
// change between steps) and a State struct (per run, sized once from the parameter count), the
// split of ensmallen's AdamUpdate / Policy. Updates are in place and allocate nothing; a
// default-constructed (empty) State is sized to 0 on the first update.

/// Keras SGD. With momentum μ > 0 the velocity v (Keras' "momentum" variable) is
///   v ← μ v − lr g,   w ← w + v                  (plain)
///   v ← μ v − lr g,   w ← w + μ v − lr g         (Nesterov, with the new v)
/// and without momentum w ← w − lr g. For a constant lr this equals PyTorch's SGD, whose buffer
/// is b = −v / lr.
struct SgdOptions {
  double learningRate = 0.01;  // lr > 0
  double momentum = 0;         // μ ∈ [0, 1]
  bool nesterov = false;
};
struct SgdState {
  Eigen::VectorXd velocity;  // v, 0 at the start (unused when μ = 0)
};

/// Keras Adam, bias correction folded into the step size (ε is "ε hat" of Kingma & Ba):
///   t ← t + 1,  α = lr √(1 − β₂ᵗ) / (1 − β₁ᵗ)
///   m ← m + (g − m)(1 − β₁),  v ← v + (g² − v)(1 − β₂),  w ← w − α m / (√v + ε).
/// PyTorch divides by √v̂ + ε with v̂ = v / (1 − β₂ᵗ) instead, i.e. its ε is ours times
/// √(1 − β₂ᵗ); the two agree only when ε is negligible.
struct AdamOptions {
  double learningRate = 0.001;
  double beta1 = 0.9;     // β₁ ∈ [0, 1)
  double beta2 = 0.999;   // β₂ ∈ [0, 1)
  double epsilon = 1e-7;  // ε ≥ 0
};
struct AdamState {
  Eigen::VectorXd m;            // first moment, 0 at the start
  Eigen::VectorXd v;            // second moment, 0 at the start
  std::int64_t iterations = 0;  // t, steps taken
};

/// Keras RMSprop, ε INSIDE the square root (PyTorch adds it outside):
///   s ← ρ s + (1 − ρ) g²;  centered: ḡ ← ρ ḡ + (1 − ρ) g,  d = s − ḡ² + ε, else d = s + ε
///   Δ = lr g / √d;  momentum μ > 0: u ← μ u + Δ, w ← w − u;  else w ← w − Δ.
struct RmsPropOptions {
  double learningRate = 0.001;
  double rho = 0.9;       // ρ ∈ [0, 1)
  double momentum = 0;    // μ ∈ [0, 1]
  double epsilon = 1e-7;  // ε ≥ 0
  bool centered = false;
};
struct RmsPropState {
  Eigen::VectorXd velocity;         // s
  Eigen::VectorXd momentum;         // u (used when μ > 0)
  Eigen::VectorXd averageGradient;  // ḡ (used when centered)
};

void sgdUpdate(const SgdOptions& options,
               SgdState& state,
               Eigen::Ref<Eigen::VectorXd> w,
               const Eigen::Ref<const Eigen::VectorXd>& g);
void adamUpdate(const AdamOptions& options,
                AdamState& state,
                Eigen::Ref<Eigen::VectorXd> w,
                const Eigen::Ref<const Eigen::VectorXd>& g);
void rmsPropUpdate(const RmsPropOptions& options,
                   RmsPropState& state,
                   Eigen::Ref<Eigen::VectorXd> w,
                   const Eigen::Ref<const Eigen::VectorXd>& g);

enum class OptimizerKind { Sgd, Adam, RmsProp };
std::string optimizerName(OptimizerKind kind);              // "sgd", "adam", "rmsprop"
OptimizerKind parseOptimizerKind(const std::string& name);  // throws Error::usage

/// Which optimizer and its hyperparameters (the inactive kinds' options are kept so that a GUI can
/// switch back and forth without losing them).
struct OptimizerOptions {
  OptimizerKind kind = OptimizerKind::Adam;
  SgdOptions sgd;
  AdamOptions adam;
  RmsPropOptions rmsprop;
  /// Keras 3 `weight_decay` (decoupled): before each update w ← w − lr · wd · w, on every
  /// parameter (biases too, as Keras does unless told to exclude them). For plain SGD this is the
  /// L2 penalty (wd / 2)‖w‖² added to the loss. 0 = off.
  double weightDecay = 0;

  /// The active kind's learning rate.
  double learningRate() const;
  void setLearningRate(double lr);
};

/// Empty if the options are valid, else what is wrong (ranges as in the comments above).
std::string checkOptimizerOptions(const OptimizerOptions& options);

/// One optimizer for a fixed number of parameters: the options plus the state of the active kind.
class Optimizer {
 public:
  /// Throws Error::usage if checkOptimizerOptions() finds a problem.
  Optimizer(const OptimizerOptions& options, Eigen::Index parameterCount);

  const OptimizerOptions& options() const { return m_options; }
  /// Same kind: the state is kept (a learning-rate change in a live run, as assigning
  /// `optimizer.learning_rate` does in Keras). Another kind: the state starts from 0.
  void setOptions(const OptimizerOptions& options);
  /// Back to the state of a fresh run (moments 0, t = 0).
  void reset();
  /// Steps taken since the last reset().
  std::int64_t iterations() const { return m_iterations; }
  Eigen::Index parameterCount() const { return m_count; }

  /// w ← update(w, g). Sizes must equal parameterCount() (Error::usage otherwise).
  void step(Eigen::Ref<Eigen::VectorXd> w, const Eigen::Ref<const Eigen::VectorXd>& g);

 private:
  OptimizerOptions m_options;
  Eigen::Index m_count = 0;
  std::int64_t m_iterations = 0;
  SgdState m_sgd;
  AdamState m_adam;
  RmsPropState m_rmsProp;
};

}  // namespace losslab
