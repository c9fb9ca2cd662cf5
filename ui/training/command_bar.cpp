// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/command_bar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QToolButton>

namespace losslab::ui {

namespace {

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

QToolButton* menuButton(const QString& text,
                        const char* icon,
                        const QString& help,
                        QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setText(text);
  button->setIcon(QIcon::fromTheme(QString::fromLatin1(icon)));
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  button->setPopupMode(QToolButton::InstantPopup);
  button->setToolTip(help);
  auto* menu = new QMenu(button);
  menu->setToolTipsVisible(true);
  button->setMenu(menu);
  return button;
}

/// A one-line label that elides its end when it gets narrow; its tooltip carries the whole text.
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

}  // namespace

CommandBar::CommandBar(QWidget* parent) : QWidget(parent) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  // Ctrl+Return starts and pauses (a toggle, like a player's play key) while the focus is in
  // the tab; the function keys work window-wide while the tab is shown. Not Space: it would
  // steal the key that presses a focused button or ticks a focused box.
  const QString toggleKeys =
      QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText);
  m_start = commandButton(tr("Start"), tr("Train until the epoch budget is reached"),
                          QKeySequence(Qt::Key_F5), toggleKeys, "media-playback-start", this);
  m_pause = commandButton(tr("Pause"), tr("Stop at the next optimizer step"),
                          QKeySequence(Qt::Key_F6), toggleKeys, "media-playback-pause", this);
  m_step = commandButton(tr("Step"), tr("Train exactly one epoch of every run"),
                         QKeySequence(Qt::Key_F10), QString(), "media-skip-forward", this);
  m_reset = commandButton(tr("Reset"),
                          tr("Back to the initial weights (same seed, same weights) and epoch 0"),
                          QKeySequence(Qt::SHIFT | Qt::Key_F5), QString(), "view-refresh", this);

  QToolButton* session =
      menuButton(tr("Session"), "document-open",
                 tr("Save or open the data, network, optimizer, losses and seed as a JSON session "
                    "file"),
                 this);
  QAction* open =
      session->menu()->addAction(QIcon::fromTheme(QStringLiteral("document-open")),
                                 tr("Open Session…"), this, &CommandBar::openSessionClicked);
  open->setToolTip(tr("Restore a saved session and reset to its initial weights"));
  QAction* save =
      session->menu()->addAction(QIcon::fromTheme(QStringLiteral("document-save-as")),
                                 tr("Save Session…"), this, &CommandBar::saveSessionClicked);
  save->setToolTip(
      tr("Data, network, optimizer, losses with their parameters and the seed as JSON"));

  QToolButton* exports = menuButton(tr("Export"), "document-save-as",
                                    tr("Save the history, the predictions or a plot"), this);
  QMenu* menu = exports->menu();
  auto item = [this, menu](const QString& text, Export what) {
    return menu->addAction(text, this, [this, what] { emit exportClicked(what); });
  };
  item(tr("Loss history as CSV…"), Export::History);
  item(tr("Predictions as CSV…"), Export::Predictions);
  menu->addSeparator();
  item(tr("Fit plot (PNG, SVG, PDF)…"), Export::FitPlot);
  item(tr("History plot (PNG, SVG, PDF)…"), Export::HistoryPlot);
  item(tr("Residual histogram (PNG, SVG, PDF)…"), Export::ResidualPlot);
  item(tr("Animation of the run (GIF or PNG frames)…"), Export::Animation)
      ->setToolTip(tr("Train again from the initial weights and save the fit and the history"));
  menu->addSeparator();
  item(tr("Copy as losslab-cli Command"), Export::CliCommand)
      ->setToolTip(tr("The command line that trains the same run in a terminal"));
  item(tr("Training Script (PyTorch or Keras)…"), Export::TrainingScript)
      ->setToolTip(tr("A Python script that trains the same model from the same initial weights "
                      "in PyTorch or Keras 3 and prints its loss per epoch"));

  m_status = new ElidedLabel;  // a narrow window elides the status, never the buttons
  m_status->setObjectName(QStringLiteral("status"));
  m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

  row->addWidget(m_start);
  row->addWidget(m_pause);
  row->addWidget(m_step);
  row->addWidget(m_reset);
  m_speed = new QComboBox;
  m_speed->setObjectName(QStringLiteral("speed"));
  m_speed->addItem(tr("Full speed"), 0.0);
  for (double rate : {30.0, 10.0, 5.0, 2.0, 1.0}) {
    m_speed->addItem(rate == 1 ? tr("1 epoch/s") : tr("%1 epochs/s").arg(rate), rate);
  }
  m_speed->setToolTip(
      tr("Training speed: as fast as possible, or slow motion (a few epochs per "
         "second, every epoch drawn) to narrate a run"));
  connect(m_speed, &QComboBox::currentIndexChanged, this, [this] { emit speedChanged(speed()); });
  row->addWidget(m_speed);
  row->addSpacing(8);
  row->addWidget(m_status, 1);
  row->addWidget(session);
  row->addWidget(exports);

  connect(m_start, &QToolButton::clicked, this, &CommandBar::startClicked);
  connect(m_pause, &QToolButton::clicked, this, &CommandBar::pauseClicked);
  connect(m_step, &QToolButton::clicked, this, &CommandBar::stepClicked);
  connect(m_reset, &QToolButton::clicked, this, &CommandBar::resetClicked);
  showStatus(m_state, 0, 0);
}

void CommandBar::startOrPause() {
  if (m_state == TrainingController::State::Running) {
    m_pause->animateClick();
  } else if (m_start->isEnabled()) {
    m_start->animateClick();
  }
}

void CommandBar::showStatus(TrainingController::State state, int epoch, int budget) {
  using State = TrainingController::State;
  m_state = state;
  const bool running = state == State::Running;
  m_start->setEnabled(!running);
  m_pause->setEnabled(running);
  m_step->setEnabled(state == State::Ready || state == State::Paused);
  QString name;
  QString meaning;
  switch (state) {
    case State::Ready:
      name = tr("Ready");
      meaning = tr("Start trains %1 epochs from the initial weights").arg(budget);
      break;
    case State::Running:
      name = tr("Training");
      meaning = tr("Pause stops at the next optimizer step");
      break;
    case State::Paused:
      name = tr("Paused");
      meaning = tr("Start or Step continues this run");
      break;
    case State::Finished:
      name = tr("Finished");
      meaning = tr("Start begins a new run; raise Epochs to continue this one");
      break;
  }
  QString text = tr("%1 · %2/%3 epochs").arg(name).arg(epoch).arg(budget);
  if (speed() > 0) {
    text += QStringLiteral(" · ") + m_speed->currentText();  // "5 epochs/s": slow motion
  }
  m_status->setText(text);
  m_status->setToolTip(tr("%1: %2 of %3 epochs (the Epochs budget) trained in this run. %4.")
                           .arg(name)
                           .arg(epoch)
                           .arg(budget)
                           .arg(meaning));
  m_start->setToolTip(
      (state == State::Finished ? tr("Start a new run from the initial weights")
                                : tr("Train until the epoch budget is reached")) +
      QStringLiteral(" (%1, %2)")
          .arg(QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText),
               QKeySequence(Qt::Key_F5).toString(QKeySequence::NativeText)));
}

double CommandBar::speed() const {
  return m_speed->currentData().toDouble();
}

QString CommandBar::status() const {
  return m_status->text();
}

}  // namespace losslab::ui
