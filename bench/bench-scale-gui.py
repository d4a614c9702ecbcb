#!/usr/bin/env python3
"""Workbench at a hundred times the corpus: the first frame and peak RSS with
many documents in the list, and with one very large document; and the scroll
from top to bottom of that document (what a lazy first frame must not push
onto the user).

    python3 bench/bench-scale-gui.py [--build-dir build] [--runs 3]
        [--docs 1000,10000,100000] [--scales 1,4,10] [--renderers cairo,default]
        [--scroll] [--corpus-dir DIR] [LABEL=EXE ...]

Cases (each LABEL=EXE is one build; without any, the --build-dir one; builds
are run interleaved, one run of each in turn, so they share the machine's load):

  many N, --open    `alama P --open news-000000 --exit-after-first-frame` on a
                    project of N documents (gen-corpus.py many --docs N)
  many N, first     the same without --open: the app shows the list's first
  big S             `alama P --open big --exit-after-first-frame` on one document
                    of S MB with 10,000*S annotations (gen-corpus.py big --scale S)
  scroll S          (with --scroll) ALAMA_BENCH_SCROLL=1 (the build's alama-instrumented):
                    the app scrolls the big
                    document from top to bottom (at most 600 frames) and prints
                    its frame times; reported: p50, p95 and the slowest frame

"first frame" is the app's own first-frame-ms (from main() to the end of the first
paint with the document in it); peak RSS is the app's (wait4). Renderers:
"cairo" sets GSK_RENDERER=cairo, "default" leaves GTK's own choice. The
projects are made once with the first build (kept in --corpus-dir when given).
Targets: many: <= 150 ms at every N (it must not grow with N); big 10 MB:
<= 250 ms and <= 250 MB; scroll p95 <= 16 ms.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_common as bc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("bench_gui", os.path.join(HERE, "bench-gui.py"))
bench_gui = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_gui)

SCROLL_RE = re.compile(r"scroll-frames: (\d+) p50-ms: ([\d.]+) p95-ms: ([\d.]+) max-ms: ([\d.]+)")


def parse_build(arg):
    label, _, exe = arg.partition("=")
    if not exe:
        sys.exit("a build is LABEL=EXE, not %r" % arg)
    return label, exe


def make_project(alama, corpus_dir, kind, amount):
    """The project of one case, made once: returns its path."""
    stem = "%s-%g" % (kind, amount)
    project = os.path.join(corpus_dir, stem + ".alama")
    if os.path.exists(project):
        return project
    jsonl = os.path.join(corpus_dir, stem + ".jsonl")
    if kind == "many":
        bc.gen_corpus("many", jsonl, docs=int(amount))
    else:
        bc.gen_corpus("big", jsonl, scale=amount)
    bc.import_project(alama, project + ".part", jsonl)
    os.rename(project + ".part", project)
    os.remove(jsonl)
    return project


def run_scroll(args, env):
    proc = subprocess.run(args, env=dict(env, ALAMA_BENCH_SCROLL="1"), capture_output=True,
                          text=True, timeout=600)
    match = SCROLL_RE.search(proc.stdout)
    if proc.returncode != 0 or not match:
        sys.exit("%s: no scroll-frames line (status %d): %r" % (" ".join(args), proc.returncode,
                                                                 proc.stderr[-500:]))
    return int(match.group(1)), float(match.group(2)), float(match.group(3)), float(match.group(4))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-dir")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--docs", default="1000,10000,100000")
    parser.add_argument("--scales", default="1,4,10")
    parser.add_argument("--renderers", default="cairo,default")
    parser.add_argument("--scroll", action="store_true", help="also scroll the big documents")
    parser.add_argument("--corpus-dir", help="keep the projects here between runs")
    parser.add_argument("builds", nargs="*", help="LABEL=EXE")
    args = parser.parse_args()
    builds = [parse_build(b) for b in args.builds] or [("build", bc.find_alama(args.build_dir))]
    docs = [int(n) for n in args.docs.split(",") if n]
    scales = [float(s) for s in args.scales.split(",") if s]
    renderers = [r for r in args.renderers.split(",") if r]

    tmp = tempfile.mkdtemp(prefix="alama-bench-scale-")
    corpus_dir = args.corpus_dir or tmp
    os.makedirs(corpus_dir, exist_ok=True)
    xvfb, display = bench_gui.start_xvfb()
    rows, scroll_rows = [], []
    try:
        cases = []
        for n in docs:
            project = make_project(builds[0][1], corpus_dir, "many", n)
            cases.append(("%d documents, --open" % n, project, ["--open", "news-000000"], n, "many"))
            cases.append(("%d documents, first" % n, project, [], n, "many"))
        for scale in scales:
            project = make_project(builds[0][1], corpus_dir, "big", scale)
            cases.append(("%g MB, %d annotations" % (scale, int(10_000 * scale)), project,
                          ["--open", "big"], scale, "big"))

        for renderer in renderers:
            for case, project, extra, amount, kind in cases:
                frames = {label: [] for label, _ in builds}
                rss = {label: [] for label, _ in builds}
                for _ in range(args.runs):
                    for label, exe in builds:
                        env = bc.app_env(exe)
                        env["DISPLAY"] = display
                        env.pop("WAYLAND_DISPLAY", None)
                        if renderer != "default":
                            env["GSK_RENDERER"] = renderer
                        frame, _, peak, _ = bench_gui.run_first_frame(
                            [exe, project] + extra + ["--exit-after-first-frame"], env)
                        frames[label].append(frame)
                        rss[label].append(peak)
                for label, _ in builds:
                    rows.append((renderer, case, label, "%d" % bc.median(frames[label]),
                                 "%d-%d" % (min(frames[label]), max(frames[label])),
                                 "%.0f" % max(rss[label]),
                                 "<= 150 ms" if kind == "many"
                                 else ("<= 250 ms, <= 250 MB" if amount == 10 else "-")))
                    bc.print_table(HEADERS, rows[-1:])
            if args.scroll:
                for case, project, extra, amount, kind in cases:
                    if kind != "big":
                        continue
                    for label, exe in builds:
                        env = bc.app_env(exe)
                        env["DISPLAY"] = display
                        env.pop("WAYLAND_DISPLAY", None)
                        if renderer != "default":
                            env["GSK_RENDERER"] = renderer
                        runs = [run_scroll([bc.instrumented(exe), project] + extra, env)
                                for _ in range(args.runs)]
                        scroll_rows.append((renderer, "scroll " + case, label, "%d" % runs[0][0],
                                            "%.2f" % bc.median([r[1] for r in runs]),
                                            "%.2f" % bc.median([r[2] for r in runs]),
                                            "%.2f" % max(r[3] for r in runs), "p95 <= 16"))
                        bc.print_table(SCROLL_HEADERS, scroll_rows[-1:])
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    print()
    print("first frame (median of %d runs; range) and peak RSS:" % args.runs)
    bc.print_table(HEADERS, rows)
    print_growth(rows)
    if scroll_rows:
        print()
        print("scroll from top to bottom (median of %d runs; slowest frame of all):" % args.runs)
        bc.print_table(SCROLL_HEADERS, scroll_rows)


HEADERS = ["renderer", "case", "build", "first frame ms", "range", "peak RSS MB", "target"]
SCROLL_HEADERS = ["renderer", "case", "build", "frames", "p50 ms", "p95 ms", "max ms", "target"]


def print_growth(rows):
    """How each series grows from its smallest case to its largest."""
    series = {}
    for renderer, case, label, frame, _, peak, _ in rows:
        kind = "documents" if "documents" in case else "MB"
        variant = case.split(", ")[-1] if kind == "documents" else ""
        series.setdefault((renderer, kind, variant, label), []).append((case, int(frame),
                                                                       float(peak)))
    print()
    print("growth (largest case / smallest case):")
    out = []
    for (renderer, kind, variant, label), points in series.items():
        if len(points) < 2:
            continue
        first, last = points[0], points[-1]
        out.append((renderer, "%s -> %s" % (first[0], last[0]), label,
                    "%.1fx" % (last[1] / max(first[1], 1)), "%.1fx" % (last[2] / first[2])))
    bc.print_table(["renderer", "cases", "build", "first frame", "peak RSS"], out)


if __name__ == "__main__":
    main()
