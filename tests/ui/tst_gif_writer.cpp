// SPDX-License-Identifier: GPL-3.0-or-later
// The animated GIF writer (ui/common/gif_writer.h), read back with giflib's own decoder
// (DGifSlurp): frame count, screen size, each frame's delay, the loop extension, and the
// pixels of every frame after compositing the changed rectangles as a viewer does.
#include <gif_lib.h>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <memory>

#include "ui/common/animation_recorder.h"
#include "ui/common/gif_writer.h"

using namespace losslab::ui;

namespace {

struct GifCloser {
  void operator()(GifFileType* gif) const {
    int error = 0;
    DGifCloseFile(gif, &error);
  }
};
using GifPtr = std::unique_ptr<GifFileType, GifCloser>;

GifPtr slurp(const QString& path) {
  int error = 0;
  GifPtr gif(DGifOpenFileName(QFile::encodeName(path).constData(), &error));
  if (!gif || DGifSlurp(gif.get()) != GIF_OK) {
    return nullptr;
  }
  return gif;
}

/// Frame `k`: white, a red bar whose width grows with k, a blue square that stays.
QImage testFrame(int k) {
  QImage image(64, 48, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.fillRect(QRect(4, 30, 10 + 8 * k, 6), QColor(200, 0, 0));
  painter.fillRect(QRect(40, 4, 12, 12), QColor(0, 0, 255));
  return image;
}

/// The picture after frames 0 … last, drawn as a viewer composes them (disposal: keep).
QImage composite(GifFileType* gif, int last) {
  QImage image(gif->SWidth, gif->SHeight, QImage::Format_RGB32);
  image.fill(Qt::black);
  const ColorMapObject* map = gif->SColorMap;
  for (int f = 0; f <= last; ++f) {
    const SavedImage& frame = gif->SavedImages[f];
    const GifImageDesc& d = frame.ImageDesc;
    const ColorMapObject* colours = d.ColorMap ? d.ColorMap : map;
    for (int y = 0; y < d.Height; ++y) {
      for (int x = 0; x < d.Width; ++x) {
        const GifColorType c = colours->Colors[frame.RasterBits[y * d.Width + x]];
        image.setPixel(d.Left + x, d.Top + y, qRgb(c.Red, c.Green, c.Blue));
      }
    }
  }
  return image;
}

bool hasLoopExtension(GifFileType* gif) {
  const SavedImage& first = gif->SavedImages[0];
  for (int i = 0; i + 1 < first.ExtensionBlockCount; ++i) {
    const ExtensionBlock& block = first.ExtensionBlocks[i];
    if (block.Function == APPLICATION_EXT_FUNC_CODE && block.ByteCount == 11 &&
        std::memcmp(block.Bytes, "NETSCAPE2.0", 11) == 0) {
      const ExtensionBlock& data = first.ExtensionBlocks[i + 1];
      return data.ByteCount == 3 && data.Bytes[0] == 1 && data.Bytes[1] == 0 && data.Bytes[2] == 0;
    }
  }
  return false;
}

}  // namespace

class TestGifWriter : public QObject {
  Q_OBJECT

 private slots:
  void writesFramesThatReadBack();
  void manyColoursKeepTheFrequentOnesExact();
  void refusesNoFramesAndMixedSizes();
  void pngFramesAreNumbered();
  void delayFollowsTheFrameRate();
};

void TestGifWriter::writesFramesThatReadBack() {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("a.gif"));
  GifWriter writer(12);  // 0.12 s per frame
  for (int k = 0; k < 5; ++k) {
    writer.addFrame(testFrame(k));
  }
  QString error;
  QVERIFY2(writer.write(path, &error), qPrintable(error));

  GifPtr gif = slurp(path);
  QVERIFY(gif);
  QCOMPARE(gif->ImageCount, 5);
  QCOMPARE(gif->SWidth, 64);
  QCOMPARE(gif->SHeight, 48);
  QVERIFY(hasLoopExtension(gif.get()));
  for (int f = 0; f < gif->ImageCount; ++f) {
    GraphicsControlBlock control{};
    QCOMPARE(DGifSavedExtensionToGCB(gif.get(), f, &control), GIF_OK);
    QCOMPARE(control.DelayTime, 12);
    QCOMPARE(control.DisposalMode, DISPOSE_DO_NOT);
    // Three colours: every pixel exact after compositing.
    QCOMPARE(composite(gif.get(), f), testFrame(f));
  }
  // Later frames store only what changed: the red bar's growth (8 px wide, 6 high).
  const GifImageDesc& second = gif->SavedImages[1].ImageDesc;
  QCOMPARE(second.Width, 8);
  QCOMPARE(second.Height, 6);
  QCOMPARE(second.Left, 14);
  QCOMPARE(second.Top, 30);
}

void TestGifWriter::manyColoursKeepTheFrequentOnesExact() {
  // A gradient of 64 × 64 distinct colours on a white page with a green line: more than 256
  // colours, so the page and the line (the most frequent) must stay exact, the gradient near.
  QImage image(256, 128, QImage::Format_RGB32);
  image.fill(Qt::white);
  for (int y = 0; y < 64; ++y) {
    for (int x = 0; x < 64; ++x) {
      image.setPixel(x, y, qRgb(x * 4, y * 4, 128));
    }
  }
  for (int x = 0; x < 256; ++x) {
    image.setPixel(x, 100, qRgb(30, 160, 60));
  }
  GifWriter writer(10);
  writer.addFrame(image);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("b.gif"));
  QString error;
  QVERIFY2(writer.write(path, &error), qPrintable(error));
  GifPtr gif = slurp(path);
  QVERIFY(gif);
  QCOMPARE(gif->SColorMap->ColorCount, 256);
  const QImage back = composite(gif.get(), 0);
  QCOMPARE(back.pixel(200, 10), qRgb(255, 255, 255));
  QCOMPARE(back.pixel(200, 100), qRgb(30, 160, 60));
  // The cube's levels are 51 apart: its nearest point is at most 25.5 off per channel, so the
  // nearest palette entry is at most √3 · 25.5 away (squared: 3 · 25.5² = 1950.75).
  for (int y = 0; y < 64; y += 7) {
    for (int x = 0; x < 64; x += 7) {
      const QRgb a = image.pixel(x, y);
      const QRgb b = back.pixel(x, y);
      const int dr = qRed(a) - qRed(b);
      const int dg = qGreen(a) - qGreen(b);
      const int db = qBlue(a) - qBlue(b);
      QVERIFY(dr * dr + dg * dg + db * db <= 1950);
    }
  }
}

void TestGifWriter::refusesNoFramesAndMixedSizes() {
  QTemporaryDir dir;
  QString error;
  QVERIFY(!GifWriter(10).write(dir.filePath(QStringLiteral("none.gif")), &error));
  QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.gif"))));
  GifWriter mixed(10);
  mixed.addFrame(testFrame(0));
  mixed.addFrame(QImage(10, 10, QImage::Format_RGB32));
  QVERIFY(!mixed.write(dir.filePath(QStringLiteral("mixed.gif")), &error));
  QVERIFY(error.contains(QStringLiteral("64")));
}

void TestGifWriter::pngFramesAreNumbered() {
  QTemporaryDir dir;
  const QString folder = dir.filePath(QStringLiteral("frames"));
  QString error;
  QVERIFY2(writePngFrames({testFrame(0), testFrame(1), testFrame(2)}, folder, &error),
           qPrintable(error));
  QCOMPARE(QDir(folder).entryList(QDir::Files),
           QStringList({QStringLiteral("frame-0001.png"), QStringLiteral("frame-0002.png"),
                        QStringLiteral("frame-0003.png")}));
  QCOMPARE(QImage(QDir(folder).filePath(QStringLiteral("frame-0002.png")))
               .convertToFormat(QImage::Format_RGB32),
           testFrame(1));
}

void TestGifWriter::delayFollowsTheFrameRate() {
  AnimationSettings s;
  s.fps = 10;
  QCOMPARE(s.delayCs(), 10);  // 100 cs / 10 frames
  s.fps = 4;
  QCOMPARE(s.delayCs(), 25);
  s.fps = 100;
  QCOMPARE(s.delayCs(), 2);  // browsers slow anything faster than 2 cs down
  QCOMPARE(AnimationSettings::formatFor(QStringLiteral("x/run.GIF")),
           AnimationSettings::Format::Gif);
  QCOMPARE(AnimationSettings::formatFor(QStringLiteral("x/frames")),
           AnimationSettings::Format::PngFolder);
}

QTEST_MAIN(TestGifWriter)
#include "tst_gif_writer.moc"
