// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPItemStraightLine;
class QEvent;
class QLabel;
class QMouseEvent;

namespace losslab::ui {

class CurveModel;

/// Reading values off the plot: a vertical line through every panel at the cursor and a
/// tooltip with each visible curve's loss and slope there (and curvature when that panel is
/// shown). The numbers are evaluated by the engine exactly at the cursor's x, not read from
/// the sampled graph.
class Crosshair : public QObject {
  Q_OBJECT

 public:
  Crosshair(QCustomPlot* plot, CurveModel* model, QObject* parent = nullptr);
  ~Crosshair() override;

  /// The panels the line crosses, top to bottom (loss, gradient[, curvature]).
  void setPanels(const std::vector<QCPAxisRect*>& panels, bool showCurvature);
  /// The readout at x: rich text (for the tooltip) or plain text (for the status bar), with
  /// the axes' names: "r = 1.5 … L = 2.25, dL/dŷ = 3" for a regression loss.
  QString readout(double x, bool rich) const;
  void hide();

 signals:
  void readoutChanged(const QString& plainText);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void onMouseMove(QMouseEvent* event);
  /// The name of the x axis' variable: r, ŷ or x.
  QString variable() const;

  QCustomPlot* m_plot;
  CurveModel* m_model;
  std::vector<QCPAxisRect*> m_panels;
  std::vector<QCPItemStraightLine*> m_lines;  // one per panel, created on demand
  bool m_showCurvature = false;
  /// Never shown: measures the readout's size to place the tooltip before showing it. One
  /// for the crosshair's life, not one widget per mouse move.
  std::unique_ptr<QLabel> m_sizeProbe;
};

}  // namespace losslab::ui
