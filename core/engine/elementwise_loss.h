// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <concepts>

#include "core/engine/loss.h"
#include "core/engine/reduction.h"
#include "core/engine/simd.h"

namespace losslab {

/// Value and first and second derivative of one element's loss with respect to the
/// prediction (Ceres' rho[3] in a named form).
struct LossEval {
  double value = 0;
  double d1 = 0;
  double d2 = 0;
};

/// How a Keras loss turns element losses into the per-sample loss ℓ_i.
enum class Aggregate { MeanLastAxis, SumLastAxis };

/// The fused value-and-gradient loop of ElementwiseLoss, compiled three times.
namespace elementwise_detail {

/// A kernel that can tell whether an element fits what it assumed about the batch (see
/// ElementwiseLoss: optimistic batch checks).
template <class Kernel>
concept Admitting = requires(const Kernel& k) {
  { k.admits(0.0, 0.0) } -> std::convertible_to<bool>;
};

/// The reduced value of a fused pass and how many elements the kernel did not admit.
struct FusedResult {
  double value;
  double rejected;  // a count (exact below 2^53); always 0 for a kernel without admits()
};

/// Eight independent partial sums, one per lane of an AVX-512 register: one accumulator would
/// chain every addition on the previous one and stop the loop from vectorising. The kernels are
/// branch-free (selects, vector_math.h), so GCC and clang vectorise the lane loop in every
/// instruction set; the partial sums are reduced by one fixed tree, so all versions add the same
/// numbers in the same order (no fused multiply-add anywhere: -ffp-contract=off). An admitting
/// kernel's check is counted in the same pass (eight more partial sums), so the batch is read once.
template <class Kernel>
[[gnu::always_inline]] inline FusedResult fusedLoop(const Kernel& kernelRef,
                                                    const double* p,
                                                    const double* t,
                                                    double* g,
                                                    Eigen::Index n,
                                                    double factor) {
  // A local copy: the gradient stores cannot alias its parameters, so they stay in registers.
  const Kernel kernel = kernelRef;
  constexpr int kLanes = 8;
  double sums[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
  double rejected[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
  Eigen::Index k = 0;
  for (; k + kLanes <= n; k += kLanes) {
    for (int lane = 0; lane < kLanes; ++lane) {
      const LossEval e = kernel(p[k + lane], t[k + lane]);
      sums[lane] += e.value;
      g[k + lane] = factor * e.d1;
      if constexpr (Admitting<Kernel>) {
        rejected[lane] += kernel.admits(p[k + lane], t[k + lane]) ? 0.0 : 1.0;
      }
    }
  }
  for (; k < n; ++k) {
    const LossEval e = kernel(p[k], t[k]);
    sums[0] += e.value;
    g[k] = factor * e.d1;
    if constexpr (Admitting<Kernel>) {
      rejected[0] += kernel.admits(p[k], t[k]) ? 0.0 : 1.0;
    }
  }
  const double s =
      ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]));
  double bad = 0;
  for (const double r : rejected) {
    bad += r;
  }
  return {factor * s, bad};
}

/// fusedLoop that also stores each element's value in v (the eval path, Loss::valuesAndGradient):
/// the same sums in the same order, so the same value and gradient bits.
template <class Kernel>
[[gnu::always_inline]] inline double fusedLoopWithValues(const Kernel& kernel,
                                                         const double* p,
                                                         const double* t,
                                                         double* g,
                                                         double* v,
                                                         Eigen::Index n,
                                                         double factor) {
  constexpr int kLanes = 8;
  double sums[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
  Eigen::Index k = 0;
  for (; k + kLanes <= n; k += kLanes) {
    for (int lane = 0; lane < kLanes; ++lane) {
      const LossEval e = kernel(p[k + lane], t[k + lane]);
      sums[lane] += e.value;
      v[k + lane] = e.value;
      g[k + lane] = factor * e.d1;
    }
  }
  for (; k < n; ++k) {
    const LossEval e = kernel(p[k], t[k]);
    sums[0] += e.value;
    v[k] = e.value;
    g[k] = factor * e.d1;
  }
  const double s =
      ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]));
  return factor * s;
}

/// The loop compiled for the active instruction set (simd::run).
template <class Kernel>
FusedResult fusedPass(const Kernel& kernel,
                      const double* p,
                      const double* t,
                      double* g,
                      Eigen::Index n,
                      double factor) {
  return simd::run([&] { return fusedLoop(kernel, p, t, g, n, factor); });
}

template <class Kernel>
double fusedPassWithValues(const Kernel& kernel,
                           const double* p,
                           const double* t,
                           double* g,
                           double* v,
                           Eigen::Index n,
                           double factor) {
  return simd::run([&] { return fusedLoopWithValues(kernel, p, t, g, v, n, factor); });
}

}  // namespace elementwise_detail

/// A loss made of independent per-element terms e(ŷ_ij, y_ij).
///
/// `Kernel` is a small value type constructible from ParamValues with
///   LossEval operator()(double prediction, double target) const;
/// and a `static constexpr Aggregate kAggregate`. It may also have
///   Kernel forBatch(const Tensor& pred, const Tensor& target) const;
/// which sees the whole batch first: to reject data outside the loss's domain (throw
/// Error::data) or to adapt to the batch (hinge's {0,1} label conversion looks at every label).
/// A kernel whose parameters pick between formulas (from_logits, log_input) can declare
/// `static constexpr bool kHasModes = true;` and
///   template <class F> auto visit(F f) const;
/// calling f with the branch-free kernel object of its mode: the fused pass then runs a loop
/// without the mode's branch, which the vectoriser could not remove (operator() must agree,
/// best by calling the same objects).
/// Optimistic batch checks: forBatch() reads the whole batch once more before the pass, which
/// costs a third of a memory-bound loss's time. A kernel can instead declare
///   static constexpr bool kOptimistic = true;
///   bool admits(double prediction, double target) const;   (on it, or on each mode's kernel)
/// and optionally `Kernel optimistic(const Tensor& pred, const Tensor& target) const` (a guess
/// from a few elements; default: the kernel as constructed). The training pass then runs that
/// kernel directly, counting the elements it does not admit in the same loop; if there are any,
/// it calls forBatch() — which throws the data error naming the element, or returns the kernel
/// the batch needs (hinge's labels that are not all 0/1) — and runs the pass again. The result is
/// forBatch()'s in every case; only the order of the work differs.
/// Keras-style ids reduce the row with kAggregate to the per-sample ℓ_i; PyTorch ids keep the
/// element-wise tensor, which is exactly what `reduction='none'` returns. Kernels must be cheap and
/// branch-light: the fused path below runs them once per element over the whole batch.
template <class Kernel>
class ElementwiseLoss final : public Loss {
 public:
  ElementwiseLoss(const LossInfo& info, const ParamValues& params) : Loss(info), m_kernel(params) {}

  void evaluate(const LossInputs& in, BatchEval& out) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Kernel kernel = batchKernel(pred, target);
    const Eigen::Index rows = pred.rows();
    const Eigen::Index cols = pred.cols();
    const bool elementOutput = info().framework == Framework::PyTorch;
    const double scale = rowScale(info().framework, kMeanOverRow, cols);
    out.unreduced.resize(rows, elementOutput ? cols : 1);
    out.grad.resize(rows, cols);
    out.d2.resize(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i) {
      double rowSum = 0;
      for (Eigen::Index j = 0; j < cols; ++j) {
        const LossEval e = kernel(pred(i, j), target(i, j));
        if (elementOutput) {
          out.unreduced(i, j) = e.value;
        }
        rowSum += e.value;
        out.grad(i, j) = scale * e.d1;
        out.d2(i, j) = scale * e.d2;
      }
      if (!elementOutput) {
        out.unreduced(i, 0) = scale * rowSum;
      }
    }
  }

  /// One fused pass: the reduced value is accumulated while the gradient is written, so each
  /// input is read once and the gradient written once (memory-bound, no temporaries). Runs the
  /// kernel compiled for the active instruction set (simd.h); every version gives the same bits.
  double valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    grad.resize(pred.rows(), pred.cols());
    const double factor =
        elementFactor(info().framework, reduction, pred.rows(), pred.cols(), kMeanOverRow);
    const auto run = [&](const Kernel& kernel) {
      const auto pass = [&](const auto& k) {
        return elementwise_detail::fusedPass(k, pred.data(), target.data(), grad.data(),
                                             pred.size(), factor);
      };
      if constexpr (requires { Kernel::kHasModes; }) {
        return kernel.visit(pass);  // the branch-free kernel of the parameters' mode
      } else {
        return pass(kernel);
      }
    };
    if constexpr (requires { Kernel::kOptimistic; }) {
      const elementwise_detail::FusedResult guess = run(optimisticKernel(pred, target));
      if (guess.rejected == 0) {
        return guess.value;
      }
    }
    return run(batchKernel(pred, target)).value;
  }

  /// valueAndGradient() keeping the element values: the same pass, the same bits.
  bool valuesAndGradient(const LossInputs& in,
                         Reduction reduction,
                         Tensor& unreduced,
                         Tensor& grad,
                         double& value) const override {
    const Tensor& pred = *in.yPred;
    const Tensor& target = *in.yTrue;
    const Kernel kernel = batchKernel(pred, target);
    const Eigen::Index rows = pred.rows();
    const Eigen::Index cols = pred.cols();
    grad.resize(rows, cols);
    unreduced.resize(rows, cols);
    const double factor = elementFactor(info().framework, reduction, rows, cols, kMeanOverRow);
    const auto pass = [&](const auto& k) {
      return elementwise_detail::fusedPassWithValues(k, pred.data(), target.data(), grad.data(),
                                                     unreduced.data(), pred.size(), factor);
    };
    if constexpr (requires { Kernel::kHasModes; }) {
      value = kernel.visit(pass);
    } else {
      value = pass(kernel);
    }
    if (info().framework != Framework::PyTorch && cols > 1) {
      // Keras: ℓ_i = rowScale · Σ_j e_ij, as evaluate() sums the row (left to right).
      const double scale = rowScale(info().framework, kMeanOverRow, cols);
      Tensor perSample(rows, 1);
      for (Eigen::Index i = 0; i < rows; ++i) {
        double rowSum = 0;
        for (Eigen::Index j = 0; j < cols; ++j) {
          rowSum += unreduced(i, j);
        }
        perSample(i, 0) = scale * rowSum;
      }
      unreduced = std::move(perSample);
    } else if (info().framework != Framework::PyTorch) {
      unreduced *= rowScale(info().framework, kMeanOverRow, cols);  // 1 for one column
    }
    return true;
  }

 private:
  Kernel optimisticKernel(const Tensor& pred, const Tensor& target) const {
    if constexpr (requires { m_kernel.optimistic(pred, target); }) {
      return m_kernel.optimistic(pred, target);
    } else {
      return m_kernel;
    }
  }

  Kernel batchKernel(const Tensor& pred, const Tensor& target) const {
    if constexpr (requires { m_kernel.forBatch(pred, target); }) {
      return m_kernel.forBatch(pred, target);
    } else {
      return m_kernel;
    }
  }

  static constexpr bool kMeanOverRow = Kernel::kAggregate == Aggregate::MeanLastAxis;

  Kernel m_kernel;
};

/// Reads a parameter that completeParams() has filled in.
inline double param(const ParamValues& params, std::string_view id) {
  return params.find(id)->second;
}

}  // namespace losslab
