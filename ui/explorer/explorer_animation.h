// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <string>

#include "core/engine/param_spec.h"
#include "ui/common/animation_recorder.h"

class QAction;

namespace losslab::ui {

class ExplorerView;

/// "NAME=FROM:TO" (--vary delta=0.1:3). false with `error` for anything else.
bool parseVary(const QString& text, QString* name, double* from, double* to, QString* error);

/// The curve a sweep of parameter `param` varies: `preferred` (the selected curve) if its loss
/// has that real parameter, else the first curve whose loss has it; −1 if none has.
int sweepCurve(const ExplorerView& view, int preferred, const std::string& param);

/// A parameter sweep of one explorer curve: frame i draws the plot (as a 16:9 slide, scaled
/// to the frame) with the parameter at from + (to − from)·i/(n − 1). The y axes stay fixed
/// over the sweep (they hold both ends); the curve's parameters and the axes are put back
/// afterwards, with no undo step.
class ParameterSweepSource : public FrameSource {
 public:
  ParameterSweepSource(ExplorerView* view, int curve, std::string param, double from, double to);

  bool prepare(int count, QString* error) override;
  QImage frame(int index, int count, QSize size) override;
  void finish() override;

 private:
  bool setValue(double value, QString* error = nullptr);

  ExplorerView* m_view;
  int m_curve;
  std::string m_param;
  double m_from;
  double m_to;
  ParamValues m_saved;
  double m_savedY[6] = {};
};

/// The explorer's "Export Animation…" action: the dialog (parameters of the selected curve),
/// then the recording with a progress dialog.
class ExplorerAnimation : public QObject {
  Q_OBJECT

 public:
  explicit ExplorerAnimation(ExplorerView* view);
  QAction* action() const { return m_action; }

 private:
  void exportAnimation();

  ExplorerView* m_view;
  QAction* m_action;
};

}  // namespace losslab::ui
