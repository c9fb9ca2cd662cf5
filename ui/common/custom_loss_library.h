// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <mutex>
#include <optional>

#include "core/engine/param_spec.h"

namespace losslab::ui {

/// One named custom loss: the formula as the user typed it and the parameter values they
/// last chose (a subset of the formula's parameters; missing ones take the formula's defaults).
struct CustomLoss {
  QString name;
  QString source;
  ParamValues params;

  bool operator==(const CustomLoss& other) const = default;
};

/// The user's library of named custom losses (issue 6), kept in the order they were added and
/// persisted through Settings (QSettings). In Settings::ephemeral() mode — tests, headless
/// runs — the list lives in memory only: nothing is read from or written to the user's settings.
///
/// Every change emits changed() once. Names are the user's handles and the key of the loss id
/// "custom:NAME" (loss_factory.h): non-empty, at most kMaxNameLength characters, no control
/// characters, no leading or trailing space, unique ignoring case. A formula must parse to be
/// stored.
///
/// Reads are thread-safe (a training thread may build a loss while the GUI edits the library);
/// changes are made from the GUI thread, where changed() is delivered.
class CustomLossLibrary : public QObject {
  Q_OBJECT

 public:
  static constexpr int kMaxNameLength = 60;

  /// The application's library, loaded from Settings on first use.
  static CustomLossLibrary& instance();

  /// A library loaded from Settings now (the singleton is one of these; tests make their own).
  explicit CustomLossLibrary(QObject* parent = nullptr);

  /// Empty if `name` is acceptable as a new name (or as the new name of `except`), else a
  /// translated message saying what is wrong.
  QString nameProblem(const QString& name, const QString& except = {}) const;
  /// Name rules that do not depend on the library's content (length, characters).
  static QString nameSyntaxProblem(const QString& name);

  QList<CustomLoss> entries() const;
  QStringList names() const;
  bool contains(const QString& name) const;
  std::optional<CustomLoss> find(const QString& name) const;

  /// Adds a new entry. False (and `error` set, nothing changed) for a bad or taken name or a
  /// formula that does not parse.
  bool add(const CustomLoss& entry, QString* error = nullptr);
  /// Adds `entry`, or replaces the entry of the same name (keeping its position).
  bool addOrReplace(const CustomLoss& entry, QString* error = nullptr);
  /// Renames `from` to `to` (a change of case only is allowed).
  bool rename(const QString& from, const QString& to, QString* error = nullptr);
  /// Stores new parameter values for `name` (the sliders' values); false if there is no such
  /// entry. Values for names the formula does not use are kept out.
  bool setParams(const QString& name, const ParamValues& params);
  /// Removes `name`; false if there was no such entry.
  bool remove(const QString& name);

  /// Re-reads Settings (empty in ephemeral mode) and emits changed().
  void reload();

 signals:
  void changed();

 private:
  /// Checks `entry` (name rules with `except` allowed, formula parses); empty if fine.
  QString entryProblem(const CustomLoss& entry, const QString& except) const;
  int indexOf(const QString& name) const;  // exact name; -1 if absent. Caller holds m_mutex.
  void store();                            // writes Settings (no-op when ephemeral)

  mutable std::mutex m_mutex;
  QList<CustomLoss> m_entries;
};

}  // namespace losslab::ui
