// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/csv_column_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QListWidget>
#include <QStandardItemModel>

namespace losslab::ui {

CsvColumnDialog::CsvColumnDialog(const QStringList& columns, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Choose columns"));
  auto* layout = new QFormLayout(this);
  m_target = new QComboBox(this);
  m_target->setObjectName(QStringLiteral("csvTarget"));
  m_target->addItems(columns);
  m_target->setCurrentIndex(static_cast<int>(columns.size()) - 1);
  m_target->setToolTip(tr("The column the network learns to predict"));
  m_clean = new QComboBox(this);
  m_clean->setObjectName(QStringLiteral("csvClean"));
  m_clean->addItem(tr("(none)"));
  m_clean->addItems(columns);
  m_clean->setToolTip(
      tr("A column of clean (noise-free) targets, if the file has one: the training then "
         "reports clean MAE and clean RMSE, the errors against it (never an input)"));
  m_features = new QListWidget(this);
  m_features->setObjectName(QStringLiteral("csvFeatures"));
  m_features->setToolTip(tr("The network's inputs"));
  for (const QString& column : columns) {
    auto* item = new QListWidgetItem(column, m_features);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
  }
  sync();
  connect(m_target, &QComboBox::currentIndexChanged, this, &CsvColumnDialog::sync);
  connect(m_clean, &QComboBox::currentIndexChanged, this, &CsvColumnDialog::sync);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addRow(tr("Target:"), m_target);
  layout->addRow(tr("Clean targets:"), m_clean);
  layout->addRow(tr("Features:"), m_features);
  layout->addRow(buttons);
}

void CsvColumnDialog::sync() {
  // The clean choice's item i + 1 is column i; item 0 is "(none)".
  const int target = m_target->currentIndex();
  if (m_clean->currentIndex() == target + 1) {
    m_clean->setCurrentIndex(0);  // the target became the clean column: no clean column
    return;                       // (this runs again from the clean box's signal)
  }
  if (auto* items = qobject_cast<QStandardItemModel*>(m_clean->model())) {
    for (int i = 1; i < items->rowCount(); ++i) {
      items->item(i)->setEnabled(i != target + 1);
    }
  }
  const int clean = m_clean->currentIndex() - 1;
  for (int i = 0; i < m_features->count(); ++i) {
    QListWidgetItem* item = m_features->item(i);
    const bool excluded = i == target || i == clean;
    const bool wasExcluded = !(item->flags() & Qt::ItemIsEnabled);
    item->setFlags(excluded ? item->flags() & ~Qt::ItemIsEnabled
                            : item->flags() | Qt::ItemIsEnabled);
    if (excluded) {
      item->setCheckState(Qt::Unchecked);
    } else if (wasExcluded) {
      item->setCheckState(Qt::Checked);  // back to the default: every other column an input
    }
  }
}

QString CsvColumnDialog::target() const {
  return m_target->currentText();
}

QStringList CsvColumnDialog::features() const {
  QStringList out;
  for (int i = 0; i < m_features->count(); ++i) {
    if (m_features->item(i)->checkState() == Qt::Checked) {
      out << m_features->item(i)->text();
    }
  }
  return out;
}

QString CsvColumnDialog::cleanColumn() const {
  return m_clean->currentIndex() > 0 ? m_clean->currentText() : QString();
}

bool chooseCsvColumns(QWidget* parent,
                      const QStringList& columns,
                      QString* target,
                      QStringList* features,
                      QString* clean) {
  CsvColumnDialog dialog(columns, parent);
  if (dialog.exec() != QDialog::Accepted) {
    return false;
  }
  *target = dialog.target();
  *features = dialog.features();
  *clean = dialog.cleanColumn();
  return true;
}

}  // namespace losslab::ui
