// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <memory>

#include "core/engine/curve.h"
#include "core/engine/loss.h"

namespace losslab::ui {

/// One overlaid curve: a catalogue loss with its own parameters, variant and appearance.
struct CurveItem {
  QString lossId;
  QString name;             // legend text
  bool customName = false;  // false: `name` follows the parameters ("Huber (δ = 0.5)")
  QColor color;
  bool visible = true;
  ParamValues params;    // complete (every id of the loss, defaults filled in)
  QString variant;       // CurveVariant id; empty: the loss's first variant
  QString variantLabel;  // the variant's label when the legend must name it, else empty
  LossPtr loss;          // created by the engine from lossId + params
  std::shared_ptr<CurveEvaluator> evaluator;  // keeps buffers: no allocation per redraw
  const CurveData* data = nullptr;            // the evaluator's latest result, or `computed`
  std::shared_ptr<const CurveData> computed;  // a result computed off the GUI thread
};

}  // namespace losslab::ui
