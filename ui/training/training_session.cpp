// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_session.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <set>

#include "ui/common/custom_loss_library.h"
#include "ui/common/loss_factory.h"

namespace losslab::ui {

namespace {

constexpr const char* kFormat = "losslab-session";

/// The messages' translation context (lupdate reads the macro's argument).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(losslab::ui::TrainingSession)
};

QString number(double value) {
  return QString::number(value, 'g', 12);
}

/// Reads typed values out of JSON objects. An absent key keeps the default it is given; a
/// present one must have the right type and range. The first problem is kept, with its dotted
/// key ("optimizer.lr"); later reads do nothing once one failed.
class Reader {
 public:
  explicit Reader(QString* error) : m_error(error) {}

  bool ok() const { return m_ok; }

  void fail(const QString& message) {
    if (m_ok && m_error) {
      *m_error = message;
    }
    m_ok = false;
  }

  static QString join(const QString& path, const QString& key) {
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
  }

  /// The object at `key` (an empty one when absent: every key inside takes its default).
  QJsonObject object(const QJsonObject& parent, const QString& path, const QString& key) {
    const QJsonValue value = parent.value(key);
    if (!m_ok || value.isUndefined()) {
      return {};
    }
    if (!value.isObject()) {
      fail(Text::tr("\"%1\" must be an object").arg(join(path, key)));
      return {};
    }
    return value.toObject();
  }

  void real(const QJsonObject& object,
            const QString& path,
            const QString& key,
            double min,
            double max,
            double* out) {
    const QJsonValue value = object.value(key);
    if (!m_ok || value.isUndefined()) {
      return;
    }
    if (!value.isDouble() || !(value.toDouble() >= min && value.toDouble() <= max)) {
      fail(Text::tr("\"%1\" must be a number from %2 to %3")
               .arg(join(path, key), number(min), number(max)));
      return;
    }
    *out = value.toDouble();
  }

  void integer(const QJsonObject& object,
               const QString& path,
               const QString& key,
               int min,
               int max,
               int* out) {
    const QJsonValue value = object.value(key);
    if (!m_ok || value.isUndefined()) {
      return;
    }
    const double v = value.toDouble(std::nan(""));
    if (!value.isDouble() || !(v >= min && v <= max) || v != std::floor(v)) {
      fail(Text::tr("\"%1\" must be a whole number from %2 to %3")
               .arg(join(path, key))
               .arg(min)
               .arg(max));
      return;
    }
    *out = static_cast<int>(v);
  }

  void text(const QJsonObject& object, const QString& path, const QString& key, QString* out) {
    const QJsonValue value = object.value(key);
    if (!m_ok || value.isUndefined()) {
      return;
    }
    if (!value.isString()) {
      fail(Text::tr("\"%1\" must be a string").arg(join(path, key)));
      return;
    }
    *out = value.toString();
  }

  /// A string that must be one of `allowed`.
  void choice(const QJsonObject& object,
              const QString& path,
              const QString& key,
              const QStringList& allowed,
              QString* out) {
    QString value = *out;
    text(object, path, key, &value);
    if (m_ok && !allowed.contains(value)) {
      fail(Text::tr("\"%1\" must be one of %2, not \"%3\"")
               .arg(join(path, key), allowed.join(QStringLiteral(", ")), value));
      return;
    }
    *out = value;
  }

  void boolean(const QJsonObject& object, const QString& path, const QString& key, bool* out) {
    const QJsonValue value = object.value(key);
    if (!m_ok || value.isUndefined()) {
      return;
    }
    if (!value.isBool()) {
      fail(Text::tr("\"%1\" must be true or false").arg(join(path, key)));
      return;
    }
    *out = value.toBool();
  }

  void strings(const QJsonObject& object,
               const QString& path,
               const QString& key,
               QStringList* out) {
    const QJsonValue value = object.value(key);
    if (!m_ok || value.isUndefined()) {
      return;
    }
    QStringList list;
    bool good = value.isArray();
    for (const QJsonValue& item : value.toArray()) {
      good = good && item.isString();
      list << item.toString();
    }
    if (!good) {
      fail(Text::tr("\"%1\" must be a list of strings").arg(join(path, key)));
      return;
    }
    *out = list;
  }

  /// {"name": number, …}; true and false are read as 1 and 0 (switch parameters).
  void params(const QJsonObject& object,
              const QString& path,
              const QString& key,
              ParamValues* out) {
    const QJsonObject values = this->object(object, path, key);
    if (!m_ok || !object.contains(key)) {
      return;
    }
    ParamValues read;
    for (auto it = values.begin(); it != values.end(); ++it) {
      const QJsonValue value = it.value();
      if (value.isBool()) {
        read[it.key().toStdString()] = value.toBool() ? 1 : 0;
      } else if (value.isDouble() && std::isfinite(value.toDouble())) {
        read[it.key().toStdString()] = value.toDouble();
      } else {
        fail(Text::tr("\"%1\" must be a number").arg(join(join(path, key), it.key())));
        return;
      }
    }
    *out = read;
  }

  /// A loss: {"id": "huber", "params": {"delta": 0.5}}, or just "huber" (default parameters).
  SessionLoss loss(const QJsonValue& value, const QString& path) {
    SessionLoss loss;
    if (!m_ok) {
      return loss;
    }
    if (value.isString()) {
      loss.id = value.toString();
    } else if (value.isObject()) {
      const QJsonObject object = value.toObject();
      if (!object.value(QStringLiteral("id")).isString()) {
        fail(Text::tr("\"%1\" must be a string").arg(join(path, QStringLiteral("id"))));
        return loss;
      }
      loss.id = object.value(QStringLiteral("id")).toString();
      params(object, path, QStringLiteral("params"), &loss.params);
    } else {
      fail(Text::tr("\"%1\" must be a loss id or an object with \"id\" and \"params\"").arg(path));
      return loss;
    }
    if (m_ok && loss.id.trimmed().isEmpty()) {
      fail(Text::tr("\"%1\" must name a loss").arg(join(path, QStringLiteral("id"))));
    }
    return loss;
  }

 private:
  QString* m_error;
  bool m_ok = true;
};

QJsonObject paramsToJson(const ParamValues& params) {
  QJsonObject object;
  for (const auto& [name, value] : params) {
    object.insert(QString::fromStdString(name), value);
  }
  return object;
}

QJsonObject lossToJson(const SessionLoss& loss) {
  return QJsonObject{{"id", loss.id}, {"params", paramsToJson(loss.params)}};
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
  QJsonArray compared;
  for (const SessionLoss& loss : s.compareLosses) {
    compared.append(lossToJson(loss));
  }
  const QJsonObject root{
      {"format", QLatin1String(kFormat)},
      {"version", TrainingSession::kFormatVersion},
      {"seed", QString::number(s.seed)},
      {"data", data},
      {"model", QJsonObject{{"hidden", hidden}, {"activation", s.activation}}},
      {"optimizer", QJsonObject{{"kind", s.optimizer},
                                {"lr", s.learningRate},
                                {"batch", s.batchSize},
                                {"epochs", s.epochs}}},
      {"loss", lossToJson(s.loss)},
      {"compare", QJsonObject{{"on", s.compare}, {"losses", compared}, {"focus", s.focus}}}};
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
  using T = TrainingSession;

  if (!root.contains(QStringLiteral("version"))) {
    read.fail(Text::tr("\"version\" is missing"));
  }
  int version = T::kFormatVersion;
  read.integer(root, {}, QStringLiteral("version"), 1, 1000000, &version);
  if (read.ok() && version > T::kFormatVersion) {
    read.fail(Text::tr("\"version\" %1 is newer than this LossLab understands (%2)")
                  .arg(version)
                  .arg(T::kFormatVersion));
  }

  // The seed: digits in a string, or a whole JSON number; 0 to 2^53 as losslab-cli train.
  const QJsonValue seed = root.value(QStringLiteral("seed"));
  if (read.ok() && !seed.isUndefined()) {
    bool ok = false;
    if (seed.isString()) {
      const QString digits = seed.toString().trimmed();
      ok = !digits.isEmpty() && !digits.startsWith(QLatin1Char('-')) &&
           !digits.startsWith(QLatin1Char('+'));
      s.seed = ok ? digits.toULongLong(&ok) : 0;
    } else if (seed.isDouble()) {
      const double v = seed.toDouble();
      ok = v >= 0 && v <= static_cast<double>(T::kMaxSeed) && v == std::floor(v);
      s.seed = ok ? static_cast<std::uint64_t>(v) : 0;
    }
    if (!ok || s.seed > T::kMaxSeed) {
      read.fail(Text::tr("\"seed\" must be a whole number from 0 to %1, written as a string")
                    .arg(T::kMaxSeed));
    }
  }

  const QString d = QStringLiteral("data");
  const QJsonObject data = read.object(root, {}, d);
  read.choice(data, d, QStringLiteral("kind"),
              {QStringLiteral("seed_sum"), QStringLiteral("linear"), QStringLiteral("sine"),
               QStringLiteral("cubic"), QStringLiteral("step"), QStringLiteral("heteroscedastic"),
               QStringLiteral("csv")},
              &s.dataset);
  read.integer(data, d, QStringLiteral("samples"), T::kMinSamples, T::kMaxSamples, &s.samples);
  read.real(data, d, QStringLiteral("noise"), 0, T::kMaxNoise, &s.noise);
  read.real(data, d, QStringLiteral("outlier_fraction"), 0, T::kMaxOutlierFraction,
            &s.outlierFraction);
  read.real(data, d, QStringLiteral("outlier_magnitude"), 0, T::kMaxOutlierMagnitude,
            &s.outlierMagnitude);
  read.real(data, d, QStringLiteral("validation_split"), 0, T::kMaxValidationSplit,
            &s.validationSplit);
  if (s.dataset == QLatin1String("csv")) {
    read.text(data, d, QStringLiteral("csv_path"), &s.csvPath);
    read.text(data, d, QStringLiteral("csv_target"), &s.csvTarget);
    read.strings(data, d, QStringLiteral("csv_features"), &s.csvFeatures);
    if (read.ok() && s.csvPath.isEmpty()) {
      read.fail(Text::tr("\"data.csv_path\" must name the CSV file of a \"csv\" data set"));
    }
  }

  const QString m = QStringLiteral("model");
  const QJsonObject model = read.object(root, {}, m);
  const QJsonValue hidden = model.value(QStringLiteral("hidden"));
  if (read.ok() && !hidden.isUndefined()) {
    const QString message = Text::tr(
                                "\"model.hidden\" must be a list of at most %1 layer widths, "
                                "whole numbers from 1 to %2")
                                .arg(T::kMaxHiddenLayers)
                                .arg(T::kMaxHiddenWidth);
    if (!hidden.isArray() || hidden.toArray().size() > T::kMaxHiddenLayers) {
      read.fail(message);
    }
    s.hidden.clear();
    for (const QJsonValue& width : hidden.toArray()) {
      const double w = width.toDouble(std::nan(""));
      if (!width.isDouble() || !(w >= 1 && w <= T::kMaxHiddenWidth) || w != std::floor(w)) {
        read.fail(message);
        break;
      }
      s.hidden.push_back(static_cast<int>(w));
    }
  }
  read.choice(model, m, QStringLiteral("activation"),
              {QStringLiteral("relu"), QStringLiteral("tanh"), QStringLiteral("sigmoid"),
               QStringLiteral("linear")},
              &s.activation);

  const QString o = QStringLiteral("optimizer");
  const QJsonObject optimizer = read.object(root, {}, o);
  read.choice(optimizer, o, QStringLiteral("kind"),
              {QStringLiteral("adam"), QStringLiteral("sgd"), QStringLiteral("rmsprop")},
              &s.optimizer);
  read.real(optimizer, o, QStringLiteral("lr"), T::kMinLearningRate, T::kMaxLearningRate,
            &s.learningRate);
  read.integer(optimizer, o, QStringLiteral("batch"), 1, T::kMaxBatchSize, &s.batchSize);
  read.integer(optimizer, o, QStringLiteral("epochs"), 1, T::kMaxEpochs, &s.epochs);

  if (read.ok() && root.contains(QStringLiteral("loss"))) {
    s.loss = read.loss(root.value(QStringLiteral("loss")), QStringLiteral("loss"));
  }

  const QString c = QStringLiteral("compare");
  const QJsonObject compare = read.object(root, {}, c);
  read.boolean(compare, c, QStringLiteral("on"), &s.compare);
  const QJsonValue losses = compare.value(QStringLiteral("losses"));
  if (read.ok() && !losses.isUndefined()) {
    if (!losses.isArray() || losses.toArray().size() > 4) {
      read.fail(Text::tr("\"compare.losses\" must be a list of at most 4 losses"));
    }
    s.compareLosses.clear();
    const QJsonArray list = losses.toArray();
    std::set<QString> seen;
    for (qsizetype i = 0; i < list.size() && read.ok(); ++i) {
      const QString path = QStringLiteral("compare.losses[%1]").arg(i);
      const SessionLoss loss = read.loss(list[i], path);
      if (read.ok() && !seen.insert(loss.id).second) {
        read.fail(Text::tr("\"%1\": \"%2\" is listed twice").arg(path, loss.id));
      }
      if (read.ok() && loss.id == s.loss.id && loss.params != s.loss.params) {
        read.fail(Text::tr("\"%1.params\" differ from \"loss.params\": a loss has one set of "
                           "parameters per session")
                      .arg(path));
      }
      s.compareLosses.push_back(loss);
    }
  }
  if (read.ok() && s.compare && s.compareLosses.size() < 2) {
    read.fail(Text::tr("\"compare.losses\" must name 2 to 4 losses when \"compare.on\" is true"));
  }
  s.focus = s.compareLosses.empty() ? QString() : s.compareLosses.front().id;
  read.text(compare, c, QStringLiteral("focus"), &s.focus);
  if (read.ok() && !s.compareLosses.empty() &&
      std::none_of(s.compareLosses.begin(), s.compareLosses.end(),
                   [&](const SessionLoss& loss) { return loss.id == s.focus; })) {
    read.fail(Text::tr("\"compare.focus\" must be one of the ids in \"compare.losses\", not "
                       "\"%1\"")
                  .arg(s.focus));
  }
  if (!read.ok()) {
    return std::nullopt;
  }
  return s;
}

QStringList cliTrainArguments(const TrainingSession& s, const SessionLoss& loss) {
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
  if (isCustomLossId(loss.id)) {
    const auto custom = CustomLossLibrary::instance().find(customLossName(loss.id));
    args << QStringLiteral("--expr") << (custom ? custom->source : QString());
  } else {
    args << QStringLiteral("--loss") << loss.id;
  }
  for (const auto& [name, value] : loss.params) {
    args << QStringLiteral("--param")
         << QStringLiteral("%1=%2").arg(QString::fromStdString(name), number(value));
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
