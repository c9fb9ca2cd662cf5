// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLabel>

#include "core/training/training_config.h"

namespace losslab::ui {

struct TrainingPreset;

/// The caption of the training preset in use, above the plots: what to notice. It stays while
/// the generator, the network and the compared losses are the preset's (more outliers, a new
/// learning rate or epoch budget keep the lesson) and hides once one of them changes.
class LessonCaption : public QLabel {
  Q_OBJECT

 public:
  explicit LessonCaption(QWidget* parent = nullptr);

  void showPreset(const TrainingPreset& preset);
  /// A caption of one's own (a lesson step's) for a run of this configuration; it hides as a
  /// preset's does.
  void showCaption(const TrainingConfig& config, const QString& title, const QString& caption);
  /// The configuration changed: hides the caption if the lesson no longer applies.
  void showConfig(const TrainingConfig& config);

 private:
  bool m_active = false;
  TrainingConfig m_lesson;
};

}  // namespace losslab::ui
