// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/curve_model.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <cmath>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "ui/common/engine_text.h"
#include "ui/common/loss_factory.h"

namespace losslab::ui {

namespace {

/// Okabe-Ito colours (distinguishable with colour-vision deficiencies), then brown and grey.
constexpr QRgb kPalette[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7,
                             0xE69F00, 0x56B4E9, 0x8C564B, 0x7F7F7F};

/// "δ (threshold)" → "δ": the symbol a legend uses for a parameter.
QString symbolOf(const ParamSpec& spec) {
  const QString label = QString::fromStdString(spec.label);
  const qsizetype paren = label.indexOf(QStringLiteral(" ("));
  return paren > 0 ? label.left(paren) : label;
}

QString formatValue(const ParamSpec& spec, double value) {
  return QString::fromStdString(spec.format(value));
}

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

}  // namespace

CurveModel::CurveModel(QObject* parent) : QObject(parent) {
  m_request.points = kDefaultPoints;
}

QColor CurveModel::defaultColor(int index) {
  return QColor(kPalette[static_cast<std::size_t>(index) % std::size(kPalette)]);
}

QString CurveModel::parameterText(const CurveItem& item) {
  QStringList parts;
  for (const ParamSpec& spec : item.loss->info().params) {
    const auto it = item.params.find(spec.id);
    if (it != item.params.end()) {
      parts << QStringLiteral("%1=%2").arg(QString::fromStdString(spec.id),
                                           formatValue(spec, it->second));
    }
  }
  return parts.join(QLatin1Char(' '));
}

QString CurveModel::automaticName(const CurveItem& item, const std::vector<std::string>& shown) {
  const LossInfo& info = item.loss->info();
  QString name = QString::fromStdString(info.name);
  auto isShown = [&](const ParamSpec& spec) {
    return std::find(shown.begin(), shown.end(), spec.id) != shown.end();
  };
  auto valueText = [&](const ParamSpec& spec) {
    const double value = item.params.at(spec.id);
    switch (spec.kind) {
      case ParamSpec::Kind::Boolean:
        return value != 0 ? QString::fromStdString(spec.label)
                          : tr("no %1").arg(QString::fromStdString(spec.label));
      default:
        return QStringLiteral("%1 = %2").arg(symbolOf(spec), formatValue(spec, value));
    }
  };
  // Symbols the display name lists in its trailing parentheses ("Huber (δ)", "CauchyLoss
  // (a, Ceres)") get their value in place: "Huber (δ = 1)", "CauchyLoss (a = 1, Ceres)".
  std::vector<std::string> placed;
  static const QRegularExpression trailing(QStringLiteral("^(.*) \\(([^()]*)\\)$"));
  if (const QRegularExpressionMatch match = trailing.match(name); match.hasMatch()) {
    static const QRegularExpression separator(QStringLiteral("([,;] )"));
    QString inside = match.captured(2);
    QString rebuilt;
    qsizetype position = 0;
    auto placeToken = [&](const QString& token) {
      for (const ParamSpec& spec : info.params) {
        if (symbolOf(spec) == token && spec.kind != ParamSpec::Kind::Boolean && isShown(spec)) {
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

void CurveModel::refreshNames() {
  for (CurveItem& item : m_items) {
    const LossInfo& info = item.loss->info();
    // Shown: the parameters the display name lists, those changed from their default, and
    // those that differ between curves of the same loss (a δ sweep names every δ). Fuzz
    // factors only when changed.
    std::vector<std::string> shown;
    const QStringList tokens = nameTokens(QString::fromStdString(info.name));
    const std::size_t variant = variantIndex(item);
    bool variantDiffers = false;
    for (const ParamSpec& spec : info.params) {
      const double value = item.params.at(spec.id);
      bool show = value != spec.defaultValue;
      if (!isFuzzFactor(spec) && spec.kind != ParamSpec::Kind::Boolean &&
          tokens.contains(symbolOf(spec))) {
        show = true;
      }
      for (const CurveItem& other : m_items) {
        if (other.lossId == item.lossId && other.params.at(spec.id) != value) {
          show = true;
        }
      }
      if (show) {
        shown.push_back(spec.id);
      }
    }
    for (const CurveItem& other : m_items) {
      variantDiffers =
          variantDiffers || (other.lossId == item.lossId && variantIndex(other) != variant);
    }
    item.variantLabel.clear();
    if (variantDiffers) {
      const std::vector<CurveVariant> list = curveVariants(info, item.params);
      if (variant < list.size()) {
        item.variantLabel = engineText(list[variant].label);
      }
    }
    if (!item.customName) {
      item.name = automaticName(item, shown);
    }
  }
}

CurveKind CurveModel::axisKind() const {
  if (m_items.empty()) {
    return CurveKind::Residual;
  }
  const CurveItem& first = m_items.front();
  return curveAxis(first.loss->info(), first.params).kind;
}

double CurveModel::target() const {
  if (m_target) {
    return *m_target;
  }
  if (m_items.empty()) {
    return 0;
  }
  const CurveItem& first = m_items.front();
  return curveAxis(first.loss->info(), first.params).target;
}

void CurveModel::setTarget(std::optional<double> target) {
  if (target == m_target) {
    return;
  }
  m_target = target;
  recomputeAll();
  emit dataChanged();
}

QString CurveModel::axisLabel() const {
  const CurveKind kind = axisKind();
  if (kind == CurveKind::Residual) {
    const double y = target();
    return y == 0 ? tr("residual r = ŷ − y (y = 0)")
                  : tr("prediction ŷ (y = %1)").arg(QString::number(y, 'g', 6));
  }
  if (m_items.empty()) {
    return curveKindAxisLabel(kind);
  }
  const std::string first = curveAxis(m_items.front().loss->info(), m_items.front().params).xLabel;
  for (const CurveItem& item : m_items) {
    if (curveAxis(item.loss->info(), item.params).xLabel != first) {
      return curveKindAxisLabel(kind);
    }
  }
  return engineText(first);
}

std::vector<CurveVariant> CurveModel::variants(int index) const {
  const CurveItem& item = curve(index);
  std::vector<CurveVariant> list = curveVariants(item.loss->info(), item.params);
  for (CurveVariant& variant : list) {
    variant.label = engineText(variant.label).toStdString();
  }
  return list;
}

QString CurveModel::axisConflict(const QString& lossId, const ParamValues& params) const {
  if (m_items.empty()) {
    return {};
  }
  if (!isKnownLossId(lossId)) {
    return tr("Unknown loss '%1'.").arg(lossId);
  }
  LossInfo info;
  ParamValues complete;
  try {
    info = lossInfo(lossId);
    complete = completeParams(info.params, params);
  } catch (const Error& error) {
    return QString::fromStdString(error.what());
  }
  const CurveKind kind = curveAxis(info, complete).kind;
  const CurveKind current = axisKind();
  if (kind == current) {
    return {};
  }
  return tr("%1 is drawn as %2, but the plot shows %3 curves. Losses of different kinds have "
            "different x axes, so they are not overlaid.")
      .arg(QString::fromStdString(info.name), curveKindDescription(kind),
           curveKindDescription(current));
}

int CurveModel::addCurve(const QString& lossId,
                         const ParamValues& params,
                         const QString& variant,
                         const QString& name,
                         QString* error) {
  auto fail = [error](const QString& message) {
    if (error) {
      *error = message;
    }
    return -1;
  };
  if (count() >= kMaxCurves) {
    return fail(tr("At most %1 curves can be shown at once.").arg(kMaxCurves));
  }
  if (!isKnownLossId(lossId)) {
    return fail(
        isCustomLossId(lossId)
            ? tr("There is no custom loss called '%1' in your library.").arg(customLossName(lossId))
            : tr("The loss '%1' is not in this build's catalogue.").arg(lossId));
  }
  if (const QString conflict = axisConflict(lossId, params); !conflict.isEmpty()) {
    return fail(conflict);
  }
  CurveItem item;
  item.lossId = lossId;
  item.variant = variant;
  item.evaluator = std::make_shared<CurveEvaluator>();
  try {
    item.loss = createLoss(lossId, params);
  } catch (const Error& e) {
    return fail(QString::fromStdString(e.what()));
  }
  item.params = item.loss->params();
  item.customName = !name.isEmpty();
  item.name = name;
  // The first palette colour no other curve uses.
  int colorIndex = 0;
  while (colorIndex < kMaxCurves - 1 &&
         std::any_of(m_items.begin(), m_items.end(), [&](const CurveItem& other) {
           return other.color == defaultColor(colorIndex);
         })) {
    ++colorIndex;
  }
  item.color = defaultColor(colorIndex);
  const bool first = m_items.empty();
  if (first) {
    // The first curve decides the axis: take its natural range.
    const CurveAxis natural = curveAxis(item.loss->info(), item.params);
    m_request.from = m_homeFrom = natural.from;
    m_request.to = m_homeTo = natural.to;
    m_target.reset();
  }
  m_items.push_back(std::move(item));
  if (!recompute(m_items.back(), error)) {
    m_items.pop_back();
    return -1;
  }
  refreshNames();
  emit curvesReset();
  return count() - 1;
}

void CurveModel::removeCurve(int index) {
  if (index < 0 || index >= count()) {
    return;
  }
  m_items.erase(m_items.begin() + index);
  refreshNames();
  emit curvesReset();
}

void CurveModel::clear() {
  m_items.clear();
  m_target.reset();
  emit curvesReset();
}

bool CurveModel::setParams(int index, const ParamValues& params, QString* error) {
  CurveItem& item = m_items.at(static_cast<std::size_t>(index));
  const CurveKind kindBefore = axisKind();
  LossPtr created;
  try {
    created = createLoss(item.lossId, params);
  } catch (const Error& e) {
    if (error) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  const CurveAxis axisAfter = curveAxis(created->info(), created->params());
  // A parameter such as from_logits moves a loss to another axis (probability → logit). Alone
  // on the plot the curve may move; next to other curves it would no longer be comparable.
  if (axisAfter.kind != kindBefore && count() > 1) {
    if (error) {
      *error = tr("This value would draw %1 against another kind of x axis (%2) than the "
                  "other curves; remove them first.")
                   .arg(item.name, curveKindDescription(axisAfter.kind));
    }
    return false;
  }
  const LossPtr previousLoss = item.loss;
  const ParamValues previousParams = item.params;
  item.loss = created;
  item.params = created->params();
  if (axisAfter.kind != kindBefore) {
    m_request.from = m_homeFrom = axisAfter.from;
    m_request.to = m_homeTo = axisAfter.to;
  }
  if (!recompute(item, error)) {
    item.loss = previousLoss;
    item.params = previousParams;
    recompute(item, nullptr);
    return false;
  }
  notifyChanged(index, axisAfter.kind != kindBefore);
  return true;
}

bool CurveModel::setVariant(int index, const QString& variant, QString* error) {
  CurveItem& item = m_items.at(static_cast<std::size_t>(index));
  const QString old = item.variant;
  item.variant = variant;
  if (!recompute(item, error)) {
    item.variant = old;
    recompute(item, nullptr);
    return false;
  }
  notifyChanged(index, false);
  return true;
}

void CurveModel::notifyChanged(int index, bool axisChanged) {
  // Names depend on the other curves of the same loss (a sweep names its parameter).
  std::vector<QString> before;
  for (const CurveItem& item : m_items) {
    before.push_back(item.name);
  }
  refreshNames();
  if (axisChanged) {
    emit curvesReset();
    return;
  }
  for (int i = 0; i < count(); ++i) {
    if (i == index ||
        m_items[static_cast<std::size_t>(i)].name != before[static_cast<std::size_t>(i)]) {
      emit curveChanged(i);
    }
  }
}

void CurveModel::setVisible(int index, bool visible) {
  m_items.at(static_cast<std::size_t>(index)).visible = visible;
  emit curveChanged(index);
}

void CurveModel::setName(int index, const QString& name) {
  CurveItem& item = m_items.at(static_cast<std::size_t>(index));
  item.customName = !name.trimmed().isEmpty();
  item.name = name.trimmed();
  notifyChanged(index, false);
}

void CurveModel::setColor(int index, const QColor& color) {
  m_items.at(static_cast<std::size_t>(index)).color = color;
  emit curveChanged(index);
}

void CurveModel::setRange(double from, double to, int points) {
  if (!(std::isfinite(from) && std::isfinite(to) && from < to) || points < 2) {
    return;
  }
  m_request.from = from;
  m_request.to = to;
  m_request.points = points;
  recomputeAll();
  emit dataChanged();
}

void CurveModel::setHomeRange(double from, double to) {
  if (std::isfinite(from) && std::isfinite(to) && from < to) {
    m_homeFrom = from;
    m_homeTo = to;
  }
}

CurveRequest CurveModel::requestFor(const CurveItem& item) const {
  CurveRequest request = m_request;
  request.variant = item.variant.toStdString();
  request.target = target();
  return request;
}

void CurveModel::recomputeAll() {
  for (CurveItem& item : m_items) {
    recompute(item, nullptr);
  }
}

bool CurveModel::recompute(CurveItem& item, QString* error) {
  try {
    item.data = &item.evaluator->evaluate(*item.loss, requestFor(item));
  } catch (const Error& e) {
    if (error) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  return true;
}

bool CurveModel::pointAt(
    int index, double x, double* value, double* slope, double* curvature) const {
  const CurveItem& item = curve(index);
  CurveRequest request = requestFor(item);
  // Two points are the engine's minimum; the first one is exactly x.
  request.from = x;
  request.to = x + 1e-9 * std::max(1.0, std::abs(x));
  request.points = 2;
  try {
    const CurveData data = computeCurve(*item.loss, request);
    *value = data.value[0];
    *slope = data.d1[0];
    *curvature = data.d2[0];
  } catch (const Error&) {
    return false;
  }
  return true;
}

}  // namespace losslab::ui
