// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/loss_picker_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <map>

#include "core/engine/loss_registry.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"

namespace losslab::ui {

namespace {

QString familyTitle(Family family) {
  switch (family) {
    case Family::Regression:
      return LossPickerDialog::tr("Regression");
    case Family::Probabilistic:
      return LossPickerDialog::tr("Probabilistic classification / likelihood");
    case Family::Margin:
      return LossPickerDialog::tr("Margin classification");
    case Family::MetricLearning:
      return LossPickerDialog::tr("Metric learning");
    case Family::Robust:
      return LossPickerDialog::tr("Robust");
    case Family::Distillation:
      return LossPickerDialog::tr("Distillation / composite");
  }
  return {};
}

}  // namespace

LossPickerDialog::LossPickerDialog(QWidget* parent)
    : QDialog(parent),
      m_search(new QLineEdit(this)),
      m_tree(new QTreeWidget(this)),
      m_description(new QLabel(this)) {
  setWindowTitle(tr("Add a loss"));
  m_search->setPlaceholderText(tr("Search by name, id or formula…"));
  m_search->setClearButtonEnabled(true);
  m_tree->setColumnCount(2);
  m_tree->setHeaderLabels({tr("Loss"), tr("Framework")});
  m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_description->setWordWrap(true);
  m_description->setMinimumHeight(48);

  std::map<int, QTreeWidgetItem*> groups;
  for (const auto& entry : LossRegistry::instance().entries()) {
    const int family = static_cast<int>(entry.info.family);
    QTreeWidgetItem*& group = groups[family];
    if (!group) {
      group = new QTreeWidgetItem(m_tree, {familyTitle(entry.info.family)});
      group->setFlags(Qt::ItemIsEnabled);
      group->setFirstColumnSpanned(true);
      QFont bold = group->font(0);
      bold.setBold(true);
      group->setFont(0, bold);
    }
    auto* item =
        new QTreeWidgetItem(group, {QString::fromStdString(entry.info.name),
                                    QString::fromStdString(frameworkName(entry.info.framework))});
    item->setData(0, Qt::UserRole, QString::fromStdString(entry.info.id));
    item->setToolTip(0, QString::fromStdString(entry.info.id + ": " + entry.info.summary));
  }
  // The user's own formulas (Formula dock → Save to Library) join as one more family.
  const QList<CustomLoss> custom = CustomLossLibrary::instance().entries();
  if (!custom.isEmpty()) {
    auto* group = new QTreeWidgetItem(m_tree, {tr("Custom losses (your library)")});
    group->setFlags(Qt::ItemIsEnabled);
    group->setFirstColumnSpanned(true);
    QFont bold = group->font(0);
    bold.setBold(true);
    group->setFont(0, bold);
    for (const CustomLoss& loss : custom) {
      auto* item = new QTreeWidgetItem(group, {loss.name, tr("formula")});
      item->setData(0, Qt::UserRole, customLossId(loss.name));
      item->setToolTip(0, loss.source);
    }
  }
  m_tree->expandAll();

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_search);
  layout->addWidget(m_tree, 1);
  layout->addWidget(m_description);
  layout->addWidget(buttons);
  resize(520, 560);

  connect(m_search, &QLineEdit::textChanged, this, &LossPickerDialog::filter);
  connect(m_tree, &QTreeWidget::currentItemChanged, this, &LossPickerDialog::updateDescription);
  connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
    if (!item->data(0, Qt::UserRole).toString().isEmpty()) {
      accept();
    }
  });
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    if (!selectedId().isEmpty()) {
      accept();
    }
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  m_search->setFocus();
}

QString LossPickerDialog::selectedId() const {
  const QTreeWidgetItem* item = m_tree->currentItem();
  return item && !item->isHidden() ? item->data(0, Qt::UserRole).toString() : QString();
}

void LossPickerDialog::filter(const QString& text) {
  QTreeWidgetItem* firstMatch = nullptr;
  for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
    QTreeWidgetItem* group = m_tree->topLevelItem(g);
    bool any = false;
    for (int i = 0; i < group->childCount(); ++i) {
      QTreeWidgetItem* item = group->child(i);
      const bool match = text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive) ||
                         item->toolTip(0).contains(text, Qt::CaseInsensitive);
      item->setHidden(!match);
      any = any || match;
      if (match && !firstMatch) {
        firstMatch = item;
      }
    }
    group->setHidden(!any);
  }
  if (firstMatch && (!m_tree->currentItem() || m_tree->currentItem()->isHidden())) {
    m_tree->setCurrentItem(firstMatch);
  }
}

void LossPickerDialog::updateDescription() {
  const QString id = selectedId();
  if (isCustomLossId(id)) {
    const auto custom = CustomLossLibrary::instance().find(customLossName(id));
    m_description->setText(
        custom ? QStringLiteral("<b>%1</b><br><code>%2</code>")
                     .arg(custom->name.toHtmlEscaped(), custom->source.toHtmlEscaped())
               : QString());
    return;
  }
  const LossRegistry::Entry* entry = LossRegistry::instance().find(id.toStdString());
  m_description->setText(
      entry ? QStringLiteral("<b>%1</b> (<code>%2</code>)<br>%3")
                  .arg(QString::fromStdString(entry->info.name).toHtmlEscaped(), id,
                       QString::fromStdString(entry->info.summary).toHtmlEscaped())
            : QString());
}

}  // namespace losslab::ui
