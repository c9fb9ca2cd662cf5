// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace losslab::ui {

/// Light and dark palettes that stay readable: body text at least 7:1 against its
/// background, disabled text and grid lines clearly weaker but still legible.
enum class Theme { System, Light, Dark };

/// "system" / "light" / "dark" (the Settings value) ↔ Theme; unknown text is System.
Theme themeFromName(const QString& name);
QString themeName(Theme theme);

QPalette lightPalette();
QPalette darkPalette();

/// Applies a theme to the running application: Fusion style with our palette for Light and
/// Dark (native styles ignore custom palettes on some platforms), the platform's style and
/// palette for System. Widgets receive QEvent::PaletteChange; the plot recolours itself then.
void applyTheme(Theme theme);

/// True if the palette's base colour is dark (the dark colour sets are in use).
bool isDarkPalette(const QPalette& palette);
/// The colour for error underlines and messages, readable on the palette's base and window.
QColor errorColor(const QPalette& palette);

}  // namespace losslab::ui
