// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

namespace losslab::ui {

class MetricsTableModel;

/// The view of MetricsTableModel: the numbers keep their natural widths, the loss names get
/// what is left (elided in the middle, "Mean squ…or (MSE)", so the abbreviation stays), and the
/// table is as tall as its rows.
class MetricsTable : public QTableView {
  Q_OBJECT

 public:
  explicit MetricsTable(MetricsTableModel* model, QWidget* parent = nullptr);

  /// Re-fits the columns and the height (after the model changed).
  void fitColumns();

 protected:
  void resizeEvent(QResizeEvent* event) override;
};

}  // namespace losslab::ui
