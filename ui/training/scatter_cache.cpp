// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/scatter_cache.h"

#include <bit>

namespace losslab::ui {

namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t pointHash(double key, double value) {
  return mix(std::bit_cast<std::uint64_t>(key) ^ mix(std::bit_cast<std::uint64_t>(value)));
}

std::uint64_t styleHash(const QCPScatterStyle& style) {
  std::uint64_t h = mix(static_cast<std::uint64_t>(style.shape()));
  h = mix(h ^ std::bit_cast<std::uint64_t>(style.size()));
  h = mix(h ^ style.pen().color().rgba64());
  h = mix(h ^ std::bit_cast<std::uint64_t>(style.pen().widthF()));
  h = mix(h ^ style.brush().color().rgba64());
  return mix(h ^ static_cast<std::uint64_t>(style.brush().style()));
}

bool sameRange(const QCPRange& a, const QCPRange& b) {
  return a.lower == b.lower && a.upper == b.upper;
}

}  // namespace

CachedScatterGraph::CachedScatterGraph(QCPAxis* keyAxis, QCPAxis* valueAxis, ScatterCache* cache)
    : QCPGraph(keyAxis, valueAxis), m_cache(cache) {
  cache->add(this);
}

void CachedScatterGraph::draw(QCPPainter* painter) {
  m_cache->draw(this, painter);
}

void ScatterCache::setLive(bool live) {
  if (m_live && !live) {
    m_valid = false;  // the newest colours on the next replot
  }
  m_live = live;
}

double ScatterCache::recolorIntervalMs() const {
  return m_fixedIntervalMs >= 0 ? m_fixedIntervalMs : 9 * m_costMs;
}

ScatterCache::Key ScatterCache::keyFor(const CachedScatterGraph* first) const {
  Key key;
  int index = 0;
  for (const CachedScatterGraph* g : m_members) {
    ++index;
    std::uint64_t member = mix(static_cast<std::uint64_t>(index) ^ styleHash(g->scatterStyle()));
    member = mix(member ^ (g->realVisibility() ? 1U : 2U));
    if (g->realVisibility()) {
      for (const QCPGraphData& point : *g->data()) {
        const std::uint64_t h = pointHash(point.key, point.value);
        key.points += h;  // a sum: the same points in other members give the same hash
        member += h;
      }
      key.rect = key.rect.united(g->clipRect());
    }
    key.colors = mix(key.colors ^ member);
  }
  key.keyRange = first->keyAxis()->range();
  key.valueRange = first->valueAxis()->range();
  key.pixelRatio = first->parentPlot()->bufferDevicePixelRatio();
  key.antialiased = static_cast<int>(first->parentPlot()->antialiasedElements());
  key.notAntialiased = static_cast<int>(first->parentPlot()->notAntialiasedElements());
  return key;
}

void ScatterCache::draw(CachedScatterGraph* caller, QCPPainter* painter) {
  // Exports to vector formats or at another scale draw the points themselves.
  if (painter->modes().testFlag(QCPPainter::pmVectorized) ||
      painter->modes().testFlag(QCPPainter::pmNoCaching) || painter->transform().isScaling() ||
      painter->transform().isRotating()) {
    caller->QCPGraph::draw(painter);
    return;
  }
  const CachedScatterGraph* first = nullptr;
  for (const CachedScatterGraph* g : m_members) {
    if (g->realVisibility()) {
      first = g;
      break;
    }
  }
  if (caller != first) {
    return;  // the first visible member draws everyone's points
  }
  const Key key = keyFor(first);
  const bool sameGeometry =
      key.points == m_key.points && key.rect == m_key.rect &&
      sameRange(key.keyRange, m_key.keyRange) && sameRange(key.valueRange, m_key.valueRange) &&
      key.pixelRatio == m_key.pixelRatio && key.antialiased == m_key.antialiased &&
      key.notAntialiased == m_key.notAntialiased;
  const bool recolorWaits = m_live && m_sinceRender.isValid() &&
                            static_cast<double>(m_sinceRender.elapsed()) < recolorIntervalMs();
  if (!m_valid || !sameGeometry || (key.colors != m_key.colors && !recolorWaits)) {
    render(key, first, painter);
  }
  if (!m_image.isNull()) {
    painter->drawImage(m_key.rect.topLeft(), m_image);
  }
}

void ScatterCache::render(const Key& key,
                          const CachedScatterGraph* first,
                          const QCPPainter* target) {
  Q_UNUSED(first)
  QElapsedTimer cost;
  cost.start();
  m_key = key;
  m_valid = true;
  ++m_generation;
  if (key.rect.isEmpty()) {
    m_image = QImage();
    return;
  }
  const QSize size = (QSizeF(key.rect.size()) * key.pixelRatio).toSize();
  m_image = QImage(size, QImage::Format_ARGB32_Premultiplied);
  m_image.setDevicePixelRatio(key.pixelRatio);
  m_image.fill(Qt::transparent);
  {
    QCPPainter painter(&m_image);
    painter.setModes(target->modes());
    painter.translate(-key.rect.topLeft());
    for (CachedScatterGraph* g : m_members) {
      if (!g->realVisibility()) {
        continue;
      }
      painter.save();
      painter.setClipRect(g->clipRect());
      g->applyDefaultAntialiasingHint(&painter);
      g->QCPGraph::draw(&painter);
      painter.restore();
    }
  }
  m_costMs = static_cast<double>(cost.nsecsElapsed()) / 1e6;
  m_sinceRender.start();
}

}  // namespace losslab::ui
