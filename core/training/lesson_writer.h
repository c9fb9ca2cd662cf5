// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include "core/training/lesson_file.h"

namespace losslab {

/// Writing lesson files (lesson_file.h): a teacher sets up both tabs as a slide should show
/// them and adds that state to the lecture as its next step, without writing JSON by hand.

/// `existing` (a lesson file's contents; empty: a new lesson titled `title`) with `step`
/// appended as a whole state: its own "explorer" (curves with their parameters, ranges,
/// panels, markers, notes, arrows) and its own "training" when it has one, so that it plays
/// the same wherever it is moved to. The steps already in the file are kept exactly as written
/// (keys, order, unknown extras). Throws Error::data as lessonFromJson() would when `existing`
/// is not a valid lesson (the caller then writes nothing and the file stays as it was).
/// The result reads back with lessonFromJson() to the same step (numbers are written shortest
/// round trip).
std::string appendLessonStep(std::string_view existing,
                             const LessonStep& step,
                             const std::string& title = {});

}  // namespace losslab
