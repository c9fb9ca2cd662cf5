// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace losslab::ui {
class MainWindow;
}

namespace losslab::gui {

struct GuiOptions;

/// `--screenshot FILE`: the window as a PNG at --size, or with --slide the current tab's plot
/// as a 16:9 slide (PNG, SVG or PDF by the suffix; --transparent, --panel). Returns the exit
/// code; errors go to stderr.
int writeScreenshot(ui::MainWindow& window, const GuiOptions& options);

/// Prints "losslab: error: <message>" on stderr; returns the exit code for a usage error.
int fail(const QString& message);
int fail(const char* message);

}  // namespace losslab::gui
