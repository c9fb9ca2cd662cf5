// SPDX-License-Identifier: GPL-3.0-or-later
// losslab-cli sweep: train one configuration over a grid of one of its values (a loss
// parameter, the learning rate, the outlier fraction, …), K seeds per point, several losses at
// once, on a thread pool (core/training/sweep.h), and report every run, the median / min / max
// per point and the best point per loss — "which δ?" with its uncertainty.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_interrupt.h"
#include "app/cli/cli_loss.h"
#include "app/cli/training_options.h"
#include "core/engine/error.h"
#include "core/engine/loss_registry.h"
#include "core/io/atomic_file.h"
#include "core/io/csv_writer.h"
#include "core/io/json_writer.h"
#include "core/io/number_format.h"
#include "core/training/session_file.h"
#include "core/training/sweep.h"

namespace losslab::cli {

namespace {

constexpr const char* kDetails =
    R"(Trains the run that the data, network and optimizer options describe (those of 'losslab-cli
train') once for every value of a grid, with K seeds per value (seed, seed + 1, ...: other
data noise, outliers and initial weights), for each of several losses, and reports a metric of
every run, its median, minimum and maximum over the seeds at each value and the value with the
best median per loss. This answers "which delta is best for my data, and how sure am I?"; with
--vary outliers and --loss mean_squared_error,mean_absolute_error,huber it draws the
breakdown curve of robust statistics.

--vary NAME=FROM:TO[:log|lin]:COUNT. NAME is a loss parameter (delta, margin, ...; a loss
without it is trained unchanged, as a reference) or one of lr, batch, outliers (the fraction),
outlier_magnitude, noise, samples, epochs, validation_split. The grid has COUNT points from FROM
to TO, equally spaced (lin, the default) or geometrically (log). Every point must be a run the
Training tab could hold (e.g. outliers at most 0.5, at most 200,000 samples): the whole grid is
checked before the first run.

Metrics (--metric, default val_mae): val_mae, val_rmse, val_loss, val_r2 (higher is better),
train_loss, train_mae, train_rmse, and for generated data clean_mae and clean_rmse (validation
predictions against the noise-free function: what a fit is worth) and inlier_mae (validation
samples without an outlier, against their targets).
)";

constexpr const char* kFooter =
    R"(Runs: each run is single-threaded and depends only on its (loss, value, seed), so the results
are the same for any --threads. A run that diverges (see 'losslab-cli train --help') is
reported as diverged with no metric and a warning on stderr; the median, min and max leave it
out (all null when every seed diverged), it is never averaged in.

Output: a table per loss (or --json: {"vary", "metric", "losses", "points": [{"loss", "value",
"seed", "metric", "diverged"}], "summary": [{"loss", "value", "median", "min", "max"}], "best":
[{"loss", "value", "median"}]} on one line). --out writes the points as CSV: loss, value, seed,
metric, diverged (metric empty for a diverged run). On a terminal the finished runs are counted
on stderr. Ctrl+C stops the runs in flight after their current epoch, writes what finished
(the table or JSON, and --out), and ends the program as the signal does.

Exit status: 0 success (diverged runs included), 1 data error, 2 usage error.)";

struct Options {
  std::optional<std::string> losses;  // ID[,ID...]
  std::vector<std::string> params;    // [ID.]NAME=VALUE
  std::optional<std::string> vary;
  std::optional<long long> seeds;
  std::optional<std::string> metric;
  std::optional<long long> threads;
  std::optional<std::string> out;
  std::optional<std::string> session;  // FILE.json: the base configuration and the sweep plan
  bool json = false;
};

std::vector<std::string> splitCommas(const std::string& text) {
  std::vector<std::string> items;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = text.find(',', begin);
    items.push_back(text.substr(begin, comma == std::string::npos ? comma : comma - begin));
    if (comma == std::string::npos) {
      return items;
    }
    begin = comma + 1;
  }
}

/// The losses of --loss A,B,C with --param NAME=VALUE (every listed loss that has NAME) or
/// --param ID.NAME=VALUE (that loss only).
/// The losses of --loss (each with the parameters `known` gives its id: a session's), or
/// `fallback` (a session's plan) without --loss; then --param on top.
std::vector<LossChoice> sweepLosses(const Options& o,
                                    const std::string& command,
                                    const std::vector<LossChoice>& known = {},
                                    const std::vector<LossChoice>& fallback = {}) {
  if (!o.losses && fallback.empty()) {
    throw Error::usage("'" + command + "' needs --loss ID[,ID...] (see 'losslab-cli " + command +
                       " --help')");
  }
  std::vector<LossChoice> losses = o.losses ? std::vector<LossChoice>{} : fallback;
  for (const std::string& id : o.losses ? splitCommas(*o.losses) : std::vector<std::string>{}) {
    LossOptions single;
    single.id = id;
    if (std::any_of(losses.begin(), losses.end(),
                    [&](const LossChoice& loss) { return loss.id == id; })) {
      throw Error::usage("--loss: '" + id + "' is listed twice");
    }
    losses.push_back(lossChoice(single, command, known));
  }
  for (const std::string& assignment : o.params) {
    const auto [name, text] = splitAssignment(assignment, "--param");
    const std::size_t dot = name.find('.');
    const std::string only = dot == std::string::npos ? std::string() : name.substr(0, dot);
    const std::string parameter = dot == std::string::npos ? name : name.substr(dot + 1);
    bool used = false;
    for (LossChoice& loss : losses) {
      if (!only.empty() && loss.id != only) {
        continue;
      }
      for (const ParamSpec& spec : LossRegistry::instance().find(loss.id)->info.params) {
        if (spec.id == parameter) {
          loss.params[parameter] = spec.parse(text);
          used = true;
        }
      }
    }
    if (!used) {
      throw Error::usage("--param " + assignment + ": " +
                         (only.empty() ? "none of the losses has a parameter '" + parameter + "'"
                                       : "'" + only + "' is not a listed loss with a parameter '" +
                                             parameter + "'"));
    }
  }
  return losses;
}

void requestStop(void* flag) {
  static_cast<std::atomic<bool>*>(flag)->store(true);  // lock-free: safe in a signal handler
}

/// "sweep: 12/39 runs" on standard error, rewritten in place, when it is a terminal.
class SweepProgress {
 public:
  SweepProgress() : m_shown(::isatty(STDERR_FILENO) == 1) {}
  ~SweepProgress() { clear(); }
  SweepProgress(const SweepProgress&) = delete;
  SweepProgress& operator=(const SweepProgress&) = delete;

  void runDone(int done, int total) {
    const auto now = std::chrono::steady_clock::now();
    if (!m_shown || (done < total && now - m_last < std::chrono::milliseconds(100))) {
      return;
    }
    m_last = now;
    std::cerr << "\rsweep: " << done << "/" << total << " runs (Ctrl+C stops, keeps what finished)"
              << std::flush;
    m_dirty = true;
  }
  void clear() {
    if (m_dirty) {
      std::cerr << "\r\033[K" << std::flush;
      m_dirty = false;
    }
  }

 private:
  bool m_shown;
  bool m_dirty = false;
  std::chrono::steady_clock::time_point m_last{};
};

std::string jsonText(const SweepRequest& request, const SweepResult& result) {
  JsonWriter json;
  json.beginObject();
  json.key("vary").string(request.vary.name);
  json.key("metric").string(request.metric);
  json.key("losses").beginArray();
  for (const LossChoice& loss : request.losses) {
    json.string(loss.id);
  }
  json.endArray();
  const auto id = [&](int loss) { return request.losses[static_cast<std::size_t>(loss)].id; };
  json.key("points").beginArray();
  for (const SweepRun& run : result.runs) {
    json.beginObject();
    json.key("loss").string(id(run.loss));
    json.key("value").number(run.value);
    json.key("seed").integer(static_cast<long long>(run.seed));
    json.key("metric").numberOrNull(run.metric);
    json.key("diverged").boolean(run.diverged);
    json.endObject();
  }
  json.endArray();
  json.key("summary").beginArray();
  for (const SweepSummary& s : result.summary) {
    json.beginObject();
    json.key("loss").string(id(s.loss));
    json.key("value").number(s.value);
    json.key("median").numberOrNull(s.median);
    json.key("min").numberOrNull(s.min);
    json.key("max").numberOrNull(s.max);
    json.endObject();
  }
  json.endArray();
  json.key("best").beginArray();
  for (const SweepSummary& s : result.best) {
    json.beginObject();
    json.key("loss").string(id(s.loss));
    json.key("value").number(s.value);
    json.key("median").number(s.median);
    json.endObject();
  }
  json.endArray();
  json.endObject();
  return json.text() + '\n';
}

std::string pointsCsv(const SweepRequest& request, const SweepResult& result) {
  CsvWriter csv;
  csv.field("loss").field("value").field("seed").field("metric").field("diverged").endRow();
  for (const SweepRun& run : result.runs) {
    csv.field(request.losses[static_cast<std::size_t>(run.loss)].id).number(run.value);
    csv.field(std::to_string(run.seed));
    if (run.diverged) {
      csv.empty();
    } else {
      csv.number(run.metric);
    }
    csv.field(run.diverged ? "true" : "false").endRow();
  }
  return csv.take();
}

/// Whether the sweep changes `loss`'s runs: a configuration field, or a parameter it has.
bool varies(const LossChoice& loss, const std::string& name) {
  const LossRegistry::Entry* entry = LossRegistry::instance().find(loss.id);
  const bool parameter =
      entry && std::any_of(entry->info.params.begin(), entry->info.params.end(),
                           [&](const ParamSpec& spec) { return spec.id == name; });
  if (parameter) {
    return true;
  }
  for (const char* field : {"lr", "batch", "outliers", "outlier_magnitude", "noise", "samples",
                            "epochs", "validation_split"}) {
    if (name == field) {
      return true;
    }
  }
  return false;
}

/// `text` padded to a column of 12 characters (at least one space after it).
std::string padded(const std::string& text) {
  return text + std::string(text.size() < 12 ? 12 - text.size() : 1, ' ');
}

std::string cell(double value) {
  return std::isnan(value) ? padded("-") : padded(formatSignificant(value, 6));
}

std::string tableText(const SweepRequest& request, const SweepResult& result, int threads) {
  const SweepAxis& axis = request.vary;
  std::string text = "sweep       " + axis.name + " = " + formatShortest(axis.from) + " to " +
                     formatShortest(axis.to) + " (" + (axis.log ? "log" : "lin") + ", " +
                     std::to_string(axis.count) + " points) x " + std::to_string(request.seeds) +
                     " seed" + (request.seeds == 1 ? "" : "s") + ", metric " + request.metric +
                     ", " + std::to_string(result.runs.size()) + " of " +
                     std::to_string(result.total) + " runs on " + std::to_string(threads) +
                     " thread" + (threads == 1 ? "" : "s") + "\n";
  for (std::size_t loss = 0; loss < request.losses.size(); ++loss) {
    text += "\n" + request.losses[loss].id + "\n  " + padded(axis.name) + padded("median") +
            padded("min") + padded("max") + "diverged\n";
    for (const SweepSummary& s : result.summary) {
      if (s.loss == static_cast<int>(loss)) {
        text += "  " + padded(formatSignificant(s.value, 6)) + cell(s.median) + cell(s.min) +
                cell(s.max) + std::to_string(s.diverged) + "\n";
      }
    }
  }
  text += "\n";
  for (const SweepSummary& s : result.best) {
    const LossChoice& loss = request.losses[static_cast<std::size_t>(s.loss)];
    text += "best        " + loss.id + ": " +
            (varies(loss, axis.name) ? axis.name + " = " + formatShortest(s.value)
                                     : "no " + axis.name + ", the same run at every point") +
            " (median " + request.metric + " " + formatSignificant(s.median, 6) + ")\n";
  }
  return text;
}

class SweepCommand final : public Command {
 public:
  explicit SweepCommand(CLI::App& parent)
      : Command(parent,
                "sweep",
                "train over a grid of a loss parameter or training value, with seeds and several "
                "losses at once; median, min, max and the best point",
                kDetails,
                kFooter) {
    CLI::App& cmd = app();
    TrainingOptionHelp help;
    help.standardInput = false;    // every run reads the data again
    help.datasetRequired = false;  // a --session gives it
    addDataOptions(cmd, m_training, help);
    addInputFile(cmd, "--session", m_options.session, "FILE.json",
                 "sweep from a session file (the GUI's Session > Save Session…): its run is the "
                 "base, its Sweep tab settings the defaults of --vary, --seeds, --metric, --loss "
                 "and --epochs; the options given change them");
    addText(cmd, "--loss", m_options.losses, "ID[,ID...]",
            "the losses, each trained at every point (required without --session); each must "
            "take one real target per sample, as for train");
    addList(cmd, "--param", m_options.params, "[ID.]NAME=VALUE",
            "a loss parameter: for every listed loss that has it, or for loss ID only "
            "(repeatable)");
    addText(cmd, "--vary", m_options.vary, "NAME=FROM:TO[:log|lin]:COUNT",
            "what to vary and its grid (required without a session's sweep), e.g. "
            "delta=0.05:20:log:13 or outliers=0:0.4:9");
    addCount(cmd, "--seeds", m_options.seeds, 1, 1000, "K",
             "runs per point with seeds --seed, --seed + 1, ... (default 1)");
    addText(cmd, "--metric", m_options.metric, "NAME", "what to compare (default val_mae)");
    addCount(cmd, "--threads", m_options.threads, 1, 256, "T",
             "runs in parallel (default: the number of cores)");
    addModelOptions(cmd, m_training);
    addOutputFile(cmd, "--out", m_options.out, "FILE.csv",
                  "every run as CSV: loss, value, seed, metric, diverged");
    addFlag(cmd, "--json", m_options.json,
            "print {\"vary\", \"metric\", \"losses\", \"points\", \"summary\", \"best\"} as one "
            "JSON object");
  }

  int run() override;

 private:
  TrainingOptions m_training;
  Options m_options;
};

int SweepCommand::run() {
  SweepRequest request;
  std::optional<Session> session;
  if (m_options.session) {
    session = readSession(*m_options.session);
    if (const std::string problem = fullConfigProblem(session->config); !problem.empty()) {
      throw Error::data(*m_options.session + ": " + problem);
    }
  }
  request.base = configFromOptions(m_training, name(), session ? &session->config : nullptr);
  if (request.base.data.source == DataConfig::Source::Csv && request.base.data.csvPath == "-") {
    throw Error::usage("sweep reads its data once per run: give a CSV file, not standard input");
  }
  // A session's plan gives what the options leave out (its losses with the session's
  // parameters, its epochs unless --epochs is given).
  std::optional<SweepRequest> planned;
  if (session && session->sweep) {
    planned = sweepRequest(request.base, *session->sweep);
    if (!m_training.epochs) {
      request.base.epochs = planned->base.epochs;
    }
  }
  const std::vector<LossChoice> known =
      session ? session->config.trainedLosses() : std::vector<LossChoice>{};
  std::vector<LossChoice> fallback = planned ? planned->losses : known;
  request.losses = sweepLosses(m_options, name(), known, fallback);
  if (!m_options.vary && !planned) {
    throw Error::usage(
        "'sweep' needs --vary NAME=FROM:TO[:log|lin]:COUNT (see 'losslab-cli "
        "sweep --help')" +
        std::string(session ? "; the session has no sweep settings" : ""));
  }
  request.vary = m_options.vary ? parseSweepAxis(*m_options.vary) : planned->vary;
  request.seeds = static_cast<int>(m_options.seeds.value_or(planned ? planned->seeds : 1));
  if (request.base.seed + static_cast<std::uint64_t>(request.seeds - 1) >
      TrainingLimits::kMaxSeed) {
    throw Error::usage("--seeds " + std::to_string(request.seeds) + " from --seed " +
                       std::to_string(request.base.seed) + " goes beyond the largest seed, " +
                       std::to_string(TrainingLimits::kMaxSeed));
  }
  request.metric = m_options.metric.value_or(planned ? planned->metric : "val_mae");
  request.threads = static_cast<int>(
      m_options.threads.value_or(std::max(1u, std::thread::hardware_concurrency())));
  request.base.loss = request.losses.front();
  for (LossChoice& other : request.base.compareLosses) {
    for (const LossChoice& loss : request.losses) {
      if (other.id == loss.id) {
        other = loss;
      }
    }
  }
  checkSweep(request);  // the whole grid, before any run
  const Dataset sample = cliTrainingData(request.base);
  checkTrainMemory(sample, request.base.network.hidden,
                   std::min<Eigen::Index>(request.base.optimizer.batchSize, sample.size()));

  std::atomic<bool> stop{false};
  SweepProgress progress;
  setInterruptAction(requestStop, &stop);
  const SweepResult result = runSweep(
      request, [&](int done, int total) { progress.runDone(done, total); }, &stop);
  setInterruptAction(nullptr, nullptr);
  progress.clear();

  for (const SweepRun& run : result.runs) {
    if (run.diverged) {
      warn(request.losses[static_cast<std::size_t>(run.loss)].id + " at " + request.vary.name +
           " = " + formatShortest(run.value) + ", seed " + std::to_string(run.seed) +
           " diverged: " + run.message);
    }
  }
  // Written directly, not through Output (which abandons its file after Ctrl+C): what
  // finished is kept, atomically.
  if (m_options.out) {
    writeFileAtomically(*m_options.out, pointsCsv(request, result));
  }
  const std::string text =
      m_options.json ? jsonText(request, result) : tableText(request, result, request.threads);
  std::cout << text << std::flush;
  if (pendingInterrupt() != 0) {
    throw Interrupted(pendingInterrupt(), std::to_string(result.runs.size()) + " of " +
                                              std::to_string(result.total) +
                                              " runs finished; their results are written");
  }
  return 0;
}

}  // namespace

std::unique_ptr<Command> makeSweepCommand(CLI::App& parent) {
  return std::make_unique<SweepCommand>(parent);
}

}  // namespace losslab::cli
