// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>
#include <QElapsedTimer>
#include <QImage>
#include <cstdint>
#include <vector>

namespace losslab::ui {

class ScatterCache;

/// A scatter graph (no line) drawn through a ScatterCache: its points are painted with the
/// other members' once into an image, and later replots only composite that image while the
/// points, their styles, the axes, the geometry and the antialiasing stay the same. The graph
/// holds its data as any QCPGraph (setData, data(), tests and the point editor read it).
class CachedScatterGraph : public QCPGraph {
 public:
  CachedScatterGraph(QCPAxis* keyAxis, QCPAxis* valueAxis, ScatterCache* cache);

 protected:
  void draw(QCPPainter* painter) override;

 private:
  friend class ScatterCache;
  ScatterCache* m_cache;
};

/// The picture of a set of CachedScatterGraphs (the fit plot's influence classes and outlier
/// rings), drawn once into an image and composited on every replot. The first visible member
/// draws the image; the others draw nothing. Vector and scaled exports (painters in
/// pmVectorized or pmNoCaching mode, or with a transform) draw the points directly.
///
/// What redraws the image: any change of the members' points (a content hash, so a point
/// dragged, added or deleted, a new data set or preset cannot be missed), styles, visibility,
/// axis ranges, axis-rect geometry, device pixel ratio or antialiasing. While the plot is live
/// (training runs), a change of colours only (the same points moved between influence classes)
/// is drawn at most every recolorIntervalMs(): the measured cost of drawing the image × 9, so
/// recolouring takes at most a tenth of the UI thread; setLive(false) draws the newest colours.
class ScatterCache {
 public:
  /// The members, in drawing order (they must share one layer and axis rect).
  void add(CachedScatterGraph* graph) { m_members.push_back(graph); }
  /// How many times the image was drawn (tests: it is redrawn exactly when something changed).
  int generation() const { return m_generation; }
  /// While live, colour-only changes are paced (see the class comment).
  void setLive(bool live);
  bool live() const { return m_live; }
  /// The pacing interval; a value ≥ 0 replaces the measured one (tests), −1 measures again.
  void setRecolorIntervalMs(double ms) { m_fixedIntervalMs = ms; }
  double recolorIntervalMs() const;
  /// The next replot draws the image again.
  void invalidate() { m_valid = false; }

 private:
  friend class CachedScatterGraph;
  struct Key {
    std::uint64_t points = 0;  // the members' points, wherever they are (order-free)
    std::uint64_t colors = 0;  // which member holds which point, the styles, the visibility
    QRect rect;
    QCPRange keyRange;
    QCPRange valueRange;
    double pixelRatio = 1;
    int antialiased = 0;
    int notAntialiased = 0;
  };
  void draw(CachedScatterGraph* caller, QCPPainter* painter);
  Key keyFor(const CachedScatterGraph* first) const;
  void render(const Key& key, const CachedScatterGraph* first, const QCPPainter* target);

  std::vector<CachedScatterGraph*> m_members;
  QImage m_image;
  Key m_key;
  bool m_valid = false;
  bool m_live = false;
  int m_generation = 0;
  double m_costMs = 0;  // the last render
  double m_fixedIntervalMs = -1;
  QElapsedTimer m_sinceRender;
};

}  // namespace losslab::ui
