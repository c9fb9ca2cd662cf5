// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Ctrl+C while a command works. The first SIGINT (or SIGTERM) only raises a flag: long loops
// check it (training after each step, output after each chunk) and stop by throwing
// Interrupted, so that files being written are abandoned (the old ones stay, no temporary file
// is left) and the program ends as a program killed by the signal would — which shells rely
// on to stop a loop. A second signal ends the program at once.

#include <stdexcept>
#include <string>

namespace losslab::cli {

/// Thrown by stopIfInterrupted(); runCommandLine() reports it and re-raises the signal.
/// `kept` (empty by default) says what a command that keeps partial results wrote before it
/// stopped ("12 of 39 runs finished; their results are written"); it then replaces the note
/// that files being written were abandoned.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal, std::string kept = {});
  int signal() const { return m_signal; }
  const std::string& kept() const { return m_kept; }

 private:
  int m_signal;
  std::string m_kept;
};

/// Installs the handlers for its lifetime (one per program run).
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
};

/// The signal received (SIGINT, SIGTERM) or 0.
int pendingInterrupt();
/// Throws Interrupted if a signal arrived.
void stopIfInterrupted();

/// A function the handler calls too, with `context` (e.g. one that asks a Trainer to stop after
/// its current step); nullptr to remove it. It must be async-signal-safe: an atomic store.
void setInterruptAction(void (*action)(void* context), void* context);

}  // namespace losslab::cli
