#!/usr/bin/env bash
# One-step setup on Debian 12: install the packages, configure and build LossLab into build/.
# Usage: ./scripts/setup.sh [extra cmake options]     (then run ./build/app/losslab)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=$(grep -v '^#' scripts/packages.txt | tr '\n' ' ')
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
if ! dpkg -s $packages >/dev/null 2>&1; then
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build build -j"$(nproc)"
echo
echo "Built. Start the app with:  ./build/app/losslab"
echo "Run every test with:        ./scripts/test.sh"
