// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/engine/composite_loss.h"

#include <cmath>
#include <string>

#include "core/engine/error.h"
#include "core/engine/translatable.h"

namespace losslab {

namespace {

std::string termName(std::size_t k, const CompositeTerm& term) {
  return "composite term " + std::to_string(k + 1) +
         (term.loss ? " ('" + term.loss->info().id + "')" : std::string());
}

/// Columns [first, first + count) of `t` as a tensor of its own; the rank is kept when the slice is
/// the whole tensor (a (B,) vector stays a vector), otherwise it is a (B, count) matrix.
RankedTensor sliceColumns(const RankedTensor& t, Eigen::Index first, Eigen::Index count) {
  const bool whole = first == 0 && count == t.values.cols();
  return RankedTensor{t.values.middleCols(first, count), whole ? t.rank : 2};
}

/// Adds `scale · part` into the columns [first, first + part.cols()) of `total`.
void addColumns(Tensor& total, Eigen::Index first, double scale, const Tensor& part) {
  total.middleCols(first, part.cols()) += scale * part;
}

}  // namespace

Evaluation evaluateComposite(const std::vector<CompositeTerm>& terms, const EvalRequest& request) {
  if (terms.empty()) {
    throw Error::usage(LL_TR("Engine", "a composite loss needs at least one term"));
  }
  const Tensor& yPred = request.yPred.values;
  const Eigen::Index rows = yPred.rows();
  const Eigen::Index cols = yPred.cols();

  Evaluation total;
  total.grad = Tensor::Zero(rows, cols);
  total.d2 = Tensor::Zero(rows, cols);
  total.perSample = Eigen::ArrayXd::Zero(rows);
  bool everyD2 = true;

  for (std::size_t k = 0; k < terms.size(); ++k) {
    const CompositeTerm& term = terms[k];
    const std::string name = termName(k, term);
    if (!term.loss) {
      throw Error::usage(name + " has no loss");
    }
    if (!std::isfinite(term.weight)) {
      throw Error::usage(name + " has a non-finite weight");
    }
    if (term.columns < 1 || term.firstColumn < 0 || term.firstColumn + term.columns > cols) {
      throw Error::usage(name + " reads columns [" + std::to_string(term.firstColumn) + ", " +
                         std::to_string(term.firstColumn + term.columns) + ") but y_pred has " +
                         shapeText(request.yPred));
    }
    const LossInfo& info = term.loss->info();
    if (k == 0) {
      total.reduction = request.reduction.value_or(defaultReduction(info));
    }

    EvalRequest sub;
    sub.yPred = sliceColumns(request.yPred, term.firstColumn, term.columns);
    if (info.target != TargetKind::None) {
      if (!request.yTrue) {
        throw Error::usage(name + " needs y_true");
      }
      const Eigen::Index first =
          term.targetFirstColumn >= 0 ? term.targetFirstColumn : term.firstColumn;
      const Eigen::Index width = info.target == TargetKind::ClassIndex ? 1 : term.columns;
      if (first + width > request.yTrue->values.cols()) {
        throw Error::usage(name + " reads y_true columns [" + std::to_string(first) + ", " +
                           std::to_string(first + width) + ") but y_true has " +
                           shapeText(*request.yTrue));
      }
      sub.yTrue = sliceColumns(*request.yTrue, first, width);
    }
    for (const ExtraInput& extra : info.extras) {
      auto it = request.extras.find(extra.name);
      if (it != request.extras.end()) {
        sub.extras.emplace(it->first, it->second);
      }
    }
    sub.sampleWeight = request.sampleWeight;
    sub.reduction = request.reduction;

    Evaluation part;
    try {
      part = evaluate(*term.loss, sub);
    } catch (const Error& error) {
      throw Error(error.kind(), name + ": " + error.what());
    }

    const double w = term.weight;
    total.value += w * part.value;
    addColumns(total.grad, term.firstColumn, w, part.grad);
    if (part.d2.size() > 0 && everyD2) {
      addColumns(total.d2, term.firstColumn, w, part.d2);
    } else {
      everyD2 = false;
    }
    for (const auto& [extraName, g] : part.extraGrads) {
      auto it = total.extraGrads.find(extraName);
      if (it == total.extraGrads.end()) {
        total.extraGrads.emplace(extraName, Tensor(w * g));
      } else {
        it->second += w * g;
      }
    }
    // A scalar loss (rmse_batch, dice with axis=None) has one per-sample value: it applies to
    // every sample.
    if (part.perSample.size() == rows) {
      total.perSample += w * part.perSample;
    } else if (part.perSample.size() == 1) {
      total.perSample += w * part.perSample(0);
    }
  }
  if (!everyD2) {
    total.d2.resize(0, 0);
  }
  total.unreduced = total.perSample;
  return total;
}

}  // namespace losslab
