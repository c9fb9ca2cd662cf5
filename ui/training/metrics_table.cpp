// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/metrics_table.h"

#include <QHeaderView>
#include <QScrollBar>
#include <algorithm>

#include "ui/training/metrics_table_model.h"

namespace losslab::ui {

MetricsTable::MetricsTable(MetricsTableModel* model, QWidget* parent) : QTableView(parent) {
  setModel(model);
  QHeaderView* header = horizontalHeader();
  header->setSectionResizeMode(QHeaderView::ResizeToContents);
  header->setSectionResizeMode(MetricsTableModel::Name, QHeaderView::Fixed);  // fitColumns()
  header->setStretchLastSection(false);
  header->setMinimumSectionSize(24);
  setTextElideMode(Qt::ElideMiddle);
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
