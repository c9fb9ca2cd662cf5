// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/formula/formula_loss.h"

#include <cmath>

#include "core/engine/error.h"
#include "core/engine/reduction.h"

namespace losslab {

LossInfo formulaInfo(const formula::ParsedFormula& parsed, const std::string& name) {
  LossInfo info;
  info.id = "custom";
  info.name = name;
  info.family = Family::Regression;
  info.framework = Framework::Keras;
  info.target = TargetKind::SameShape;
  info.curve = CurveKind::Residual;
  info.summary = formula::toString(parsed.value);
  info.elementwise = !parsed.aggregate;
  for (const formula::FormulaParam& p : parsed.params) {
    ParamSpec spec = realParam(
        p.name, p.name, p.defaultValue, p.min, p.max,
        p.declared ? "declared in the formula" : "used in the formula (undeclared: default 1)");
    spec.logScale = p.logScale;
    if (!p.declared) {
      // Undeclared parameters are unbounded; give the slider a useful span around 1.
      spec.sliderMin = -10;
      spec.sliderMax = 10;
    } else if (std::fabs(p.min) > 1e299 || std::fabs(p.max) > 1e299) {
      spec.sliderMin = p.defaultValue - 10;
      spec.sliderMax = p.defaultValue + 10;
    }
    info.params.push_back(spec);
  }
  return info;
}

std::shared_ptr<const FormulaLoss> FormulaLoss::create(const std::string& source,
                                                       const ParamValues& params,
                                                       const std::string& name) {
  formula::ParsedFormula parsed = formula::parseFormula(source);
  auto info = std::make_shared<const LossInfo>(formulaInfo(parsed, name));
  const ParamValues complete = completeParams(info->params, params);
  return std::shared_ptr<const FormulaLoss>(new FormulaLoss(info, std::move(parsed), complete));
}

FormulaLoss::FormulaLoss(std::shared_ptr<const LossInfo> info,
                         formula::ParsedFormula parsed,
                         const ParamValues& params)
    : Loss(*info), m_infoOwner(std::move(info)), m_parsed(std::move(parsed)) {
  std::vector<std::string> names;
  for (const formula::FormulaParam& p : m_parsed.params) {
    names.push_back(p.name);
    m_paramValues.push_back(params.at(p.name));
  }
  setParams(params);
  m_program = formula::Program({m_parsed.value, m_parsed.d1, m_parsed.d2}, names);
  m_fusedProgram = formula::Program({m_parsed.value, m_parsed.d1}, names);
}

void FormulaLoss::evaluate(const LossInputs& in, BatchEval& out) const {
  const Tensor& pred = *in.yPred;
  const Tensor& target = *in.yTrue;
  const Eigen::Index rows = pred.rows();
  const Eigen::Index cols = pred.cols();
  Tensor value(rows, cols);
  out.grad.resize(rows, cols);
  out.d2.resize(rows, cols);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_program.run(target.data(), pred.data(), static_cast<std::size_t>(pred.size()), m_paramValues,
                  {value.data(), out.grad.data(), out.d2.data()});
  }
  if (m_parsed.aggregate) {
    // One scalar for the batch; d1 is already ∂L/∂ŷ_ij. The diagonal second derivative is
    // exact too (d/dŷ_i of a mean is f′_i / N), so it is kept.
    out.scalar = true;
    out.unreduced = Tensor::Constant(1, 1, value(0, 0));
    return;
  }
  // Element loss: ℓ_i = mean_j e_ij, as Keras' own losses reduce the last axis.
  const double scale = 1.0 / static_cast<double>(cols);
  out.unreduced = value.rowwise().sum() * scale;
  out.grad *= scale;
  out.d2 *= scale;
}

double FormulaLoss::valueAndGradient(const LossInputs& in,
                                     Reduction reduction,
                                     Tensor& grad) const {
  if (m_parsed.aggregate) {
    return Loss::valueAndGradient(in, reduction, grad);
  }
  const Tensor& pred = *in.yPred;
  const Tensor& target = *in.yTrue;
  // L = factor · Σ_ij e_ij with ℓ_i = mean_j e_ij (Keras' last-axis mean), then the batch
  // reduction.
  const double factor =
      elementFactor(info().framework, reduction, pred.rows(), pred.cols(), /*meanOverRow=*/true);
  grad.resize(pred.rows(), pred.cols());
  const std::lock_guard<std::mutex> lock(m_mutex);
  return factor * m_fusedProgram.runSumAndScale(target.data(), pred.data(),
                                                static_cast<std::size_t>(pred.size()),
                                                m_paramValues, grad.data(), factor);
}

}  // namespace losslab
