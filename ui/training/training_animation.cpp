// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_animation.h"

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QPainter>
#include <algorithm>
#include <cmath>

#include "ui/common/animation_dialog.h"
#include "ui/common/settings.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

namespace losslab::ui {

namespace {

class AnimationText {
  Q_DECLARE_TR_FUNCTIONS(AnimationText)
};

/// `plot` drawn at `size` pixels, laid out at `size / scale`.
QImage render(QCustomPlot* plot, QSize size, double scale) {
  const int width = static_cast<int>(std::lround(size.width() / scale));
  const int height = static_cast<int>(std::lround(size.height() / scale));
  QImage image = plot->toPixmap(width, height, scale).toImage();
  if (image.size() != size) {
    image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
  }
  return image;
}

}  // namespace

TrainingRunSource::TrainingRunSource(TrainingView* view, int epochs)
    : m_view(view), m_epochs(std::max(1, epochs)) {}

int TrainingRunSource::epochAt(int index, int count, int epochs) {
  return count > 1
             ? static_cast<int>(std::lround(static_cast<double>(epochs) * index / (count - 1)))
             : epochs;
}

bool TrainingRunSource::prepare(int, QString* error) {
  QString reason;
  const int epochs = m_epochs;
  if (!m_view->model()->edit([epochs](TrainingConfig& c) { c.epochs = epochs; }, &reason)) {
    *error = reason;
    return false;
  }
  m_view->controller()->reset();
  m_trained = 0;
  return true;
}

QImage TrainingRunSource::frame(int index, int count, QSize size) {
  const int wanted = epochAt(index, count, m_epochs);
  if (wanted > m_trained && !m_failed) {
    m_failed = !m_view->trainEpochsBlocking(wanted - m_trained);
    m_trained = wanted;
  }
  QCustomPlot* history = m_view->plot(TrainingView::Plot::History);
  history->xAxis->setRange(0, m_epochs);
  // Each plot is laid out as if the frame were 1280 wide (half as much text per pixel in a
  // 640-wide GIF, full size from 1280 up), so legends and colour scale keep their room.
  const double scale = std::clamp(size.width() / 1280.0, 0.5, 1.0);
  const QSize half(size.width() / 2, size.height());
  QImage image(size, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.drawImage(0, 0, render(m_view->plot(TrainingView::Plot::Fit), half, scale));
  painter.drawImage(half.width(), 0,
                    render(history, QSize(size.width() - half.width(), size.height()), scale));
  QFont font = painter.font();
  font.setPixelSize(std::max(10, size.height() / 24));
  font.setBold(true);
  painter.setFont(font);
  painter.setPen(QColor(60, 60, 60));
  const QString label = AnimationText::tr("epoch %1 / %2").arg(wanted).arg(m_epochs);
  // Top right of the history, on a light box so the curves never hide it.
  const QRect text = painter.fontMetrics().boundingRect(label).adjusted(-6, -3, 6, 3);
  QRect box(QPoint(0, 0), text.size());
  box.moveTopRight(QPoint(size.width() - 12, 8));
  painter.fillRect(box, QColor(255, 255, 255, 220));
  painter.drawText(box, Qt::AlignCenter, label);
  painter.end();
  return image;
}

void exportTrainingAnimation(TrainingView* view) {
  AnimationDialog::Variable epochs;
  epochs.label = AnimationText::tr("Training epochs");
  epochs.id = QStringLiteral("epochs");
  epochs.min = 0;
  epochs.max = TrainingLimits::kMaxEpochs;
  epochs.from = 0;
  epochs.to = std::max(1, view->session().epochs);
  epochs.decimals = 0;
  epochs.fixedStart = true;
  AnimationDialog dialog({epochs}, QStringLiteral("training"), view);
  if (dialog.exec() != QDialog::Accepted) {
    return;
  }
  const AnimationSettings settings = dialog.settings();
  TrainingRunSource source(view, static_cast<int>(std::lround(dialog.to())));
  QString error;
  if (!recordAnimationWithProgress(view, source, settings, &error)) {
    QMessageBox::warning(view, AnimationText::tr("Export failed"), error);
    return;
  }
  Settings::setExportDirectory(QFileInfo(settings.path).absolutePath());
}

}  // namespace losslab::ui
