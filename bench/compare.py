#!/usr/bin/env python3
"""Runs jgrad's JMH benchmarks and the same workloads in PyTorch, group by group, and prints the
ratios side by side (a Markdown table, as in docs/07-performance.md).

    ./mvnw -q -pl bench -am package -DskipTests
    python3 bench/compare.py                    # ~15 min on 2 cores
    python3 bench/compare.py --quick            # shorter runs, wider errors

    python3 bench/compare.py --vector           # jgrad twice: plain kernels, then Vector API ones
    python3 bench/compare.py --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java

With --vector every jgrad group also runs with -jvmArgsAppend --add-modules=jdk.incubator.vector
(jgrad's Vector API kernels; see docs/07-performance.md), and the table shows a row "name" (plain)
and a row "name vector" for each workload, each with its own ratios to the same PyTorch times.

Needs Debian's python3-torch and libopenblas0-openmp (torch on the reference BLAS is ~30x
slower at GEMM and is not the fair comparison); --torch-python names the interpreter that
has torch (default /usr/bin/python3). PyTorch runs eager, 2 threads, float64 and float32.
The ratio is PyTorch's time divided by jgrad's: above 1, jgrad is faster. Both sides report
the median of their timed runs (5 for PyTorch, JMH's 5 measured iterations for jgrad).

A JMH benchmark with the parameter dtype=float32 (TrainingBench's MNIST steps, MnistNetBench, ConvBench;
GemmBench's when it has one) is a row "name_f32" (mnistMlpStep_32_f32, gemmNN_1024_f32) beside the
float64 row "name", with only the float32 ratio (against PyTorch float32). A second table then gives each library's
own float64 / float32 time ratio for every workload measured in both (SGEMM/DGEMM for products).

The two sides are interleaved by group of workloads (PyTorch float64, PyTorch float32, then
jgrad, for the MNIST steps, then for the GEMMs, ...), so that the two numbers of a ratio are
measured at most a few minutes apart. On a shared machine whose load drifts, running all of
PyTorch first and all of jgrad ten minutes later skewed whole columns of ratios one way.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# JMH benchmark (class.method, params) -> workload name in pytorch/workloads.py, and the
# factor that turns its score into microseconds (throughput scores are ops/s).
GEMM_NAMES = {"jgradAB": "gemmNN", "jgradAtB": "gemmTN", "jgradABt": "gemmNT"}
MLP_GEMM_NAMES = {"jgradForward": "gemmMlpForward", "jgradWeightGrad": "gemmMlpWeightGrad",
                  "jgradInputGrad": "gemmMlpInputGrad"}
# EJML's products, for reference (no PyTorch counterpart): the jgrad workload each compares with.
EJML_NAMES = {"ejmlAB": "gemmNN", "ejmlForward": "gemmMlpForward", "ejmlWeightGrad": "gemmMlpWeightGrad",
              "ejmlInputGrad": "gemmMlpInputGrad"}
FLOPS = {"gemmMlpForward": 2 * 128 * 784 * 128, "gemmMlpWeightGrad": 2 * 784 * 128 * 128,
         "gemmMlpInputGrad": 2 * 128 * 128 * 784,
         # conv2d forward + backward: 2 * N * O * oH * oW * C * kH * kW per product, two products
         # (output, weight gradient) for the first layer, three (and the input gradient) for the second
         "conv2d_64x1x28x28_32": 2 * 2 * 64 * 32 * 26 * 26 * 1 * 9,
         "conv2d_64x32x26x26_64": 3 * 2 * 64 * 64 * 24 * 24 * 32 * 9}
# (workloads.py --only prefixes, JMH include pattern): the groups run one after the other.
GROUPS = [("tinyAdd,seedLoopEpoch", r"TinyOpBench\.addWithGrad|TrainingBench\.seedLoopEpoch"),
          ("mnistMlpStep", r"TrainingBench\.mnistMlpStep"),
          ("mnistNetStep", r"MnistNetBench\.mnistNetStep"),
          ("deepMlpStep", r"TrainingBench\.deepMlpStep"),
          ("crossEntropy", r"TrainingBench\.crossEntropy"),
          ("gemmMlp", r"MlpGemmBench"),
          ("gemmNN,gemmTN,gemmNT", r"\.GemmBench"),
          ("conv2d", r"ConvBench")]
ORDER = ["tinyAdd", "seedLoopEpoch", "mnistMlpStep_32", "mnistMlpStep_128", "mnistMlpStep_1024", "mnistNetStep_64",
         "deepMlpStep_256", "crossEntropy_1024x10", "crossEntropy_256x1000"] + \
        [f"{k}_{n}" for n in (64, 128, 256, 512, 1024) for k in ("gemmNN", "gemmTN", "gemmNT")] + \
        ["gemmMlpForward", "gemmMlpWeightGrad", "gemmMlpInputGrad"] + \
        ["conv2d_64x1x28x28_32", "conv2d_64x32x26x26_64"]
# A benchmark with the JMH parameter dtype=float32 (TrainingBench's MNIST steps, GemmBench) is the
# workload of the same name plus this suffix, e.g. mnistMlpStep_32_f32 or gemmNN_1024_f32; it is
# compared with PyTorch's float32 time of the workload without it. dtype=float64 (or no dtype
# parameter) keeps the plain name.
F32 = "_f32"


def base_name(name):
    """The PyTorch workload a row compares with: mnistMlpStep_32_f32 -> mnistMlpStep_32."""
    return name[:-len(F32)] if name.endswith(F32) else name


def workload_name(bench, params):
    name = float64_workload_name(bench, params)
    if name is None or params.get("dtype", "float64") == "float64":
        return name
    if params["dtype"] != "float32" or name.startswith("ejml:"):
        return None  # EJML has no float32 product here: its rows are the float64 run's
    return name + F32


def float64_workload_name(bench, params):
    cls, method = bench.rsplit(".", 2)[-2:]
    if cls == "TinyOpBench":
        return "tinyAdd" if method == "addWithGrad" else None
    if cls == "TrainingBench":
        if method == "mnistMlpStep":
            return f"mnistMlpStep_{params['batch']}"
        if method == "deepMlpStep":
            return "deepMlpStep_256"
        if method == "crossEntropy":
            return f"crossEntropy_{params['shape']}"
        return method
    if cls == "MnistNetBench" and method == "mnistNetStep":
        return f"mnistNetStep_{params['batch']}"
    if cls == "ConvBench":
        return f"conv2d_{params['shape']}"
    if cls == "GemmBench" and method in GEMM_NAMES:
        return f"{GEMM_NAMES[method]}_{params['n']}"
    if cls == "GemmBench" and method == "ejmlAB":
        return f"ejml:gemmNN_{params['n']}"
    if cls == "MlpGemmBench" and method in MLP_GEMM_NAMES:
        return MLP_GEMM_NAMES[method]
    if cls == "MlpGemmBench" and method in EJML_NAMES:
        return "ejml:" + EJML_NAMES[method]
    return None


def to_us(score, unit):
    if unit == "ops/s":
        return 1e6 / score
    if unit == "us/op":
        return score
    if unit == "ns/op":
        return score / 1e3
    raise ValueError("unexpected JMH unit " + unit)


def flops(name):
    name = base_name(name)
    if name in FLOPS:
        return FLOPS[name]
    if name.startswith("gemm"):
        n = int(name.split("_")[1])
        return 2 * n ** 3
    return None


VECTOR_FLAG = "--add-modules=jdk.incubator.vector"


def run_jmh(args, pattern, vector=False):
    jar = os.path.join(HERE, "target", "benchmarks.jar")
    if not os.path.exists(jar):
        sys.exit("build the benchmarks first: ./mvnw -q -pl bench -am package -DskipTests")
    out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
    cmd = [args.java, "-jar", jar, pattern, "-prof", "gc", "-rf", "json", "-rff", out]
    # Each benchmark's forked JVM gets the module (or jgrad.simd=off, so that a JDK_JAVA_OPTIONS
    # adding the module cannot turn the plain rows into vector ones).
    cmd += ["-jvmArgsAppend", VECTOR_FLAG if vector else "-Djgrad.simd=off"]
    if vector:
        cmd += ["-e", "ejml"]  # EJML does not change with the flag: measured once, in the plain run
    if args.quick:
        # The vector kernels take 1-2 s to be compiled (products stay plain until then): 3 s of
        # warm-up for them.
        cmd += ["-wi", "6" if vector else "2", "-w", "500ms", "-i", "3", "-r", "500ms"]
    print("#", " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, stdout=sys.stderr)
    results = {}
    with open(out) as f:
        for r in json.load(f):
            name = workload_name(r["benchmark"], r.get("params", {}))
            if name is None:
                continue
            pm = r["primaryMetric"]
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            # The median of the measured iterations, the statistic workloads.py reports for
            # PyTorch (JMH's own score is their mean, which one disturbed second on a shared
            # machine drags along).
            raw = [x for fork in pm.get("rawData", []) for x in fork]
            score = statistics.median(raw) if raw else pm["score"]
            results[name] = (to_us(score, pm["scoreUnit"]), alloc)
    return results


def run_torch(args, dtype, only):
    cmd = [args.torch_python, os.path.join(HERE, "pytorch", "workloads.py"), "--dtype", dtype, "--threads", "2",
           "--only", only]
    if args.quick:
        cmd.append("--quick")
    env = dict(os.environ, OMP_NUM_THREADS="2")
    print("#", " ".join(cmd), file=sys.stderr, flush=True)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return {line.split()[0]: float(line.split()[1]) for line in out.splitlines() if line.strip()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--torch-python", default="/usr/bin/python3")
    ap.add_argument("--java", default="java", help="the java launcher that runs the benchmarks")
    ap.add_argument("--vector", action="store_true", help="also run jgrad on its Vector API kernels")
    ap.add_argument("--groups", help="run only the groups whose workloads start with one of these "
                    "comma-separated prefixes (e.g. mnistMlpStep,crossEntropy,gemmNN,conv2d)")
    args = ap.parse_args()
    groups = GROUPS
    if args.groups:
        wanted = args.groups.split(",")
        groups = [g for g in GROUPS if any(w.startswith(p) or p.startswith(w) for w in wanted
                                           for p in g[0].split(","))]
        if not groups:
            sys.exit("--groups matched none of: " + ", ".join(g[0] for g in GROUPS))
    torch64, torch32, jgrad = {}, {}, {}
    for only, pattern in groups:
        torch64.update(run_torch(args, "float64", only))
        torch32.update(run_torch(args, "float32", only))
        jgrad.update(run_jmh(args, pattern))
        if args.vector:
            for name, value in run_jmh(args, pattern, vector=True).items():
                jgrad[name + " vector"] = value
    print("| workload | jgrad µs | jgrad GFLOP/s | jgrad bytes allocated/op | PyTorch f64 µs | ratio f64 | "
          "PyTorch f32 µs | ratio f32 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    rows = [r for name in ORDER for n in (name, name + F32) for r in (n, n + " vector")]
    for row in rows:
        if row not in jgrad:
            continue
        name = row.split(" ")[0]
        us, alloc = jgrad[row]
        f = flops(name)
        gf = f"{f / us / 1e3:.1f}" if f else ""
        # A float32 row has only the float32 ratio: jgrad float32 against PyTorch float32.
        t64 = None if name.endswith(F32) else torch64.get(name)
        t32 = torch32.get(base_name(name))
        cells = [row, f"{us:.3f}" if us < 10 else f"{us:.1f}", gf,
                 "" if alloc is None else f"{alloc:.0f}",
                 "" if t64 is None else (f"{t64:.3f}" if t64 < 10 else f"{t64:.1f}"),
                 "" if t64 is None else f"{t64 / us:.2f}x",
                 "" if t32 is None else (f"{t32:.3f}" if t32 < 10 else f"{t32:.1f}"),
                 "" if t32 is None else f"{t32 / us:.2f}x"]
        print("| " + " | ".join(cells) + " |")
    print_float32_speedups(jgrad, torch64, torch32, rows)
    ejml = [name for name in ORDER if "ejml:" + name in jgrad]
    if ejml:
        print()
        print("EJML 0.46 (`CommonOps_DDRM.mult`, `multTransA`, `multTransB`, one thread, into a preallocated "
              "result), same run:")
        print()
        print("| product | EJML µs | EJML GFLOP/s | jgrad GFLOP/s | jgrad / EJML |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for name in ejml:
            us = jgrad["ejml:" + name][0]
            ours = jgrad[name][0]
            f = flops(name)
            print(f"| {name} | {us:.1f} | {f / us / 1e3:.1f} | {f / ours / 1e3:.1f} | {us / ours:.1f}x |")


def print_float32_speedups(jgrad, torch64, torch32, rows):
    """Each library against itself: float64 time / float32 time for every workload measured in
    both (SGEMM/DGEMM for the products)."""
    pairs = [r for r in rows if r.split(" ")[0].endswith(F32) and r.replace(F32, "", 1) in jgrad and r in jgrad]
    if not pairs:
        return
    print()
    print("float32 against float64 in the same library (float64 time / float32 time; SGEMM/DGEMM for the "
          "products), same run:")
    print()
    print("| workload | jgrad f64 / f32 | PyTorch f64 / f32 |")
    print("| --- | ---: | ---: |")
    for row in pairs:
        name = base_name(row.split(" ")[0])
        label = ("SGEMM/DGEMM " if name.startswith("gemm") else "") + row.replace(F32, "", 1)
        ours = jgrad[row.replace(F32, "", 1)][0] / jgrad[row][0]
        theirs = f"{torch64[name] / torch32[name]:.2f}x" if name in torch64 and name in torch32 else ""
        print(f"| {label} | {ours:.2f}x | {theirs} |")


if __name__ == "__main__":
    main()
