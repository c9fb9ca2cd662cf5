// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/gif_writer.h"

#include <gif_lib.h>
#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <algorithm>
#include <array>
#include <cstring>

#include "ui/common/save_file.h"

namespace losslab::ui {

namespace {

/// Translation context of this file's messages.
class GifText {
  Q_DECLARE_TR_FUNCTIONS(GifText)
};

constexpr int kPaletteSize = 256;
constexpr int kCubeSide = 6;  // 6 levels per channel
constexpr int kExactColours = kPaletteSize - kCubeSide * kCubeSide * kCubeSide;  // 40

int distance2(QRgb a, QRgb b) {
  const int dr = qRed(a) - qRed(b);
  const int dg = qGreen(a) - qGreen(b);
  const int db = qBlue(a) - qBlue(b);
  return dr * dr + dg * dg + db * db;
}

/// Maps colours to their nearest palette entry, remembering each answer (a plot has a few
/// thousand distinct colours at most, its frames millions of pixels).
class NearestColour {
 public:
  explicit NearestColour(const std::vector<QRgb>& palette) : m_palette(palette) {}

  GifByteType operator()(QRgb colour) {
    colour |= 0xff000000u;
    if (const auto it = m_cache.constFind(colour); it != m_cache.constEnd()) {
      return *it;
    }
    int best = 0;
    int bestDistance = distance2(colour, m_palette[0]);
    for (int i = 1; i < static_cast<int>(m_palette.size()) && bestDistance > 0; ++i) {
      const int d = distance2(colour, m_palette[static_cast<std::size_t>(i)]);
      if (d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    const auto index = static_cast<GifByteType>(best);
    m_cache.insert(colour, index);
    return index;
  }

 private:
  const std::vector<QRgb>& m_palette;
  QHash<QRgb, GifByteType> m_cache;
};

int appendBytes(GifFileType* gif, const GifByteType* bytes, int length) {
  static_cast<QByteArray*>(gif->UserData)->append(reinterpret_cast<const char*>(bytes), length);
  return length;
}

QString gifError(int code) {
  const char* text = GifErrorString(code);
  return GifText::tr("GIF encoder: %1").arg(QString::fromUtf8(text ? text : "unknown error"));
}

/// The smallest rectangle where `a` and `b` differ (empty when they are equal).
QRect changedRect(const std::vector<GifByteType>& a,
                  const std::vector<GifByteType>& b,
                  QSize size) {
  int top = size.height();
  int bottom = -1;
  int left = size.width();
  int right = -1;
  for (int y = 0; y < size.height(); ++y) {
    const std::size_t row = static_cast<std::size_t>(y) * static_cast<std::size_t>(size.width());
    for (int x = 0; x < size.width(); ++x) {
      if (a[row + static_cast<std::size_t>(x)] != b[row + static_cast<std::size_t>(x)]) {
        top = std::min(top, y);
        bottom = std::max(bottom, y);
        left = std::min(left, x);
        right = std::max(right, x);
      }
    }
  }
  return bottom < 0 ? QRect() : QRect(QPoint(left, top), QPoint(right, bottom));
}

/// Writes the graphics control block (delay, disposal) and the image rectangle `rect`.
bool putFrame(
    GifFileType* gif, const std::vector<GifByteType>& pixels, int width, QRect rect, int delayCs) {
  GraphicsControlBlock control{};
  control.DisposalMode = DISPOSE_DO_NOT;
  control.DelayTime = delayCs;
  control.TransparentColor = NO_TRANSPARENT_COLOR;
  std::array<GifByteType, 4> extension{};
  const std::size_t length = EGifGCBToExtension(&control, extension.data());
  if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(length), extension.data()) !=
          GIF_OK ||
      EGifPutImageDesc(gif, rect.left(), rect.top(), rect.width(), rect.height(), false, nullptr) !=
          GIF_OK) {
    return false;
  }
  std::vector<GifByteType> line(static_cast<std::size_t>(rect.width()));
  for (int y = rect.top(); y <= rect.bottom(); ++y) {
    const auto* start = pixels.data() +
                        static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                        static_cast<std::size_t>(rect.left());
    std::copy(start, start + rect.width(), line.begin());
    if (EGifPutLine(gif, line.data(), rect.width()) != GIF_OK) {
      return false;
    }
  }
  return true;
}

/// NETSCAPE2.0: loop forever.
bool putLoop(GifFileType* gif) {
  static const char kApplication[] = "NETSCAPE2.0";
  const std::array<GifByteType, 3> loop{1, 0, 0};  // sub-block 1, loop count 0 (forever)
  return EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_OK &&
         EGifPutExtensionBlock(gif, 11, kApplication) == GIF_OK &&
         EGifPutExtensionBlock(gif, 3, loop.data()) == GIF_OK &&
         EGifPutExtensionTrailer(gif) == GIF_OK;
}

}  // namespace

void GifWriter::addFrame(const QImage& frame) {
  m_frames.push_back(frame.convertToFormat(QImage::Format_RGB32));
}

std::vector<QRgb> GifWriter::palette(const std::vector<QImage>& frames) {
  // Every pixel counts, one hash update per run of equal pixels (a plot's rows are long runs
  // of page colour).
  QHash<QRgb, int> counts;
  for (const QImage& frame : frames) {
    for (int y = 0; y < frame.height(); ++y) {
      const auto* line = reinterpret_cast<const QRgb*>(frame.constScanLine(y));
      int x = 0;
      while (x < frame.width()) {
        const QRgb colour = line[x] | 0xff000000u;
        int run = 1;
        while (x + run < frame.width() && (line[x + run] | 0xff000000u) == colour) {
          ++run;
        }
        counts[colour] += run;
        x += run;
      }
    }
  }
  std::vector<std::pair<int, QRgb>> byCount;
  byCount.reserve(static_cast<std::size_t>(counts.size()));
  for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
    byCount.emplace_back(it.value(), it.key());
  }
  std::sort(byCount.begin(), byCount.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<QRgb> colours;
  if (static_cast<int>(byCount.size()) <= kPaletteSize) {
    for (const auto& entry : byCount) {
      colours.push_back(entry.second);
    }
    return colours;
  }
  for (int i = 0; i < kExactColours; ++i) {
    colours.push_back(byCount[static_cast<std::size_t>(i)].second);
  }
  for (int r = 0; r < kCubeSide; ++r) {
    for (int g = 0; g < kCubeSide; ++g) {
      for (int b = 0; b < kCubeSide; ++b) {
        colours.push_back(qRgb(r * 51, g * 51, b * 51));  // 255 / (6 − 1) = 51
      }
    }
  }
  return colours;
}

QByteArray GifWriter::encode(QString* error) const {
  if (m_frames.empty()) {
    *error = GifText::tr("no frames to write");
    return {};
  }
  const QSize size = m_frames.front().size();
  for (const QImage& frame : m_frames) {
    if (frame.size() != size) {
      *error =
          GifText::tr("every frame must be %1 × %2 pixels").arg(size.width()).arg(size.height());
      return {};
    }
  }
  const std::vector<QRgb> colours = palette(m_frames);
  std::vector<GifColorType> entries(kPaletteSize, GifColorType{0, 0, 0});
  for (std::size_t i = 0; i < colours.size(); ++i) {
    entries[i] = GifColorType{static_cast<GifByteType>(qRed(colours[i])),
                              static_cast<GifByteType>(qGreen(colours[i])),
                              static_cast<GifByteType>(qBlue(colours[i]))};
  }
  QByteArray bytes;
  int code = 0;
  GifFileType* gif = EGifOpen(&bytes, appendBytes, &code);
  if (!gif) {
    *error = gifError(code);
    return {};
  }
  ColorMapObject* map = GifMakeMapObject(kPaletteSize, entries.data());
  EGifSetGifVersion(gif, true);
  bool ok = map && EGifPutScreenDesc(gif, size.width(), size.height(), 8, 0, map) == GIF_OK &&
            putLoop(gif);
  NearestColour nearest(colours);
  const std::size_t pixelCount =
      static_cast<std::size_t>(size.width()) * static_cast<std::size_t>(size.height());
  std::vector<GifByteType> previous;
  std::vector<GifByteType> pixels(pixelCount);
  for (std::size_t f = 0; ok && f < m_frames.size(); ++f) {
    for (int y = 0; y < size.height(); ++y) {
      const auto* line = reinterpret_cast<const QRgb*>(m_frames[f].constScanLine(y));
      GifByteType* out =
          pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(size.width());
      for (int x = 0; x < size.width(); ++x) {
        out[x] = nearest(line[x]);
      }
    }
    QRect rect = previous.empty() ? QRect(QPoint(0, 0), size) : changedRect(previous, pixels, size);
    if (rect.isEmpty()) {
      rect = QRect(0, 0, 1, 1);  // an unchanged frame still shows for its delay
    }
    ok = putFrame(gif, pixels, size.width(), rect, m_delayCs);
    previous.swap(pixels);
    pixels.resize(pixelCount);
  }
  if (!ok) {
    code = gif->Error;
  }
  GifFreeMapObject(map);
  int closeCode = 0;
  if (EGifCloseFile(gif, &closeCode) != GIF_OK && ok) {
    ok = false;
    code = closeCode;
  }
  if (!ok) {
    *error = gifError(code);
    return {};
  }
  return bytes;
}

bool GifWriter::write(const QString& path, QString* error) const {
  QString reason;
  const QByteArray bytes = encode(&reason);
  if (bytes.isEmpty()) {
    *error = GifText::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
    return false;
  }
  return saveFile(path, bytes, error);
}

bool writePngFrames(const std::vector<QImage>& frames, const QString& folder, QString* error) {
  if (!QDir().mkpath(folder)) {
    *error = GifText::tr("Cannot create the folder %1").arg(QDir::toNativeSeparators(folder));
    return false;
  }
  const QDir dir(folder);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    const QString path =
        dir.filePath(QStringLiteral("frame-%1.png").arg(i + 1, 4, 10, QLatin1Char('0')));
    const QImage& frame = frames[i];
    const bool written = saveFile(
        path,
        [&frame](QIODevice& device, QString* reason) {
          if (!frame.save(&device, "PNG")) {
            *reason = GifText::tr("the PNG could not be encoded");
            return false;
          }
          return true;
        },
        error);
    if (!written) {
      return false;
    }
  }
  return true;
}

}  // namespace losslab::ui
