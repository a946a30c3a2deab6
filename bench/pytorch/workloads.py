#!/usr/bin/env python3
"""The jgrad benchmark workloads in PyTorch eager, for side-by-side ratios.

Run with Debian's python3-torch and libopenblas0-openmp (a real BLAS), e.g.
    OMP_NUM_THREADS=2 /usr/bin/python3 bench/pytorch/workloads.py --dtype float64
Prints one line per workload: "<name> <microseconds per op>" (median of repeats).
The names match the JMH benchmark names in bench/src/main/java/jgrad/bench (see bench/compare.py);
a jgrad float32 row (JMH parameter dtype=float32, e.g. mnistMlpStep_32_f32 or gemmNN_1024_f32) is
compared with the --dtype float32 time of the name without "_f32".
"""
import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn as nn


def timeit(fn, min_time=0.5, repeats=5, clock=time.perf_counter):
    """Median microseconds per call over `repeats` runs of at least `min_time` seconds each, by `clock`."""
    for _ in range(3):
        fn()
    # calibrate
    n = 1
    while True:
        t0 = clock()
        for _ in range(n):
            fn()
        dt = clock() - t0
        if dt > 0.05:
            break
        n *= 2
    per = dt / n
    iters = max(1, int(min_time / per))
    results = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(iters):
            fn()
        results.append((clock() - t0) / iters * 1e6)
    return statistics.median(results)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="shorter runs, for a smoke test")
    ap.add_argument("--only", default="", help="comma-separated name prefixes to run")
    ap.add_argument("--thread-cpu", action="store_true", help="time by this thread's CPU time, not the wall "
                    "clock (with --threads 1: one core's rate on a busy machine; see jgrad.bench.MnistNetCpuTime)")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    dt = getattr(torch, args.dtype)
    torch.set_default_dtype(dt)
    min_time = 0.1 if args.quick else 0.5
    repeats = 3 if args.quick else 5
    g = torch.Generator().manual_seed(0)
    only = [p for p in args.only.split(",") if p]

    def run(name, fn):
        if only and not any(name.startswith(p) for p in only):
            return
        us = timeit(fn, min_time, repeats, time.thread_time if args.thread_cpu else time.perf_counter)
        print(f"{name} {us:.4f}", flush=True)

    # tiny op with grad: 10x4 add, recorded
    a = torch.randn(10, 4, generator=g).requires_grad_()
    b = torch.randn(10, 4, generator=g)
    run("tinyAdd", lambda: a + b)

    # one epoch of the documents' loop
    X = torch.tensor([[1., 2.], [2., 1.], [3., 4.], [4., 3.]])
    y = torch.tensor([0, 0, 1, 1])
    model = nn.Sequential(nn.Linear(2, 10), nn.ReLU(), nn.Linear(10, 2))
    crit = nn.CrossEntropyLoss()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    def seed_epoch():
        opt.zero_grad()
        loss = crit(model(X), y)
        loss.backward()
        opt.step()
    run("seedLoopEpoch", seed_epoch)

    # MLP training steps
    def mlp_step(sizes, batch, name):
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i < len(sizes) - 2:
                layers.append(nn.ReLU())
        m = nn.Sequential(*layers)
        o = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9)
        xb = torch.randn(batch, sizes[0], generator=g)
        yb = torch.randint(0, sizes[-1], (batch,), generator=g)

        def step():
            o.zero_grad()
            loss = crit(m(xb), yb)
            loss.backward()
            o.step()
        run(name, step)
    for batch in (32, 128, 1024):
        mlp_step([784, 128, 10], batch, f"mnistMlpStep_{batch}")
    mlp_step([784, 512, 512, 10], 256, "deepMlpStep_256")

    # PyTorch's examples/mnist Net (examples/pytorch/mnist_net.py), one Adadelta step at batch 64 in training mode
    def mnist_net_step(batch, name):
        if only and not any(name.startswith(p) for p in only):
            return
        # the Net of examples/pytorch/mnist_net.py (PyTorch's examples/mnist main.py), imported, not copied
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "pytorch"))
        from mnist_net import Net
        import torch.nn.functional as F
        m = Net()
        m.train()
        o = torch.optim.Adadelta(m.parameters(), lr=1.0)
        xb = torch.randn(batch, 1, 28, 28, generator=g)
        yb = torch.randint(0, 10, (batch,), generator=g)

        def step():
            o.zero_grad()
            loss = F.nll_loss(m(xb), yb)
            loss.backward()
            o.step()
        run(name, step)
    mnist_net_step(64, "mnistNetStep_64")

    # GEMM: A.B, A^T.B, A.B^T at n, and the MLP shapes
    for n in (64, 128, 256, 512, 1024):
        A = torch.randn(n, n, generator=g)
        B = torch.randn(n, n, generator=g)
        run(f"gemmNN_{n}", lambda: torch.mm(A, B))
        run(f"gemmTN_{n}", lambda: torch.mm(A.t(), B))
        run(f"gemmNT_{n}", lambda: torch.mm(A, B.t()))
    x = torch.randn(128, 784, generator=g)
    w = torch.randn(784, 128, generator=g)
    gz = torch.randn(128, 128, generator=g)
    run("gemmMlpForward", lambda: torch.mm(x, w))            # (128x784).(784x128)
    run("gemmMlpWeightGrad", lambda: torch.mm(x.t(), gz))    # (128x784)^T.(128x128)
    run("gemmMlpInputGrad", lambda: torch.mm(gz, w.t()))     # (128x128).(784x128)^T

    # fused cross-entropy forward + backward
    for (n, c) in ((1024, 10), (256, 1000)):
        logits = torch.randn(n, c, generator=g).requires_grad_()
        target = torch.randint(0, c, (n,), generator=g)

        def ce():
            logits.grad = None
            crit(logits, target).backward()
        run(f"crossEntropy_{n}x{c}", ce)

    # Conv2d forward + backward (a fixed gradient of the output): the MNIST example's first layer
    # (input without gradient) and its second (with the input's gradient); ConvBench's shapes.
    for (n, c, h, w, o) in ((64, 1, 28, 28, 32), (64, 32, 26, 26, 64)):
        conv = nn.Conv2d(c, o, 3)
        xc = torch.randn(n, c, h, w, generator=g).requires_grad_(c > 1)
        gc = torch.randn(n, o, h - 2, w - 2, generator=g)

        def conv_step(conv=conv, xc=xc, gc=gc):
            conv.zero_grad()
            xc.grad = None
            conv(xc).backward(gc)
        run(f"conv2d_{n}x{c}x{h}x{w}_{o}", conv_step)


if __name__ == "__main__":
    main()
