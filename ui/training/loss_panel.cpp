// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/loss_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/engine_text.h"
#include "ui/common/loss_factory.h"
#include "ui/common/parameter_panel.h"
#include "ui/training/training_config_model.h"
#include "ui/training/training_controller.h"

namespace losslab::ui {

namespace {

void narrow(QComboBox* combo, int characters) {
  combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo->setMinimumContentsLength(characters);
}

QString displayName(const LossChoice& loss) {
  try {
    return engineText(createLoss(loss)->info().name);
  } catch (const Error&) {
    return QString::fromStdString(loss.id);
  }
}

/// In compare mode the sliders set the parameters of a loss that trains: when the loss they
/// were for is not ticked (any more), they move to the first ticked one.
void keepParametersOfATrainingLoss(TrainingConfig& c) {
  const bool trains = std::any_of(c.compareLosses.begin(), c.compareLosses.end(),
                                  [&](const LossChoice& loss) { return loss.id == c.loss.id; });
  if (c.compare && !trains && !c.compareLosses.empty()) {
    c.loss = c.compareLosses.front();
  }
}

}  // namespace

LossPanel::LossPanel(TrainingConfigModel* model, QWidget* parent)
    : QGroupBox(tr("Loss"), parent), m_model(model) {
  auto* layout = new QVBoxLayout(this);
  m_loss = new QComboBox;
  m_loss->setObjectName(QStringLiteral("loss"));
  narrow(m_loss, 14);
  m_role = new QLabel;
  m_role->setBuddy(m_loss);
  m_parameters = new ParameterPanel;
  m_compare = new QCheckBox(tr("Compare losses"));
  m_compare->setToolTip(
      tr("Train 2–4 losses side by side from the same initial weights and batches"));
  m_compareList = new QListWidget;
  m_compareList->setObjectName(QStringLiteral("compareLosses"));
  m_compareList->setToolTip(tr("The losses compare mode trains (2 to 4)"));
  m_compareList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_compareList->setTextElideMode(Qt::ElideMiddle);
  m_compareList->setMaximumHeight(140);
  m_focus = new QComboBox;
  m_focus->setToolTip(tr("Whose gradient influence colours the data points"));
  narrow(m_focus, 10);
  auto* focusRow = new QFormLayout;
  focusRow->addRow(tr("Colour points by:"), m_focus);
  layout->addWidget(m_role);
  layout->addWidget(m_loss);
  layout->addWidget(m_parameters);
  layout->addWidget(m_compare);
  layout->addWidget(m_compareList);
  layout->addLayout(focusRow);
  rebuildChoices();

  connect(m_loss, &QComboBox::currentIndexChanged, this, &LossPanel::lossChosen);
  connect(m_parameters, &ParameterPanel::parametersChanged, this,
          [this](const ParamValues& values) {
            QString error;
            if (!m_updating && !m_model->setLossParams(m_model->config().loss.id, values, &error)) {
              emit refused(error);
            }
          });
  connect(m_compare, &QCheckBox::toggled, this, [this](bool on) {
    request([on](TrainingConfig& c) {
      c.compare = on;
      keepParametersOfATrainingLoss(c);
    });
  });
  connect(m_compareList, &QListWidget::itemChanged, this, &LossPanel::compareItemChanged);
  connect(m_focus, &QComboBox::currentIndexChanged, this, [this] {
    const std::string id = m_focus->currentData().toString().toStdString();
    request([id](TrainingConfig& c) { c.focus = id; });
  });
  connect(&CustomLossLibrary::instance(), &CustomLossLibrary::changed, this, [this] {
    rebuildChoices();  // the user's formulas come and go; every selection is the model's
    showConfig(m_model->config());
  });
  connect(m_model, &TrainingConfigModel::changed, this, &LossPanel::showConfig);
  showConfig(m_model->config());
}

QStringList LossPanel::choices() const {
  QStringList ids;
  for (int i = 0; i < m_loss->count(); ++i) {
    ids << m_loss->itemData(i).toString();
  }
  return ids;
}

void LossPanel::addChoice(const QString& id, const QString& name, const QString& summary) {
  m_loss->addItem(name, id);
  m_loss->setItemData(m_loss->count() - 1, summary, Qt::ToolTipRole);
  auto* item = new QListWidgetItem(name, m_compareList);
  item->setData(Qt::UserRole, id);
  item->setToolTip(summary.isEmpty() ? name : QStringLiteral("%1: %2").arg(name, summary));
  item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
  item->setCheckState(Qt::Unchecked);
}

void LossPanel::rebuildChoices() {
  m_updating = true;
  m_loss->clear();
  m_compareList->clear();
  // The catalogue's losses whose natural picture is a residual and that can train.
  for (const LossRegistry::Entry& entry : LossRegistry::instance().entries()) {
    if (entry.info.curve == CurveKind::Residual &&
        TrainingController::whyNotTrainable(entry.info).isEmpty()) {
      addChoice(QString::fromStdString(entry.info.id), engineText(entry.info.name),
                engineText(entry.info.summary));
    }
  }
  for (const CustomLoss& custom : CustomLossLibrary::instance().entries()) {
    try {
      if (!TrainingController::whyNotTrainable(lossInfo(customLossId(custom.name))).isEmpty()) {
        continue;
      }
    } catch (const Error&) {
      continue;  // a stored formula that no longer parses: the formula dock says why
    }
    addChoice(customLossId(custom.name), tr("%1 (custom)").arg(custom.name), custom.source);
  }
  m_updating = false;
}

void LossPanel::showConfig(const TrainingConfig& c) {
  m_updating = true;
  // Formula losses a session brought that the library does not hold get an entry of their own.
  std::vector<LossChoice> all = c.compareLosses;
  all.push_back(c.loss);
  for (const LossChoice& loss : all) {
    if (m_loss->findData(QString::fromStdString(loss.id)) < 0) {
      addChoice(QString::fromStdString(loss.id), tr("%1 (from the session)").arg(displayName(loss)),
                QString::fromStdString(loss.formula));
    }
  }
  m_loss->setCurrentIndex(m_loss->findData(QString::fromStdString(c.loss.id)));
  try {
    m_parameters->setParameters(createLoss(c.loss)->info().params, c.loss.params);
  } catch (const Error&) {
    m_parameters->clear();
  }
  m_compare->setChecked(c.compare);
  for (int i = 0; i < m_compareList->count(); ++i) {
    QListWidgetItem* item = m_compareList->item(i);
    const std::string id = item->data(Qt::UserRole).toString().toStdString();
    const bool ticked = std::any_of(c.compareLosses.begin(), c.compareLosses.end(),
                                    [&](const LossChoice& loss) { return loss.id == id; });
    item->setCheckState(ticked ? Qt::Checked : Qt::Unchecked);
  }
  m_focus->clear();
  for (const LossChoice& loss : c.compareLosses) {
    m_focus->addItem(displayName(loss), QString::fromStdString(loss.id));
  }
  m_focus->setCurrentIndex(m_focus->findData(QString::fromStdString(c.focus)));
  // Compare mode keeps the loss box and the sliders: they set the parameters of the chosen
  // loss, which its run (if that loss is ticked) picks up at the next step.
  m_role->setText(c.compare ? tr("Parameters of:") : tr("Loss to train:"));
  m_loss->setToolTip(c.compare ? tr("Whose parameters the sliders below set; the losses that "
                                    "train are the ticked ones")
                               : tr("The loss the network is trained with; changes apply at "
                                    "the next step"));
  m_compareList->setEnabled(c.compare);
  m_focus->setEnabled(c.compare);
  offerOnlyTrainingLosses(c);
  m_updating = false;
}

void LossPanel::offerOnlyTrainingLosses(const TrainingConfig& c) {
  // In compare mode *Parameters of* offers the ticked losses only: sliders for a loss that does
  // not train would change nothing on screen. The others stay listed, greyed, so that the list
  // does not jump; ticking one enables it.
  auto* items = qobject_cast<QStandardItemModel*>(m_loss->model());
  if (!items) {
    return;
  }
  for (int i = 0; i < m_loss->count(); ++i) {
    const std::string id = m_loss->itemData(i).toString().toStdString();
    const bool trains = !c.compare || std::any_of(c.compareLosses.begin(), c.compareLosses.end(),
                                                  [&](const LossChoice& l) { return l.id == id; });
    if (QStandardItem* item = items->item(i)) {
      item->setEnabled(trains);
    }
  }
}

void LossPanel::request(const std::function<void(TrainingConfig&)>& change) {
  QString error;
  if (!m_updating && !m_model->edit(change, &error)) {
    emit refused(error);
  }
}

void LossPanel::lossChosen() {
  if (m_updating) {
    return;
  }
  try {
    const LossChoice choice = m_model->lossChoice(m_loss->currentData().toString().toStdString());
    request([&choice](TrainingConfig& c) { c.loss = choice; });
  } catch (const Error& e) {
    emit refused(engineText(e.what()));
    showConfig(m_model->config());
  }
}

void LossPanel::compareItemChanged(QListWidgetItem* /*item*/) {
  if (m_updating) {
    return;
  }
  // 2 to 4 while compare mode is on (what is shown is what trains, and a saved session loads
  // again); at most 4 ticked at any time.
  std::vector<LossChoice> ticked;
  try {
    for (int i = 0; i < m_compareList->count(); ++i) {
      if (m_compareList->item(i)->checkState() == Qt::Checked) {
        ticked.push_back(m_model->lossChoice(
            m_compareList->item(i)->data(Qt::UserRole).toString().toStdString()));
      }
    }
  } catch (const Error& e) {
    emit refused(engineText(e.what()));
    showConfig(m_model->config());
    return;
  }
  const TrainingConfig& c = m_model->config();
  const auto count = static_cast<int>(ticked.size());
  if (count > TrainingController::kMaxRuns || (c.compare && count < 2)) {
    emit refused(tr("Compare mode trains 2 to %1 losses.").arg(TrainingController::kMaxRuns));
    showConfig(c);
    return;
  }
  request([&ticked](TrainingConfig& next) {
    const bool focusKept = std::any_of(ticked.begin(), ticked.end(), [&](const LossChoice& loss) {
      return loss.id == next.focus;
    });
    next.compareLosses = ticked;
    keepParametersOfATrainingLoss(next);
    if (!focusKept) {
      next.focus = ticked.empty() ? std::string() : ticked.front().id;
    }
  });
}

}  // namespace losslab::ui
