// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/metrics.h"

#include <cmath>

#include "core/engine/error.h"
#include "core/engine/pipeline.h"

namespace losslab {

RegressionMetrics regressionMetrics(const Eigen::Ref<const Eigen::VectorXd>& prediction,
                                    const Eigen::Ref<const Eigen::VectorXd>& target) {
  RegressionMetrics m;
  const Eigen::Index n = target.size();
  if (prediction.size() != n) {
    throw Error::usage("metrics need as many predictions as targets (" +
                       std::to_string(prediction.size()) + " vs " + std::to_string(n) + ")");
  }
  if (n == 0) {
    return m;
  }
  const double count = static_cast<double>(n);
  const double mean = target.sum() / count;
  double absSum = 0;
  double residualSquares = 0;
  double totalSquares = 0;  // about the mean, two-pass for accuracy
  for (Eigen::Index i = 0; i < n; ++i) {
    const double r = prediction(i) - target(i);
    const double d = target(i) - mean;
    absSum += std::fabs(r);
    residualSquares += r * r;
    totalSquares += d * d;
  }
  m.mae = absSum / count;
  m.rmse = std::sqrt(residualSquares / count);
  if (n < 2) {
    // R² compares the fit with the targets' mean: one sample has no spread to explain, so R² is
    // undefined (left NaN; scikit-learn's r2_score says nan too).
  } else if (totalSquares > 0) {
    m.r2 = 1.0 - residualSquares / totalSquares;
  } else {
    m.r2 = residualSquares == 0 ? 1.0 : 0.0;
  }
  return m;
}

RegressionMetrics evaluateMetrics(const Loss& loss,
                                  const Tensor& prediction,
                                  const Tensor& target,
                                  Tensor& gradScratch) {
  if (prediction.cols() != 1 || target.cols() != 1) {
    throw Error::usage("metrics take one prediction and one target per sample");
  }
  const Eigen::Map<const Eigen::VectorXd> p(prediction.data(), prediction.rows());
  const Eigen::Map<const Eigen::VectorXd> t(target.data(), target.rows());
  RegressionMetrics m = regressionMetrics(p, t);
  if (prediction.rows() > 0) {
    LossInputs in;
    in.yPred = &prediction;
    in.yTrue = &target;
    m.loss = loss.valueAndGradient(in, defaultReduction(loss.info()), gradScratch);
  }
  return m;
}

CleanMetrics cleanMetrics(const Eigen::Ref<const Eigen::VectorXd>& prediction, const Dataset& set) {
  if (prediction.size() != set.size()) {
    throw Error::usage("clean metrics need one prediction per sample");
  }
  CleanMetrics m;
  const Eigen::Index n = set.size();
  if (n == 0) {
    return m;
  }
  // Plain loops without temporaries: the Trainer calls this after every epoch and a step
  // allocates nothing (tst_trainer's stepAllocatesNothing).
  if (set.clean.size() == n) {
    double absSum = 0;
    double squares = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double r = prediction(i) - set.clean(i);
      absSum += std::fabs(r);
      squares += r * r;
    }
    m.cleanMae = absSum / static_cast<double>(n);
    m.cleanRmse = std::sqrt(squares / static_cast<double>(n));
  }
  // set.outliers is sorted (dataset.h): walk it alongside the samples.
  auto next = set.outliers.begin();
  double sum = 0;
  Eigen::Index count = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    while (next != set.outliers.end() && *next < i) {
      ++next;
    }
    if (next == set.outliers.end() || *next != i) {
      sum += std::fabs(prediction(i) - set.y(i));
      ++count;
    }
  }
  if (count > 0) {
    m.inlierMae = sum / static_cast<double>(count);
  }
  return m;
}

}  // namespace losslab
