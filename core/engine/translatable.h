// SPDX-License-Identifier: GPL-3.0-or-later
// Marks an engine string for translation without Qt. The engine speaks English; the GUI shows
// its words (loss names, summaries, parameter labels and help, error texts) in the user's
// language by looking the English text up at display time (ui/common/engine_text.h).
//
//   LL_TR("Engine", "Mean squared error (MSE)")   is just the literal to the compiler,
//
// and lupdate reads it as QT_TRANSLATE_NOOP when run with
//   -tr-function-alias QT_TRANSLATE_NOOP+=LL_TR
// (README, "To refresh the translation"). The context is always the literal "Engine": lupdate
// takes it from the call, and the GUI looks every engine string up in that one context.
#pragma once

// NOLINTNEXTLINE(cppcoreguidelines-macro-usage): lupdate only recognises macro-like markers
#define LL_TR(context, text) text
