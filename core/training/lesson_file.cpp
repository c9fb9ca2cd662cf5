// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/lesson_file.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/training/session_file.h"

namespace losslab {

namespace {

using Json = nlohmann::json;

constexpr const char* kFormat = "losslab-lesson";
constexpr std::size_t kMaxSteps = 1000;
constexpr std::size_t kMaxCurves = 8;  // the explorer's limit
constexpr double kMaxEpochs = 100000;
constexpr std::size_t kMaxAnnotations = 100;  // the explorer's limit for notes and for arrows

[[noreturn]] void fail(const std::string& key, const std::string& what) {
  throw Error::data("\"" + key + "\" " + what);
}

const Json* find(const Json& object, const std::string& key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string text(const Json& object, const std::string& path, const std::string& key) {
  const Json* value = find(object, key);
  if (!value) {
    return {};
  }
  if (!value->is_string()) {
    fail(path + key, "must be a string");
  }
  return value->get<std::string>();
}

double number(const Json& value, const std::string& key) {
  if (!value.is_number() || !std::isfinite(value.get<double>())) {
    fail(key, "must be a number");
  }
  return value.get<double>();
}

LessonCurve readCurve(const Json& value, const std::string& path) {
  if (!value.is_object()) {
    fail(path, "must be an object with \"loss\" and \"params\"");
  }
  LessonCurve curve;
  const Json* loss = find(value, "loss");
  if (!loss || !loss->is_string()) {
    fail(path + ".loss", "must be a loss id");
  }
  curve.loss = loss->get<std::string>();
  if (const Json* params = find(value, "params")) {
    if (!params->is_object()) {
      fail(path + ".params", "must be an object of numbers");
    }
    for (auto it = params->begin(); it != params->end(); ++it) {
      curve.params[it.key()] = it.value().is_boolean()
                                   ? (it.value().get<bool>() ? 1.0 : 0.0)
                                   : number(it.value(), path + ".params." + it.key());
    }
  }
  const LossRegistry& registry = LossRegistry::instance();
  if (!registry.find(curve.loss)) {
    throw Error::data("\"" + path + ".loss\": unknown loss '" + curve.loss + "'");
  }
  try {
    registry.create(curve.loss, curve.params);
  } catch (const Error& e) {
    throw Error::data("\"" + path + ".params\": " + e.what());
  }
  return curve;
}

LessonRange readRange(const Json& value, const std::string& key) {
  if (!value.is_array() || value.size() != 2) {
    fail(key, "must be [from, to]");
  }
  const LessonRange range{number(value[0], key), number(value[1], key)};
  if (!(range.from < range.to)) {
    fail(key, "must be [from, to] with from < to");
  }
  return range;
}

int readPanel(const Json& object, const std::string& path) {
  const std::string panel = text(object, path + ".", "panel");
  if (panel.empty()) {
    return 0;
  }
  for (int p = 0; p < kLessonPanels; ++p) {
    if (panel == kLessonPanelNames[p]) {
      return p;
    }
  }
  fail(path + ".panel", "must be \"loss\", \"gradient\" or \"curvature\", not \"" + panel + "\"");
}

const Json* list(const Json& object, const std::string& path, const std::string& key) {
  const Json* value = find(object, key);
  if (value && (!value->is_array() || value->size() > kMaxAnnotations)) {
    fail(path + key, "must be a list of at most 100 entries");
  }
  return value;
}

/// The parts of an explorer step that a preset and curves of its own share.
void readDecorations(const Json& value, const std::string& path, LessonExplorer* explorer) {
  if (const Json* ranges = find(value, "y_ranges")) {
    if (!ranges->is_object()) {
      fail(path + ".y_ranges", "must be an object: {\"loss\": [from, to], …}");
    }
    for (auto it = ranges->begin(); it != ranges->end(); ++it) {
      int panel = -1;
      for (int p = 0; p < kLessonPanels; ++p) {
        if (it.key() == kLessonPanelNames[p]) {
          panel = p;
        }
      }
      if (panel < 0) {
        fail(path + ".y_ranges." + it.key(), "is not a panel (loss, gradient or curvature)");
      }
      explorer->yRanges[panel] = readRange(it.value(), path + ".y_ranges." + it.key());
    }
  }
  for (const auto& [key, flag] : {std::pair{"thresholds", &explorer->thresholds},
                                  std::pair{"formulas", &explorer->formulas}}) {
    if (const Json* on = find(value, key)) {
      if (!on->is_boolean()) {
        fail(path + "." + key, "must be true or false");
      }
      *flag = on->get<bool>();
    }
  }
  if (const Json* notes = list(value, path + ".", "annotations")) {
    for (std::size_t i = 0; i < notes->size(); ++i) {
      const std::string key = path + ".annotations[" + std::to_string(i) + "]";
      const Json& n = (*notes)[i];
      if (!n.is_object() || !find(n, "text") || !find(n, "x") || !find(n, "y")) {
        fail(key, "must be an object with \"text\", \"x\", \"y\" (and \"panel\")");
      }
      explorer->notes.push_back({text(n, key + ".", "text"), number(n["x"], key + ".x"),
                                 number(n["y"], key + ".y"), readPanel(n, key)});
    }
  }
  if (const Json* arrows = list(value, path + ".", "arrows")) {
    for (std::size_t i = 0; i < arrows->size(); ++i) {
      const std::string key = path + ".arrows[" + std::to_string(i) + "]";
      const Json& a = (*arrows)[i];
      if (!a.is_object() || !find(a, "from") || !find(a, "to")) {
        fail(key, "must be an object with \"from\": [x, y], \"to\": [x, y] (and \"panel\")");
      }
      const auto point = [&](const char* name) {
        const Json& p = a[name];
        if (!p.is_array() || p.size() != 2) {
          fail(key + "." + name, "must be [x, y]");
        }
        return std::pair{number(p[0], key + "." + name), number(p[1], key + "." + name)};
      };
      const auto [fromX, fromY] = point("from");
      const auto [toX, toY] = point("to");
      explorer->arrows.push_back({fromX, fromY, toX, toY, readPanel(a, key)});
    }
  }
}

LessonExplorer readExplorer(const Json& value, const std::string& path) {
  if (!value.is_object()) {
    fail(path, "must be an object with \"preset\" or \"curves\"");
  }
  LessonExplorer explorer;
  explorer.preset = text(value, path + ".", "preset");
  readDecorations(value, path, &explorer);
  if (!explorer.preset.empty()) {
    return explorer;
  }
  const Json* curves = find(value, "curves");
  if (!curves || !curves->is_array() || curves->empty() || curves->size() > kMaxCurves) {
    fail(path + ".curves", "must be a list of 1 to 8 curves (or give \"preset\")");
  }
  for (std::size_t i = 0; i < curves->size(); ++i) {
    explorer.curves.push_back(readCurve((*curves)[i], path + ".curves[" + std::to_string(i) + "]"));
  }
  if (const Json* d2 = find(value, "second_derivative")) {
    if (!d2->is_boolean()) {
      fail(path + ".second_derivative", "must be true or false");
    }
    explorer.secondDerivative = d2->get<bool>();
  }
  if (const Json* range = find(value, "x_range")) {
    const LessonRange x = readRange(*range, path + ".x_range");
    explorer.from = x.from;
    explorer.to = x.to;
  }
  return explorer;
}

TrainingConfig readTraining(const Json& value, const std::string& path) {
  if (!value.is_object()) {
    fail(path, "must be a session object (\"format\": \"losslab-session\")");
  }
  try {
    TrainingConfig config = sessionFromJson(value.dump());
    if (const std::string problem = fullConfigProblem(config); !problem.empty()) {
      throw Error::data(problem);
    }
    return config;
  } catch (const Error& e) {
    throw Error::data("\"" + path + "\": " + e.what());
  }
}

LessonStep readStep(const Json& value, std::size_t index, const LessonStep* previous) {
  const std::string path = "steps[" + std::to_string(index) + "]";
  if (!value.is_object()) {
    fail(path, "must be an object");
  }
  LessonStep step;
  step.title = text(value, path + ".", "title");
  step.caption = text(value, path + ".", "caption");
  if (previous) {
    step.explorer = previous->explorer;
    step.explorerSource = previous->explorerSource;
    step.training = previous->training;
    step.trainingSource = previous->trainingSource;
  }
  const int self = static_cast<int>(index);
  if (const Json* explorer = find(value, "explorer")) {
    step.explorer = readExplorer(*explorer, path + ".explorer");
    step.explorerSource = self;
  }
  if (const Json* training = find(value, "training")) {
    step.training = readTraining(*training, path + ".training");
    step.trainingSource = self;
  }
  std::string tab = text(value, path + ".", "tab");
  if (tab.empty()) {
    tab = step.trainingSource == self ? "training" : "explorer";
  }
  if (tab != "explorer" && tab != "training") {
    fail(path + ".tab", "must be \"explorer\" or \"training\", not \"" + tab + "\"");
  }
  step.trainingTab = tab == "training";
  if (step.trainingTab && !step.training) {
    fail(path + ".tab", "is \"training\" but no step so far has a \"training\" object");
  }
  if (const Json* epochs = find(value, "train_epochs")) {
    const double n = epochs->is_number() ? epochs->get<double>() : std::nan("");
    if (!(n >= 0 && n <= kMaxEpochs) || n != std::floor(n)) {
      fail(path + ".train_epochs", "must be a whole number from 0 to 100000");
    }
    if (n > 0 && !step.training) {
      fail(path + ".train_epochs", "needs a \"training\" object in this or an earlier step");
    }
    step.trainEpochs = static_cast<int>(n);
  }
  return step;
}

}  // namespace

Lesson lessonFromJson(std::string_view json) {
  Json root;
  try {
    root = Json::parse(json.begin(), json.end());
  } catch (const Json::exception& e) {
    const std::string what = e.what();
    const std::size_t bracket = what.find("] ");
    throw Error::data("not valid JSON: " +
                      (bracket == std::string::npos ? what : what.substr(bracket + 2)));
  }
  const Json* format = root.is_object() ? find(root, "format") : nullptr;
  if (!format || !format->is_string() || format->get<std::string>() != kFormat) {
    throw Error::data(std::string("not a LossLab lesson file (\"format\" must be \"") + kFormat +
                      "\")");
  }
  const Json* version = find(root, "version");
  const double v = version && version->is_number() ? version->get<double>() : std::nan("");
  if (!(v >= 1 && v <= 1e6) || v != std::floor(v)) {
    fail("version", "must be a whole number from 1");
  }
  if (v > kLessonFormatVersion) {
    fail("version", std::to_string(static_cast<long>(v)) +
                        " is newer than this LossLab understands (" +
                        std::to_string(kLessonFormatVersion) + ")");
  }
  Lesson lesson;
  lesson.title = text(root, {}, "title");
  const Json* steps = find(root, "steps");
  if (!steps || !steps->is_array() || steps->empty() || steps->size() > kMaxSteps) {
    fail("steps", "must be a list of 1 to 1000 steps");
  }
  for (std::size_t i = 0; i < steps->size(); ++i) {
    lesson.steps.push_back(
        readStep((*steps)[i], i, lesson.steps.empty() ? nullptr : &lesson.steps.back()));
  }
  return lesson;
}

Lesson readLesson(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  std::ifstream in(std::filesystem::path(path), std::ios::binary);
  if (!in) {
    throw Error::usage(name + ": cannot read the lesson file '" + path + "'");
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  try {
    return lessonFromJson(contents.str());
  } catch (const Error& e) {
    throw Error(e.kind(), name + ": " + e.what());
  }
}

}  // namespace losslab
