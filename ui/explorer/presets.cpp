// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/presets.h"

#include <QCoreApplication>

namespace losslab::ui {

namespace {

// Titles, captions and legend names are translated when the list is first built (main()
// installs the translators before that). The context is spelt out for lupdate.

std::vector<Preset> makePresets() {
  std::vector<Preset> list;
  list.push_back(
      {QStringLiteral("mse-mae-huber"),
       QCoreApplication::translate("losslab::ui::Presets", "MSE vs MAE vs Huber"),
       QCoreApplication::translate(
           "losslab::ui::Presets",
           "MSE's gradient grows without bound, so outliers pull hardest; MAE's is "
           "constant; Huber is quadratic near zero and linear beyond ±δ, so its gradient "
           "is clipped at ±δ."),
       {{"mean_squared_error", {}, {}, {}},
        {"mean_absolute_error", {}, {}, {}},
        {"huber", {{"delta", 1.0}}, {}, {}}},
       -3,
       3});
  list.push_back(
      {QStringLiteral("huber-delta-sweep"),
       QCoreApplication::translate("losslab::ui::Presets", "Huber δ sweep"),
       QCoreApplication::translate(
           "losslab::ui::Presets",
           "δ moves the point where the quadratic turns linear: small δ behaves like MAE, "
           "large δ like MSE (halved). The gradient's plateau is ±δ."),
       {{"huber", {{"delta", 0.25}}, {}, {}},
        {"huber", {{"delta", 0.5}}, {}, {}},
        {"huber", {{"delta", 1.0}}, {}, {}},
        {"huber", {{"delta", 2.0}}, {}, {}}},
       -3,
       3});
  list.push_back(
      {QStringLiteral("robust"),
       QCoreApplication::translate("losslab::ui::Presets",
                                   "Robust losses: Cauchy, Tukey, Barron α"),
       QCoreApplication::translate(
           "losslab::ui::Presets",
           "Robust losses stop growing (or grow slowly) for large residuals: their "
           "gradient goes back towards zero, so outliers lose their pull. Barron's α "
           "sweeps from L2 (α = 2) through Charbonnier (1) and Cauchy (0) to Geman-McClure "
           "(−2)."),
       {{"ceres_cauchy", {{"a", 1.0}}, {}, {}},
        {"ceres_tukey", {{"a", 2.0}}, {}, {}},
        {"barron_general", {{"alpha", 2.0}}, {}, {}},
        {"barron_general", {{"alpha", 1.0}}, {}, {}},
        {"barron_general", {{"alpha", 0.0}}, {}, {}},
        {"barron_general", {{"alpha", -2.0}}, {}, {}}},
       -5,
       5});
  list.push_back(
      {QStringLiteral("classification-margins"),
       QCoreApplication::translate("losslab::ui::Presets", "Classification margins"),
       QCoreApplication::translate(
           "losslab::ui::Presets",
           "Plotted against the score for a positive label: hinge is exactly zero past "
           "margin 1, squared hinge is smooth there, soft margin and BCE from logits never "
           "reach zero and keep a small gradient everywhere."),
       {{"hinge", {}, QStringLiteral("positive"), {}},
        {"squared_hinge", {}, QStringLiteral("positive"), {}},
        {"soft_margin", {}, QStringLiteral("positive"), {}},
        {"binary_crossentropy", {{"from_logits", 1.0}}, QStringLiteral("positive"), {}}},
       -3,
       3});
  list.push_back(
      {QStringLiteral("ce-vs-focal"),
       QCoreApplication::translate("losslab::ui::Presets", "Cross-entropy vs focal loss (γ)"),
       QCoreApplication::translate(
           "losslab::ui::Presets",
           "Against the probability of the true class: focal loss multiplies BCE by "
           "(1 − p)^γ, so well-classified examples (p near 1) contribute almost nothing "
           "and training focuses on hard ones. γ = 0 is BCE."),
       {{"binary_crossentropy", {}, QStringLiteral("positive"), {}},
        {"binary_focal_crossentropy", {{"gamma", 1.0}}, QStringLiteral("positive"), {}},
        {"binary_focal_crossentropy", {{"gamma", 2.0}}, QStringLiteral("positive"), {}},
        {"binary_focal_crossentropy", {{"gamma", 5.0}}, QStringLiteral("positive"), {}}},
       0.01,
       0.99});
  list.push_back(
      {QStringLiteral("contrastive-margin"),
       QCoreApplication::translate("losslab::ui::Presets", "Contrastive loss with a margin"),
       QCoreApplication::translate(
           "losslab::ui::Presets",
           "Similar pairs are pulled together by d²; dissimilar pairs are pushed apart "
           "only while closer than the margin m, after which they cost nothing."),
       {{"contrastive",
         {{"margin", 1.0}},
         QStringLiteral("similar"),
         QCoreApplication::translate("losslab::ui::Presets", "similar pair")},
        {"contrastive",
         {{"margin", 1.0}},
         QStringLiteral("dissimilar"),
         QCoreApplication::translate("losslab::ui::Presets", "dissimilar pair, m = 1")},
        {"contrastive",
         {{"margin", 2.0}},
         QStringLiteral("dissimilar"),
         QCoreApplication::translate("losslab::ui::Presets", "dissimilar pair, m = 2")}},
       0,
       3});
  list.push_back({QStringLiteral("temperature-mse"),
                  QCoreApplication::translate("losslab::ui::Presets", "Temperature-scaled MSE"),
                  QCoreApplication::translate(
                      "losslab::ui::Presets",
                      "The blog post multiplies MSE by a temperature T and calls T = 0.6 "
                      "\"sharper\". The curves show what T really does: it scales the loss "
                      "and its gradient by T and nothing else, so the shape is unchanged. With "
                      "plain SGD it is exactly a learning-rate factor."),
                  {{"temperature_mse", {{"temperature", 0.6}}, {}, {}},
                   {"temperature_mse", {{"temperature", 1.0}}, {}, {}},
                   {"temperature_mse", {{"temperature", 2.0}}, {}, {}}},
                  -3,
                  3});
  return list;
}

}  // namespace

const std::vector<Preset>& presets() {
  static const std::vector<Preset> list = makePresets();
  return list;
}

const Preset* findPreset(const QString& id) {
  for (const Preset& preset : presets()) {
    if (preset.id == id) {
      return &preset;
    }
  }
  return nullptr;
}

}  // namespace losslab::ui
