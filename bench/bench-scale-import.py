#!/usr/bin/env python3
"""Import at a hundred times the corpus: time and peak RSS as the input grows.

    python3 bench/bench-scale-import.py --build-dir build-release [--runs 2] \\
        [--big-scales 1,4,10] [--many-docs 1000,4000,10000,100000] \\
        [before=/path/to/old/app/alama after=build-release/app/alama]

Two cases, each on a fresh project with a fresh `alama import` process
(process start included; peak RSS is that process's, from wait4):
  - big: one document of S MB with 10,000*S annotations and 2,000*S relations
    (bench/gen-corpus.py big --scale S). Target: linear, the 10 MB import in
    at most 10.5 x the time of the 1 MB one.
  - many: N documents without annotations (bench/gen-corpus.py many --docs N
    --text-only; about 1.9 MB per 1,000). Targets: >= 50 MB/s of JSONL, and a
    peak RSS <= 250 MB whatever the file size.
CPU time (user + sys, from wait4) is given beside the wall time: on a shared
machine it moves less with the load. Each LABEL=EXE is one build; with several, the runs are interleaved (A, B, A, B
...) so that every build sees the same load on a shared machine. Without any,
the alama of --build-dir. The GSettings schema comes from --build-dir.
The last column says how time and RSS grow from the smallest size: "x10.0 for
x10 input" is linear.
"""

import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

MB = 1_000_000.0
BIG_LINEAR_TARGET = 10.5     # the 10 MB import over the 1 MB one
MANY_SPEED_TARGET = 50.0     # MB/s of JSONL
MANY_RSS_TARGET = 250.0      # MB


def parse_build(arg):
    label, exe = arg.split("=", 1)
    return label, exe


def spread(values, fmt):
    text = fmt % bc.median(values)
    if len(values) > 1:
        text += " [" + fmt % min(values) + "-" + fmt % max(values) + "]"
    return text


def measure(builds, env, tmp, jsonl, runs):
    """{label: ([seconds], [CPU seconds], [MB])} over @runs interleaved imports."""
    results = {label: ([], [], []) for label, _ in builds}
    for run in range(runs):
        for label, exe in builds:
            project = os.path.join(tmp, "%s-%d.alama" % (label, run))
            secs, usage, _ = bc.run_rusage([exe, "import", project, jsonl], env=env)
            results[label][0].append(secs)
            results[label][1].append(usage.ru_utime + usage.ru_stime)
            results[label][2].append(usage.ru_maxrss / 1024.0)
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(project + suffix):
                    os.unlink(project + suffix)
    return results


def growth(size, base, secs, cpu, rss):
    if base is None:
        return "(base)"
    base_size, base_secs, base_cpu, base_rss = base
    return "time x%.1f, CPU x%.1f, RSS x%.1f for x%g input" % (
        secs / base_secs, cpu / base_cpu, rss / base_rss, size / base_size)


def bench_case(kind, sizes, builds, env, tmp, runs, rows):
    base = {}
    for size in sizes:
        jsonl = os.path.join(tmp, "%s-%g.jsonl" % (kind, size))
        if kind == "big":
            bc.gen_corpus("big", jsonl, scale=size)
            what = "1 doc, %g MB, %d annotations" % (size, 10_000 * size)
        else:
            bc.gen_corpus("many", jsonl, docs=int(size), text_only=True)
            what = "%d docs, text only" % size
        file_mb = os.path.getsize(jsonl) / MB
        results = measure(builds, env, tmp, jsonl, runs)
        os.unlink(jsonl)
        for label, _ in builds:
            secs, cpu, rss = results[label]
            t, c, r = bc.median(secs), bc.median(cpu), bc.median(rss)
            if kind == "big":
                target = ("<= %.1f x the 1 MB time" % BIG_LINEAR_TARGET) if size == 10 else ""
            else:
                target = ">= %.0f MB/s, <= %.0f MB" % (MANY_SPEED_TARGET, MANY_RSS_TARGET)
            b = base.get(label)
            rows.append((label, kind, what, "%.0f MB" % file_mb, spread(secs, "%.2f s"),
                         spread(cpu, "%.2f s"), "%.0f MB/s" % (file_mb / t),
                         spread(rss, "%.0f MB"), target, growth(size, b, t, c, r)))
            if b is None:
                base[label] = (size, t, c, r)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--big-scales", default="1,4,10", help="MB, comma-separated")
    parser.add_argument("--many-docs", default="1000,4000,10000,100000",
                        help="documents, comma-separated")
    parser.add_argument("builds", nargs="*", help="LABEL=EXE")
    args = parser.parse_args()
    alama = bc.find_alama(args.build_dir)
    builds = [parse_build(b) for b in args.builds] or [("build", alama)]
    env = bc.app_env(alama)

    tmp = tempfile.mkdtemp(prefix="alama-bench-scale-")
    rows = []
    try:
        if args.big_scales:
            bench_case("big", [float(s) for s in args.big_scales.split(",")],
                       builds, env, tmp, args.runs, rows)
        if args.many_docs:
            bench_case("many", [int(n) for n in args.many_docs.split(",")],
                       builds, env, tmp, args.runs, rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d run(s) per build, interleaved: median [range]; load average now %.2f"
          % (args.runs, os.getloadavg()[0]))
    bc.print_table(["build", "case", "input", "file", "time", "CPU (user+sys)", "speed",
                    "peak RSS", "target", "growth from the smallest"], rows)


if __name__ == "__main__":
    main()
