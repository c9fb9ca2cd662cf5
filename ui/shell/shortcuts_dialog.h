// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QTableWidget;

namespace losslab::ui {

/// One keyboard shortcut: what it does, its keys as the platform writes them, and where it
/// lives (the menu of its action, or the panel of a QShortcut).
struct ShortcutEntry {
  QString what;
  QString keys;
  QString where;
};

/// Every shortcut `window` offers, read from its QActions (menus, tool bars, the window's own)
/// and its QShortcuts (described by their whatsThis), so the list cannot go stale. Sorted by
/// where, then what.
QList<ShortcutEntry> collectShortcuts(const QWidget* window);

/// Help ▸ Keyboard Shortcuts: collectShortcuts() as a table.
class ShortcutsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ShortcutsDialog(const QWidget* window, QWidget* parent = nullptr);

  QTableWidget* table() const { return m_table; }

 private:
  QTableWidget* m_table;
};

}  // namespace losslab::ui
