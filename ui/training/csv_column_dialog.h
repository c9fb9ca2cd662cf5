// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace losslab::ui {

/// Asks which column of a CSV file is the target (the last one preselected) and which are the
/// network's inputs (all others preselected; the target cannot be one). false if cancelled.
bool chooseCsvColumns(QWidget* parent,
                      const QStringList& columns,
                      QString* target,
                      QStringList* features);

}  // namespace losslab::ui
