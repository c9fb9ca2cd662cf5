// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ui/common/animation_recorder.h"

class QWidget;

namespace losslab::ui {

class TrainingView;

/// A training run as frames: the run starts again from its initial weights, and frame i shows
/// the fit (left) and the loss history (right) after round(epochs · i/(n − 1)) epochs (frame 0:
/// the untrained network), with the epoch written in the corner. The history's x axis spans
/// the whole run from the first frame.
class TrainingRunSource : public FrameSource {
 public:
  TrainingRunSource(TrainingView* view, int epochs);

  bool prepare(int count, QString* error) override;
  QImage frame(int index, int count, QSize size) override;
  void finish() override {}

  /// Epochs trained when frame `index` of `count` is drawn.
  static int epochAt(int index, int count, int epochs);

 private:
  TrainingView* m_view;
  int m_epochs;
  int m_trained = 0;
  bool m_failed = false;
};

/// The Training tab's Export ▸ Animation…: the dialog (epochs), then the recording with a
/// progress dialog. Errors are shown in message boxes over `view`.
void exportTrainingAnimation(TrainingView* view);

}  // namespace losslab::ui
