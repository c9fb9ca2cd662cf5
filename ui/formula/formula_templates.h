// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <map>
#include <optional>
#include <string>

namespace losslab::ui {

/// A starting point for the formula editor, taken from the seed material (Keras custom-loss
/// tutorials in /work/shared/seeds) or written for comparison with a built-in loss.
struct FormulaTemplate {
  QString id;           // stable key, e.g. "huber_threshold"
  QString title;        // translated, for the template combo
  QString source;       // formula with declared parameters (and # comments)
  QString description;  // translated, one line
  QString seed;         // "seed 000", "seed 002", or empty
  /// The catalogue loss with the same maths (values and gradients agree), or empty.
  QString builtInId;
  /// Formula parameter → parameter id of builtInId (e.g. threshold → delta).
  std::map<std::string, std::string> builtInParams;
};

/// The templates, in the order the editor lists them. Built on each call so titles follow
/// the current translation.
class FormulaTemplates {
  Q_DECLARE_TR_FUNCTIONS(FormulaTemplates)

 public:
  static QList<FormulaTemplate> all();
  /// The template with `id`, or nothing.
  static std::optional<FormulaTemplate> find(const QString& id);
};

}  // namespace losslab::ui
