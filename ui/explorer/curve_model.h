// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QFutureWatcher>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include "core/engine/curve.h"
#include "core/engine/loss.h"
#include "ui/explorer/curve_item.h"

namespace losslab::ui {

/// The explorer's curves and their shared x axis: the one owner of that state. Every number
/// comes from the engine (LossRegistry + CurveEvaluator); this class only decides what to
/// recompute when.
///
/// As a list model (one row per curve) it feeds the Losses dock directly: DisplayRole/EditRole
/// is the legend text (editing renames), CheckStateRole shows or hides the curve,
/// DecorationRole is a swatch in the colour the plot draws it, ToolTipRole names the loss id.
///
/// All curves share one axis kind (CurveKind): a regression loss is drawn against the
/// residual, a binary loss against a score or a probability, a contrastive loss against a
/// distance. Curves of different kinds are never overlaid (addCurve refuses and says why).
class CurveModel : public QAbstractListModel {
  Q_OBJECT

 public:
  static constexpr int kMaxCurves = 8;
  static constexpr int kDefaultPoints = 801;
  enum Role { LossIdRole = Qt::UserRole + 1, ColorRole };

  explicit CurveModel(QObject* parent = nullptr);

  int count() const { return static_cast<int>(m_items.size()); }
  const CurveItem& curve(int index) const { return m_items.at(static_cast<std::size_t>(index)); }

  // QAbstractListModel.
  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

  /// Adds a curve; returns its index, or −1 with `error` set (too many curves, an unknown id,
  /// a loss drawn against another kind of axis, a bad parameter or variant). An empty `name`
  /// makes the legend text follow the parameters. `row` inserts the curve there (undoing a
  /// removal); −1 appends it.
  int addCurve(const QString& lossId,
               const ParamValues& params,
               const QString& variant,
               const QString& name,
               QString* error,
               int row = -1);
  void removeCurve(int index);
  void clear();

  /// Recreates the loss with new parameters and recomputes its curve; false (and nothing
  /// changed) if the engine rejects a value or the value would move the curve to another
  /// kind of axis while other curves are shown.
  bool setParams(int index, const ParamValues& params, QString* error = nullptr);
  bool setVariant(int index, const QString& variant, QString* error = nullptr);
  void setVisible(int index, bool visible);
  /// An empty name goes back to the automatic one.
  void setName(int index, const QString& name);
  void setColor(int index, const QColor& color);

  /// The x range (and sample count) every curve is evaluated on. Emits samplesChanged.
  void setRange(double from, double to, int points = kDefaultPoints);
  /// The same without blocking this thread (a zoom or a pan: 8 curves of 200,000 points take
  /// ~0.2 s): from()/to()/points() are the new range at once, the curves are computed on a
  /// pool thread, and the old curves stay shown until the new ones are swapped in, all at once,
  /// with samplesChanged. Each change of the curves or the range makes a generation; a result
  /// of an older generation is dropped (a newer zoom, an edited curve: the computation starts
  /// again from what the model holds then).
  void requestRange(double from, double to, int points = kDefaultPoints);
  /// A requestRange() is being computed.
  bool isComputing() const { return m_job != nullptr; }
  /// Waits for it and swaps it in (samplesChanged before returning): headless use, tests.
  void waitForCurves();
  double from() const { return m_request.from; }
  double to() const { return m_request.to; }
  int points() const { return m_request.points; }
  /// The range "Reset view" returns to: a preset's, or the first curve's natural one.
  void setHomeRange(double from, double to);
  double homeFrom() const { return m_homeFrom; }
  double homeTo() const { return m_homeTo; }

  /// Regression axes: the fixed target y (x is then the prediction ŷ; y = 0 makes x the
  /// residual). By default the first curve's natural target (1 for losses whose domain
  /// excludes y = 0, such as MAPE or Poisson). Other kinds ignore it.
  void setTarget(std::optional<double> target);
  double target() const;
  bool targetIsAutomatic() const { return !m_target.has_value(); }

  /// The axis of the first curve (all curves share its kind); Residual when empty.
  CurveKind axisKind() const;
  /// The x-axis label in the user's language: the engine's label when every curve agrees,
  /// else a label for the kind; regression labels name the target.
  QString axisLabel() const;
  /// The engine's variants of curve `index` (label in the user's language, id).
  std::vector<CurveVariant> variants(int index) const;

  /// Value, slope and curvature of curve `index` exactly at x (one engine evaluation).
  bool pointAt(int index, double x, double* value, double* slope, double* curvature) const;

  /// Why `lossId` cannot join the current curves (different axis kind), or empty.
  QString axisConflict(const QString& lossId, const ParamValues& params) const;

  /// The i-th default colour (ui/common/plot_style.h), for views that colour runs alike.
  static QColor defaultColor(int index);

 signals:
  /// Curves added, removed or cleared, or the axis kind changed (after the row signals).
  void curvesReset();
  /// Data or appearance of one curve changed (after QAbstractItemModel::dataChanged).
  void curveChanged(int index);
  /// Every curve was resampled (range or target), same curves.
  void samplesChanged();

 private:
  bool recompute(CurveItem& item, double target, QString* error);
  CurveRequest requestFor(const CurveItem& item, double target) const;
  void recomputeAll();
  /// Recomputes the automatic names (they depend on the other curves of the same loss) and
  /// emits the change signals for `index` and for every curve whose name changed.
  void notifyChanged(int index);
  std::vector<QString> names() const;
  /// Change signals for every curve but `except` whose name differs from `before`.
  void emitRenamed(const std::vector<QString>& before, int except);
  void emitRowChanged(int index);
  /// One curve's inputs for the pool thread.
  struct Job {
    LossPtr loss;
    CurveRequest request;
  };
  using Results = std::vector<std::shared_ptr<const CurveData>>;  // null: the engine refused
  /// Computes every curve for m_request on a pool thread (a new generation).
  void launch();
  /// The curves changed on this thread: a computation in progress is stale. `recomputed`: the
  /// change recomputed every curve for m_request, so the computation is dropped; else it starts
  /// again from the current curves.
  void curvesEdited(bool recomputed);
  void finishJob(int generation, const Results& results);

  std::vector<CurveItem> m_items;
  CurveRequest m_request;
  std::optional<double> m_target;
  double m_homeFrom = -3;
  double m_homeTo = 3;
  int m_generation = 0;
  // The latest generation, read by the pool thread to give up on a stale computation early.
  std::shared_ptr<std::atomic<int>> m_latest = std::make_shared<std::atomic<int>>(0);
  QFutureWatcher<Results>* m_job = nullptr;
};

}  // namespace losslab::ui
