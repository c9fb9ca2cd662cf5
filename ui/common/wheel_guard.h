// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QAbstractScrollArea;

namespace losslab::ui {

/// A scrolling column of controls must scroll under the mouse wheel, not change whichever
/// combo box, spin box or slider happens to pass under the pointer (issue 14: scrolling the
/// Training tab's side panel changed *Parameters of*). In `area`, and in every control added
/// to it later, a wheel turn over a value control that does not have keyboard focus scrolls
/// the area instead; a click or Tab gives the control focus (Qt::StrongFocus, no focus by
/// wheel), and then the wheel changes its value as usual.
void guardWheel(QAbstractScrollArea* area);

}  // namespace losslab::ui
