#!/usr/bin/env bash
# Runs every test headless (the README's test command; .ci/run runs exactly this).
set -euo pipefail
cd "$(dirname "$0")/.."
QT_QPA_PLATFORM=offscreen ctest --test-dir build --output-on-failure -j2 "$@"
