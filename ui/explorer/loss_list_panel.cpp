// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/loss_list_panel.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QListView>
#include <QToolButton>
#include <QVBoxLayout>

#include "ui/explorer/curve_model.h"

namespace losslab::ui {

namespace {

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
      m_view(new QListView(this)),
      m_add(button(tr("Add…"), tr("Add a loss from the catalogue (Ins)"), "list-add", this)),
      m_remove(button(tr("Remove"), tr("Remove the selected curve (Del)"), "list-remove", this)),
      m_color(
          button(tr("Colour…"), tr("Change the selected curve's colour"), "color-picker", this)) {
  m_view->setObjectName(QStringLiteral("curveList"));
  m_view->setModel(m_model);
  m_view->setToolTip(tr("Tick to show or hide a curve; double-click to rename it."));
  m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_add);
  buttons->addWidget(m_remove);
  buttons->addWidget(m_color);
  buttons->addStretch();
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_view);
  layout->addLayout(buttons);

  connect(m_add, &QToolButton::clicked, this, &LossListPanel::addRequested);
  connect(m_remove, &QToolButton::clicked, this, [this] {
    if (currentIndex() >= 0) {
      emit removeRequested(currentIndex());
    }
  });
  connect(m_color, &QToolButton::clicked, this, &LossListPanel::chooseColor);
  connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            emit currentCurveChanged(current.isValid() ? current.row() : -1);
          });
  // A reset leaves no current row (QItemSelectionModel::reset emits nothing): say so.
  connect(m_model, &QAbstractItemModel::modelReset, this,
          [this] { emit currentCurveChanged(currentIndex()); });
  connect(m_model, &CurveModel::curvesReset, this, &LossListPanel::updateButtons);
  updateButtons();
}

int LossListPanel::currentIndex() const {
  const QModelIndex current = m_view->currentIndex();
  return current.isValid() ? current.row() : -1;
}

void LossListPanel::setCurrentIndex(int index) {
  m_view->setCurrentIndex(m_model->index(index));
}

void LossListPanel::updateButtons() {
  m_remove->setEnabled(m_model->count() > 0);
  m_color->setEnabled(m_model->count() > 0);
  m_add->setEnabled(m_model->count() < CurveModel::kMaxCurves);
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
