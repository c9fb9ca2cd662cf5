// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/lesson_writer.h"

#include <nlohmann/json.hpp>

#include "core/engine/error.h"
#include "core/training/session_file.h"

namespace losslab {

namespace {

// ordered_json: the keys stay in the order a reader expects (title, caption, tab, …) and the
// steps already in the file keep theirs.
using Json = nlohmann::ordered_json;

Json range(double from, double to) {
  return Json::array({from, to});
}

Json explorerJson(const LessonExplorer& e) {
  Json out = Json::object();
  if (!e.preset.empty()) {
    out["preset"] = e.preset;
  } else {
    Json curves = Json::array();
    for (const LessonCurve& curve : e.curves) {
      Json params = Json::object();
      for (const auto& [id, value] : curve.params) {
        params[id] = value;
      }
      curves.push_back({{"loss", curve.loss}, {"params", params}});
    }
    out["curves"] = curves;
    out["second_derivative"] = e.secondDerivative;
    out["x_range"] = range(e.from, e.to);
  }
  Json ranges = Json::object();
  for (int panel = 0; panel < kLessonPanels; ++panel) {
    if (const auto& r = e.yRanges[panel]) {
      ranges[kLessonPanelNames[panel]] = range(r->from, r->to);
    }
  }
  if (!ranges.empty()) {
    out["y_ranges"] = ranges;
  }
  if (e.thresholds) {
    out["thresholds"] = *e.thresholds;
  }
  if (e.formulas) {
    out["formulas"] = *e.formulas;
  }
  if (!e.notes.empty()) {
    Json notes = Json::array();
    for (const LessonNote& n : e.notes) {
      notes.push_back(
          {{"text", n.text}, {"x", n.x}, {"y", n.y}, {"panel", kLessonPanelNames[n.panel]}});
    }
    out["annotations"] = notes;
  }
  if (!e.arrows.empty()) {
    Json arrows = Json::array();
    for (const LessonArrow& a : e.arrows) {
      arrows.push_back({{"from", range(a.fromX, a.fromY)},
                        {"to", range(a.toX, a.toY)},
                        {"panel", kLessonPanelNames[a.panel]}});
    }
    out["arrows"] = arrows;
  }
  return out;
}

}  // namespace

std::string appendLessonStep(std::string_view existing,
                             const LessonStep& step,
                             const std::string& title) {
  Json root;
  if (existing.empty()) {
    root = {{"format", "losslab-lesson"},
            {"version", kLessonFormatVersion},
            {"title", title},
            {"steps", Json::array()}};
  } else {
    lessonFromJson(existing);  // throws, naming the key, for a file that is not a lesson
    root = Json::parse(existing.begin(), existing.end());
  }
  Json out = Json::object();
  out["title"] = step.title;
  if (!step.caption.empty()) {
    out["caption"] = step.caption;
  }
  out["tab"] = step.trainingTab ? "training" : "explorer";
  if (step.explorer) {
    out["explorer"] = explorerJson(*step.explorer);
  }
  if (step.training) {
    out["training"] = Json::parse(sessionToJson(*step.training));
  }
  if (step.trainEpochs > 0) {
    out["train_epochs"] = step.trainEpochs;
  }
  root["steps"].push_back(out);
  const std::string text = root.dump(2) + "\n";
  lessonFromJson(text);  // what is written must read back (a step the reader refuses throws)
  return text;
}

}  // namespace losslab
