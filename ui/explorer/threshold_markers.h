// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QStringList>
#include <vector>

#include "core/engine/loss_info.h"

class QAction;
class QCPAbstractItem;
class QCPItemStraightLine;

namespace losslab::ui {

class CurveModel;
class LossCurvePlot;

/// The selected curve's thresholds (LossFacts::thresholds: Huber's ±δ, smooth L1's ±β, a
/// hinge's or contrastive loss's margin) drawn on the explorer's plot: a dashed vertical line
/// in the curve's colour on the loss and gradient panels, the zones on either side shaded by
/// regime (quadratic, linear, zero) and named halfway up the loss panel. They follow the
/// curve's parameters, its variant, the target and the selection. On or off with action()
/// (View ▸ Show Thresholds), remembered in Settings.
class ThresholdMarkers : public QObject {
  Q_OBJECT

 public:
  ThresholdMarkers(CurveModel* model, LossCurvePlot* plot);

  QAction* action() const { return m_action; }
  void setShown(bool on);
  bool isShown() const { return m_shown; }

  /// x of every marker line on the loss panel, left to right (tests read the items back).
  std::vector<double> positions() const;
  /// The regime names drawn, left to right ("quadratic", "linear", … translated).
  QStringList zoneLabels() const;
  /// The thresholds of curve `index` at its parameters and variant, on the plot's x axis.
  std::vector<Threshold> thresholds(int index) const;

  /// "quadratic", "linear", "zero" in the user's language.
  static QString regimeName(Regime regime);

 private:
  void update();
  /// Makes (or, while m_reusing, moves in creation order) the items of the active curve.
  void build();
  template <class Item>
  Item* acquire(int panel);
  void clear();
  void syncVisibility();
  void addZone(int panel, double from, bool fromIsRatio, double to, bool toIsRatio, Regime regime);

  CurveModel* m_model;
  LossCurvePlot* m_plot;
  QAction* m_action;
  bool m_shown = true;
  std::vector<QCPAbstractItem*> m_items;
  std::vector<int> m_itemPanels;  // the panel of each item in m_items
  std::vector<QCPItemStraightLine*> m_lossLines;
  QStringList m_labels;
  bool m_reusing = false;    // build() moves the existing items instead of making new ones
  std::size_t m_cursor = 0;  // the next item build() reuses
  bool m_mismatch = false;   // the items do not fit what build() wants: make them anew
};

}  // namespace losslab::ui
