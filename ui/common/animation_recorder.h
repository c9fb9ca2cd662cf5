// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QSize>
#include <QString>
#include <functional>

class QWidget;

namespace losslab::ui {

/// What an animation export writes: an animated GIF or a folder of numbered PNG frames.
struct AnimationSettings {
  enum class Format { Gif, PngFolder };
  static constexpr int kMaxFrames = 1000;

  Format format = Format::Gif;
  QString path;  // FILE.gif, or the folder of frame-0001.png, …
  int frames = 40;
  double fps = 10;
  QSize size{640, 360};  // the frames' pixels

  /// A frame's delay in GIF's hundredths of a second (at least 2: browsers show faster GIFs at
  /// 10 fps).
  int delayCs() const;
  /// Gif for a path ending in ".gif", else a folder of PNGs.
  static Format formatFor(const QString& path);
};

/// What an animation shows: `count` frames, `index` 0 … count − 1, drawn at `size`.
class FrameSource {
 public:
  virtual ~FrameSource() = default;
  /// Before the first frame (fix the axes, reset a run); false with `error` stops everything.
  virtual bool prepare(int count, QString* error) = 0;
  virtual QImage frame(int index, int count, QSize size) = 0;
  /// After the last frame (or a stop): put back what prepare and the frames changed.
  virtual void finish() = 0;
};

/// Draws the frames of `source` and writes them as `settings` say. `progress(done)` after each
/// frame returns false to stop: the frames drawn so far are written. false with `error`.
bool recordAnimation(FrameSource& source,
                     const AnimationSettings& settings,
                     const std::function<bool(int done)>& progress,
                     QString* error);

/// The same with a progress dialog over `parent` whose Stop button ends it early.
bool recordAnimationWithProgress(QWidget* parent,
                                 FrameSource& source,
                                 const AnimationSettings& settings,
                                 QString* error);

}  // namespace losslab::ui
