// SPDX-License-Identifier: GPL-3.0-or-later
#include <iostream>

#include "loss_registry.h"

int main() {
  for (const auto& entry : losslab::LossRegistry::instance().entries()) {
    std::cout << entry.info.id << '\n';
  }
  return 0;
}
