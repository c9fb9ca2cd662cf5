#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch baseline for bench/bench_training.cpp: seed 003's workload trained the same way.

Model Linear(4,16)-ReLU-Linear(16,32)-ReLU-Linear(32,1) in float64 with Glorot-uniform weights
and zero biases (Keras' initialisers, which LossLab uses), MSE, Adam(lr=1e-3, betas=(0.9, 0.999),
eps=1e-7), batch 32 over 1,000 samples of y = 5 * sum(x), reshuffled every epoch. The loop is the
idiomatic one: zero_grad, forward, loss, backward, step.

Prints epochs/s with 1 thread and with torch's default thread count, and the ratio to LossLab's
epochs/s, which is either given (--ours N) or measured by running the benchmark binary
(--bench PATH, default build/bench/bench_training). All rates are wall-clock, best of several
windows on both sides, so that other load on the machine does not decide the ratio.

    python3 bench/pytorch_training.py --bench build/bench/bench_training
    python3 bench/pytorch_training.py --ours 1593
"""
import argparse
import json
import subprocess
import sys
import time

import torch


def make_data(n=1000, seed=3):
    g = torch.Generator().manual_seed(seed)
    x = torch.rand(n, 4, generator=g, dtype=torch.float64)
    y = 5.0 * x.sum(dim=1, keepdim=True)
    return x, y


def make_model(seed=3):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(4, 16), torch.nn.ReLU(),
        torch.nn.Linear(16, 32), torch.nn.ReLU(),
        torch.nn.Linear(32, 1)).double()
    for layer in model:
        if isinstance(layer, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    return model


def epochs_per_second(threads, seconds, windows, batch=32):
    """Best epochs/s over `windows` timing windows of `seconds` each (wall clock)."""
    if threads is not None:
        torch.set_num_threads(threads)
    x, y = make_data()
    model = make_model()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    loss_fn = torch.nn.MSELoss()
    n = x.shape[0]

    def epoch():
        perm = torch.randperm(n)
        for idx in perm.split(batch):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        return loss

    epoch()  # warm-up
    best = 0.0
    for _ in range(windows):
        count = 0
        start = time.perf_counter()
        while True:
            last = epoch()
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        assert torch.isfinite(last)
        best = max(best, count / elapsed)
    return best


def ours_from_bench(path, seconds, windows):
    """Best epochs/s of bench_training's seedEpochs/train_mse over `windows` repetitions."""
    out = subprocess.run(
        [path, "--benchmark_filter=^seedEpochs/train_mse(/|$)", "--benchmark_format=json",
         f"--benchmark_min_time={seconds}", f"--benchmark_repetitions={windows}"],
        check=True, capture_output=True, text=True).stdout
    runs = [b for b in json.loads(out)["benchmarks"] if b.get("run_type") == "iteration"]
    return max(b["epochs/s"] for b in runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ours", type=float, help="LossLab epochs/s (skips running the bench)")
    parser.add_argument("--bench", default="build/bench/bench_training",
                        help="path of the bench_training binary")
    parser.add_argument("--seconds", type=float, default=1.0, help="length of one timing window")
    parser.add_argument("--windows", type=int, default=5,
                        help="timing windows per configuration; the best one counts (a busy "
                             "machine only ever slows a window down)")
    args = parser.parse_args()

    default_threads = torch.get_num_threads()
    one = epochs_per_second(1, args.seconds, args.windows)
    default = epochs_per_second(default_threads, args.seconds, args.windows)
    ours = (args.ours if args.ours is not None
            else ours_from_bench(args.bench, args.seconds, args.windows))
    print(f"torch {torch.__version__}, float64, Adam, batch 32, 1,000 samples, 4-16-32-1")
    print(f"PyTorch, 1 thread:          {one:10.1f} epochs/s")
    print(f"PyTorch, {default_threads} thread(s) default: {default:10.1f} epochs/s")
    print(f"LossLab:                    {ours:10.1f} epochs/s")
    best = max(one, default)
    print(f"ratio LossLab / PyTorch (best of the two): {ours / best:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
