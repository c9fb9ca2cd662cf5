// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/curve_model.h"

#include <QApplication>
#include <QIcon>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "ui/common/engine_text.h"
#include "ui/common/loss_factory.h"
#include "ui/common/number_text.h"
#include "ui/common/plot_style.h"
#include "ui/common/theme.h"
#include "ui/explorer/curve_names.h"

namespace losslab::ui {

namespace {

constexpr int kSwatchSize = 16;

/// The list's colour swatch, in the colour the plot draws the curve in the current theme.
QIcon swatch(const QColor& color) {
  QPixmap pixmap(kSwatchSize, kSwatchSize);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  const QColor shown = displayColor(color, isDarkPalette(QApplication::palette()));
  painter.setBrush(shown);
  painter.setPen(shown.darker(140));
  painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
  return QIcon(pixmap);
}

}  // namespace

CurveModel::CurveModel(QObject* parent) : QAbstractListModel(parent) {
  m_request.points = kDefaultPoints;
}

QColor CurveModel::defaultColor(int index) {
  return defaultCurveColor(index);
}

int CurveModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

QVariant CurveModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= count()) {
    return {};
  }
  const CurveItem& item = curve(index.row());
  switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
      return item.name;
    case Qt::DecorationRole:
      return swatch(item.color);
    case Qt::CheckStateRole:
      return item.visible ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
      return QStringLiteral("%1 (%2)").arg(item.name, item.lossId);
    case LossIdRole:
      return item.lossId;
    case ColorRole:
      return item.color;
    default:
      return {};
  }
}

bool CurveModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || index.row() >= count()) {
    return false;
  }
  if (role == Qt::CheckStateRole) {
    setVisible(index.row(), value.value<Qt::CheckState>() == Qt::Checked);
    return true;
  }
  if (role == Qt::EditRole) {
    // An empty name is refused here (the list keeps the old text); setName("") is the API's
    // way back to the automatic name.
    const QString name = value.toString().trimmed();
    if (name.isEmpty()) {
      return false;
    }
    if (name != curve(index.row()).name) {
      setName(index.row(), name);
    }
    return true;
  }
  return false;
}

Qt::ItemFlags CurveModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) {
    return Qt::NoItemFlags;
  }
  return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable | Qt::ItemIsUserCheckable |
         Qt::ItemNeverHasChildren;
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
  curvesEdited(true);
  emit samplesChanged();
}

QString CurveModel::axisLabel() const {
  const CurveKind kind = axisKind();
  if (kind == CurveKind::Residual) {
    const double y = target();
    return y == 0 ? tr("residual r = ŷ − y (y = 0)")
                  : tr("prediction ŷ (y = %1)").arg(shortestText(y));
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
    return engineText(error.what());
  }
  const CurveKind kind = curveAxis(info, complete).kind;
  const CurveKind current = axisKind();
  if (kind == current) {
    return {};
  }
  return tr("%1 is drawn as %2, but the plot shows %3 curves. Losses of different kinds have "
            "different x axes, so they are not overlaid.")
      .arg(engineText(info.name), curveKindDescription(kind), curveKindDescription(current));
}

int CurveModel::addCurve(const QString& lossId,
                         const ParamValues& params,
                         const QString& variant,
                         const QString& name,
                         QString* error,
                         int row) {
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
    return fail(engineText(e.what()));
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
  const CurveRequest requestBefore = m_request;
  const std::optional<double> targetBefore = m_target;
  double target = this->target();
  if (first) {
    // The first curve decides the axis: take its natural range and target.
    const CurveAxis natural = curveAxis(item.loss->info(), item.params);
    m_request.from = natural.from;
    m_request.to = natural.to;
    m_target.reset();
    target = natural.target;
  }
  if (!recompute(item, target, error)) {
    m_request = requestBefore;
    m_target = targetBefore;
    return -1;
  }
  if (first) {
    m_homeFrom = m_request.from;
    m_homeTo = m_request.to;
  }
  // Names first (the new curve's and those it changes), so the view never sees an empty one.
  const std::vector<QString> before = names();
  if (row < 0 || row > count()) {
    row = count();
  }
  std::vector<CurveItem> next = m_items;
  next.insert(next.begin() + row, std::move(item));
  refreshNames(next);
  beginInsertRows(QModelIndex(), row, row);
  m_items = std::move(next);
  endInsertRows();
  // Rows after the new one moved down: compare each with its old name, one row up.
  std::vector<QString> shifted = before;
  shifted.insert(shifted.begin() + row, m_items[static_cast<std::size_t>(row)].name);
  emitRenamed(shifted, row);
  curvesEdited(false);
  emit curvesReset();
  return row;
}

void CurveModel::removeCurve(int index) {
  if (index < 0 || index >= count()) {
    return;
  }
  beginRemoveRows(QModelIndex(), index, index);
  m_items.erase(m_items.begin() + index);
  endRemoveRows();
  std::vector<QString> before = names();
  refreshNames(m_items);
  emitRenamed(before, -1);
  curvesEdited(false);
  emit curvesReset();
}

void CurveModel::clear() {
  beginResetModel();
  m_items.clear();
  m_target.reset();
  endResetModel();
  curvesEdited(true);
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
      *error = engineText(e.what());
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
  const CurveRequest requestBefore = m_request;
  item.loss = created;
  item.params = created->params();
  if (axisAfter.kind != kindBefore) {
    m_request.from = axisAfter.from;
    m_request.to = axisAfter.to;
  }
  if (!recompute(item, target(), error)) {
    item.loss = previousLoss;
    item.params = previousParams;
    m_request = requestBefore;
    recompute(item, target(), nullptr);
    return false;
  }
  curvesEdited(false);
  if (axisAfter.kind != kindBefore) {
    m_homeFrom = m_request.from;
    m_homeTo = m_request.to;
    beginResetModel();  // the whole picture changes: the views start again
    refreshNames(m_items);
    endResetModel();
    emit curvesReset();
    return true;
  }
  notifyChanged(index);
  return true;
}

bool CurveModel::setVariant(int index, const QString& variant, QString* error) {
  CurveItem& item = m_items.at(static_cast<std::size_t>(index));
  const QString old = item.variant;
  item.variant = variant;
  if (!recompute(item, target(), error)) {
    item.variant = old;
    recompute(item, target(), nullptr);
    return false;
  }
  curvesEdited(false);
  notifyChanged(index);
  return true;
}

void CurveModel::notifyChanged(int index) {
  const std::vector<QString> before = names();
  refreshNames(m_items);
  emitRowChanged(index);
  emitRenamed(before, index);
}

std::vector<QString> CurveModel::names() const {
  std::vector<QString> list;
  list.reserve(m_items.size());
  for (const CurveItem& item : m_items) {
    list.push_back(item.name);
  }
  return list;
}

void CurveModel::emitRenamed(const std::vector<QString>& before, int except) {
  for (int i = 0; i < count() && i < static_cast<int>(before.size()); ++i) {
    if (i != except &&
        m_items[static_cast<std::size_t>(i)].name != before[static_cast<std::size_t>(i)]) {
      emitRowChanged(i);
    }
  }
}

void CurveModel::emitRowChanged(int index) {
  const QModelIndex changed = this->index(index);
  emit dataChanged(changed, changed);
  emit curveChanged(index);
}

void CurveModel::setVisible(int index, bool visible) {
  m_items.at(static_cast<std::size_t>(index)).visible = visible;
  emitRowChanged(index);
}

void CurveModel::setName(int index, const QString& name) {
  CurveItem& item = m_items.at(static_cast<std::size_t>(index));
  item.customName = !name.trimmed().isEmpty();
  item.name = name.trimmed();
  notifyChanged(index);
}

void CurveModel::setColor(int index, const QColor& color) {
  m_items.at(static_cast<std::size_t>(index)).color = color;
  emitRowChanged(index);
}

void CurveModel::setRange(double from, double to, int points) {
  if (!(std::isfinite(from) && std::isfinite(to) && from < to) || points < 2) {
    return;
  }
  m_request.from = from;
  m_request.to = to;
  m_request.points = points;
  recomputeAll();
  curvesEdited(true);
  emit samplesChanged();
}

void CurveModel::requestRange(double from, double to, int points) {
  if (!(std::isfinite(from) && std::isfinite(to) && from < to) || points < 2) {
    return;
  }
  m_request.from = from;
  m_request.to = to;
  m_request.points = points;
  if (m_items.empty()) {
    curvesEdited(true);
    emit samplesChanged();
    return;
  }
  launch();
}

void CurveModel::launch() {
  const int generation = ++m_generation;
  m_latest->store(generation);
  std::vector<Job> jobs;
  const double y = target();
  for (const CurveItem& item : m_items) {
    jobs.push_back({item.loss, requestFor(item, y)});  // Loss is immutable: safe to share
  }
  if (m_job) {
    m_job->disconnect(this);
    m_job->deleteLater();
  }
  auto* watcher = new QFutureWatcher<Results>(this);
  m_job = watcher;
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    if (watcher == m_job) {
      finishJob(generation, watcher->result());
    }
  });
  watcher->setFuture(QtConcurrent::run([jobs = std::move(jobs), latest = m_latest,
                                        generation]() -> Results {
    Results results;
    for (const Job& job : jobs) {
      if (latest->load() != generation) {
        return {};  // a newer request: this result would be dropped anyway
      }
      try {
        results.push_back(std::make_shared<const CurveData>(computeCurve(*job.loss, job.request)));
      } catch (...) {
        results.emplace_back(nullptr);  // as recomputeAll: the curve keeps its old samples
      }
    }
    return results;
  }));
}

void CurveModel::curvesEdited(bool recomputed) {
  if (!m_job) {
    return;
  }
  if (!recomputed) {
    launch();  // the result would miss this change: start again from the current curves
    return;
  }
  m_latest->store(++m_generation);
  m_job->disconnect(this);
  m_job->deleteLater();
  m_job = nullptr;
}

void CurveModel::finishJob(int generation, const Results& results) {
  if (generation != m_generation || results.size() != m_items.size()) {
    return;  // stale (a newer generation is computing or was computed on this thread)
  }
  m_job->disconnect(this);
  m_job->deleteLater();
  m_job = nullptr;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i]) {
      CurveItem& item = m_items[i];
      item.computed = results[i];
      item.data = item.computed.get();
    }
  }
  emit samplesChanged();
}

void CurveModel::waitForCurves() {
  if (!m_job) {
    return;
  }
  m_job->waitForFinished();
  finishJob(m_generation, m_job->result());
}

void CurveModel::setHomeRange(double from, double to) {
  if (std::isfinite(from) && std::isfinite(to) && from < to) {
    m_homeFrom = from;
    m_homeTo = to;
  }
}

CurveRequest CurveModel::requestFor(const CurveItem& item, double target) const {
  CurveRequest request = m_request;
  request.variant = item.variant.toStdString();
  request.target = target;
  // A formula's extra inputs are held at their first value along the curve (loss_factory.h).
  request.inputValues = curveInputValues(item.lossId);
  return request;
}

void CurveModel::recomputeAll() {
  const double y = target();
  for (CurveItem& item : m_items) {
    recompute(item, y, nullptr);
  }
}

bool CurveModel::recompute(CurveItem& item, double target, QString* error) {
  try {
    item.data = &item.evaluator->evaluate(*item.loss, requestFor(item, target));
    item.computed.reset();
  } catch (const Error& e) {
    if (error) {
      *error = engineText(e.what());
    }
    return false;
  }
  return true;
}

bool CurveModel::pointAt(
    int index, double x, double* value, double* slope, double* curvature) const {
  const CurveItem& item = curve(index);
  CurveRequest request = requestFor(item, target());
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
