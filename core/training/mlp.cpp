// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/mlp.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/engine/error.h"
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

using Panel = Eigen::Block<Eigen::MatrixXd, Eigen::Dynamic, Eigen::Dynamic, true>;
using ConstPanel = Eigen::Block<const Eigen::MatrixXd, Eigen::Dynamic, Eigen::Dynamic, true>;

// ---- small matrix products -------------------------------------------------------------------
// The layers of an explorer's network are tiny (4-16-32-1 at batch 32: products of 16×4×32 and
// 32×16×32). Eigen's general GEMM packs both operands into cache blocks before its register
// kernel; at these sizes that set-up costs about as much as the arithmetic. This kernel reads A
// in place (its columns are contiguous: a 2-packet slice of a column goes straight into
// registers) and only copies 4 columns of B at a time with each entry repeated across a packet
// (SSE2 has no load-and-broadcast), accumulating a (2 packets × 4) block of C in 8 registers —
// the outer-product form of a GEMM micro-kernel. On the seed network's products it measured
// 1.3–1.6× faster than Eigen's GEMM (SSE2 build); big products still go to Eigen's GEMM.
// Eigen's packet primitives (Eigen::internal) keep it portable to every SIMD width Eigen knows.
using Packet = Eigen::internal::packet_traits<double>::type;
constexpr Eigen::Index kPacket = Eigen::internal::packet_traits<double>::size;
constexpr Eigen::Index kBlockRows = 2 * kPacket;
constexpr Eigen::Index kBlockCols = 4;
// Above this many entries of A (16K doubles = 128 KiB, beyond L1 and most L2 slices) the packed
// GEMM wins and is used instead.
constexpr Eigen::Index kSmallProductLimit = 16384;

/// Operands of C (m × n) = [C +] [bias 1ᵀ +] A (m × k) · B (k × n).
struct Product {
  Eigen::Index m = 0;
  Eigen::Index n = 0;
  Eigen::Index k = 0;
  const double* a = nullptr;  // a(i, p) = a[i + p·lda]: column-major, contiguous columns
  Eigen::Index lda = 0;
  const double* b = nullptr;  // b(p, j) = b[p·bStep + j·bStride]; bStep or bStride is 1
  Eigen::Index bStep = 0;
  Eigen::Index bStride = 0;
  double* c = nullptr;  // c(i, j) = c[i + j·ldc]
  Eigen::Index ldc = 0;
  double* packed = nullptr;      // scratch of k · kBlockCols packets, packet-aligned (Eigen's
                                 // allocations are)
  bool accumulate = false;       // C += … instead of C = …
  const double* bias = nullptr;  // optional: adds bias(i) to every column
};

/// Copies B(:, j … j + Cols) into `packed` with every entry repeated across a packet, so the
/// kernel's broadcasts become plain loads (SSE2 has no load-and-broadcast instruction).
template <int Cols>
inline void packColumns(const Product& q, Eigen::Index j) {
  const double* b = q.b + j * q.bStride;
  double* packed = q.packed;
  for (Eigen::Index p = 0; p < q.k; ++p, b += q.bStep) {
    for (int jj = 0; jj < Cols; ++jj, packed += kPacket) {
      Eigen::internal::pstore(packed, Eigen::internal::pset1<Packet>(b[jj * q.bStride]));
    }
  }
}

/// C(i … i + 2 packets, j … j + Cols) from A's rows i … and the packed columns of B.
template <int Cols>
inline void blockKernel(const Product& q, Eigen::Index i, Eigen::Index j) {
  using namespace Eigen::internal;
  Packet lo[Cols];
  Packet hi[Cols];
  const Packet biasLo = q.bias ? ploadu<Packet>(q.bias + i) : pset1<Packet>(0.0);
  const Packet biasHi = q.bias ? ploadu<Packet>(q.bias + i + kPacket) : pset1<Packet>(0.0);
  for (int jj = 0; jj < Cols; ++jj) {
    lo[jj] = biasLo;
    hi[jj] = biasHi;
  }
  const double* a = q.a + i;
  const double* b = q.packed;
  for (Eigen::Index p = 0; p < q.k; ++p, a += q.lda, b += Cols * kPacket) {
    const Packet a0 = ploadu<Packet>(a);
    const Packet a1 = ploadu<Packet>(a + kPacket);
    for (int jj = 0; jj < Cols; ++jj) {
      const Packet bb = pload<Packet>(b + jj * kPacket);
      lo[jj] = pmadd(a0, bb, lo[jj]);
      hi[jj] = pmadd(a1, bb, hi[jj]);
    }
  }
  for (int jj = 0; jj < Cols; ++jj) {
    double* c = q.c + i + (j + jj) * q.ldc;
    if (q.accumulate) {
      lo[jj] = padd(lo[jj], ploadu<Packet>(c));
      hi[jj] = padd(hi[jj], ploadu<Packet>(c + kPacket));
    }
    pstoreu(c, lo[jj]);
    pstoreu(c + kPacket, hi[jj]);
  }
}

/// C(rows, :) (=|+=) A(rows, :) B (+ bias(rows)) through Eigen: the packed GEMM for big
/// products, its matrix-vector kernel for the few rows left below a full block (a 1-unit output
/// layer is a row vector times a matrix).
void eigenProduct(const Product& q, Eigen::Index firstRow, Eigen::Index rows) {
  using Outer = Eigen::OuterStride<>;
  using ConstMap = Eigen::Map<const Eigen::MatrixXd, 0, Outer>;
  const ConstMap a(q.a + firstRow, rows, q.k, Outer(q.lda));
  Eigen::Map<Eigen::MatrixXd, 0, Outer> c(q.c + firstRow, rows, q.n, Outer(q.ldc));
  if (!q.accumulate) {
    c.setZero();
  }
  // B is column-major (bStep = 1) or the transpose of a column-major matrix (bStride = 1); a
  // unit inner stride known at compile time keeps Eigen on its vectorised kernels.
  if (q.bStep == 1) {
    c.noalias() += a * ConstMap(q.b, q.k, q.n, Outer(q.bStride));
  } else {
    c.noalias() += a * ConstMap(q.b, q.n, q.k, Outer(q.bStep)).transpose();
  }
  if (q.bias) {
    c.colwise() += Eigen::Map<const Eigen::VectorXd>(q.bias + firstRow, rows);
  }
}

void multiply(const Product& q) {
  if (q.m * q.k > kSmallProductLimit) {
    eigenProduct(q, 0, q.m);
    return;
  }
  const Eigen::Index fullRows = q.m - q.m % kBlockRows;
  if (fullRows > 0) {
    Eigen::Index j = 0;
    for (; j + kBlockCols <= q.n; j += kBlockCols) {
      packColumns<kBlockCols>(q, j);
      for (Eigen::Index i = 0; i < fullRows; i += kBlockRows) {
        blockKernel<kBlockCols>(q, i, j);
      }
    }
    for (; j < q.n; ++j) {
      packColumns<1>(q, j);
      for (Eigen::Index i = 0; i < fullRows; i += kBlockRows) {
        blockKernel<1>(q, i, j);
      }
    }
  }
  if (fullRows < q.m) {
    eigenProduct(q, fullRows, q.m - fullRows);
  }
}

/// A ← f(A) in place (A holds Z on entry).
void activate(Activation activation, Panel a) {
  switch (activation) {
    case Activation::Linear:
      break;
    case Activation::Relu:
      a = a.cwiseMax(0.0);
      break;
    case Activation::Tanh:
      a.array() = a.array().tanh();
      break;
    case Activation::Sigmoid:
      // Eigen's logistic is 1 / (1 + e^{−z}) evaluated without overflow to NaN.
      a.array() = a.array().logistic();
      break;
  }
}

/// D ← D ⊙ f′, with f′ written through the stored output A (see Activation).
void multiplyByDerivative(Activation activation, ConstPanel a, Panel d) {
  switch (activation) {
    case Activation::Linear:
      break;
    case Activation::Relu: {
      // A panel of whole columns is contiguous; this loop compiles to compare-and-mask.
      const double* pa = a.data();
      double* pd = d.data();
      for (Eigen::Index k = 0; k < d.size(); ++k) {
        pd[k] = pa[k] > 0.0 ? pd[k] : 0.0;
      }
      break;
    }
    case Activation::Tanh:
      d.array() *= 1.0 - a.array().square();
      break;
    case Activation::Sigmoid:
      d.array() *= a.array() * (1.0 - a.array());
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
  m_input.setZero(m_options.inputs, maxBatch);
  for (Layer& layer : m_layers) {
    layer.activations.setZero(layer.out, maxBatch);
    layer.delta.setZero(layer.out, maxBatch);
    layer.transposed.setZero(layer.in, layer.out);
  }
  // The product kernel's packed copy of B: k · kBlockCols packets for the longest inner
  // dimension k of any product (a layer's input or output width, or the batch).
  Eigen::Index longest = maxBatch;
  for (const Layer& layer : m_layers) {
    longest = std::max({longest, layer.in, layer.out});
  }
  m_packed.setZero(longest * kBlockCols * kPacket);
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
  m_input.leftCols(b) = x;
  const Eigen::MatrixXd* previous = &m_input;
  for (int l = 0; l < layerCount(); ++l) {
    Layer& layer = m_layers[static_cast<std::size_t>(l)];
    // Z = W A_prev + b 1ᵀ.
    Product q;
    q.packed = m_packed.data();
    q.m = layer.out;
    q.n = b;
    q.k = layer.in;
    q.a = m_params.data() + layer.offset;
    q.lda = layer.out;
    q.b = previous->data();
    q.bStep = 1;
    q.bStride = previous->rows();
    q.c = layer.activations.data();
    q.ldc = layer.out;
    q.bias = q.a + layer.in * layer.out;
    multiply(q);
    activate(layer.activation, layer.activations.leftCols(b));
    previous = &layer.activations;
  }
  return {*previous, 0, 0, m_options.outputs, b};
}

void Mlp::backward(const Eigen::Ref<const Eigen::MatrixXd>& outputGrad) {
  const Eigen::Index b = m_batch;
  if (b == 0 || outputGrad.rows() != m_options.outputs || outputGrad.cols() != b) {
    throw Error::usage("backward() needs ∂L/∂ŷ of shape (" + std::to_string(m_options.outputs) +
                       " × " + std::to_string(b) + ") for the last forward(), got (" +
                       std::to_string(outputGrad.rows()) + " × " +
                       std::to_string(outputGrad.cols()) + ")");
  }
  const int last = layerCount() - 1;
  {
    Layer& top = m_layers[static_cast<std::size_t>(last)];
    Panel delta = top.delta.leftCols(b);
    delta = outputGrad;
    multiplyByDerivative(top.activation, std::as_const(top.activations).leftCols(b), delta);
  }
  for (int l = last; l >= 0; --l) {
    const Layer& layer = m_layers[static_cast<std::size_t>(l)];
    const Eigen::MatrixXd& previous =
        l == 0 ? m_input : m_layers[static_cast<std::size_t>(l - 1)].activations;
    const ConstPanel delta = layer.delta.leftCols(b);
    // ∂L/∂W_l += Δ_l A_{l−1}ᵀ: B = A_{l−1}ᵀ is read through swapped strides.
    Product gw;
    gw.packed = m_packed.data();
    gw.m = layer.out;
    gw.n = layer.in;
    gw.k = b;
    gw.a = layer.delta.data();
    gw.lda = layer.out;
    gw.b = previous.data();
    gw.bStep = previous.rows();
    gw.bStride = 1;
    gw.c = m_grad.data() + layer.offset;
    gw.ldc = layer.out;
    gw.accumulate = true;
    multiply(gw);
    biasGradient(l) += delta.rowwise().sum();
    if (l > 0) {
      // Δ_{l−1} = W_lᵀ Δ_l, with W_lᵀ copied so that its columns are contiguous.
      Layer& below = m_layers[static_cast<std::size_t>(l - 1)];
      Layer& self = m_layers[static_cast<std::size_t>(l)];
      self.transposed.noalias() = weights(l).transpose();
      Product gd;
      gd.packed = m_packed.data();
      gd.m = layer.in;
      gd.n = b;
      gd.k = layer.out;
      gd.a = self.transposed.data();
      gd.lda = layer.in;
      gd.b = layer.delta.data();
      gd.bStep = 1;
      gd.bStride = layer.out;
      gd.c = below.delta.data();
      gd.ldc = layer.in;
      multiply(gd);
      multiplyByDerivative(below.activation, std::as_const(below.activations).leftCols(b),
                           below.delta.leftCols(b));
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
