// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/curve_names.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

#include "ui/common/engine_text.h"
#include "ui/common/number_text.h"

namespace losslab::ui {

namespace {

/// The translation context these strings had when they lived in CurveModel.
constexpr const char* kContext = "losslab::ui::CurveModel";

bool isFuzzFactor(const ParamSpec& spec) {
  return spec.id == "epsilon" || spec.id == "eps";
}

/// The comma/semicolon-separated tokens of a display name's trailing parentheses:
/// "General robust loss (α, c; Barron)" → {α, c, Barron}.
QStringList nameTokens(const QString& name) {
  static const QRegularExpression trailing(QStringLiteral("\\(([^()]*)\\)$"));
  static const QRegularExpression separator(QStringLiteral("[,;] "));
  const QRegularExpressionMatch match = trailing.match(name);
  return match.hasMatch() ? match.captured(1).split(separator) : QStringList();
}

std::size_t variantIndex(const CurveItem& item) {
  if (item.variant.isEmpty()) {
    return 0;
  }
  const std::vector<CurveVariant> list = curveVariants(item.loss->info(), item.params);
  for (std::size_t v = 0; v < list.size(); ++v) {
    if (list[v].id == item.variant.toStdString()) {
      return v;
    }
  }
  return 0;
}

/// The parameters the legend of `item` names (see refreshNames).
std::vector<std::string> shownParameters(const CurveItem& item,
                                         const std::vector<CurveItem>& items) {
  const LossInfo& info = item.loss->info();
  const QStringList tokens = nameTokens(engineText(info.name));
  std::vector<std::string> shown;
  for (const ParamSpec& spec : info.params) {
    const double value = item.params.at(spec.id);
    bool show = value != spec.defaultValue;
    if (!isFuzzFactor(spec) && spec.kind != ParamSpec::Kind::Boolean &&
        tokens.contains(parameterSymbol(spec))) {
      show = true;
    }
    for (const CurveItem& other : items) {
      if (other.lossId == item.lossId && other.params.at(spec.id) != value) {
        show = true;
      }
    }
    if (show) {
      shown.push_back(spec.id);
    }
  }
  return shown;
}

}  // namespace

QString parameterSymbol(const ParamSpec& spec) {
  const QString label = engineText(spec.label);
  const qsizetype paren = label.indexOf(QStringLiteral(" ("));
  return paren > 0 ? label.left(paren) : label;
}

QString parameterText(const CurveItem& item) {
  QStringList parts;
  for (const ParamSpec& spec : item.loss->info().params) {
    const auto it = item.params.find(spec.id);
    if (it != item.params.end()) {
      parts << QStringLiteral("%1=%2").arg(QString::fromStdString(spec.id),
                                           parameterValueText(spec, it->second));
    }
  }
  return parts.join(QLatin1Char(' '));
}

QString automaticName(const CurveItem& item, const std::vector<std::string>& shown) {
  const LossInfo& info = item.loss->info();
  QString name = engineText(info.name);
  auto isShown = [&](const ParamSpec& spec) {
    return std::find(shown.begin(), shown.end(), spec.id) != shown.end();
  };
  auto valueText = [&](const ParamSpec& spec) {
    const double value = item.params.at(spec.id);
    if (spec.kind == ParamSpec::Kind::Boolean) {
      return value != 0
                 ? engineText(spec.label)
                 : QCoreApplication::translate(kContext, "no %1").arg(engineText(spec.label));
    }
    return QStringLiteral("%1 = %2").arg(parameterSymbol(spec), parameterValueText(spec, value));
  };
  // Symbols the display name lists in its trailing parentheses ("Huber (δ)", "CauchyLoss
  // (a, Ceres)") get their value in place: "Huber (δ = 1)", "CauchyLoss (a = 1, Ceres)".
  std::vector<std::string> placed;
  static const QRegularExpression trailing(QStringLiteral("^(.*) \\(([^()]*)\\)$"));
  if (const QRegularExpressionMatch match = trailing.match(name); match.hasMatch()) {
    static const QRegularExpression separator(QStringLiteral("([,;] )"));
    const QString inside = match.captured(2);
    QString rebuilt;
    qsizetype position = 0;
    auto placeToken = [&](const QString& token) {
      for (const ParamSpec& spec : info.params) {
        if (parameterSymbol(spec) == token && spec.kind != ParamSpec::Kind::Boolean &&
            isShown(spec)) {
          placed.push_back(spec.id);
          return valueText(spec);
        }
      }
      return token;
    };
    for (QRegularExpressionMatchIterator it = separator.globalMatch(inside); it.hasNext();) {
      const QRegularExpressionMatch sep = it.next();
      rebuilt += placeToken(inside.mid(position, sep.capturedStart() - position)) + sep.captured();
      position = sep.capturedEnd();
    }
    rebuilt += placeToken(inside.mid(position));
    name = QStringLiteral("%1 (%2)").arg(match.captured(1), rebuilt);
  }
  QStringList parts;
  for (const ParamSpec& spec : info.params) {
    if (isShown(spec) && std::find(placed.begin(), placed.end(), spec.id) == placed.end()) {
      parts << valueText(spec);
    }
  }
  if (!item.variantLabel.isEmpty()) {
    parts << item.variantLabel;
  }
  return parts.isEmpty() ? name
                         : QStringLiteral("%1, %2").arg(name, parts.join(QStringLiteral(", ")));
}

void refreshNames(std::vector<CurveItem>& items) {
  for (CurveItem& item : items) {
    const std::size_t variant = variantIndex(item);
    const bool variantDiffers =
        std::any_of(items.begin(), items.end(), [&](const CurveItem& other) {
          return other.lossId == item.lossId && variantIndex(other) != variant;
        });
    item.variantLabel.clear();
    if (variantDiffers) {
      const std::vector<CurveVariant> list = curveVariants(item.loss->info(), item.params);
      if (variant < list.size()) {
        item.variantLabel = engineText(list[variant].label);
      }
    }
    if (!item.customName) {
      item.name = automaticName(item, shownParameters(item, items));
    }
  }
}

}  // namespace losslab::ui
