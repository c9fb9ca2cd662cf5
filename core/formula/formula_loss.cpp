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
  info.elementwise = !parsed.aggregate && !parsed.rowwise;
  for (const std::string& input : parsed.inputs) {
    info.extras.push_back(
        {input, false, true,
         "a tensor the formula reads as '" + input + "': y_pred's rows, 1 to all of its columns"});
  }
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
                                                       const std::string& name,
                                                       const std::vector<std::string>& inputs) {
  formula::ParsedFormula parsed = formula::parseFormula(source, inputs);
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
  std::vector<formula::ExprPtr> outputs = {m_parsed.value, m_parsed.d1};
  if (m_parsed.d2) {
    outputs.push_back(m_parsed.d2);
  }
  m_program = formula::Program(outputs, names, m_parsed.inputs);
  m_fusedProgram = formula::Program({m_parsed.value, m_parsed.d1}, names, m_parsed.inputs);
}

Tensor widenInput(const Tensor& input,
                  Eigen::Index rows,
                  Eigen::Index cols,
                  const std::string& name) {
  if (input.rows() != rows || input.cols() > cols || input.cols() == 0) {
    throw Error::usage("the formula's input '" + name + "' has shape (" +
                       std::to_string(input.rows()) + ", " + std::to_string(input.cols()) +
                       ") but needs " + std::to_string(rows) + " rows (as y_pred) and 1 to " +
                       std::to_string(cols) + " columns");
  }
  if (input.cols() == cols) {
    return input;
  }
  Tensor wide(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j) {
    wide.col(j) = input.col(std::min(j, input.cols() - 1));
  }
  return wide;
}

formula::ProgramInputs FormulaLoss::programInputs(const LossInputs& in,
                                                  std::vector<Tensor>& widened) const {
  const Tensor& pred = *in.yPred;
  formula::ProgramInputs p{in.yTrue->data(),
                           pred.data(),
                           static_cast<std::size_t>(pred.size()),
                           static_cast<std::size_t>(pred.cols()),
                           {}};
  widened.reserve(m_parsed.inputs.size());
  for (const std::string& name : m_parsed.inputs) {
    const Tensor* input = in.extra(name);
    if (!input) {
      throw Error::usage("the formula reads '" + name + "': give it as --input " + name + "=FILE");
    }
    widened.push_back(widenInput(*input, pred.rows(), pred.cols(), name));
    p.inputs.push_back(widened.back().data());
  }
  return p;
}

void FormulaLoss::evaluate(const LossInputs& in, BatchEval& out) const {
  const Tensor& pred = *in.yPred;
  const Eigen::Index rows = pred.rows();
  const Eigen::Index cols = pred.cols();
  Tensor value(rows, cols);
  out.grad.resize(rows, cols);
  std::vector<double*> outputs = {value.data(), out.grad.data()};
  if (m_parsed.d2) {
    out.d2.resize(rows, cols);
    outputs.push_back(out.d2.data());
  }
  std::vector<Tensor> widened;
  const formula::ProgramInputs inputs = programInputs(in, widened);
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_program.run(inputs, m_paramValues, outputs);
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
  if (m_parsed.d2) {
    out.d2 *= scale;
  }
}

double FormulaLoss::valueAndGradient(const LossInputs& in,
                                     Reduction reduction,
                                     Tensor& grad) const {
  if (m_parsed.aggregate) {
    return Loss::valueAndGradient(in, reduction, grad);
  }
  const Tensor& pred = *in.yPred;
  std::vector<Tensor> widened;
  const formula::ProgramInputs inputs = programInputs(in, widened);
  // L = factor · Σ_ij e_ij with ℓ_i = mean_j e_ij (Keras' last-axis mean), then the batch
  // reduction.
  const double factor =
      elementFactor(info().framework, reduction, pred.rows(), pred.cols(), /*meanOverRow=*/true);
  grad.resize(pred.rows(), pred.cols());
  const std::lock_guard<std::mutex> lock(m_mutex);
  return factor * m_fusedProgram.runSumAndScale(inputs, m_paramValues, grad.data(), factor);
}

}  // namespace losslab
