// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/training/session_file.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/engine/error.h"
#include "core/io/number_format.h"

namespace losslab {

namespace {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;
using L = TrainingLimits;

constexpr const char* kFormat = "losslab-session";
constexpr const char* kCsvKind = "csv";

/// Reads typed values out of JSON objects. An absent key keeps the default it is given; a
/// present one must have the right type (ranges are configProblem()'s). The first problem
/// throws Error::data with its dotted key ("optimizer.lr").
class Reader {
 public:
  static std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

  [[noreturn]] static void fail(const std::string& message) { throw Error::data(message); }

  /// The value at `key`, or nullptr when absent.
  static const Json* find(const Json& object, const std::string& key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  /// The object at `key` (an empty one when absent: every key inside takes its default).
  static Json object(const Json& parent, const std::string& path, const std::string& key) {
    const Json* value = find(parent, key);
    if (!value) {
      return Json::object();
    }
    if (!value->is_object()) {
      fail("\"" + join(path, key) + "\" must be an object");
    }
    return *value;
  }

  static void real(const Json& object,
                   const std::string& path,
                   const std::string& key,
                   double* out) {
    if (const Json* value = find(object, key)) {
      if (!value->is_number() || !std::isfinite(value->get<double>())) {
        fail("\"" + join(path, key) + "\" must be a number");
      }
      *out = value->get<double>();
    }
  }

  /// A whole number; the range is checked here too, since a huge value does not fit `T`.
  template <class T>
  static void whole(const Json& object,
                    const std::string& path,
                    const std::string& key,
                    double min,
                    double max,
                    T* out) {
    if (const Json* value = find(object, key)) {
      const double v = value->is_number() ? value->get<double>() : std::nan("");
      if (!(v >= min && v <= max) || v != std::floor(v)) {
        fail("\"" + join(path, key) + "\" must be a whole number from " +
             std::to_string(std::llround(min)) + " to " + std::to_string(std::llround(max)));
      }
      *out = static_cast<T>(v);
    }
  }

  static void text(const Json& object,
                   const std::string& path,
                   const std::string& key,
                   std::string* out) {
    if (const Json* value = find(object, key)) {
      if (!value->is_string()) {
        fail("\"" + join(path, key) + "\" must be a string");
      }
      *out = value->get<std::string>();
    }
  }

  static void boolean(const Json& object,
                      const std::string& path,
                      const std::string& key,
                      bool* out) {
    if (const Json* value = find(object, key)) {
      if (!value->is_boolean()) {
        fail("\"" + join(path, key) + "\" must be true or false");
      }
      *out = value->get<bool>();
    }
  }

  static void strings(const Json& object,
                      const std::string& path,
                      const std::string& key,
                      std::vector<std::string>* out) {
    if (const Json* value = find(object, key)) {
      bool good = value->is_array();
      std::vector<std::string> list;
      for (const Json& item : good ? *value : Json::array()) {
        good = good && item.is_string();
        list.push_back(good ? item.get<std::string>() : std::string());
      }
      if (!good) {
        fail("\"" + join(path, key) + "\" must be a list of strings");
      }
      *out = list;
    }
  }

  /// {"name": number, …}; true and false are read as 1 and 0 (switch parameters).
  static void params(const Json& object, const std::string& path, ParamValues* out) {
    const Json values = Reader::object(object, path, "params");
    ParamValues read;
    for (auto it = values.begin(); it != values.end(); ++it) {
      const Json& value = it.value();
      if (value.is_boolean()) {
        read[it.key()] = value.get<bool>() ? 1 : 0;
      } else if (value.is_number() && std::isfinite(value.get<double>())) {
        read[it.key()] = value.get<double>();
      } else {
        fail("\"" + join(join(path, "params"), it.key()) + "\" must be a number");
      }
    }
    *out = read;
  }

  /// A loss: {"id": "huber", "params": {"delta": 0.5}}, or just "huber" (default parameters).
  static LossChoice loss(const Json& value, const std::string& path) {
    LossChoice loss;
    if (value.is_string()) {
      loss.id = value.get<std::string>();
    } else if (value.is_object()) {
      const Json* id = find(value, "id");
      if (!id || !id->is_string()) {
        fail("\"" + join(path, "id") + "\" must be a string");
      }
      loss.id = id->get<std::string>();
      params(value, path, &loss.params);
      text(value, path, "formula", &loss.formula);
    } else {
      fail("\"" + path + "\" must be a loss id or an object with \"id\" and \"params\"");
    }
    if (loss.id.find_first_not_of(" \t") == std::string::npos) {
      fail("\"" + join(path, "id") + "\" must name a loss");
    }
    return loss;
  }

  static void choice(const Json& object,
                     const std::string& path,
                     const std::string& key,
                     const std::vector<std::string>& allowed,
                     std::string* out) {
    std::string value = *out;
    text(object, path, key, &value);
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      std::string list;
      for (const std::string& name : allowed) {
        list += (list.empty() ? "" : ", ") + name;
      }
      fail("\"" + join(path, key) + "\" must be one of " + list + ", not \"" + value + "\"");
    }
    *out = value;
  }
};

std::uint64_t readSeed(const Json& root) {
  const Json* seed = Reader::find(root, "seed");
  if (!seed) {
    return TrainingConfig{}.seed;
  }
  // Digits in a string, or a whole JSON number; 0 to 2^53 as losslab-cli train.
  std::uint64_t value = 0;
  bool ok = false;
  if (seed->is_string()) {
    const std::string digits = seed->get<std::string>();
    const char* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, value);
    ok = !digits.empty() && ec == std::errc() && ptr == end;
  } else if (seed->is_number()) {
    const double v = seed->get<double>();
    ok = v >= 0 && v <= static_cast<double>(L::kMaxSeed) && v == std::floor(v);
    value = ok ? static_cast<std::uint64_t>(v) : 0;
  }
  if (!ok || value > L::kMaxSeed) {
    Reader::fail("\"seed\" must be a whole number from 0 to " + std::to_string(L::kMaxSeed) +
                 ", written as a string");
  }
  return value;
}

void readData(const Json& root, TrainingConfig& c) {
  const std::string d = "data";
  const Json data = Reader::object(root, {}, d);
  std::string kind =
      c.data.source == DataConfig::Source::Csv ? kCsvKind : datasetName(c.data.generator);
  Reader::choice(data, d, "kind",
                 {"seed_sum", "linear", "sine", "cubic", "step", "heteroscedastic", kCsvKind},
                 &kind);
  c.data.source = kind == kCsvKind ? DataConfig::Source::Csv : DataConfig::Source::Generator;
  if (kind != kCsvKind) {
    c.data.generator = parseDatasetKind(kind);
  }
  Reader::whole(data, d, "samples", static_cast<double>(L::kMinSamples),
                static_cast<double>(L::kMaxSamples), &c.data.samples);
  Reader::real(data, d, "noise", &c.data.noise);
  Reader::real(data, d, "outlier_fraction", &c.data.outlierFraction);
  Reader::real(data, d, "outlier_magnitude", &c.data.outlierMagnitude);
  std::string side = outlierSideName(c.data.outlierSide);
  Reader::choice(data, d, "outlier_side", {"both", "up", "down"}, &side);
  c.data.outlierSide = parseOutlierSide(side);
  Reader::real(data, d, "leverage_fraction", &c.data.leverageFraction);
  Reader::real(data, d, "leverage_distance", &c.data.leverageDistance);
  Reader::real(data, d, "validation_split", &c.data.validationSplit);
  if (c.data.source == DataConfig::Source::Csv) {
    Reader::text(data, d, "csv_path", &c.data.csvPath);
    Reader::text(data, d, "csv_target", &c.data.csvTarget);
    Reader::strings(data, d, "csv_features", &c.data.csvFeatures);
    Reader::text(data, d, "csv_clean", &c.data.csvClean);
  }
}

void readModel(const Json& root, TrainingConfig& c) {
  const Json model = Reader::object(root, {}, "model");
  if (const Json* hidden = Reader::find(model, "hidden")) {
    const std::string message =
        "\"model.hidden\" must be a list of at most " + std::to_string(L::kMaxHiddenLayers) +
        " layer widths, whole numbers from 1 to " + std::to_string(L::kMaxHiddenWidth);
    if (!hidden->is_array() || hidden->size() > static_cast<std::size_t>(L::kMaxHiddenLayers)) {
      Reader::fail(message);
    }
    c.network.hidden.clear();
    for (const Json& width : *hidden) {
      const double w = width.is_number() ? width.get<double>() : std::nan("");
      if (!(w >= 1 && w <= static_cast<double>(L::kMaxHiddenWidth)) || w != std::floor(w)) {
        Reader::fail(message);
      }
      c.network.hidden.push_back(static_cast<Eigen::Index>(w));
    }
  }
  std::string activation = activationName(c.network.activation);
  Reader::choice(model, "model", "activation", {"relu", "tanh", "sigmoid", "linear"}, &activation);
  c.network.activation = parseActivation(activation);
}

void readOptimizer(const Json& root, TrainingConfig& c) {
  const std::string o = "optimizer";
  const Json optimizer = Reader::object(root, {}, o);
  std::string kind = trainingOptimizerName(c.optimizer.kind);
  Reader::choice(optimizer, o, "kind", {"adam", "sgd", "momentum", "rmsprop"}, &kind);
  c.optimizer.kind = parseTrainingOptimizer(kind);
  Reader::real(optimizer, o, "lr", &c.optimizer.learningRate);
  Reader::whole(optimizer, o, "batch", 1, static_cast<double>(L::kMaxBatchSize),
                &c.optimizer.batchSize);
  Reader::whole(optimizer, o, "epochs", 1, L::kMaxEpochs, &c.epochs);
}

void readLosses(const Json& root, TrainingConfig& c) {
  if (const Json* loss = Reader::find(root, "loss")) {
    c.loss = Reader::loss(*loss, "loss");
  }
  const std::string k = "compare";
  const Json compare = Reader::object(root, {}, k);
  Reader::boolean(compare, k, "on", &c.compare);
  if (const Json* losses = Reader::find(compare, "losses")) {
    if (!losses->is_array() || losses->size() > static_cast<std::size_t>(L::kMaxLosses)) {
      Reader::fail("\"compare.losses\" must be a list of at most 4 losses");
    }
    c.compareLosses.clear();
    for (std::size_t i = 0; i < losses->size(); ++i) {
      c.compareLosses.push_back(
          Reader::loss((*losses)[i], "compare.losses[" + std::to_string(i) + "]"));
    }
  }
  c.focus = c.compareLosses.empty() ? std::string() : c.compareLosses.front().id;
  Reader::text(compare, k, "focus", &c.focus);
}

OrderedJson lossToJson(const LossChoice& loss) {
  OrderedJson params = OrderedJson::object();
  for (const auto& [name, value] : loss.params) {
    params[name] = value;
  }
  OrderedJson object{{"id", loss.id}, {"params", params}};
  if (!loss.formula.empty()) {
    object["formula"] = loss.formula;
  }
  return object;
}

/// nlohmann's messages start with "[json.exception.parse_error.101] ": keep what follows.
std::string parseMessage(const std::string& what) {
  const std::size_t bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

OrderedJson editedSetToJson(const Dataset& set) {
  std::vector<double> x(set.x.data(), set.x.data() + set.x.size());
  std::vector<double> y(set.y.data(), set.y.data() + set.y.size());
  std::vector<bool> outlier(static_cast<std::size_t>(set.size()), false);
  for (Eigen::Index i : set.outliers) {
    outlier[static_cast<std::size_t>(i)] = true;
  }
  OrderedJson object{{"x", x}, {"y", y}};
  if (set.clean.size() == set.size() && set.size() > 0) {
    object["y_clean"] = std::vector<double>(set.clean.data(), set.clean.data() + set.clean.size());
  }
  object["outlier"] = outlier;
  return object;
}

/// One set of "edited_data": x, y (and y_clean, outlier) lists of one length.
Dataset editedSetFromJson(const Json& parent, const std::string& key, bool needClean) {
  const std::string path = "edited_data." + key;
  const Json set = Reader::object(parent, "edited_data", key);
  auto numbers = [&](const std::string& name, std::optional<std::size_t> count) {
    const Json* value = Reader::find(set, name);
    bool good = value && value->is_array() && (!count || value->size() == *count);
    std::vector<double> list;
    for (const Json& item : good ? *value : Json::array()) {
      good = good && item.is_number() && std::isfinite(item.get<double>());
      list.push_back(good ? item.get<double>() : 0.0);
    }
    if (!good) {
      Reader::fail("\"" + path + "." + name + "\" must be a list of " +
                   (count ? std::to_string(*count) + " " : std::string()) + "finite numbers");
    }
    return list;
  };
  const std::vector<double> x = numbers("x", std::nullopt);
  if (x.size() > static_cast<std::size_t>(L::kMaxSamples)) {
    Reader::fail("\"" + path + ".x\" must have at most " + std::to_string(L::kMaxSamples) +
                 " samples");
  }
  const std::vector<double> y = numbers("y", x.size());
  Dataset d;
  const auto n = static_cast<Eigen::Index>(x.size());
  d.x = Eigen::Map<const Eigen::MatrixXd>(x.data(), 1, n);
  d.y = Eigen::Map<const Eigen::VectorXd>(y.data(), n);
  if (needClean && Reader::find(set, "y_clean")) {
    const std::vector<double> clean = numbers("y_clean", x.size());
    d.clean = Eigen::Map<const Eigen::VectorXd>(clean.data(), n);
  }
  if (const Json* outlier = Reader::find(set, "outlier")) {
    bool good = outlier->is_array() && outlier->size() == x.size();
    for (std::size_t i = 0; good && i < x.size(); ++i) {
      good = (*outlier)[i].is_boolean();
      if (good && (*outlier)[i].get<bool>()) {
        d.outliers.push_back(static_cast<Eigen::Index>(i));
      }
    }
    if (!good) {
      Reader::fail("\"" + path + ".outlier\" must be a list of " + std::to_string(x.size()) +
                   " true or false values");
    }
  }
  return d;
}

}  // namespace

std::string sessionToJson(const TrainingConfig& c,
                          const std::optional<SweepPlan>& sweep,
                          const DatasetSplit* edited) {
  const DataConfig& d = c.data;
  OrderedJson data{{"kind", d.source == DataConfig::Source::Csv ? std::string(kCsvKind)
                                                                : datasetName(d.generator)},
                   {"samples", d.samples},
                   {"noise", d.noise},
                   {"outlier_fraction", d.outlierFraction},
                   {"outlier_magnitude", d.outlierMagnitude},
                   {"outlier_side", outlierSideName(d.outlierSide)},
                   {"leverage_fraction", d.leverageFraction},
                   {"leverage_distance", d.leverageDistance},
                   {"validation_split", d.validationSplit}};
  if (d.source == DataConfig::Source::Csv) {
    data["csv_path"] = d.csvPath;
    data["csv_target"] = d.csvTarget;
    data["csv_features"] = d.csvFeatures;
    if (!d.csvClean.empty()) {
      data["csv_clean"] = d.csvClean;
    }
  }
  OrderedJson compared = OrderedJson::array();
  for (const LossChoice& loss : c.compareLosses) {
    compared.push_back(lossToJson(loss));
  }
  OrderedJson root{
      {"format", kFormat},
      {"version", kSessionFormatVersion},
      {"seed", std::to_string(c.seed)},
      {"data", data},
      {"model",
       {{"hidden", c.network.hidden}, {"activation", activationName(c.network.activation)}}},
      {"optimizer",
       {{"kind", trainingOptimizerName(c.optimizer.kind)},
        {"lr", c.optimizer.learningRate},
        {"batch", c.optimizer.batchSize},
        {"epochs", c.epochs}}},
      {"loss", lossToJson(c.loss)},
      {"compare", {{"on", c.compare}, {"losses", compared}, {"focus", c.focus}}}};
  if (sweep) {
    root["sweep"] = OrderedJson{
        {"vary", sweep->vary.name},   {"from", sweep->vary.from}, {"to", sweep->vary.to},
        {"count", sweep->vary.count}, {"log", sweep->vary.log},   {"seeds", sweep->seeds},
        {"metric", sweep->metric},    {"losses", sweep->losses},  {"epochs", sweep->epochs}};
  }
  if (edited) {
    root["edited_data"] = OrderedJson{{"train", editedSetToJson(edited->train)},
                                      {"validation", editedSetToJson(edited->validation)}};
  }
  return root.dump(4) + "\n";
}

namespace {

Json parseSession(std::string_view text) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::exception& e) {
    // parse_error, and out_of_range for a number beyond a double ("1e666"): both are bad files,
    // never an escaping exception (found by tests/fuzz/fuzz_session).
    throw Error::data("not valid JSON: " + parseMessage(e.what()));
  }
}

std::string readWhole(const std::string& path) {
  std::ifstream in(std::filesystem::path(path), std::ios::binary);
  if (!in) {
    throw Error::usage(std::filesystem::path(path).filename().string() +
                       ": cannot read the session file '" + path + "'");
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

}  // namespace

TrainingConfig sessionFromJson(std::string_view text) {
  const Json root = parseSession(text);
  const Json* format = root.is_object() ? Reader::find(root, "format") : nullptr;
  if (!format || !format->is_string() || format->get<std::string>() != kFormat) {
    throw Error::data(std::string("not a LossLab session file (\"format\" must be \"") + kFormat +
                      "\")");
  }
  if (!Reader::find(root, "version")) {
    Reader::fail("\"version\" is missing");
  }
  int version = kSessionFormatVersion;
  Reader::whole(root, {}, "version", 1, 1000000, &version);
  if (version > kSessionFormatVersion) {
    Reader::fail("\"version\" " + std::to_string(version) +
                 " is newer than this LossLab understands (" +
                 std::to_string(kSessionFormatVersion) + ")");
  }
  TrainingConfig c;
  c.seed = readSeed(root);
  readData(root, c);
  readModel(root, c);
  readOptimizer(root, c);
  readLosses(root, c);
  if (std::string problem = configProblem(c); !problem.empty()) {
    Reader::fail(problem);
  }
  return c;
}

std::optional<SweepPlan> sweepPlanFromJson(std::string_view text) {
  const Json root = parseSession(text);
  if (!root.is_object() || !Reader::find(root, "sweep")) {
    return std::nullopt;
  }
  const std::string path = "sweep";
  const Json s = Reader::object(root, {}, path);
  SweepPlan plan;
  Reader::text(s, path, "vary", &plan.vary.name);
  if (plan.vary.name.empty()) {
    Reader::fail("\"sweep.vary\" must name a loss parameter or a training value");
  }
  Reader::real(s, path, "from", &plan.vary.from);
  Reader::real(s, path, "to", &plan.vary.to);
  Reader::whole(s, path, "count", 1, SweepAxis::kMaxPoints, &plan.vary.count);
  Reader::boolean(s, path, "log", &plan.vary.log);
  if (plan.vary.log && !(plan.vary.from > 0 && plan.vary.to > 0)) {
    Reader::fail("\"sweep.from\" and \"sweep.to\" must be positive for a log grid");
  }
  Reader::whole(s, path, "seeds", 1, 1000, &plan.seeds);
  Reader::choice(s, path, "metric", sweepMetricNames(), &plan.metric);
  Reader::strings(s, path, "losses", &plan.losses);
  Reader::whole(s, path, "epochs", 0, L::kMaxEpochs, &plan.epochs);
  return plan;
}

std::optional<DatasetSplit> editedDataFromJson(std::string_view text) {
  const Json root = parseSession(text);
  if (!root.is_object() || !Reader::find(root, "edited_data")) {
    return std::nullopt;
  }
  const Json edited = Reader::object(root, {}, "edited_data");
  DatasetSplit split;
  split.train = editedSetFromJson(edited, "train", true);
  // Clean targets are known for every sample or for none.
  const bool clean = split.train.clean.size() > 0;
  split.validation = editedSetFromJson(edited, "validation", clean);
  if (clean && split.validation.size() > 0 && split.validation.clean.size() == 0) {
    Reader::fail("\"edited_data.validation.y_clean\" must be a list of " +
                 std::to_string(split.validation.size()) + " finite numbers");
  }
  if (split.train.size() < 1) {
    Reader::fail("\"edited_data.train\" must have at least one sample");
  }
  if (split.train.size() + split.validation.size() > L::kMaxSamples) {
    Reader::fail("\"edited_data\" must have at most " + std::to_string(L::kMaxSamples) +
                 " samples");
  }
  return split;
}

Session readSession(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  const std::string contents = readWhole(path);
  Session session;
  try {
    session.config = sessionFromJson(contents);
    session.sweep = sweepPlanFromJson(contents);
    session.edited = editedDataFromJson(contents);
  } catch (const Error& e) {
    throw Error(e.kind(), name + ": " + e.what());
  }
  DataConfig& data = session.config.data;
  if (data.source == DataConfig::Source::Csv && std::filesystem::path(data.csvPath).is_relative()) {
    data.csvPath =
        (std::filesystem::path(path).parent_path() / data.csvPath).lexically_normal().string();
  }
  return session;
}

TrainingConfig readSessionFile(const std::string& path) {
  return readSession(path).config;
}

}  // namespace losslab
