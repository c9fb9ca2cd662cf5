// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/loss_picker_dialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>
#include <map>

#include "core/engine/loss_registry.h"
#include "ui/common/custom_loss_library.h"
#include "ui/common/engine_text.h"
#include "ui/common/loss_factory.h"

namespace losslab::ui {

namespace {

QStandardItem* groupItem(const QString& title, const QString& searchText) {
  auto* group = new QStandardItem(title);
  group->setFlags(Qt::ItemIsEnabled);
  QFont bold = group->font();
  bold.setBold(true);
  group->setFont(bold);
  group->setData(searchText, LossPickerDialog::kSearchRole);
  return group;
}

QList<QStandardItem*> lossRow(const QString& id,
                              const QString& name,
                              const QString& framework,
                              const QString& toolTip,
                              const QString& searchText) {
  auto* item = new QStandardItem(name);
  item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren);
  item->setData(id, LossPickerDialog::kIdRole);
  item->setData(searchText, LossPickerDialog::kSearchRole);
  item->setToolTip(toolTip);
  auto* frameworkItem = new QStandardItem(framework);
  frameworkItem->setFlags(item->flags());
  frameworkItem->setData(id, LossPickerDialog::kIdRole);
  return {item, frameworkItem};
}

}  // namespace

LossPickerDialog::LossPickerDialog(QWidget* parent)
    : QDialog(parent),
      m_search(new QLineEdit(this)),
      m_catalogue(new QStandardItemModel(this)),
      m_filter(new QSortFilterProxyModel(this)),
      m_tree(new QTreeView(this)),
      m_description(new QLabel(this)) {
  setWindowTitle(tr("Add a loss"));
  m_search->setObjectName(QStringLiteral("lossSearch"));
  m_search->setPlaceholderText(tr("Search by name, id or formula…"));
  m_search->setClearButtonEnabled(true);
  fillCatalogue();
  m_filter->setSourceModel(m_catalogue);
  m_filter->setFilterRole(kSearchRole);
  m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
  m_filter->setRecursiveFilteringEnabled(true);  // a matching loss keeps its family row
  m_filter->setAutoAcceptChildRows(true);        // a matching family keeps all its losses
  m_tree->setModel(m_filter);
  m_tree->setRootIsDecorated(true);
  m_tree->setUniformRowHeights(true);
  m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_tree->header()->setStretchLastSection(false);
  m_tree->expandAll();
  m_description->setWordWrap(true);
  m_description->setMinimumHeight(48);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_search);
  layout->addWidget(m_tree, 1);
  layout->addWidget(m_description);
  layout->addWidget(buttons);
  resize(520, 560);

  connect(m_search, &QLineEdit::textChanged, this, &LossPickerDialog::filter);
  connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
          &LossPickerDialog::updateDescription);
  connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
    if (!index.data(kIdRole).toString().isEmpty()) {
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

void LossPickerDialog::fillCatalogue() {
  m_catalogue->setHorizontalHeaderLabels({tr("Loss"), tr("Framework")});
  std::map<int, QStandardItem*> groups;
  for (const auto& entry : LossRegistry::instance().entries()) {
    const LossInfo& info = entry.info;
    QStandardItem*& group = groups[static_cast<int>(info.family)];
    if (!group) {
      group = groupItem(familyTitle(info.family), familyTitle(info.family));
      m_catalogue->appendRow(group);
    }
    const QString id = QString::fromStdString(info.id);
    const QString name = engineText(info.name);
    const QString summary = engineText(info.summary);
    // The engine's English and the shown (translated) text are both searchable.
    const QString search = QStringList{id, name, summary, QString::fromStdString(info.name),
                                       QString::fromStdString(info.summary)}
                               .join(QLatin1Char('\n'));
    group->appendRow(lossRow(id, name, frameworkTitle(info.framework),
                             QStringLiteral("%1: %2").arg(id, summary), search));
  }
  // The user's own formulas (Formula dock → Save to Library) join as one more family.
  const QList<CustomLoss> custom = CustomLossLibrary::instance().entries();
  if (!custom.isEmpty()) {
    const QString title = tr("Custom losses (your library)");
    QStandardItem* group = groupItem(title, title);
    m_catalogue->appendRow(group);
    for (const CustomLoss& loss : custom) {
      group->appendRow(lossRow(customLossId(loss.name), loss.name, tr("formula"), loss.source,
                               loss.name + QLatin1Char('\n') + loss.source));
    }
  }
}

QString LossPickerDialog::selectedId() const {
  const QModelIndex current = m_tree->currentIndex();
  return current.isValid() ? current.data(kIdRole).toString() : QString();
}

void LossPickerDialog::setSearchText(const QString& text) {
  m_search->setText(text);
}

QStringList LossPickerDialog::visibleIds() const {
  QStringList ids;
  for (int g = 0; g < m_filter->rowCount(); ++g) {
    const QModelIndex group = m_filter->index(g, 0);
    for (int i = 0; i < m_filter->rowCount(group); ++i) {
      ids << m_filter->index(i, 0, group).data(kIdRole).toString();
    }
  }
  return ids;
}

void LossPickerDialog::filter(const QString& text) {
  m_filter->setFilterFixedString(text.trimmed());
  m_tree->expandAll();
  // Keep a selection the user can accept with Enter: the first loss shown.
  if (selectedId().isEmpty() || !m_tree->currentIndex().isValid()) {
    for (int g = 0; g < m_filter->rowCount(); ++g) {
      const QModelIndex group = m_filter->index(g, 0);
      if (m_filter->rowCount(group) > 0) {
        m_tree->setCurrentIndex(m_filter->index(0, 0, group));
        break;
      }
    }
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
  m_description->setText(entry ? QStringLiteral("<b>%1</b> (<code>%2</code>)<br>%3")
                                     .arg(engineText(entry->info.name).toHtmlEscaped(), id,
                                          engineText(entry->info.summary).toHtmlEscaped())
                               : QString());
}

}  // namespace losslab::ui
