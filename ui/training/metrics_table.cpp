// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/metrics_table.h"

#include <QHeaderView>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <algorithm>

#include "ui/training/metrics_table_model.h"
#include "ui/training/training_plot.h"

namespace losslab::ui {

namespace {

/// A loss name too long for its column shows as the legends name it ("MSE", "Huber (δ)")
/// rather than elided in the middle ("Mean sq…r (MSE)"); the tooltip keeps the full name.
class NameDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

 protected:
  void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override {
    QStyledItemDelegate::initStyleOption(option, index);
    const int padding = 4 * option->fontMetrics.horizontalAdvance(QLatin1Char(' '));
    const int available = option->rect.width() - option->decorationSize.width() - padding;
    if (option->fontMetrics.horizontalAdvance(option->text) > available) {
      option->text = TrainingPlot::legendName(option->text);
    }
  }
};

}  // namespace

MetricsTable::MetricsTable(MetricsTableModel* model, QWidget* parent) : QTableView(parent) {
  setModel(model);
  QHeaderView* header = horizontalHeader();
  header->setSectionResizeMode(QHeaderView::ResizeToContents);
  header->setSectionResizeMode(MetricsTableModel::Name, QHeaderView::Fixed);  // fitColumns()
  header->setStretchLastSection(false);
  header->setMinimumSectionSize(24);
  setTextElideMode(Qt::ElideMiddle);
  setItemDelegateForColumn(MetricsTableModel::Name, new NameDelegate(this));
  setWordWrap(false);
  verticalHeader()->setVisible(false);
  verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  setEditTriggers(QAbstractItemView::NoEditTriggers);
  setSelectionMode(QAbstractItemView::NoSelection);
  setMinimumHeight(60);
  setToolTip(tr("Latest metrics of every run (validation set; training set if empty)"));
  connect(model, &QAbstractItemModel::modelReset, this, &MetricsTable::fitColumns);
  connect(model, &QAbstractItemModel::dataChanged, this, &MetricsTable::fitColumns);
}

void MetricsTable::resizeEvent(QResizeEvent* event) {
  QTableView::resizeEvent(event);
  fitColumns();
}

void MetricsTable::fitColumns() {
  // Only when even the minimum name width does not fit (a narrow window) does the table
  // scroll sideways.
  QHeaderView* header = horizontalHeader();
  if (const auto* metrics = qobject_cast<const MetricsTableModel*>(model())) {
    const bool clean = metrics->hasClean();
    for (int c : {MetricsTableModel::CleanMae, MetricsTableModel::CleanRmse,
                  MetricsTableModel::InlierMae}) {
      setColumnHidden(c, !clean);
    }
  }
  int numbers = 0;
  for (int c = 1; c < header->count(); ++c) {
    numbers += header->isSectionHidden(c) ? 0 : header->sectionSize(c);
  }
  const int minimum = fontMetrics().horizontalAdvance(QStringLiteral("Mean …(MSE)")) + 28;
  const int available = width() - 2 * frameWidth();
  header->resizeSection(MetricsTableModel::Name, std::max(minimum, available - numbers));
  int height = header->sizeHint().height() + 2 * frameWidth() + verticalHeader()->length() + 2;
  if (minimum + numbers > available) {
    height += horizontalScrollBar()->sizeHint().height();
  }
  setMaximumHeight(std::max(minimumHeight(), height));
}

}  // namespace losslab::ui
