// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/pipeline.h"

#include <cmath>
#include <optional>
#include <sstream>

#include "core/engine/error.h"
#include "core/engine/reduction.h"

namespace losslab {

namespace {

bool isTorch(const LossInfo& info) {
  return info.framework == Framework::PyTorch;
}

Tensor labelsAsColumn(const RankedTensor& labels, Eigen::Index batch, bool probabilities) {
  if (labels.values.cols() != 1) {
    throw Error::usage(
        "labels must be one value per sample (a single column)" +
        std::string(probabilities ? ", or class probabilities of y_pred's shape" : "") +
        ", got shape " + shapeText(labels));
  }
  if (labels.values.rows() != batch) {
    throw Error::usage("y_true has " + std::to_string(labels.values.rows()) +
                       " labels but y_pred has " + std::to_string(batch) + " rows");
  }
  return labels.values;
}

}  // namespace

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
      if (info.facts.probabilityTargets && yPred.cols() > 1 &&
          request.yTrue->values.rows() == batch && request.yTrue->values.cols() == yPred.cols()) {
        yTrue = request.yTrue->values;  // class probabilities, one row per sample
        break;
      }
      yTrue = labelsAsColumn(*request.yTrue, batch, info.facts.probabilityTargets);
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

  Evaluation result;
  result.reduction = reduction;
  if (request.fused && !request.sampleWeight && reduction != Reduction::None &&
      loss.valuesAndGradient(inputs, reduction, result.unreduced, result.grad, result.value)) {
    result.perSample = result.unreduced.rowwise().mean();
    return result;
  }

  BatchEval raw;
  loss.evaluate(inputs, raw);

  result.reduction = reduction;
  result.unreduced = raw.unreduced;
  result.perSample = raw.unreduced.rowwise().mean();

  std::optional<Eigen::ArrayXd> weight;
  if (request.sampleWeight) {
    if (isTorch(info)) {
      throw Error::usage("PyTorch loss '" + info.id +
                         "' takes no sample weights (pass class weights as --input weight)");
    }
    const Tensor& w = request.sampleWeight->values;
    if (w.cols() != 1 || w.rows() != batch) {
      throw Error::usage("sample weights must be one value per sample: expected (" +
                         std::to_string(batch) + ",), got " + shapeText(*request.sampleWeight));
    }
    weight = w.col(0);
  }
  const ReductionPlan plan = ReductionPlan::make(info, reduction, raw, weight ? &*weight : nullptr);
  result.value = plan.value(raw.unreduced);
  if (reduction == Reduction::None && !isTorch(info)) {
    // Keras' 'none' returns the weighted per-sample values w_i ℓ_i (a weighted scalar loss
    // broadcasts to one value per sample).
    const Eigen::ArrayXd perSample = raw.scalar && weight
                                         ? Eigen::ArrayXd::Constant(batch, raw.unreduced(0, 0))
                                         : Eigen::ArrayXd(raw.unreduced.col(0));
    result.perSample = plan.weight * perSample;
    result.unreduced = result.perSample.matrix();
  }
  result.grad = plan.scaleRows(raw.grad);
  if (raw.d2.size() > 0) {
    result.d2 = plan.scaleRows(raw.d2);
  }
  for (const auto& [name, g] : raw.extraGrads) {
    result.extraGrads[name] = plan.scaleRows(g);
  }
  return result;
}

bool Loss::valuesAndGradient(const LossInputs&, Reduction, Tensor&, Tensor&, double&) const {
  return false;
}

double Loss::valueAndGradient(const LossInputs& in, Reduction reduction, Tensor& grad) const {
  BatchEval raw;
  evaluate(in, raw);
  const ReductionPlan plan = ReductionPlan::make(info(), reduction, raw, nullptr);
  grad = plan.scaleRows(raw.grad);
  return plan.value(raw.unreduced);
}

}  // namespace losslab
