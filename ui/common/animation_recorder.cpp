// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/animation_recorder.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QProgressDialog>
#include <algorithm>
#include <cmath>
#include <vector>

#include "ui/common/gif_writer.h"

namespace losslab::ui {

namespace {

class RecorderText {
  Q_DECLARE_TR_FUNCTIONS(RecorderText)
};

}  // namespace

int AnimationSettings::delayCs() const {
  return std::max(2, static_cast<int>(std::lround(100.0 / std::max(fps, 0.1))));
}

AnimationSettings::Format AnimationSettings::formatFor(const QString& path) {
  return QFileInfo(path).suffix().compare(QLatin1String("gif"), Qt::CaseInsensitive) == 0
             ? Format::Gif
             : Format::PngFolder;
}

bool recordAnimation(FrameSource& source,
                     const AnimationSettings& settings,
                     const std::function<bool(int done)>& progress,
                     QString* error) {
  const int count = std::clamp(settings.frames, 1, AnimationSettings::kMaxFrames);
  if (!source.prepare(count, error)) {
    source.finish();
    return false;
  }
  GifWriter gif(settings.delayCs());
  std::vector<QImage> pngs;
  for (int i = 0; i < count; ++i) {
    const QImage image = source.frame(i, count, settings.size);
    if (settings.format == AnimationSettings::Format::Gif) {
      gif.addFrame(image);
    } else {
      pngs.push_back(image);
    }
    if (progress && !progress(i + 1)) {
      break;
    }
  }
  source.finish();
  return settings.format == AnimationSettings::Format::Gif
             ? gif.write(settings.path, error)
             : writePngFrames(pngs, settings.path, error);
}

bool recordAnimationWithProgress(QWidget* parent,
                                 FrameSource& source,
                                 const AnimationSettings& settings,
                                 QString* error) {
  QProgressDialog dialog(RecorderText::tr("Drawing the frames…"), RecorderText::tr("Stop"), 0,
                         settings.frames, parent);
  dialog.setWindowTitle(RecorderText::tr("Export Animation"));
  dialog.setWindowModality(Qt::WindowModal);
  dialog.setMinimumDuration(0);
  dialog.setAutoClose(false);
  dialog.setAutoReset(false);
  const bool ok = recordAnimation(
      source, settings,
      [&dialog](int done) {
        dialog.setValue(done);
        dialog.setLabelText(RecorderText::tr("Frame %1 of %2 (Stop writes the frames so far)")
                                .arg(done)
                                .arg(dialog.maximum()));
        QApplication::processEvents();
        return !dialog.wasCanceled();
      },
      error);
  return ok;
}

}  // namespace losslab::ui
