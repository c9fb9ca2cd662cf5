// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QString>
#include <QStringList>

class QComboBox;
class QListWidget;

namespace losslab::ui {

/// Which column of a CSV file is the target (the last one preselected), which are the
/// network's inputs (all others preselected) and which, if any, holds clean (noise-free)
/// targets (none preselected; `losslab-cli train --clean-column`): then the clean errors can be
/// measured. Neither the target nor the clean column can be an input, nor can one column be
/// both.
class CsvColumnDialog : public QDialog {
  Q_OBJECT

 public:
  explicit CsvColumnDialog(const QStringList& columns, QWidget* parent = nullptr);

  QString target() const;
  QStringList features() const;
  /// Empty: no clean column.
  QString cleanColumn() const;

  QComboBox* targetBox() const { return m_target; }
  QComboBox* cleanBox() const { return m_clean; }
  QListWidget* featureList() const { return m_features; }

 private:
  void sync();

  QComboBox* m_target = nullptr;
  QComboBox* m_clean = nullptr;
  QListWidget* m_features = nullptr;
};

/// Runs the dialog; false if cancelled.
bool chooseCsvColumns(QWidget* parent,
                      const QStringList& columns,
                      QString* target,
                      QStringList* features,
                      QString* clean);

}  // namespace losslab::ui
