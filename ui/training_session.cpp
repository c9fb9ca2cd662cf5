// SPDX-License-Identifier: GPL-3.0-or-later
#include "training_session.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

#include "custom_loss_library.h"
#include "loss_factory.h"

namespace losslab::ui {

namespace {

constexpr const char* kFormat = "losslab-session";

/// The messages' translation context (lupdate reads the macro's argument).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(losslab::ui::TrainingSession)
};

/// Reads typed values out of a JSON object, remembering the first problem with its key path.
class Reader {
 public:
  explicit Reader(QString* error) : m_error(error) {}

  bool ok() const { return m_ok; }

  QJsonObject object(const QJsonObject& parent, const QString& key, const QString& path) {
    const QJsonValue value = parent.value(key);
    if (!value.isObject()) {
      fail(Text::tr("\"%1\" must be an object").arg(path));
      return {};
    }
    return value.toObject();
  }

  double number(
      const QJsonObject& object, const QString& key, const QString& path, double min, double max) {
    const QJsonValue value = object.value(key);
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < min ||
        value.toDouble() > max) {
      fail(Text::tr("\"%1\" must be a number from %2 to %3").arg(path).arg(min).arg(max));
      return min;
    }
    return value.toDouble();
  }

  int integer(
      const QJsonObject& object, const QString& key, const QString& path, int min, int max) {
    const double value = number(object, key, path, min, max);
    if (m_ok && value != std::floor(value)) {
      fail(Text::tr("\"%1\" must be a whole number").arg(path));
    }
    return static_cast<int>(value);
  }

  QString text(const QJsonObject& object, const QString& key, const QString& path) {
    const QJsonValue value = object.value(key);
    if (!value.isString()) {
      fail(Text::tr("\"%1\" must be a string").arg(path));
      return {};
    }
    return value.toString();
  }

  bool boolean(const QJsonObject& object, const QString& key, const QString& path) {
    const QJsonValue value = object.value(key);
    if (!value.isBool()) {
      fail(Text::tr("\"%1\" must be true or false").arg(path));
      return false;
    }
    return value.toBool();
  }

  QStringList strings(const QJsonObject& object, const QString& key, const QString& path) {
    const QJsonValue value = object.value(key);
    QStringList list;
    if (!value.isArray()) {
      fail(Text::tr("\"%1\" must be a list of strings").arg(path));
      return list;
    }
    for (const QJsonValue& item : value.toArray()) {
      if (!item.isString()) {
        fail(Text::tr("\"%1\" must be a list of strings").arg(path));
        return {};
      }
      list << item.toString();
    }
    return list;
  }

  void fail(const QString& message) {
    if (m_ok && m_error) {
      *m_error = message;
    }
    m_ok = false;
  }

 private:
  QString* m_error;
  bool m_ok = true;
};

bool oneOf(const QString& value, std::initializer_list<const char*> allowed) {
  for (const char* option : allowed) {
    if (value == QLatin1String(option)) {
      return true;
    }
  }
  return false;
}

}  // namespace

QByteArray sessionToJson(const TrainingSession& s) {
  QJsonObject data{{"kind", s.dataset},
                   {"samples", s.samples},
                   {"noise", s.noise},
                   {"outlier_fraction", s.outlierFraction},
                   {"outlier_magnitude", s.outlierMagnitude},
                   {"validation_split", s.validationSplit}};
  if (s.dataset == QLatin1String("csv")) {
    data.insert(QStringLiteral("csv_path"), s.csvPath);
    data.insert(QStringLiteral("csv_target"), s.csvTarget);
    data.insert(QStringLiteral("csv_features"), QJsonArray::fromStringList(s.csvFeatures));
  }
  QJsonArray hidden;
  for (int width : s.hidden) {
    hidden.append(width);
  }
  QJsonObject params;
  for (const auto& [name, value] : s.lossParams) {
    params.insert(QString::fromStdString(name), value);
  }
  const QJsonObject root{
      {"format", QLatin1String(kFormat)},
      {"version", TrainingSession::kFormatVersion},
      // JSON numbers are doubles: a 64-bit seed is kept exactly as text.
      {"seed", QString::number(s.seed)},
      {"data", data},
      {"model", QJsonObject{{"hidden", hidden}, {"activation", s.activation}}},
      {"optimizer", QJsonObject{{"kind", s.optimizer},
                                {"lr", s.learningRate},
                                {"batch", s.batchSize},
                                {"epochs", s.epochs}}},
      {"loss", QJsonObject{{"id", s.loss}, {"params", params}}},
      {"compare",
       QJsonObject{{"on", s.compare}, {"losses", QJsonArray::fromStringList(s.compareLosses)}}}};
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<TrainingSession> sessionFromJson(const QByteArray& json, QString* error) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    if (error) {
      *error = Text::tr("not valid JSON at character %1: %2")
                   .arg(parseError.offset)
                   .arg(parseError.errorString());
    }
    return std::nullopt;
  }
  if (!document.isObject() ||
      document.object().value(QStringLiteral("format")).toString() != QLatin1String(kFormat)) {
    if (error) {
      *error = Text::tr("not a LossLab session file (\"format\" must be \"%1\")")
                   .arg(QLatin1String(kFormat));
    }
    return std::nullopt;
  }
  const QJsonObject root = document.object();
  Reader read(error);
  TrainingSession s;
  if (read.integer(root, QStringLiteral("version"), QStringLiteral("version"), 1, 1000) >
      TrainingSession::kFormatVersion) {
    read.fail(Text::tr("\"version\" %1 is newer than this LossLab understands (%2)")
                  .arg(root.value(QStringLiteral("version")).toInt())
                  .arg(TrainingSession::kFormatVersion));
  }
  bool seedOk = false;
  s.seed = read.text(root, QStringLiteral("seed"), QStringLiteral("seed")).toULongLong(&seedOk);
  // losslab-cli train takes seeds up to 2^53 (every one exact as a JSON number there).
  constexpr quint64 kMaxSeed = 9007199254740992ull;
  if (read.ok() && (!seedOk || s.seed > kMaxSeed)) {
    read.fail(Text::tr("\"seed\" must be a whole number from 0 to %1, written as a string")
                  .arg(kMaxSeed));
  }

  const QJsonObject data = read.object(root, QStringLiteral("data"), QStringLiteral("data"));
  s.dataset = read.text(data, QStringLiteral("kind"), QStringLiteral("data.kind"));
  if (read.ok() && !oneOf(s.dataset, {"seed_sum", "linear", "sine", "cubic", "step",
                                      "heteroscedastic", "csv"})) {
    read.fail(
        Text::tr("\"data.kind\" must be seed_sum, linear, sine, cubic, step, heteroscedastic or "
                 "csv, not \"%1\"")
            .arg(s.dataset));
  }
  s.samples =
      read.integer(data, QStringLiteral("samples"), QStringLiteral("data.samples"), 10, 100000);
  s.noise = read.number(data, QStringLiteral("noise"), QStringLiteral("data.noise"), 0, 100);
  s.outlierFraction = read.number(data, QStringLiteral("outlier_fraction"),
                                  QStringLiteral("data.outlier_fraction"), 0, 0.5);
  s.outlierMagnitude = read.number(data, QStringLiteral("outlier_magnitude"),
                                   QStringLiteral("data.outlier_magnitude"), 0, 1000);
  s.validationSplit = read.number(data, QStringLiteral("validation_split"),
                                  QStringLiteral("data.validation_split"), 0, 0.9);
  if (read.ok() && s.dataset == QLatin1String("csv")) {
    s.csvPath = read.text(data, QStringLiteral("csv_path"), QStringLiteral("data.csv_path"));
    s.csvTarget = read.text(data, QStringLiteral("csv_target"), QStringLiteral("data.csv_target"));
    s.csvFeatures =
        read.strings(data, QStringLiteral("csv_features"), QStringLiteral("data.csv_features"));
  }

  const QJsonObject model = read.object(root, QStringLiteral("model"), QStringLiteral("model"));
  s.hidden.clear();
  const QJsonValue hidden = model.value(QStringLiteral("hidden"));
  if (read.ok() && (!hidden.isArray() || hidden.toArray().size() > 8)) {
    read.fail(Text::tr("\"model.hidden\" must be a list of at most 8 layer widths"));
  }
  for (const QJsonValue& width : hidden.toArray()) {
    if (!width.isDouble() || width.toDouble() < 1 || width.toDouble() > 1024 ||
        width.toDouble() != std::floor(width.toDouble())) {
      read.fail(Text::tr("\"model.hidden\" widths must be whole numbers from 1 to 1024"));
      break;
    }
    s.hidden.push_back(width.toInt());
  }
  s.activation = read.text(model, QStringLiteral("activation"), QStringLiteral("model.activation"));
  if (read.ok() && !oneOf(s.activation, {"relu", "tanh", "sigmoid", "linear"})) {
    read.fail(Text::tr("\"model.activation\" must be relu, tanh, sigmoid or linear"));
  }

  const QJsonObject optimizer =
      read.object(root, QStringLiteral("optimizer"), QStringLiteral("optimizer"));
  s.optimizer = read.text(optimizer, QStringLiteral("kind"), QStringLiteral("optimizer.kind"));
  if (read.ok() && !oneOf(s.optimizer, {"adam", "sgd", "rmsprop"})) {
    read.fail(Text::tr("\"optimizer.kind\" must be adam, sgd or rmsprop"));
  }
  s.learningRate =
      read.number(optimizer, QStringLiteral("lr"), QStringLiteral("optimizer.lr"), 1e-6, 10);
  s.batchSize = read.integer(optimizer, QStringLiteral("batch"), QStringLiteral("optimizer.batch"),
                             1, 100000);
  s.epochs = read.integer(optimizer, QStringLiteral("epochs"), QStringLiteral("optimizer.epochs"),
                          1, 100000);

  const QJsonObject loss = read.object(root, QStringLiteral("loss"), QStringLiteral("loss"));
  s.loss = read.text(loss, QStringLiteral("id"), QStringLiteral("loss.id"));
  const QJsonObject params =
      read.object(loss, QStringLiteral("params"), QStringLiteral("loss.params"));
  s.lossParams.clear();
  for (auto it = params.begin(); it != params.end() && read.ok(); ++it) {
    if (!it.value().isDouble() || !std::isfinite(it.value().toDouble())) {
      read.fail(Text::tr("\"loss.params.%1\" must be a number").arg(it.key()));
    }
    s.lossParams[it.key().toStdString()] = it.value().toDouble();
  }

  const QJsonObject compare =
      read.object(root, QStringLiteral("compare"), QStringLiteral("compare"));
  s.compare = read.boolean(compare, QStringLiteral("on"), QStringLiteral("compare.on"));
  s.compareLosses =
      read.strings(compare, QStringLiteral("losses"), QStringLiteral("compare.losses"));
  if (read.ok() && s.compare && (s.compareLosses.size() < 2 || s.compareLosses.size() > 4)) {
    read.fail(Text::tr("\"compare.losses\" must name 2 to 4 losses"));
  }
  if (!read.ok()) {
    return std::nullopt;
  }
  return s;
}

QStringList cliTrainArguments(const TrainingSession& s, const QString& loss) {
  auto number = [](double value) { return QString::number(value, 'g', 17); };
  QStringList args{QStringLiteral("train")};
  if (s.dataset == QLatin1String("csv")) {
    args << QStringLiteral("--dataset") << s.csvPath;
    if (!s.csvTarget.isEmpty()) {
      args << QStringLiteral("--target") << s.csvTarget;
    }
  } else {
    args << QStringLiteral("--dataset") << s.dataset << QStringLiteral("--samples")
         << QString::number(s.samples) << QStringLiteral("--noise") << number(s.noise)
         << QStringLiteral("--outliers")
         << QStringLiteral("%1:%2").arg(number(s.outlierFraction), number(s.outlierMagnitude));
  }
  if (isCustomLossId(loss)) {
    const auto custom = CustomLossLibrary::instance().find(customLossName(loss));
    args << QStringLiteral("--expr") << (custom ? custom->source : QString());
  } else {
    args << QStringLiteral("--loss") << loss;
  }
  if (loss == s.loss) {
    for (const auto& [name, value] : s.lossParams) {
      args << QStringLiteral("--param")
           << QStringLiteral("%1=%2").arg(QString::fromStdString(name), number(value));
    }
  }
  QStringList widths;
  for (int width : s.hidden) {
    widths << QString::number(width);
  }
  args << QStringLiteral("--optimizer") << s.optimizer << QStringLiteral("--lr")
       << number(s.learningRate) << QStringLiteral("--batch") << QString::number(s.batchSize)
       << QStringLiteral("--epochs") << QString::number(s.epochs) << QStringLiteral("--hidden")
       << (widths.isEmpty() ? QStringLiteral("none") : widths.join(QLatin1Char(',')))
       << QStringLiteral("--activation") << s.activation << QStringLiteral("--seed")
       << QString::number(s.seed) << QStringLiteral("--val-split") << number(s.validationSplit);
  return args;
}

}  // namespace losslab::ui
