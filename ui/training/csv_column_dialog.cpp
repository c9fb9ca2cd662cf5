// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/csv_column_dialog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QListWidget>

namespace losslab::ui {

namespace {

struct Text {
  Q_DECLARE_TR_FUNCTIONS(losslab::ui::CsvColumnDialog)
};

}  // namespace

bool chooseCsvColumns(QWidget* parent,
                      const QStringList& columns,
                      QString* target,
                      QStringList* features) {
  QDialog dialog(parent);
  dialog.setWindowTitle(Text::tr("Choose columns"));
  auto* layout = new QFormLayout(&dialog);
  auto* targetCombo = new QComboBox(&dialog);
  targetCombo->addItems(columns);
  targetCombo->setCurrentIndex(static_cast<int>(columns.size()) - 1);
  targetCombo->setToolTip(Text::tr("The column the network learns to predict"));
  auto* list = new QListWidget(&dialog);
  list->setToolTip(Text::tr("The network's inputs"));
  for (const QString& column : columns) {
    auto* item = new QListWidgetItem(column, list);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
  }
  auto syncTarget = [list, targetCombo] {
    for (int i = 0; i < list->count(); ++i) {
      QListWidgetItem* item = list->item(i);
      const bool isTarget = i == targetCombo->currentIndex();
      item->setFlags(isTarget ? item->flags() & ~Qt::ItemIsEnabled
                              : item->flags() | Qt::ItemIsEnabled);
      if (isTarget) {
        item->setCheckState(Qt::Unchecked);
      }
    }
  };
  syncTarget();
  QObject::connect(targetCombo, &QComboBox::currentIndexChanged, &dialog, syncTarget);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  layout->addRow(Text::tr("Target:"), targetCombo);
  layout->addRow(Text::tr("Features:"), list);
  layout->addRow(buttons);
  if (dialog.exec() != QDialog::Accepted) {
    return false;
  }
  *target = targetCombo->currentText();
  features->clear();
  for (int i = 0; i < list->count(); ++i) {
    if (list->item(i)->checkState() == Qt::Checked) {
      *features << list->item(i)->text();
    }
  }
  return true;
}

}  // namespace losslab::ui
