// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Core>

namespace losslab {

/// Element-wise activation of a dense layer. The derivative is written in terms of the output
/// a = f(z), so only activations are stored: relu′ = 1[a > 0] (0 at z = 0, TensorFlow's
/// convention), tanh′ = 1 − a², sigmoid′ = a(1 − a), linear′ = 1.
enum class Activation { Linear, Relu, Tanh, Sigmoid };

/// Weight initialisation; biases always start at 0 (Keras' `zeros`).
///  * GlorotUniform (Keras' default): U(−l, l), l = √(6 / (fan_in + fan_out)).
///  * HeUniform: U(−l, l), l = √(6 / fan_in).
///  * HeNormal (Keras): N(0, σ²) truncated to ±2σ before scaling, σ = √(2 / fan_in) / 0.8796…
///    (the standard deviation of a unit normal truncated to ±2, so the result has variance
///    2 / fan_in).
enum class Init { GlorotUniform, HeUniform, HeNormal };

std::string activationName(Activation activation);    // "relu", …
Activation parseActivation(const std::string& name);  // throws Error::usage
std::string initName(Init init);                      // "glorot_uniform", "he_uniform", …
Init parseInit(const std::string& name);              // throws Error::usage

/// Shape and initialisation of a multilayer perceptron. The default is the network of seed 003:
/// Dense(16, relu) → Dense(32, relu) → Dense(1) on 4 inputs.
struct MlpOptions {
  Eigen::Index inputs = 4;                      // features per sample
  std::vector<Eigen::Index> hidden = {16, 32};  // hidden widths; empty = a linear model
  Eigen::Index outputs = 1;                     // predictions per sample
  Activation hiddenActivation = Activation::Relu;
  Activation outputActivation = Activation::Linear;
  Init init = Init::GlorotUniform;
  std::uint64_t seed = 3;      // drives the initial weights (std::mt19937_64)
  Eigen::Index maxBatch = 32;  // scratch is allocated for this many samples per forward()
};

/// Dense layers with hand-written forward and backward passes over a whole minibatch.
///
/// Maths, with samples as columns: a batch of b samples is (inputs × b) and a layer is one
/// matrix product:
///   Z_l = W_l A_{l−1} + b_l 1ᵀ,   A_l = f_l(Z_l),   W_l is (n_l × n_{l−1}).
/// Backward, with Δ_l = ∂L/∂Z_l:
///   Δ_L = ∂L/∂A_L ⊙ f_L′,  ∂L/∂W_l = Δ_l A_{l−1}ᵀ,  ∂L/∂b_l = Δ_l 1,
///   Δ_{l−1} = (W_lᵀ Δ_l) ⊙ f_{l−1}′.
/// The arithmetic runs in dense_kernels.h on row-major panels (a unit's values over the batch
/// contiguous, the batch padded to a multiple of 8), in AVX-512, AVX2 or SSE2 with identical
/// results. For one output the (1 × b) prediction row has the memory layout of the loss engine's
/// (b × 1) y_pred, so predictions and ∂L/∂ŷ pass between the two without reshuffling.
///
/// Parameters live in ONE flat vector (micrograd's `parameters()`, seen by optimizers and gradient
/// checks as a single VectorXd): for each layer l in order, W_l column-major then b_l. The
/// gradient vector has the same layout. `weights(l)`/`bias(l)` are Eigen::Map views into it,
/// built on each call from stored offsets, so copying an Mlp never leaves a view dangling.
///
/// All scratch (activations and deltas for `maxBatch` samples) is allocated by the constructor
/// and `reserve()`; forward() and backward() allocate nothing.
class Mlp {
 public:
  explicit Mlp(const MlpOptions& options = {});

  const MlpOptions& options() const { return m_options; }
  Eigen::Index inputCount() const { return m_options.inputs; }
  Eigen::Index outputCount() const { return m_options.outputs; }
  int layerCount() const { return static_cast<int>(m_layers.size()); }
  /// Widths n_0 (inputs), n_1, …, n_L (outputs).
  std::vector<Eigen::Index> widths() const;
  Eigen::Index maxBatch() const { return m_maxBatch; }
  /// Grows the scratch to `maxBatch` samples per forward() (never shrinks).
  void reserve(Eigen::Index maxBatch);

  /// Draws new weights from `seed` with the configured scheme; biases become 0.
  void initialize(std::uint64_t seed);

  Eigen::VectorXd& parameters() { return m_params; }
  const Eigen::VectorXd& parameters() const { return m_params; }
  Eigen::VectorXd& gradient() { return m_grad; }
  const Eigen::VectorXd& gradient() const { return m_grad; }
  Eigen::Index parameterCount() const { return m_params.size(); }
  /// Sets the gradient to 0; backward() accumulates into it.
  void zeroGrad() { m_grad.setZero(); }

  /// Views of layer `l` (0-based) inside parameters() and gradient().
  Eigen::Map<Eigen::MatrixXd> weights(int l);
  Eigen::Map<const Eigen::MatrixXd> weights(int l) const;
  Eigen::Map<Eigen::VectorXd> bias(int l);
  Eigen::Map<const Eigen::VectorXd> bias(int l) const;
  Eigen::Map<Eigen::MatrixXd> weightGradient(int l);
  Eigen::Map<Eigen::VectorXd> biasGradient(int l);

  /// Forward pass of b ≤ maxBatch() samples, `x` is (inputs × b). Returns the (outputs × b)
  /// predictions, a view of internal storage valid until the next forward(). Keeps what
  /// backward() needs. Throws Error::usage on a wrong shape.
  Eigen::Block<const Eigen::MatrixXd> forward(const Eigen::Ref<const Eigen::MatrixXd>& x);

  /// Backward pass for the last forward(): `outputGrad` = ∂L/∂(predictions), (outputs × b).
  /// ADDS ∂L/∂θ to gradient() (call zeroGrad() first for a fresh gradient).
  void backward(const Eigen::Ref<const Eigen::MatrixXd>& outputGrad);

  /// Predictions for any number of samples (chunks of maxBatch()); `out` is (outputs × n).
  /// Overwrites what backward() would use.
  void predict(const Eigen::Ref<const Eigen::MatrixXd>& x, Eigen::Ref<Eigen::MatrixXd> out);

 private:
  /// A panel: one row per unit, one column per sample (padded to a multiple of 8).
  using Panel = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  struct Layer {
    Eigen::Index in = 0;
    Eigen::Index out = 0;
    Eigen::Index offset = 0;  // of W in the flat vector; b follows at offset + in·out
    Activation activation = Activation::Linear;
    Panel activations;  // A_l
    Panel delta;        // Δ_l = ∂L/∂Z_l
  };

  MlpOptions m_options;
  std::vector<Layer> m_layers;
  Eigen::VectorXd m_params;
  Eigen::VectorXd m_grad;
  Panel m_input;             // A_0
  Eigen::MatrixXd m_output;  // predictions of the last forward(), (outputs × maxBatch)
  Eigen::Index m_maxBatch = 0;
  Eigen::Index m_batch = 0;   // samples in the last forward()
  Eigen::Index m_padded = 0;  // m_batch rounded up to a multiple of 8
};

}  // namespace losslab
