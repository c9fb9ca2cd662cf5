// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/lesson_caption.h"

#include "ui/training/training_presets.h"

namespace losslab::ui {

namespace {

std::vector<std::string> ids(const std::vector<LossChoice>& losses) {
  std::vector<std::string> out;
  for (const LossChoice& loss : losses) {
    out.push_back(loss.id);
  }
  return out;
}

}  // namespace

LessonCaption::LessonCaption(QWidget* parent) : QLabel(parent) {
  setObjectName(QStringLiteral("lessonCaption"));
  setWordWrap(true);
  setTextFormat(Qt::PlainText);
  setTextInteractionFlags(Qt::TextSelectableByMouse);
  setFrameShape(QFrame::StyledPanel);
  setMargin(4);
  setMinimumWidth(200);  // a wrapped caption never widens the tab (it takes more lines instead)
  setVisible(false);
}

void LessonCaption::showPreset(const TrainingPreset& preset) {
  showCaption(preset.config, preset.title, preset.caption);
}

void LessonCaption::showCaption(const TrainingConfig& config,
                                const QString& title,
                                const QString& caption) {
  m_lesson = config;
  m_active = true;
  setText(caption);
  setToolTip(title);
  setVisible(true);
}

void LessonCaption::showConfig(const TrainingConfig& config) {
  if (!m_active) {
    return;
  }
  const bool same = config.data.source == m_lesson.data.source &&
                    config.data.generator == m_lesson.data.generator &&
                    config.network == m_lesson.network && config.compare == m_lesson.compare &&
                    ids(config.compareLosses) == ids(m_lesson.compareLosses);
  if (!same) {
    m_active = false;
    setVisible(false);
  }
}

}  // namespace losslab::ui
