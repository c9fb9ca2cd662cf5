// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_view.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "csv_reader.h"
#include "curve_model.h"
#include "custom_loss_library.h"
#include "error.h"
#include "loss_factory.h"
#include "loss_registry.h"
#include "parameter_panel.h"
#include "plot_exporter.h"
#include "settings.h"

namespace losslab::ui {

namespace {

/// A smaller legend (font one step down, tight rows): the plots stay the subject.
void compactLegend(QCPLegend* legend) {
  QFont font = legend->font();
  font.setPointSizeF(std::max(6.0, font.pointSizeF() - 1.5));
  legend->setFont(font);
  legend->setRowSpacing(0);
  legend->setIconSize(18, 10);
  legend->setMargins(QMargins(5, 2, 5, 2));
}

constexpr int kInfluenceBuckets = 12;  // colour classes of the data points
constexpr int kHistogramBins = 40;
// The learning-rate slider spans 1e-5 … 1 with 100 positions per decade: lr = 10^(p/100 − 5).
constexpr int kLrDecades = 5;
constexpr int kLrPositionsPerDecade = 100;
constexpr int kImportedData = -1;  // dataset combo data of the imported entry
constexpr const char* kDefaultLoss = "mean_squared_error";
const QStringList kDefaultCompare = {QStringLiteral("mean_squared_error"),
                                     QStringLiteral("mean_absolute_error"),
                                     QStringLiteral("huber")};

int lrPosition(double lr) {
  const double p = (std::log10(lr) + kLrDecades) * kLrPositionsPerDecade;
  return std::clamp(static_cast<int>(std::lround(p)), 0, kLrDecades * kLrPositionsPerDecade);
}

double lrValue(int position) {
  return std::pow(10.0, static_cast<double>(position) / kLrPositionsPerDecade - kLrDecades);
}

/// The losses the trainer can fit whose natural picture is a residual (regression kind).
std::vector<const LossRegistry::Entry*> regressionLosses() {
  std::vector<const LossRegistry::Entry*> out;
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    if (entry.info.curve == CurveKind::Residual &&
        TrainingController::whyNotTrainable(entry.info).isEmpty()) {
      out.push_back(&entry);
    }
  }
  return out;
}

QString csvField(const QString& text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
      !text.contains(QLatin1Char('\n'))) {
    return text;
  }
  QString quoted = text;
  quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
  return QStringLiteral("\"%1\"").arg(quoted);
}

/// 17 significant digits read back to the same double; NaN is "nan".
QString csvNumber(double value) {
  if (std::isnan(value)) {
    return QStringLiteral("nan");
  }
  if (std::isinf(value)) {
    return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
  }
  return QString::number(value, 'g', 17);
}

QString shortNumber(double value) {
  return std::isfinite(value) ? QString::number(value, 'g', 4) : QStringLiteral("–");
}

bool writeAtomically(const QString& path, const QByteArray& bytes, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) {
      *error = TrainingView::tr("Could not write %1: %2").arg(path, file.errorString());
    }
    return false;
  }
  return true;
}

/// Asks which column is the target and which are features. false if cancelled.
bool chooseColumns(QWidget* parent,
                   const QStringList& columns,
                   QString* target,
                   QStringList* features) {
  QDialog dialog(parent);
  dialog.setWindowTitle(TrainingView::tr("Choose columns"));
  auto* layout = new QFormLayout(&dialog);
  auto* targetCombo = new QComboBox(&dialog);
  targetCombo->addItems(columns);
  targetCombo->setCurrentIndex(static_cast<int>(columns.size()) - 1);
  targetCombo->setToolTip(TrainingView::tr("The column the network learns to predict"));
  auto* list = new QListWidget(&dialog);
  list->setToolTip(TrainingView::tr("The network's inputs"));
  for (const QString& column : columns) {
    auto* item = new QListWidgetItem(column, list);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(Qt::Checked);
  }
  auto syncTarget = [list, targetCombo] {
    for (int i = 0; i < list->count(); ++i) {
      QListWidgetItem* item = list->item(i);
      const bool isTarget = i == targetCombo->currentIndex();
      item->setFlags(isTarget ? item->flags() & ~Qt::ItemIsEnabled
                              : item->flags() | Qt::ItemIsEnabled);
      if (isTarget) {
        item->setCheckState(Qt::Unchecked);
      }
    }
  };
  syncTarget();
  QObject::connect(targetCombo, &QComboBox::currentIndexChanged, &dialog, syncTarget);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  layout->addRow(TrainingView::tr("Target:"), targetCombo);
  layout->addRow(TrainingView::tr("Features:"), list);
  layout->addRow(buttons);
  if (dialog.exec() != QDialog::Accepted) {
    return false;
  }
  *target = targetCombo->currentText();
  features->clear();
  for (int i = 0; i < list->count(); ++i) {
    if (list->item(i)->checkState() == Qt::Checked) {
      *features << list->item(i)->text();
    }
  }
  return true;
}

QPushButton* commandButton(const QString& text,
                           const QString& help,
                           const QKeySequence& key,
                           const char* icon,
                           QWidget* parent) {
  auto* button = new QPushButton(QIcon::fromTheme(QString::fromLatin1(icon)), text, parent);
  // Window-wide, but only while the button is visible (i.e. this tab is shown).
  button->setShortcut(key);
  button->setToolTip(QStringLiteral("%1 (%2)").arg(help, key.toString(QKeySequence::NativeText)));
  return button;
}

}  // namespace

// ---- construction -----------------------------------------------------------------------------

TrainingView::TrainingView(QWidget* parent)
    : QWidget(parent), m_controller(new TrainingController(this)) {
  auto* controls = new QWidget;
  auto* controlsLayout = new QVBoxLayout(controls);
  controlsLayout->addWidget(createDataPanel());
  controlsLayout->addWidget(createModelPanel());
  controlsLayout->addWidget(createOptimizerPanel());
  controlsLayout->addWidget(createLossPanel());
  controlsLayout->addStretch(1);
  auto* scroll = new QScrollArea;
  scroll->setWidget(controls);
  scroll->setWidgetResizable(true);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setMinimumWidth(controls->sizeHint().width() + 24);

  auto* right = new QVBoxLayout;
  right->addWidget(createButtons());
  m_trainingMessage = new QLabel;
  m_trainingMessage->setWordWrap(true);
  m_trainingMessage->setVisible(false);
  m_trainingMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
  right->addWidget(m_trainingMessage);
  right->addWidget(createPlots(), 1);

  auto* layout = new QHBoxLayout(this);
  layout->addWidget(scroll);
  layout->addLayout(right, 1);

  connect(m_controller, &TrainingController::epochFinished, this, &TrainingView::epochFinished);
  connect(m_controller, &TrainingController::snapshotReady, this, &TrainingView::snapshotReady);
  connect(m_controller, &TrainingController::stateChanged, this, &TrainingView::stateChanged);
  connect(m_controller, &TrainingController::restarted, this, &TrainingView::restarted);
  connect(m_controller, &TrainingController::diverged, this, &TrainingView::showTrainingMessage);
  connect(m_controller, &TrainingController::failed, this, &TrainingView::showTrainingMessage);

  pushConfiguration();
  updateCompareWidgets();
  updateDataControls();
  stateChanged(m_controller->state());
}

TrainingView::~TrainingView() = default;

QWidget* TrainingView::createDataPanel() {
  auto* box = new QGroupBox(tr("Data"));
  auto* form = new QFormLayout(box);

  m_dataset = new QComboBox;
  const std::vector<std::pair<DatasetKind, QString>> kinds = {
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
  m_dataset->setCurrentIndex(m_dataset->findData(static_cast<int>(DatasetKind::Sine)));
  m_dataset->setToolTip(tr("A reproducible synthetic set (seed 3), or an imported CSV file"));
  form->addRow(tr("Data set:"), m_dataset);

  m_samples = new QSpinBox;
  m_samples->setRange(10, 200000);
  m_samples->setValue(500);
  m_samples->setKeyboardTracking(false);
  m_samples->setToolTip(tr("Number of samples drawn (training + validation)"));
  form->addRow(tr("Samples:"), m_samples);

  m_noise = new QDoubleSpinBox;
  m_noise->setRange(0, 10);
  m_noise->setSingleStep(0.05);
  m_noise->setValue(0.1);
  m_noise->setKeyboardTracking(false);
  m_noise->setToolTip(tr("Standard deviation σ of the Gaussian noise added to y"));
  form->addRow(tr("Noise σ:"), m_noise);

  m_outlierFraction = new QSlider(Qt::Horizontal);
  m_outlierFraction->setRange(0, 50);
  m_outlierFraction->setToolTip(tr("Share of samples moved by an outlier"));
  m_outlierFractionLabel = new QLabel;
  auto* fractionRow = new QHBoxLayout;
  fractionRow->addWidget(m_outlierFraction, 1);
  fractionRow->addWidget(m_outlierFractionLabel);
  form->addRow(tr("Outliers:"), fractionRow);

  m_outlierMagnitude = new QSlider(Qt::Horizontal);
  m_outlierMagnitude->setRange(0, 100);
  m_outlierMagnitude->setValue(20);
  m_outlierMagnitude->setToolTip(tr("An outlier adds ± this much to y (sign drawn per sample)"));
  m_outlierMagnitudeLabel = new QLabel;
  auto* magnitudeRow = new QHBoxLayout;
  magnitudeRow->addWidget(m_outlierMagnitude, 1);
  magnitudeRow->addWidget(m_outlierMagnitudeLabel);
  form->addRow(tr("Outlier size:"), magnitudeRow);

  m_validationSplit = new QDoubleSpinBox;
  m_validationSplit->setRange(0, 0.9);
  m_validationSplit->setSingleStep(0.05);
  m_validationSplit->setValue(0.2);
  m_validationSplit->setKeyboardTracking(false);
  m_validationSplit->setToolTip(tr("Share of the samples held out for validation"));
  form->addRow(tr("Validation split:"), m_validationSplit);

  m_importCsv =
      new QPushButton(QIcon::fromTheme(QStringLiteral("document-open")), tr("Import CSV…"));
  m_importCsv->setToolTip(
      tr("Train on a numeric CSV file; you choose the target and feature columns"));
  form->addRow(m_importCsv);

  m_dataMessage = new QLabel;
  m_dataMessage->setWordWrap(true);
  m_dataMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(m_dataMessage);

  connect(m_dataset, &QComboBox::currentIndexChanged, this, &TrainingView::datasetChosen);
  connect(m_samples, &QSpinBox::valueChanged, this, &TrainingView::syntheticChanged);
  connect(m_noise, &QDoubleSpinBox::valueChanged, this, &TrainingView::syntheticChanged);
  connect(m_outlierFraction, &QSlider::valueChanged, this, &TrainingView::outliersChanged);
  connect(m_outlierMagnitude, &QSlider::valueChanged, this, &TrainingView::outliersChanged);
  connect(m_validationSplit, &QDoubleSpinBox::valueChanged, this,
          &TrainingView::validationSplitChanged);
  connect(m_importCsv, &QPushButton::clicked, this, &TrainingView::importCsvClicked);
  return box;
}

QWidget* TrainingView::createModelPanel() {
  auto* box = new QGroupBox(tr("Network"));
  auto* form = new QFormLayout(box);
  m_hidden = new QLineEdit(QStringLiteral("16,32"));
  m_hidden->setValidator(new QRegularExpressionValidator(
      QRegularExpression(QStringLiteral(R"(^\s*(\d{1,4}\s*(,\s*\d{1,4}\s*)*)?$)")), m_hidden));
  m_hidden->setToolTip(
      tr("Hidden layer widths, comma-separated (empty: a linear model ŷ = w·x + b)"));
  form->addRow(tr("Hidden widths:"), m_hidden);
  m_activation = new QComboBox;
  for (Activation a :
       {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear}) {
    m_activation->addItem(QString::fromStdString(activationName(a)), static_cast<int>(a));
  }
  m_activation->setToolTip(tr("Activation of the hidden layers (the output is linear)"));
  form->addRow(tr("Activation:"), m_activation);
  connect(m_hidden, &QLineEdit::editingFinished, this, &TrainingView::modelChanged);
  connect(m_activation, &QComboBox::currentIndexChanged, this, &TrainingView::modelChanged);
  return box;
}

QWidget* TrainingView::createOptimizerPanel() {
  auto* box = new QGroupBox(tr("Optimizer"));
  auto* form = new QFormLayout(box);
  m_optimizer = new QComboBox;
  m_optimizer->addItem(tr("Adam"), static_cast<int>(OptimizerKind::Adam));
  m_optimizer->addItem(tr("SGD"), static_cast<int>(OptimizerKind::Sgd));
  m_optimizer->addItem(tr("RMSprop"), static_cast<int>(OptimizerKind::RmsProp));
  m_optimizer->setToolTip(tr("Keras 3 update rules and defaults"));
  form->addRow(tr("Optimizer:"), m_optimizer);

  m_learningRate = new QSlider(Qt::Horizontal);
  m_learningRate->setRange(0, kLrDecades * kLrPositionsPerDecade);
  m_learningRate->setValue(lrPosition(0.01));
  m_learningRateValue = lrValue(m_learningRate->value());
  m_learningRate->setToolTip(
      tr("Learning rate on a log scale from 1e-5 to 1; applies at the next step"));
  m_learningRateLabel = new QLabel;
  m_learningRateLabel->setMinimumWidth(
      m_learningRateLabel->fontMetrics().horizontalAdvance(QStringLiteral("0.00e-00")));
  auto* lrRow = new QHBoxLayout;
  lrRow->addWidget(m_learningRate, 1);
  lrRow->addWidget(m_learningRateLabel);
  form->addRow(tr("Learning rate:"), lrRow);

  m_batchSize = new QSpinBox;
  m_batchSize->setRange(1, 65536);
  m_batchSize->setValue(32);
  m_batchSize->setKeyboardTracking(false);
  m_batchSize->setToolTip(tr("Samples per optimizer step"));
  form->addRow(tr("Batch size:"), m_batchSize);

  m_epochs = new QSpinBox;
  m_epochs->setRange(1, 1000000);
  m_epochs->setValue(200);
  m_epochs->setKeyboardTracking(false);
  m_epochs->setToolTip(tr("Start trains until every run has finished this many epochs"));
  form->addRow(tr("Epochs:"), m_epochs);

  connect(m_optimizer, &QComboBox::currentIndexChanged, this, &TrainingView::optimizerChanged);
  connect(m_learningRate, &QSlider::valueChanged, this, &TrainingView::learningRateMoved);
  connect(m_batchSize, &QSpinBox::valueChanged, this, [this](int value) {
    QString error;
    if (!m_updating && !m_controller->setBatchSize(value, &error)) {
      showTrainingMessage(error);
    }
  });
  connect(m_epochs, &QSpinBox::valueChanged, this, [this](int value) {
    if (!m_updating) {
      m_controller->setEpochs(value);
    }
  });
  return box;
}

QWidget* TrainingView::createLossPanel() {
  auto* box = new QGroupBox(tr("Loss"));
  auto* layout = new QVBoxLayout(box);
  m_loss = new QComboBox;
  m_compareList = new QListWidget;
  for (const LossRegistry::Entry* entry : regressionLosses()) {
    addLossChoice(QString::fromStdString(entry->info.id), QString::fromStdString(entry->info.name),
                  QString::fromStdString(entry->info.summary));
  }
  addCustomLossChoices();
  connect(&CustomLossLibrary::instance(), &CustomLossLibrary::changed, this, [this] {
    // The user's formulas come and go: rebuild their entries, keep every selection.
    const QString current = m_loss->currentData().toString();
    std::map<QString, Qt::CheckState> checked;
    for (int i = m_compareList->count() - 1; i >= 0; --i) {
      QListWidgetItem* item = m_compareList->item(i);
      const QString id = item->data(Qt::UserRole).toString();
      if (isCustomLossId(id)) {
        checked[id] = item->checkState();
        delete m_compareList->takeItem(i);
      }
    }
    const QSignalBlocker block(m_loss);
    for (int i = m_loss->count() - 1; i >= 0; --i) {
      if (isCustomLossId(m_loss->itemData(i).toString())) {
        m_loss->removeItem(i);
      }
    }
    addCustomLossChoices();
    for (int i = 0; i < m_compareList->count(); ++i) {
      QListWidgetItem* item = m_compareList->item(i);
      if (const auto it = checked.find(item->data(Qt::UserRole).toString()); it != checked.end()) {
        item->setCheckState(it->second);
      }
    }
    const int index = m_loss->findData(current);
    m_loss->setCurrentIndex(index >= 0 ? index
                                       : m_loss->findData(QString::fromLatin1(kDefaultLoss)));
  });
  m_loss->setCurrentIndex(m_loss->findData(QString::fromLatin1(kDefaultLoss)));
  m_loss->setToolTip(tr("The loss the network is trained with; changes apply at the next step"));
  layout->addWidget(m_loss);
  m_parameters = new ParameterPanel;
  layout->addWidget(m_parameters);

  m_compare = new QCheckBox(tr("Compare losses"));
  m_compare->setToolTip(
      tr("Train 2–4 losses side by side from the same initial weights and batches"));
  layout->addWidget(m_compare);
  m_compareList->setToolTip(tr("The losses compare mode trains (2 to 4)"));
  m_compareList->setMaximumHeight(140);
  layout->addWidget(m_compareList);
  m_focus = new QComboBox;
  m_focus->setToolTip(tr("Whose gradient influence colours the data points"));
  auto* focusRow = new QFormLayout;
  focusRow->addRow(tr("Colour points by:"), m_focus);
  layout->addLayout(focusRow);

  if (const LossRegistry::Entry* entry = LossRegistry::instance().find(kDefaultLoss)) {
    m_parameters->setParameters(entry->info.params, {});
  }
  connect(m_loss, &QComboBox::currentIndexChanged, this, &TrainingView::lossChosen);
  connect(m_parameters, &ParameterPanel::parametersChanged, this,
          &TrainingView::lossParametersChanged);
  connect(m_compare, &QCheckBox::toggled, this, &TrainingView::compareToggled);
  connect(m_compareList, &QListWidget::itemChanged, this, &TrainingView::compareItemChanged);
  connect(m_focus, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_updating && m_hasSnapshot) {
      updateFitPlot();
      replotAll();
    }
  });
  return box;
}

QWidget* TrainingView::createButtons() {
  auto* bar = new QWidget;
  auto* row = new QHBoxLayout(bar);
  row->setContentsMargins(0, 0, 0, 0);
  m_start = commandButton(tr("Start"), tr("Train until the epoch budget is reached"),
                          QKeySequence(Qt::Key_F5), "media-playback-start", bar);
  m_pause = commandButton(tr("Pause"), tr("Stop at the next optimizer step"),
                          QKeySequence(Qt::Key_F6), "media-playback-pause", bar);
  m_step = commandButton(tr("Step"), tr("Train exactly one epoch of every run"),
                         QKeySequence(Qt::Key_F10), "media-skip-forward", bar);
  m_reset = commandButton(tr("Reset"),
                          tr("Back to the initial weights (same seed, same weights) and epoch 0"),
                          QKeySequence(Qt::SHIFT | Qt::Key_F5), "view-refresh", bar);
  m_export = new QToolButton(bar);
  m_export->setText(tr("Export"));
  m_export->setIcon(QIcon::fromTheme(QStringLiteral("document-save-as")));
  m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_export->setPopupMode(QToolButton::InstantPopup);
  m_export->setToolTip(tr("Save the history, the predictions or a plot"));
  auto* menu = new QMenu(m_export);
  connect(menu->addAction(tr("Loss history as CSV…")), &QAction::triggered, this,
          &TrainingView::exportHistoryClicked);
  connect(menu->addAction(tr("Predictions as CSV…")), &QAction::triggered, this,
          &TrainingView::exportPredictionsClicked);
  menu->addSeparator();
  connect(menu->addAction(tr("Fit plot (PNG, SVG, PDF)…")), &QAction::triggered, this,
          [this] { exportPlotClicked(Plot::Fit); });
  connect(menu->addAction(tr("History plot (PNG, SVG, PDF)…")), &QAction::triggered, this,
          [this] { exportPlotClicked(Plot::History); });
  connect(menu->addAction(tr("Residual histogram (PNG, SVG, PDF)…")), &QAction::triggered, this,
          [this] { exportPlotClicked(Plot::Residuals); });
  QAction* copyCommand = menu->addAction(tr("Copy as losslab-cli Command"), this, [this] {
    QApplication::clipboard()->setText(cliCommands());
  });
  copyCommand->setToolTip(tr("The command line that trains the same run in a terminal"));
  menu->addSeparator();
  QAction* saveSession =
      menu->addAction(tr("Save Session…"), this, &TrainingView::saveSessionClicked);
  saveSession->setToolTip(tr("Data, network, optimizer, losses and seed as a JSON file"));
  menu->addAction(tr("Open Session…"), this, &TrainingView::openSessionClicked);
  m_export->setMenu(menu);
  m_status = new QLabel;

  row->addWidget(m_start);
  row->addWidget(m_pause);
  row->addWidget(m_step);
  row->addWidget(m_reset);
  row->addSpacing(12);
  row->addWidget(m_status, 1);
  row->addWidget(m_export);

  connect(m_start, &QPushButton::clicked, m_controller, &TrainingController::start);
  connect(m_pause, &QPushButton::clicked, m_controller, &TrainingController::pause);
  connect(m_step, &QPushButton::clicked, m_controller, &TrainingController::step);
  connect(m_reset, &QPushButton::clicked, m_controller, &TrainingController::reset);
  return bar;
}

QWidget* TrainingView::createPlots() {
  m_fitPlot = new QCustomPlot;
  m_historyPlot = new QCustomPlot;
  m_residualPlot = new QCustomPlot;
  setupFitPlot();
  setupHistoryPlot();
  setupResidualPlot();
  const std::array<QCustomPlot*, 3> plots = {m_fitPlot, m_historyPlot, m_residualPlot};
  for (std::size_t i = 0; i < plots.size(); ++i) {
    QCustomPlot* p = plots[i];
    p->setMinimumSize(260, 200);
    p->setNoAntialiasingOnDrag(true);
    p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    // Dragging or zooming stops following the data; a double click follows it again.
    connect(p, &QCustomPlot::mousePress, this, [this, i] { m_autoRange[i] = false; });
    connect(p, &QCustomPlot::mouseWheel, this, [this, i] { m_autoRange[i] = false; });
    connect(p, &QCustomPlot::mouseDoubleClick, this, [this, i, p] {
      m_autoRange[i] = true;
      p->rescaleAxes();
      p->replot(QCustomPlot::rpQueuedReplot);
    });
  }

  auto* history = new QWidget;
  auto* historyLayout = new QVBoxLayout(history);
  historyLayout->setContentsMargins(0, 0, 0, 0);
  auto* historyBar = new QHBoxLayout;
  m_historyMetric = new QComboBox;
  m_historyMetric->addItem(tr("Loss"), static_cast<int>(HistoryMetric::Loss));
  m_historyMetric->addItem(tr("MAE"), static_cast<int>(HistoryMetric::Mae));
  m_historyMetric->addItem(tr("RMSE"), static_cast<int>(HistoryMetric::Rmse));
  m_historyMetric->addItem(tr("R²"), static_cast<int>(HistoryMetric::R2));
  m_historyMetric->setToolTip(
      tr("What the history shows; MAE, RMSE and R² compare runs with different losses fairly"));
  m_logHistory = new QCheckBox(tr("Log y"));
  m_logHistory->setToolTip(tr("Logarithmic y axis"));
  m_smoothing = new QSlider(Qt::Horizontal);
  m_smoothing->setRange(0, 99);
  m_smoothing->setValue(60);
  m_smoothing->setToolTip(
      tr("Exponential moving average as in TensorBoard (debiased); the raw series stays faint"));
  m_smoothingLabel = new QLabel;
  historyBar->addWidget(m_historyMetric);
  historyBar->addWidget(m_logHistory);
  historyBar->addWidget(new QLabel(tr("Smoothing:")));
  historyBar->addWidget(m_smoothing, 1);
  historyBar->addWidget(m_smoothingLabel);
  historyLayout->addLayout(historyBar);
  historyLayout->addWidget(m_historyPlot, 1);

  m_table = new QTableWidget(0, 7);
  m_table->setHorizontalHeaderLabels({tr("Loss"), tr("Epoch"), tr("Train loss"), tr("Val. loss"),
                                      tr("Val. MAE"), tr("Val. RMSE"), tr("Val. R²")});
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->setTextElideMode(Qt::ElideRight);
  m_table->setWordWrap(false);
  m_table->verticalHeader()->setVisible(false);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setToolTip(tr("Latest metrics of every run (validation set; training set if empty)"));

  // The fit is the picture that teaches (which points pull the curve): it gets the left half
  // at full height; history, residuals and the compare table share the right half.
  auto* right = new QSplitter(Qt::Vertical);
  right->addWidget(history);
  right->addWidget(m_residualPlot);
  right->addWidget(m_table);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 2);
  right->setStretchFactor(2, 2);
  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(m_fitPlot);
  split->addWidget(right);
  split->setStretchFactor(0, 11);
  split->setStretchFactor(1, 9);
  split->setSizes({550, 450});

  connect(m_historyMetric, &QComboBox::currentIndexChanged, this, [this] {
    rebuildHistory();
    replotAll();
  });
  connect(m_logHistory, &QCheckBox::toggled, this, [this](bool on) {
    QCPAxis* y = m_historyPlot->yAxis;
    y->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    y->setTicker(on ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                    : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_autoRange[static_cast<std::size_t>(Plot::History)] = true;
    m_historyPlot->rescaleAxes();
    replotAll();
  });
  connect(m_smoothing, &QSlider::valueChanged, this, [this] {
    m_smoothingLabel->setText(QString::number(smoothingWeight(), 'f', 2));
    rebuildHistory();
    replotAll();
  });
  m_smoothingLabel->setText(QString::number(smoothingWeight(), 'f', 2));
  return split;
}

void TrainingView::setupFitPlot() {
  QCustomPlot* p = m_fitPlot;
  // Low influence in a pale blue, high in dark red: the samples that pull hardest stand out.
  QCPColorGradient gradient;
  gradient.clearColorStops();
  gradient.setColorStopAt(0, QColor(165, 190, 230));
  gradient.setColorStopAt(0.5, QColor(240, 150, 40));
  gradient.setColorStopAt(1, QColor(160, 15, 15));
  for (int b = 0; b < kInfluenceBuckets; ++b) {
    QCPGraph* g = p->addGraph();
    const QColor color =
        QColor::fromRgb(gradient.color((b + 0.5) / kInfluenceBuckets, QCPRange(0, 1)));
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, 5));
    g->removeFromLegend();
    m_influenceBuckets.push_back(g);
  }
  m_outlierRings = p->addGraph();
  m_outlierRings->setLineStyle(QCPGraph::lsNone);
  m_outlierRings->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(60, 60, 60), 1), Qt::NoBrush, 10));
  m_outlierRings->setName(tr("injected outliers"));
  m_truth = p->addGraph();
  m_truth->setPen(QPen(QColor(90, 90, 90), 1.5, Qt::DashLine));
  m_truth->setName(tr("noise-free function"));
  m_diagonal = new QCPItemStraightLine(p);
  m_diagonal->point1->setCoords(0, 0);
  m_diagonal->point2->setCoords(1, 1);
  m_diagonal->setPen(QPen(QColor(90, 90, 90), 1.5, Qt::DashLine));
  m_diagonal->setVisible(false);

  m_colorScale = new QCPColorScale(p);
  m_colorScale->setType(QCPAxis::atRight);
  m_colorScale->setGradient(gradient);
  m_colorScale->setBarWidth(10);
  m_colorScale->axis()->setLabel(tr("|∂L/∂ŷᵢ|"));
  m_colorScale->setDataRange(QCPRange(0, 1));
  p->plotLayout()->addElement(0, 1, m_colorScale);
  auto* margins = new QCPMarginGroup(p);
  p->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  // The legend sits under the plot, in rows, so it never hides a data point.
  p->legend->setVisible(true);
  p->axisRect()->insetLayout()->take(p->legend);
  auto* legendRow = new QCPLayoutGrid;
  p->plotLayout()->addElement(1, 0, legendRow);
  p->plotLayout()->setRowStretchFactor(1, 0.001);
  legendRow->addElement(0, 0, p->legend);
  legendRow->setMargins(QMargins(0, 0, 0, 4));
  p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  p->legend->setWrap(3);
  p->legend->setBorderPen(Qt::NoPen);
  p->legend->setBrush(Qt::NoBrush);
  compactLegend(p->legend);
}

void TrainingView::setupHistoryPlot() {
  m_historyPlot->xAxis->setLabel(tr("epoch"));
  m_historyPlot->yAxis->setLabel(tr("loss"));
  m_historyPlot->legend->setVisible(true);
  m_historyPlot->legend->setBrush(QColor(255, 255, 255, 200));
  compactLegend(m_historyPlot->legend);
}

void TrainingView::setupResidualPlot() {
  m_residualPlot->xAxis->setLabel(tr("residual ŷ − y (training set)"));
  m_residualPlot->yAxis->setLabel(tr("samples"));
  m_residualPlot->legend->setVisible(false);
  compactLegend(m_residualPlot->legend);
}

void TrainingView::pushConfiguration() {
  // The controller's own defaults may differ: state everything the widgets show once.
  QString error;
  m_controller->setValidationSplit(m_validationSplit->value(), &error);
  m_controller->setDataset(syntheticOptions(), &error);
  MlpOptions model = m_controller->model();
  model.hidden = {16, 32};
  model.hiddenActivation = Activation::Relu;
  m_controller->setModel(model, &error);
  OptimizerOptions optimizer = m_controller->optimizer();
  optimizer.kind = OptimizerKind::Adam;
  optimizer.setLearningRate(learningRate());
  m_controller->setOptimizer(optimizer, &error);
  m_controller->setBatchSize(m_batchSize->value(), &error);
  m_controller->setEpochs(m_epochs->value());
  if (LossPtr loss = createLoss(QString::fromLatin1(kDefaultLoss), {}, &error)) {
    m_controller->setLoss(loss, &error);
  }
  m_outlierFractionLabel->setText(tr("%1 %").arg(m_outlierFraction->value()));
  m_outlierMagnitudeLabel->setText(QString::number(m_outlierMagnitude->value()));
  m_learningRateLabel->setText(QString::number(learningRate(), 'e', 2));
  updateTruthCurve();
}

QCustomPlot* TrainingView::plot(Plot which) const {
  switch (which) {
    case Plot::Fit:
      return m_fitPlot;
    case Plot::History:
      return m_historyPlot;
    case Plot::Residuals:
      return m_residualPlot;
  }
  return m_fitPlot;
}

// ---- public API ---------------------------------------------------------------------------------

bool TrainingView::trainEpochsBlocking(int epochs) {
  // The epoch budget covers what is trained here (the status says "epoch n of budget").
  int done = 0;
  for (const RunSeries& run : m_runs) {
    done = std::max(done, run.epochs.empty() ? 0 : run.epochs.back().epoch);
  }
  if (done + epochs > m_epochs->value()) {
    m_epochs->setValue(std::min(m_epochs->maximum(), done + epochs));
  }
  return m_controller->trainEpochsBlocking(epochs);
}

void TrainingView::applyOutliersPreset() {
  m_updating = true;
  m_dataset->setCurrentIndex(m_dataset->findData(static_cast<int>(DatasetKind::Linear)));
  m_outlierFraction->setValue(10);
  m_outlierMagnitude->setValue(20);
  m_compare->setChecked(true);
  for (int i = 0; i < m_compareList->count(); ++i) {
    QListWidgetItem* item = m_compareList->item(i);
    item->setCheckState(kDefaultCompare.contains(item->data(Qt::UserRole).toString())
                            ? Qt::Checked
                            : Qt::Unchecked);
  }
  m_updating = false;
  m_outlierFractionLabel->setText(tr("%1 %").arg(m_outlierFraction->value()));
  m_outlierMagnitudeLabel->setText(QString::number(m_outlierMagnitude->value()));

  QString error;
  if (!m_controller->setDataset(syntheticOptions(), &error)) {
    showDataMessage(error, true);
  }
  const std::vector<LossPtr> losses = compareLossPtrs(&error);
  if (losses.empty() || !m_controller->setLosses(losses, &error)) {
    showTrainingMessage(error);
  }
  m_controller->reset();  // every run from the seed's weights
  updateCompareWidgets();
  dataChanged();
}

bool TrainingView::importCsv(const QString& path,
                             const QString& target,
                             const QStringList& features) {
  NumericTable table;
  QString error;
  if (!readTable(path, &table, &error)) {
    showDataMessage(error, true);
    return false;
  }
  if (!useTable(table, QFileInfo(path).fileName(), target, features)) {
    return false;
  }
  m_importedPath = QFileInfo(path).absoluteFilePath();
  m_importedTarget = target;
  m_importedFeatures = features;
  return true;
}

TrainingSession TrainingView::session() const {
  TrainingSession s;
  const int kind = m_dataset->currentData().toInt();
  s.dataset = kind == kImportedData
                  ? QStringLiteral("csv")
                  : QString::fromStdString(datasetName(static_cast<DatasetKind>(kind)));
  s.samples = m_samples->value();
  s.noise = m_noise->value();
  s.outlierFraction = m_outlierFraction->value() / 100.0;
  s.outlierMagnitude = m_outlierMagnitude->value();
  s.validationSplit = m_validationSplit->value();
  s.seed = m_controller->seed();
  if (kind == kImportedData) {
    s.csvPath = m_importedPath;
    s.csvTarget = m_importedTarget;
    s.csvFeatures = m_importedFeatures;
  }
  s.hidden.clear();
  for (const Eigen::Index width : m_controller->model().hidden) {
    s.hidden.push_back(static_cast<int>(width));
  }
  s.activation = QString::fromStdString(
      activationName(static_cast<Activation>(m_activation->currentData().toInt())));
  s.optimizer = QString::fromStdString(
      optimizerName(static_cast<OptimizerKind>(m_optimizer->currentData().toInt())));
  s.learningRate = learningRate();
  s.batchSize = m_batchSize->value();
  s.epochs = m_epochs->value();
  s.loss = m_loss->currentData().toString();
  s.lossParams = m_parameters->values();
  s.compare = compareMode();
  s.compareLosses = compareLosses();
  return s;
}

bool TrainingView::applySession(const TrainingSession& s, QString* error) {
  auto fail = [error](const QString& message) {
    if (error) {
      *error = message;
    }
    return false;
  };
  // Check everything first: a session that cannot be applied changes nothing.
  DatasetKind kind = DatasetKind::Linear;
  Activation activation = Activation::Relu;
  try {
    if (s.dataset != QLatin1String("csv")) {
      kind = parseDatasetKind(s.dataset.toStdString());
    }
    activation = parseActivation(s.activation.toStdString());
  } catch (const Error& e) {
    return fail(QString::fromStdString(e.what()));
  }
  const int optimizerIndex = [&] {
    for (int i = 0; i < m_optimizer->count(); ++i) {
      if (QString::fromStdString(optimizerName(
              static_cast<OptimizerKind>(m_optimizer->itemData(i).toInt()))) == s.optimizer) {
        return i;
      }
    }
    return -1;
  }();
  if (optimizerIndex < 0) {
    return fail(tr("unknown optimizer \"%1\"").arg(s.optimizer));
  }
  if (m_loss->findData(s.loss) < 0) {
    return fail(tr("the loss \"%1\" is not available for training here").arg(s.loss));
  }
  QString problem;
  if (!createLoss(s.loss, s.lossParams, &problem)) {
    return fail(problem);
  }
  for (const QString& id : s.compareLosses) {
    if (m_loss->findData(id) < 0) {
      return fail(tr("the compared loss \"%1\" is not available for training here").arg(id));
    }
  }
  if (s.dataset == QLatin1String("csv") && !importCsv(s.csvPath, s.csvTarget, s.csvFeatures)) {
    return fail(dataMessage());
  }

  // Widgets first (their handlers tell the controller), then the seed, then a fresh start.
  m_samples->setValue(s.samples);
  m_noise->setValue(s.noise);
  m_outlierFraction->setValue(static_cast<int>(std::lround(s.outlierFraction * 100)));
  m_outlierMagnitude->setValue(static_cast<int>(std::lround(s.outlierMagnitude)));
  m_validationSplit->setValue(s.validationSplit);
  if (s.dataset != QLatin1String("csv")) {
    m_dataset->setCurrentIndex(m_dataset->findData(static_cast<int>(kind)));
  }
  QStringList widths;
  for (int width : s.hidden) {
    widths << QString::number(width);
  }
  m_hidden->setText(widths.join(QLatin1Char(',')));
  m_activation->setCurrentIndex(m_activation->findData(static_cast<int>(activation)));
  modelChanged();
  m_optimizer->setCurrentIndex(optimizerIndex);
  setLearningRateExactly(s.learningRate);
  m_batchSize->setValue(s.batchSize);
  m_epochs->setValue(s.epochs);
  m_compare->setChecked(false);
  m_loss->setCurrentIndex(m_loss->findData(s.loss));
  m_parameters->setParameters(lossInfo(s.loss).params, s.lossParams);
  lossParametersChanged(m_parameters->values());
  if (s.compareLosses.size() >= 2) {
    setCompareLosses(s.compareLosses);  // the ticks are kept even while compare mode is off
  }
  if (s.compare) {
    m_compare->setChecked(true);
  }
  m_controller->setSeed(s.seed, nullptr);
  m_controller->reset();
  return true;
}

bool TrainingView::saveSession(const QString& path, QString* error) const {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(sessionToJson(session())) < 0 ||
      !file.commit()) {
    if (error) {
      *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return false;
  }
  return true;
}

bool TrainingView::loadSession(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) {
      *error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return false;
  }
  QString problem;
  const std::optional<TrainingSession> loaded = sessionFromJson(file.readAll(), &problem);
  if (!loaded || !applySession(*loaded, &problem)) {
    if (error) {
      *error = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), problem);
    }
    return false;
  }
  return true;
}

QString TrainingView::cliCommands() const {
  // POSIX shell quoting: plain words stay, anything else goes in single quotes.
  static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
  const TrainingSession current = session();
  QStringList lines;
  for (const QString& loss : current.compare ? current.compareLosses : QStringList{current.loss}) {
    QStringList words{QStringLiteral("losslab-cli")};
    for (const QString& arg : cliTrainArguments(current, loss)) {
      words << (plain.match(arg).hasMatch() ? arg
                                            : QStringLiteral("'%1'").arg(QString(arg).replace(
                                                  QStringLiteral("'"), QStringLiteral("'\\''"))));
    }
    lines << words.join(QLatin1Char(' '));
  }
  return lines.join(QLatin1Char('\n'));
}

void TrainingView::saveSessionClicked() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save Session"),
      Settings::exportDirectory() + QStringLiteral("/training.losslab.json"),
      tr("LossLab session (*.json)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!saveSession(path, &error)) {
    QMessageBox::warning(this, tr("Save failed"), error);
  }
}

void TrainingView::openSessionClicked() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Session"), Settings::exportDirectory(), tr("LossLab session (*.json)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!loadSession(path, &error)) {
    QMessageBox::warning(this, tr("Cannot open the session"), error);
  }
}

QString TrainingView::dataMessage() const {
  return m_dataMessage->text();
}

QString TrainingView::trainingMessage() const {
  return m_trainingMessage->isVisible() ? m_trainingMessage->text() : QString();
}

bool TrainingView::compareMode() const {
  return m_compare->isChecked();
}

void TrainingView::setCompareMode(bool on) {
  m_compare->setChecked(on);
}

bool TrainingView::setCompareLosses(const QStringList& ids) {
  if (ids.size() < 2 || ids.size() > TrainingController::kMaxRuns) {
    return false;
  }
  for (const QString& id : ids) {
    bool found = false;
    for (int i = 0; i < m_compareList->count(); ++i) {
      found = found || m_compareList->item(i)->data(Qt::UserRole).toString() == id;
    }
    if (!found) {
      return false;
    }
  }
  m_updating = true;
  for (int i = 0; i < m_compareList->count(); ++i) {
    QListWidgetItem* item = m_compareList->item(i);
    item->setCheckState(ids.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                          : Qt::Unchecked);
  }
  m_updating = false;
  if (compareMode()) {
    QString error;
    const std::vector<LossPtr> losses = compareLossPtrs(&error);
    if (losses.empty() || !m_controller->setLosses(losses, &error)) {
      showTrainingMessage(error);
      return false;
    }
  }
  return true;
}

QStringList TrainingView::compareLosses() const {
  QStringList ids;
  for (int i = 0; i < m_compareList->count(); ++i) {
    if (m_compareList->item(i)->checkState() == Qt::Checked) {
      ids << m_compareList->item(i)->data(Qt::UserRole).toString();
    }
  }
  return ids;
}

bool TrainingView::setLoss(const QString& id) {
  const int index = m_loss->findData(id);
  if (index < 0) {
    return false;
  }
  m_loss->setCurrentIndex(index);  // lossChosen() does the rest
  return true;
}

void TrainingView::setHistoryMetric(HistoryMetric metric) {
  m_historyMetric->setCurrentIndex(m_historyMetric->findData(static_cast<int>(metric)));
}

void TrainingView::setLogHistory(bool on) {
  m_logHistory->setChecked(on);
}

void TrainingView::setSmoothing(double weight) {
  m_smoothing->setValue(static_cast<int>(std::lround(std::clamp(weight, 0.0, 0.99) * 100)));
}

int TrainingView::historyLength(int run) const {
  return run >= 0 && run < static_cast<int>(m_runs.size())
             ? static_cast<int>(m_runs[static_cast<std::size_t>(run)].epochs.size())
             : 0;
}

EpochStats TrainingView::latestEpoch(int run) const {
  if (historyLength(run) == 0) {
    return {};
  }
  return m_runs[static_cast<std::size_t>(run)].epochs.back();
}

bool TrainingView::exportHistoryCsv(const QString& path, QString* error) const {
  QString text = QStringLiteral(
      "run,loss,epoch,steps,learning_rate,epoch_loss,train_loss,train_mae,train_rmse,train_r2,"
      "val_loss,val_mae,val_rmse,val_r2\n");
  for (std::size_t r = 0; r < m_runs.size(); ++r) {
    for (const EpochStats& s : m_runs[r].epochs) {
      const QStringList fields = {
          QString::number(r),           csvField(m_runs[r].name),     QString::number(s.epoch),
          QString::number(s.steps),     csvNumber(s.learningRate),    csvNumber(s.loss),
          csvNumber(s.train.loss),      csvNumber(s.train.mae),       csvNumber(s.train.rmse),
          csvNumber(s.train.r2),        csvNumber(s.validation.loss), csvNumber(s.validation.mae),
          csvNumber(s.validation.rmse), csvNumber(s.validation.r2),
      };
      text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
  }
  return writeAtomically(path, text.toUtf8(), error);
}

bool TrainingView::exportPredictionsCsv(const QString& path, QString* error) const {
  if (!m_hasSnapshot || m_snapshot.runs.isEmpty()) {
    if (error) {
      *error = tr("There are no predictions yet.");
    }
    return false;
  }
  const TrainingSnapshot& s = m_snapshot;
  const bool oneD = s.featureCount == 1;
  QStringList header = {QStringLiteral("index")};
  if (oneD) {
    header << QStringLiteral("x");
  }
  header << QStringLiteral("y_true") << QStringLiteral("outlier");
  for (const RunSnapshot& r : s.runs) {
    header << csvField(r.name + QStringLiteral(" y_pred"))
           << csvField(r.name + QStringLiteral(" influence"));
  }
  QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
  std::vector<bool> outlier(static_cast<std::size_t>(s.yTrue.size()), false);
  for (int i : s.outliers) {
    if (i >= 0 && i < s.yTrue.size()) {
      outlier[static_cast<std::size_t>(i)] = true;
    }
  }
  for (qsizetype i = 0; i < s.yTrue.size(); ++i) {
    QStringList fields = {QString::number(i)};
    if (oneD) {
      fields << csvNumber(s.x.value(i));
    }
    fields << csvNumber(s.yTrue[i])
           << (outlier[static_cast<std::size_t>(i)] ? QStringLiteral("1") : QStringLiteral("0"));
    for (const RunSnapshot& r : s.runs) {
      fields << csvNumber(r.yPred.value(i, std::nan("")))
             << csvNumber(r.influence.value(i, std::nan("")));
    }
    text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return writeAtomically(path, text.toUtf8(), error);
}

bool TrainingView::exportPlotPng(const QString& path, Plot which, QString* error) {
  // PNG, SVG or PDF by the file's suffix (plot_exporter.h); no known suffix: PNG.
  QString target = path;
  const QString suffix = QFileInfo(target).suffix().toLower();
  if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
      suffix != QLatin1String("pdf")) {
    target += QStringLiteral(".png");
  }
  return exportPlot(plot(which), target, Settings::exportSize(), Settings::exportDpi(), error);
}

// ---- changes triggered in the panels ----------------------------------------------------------

DatasetOptions TrainingView::syntheticOptions() const {
  DatasetOptions options = m_controller->datasetOptions();
  const int kind = m_dataset->currentData().toInt();
  if (kind != kImportedData) {
    options.kind = static_cast<DatasetKind>(kind);
  }
  options.samples = m_samples->value();
  options.noise = m_noise->value();
  options.outlierFraction = m_outlierFraction->value() / 100.0;
  options.outlierMagnitude = m_outlierMagnitude->value();
  return options;
}

void TrainingView::datasetChosen() {
  if (m_updating) {
    return;
  }
  QString error;
  const bool ok = m_dataset->currentData().toInt() == kImportedData
                      ? m_controller->setDataset(m_imported, &error)
                      : m_controller->setDataset(syntheticOptions(), &error);
  if (!ok) {
    showDataMessage(error, true);
  }
  updateDataControls();
  dataChanged();
}

void TrainingView::syntheticChanged() {
  if (m_updating || m_dataset->currentData().toInt() == kImportedData) {
    return;
  }
  QString error;
  if (!m_controller->setDataset(syntheticOptions(), &error)) {
    showDataMessage(error, true);
  }
  dataChanged();
}

void TrainingView::outliersChanged() {
  m_outlierFractionLabel->setText(tr("%1 %").arg(m_outlierFraction->value()));
  m_outlierMagnitudeLabel->setText(QString::number(m_outlierMagnitude->value()));
  if (m_updating || m_dataset->currentData().toInt() == kImportedData) {
    return;
  }
  QString error;
  if (!m_controller->setOutliers(m_outlierFraction->value() / 100.0, m_outlierMagnitude->value(),
                                 &error)) {
    showDataMessage(error, true);
  }
  dataChanged();
}

void TrainingView::validationSplitChanged() {
  if (m_updating) {
    return;
  }
  QString error;
  if (!m_controller->setValidationSplit(m_validationSplit->value(), &error)) {
    showDataMessage(error, true);
  }
}

void TrainingView::importCsvClicked() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Import CSV"), Settings::exportDirectory(), tr("CSV files (*.csv);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  NumericTable table;
  QString error;
  if (!readTable(path, &table, &error)) {
    showDataMessage(error, true);
    QMessageBox::warning(this, tr("Import CSV"), error);
    return;
  }
  QStringList columns;
  for (const std::string& column : table.columns) {
    columns << QString::fromStdString(column);
  }
  QString target;
  QStringList features;
  if (!chooseColumns(this, columns, &target, &features)) {
    return;
  }
  if (!useTable(table, QFileInfo(path).fileName(), target, features)) {
    QMessageBox::warning(this, tr("Import CSV"), dataMessage());
  }
}

bool TrainingView::readTable(const QString& path, NumericTable* table, QString* error) const {
  try {
    const CsvTable csv = readCsvFile(QFile::encodeName(path).toStdString());
    table->values = csv.data.values.matrix();
    table->columns = csv.header;
    if (table->columns.empty()) {
      for (Eigen::Index j = 0; j < table->values.cols(); ++j) {
        table->columns.push_back(tr("column %1").arg(j + 1).toStdString());
      }
    }
  } catch (const Error& e) {
    // Messages name the place: "<file>:<line>:<column>: <what>".
    *error = tr("Could not import the file; the current data set is kept.\n%1")
                 .arg(QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

bool TrainingView::useTable(const NumericTable& table,
                            const QString& name,
                            const QString& target,
                            const QStringList& features) {
  if (table.columns.empty()) {
    showDataMessage(tr("The file has no columns; the current data set is kept."), true);
    return false;
  }
  const std::string targetName = target.isEmpty() ? table.columns.back() : target.toStdString();
  std::vector<std::string> featureNames;
  for (const QString& feature : features) {
    featureNames.push_back(feature.toStdString());
  }
  Dataset set;
  try {
    set = datasetFromTable(table, featureNames, targetName);
  } catch (const Error& e) {
    showDataMessage(tr("Could not use the file; the current data set is kept.\n%1")
                        .arg(QString::fromStdString(e.what())),
                    true);
    return false;
  }
  set.name = name.toStdString();
  QString error;
  if (!m_controller->setDataset(set, &error)) {
    showDataMessage(tr("Could not use the file; the current data set is kept.\n%1").arg(error),
                    true);
    return false;
  }
  m_imported = set;
  m_hasImported = true;
  m_updating = true;
  int index = m_dataset->findData(kImportedData);
  const QString label = tr("imported: %1").arg(name);
  if (index < 0) {
    m_dataset->addItem(label, kImportedData);
    index = m_dataset->count() - 1;
  } else {
    m_dataset->setItemText(index, label);
  }
  m_dataset->setCurrentIndex(index);
  m_updating = false;
  updateDataControls();
  dataChanged();
  showDataMessage(tr("%1: %2 samples, %3 feature(s) → %4")
                      .arg(name)
                      .arg(set.size())
                      .arg(set.featureCount())
                      .arg(QString::fromStdString(set.targetName)),
                  false);
  return true;
}

void TrainingView::modelChanged() {
  if (m_updating) {
    return;
  }
  MlpOptions model = m_controller->model();
  model.hidden.clear();
  for (const QString& part : m_hidden->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    const QString trimmed = part.trimmed();
    if (!trimmed.isEmpty()) {
      model.hidden.push_back(trimmed.toInt());
    }
  }
  model.hiddenActivation = static_cast<Activation>(m_activation->currentData().toInt());
  const bool same = model.hidden == m_controller->model().hidden &&
                    model.hiddenActivation == m_controller->model().hiddenActivation;
  QString error;
  if (!same && !m_controller->setModel(model, &error)) {
    showTrainingMessage(error);
  }
}

double TrainingView::learningRate() const {
  return m_learningRateValue;
}

void TrainingView::setLearningRateExactly(double lr) {
  // The slider has a few positions per decade; a session's value is kept exactly and the
  // slider shows the nearest position.
  {
    const QSignalBlocker block(m_learningRate);
    m_learningRate->setValue(lrPosition(lr));
  }
  m_learningRateValue = lr;
  m_learningRateLabel->setText(QString::number(lr, 'e', 2));
  QString error;
  if (!m_controller->setLearningRate(lr, &error)) {
    showTrainingMessage(error);
  }
}

void TrainingView::optimizerChanged() {
  if (m_updating) {
    return;
  }
  OptimizerOptions options = m_controller->optimizer();
  options.kind = static_cast<OptimizerKind>(m_optimizer->currentData().toInt());
  options.setLearningRate(learningRate());
  QString error;
  if (!m_controller->setOptimizer(options, &error)) {
    showTrainingMessage(error);
  }
}

void TrainingView::learningRateMoved(int position) {
  m_learningRateValue = lrValue(position);
  m_learningRateLabel->setText(QString::number(lrValue(position), 'e', 2));
  if (m_updating) {
    return;
  }
  QString error;
  if (!m_controller->setLearningRate(lrValue(position), &error)) {
    showTrainingMessage(error);
  }
}

void TrainingView::addLossChoice(const QString& id, const QString& name, const QString& summary) {
  m_loss->addItem(name, id);
  m_loss->setItemData(m_loss->count() - 1, summary, Qt::ToolTipRole);
  auto* item = new QListWidgetItem(name, m_compareList);
  item->setData(Qt::UserRole, id);
  item->setToolTip(summary);
  item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
  item->setCheckState(kDefaultCompare.contains(id) ? Qt::Checked : Qt::Unchecked);
}

void TrainingView::addCustomLossChoices() {
  for (const CustomLoss& custom : CustomLossLibrary::instance().entries()) {
    const QString id = customLossId(custom.name);
    try {
      if (!TrainingController::whyNotTrainable(lossInfo(id)).isEmpty()) {
        continue;
      }
    } catch (const Error&) {
      continue;  // a stored formula that no longer parses: the formula dock says why
    }
    addLossChoice(id, tr("%1 (custom)").arg(custom.name), custom.source);
  }
}

LossPtr TrainingView::createLoss(const QString& id,
                                 const ParamValues& values,
                                 QString* error) const {
  try {
    return losslab::ui::createLoss(id, values);  // built-in or "custom:NAME"
  } catch (const Error& e) {
    if (error) {
      *error = QString::fromStdString(e.what());
    }
    return nullptr;
  }
}

void TrainingView::lossChosen() {
  const QString id = m_loss->currentData().toString();
  try {
    m_parameters->setParameters(lossInfo(id).params, {});
  } catch (const Error& e) {
    showTrainingMessage(QString::fromStdString(e.what()));
    return;
  }
  if (m_updating || compareMode()) {
    return;
  }
  QString error;
  LossPtr loss = createLoss(id, m_parameters->values(), &error);
  if (!loss || !m_controller->setLoss(loss, &error)) {
    showTrainingMessage(error);
  }
}

void TrainingView::lossParametersChanged(const losslab::ParamValues& values) {
  if (m_updating || compareMode()) {
    return;
  }
  QString error;
  LossPtr loss = createLoss(m_loss->currentData().toString(), values, &error);
  if (!loss || !m_controller->setLoss(loss, &error)) {
    showTrainingMessage(error);
  }
}

std::vector<LossPtr> TrainingView::compareLossPtrs(QString* error) const {
  const QStringList ids = compareLosses();
  if (ids.size() < 2 || ids.size() > TrainingController::kMaxRuns) {
    if (error) {
      *error = tr("Compare mode needs 2 to %1 losses; %2 are ticked.")
                   .arg(TrainingController::kMaxRuns)
                   .arg(ids.size());
    }
    return {};
  }
  std::vector<LossPtr> losses;
  for (const QString& id : ids) {
    LossPtr loss = createLoss(id, {}, error);
    if (!loss) {
      return {};
    }
    losses.push_back(loss);
  }
  return losses;
}

void TrainingView::compareToggled(bool on) {
  updateCompareWidgets();
  if (m_updating) {
    return;
  }
  QString error;
  if (on) {
    const std::vector<LossPtr> losses = compareLossPtrs(&error);
    if (losses.empty() || !m_controller->setLosses(losses, &error)) {
      showTrainingMessage(error);
    }
  } else {
    LossPtr loss = createLoss(m_loss->currentData().toString(), m_parameters->values(), &error);
    if (!loss || !m_controller->setLoss(loss, &error)) {
      showTrainingMessage(error);
    }
  }
}

void TrainingView::compareItemChanged(QListWidgetItem* item) {
  if (m_updating) {
    return;
  }
  const QStringList ids = compareLosses();
  if (ids.size() > TrainingController::kMaxRuns) {
    m_updating = true;
    item->setCheckState(Qt::Unchecked);
    m_updating = false;
    showTrainingMessage(
        tr("Compare mode trains at most %1 losses.").arg(TrainingController::kMaxRuns));
    return;
  }
  if (!compareMode()) {
    return;
  }
  QString error;
  const std::vector<LossPtr> losses = compareLossPtrs(&error);
  if (losses.empty() || !m_controller->setLosses(losses, &error)) {
    showTrainingMessage(error);
  }
}

void TrainingView::updateCompareWidgets() {
  const bool on = compareMode();
  m_loss->setEnabled(!on);
  m_parameters->setEnabled(!on);
  m_compareList->setEnabled(on);
  m_focus->setEnabled(on);
  m_table->setVisible(on);
}

void TrainingView::updateDataControls() {
  const bool synthetic = m_dataset->currentData().toInt() != kImportedData;
  m_samples->setEnabled(synthetic);
  m_noise->setEnabled(synthetic);
  m_outlierFraction->setEnabled(synthetic);
  m_outlierMagnitude->setEnabled(synthetic);
}

void TrainingView::dataChanged() {
  m_autoRange[static_cast<std::size_t>(Plot::Fit)] = true;
  m_autoRange[static_cast<std::size_t>(Plot::Residuals)] = true;
  updateTruthCurve();
}

void TrainingView::exportHistoryClicked() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export loss history"),
      QDir(Settings::exportDirectory()).filePath(QStringLiteral("history.csv")),
      tr("CSV files (*.csv)"));
  if (path.isEmpty()) {
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  QString error;
  if (!exportHistoryCsv(path, &error)) {
    QMessageBox::warning(this, tr("Export"), error);
  }
}

void TrainingView::exportPredictionsClicked() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export predictions"),
      QDir(Settings::exportDirectory()).filePath(QStringLiteral("predictions.csv")),
      tr("CSV files (*.csv)"));
  if (path.isEmpty()) {
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  QString error;
  if (!exportPredictionsCsv(path, &error)) {
    QMessageBox::warning(this, tr("Export"), error);
  }
}

void TrainingView::exportPlotClicked(Plot which) {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export plot"),
      QDir(Settings::exportDirectory()).filePath(QStringLiteral("training.png")),
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  if (path.isEmpty()) {
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  QString error;
  if (!exportPlotPng(path, which, &error)) {
    QMessageBox::warning(this, tr("Export"), error);
  }
}

// ---- changes triggered in the controller --------------------------------------------------------

void TrainingView::epochFinished(int /*epoch*/, const losslab::ui::EpochStats& stats) {
  if (stats.run < 0 || stats.run >= static_cast<int>(m_runs.size())) {
    return;  // from runs that a restart replaced
  }
  appendHistory(m_runs[static_cast<std::size_t>(stats.run)], stats);
}

void TrainingView::snapshotReady(const losslab::ui::TrainingSnapshot& snapshot) {
  m_snapshot = snapshot;
  m_hasSnapshot = true;
  QStringList names;
  for (const RunSnapshot& run : snapshot.runs) {
    names << run.name;
  }
  ensureRuns(names);
  updateFitPlot();
  updateResidualPlot();
  updateTable();
  if (m_autoRange[static_cast<std::size_t>(Plot::History)]) {
    m_historyPlot->rescaleAxes();
  }
  updateStatus();
  replotAll();
}

void TrainingView::stateChanged(losslab::ui::TrainingController::State state) {
  const bool running = state == TrainingController::State::Running;
  m_start->setEnabled(!running);
  m_pause->setEnabled(running);
  m_step->setEnabled(!running);
  if (running) {
    m_trainingMessage->setVisible(false);
  }
  updateStatus();
}

void TrainingView::restarted(const QStringList& names) {
  clearRuns();
  ensureRuns(names);
  m_trainingMessage->setVisible(false);
  m_autoRange = {true, true, true};
  updateStatus();
  replotAll();
}

QString TrainingView::errorStyle() const {
  // Dark red on light backgrounds, light red on dark ones: both above 4.5:1 contrast.
  const bool dark = palette().color(QPalette::Base).lightness() < 128;
  return QStringLiteral("color: %1")
      .arg(dark ? QStringLiteral("#ff8a80") : QStringLiteral("#b00020"));
}

void TrainingView::showTrainingMessage(const QString& message) {
  m_trainingMessage->setStyleSheet(errorStyle());
  m_trainingMessage->setText(message);
  m_trainingMessage->setVisible(!message.isEmpty());
}

void TrainingView::showDataMessage(const QString& text, bool error) {
  m_dataMessage->setText(text);
  m_dataMessage->setStyleSheet(error ? errorStyle() : QString());
}

// ---- plots --------------------------------------------------------------------------------------

void TrainingView::ensureRuns(const QStringList& names) {
  if (m_runs.size() == static_cast<std::size_t>(names.size())) {
    for (std::size_t r = 0; r < m_runs.size(); ++r) {
      RunSeries& s = m_runs[r];
      if (s.name != names[static_cast<qsizetype>(r)]) {
        s.name = names[static_cast<qsizetype>(r)];
        s.trainSmooth->setName(tr("%1 (train)").arg(s.name));
        s.validationSmooth->setName(tr("%1 (validation)").arg(s.name));
        s.fit->setName(s.name);
        s.residuals->setName(s.name);
        m_updating = true;
        m_focus->setItemText(static_cast<int>(r), s.name);
        m_updating = false;
      }
    }
    return;
  }
  clearRuns();
  m_updating = true;
  const int focus = m_focus->currentIndex();
  m_focus->clear();
  for (qsizetype r = 0; r < names.size(); ++r) {
    RunSeries s;
    s.name = names[r];
    s.color = CurveModel::defaultColor(static_cast<int>(r));
    QColor faint = s.color;
    faint.setAlpha(70);
    s.trainRaw = m_historyPlot->addGraph();
    s.trainRaw->setPen(QPen(faint, 1));
    s.trainRaw->removeFromLegend();
    s.trainSmooth = m_historyPlot->addGraph();
    s.trainSmooth->setPen(QPen(s.color, 2));
    s.trainSmooth->setName(tr("%1 (train)").arg(s.name));
    s.validationRaw = m_historyPlot->addGraph();
    s.validationRaw->setPen(QPen(faint, 1, Qt::DashLine));
    s.validationRaw->removeFromLegend();
    s.validationSmooth = m_historyPlot->addGraph();
    s.validationSmooth->setPen(QPen(s.color, 2, Qt::DashLine));
    s.validationSmooth->setName(tr("%1 (validation)").arg(s.name));
    s.fit = m_fitPlot->addGraph();
    s.fit->setPen(QPen(s.color, 2.5));
    s.fit->setName(s.name);
    s.residuals = new QCPBars(m_residualPlot->xAxis, m_residualPlot->yAxis);
    QColor fill = s.color;
    fill.setAlpha(names.size() > 1 ? 90 : 150);
    s.residuals->setBrush(fill);
    s.residuals->setPen(QPen(s.color.darker(120)));
    s.residuals->setName(s.name);
    m_runs.push_back(s);
    m_focus->addItem(s.name);
  }
  m_focus->setCurrentIndex(std::clamp(focus, 0, std::max(0, m_focus->count() - 1)));
  m_updating = false;
  m_residualPlot->legend->setVisible(names.size() > 1);
}

void TrainingView::clearRuns() {
  for (RunSeries& s : m_runs) {
    m_historyPlot->removeGraph(s.trainRaw);
    m_historyPlot->removeGraph(s.trainSmooth);
    m_historyPlot->removeGraph(s.validationRaw);
    m_historyPlot->removeGraph(s.validationSmooth);
    m_fitPlot->removeGraph(s.fit);
    m_residualPlot->removePlottable(s.residuals);
  }
  m_runs.clear();
}

double TrainingView::smoothingWeight() const {
  return m_smoothing->value() / 100.0;
}

double TrainingView::historyValue(const EpochStats& stats, bool validation) const {
  const RegressionMetrics& m = validation ? stats.validation : stats.train;
  switch (static_cast<HistoryMetric>(m_historyMetric->currentData().toInt())) {
    case HistoryMetric::Loss:
      // Train: Keras' displayed epoch loss (mean over the epoch's batches); validation: the loss
      // on the whole validation set at the end of the epoch (what Keras reports as val_loss).
      return validation ? m.loss : stats.loss;
    case HistoryMetric::Mae:
      return m.mae;
    case HistoryMetric::Rmse:
      return m.rmse;
    case HistoryMetric::R2:
      return m.r2;
  }
  return m.loss;
}

void TrainingView::appendHistory(RunSeries& series, const EpochStats& stats) {
  series.epochs.push_back(stats);
  const double w = smoothingWeight();
  // TensorBoard's smoothing: an EMA started at 0 and divided by 1 − wᵗ (the weight the EMA has
  // given to real values after t of them), so the first points are not pulled towards 0.
  // Non-finite values are drawn as they are and do not enter the average.
  auto smooth = [w](double value, double& last, int& count) {
    if (!std::isfinite(value)) {
      return value;
    }
    last = last * w + (1 - w) * value;
    ++count;
    const double debias = 1 - std::pow(w, count);
    return debias > 0 ? last / debias : value;
  };
  const double x = stats.epoch;
  const double train = historyValue(stats, false);
  const double validation = historyValue(stats, true);
  series.trainRaw->addData(x, train);
  series.validationRaw->addData(x, validation);
  series.trainSmooth->addData(x, smooth(train, series.trainEma, series.trainCount));
  series.validationSmooth->addData(
      x, smooth(validation, series.validationEma, series.validationCount));
  const bool showRaw = w > 0;
  series.trainRaw->setVisible(showRaw);
  series.validationRaw->setVisible(showRaw);
}

void TrainingView::rebuildHistory() {
  const QString metric = m_historyMetric->currentText();
  m_historyPlot->yAxis->setLabel(metric.toLower() == tr("loss").toLower() ? tr("loss") : metric);
  for (RunSeries& s : m_runs) {
    const std::vector<EpochStats> epochs = std::move(s.epochs);
    s.epochs.clear();
    s.trainEma = s.validationEma = 0;
    s.trainCount = s.validationCount = 0;
    s.trainRaw->data()->clear();
    s.trainSmooth->data()->clear();
    s.validationRaw->data()->clear();
    s.validationSmooth->data()->clear();
    for (const EpochStats& stats : epochs) {
      appendHistory(s, stats);
    }
  }
  if (m_autoRange[static_cast<std::size_t>(Plot::History)]) {
    m_historyPlot->rescaleAxes();
  }
}

void TrainingView::updateTruthCurve() {
  const Dataset& set = m_controller->dataset();
  const bool show = m_controller->isSynthetic() && set.featureCount() == 1 &&
                    set.clean.size() == set.size() && set.size() > 0;
  m_truth->setVisible(show);
  if (show) {
    m_truth->addToLegend();
  } else {
    m_truth->removeFromLegend();
    m_truth->data()->clear();
    return;
  }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(set.size()));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::sort(order.begin(), order.end(),
            [&set](Eigen::Index a, Eigen::Index b) { return set.x(0, a) < set.x(0, b); });
  QVector<double> x;
  QVector<double> y;
  x.reserve(set.size());
  y.reserve(set.size());
  for (Eigen::Index i : order) {
    x << set.x(0, i);
    y << set.clean(i);
  }
  m_truth->setData(x, y, true);
}

void TrainingView::updateFitPlot() {
  const TrainingSnapshot& s = m_snapshot;
  if (s.runs.isEmpty()) {
    return;
  }
  const bool oneD = s.featureCount == 1;
  const qsizetype focus = std::clamp<qsizetype>(m_focus->currentIndex(), 0, s.runs.size() - 1);
  const RunSnapshot& f = s.runs[focus];

  // Colour buckets of |∂ℓᵢ/∂ŷᵢ| relative to the largest influence in this snapshot.
  double top = 0;
  for (double v : f.influence) {
    if (std::isfinite(v)) {
      top = std::max(top, v);
    }
  }
  std::vector<QVector<double>> keys(kInfluenceBuckets);
  std::vector<QVector<double>> values(kInfluenceBuckets);
  auto key = [&](qsizetype i) { return oneD ? s.x.value(i) : s.yTrue.value(i); };
  auto value = [&](qsizetype i) { return oneD ? s.yTrue.value(i) : f.yPred.value(i); };
  for (qsizetype i = 0; i < s.yTrue.size(); ++i) {
    const double v = f.influence.value(i, 0.0);
    int b = 0;
    if (top > 0 && std::isfinite(v)) {
      b = std::min(kInfluenceBuckets - 1, static_cast<int>(v / top * kInfluenceBuckets));
    }
    keys[static_cast<std::size_t>(b)] << key(i);
    values[static_cast<std::size_t>(b)] << value(i);
  }
  for (std::size_t b = 0; b < m_influenceBuckets.size(); ++b) {
    m_influenceBuckets[b]->setData(keys[b], values[b]);
  }
  m_colorScale->setDataRange(QCPRange(0, top > 0 ? top : 1));
  m_colorScale->axis()->setLabel(s.runs.size() > 1 ? tr("|∂L/∂ŷᵢ| of %1").arg(f.name)
                                                   : tr("|∂L/∂ŷᵢ| (gradient influence)"));

  QVector<double> ringKeys;
  QVector<double> ringValues;
  for (int i : s.outliers) {
    if (i >= 0 && i < s.yTrue.size()) {
      ringKeys << key(i);
      ringValues << value(i);
    }
  }
  m_outlierRings->setData(ringKeys, ringValues);
  m_outlierRings->setVisible(!ringKeys.isEmpty());
  if (ringKeys.isEmpty()) {
    m_outlierRings->removeFromLegend();
  } else {
    m_outlierRings->addToLegend();
  }

  for (std::size_t r = 0; r < m_runs.size() && r < static_cast<std::size_t>(s.runs.size()); ++r) {
    QCPGraph* g = m_runs[r].fit;
    const RunSnapshot& run = s.runs[static_cast<qsizetype>(r)];
    if (oneD) {
      g->setLineStyle(QCPGraph::lsLine);
      g->setScatterStyle(QCPScatterStyle());
      g->setData(s.curveX, run.curveY, true);
      g->setVisible(true);
      g->addToLegend();
    } else {
      // Predicted vs true: the focused run is drawn by the influence buckets; the others as
      // small rings in their colours.
      const bool other = static_cast<qsizetype>(r) != focus;
      g->setLineStyle(QCPGraph::lsNone);
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, m_runs[r].color, 4));
      g->setData(s.yTrue, run.yPred);
      g->setVisible(other);
      if (other) {
        g->addToLegend();
      } else {
        g->removeFromLegend();
      }
    }
  }
  m_diagonal->setVisible(!oneD);
  if (oneD) {
    const Dataset& set = m_controller->dataset();
    m_fitPlot->xAxis->setLabel(set.featureNames.empty()
                                   ? QStringLiteral("x")
                                   : QString::fromStdString(set.featureNames.front()));
    m_fitPlot->yAxis->setLabel(set.targetName.empty() ? QStringLiteral("y")
                                                      : QString::fromStdString(set.targetName));
  } else {
    m_fitPlot->xAxis->setLabel(tr("y (true)"));
    m_fitPlot->yAxis->setLabel(tr("ŷ (predicted)"));
  }
  if (m_autoRange[static_cast<std::size_t>(Plot::Fit)]) {
    m_fitPlot->rescaleAxes();
  }
}

void TrainingView::updateResidualPlot() {
  const TrainingSnapshot& s = m_snapshot;
  double lo = 0;
  double hi = 0;
  bool any = false;
  for (const RunSnapshot& run : s.runs) {
    for (qsizetype i = 0; i < s.yTrue.size() && i < run.yPred.size(); ++i) {
      const double r = run.yPred[i] - s.yTrue[i];
      if (std::isfinite(r)) {
        lo = any ? std::min(lo, r) : r;
        hi = any ? std::max(hi, r) : r;
        any = true;
      }
    }
  }
  if (!any) {
    return;
  }
  if (hi - lo < 1e-12) {
    lo -= 0.5;
    hi += 0.5;
  }
  const double width = (hi - lo) / kHistogramBins;
  QVector<double> centers(kHistogramBins);
  for (int b = 0; b < kHistogramBins; ++b) {
    centers[b] = lo + (b + 0.5) * width;
  }
  for (std::size_t r = 0; r < m_runs.size() && r < static_cast<std::size_t>(s.runs.size()); ++r) {
    const RunSnapshot& run = s.runs[static_cast<qsizetype>(r)];
    QVector<double> counts(kHistogramBins, 0.0);
    for (qsizetype i = 0; i < s.yTrue.size() && i < run.yPred.size(); ++i) {
      const double res = run.yPred[i] - s.yTrue[i];
      if (std::isfinite(res)) {
        const int b = std::clamp(static_cast<int>((res - lo) / width), 0, kHistogramBins - 1);
        counts[b] += 1;
      }
    }
    m_runs[r].residuals->setWidth(width);
    m_runs[r].residuals->setData(centers, counts, true);
  }
  if (m_autoRange[static_cast<std::size_t>(Plot::Residuals)]) {
    m_residualPlot->rescaleAxes();
    m_residualPlot->yAxis->setRangeLower(0);
  }
}

void TrainingView::updateTable() {
  m_table->setRowCount(static_cast<int>(m_runs.size()));
  for (std::size_t r = 0; r < m_runs.size(); ++r) {
    const RunSeries& s = m_runs[r];
    const EpochStats last = s.epochs.empty() ? EpochStats{} : s.epochs.back();
    // Validation numbers when there is a validation set, else the training set's.
    const RegressionMetrics& m =
        std::isnan(last.validation.loss) && !s.epochs.empty() ? last.train : last.validation;
    const QStringList cells = {s.name,
                               QString::number(last.epoch),
                               shortNumber(last.train.loss),
                               shortNumber(m.loss),
                               shortNumber(m.mae),
                               shortNumber(m.rmse),
                               shortNumber(m.r2)};
    for (int c = 0; c < static_cast<int>(cells.size()); ++c) {
      QTableWidgetItem* item = m_table->item(static_cast<int>(r), c);
      if (!item) {
        item = new QTableWidgetItem;
        m_table->setItem(static_cast<int>(r), c, item);
      }
      item->setText(cells[c]);
      if (c == 0) {
        item->setData(Qt::DecorationRole, s.color);
      } else {
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      }
    }
  }
}

void TrainingView::updateStatus() {
  QString state;
  switch (m_controller->state()) {
    case TrainingController::State::Idle:
      state = tr("Ready");
      break;
    case TrainingController::State::Running:
      state = tr("Training");
      break;
    case TrainingController::State::Paused:
      state = tr("Paused");
      break;
  }
  int epoch = 0;
  for (std::size_t r = 0; r < m_runs.size(); ++r) {
    const int e = m_runs[r].epochs.empty() ? 0 : m_runs[r].epochs.back().epoch;
    epoch = r == 0 ? e : std::min(epoch, e);
  }
  m_status->setText(tr("%1 · epoch %2 of %3").arg(state).arg(epoch).arg(m_controller->epochs()));
}

void TrainingView::replotAll() {
  m_fitPlot->replot(QCustomPlot::rpQueuedReplot);
  m_historyPlot->replot(QCustomPlot::rpQueuedReplot);
  m_residualPlot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace losslab::ui
