#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch baseline for bench/bench_training.cpp: seed 003's workload trained the same way.

Model Linear(4,16)-ReLU-Linear(16,32)-ReLU-Linear(32,1) in float64 with Glorot-uniform weights
and zero biases (Keras' initialisers, which LossLab uses), MSE, Adam(lr=1e-3, betas=(0.9, 0.999),
eps=1e-7), batch 32 over 1,000 samples of y = 5 * sum(x), reshuffled every epoch. The loop is the
idiomatic one: zero_grad, forward, loss, backward, step.

Prints epochs/s with 1 thread and with torch's default thread count, and the ratio to LossLab's
epochs/s, which is either given (--ours N) or measured by running the benchmark binary
(--bench PATH, default build/bench/bench_training), together with the binary's FMA bound and
LossLab's fraction of it from the same run. Rates are in CPU time (the process's CPU seconds
for PyTorch, the benchmark thread's for LossLab and the FMA peak), best of several windows, so
that other jobs on a shared machine slow neither side; PyTorch's wall-clock rate is printed
too.

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
    best_cpu = 0.0
    best_wall = 0.0
    for _ in range(windows):
        count = 0
        start_cpu = time.process_time()
        start_wall = time.perf_counter()
        while True:
            last = epoch()
            count += 1
            cpu = time.process_time() - start_cpu
            if cpu >= seconds:
                break
        wall = time.perf_counter() - start_wall
        assert torch.isfinite(last)
        best_cpu = max(best_cpu, count / cpu)
        best_wall = max(best_wall, count / wall)
    return best_cpu, best_wall


def ours_from_bench(path, seconds, windows):
    """Best run of bench_training's seedEpochs/train_mse over `windows` repetitions: its
    epochs/s (CPU time), the FMA bound (epochs/s) and the fraction of it, from the same run."""
    out = subprocess.run(
        [path, "--benchmark_filter=^seedEpochs/train_mse(/|$)", "--benchmark_format=json",
         f"--benchmark_min_time={seconds}", f"--benchmark_repetitions={windows}"],
        check=True, capture_output=True, text=True).stdout
    runs = [b for b in json.loads(out)["benchmarks"] if b.get("run_type") == "iteration"]
    best = max(runs, key=lambda b: b["epochs/s"])
    return best["epochs/s"], best.get("fma_bound", 0.0), best.get("of_bound", 0.0), best["label"]


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
    one, one_wall = epochs_per_second(1, args.seconds, args.windows)
    if default_threads != 1:
        default, default_wall = epochs_per_second(default_threads, args.seconds, args.windows)
    else:
        default, default_wall = one, one_wall
    bound = fraction = 0.0
    isa = "given"
    if args.ours is not None:
        ours = args.ours
    else:
        ours, bound, fraction, isa = ours_from_bench(args.bench, args.seconds, args.windows)
    print(f"torch {torch.__version__}, float64, Adam, batch 32, 1,000 samples, 4-16-32-1")
    print(f"PyTorch, 1 thread:          {one:10.1f} epochs/s CPU time ({one_wall:.1f} wall)")
    print(f"PyTorch, {default_threads} thread(s) default: {default:10.1f} epochs/s CPU time "
          f"({default_wall:.1f} wall)")
    print(f"LossLab ({isa}):{' ' * max(1, 19 - len(isa))}{ours:10.1f} epochs/s CPU time")
    if bound > 0:
        print(f"FMA bound:                  {bound:10.1f} epochs/s "
              f"(3.52 MFLOP per epoch at this core's measured FMA peak)")
        print(f"LossLab / FMA bound:        {fraction:10.3f}")
    best = max(one, default)
    print(f"ratio LossLab / PyTorch (best of the two): {ours / best:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
