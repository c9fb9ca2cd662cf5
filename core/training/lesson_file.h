// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/param_spec.h"
#include "core/training/training_config.h"

namespace losslab {

/// Lesson files (.losslab): a title and an ordered list of steps, each a picture to show.
///
///   {"format": "losslab-lesson", "version": 1, "title": "…",
///    "steps": [{"title": "…", "caption": "…", "tab": "explorer" | "training",
///               "explorer": {"preset": "mse-mae-huber"}
///                        or {"curves": [{"loss": "huber", "params": {"delta": 1}}, …],
///                            "second_derivative": false, "x_range": [-3, 3]},
///                        either with, optionally,
///                           "y_ranges": {"loss": [0, 5], "gradient": [-3, 3], "curvature": […]},
///                           "thresholds": true, "formulas": true,
///                           "annotations": [{"text": "…", "x": 2, "y": 1, "panel": "loss"}],
///                           "arrows": [{"from": [1, 3], "to": [2, 2], "panel": "gradient"}]},
///               "training": {…a session file's object (session_file.h)…},
///               "train_epochs": 300}, …]}
///
/// A step without "explorer" or "training" keeps the previous step's (so every step is a
/// whole state and the steps can be played in any order); "tab" defaults to "training" when
/// the step has its own "training", else "explorer"; "train_epochs" trains that many epochs
/// when the step is shown (0: none).
inline constexpr int kLessonFormatVersion = 1;

struct LessonCurve {
  std::string loss;  // a catalogue id
  ParamValues params;
};

/// The explorer's panels, as lesson files name them ("loss", "gradient", "curvature").
inline constexpr int kLessonPanels = 3;
inline constexpr const char* kLessonPanelNames[kLessonPanels] = {"loss", "gradient", "curvature"};

/// A text note on a panel, at plot coordinates.
struct LessonNote {
  std::string text;
  double x = 0;
  double y = 0;
  int panel = 0;  // index into kLessonPanelNames
  bool operator==(const LessonNote&) const = default;
};

/// An arrow on a panel from (fromX, fromY) to its head at (toX, toY), plot coordinates.
struct LessonArrow {
  double fromX = 0;
  double fromY = 0;
  double toX = 0;
  double toY = 0;
  int panel = 0;
  bool operator==(const LessonArrow&) const = default;
};

struct LessonRange {
  double from = 0;
  double to = 1;
  bool operator==(const LessonRange&) const = default;
};

/// What the explorer shows: a preset by id, or curves of its own; either with the y ranges,
/// the threshold markers and the annotations of the step (absent: fitted y ranges, markers
/// as the user has them, no notes and no arrows).
struct LessonExplorer {
  std::string preset;  // non-empty: the preset, and curves / secondDerivative / x are unused
  std::vector<LessonCurve> curves;
  bool secondDerivative = false;
  double from = -3;
  double to = 3;
  std::optional<LessonRange> yRanges[kLessonPanels];
  std::optional<bool> thresholds;
  std::optional<bool> formulas;  // each loss's formula in the legend
  std::vector<LessonNote> notes;
  std::vector<LessonArrow> arrows;
};

struct LessonStep {
  std::string title;
  std::string caption;
  bool trainingTab = false;
  std::optional<LessonExplorer> explorer;  // after inheritance: nullopt only before the first
  std::optional<TrainingConfig> training;  // after inheritance
  int explorerSource = -1;                 // the step whose "explorer" this is (−1: none)
  int trainingSource = -1;                 // the step whose "training" this is (−1: none)
  int trainEpochs = 0;
};

struct Lesson {
  std::string title;
  std::vector<LessonStep> steps;  // at least one
};

/// Parses a lesson file's contents. Throws Error::data naming the key ("\"steps[2].explorer.
/// curves[0].loss\": unknown loss 'hubr' …"): invalid JSON, a wrong format, an unknown loss or
/// parameter, a training object that is not a valid session. Curve presets are the GUI's, so
/// "explorer.preset" is checked by whoever shows it.
Lesson lessonFromJson(std::string_view json);

/// Reads a lesson file: lessonFromJson() on its contents; errors start with the file's name
/// ("lesson.losslab: …"); a file that cannot be read is Error::usage.
Lesson readLesson(const std::string& path);

}  // namespace losslab
