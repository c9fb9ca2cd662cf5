// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

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
  const CurveData* data = nullptr;            // the evaluator's latest result
};

/// The explorer's curves and their shared x axis. Every number comes from the engine
/// (LossRegistry + CurveEvaluator); this class only decides what to recompute when.
///
/// All curves share one axis kind (CurveKind): a regression loss is drawn against the
/// residual, a binary loss against a score or a probability, a contrastive loss against a
/// distance. Curves of different kinds are never overlaid (addCurve refuses and says why).
class CurveModel : public QObject {
  Q_OBJECT

 public:
  static constexpr int kMaxCurves = 8;
  static constexpr int kDefaultPoints = 801;

  explicit CurveModel(QObject* parent = nullptr);

  int count() const { return static_cast<int>(m_items.size()); }
  const CurveItem& curve(int index) const { return m_items.at(static_cast<std::size_t>(index)); }

  /// Adds a curve; returns its index, or −1 with `error` set (too many curves, an unknown id,
  /// a loss drawn against another kind of axis, a bad parameter or variant). An empty `name`
  /// makes the legend text follow the parameters.
  int addCurve(const QString& lossId,
               const ParamValues& params,
               const QString& variant,
               const QString& name,
               QString* error);
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

  /// The x range (and sample count) every curve is evaluated on. Emits dataChanged.
  void setRange(double from, double to, int points = kDefaultPoints);
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

  /// "δ=1 from_logits=true": every parameter as the CLI writes it (for CSV headers).
  static QString parameterText(const CurveItem& item);
  /// The legend text of a curve whose name is automatic, showing the parameters `shown`:
  /// "Huber (δ = 0.5)", "CauchyLoss (a = 1, Ceres)", "Binary focal cross-entropy, γ = 5".
  static QString automaticName(const CurveItem& item, const std::vector<std::string>& shown);
  static QColor defaultColor(int index);

 signals:
  void curvesReset();            // curves added, removed or cleared, or the axis kind changed
  void curveChanged(int index);  // data or appearance of one curve
  void dataChanged();            // every curve recomputed (range or target), same curves

 private:
  bool recompute(CurveItem& item, QString* error);
  CurveRequest requestFor(const CurveItem& item) const;
  void recomputeAll();
  /// Recomputes every automatic name (they depend on the other curves of the same loss).
  void refreshNames();
  /// Emits curveChanged for `index` and every curve whose name changed (or curvesReset).
  void notifyChanged(int index, bool axisChanged);

  std::vector<CurveItem> m_items;
  CurveRequest m_request;
  std::optional<double> m_target;
  double m_homeFrom = -3;
  double m_homeTo = 3;
};

}  // namespace losslab::ui
