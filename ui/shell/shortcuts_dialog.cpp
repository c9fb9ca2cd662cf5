// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/shortcuts_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QRegularExpression>
#include <QSet>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace losslab::ui {

namespace {

/// "&Export Plot…" → "Export Plot…", "Save && Close" → "Save & Close"; a CJK mnemonic in
/// parentheses ("导出图像(&E)…") goes with its brackets.
QString plainText(QString text) {
  static const QRegularExpression cjkMnemonic(QStringLiteral("\\(&[^&]\\)"));
  text.remove(cjkMnemonic);
  static const QRegularExpression mnemonic(QStringLiteral("&(?!&)"));
  text.remove(mnemonic);
  return text.replace(QStringLiteral("&&"), QStringLiteral("&"));
}

QString keysText(const QList<QKeySequence>& keys) {
  QStringList parts;
  for (const QKeySequence& key : keys) {
    if (!key.isEmpty()) {
      parts << key.toString(QKeySequence::NativeText);
    }
  }
  return parts.join(QStringLiteral(", "));
}

/// The title of the first menu that shows `action`, or empty.
QString menuOf(const QAction* action) {
  for (QObject* object : action->associatedObjects()) {
    if (const auto* menu = qobject_cast<QMenu*>(object)) {
      return plainText(menu->title());
    }
  }
  return {};
}

}  // namespace

QList<ShortcutEntry> collectShortcuts(const QWidget* window) {
  QList<ShortcutEntry> entries;
  QSet<QString> seen;  // one row per (what, keys): tool bars and menus share actions
  auto add = [&](const ShortcutEntry& entry) {
    const QString key = entry.what + QLatin1Char('\n') + entry.keys;
    if (!entry.keys.isEmpty() && !seen.contains(key)) {
      seen.insert(key);
      entries << entry;
    }
  };
  for (const QAction* action : window->findChildren<QAction*>()) {
    if (action->isSeparator() || action->menu()) {
      continue;
    }
    const QString where = menuOf(action);
    add({plainText(action->text()), keysText(action->shortcuts()),
         where.isEmpty() ? ShortcutsDialog::tr("Window") : where});
  }
  for (const QShortcut* shortcut : window->findChildren<QShortcut*>()) {
    add({shortcut->whatsThis(), keysText(shortcut->keys()), ShortcutsDialog::tr("Panel")});
  }
  std::sort(entries.begin(), entries.end(), [](const ShortcutEntry& a, const ShortcutEntry& b) {
    return a.where != b.where ? a.where < b.where : a.what < b.what;
  });
  return entries;
}

ShortcutsDialog::ShortcutsDialog(const QWidget* window, QWidget* parent)
    : QDialog(parent), m_table(new QTableWidget(this)) {
  setWindowTitle(tr("Keyboard Shortcuts"));
  const QList<ShortcutEntry> entries = collectShortcuts(window);
  m_table->setColumnCount(3);
  m_table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut"), tr("Where")});
  m_table->setRowCount(static_cast<int>(entries.size()));
  for (int row = 0; row < entries.size(); ++row) {
    const ShortcutEntry& entry = entries[row];
    m_table->setItem(row, 0, new QTableWidgetItem(entry.what));
    m_table->setItem(row, 1, new QTableWidgetItem(entry.keys));
    m_table->setItem(row, 2, new QTableWidgetItem(entry.where));
  }
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_table);
  layout->addWidget(buttons);
  resize(560, 520);
}

}  // namespace losslab::ui
