// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/metrics_table_model.h"

#include <cmath>

#include "ui/common/number_text.h"
#include "ui/training/run_history.h"

namespace losslab::ui {

namespace {

constexpr int kDigits = 4;  // significant digits of a reading

}  // namespace

MetricsTableModel::MetricsTableModel(const RunHistory* history, QObject* parent)
    : QAbstractTableModel(parent), m_history(history) {}

void MetricsTableModel::refresh() {
  if (m_history->size() != m_rows) {
    beginResetModel();
    m_rows = m_history->size();
    endResetModel();
    return;
  }
  if (m_rows > 0) {
    emit dataChanged(index(0, 0), index(m_rows - 1, kColumns - 1));
  }
}

bool MetricsTableModel::hasClean() const {
  for (const RunRecord& run : m_history->runs()) {
    if (!run.epochs.empty() && !std::isnan(run.epochs.back().clean.cleanMae)) {
      return true;
    }
  }
  return false;
}

int MetricsTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_rows;
}

int MetricsTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : kColumns;
}

QVariant MetricsTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= m_history->size()) {
    return {};
  }
  const RunRecord& run = m_history->runs()[static_cast<std::size_t>(index.row())];
  const EpochStats last = run.epochs.empty() ? EpochStats{} : run.epochs.back();
  // Validation numbers when there is a validation set, else the training set's.
  const RegressionMetrics& m =
      std::isnan(last.validation.loss) && !run.epochs.empty() ? last.train : last.validation;
  const auto column = static_cast<Column>(index.column());
  switch (role) {
    case Qt::DisplayRole:
      switch (column) {
        case Name:
          return run.name;
        case TrainLoss:
          return readingText(last.train.loss, kDigits);
        case ValidationLoss:
          return readingText(m.loss, kDigits);
        case ValidationMae:
          return readingText(m.mae, kDigits);
        case ValidationRmse:
          return readingText(m.rmse, kDigits);
        case ValidationR2:
          return readingText(m.r2, kDigits);
        case CleanMae:
          return readingText(last.clean.cleanMae, kDigits);
        case CleanRmse:
          return readingText(last.clean.cleanRmse, kDigits);
        case InlierMae:
          return readingText(last.clean.inlierMae, kDigits);
      }
      break;
    case Qt::DecorationRole:
      return column == Name ? QVariant(run.color) : QVariant();
    case Qt::ToolTipRole:
      // The cell elides long names in the middle; the tooltip has it all.
      return column == Name ? QVariant(tr("%1\nepoch %2").arg(run.name).arg(last.epoch))
                            : QVariant();
    case Qt::TextAlignmentRole:
      return column == Name ? QVariant() : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    default:
      break;
  }
  return {};
}

QVariant MetricsTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) {
    return {};
  }
  if (role == Qt::DisplayRole) {
    const QStringList headers = {tr("Loss"),       tr("Clean MAE"),  tr("Clean RMSE"),
                                 tr("Inlier MAE"), tr("Train loss"), tr("Val. loss"),
                                 tr("Val. MAE"),   tr("Val. RMSE"),  tr("Val. R²")};
    return headers.value(section);
  }
  if (role == Qt::ToolTipRole) {
    const QStringList tips = {
        tr("The loss each run trains with (full name and epoch in the cell's tooltip)"),
        tr("Mean absolute error against the noise-free targets: whether the fit follows the "
           "data or the outliers"),
        tr("Root mean squared error against the noise-free targets"),
        tr("Mean absolute error over the samples that are not outliers"),
        tr("The loss on the whole training set"),
        tr("The loss on the validation set (training set when the split is 0)"),
        tr("Mean absolute error on the validation set"),
        tr("Root mean squared error on the validation set"),
        tr("Coefficient of determination on the validation set (— with fewer than two "
           "samples)")};
    return tips.value(section);
  }
  return {};
}

}  // namespace losslab::ui
