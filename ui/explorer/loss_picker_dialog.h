// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLineEdit;
class QTreeWidget;
class QLabel;

namespace losslab::ui {

/// Searchable catalogue of every loss, grouped by family (regression, probabilistic, margin,
/// metric learning, robust, distillation). Type to filter by id, name or description.
class LossPickerDialog : public QDialog {
  Q_OBJECT

 public:
  explicit LossPickerDialog(QWidget* parent = nullptr);
  /// The chosen loss id, or empty.
  QString selectedId() const;

 private:
  void filter(const QString& text);
  void updateDescription();

  QLineEdit* m_search;
  QTreeWidget* m_tree;
  QLabel* m_description;
};

}  // namespace losslab::ui
