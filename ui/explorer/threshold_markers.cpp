// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/threshold_markers.h"

#include <qcustomplot.h>
#include <QAction>
#include <algorithm>

#include "ui/common/plot_style.h"
#include "ui/common/settings.h"
#include "ui/explorer/curve_model.h"
#include "ui/explorer/loss_curve_plot.h"

namespace losslab::ui {

namespace {

constexpr auto kZonesLayer = "zones";
/// Beyond the axis rect's edge (ratio units): a zone open to one side reaches past the frame.
constexpr double kBeyondLeft = -0.1;
constexpr double kBeyondRight = 1.1;
constexpr int kMarkedPanels = 2;  // the loss and the gradient panel

QColor regimeTint(Regime regime) {
  switch (regime) {
    case Regime::Quadratic:
      return QColor(31, 119, 180, 30);
    case Regime::Linear:
      return QColor(255, 127, 14, 30);
    case Regime::Zero:
      return QColor(127, 127, 127, 26);
  }
  return QColor(127, 127, 127, 26);
}

void setPlotX(QCPItemPosition* position, QCPAxisRect* rect, double x, bool ratio, double y) {
  position->setAxisRect(rect);
  position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
  position->setTypeX(ratio ? QCPItemPosition::ptAxisRectRatio : QCPItemPosition::ptPlotCoords);
  position->setTypeY(QCPItemPosition::ptAxisRectRatio);
  position->setCoords(x, y);
}

}  // namespace

template <class Item>
Item* ThresholdMarkers::acquire(int panel) {
  if (m_reusing) {
    Item* item = m_cursor < m_items.size() && m_itemPanels[m_cursor] == panel
                     ? qobject_cast<Item*>(m_items[m_cursor])
                     : nullptr;
    if (item) {
      ++m_cursor;
    } else {
      m_mismatch = true;
    }
    return item;
  }
  auto* item = new Item(m_plot->customPlot());
  item->setLayer(QString::fromLatin1(kZonesLayer));
  item->setSelectable(false);
  m_items.push_back(item);
  m_itemPanels.push_back(panel);
  return item;
}

ThresholdMarkers::ThresholdMarkers(CurveModel* model, LossCurvePlot* plot)
    : QObject(plot),
      m_model(model),
      m_plot(plot),
      m_action(new QAction(tr("Show &Thresholds"), this)) {
  QCustomPlot* custom = m_plot->customPlot();
  // Above "main": the explorer's axis rects live there and paint their panel colour over
  // anything below. The tints are light enough to lie over the other curves.
  custom->addLayer(QString::fromLatin1(kZonesLayer), custom->layer(QStringLiteral("main")),
                   QCustomPlot::limAbove);
  // A buffer of its own: a slider move redraws the markers without a full replot (the
  // curves' layers keep their buffers, as the explorer's fast path wants).
  custom->layer(QString::fromLatin1(kZonesLayer))->setMode(QCPLayer::lmBuffered);
  m_action->setCheckable(true);
  m_action->setStatusTip(
      tr("Mark where the selected loss changes regime (±δ, the margin) and shade the zones"));
  m_shown = Settings::showThresholds();
  m_action->setChecked(m_shown);
  connect(m_action, &QAction::toggled, this, [this](bool on) {
    setShown(on);
    Settings::setShowThresholds(on);
  });
  connect(m_model, &CurveModel::curvesReset, this, &ThresholdMarkers::update);
  connect(m_model, &CurveModel::samplesChanged, this, &ThresholdMarkers::update);
  connect(m_model, &CurveModel::curveChanged, this, [this](int index) {
    if (index == m_plot->activeCurve()) {
      update();
    }
  });
  connect(m_plot, &LossCurvePlot::activeCurveChanged, this, &ThresholdMarkers::update);
  // Exports of one panel and the curvature toggle take panels out of the layout: items of a
  // hidden panel must not draw at their old place.
  connect(custom, &QCustomPlot::afterLayout, this, &ThresholdMarkers::syncVisibility);
  update();
}

void ThresholdMarkers::setShown(bool on) {
  if (on == m_shown) {
    return;
  }
  m_shown = on;
  m_action->setChecked(on);
  update();
}

QString ThresholdMarkers::regimeName(Regime regime) {
  switch (regime) {
    case Regime::Quadratic:
      return tr("quadratic");
    case Regime::Linear:
      return tr("linear");
    case Regime::Zero:
      return tr("zero");
  }
  return {};
}

std::vector<Threshold> ThresholdMarkers::thresholds(int index) const {
  if (index < 0 || index >= m_model->count()) {
    return {};
  }
  const CurveItem& item = m_model->curve(index);
  std::string variant = item.variant.toStdString();
  if (variant.empty()) {
    const std::vector<CurveVariant> variants = m_model->variants(index);
    variant = variants.empty() ? std::string() : variants.front().id;
  }
  std::vector<Threshold> list;
  // Residual axes show ŷ with y fixed: the threshold r = at sits at ŷ = y + at.
  const double offset = m_model->axisKind() == CurveKind::Residual ? m_model->target() : 0.0;
  for (Threshold t : item.loss->info().facts.thresholds(item.params)) {
    if (t.variant.empty() || t.variant == variant) {
      t.at += offset;
      list.push_back(t);
    }
  }
  return list;
}

void ThresholdMarkers::clear() {
  QCustomPlot* custom = m_plot->customPlot();
  for (QCPAbstractItem* item : m_items) {
    custom->removeItem(item);
  }
  m_items.clear();
  m_itemPanels.clear();
  m_lossLines.clear();
  m_labels.clear();
}

void ThresholdMarkers::addZone(
    int panel, double from, bool fromIsRatio, double to, bool toIsRatio, Regime regime) {
  QCPAxisRect* rect = m_plot->axisRect(panel);
  auto* zone = acquire<QCPItemRect>(panel);
  if (!zone) {
    return;
  }
  zone->setClipAxisRect(rect);
  setPlotX(zone->topLeft, rect, from, fromIsRatio, 0);
  setPlotX(zone->bottomRight, rect, to, toIsRatio, 1);
  zone->setPen(Qt::NoPen);
  zone->setBrush(regimeTint(regime));
}

void ThresholdMarkers::update() {
  // A slider move keeps the same items and only moves them: adding or removing items would
  // invalidate the layers' buffers and cost a full replot (the explorer's fast path).
  QCustomPlot* custom = m_plot->customPlot();
  m_reusing = !m_items.empty();
  m_cursor = 0;
  m_mismatch = false;
  if (m_reusing) {
    build();
    if (m_mismatch || m_cursor != m_items.size()) {
      clear();
      m_reusing = false;
    }
  }
  if (!m_reusing) {
    // New items join the current layer first: make that the markers' own.
    QCPLayer* current = custom->currentLayer();
    custom->setCurrentLayer(QString::fromLatin1(kZonesLayer));
    build();
    custom->setCurrentLayer(current);
  }
  m_reusing = false;
  syncVisibility();
  custom->layer(QString::fromLatin1(kZonesLayer))->replot();
}

void ThresholdMarkers::build() {
  m_lossLines.clear();
  m_labels.clear();
  const int index = m_plot->activeCurve();
  if (!m_shown || index < 0 || index >= m_model->count() || !m_model->curve(index).visible) {
    return;
  }
  const QColor colour = displayColor(m_model->curve(index).color, m_plot->style().dark);
  const double centre = m_model->axisKind() == CurveKind::Residual ? m_model->target() : 0.0;
  struct Label {
    double x;
    Qt::Alignment align;
    Regime regime;
  };
  std::vector<Label> labels;
  for (const Threshold& t : thresholds(index)) {
    const double at = t.at;
    std::vector<double> lines = {at};
    if (t.symmetric && at != centre) {
      lines = {2 * centre - at, at};
      std::sort(lines.begin(), lines.end());
    }
    for (int panel = 0; panel < kMarkedPanels; ++panel) {
      if (t.symmetric) {
        addZone(panel, lines.front(), false, lines.back(), false, t.inner);
        addZone(panel, kBeyondLeft, true, lines.front(), false, t.outer);
        addZone(panel, lines.back(), false, kBeyondRight, true, t.outer);
      } else {
        const bool innerLeft = at >= centre;  // the side towards the centre is the inner one
        addZone(panel, kBeyondLeft, true, at, false, innerLeft ? t.inner : t.outer);
        addZone(panel, at, false, kBeyondRight, true, innerLeft ? t.outer : t.inner);
      }
      QCPAxisRect* rect = m_plot->axisRect(panel);
      for (const double x : lines) {
        auto* line = acquire<QCPItemStraightLine>(panel);
        if (!line) {
          return;
        }
        line->setClipAxisRect(rect);
        for (QCPItemPosition* p : {line->point1, line->point2}) {
          p->setAxisRect(rect);
          p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
          p->setTypeX(QCPItemPosition::ptPlotCoords);
          p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        line->point1->setCoords(x, 0);
        line->point2->setCoords(x, 1);
        line->setPen(QPen(colour, 1.5, Qt::DashLine));
        if (panel == LossCurvePlot::LossPanel) {
          m_lossLines.push_back(line);
        }
      }
    }
    if (t.symmetric) {
      labels.push_back({lines.front(), Qt::AlignRight, t.outer});
      labels.push_back({(lines.front() + lines.back()) / 2, Qt::AlignHCenter, t.inner});
      labels.push_back({lines.back(), Qt::AlignLeft, t.outer});
    } else {
      const bool innerLeft = at >= centre;
      labels.push_back({at, Qt::AlignRight, innerLeft ? t.inner : t.outer});
      labels.push_back({at, Qt::AlignLeft, innerLeft ? t.outer : t.inner});
    }
  }
  // Left to right; at one x, the label left of it first.
  const auto side = [](Qt::Alignment a) {
    return a.testFlag(Qt::AlignRight) ? 0 : a.testFlag(Qt::AlignLeft) ? 2 : 1;
  };
  std::stable_sort(labels.begin(), labels.end(), [&side](const Label& a, const Label& b) {
    return a.x != b.x ? a.x < b.x : side(a.align) < side(b.align);
  });
  QCPAxisRect* lossRect = m_plot->axisRect(LossCurvePlot::LossPanel);
  for (const Label& label : labels) {
    m_labels << regimeName(label.regime);
    auto* text = acquire<QCPItemText>(LossCurvePlot::LossPanel);
    if (!text) {
      return;
    }
    text->setClipAxisRect(lossRect);
    setPlotX(text->position, lossRect, label.x, false, 0.5);  // clear of legend and minimum
    text->setPositionAlignment(label.align | Qt::AlignVCenter);
    text->setPadding(QMargins(6, 0, 6, 0));
    text->setText(regimeName(label.regime));
    text->setColor(m_plot->style().text);
    QFont font = m_plot->style().tickFont;
    font.setItalic(true);
    text->setFont(font);
  }
}

void ThresholdMarkers::syncVisibility() {
  const std::vector<int> shown = m_plot->shownPanels();
  for (std::size_t i = 0; i < m_items.size(); ++i) {
    m_items[i]->setVisible(std::find(shown.begin(), shown.end(), m_itemPanels[i]) != shown.end());
  }
}

std::vector<double> ThresholdMarkers::positions() const {
  std::vector<double> xs;
  for (const QCPItemStraightLine* line : m_lossLines) {
    xs.push_back(line->point1->coords().x());
  }
  std::sort(xs.begin(), xs.end());
  return xs;
}

QStringList ThresholdMarkers::zoneLabels() const {
  return m_labels;
}

}  // namespace losslab::ui
