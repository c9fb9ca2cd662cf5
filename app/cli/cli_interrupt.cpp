// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/cli_interrupt.h"

#include <atomic>
#include <csignal>
#include <string>
#include <utility>

namespace losslab::cli {

namespace {

volatile std::sig_atomic_t g_signal = 0;
using Action = void (*)(void*);
std::atomic<Action> g_action{nullptr};
std::atomic<void*> g_context{nullptr};
static_assert(std::atomic<Action>::is_always_lock_free, "read from a signal handler");
static_assert(std::atomic<void*>::is_always_lock_free, "read from a signal handler");

extern "C" void onSignal(int signal) {
  if (g_signal != 0) {
    // The second Ctrl+C: the user does not want to wait for a clean stop.
    std::signal(signal, SIG_DFL);
    std::raise(signal);
    return;
  }
  g_signal = signal;
  if (const Action action = g_action.load()) {
    action(g_context.load());
  }
}

}  // namespace

Interrupted::Interrupted(int signal, std::string kept)
    : std::runtime_error(signal == SIGTERM ? "terminated" : "interrupted"),
      m_signal(signal),
      m_kept(std::move(kept)) {}

InterruptScope::InterruptScope() {
  g_signal = 0;
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
}

InterruptScope::~InterruptScope() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_action.store(nullptr);
}

int pendingInterrupt() {
  return g_signal;
}

void stopIfInterrupted() {
  if (g_signal != 0) {
    throw Interrupted(g_signal);
  }
}

void setInterruptAction(void (*action)(void* context), void* context) {
  g_action.store(nullptr);
  g_context.store(context);
  g_action.store(action);
  if (action && g_signal != 0) {
    action(context);
  }
}

}  // namespace losslab::cli
