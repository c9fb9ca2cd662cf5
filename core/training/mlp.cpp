// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/mlp.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/engine/error.h"
#include "core/training/dense_kernels.h"
#include "core/training/random.h"

namespace losslab {

namespace {

struct ActivationName {
  Activation activation;
  const char* name;
};
constexpr ActivationName kActivationNames[] = {
    {Activation::Linear, "linear"},
    {Activation::Relu, "relu"},
    {Activation::Tanh, "tanh"},
    {Activation::Sigmoid, "sigmoid"},
};

struct InitName {
  Init init;
  const char* name;
};
constexpr InitName kInitNames[] = {
    {Init::GlorotUniform, "glorot_uniform"},
    {Init::HeUniform, "he_uniform"},
    {Init::HeNormal, "he_normal"},
};

// Standard deviation of a unit normal truncated to [−2, 2] (Keras' VarianceScaling constant).
constexpr double kTruncatedNormalStd = 0.87962566103423978;

using Panel = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
/// A panel's storage seen with row stride ld = the padded batch (≤ its allocated columns): the
/// batch's rows packed back to back. With the allocated width as stride (256 columns for a
/// trainer's whole-set chunks) the rows of a 32-sample batch sat 2 KiB apart, every row on the
/// same few L1 sets, and the conflict misses cost more than the arithmetic.
using PanelMap = Eigen::Map<Panel>;
using ConstPanelMap = Eigen::Map<const Panel>;

PanelMap packed(Panel& panel, Eigen::Index ld) {
  return {panel.data(), panel.rows(), ld};
}
ConstPanelMap packed(const Panel& panel, Eigen::Index ld) {
  return {panel.data(), panel.rows(), ld};
}

Eigen::Index paddedBatch(Eigen::Index b) {
  return (b + dense::kChunk - 1) / dense::kChunk * dense::kChunk;
}

/// A ← f(A) for the activations the product kernel did not fuse (relu is fused).
void activate(Activation activation, PanelMap a, Eigen::Index columns) {
  switch (activation) {
    case Activation::Linear:
    case Activation::Relu:
      break;
    case Activation::Tanh:
      a.leftCols(columns).array() = a.leftCols(columns).array().tanh();
      break;
    case Activation::Sigmoid:
      // Eigen's logistic is 1 / (1 + e^{−z}) evaluated without overflow to NaN.
      a.leftCols(columns).array() = a.leftCols(columns).array().logistic();
      break;
  }
}

/// D ← D ⊙ f′, with f′ written through the stored output A (see Activation).
void multiplyByDerivative(Activation activation,
                          ConstPanelMap a,
                          PanelMap d,
                          Eigen::Index columns) {
  switch (activation) {
    case Activation::Linear:
      break;
    case Activation::Relu:
      for (Eigen::Index r = 0; r < d.rows(); ++r) {
        dense::reluBackward(a.row(r).data(), d.row(r).data(), columns);
      }
      break;
    case Activation::Tanh:
      d.leftCols(columns).array() *= 1.0 - a.leftCols(columns).array().square();
      break;
    case Activation::Sigmoid:
      d.leftCols(columns).array() *=
          a.leftCols(columns).array() * (1.0 - a.leftCols(columns).array());
      break;
  }
}

}  // namespace

std::string activationName(Activation activation) {
  for (const auto& entry : kActivationNames) {
    if (entry.activation == activation) {
      return entry.name;
    }
  }
  return "?";
}

Activation parseActivation(const std::string& name) {
  for (const auto& entry : kActivationNames) {
    if (name == entry.name) {
      return entry.activation;
    }
  }
  throw Error::usage("unknown activation '" + name + "' (expected linear, relu, tanh or sigmoid)");
}

std::string initName(Init init) {
  for (const auto& entry : kInitNames) {
    if (entry.init == init) {
      return entry.name;
    }
  }
  return "?";
}

Init parseInit(const std::string& name) {
  for (const auto& entry : kInitNames) {
    if (name == entry.name) {
      return entry.init;
    }
  }
  throw Error::usage("unknown initialiser '" + name +
                     "' (expected glorot_uniform, he_uniform or he_normal)");
}

Mlp::Mlp(const MlpOptions& options) : m_options(options) {
  if (options.inputs < 1 || options.outputs < 1) {
    throw Error::usage("a network needs at least one input and one output");
  }
  std::vector<Eigen::Index> sizes = widths();
  Eigen::Index offset = 0;
  for (std::size_t l = 1; l < sizes.size(); ++l) {
    if (sizes[l] < 1) {
      throw Error::usage("hidden layer " + std::to_string(l) + " has width " +
                         std::to_string(sizes[l]) + "; widths must be at least 1");
    }
    Layer layer;
    layer.in = sizes[l - 1];
    layer.out = sizes[l];
    layer.offset = offset;
    layer.activation = l + 1 == sizes.size() ? options.outputActivation : options.hiddenActivation;
    offset += layer.in * layer.out + layer.out;
    m_layers.push_back(std::move(layer));
  }
  m_params = Eigen::VectorXd::Zero(offset);
  m_grad = Eigen::VectorXd::Zero(offset);
  reserve(std::max<Eigen::Index>(options.maxBatch, 1));
  initialize(options.seed);
}

std::vector<Eigen::Index> Mlp::widths() const {
  std::vector<Eigen::Index> sizes;
  sizes.push_back(m_options.inputs);
  sizes.insert(sizes.end(), m_options.hidden.begin(), m_options.hidden.end());
  sizes.push_back(m_options.outputs);
  return sizes;
}

void Mlp::reserve(Eigen::Index maxBatch) {
  if (maxBatch <= m_maxBatch) {
    return;
  }
  m_maxBatch = maxBatch;
  const Eigen::Index columns = paddedBatch(maxBatch);
  m_input.setZero(m_options.inputs, columns);
  m_output.setZero(m_options.outputs, maxBatch);
  for (Layer& layer : m_layers) {
    layer.activations.setZero(layer.out, columns);
    layer.delta.setZero(layer.out, columns);
  }
  m_batch = 0;
}

void Mlp::initialize(std::uint64_t seed) {
  Rng rng(seed);
  m_params.setZero();
  for (int l = 0; l < layerCount(); ++l) {
    const Layer& layer = m_layers[static_cast<std::size_t>(l)];
    const double fanIn = static_cast<double>(layer.in);
    const double fanOut = static_cast<double>(layer.out);
    Eigen::Map<Eigen::MatrixXd> w = weights(l);
    // Drawn in the flat (column-major) order of W, layer by layer.
    for (Eigen::Index k = 0; k < w.size(); ++k) {
      double value = 0;
      switch (m_options.init) {
        case Init::GlorotUniform: {
          const double limit = std::sqrt(6.0 / (fanIn + fanOut));
          value = uniform(rng, -limit, limit);
          break;
        }
        case Init::HeUniform: {
          const double limit = std::sqrt(6.0 / fanIn);
          value = uniform(rng, -limit, limit);
          break;
        }
        case Init::HeNormal: {
          double z = standardNormal(rng);
          while (std::fabs(z) > 2.0) {
            z = standardNormal(rng);
          }
          value = z * std::sqrt(2.0 / fanIn) / kTruncatedNormalStd;
          break;
        }
      }
      w.data()[k] = value;
    }
  }
  m_grad.setZero();
}

Eigen::Map<Eigen::MatrixXd> Mlp::weights(int l) {
  const Layer& layer = m_layers.at(static_cast<std::size_t>(l));
  return {m_params.data() + layer.offset, layer.out, layer.in};
}

Eigen::Map<const Eigen::MatrixXd> Mlp::weights(int l) const {
  const Layer& layer = m_layers.at(static_cast<std::size_t>(l));
  return {m_params.data() + layer.offset, layer.out, layer.in};
}

Eigen::Map<Eigen::VectorXd> Mlp::bias(int l) {
  const Layer& layer = m_layers.at(static_cast<std::size_t>(l));
  return {m_params.data() + layer.offset + layer.in * layer.out, layer.out};
}

Eigen::Map<const Eigen::VectorXd> Mlp::bias(int l) const {
  const Layer& layer = m_layers.at(static_cast<std::size_t>(l));
  return {m_params.data() + layer.offset + layer.in * layer.out, layer.out};
}

Eigen::Map<Eigen::MatrixXd> Mlp::weightGradient(int l) {
  const Layer& layer = m_layers.at(static_cast<std::size_t>(l));
  return {m_grad.data() + layer.offset, layer.out, layer.in};
}

Eigen::Map<Eigen::VectorXd> Mlp::biasGradient(int l) {
  const Layer& layer = m_layers.at(static_cast<std::size_t>(l));
  return {m_grad.data() + layer.offset + layer.in * layer.out, layer.out};
}

Eigen::Block<const Eigen::MatrixXd> Mlp::forward(const Eigen::Ref<const Eigen::MatrixXd>& x) {
  const Eigen::Index b = x.cols();
  if (x.rows() != m_options.inputs) {
    throw Error::usage("the network takes " + std::to_string(m_options.inputs) +
                       " features per sample, got " + std::to_string(x.rows()));
  }
  if (b < 1 || b > m_maxBatch) {
    throw Error::usage("forward() takes 1 to " + std::to_string(m_maxBatch) +
                       " samples (reserve() more), got " + std::to_string(b));
  }
  m_batch = b;
  m_padded = paddedBatch(b);
  const Eigen::Index ld = m_padded;
  PanelMap input = packed(m_input, ld);
  input.leftCols(b) = x;
  // Padding columns are zero: they then hold finite values all the way up, and zero deltas.
  input.middleCols(b, m_padded - b).setZero();
  const Panel* previous = &m_input;
  for (Layer& layer : m_layers) {
    // Z = W A_prev + b 1ᵀ (and relu, fused).
    const double* w = m_params.data() + layer.offset;
    dense::forward(w, w + layer.in * layer.out, previous->data(), ld, layer.activations.data(), ld,
                   layer.out, layer.in, m_padded,
                   layer.activation == Activation::Relu ? dense::Fused::Relu : dense::Fused::None);
    activate(layer.activation, packed(layer.activations, ld), m_padded);
    previous = &layer.activations;
  }
  m_output.leftCols(b) = packed(*previous, ld).leftCols(b);
  return {m_output, 0, 0, m_options.outputs, b};
}

void Mlp::backward(const Eigen::Ref<const Eigen::MatrixXd>& outputGrad) {
  const Eigen::Index b = m_batch;
  if (b == 0 || outputGrad.rows() != m_options.outputs || outputGrad.cols() != b) {
    throw Error::usage("backward() needs ∂L/∂ŷ of shape (" + std::to_string(m_options.outputs) +
                       " × " + std::to_string(b) + ") for the last forward(), got (" +
                       std::to_string(outputGrad.rows()) + " × " +
                       std::to_string(outputGrad.cols()) + ")");
  }
  const Eigen::Index ld = m_padded;  // the layout forward() used
  const int last = layerCount() - 1;
  {
    Layer& top = m_layers[static_cast<std::size_t>(last)];
    PanelMap delta = packed(top.delta, ld);
    delta.leftCols(b) = outputGrad;
    delta.middleCols(b, m_padded - b).setZero();
    multiplyByDerivative(top.activation, packed(std::as_const(top.activations), ld), delta,
                         m_padded);
  }
  for (int l = last; l >= 0; --l) {
    Layer& layer = m_layers[static_cast<std::size_t>(l)];
    const Panel& previous =
        l == 0 ? m_input : m_layers[static_cast<std::size_t>(l - 1)].activations;
    // ∂L/∂W_l += Δ_l A_{l−1}ᵀ and ∂L/∂b_l += Δ_l 1.
    double* gw = m_grad.data() + layer.offset;
    dense::accumulateGradient(layer.delta.data(), ld, previous.data(), ld, gw,
                              gw + layer.in * layer.out, layer.out, layer.in, m_padded);
    if (l > 0) {
      // Δ_{l−1} = (W_lᵀ Δ_l) ⊙ f′_{l−1}.
      // relu′ is fused into the product's stores; the other derivatives take a second pass.
      Layer& below = m_layers[static_cast<std::size_t>(l - 1)];
      const bool relu = below.activation == Activation::Relu;
      dense::backwardInput(m_params.data() + layer.offset, layer.delta.data(), ld,
                           below.delta.data(), ld, layer.out, layer.in, m_padded,
                           relu ? below.activations.data() : nullptr);
      if (!relu) {
        multiplyByDerivative(below.activation, packed(std::as_const(below.activations), ld),
                             packed(below.delta, ld), m_padded);
      }
    }
  }
}

void Mlp::predict(const Eigen::Ref<const Eigen::MatrixXd>& x, Eigen::Ref<Eigen::MatrixXd> out) {
  const Eigen::Index n = x.cols();
  if (out.rows() != m_options.outputs || out.cols() != n) {
    throw Error::usage("predict() needs an output of shape (" + std::to_string(m_options.outputs) +
                       " × " + std::to_string(n) + ")");
  }
  for (Eigen::Index start = 0; start < n; start += m_maxBatch) {
    const Eigen::Index count = std::min(m_maxBatch, n - start);
    out.middleCols(start, count) = forward(x.middleCols(start, count));
  }
}

}  // namespace losslab
