// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QToolButton;

namespace losslab::ui {

class CurveModel;

/// The list of overlaid curves: check to show/hide, double-click to rename, buttons to add
/// (searchable catalogue), remove and recolour. Mirrors the CurveModel; edits go to it.
class LossListPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LossListPanel(CurveModel* model, QWidget* parent = nullptr);
  int currentIndex() const;
  void setCurrentIndex(int index);

 signals:
  void currentCurveChanged(int index);
  void addRequested();
  void removeRequested(int index);
  void statusMessage(const QString& text);

 private:
  void rebuild();
  void refresh(int index);
  void chooseColor();
  void itemChanged(QListWidgetItem* item);

  CurveModel* m_model;
  QListWidget* m_list;
  QToolButton* m_add;
  QToolButton* m_remove;
  QToolButton* m_color;
  bool m_updating = false;
};

}  // namespace losslab::ui
