// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>

namespace losslab::ui {

namespace {

/// The style the platform chose, remembered before the first switch to Fusion.
QString& systemStyleName() {
  static QString name;
  return name;
}

void setDisabled(QPalette& palette, const QColor& text) {
  for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    palette.setColor(QPalette::Disabled, role, text);
  }
}

}  // namespace

Theme themeFromName(const QString& name) {
  if (name == QLatin1String("light")) {
    return Theme::Light;
  }
  if (name == QLatin1String("dark")) {
    return Theme::Dark;
  }
  return Theme::System;
}

QString themeName(Theme theme) {
  switch (theme) {
    case Theme::Light:
      return QStringLiteral("light");
    case Theme::Dark:
      return QStringLiteral("dark");
    case Theme::System:
      break;
  }
  return QStringLiteral("system");
}

QPalette lightPalette() {
  // Near-black text (#1d1d1f) on white/very light grey: contrast ≈ 16:1.
  QPalette p;
  p.setColor(QPalette::Window, QColor(0xf4, 0xf5, 0xf7));
  p.setColor(QPalette::WindowText, QColor(0x1d, 0x1d, 0x1f));
  p.setColor(QPalette::Base, Qt::white);
  p.setColor(QPalette::AlternateBase, QColor(0xec, 0xee, 0xf1));
  p.setColor(QPalette::Text, QColor(0x1d, 0x1d, 0x1f));
  p.setColor(QPalette::Button, QColor(0xe9, 0xeb, 0xee));
  p.setColor(QPalette::ButtonText, QColor(0x1d, 0x1d, 0x1f));
  p.setColor(QPalette::BrightText, QColor(0xb0, 0x00, 0x20));
  p.setColor(QPalette::Highlight, QColor(0x00, 0x5f, 0xb8));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xf2));
  p.setColor(QPalette::ToolTipText, QColor(0x1d, 0x1d, 0x1f));
  p.setColor(QPalette::PlaceholderText, QColor(0x6b, 0x6f, 0x76));
  p.setColor(QPalette::Link, QColor(0x00, 0x5f, 0xb8));
  p.setColor(QPalette::Mid, QColor(0xb8, 0xbc, 0xc2));
  p.setColor(QPalette::Dark, QColor(0x8a, 0x8f, 0x96));
  p.setColor(QPalette::Light, Qt::white);
  p.setColor(QPalette::Midlight, QColor(0xf0, 0xf1, 0xf3));
  p.setColor(QPalette::Shadow, QColor(0x60, 0x64, 0x6a));
  setDisabled(p, QColor(0x8a, 0x8f, 0x96));
  return p;
}

QPalette darkPalette() {
  // Light grey text (#e8eaed) on #1e1f22 / #26282c: contrast ≈ 14:1.
  QPalette p;
  p.setColor(QPalette::Window, QColor(0x26, 0x28, 0x2c));
  p.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
  p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
  p.setColor(QPalette::AlternateBase, QColor(0x2c, 0x2e, 0x33));
  p.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
  p.setColor(QPalette::Button, QColor(0x33, 0x36, 0x3b));
  p.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
  p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
  p.setColor(QPalette::Highlight, QColor(0x3d, 0x8b, 0xfd));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::ToolTipBase, QColor(0x33, 0x36, 0x3b));
  p.setColor(QPalette::ToolTipText, QColor(0xe8, 0xea, 0xed));
  p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0xa0, 0xa6));
  p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
  p.setColor(QPalette::Mid, QColor(0x4a, 0x4d, 0x53));
  p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
  p.setColor(QPalette::Light, QColor(0x44, 0x47, 0x4d));
  p.setColor(QPalette::Midlight, QColor(0x3a, 0x3d, 0x42));
  p.setColor(QPalette::Shadow, Qt::black);
  setDisabled(p, QColor(0x80, 0x86, 0x8b));
  return p;
}

void applyTheme(Theme theme) {
  if (systemStyleName().isEmpty() && QApplication::style()) {
    systemStyleName() = QApplication::style()->name();
  }
  switch (theme) {
    case Theme::Light:
      QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
      QApplication::setPalette(lightPalette());
      return;
    case Theme::Dark:
      QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
      QApplication::setPalette(darkPalette());
      return;
    case Theme::System:
      break;
  }
  if (!systemStyleName().isEmpty()) {
    QApplication::setStyle(QStyleFactory::create(systemStyleName()));
  }
  QApplication::setPalette(QApplication::style()->standardPalette());
}

bool isDarkPalette(const QPalette& palette) {
  return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor errorColor(const QPalette& palette) {
  // 6.3:1 on white, 6.5:1 on the dark theme's base.
  return isDarkPalette(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x10, 0x2a);
}

}  // namespace losslab::ui
