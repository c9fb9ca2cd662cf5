// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace losslab::ui {
class MainWindow;
}

namespace losslab::gui {

struct GuiOptions;

/// `--animate FILE`: with --train-epochs N the Training tab's run over N epochs (fit and
/// history), else the explorer's sweep of --vary NAME=FROM:TO (default: the selected curve's
/// first real parameter over its slider range), --frames frames at --fps, --size pixels
/// (default 640x360). FILE.gif is an animated GIF, any other path a folder of PNG frames.
/// Returns the exit code; errors go to stderr.
int writeAnimation(ui::MainWindow& window, const GuiOptions& options);

}  // namespace losslab::gui
