// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/engine_text.h"

#include <QCoreApplication>
#include <cstring>

namespace losslab::ui {

namespace {

// lupdate only extracts a literal context, so the translate() calls below spell it out.
constexpr const char* kContext = "losslab::ui::EngineText";

/// The engine's fixed labels (core/curve.cpp), listed so that lupdate extracts them.
constexpr const char* kKnown[] = {
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "fixed target y"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "residual ŷ − y (y = 0)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "prediction ŷ (y = 1)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "x₁ − x₂ (x₂ = 0)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = +1 (x₁ should rank higher)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = −1 (x₂ should rank higher)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "cosine similarity cos(x₁, x₂)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = 1 (similar pair)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = −1 (dissimilar pair)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "distance (1-D embeddings, anchor at 0)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "x = d(a, p), d(a, n) = 2"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "x = d(a, n), d(a, p) = 0.5"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText",
                      "student logit of the true class (other logits 0)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "teacher favours the true class (logit 2)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "teacher favours another class (logit 2)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "logit z (other logits 0)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "x = logit of the new (true) class"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText",
                      "x = logit of an old class whose old output is 0.8"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "score ŷ (other scores 0)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "x = true-class score"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "x = a wrong class's score"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "logit z"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "score ŷ"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = +1"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = −1"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = 1"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "y = 0"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText",
                      "probability of the true class (the others share the rest evenly)"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "p(true class), K classes"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "predicted probability ŷ"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "distance d"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "similar pair"),
    QT_TRANSLATE_NOOP("losslab::ui::EngineText", "dissimilar pair"),
};

/// Context of the strings the engine marks with LL_TR (core/engine/translatable.h).
constexpr const char* kEngineContext = "Engine";

/// Engine strings the engine composes from pieces (core/losses/robust.cpp's scaleA and innerA),
/// so that no single literal there is the whole text: listed here for lupdate.
[[maybe_unused]] constexpr const char* kComposed[] = {
    QT_TRANSLATE_NOOP("Engine", "a (residual units)"),
    QT_TRANSLATE_NOOP("Engine", "a (cost units)"),
    QT_TRANSLATE_NOOP("Engine",
                      "Parameter a of the inner loss (residual units, arctan: cost units); "
                      "unused by none/trivial"),
    QT_TRANSLATE_NOOP("Engine",
                      "Parameter a of the wrapped loss (residual units, arctan: cost units); "
                      "unused by none/trivial"),
    QT_TRANSLATE_NOOP("Engine",
                      "Parameter a of f (residual units, arctan: cost units); unused by "
                      "none/trivial"),
    QT_TRANSLATE_NOOP("Engine",
                      "Parameter a of g (residual units, arctan: cost units); unused by "
                      "none/trivial"),
};

}  // namespace

QString engineText(const std::string& text) {
  for (const char* known : kKnown) {
    if (text == known) {
      return QCoreApplication::translate(kContext, known);
    }
  }
  // Everything else the engine marked (loss names, summaries, parameter labels and help, fixed
  // error texts) is in the "Engine" context; unmarked text comes back as the engine wrote it.
  return QCoreApplication::translate(kEngineContext, text.c_str());
}

QString familyTitle(Family family) {
  switch (family) {
    case Family::Regression:
      return QCoreApplication::translate("losslab::ui::EngineText", "Regression");
    case Family::Probabilistic:
      return QCoreApplication::translate("losslab::ui::EngineText",
                                         "Probabilistic classification / likelihood");
    case Family::Margin:
      return QCoreApplication::translate("losslab::ui::EngineText", "Margin classification");
    case Family::MetricLearning:
      return QCoreApplication::translate("losslab::ui::EngineText", "Metric learning");
    case Family::Robust:
      return QCoreApplication::translate("losslab::ui::EngineText", "Robust");
    case Family::Distillation:
      return QCoreApplication::translate("losslab::ui::EngineText", "Distillation / composite");
  }
  return {};
}

QString frameworkTitle(Framework framework) {
  switch (framework) {
    case Framework::Keras:
      return QStringLiteral("Keras");
    case Framework::PyTorch:
      return QStringLiteral("PyTorch");
    case Framework::Ceres:
      return QStringLiteral("Ceres");
    case Framework::Barron:
      return QStringLiteral("Barron");
    case Framework::Reference:
      return QCoreApplication::translate("losslab::ui::EngineText", "Reference");
  }
  return {};
}

QString curveKindDescription(CurveKind kind) {
  switch (kind) {
    case CurveKind::Residual:
      return QCoreApplication::translate("losslab::ui::EngineText",
                                         "regression (against the residual)");
    case CurveKind::Margin:
      return QCoreApplication::translate("losslab::ui::EngineText",
                                         "classification (against the score, logit or margin)");
    case CurveKind::Probability:
      return QCoreApplication::translate("losslab::ui::EngineText",
                                         "classification (against the predicted probability)");
    case CurveKind::TrueClassProbability:
      return QCoreApplication::translate("losslab::ui::EngineText",
                                         "categorical (against the true-class probability)");
    case CurveKind::Distance:
      return QCoreApplication::translate("losslab::ui::EngineText",
                                         "metric learning (against the distance)");
  }
  return {};
}

QString curveKindAxisLabel(CurveKind kind) {
  switch (kind) {
    case CurveKind::Residual:
      return QCoreApplication::translate("losslab::ui::EngineText", "residual ŷ − y");
    case CurveKind::Margin:
      return QCoreApplication::translate("losslab::ui::EngineText", "score / logit / margin");
    case CurveKind::Probability:
      return QCoreApplication::translate("losslab::ui::EngineText", "predicted probability ŷ");
    case CurveKind::TrueClassProbability:
      return QCoreApplication::translate("losslab::ui::EngineText",
                                         "probability of the true class");
    case CurveKind::Distance:
      return QCoreApplication::translate("losslab::ui::EngineText", "distance d");
  }
  return {};
}

}  // namespace losslab::ui
