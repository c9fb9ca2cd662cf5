// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <vector>

#include "core/engine/loss.h"
#include "core/training/dataset.h"
#include "core/training/mlp.h"

namespace losslab {

/// A closed interval [from, to] sampled at `count` equally spaced points (count ≥ 2).
struct GridAxis {
  double from = -1;
  double to = 1;
  int count = 101;
  double at(int k) const { return from + (to - from) * k / (count - 1); }
};

/// Loss values on a 2-D grid: values(j, i) is the loss at (a.at(i), b.at(j)) — rows follow the
/// second axis, so the matrix reads like the picture (x to the right, y up the rows).
struct LossGrid {
  GridAxis a;
  GridAxis b;
  Eigen::MatrixXd values;
};

/// Where a loss is smallest for the linear model ŷ = w·x + b.
struct LinearOptimum {
  double w = 0;
  double b = 0;
  double loss = 0;
};

// ---- exact landscapes of the linear model with one feature ------------------------------------
// The training loss L(w, b) = loss(y, w·x + b) under the loss's default reduction (Keras
// sum_over_batch_size, PyTorch mean) is a function of two numbers, so its whole landscape can
// be drawn: MSE's is a bowl centred on the least-squares line, MAE's a polyhedral valley whose
// floor passes through data points, Huber's a bowl with linear walls. Outliers move MSE's bowl
// and barely move the others — the picture of why robust losses matter.

/// L on the (w, b) grid, computed on `threads` threads (each evaluates whole rows; the result is
/// the same for any thread count). `data` must have one feature. Throws Error::usage otherwise
/// or for a grid axis with fewer than 2 points or non-finite bounds.
LossGrid linearLandscape(
    const Dataset& data, const Loss& loss, const GridAxis& w, const GridAxis& b, int threads = 1);

/// L at one point (w, b), and its gradient (∂L/∂w, ∂L/∂b) if asked.
double linearLoss(
    const Dataset& data, const Loss& loss, double w, double b, Eigen::Vector2d* gradient = nullptr);

/// Ordinary least squares: the minimum of MSE, in closed form (centred normal equations).
LinearOptimum leastSquares(const Dataset& data);

/// The minimum of L found by Nelder–Mead from `start` (derivative-free, so it also finds MAE's
/// kinked minimum), to |Δ(w, b)| ≲ 1e-10 relative. For the convex losses the explorer draws
/// (MSE, MAE, Huber, log-cosh, …) this is the global minimum.
LinearOptimum minimizeLinear(const Dataset& data, const Loss& loss, const LinearOptimum& start);

/// A grid that frames the least-squares line and the data's slope scale: w ± 1.5·(scale), b ±
/// 1.5·(scale), the scales from the interquartile ranges of x and y (outliers cannot stretch
/// them), at least |w_LS| and |b_LS|. Always contains the optimizer's start w = b = 0.
void autoLinearRange(const Dataset& data, GridAxis& w, GridAxis& b);

// ---- slices through a network's weights ------------------------------------------------------
// For the MLP the landscape has hundreds of dimensions; what can be drawn is a slice:
//   L(θ* + α d₁ + β d₂)
// along two directions (Li et al., 2018, "Visualizing the Loss Landscape of Neural Nets").

/// A random direction normalised filter by filter (Li et al. §4): each unit's incoming weights
/// get the norm of that unit's weights in θ; bias entries are 0. Deterministic for `seed`.
Eigen::VectorXd filterNormalizedDirection(const Mlp& model,
                                          const Eigen::VectorXd& theta,
                                          std::uint64_t seed);

/// The top two principal directions of a recorded trajectory θ_0 … θ_T around its end point
/// (the differences θ_t − θ_T), unit length, the first the larger. Needs T ≥ 2 distinct points.
std::pair<Eigen::VectorXd, Eigen::VectorXd> principalDirections(
    const std::vector<Eigen::VectorXd>& trajectory);

/// L(θ + α d₁ + β d₂) on the (α, β) grid over `data` (the loss under its default reduction),
/// `threads` threads (same result for any count).
LossGrid sliceLandscape(const Mlp& model,
                        const Dataset& data,
                        const Loss& loss,
                        const Eigen::VectorXd& theta,
                        const Eigen::VectorXd& d1,
                        const Eigen::VectorXd& d2,
                        const GridAxis& alpha,
                        const GridAxis& beta,
                        int threads = 1);

/// L(θ₀ + t (θ₁ − θ₀)) at the points of `t` (the 1-D slice from the initial to the final weights).
std::vector<double> lineSlice(const Mlp& model,
                              const Dataset& data,
                              const Loss& loss,
                              const Eigen::VectorXd& from,
                              const Eigen::VectorXd& to,
                              const GridAxis& t);

/// Coordinates (α, β) of θ − θ* in the plane of d₁, d₂ (least squares when they are not
/// orthogonal): where a trajectory point falls on a slice.
Eigen::Vector2d projectOnPlane(const Eigen::VectorXd& theta,
                               const Eigen::VectorXd& center,
                               const Eigen::VectorXd& d1,
                               const Eigen::VectorXd& d2);

}  // namespace losslab
