#!/usr/bin/env bash
# Bounded libFuzzer runs of every fuzz target (CI): tests/fuzz/run.sh BUILD_DIR [SECONDS]
# BUILD_DIR was configured with clang and -DLOSSLAB_FUZZ=ON (see README "Fuzzing"). Each target
# starts from its committed corpus (tests/fuzz/corpus/<target>, never modified: new inputs go
# to a temporary directory) and runs SECONDS (default 60). Exit status non-zero on the first
# crash, leak, sanitizer report or timeout; the reproducer is left in the current directory.
set -euo pipefail
build=${1:?usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in formula csv session cli_args; do
  binary="$build/tests/fuzz/fuzz_$target"
  [[ -x $binary ]] || { echo "missing $binary (cmake --build $build)" >&2; exit 2; }
  mkdir -p "$work/$target"
  echo "== fuzz_$target: ${seconds}s"
  "$binary" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "$work/$target" "$here/corpus/$target"
done
