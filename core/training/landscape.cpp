// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/landscape.h"

#include <Eigen/SVD>
#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <thread>

#include "core/engine/error.h"
#include "core/engine/pipeline.h"
#include "core/training/random.h"

namespace losslab {

namespace {

void checkAxis(const GridAxis& axis, const char* name) {
  if (axis.count < 2 || !std::isfinite(axis.from) || !std::isfinite(axis.to) ||
      axis.from == axis.to) {
    throw Error::usage(std::string("landscape: the ") + name +
                       " axis needs two different finite bounds and at least 2 points");
  }
}

/// Runs body(row) for rows 0 … rows−1 on up to `threads` threads, contiguous blocks each.
void forRows(int rows, int threads, const std::function<void(int)>& body) {
  const int workers = std::clamp(threads, 1, rows);
  if (workers == 1) {
    for (int r = 0; r < rows; ++r) {
      body(r);
    }
    return;
  }
  std::vector<std::thread> pool;
  for (int t = 0; t < workers; ++t) {
    pool.emplace_back([&, t] {
      for (int r = rows * t / workers; r < rows * (t + 1) / workers; ++r) {
        body(r);
      }
    });
  }
  for (std::thread& thread : pool) {
    thread.join();
  }
}

/// The loss of predictions against a data set's targets under the loss's default reduction;
/// buffers are the caller's so that a grid row reuses them.
struct Evaluator {
  const Loss& loss;
  Tensor yTrue;
  Tensor yPred;
  Tensor grad;
  Reduction reduction;

  Evaluator(const Loss& l, const Eigen::VectorXd& y)
      : loss(l), yTrue(y), yPred(y.size(), 1), reduction(defaultReduction(l.info())) {}

  double value() {
    LossInputs in;
    in.yTrue = &yTrue;
    in.yPred = &yPred;
    return loss.valueAndGradient(in, reduction, grad);
  }
};

void checkLinear(const Dataset& data) {
  if (data.featureCount() != 1 || data.size() < 1) {
    throw Error::usage("an exact (w, b) landscape needs data with one feature, got " +
                       std::to_string(data.featureCount()));
  }
}

Eigen::VectorXd predictions(Mlp& model, const Dataset& data) {
  Eigen::MatrixXd out(model.outputCount(), data.size());
  model.predict(data.x, out);
  return out.row(0).transpose();
}

}  // namespace

double linearLoss(
    const Dataset& data, const Loss& loss, double w, double b, Eigen::Vector2d* gradient) {
  checkLinear(data);
  Evaluator eval(loss, data.y);
  eval.yPred.col(0) = w * data.x.row(0).transpose().array() + b;
  const double value = eval.value();
  if (gradient) {
    (*gradient)(0) = (eval.grad.col(0) * data.x.row(0).transpose().array()).sum();
    (*gradient)(1) = eval.grad.col(0).sum();
  }
  return value;
}

LossGrid linearLandscape(
    const Dataset& data, const Loss& loss, const GridAxis& w, const GridAxis& b, int threads) {
  checkLinear(data);
  checkAxis(w, "w");
  checkAxis(b, "b");
  LossGrid grid{w, b, Eigen::MatrixXd(b.count, w.count)};
  const Eigen::ArrayXd x = data.x.row(0).transpose();
  forRows(b.count, threads, [&](int j) {
    Evaluator eval(loss, data.y);
    const double bias = b.at(j);
    for (int i = 0; i < w.count; ++i) {
      eval.yPred.col(0) = w.at(i) * x + bias;
      grid.values(j, i) = eval.value();
    }
  });
  return grid;
}

LinearOptimum leastSquares(const Dataset& data) {
  checkLinear(data);
  const Eigen::ArrayXd x = data.x.row(0).transpose();
  const Eigen::ArrayXd y = data.y.array();
  const double xMean = x.mean();
  const double yMean = y.mean();
  const double sxx = (x - xMean).square().sum();
  LinearOptimum fit;
  fit.w = sxx > 0 ? ((x - xMean) * (y - yMean)).sum() / sxx : 0.0;
  fit.b = yMean - fit.w * xMean;
  fit.loss = ((fit.w * x + fit.b) - y).square().mean();
  return fit;
}

LinearOptimum minimizeLinear(const Dataset& data, const Loss& loss, const LinearOptimum& start) {
  checkLinear(data);
  Evaluator eval(loss, data.y);
  const Eigen::ArrayXd x = data.x.row(0).transpose();
  auto f = [&](const Eigen::Vector2d& p) {
    eval.yPred.col(0) = p(0) * x + p(1);
    const double value = eval.value();
    return std::isnan(value) ? std::numeric_limits<double>::infinity() : value;
  };
  // Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½), restarted from the best
  // vertex with a fresh, smaller simplex: a simplex can collapse on a kink before the minimum
  // (MAE), and a restart re-opens it.
  Eigen::Vector2d best(start.w, start.b);
  double bestValue = f(best);
  double step = 0.1 * (1.0 + best.cwiseAbs().maxCoeff());
  for (int restart = 0; restart < 8; ++restart) {
    std::array<Eigen::Vector2d, 3> v = {best, best + Eigen::Vector2d(step, 0),
                                        best + Eigen::Vector2d(0, step)};
    std::array<double, 3> fv = {bestValue, f(v[1]), f(v[2])};
    for (int iteration = 0; iteration < 4000; ++iteration) {
      std::array<int, 3> order = {0, 1, 2};
      std::sort(order.begin(), order.end(), [&](int p, int q) { return fv[p] < fv[q]; });
      const int lo = order[0];
      const int mid = order[1];
      const int hi = order[2];
      const double size = std::max((v[mid] - v[lo]).norm(), (v[hi] - v[lo]).norm());
      if (size <= 1e-13 * (1.0 + v[lo].norm())) {
        break;
      }
      const Eigen::Vector2d centroid = 0.5 * (v[lo] + v[mid]);
      const Eigen::Vector2d reflected = centroid + (centroid - v[hi]);
      const double fr = f(reflected);
      if (fr < fv[lo]) {
        const Eigen::Vector2d expanded = centroid + 2.0 * (centroid - v[hi]);
        const double fe = f(expanded);
        if (fe < fr) {
          v[hi] = expanded;
          fv[hi] = fe;
        } else {
          v[hi] = reflected;
          fv[hi] = fr;
        }
      } else if (fr < fv[mid]) {
        v[hi] = reflected;
        fv[hi] = fr;
      } else {
        const Eigen::Vector2d contracted = centroid + 0.5 * (v[hi] - centroid);
        const double fc = f(contracted);
        if (fc < fv[hi]) {
          v[hi] = contracted;
          fv[hi] = fc;
        } else {
          for (int k : {mid, hi}) {
            v[k] = v[lo] + 0.5 * (v[k] - v[lo]);
            fv[k] = f(v[k]);
          }
        }
      }
    }
    const int lo = static_cast<int>(std::min_element(fv.begin(), fv.end()) - fv.begin());
    const bool improved = fv[lo] < bestValue;
    if (fv[lo] <= bestValue) {
      best = v[lo];
      bestValue = fv[lo];
    }
    step = improved ? step * 0.1 : step * 0.01;
    if (step < 1e-12 * (1.0 + best.norm())) {
      break;
    }
  }
  return {best(0), best(1), bestValue};
}

namespace {

/// The interquartile range: a spread that 25 % of outliers cannot inflate (the range can).
double interquartileRange(Eigen::ArrayXd v) {
  auto at = [&v](double q) {
    auto* nth = v.data() + static_cast<Eigen::Index>(q * static_cast<double>(v.size() - 1));
    std::nth_element(v.data(), nth, v.data() + v.size());
    return *nth;
  };
  const double upper = at(0.75);
  return upper - at(0.25);
}

}  // namespace

void autoLinearRange(const Dataset& data, GridAxis& w, GridAxis& b) {
  const LinearOptimum ls = leastSquares(data);
  // Robust scales: with the range of y, 15 % outliers of size 20 on y = 2x + 1 framed
  // w ∈ [−30, 30] and left the optima (all near (2, 1)) in one cell band of the map.
  const double xSpread = std::max(interquartileRange(data.x.row(0).transpose().array()), 1e-12);
  const double ySpread = std::max(interquartileRange(data.y.array()), 1e-12);
  const double wScale = std::max(std::fabs(ls.w), ySpread / xSpread);
  const double bScale = std::max(std::fabs(ls.b), 0.5 * ySpread);
  // Wide enough for the least-squares point, the robust optima between it and the bulk of the
  // data, and a model started near w = b = 0.
  w.from = std::min(ls.w - 1.5 * wScale, -0.5 * wScale);
  w.to = std::max(ls.w + 1.5 * wScale, 0.5 * wScale);
  b.from = std::min(ls.b - 1.5 * bScale, -0.5 * bScale);
  b.to = std::max(ls.b + 1.5 * bScale, 0.5 * bScale);
}

Eigen::VectorXd filterNormalizedDirection(const Mlp& model,
                                          const Eigen::VectorXd& theta,
                                          std::uint64_t seed) {
  if (theta.size() != model.parameterCount()) {
    throw Error::usage("a direction needs the network's " + std::to_string(model.parameterCount()) +
                       " parameters");
  }
  Mlp layout = model;  // only for the weights()/bias() views of the layout
  layout.parameters() = theta;
  Eigen::VectorXd direction = Eigen::VectorXd::Zero(theta.size());
  Rng rng(seed);
  for (int l = 0; l < layout.layerCount(); ++l) {
    const Eigen::Map<const Eigen::MatrixXd> w = std::as_const(layout).weights(l);
    // The offset of W_l in the flat vector: where its Map starts.
    const Eigen::Index offset = w.data() - layout.parameters().data();
    Eigen::Map<Eigen::MatrixXd> d(direction.data() + offset, w.rows(), w.cols());
    for (Eigen::Index k = 0; k < d.size(); ++k) {
      d.data()[k] = standardNormal(rng);
    }
    // A unit's filter is its row of incoming weights.
    for (Eigen::Index unit = 0; unit < w.rows(); ++unit) {
      const double norm = d.row(unit).norm();
      d.row(unit) *= norm > 0 ? w.row(unit).norm() / norm : 0.0;
    }
  }
  return direction;
}

std::pair<Eigen::VectorXd, Eigen::VectorXd> principalDirections(
    const std::vector<Eigen::VectorXd>& trajectory) {
  if (trajectory.size() < 3) {
    throw Error::usage("PCA directions need a trajectory of at least 3 recorded points");
  }
  const Eigen::VectorXd& end = trajectory.back();
  Eigen::MatrixXd m(static_cast<Eigen::Index>(trajectory.size() - 1), end.size());
  for (std::size_t t = 0; t + 1 < trajectory.size(); ++t) {
    m.row(static_cast<Eigen::Index>(t)) = (trajectory[t] - end).transpose();
  }
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(m, Eigen::ComputeThinV);
  if (svd.singularValues().size() < 2 || svd.singularValues()(1) <= 0) {
    throw Error::usage("the trajectory moves along one line only: no second PCA direction");
  }
  auto oriented = [](Eigen::VectorXd v) {
    Eigen::Index k = 0;
    v.cwiseAbs().maxCoeff(&k);
    return v(k) < 0 ? Eigen::VectorXd(-v) : v;
  };
  return {oriented(svd.matrixV().col(0)), oriented(svd.matrixV().col(1))};
}

LossGrid sliceLandscape(const Mlp& model,
                        const Dataset& data,
                        const Loss& loss,
                        const Eigen::VectorXd& theta,
                        const Eigen::VectorXd& d1,
                        const Eigen::VectorXd& d2,
                        const GridAxis& alpha,
                        const GridAxis& beta,
                        int threads) {
  checkAxis(alpha, "first direction's");
  checkAxis(beta, "second direction's");
  if (theta.size() != model.parameterCount() || d1.size() != theta.size() ||
      d2.size() != theta.size()) {
    throw Error::usage("slice: θ and both directions need the network's parameter count");
  }
  LossGrid grid{alpha, beta, Eigen::MatrixXd(beta.count, alpha.count)};
  forRows(beta.count, threads, [&](int j) {
    Mlp local = model;
    local.reserve(std::min<Eigen::Index>(data.size(), 1024));
    Evaluator eval(loss, data.y);
    for (int i = 0; i < alpha.count; ++i) {
      local.parameters() = theta + alpha.at(i) * d1 + beta.at(j) * d2;
      eval.yPred.col(0) = predictions(local, data).array();
      grid.values(j, i) = eval.value();
    }
  });
  return grid;
}

std::vector<double> lineSlice(const Mlp& model,
                              const Dataset& data,
                              const Loss& loss,
                              const Eigen::VectorXd& from,
                              const Eigen::VectorXd& to,
                              const GridAxis& t) {
  if (t.count < 2 || from.size() != model.parameterCount() || to.size() != from.size()) {
    throw Error::usage("line slice: two parameter vectors of the network and ≥ 2 points");
  }
  Mlp local = model;
  local.reserve(std::min<Eigen::Index>(data.size(), 1024));
  Evaluator eval(loss, data.y);
  std::vector<double> values;
  for (int k = 0; k < t.count; ++k) {
    local.parameters() = from + t.at(k) * (to - from);
    eval.yPred.col(0) = predictions(local, data).array();
    values.push_back(eval.value());
  }
  return values;
}

Eigen::Vector2d projectOnPlane(const Eigen::VectorXd& theta,
                               const Eigen::VectorXd& center,
                               const Eigen::VectorXd& d1,
                               const Eigen::VectorXd& d2) {
  Eigen::Matrix2d gram;
  gram << d1.dot(d1), d1.dot(d2), d1.dot(d2), d2.dot(d2);
  const Eigen::VectorXd offset = theta - center;
  const Eigen::Vector2d rhs(d1.dot(offset), d2.dot(offset));
  return gram.ldlt().solve(rhs);
}

}  // namespace losslab
