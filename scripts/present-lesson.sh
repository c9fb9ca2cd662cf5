#!/usr/bin/env bash
# Plays a lesson in presentation mode as a lecturer would, on a virtual 1920×1080 screen:
# opens it, F11, then Page Down through every step, a screenshot of the whole screen per step
# (OUT_DIR/present-step-N.png). Needs Xvfb, xdotool and ImageMagick's import.
#   scripts/present-lesson.sh [LOSSLAB] [LESSON] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-build/app/losslab}
lesson=${2:-docs/mse-mae-huber.losslab}
out=${3:-docs}
display=:${PRESENT_DISPLAY:-57}
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp &
xvfb=$!
trap 'kill "$app_pid" 2>/dev/null || true; kill "$xvfb"' EXIT
sleep 1
export DISPLAY=$display
"$app" "$lesson" &
app_pid=$!
for _ in $(seq 50); do
  window=$(xdotool search --pid "$app_pid" --onlyvisible --name LossLab 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.2
done
[ -n "$window" ] || { echo "no LossLab window" >&2; exit 1; }
steps=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["steps"]))' "$lesson")
xdotool windowactivate --sync "$window" 2>/dev/null || xdotool windowfocus "$window"
sleep 1
xdotool key --window "$window" F11
sleep 1
# Without a window manager (bare Xvfb) nobody grows a full-screen window: do it here.
xdotool windowmove "$window" 0 0 windowsize "$window" 1920 1080
sleep 2
for step in $(seq 1 "$steps"); do
  import -window root "$out/present-step-$step.png"
  echo "step $step: $out/present-step-$step.png"
  if [ "$step" -lt "$steps" ]; then
    xdotool key --window "$window" Next
    sleep "${PRESENT_WAIT:-4}"  # a training step trains 300 epochs before it shows
  fi
done
xdotool key --window "$window" Escape
