// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/loss_list_panel.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPainter>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/explorer/curve_model.h"

namespace losslab::ui {

namespace {

QIcon swatch(const QColor& color) {
  QPixmap pixmap(16, 16);
  pixmap.fill(Qt::transparent);
  QPainter painter(&pixmap);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setBrush(color);
  painter.setPen(color.darker(140));
  painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
  return QIcon(pixmap);
}

QToolButton* button(const QString& text, const QString& tip, const QString& icon, QWidget* parent) {
  auto* b = new QToolButton(parent);
  b->setText(text);
  b->setToolTip(tip);
  b->setIcon(QIcon::fromTheme(icon));
  b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  return b;
}

}  // namespace

LossListPanel::LossListPanel(CurveModel* model, QWidget* parent)
    : QWidget(parent),
      m_model(model),
      m_list(new QListWidget(this)),
      m_add(button(tr("Add…"), tr("Add a loss from the catalogue (Ins)"), "list-add", this)),
      m_remove(button(tr("Remove"), tr("Remove the selected curve (Del)"), "list-remove", this)),
      m_color(
          button(tr("Colour…"), tr("Change the selected curve's colour"), "color-picker", this)) {
  m_list->setToolTip(tr("Tick to show or hide a curve; double-click to rename it."));
  m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_add);
  buttons->addWidget(m_remove);
  buttons->addWidget(m_color);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_list);
  layout->addLayout(buttons);

  connect(m_add, &QToolButton::clicked, this, &LossListPanel::addRequested);
  connect(m_remove, &QToolButton::clicked, this, [this] {
    if (currentIndex() >= 0) {
      emit removeRequested(currentIndex());
    }
  });
  connect(m_color, &QToolButton::clicked, this, &LossListPanel::chooseColor);
  connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
    if (!m_updating) {
      emit currentCurveChanged(row);
    }
  });
  connect(m_list, &QListWidget::itemChanged, this, &LossListPanel::itemChanged);
  connect(m_model, &CurveModel::curvesReset, this, &LossListPanel::rebuild);
  connect(m_model, &CurveModel::curveChanged, this, &LossListPanel::refresh);
  rebuild();
}

int LossListPanel::currentIndex() const {
  return m_list->currentRow();
}

void LossListPanel::setCurrentIndex(int index) {
  m_list->setCurrentRow(index);
}

void LossListPanel::rebuild() {
  const int previous = m_list->currentRow();
  {
    const QSignalBlocker blocker(m_list);
    m_updating = true;
    m_list->clear();
    for (int i = 0; i < m_model->count(); ++i) {
      auto* item = new QListWidgetItem(m_list);
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsEditable);
    }
    for (int i = 0; i < m_model->count(); ++i) {
      refresh(i);
    }
    m_updating = false;
  }
  const int row = std::min(std::max(previous, 0), m_model->count() - 1);
  m_list->setCurrentRow(row);
  emit currentCurveChanged(row);
  m_remove->setEnabled(m_model->count() > 0);
  m_color->setEnabled(m_model->count() > 0);
  m_add->setEnabled(m_model->count() < CurveModel::kMaxCurves);
}

void LossListPanel::refresh(int index) {
  QListWidgetItem* item = m_list->item(index);
  if (!item) {
    return;
  }
  const QSignalBlocker blocker(m_list);
  const CurveItem& curve = m_model->curve(index);
  item->setText(curve.name);
  item->setIcon(swatch(curve.color));
  item->setCheckState(curve.visible ? Qt::Checked : Qt::Unchecked);
  item->setToolTip(QStringLiteral("%1 (%2)").arg(curve.name, curve.lossId));
}

void LossListPanel::itemChanged(QListWidgetItem* item) {
  const int index = m_list->row(item);
  if (index < 0 || index >= m_model->count()) {
    return;
  }
  const CurveItem& curve = m_model->curve(index);
  const bool visible = item->checkState() == Qt::Checked;
  if (visible != curve.visible) {
    m_model->setVisible(index, visible);
  }
  const QString name = item->text().trimmed();
  if (!name.isEmpty() && name != curve.name) {
    m_model->setName(index, name);
  }
}

void LossListPanel::chooseColor() {
  const int index = currentIndex();
  if (index < 0) {
    return;
  }
  const QColor color =
      QColorDialog::getColor(m_model->curve(index).color, this, tr("Curve colour"));
  if (color.isValid()) {
    m_model->setColor(index, color);
  }
}

}  // namespace losslab::ui
