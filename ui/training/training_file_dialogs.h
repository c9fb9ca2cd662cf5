// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <functional>

#include "core/export/code_export.h"

class QCustomPlot;
class QWidget;

namespace losslab::ui {

class TrainingConfigModel;

/// The Training tab's file dialogs: each asks for a path (starting in the export folder of
/// Settings, which it then remembers), does the work and shows an error box if it failed.

/// `write(path, &error)` writes the CSV; `suggested` is the default file name.
void askAndExportCsv(QWidget* parent,
                     const QString& suggested,
                     const std::function<bool(const QString&, QString*)>& write);
void askAndExportPlot(QWidget* parent, QCustomPlot* plot);
/// Asks for a .py path and the framework (by the file type chosen: PyTorch or Keras 3), then
/// `write(target, path, &error)`; "train.py" by default.
void askAndExportTrainingScript(
    QWidget* parent, const std::function<bool(CodeTarget, const QString&, QString*)>& write);
void askAndSaveSession(QWidget* parent, const TrainingConfigModel& model);
/// true if a session was opened (nothing changed otherwise).
bool askAndOpenSession(QWidget* parent, TrainingConfigModel& model);
/// "Copy as losslab-cli Command": the model's commands to the clipboard; with edited points it
/// first asks where to write them as CSV (the commands train on that file).
void askAndCopyCliCommands(QWidget* parent, const TrainingConfigModel& model);

/// A plot as PNG, SVG or PDF by the path's suffix (PNG appended when it has none), with the
/// export settings' size and dpi, atomically.
bool exportTrainingPlot(QCustomPlot* plot, const QString& path, QString* error);

}  // namespace losslab::ui
