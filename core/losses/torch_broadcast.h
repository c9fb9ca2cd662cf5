// SPDX-License-Identifier: GPL-3.0-or-later
// The optional weight inputs of the PyTorch losses (weight, pos_weight): how they broadcast
// against y_pred.
#pragma once

#include <string>
#include <string_view>

#include "core/engine/error.h"
#include "core/engine/loss.h"
#include "core/engine/pipeline.h"

namespace losslab {

/// An optional non-differentiable extra input that broadcasts against y_pred: y_pred's shape
/// (where `allowSameShape`), or one value per column of y_pred (PyTorch's (D,) tensor), written
/// as a row (1, D) or as a column (D, 1). Absent, every element reads `fallback`; a wrong shape
/// is a usage error.
class Broadcast {
 public:
  Broadcast(const LossInputs& in,
            std::string_view name,
            const LossInfo& info,
            bool allowSameShape) {
    const Tensor* extra = in.extra(name);
    if (!extra) {
      return;
    }
    const Tensor& pred = *in.yPred;
    const bool same = extra->rows() == pred.rows() && extra->cols() == pred.cols();
    const bool row = extra->rows() == 1 && extra->cols() == pred.cols();
    const bool column = extra->cols() == 1 && extra->rows() == pred.cols();
    if (allowSameShape && same) {
      m_tensor = extra;
      m_perElement = true;
    } else if (row) {
      m_tensor = extra;
    } else if (column) {
      m_row = extra->transpose();
      m_tensor = &m_row;
    } else {
      const std::string d = std::to_string(pred.cols());
      throw Error::usage(
          info.id + ": " + std::string(name) + " has shape " + shapeText(*extra) +
          " but must be (1, " + d + ") or (" + d + ", 1)" +
          (allowSameShape ? " or y_pred's shape " + shapeText(pred) : std::string()));
    }
  }
  Broadcast(const Broadcast&) = delete;
  Broadcast& operator=(const Broadcast&) = delete;

  /// Element (i, j), `fallback` when the input is absent.
  double at(Eigen::Index i, Eigen::Index j, double fallback = 1.0) const {
    if (!m_tensor) {
      return fallback;
    }
    return m_perElement ? (*m_tensor)(i, j) : (*m_tensor)(0, j);
  }

 private:
  const Tensor* m_tensor = nullptr;
  Tensor m_row;  // a (D, 1) column as a row
  bool m_perElement = false;
};

}  // namespace losslab
