#!/usr/bin/env python3
"""Workbench interaction: scroll frame times and the latency of making one
annotation by input, on a 1 MB Arabic document with 10,000 annotations and 2,000
relations (bench/gen-corpus.py big).

    python3 bench/bench-gui-input.py [--build-dir build] [--scale 1] [--runs 3]
                                     [--annotations 30] [--renderer cairo]

Scroll: `alama PROJECT --open big` with ALAMA_BENCH_SCROLL=1 scrolls the text
from top to bottom, one step per frame, and prints "scroll-frames: N p50-ms: X
p95-ms: Y max-ms: Z" (each frame's layout + snapshot + render, from the frame
clock's tick to its after-paint). Target: p95 <= 16 ms.

Annotate: the app runs with ALAMA_BENCH_LOG=1 (it prints "annotate-ms: X" from
the label key press to the end of the first frame painted after the store
commit) and ALAMA_DEBUG_GEOMETRY (where the words are); xdotool double-clicks an
unannotated word and presses the PER key, until --annotations were made. Target:
p99 <= 10 ms. A double-click that selected nothing (the key then makes nothing)
is counted and printed, and another word is tried.
Both run the build's alama-instrumented, which has these switches (app/instrumentation).
Each run gets its own Xvfb.
"""

import argparse
import importlib.util
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def load_start_xvfb():
    """bench-gui.py's Xvfb starter (a file name with a dash: import by path)."""
    spec = importlib.util.spec_from_file_location("bench_gui", os.path.join(HERE, "bench-gui.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.start_xvfb


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def wait_for(what, predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    sys.exit("timed out waiting for " + what)


def settle(path, quiet=0.3, timeout=5.0):
    """Waits until @path has not changed for @quiet seconds."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        try:
            stamp = os.stat(path).st_mtime_ns
        except OSError:
            stamp = None
        if stamp != last:
            last, since = stamp, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.03)


def scroll_run(alama, project, env):
    env = dict(env, ALAMA_BENCH_SCROLL="1")
    proc = subprocess.run([alama, project, "--open", "big"], env=env, capture_output=True,
                          text=True, timeout=300)
    match = re.search(r"scroll-frames: (\d+) p50-ms: ([\d.]+) p95-ms: ([\d.]+) max-ms: ([\d.]+)",
                      proc.stdout)
    if not match:
        sys.exit("no scroll-frames line: %r %r" % (proc.stdout, proc.stderr[-500:]))
    return int(match.group(1)), float(match.group(2)), float(match.group(3)), float(match.group(4))


def xdo(env, *args):
    subprocess.run(["xdotool"] + [str(a) for a in args], check=True, env=env)


def in_view(geo, word):
    """The word's middle is inside the part of the window the text is seen in (the
    top and bottom lines listed in the geometry are often cut by the header bar or
    the window's edge, and a click there does not reach the text)."""
    vx, vy, vw, vh = geo["view"]
    cx, cy = word["x"] + word["width"] / 2, word["y"] + word["height"] / 2
    return vx <= cx < vx + vw and vy <= cy < vy + vh


def annotate_run(alama, project, env, workdir, count, wrap=(), slow=1.0):
    geometry_path = os.path.join(workdir, "geometry.json")
    log_path = os.path.join(workdir, "annotate.log")
    env = dict(env, ALAMA_BENCH_LOG="1", ALAMA_DEBUG_GEOMETRY=geometry_path)
    db = sqlite3.connect("file:%s?mode=ro" % project, uri=True)
    key = db.execute("SELECT shortcut FROM labels WHERE key = 'PER'").fetchone()[0]
    db.close()

    def geometry():
        try:
            with open(geometry_path, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def find_window():
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
                             capture_output=True, text=True, env=env).stdout.split()
        return out[-1] if out else None

    def logged():
        with open(log_path, encoding="utf-8", errors="replace") as f:
            return [float(m) for m in re.findall(r"annotate-ms: ([\d.]+)", f.read())]

    with open(log_path, "w") as log:
        proc = subprocess.Popen(list(wrap) + [alama, project, "--open", "big"], env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        window = wait_for("the window", find_window, 30 * slow)
        xdo(env, "windowfocus", "--sync", window)
        wait_for("the geometry", lambda: (geometry() or {}).get("words"), 30 * slow)
        time.sleep(1.0)
        rng = random.Random(7)
        missed = 0
        while len(logged()) < count:
            # The view scrolls to each new span (the panel selects it): read where
            # the words are now, and take an unannotated one.
            for scroll in range(6):
                geo = geometry()
                taken = [(s["start"], s["end"]) for s in geo.get("spans", []) if "start" in s]
                free = [w for w in geo["words"]
                        if "x" in w and len(w["text"]) >= 3 and in_view(geo, w) and
                        not any(s < w["end"] and w["start"] < e for s, e in taken)]
                if free:
                    break
                # Every word in view is taken: a few wheel notches further down.
                vx, vy, vw, vh = geo["view"]
                xdo(env, "mousemove", "--window", window, int(vx + vw / 2), int(vy + vh / 2))
                xdo(env, "click", "--repeat", 5, "--delay", 30, 5)
                settle(geometry_path, 0.3 * slow, 5 * slow)
            if not free:
                sys.exit("no unannotated word on screen")
            w = rng.choice(free)
            before = len(logged())
            xdo(env, "mousemove", "--window", window, int(w["x"] + w["width"] / 2),
                int(w["y"] + w["height"] / 2))
            xdo(env, "click", "--repeat", 2, "--delay", 60, 1)
            # The geometry hook writes after frames, in an idle; let it finish so
            # that the key press does not wait behind it (it is not the app's work).
            settle(geometry_path, 0.3 * slow, 5 * slow)
            xdo(env, "key", "--window", window, key)
            try:
                wait_for("annotate-ms for %s" % w["text"], lambda: len(logged()) > before, 5 * slow)
            except SystemExit:
                # The double-click selected nothing, so the key made nothing
                # (BENCHMARKS.md, "a lost double-click"): not a latency; counted,
                # and another word is tried.
                missed += 1
                if missed > count // 3:
                    with open(log_path, encoding="utf-8", errors="replace") as f:
                        sys.stderr.write("app log:\n" + f.read()[-2000:])
                    sys.exit("too many double-clicks selected nothing (%d)" % missed)
            xdo(env, "key", "--window", window, "Escape")
            time.sleep(0.8 * slow)   # the scroll to the new span and its flash
            settle(geometry_path, 0.3 * slow, 5 * slow)
        print("annotate: %d double-clicks of %d selected nothing (tried again)"
              % (missed, count + missed), flush=True)
        return logged()
    finally:
        proc.terminate()
        proc.wait(10 * slow)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--annotations", type=int, default=30)
    parser.add_argument("--renderer", help="GSK_RENDERER for the app (default: GTK's choice)")
    parser.add_argument("--log", help="copy the app's annotate log here")
    parser.add_argument("--wrap", default="",
                        help="a command the annotating app runs under, e.g. \"valgrind "
                             "--tool=callgrind --collect-atstart=no "
                             "--toggle-collect=_alama_doc_view_apply_label\" to count the "
                             "instructions of the label key's work (with --runs 0)")
    parser.add_argument("--slow", type=float, default=1.0,
                        help="multiply the waits by this (under --wrap valgrind: 30)")
    args = parser.parse_args()
    if shutil.which("xdotool") is None or shutil.which("Xvfb") is None:
        sys.exit("needs xdotool and Xvfb")
    alama = bc.find_alama(args.build_dir)
    instrumented = bc.instrumented(alama)
    start_xvfb = load_start_xvfb()

    tmp = tempfile.mkdtemp(prefix="alama-bench-input-")
    jsonl = os.path.join(tmp, "big.jsonl")
    project = os.path.join(tmp, "big.alama")
    bc.gen_corpus("big", jsonl, scale=args.scale)
    bc.import_project(alama, project, jsonl)
    env = bc.app_env(alama)
    env.pop("WAYLAND_DISPLAY", None)
    if args.renderer:
        env["GSK_RENDERER"] = args.renderer

    scrolls, annotate = [], []
    try:
        for run in range(args.runs):
            xvfb, display = start_xvfb()
            try:
                env["DISPLAY"] = display
                scrolls.append(scroll_run(instrumented, project, env))
                print("scroll run %d: %d frames, p50 %.2f ms, p95 %.2f ms, max %.2f ms"
                      % ((run + 1,) + scrolls[-1]), flush=True)
            finally:
                xvfb.terminate()
                xvfb.wait()

        xvfb, display = start_xvfb()
        try:
            env["DISPLAY"] = display
            work = tempfile.mkdtemp(dir=tmp)
            # Annotations are added to the project: a copy keeps runs comparable.
            copy = os.path.join(work, "big.alama")
            shutil.copy(project, copy)
            try:
                annotate = annotate_run(instrumented, copy, env, work, args.annotations,
                                        args.wrap.split(), args.slow)
            finally:
                if args.log:
                    shutil.copy(os.path.join(work, "annotate.log"), args.log)
        finally:
            xvfb.terminate()
            xvfb.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    if not scrolls:
        scrolls = [(0, float("nan"), float("nan"), float("nan"))]
    print()
    print("%g MB document, %d annotations, %d relations, renderer %s"
          % (args.scale, int(10_000 * args.scale), int(2_000 * args.scale),
             args.renderer or "default"))
    bc.print_table(["measure", "p50 ms", "p95 ms", "p99 ms", "max ms", "n", "target"], [
        ("scroll frame (median of %d runs)" % len(scrolls),
         "%.2f" % bc.median([s[1] for s in scrolls]),
         "%.2f" % bc.median([s[2] for s in scrolls]), "-",
         "%.2f" % max(s[3] for s in scrolls), "%d" % scrolls[0][0], "p95 <= 16"),
        ("annotate (key press to frame)", "%.2f" % percentile(annotate, 0.5),
         "%.2f" % percentile(annotate, 0.95), "%.2f" % percentile(annotate, 0.99),
         "%.2f" % max(annotate), "%d" % len(annotate), "p99 <= 10"),
    ])


if __name__ == "__main__":
    main()
