// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/common/custom_loss_library.h"

#include <QDir>
#include <QFile>
#include <QVariantMap>
#include <algorithm>

#include "core/formula/formula_parser.h"
#include "ui/common/settings.h"

namespace losslab::ui {

namespace {

// Keys of one persisted record (a QVariantMap in Settings::customLosses()).
constexpr auto kNameKey = "name";
constexpr auto kSourceKey = "source";
constexpr auto kParamsKey = "params";

/// A record read back from Settings; nothing for a record without a name or a source (a
/// damaged or foreign settings file). A stored formula that no longer parses is kept: the
/// user sees its error when they open it, rather than losing their text.
std::optional<CustomLoss> fromRecord(const QVariant& record) {
  const QVariantMap map = record.toMap();
  CustomLoss entry;
  entry.name = map.value(QLatin1String(kNameKey)).toString();
  entry.source = map.value(QLatin1String(kSourceKey)).toString();
  if (entry.name.isEmpty() || entry.source.isEmpty()) {
    return std::nullopt;
  }
  const QVariantMap params = map.value(QLatin1String(kParamsKey)).toMap();
  for (auto it = params.cbegin(); it != params.cend(); ++it) {
    bool ok = false;
    const double value = it.value().toDouble(&ok);
    if (ok) {
      entry.params[it.key().toStdString()] = value;
    }
  }
  return entry;
}

/// `params` restricted to the parameters `source` uses; all of them if it does not parse.
ParamValues usedParams(const QString& source,
                       const ParamValues& params,
                       const std::vector<std::string>& inputs) {
  try {
    const formula::ParsedFormula parsed = formula::parseFormula(source.toStdString(), inputs);
    ParamValues used;
    for (const formula::FormulaParam& p : parsed.params) {
      if (const auto it = params.find(p.name); it != params.end()) {
        used.insert(*it);
      }
    }
    return used;
  } catch (const Error&) {
    return params;
  }
}

}  // namespace

CustomLossLibrary& CustomLossLibrary::instance() {
  static CustomLossLibrary library;
  return library;
}

CustomLossLibrary::CustomLossLibrary(QObject* parent) : QObject(parent), m_defaultFile(true) {
  load();
}

CustomLossLibrary::CustomLossLibrary(const QString& filePath, QObject* parent)
    : QObject(parent), m_path(filePath) {
  load();
}

QString CustomLossLibrary::filePath() const {
  if (m_defaultFile) {
    return Settings::ephemeral() ? QString() : CustomLossFile::defaultPath();
  }
  return m_path;
}

void CustomLossLibrary::load() {
  m_entries.clear();
  m_loadProblem.clear();
  const QString path = filePath();
  if (path.isEmpty()) {
    return;
  }
  QList<CustomLoss> loaded;
  QString problem;
  if (!QFile::exists(path)) {
    // A library of an earlier version lives in QSettings: move it into the file, and drop the
    // settings copy only once the file holds it.
    for (const QVariant& record : Settings::customLosses()) {
      if (const std::optional<CustomLoss> entry = fromRecord(record)) {
        loaded.push_back(*entry);
      }
    }
    if (!loaded.isEmpty() && CustomLossFile::write(path, loaded, &problem)) {
      Settings::setCustomLosses({});
    }
  } else if (std::optional<QList<CustomLoss>> read = CustomLossFile::read(path, &problem)) {
    loaded = *read;
  } else {
    // Never write over a file we could not read: move it aside, then fall back to the backup.
    const QString aside = CustomLossFile::setAside(path);
    QString backupProblem;
    const std::optional<QList<CustomLoss>> backup =
        CustomLossFile::read(CustomLossFile::backupPath(path), &backupProblem);
    loaded = backup.value_or(QList<CustomLoss>{});
    m_loadProblem =
        tr("%1 It was moved to %2; %3")
            .arg(problem, QDir::toNativeSeparators(aside),
                 backup && !backup->isEmpty() ? tr("the library was restored from its backup.")
                                              : tr("the library starts empty."));
  }
  for (const CustomLoss& entry : loaded) {
    // Records that break the name rules (edited by hand, written by a future version) are
    // skipped rather than shown with a name the library would not accept.
    if (!entry.source.isEmpty() && nameSyntaxProblem(entry.name).isEmpty() &&
        std::none_of(m_entries.cbegin(), m_entries.cend(), [&](const CustomLoss& other) {
          return other.name.compare(entry.name, Qt::CaseInsensitive) == 0;
        })) {
      m_entries.push_back(entry);
    }
  }
}

QString CustomLossLibrary::freeName(const QString& base) const {
  QString name = base;
  for (int k = 2; !nameProblem(name).isEmpty() && k < 1000; ++k) {
    const QString suffix = QStringLiteral(" (%1)").arg(k);
    name = base.left(kMaxNameLength - static_cast<int>(suffix.size())).trimmed() + suffix;
  }
  return name;
}

QString CustomLossLibrary::nameSyntaxProblem(const QString& name) {
  if (name.trimmed().isEmpty()) {
    return tr("Give the custom loss a name.");
  }
  if (name.size() > kMaxNameLength) {
    return tr("The name is %1 characters long; at most %2 are allowed.")
        .arg(name.size())
        .arg(kMaxNameLength);
  }
  if (name.trimmed() != name) {
    return tr("The name must not start or end with a space.");
  }
  for (const QChar c : name) {
    // Cc: C0/C1 controls (tabs, new lines, escapes); Cf: invisible format characters
    // (bidirectional overrides, zero-width joiners) that would make two names look alike.
    if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format) {
      const QString code = QStringLiteral("%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
      return tr("The name contains a control character (U+%1).").arg(code.toUpper());
    }
  }
  return {};
}

QString CustomLossLibrary::nameProblem(const QString& name, const QString& except) const {
  if (QString problem = nameSyntaxProblem(name); !problem.isEmpty()) {
    return problem;
  }
  const std::lock_guard lock(m_mutex);
  for (const CustomLoss& entry : m_entries) {
    if (entry.name.compare(name, Qt::CaseInsensitive) == 0 && entry.name != except) {
      return tr("A custom loss named '%1' already exists.").arg(entry.name);
    }
  }
  return {};
}

QString CustomLossLibrary::entryProblem(const CustomLoss& entry, const QString& except) const {
  if (QString problem = nameProblem(entry.name, except); !problem.isEmpty()) {
    return problem;
  }
  try {
    formula::parseFormula(entry.source.toStdString(), entry.inputNames());
  } catch (const Error& error) {
    return tr("The formula of '%1' does not parse: %2")
        .arg(entry.name, QString::fromStdString(error.what()));
  }
  return {};
}

QList<CustomLoss> CustomLossLibrary::entries() const {
  const std::lock_guard lock(m_mutex);
  return m_entries;
}

QStringList CustomLossLibrary::names() const {
  const std::lock_guard lock(m_mutex);
  QStringList list;
  for (const CustomLoss& entry : m_entries) {
    list.push_back(entry.name);
  }
  return list;
}

bool CustomLossLibrary::contains(const QString& name) const {
  const std::lock_guard lock(m_mutex);
  return indexOf(name) >= 0;
}

std::optional<CustomLoss> CustomLossLibrary::find(const QString& name) const {
  const std::lock_guard lock(m_mutex);
  const int index = indexOf(name);
  if (index < 0) {
    return std::nullopt;
  }
  return m_entries.at(index);
}

bool CustomLossLibrary::add(const CustomLoss& entry, QString* error) {
  if (const QString problem = entryProblem(entry, {}); !problem.isEmpty()) {
    if (error) {
      *error = problem;
    }
    return false;
  }
  {
    const std::lock_guard lock(m_mutex);
    m_entries.push_back({entry.name, entry.source,
                         usedParams(entry.source, entry.params, entry.inputNames()), entry.inputs});
  }
  store();
  emit changed();
  return true;
}

bool CustomLossLibrary::addOrReplace(const CustomLoss& entry, QString* error) {
  if (!contains(entry.name)) {
    return add(entry, error);
  }
  if (const QString problem = entryProblem(entry, entry.name); !problem.isEmpty()) {
    if (error) {
      *error = problem;
    }
    return false;
  }
  {
    const std::lock_guard lock(m_mutex);
    const int index = indexOf(entry.name);
    m_entries[index] = {entry.name, entry.source,
                        usedParams(entry.source, entry.params, entry.inputNames()), entry.inputs};
  }
  store();
  emit changed();
  return true;
}

bool CustomLossLibrary::rename(const QString& from, const QString& to, QString* error) {
  auto fail = [error](const QString& message) {
    if (error) {
      *error = message;
    }
    return false;
  };
  if (!contains(from)) {
    return fail(tr("There is no custom loss named '%1'.").arg(from));
  }
  if (from == to) {
    return true;
  }
  if (const QString problem = nameProblem(to, from); !problem.isEmpty()) {
    return fail(problem);
  }
  {
    const std::lock_guard lock(m_mutex);
    m_entries[indexOf(from)].name = to;
  }
  store();
  emit changed();
  return true;
}

bool CustomLossLibrary::setParams(const QString& name, const ParamValues& params) {
  {
    const std::lock_guard lock(m_mutex);
    const int index = indexOf(name);
    if (index < 0) {
      return false;
    }
    const ParamValues used =
        usedParams(m_entries[index].source, params, m_entries[index].inputNames());
    if (m_entries[index].params == used) {
      return true;
    }
    m_entries[index].params = used;
  }
  store();
  emit changed();
  return true;
}

bool CustomLossLibrary::remove(const QString& name) {
  {
    const std::lock_guard lock(m_mutex);
    const int index = indexOf(name);
    if (index < 0) {
      return false;
    }
    m_entries.removeAt(index);
  }
  store();
  emit changed();
  return true;
}

void CustomLossLibrary::reload() {
  {
    const std::lock_guard lock(m_mutex);
    load();
  }
  emit changed();
}

int CustomLossLibrary::indexOf(const QString& name) const {
  const auto it = std::find_if(m_entries.cbegin(), m_entries.cend(),
                               [&](const CustomLoss& entry) { return entry.name == name; });
  return it == m_entries.cend() ? -1 : static_cast<int>(it - m_entries.cbegin());
}

void CustomLossLibrary::store() {
  const QString path = filePath();
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!CustomLossFile::write(path, entries(), &error)) {
    emit storeFailed(error);
  }
}

}  // namespace losslab::ui
