// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/loss.h"

namespace losslab {

/// id → metadata + factory. Registration is one line per loss (PlotJuggler's
/// registerTransform<T>() in spirit) inside the family files' register*Losses functions.
class LossRegistry {
 public:
  using Factory = std::function<LossPtr(const LossInfo&, const ParamValues&)>;
  struct Entry {
    LossInfo info;
    Factory make;
  };

  /// The catalogue, built on first use (thread-safe static initialisation). Defined by the
  /// losses library (core/losses/catalogue.cpp): link losslab_losses to use it.
  static const LossRegistry& instance();

  const std::deque<Entry>& entries() const { return m_entries; }
  const Entry* find(std::string_view id) const;
  /// Creates a loss with validated parameters (defaults filled in). Throws Error::usage for an
  /// unknown id (naming the closest ids) or a parameter out of range (naming the valid range).
  LossPtr create(std::string_view id, const ParamValues& params = {}) const;
  /// Up to `count` ids closest to `id` by edit distance, closest first.
  std::vector<std::string> closestIds(std::string_view id, std::size_t count = 3) const;

  /// Registers a loss class constructible as L(const LossInfo&, const ParamValues&).
  template <class L>
  void add(LossInfo info) {
    m_entries.push_back({std::move(info), [](const LossInfo& i, const ParamValues& p) -> LossPtr {
                           auto loss = std::make_shared<L>(i, p);
                           loss->m_params = p;
                           return loss;
                         }});
  }

 private:
  LossRegistry();
  std::deque<Entry> m_entries;  // deque: LossInfo addresses stay valid as entries are added
};

std::string familyName(Family family);
std::string frameworkName(Framework framework);

}  // namespace losslab
