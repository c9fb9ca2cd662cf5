// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/pipeline.h"

#include <cmath>
#include <sstream>

#include "core/engine/error.h"

namespace losslab {

namespace {

bool isTorch(const LossInfo& info) {
  return info.framework == Framework::PyTorch;
}

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

Tensor labelsAsColumn(const RankedTensor& labels, Eigen::Index batch) {
  if (labels.values.cols() != 1) {
    throw Error::usage("labels must be one value per sample (a single column), got shape " +
                       shapeText(labels));
  }
  if (labels.values.rows() != batch) {
    throw Error::usage("y_true has " + std::to_string(labels.values.rows()) +
                       " labels but y_pred has " + std::to_string(batch) + " rows");
  }
  return labels.values;
}

}  // namespace

Reduction defaultReduction(const LossInfo& info) {
  return isTorch(info) ? Reduction::Mean : Reduction::SumOverBatchSize;
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
  if (isTorch(info)) {
    if (reduction == Reduction::Mean || reduction == Reduction::Sum ||
        reduction == Reduction::None) {
      return {};
    }
    if (reduction == Reduction::BatchMean && info.id == "kl_div") {
      return {};
    }
    return "PyTorch loss '" + info.id + "' takes reduction mean, sum or none" +
           (info.id == "kl_div" ? std::string(" or batchmean") : std::string()) + ", not " +
           reductionName(reduction);
  }
  if (reduction == Reduction::BatchMean) {
    return "batchmean is a PyTorch kl_div reduction; '" + info.id +
           "' takes sum_over_batch_size, mean, sum, none or mean_with_sample_weight";
  }
  return {};
}

std::string shapeText(const Tensor& t) {
  std::ostringstream out;
  out << '(' << t.rows() << ", " << t.cols() << ')';
  return out.str();
}

std::string shapeText(const RankedTensor& t) {
  if (t.rank == 1) {
    return "(" + std::to_string(t.values.rows()) + ",)";
  }
  return shapeText(t.values);
}

Tensor alignTarget(const LossInfo& info, const RankedTensor& yTrue, const RankedTensor& yPred) {
  const Eigen::Index rows = yPred.values.rows();
  const Eigen::Index cols = yPred.values.cols();
  // After squeeze_or_expand_to_same_rank a (n,) vector facing (n, 1) becomes (n, 1): the
  // storage is already n×1, so only the rank-1-vs-wider case needs thought.
  const bool vectorVsColumn = yTrue.rank != yPred.rank && yTrue.values.rows() == rows &&
                              yTrue.values.cols() == 1 && cols == 1;
  const bool sameShape = yTrue.values.rows() == rows && yTrue.values.cols() == cols;
  if (sameShape && yTrue.rank == yPred.rank) {
    return yTrue.values;
  }
  if (sameShape && vectorVsColumn && !isTorch(info)) {
    return yTrue.values;
  }
  if (isTorch(info)) {
    std::string why = "y_true has shape " + shapeText(yTrue) + " but y_pred has shape " +
                      shapeText(yPred) + "; PyTorch losses need equal shapes";
    if (yTrue.rank != yPred.rank && yTrue.values.rows() == rows) {
      why += " (torch would broadcast (B,) against (B, 1) to (B, B) with only a warning)";
    }
    throw Error::usage(why);
  }
  // Keras: ranks equal, or differing without a trailing size-1 axis, then NumPy broadcasting.
  if (yTrue.rank == 2 && yTrue.values.rows() == rows && yTrue.values.cols() == 1) {
    // (B, 1) against (B, D): broadcast along the last axis.
    return yTrue.values.col(0).replicate(1, cols);
  }
  if (yTrue.rank == 1 && yPred.rank == 2 && yTrue.values.rows() == cols) {
    // (D,) against (B, D): NumPy aligns trailing axes, so the vector is used for every row.
    // This is Keras' behaviour (spec §1.2 step 2), and it is rarely what the user meant.
    return yTrue.values.col(0).transpose().replicate(rows, 1);
  }
  throw Error::usage("y_true has shape " + shapeText(yTrue) + " and y_pred has shape " +
                     shapeText(yPred) +
                     ", which Keras cannot align (same rank, or (B,) vs (B, 1), or a broadcastable "
                     "y_true)");
}

Evaluation evaluate(const Loss& loss, const EvalRequest& request) {
  const LossInfo& info = loss.info();
  const Reduction reduction = request.reduction.value_or(defaultReduction(info));
  if (std::string problem = checkReduction(info, reduction); !problem.empty()) {
    throw Error::usage(problem);
  }
  const Tensor& yPred = request.yPred.values;
  if (yPred.size() == 0) {
    throw Error::usage("y_pred is empty");
  }
  const Eigen::Index batch = yPred.rows();

  Tensor yTrue;
  switch (info.target) {
    case TargetKind::SameShape:
      if (!request.yTrue) {
        throw Error::usage("'" + info.id + "' needs y_true");
      }
      yTrue = alignTarget(info, *request.yTrue, request.yPred);
      break;
    case TargetKind::ClassIndex:
      if (!request.yTrue) {
        throw Error::usage("'" + info.id + "' needs y_true (integer class labels)");
      }
      yTrue = labelsAsColumn(*request.yTrue, batch);
      break;
    case TargetKind::None:
      if (request.yTrue) {
        throw Error::usage("'" + info.id + "' takes no y_true (y_pred is the anchor)");
      }
      break;
  }

  LossInputs inputs;
  inputs.yPred = &yPred;
  inputs.yTrue = info.target == TargetKind::None ? nullptr : &yTrue;
  for (const auto& [name, tensor] : request.extras) {
    bool known = false;
    for (const ExtraInput& extra : info.extras) {
      known = known || extra.name == name;
    }
    if (!known) {
      throw Error::usage("'" + info.id + "' takes no input named '" + name + "'");
    }
    inputs.extras[name] = &tensor.values;
  }
  for (const ExtraInput& extra : info.extras) {
    if (extra.required && !inputs.extra(extra.name)) {
      throw Error::usage("'" + info.id + "' needs the input '" + extra.name + "' (" + extra.help +
                         ")");
    }
  }

  BatchEval raw;
  loss.evaluate(inputs, raw);

  Evaluation result;
  result.reduction = reduction;
  result.unreduced = raw.unreduced;
  result.perSample = raw.unreduced.rowwise().mean();

  // c: ∂L/∂(Σ_k unreduced_ik) per row, so that grad = c_i · raw.grad(i, ·).
  Eigen::ArrayXd rowFactor;
  const Eigen::Index n = raw.unreduced.rows();

  if (isTorch(info)) {
    if (request.sampleWeight) {
      throw Error::usage("PyTorch loss '" + info.id +
                         "' takes no sample weights (pass class weights as --input weight)");
    }
    const double total = raw.unreduced.sum();
    const double count = static_cast<double>(raw.unreduced.size());
    double factor = 1.0;
    if (reduction == Reduction::Mean) {
      factor = 1.0 / (raw.meanDenominator > 0 ? raw.meanDenominator : count);
    } else if (reduction == Reduction::BatchMean) {
      factor = 1.0 / static_cast<double>(n);
    }
    result.value = factor * total;
    rowFactor = Eigen::ArrayXd::Constant(n, factor);
  } else {
    // Keras: per-sample values v_i = w_i ℓ_i, reduced by reduce_values (§1.2 steps 4-6).
    Eigen::ArrayXd perSample = raw.unreduced.col(0);
    Eigen::ArrayXd weight = Eigen::ArrayXd::Ones(raw.scalar ? 1 : n);
    const bool weighted = request.sampleWeight.has_value();
    if (weighted) {
      const Tensor& w = request.sampleWeight->values;
      if (w.cols() != 1 || w.rows() != batch) {
        throw Error::usage("sample weights must be one value per sample: expected (" +
                           std::to_string(batch) + ",), got " + shapeText(*request.sampleWeight));
      }
      weight = w.col(0);
      if (raw.scalar) {
        // A scalar loss times a (B,) weight broadcasts to (B,) and is then reduced.
        perSample = Eigen::ArrayXd::Constant(batch, perSample(0));
      }
    }
    if (raw.mask.size() > 0) {
      const double valid = raw.mask.sum();
      if (reduction == Reduction::SumOverBatchSize || reduction == Reduction::Mean) {
        // Valid entries get weight N / N_valid (divide_no_nan: all masked gives 0).
        const double scale = valid > 0 ? static_cast<double>(raw.mask.size()) / valid : 0.0;
        weight = weight * raw.mask * scale;
      } else {
        weight = weight * raw.mask;
      }
    }
    const double count = static_cast<double>(perSample.size());
    Eigen::ArrayXd c;
    if (raw.scalar && !weighted) {
      c = Eigen::ArrayXd::Ones(1);  // a scalar is returned unchanged by every reduction
    } else if (reduction == Reduction::Sum || reduction == Reduction::None) {
      c = weight;
    } else if (reduction == Reduction::MeanWithSampleWeight && (weighted || raw.mask.size() > 0)) {
      const double sumWeight = weight.sum();
      c = sumWeight != 0 ? Eigen::ArrayXd(weight / sumWeight) : Eigen::ArrayXd::Zero(weight.size());
    } else {
      c = weight / count;
    }
    result.value = (c * perSample).sum();
    if (reduction == Reduction::None) {
      result.unreduced = (weight * perSample).matrix();
      result.perSample = weight * perSample;
    }
    rowFactor = raw.scalar ? Eigen::ArrayXd::Constant(1, c.sum()) : c;
  }

  auto scaleRows = [&](const Tensor& g) {
    if (raw.scalar) {
      return Tensor(g * rowFactor(0));
    }
    Tensor scaled = g;
    for (Eigen::Index i = 0; i < scaled.rows(); ++i) {
      scaled.row(i) *= rowFactor(i);
    }
    return scaled;
  };
  result.grad = scaleRows(raw.grad);
  if (raw.d2.size() > 0) {
    result.d2 = scaleRows(raw.d2);
  }
  for (const auto& [name, g] : raw.extraGrads) {
    result.extraGrads[name] = scaleRows(g);
  }
  return result;
}

double Loss::valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const {
  BatchEval raw;
  evaluate(in, raw);
  double factor = 1.0;
  const double n = static_cast<double>(raw.unreduced.rows());
  const bool meanLike = reduction == Reduction::SumOverBatchSize || reduction == Reduction::Mean ||
                        reduction == Reduction::MeanWithSampleWeight;
  if (info().framework == Framework::PyTorch) {
    if (reduction == Reduction::Mean) {
      factor = 1.0 / (raw.meanDenominator > 0 ? raw.meanDenominator
                                              : static_cast<double>(raw.unreduced.size()));
    } else if (reduction == Reduction::BatchMean) {
      factor = 1.0 / n;
    }
  } else if (raw.mask.size() > 0 && meanLike) {
    const double valid = raw.mask.sum();
    factor = valid > 0 ? 1.0 / valid : 0.0;
  } else if (meanLike && !raw.scalar) {
    factor = 1.0 / n;
  }
  Eigen::ArrayXd rowValues = raw.unreduced.rowwise().sum();
  if (raw.mask.size() > 0) {
    rowValues *= raw.mask;
    for (Eigen::Index i = 0; i < raw.grad.rows(); ++i) {
      raw.grad.row(i) *= raw.mask(i);
    }
  }
  grad = raw.grad * factor;
  return factor * rowValues.sum();
}

}  // namespace losslab
