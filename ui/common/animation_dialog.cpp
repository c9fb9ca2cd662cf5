// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/animation_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "ui/common/settings.h"

namespace losslab::ui {

namespace {

constexpr int kMaxSide = 4000;
constexpr int kMinSide = 160;

}  // namespace

AnimationDialog::AnimationDialog(const std::vector<Variable>& variables,
                                 const QString& baseName,
                                 QWidget* parent)
    : QDialog(parent),
      m_variables(variables),
      m_variable(new QComboBox(this)),
      m_from(new QDoubleSpinBox(this)),
      m_to(new QDoubleSpinBox(this)),
      m_frames(new QSpinBox(this)),
      m_fps(new QDoubleSpinBox(this)),
      m_width(new QSpinBox(this)),
      m_height(new QSpinBox(this)),
      m_format(new QComboBox(this)),
      m_path(new QLineEdit(this)) {
  setWindowTitle(tr("Export Animation"));
  m_variable->setObjectName(QStringLiteral("animationVariable"));
  for (const Variable& v : m_variables) {
    m_variable->addItem(v.label, v.id);
  }
  m_from->setObjectName(QStringLiteral("animationFrom"));
  m_to->setObjectName(QStringLiteral("animationTo"));
  m_frames->setObjectName(QStringLiteral("animationFrames"));
  m_frames->setRange(2, AnimationSettings::kMaxFrames);
  m_frames->setValue(40);
  m_fps->setObjectName(QStringLiteral("animationFps"));
  m_fps->setRange(1, 50);
  m_fps->setDecimals(0);
  m_fps->setValue(10);
  m_fps->setSuffix(tr(" frames/s"));
  for (QSpinBox* side : {m_width, m_height}) {
    side->setRange(kMinSide, kMaxSide);
    side->setSuffix(tr(" px"));
  }
  m_width->setValue(640);
  m_height->setValue(360);
  m_format->setObjectName(QStringLiteral("animationFormat"));
  m_format->addItem(tr("Animated GIF"), static_cast<int>(AnimationSettings::Format::Gif));
  m_format->addItem(tr("Folder of PNG frames"),
                    static_cast<int>(AnimationSettings::Format::PngFolder));
  m_path->setObjectName(QStringLiteral("animationPath"));
  m_path->setText(
      QDir(Settings::exportDirectory()).filePath(QStringLiteral("losslab-%1.gif").arg(baseName)));

  auto* range = new QHBoxLayout;
  range->addWidget(m_from, 1);
  range->addWidget(new QLabel(tr("to"), this));
  range->addWidget(m_to, 1);
  auto* size = new QHBoxLayout;
  size->addWidget(m_width, 1);
  size->addWidget(new QLabel(QStringLiteral("×"), this));
  size->addWidget(m_height, 1);
  auto* where = new QHBoxLayout;
  where->addWidget(m_path, 1);
  auto* browseButton = new QPushButton(tr("Browse…"), this);
  where->addWidget(browseButton);
  auto* length = new QLabel(this);

  auto* form = new QFormLayout(this);
  form->addRow(tr("&Vary:"), m_variable);
  form->addRow(tr("&Range:"), range);
  form->addRow(tr("&Frames:"), m_frames);
  form->addRow(tr("Frame &rate:"), m_fps);
  form->addRow(tr("Length:"), length);
  form->addRow(tr("&Size:"), size);
  form->addRow(tr("F&ormat:"), m_format);
  form->addRow(tr("&Save to:"), where);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
  form->addRow(buttons);

  const auto updateLength = [this, length] {
    length->setText(tr("%1 s").arg(m_frames->value() / m_fps->value(), 0, 'f', 1));
  };
  connect(m_frames, &QSpinBox::valueChanged, this, updateLength);
  connect(m_fps, &QDoubleSpinBox::valueChanged, this, updateLength);
  updateLength();
  connect(m_variable, &QComboBox::currentIndexChanged, this, &AnimationDialog::variableChanged);
  connect(m_format, &QComboBox::currentIndexChanged, this, &AnimationDialog::formatChanged);
  connect(browseButton, &QPushButton::clicked, this, &AnimationDialog::browse);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  variableChanged();
}

void AnimationDialog::variableChanged() {
  const int index = m_variable->currentIndex();
  if (index < 0) {
    return;
  }
  const Variable& v = m_variables[static_cast<std::size_t>(index)];
  for (QDoubleSpinBox* box : {m_from, m_to}) {
    box->setDecimals(v.decimals);
    box->setRange(v.min, v.max);
    box->setSingleStep(v.decimals == 0 ? 10 : 0.1);
  }
  m_from->setValue(v.from);
  m_to->setValue(v.to);
  m_from->setEnabled(!v.fixedStart);
}

void AnimationDialog::formatChanged() {
  const QFileInfo info(m_path->text());
  const bool gif = settings().format == AnimationSettings::Format::Gif;
  const QString base =
      info.completeBaseName().isEmpty() ? info.fileName() : info.completeBaseName();
  const QString name = gif ? base + QStringLiteral(".gif") : base;
  m_path->setText(info.dir().filePath(name));
}

void AnimationDialog::browse() {
  const bool gif = settings().format == AnimationSettings::Format::Gif;
  const QString path =
      gif ? QFileDialog::getSaveFileName(this, tr("Export Animation"), m_path->text(),
                                         tr("Animated GIF (*.gif)"))
          : QFileDialog::getExistingDirectory(this, tr("Folder for the PNG frames"),
                                              QFileInfo(m_path->text()).absolutePath());
  if (!path.isEmpty()) {
    setPath(path);
  }
}

void AnimationDialog::setPath(const QString& path) {
  m_path->setText(path);
}

AnimationSettings AnimationDialog::settings() const {
  AnimationSettings s;
  s.format = static_cast<AnimationSettings::Format>(m_format->currentData().toInt());
  s.path = m_path->text();
  if (s.format == AnimationSettings::Format::Gif &&
      AnimationSettings::formatFor(s.path) != AnimationSettings::Format::Gif) {
    s.path += QStringLiteral(".gif");
  }
  s.frames = m_frames->value();
  s.fps = m_fps->value();
  s.size = QSize(m_width->value(), m_height->value());
  return s;
}

QString AnimationDialog::variable() const {
  return m_variable->currentData().toString();
}

double AnimationDialog::from() const {
  return m_from->value();
}

double AnimationDialog::to() const {
  return m_to->value();
}

}  // namespace losslab::ui
