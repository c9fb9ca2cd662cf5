// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/formula/formula_templates.h"

namespace losslab::ui {

// The formulas follow the seed posts line by line where the seed gives code; the # comments
// quote the seed so a user can see where each term comes from. Parameter ranges match the
// catalogue's slider ranges for the same parameter (loss_registry: temperature_mse's T,
// huber's δ, contrastive's m), so a template and its built-in twin feel the same on a slider.
QList<FormulaTemplate> FormulaTemplates::all() {
  QList<FormulaTemplate> list;

  // Seed 000 (Keras 之自定义损失函数, §5): K.mean(K.square(y_pred - y_true) * temperature,
  // axis=-1), with temperature=1.0 as the default and 0.6 as the seed's "sharper" example.
  list.push_back({QStringLiteral("temperature_mse"),
                  tr("Temperature-scaled MSE"),
                  QStringLiteral("# seed 000: K.mean(K.square(y_pred - y_true) * temperature, "
                                 "axis=-1)\n"
                                 "# the seed compiles it with temperature=0.6\n"
                                 "temperature = 1 in [0.05, 20] log\n"
                                 "square(y_pred - y_true) * temperature"),
                  tr("The squared error scaled by a temperature: lower is sharper, higher is "
                     "softer."),
                  QStringLiteral("seed 000"),
                  QStringLiteral("temperature_mse"),
                  {{"temperature", "temperature"}}});

  // Seed 002 (使用TensorFlow2创建自定义损失函数), my_rmse: error = y_true - y_pred,
  // sqr_error = K.square(error), mean_sqr_error = K.mean(sqr_error), then K.sqrt. K.mean without
  // an axis averages the whole batch: one number, hence the aggregate mean(...).
  list.push_back({QStringLiteral("rmse"),
                  tr("RMSE over the batch"),
                  QStringLiteral("# seed 002, my_rmse: sqrt(mean(square(y_true - y_pred)))\n"
                                 "# mean(...) runs over the whole batch: one value per batch\n"
                                 "sqrt(mean(square(r)))"),
                  tr("Root mean squared error of the whole batch (one number, not per sample)."),
                  QStringLiteral("seed 002"),
                  QStringLiteral("rmse_batch"),
                  {}});

  // Seed 002, my_huber_loss with its threshold: |a| ≤ δ → a²/2, else δ(|a| − δ/2), with
  // a = y_true − y_pred (= −r; only |a| and a² appear) and tf.where choosing the branch.
  list.push_back({QStringLiteral("huber_threshold"),
                  tr("Huber with threshold"),
                  QStringLiteral("# seed 002, my_huber_loss_with_threshold(threshold):\n"
                                 "#   |a| <= threshold: a^2/2, else threshold*(|a| - threshold/2)\n"
                                 "threshold = 1 in [0.01, 10] log\n"
                                 "where(abs(r) <= threshold, square(r)/2, "
                                 "threshold*(abs(r) - threshold/2))"),
                  tr("Quadratic for small errors, linear beyond the threshold (tf.where in the "
                     "seed)."),
                  QStringLiteral("seed 002"),
                  QStringLiteral("huber"),
                  {{"threshold", "delta"}}});

  // Seed 002, contrastive loss with margin (Siamese networks): y_true = 1 means the pair is
  // similar (its term is D²), 0 dissimilar (max(margin − D, 0)²); y_pred is the distance D.
  list.push_back(
      {QStringLiteral("contrastive_margin"),
       tr("Contrastive loss with margin"),
       QStringLiteral("# seed 002, contrastive_loss_with_margin(margin):\n"
                      "#   y_true = 1: similar pair, 0: dissimilar; y_pred = distance D\n"
                      "margin = 1 in [0.1, 5]\n"
                      "y_true*square(y_pred) + (1 - y_true)*square(max(margin - "
                      "y_pred, 0))"),
       tr("Siamese-network loss: pulls similar pairs together, pushes dissimilar "
          "pairs beyond the margin."),
       QStringLiteral("seed 002"),
       QStringLiteral("contrastive"),
       {{"margin", "margin"}}});

  // Seed 002's MyHuberLoss class (threshold set in __init__, used in call): the same Huber,
  // laid out as a starting point with ideas to try in the comments.
  list.push_back(
      {QStringLiteral("my_huber"),
       tr("My Huber (starting point)"),
       QStringLiteral("# My Huber: seed 002's MyHuberLoss, ready to change.\n"
                      "# Ideas: a smooth version delta^2*(sqrt(1 + square(r/delta)) - 1)\n"
                      "#        or an asymmetric one where(r < 0, 2, 1)*(...)\n"
                      "delta = 1 in [0.01, 10] log\n"
                      "where(abs(r) <= delta, 0.5*square(r), "
                      "delta*abs(r) - 0.5*square(delta))"),
       tr("Keras' Huber loss written out, to edit into your own."),
       QStringLiteral("seed 002"),
       QStringLiteral("huber"),
       {{"delta", "delta"}}});

  // For comparison: the seed's own first example (seed 000 §3.1, K.mean(K.square(y_pred -
  // y_true), axis=-1)) and two more Keras regression losses.
  list.push_back({QStringLiteral("mse"),
                  tr("Mean squared error"),
                  QStringLiteral("# seed 000: K.mean(K.square(y_pred - y_true), axis=-1)\n"
                                 "square(y_pred - y_true)"),
                  tr("The squared error, averaged like Keras' MSE."),
                  QStringLiteral("seed 000"),
                  QStringLiteral("mean_squared_error"),
                  {}});
  list.push_back({QStringLiteral("mae"),
                  tr("Mean absolute error"),
                  QStringLiteral("abs(r)"),
                  tr("The absolute error, averaged like Keras' MAE."),
                  QString(),
                  QStringLiteral("mean_absolute_error"),
                  {}});
  list.push_back({QStringLiteral("log_cosh"),
                  tr("Log-cosh"),
                  QStringLiteral("log_cosh(r)"),
                  tr("log(cosh(r)): quadratic near zero, linear far away, smooth everywhere."),
                  QString(),
                  QStringLiteral("log_cosh"),
                  {}});

  // Row-wise functions (issue 13): losses over a whole row, equal to the built-ins.
  list.push_back(
      {QStringLiteral("categorical_crossentropy"),
       tr("Categorical cross-entropy"),
       QStringLiteral("# Keras CCE on probabilities: normalise each row, clip, sum\n"
                      "# from logits: -row_sum(y_true*log_softmax(y_pred))\n"
                      "-row_sum(y_true*log(clip(y_pred/row_sum(y_pred), eps, 1 - eps)))"),
       tr("Cross-entropy of one-hot targets and a row of class probabilities."),
       QString(),
       QStringLiteral("categorical_crossentropy"),
       {}});
  list.push_back({QStringLiteral("rmse_per_sample"),
                  tr("RMSE per sample"),
                  QStringLiteral("# one root mean squared error per row, then averaged\n"
                                 "sqrt(row_mean(square(r)))"),
                  tr("Root mean squared error of each sample's row."),
                  QString(),
                  QStringLiteral("rmse_per_sample"),
                  {}});
  list.push_back(
      {QStringLiteral("ceres_arctan"),
       tr("Ceres ArctanLoss"),
       QStringLiteral("# Ceres: 1/2 rho(s) of the row's squared norm s, rho = a*atan(s/a)\n"
                      "a = 1 in [0.05, 10] log\n"
                      "0.5*a*atan(row_sum(square(r))/a)"),
       tr("Bounded robust loss of the row's squared norm: it saturates at a·π/4."),
       QString(),
       QStringLiteral("ceres_arctan"),
       {{"a", "a"}}});
  return list;
}

std::optional<FormulaTemplate> FormulaTemplates::find(const QString& id) {
  for (const FormulaTemplate& t : all()) {
    if (t.id == id) {
      return t;
    }
  }
  return std::nullopt;
}

}  // namespace losslab::ui
