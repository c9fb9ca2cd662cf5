// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <mutex>
#include <optional>

#include "core/engine/param_spec.h"
#include "ui/common/custom_loss_file.h"

namespace losslab::ui {

/// The user's library of named custom losses (issue 6), kept in the order they were added and
/// persisted in its own JSON file (CustomLossFile: atomic writes, the previous version kept as a
/// backup). In Settings::ephemeral() mode — tests, headless runs — the default library lives in
/// memory only: nothing is read from or written to the user's files.
///
/// Nothing the user wrote is lost: a damaged library file is moved aside (and the backup read
/// instead), never overwritten; a write that fails keeps the entries in memory and reports
/// storeFailed(). Libraries of earlier versions, kept in QSettings, are moved into the file.
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

  /// The application's library, loaded on first use.
  static CustomLossLibrary& instance();

  /// The library of CustomLossFile::defaultPath() (memory only when Settings is ephemeral).
  explicit CustomLossLibrary(QObject* parent = nullptr);
  /// A library kept in `filePath` (tests; an empty path keeps it in memory only).
  CustomLossLibrary(const QString& filePath, QObject* parent);

  /// The file this library is kept in now; empty when it lives in memory only.
  QString filePath() const;
  /// What went wrong when the file was loaded (a damaged file moved aside), or empty.
  QString loadProblem() const { return m_loadProblem; }
  /// `base` if no entry has that name, else the first free "base (2)", "base (3)", … : the
  /// default when saving would otherwise replace an entry.
  QString freeName(const QString& base) const;

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

  /// Re-reads the file (nothing in memory-only mode) and emits changed().
  void reload();

 signals:
  void changed();
  /// The library file could not be written; the entries are still in memory.
  void storeFailed(const QString& message);

 private:
  /// Checks `entry` (name rules with `except` allowed, formula parses); empty if fine.
  QString entryProblem(const CustomLoss& entry, const QString& except) const;
  int indexOf(const QString& name) const;  // exact name; -1 if absent. Caller holds m_mutex.
  void load();                             // reads m_path (see the class comment)
  void store();                            // writes m_path (no-op in memory-only mode)

  mutable std::mutex m_mutex;
  QList<CustomLoss> m_entries;
  bool m_defaultFile = false;  // the application's file, memory only while Settings is ephemeral
  QString m_path;              // else: this file (empty: memory only)
  QString m_loadProblem;
};

}  // namespace losslab::ui
