// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QListView;
class QToolButton;

namespace losslab::ui {

class CurveModel;

/// The Losses dock: a view of the CurveModel (tick to show or hide, double-click or F2 to
/// rename) with buttons to add (the searchable catalogue), remove and recolour. Edits go to the
/// model; the panel holds no curve state of its own.
class LossListPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LossListPanel(CurveModel* model, QWidget* parent = nullptr);
  /// The selected curve's row, or −1.
  int currentIndex() const;
  void setCurrentIndex(int index);
  QListView* view() const { return m_view; }

 signals:
  void currentCurveChanged(int index);
  void addRequested();
  void removeRequested(int index);

 private:
  void updateButtons();
  void chooseColor();

  CurveModel* m_model;
  QListView* m_view;
  QToolButton* m_add;
  QToolButton* m_remove;
  QToolButton* m_color;
};

}  // namespace losslab::ui
