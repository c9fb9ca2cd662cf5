#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compares LossLab's value-and-gradient pass with PyTorch's forward + backward.

PyTorch: F.huber_loss(x, y).backward() and F.mse_loss(x, y).backward() on N float64 values
drawn from N(0, 1) (requires_grad on x), reduction 'mean', torch's default thread count;
tensors are created before timing and the median of the repeats is reported.
LossLab: `losslab-cli bench --loss huber --json` and `--loss mean_squared_error` (the same N,
Loss::valueAndGradient with the default reduction, also the median of the repeats).

Usage: python3 bench/pytorch_bench.py PATH/TO/losslab-cli [--n 10000000] [--repeat 5]
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import torch
import torch.nn.functional as F


def time_torch(loss_fn, x, y, repeat):
    """Median wall time of loss_fn(x, y).backward(), one warm-up run first."""
    def run():
        x.grad = None
        loss_fn(x, y).backward()

    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_losslab(cli, loss_id, n, repeat):
    result = subprocess.run(
        [cli, "bench", "--loss", loss_id, "--n", str(n), "--repeat", str(repeat), "--json"],
        check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cli", help="path of the losslab-cli binary")
    parser.add_argument("--n", type=int, default=10_000_000, help="number of elements")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (median)")
    args = parser.parse_args()

    torch.manual_seed(0)
    x = torch.randn(args.n, dtype=torch.float64, requires_grad=True)
    y = torch.randn(args.n, dtype=torch.float64)
    cases = [("huber", F.huber_loss), ("mean_squared_error", F.mse_loss)]

    print(f"n = {args.n}, median of {args.repeat} runs, float64; torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads")
    print(f"{'loss':<20} {'PyTorch s':>11} {'LossLab s':>11} {'PyTorch Melem/s':>16} "
          f"{'LossLab Melem/s':>16} {'LossLab/PyTorch time':>21}")
    for loss_id, loss_fn in cases:
        torch_seconds = time_torch(loss_fn, x, y, args.repeat)
        losslab = time_losslab(args.cli, loss_id, args.n, args.repeat)
        ours = losslab["seconds"]
        print(f"{loss_id:<20} {torch_seconds:>11.4f} {ours:>11.4f} "
              f"{args.n / torch_seconds / 1e6:>16.1f} {losslab['melem_per_s']:>16.1f} "
              f"{ours / torch_seconds:>21.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
