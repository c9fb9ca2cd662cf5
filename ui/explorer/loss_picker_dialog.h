// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace losslab::ui {

/// Searchable catalogue of every loss, grouped by family (regression, probabilistic, margin,
/// metric learning, robust, distillation) plus the user's custom losses. The catalogue is a
/// QStandardItemModel; typing filters it through a QSortFilterProxyModel over each row's
/// search text (id, name and summary as the engine writes them and as shown, family title):
/// a loss that matches shows with its family, a family that matches shows all its losses.
class LossPickerDialog : public QDialog {
  Q_OBJECT

 public:
  /// Each row's search text (Qt::UserRole + 2): what typing matches.
  static constexpr int kSearchRole = Qt::UserRole + 2;
  /// Each loss row's id (Qt::UserRole); empty for family rows.
  static constexpr int kIdRole = Qt::UserRole;

  explicit LossPickerDialog(QWidget* parent = nullptr);
  /// The chosen loss id, or empty.
  QString selectedId() const;
  /// Filters the catalogue as typing in the search field does.
  void setSearchText(const QString& text);
  /// Loss ids shown by the current filter, in order.
  QStringList visibleIds() const;

 private:
  void fillCatalogue();
  void filter(const QString& text);
  void updateDescription();

  QLineEdit* m_search;
  QStandardItemModel* m_catalogue;
  QSortFilterProxyModel* m_filter;
  QTreeView* m_tree;
  QLabel* m_description;
};

}  // namespace losslab::ui
