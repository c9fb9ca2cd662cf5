// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_view.h"

#include <qcustomplot.h>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/io/csv_reader.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"
#include "ui/common/parameter_panel.h"
#include "ui/common/plot_exporter.h"
#include "ui/common/settings.h"
#include "ui/common/theme.h"
#include "ui/explorer/curve_model.h"

namespace losslab::ui {

namespace {

/// A small legend (font one step down, tight rows, no frame): the plots stay the subject.
void compactLegend(QCPLegend* legend) {
  QFont font = legend->font();
  font.setPointSizeF(std::max(6.0, font.pointSizeF() - 1.5));
  legend->setFont(font);
  legend->setRowSpacing(0);
  legend->setColumnSpacing(10);
  legend->setIconSize(18, 10);
  legend->setMargins(QMargins(5, 1, 5, 1));
  legend->setBorderPen(Qt::NoPen);
  legend->setBrush(Qt::NoBrush);
}

/// Moves the plot's legend out of the axis rect into a row below it (under the axis label), so
/// it never hides a data point. `columns` is the plot layout's column count (the legend row
/// spans the first column only; a colour scale keeps the second).
void legendBelow(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  plot->axisRect()->insetLayout()->take(legend);
  auto* row = new QCPLayoutGrid;
  const int rowIndex = plot->plotLayout()->rowCount();
  plot->plotLayout()->addElement(rowIndex, 0, row);
  plot->plotLayout()->setRowStretchFactor(rowIndex, 0.001);
  plot->plotLayout()->setRowSpacing(0);
  row->addElement(0, 0, legend);
  row->setMargins(QMargins(0, 0, 0, 2));
  // An empty legend (a multi-feature fit in single mode) reports a maximum width of 0, which
  // would squeeze the axis rect above it to its minimum: say "no limit" explicitly (any value
  // below QWIDGETSIZE_MAX replaces the element's own hint).
  row->setMaximumSize(QWIDGETSIZE_MAX - 1, QWIDGETSIZE_MAX);
  legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  legend->setWrap(4);
  compactLegend(legend);
}

/// As many legend columns as the plot's width holds (the widest entry decides), so a narrow
/// plot wraps its legend onto more rows instead of drawing past its edge. Runs before every
/// replot's layout pass (QCustomPlot::beforeReplot).
void fitLegendColumns(QCustomPlot* plot) {
  QCPLegend* legend = plot->legend;
  int widest = 1;
  int items = 0;
  for (int i = 0; i < legend->itemCount(); ++i) {
    if (const QCPAbstractLegendItem* item = legend->item(i)) {  // a grid cell may be empty
      widest = std::max(widest, item->minimumOuterSizeHint().width());
      ++items;
    }
  }
  // Never more columns than entries: empty columns still take their spacing.
  const int available = plot->width() - legend->margins().left() - legend->margins().right();
  const int columns =
      std::clamp((available + legend->columnSpacing()) / (widest + legend->columnSpacing()), 1,
                 std::max(1, items));
  if (columns != legend->wrap()) {
    legend->setWrap(columns);
    legend->setFillOrder(legend->fillOrder(), true);  // re-flow the existing entries
  }
}

/// Legends name a run by its abbreviation: "Mean squared error (MSE) [x=1]" → "MSE [x=1]".
/// Names without an upper-case abbreviation in parentheses stay as they are.
QString legendName(const QString& runName) {
  static const QRegularExpression abbreviation(
      QStringLiteral(R"(^.*\(([A-Z][A-Z0-9]{1,7})\)(.*)$)"));
  const QRegularExpressionMatch match = abbreviation.match(runName);
  return match.hasMatch() ? match.captured(1) + match.captured(2) : runName;
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

/// A command button with a window-wide function-key shortcut (active only while the button is
/// visible, i.e. while this tab is shown) and a tooltip that names its keys. A tool button:
/// as wide as its text (push buttons insist on 80 px, too much for a 900-px window).
QToolButton* commandButton(const QString& text,
                           const QString& help,
                           const QKeySequence& key,
                           const QString& otherKeys,
                           const char* icon,
                           QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setText(text);
  button->setIcon(QIcon::fromTheme(QString::fromLatin1(icon)));
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  button->setShortcut(key);
  QString keys = key.toString(QKeySequence::NativeText);
  if (!otherKeys.isEmpty()) {
    keys = otherKeys + QStringLiteral(", ") + keys;
  }
  button->setToolTip(QStringLiteral("%1 (%2)").arg(help, keys));
  return button;
}

/// A one-line label that elides its end when it gets narrow (the status next to the buttons);
/// its tooltip carries the whole text.
class ElidedLabel : public QLabel {
 public:
  QSize minimumSizeHint() const override {
    return {fontMetrics().horizontalAdvance(QStringLiteral("Paused…")),
            QLabel::minimumSizeHint().height()};
  }

 protected:
  void paintEvent(QPaintEvent* /*event*/) override {
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    const QRect box = contentsRect();
    painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(text(), Qt::ElideRight, box.width()));
  }
};

/// A combo box that does not ask for the width of its longest entry (the controls column
/// stays narrow; the popup still shows whole entries).
void narrowCombo(QComboBox* combo, int characters = 12) {
  combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo->setMinimumContentsLength(characters);
}

}  // namespace

// ---- construction -----------------------------------------------------------------------------

TrainingView::TrainingView(QWidget* parent)
    : QWidget(parent), m_controller(new TrainingController(this)) {
  // Left: the controls in a column that scrolls vertically (so the tab fits a 900×600 window).
  // Right: the command bar, then the plots, which get every pixel the controls do not need.
  auto* controls = new QWidget;
  auto* controlsLayout = new QVBoxLayout(controls);
  controlsLayout->setContentsMargins(0, 0, 4, 0);
  controlsLayout->addWidget(createDataPanel());
  controlsLayout->addWidget(createModelPanel());
  controlsLayout->addWidget(createOptimizerPanel());
  controlsLayout->addWidget(createLossPanel());
  controlsLayout->addStretch(1);
  auto* scroll = new QScrollArea;
  scroll->setWidget(controls);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  const int scrollBar = scroll->verticalScrollBar()->sizeHint().width();
  scroll->setMinimumWidth(controls->minimumSizeHint().width() + scrollBar);
  scroll->setMaximumWidth(controls->sizeHint().width() + scrollBar);
  scroll->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);

  auto* right = new QVBoxLayout;
  right->setContentsMargins(0, 0, 0, 0);
  right->addWidget(createButtons());
  m_trainingMessage = new QLabel;
  m_trainingMessage->setWordWrap(true);
  m_trainingMessage->setVisible(false);
  m_trainingMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_trainingMessage->setTextFormat(Qt::PlainText);
  right->addWidget(m_trainingMessage);
  right->addWidget(createPlots(), 1);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(scroll);
  layout->addLayout(right, 1);

  connect(m_controller, &TrainingController::epochFinished, this, &TrainingView::epochFinished);
  connect(m_controller, &TrainingController::snapshotReady, this, &TrainingView::snapshotReady);
  connect(m_controller, &TrainingController::stateChanged, this, &TrainingView::stateChanged);
  connect(m_controller, &TrainingController::restarted, this, &TrainingView::restarted);
  connect(m_controller, &TrainingController::diverged, this, &TrainingView::showTrainingMessage);
  connect(m_controller, &TrainingController::failed, this, &TrainingView::showTrainingMessage);

  pushConfiguration();
  applyPlotColors();
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
  m_dataset->setToolTip(
      tr("A reproducible synthetic set (drawn from the seed), or an imported "
         "CSV file"));
  narrowCombo(m_dataset);
  form->addRow(tr("Data set:"), m_dataset);

  m_samples = new QSpinBox;
  m_samples->setRange(TrainingSession::kMinSamples, TrainingSession::kMaxSamples);
  m_samples->setValue(500);
  m_samples->setKeyboardTracking(false);
  m_samples->setToolTip(tr("Number of samples drawn (training + validation)"));
  form->addRow(tr("Samples:"), m_samples);

  m_noise = new QDoubleSpinBox;
  m_noise->setDecimals(3);
  m_noise->setRange(0, TrainingSession::kMaxNoise);
  m_noise->setSingleStep(0.05);
  m_noise->setValue(0.1);
  m_noise->setKeyboardTracking(false);
  m_noise->setToolTip(tr("Standard deviation σ of the Gaussian noise added to y"));
  form->addRow(tr("Noise σ:"), m_noise);

  m_outlierFraction = new QSlider(Qt::Horizontal);
  m_outlierFraction->setRange(
      0, static_cast<int>(std::lround(TrainingSession::kMaxOutlierFraction * 100)));
  m_outlierFraction->setToolTip(tr("Share of samples moved by an outlier"));
  m_outlierFractionLabel = new QLabel;
  auto* fractionRow = new QHBoxLayout;
  fractionRow->addWidget(m_outlierFraction, 1);
  fractionRow->addWidget(m_outlierFractionLabel);
  form->addRow(tr("Outliers:"), fractionRow);

  m_outlierMagnitude = new QSlider(Qt::Horizontal);
  m_outlierMagnitude->setRange(
      0, static_cast<int>(std::lround(TrainingSession::kMaxOutlierMagnitude)));
  m_outlierMagnitude->setValue(20);
  m_outlierMagnitude->setToolTip(tr("An outlier adds ± this much to y (sign drawn per sample)"));
  m_outlierMagnitudeLabel = new QLabel;
  auto* magnitudeRow = new QHBoxLayout;
  magnitudeRow->addWidget(m_outlierMagnitude, 1);
  magnitudeRow->addWidget(m_outlierMagnitudeLabel);
  form->addRow(tr("Outlier size:"), magnitudeRow);

  m_validationSplit = new QDoubleSpinBox;
  m_validationSplit->setDecimals(3);
  m_validationSplit->setRange(0, TrainingSession::kMaxValidationSplit);
  m_validationSplit->setSingleStep(0.05);
  m_validationSplit->setValue(0.2);
  m_validationSplit->setKeyboardTracking(false);
  m_validationSplit->setToolTip(tr("Share of the samples held out for validation"));
  form->addRow(tr("Validation split:"), m_validationSplit);

  m_seed = new QLineEdit(QStringLiteral("0"));
  m_seed->setValidator(new QRegularExpressionValidator(
      QRegularExpression(QStringLiteral(R"(^\s*\d{1,16}\s*$)")), m_seed));
  m_seed->setToolTip(
      tr("One seed for the generated data, the initial weights, the split and the shuffling "
         "(as losslab-cli train --seed); a new seed restarts training"));
  form->addRow(tr("Seed:"), m_seed);

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
  connect(m_seed, &QLineEdit::editingFinished, this, &TrainingView::seedEdited);
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
  narrowCombo(m_activation, 8);
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
  narrowCombo(m_optimizer, 8);
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
  m_batchSize->setRange(1, TrainingSession::kMaxBatchSize);
  m_batchSize->setValue(32);
  m_batchSize->setKeyboardTracking(false);
  m_batchSize->setToolTip(tr("Samples per optimizer step"));
  form->addRow(tr("Batch size:"), m_batchSize);

  m_epochs = new QSpinBox;
  m_epochs->setRange(1, TrainingSession::kMaxEpochs);
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
  narrowCombo(m_loss, 14);
  m_lossRole = new QLabel;
  m_lossRole->setBuddy(m_loss);
  layout->addWidget(m_lossRole);
  layout->addWidget(m_loss);
  m_parameters = new ParameterPanel;
  layout->addWidget(m_parameters);

  m_compare = new QCheckBox(tr("Compare losses"));
  m_compare->setToolTip(
      tr("Train 2–4 losses side by side from the same initial weights and batches"));
  layout->addWidget(m_compare);
  m_compareList->setToolTip(tr("The losses compare mode trains (2 to 4)"));
  m_compareList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_compareList->setTextElideMode(Qt::ElideMiddle);
  m_compareList->setMaximumHeight(140);
  layout->addWidget(m_compareList);
  m_focus = new QComboBox;
  m_focus->setToolTip(tr("Whose gradient influence colours the data points"));
  narrowCombo(m_focus, 10);
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
  connect(m_focus, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (m_updating) {
      return;
    }
    m_focusRun = std::max(0, index);
    if (m_hasSnapshot) {
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
  // Ctrl+Return starts and pauses (a toggle, like a player's play key) while the focus is in
  // this tab; the function keys work window-wide while the tab is shown. Not Space: it would
  // steal the key that presses a focused button or ticks a focused box.
  const QString toggleKeys =
      QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
  m_start = commandButton(tr("Start"), tr("Train until the epoch budget is reached"),
                          QKeySequence(Qt::Key_F5), toggleKeys, "media-playback-start", bar);
  m_pause = commandButton(tr("Pause"), tr("Stop at the next optimizer step"),
                          QKeySequence(Qt::Key_F6), toggleKeys, "media-playback-pause", bar);
  m_step = commandButton(tr("Step"), tr("Train exactly one epoch of every run"),
                         QKeySequence(Qt::Key_F10), QString(), "media-skip-forward", bar);
  m_reset = commandButton(tr("Reset"),
                          tr("Back to the initial weights (same seed, same weights) and epoch 0"),
                          QKeySequence(Qt::SHIFT | Qt::Key_F5), QString(), "view-refresh", bar);
  for (const QKeySequence& keys :
       {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
    auto* shortcut = new QShortcut(keys, this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &TrainingView::startOrPause);
  }

  m_sessionButton = new QToolButton(bar);
  m_sessionButton->setText(tr("Session"));
  m_sessionButton->setIcon(QIcon::fromTheme(QStringLiteral("document-open")));
  m_sessionButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_sessionButton->setPopupMode(QToolButton::InstantPopup);
  m_sessionButton->setToolTip(
      tr("Save or open the data, network, optimizer, losses and seed as a JSON session file"));
  auto* sessionMenu = new QMenu(m_sessionButton);
  sessionMenu->setToolTipsVisible(true);
  QAction* openSession =
      sessionMenu->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("Open Session…"),
                             this, &TrainingView::openSessionClicked);
  openSession->setToolTip(tr("Restore a saved session and reset to its initial weights"));
  QAction* saveSession =
      sessionMenu->addAction(QIcon::fromTheme(QStringLiteral("document-save-as")),
                             tr("Save Session…"), this, &TrainingView::saveSessionClicked);
  saveSession->setToolTip(
      tr("Data, network, optimizer, losses with their parameters and the seed as JSON"));
  m_sessionButton->setMenu(sessionMenu);

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
  menu->addSeparator();
  QAction* copyCommand = menu->addAction(tr("Copy as losslab-cli Command"), this, [this] {
    QApplication::clipboard()->setText(cliCommands());
  });
  copyCommand->setToolTip(tr("The command line that trains the same run in a terminal"));
  menu->setToolTipsVisible(true);
  m_export->setMenu(menu);

  m_status = new ElidedLabel;  // a narrow window elides the status, never the buttons
  m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

  row->addWidget(m_start);
  row->addWidget(m_pause);
  row->addWidget(m_step);
  row->addWidget(m_reset);
  row->addSpacing(8);
  row->addWidget(m_status, 1);
  row->addWidget(m_sessionButton);
  row->addWidget(m_export);

  connect(m_start, &QToolButton::clicked, m_controller, &TrainingController::start);
  connect(m_pause, &QToolButton::clicked, m_controller, &TrainingController::pause);
  connect(m_step, &QToolButton::clicked, m_controller, &TrainingController::step);
  connect(m_reset, &QToolButton::clicked, m_controller, &TrainingController::reset);
  return bar;
}

void TrainingView::startOrPause() {
  if (m_controller->state() == TrainingController::State::Running) {
    m_pause->animateClick();
  } else if (m_start->isEnabled()) {
    m_start->animateClick();
  }
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
    connect(p, &QCustomPlot::beforeReplot, p, [p] { fitLegendColumns(p); });
  }
  m_fitPlot->setMinimumSize(260, 180);
  m_historyPlot->setMinimumSize(220, 110);
  m_residualPlot->setMinimumSize(220, 90);
  m_fitPlot->installEventFilter(this);  // the colour scale's tooltip

  auto* history = new QWidget;
  auto* historyLayout = new QVBoxLayout(history);
  historyLayout->setContentsMargins(0, 0, 0, 0);
  historyLayout->setSpacing(2);
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
  m_smoothing->setMinimumWidth(40);
  m_smoothing->setToolTip(
      tr("Smoothing: exponential moving average as in TensorBoard (debiased); the raw series "
         "stays faint"));
  m_smoothingLabel = new QLabel;
  m_smoothingLabel->setToolTip(m_smoothing->toolTip());
  auto* smoothingName = new QLabel(tr("Smooth:"));
  smoothingName->setToolTip(m_smoothing->toolTip());
  smoothingName->setBuddy(m_smoothing);
  historyBar->addWidget(m_historyMetric);
  historyBar->addWidget(m_logHistory);
  historyBar->addWidget(smoothingName);
  historyBar->addWidget(m_smoothing, 1);
  historyBar->addWidget(m_smoothingLabel);
  historyLayout->addLayout(historyBar);
  historyLayout->addWidget(m_historyPlot, 1);

  // The runs train in lock-step, so their epoch is the status bar's (and each name's tooltip).
  m_table = new QTableWidget(0, 6);
  const QStringList headers = {tr("Loss"),     tr("Train loss"), tr("Val. loss"),
                               tr("Val. MAE"), tr("Val. RMSE"),  tr("Val. R²")};
  const QStringList headerTips = {
      tr("The loss each run trains with (full name and epoch in the cell's tooltip)"),
      tr("The loss on the whole training set"),
      tr("The loss on the validation set (training set when the split is 0)"),
      tr("Mean absolute error on the validation set"),
      tr("Root mean squared error on the validation set"),
      tr("Coefficient of determination on the validation set")};
  for (int c = 0; c < static_cast<int>(headers.size()); ++c) {
    auto* header = new QTableWidgetItem(headers[c]);
    header->setToolTip(headerTips[c]);
    m_table->setHorizontalHeaderItem(c, header);
  }
  QHeaderView* header = m_table->horizontalHeader();
  header->setSectionResizeMode(QHeaderView::ResizeToContents);
  header->setSectionResizeMode(0, QHeaderView::Fixed);  // fitTableColumns()
  header->setStretchLastSection(false);
  header->setMinimumSectionSize(24);
  m_table->installEventFilter(this);  // re-fit the columns on resize
  // "Mean squ…or (MSE)": the middle goes, the abbreviation at the end stays readable.
  m_table->setTextElideMode(Qt::ElideMiddle);
  m_table->setWordWrap(false);
  m_table->verticalHeader()->setVisible(false);
  m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  m_table->setMinimumHeight(60);
  m_table->setToolTip(tr("Latest metrics of every run (validation set; training set if empty)"));

  // The fit is the picture that teaches (which points pull the curve): it gets the left ~55 %
  // at full height; history, residuals and the compare table share the rest.
  auto* right = new QSplitter(Qt::Vertical);
  right->setChildrenCollapsible(false);
  right->addWidget(history);
  right->addWidget(m_residualPlot);
  right->addWidget(m_table);
  right->setStretchFactor(0, 5);
  right->setStretchFactor(1, 3);
  right->setStretchFactor(2, 2);
  right->setSizes({500, 300, 200});
  auto* split = new QSplitter(Qt::Horizontal);
  split->setChildrenCollapsible(false);
  split->addWidget(m_fitPlot);
  split->addWidget(right);
  split->setStretchFactor(0, 57);
  split->setStretchFactor(1, 43);
  split->setSizes({570, 430});

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
  m_outlierRings->setName(tr("injected outliers"));
  m_truth = p->addGraph();
  m_truth->setName(tr("noise-free function"));
  m_diagonal = new QCPItemStraightLine(p);
  m_diagonal->point1->setCoords(0, 0);
  m_diagonal->point2->setCoords(1, 1);
  m_diagonal->setVisible(false);

  m_colorScale = new QCPColorScale(p);
  m_colorScale->setType(QCPAxis::atRight);
  m_colorScale->setGradient(gradient);
  m_colorScale->setBarWidth(8);
  // Short label; the tooltip says what it is and whose loss (colorScaleToolTip()).
  m_colorScale->axis()->setLabel(tr("|∂L/∂ŷ|"));
  m_colorScale->setDataRange(QCPRange(0, 1));
  m_colorScaleToolTip =
      tr("Gradient influence |∂L/∂ŷᵢ| of each training point: how hard it pulls on the fit "
         "(0 to the largest value in this epoch)");
  p->plotLayout()->addElement(0, 1, m_colorScale);
  auto* margins = new QCPMarginGroup(p);
  p->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  m_colorScale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
  p->legend->setVisible(true);
  legendBelow(p);
}

void TrainingView::setupHistoryPlot() {
  QCustomPlot* p = m_historyPlot;
  p->xAxis->setLabel(tr("epoch"));
  p->yAxis->setLabel(tr("loss"));
  p->legend->setVisible(true);
  legendBelow(p);
  // Line styles once for all runs (the colours name the runs): solid train, dashed validation.
  m_trainKey = p->addGraph();
  m_trainKey->setName(tr("train"));
  m_validationKey = p->addGraph();
  m_validationKey->setName(tr("validation"));
}

void TrainingView::setupResidualPlot() {
  m_residualPlot->xAxis->setLabel(tr("residual ŷ − y (training set)"));
  m_residualPlot->yAxis->setLabel(tr("samples"));
  m_residualPlot->legend->setVisible(false);
  legendBelow(m_residualPlot);
}

void TrainingView::applyPlotColors() {
  // The plots follow the palette (light or dark theme) as the explorer's plot does.
  const QPalette pal = palette();
  const bool dark = isDarkPalette(pal);
  const QColor background = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::WindowText);
  QColor grid = text;
  grid.setAlpha(dark ? 45 : 35);
  QColor zero = text;
  zero.setAlpha(110);
  QColor guide = text;  // noise-free function, y = ŷ diagonal, outlier rings
  guide.setAlpha(dark ? 170 : 150);
  QColor subtle = text;
  subtle.setAlpha(140);
  for (QCustomPlot* p : {m_fitPlot, m_historyPlot, m_residualPlot}) {
    p->setBackground(pal.color(QPalette::Window));
    p->axisRect()->setBackground(background);
    QList<QCPAxis*> axes = p->axisRect()->axes();
    if (p == m_fitPlot) {
      axes.push_back(m_colorScale->axis());
    }
    for (QCPAxis* axis : axes) {
      axis->setBasePen(QPen(text, 1));
      axis->setTickPen(QPen(text, 1));
      axis->setSubTickPen(QPen(text, 1));
      axis->setTickLabelColor(text);
      axis->setLabelColor(text);
      axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
      axis->grid()->setZeroLinePen(QPen(zero, 1));
    }
    p->legend->setTextColor(text);
    p->replot(QCustomPlot::rpQueuedReplot);
  }
  m_outlierRings->setScatterStyle(
      QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(guide, 1), Qt::NoBrush, 10));
  m_truth->setPen(QPen(guide, 1.5, Qt::DashLine));
  m_diagonal->setPen(QPen(guide, 1.5, Qt::DashLine));
  m_trainKey->setPen(QPen(subtle, 2));
  m_validationKey->setPen(QPen(subtle, 2, Qt::DashLine));
}

void TrainingView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
    applyPlotColors();
    updateMessageColors();
  }
  QWidget::changeEvent(event);
}

bool TrainingView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_table && event->type() == QEvent::Resize) {
    fitTableColumns();
  }
  if (watched == m_fitPlot && event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    if (m_colorScale->outerRect().contains(help->pos())) {
      QToolTip::showText(help->globalPos(), m_colorScaleToolTip, m_fitPlot);
    } else {
      QToolTip::hideText();
    }
    return true;
  }
  return QWidget::eventFilter(watched, event);
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
  m_lossParams[QString::fromLatin1(kDefaultLoss)] = m_parameters->values();
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
  // The controller emits every epoch and the final snapshot before it returns, so history,
  // fit, histogram and table hold the trained state; the plots are laid out and drawn now
  // (not at the next event loop pass) so that a grab() right after shows them.
  const bool ok = m_controller->trainEpochsBlocking(epochs);
  for (QCustomPlot* p : {m_fitPlot, m_historyPlot, m_residualPlot}) {
    p->replot(QCustomPlot::rpImmediateRefresh);
  }
  return ok;
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
  m_focusRun = 0;  // the points show MSE's pull: the lesson
  m_updating = false;
  setLogHistory(true);  // MSE's loss is ~20× the others': a log axis shows all three
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
  Dataset set;
  QString error;
  if (!readTable(path, &table, &error) || !tableDataset(table, target, features, &set, &error)) {
    showDataMessage(error, true);
    return false;
  }
  if (!useDataset(set, QFileInfo(path).fileName())) {
    return false;
  }
  m_importedPath = QFileInfo(path).absoluteFilePath();
  m_importedTarget = target;
  m_importedFeatures = features;
  return true;
}

ParamValues TrainingView::lossParams(const QString& id) const {
  // The current loss's entry is kept equal to what the sliders show (lossChosen,
  // lossParametersChanged); a loss never shown has its defaults.
  const auto it = m_lossParams.find(id);
  return it == m_lossParams.end() ? ParamValues{} : it->second;
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
  const QString current = m_loss->currentData().toString();
  s.loss = {current, lossParams(current)};
  s.compare = compareMode();
  s.compareLosses.clear();
  const QStringList compared = compareLosses();
  for (const QString& id : compared) {
    s.compareLosses.push_back({id, lossParams(id)});
  }
  s.focus = compared.isEmpty()
                ? QString()
                : compared[std::clamp<qsizetype>(m_focusRun, 0, compared.size() - 1)];
  return s;
}

bool TrainingView::applySession(const TrainingSession& s,
                                QString* error,
                                const QString& baseDirectory) {
  auto fail = [error](const QString& key, const QString& message) {
    if (error) {
      *error = key.isEmpty() ? message : QStringLiteral("\"%1\": %2").arg(key, message);
    }
    return false;
  };
  // ---- check everything first: a session that cannot be applied changes nothing ----
  // Types and ranges: the file reader's checks, on this struct (one set of rules).
  QString problem;
  if (!sessionFromJson(sessionToJson(s), &problem)) {
    return fail({}, problem);
  }
  const bool csv = s.dataset == QLatin1String("csv");
  DatasetKind kind = DatasetKind::Sine;
  Activation activation = Activation::Relu;
  try {
    if (!csv) {
      kind = parseDatasetKind(s.dataset.toStdString());
    }
    activation = parseActivation(s.activation.toStdString());
  } catch (const Error& e) {
    return fail({}, QString::fromStdString(e.what()));
  }
  int optimizerIndex = -1;
  for (int i = 0; i < m_optimizer->count(); ++i) {
    if (QString::fromStdString(optimizerName(
            static_cast<OptimizerKind>(m_optimizer->itemData(i).toInt()))) == s.optimizer) {
      optimizerIndex = i;
    }
  }
  if (optimizerIndex < 0) {
    return fail(QStringLiteral("optimizer.kind"), tr("unknown optimizer \"%1\"").arg(s.optimizer));
  }
  // Every loss: known, trainable here, and its parameters valid.
  auto checkLoss = [&](const SessionLoss& loss, const QString& key) {
    if (m_loss->findData(loss.id) < 0) {
      QString why;
      try {
        why = TrainingController::whyNotTrainable(lossInfo(loss.id));
      } catch (const Error& e) {
        why = QString::fromStdString(e.what());  // unknown: names the closest ids
      }
      problem =
          QStringLiteral("\"%1.id\": %2")
              .arg(key,
                   why.isEmpty() ? tr("the loss \"%1\" cannot be trained here").arg(loss.id) : why);
      return false;
    }
    QString why;
    if (!createLoss(loss.id, loss.params, &why)) {
      problem = QStringLiteral("\"%1.params\": %2").arg(key, why);
      return false;
    }
    return true;
  };
  if (!checkLoss(s.loss, QStringLiteral("loss"))) {
    return fail({}, problem);
  }
  for (std::size_t i = 0; i < s.compareLosses.size(); ++i) {
    if (!checkLoss(s.compareLosses[i], QStringLiteral("compare.losses[%1]").arg(i))) {
      return fail({}, problem);
    }
  }
  Dataset imported;
  QString csvPath = s.csvPath;
  if (csv) {
    if (QFileInfo(csvPath).isRelative() && !baseDirectory.isEmpty()) {
      csvPath = QDir(baseDirectory).filePath(csvPath);
    }
    NumericTable table;
    if (!readTable(csvPath, &table, &problem) ||
        !tableDataset(table, s.csvTarget, s.csvFeatures, &imported, &problem)) {
      return fail(QStringLiteral("data.csv_path"), problem);
    }
    imported.name = QFileInfo(csvPath).fileName().toStdString();
  }

  // ---- apply: the widgets quietly (m_updating), then the controller once, then a reset ----
  m_updating = true;
  m_samples->setValue(s.samples);
  m_noise->setValue(s.noise);
  m_outlierFraction->setValue(static_cast<int>(std::lround(s.outlierFraction * 100)));
  m_outlierMagnitude->setValue(static_cast<int>(std::lround(s.outlierMagnitude)));
  m_validationSplit->setValue(s.validationSplit);
  if (!csv) {
    m_dataset->setCurrentIndex(m_dataset->findData(static_cast<int>(kind)));
  }
  m_seed->setText(QString::number(s.seed));
  QStringList widths;
  for (int width : s.hidden) {
    widths << QString::number(width);
  }
  m_hidden->setText(widths.join(QLatin1Char(',')));
  m_activation->setCurrentIndex(m_activation->findData(static_cast<int>(activation)));
  m_optimizer->setCurrentIndex(optimizerIndex);
  m_batchSize->setValue(s.batchSize);
  m_epochs->setValue(s.epochs);
  for (const SessionLoss& loss : s.compareLosses) {
    m_lossParams[loss.id] = loss.params;
  }
  m_lossParams[s.loss.id] = s.loss.params;
  m_loss->setCurrentIndex(m_loss->findData(s.loss.id));
  m_parameters->setParameters(lossInfo(s.loss.id).params, s.loss.params);
  m_lossParams[s.loss.id] = m_parameters->values();
  QStringList compared;
  for (const SessionLoss& loss : s.compareLosses) {
    compared << loss.id;
  }
  for (int i = 0; i < m_compareList->count(); ++i) {
    QListWidgetItem* item = m_compareList->item(i);
    item->setCheckState(compared.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                               : Qt::Unchecked);
  }
  m_compare->setChecked(s.compare);
  m_focusRun = static_cast<int>(std::max<qsizetype>(0, compareLosses().indexOf(s.focus)));
  m_updating = false;
  m_outlierFractionLabel->setText(tr("%1 %").arg(m_outlierFraction->value()));
  m_outlierMagnitudeLabel->setText(QString::number(m_outlierMagnitude->value()));
  setLearningRateExactly(s.learningRate);

  QString ignored;  // checked above; the controller's own checks agree
  m_controller->setValidationSplit(m_validationSplit->value(), &ignored);
  if (csv) {
    useDataset(imported, QFileInfo(csvPath).fileName());
    m_importedPath = QFileInfo(csvPath).absoluteFilePath();
    m_importedTarget = s.csvTarget;
    m_importedFeatures = s.csvFeatures;
  } else {
    m_controller->setDataset(syntheticOptions(), &ignored);
    showDataMessage(QString(), false);
  }
  m_controller->setSeed(s.seed, &ignored);  // regenerates a synthetic set from the new seed
  MlpOptions model = m_controller->model();
  model.hidden.assign(s.hidden.begin(), s.hidden.end());
  model.hiddenActivation = activation;
  m_controller->setModel(model, &ignored);
  OptimizerOptions optimizer = m_controller->optimizer();
  optimizer.kind = static_cast<OptimizerKind>(m_optimizer->currentData().toInt());
  optimizer.setLearningRate(s.learningRate);
  m_controller->setOptimizer(optimizer, &ignored);
  m_controller->setBatchSize(s.batchSize, &ignored);
  m_controller->setEpochs(s.epochs);
  if (s.compare) {
    m_controller->setLosses(compareLossPtrs(&ignored), &ignored);
  } else {
    m_controller->setLoss(createLoss(s.loss.id, s.loss.params, &ignored), &ignored);
  }
  m_controller->reset();  // every run from the seed's weights, epoch 0
  m_trainingMessage->setVisible(false);
  updateCompareWidgets();
  updateDataControls();
  dataChanged();
  return true;
}

bool TrainingView::saveSession(const QString& path, QString* error) const {
  QSaveFile file(path);
  const QByteArray json = sessionToJson(session());
  if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
    if (error) {
      *error = tr("%1: cannot write: %2").arg(QFileInfo(path).fileName(), file.errorString());
    }
    return false;
  }
  return true;
}

bool TrainingView::loadSession(const QString& path, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) {
      *error = tr("%1: cannot read: %2").arg(QFileInfo(path).fileName(), file.errorString());
    }
    return false;
  }
  QString problem;
  const std::optional<TrainingSession> loaded = sessionFromJson(file.readAll(), &problem);
  if (!loaded || !applySession(*loaded, &problem, QFileInfo(path).absolutePath())) {
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
  for (const SessionLoss& loss :
       current.compare ? current.compareLosses : std::vector<SessionLoss>{current.loss}) {
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
      QDir(Settings::exportDirectory()).filePath(QStringLiteral("training.losslab.json")),
      tr("LossLab session (*.json)"));
  if (path.isEmpty()) {
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  QString error;
  if (!saveSession(path, &error)) {
    QMessageBox::warning(this, tr("Save Session"), error);
  }
}

void TrainingView::openSessionClicked() {
  const QString path =
      QFileDialog::getOpenFileName(this, tr("Open Session"), Settings::exportDirectory(),
                                   tr("LossLab session (*.json);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  Settings::setExportDirectory(QFileInfo(path).absolutePath());
  QString error;
  if (!loadSession(path, &error)) {
    QMessageBox::warning(this, tr("Open Session"),
                         tr("The session was not opened; nothing changed.\n%1").arg(error));
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
  Dataset set;
  if (!tableDataset(table, target, features, &set, &error)) {
    showDataMessage(error, true);
    QMessageBox::warning(this, tr("Import CSV"), error);
    return;
  }
  if (!useDataset(set, QFileInfo(path).fileName())) {
    QMessageBox::warning(this, tr("Import CSV"), dataMessage());
    return;
  }
  m_importedPath = QFileInfo(path).absoluteFilePath();
  m_importedTarget = target;
  m_importedFeatures = features;
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

bool TrainingView::tableDataset(const NumericTable& table,
                                const QString& target,
                                const QStringList& features,
                                Dataset* set,
                                QString* error) const {
  if (table.columns.empty()) {
    *error = tr("The file has no columns; the current data set is kept.");
    return false;
  }
  const std::string targetName = target.isEmpty() ? table.columns.back() : target.toStdString();
  std::vector<std::string> featureNames;
  for (const QString& feature : features) {
    featureNames.push_back(feature.toStdString());
  }
  try {
    *set = datasetFromTable(table, featureNames, targetName);
  } catch (const Error& e) {
    *error = tr("Could not use the file; the current data set is kept.\n%1")
                 .arg(QString::fromStdString(e.what()));
    return false;
  }
  return true;
}

bool TrainingView::useDataset(const Dataset& imported, const QString& name) {
  Dataset set = imported;
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

void TrainingView::seedEdited() {
  bool ok = false;
  const std::uint64_t seed = m_seed->text().trimmed().toULongLong(&ok);
  if (!ok || seed > TrainingSession::kMaxSeed) {
    showTrainingMessage(
        tr("The seed must be a whole number from 0 to %1.").arg(TrainingSession::kMaxSeed));
    m_seed->setText(QString::number(m_controller->seed()));
    return;
  }
  m_seed->setText(QString::number(seed));
  if (m_updating || seed == m_controller->seed()) {
    return;
  }
  QString error;
  if (!m_controller->setSeed(seed, &error)) {
    showTrainingMessage(error);
    m_seed->setText(QString::number(m_controller->seed()));
    return;
  }
  dataChanged();
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
  const bool tooBig =
      model.hidden.size() > static_cast<std::size_t>(TrainingSession::kMaxHiddenLayers) ||
      std::any_of(model.hidden.begin(), model.hidden.end(), [](Eigen::Index width) {
        return width < 1 || width > TrainingSession::kMaxHiddenWidth;
      });
  if (tooBig) {
    showTrainingMessage(tr("The network takes at most %1 hidden layers of 1 to %2 units.")
                            .arg(TrainingSession::kMaxHiddenLayers)
                            .arg(TrainingSession::kMaxHiddenWidth));
    QStringList widths;  // back to the network in use
    for (Eigen::Index width : m_controller->model().hidden) {
      widths << QString::number(width);
    }
    m_hidden->setText(widths.join(QLatin1Char(',')));
    return;
  }
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
  item->setToolTip(summary.isEmpty() ? name : QStringLiteral("%1: %2").arg(name, summary));
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
    m_parameters->setParameters(lossInfo(id).params, lossParams(id));
  } catch (const Error& e) {
    showTrainingMessage(QString::fromStdString(e.what()));
    return;
  }
  m_lossParams[id] = m_parameters->values();
  if (m_updating || compareMode()) {
    return;  // compare mode: the sliders now edit this loss's parameters
  }
  QString error;
  LossPtr loss = createLoss(id, m_parameters->values(), &error);
  if (!loss || !m_controller->setLoss(loss, &error)) {
    showTrainingMessage(error);
  }
}

void TrainingView::lossParametersChanged(const losslab::ParamValues& values) {
  const QString id = m_loss->currentData().toString();
  m_lossParams[id] = values;
  if (m_updating) {
    return;
  }
  QString error;
  if (compareMode()) {
    // The run of this loss (if it is compared) swaps to the new parameters at the next step.
    if (compareLosses().contains(id)) {
      const std::vector<LossPtr> losses = compareLossPtrs(&error);
      if (losses.empty() || !m_controller->setLosses(losses, &error)) {
        showTrainingMessage(error);
      }
    }
    return;
  }
  LossPtr loss = createLoss(id, values, &error);
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
    LossPtr loss = createLoss(id, lossParams(id), error);
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
      m_updating = true;  // stay in single mode: what is shown is what trains
      m_compare->setChecked(false);
      m_updating = false;
      updateCompareWidgets();
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
  // 2 to 4 while compare mode is on (so that what is shown is what trains, and a saved session
  // loads again); at most 4 ticked at any time.
  const bool tooMany = ids.size() > TrainingController::kMaxRuns;
  const bool tooFew = compareMode() && ids.size() < 2 && item->checkState() == Qt::Unchecked;
  if (tooMany || tooFew) {
    m_updating = true;
    item->setCheckState(tooMany ? Qt::Unchecked : Qt::Checked);
    m_updating = false;
    showTrainingMessage(
        tr("Compare mode trains 2 to %1 losses.").arg(TrainingController::kMaxRuns));
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
  // Compare mode keeps the loss box and the sliders: they set the parameters of the chosen
  // loss, which its run (if that loss is ticked) picks up at the next step.
  m_lossRole->setText(on ? tr("Parameters of:") : tr("Loss to train:"));
  m_loss->setToolTip(on ? tr("Whose parameters the sliders below set; the losses that train are "
                             "the ticked ones")
                        : tr("The loss the network is trained with; changes apply at the next "
                             "step"));
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
  // Antialiased 2-px history lines (thousands of short segments) cost ~5 ms a frame, most of the
  // GUI thread's time at 60 frames a second: while training runs they are drawn aliased (as
  // QCustomPlot does while dragging), and smooth again once it stops.
  m_historyPlot->setNotAntialiasedElements(running ? QCP::AntialiasedElements(QCP::aePlottables)
                                                   : QCP::AntialiasedElements(QCP::aeNone));
  if (!running) {
    m_historyPlot->replot(QCustomPlot::rpQueuedReplot);
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

void TrainingView::updateMessageColors() {
  // The error colour for the palette in use (light or dark theme, ≥ 4.5:1 on either); it is
  // set on the labels' palettes, so a theme change recolours them (changeEvent).
  const QColor error = errorColor(palette());
  QPalette message = m_trainingMessage->palette();
  message.setColor(QPalette::WindowText, error);
  m_trainingMessage->setPalette(message);
  QPalette dataPalette = m_dataMessage->palette();
  dataPalette.setColor(QPalette::WindowText,
                       m_dataMessageIsError ? error : palette().color(QPalette::WindowText));
  m_dataMessage->setPalette(dataPalette);
}

void TrainingView::showTrainingMessage(const QString& message) {
  m_trainingMessage->setText(message);
  m_trainingMessage->setVisible(!message.isEmpty());
  updateMessageColors();
}

void TrainingView::showDataMessage(const QString& text, bool error) {
  m_dataMessage->setText(text);
  m_dataMessageIsError = error;
  updateMessageColors();
}

// ---- plots --------------------------------------------------------------------------------------

void TrainingView::ensureRuns(const QStringList& names) {
  if (m_runs.size() == static_cast<std::size_t>(names.size())) {
    for (std::size_t r = 0; r < m_runs.size(); ++r) {
      RunSeries& s = m_runs[r];
      if (s.name != names[static_cast<qsizetype>(r)]) {
        s.name = names[static_cast<qsizetype>(r)];
        s.trainSmooth->setName(legendName(s.name));
        s.fit->setName(legendName(s.name));
        s.residuals->setName(legendName(s.name));
        m_updating = true;
        m_focus->setItemText(static_cast<int>(r), s.name);
        m_focus->setItemData(static_cast<int>(r), s.name, Qt::ToolTipRole);
        m_updating = false;
      }
    }
    return;
  }
  clearRuns();
  m_updating = true;
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
    s.trainSmooth->setName(legendName(s.name));  // the colour names the run
    s.validationRaw = m_historyPlot->addGraph();
    s.validationRaw->setPen(QPen(faint, 1, Qt::DashLine));
    s.validationRaw->removeFromLegend();
    s.validationSmooth = m_historyPlot->addGraph();
    s.validationSmooth->setPen(QPen(s.color, 2, Qt::DashLine));
    s.validationSmooth->removeFromLegend();  // the "validation" key says: dashed
    s.fit = m_fitPlot->addGraph();
    s.fit->setPen(QPen(s.color, 2.5));
    s.fit->setName(legendName(s.name));
    s.residuals = new QCPBars(m_residualPlot->xAxis, m_residualPlot->yAxis);
    QColor fill = s.color;
    fill.setAlpha(names.size() > 1 ? 90 : 150);
    s.residuals->setBrush(fill);
    s.residuals->setPen(QPen(s.color.darker(120)));
    s.residuals->setName(legendName(s.name));
    m_runs.push_back(s);
    m_focus->addItem(s.name);
    m_focus->setItemData(static_cast<int>(r), s.name, Qt::ToolTipRole);
  }
  m_focus->setCurrentIndex(std::clamp(m_focusRun, 0, std::max(0, m_focus->count() - 1)));
  m_updating = false;
  // The line-style keys after the runs' names.
  m_trainKey->removeFromLegend();
  m_validationKey->removeFromLegend();
  m_trainKey->addToLegend();
  m_validationKey->addToLegend();
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
  m_colorScaleToolTip =
      tr("Gradient influence |∂L/∂ŷᵢ| of each training point under %1: how hard the point "
         "pulls on the fit (0 to the largest value in this epoch, %2)")
          .arg(f.name, shortNumber(top));

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
        // The cell elides long names in the middle; the tooltip has it all.
        item->setToolTip(tr("%1\nepoch %2").arg(s.name).arg(last.epoch));
      } else {
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      }
    }
  }
  fitTableColumns();
}

void TrainingView::fitTableColumns() {
  // The numbers keep their natural widths; the loss names get what is left (at least a few
  // characters, elided in the middle) instead of pushing the numbers out of sight. Only when
  // even that does not fit (a narrow window) does the table scroll sideways.
  QHeaderView* header = m_table->horizontalHeader();
  int numbers = 0;
  for (int c = 1; c < m_table->columnCount(); ++c) {
    numbers += header->sectionSize(c);
  }
  const int minimum = fontMetrics().horizontalAdvance(QStringLiteral("Mean …(MSE)")) + 28;
  const int available = m_table->width() - 2 * m_table->frameWidth();
  header->resizeSection(0, std::max(minimum, available - numbers));
  // As tall as its rows (the splitter gives the rest to the plots).
  int height = header->sizeHint().height() + 2 * m_table->frameWidth() +
               m_table->verticalHeader()->length() + 2;
  if (minimum + numbers > available) {
    height += m_table->horizontalScrollBar()->sizeHint().height();
  }
  m_table->setMaximumHeight(std::max(m_table->minimumHeight(), height));
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
  m_status->setText(tr("%1 · %2/%3 epochs").arg(state).arg(epoch).arg(m_controller->epochs()));
  m_status->setToolTip(tr("%1: %2 of %3 epochs (the Epochs budget) trained since the last reset")
                           .arg(state)
                           .arg(epoch)
                           .arg(m_controller->epochs()));
}

void TrainingView::replotAll() {
  m_fitPlot->replot(QCustomPlot::rpQueuedReplot);
  m_historyPlot->replot(QCustomPlot::rpQueuedReplot);
  m_residualPlot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace losslab::ui
