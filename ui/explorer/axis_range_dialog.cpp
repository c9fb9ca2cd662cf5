// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/explorer/axis_range_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/common/number_spin_box.h"

namespace losslab::ui {

namespace {

// Plot coordinates, not parameters: wide enough for any zoom a user types, with enough
// decimals for the flat tails of a robust loss. The boxes show the shortest text of their value
// (NumberSpinBox), and a range taken from the plot is shown to kShownDigits significant digits,
// not as "1.16680961706" or "3.000000".
constexpr double kLimit = 1e9;
constexpr int kDecimals = 12;
constexpr int kShownDigits = 6;

double shown(double value) {
  return QString::number(value, 'g', kShownDigits).toDouble();
}

QDoubleSpinBox* rangeBox(QWidget* parent, const QString& name) {
  auto* box = new NumberSpinBox(parent);
  box->setObjectName(name);
  box->setRange(-kLimit, kLimit);
  box->setDecimals(kDecimals);
  box->setAccelerated(true);
  box->setKeyboardTracking(false);
  return box;
}

QHBoxLayout* pair(QDoubleSpinBox* from, QDoubleSpinBox* to) {
  auto* row = new QHBoxLayout;
  row->addWidget(from, 1);
  row->addWidget(new QLabel(QStringLiteral("…")));
  row->addWidget(to, 1);
  return row;
}

}  // namespace

AxisRangeDialog::AxisRangeDialog(QWidget* parent)
    : QDialog(parent),
      m_xFrom(rangeBox(this, QStringLiteral("xFrom"))),
      m_xTo(rangeBox(this, QStringLiteral("xTo"))),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
  setWindowTitle(tr("Axis Ranges"));
  auto* form = new QFormLayout;
  // Labels with a buddy: "&x" is then the mnemonic Alt+X, not a literal "&x" (a label made by
  // addRow(text, layout) has no buddy).
  auto addRow = [this, form](const QString& text, QDoubleSpinBox* from, QDoubleSpinBox* to) {
    auto* label = new QLabel(text, this);
    label->setBuddy(from);
    form->addRow(label, pair(from, to));
  };
  addRow(tr("&x (all panels):"), m_xFrom, m_xTo);
  const QString names[kPanels] = {tr("&Loss y:"), tr("&Gradient y:"), tr("&Curvature y:")};
  for (int panel = 0; panel < kPanels; ++panel) {
    m_yFrom[panel] = rangeBox(this, QStringLiteral("yFrom%1").arg(panel));
    m_yTo[panel] = rangeBox(this, QStringLiteral("yTo%1").arg(panel));
    addRow(names[panel], m_yFrom[panel], m_yTo[panel]);
  }
  // Tab goes from → to, row by row, then to the buttons (creation order put the buttons,
  // made in the initialiser list, before the y rows).
  const std::array<QWidget*, 9> order = {m_xFrom,  m_xTo,      m_yFrom[0], m_yTo[0], m_yFrom[1],
                                         m_yTo[1], m_yFrom[2], m_yTo[2],   m_buttons};
  for (std::size_t i = 1; i < order.size(); ++i) {
    setTabOrder(order[i - 1], order[i]);
  }
  m_problem->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_problem);
  layout->addWidget(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>()) {
    connect(box, &QDoubleSpinBox::valueChanged, this, &AxisRangeDialog::validate);
  }
  validate();
}

void AxisRangeDialog::setXRange(double from, double to) {
  m_xFrom->setValue(shown(from));
  m_xTo->setValue(shown(to));
}

void AxisRangeDialog::setYRange(int panel, double from, double to) {
  m_yFrom.at(panel)->setValue(shown(from));
  m_yTo.at(panel)->setValue(shown(to));
}

double AxisRangeDialog::xFrom() const {
  return m_xFrom->value();
}
double AxisRangeDialog::xTo() const {
  return m_xTo->value();
}
double AxisRangeDialog::yFrom(int panel) const {
  return m_yFrom.at(panel)->value();
}
double AxisRangeDialog::yTo(int panel) const {
  return m_yTo.at(panel)->value();
}

bool AxisRangeDialog::rangesValid() const {
  return m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void AxisRangeDialog::validate() {
  QString problem;
  if (m_xFrom->value() >= m_xTo->value()) {
    problem = tr("The x range is empty: “from” must be less than “to”.");
  }
  const QString names[kPanels] = {tr("loss"), tr("gradient"), tr("curvature")};
  for (int panel = 0; panel < kPanels && problem.isEmpty(); ++panel) {
    if (m_yFrom[panel]->value() >= m_yTo[panel]->value()) {
      problem = tr("The %1 y range is empty: “from” must be less than “to”.").arg(names[panel]);
    }
  }
  m_problem->setText(problem);
  m_problem->setVisible(!problem.isEmpty());
  m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

}  // namespace losslab::ui
