// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QImage>
#include <QString>
#include <vector>

namespace losslab::ui {

/// An animated GIF from RGB frames of one size, through giflib (EGifPutLine), looping forever.
///
/// GIF holds at most 256 colours: the palette is shared by every frame and made from the
/// frames themselves — the most frequent colours first (a plot's page, grid, axes and curve
/// colours come out exact), then a 6 × 6 × 6 colour cube for everything else (antialiased
/// edges), each pixel mapped to its nearest palette entry. Frames after the first store only
/// the rectangle that changed, over the previous frame (disposal: leave it).
class GifWriter {
 public:
  /// `delayCs`: how long each frame is shown, in hundredths of a second (GIF's unit).
  explicit GifWriter(int delayCs) : m_delayCs(delayCs) {}

  /// Keeps a copy of the frame (converted to RGB32). Every frame must have the first's size.
  void addFrame(const QImage& frame);
  int frameCount() const { return static_cast<int>(m_frames.size()); }
  const std::vector<QImage>& frames() const { return m_frames; }

  /// Encodes the frames into `path` (atomically: a failed write leaves the old file). false
  /// with `error` for no frames, frames of different sizes, or a write error.
  bool write(const QString& path, QString* error) const;
  /// The GIF bytes, or empty with `error`.
  QByteArray encode(QString* error) const;

  /// The palette `write` uses for `frames` (at most 256 colours).
  static std::vector<QRgb> palette(const std::vector<QImage>& frames);

 private:
  int m_delayCs;
  std::vector<QImage> m_frames;
};

/// Frames as numbered PNGs "frame-0001.png", … in `folder` (created if missing). false with
/// `error` naming the file that could not be written.
bool writePngFrames(const std::vector<QImage>& frames, const QString& folder, QString* error);

}  // namespace losslab::ui
