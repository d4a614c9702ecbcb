#!/usr/bin/env python3
"""First frame of two (or more) builds, interleaved, so that every build sees the
same load on a shared machine: run A, run B, run A, ... under one Xvfb.

    python3 bench/bench-gui-ab.py --build-dir build --runs 21 --scale 1 \\
        before=/path/to/old/alama after=build/app/alama:GSK_RENDERER=cairo

Each LABEL=EXE[:VAR=VALUE,...] is one build; VAR=- removes VAR from its
environment (e.g. GSK_RENDERER=- for the app's own choice of renderer). The
environment (GSettings schema) and the import are those of --build-dir.
Prints, per build, the median [range] of the app's first-frame-ms (from main()),
of the wall time from spawning the process to reading that line, and of the CPU
time (user + system) of the whole run, which a busy machine disturbs least; and
the highest peak RSS.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

# start_xvfb() and run_first_frame() of bench-gui.py (a file name with a dash).
_spec = importlib.util.spec_from_file_location(
    "bench_gui", os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-gui.py"))
bench_gui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_gui)


def parse_build(arg):
    label, rest = arg.split("=", 1)
    exe, _, extra = rest.partition(":")
    env = dict(kv.split("=", 1) for kv in extra.split(",")) if extra else {}
    return label, exe, env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("builds", nargs="+", help="LABEL=EXE[:VAR=VALUE,...]")
    args = parser.parse_args()
    builds = [parse_build(b) for b in args.builds]
    alama = bc.find_alama(args.build_dir)

    tmp = tempfile.mkdtemp(prefix="alama-bench-ab-")
    xvfb, display = bench_gui.start_xvfb()
    frames = {label: [] for label, _, _ in builds}
    spawns = {label: [] for label, _, _ in builds}
    cpus = {label: [] for label, _, _ in builds}
    rss = {label: [] for label, _, _ in builds}
    try:
        base = bc.app_env(alama)
        base["DISPLAY"] = display
        base.pop("WAYLAND_DISPLAY", None)
        jsonl = os.path.join(tmp, "big.jsonl")
        project = os.path.join(tmp, "big.alama")
        bc.gen_corpus("big", jsonl, scale=args.scale)
        bc.import_project(alama, project, jsonl)
        for _ in range(args.runs):
            for label, exe, extra in builds:
                env = dict(base)
                for key, value in extra.items():
                    if value == "-":
                        env.pop(key, None)
                    else:
                        env[key] = value
                frame, spawn_ms, peak, cpu_ms = bench_gui.run_first_frame(
                    [exe, project, "--open", "big", "--exit-after-first-frame"], env)
                frames[label].append(frame)
                spawns[label].append(spawn_ms)
                cpus[label].append(cpu_ms)
                rss[label].append(peak)
                time.sleep(0.1)
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    rows = [(label, len(frames[label]), "%d" % bc.median(frames[label]),
             "%d-%d" % (min(frames[label]), max(frames[label])),
             "%.0f" % bc.median(spawns[label]),
             "%.0f-%.0f" % (min(spawns[label]), max(spawns[label])),
             "%.0f" % bc.median(cpus[label]),
             "%.0f-%.0f" % (min(cpus[label]), max(cpus[label])),
             "%.0f" % max(rss[label]))
            for label, _, _ in builds]
    print("scale %g, interleaved runs; load average now %.2f" % (args.scale, os.getloadavg()[0]))
    bc.print_table(["build", "runs", "first frame ms (median)", "range",
                    "from spawn ms (median)", "range", "CPU ms (median)", "range",
                    "peak RSS MB"], rows)


if __name__ == "__main__":
    main()
