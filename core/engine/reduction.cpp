// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/reduction.h"

#include <algorithm>

#include "core/engine/error.h"

namespace losslab {

namespace {

struct ReductionName {
  Reduction reduction;
  const char* name;
};
constexpr ReductionName kReductionNames[] = {
    {Reduction::SumOverBatchSize, "sum_over_batch_size"},
    {Reduction::Mean, "mean"},
    {Reduction::Sum, "sum"},
    {Reduction::None, "none"},
    {Reduction::MeanWithSampleWeight, "mean_with_sample_weight"},
    {Reduction::BatchMean, "batchmean"},
};

bool isTorch(Framework framework) {
  return framework == Framework::PyTorch;
}

bool meanLike(Reduction reduction) {
  return reduction == Reduction::SumOverBatchSize || reduction == Reduction::Mean ||
         reduction == Reduction::MeanWithSampleWeight;
}

bool extraReduction(const LossInfo& info, Reduction reduction) {
  const auto& extra = info.facts.extraReductions;
  return std::find(extra.begin(), extra.end(), reduction) != extra.end();
}

}  // namespace

Reduction defaultReduction(const LossInfo& info) {
  return isTorch(info.framework) ? Reduction::Mean : Reduction::SumOverBatchSize;
}

std::string reductionName(Reduction reduction) {
  for (const auto& entry : kReductionNames) {
    if (entry.reduction == reduction) {
      return entry.name;
    }
  }
  return "?";
}

Reduction parseReduction(const std::string& text) {
  for (const auto& entry : kReductionNames) {
    if (text == entry.name) {
      return entry.reduction;
    }
  }
  throw Error::usage("unknown reduction '" + text +
                     "' (expected sum_over_batch_size, mean, sum, none, mean_with_sample_weight "
                     "or batchmean)");
}

std::string checkReduction(const LossInfo& info, Reduction reduction) {
  if (extraReduction(info, reduction)) {
    return {};
  }
  std::string extras;
  for (Reduction extra : info.facts.extraReductions) {
    extras += " or " + reductionName(extra);
  }
  if (isTorch(info.framework)) {
    if (reduction == Reduction::Mean || reduction == Reduction::Sum ||
        reduction == Reduction::None) {
      return {};
    }
    return "PyTorch loss '" + info.id + "' takes reduction mean, sum or none" + extras + ", not " +
           reductionName(reduction);
  }
  if (reduction == Reduction::BatchMean) {
    return "batchmean is a PyTorch kl_div reduction; '" + info.id +
           "' takes sum_over_batch_size, mean, sum, none or mean_with_sample_weight" + extras;
  }
  return {};
}

double uniformFactor(Framework framework, Reduction reduction, double count, double rows) {
  if (isTorch(framework)) {
    if (reduction == Reduction::Mean) {
      return 1.0 / count;
    }
    return reduction == Reduction::BatchMean ? 1.0 / rows : 1.0;
  }
  return meanLike(reduction) ? 1.0 / count : 1.0;
}

double rowScale(Framework framework, bool meanOverRow, Eigen::Index cols) {
  return isTorch(framework) || !meanOverRow ? 1.0 : 1.0 / static_cast<double>(cols);
}

double elementFactor(Framework framework,
                     Reduction reduction,
                     Eigen::Index rows,
                     Eigen::Index cols,
                     bool meanOverRow) {
  const double r = static_cast<double>(rows);
  // PyTorch reduces the B·D element tensor, Keras the B per-sample values.
  const double count = isTorch(framework) ? r * static_cast<double>(cols) : r;
  return rowScale(framework, meanOverRow, cols) * uniformFactor(framework, reduction, count, r);
}

ReductionPlan ReductionPlan::make(const LossInfo& info,
                                  Reduction reduction,
                                  const BatchEval& raw,
                                  const Eigen::ArrayXd* sampleWeight) {
  ReductionPlan plan;
  const Eigen::Index n = raw.unreduced.rows();
  if (isTorch(info.framework)) {
    const double count =
        raw.meanDenominator > 0 ? raw.meanDenominator : static_cast<double>(raw.unreduced.size());
    const double c = uniformFactor(info.framework, reduction, count, static_cast<double>(n));
    plan.rowFactor = Eigen::ArrayXd::Constant(n, c);
    return plan;
  }
  // Keras: per-sample values v_i = w_i ℓ_i, reduced by reduce_values (§1.2 steps 4-6).
  const bool weighted = sampleWeight != nullptr;
  plan.weight = weighted ? *sampleWeight : Eigen::ArrayXd::Ones(raw.scalar ? 1 : n);
  if (raw.mask.size() > 0) {
    if (reduction == Reduction::SumOverBatchSize || reduction == Reduction::Mean) {
      // Valid entries get weight N / N_valid (divide_no_nan: all masked gives 0).
      const double valid = raw.mask.sum();
      const double scale = valid > 0 ? static_cast<double>(raw.mask.size()) / valid : 0.0;
      plan.weight = plan.weight * raw.mask * scale;
    } else {
      plan.weight = plan.weight * raw.mask;
    }
  }
  const double count = static_cast<double>(plan.weight.size());
  Eigen::ArrayXd c;
  if (raw.scalar && !weighted) {
    c = Eigen::ArrayXd::Ones(1);  // a scalar is returned unchanged by every reduction
  } else if (reduction == Reduction::MeanWithSampleWeight && (weighted || raw.mask.size() > 0)) {
    const double sumWeight = plan.weight.sum();
    c = sumWeight != 0 ? Eigen::ArrayXd(plan.weight / sumWeight)
                       : Eigen::ArrayXd::Zero(plan.weight.size());
  } else {
    c = plan.weight * uniformFactor(info.framework, reduction, count, count);
  }
  // A weighted scalar loss broadcasts to (B,) before the reduction: its one value gets Σ c_i.
  plan.rowFactor = raw.scalar ? Eigen::ArrayXd::Constant(1, c.sum()) : c;
  return plan;
}

double ReductionPlan::value(const Tensor& unreduced) const {
  // One factor for every row (every unweighted reduction): factor · Σ, the sum rounded once.
  if (rowFactor.size() > 0 && (rowFactor == rowFactor(0)).all()) {
    return rowFactor(0) * unreduced.sum();
  }
  return (rowFactor * unreduced.rowwise().sum()).sum();
}

Tensor ReductionPlan::scaleRows(const Tensor& g) const {
  if (rowFactor.size() == 1) {
    return g * rowFactor(0);
  }
  Tensor scaled = g;
  for (Eigen::Index i = 0; i < scaled.rows(); ++i) {
    scaled.row(i) *= rowFactor(i);
  }
  return scaled;
}

}  // namespace losslab
