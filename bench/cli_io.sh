#!/bin/sh
# losslab-cli at I/O speed (issue 15 item 4): eval --json / table on two 1e6-row files and
# curve --points 1e7, each run RUNS times, with the I/O anchor (cat of both files) and the
# load average of the same run. Usage: bench/cli_io.sh [build/app/losslab-cli] [RUNS]
set -eu
CLI=${1:-build/app/losslab-cli}
RUNS=${2:-3}
DIR=${TMPDIR:-/tmp}/losslab_cli_io
mkdir -p "$DIR"
if [ ! -f "$DIR/yp.csv" ]; then
  /usr/bin/python3 - "$DIR" <<'PY'
import sys, numpy as np
rng = np.random.default_rng(1)
n = 10**6
yt = rng.normal(size=n); yp = yt + rng.normal(scale=0.5, size=n)
np.savetxt(sys.argv[1] + "/yt.csv", yt, fmt="%.17g")
np.savetxt(sys.argv[1] + "/yp.csv", yp, fmt="%.17g")
PY
fi
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
run() {  # label, command...: wall and CPU seconds, peak RSS
  label=$1; shift
  i=0
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB" "$@" > /dev/null 2>> "$DIR/time.log" || true
    tail -n 1 "$DIR/time.log"
    i=$((i + 1))
  done
}
: > "$DIR/time.log"
run "anchor cat yt.csv yp.csv" cat "$DIR/yt.csv" "$DIR/yp.csv"
run "eval --json" "$CLI" eval --loss huber --y-true "$DIR/yt.csv" --y-pred "$DIR/yp.csv" --json
run "eval (table)" "$CLI" eval --loss huber --y-true "$DIR/yt.csv" --y-pred "$DIR/yp.csv"
run "curve --points 1e7" "$CLI" curve --loss huber --points 10000000
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
