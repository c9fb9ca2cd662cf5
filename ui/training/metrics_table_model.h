// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace losslab::ui {

class RunHistory;

/// The latest metrics of every run (compare mode's table): one row per run, the loss's name
/// (coloured, full name and epoch in the tooltip), the errors against the clean targets (clean
/// MAE, clean RMSE, inlier MAE; "—" without clean targets), then the training loss and the
/// validation loss, MAE, RMSE and R² ("—" with fewer than two samples) — the training set's
/// numbers when there is no validation split.
class MetricsTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  /// The clean errors first: they tell which fit is right (and are hidden without clean targets).
  enum Column {
    Name,
    CleanMae,
    CleanRmse,
    InlierMae,
    TrainLoss,
    ValidationLoss,
    ValidationMae,
    ValidationRmse,
    ValidationR2
  };
  static constexpr int kColumns = 9;

  explicit MetricsTableModel(const RunHistory* history, QObject* parent = nullptr);

  /// The history changed: new rows (a new set of runs) or new numbers.
  void refresh();
  /// Whether some run's latest epoch has clean errors (the table hides their columns if not).
  bool hasClean() const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  const RunHistory* m_history;
  int m_rows = 0;
};

}  // namespace losslab::ui
