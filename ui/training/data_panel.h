// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGroupBox>
#include <QString>
#include <functional>

#include "core/training/training_config.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

namespace losslab::ui {

class TrainingConfigModel;
class TrainingController;

/// The data of the configuration: a generator (samples, noise, outliers) or an imported CSV
/// file, the validation split and the seed. Edits go to the model; the widgets show the
/// model's configuration after every change, accepted or refused (LabPlot's two directions,
/// under one m_updating guard). The message line says what was imported, or why not.
class DataPanel : public QGroupBox {
  Q_OBJECT

 public:
  DataPanel(TrainingConfigModel* model,
            const TrainingController* controller,
            QWidget* parent = nullptr);

  /// Reads `path` and trains on the chosen columns (target: a name or number, empty = the last;
  /// features: empty = every other column). false (and the reason shown) otherwise. Waits for
  /// the read (scripted use); the Import button's read runs in the background instead, with a
  /// busy bar, and the message says how it ended.
  bool importCsv(const QString& path,
                 const QString& target,
                 const QStringList& features,
                 const QString& clean = QString());
  /// The message under the panel (import result or error).
  QString message() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void showConfig(const TrainingConfig& config);
  void showMessage(const QString& text, bool error);
  void updateMessageColor();
  void request(const std::function<void(TrainingConfig&)>& change);
  void datasetChosen();
  void seedEdited();
  void importClicked();
  /// Starts the import (the model reads the file off this thread); false with the reason shown.
  bool startImport(const QString& path,
                   const QString& target,
                   const QStringList& features,
                   const QString& clean);
  /// The message for the data set just loaded.
  void showLoaded();
  void loadingChanged(bool loading);
  void refusedWhileImporting(const QString& message);

  TrainingConfigModel* m_model;
  const TrainingController* m_controller;
  QComboBox* m_dataset = nullptr;
  QSpinBox* m_samples = nullptr;
  QDoubleSpinBox* m_noise = nullptr;
  QSlider* m_outlierFraction = nullptr;
  QLabel* m_outlierFractionLabel = nullptr;
  QSlider* m_outlierMagnitude = nullptr;
  QLabel* m_outlierMagnitudeLabel = nullptr;
  QDoubleSpinBox* m_validationSplit = nullptr;
  QLineEdit* m_seed = nullptr;
  QPushButton* m_import = nullptr;
  QLabel* m_message = nullptr;
  QProgressBar* m_busy = nullptr;  // shown while a file is read
  bool m_importing = false;        // an import is being read: its outcome is shown here
  bool m_interactive = false;      // … started by the Import button: errors in a message box
  bool m_messageIsError = false;
  bool m_updating = false;
};

}  // namespace losslab::ui
