// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/data_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSlider>
#include <QSpinBox>
#include <cmath>

#include "core/engine/error.h"
#include "core/training/csv_dataset.h"
#include "ui/common/number_text.h"
#include "ui/common/settings.h"
#include "ui/common/theme.h"
#include "ui/training/csv_column_dialog.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"

namespace losslab::ui {

namespace {

using L = TrainingLimits;
constexpr int kImported = -1;  // dataset combo data of the imported entry

/// A combo box that does not ask for the width of its longest entry.
void narrow(QComboBox* combo, int characters) {
  combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo->setMinimumContentsLength(characters);
}

}  // namespace

DataPanel::DataPanel(TrainingConfigModel* model,
                     const TrainingController* controller,
                     QWidget* parent)
    : QGroupBox(tr("Data"), parent), m_model(model), m_controller(controller) {
  auto* form = new QFormLayout(this);
  m_dataset = new QComboBox;
  const std::pair<DatasetKind, QString> kinds[] = {
      {DatasetKind::SeedSum, tr("seed_sum: y = 5 Σ xⱼ (4 features)")},
      {DatasetKind::Linear, tr("linear: y = 2x + 1")},
      {DatasetKind::Sine, tr("sine: y = sin x")},
      {DatasetKind::Cubic, tr("cubic: y = x³ − x")},
      {DatasetKind::Step, tr("step: y = 1[x ≥ 0]")},
      {DatasetKind::Heteroscedastic, tr("heteroscedastic: noise grows with x")},
  };
  for (const auto& [kind, text] : kinds) {
    m_dataset->addItem(text, static_cast<int>(kind));
  }
  m_dataset->setToolTip(
      tr("A reproducible synthetic set (drawn from the seed), or an imported CSV file"));
  narrow(m_dataset, 12);
  form->addRow(tr("Data set:"), m_dataset);

  m_samples = new QSpinBox;
  m_samples->setObjectName(QStringLiteral("samples"));
  m_samples->setRange(static_cast<int>(L::kMinSamples), static_cast<int>(L::kMaxSamples));
  m_samples->setKeyboardTracking(false);
  m_samples->setToolTip(tr("Number of samples drawn (training + validation)"));
  form->addRow(tr("Samples:"), m_samples);

  m_noise = new QDoubleSpinBox;
  m_noise->setDecimals(3);
  m_noise->setRange(0, L::kMaxNoise);
  m_noise->setSingleStep(0.05);
  m_noise->setKeyboardTracking(false);
  m_noise->setToolTip(tr("Standard deviation σ of the Gaussian noise added to y"));
  form->addRow(tr("Noise σ:"), m_noise);

  m_outlierFraction = new QSlider(Qt::Horizontal);
  m_outlierFraction->setRange(0, static_cast<int>(std::lround(L::kMaxOutlierFraction * 100)));
  m_outlierFraction->setToolTip(tr("Share of samples moved by an outlier"));
  m_outlierFractionLabel = new QLabel;
  auto* fractionRow = new QHBoxLayout;
  fractionRow->addWidget(m_outlierFraction, 1);
  fractionRow->addWidget(m_outlierFractionLabel);
  form->addRow(tr("Outliers:"), fractionRow);

  m_outlierMagnitude = new QSlider(Qt::Horizontal);
  m_outlierMagnitude->setRange(0, static_cast<int>(std::lround(L::kMaxOutlierMagnitude)));
  m_outlierMagnitude->setToolTip(tr("An outlier adds ± this much to y (sign drawn per sample)"));
  m_outlierMagnitudeLabel = new QLabel;
  auto* magnitudeRow = new QHBoxLayout;
  magnitudeRow->addWidget(m_outlierMagnitude, 1);
  magnitudeRow->addWidget(m_outlierMagnitudeLabel);
  form->addRow(tr("Outlier size:"), magnitudeRow);

  m_validationSplit = new QDoubleSpinBox;
  m_validationSplit->setObjectName(QStringLiteral("validationSplit"));
  m_validationSplit->setDecimals(3);
  m_validationSplit->setRange(0, L::kMaxValidationSplit);
  m_validationSplit->setSingleStep(0.05);
  m_validationSplit->setKeyboardTracking(false);
  m_validationSplit->setToolTip(tr("Share of the samples held out for validation"));
  form->addRow(tr("Validation split:"), m_validationSplit);

  m_seed = new QLineEdit;
  m_seed->setObjectName(QStringLiteral("seed"));
  m_seed->setValidator(new QRegularExpressionValidator(
      QRegularExpression(QStringLiteral(R"(^\s*\d{1,16}\s*$)")), m_seed));
  m_seed->setToolTip(
      tr("One seed for the generated data, the initial weights, the split and the shuffling "
         "(as losslab-cli train --seed); a new seed starts a new run"));
  form->addRow(tr("Seed:"), m_seed);

  m_import = new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("Import CSV…"));
  m_import->setToolTip(
      tr("Train on a numeric CSV file; you choose the target and feature columns"));
  form->addRow(m_import);

  m_message = new QLabel;
  m_message->setWordWrap(true);
  m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(m_message);

  m_busy = new QProgressBar;
  m_busy->setObjectName(QStringLiteral("dataBusy"));
  m_busy->setRange(0, 0);  // busy: the reader does not say how far it is
  m_busy->setTextVisible(false);
  m_busy->setMaximumHeight(8);
  m_busy->setVisible(false);
  m_busy->setAccessibleName(tr("Reading the data file"));
  form->addRow(m_busy);

  connect(m_dataset, &QComboBox::currentIndexChanged, this, &DataPanel::datasetChosen);
  connect(m_samples, &QSpinBox::valueChanged, this,
          [this](int value) { request([value](TrainingConfig& c) { c.data.samples = value; }); });
  connect(m_noise, &QDoubleSpinBox::valueChanged, this,
          [this](double value) { request([value](TrainingConfig& c) { c.data.noise = value; }); });
  connect(m_outlierFraction, &QSlider::valueChanged, this, [this](int percent) {
    request([percent](TrainingConfig& c) { c.data.outlierFraction = percent / 100.0; });
  });
  connect(m_outlierMagnitude, &QSlider::valueChanged, this, [this](int magnitude) {
    request([magnitude](TrainingConfig& c) { c.data.outlierMagnitude = magnitude; });
  });
  connect(m_validationSplit, &QDoubleSpinBox::valueChanged, this, [this](double value) {
    request([value](TrainingConfig& c) { c.data.validationSplit = value; });
  });
  connect(m_seed, &QLineEdit::editingFinished, this, &DataPanel::seedEdited);
  connect(m_import, &QPushButton::clicked, this, &DataPanel::importClicked);
  connect(m_model, &TrainingConfigModel::changed, this, &DataPanel::showConfig);
  connect(m_model, &TrainingConfigModel::loadingChanged, this, &DataPanel::loadingChanged);
  connect(m_model, &TrainingConfigModel::dataLoaded, this, [this] {
    if (m_importing) {
      m_importing = false;
      showLoaded();
    }
  });
  connect(m_model, &TrainingConfigModel::refused, this, &DataPanel::refusedWhileImporting);
  showConfig(m_model->config());
}

void DataPanel::request(const std::function<void(TrainingConfig&)>& change) {
  if (m_updating) {
    return;
  }
  QString error;
  if (m_model->edit(change, &error)) {
    showMessage(QString(), false);
  } else {
    showMessage(error, true);  // the widgets already show the model again
  }
}

void DataPanel::showConfig(const TrainingConfig& c) {
  m_updating = true;
  const bool csv = c.data.source == DataConfig::Source::Csv;
  int imported = m_dataset->findData(kImported);
  if (m_model->hasImportedCsv()) {
    const QString name =
        QFileInfo(QFile::decodeName(m_model->importedData().csvPath.c_str())).fileName();
    const QString label = tr("imported: %1").arg(name);
    if (imported < 0) {
      m_dataset->addItem(label, kImported);
      imported = m_dataset->count() - 1;
    } else {
      m_dataset->setItemText(imported, label);
    }
  }
  m_dataset->setCurrentIndex(csv ? imported
                                 : m_dataset->findData(static_cast<int>(c.data.generator)));
  // The widgets show the nearest value they can; the model keeps the exact one (a session or
  // the CLI may hold 0.1234 or 12.5 %), and the labels say it exactly.
  m_samples->setValue(static_cast<int>(c.data.samples));
  m_noise->setValue(c.data.noise);
  m_outlierFraction->setValue(static_cast<int>(std::lround(c.data.outlierFraction * 100)));
  m_outlierMagnitude->setValue(static_cast<int>(std::lround(c.data.outlierMagnitude)));
  m_outlierFractionLabel->setText(tr("%1 %").arg(shortestText(c.data.outlierFraction * 100)));
  m_outlierMagnitudeLabel->setText(shortestText(c.data.outlierMagnitude));
  m_validationSplit->setValue(c.data.validationSplit);
  if (!m_seed->hasFocus() || m_seed->text().trimmed() != QString::number(c.seed)) {
    m_seed->setText(QString::number(c.seed));
  }
  for (QWidget* synthetic :
       std::initializer_list<QWidget*>{m_samples, m_noise, m_outlierFraction, m_outlierMagnitude}) {
    synthetic->setEnabled(!csv);
  }
  m_updating = false;
}

void DataPanel::datasetChosen() {
  if (m_updating) {
    return;
  }
  const int kind = m_dataset->currentData().toInt();
  if (kind == kImported) {
    const DataConfig imported = m_model->importedData();
    request([imported](TrainingConfig& c) { c.data = imported; });
  } else {
    request([kind](TrainingConfig& c) {
      c.data.source = DataConfig::Source::Generator;
      c.data.generator = static_cast<DatasetKind>(kind);
    });
  }
}

void DataPanel::seedEdited() {
  bool ok = false;
  const std::uint64_t seed = m_seed->text().trimmed().toULongLong(&ok);
  if (!ok || seed > L::kMaxSeed) {
    showMessage(tr("The seed must be a whole number from 0 to %1.").arg(L::kMaxSeed), true);
    m_seed->setText(QString::number(m_model->config().seed));
    return;
  }
  if (seed != m_model->config().seed) {
    request([seed](TrainingConfig& c) { c.seed = seed; });
  }
  m_seed->setText(QString::number(m_model->config().seed));
}

bool DataPanel::startImport(const QString& path,
                            const QString& target,
                            const QStringList& features,
                            const QString& clean) {
  QString error;
  if (!m_model->importCsv(path, target, features, &error, clean)) {
    showMessage(error, true);
    return false;
  }
  m_importing = m_model->isLoading();
  if (m_importing) {
    showMessage(tr("Reading %1…").arg(QFileInfo(path).fileName()), false);
  } else {
    showLoaded();
  }
  return true;
}

bool DataPanel::importCsv(const QString& path,
                          const QString& target,
                          const QStringList& features,
                          const QString& clean) {
  m_interactive = false;
  if (!startImport(path, target, features, clean)) {
    return false;
  }
  QString error;
  return m_model->waitForData(&error);  // the message is shown by the signals
}

void DataPanel::showLoaded() {
  const Dataset& set = m_controller->dataset();
  showMessage(tr("%1: %2 samples, %3 feature(s) → %4")
                  .arg(QString::fromStdString(set.name))
                  .arg(set.size())
                  .arg(set.featureCount())
                  .arg(QString::fromStdString(set.targetName)),
              false);
}

void DataPanel::loadingChanged(bool loading) {
  m_busy->setVisible(loading);
  if (!loading && m_importing && !m_model->isLoading()) {
    // Superseded by a newer configuration before the file was read: nothing was imported.
    m_importing = false;
    showMessage(QString(), false);
  }
}

void DataPanel::refusedWhileImporting(const QString& message) {
  if (!m_importing || m_model->isLoading()) {
    return;  // another panel's request, refused at once: that panel shows it
  }
  m_importing = false;
  showMessage(message, true);
  if (m_interactive) {
    QMessageBox::warning(this, tr("Import CSV"), message);
  }
}

void DataPanel::importClicked() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Import CSV"), Settings::exportDirectory(), tr("CSV files (*.csv);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  QStringList columns;
  try {
    // The first lines only: a large file is read after the columns are chosen, off this thread.
    for (const std::string& name : csvFileColumnNames(QFile::encodeName(path).toStdString())) {
      columns << QString::fromStdString(name);
    }
  } catch (const Error& e) {
    const QString error = tr("Could not import the file; the current data set is kept.\n%1")
                              .arg(QString::fromStdString(e.what()));
    showMessage(error, true);
    QMessageBox::warning(this, tr("Import CSV"), error);
    return;
  }
  QString target;
  QStringList features;
  QString clean;
  if (!chooseCsvColumns(this, columns, &target, &features, &clean)) {
    return;
  }
  m_interactive = true;
  if (!startImport(path, target, features, clean)) {
    QMessageBox::warning(this, tr("Import CSV"), message());
  }
}

QString DataPanel::message() const {
  return m_message->text();
}

void DataPanel::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_messageIsError = error;
  updateMessageColor();
}

void DataPanel::updateMessageColor() {
  // The error colour for the palette in use (light or dark theme, ≥ 4.5:1 on either).
  QPalette palette = m_message->palette();
  palette.setColor(QPalette::WindowText, m_messageIsError
                                             ? errorColor(this->palette())
                                             : this->palette().color(QPalette::WindowText));
  m_message->setPalette(palette);
}

void DataPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
    updateMessageColor();
  }
  QGroupBox::changeEvent(event);
}

}  // namespace losslab::ui
