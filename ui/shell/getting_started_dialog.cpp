// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/shell/getting_started_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace losslab::ui {

GettingStartedDialog::GettingStartedDialog(QWidget* parent)
    : QDialog(parent), m_openLesson(new QPushButton(tr("&Open the Example Lesson"), this)) {
  setWindowTitle(tr("Getting Started"));
  auto* text = new QLabel(
      tr("<h3>MSE vs MAE vs Huber: why robust losses matter</h3>"
         "<ol>"
         "<li><b>Explorer</b>: the preset <i>MSE vs MAE vs Huber</i> draws the three losses "
         "and their gradients against the residual ŷ − y. Move the mouse over the plot to read "
         "values and slopes.</li>"
         "<li>Select Huber and drag <b>δ</b> in the Parameters dock: below δ it is MSE, beyond δ "
         "it is MAE, and its gradient is clipped at ±δ.</li>"
         "<li><b>Edit ▸ Add Loss…</b> adds any loss of the catalogue; the search box "
         "finds names, ids and formulas.</li>"
         "<li><b>Training</b> tab, preset <i>Training: outliers</i>: a line fitted through data "
         "with 10 % outliers by all three losses at once. MSE is pulled away, MAE and Huber "
         "are not.</li>"
         "<li><b>Sweep</b> tab: which δ is best? Train a grid of δ with several seeds.</li>"
         "</ol>"
         "<p>F11 shows any of it full screen for a projector; Help ▸ Keyboard Shortcuts lists "
         "every key.</p>"),
      this);
  text->setWordWrap(true);
  text->setTextFormat(Qt::RichText);
  m_openLesson->setObjectName(QStringLiteral("openLesson"));
  m_openLesson->setToolTip(
      tr("Opens the example lesson (six steps): Page Down and Page Up step through it"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  buttons->addButton(m_openLesson, QDialogButtonBox::AcceptRole);
  m_openLesson->setDefault(true);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_openLesson, &QPushButton::clicked, this, [this] {
    accept();
    emit openLessonRequested();
  });
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text);
  layout->addWidget(buttons);
  resize(560, 420);
}

}  // namespace losslab::ui
